#!/usr/bin/env bash
# Install what the tests need, then run every test (engine, app, browser).
# On Debian/Ubuntu as root, Chromium for the browser tests is installed with apt
# when missing; elsewhere the browser tests skip with one line saying why
# (except in CI, where CI=true makes a missing browser a failure).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium and a CJK font for the browser tests (apt-get)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi

python -m pytest "$@"
