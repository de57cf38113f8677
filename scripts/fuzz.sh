#!/usr/bin/env bash
# Builds one libFuzzer target (Fuzz/, docs/fuzzing.md) with the fuzzer and address sanitizers into
# .build-fuzz, seeds it from ../shared/corpus and Fuzz/Seeds, runs it for SECONDS under `nice -n 19`
# and prints executions, speed, coverage, corpus size and any crash file.
#
#   scripts/fuzz.sh feed|html|dates|text SECONDS [extra libFuzzer flags...]
#
# The seeds and the corpus libFuzzer grows live in a temporary folder, removed at the end unless a crash
# was found or FUZZ_KEEP=1. Exit status: 0 without crash, 1 with one, 2 on a wrong command line.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/fuzz.sh feed|html|dates|text SECONDS [libFuzzer flags...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
corpus=../shared/corpus

case $target in
    feed) product=FuzzFeedParser; max_len=65536 ;;
    html) product=FuzzHTMLPage; max_len=65536 ;;
    dates) product=FuzzDates; max_len=128 ;;
    text) product=FuzzText; max_len=2048 ;;
    *) usage ;;
esac

export PATH=/opt/swift/usr/bin:$PATH
echo "fuzz: building $product into .build-fuzz" >&2
# The gold linker warns about every ASan helper symbol: keep the errors, drop that noise.
mkdir -p .build-fuzz
build() {
    # SwiftPM's `--sanitize=fuzzer` gives the product libFuzzer's entry point; the one
    # `-sanitize=fuzzer,address` after it instruments the code for both: SwiftPM passes two `--sanitize` flags
    # in a random order and the compiler keeps the last, so half the builds had no coverage counters (libFuzzer
    # then runs blind, "no interesting inputs were found") and the other half no ASan.
    if ! VEILLEUR_FUZZ=1 nice -n 19 swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
        --scratch-path .build-fuzz --product "$product" >.build-fuzz/build.log 2>&1; then
        grep -v "Cannot export local symbol" .build-fuzz/build.log | tail -40 >&2
        exit 1
    fi
}
binary=.build-fuzz/release/$product
# The counters' bounds, not a section of that name: the linker may merge the section into another. No
# `grep -q`: under pipefail, the SIGPIPE it leaves nm would read as "not instrumented".
instrumented() { [ -x "$binary" ] && nm "$binary" | grep __start___sancov_cntrs >/dev/null; }
# ASan's runtime defines its checks whether or not our code calls them: look for calls in Model's objects, which
# every target links.
addressChecked() { nm .build-fuzz/release/Model.build/*.o | grep ' U __asan_report' >/dev/null; }
build
if ! instrumented || ! addressChecked; then
    # Objects built by an earlier version of this script may lack one sanitizer: rebuild them once.
    echo "fuzz: $binary lacks coverage counters or ASan, rebuilding from scratch" >&2
    rm -rf .build-fuzz
    mkdir -p .build-fuzz
    build
    { instrumented && addressChecked; } || { echo "fuzz: $binary still lacks coverage counters or ASan" >&2; exit 1; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/veilleur-fuzz-$target.XXXXXX")
mkdir -p "$work/seeds" "$work/corpus" "$work/crashes"
# What libFuzzer saved that is a finding: a crash, leak, timeout or out-of-memory input, not a slow unit (one
# that took over 10 s, which a starved `nice -n 19` process on a busy machine also gives).
findings() { ls -A "$work/crashes" | grep -v '^slow-unit-' || true; }
cleanup() {
    if [ -z "$(findings)" ] && [ "${FUZZ_KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "fuzz: kept $work" >&2; fi
}
trap cleanup EXIT

# Seeds: copies, so that nothing libFuzzer writes lands in the shared corpus or the repository.
n=0
copy() { while IFS= read -r -d '' file; do n=$((n + 1)); cp "$file" "$work/seeds/$n"; done; }
cp Fuzz/Seeds/"$target"/* "$work/seeds/" 2>/dev/null || true
if [ -d "$corpus" ]; then
    case $target in
        feed)
            copy < <(find "$corpus/feeds" "$corpus/sitemaps" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.rdf' \) -size -64k -print0)
            ;;
        html)
            copy < <(find "$corpus/html" -name source.html -print0)
            ;;
        dates)
            # Every date element's text in the feeds, one seed each.
            find "$corpus/feeds" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.rdf' \) -print0 \
                | xargs -0 grep -ahoE '<(pubDate|dc:date|published|updated|issued|modified|created|lastBuildDate)>[^<]{1,100}<' \
                | sed -E 's/^<[^>]*>//; s/<$//' | sort -u | head -2000 | while IFS= read -r line; do
                    n=$((n + 1)); printf '%s' "$line" > "$work/seeds/d$n"
                done
            ;;
        text)
            # The readability pages' text and the stemmer vocabularies, cut into pieces of 1 KB.
            for file in "$corpus"/html/readability/*/expected.txt "$corpus"/stemmer/snowball/*/voc.txt; do
                split -b 1000 -a 4 "$file" "$work/seeds/$(basename "$(dirname "$file")")-"
            done
            ;;
    esac
else
    echo "fuzz: $corpus is absent, seeding from Fuzz/Seeds/$target only" >&2
fi
echo "fuzz: $(ls "$work/seeds" | wc -l) seeds in $work/seeds" >&2

log=$work/fuzz.log
set +e
# No Swift backtracer: on a broken invariant it would hold the process for its own report; libFuzzer
# prints the stack and saves the input.
SWIFT_BACKTRACE=enable=no nice -n 19 "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$work/crashes/" "$@" "$work/corpus" "$work/seeds" \
    >"$log" 2>&1
status=$?
set -e

last=$(grep -aE '^#[0-9]+' "$log" | tail -1 || true)
echo "fuzz: $target, $seconds s, libFuzzer exit $status"
echo "fuzz: last status: $last"
grep -aE 'stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | sed 's/^/fuzz: /'
echo "fuzz: corpus: $(ls "$work/corpus" | wc -l) new units, $(ls "$work/seeds" | wc -l) seeds"
for slow in $(ls -A "$work/crashes" | grep '^slow-unit-' || true); do
    echo "fuzz: slow input (replay it to tell a slow parse from a starved process): $work/crashes/$slow"
done
crashes=$(findings)
if [ -n "$crashes" ]; then
    grep -aE 'invariant broken|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error' "$log" | head -5
    for crash in $crashes; do echo "fuzz: crash file $work/crashes/$crash"; done
    echo "fuzz: replay with $binary $work/crashes/<file>; full log in $log"
    exit 1
fi
