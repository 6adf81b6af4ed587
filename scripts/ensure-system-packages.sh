#!/usr/bin/env bash
# What the tests need beyond npm, from Debian: Chromium (browser tests), the OCR-B and DejaVu fonts
# (generated passport pages). Installed when missing and we are root. Konok itself needs none of them;
# PDFs are rendered, in the tests as in Konok, with npm packages.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
[ -f /usr/share/fonts/opentype/ocr-b/OCRB.otf ] || missing+=(fonts-ocr-b)
fc-list 2>/dev/null | grep -q DejaVuSans || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need these Debian packages: ${missing[*]} (apt-get install ${missing[*]})." \
  "For Chromium elsewhere, set CHROMIUM_PATH to its binary." >&2
exit 1
