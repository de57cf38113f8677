#!/usr/bin/env python3
"""Publishes new items in the feeds of Benchmarks/bench_crawl_gen.py while scripts/soak.sh runs: every EVERY
seconds, a SHARE of the feeds gets NEW items at its top and drops as many of its oldest, so each feed keeps
its length. The .xml and its .gz are replaced by renaming, with one modification time, so nginx's
gzip_static answers with validators (ETag, Last-Modified) that change with the content and never serves a
half-written file. Stops by itself after DURATION seconds, or on SIGTERM.

Usage: scripts/soak_feeds.py DIR --feeds N --items N --port P [--hosts 64] [--every 30] [--share 0.05]
                             [--new 2] --duration SECONDS

One line per round on standard output: `elapsed=… feeds=… new_items=… published=…` (published: the total so far).
"""
import argparse
import gzip
import os
import random
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Benchmarks"))
import bench_crawl_gen as gen  # noqa: E402


def replace(path, body, stamp):
    """Writes `body` and its gzip beside `path` under temporary names, then renames both into place."""
    for target, data in ((path + ".gz", gzip.compress(body, compresslevel=6, mtime=0)), (path, body)):
        temporary = target + ".tmp"
        with open(temporary, "wb") as out:
            out.write(data)
        os.utime(temporary, (stamp, stamp))
        os.replace(temporary, target)


def publish(www, index, numbers, count, rng, fillers, base, now):
    """Puts `count` new items at the top of feed `index`, numbered on from its newest, and drops its oldest."""
    path = os.path.join(www, f"{index}.xml")
    encoding = "utf-8" if gen.feed_encoding(index) == "UTF-8" else "latin-1"
    with open(path, "rb") as source:
        lines = source.read().decode(encoding).splitlines(keepends=True)
    head, items, tail = lines[:2], lines[2:-1], lines[-1:]
    kind, link = gen.feed_kind(index), gen.feed_link(index, base)
    added = []
    for offset in range(count):
        numbers[index] += 1
        title, description = gen.item_text(rng, fillers)
        added.insert(0, gen.entry(kind, index, numbers[index], link, gen.xml_text(title), gen.xml_text(description),
                                  now - (count - 1 - offset)))
    kept = items[:max(len(items) - count, 0)]
    replace(path, gen.encoded("".join(head + added + kept + tail), index), now)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--feeds", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=64)
    parser.add_argument("--items", type=int, required=True, help="items per feed as generated")
    parser.add_argument("--every", type=float, default=30)
    parser.add_argument("--share", type=float, default=0.05)
    parser.add_argument("--new", type=int, default=2)
    parser.add_argument("--duration", type=float, required=True)
    args = parser.parse_args()

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    rng = random.Random(11)
    fillers = [gen.synthetic_word(rng) for _ in range(5000)]
    www = os.path.join(args.dir, "www")
    # The generator numbers a feed's items 0 (newest) to ITEMS-1: new ones go on from ITEMS.
    numbers = [args.items - 1] * args.feeds
    chosen = max(1, round(args.feeds * args.share))
    start = time.monotonic()
    published = 0
    next_round = start + args.every
    while not stop:
        pause = next_round - time.monotonic()
        if pause > 0:
            time.sleep(min(pause, 1))
            continue
        if time.monotonic() - start >= args.duration:
            break
        now = time.time()
        for index in rng.sample(range(args.feeds), chosen):
            base = f"http://{gen.host(index, args.hosts)}:{args.port}"
            publish(www, index, numbers, args.new, rng, fillers, base, now)
        published += chosen * args.new
        print(f"elapsed={time.monotonic() - start:.0f} feeds={chosen} new_items={chosen * args.new} "
              f"published={published}", flush=True)
        next_round += args.every


if __name__ == "__main__":
    main()
