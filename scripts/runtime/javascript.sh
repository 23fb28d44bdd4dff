#!/usr/bin/env bash
# Installs the JavaScript runtime of the ase-lite checks: Node.js (Debian's, unless a node is
# already there) and the modules of sandboxes/runtime/javascript: express and sql.js from the
# npm registry, and the stand-ins in standins/ (sqlite3, pg and mysql2 over SQLite from sql.js,
# copied into node_modules, no symlinks). The applications find them through NODE_PATH.
# The SQL stand-ins' dialect lexers are self-tested after installing.
# Safe to run again: it reinstalls only when the lock file or a stand-in changed.
set -euo pipefail
cd "$(dirname "$0")/../../sandboxes/runtime/javascript"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

stamp="$( (cat package-lock.json; find standins -type f | LC_ALL=C sort | xargs cat) | sha256sum | cut -d' ' -f1)"
if [ -f node_modules/.ase-installed ] && [ "$(cat node_modules/.ase-installed)" = "$stamp" ]; then
  echo "runtime/javascript: up to date"
  exit 0
fi
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
node node_modules/sqlengine/selftest.js
echo "$stamp" > node_modules/.ase-installed
echo "runtime/javascript: installed $(ls node_modules | wc -l) packages"
