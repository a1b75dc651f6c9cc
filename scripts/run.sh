#!/usr/bin/env bash
# Quick start 1: set everything up, then build + validate a dataset (by default this
# repository's, from data/articles/). Arguments go to `newstables build`; the package it
# wrote (--out DIR, else this repository) is the one validated.
# Usage: bash scripts/run.sh [--articles DIR --out DIR] [--published-default YYYY-MM-DD] ...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
out=.
previous=""
for argument in "$@"; do
  case "$previous" in --out) out="$argument" ;; esac
  case "$argument" in --out=*) out="${argument#--out=}" ;; esac
  previous="$argument"
done
.venv/bin/newstables build "$@"
.venv/bin/newstables validate "$out"
