#!/usr/bin/env bash
# The whole test suite. Installs what the tests need (Python packages, Debian's chromium).
# DATABASE_URL picks the database (SQLite in memory when unset); extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed and cannot be installed here: browser tests will be skipped."
  fi
fi
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$PWD/test-artifacts/screenshots}
mkdir -p "$SCREENSHOT_DIR"
exec .venv/bin/python -m pytest "$@"
