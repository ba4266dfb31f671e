#!/usr/bin/env bash
# Chromium for outlets with `render: true` (scrapy-playwright uses the system browser because
# `playwright install` downloads from the internet). Installs Debian's package as root, or says
# what to install.
set -euo pipefail
browser=${PROHORI_BROWSER_PATH:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium missing: installing Debian's chromium package (for the JavaScript outlet)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "error: $browser not found. Install Chromium (Debian: sudo apt-get install chromium)" >&2
echo "       or point PROHORI_BROWSER_PATH at a Chromium binary." >&2
exit 1
