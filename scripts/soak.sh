#!/usr/bin/env bash
# Soak: the daemon (`veilleur run`) for MINUTES on FEEDS loopback feeds served by nginx as in
# Benchmarks/bench_crawl.sh, with short intervals and new items published while it runs. Every 10 s it samples
# the daemon's memory (VmRSS), open file descriptors, threads, the database size (SQLite file + WAL), the crawl
# lag and items stored (`veilleur status --json`) and the fetches counted on its metrics endpoint into a CSV,
# then draws them as a PNG (gnuplot), prints a summary and exits 1 when memory or descriptors keep growing.
#
# Usage: scripts/soak.sh MINUTES [--binary PATH] [-n FEEDS] [--items N] [--every S] [--share F] [--new K]
#                        [--warmup S] [--max-rss-slope MB] [--max-fd-slope FDS] [--log-level L] [--out DIR] [--keep]
# Needs a release build (`swift build -c release --product veilleur`), Debian's nginx (with gzip_static),
# gnuplot (gnuplot-nox), curl and python3; names the missing ones and exits 69.
#
#   FEEDS (2000) feeds of ITEMS (20) items over 64 hosts, the example profiles of config/; the daemon runs with
#   default_interval 1m, fetch.min_interval 30s, max_interval 2m, concurrency 64, per_host 2, min_host_delay 0s
#   and its metrics endpoint on a free loopback port (scraped at each sample). Every EVERY (30) s, a SHARE
#   (0.05) of the feeds gets NEW (2) new items (scripts/soak_feeds.py).
# Verdict (scripts/soak_report.py): warm-up lasts WARMUP (120) s, or until every source has been fetched once
# if that is later; over the second half of what follows, the least-squares slope of RSS must stay at or
# below MAX_RSS_SLOPE (1.0) MB per minute and that of open descriptors at or below MAX_FD_SLOPE (2) per
# minute, or the run fails (exit 1). A daemon that dies, or does not stop within 60 s of SIGTERM, fails too;
# a run whose first pass never finished, or with fewer than 6 samples after warm-up, judges nothing (exit 2).
# Results in OUT (default: a new folder under $TMPDIR or /tmp): soak.csv, soak.png, summary.txt, daemon.log,
# feeds.log. --keep also keeps the temporary folder (feeds, nginx, configuration, state).
set -euo pipefail

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
[ $# -gt 0 ] || usage
case "$1" in -h|--help) usage ;; esac
MINUTES=$1
shift
[[ "$MINUTES" =~ ^[0-9]+$ ]] && [ "$MINUTES" -ge 3 ] || { echo "MINUTES: a whole number, at least 3" >&2; exit 64; }
FEEDS=2000
ITEMS=20
EVERY=30
SHARE=0.05
NEW=2
WARMUP=120
MAX_RSS_SLOPE=1.0
MAX_FD_SLOPE=2
LOG_LEVEL=info
BINARY=.build/release/veilleur
OUT=""
KEEP=0
HOSTS=64
SAMPLE_EVERY=10
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) BINARY=$2; shift ;;
        -n) FEEDS=$2; shift ;;
        --items) ITEMS=$2; shift ;;
        --every) EVERY=$2; shift ;;
        --share) SHARE=$2; shift ;;
        --new) NEW=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --max-rss-slope) MAX_RSS_SLOPE=$2; shift ;;
        --max-fd-slope) MAX_FD_SLOPE=$2; shift ;;
        --log-level) LOG_LEVEL=$2; shift ;;
        --out) OUT=$2; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
done

HERE=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../Benchmarks/lib/feeds.sh
. "$HERE/Benchmarks/lib/feeds.sh"
BINARY=$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")
[ -x "$BINARY" ] || { echo "no binary at $BINARY: run swift build -c release --product veilleur" >&2; exit 1; }
missing=""
[ -x "$NGINX" ] || missing="$missing nginx"
command -v gnuplot >/dev/null || missing="$missing gnuplot-nox"
for tool in python3 curl; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
[ -z "$missing" ] || { echo "missing:$missing — install them (sudo apt-get install$missing)" >&2; exit 69; }
feeds_nginx_usable || exit 1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/veilleur-soak.XXXXXX")
chmod 755 "$WORK"
OUT=${OUT:-$WORK.out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DAEMON=""
UPDATER=""
cleanup() {
    [ -z "$UPDATER" ] || kill -TERM "$UPDATER" 2>/dev/null || true
    [ -z "$DAEMON" ] || kill -KILL "$DAEMON" 2>/dev/null || true
    feeds_nginx_stop "$WORK"
    if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Loopback traffic must not go through a proxy set in the environment; the database is the state's SQLite file.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY VEILLEUR_DATABASE_URL
export NO_PROXY='*' no_proxy='*'

PORT=$(feeds_free_port)
METRICS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SETTINGS="default_interval: 1m
metrics:
  listen: \"127.0.0.1:$METRICS_PORT\"
fetch:
  concurrency: 64
  per_host: 2
  min_host_delay: 0s
  min_interval: 30s
  max_interval: 2m
"
echo "generating $FEEDS feeds of $ITEMS items over $HOSTS hosts…"
python3 "$HERE/Benchmarks/bench_crawl_gen.py" "$WORK/data" --feeds "$FEEDS" --items "$ITEMS" --port "$PORT" \
    --hosts "$HOSTS" --profiles 1 --settings "$SETTINGS" --examples "$HERE/config" >/dev/null
CONFIG="$WORK/data/example"
STATE="$WORK/state"
DATABASE="$STATE/veilleur.sqlite"
mkdir -p "$STATE"
"$BINARY" check --config "$CONFIG" >/dev/null || { echo "the soak configuration does not load (above)" >&2; exit 1; }
feeds_nginx_start "$WORK" "$HOSTS" "$PORT"

DURATION=$((MINUTES * 60))
{
    echo "soak: $MINUTES min, $FEEDS feeds × $ITEMS items on nginx (gzip_static), 127.0.1.1–127.0.1.$HOSTS port $PORT"
    echo "publishing: every $EVERY s, $SHARE of the feeds get $NEW new items each"
    echo "veilleur: $BINARY run, example profiles, default_interval 1m, min_interval 30s, max_interval 2m," \
        "concurrency 64, per_host 2, metrics on 127.0.0.1:$METRICS_PORT"
    echo "machine: $(nproc) cores, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"

"$BINARY" run --config "$CONFIG" --state "$STATE" --log-level "$LOG_LEVEL" 2>"$OUT/daemon.log" &
DAEMON=$!
START_NS=$(date +%s%N)
python3 "$HERE/scripts/soak_feeds.py" "$WORK/data" --feeds "$FEEDS" --items "$ITEMS" --port "$PORT" --hosts "$HOSTS" \
    --every "$EVERY" --share "$SHARE" --new "$NEW" --duration "$DURATION" >"$OUT/feeds.log" &
UPDATER=$!

# The status fields one sample takes: overdue sources, how late the earliest is, items stored, never fetched.
status_fields() {
    "$BINARY" status --json --config "$CONFIG" --state "$STATE" 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)
lag = s.get("crawl_lag", {})
print(lag.get("overdue_sources", ""), lag.get("most_overdue_seconds", ""), s.get("stored_items", ""),
      s.get("sources", {}).get("never_fetched", ""), sep=",")' 2>/dev/null || echo ",,,"
}
file_bytes() { if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi; }

CSV="$OUT/soak.csv"
echo "elapsed_s,rss_mb,fds,threads,db_mb,overdue_sources,lag_s,stored_items,never_fetched,fetches,load1,wal_mb" >"$CSV"
echo "sampling every ${SAMPLE_EVERY}s into $CSV…"
sample=0
while :; do
    elapsed_ms=$((($(date +%s%N) - START_NS) / 1000000))
    [ "$elapsed_ms" -lt $((DURATION * 1000)) ] || break
    if ! kill -0 "$DAEMON" 2>/dev/null; then
        wait "$DAEMON" && code=0 || code=$?
        DAEMON=""
        echo "the daemon exited (status $code) after $((elapsed_ms / 1000)) s; its last lines:" | tee -a "$OUT/summary.txt" >&2
        tail -20 "$OUT/daemon.log" >&2
        exit 1
    fi
    rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$DAEMON/status")
    fds=$(find "/proc/$DAEMON/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
    wal_bytes=$(file_bytes "$DATABASE-wal")
    db_bytes=$(($(file_bytes "$DATABASE") + wal_bytes))
    fields=$(status_fields)
    fetches=$(curl -s --max-time 5 "http://127.0.0.1:$METRICS_PORT/metrics" |
        awk '/^veilleur_fetches_total[{ ]/ {sum += $NF} END {printf "%d", sum}') || fetches=""
    load=$(cut -d' ' -f1 /proc/loadavg)
    printf '%.1f,%.1f,%s,%s,%.2f,%s,%s,%s,%.2f\n' "$(awk "BEGIN {print $elapsed_ms / 1000}")" \
        "$(awk "BEGIN {print $rss_kb / 1024}")" "$fds" "$threads" "$(awk "BEGIN {print $db_bytes / 1048576}")" \
        "$fields" "$fetches" "$load" "$(awk "BEGIN {print $wal_bytes / 1048576}")" >>"$CSV"
    sample=$((sample + 1))
    pause_ms=$((sample * SAMPLE_EVERY * 1000 - ($(date +%s%N) - START_NS) / 1000000))
    [ "$pause_ms" -le 0 ] || sleep "$(awk "BEGIN {print $pause_ms / 1000}")"
done

kill -TERM "$UPDATER" 2>/dev/null || true
wait "$UPDATER" || true
UPDATER=""
kill -TERM "$DAEMON"
stopped=0
for _ in $(seq 600); do kill -0 "$DAEMON" 2>/dev/null || { stopped=1; break; }; sleep 0.1; done
stop_note="the daemon stopped within 60 s of SIGTERM"
if [ "$stopped" = 1 ]; then
    wait "$DAEMON" && code=0 || code=$?
    stop_note="$stop_note, status $code"
    DAEMON=""
else
    stop_note="the daemon did not stop within 60 s of SIGTERM"
fi
{
    echo "machine: load at end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "feeds: $(tail -1 "$OUT/feeds.log" | sed 's/.*published=/published /') new items in $(wc -l <"$OUT/feeds.log") rounds"
    echo "daemon log: $(grep -c 'level=warning' "$OUT/daemon.log" || true) warnings, $(grep -c 'level=error' "$OUT/daemon.log" || true) errors; $stop_note"
} | tee -a "$OUT/summary.txt"

python3 "$HERE/scripts/soak_report.py" "$CSV" --png "$OUT/soak.png" --warmup "$WARMUP" \
    --max-rss-slope "$MAX_RSS_SLOPE" --max-fd-slope "$MAX_FD_SLOPE" --gnuplot "$HERE/scripts/soak.gnuplot" |
    tee -a "$OUT/summary.txt" && verdict=0 || verdict=${PIPESTATUS[0]}
[ "$stopped" = 1 ] && [ "${code:-1}" = 0 ] || verdict=1
echo "results: $OUT"
exit "$verdict"
