#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the dashboard's browser test (ecomlog-aws-backend/dashboard).
# Distribution packages only: Selenium is pointed at these binaries, so no browser is ever downloaded.
# A no-op once /usr/bin/chromedriver exists; run by Maven before the module's tests.
set -euo pipefail

if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends chromium chromium-driver
