#!/usr/bin/env bash
# Go runtime of the ase-lite dynamic checks: a Go toolchain new enough for the repositories
# (go 1.22 routing patterns), SQLite for the database stand-ins, git for the gitpeek seed, and
# a warm Go build cache that every check copies before it compiles the application.
# Idempotent; run as root on Debian 12 (bookworm). Debian packages only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runtime="$here/sandboxes/runtime/go"
export DEBIAN_FRONTEND=noninteractive

# The newest Go >= 1.22 under /usr/lib (the one _lib/gocheck.py picks too).
go_bin() {
	local found
	found="$(ls -d /usr/lib/go-1.2[2-9]/bin/go /usr/lib/go-1.[3-9][0-9]/bin/go 2>/dev/null | sort -V | tail -n 1)"
	[ -n "$found" ] && [ -x "$found" ] && echo "$found"
}

if ! go_bin >/dev/null || ! dpkg -s golang-github-mattn-go-sqlite3-dev libsqlite3-dev gcc git >/dev/null 2>&1; then
	codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
	if [ "$codename" = bookworm ]; then
		# bookworm's own Go is 1.19; Go >= 1.22 (routing patterns of net/http) is in its backports.
		if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
			cat >/etc/apt/sources.list.d/debian-backports.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
		fi
		apt-get update -qq
		go_bin >/dev/null || apt-get install -y -qq -t bookworm-backports golang-1.23-go >/dev/null
	else
		apt-get update -qq
		go_bin >/dev/null || apt-get install -y -qq golang-go >/dev/null
	fi
	apt-get install -y -qq golang-github-mattn-go-sqlite3-dev libsqlite3-dev gcc git >/dev/null
fi
go_bin >/dev/null || { echo "go runtime: no Go >= 1.22 could be installed" >&2; exit 1; }

go="$(go_bin)"
echo "go runtime: $("$go" version)"

# Warm build cache: same flags and environment as _lib/gocheck.py uses for the applications.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$runtime/warm/go.mod" "$work/go.mod"
cat >>"$work/go.mod" <<MOD
replace github.com/mattn/go-sqlite3 => /usr/share/gocode/src/github.com/mattn/go-sqlite3
replace github.com/lib/pq => $runtime/pq
replace github.com/jackc/pgx/v5 => $runtime/pgx
replace ase.local/pgshim => $runtime/pgshim
MOD
mkdir -p "$runtime/cache"
(
	cd "$runtime/warm"
	env GOCACHE="$runtime/cache" GOPATH="$work/gopath" GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off \
		GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=1 HOME="$work" \
		"$go" build -trimpath -tags libsqlite3 -modfile "$work/go.mod" -o "$work/warm" .
)
chmod -R a+rX "$runtime/cache"
echo "go runtime: build cache $(du -sh "$runtime/cache" | cut -f1) in $runtime/cache"

# The stand-in client (sandboxes/runtime/standin, standard library only): a check's Python
# stand-in for a tool (ffmpeg, dig, pandoc...) starts through it in a fork of a warm
# interpreter, about 5 ms of CPU a run instead of 20-30 (datasets/ase-lite/checks/_lib/standins.py).
(
	cd "$here/sandboxes/runtime/standin"
	env GOCACHE="$work/standin-cache" GOPATH="$work/gopath" GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off \
		GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0 HOME="$work" \
		"$go" build -trimpath -ldflags="-s -w" -o ase-standin .
)
echo "go runtime: stand-in client in $here/sandboxes/runtime/standin/ase-standin"
