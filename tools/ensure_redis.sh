#!/usr/bin/env bash
# Redis for the scale-out tests (`prohori crawl --redis`, `prohori worker`, `prohori ingest`):
# Debian's redis-server, the same server a deployment runs. The tests start their own instance
# on a free 127.0.0.1 port in a temporary folder; the system service is not used. Installs the
# package as root, or says what to install.
set -euo pipefail
server=${PROHORI_REDIS_SERVER:-redis-server}
if command -v "$server" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server missing: installing Debian's redis-server package (for the scale-out tests)" >&2
  apt-get update -qq
  # policy-rc.d 101: install the binary without starting the system service the tests never use.
  policy=/usr/sbin/policy-rc.d
  made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  if [ "$made_policy" = 1 ]; then rm -f "$policy"; fi
  exit 0
fi
echo "error: $server not found. Install Redis (Debian: sudo apt-get install redis-server)" >&2
echo "       or point PROHORI_REDIS_SERVER at a redis-server binary." >&2
exit 1
