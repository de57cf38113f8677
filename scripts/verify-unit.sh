#!/usr/bin/env bash
# Checks systemd/veilleur.service with systemd-analyze: `verify` must print nothing (it exits 0 even on
# errors) and the offline security exposure must stay at or below 2.0.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
    echo "verify-unit: systemd-analyze not found, skipped" >&2
    exit 0
fi
binary=${1:-$PWD/.build/debug/veilleur}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# verify resolves ExecStart, so point it at the binary just built.
sed "s|/usr/local/bin/veilleur|$binary|" systemd/veilleur.service > "$work/veilleur.service"
out=$(systemd-analyze verify "$work/veilleur.service" 2>&1 || true)
if [ -n "$out" ]; then
    echo "verify-unit: systemd-analyze verify complained:" >&2
    echo "$out" >&2
    exit 1
fi
score=$(systemd-analyze security --offline=true "$work/veilleur.service" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "verify-unit: systemd-analyze verify ok; security exposure $score"
awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.0) }' || { echo "verify-unit: exposure $score above 2.0" >&2; exit 1; }
