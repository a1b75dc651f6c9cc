#!/usr/bin/env bash
# Set up everything newstables needs on a fresh machine with only python3:
# a .venv, the package with its extras (spaCy + model, frictionless, Datasette, dev tools),
# and, with --browser, Debian's chromium for the real-browser test.
# Usage: bash scripts/setup.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
fi
.venv/bin/uv pip install --quiet --python .venv/bin/python -e ".[dev]"
# Byte-compile the installed packages once: where PYTHONDONTWRITEBYTECODE is set (as on these
# machines) every process would otherwise recompile spaCy, pandas ... at start (~5 s each).
.venv/bin/python -m compileall -q -j 0 .venv/lib/python3*/site-packages >/dev/null 2>&1 || true
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian chromium for the browser test" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "setup: could not install chromium; the browser test will say so" >&2
  else
    echo "setup: chromium missing and cannot apt-get install it here; the browser test will say so" >&2
  fi
fi
