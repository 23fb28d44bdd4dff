#!/usr/bin/env bash
# Makes a Docker engine answer on this machine and builds (or reuses) the evaluation image.
# Idempotent: installs docker.io when dockerd is missing, starts dockerd in the background
# when no engine answers (as root, without systemd: CI containers, VMs), waits up to 60 s,
# then runs `ase sandbox build`, which reuses a current image. Exits non-zero when no engine
# can be started. The engine's log is in ${DOCKERD_LOG:-/tmp/dockerd.log}.
set -euo pipefail
cd "$(dirname "$0")/.."

log=${DOCKERD_LOG:-/tmp/dockerd.log}
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else sudo=""; fi

engine_answers() { docker info >/dev/null 2>&1; }

if ! engine_answers; then
  if ! command -v dockerd >/dev/null; then
    echo "docker-engine: installing docker.io"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker.io >/dev/null
  fi
  if ! engine_answers; then
    if [ "$(id -u)" != 0 ] && [ -z "$sudo" ]; then
      echo "docker-engine: no engine answers and starting dockerd needs root" >&2
      exit 1
    fi
    echo "docker-engine: starting dockerd (log: $log)"
    # setsid: the engine must outlive this script and the shell that ran it.
    start_engine() { $sudo setsid dockerd >>"$log" 2>&1 < /dev/null & pid=$!; }
    start_engine
    for _ in $(seq 1 60); do
      sleep 1
      engine_answers && break
      # Exited at once? A dockerd still shutting down holds its pid file for a few
      # seconds and makes a new one give up: try again.
      $sudo kill -0 "$pid" 2>/dev/null || start_engine
    done
  fi
fi
if ! engine_answers; then
  echo "docker-engine: no Docker engine answers after 60 s; the end of $log:" >&2
  tail -n 20 "$log" >&2 2>/dev/null || true
  exit 1
fi
echo "docker-engine: $(docker version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}}')"

# The evaluation image: built offline (debootstrap + docker import + docker build), reused
# when it exists and its recipe is unchanged.
if .venv/bin/ase sandbox build --help >/dev/null 2>&1; then
  .venv/bin/ase sandbox build
else  # a CLI without the subcommand yet: the same function, called directly
  .venv/bin/python -c "from ase_async.sandboxes.images import build_image; print(build_image())"
fi
