#!/usr/bin/env bash
# Installs the JavaScript runtime of the ase-lite checks: Node.js (Debian's, unless a node is
# already there) and the modules in sandboxes/runtime/javascript (express from the npm
# registry; sqlite3, pg and mysql2 stand-ins over SQLite from sql.js). The applications find
# them through NODE_PATH. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../../sandboxes/runtime/javascript"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.ase-installed-lock; then
  echo "runtime/javascript: up to date"
  exit 0
fi
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
cp package-lock.json node_modules/.ase-installed-lock
echo "runtime/javascript: installed $(ls node_modules | tr '\n' ' ')"
