#!/usr/bin/env bash
# Quick start 1: set everything up, then build + validate the dataset from data/articles/.
# Usage: bash scripts/run.sh   (extra arguments go to `newstables build`)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/newstables build "$@"
.venv/bin/newstables validate .
