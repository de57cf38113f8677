#!/usr/bin/env python3
"""What one hostile source costs: a 16 MiB feed of tiny items, all matching every profile, whose GUIDs
change at every fetch, served on 127.0.0.1.

Usage: Benchmarks/bench_flood.py [--binary PATH] [--profiles N] [--fetches N] [--settings YAML]
Runs `veilleur crawl --once --all` FETCHES times, then `veilleur digest`, and prints for each step the
wall time and peak RSS, then the items, matches, database size and largest digest file. The caps of
`fetch.max_items_per_fetch` and `fetch.max_new_items_per_day` bound all of these; pass
`--settings 'fetch: {max_items_per_fetch: 1000000, max_new_items_per_day: 1000000}'` to see the cost
without them. `curl` fetching the same feed is printed beside the first crawl as the reference.
"""
import argparse
import http.server
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


class FloodHandler(http.server.BaseHTTPRequestHandler):
    generation = 0
    size = 16 * 1024 * 1024 - 4096

    def do_GET(self):
        FloodHandler.generation += 1
        head = b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flot</title>'
        parts = [head]
        total = len(head)
        index = 0
        while total < self.size:
            item = (f"<item><title>hydrogène {index}</title><guid>urn:flood:{FloodHandler.generation}:{index}</guid>"
                    "</item>").encode()
            parts.append(item)
            total += len(item)
            index += 1
        parts.append(b"</channel></rss>")
        body = b"".join(parts)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def measure(argv, env):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out = proc.stdout.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv[:2])} failed: {proc.stderr.read().decode(errors='replace')[-800:]}")
    return elapsed, usage.ru_maxrss / 1024, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/veilleur")
    parser.add_argument("--profiles", type=int, default=20)
    parser.add_argument("--fetches", type=int, default=3)
    parser.add_argument("--settings", default="")
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FloodHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/flood.xml"
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env["NO_PROXY"] = "127.0.0.1"

    with tempfile.TemporaryDirectory() as tmp:
        config, state = os.path.join(tmp, "config"), os.path.join(tmp, "state")
        os.makedirs(os.path.join(config, "profiles"))
        with open(os.path.join(config, "sources.yaml"), "w") as f:
            f.write(f"sources:\n  - name: flot\n    url: {url}\n")
        if args.settings:
            with open(os.path.join(config, "veilleur.yaml"), "w") as f:
                f.write(args.settings + "\n")
        for n in range(args.profiles):
            with open(os.path.join(config, "profiles", f"p{n:04d}.yaml"), "w") as f:
                f.write(f"name: P{n}\nkind: cluster\nmin_score: 1\ntopics:\n  - name: H\n    keywords: [hydrogène]\n")

        start = time.perf_counter()
        subprocess.run(["curl", "-s", "-o", os.devnull, url], check=True, env=env)
        print(f"{'curl (reference, one fetch)':<34} {time.perf_counter() - start:8.2f} s")
        common = ["--config", config, "--state", state, "--log-level", "error"]
        for fetch in range(1, args.fetches + 1):
            elapsed, rss, out = measure([args.binary, "crawl", "--once", "--all", *common], env)
            print(f"{f'veilleur crawl #{fetch}':<34} {elapsed:8.2f} s  {rss:8.0f} MB peak  {out.strip().splitlines()[-1]}")
        elapsed, rss, _ = measure([args.binary, "digest", *common], env)
        print(f"{'veilleur digest':<34} {elapsed:8.2f} s  {rss:8.0f} MB peak")

        db = sqlite3.connect(os.path.join(state, "veilleur.sqlite"))
        items = db.execute("SELECT count(*) FROM items").fetchone()[0]
        matches = db.execute("SELECT count(*) FROM matches").fetchone()[0]
        db.close()
        size = sum(os.path.getsize(os.path.join(state, f)) for f in os.listdir(state) if f.startswith("veilleur.sqlite"))
        largest = max((os.path.getsize(os.path.join(root, f)), f)
                      for root, _, files in os.walk(os.path.join(state, "digests")) for f in files)
        print(f"stored: {items} items, {matches} matches, database {size / 1e6:.1f} MB; "
              f"largest digest file {largest[1]} {largest[0] / 1e6:.2f} MB")
    server.shutdown()


if __name__ == "__main__":
    main()
