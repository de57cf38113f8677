#!/usr/bin/env python3
"""Parse throughput of `veilleur parse` next to xmllint and feedparser, on the same inputs, in the same run.

Usage: Benchmarks/bench_parse.py [--items N] [--binary PATH] [--runs N] [--corpus DIR] [--sample N] [--keep DIR]

Two inputs: a generated RSS feed (20,500 items, about 50 MB: escaped HTML descriptions, CDATA content,
entities, dates) and every feed file of the shared corpus (../shared/corpus/feeds, read in one process:
veilleur takes their paths from a list with --files-from, xmllint as arguments).
For each, the table gives wall time, MB/s, items/s, peak RSS and CPU time (user + system) of
  - `xmllint --stream --noout` and `xmllint --noout` (libxml2 reading the bytes, no items built),
  - `veilleur parse --jsonl` (the full parse into items: text extracted, entities decoded, dates parsed),
  - Python feedparser, in this process, on a sample (a feed of --sample items generated the same way,
    every fifth corpus file), its rates measured on that sample,
then the ratios the targets are stated in. Items/s counts the items veilleur finds, for every command.
Needs /usr/bin/time (peak RSS), xmllint (Debian's libxml2-utils), feedparser (`pip install feedparser`) and a release build
(`swift build -c release --product veilleur`). Only figures printed by one run compare with each other.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

WORDS = ("hydrogène électrolyseur filière export partenariat région appel d'offres marché public "
         "innovation cybersécurité attractivité pôle gouvernance industrie énergie données capteurs").split()

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
          'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>'
          '<link>http://bench.example/</link>\n')


def generate(path, items):
    rnd = random.Random(42)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(items):
            text = " ".join(rnd.choice(WORDS) for _ in range(120))
            out.write(
                f"<item><title>Article {i} : {' '.join(rnd.choice(WORDS) for _ in range(8))} &amp; co</title>"
                f"<link>http://bench.example/a/{i}?utm_source=rss</link><guid isPermaLink=\"false\">bench-{i}</guid>"
                f"<pubDate>Wed, 25 Nov 2026 {i % 24:02d}:{i % 60:02d}:00 +0100</pubDate>"
                f"<dc:creator>Rédaction</dc:creator><category>Économie</category>"
                f"<description>&lt;p&gt;{text[:300]} &amp;eacute;&lt;/p&gt;</description>"
                f"<content:encoded><![CDATA[<div><p>{text}</p><p>{text[:400]}</p><ul><li>un</li><li>deux</li></ul></div>]]></content:encoded>"
                "</item>\n")
        out.write("</channel></rss>\n")


def corpus_files(folder):
    """The corpus feeds the agreement test reads: files with a reference beside them, references excluded."""
    files = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if not name.endswith(".json") and os.path.exists(path + ".expected.json"):
                files.append(path)
    return sorted(files)


def run(argv):
    """Wall time, peak RSS (MB, from `/usr/bin/time -v`) and lines printed by one command; a non-zero exit is
    allowed (the corpus has broken files on purpose). Output is counted as it streams, never kept."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name, *argv],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        lines = 0
        while chunk := proc.stdout.read(1 << 20):
            lines += chunk.count(b"\n")
        proc.wait()
        seconds = time.perf_counter() - start
        fields = dict(line.strip().rsplit(": ", 1) for line in report.read().splitlines() if ": " in line)
        rss_kb = int(fields.get("Maximum resident set size (kbytes)", 0))
        cpu = float(fields.get("User time (seconds)", 0)) + float(fields.get("System time (seconds)", 0))
    return seconds, rss_kb / 1024, lines, cpu


def best(argv, runs):
    """Best wall time, highest peak RSS, lines printed and least CPU time (user + system) over `runs` runs."""
    results = [run(argv) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results), results[0][2], min(r[3] for r in results)


def feedparser_rate(documents, runs):
    """Seconds feedparser takes over `documents` (bytes each), best of `runs`, and the entries it found."""
    import feedparser
    timings = []
    entries = 0
    for _ in range(runs):
        start = time.perf_counter()
        entries = sum(len(feedparser.parse(doc).entries) for doc in documents)
        timings.append(time.perf_counter() - start)
    return min(timings), entries


def row(label, seconds, size_mb, items, rss, cpu=None):
    rss_text = f"{rss:>12.0f}" if rss is not None else f"{'-':>12}"
    cpu_text = f"{cpu:>8.2f}" if cpu is not None else f"{'-':>8}"
    print(f"{label:<40} {seconds:>8.2f} {size_mb / seconds:>8.1f} {items / seconds:>10.0f} {rss_text} {cpu_text}")


def bench(title, paths, size_mb, sample_docs, binary, runs, list_file=None):
    """One table; with `list_file` (the paths one a line), veilleur reads its inputs from it (`--files-from`)."""
    print(f"\n{title}")
    print(f"{'command':<40} {'seconds':>8} {'MB/s':>8} {'items/s':>10} {'peak RSS MB':>12} {'CPU s':>8}")
    inputs = ["--files-from", list_file] if list_file else paths
    ours, ours_rss, items, ours_cpu = best([binary, "parse", *inputs, "--jsonl", "--log-level", "critical"], runs)
    stream, stream_rss, _, stream_cpu = best(["xmllint", "--stream", "--noout", *paths], runs)
    tree, tree_rss, _, tree_cpu = best(["xmllint", "--noout", *paths], runs)
    row("xmllint --stream --noout", stream, size_mb, items, stream_rss, stream_cpu)
    row("xmllint --noout (tree)", tree, size_mb, items, tree_rss, tree_cpu)
    row("veilleur parse --jsonl", ours, size_mb, items, ours_rss, ours_cpu)
    fp_seconds, fp_entries = feedparser_rate(sample_docs, max(1, runs - 1))
    sample_mb = sum(len(d) for d in sample_docs) / 1e6
    row(f"feedparser (sample {sample_mb:.1f} MB)", fp_seconds, sample_mb, fp_entries, None)
    print(f"items: {items}; veilleur / xmllint --stream: {stream / ours:.2f}x (target >= 0.5x), "
          f"in CPU time {stream_cpu / ours_cpu:.2f}x; veilleur / xmllint: {tree / ours:.2f}x; "
          f"veilleur / feedparser: {(size_mb / ours) / (sample_mb / fp_seconds):.0f}x (target >= 50x, MB/s); "
          f"peak RSS / input: {ours_rss / size_mb:.2f} (target <= 2 for the single feed)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20500, help="items of the generated feed (20,500: about 50 MB)")
    parser.add_argument("--binary", default=".build/release/veilleur")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "feeds"))
    parser.add_argument("--sample", type=int, default=2000, help="items of the generated feed given to feedparser")
    parser.add_argument("--keep", metavar="DIR", help="write the generated feeds into DIR and keep them (to profile on)")
    args = parser.parse_args()
    try:
        import feedparser  # noqa: F401
    except ImportError:
        sys.exit("feedparser is missing: pip install feedparser")

    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        feed = os.path.join(tmp, "bench.xml")
        generate(feed, args.items)
        sample = os.path.join(tmp, "sample.xml")
        generate(sample, args.sample)
        size_mb = os.path.getsize(feed) / 1e6
        with open(sample, "rb") as handle:
            sample_docs = [handle.read()]
        bench(f"generated feed: {size_mb:.1f} MB, {args.items} items, best of {args.runs} runs",
              [feed], size_mb, sample_docs, args.binary, args.runs)

    corpus = os.path.normpath(args.corpus)
    if not os.path.isdir(corpus):
        print(f"\ncorpus skipped: {corpus} is not there")
        return
    files = corpus_files(corpus)
    size_mb = sum(os.path.getsize(f) for f in files) / 1e6
    docs = []
    for path in files:
        with open(path, "rb") as handle:
            docs.append(handle.read())
    # Thousands of arguments cost swift-argument-parser more than the parse (it merges their origins once per
    # value): veilleur reads the corpus from a list, as a person with that many files would; xmllint takes them
    # as arguments.
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("".join(f + "\n" for f in files))
        listing.flush()
        bench(f"corpus: {len(files)} files, {size_mb:.1f} MB, in one process (veilleur: --files-from LIST), best of {args.runs} runs",
              files, size_mb, docs[::5], args.binary, args.runs, list_file=listing.name)


if __name__ == "__main__":
    main()
