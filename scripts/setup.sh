#!/usr/bin/env bash
# Installs what ase_async needs on a Debian/Ubuntu machine: the native syntax checkers and
# bubblewrap (system packages, when we are root or have sudo), then a virtualenv in .venv
# with ase_async and its dev extra. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(git patch bubblewrap php-cli nodejs golang-go default-jdk-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# A JDK or Node.js installed some other way is as good as the Debian package.
command -v javac >/dev/null && missing=("${missing[@]/default-jdk-headless}")
command -v node >/dev/null && missing=("${missing[@]/nodejs}")
read -r -a missing <<< "${missing[*]}"
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else sudo="skip"; fi
  if [ "$sudo" != skip ]; then
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: cannot install ${missing[*]} (not root, no sudo); checks fall back to tree-sitter" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
# An editable install leaves the project's own modules uncompiled; where the environment
# forbids writing bytecode on import (PYTHONDONTWRITEBYTECODE), every `ase` command would
# compile them again (about 100 modules, a few tenths of a second). pip compiles what it
# installs; do the same here. Stale files are harmless: Python checks each source's mtime.
.venv/bin/python -m compileall -q ase_async adapters sandboxes rules >/dev/null

# The runtimes of ase-lite's dynamic checks, one script a language (Flask, Express and the
# database stand-ins, a Go toolchain, the servlet API, PHP's extensions...). Each is
# idempotent and installs from Debian's packages, PyPI or npm only.
for script in scripts/runtime/*.sh; do
  if [ "$(id -u)" = 0 ]; then
    bash "$script" "$PWD/.venv"
  elif command -v sudo >/dev/null; then
    sudo bash "$script" "$PWD/.venv"
  else
    echo "setup: cannot run $script (not root, no sudo): the dynamic checks of its language will not run" >&2
  fi
done
# --- Browser tests (tests/test_viewer_browser.py): Debian's chromium -------------------
# Playwright's own browser download does not work here; the tests launch /usr/bin/chromium.
# Idempotent: skipped when chromium is already installed.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else sudo="skip"; fi
  if [ "$sudo" != skip ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
      || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }
  else
    echo "setup: cannot install chromium (not root, no sudo): the browser tests will be skipped" >&2
  fi
fi
# --- end of browser tests ---------------------------------------------------------------
echo "setup: done (.venv/bin/ase)"
