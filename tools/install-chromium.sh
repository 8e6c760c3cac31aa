#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the dashboard's browser test (local/dashboard).
# Distribution packages only: Selenium is pointed at these binaries, so no browser is ever downloaded.
# A no-op once /usr/bin/chromedriver exists; run by io.ecomlog.testing.HeadlessChromium before its first browser.
set -euo pipefail

if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-chromium.sh: no apt-get here; install Chromium and its driver as /usr/bin/chromium and" \
       "/usr/bin/chromedriver, or build with -DskipTests" >&2
  exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
# another build may hold the dpkg lock for a while: wait for it rather than fail
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium chromium-driver
