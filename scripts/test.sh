#!/usr/bin/env bash
# Quick start 2: set everything up (including chromium), then run lint and the test suite.
# Usage: bash scripts/test.sh   (extra arguments go to pytest)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check src tests scripts
.venv/bin/ruff format --check src tests scripts
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = 5 ]; then
  echo "test.sh: pytest collected no tests: failing loudly" >&2
  exit 1
fi
exit "$status"
