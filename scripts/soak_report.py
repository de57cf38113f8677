#!/usr/bin/env python3
"""Reads the CSV of scripts/soak.sh, prints the summary, draws the chart and says whether memory or file
descriptors keep growing.

Usage: scripts/soak_report.py CSV --png PNG [--warmup 120] [--max-rss-slope 1.0] [--max-fd-slope 2]
                              [--gnuplot scripts/soak.gnuplot]

The rule: warm-up ends WARMUP seconds after the start, or at the first sample where every source has been
fetched once if that is later (the first pass stores each feed's backlog). Over the second half of the
samples after warm-up, the least-squares slope of RSS (MB per minute) and of open descriptors (per minute)
must not exceed their limits. Exit status: 0 flat, 1 growing, 2 nothing to judge: the first pass never
finished, or fewer than 6 samples follow warm-up.
"""
import argparse
import csv
import os
import subprocess
import sys

MINIMUM_SAMPLES = 6


def number(text):
    return float(text) if text not in ("", None) else None


def slope(points):
    """Least-squares (intercept, slope) of (x, y) points."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    gradient = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return mean_y - gradient * mean_x, gradient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--png", required=True)
    parser.add_argument("--warmup", type=float, default=120)
    parser.add_argument("--max-rss-slope", type=float, default=1.0, help="MB per minute")
    parser.add_argument("--max-fd-slope", type=float, default=2.0, help="descriptors per minute")
    parser.add_argument("--gnuplot", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "soak.gnuplot"))
    args = parser.parse_args()

    with open(args.csv, newline="") as source:
        rows = [{key: number(value) for key, value in row.items()} for row in csv.DictReader(source)]
    if not rows:
        print(f"{args.csv}: no samples", file=sys.stderr)
        return 2
    minutes = [row["elapsed_s"] / 60 for row in rows]
    all_fetched = next((row["elapsed_s"] for row in rows if row["never_fetched"] == 0), None)
    warm_end = max(args.warmup, all_fetched if all_fetched is not None else args.warmup)
    after = [row for row in rows if row["elapsed_s"] >= warm_end]
    fetched_note = (f"every source fetched once at {all_fetched / 60:.1f} min" if all_fetched is not None
                    else "some sources were never fetched")
    print(f"samples: {len(rows)} over {minutes[-1]:.1f} min; warm-up until {warm_end / 60:.1f} min ({fetched_note})")
    if len(after) < MINIMUM_SAMPLES:
        print(f"too few samples after warm-up to judge ({len(after)}, need {MINIMUM_SAMPLES}): run longer",
              file=sys.stderr)
        return 2
    half_start = after[0]["elapsed_s"] + (after[-1]["elapsed_s"] - after[0]["elapsed_s"]) / 2
    second_half = [row for row in after if row["elapsed_s"] >= half_start]
    rss_fit = slope([(row["elapsed_s"] / 60, row["rss_mb"]) for row in second_half])
    fd_fit = slope([(row["elapsed_s"] / 60, row["fds"]) for row in second_half])

    first, last = after[0], rows[-1]

    def span(key, digits):
        values = [row[key] for row in after if row[key] is not None]
        peak = max(values) if values else None
        show = lambda value: "-" if value is None else f"{value:.{digits}f}"
        return f"{show(first[key]):>10} {show(last[key]):>10} {show(peak):>10}"

    print(f"{'':<22} {'start':>10} {'end':>10} {'peak':>10}   (start: the first sample after warm-up)")
    print(f"{'RSS MB':<22} {span('rss_mb', 1)}")
    print(f"{'open descriptors':<22} {span('fds', 0)}")
    print(f"{'threads':<22} {span('threads', 0)}")
    print(f"{'database MB':<22} {span('db_mb', 1)}")
    print(f"{'  of which WAL MB':<22} {span('wal_mb', 1)}")
    print(f"{'crawl lag s':<22} {span('lag_s', 0)}")
    print(f"{'overdue sources':<22} {span('overdue_sources', 0)}")
    print(f"{'items stored':<22} {span('stored_items', 0)}")
    lags = [row["lag_s"] for row in after if row["lag_s"] is not None]
    if first["fetches"] is not None and last["fetches"] is not None:
        seconds = last["elapsed_s"] - first["elapsed_s"]
        print(f"fetches after warm-up: {last['fetches'] - first['fetches']:.0f} "
              f"({(last['fetches'] - first['fetches']) / max(seconds, 1):.1f}/s)")
    loads = [row["load1"] for row in rows if row["load1"] is not None]
    if loads:
        print(f"load (1 min): {min(loads):.1f}–{max(loads):.1f}, mean {sum(loads) / len(loads):.1f}")
    print(f"max crawl lag after warm-up: {max(lags) if lags else '-'} s")
    rss_growing = rss_fit[1] > args.max_rss_slope
    fd_growing = fd_fit[1] > args.max_fd_slope
    print(f"slopes over the second half ({half_start / 60:.1f}–{minutes[-1]:.1f} min, {len(second_half)} samples): "
          f"RSS {rss_fit[1]:+.3f} MB/min (limit {args.max_rss_slope}), "
          f"descriptors {fd_fit[1]:+.3f}/min (limit {args.max_fd_slope})")

    subprocess.run(["gnuplot", "-e", "; ".join([
        f"csv = '{args.csv}'", f"png = '{args.png}'", f"warm = {warm_end / 60}", f"half = {half_start / 60}",
        f"rss_a = {rss_fit[0]}", f"rss_b = {rss_fit[1]}", f"fd_a = {fd_fit[0]}", f"fd_b = {fd_fit[1]}",
    ]), args.gnuplot], check=True)
    print(f"chart: {args.png}")
    if all_fetched is None:
        never = next((row["never_fetched"] for row in reversed(rows) if row["never_fetched"] is not None), None)
        print(f"verdict: none, the first pass did not finish ({never if never is None else int(never)} sources never "
              "fetched), so the run says nothing of the steady state: run longer, or on a quieter machine")
        return 2
    if rss_growing or fd_growing:
        growing = " and ".join(name for name, flag in (("memory", rss_growing), ("descriptors", fd_growing)) if flag)
        print(f"verdict: {growing} kept growing after warm-up")
        return 1
    print("verdict: memory and descriptors flat after warm-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
