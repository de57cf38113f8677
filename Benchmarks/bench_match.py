#!/usr/bin/env python3
"""Matching throughput of `veilleur match` next to `rg -F --count-matches` on the same generated text, in the same run.

Usage: Benchmarks/bench_match.py [--megabytes N] [--terms 1000,10000,50000] [--binary PATH] [--baseline PATH] [--uniform]
                                 [--keep DIR]
Needs ripgrep and a release build (`swift build -c release`).

Generates French and English items (title + content) totalling --megabytes of text, and profiles of 50
terms each (single words and 2-4-word phrases, stemming on) until the term count is reached. veilleur runs
the whole path (reading JSON, folding, tokenising, stemming, matching, scoring, printing); rg gets the same
text lowercased once and the same patterns lowercased. Prints, per term count, wall time, CPU time, MB/s and
peak RSS of each and the alerts per item veilleur printed, then the growth of each time from the smallest to the
largest term count. With --baseline, another build of veilleur runs on the same data in the same run, just
before the measured binary, and its outputs must be byte-identical to the binary's (the check of a change
made for speed only).

The default generator writes news-like text: function words make about half of it, content words follow
Zipf's law over 60,000 lemmas per language, inflected (plurals, verb endings), with elisions, accents,
numbers, hyphenated compounds and repeated collocations; profiles name specific words (not among the 200
commonest) and collocations. `--uniform` keeps the first generator, where items and terms are drawn from
one 20,000-word vocabulary, so that nearly every word of an item is some profile's term.
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

# The realistic generator (the default): news-like text, where a few function words make half of the words
# and content words follow Zipf's law over a large vocabulary, inflected; profiles name specific words and
# collocations of that vocabulary, as a watch analyst's do, rather than any word of a small vocabulary.
FUNCTION_WORDS = {
    "fr": ("de la le et les des en du un une à pour dans sur est que qui au par avec plus pas ce a sont ont été "
           "cette leur se aux il elle nous ou mais comme entre après selon depuis aussi lors ses très sans").split(),
    "en": ("the of and to a in is for that on with as by at from it was are be has have this its an or which "
           "will were their not but after more about than over into been also new they who would").split(),
}
DOMAIN_WORDS = {"fr": FRENCH[16:], "en": ENGLISH[17:]}
ACCENTED = "é è ê à â ç ô î û".split()
INFLECTIONS = {
    "fr": [("", 55), ("s", 20), ("e", 8), ("es", 7), ("er", 5), ("ent", 5)],
    "en": [("", 60), ("s", 25), ("ed", 7), ("ing", 8)],
}
CONTENT_LEMMAS = 60_000  # per language; synthetic lemmas have 3 or 4 syllables, so few stem alike
COLLOCATIONS = 20_000  # per language: 2-4-word phrases that news repeats ("appel d'offres", "supply chain")


def lemma(rnd, language):
    word = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(3, 4)))
    if language == "fr" and rnd.random() < 0.3:
        at = rnd.randrange(len(word))
        word = word[:at] + rnd.choice(ACCENTED) + word[at + 1:]
    return word


class Language:
    """One language's vocabulary: function words, content lemmas and collocations, ranked for Zipf's law."""

    def __init__(self, rnd, code):
        self.code = code
        self.function = FUNCTION_WORDS[code]
        lemmas = list(dict.fromkeys(DOMAIN_WORDS[code]))
        seen = set(lemmas) | set(self.function)
        while len(lemmas) < CONTENT_LEMMAS:
            word = lemma(rnd, code)
            if word not in seen:
                seen.add(word)
                lemmas.append(word)
        self.lemmas = lemmas
        self.lemma_weights = zipf_weights(len(self.lemmas))
        # Collocations join common content words, but not the commonest, as "chaîne de valeur" does.
        self.collocations = [
            " ".join(rnd.sample(self.lemmas[50:5000], rnd.randint(2, 4))) for _ in range(COLLOCATIONS)]
        self.function_weights = zipf_weights(len(self.function))
        self.collocation_weights = zipf_weights(COLLOCATIONS)
        self.suffixes, self.suffix_weights = zip(*INFLECTIONS[code])

    def word(self, rnd):
        word = rnd.choices(self.lemmas, cum_weights=self.lemma_weights)[0]
        return word + rnd.choices(self.suffixes, weights=self.suffix_weights)[0]

    def sentence(self, rnd, length):
        words = []
        while len(words) < length:
            draw = rnd.random()
            if draw < 0.45:
                words.append(rnd.choices(self.function, cum_weights=self.function_weights)[0])
            elif draw < 0.48:
                words += rnd.choices(self.collocations, cum_weights=self.collocation_weights)[0].split()
            elif draw < 0.49:
                words.append(str(rnd.randint(2, 2030)))
            else:
                word = self.word(rnd)
                if self.code == "fr" and word[0] in "aeiouéh" and rnd.random() < 0.4:
                    word = rnd.choice(["l'", "d'", "l’", "d’"]) + word
                elif rnd.random() < 0.01:
                    word += "-" + self.word(rnd)
                words.append(word)
        words[0] = words[0].capitalize()
        return " ".join(words)

    def term(self, rnd):
        """A profile's term: a specific word (not among the 200 commonest), or a collocation, in lemma form."""
        if rnd.random() < 0.6:
            return self.lemmas[rnd.randrange(200, len(self.lemmas))]
        return self.collocations[rnd.randrange(20, COLLOCATIONS)]


def zipf_weights(count):
    """Cumulative weights of ranks 1…count under Zipf's law (exponent 1)."""
    total, weights = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank
        weights.append(total)
    return weights


def generate_realistic_items(path, text_path, megabytes, languages, rnd):
    """News-like items as JSON lines, alternately French and English; the same text, lowercased, for rg."""
    total = 0
    target = megabytes * 1_000_000
    with open(path, "w", encoding="utf-8") as items, open(text_path, "w", encoding="utf-8") as text:
        number = 0
        while total < target:
            language = languages[number % 2]
            title = language.sentence(rnd, rnd.randint(6, 12))
            sentences, words = [], 0
            while words < 290:
                length = rnd.randint(12, 28)
                sentences.append(language.sentence(rnd, length) + ".")
                words += length
            content = " ".join(sentences)
            items.write(json.dumps({"id": f"i{number}", "title": title, "content_text": content}, ensure_ascii=False) + "\n")
            text.write((title + "\n" + content + "\n").lower())
            total += len(title.encode()) + len(content.encode())
            number += 1
    return total, number


def synthetic_word(rnd):
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4)))


def vocabulary(rnd, size):
    words = set(FRENCH + ENGLISH)
    while len(words) < size:
        words.add(synthetic_word(rnd))
    return sorted(words)


def generate_uniform_items(path, text_path, megabytes, vocab, rnd):
    """The first generator (`--uniform`): half of each item's words from a small list, half drawn uniformly
    from a 20,000-word vocabulary that the profiles also draw from, so that nearly every word is a term."""
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
    return total, number


def generate_config(folder, terms, draw, rnd):
    """Profiles of 50 terms each until `terms`, even ones French, odd ones English; `draw(rnd, language)`
    gives one term. Returns the patterns, lowercased, for rg."""
    os.makedirs(os.path.join(folder, "profiles"), exist_ok=True)
    with open(os.path.join(folder, "sources.yaml"), "w") as out:
        out.write("sources:\n  - name: bench\n    url: https://bench.example/rss\n")
    patterns = []
    for profile in range(terms // 50):
        language = "fr" if profile % 2 == 0 else "en"
        entries = [draw(rnd, language) for _ in range(50)]
        patterns += entries
        with open(os.path.join(folder, "profiles", f"p{profile}.yaml"), "w", encoding="utf-8") as out:
            out.write(f"kind: cluster\nlanguage: {language}\nmin_score: 1\nstem: true\n"
                      "topics:\n  - name: T\n    any: " + json.dumps(entries, ensure_ascii=False) + "\n")
    return patterns


def measure(argv):
    """Wall time, CPU time (user + system), peak RSS (MB), lines printed and a digest of the output of
    `argv`, run under a fresh interpreter that reports its child's usage and counts its lines. On a shared
    machine the CPU time is the steadier figure: veilleur uses every core, rg one per file."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", RUN] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = child.communicate()
    elapsed = time.perf_counter() - start
    lines = err.decode().strip().splitlines()
    if child.returncode not in (0, 1) or len(lines) < 4:
        sys.exit(f"{argv[0]} failed ({child.returncode}): {err.decode()[:500]}")
    return elapsed, float(lines[-2]), int(lines[-1]) / 1024, int(lines[-4]), lines[-3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--terms", default="1000,10000,50000")
    parser.add_argument("--binary", default=".build/release/veilleur")
    parser.add_argument("--baseline", metavar="PATH",
                        help="another veilleur build to run on the same data, whose outputs must be the binary's")
    parser.add_argument("--uniform", action="store_true",
                        help="the first generator: items and terms drawn uniformly from one 20,000-word vocabulary")
    parser.add_argument("--keep", metavar="DIR", help="write the items, configurations and patterns here and keep them")
    args = parser.parse_args()
    rnd = random.Random(42)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or scratch
        os.makedirs(work, exist_ok=True)
        items, text = os.path.join(work, "items.jsonl"), os.path.join(work, "text.txt")
        if args.uniform:
            vocab = vocabulary(rnd, 20_000)
            size, count = generate_uniform_items(items, text, args.megabytes, vocab, rnd)
            draw = lambda rnd, language: " ".join(rnd.choice(vocab) for _ in range(1 if rnd.random() < 0.6 else rnd.randint(2, 4)))
        else:
            languages = {code: Language(rnd, code) for code in ("fr", "en")}
            size, count = generate_realistic_items(items, text, args.megabytes, [languages["fr"], languages["en"]], rnd)
            draw = lambda rnd, language: languages[language].term(rnd)
        size /= 1e6
        print(f"{size:.1f} MB of item text, {count} items ({'uniform' if args.uniform else 'realistic'} generator)")
        print(f"{'terms':>7} {'veilleur s':>10} {'CPU s':>7} {'MB/s':>7} {'RSS MB':>7} {'alerts/item':>11} {'rg s':>7} {'CPU s':>7} {'MB/s':>7} {'ratio':>6}")
        times, baseline_times = [], []
        for terms in [int(t) for t in args.terms.split(",")]:
            config = os.path.join(work, f"config{terms}")
            patterns = generate_config(config, terms, draw, rnd)
            pattern_file = os.path.join(work, f"patterns{terms}.txt")
            with open(pattern_file, "w", encoding="utf-8") as out:
                out.write("\n".join(p.lower() for p in patterns) + "\n")
            match = ["match", "--config", config, "--items", items]
            if args.baseline:
                base, base_cpu, base_rss, base_alerts, base_digest = measure([args.baseline] + match)
            ours, ours_cpu, ours_rss, alerts, digest = measure([args.binary] + match)
            theirs, theirs_cpu, _, _, _ = measure(["rg", "-F", "--count-matches", "-f", pattern_file, text])
            times.append((terms, ours, theirs, ours_cpu, theirs_cpu))
            if args.baseline:
                baseline_times.append((terms, base, theirs, base_cpu, theirs_cpu))
                print(f"{'(base)':>7} {base:>10.2f} {base_cpu:>7.2f} {size / base:>7.1f} {base_rss:>7.0f} "
                      f"{base_alerts / count:>11.1f} {'':>7} {'':>7} {'':>7} {theirs / base:>6.2f}")
            print(f"{terms:>7} {ours:>10.2f} {ours_cpu:>7.2f} {size / ours:>7.1f} {ours_rss:>7.0f} {alerts / count:>11.1f} "
                  f"{theirs:>7.2f} {theirs_cpu:>7.2f} {size / theirs:>7.1f} {theirs / ours:>6.2f}")
            if args.baseline and base_digest != digest:
                sys.exit(f"the outputs differ at {terms} terms: {args.baseline} and {args.binary} printed other lines")
        print(growth(times))
        if args.baseline:
            print(f"baseline {growth(baseline_times)}; outputs identical at every term count")


def growth(times):
    """The growth of each time from the first term count to the last."""
    (first, ours0, theirs0, cpu0, rg_cpu0), (last, ours1, theirs1, cpu1, rg_cpu1) = times[0], times[-1]
    return (f"growth {first}→{last} terms: veilleur ×{ours1 / ours0:.2f} (CPU ×{cpu1 / cpu0:.2f}), "
            f"rg ×{theirs1 / theirs0:.2f} (CPU ×{rg_cpu1 / rg_cpu0:.2f})")


# Runs one command and prints on stderr the lines it printed, its CPU seconds, then its peak RSS (KiB): a process's
# RUSAGE_CHILDREN is a high-water mark over all its children, so each command gets an interpreter of its own.
RUN = """
import hashlib, resource, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
lines = 0
digest = hashlib.sha256()
while chunk := child.stdout.read(1 << 20):
    lines += chunk.count(b"\\n")
    digest.update(chunk)
code = child.wait()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(lines, file=sys.stderr)
print(digest.hexdigest(), file=sys.stderr)
print(usage.ru_utime + usage.ru_stime, file=sys.stderr)
print(usage.ru_maxrss, file=sys.stderr)
sys.exit(code)
"""

if __name__ == "__main__":
    main()
