#!/usr/bin/env python3
"""Matching throughput of `veilleur match` next to `rg -F --count-matches` on the same generated text, in the same run.

Usage: Benchmarks/bench_match.py [--megabytes N] [--terms 1000,10000,50000] [--binary PATH]
Needs ripgrep and a release build (`swift build -c release`).

Generates French and English items (title + content) totalling --megabytes of text, and profiles of 50
terms each (single words and 2-4-word phrases, stemming on) until the term count is reached. veilleur runs
the whole path (reading JSON, folding, tokenising, stemming, matching, scoring); rg gets the same text
lowercased once and the same patterns lowercased. Prints, per term count, wall time, MB/s and peak RSS of
each, then the growth of each time from the smallest to the largest term count.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

FRENCH = ("le la les des du une pour dans sur avec est sont qui que entreprise région industrie innovation "
          "hydrogène électrolyseur filière export partenariat appel offres marché public cybersécurité "
          "attractivité pôle gouvernance énergie données capteurs subventions industrielles startups "
          "réseaux chaleur métropole emploi formation numérique recherche développement projet").split()
ENGLISH = ("the of and to is are was with that this for from company companies market growth energy "
           "battery batteries hydrogen policy policies innovation research startup data network cloud "
           "security supply chain factory plant investment funding government region export").split()
SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge la le li lo lu ma me mi mo " \
            "mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo".split()


def synthetic_word(rnd):
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4)))


def vocabulary(rnd, size):
    words = set(FRENCH + ENGLISH)
    while len(words) < size:
        words.add(synthetic_word(rnd))
    return sorted(words)


def generate_items(path, text_path, megabytes, vocab, rnd):
    """Items as JSON lines; the same text, lowercased, for rg. Returns the bytes of item text."""
    total = 0
    target = megabytes * 1_000_000
    with open(path, "w", encoding="utf-8") as items, open(text_path, "w", encoding="utf-8") as text:
        number = 0
        while total < target:
            base = FRENCH if number % 2 == 0 else ENGLISH
            words = [rnd.choice(base) if rnd.random() < 0.5 else rnd.choice(vocab) for _ in range(300)]
            title = " ".join(words[:10]).capitalize()
            content = " ".join(words[10:])
            items.write(json.dumps({"id": f"i{number}", "title": title, "content_text": content}, ensure_ascii=False) + "\n")
            text.write((title + "\n" + content + "\n").lower())
            total += len(title.encode()) + len(content.encode())
            number += 1
    return total


def generate_config(folder, terms, vocab, rnd):
    """Profiles of 50 terms each until `terms`; returns the patterns, lowercased, for rg."""
    os.makedirs(os.path.join(folder, "profiles"), exist_ok=True)
    with open(os.path.join(folder, "sources.yaml"), "w") as out:
        out.write("sources:\n  - name: bench\n    url: https://bench.example/rss\n")
    patterns = []
    for profile in range(terms // 50):
        entries = []
        for _ in range(50):
            length = 1 if rnd.random() < 0.6 else rnd.randint(2, 4)
            entries.append(" ".join(rnd.choice(vocab) for _ in range(length)))
        patterns += entries
        with open(os.path.join(folder, "profiles", f"p{profile}.yaml"), "w", encoding="utf-8") as out:
            out.write(f"kind: cluster\nlanguage: {'fr' if profile % 2 == 0 else 'en'}\nmin_score: 1\nstem: true\n"
                      "topics:\n  - name: T\n    any: " + json.dumps(entries, ensure_ascii=False) + "\n")
    return patterns


def measure(argv):
    """Wall time and peak RSS (MB) of `argv`, run under a fresh interpreter that reports its child's peak."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", RUN] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = child.communicate()
    elapsed = time.perf_counter() - start
    lines = err.decode().strip().splitlines()
    if child.returncode not in (0, 1) or not lines:
        sys.exit(f"{argv[0]} failed ({child.returncode}): {err.decode()[:500]}")
    return elapsed, int(lines[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--terms", default="1000,10000,50000")
    parser.add_argument("--binary", default=".build/release/veilleur")
    args = parser.parse_args()
    rnd = random.Random(42)
    vocab = vocabulary(rnd, 20_000)
    with tempfile.TemporaryDirectory() as work:
        items, text = os.path.join(work, "items.jsonl"), os.path.join(work, "text.txt")
        size = generate_items(items, text, args.megabytes, vocab, rnd) / 1e6
        print(f"{size:.1f} MB of item text")
        print(f"{'terms':>7} {'veilleur s':>10} {'MB/s':>7} {'RSS MB':>7} {'rg s':>7} {'MB/s':>7} {'ratio':>6}")
        times = []
        for count in [int(t) for t in args.terms.split(",")]:
            config = os.path.join(work, f"config{count}")
            patterns = generate_config(config, count, vocab, rnd)
            pattern_file = os.path.join(work, f"patterns{count}.txt")
            with open(pattern_file, "w", encoding="utf-8") as out:
                out.write("\n".join(p.lower() for p in patterns) + "\n")
            ours, ours_rss = measure([args.binary, "match", "--config", config, "--items", items])
            theirs, _ = measure(["rg", "-F", "--count-matches", "-f", pattern_file, text])
            times.append((count, ours, theirs))
            print(f"{count:>7} {ours:>10.2f} {size / ours:>7.1f} {ours_rss:>7.0f} {theirs:>7.2f} {size / theirs:>7.1f} {theirs / ours:>6.2f}")
        (first, ours0, theirs0), (last, ours1, theirs1) = times[0], times[-1]
        print(f"growth {first}→{last} terms: veilleur ×{ours1 / ours0:.2f}, rg ×{theirs1 / theirs0:.2f}")


# Runs one command and prints its peak RSS (KiB) last on stderr: a process's RUSAGE_CHILDREN is a high-water
# mark over all its children, so each command gets an interpreter of its own.
RUN = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""

if __name__ == "__main__":
    main()
