#!/usr/bin/env bash
# One cold crawl pass of N generated feeds (nginx on 64 loopback addresses, as in bench_crawl.sh) by 1, 2 and 3
# `veilleur crawl --once` processes sharing one PostgreSQL database, and by one process on SQLite, in one run:
# wall time, feeds/s, CPU seconds (the crawlers' sum, and the PostgreSQL server's) per 1,000 feeds, the database
# load from pg_stat_database deltas (transactions and rows written per second), then table and index sizes.
#
# Usage: Benchmarks/bench_cluster.sh [-n FEEDS] [--items N] [--daemons "1 2 3"] [--binary PATH] [--fast] [--keep]
# Needs a release build (`swift build -c release`), Debian's nginx (with gzip_static) and postgresql, curl,
# psql, python3 and /usr/bin/time; names the missing ones and exits 69.
#
# Each case gets a new database on one private server (scripts/postgres-test-server.sh, data in the temporary
# folder) started with fsync and synchronous commits on, as in production; --fast turns them off as the tests
# do. Every process reads the same configuration (the example profiles) with its own state folder; the
# sources are claimed pass after pass (cluster.pass_size PASS_SIZE), so the processes split them.
#   CONCURRENCY (64) transfers in flight per process, PER_HOST (2), min_host_delay 0s, PASS_SIZE (100).
set -euo pipefail

FEEDS=2000
ITEMS=60
DAEMONS="1 2 3"
BINARY=.build/release/veilleur
KEEP=0
DURABLE=1
CONCURRENCY=${CONCURRENCY:-64}
PER_HOST=${PER_HOST:-2}
PASS_SIZE=${PASS_SIZE:-100}
HOSTS=64

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
while [ $# -gt 0 ]; do
    case "$1" in
        -n) FEEDS=$2; shift ;;
        --items) ITEMS=$2; shift ;;
        --daemons) DAEMONS=$2; shift ;;
        --binary) BINARY=$2; shift ;;
        --fast) DURABLE=0 ;;
        --keep) KEEP=1 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
done

HERE=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/feeds.sh
. "$HERE/Benchmarks/lib/feeds.sh"
BINARY=$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")
[ -x "$BINARY" ] || { echo "no binary at $BINARY: run swift build -c release" >&2; exit 1; }
missing=""
[ -x "$NGINX" ] || missing="$missing nginx"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
for tool in python3 curl psql; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
[ -x /usr/bin/time ] || missing="$missing time"
[ -z "$missing" ] || { echo "missing:$missing — install them (sudo apt-get install${missing/psql/postgresql-client})" >&2; exit 69; }
feeds_nginx_usable || exit 1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-cluster.XXXXXX")
chmod 755 "$WORK"
cleanup() {
    feeds_nginx_stop "$WORK"
    "$HERE/scripts/postgres-test-server.sh" stop "$WORK/pg" || true
    if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Loopback traffic must not go through a proxy set in the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY VEILLEUR_DATABASE_URL
export NO_PROXY='*' no_proxy='*'

PORT=$(feeds_free_port)
SETTINGS="fetch:
  concurrency: $CONCURRENCY
  per_host: $PER_HOST
  min_host_delay: 0s
cluster:
  pass_size: $PASS_SIZE
"
echo "generating $FEEDS feeds of $ITEMS items over $HOSTS hosts…"
python3 "$HERE/Benchmarks/bench_crawl_gen.py" "$WORK/data" --feeds "$FEEDS" --items "$ITEMS" --port "$PORT" \
    --hosts "$HOSTS" --profiles 1 --settings "$SETTINGS" --examples "$HERE/config" >/dev/null
CONFIG="$WORK/data/example"

feeds_nginx_start "$WORK" "$HOSTS" "$PORT"

SERVER=$(POSTGRES_TEST_DURABLE=$DURABLE "$HERE/scripts/postgres-test-server.sh" start "$WORK/pg")
SERVER=${SERVER%%\?*}
SERVER=${SERVER%/*}
POSTMASTER=$(head -1 "$WORK/pg/data/postmaster.pid")
sql() { psql "$SERVER/$1?sslmode=disable" -X -Atq -F ' ' -c "$2"; }
PG_VERSION=$(sql postgres "SHOW server_version")
FSYNC=$(sql postgres "SHOW fsync")
SYNC_COMMIT=$(sql postgres "SHOW synchronous_commit")

# CPU seconds used so far by the PostgreSQL server: the postmaster, its children that ended (backends of
# closed connections) and those still running (checkpointer, WAL writer…).
server_cpu() {
    python3 - "$POSTMASTER" <<'EOF'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
def fields(pid):
    text = open(f"/proc/{pid}/stat").read()
    return text[text.rindex(")") + 2:].split()
root = sys.argv[1]
own = fields(root)
total = sum(int(own[i]) for i in (11, 12, 13, 14))
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = fields(pid)
    except OSError:
        continue
    if stat[1] == root:
        total += int(stat[11]) + int(stat[12])
print(f"{total / tick:.2f}")
EOF
}

echo
echo "feeds: $FEEDS × $ITEMS items on nginx (gzip_static), 127.0.1.1–127.0.1.$HOSTS port $PORT"
echo "veilleur: $BINARY crawl --once; concurrency=$CONCURRENCY per_host=$PER_HOST pass_size=$PASS_SIZE, example profiles"
echo "postgresql: $PG_VERSION on 127.0.0.1, fsync=$FSYNC synchronous_commit=$SYNC_COMMIT; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-11s %7s %8s %8s %9s %10s %9s %9s %8s %9s %9s\n' \
    backend daemons seconds feeds/s "CPU s" "CPU s/1k" "PG CPU s" "xact/s" "rows/s" fetched "new items"

# run_case BACKEND DAEMONS: one cold pass by DAEMONS processes on a new database; prints one row.
run_case() {
    local backend=$1 count=$2 label="$1-$2" database="" url="" before="0 0 0 0" after="0 0 0 0" cpu_before=0 cpu_after=0
    if [ "$backend" = postgresql ]; then
        database="bench_$count"
        sql postgres "CREATE DATABASE $database"
        url="$SERVER/$database?sslmode=disable"
        before=$(sql "$database" "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = '$database'")
        cpu_before=$(server_cpu)
    fi
    local start end pids=() index
    start=$(date +%s.%N)
    for index in $(seq 1 "$count"); do
        local command=("$BINARY" crawl --once --json --quiet --config "$CONFIG" --state "$WORK/state-$label-$index" --log-level error)
        [ -z "$url" ] || command+=(--database "$url")
        mkdir -p "$WORK/state-$label-$index"
        /usr/bin/time -f '%e %U %S %M' -o "$WORK/time-$label-$index" "${command[@]}" \
            >"$WORK/out-$label-$index" 2>"$WORK/err-$label-$index" &
        pids+=($!)
    done
    for index in "${!pids[@]}"; do
        wait "${pids[$index]}" || { echo "$label process $((index + 1)) failed:" >&2; tail -5 "$WORK/err-$label-$((index + 1))" >&2; exit 1; }
    done
    end=$(date +%s.%N)
    if [ "$backend" = postgresql ]; then
        # Backends report their counters when their connection closes; a fresh snapshot then sees them all.
        sleep 1
        after=$(sql "$database" "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = '$database'")
        cpu_after=$(server_cpu)
    fi
    python3 - "$WORK" "$label" "$count" "$start" "$end" "$FEEDS" "$backend" "$before" "$after" "$cpu_before" "$cpu_after" <<'EOF'
import json, sys
work, label, count, start, end, feeds, backend, before, after, cpu_before, cpu_after = sys.argv[1:]
count, feeds, wall = int(count), int(feeds), float(end) - float(start)
cpu = fetched = new_items = 0
for index in range(1, count + 1):
    _, user, system, _ = open(f"{work}/time-{label}-{index}").read().split()[-4:]
    cpu += float(user) + float(system)
    summary = json.loads(open(f"{work}/out-{label}-{index}").read().strip().splitlines()[-1])
    fetched += summary["fetched"] + summary["unchanged"] + summary["failed"]
    new_items += summary["new_items"]
delta = [int(a) - int(b) for a, b in zip(after.split(), before.split())]
pg_cpu = float(cpu_after) - float(cpu_before)
xact = f"{delta[0] / wall:.0f}" if backend == "postgresql" else "-"
rows = f"{(delta[1] + delta[2] + delta[3]) / wall:.0f}" if backend == "postgresql" else "-"
pg = f"{pg_cpu:.1f}" if backend == "postgresql" else "-"
print(f"{backend:<11} {count:>7} {wall:>8.1f} {feeds / wall:>8.0f} {cpu:>9.1f} {(cpu + pg_cpu) * 1000 / feeds:>10.1f} {pg:>9} {xact:>9} {rows:>8} {fetched:>9} {new_items:>9}")
with open(f"{work}/deltas-{label}", "w") as out:
    out.write(f"xact_commit={delta[0]} tup_inserted={delta[1]} tup_updated={delta[2]} tup_deleted={delta[3]}\n")
EOF
}

for count in $DAEMONS; do run_case postgresql "$count"; done
run_case sqlite 1
echo
echo "CPU s: the crawl processes' user+system time, summed; CPU s/1k: with the server's, per 1,000 feeds; rows/s: inserted+updated+deleted"
for count in $DAEMONS; do echo "postgresql-$count: $(cat "$WORK/deltas-postgresql-$count")"; done

last=$(echo "$DAEMONS" | awk '{print $NF}')
if [ -z "$last" ]; then
    echo "SQLite: $(du -cm "$WORK"/state-sqlite-1-1/veilleur.sqlite* | tail -1 | cut -f1) MB"
    exit 0
fi
echo
echo "sizes after the $last-process run (bench_$last):"
sql "bench_$last" "ANALYZE"
sql "bench_$last" "
    SELECT rpad(c.relname, 18), lpad(to_char(c.reltuples::bigint, 'FM9999999990'), 9) AS rows,
           lpad(pg_size_pretty(pg_table_size(c.oid)), 9) AS tbl, lpad(pg_size_pretty(pg_indexes_size(c.oid)), 9) AS idx,
           lpad(CASE WHEN c.reltuples > 0 THEN (pg_indexes_size(c.oid) / c.reltuples)::bigint::text ELSE '-' END, 6) AS idx_b_per_row
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC" |
    { printf '%-18s %9s %9s %9s %6s\n' table rows table indexes "idx B/row"; cat; }
sql "bench_$last" "SELECT 'indexes: ' || string_agg(indexrelname || ' ' || pg_size_pretty(pg_relation_size(indexrelid)), ', ' ORDER BY pg_relation_size(indexrelid) DESC) FROM pg_stat_user_indexes"
echo "database: $(sql "bench_$last" "SELECT pg_size_pretty(pg_database_size('bench_$last'))"); SQLite: $(du -cm "$WORK"/state-sqlite-1-1/veilleur.sqlite* | tail -1 | cut -f1) MB"
