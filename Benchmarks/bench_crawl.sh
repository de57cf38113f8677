#!/usr/bin/env bash
# The whole crawl pipeline (fetch, parse, match, store) over N generated feeds served pre-compressed by nginx
# on 64 loopback addresses, cold (empty state) and warm (every feed answers 304), in feeds/s and peak RSS,
# next to curl and newsboat fetching the same URLs in the same run.
#
# Usage: Benchmarks/bench_crawl.sh [-n FEEDS] [--items N] [--profiles example|generated|both]
#                                   [--generated-profiles N] [--binary PATH] [--no-curl] [--no-newsboat] [--keep]
#                                   [--perf] [--veilleur-only]
# Needs a release build (`swift build -c release`), Debian's nginx (with gzip_static), curl, newsboat, python3.
#
# Everything lives in one temporary folder: feeds, nginx's configuration, pid, logs and temp paths, the
# veilleur configurations and states, curl's outputs and newsboat's cache; nginx is started and stopped here,
# as the current user. The veilleur settings the numbers depend on are set explicitly and printed:
#   CONCURRENCY (64) transfers in flight, PER_HOST (2) connections per host, and MIN_HOST_DELAY (0s), the
#   minimum delay between two requests to one host; it is written only when the binary knows
#   `fetch.min_host_delay` (with its default of 1 s, 64 hosts would cap a cold crawl at 64 feeds/s).
# --perf records `perf record -g` of each veilleur run into the temporary folder (use --keep to read it).
set -euo pipefail

FEEDS=2000
ITEMS=60
PROFILES=both
GENERATED_PROFILES=1000
BINARY=.build/release/veilleur
RUN_CURL=1
RUN_NEWSBOAT=1
KEEP=0
PERF=0
CONCURRENCY=${CONCURRENCY:-64}
PER_HOST=${PER_HOST:-2}
MIN_HOST_DELAY=${MIN_HOST_DELAY:-0s}
HOSTS=64

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
while [ $# -gt 0 ]; do
    case "$1" in
        -n) FEEDS=$2; shift ;;
        --items) ITEMS=$2; shift ;;
        --profiles) PROFILES=$2; shift ;;
        --generated-profiles) GENERATED_PROFILES=$2; shift ;;
        --binary) BINARY=$2; shift ;;
        --no-curl) RUN_CURL=0 ;;
        --no-newsboat) RUN_NEWSBOAT=0 ;;
        --veilleur-only) RUN_CURL=0; RUN_NEWSBOAT=0 ;;
        --keep) KEEP=1 ;;
        --perf) PERF=1 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
    shift
done
case "$PROFILES" in example|generated|both) ;; *) echo "--profiles: example, generated or both" >&2; exit 64 ;; esac

HERE=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/feeds.sh
. "$HERE/Benchmarks/lib/feeds.sh"
BINARY=$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")
[ -x "$BINARY" ] || { echo "no binary at $BINARY: run swift build -c release" >&2; exit 1; }
missing=""
[ -x "$NGINX" ] || missing="$missing nginx"
command -v python3 >/dev/null || missing="$missing python3"
[ "$RUN_CURL" = 0 ] || command -v curl >/dev/null || missing="$missing curl"
[ "$RUN_NEWSBOAT" = 0 ] || command -v newsboat >/dev/null || missing="$missing newsboat"
[ -z "$missing" ] || { echo "missing:$missing — install them (sudo apt-get install$missing) or pass --no-curl / --no-newsboat" >&2; exit 69; }
feeds_nginx_usable || exit 1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-crawl.XXXXXX")
chmod 755 "$WORK"
cleanup() {
    feeds_nginx_stop "$WORK"
    if [ "$KEEP" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Loopback traffic must not go through a proxy set in the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY='*' no_proxy='*'

PORT=$(feeds_free_port)

# The settings: min_host_delay only when this binary knows it (`check` refuses unknown keys).
probe="$WORK/probe"
mkdir -p "$probe/profiles"
printf 'sources:\n- {name: probe, url: "http://127.0.1.1:%s/0.xml"}\n' "$PORT" >"$probe/sources.yaml"
printf 'fetch:\n  min_host_delay: %s\n' "$MIN_HOST_DELAY" >"$probe/veilleur.yaml"
if "$BINARY" check --config "$probe" >/dev/null 2>&1; then
    delay_line="  min_host_delay: $MIN_HOST_DELAY"
    delay_note="min_host_delay=$MIN_HOST_DELAY"
else
    delay_line=""
    delay_note="min_host_delay=(not known to this binary: none applies)"
fi
SETTINGS="fetch:
  concurrency: $CONCURRENCY
  per_host: $PER_HOST
$delay_line
"

echo "generating $FEEDS feeds of $ITEMS items over $HOSTS hosts, $GENERATED_PROFILES profiles of 50 terms…"
python3 "$HERE/Benchmarks/bench_crawl_gen.py" "$WORK/data" --feeds "$FEEDS" --items "$ITEMS" --port "$PORT" \
    --hosts "$HOSTS" --profiles "$GENERATED_PROFILES" --settings "$SETTINGS" --examples "$HERE/config"
raw=$(du -sm --exclude='*.gz' "$WORK/data/www" | cut -f1)
compressed=$(du -cm "$WORK"/data/www/*.gz | tail -1 | cut -f1)

feeds_nginx_start "$WORK" "$HOSTS" "$PORT"
first_url=$(head -1 "$WORK/data/urls.txt")
headers=$(curl -s -D - -o /dev/null --compressed "$first_url" | tr -d '\r')
grep -qi '^content-encoding: gzip' <<<"$headers" || { echo "nginx does not serve the .gz files:" >&2; echo "$headers" >&2; exit 1; }
etag=$(grep -i '^etag:' <<<"$headers" | cut -d' ' -f2-)
modified=$(grep -i '^last-modified:' <<<"$headers" | cut -d' ' -f2-)
revalidated=$(curl -s -o /dev/null -w '%{http_code}' --compressed -H "If-None-Match: $etag" "$first_url")

echo
echo "feeds: $FEEDS × $ITEMS items (RSS 2.0 / Atom / RDF in turn, one in five ISO-8859-1), $raw MB raw, $compressed MB gzip"
echo "nginx: gzip_static on, 127.0.1.1–127.0.1.$HOSTS port $PORT; ETag $etag, Last-Modified $modified, If-None-Match → $revalidated"
echo "veilleur: $BINARY crawl --once --all; concurrency=$CONCURRENCY per_host=$PER_HOST $delay_note"
echo "curl: --parallel --parallel-max 64 --compressed (warm: -z each saved file, remote time); newsboat: -x reload, default settings"
echo
printf '%-28s %-5s %9s %9s %9s %9s  %s\n' tool run seconds feeds/s "CPU s" "RSS MB" notes

# Runs a command under /usr/bin/time; prints one row. `notes` is filled in by the caller through $NOTES_CMD.
measure() {
    local label=$1 run=$2 out=$3
    shift 3
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >"$out" 2>"$out.err" || {
        echo "$label $run failed:" >&2; tail -5 "$out.err" >&2; exit 1
    }
    read -r seconds rss user system <"$WORK/time.txt"
    local rate cpu
    rate=$(python3 -c "print(f'{$FEEDS / max($seconds, 0.01):.0f}')")
    cpu=$(python3 -c "print(f'{$user + $system:.2f}')")
    printf '%-28s %-5s %9s %9s %9s %9s  %s\n' "$label" "$run" "$seconds" "$rate" "$cpu" "$((rss / 1024))" "$(notes "$out")"
}

curl_notes() { sort "$1" | uniq -c | awk '{printf "%s×%s ", $1, $2}'; }
veilleur_notes() {
    python3 -c 'import json, sys; s = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print("fetched {fetched}, unchanged {unchanged}, failed {failed}, new items {new_items}, new matches {new_matches}".format(**s))' "$1"
}
newsboat_notes() { echo "cache $(du -m "$WORK/newsboat/cache.db" | cut -f1) MB"; }

if [ "$RUN_CURL" = 1 ]; then
    notes() { curl_notes "$1"; }
    measure "curl --parallel" cold "$WORK/curl-cold.txt" curl -s --parallel --parallel-max 64 -K "$WORK/data/curl-cold.cfg"
    measure "curl --parallel" warm "$WORK/curl-warm.txt" curl -s --parallel --parallel-max 64 -K "$WORK/data/curl-warm.cfg"
fi

crawl() {
    local config=$1 state=$2 run=$3
    local command=("$BINARY" crawl --once --all --json --quiet --config "$config" --state "$state" --log-level error)
    if [ "$PERF" = 1 ]; then
        command=(perf record -g -o "$WORK/perf-$(basename "$config")-$run.data" -- "${command[@]}")
    fi
    notes() { veilleur_notes "$1"; }
    measure "veilleur ($(basename "$config"))" "$run" "$WORK/veilleur-$(basename "$config")-$run.txt" "${command[@]}"
}
for set in example generated; do
    [ "$PROFILES" = both ] || [ "$PROFILES" = "$set" ] || continue
    crawl "$WORK/data/$set" "$WORK/state-$set" cold
    crawl "$WORK/data/$set" "$WORK/state-$set" warm
    db="$WORK/state-$set/veilleur.sqlite"
    echo "                             state: $(du -cm "$db"* | tail -1 | cut -f1) MB"
done

if [ "$RUN_NEWSBOAT" = 1 ]; then
    mkdir -p "$WORK/newsboat/home"
    : >"$WORK/newsboat/config"
    cp "$WORK/data/urls.txt" "$WORK/newsboat/urls"
    notes() { newsboat_notes "$1"; }
    for run in cold warm; do
        measure "newsboat -x reload" "$run" "$WORK/newsboat-$run.txt" env HOME="$WORK/newsboat/home" \
            XDG_CONFIG_HOME="$WORK/newsboat/home" XDG_DATA_HOME="$WORK/newsboat/home" \
            newsboat -x reload -u "$WORK/newsboat/urls" -c "$WORK/newsboat/cache.db" -C "$WORK/newsboat/config"
    done
fi
