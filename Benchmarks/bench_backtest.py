#!/usr/bin/env python3
"""What a backtest costs on a large state: ITEMS generated items of plausible French news text (a title, a
summary of 40 words and a body of about 150), first seen evenly over the last 28 days, spread over the
sources of config/; about one title in ten carries a term of the profile, and a random tenth of the items
is stored as alerted.

Usage: Benchmarks/bench_backtest.py [--binary PATH] [--items N] [--profile ID]
Runs `veilleur backtest --json` over the last 7, 14 and 28 days (a quarter, half and all of the items) and
prints for each the items replayed, wall and CPU time, items per CPU second (steady when the replay is
linear, whatever else runs on the machine) and peak RSS.
"""
import argparse
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

WORDS = ("industrie usine région innovation numérique données énergie transition chantier contrat entreprise "
         "startup financement investissement territoire métropole recherche laboratoire brevet formation "
         "compétences réseau déchets eau logistique transport aéroport port ferroviaire batterie recyclage "
         "agriculture santé commune conseil budget projet service public habitants quartier rentrée").split()
# Terms of config/profiles/filiere-hydrogene.yaml, put in about one title in ten.
TERMS = ("hydrogène", "électrolyseur", "export", "partenariat", "consortium", "Business France")


def sentence(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/veilleur")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--profile", default="filiere-hydrogene")
    args = parser.parse_args()
    sources = open("config/sources.yaml", encoding="utf-8").read()
    names = re.findall(r"^\s*- name: (\S+)", sources, re.M)

    with tempfile.TemporaryDirectory() as tmp:
        config, state = os.path.join(tmp, "config"), os.path.join(tmp, "state")
        shutil.copytree("config/profiles", os.path.join(config, "profiles"))
        # The sources of config/ with their tags, each pointing at a closed port: a crawl whose every source
        # fails at once creates the database and registers them.
        with open(os.path.join(config, "sources.yaml"), "w") as f:
            f.write(re.sub(r"url: \S+", "url: http://127.0.0.1:9/feed.xml", sources))
        subprocess.run([args.binary, "crawl", "--once", "--all", "--config", config, "--state", state, "--log-level", "critical"],
                       check=True, stdout=subprocess.DEVNULL)

        rng = random.Random(7)
        now = time.time()
        db = sqlite3.connect(os.path.join(state, "veilleur.sqlite"))
        with db:
            for index in range(args.items):
                seen = now - 28 * 86_400 * (1 - (index + 0.5) / args.items)
                link = f"https://example.org/{index}"
                title = sentence(rng, 8) + (f" {rng.choice(TERMS)}." if rng.random() < 0.1 else "")
                cursor = db.execute(
                    "INSERT INTO items (source, guid, guid_key, canonical_link, link, title, summary_text, content_text, "
                    "categories, first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)",
                    (names[index % len(names)], f"g{index}", f"g{index}", link, link, title,
                     sentence(rng, 40), " ".join(sentence(rng, 12) for _ in range(12)), seen))
                if rng.random() < 0.1:
                    db.execute("INSERT INTO matches (item_id, profile, score, matched_at) VALUES (?, ?, ?, ?)",
                               (cursor.lastrowid, args.profile, rng.uniform(2, 30), seen))
        db.close()
        size = os.path.getsize(os.path.join(state, "veilleur.sqlite"))
        print(f"state: {args.items} items, database {size / 1e6:.0f} MB")

        for since in ("7d", "14d", "28d"):
            argv = ["/usr/bin/time", "-f", "%U %S %M", args.binary, "backtest", "--json", "--quiet", "--config", config,
                    "--state", state, "--profile", args.profile, "--since", since]
            start = time.perf_counter()
            proc = subprocess.run(argv, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                sys.exit(f"backtest failed: {proc.stderr[-800:]}")
            replayed = int(re.search(r'"replayed":(\d+)', proc.stdout).group(1))
            alerted = int(re.search(r'"alerted_now":(\d+)', proc.stdout).group(1))
            user, system, rss = proc.stderr.strip().splitlines()[-1].split()
            cpu = float(user) + float(system)
            print(f"--since {since:>4}: {replayed:6d} items ({alerted:5d} alerted now) in {elapsed:6.1f} s wall, {cpu:6.1f} s CPU, "
                  f"{replayed / cpu:5.0f} items per CPU second, {int(rss) / 1024:4.0f} MB peak")


if __name__ == "__main__":
    main()
