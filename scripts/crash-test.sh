#!/usr/bin/env bash
# Crash-safety test: builds the debug binary (incrementally), then kills veilleur at random moments and
# checks that nothing is lost or doubled (see scripts/crash-test.py). Arguments go to the Python script:
# `scripts/crash-test.sh --rounds 12` for CI, `--seed N --keep` to replay a run and keep its state.
# VEILLEUR_SCRATCH chooses the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${VEILLEUR_SCRATCH:-.build}
swift build --scratch-path "$scratch" --product veilleur >&2
exec timeout --signal=INT --kill-after=30 900 python3 scripts/crash-test.py --binary "$scratch/debug/veilleur" "$@"
