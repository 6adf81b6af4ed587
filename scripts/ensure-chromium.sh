#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium. Install it when missing and we can (root + apt-get).
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $chromium_path: install the Debian package 'chromium'" \
  "(apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
