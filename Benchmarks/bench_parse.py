#!/usr/bin/env python3
"""Parse throughput of `veilleur parse` next to xmllint on the same generated feed, in the same run.

Usage: Benchmarks/bench_parse.py [--items N] [--binary PATH]
Needs xmllint (Debian's libxml2-utils) and a release build (`swift build -c release`).
Prints wall time, MB/s, items/s and peak RSS of each command; the figures are only comparable
with the reference lines printed beside them.
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


def generate(path, items):
    rnd = random.Random(42)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>'
                  '<link>http://bench.example/</link>\n')
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


def measure(argv):
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed: {proc.stderr.read().decode(errors='replace')[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=30000)
    parser.add_argument("--binary", default=".build/release/veilleur")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "bench.xml")
        generate(feed, args.items)
        size_mb = os.path.getsize(feed) / 1e6
        print(f"feed: {size_mb:.1f} MB, {args.items} items, best of {args.runs} runs")
        print(f"{'command':<34} {'seconds':>8} {'MB/s':>8} {'items/s':>10} {'peak RSS MB':>12}")
        commands = [
            ("xmllint --stream --noout", ["xmllint", "--stream", "--noout", feed]),
            ("xmllint --noout (tree)", ["xmllint", "--noout", feed]),
            ("veilleur parse --jsonl", [args.binary, "parse", feed, "--jsonl", "--log-level", "error"]),
        ]
        for label, argv in commands:
            best, rss = min(measure(argv) for _ in range(args.runs))
            print(f"{label:<34} {best:>8.2f} {size_mb / best:>8.1f} {args.items / best:>10.0f} {rss:>12.0f}")


if __name__ == "__main__":
    main()
