#!/usr/bin/env bash
# Install what the tests need, then run every test (engine, app, browser), in parallel.
# The browser tests drive Chromium: on Debian as root it is installed with apt
# when missing (package "chromium", with a CJK font for the Chinese pages);
# where apt has no such package (Ubuntu ships Chromium as a snap), Playwright's
# own Chromium is downloaded instead. Without any Chromium the browser tests
# skip with one line saying why, except in CI (CI=true), where that fails.
# The deployment tests (tests/deploy) put HAProxy in front of three replicas:
# haproxy is installed the same way (apt, as root) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

has_chromium() {
  python -c "import sys; from tests.browser.harness import chromium_path; sys.exit(chromium_path() is None)"
}

if ! has_chromium && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and a CJK font for the browser tests (apt-get)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || true
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || ! has_chromium; then
    echo "apt has no usable chromium here; downloading Playwright's Chromium instead..."
    python -m playwright install --with-deps chromium || true
  fi
fi

has_haproxy() {
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]
}

if ! has_haproxy && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing HAProxy for the deployment tests (apt-get)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null || true
fi

# Python keeps the bytecode it compiles (in __pycache__ folders, which git ignores), even where
# PYTHONDONTWRITEBYTECODE is set: every test worker, every server the tests start and every
# child process that measures memory would otherwise compile the app's modules and the tests
# (pytest's rewrite of their asserts) anew, 4 s of CPU for each worker's collection alone.
# The project's own modules are compiled once here, before the workers start side by side.
unset PYTHONDONTWRITEBYTECODE
python -m compileall -q -j 0 app.py ui views logreg_core deploy bench tests >/dev/null

# The tests run in parallel (pytest-xdist), PYTEST_WORKERS processes at once (3 by
# default: the browser tests spend much of their time waiting for a page, so three
# keep two cores busy). Each worker starts its own streamlit server and Chromium when
# it first needs them; the replica tests share one cluster, so they all go to one
# worker (--dist loadgroup and their xdist_group mark). "-n 0" runs them one by one.
python -m pytest -n "${PYTEST_WORKERS:-3}" --dist loadgroup "$@"
