#!/bin/sh
# What the PHP checks of ase-lite need, from Debian packages (idempotent; run as root).
# php-cli with GD, intl, mbstring and PDO SQLite/MySQL runs the applications under PHP's built-in server;
# ffmpeg/ffprobe are the media tools php-cmdi-02 drives; MariaDB (started by the check, never as
# a service) is the MySQL the sqli projects are written for. The stand-in ping lives in
# sandboxes/runtime/php/bin (a check's sandbox has no raw sockets).
set -eu
packages="php-cli php-gd php-intl php-mbstring php-sqlite3 php-mysql mariadb-server ffmpeg"
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
chmod +x "$(dirname "$0")/../../sandboxes/runtime/php/bin/ping"
