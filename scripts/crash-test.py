#!/usr/bin/env python3
"""Crash-safety test for veilleur: kills it at random moments and checks nothing is lost or doubled.

Serves N generated RSS/Atom feeds on 127.0.0.1 that grow over time, then for K rounds runs one of
`crawl --once --all`, `digest --date D` or `run`, SIGKILLing it after a random delay (or letting it
finish). Then it runs a final uninterrupted crawl and digest and checks the state folder:
SQLite integrity, no item alerted twice, no match left out of a digest, every digest file complete,
no temporary file left behind, every served item stored, every expected match stored. Some new items
republish another feed's item under their own link (near-duplicates): each must join its original's
story, and a story is alerted once, its copies listed with it.

`run` rounds first set every source due (as if its interval had elapsed) so the daemon crawls at start.
`digest --date` refuses days after today and before the first stored item, so the rounds write the five
days before today and the final digest today (in the digest time zone), after a first crawl whose items
are dated back six days, as if they had been stored then.
A seed fixes the choices and delays, not the timing, so a failing run is not exactly replayable.
Standard library only. Exit status 0 when every check passes, 1 when one fails, 2 on a setup error.
"""

import argparse
import datetime as dt
import http.server
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zoneinfo
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

# Each profile's keywords; an item whose title holds one of them is expected to match that profile
# (one title hit scores 3 with weights 1, above min_score 2), unless an exclusion word is in it too.
PROFILES = {
    "hydrogene": {
        "name": "Filière hydrogène (test de crash)",
        "kind": "filière",
        "keywords": ["hydrogène", "électrolyseur", "gigafactory"],
        "exclude": ["nécrologie"],
    },
    "numerique": {
        "name": "Numérique (test de crash)",
        "kind": "cluster",
        "keywords": ["cybersécurité", "numérique", "logiciel"],
        "exclude": [],
    },
    "territoire": {
        "name": "Territoire breton (test de crash)",
        "kind": "territoire",
        "keywords": ["Bretagne", "Rennes", "Brest"],
        "exclude": [],
    },
}
# Words that hit no profile term.
FILLER = [
    "annonce", "projet", "entreprise", "réunion", "semaine", "nouvelle", "usine", "ministre", "budget",
    "salariés", "chantier", "investissement", "rapport", "conférence", "région", "recherche", "marché",
    "croissance", "étude", "accord",
]
# Share of new items that republish another feed's item (a near-duplicate, folded into its story).
REPUBLISH_CHANCE = 0.2
# The digest time zone written in the configuration; digest days are counted back from today there.
TIME_ZONE = "Europe/Paris"
BACKDATE_DAYS = 6
PERIOD_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# AtomicFile writes `.NAME.tmp-XXXXXX` (random like mkstemp) beside the target.
ATOM = "{http://www.w3.org/2005/Atom}"
TEMP_RE = re.compile(r"^\..+\.tmp-[A-Za-z0-9]{6}$")


# ----------------------------------------------------------------------------------------------------
# Feeds


class FeedStore:
    """The generated feeds; every request of a feed may add an item. Guarded by one lock."""

    def __init__(self, count, rng, base_url, new_item_chance):
        self.lock = threading.Lock()
        self.rng = rng
        self.base_url = base_url
        self.new_item_chance = new_item_chance
        self.feeds = {f"feed{n:02d}": {"atom": n % 2 == 1, "items": []} for n in range(count)}
        self.requests = 0
        self.not_modified = 0
        for name in self.feeds:
            for _ in range(3):
                self._add_item(name)

    def _add_item(self, name):
        feed = self.feeds[name]
        number = len(feed["items"])
        others = [(n, i) for n, f in self.feeds.items() if n != name for i in f["items"]]
        if others and self.rng.random() < REPUBLISH_CHANCE:
            # Another site republishes a story under its own link and GUID, headline recased: a near-duplicate.
            source, original = self.rng.choice(others)
            feed["items"].append({
                **original,
                "guid": f"urn:veilleur-crash:{name}:{number}",
                "link": f"{self.base_url}/articles/{name}/{number}",
                "title": original["title"].upper() + " !",
                "published": dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                "copy_of": f"{source} {original['guid']}",
            })
            return
        words = self.rng.sample(FILLER, 3)
        expected = set()
        roll = self.rng.random()
        if roll < 0.15:
            pass  # matches no profile
        else:
            chosen = self.rng.sample(sorted(PROFILES), 2 if roll > 0.75 else 1)
            for profile in chosen:
                words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(PROFILES[profile]["keywords"]))
            expected.update(chosen)
            if "hydrogene" in chosen and self.rng.random() < 0.2:
                words.append("nécrologie")
                expected.discard("hydrogene")
        title = f"{words[0].capitalize()} {' '.join(words[1:])} n°{number}"
        item = {
            "guid": f"urn:veilleur-crash:{name}:{number}",
            "link": f"{self.base_url}/articles/{name}/{number}",
            "title": title,
            # Long enough to be fingerprinted, so that republications are folded.
            "summary": f"Compte rendu de la {self.rng.choice(FILLER)} du jour, numéro {number} : "
            + " ".join(self.rng.choice(FILLER) for _ in range(12)) + ".",
            "published": dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
            "expected": expected,
        }
        feed["items"].append(item)

    def respond(self, name, if_none_match):
        """Returns (status, etag, body) for a GET of feed `name`, after maybe adding an item."""
        with self.lock:
            self.requests += 1
            if name not in self.feeds:
                return 404, None, b"not found\n"
            if self.rng.random() < self.new_item_chance:
                self._add_item(name)
            feed = self.feeds[name]
            etag = f'"{name}-{len(feed["items"])}"'
            if if_none_match is not None and etag in [t.strip() for t in if_none_match.split(",")]:
                self.not_modified += 1
                return 304, etag, b""
            items = list(feed["items"])
        render = render_atom if feed["atom"] else render_rss
        return 200, etag, render(name, self.base_url, items).encode("utf-8")

    def all_items(self):
        with self.lock:
            return [(name, dict(item)) for name, feed in self.feeds.items() for item in feed["items"]]


def render_rss(name, base, items):
    entries = "".join(
        "<item>"
        f"<title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
        f"<guid isPermaLink=\"false\">{escape(i['guid'])}</guid>"
        f"<pubDate>{format_datetime(i['published'])}</pubDate>"
        f"<description>{escape(i['summary'])}</description>"
        "</item>"
        for i in reversed(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Flux {name}</title><link>{escape(base)}/</link><description>Flux de test</description>"
        f"{entries}</channel></rss>\n"
    )


def render_atom(name, base, items):
    updated = items[-1]["published"].isoformat().replace("+00:00", "Z")
    entries = "".join(
        "<entry>"
        f"<title>{escape(i['title'])}</title><link href={quoteattr(i['link'])}/>"
        f"<id>{escape(i['guid'])}</id>"
        f"<updated>{i['published'].isoformat().replace('+00:00', 'Z')}</updated>"
        f"<summary>{escape(i['summary'])}</summary>"
        "</entry>"
        for i in reversed(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Flux {name}</title><id>urn:veilleur-crash:{name}</id><updated>{updated}</updated>"
        f"{entries}</feed>\n"
    )


class FeedServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client SIGKILLed mid-request resets its connection; that is the test working, not an error.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def make_handler(store):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            name = self.path.strip("/").removesuffix(".xml")
            status, etag, body = store.respond(name, self.headers.get("If-None-Match"))
            try:
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                if status == 200:
                    atom = store.feeds.get(name, {}).get("atom", False)
                    kind = "application/atom+xml" if atom else "application/rss+xml"
                    self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client was killed mid-response

        def log_message(self, *args):
            pass

    return Handler


# ----------------------------------------------------------------------------------------------------
# Configuration


def write_config(config_dir, base_url, feed_names):
    os.makedirs(os.path.join(config_dir, "profiles"))
    with open(os.path.join(config_dir, "sources.yaml"), "w", encoding="utf-8") as f:
        f.write("sources:\n")
        for name in feed_names:
            f.write(f"  - name: {name}\n    url: {base_url}/{name}.xml\n    tags: [test]\n    interval: 1m\n")
    with open(os.path.join(config_dir, "veilleur.yaml"), "w", encoding="utf-8") as f:
        f.write(
            f"digest:\n  timezone: {TIME_ZONE}\n"
            "fetch:\n  concurrency: 16\n  per_host: 8\n  timeout_seconds: 20\n  connect_timeout_seconds: 5\n"
        )
    for pid, profile in PROFILES.items():
        keywords = ", ".join(json.dumps(k, ensure_ascii=False) for k in profile["keywords"])
        exclude = ", ".join(json.dumps(k, ensure_ascii=False) for k in profile["exclude"])
        with open(os.path.join(config_dir, "profiles", f"{pid}.yaml"), "w", encoding="utf-8") as f:
            f.write(
                f"name: {json.dumps(profile['name'], ensure_ascii=False)}\n"
                f"kind: {profile['kind']}\nlanguage: fr\nmin_score: 2.0\nmax_items: 30\n"
                f"topics:\n  - name: Sujet\n    weight: 1\n    keywords: [{keywords}]\n"
                f"exclude: [{exclude}]\n"
            )


# ----------------------------------------------------------------------------------------------------
# Processes


class Runner:
    def __init__(self, binary, config_dir, state_dir, log_dir):
        self.binary = binary
        self.config_dir = config_dir
        self.state_dir = state_dir
        self.log_dir = log_dir
        self.env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
        self.env["NO_PROXY"] = self.env["no_proxy"] = "127.0.0.1,localhost"
        self.serial = 0

    def run(self, args, kill_after=None, timeout=60.0):
        """Runs veilleur ARGS; SIGKILLs it after `kill_after` seconds if still running.

        Returns (killed, returncode, stderr_tail, elapsed).
        """
        self.serial += 1
        log_path = os.path.join(self.log_dir, f"{self.serial:03d}-{args[0]}.log")
        command = [self.binary, *args, "--config", self.config_dir, "--state", self.state_dir, "--log-level", "warning"]
        start = time.monotonic()
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                env=self.env, start_new_session=True,
            )
            killed = False
            try:
                process.wait(timeout=kill_after if kill_after is not None else timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
                killed = kill_after is not None
                if not killed:
                    return False, "timeout", self._tail(log_path), time.monotonic() - start
            finally:
                # Interrupted (Ctrl-C): leave no veilleur behind.
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
        return killed, process.returncode, self._tail(log_path), time.monotonic() - start

    @staticmethod
    def _tail(path, lines=6):
        with open(path, "rb") as f:
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])


def backdate_items(db_path, days):
    """Dates the stored items back by `days`, as if they had been stored then, so that `digest --date`
    accepts the days since."""
    db = sqlite3.connect(db_path, timeout=10)
    try:
        db.execute("UPDATE items SET first_seen_at = first_seen_at - ?", (days * 86400,))
        db.commit()
    finally:
        db.close()


def make_sources_due(db_path):
    """Sets every source due now, as if their interval had elapsed, so that `run` crawls at start."""
    if not os.path.exists(db_path):
        return
    db = sqlite3.connect(db_path, timeout=10)
    try:
        db.execute("UPDATE sources SET next_due_at = 0")
        db.commit()
    finally:
        db.close()


# ----------------------------------------------------------------------------------------------------
# Checks


class Report:
    def __init__(self):
        self.failures = []
        self.lines = []

    def check(self, ok, label, details=()):
        self.lines.append(f"  [{'ok' if ok else 'FAIL'}] {label}")
        if not ok:
            self.failures.append(label)
            details = list(details)
            for d in details[:10]:
                self.lines.append(f"         {d}")
            if len(details) > 10:
                self.lines.append(f"         … and {len(details) - 10} more")


def check_state(state_dir, feed_store, report):
    db_path = os.path.join(state_dir, "veilleur.sqlite")
    digests_dir = os.path.join(state_dir, "digests")
    stats = {}
    db = sqlite3.connect(db_path, timeout=10)
    try:
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
        report.check(integrity == ["ok"], "PRAGMA integrity_check is ok", integrity)
        fk = list(db.execute("PRAGMA foreign_key_check"))
        report.check(not fk, "PRAGMA foreign_key_check finds nothing", fk)

        stats["items"] = db.execute("SELECT count(*) FROM items").fetchone()[0]
        stats["matches"] = db.execute("SELECT count(*) FROM matches").fetchone()[0]
        stats["digests"] = db.execute("SELECT count(*) FROM digests").fetchone()[0]
        stats["periods"] = [r[0] for r in db.execute("SELECT DISTINCT period FROM digests ORDER BY period")]

        stored_guids = {r[0] for r in db.execute("SELECT guid FROM items")}
        served = feed_store.all_items()
        stats["served"] = len(served)
        missing_items = [f"{name} {i['guid']}" for name, i in served if i["guid"] not in stored_guids]
        report.check(not missing_items, "every served item is stored (no item lost by a crawl)", missing_items)

        stored_matches = set(
            db.execute("SELECT i.guid, m.profile FROM matches m JOIN items i ON i.id = m.item_id")
        )
        expected = {(i["guid"], p) for _, i in served for p in i["expected"]}
        stats["expected_matches"] = len(expected)
        report.check(
            stored_matches == expected,
            "stored matches are exactly the expected ones (no match lost or added)",
            [f"missing {g} {p}" for g, p in sorted(expected - stored_matches)]
            + [f"unexpected {g} {p}" for g, p in sorted(stored_matches - expected)],
        )

        unassigned = list(
            db.execute(
                "SELECT m.id, m.profile, i.link FROM matches m JOIN items i ON i.id = m.item_id WHERE m.digest_id IS NULL"
            )
        )
        report.check(
            not unassigned, "every match is assigned to a digest after the final digest",
            [f"match {r[0]} {r[1]} {r[2]}" for r in unassigned],
        )
        assigned = list(
            db.execute(
                "SELECT m.id, m.profile, d.period, i.link FROM matches m "
                "JOIN digests d ON d.id = m.digest_id JOIN items i ON i.id = m.item_id"
            )
        )
        digest_paths = [(r[0], r[1], json.loads(r[2])) for r in db.execute("SELECT profile, period, paths FROM digests")]
        story_of = {r[0]: r[1] for r in db.execute("SELECT link, coalesce(duplicate_of, id) FROM items")}
        story_of_guid = {r[0]: r[1] for r in db.execute("SELECT guid, coalesce(duplicate_of, id) FROM items")}
        apart = [
            f"{name} {i['guid']} (copy of {i['copy_of']})"
            for name, i in served
            if "copy_of" in i and story_of_guid.get(i["guid"]) != story_of_guid.get(i["copy_of"].split(" ", 1)[1])
        ]
        report.check(not apart, "every republication is stored as a copy of its original's story", apart)
        stats["folded"] = db.execute("SELECT count(*) FROM items WHERE duplicate_of IS NOT NULL").fetchone()[0]
        stats["republished"] = sum(1 for _, i in served if "copy_of" in i)
    finally:
        db.close()

    # The digest files as written, per (profile, period), from the period folders only (latest/ holds copies).
    json_links = {}
    json_copies = {}
    invalid = []
    for period in sorted(os.listdir(digests_dir)):
        folder = os.path.join(digests_dir, period)
        if not (PERIOD_RE.match(period) and os.path.isdir(folder)):
            continue
        for file in sorted(os.listdir(folder)):
            if file.endswith(".json") and not file.startswith("."):
                try:
                    with open(os.path.join(folder, file), encoding="utf-8") as f:
                        document = json.load(f)
                    json_links[(file[:-5], period)] = [item["link"] for item in document["items"]]
                    json_copies[(file[:-5], period)] = [
                        copy["link"] for item in document["items"] for copy in item["also_published_by"]
                    ]
                except (ValueError, KeyError, TypeError) as error:
                    invalid.append(f"{period}/{file}: {error}")

    # Every file under digests/ is complete and valid.
    counted = {"json": 0, "md": 0, "html": 0, "atom": 0}
    atom_doubles = []
    for root, _, files in os.walk(digests_dir):
        for file in files:
            if file.startswith("."):
                continue
            path = os.path.join(root, file)
            relative = os.path.relpath(path, digests_dir)
            extension = file.rsplit(".", 1)[-1]
            with open(path, "rb") as f:
                data = f.read()
            try:
                if extension == "json":
                    document = json.loads(data.decode("utf-8"))
                    if document.get("schema") != "veilleur.digest/1" or not isinstance(document.get("items"), list):
                        raise ValueError("not a veilleur.digest/1 document")
                    if not data.endswith(b"\n"):
                        raise ValueError("no final newline")
                elif extension == "atom":
                    feed = ET.fromstring(data)
                    links = [
                        link.get("href")
                        for entry in feed.iter(f"{ATOM}entry")
                        for link in entry.iter(f"{ATOM}link")
                        if link.get("rel", "alternate") == "alternate"
                    ]
                    atom_doubles.extend(f"{relative}: {l}" for l in sorted({l for l in links if links.count(l) > 1}))
                elif extension == "html":
                    if not data.rstrip().endswith(b"</html>"):
                        raise ValueError("does not end with </html>")
                elif extension == "md":
                    if not data.strip():
                        raise ValueError("empty")
                    data.decode("utf-8")
                else:
                    raise ValueError("unexpected file")
                counted[extension] = counted.get(extension, 0) + 1
            except (ValueError, UnicodeDecodeError, ET.ParseError) as error:
                invalid.append(f"{relative}: {error}")
    stats["files"] = counted
    report.check(
        not invalid and os.path.exists(os.path.join(digests_dir, "index.html")),
        "every digest file is complete and valid (json, md, html, atom, index.html)", invalid,
    )
    partial = []
    for period in sorted(os.listdir(digests_dir)):
        folder = os.path.join(digests_dir, period)
        if os.path.isdir(folder) and (PERIOD_RE.match(period) or period == "latest"):
            names = [f for f in os.listdir(folder) if not f.startswith(".")]
            for profile in sorted({f.rsplit(".", 1)[0] for f in names}):
                absent_formats = [e for e in ("md", "json", "html") if f"{profile}.{e}" not in names]
                if absent_formats:
                    partial.append(f"{period}/{profile}: no {', '.join(absent_formats)}")
    report.check(not partial, "every digest has all its formats (md, json, html)", partial)
    missing_paths = [f"{p} {d}: {path}" for p, d, paths in digest_paths for path in paths if not os.path.exists(path)]
    report.check(not missing_paths, "every file recorded in the digests table exists", missing_paths)

    # No item alerted twice.
    within = [f"{p} {d}: {link}" for (p, d), links in json_links.items() for link in {l for l in links if links.count(l) > 1}]
    report.check(not within, "no link twice within one digest", within)
    report.check(not atom_doubles, "no link twice within one profile's Atom feed", atom_doubles)
    periods_of = {}
    for (profile, period), links in json_links.items():
        for link in set(links):
            periods_of.setdefault((profile, link), []).append(period)
    assigned_period = {(profile, link): period for _, profile, period, link in assigned}
    doubled = sorted(
        f"{profile} {link} in {sorted(periods)}; match assigned to {assigned_period.get((profile, link))}"
        for (profile, link), periods in periods_of.items()
        if len(periods) > 1
    )
    stats["doubled"] = len(doubled)
    report.check(not doubled, "no (profile, link) alerted in two periods", doubled)
    stale = sorted(
        f"{profile} {period}: {link} (match assigned to {assigned_period.get((profile, link))})"
        for (profile, period), links in json_links.items()
        for link in links
        if assigned_period.get((profile, link)) != period
    )
    report.check(not stale, "every entry of a JSON digest is a match assigned to that period", stale)

    # No story alerted twice: the copies of one story (near-duplicates) are one entry, in one period.
    story_periods = {}
    for (profile, period), links in json_links.items():
        for link in links:
            story_periods.setdefault((profile, story_of.get(link, link)), []).append(period)
    twice = sorted(f"{profile} story {story} in {periods}" for (profile, story), periods in story_periods.items() if len(periods) > 1)
    report.check(not twice, "no story alerted twice to a profile (its copies are one entry, in one period)", twice)

    # No matched item missing from its digest: shown, listed as a copy of the story shown, or a late copy
    # of a story shown in an earlier period.
    def shown_before(profile, period, link):
        return any(p < period for p in story_periods.get((profile, story_of.get(link, link)), []))

    absent = [
        f"match {mid} {profile} {period}: {link}"
        for mid, profile, period, link in assigned
        if link not in json_links.get((profile, period), [])
        and link not in json_copies.get((profile, period), [])
        and not shown_before(profile, period, link)
    ]
    report.check(not absent, "every assigned match is in the JSON digest of its period, as an entry or a copy", absent)

    # No temporary file left anywhere under STATE (SQLite's -wal/-shm are its own).
    temporaries, strays = [], []
    for root, _, files in os.walk(state_dir):
        for file in files:
            relative = os.path.relpath(os.path.join(root, file), state_dir)
            if TEMP_RE.match(file):
                temporaries.append(relative)
            elif relative == os.path.join("digests", ".lock"):
                continue  # the digest writers' flock file, meant to stay
            elif file.startswith(".") or file.endswith("-journal"):
                strays.append(relative)
    stats["temporaries"] = len(temporaries)
    report.check(not temporaries, "no temporary file (.NAME.tmp-XXXXXX) left under STATE", sorted(temporaries))
    report.check(not strays, "no other hidden or journal file under STATE", sorted(strays))
    return stats


# ----------------------------------------------------------------------------------------------------
# Main


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=None, help="veilleur binary (default: .build/debug/veilleur)")
    parser.add_argument("--rounds", type=int, default=50, help="kill rounds (default 50)")
    parser.add_argument("--feeds", type=int, default=20, help="generated feeds (default 20)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time based, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.abspath(args.binary or os.path.join(repo, ".build", "debug", "veilleur"))
    if not os.access(binary, os.X_OK):
        print(f"crash-test: no veilleur binary at {binary}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 1_000_000
    rng = random.Random(seed)
    started = time.monotonic()

    work = tempfile.mkdtemp(prefix="veilleur-crash-")
    config_dir, state_dir, log_dir = (os.path.join(work, n) for n in ("config", "state", "logs"))
    os.makedirs(state_dir)
    os.makedirs(log_dir)

    server = FeedServer(("127.0.0.1", 0), None)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    feed_store = FeedStore(args.feeds, random.Random(seed + 1), base_url, new_item_chance=0.5)
    server.RequestHandlerClass = make_handler(feed_store)
    thread = threading.Thread(target=server.serve_forever, name="feeds", daemon=True)
    thread.start()

    report = Report()
    kinds = ("crawl", "digest", "run")
    kills = {k: 0 for k in kinds}
    finished = {k: 0 for k in kinds}
    unexpected = []
    written_days = []
    typical = {}
    day_cursor = 0
    # Days up to today in the digest time zone, computed once: a run across midnight still finds them valid.
    today = dt.datetime.now(zoneinfo.ZoneInfo(TIME_ZONE)).date()
    digest_days = [(today - dt.timedelta(days=n)).isoformat() for n in range(BACKDATE_DAYS - 1, 0, -1)]
    final_day = today.isoformat()
    try:
        write_config(config_dir, base_url, list(feed_store.feeds))
        runner = Runner(binary, config_dir, state_dir, log_dir)
        print(f"crash-test: seed={seed} rounds={args.rounds} feeds={args.feeds} work={work}")
        _, code, tail, _ = runner.run(["crawl", "--once", "--all"], timeout=120)
        if code != 0:
            unexpected.append(f"first crawl: exit {code}\n{tail}")
        backdate_items(os.path.join(state_dir, "veilleur.sqlite"), BACKDATE_DAYS)

        for number in range(1, args.rounds + 1):
            kind = rng.choice(kinds)
            # A kill later than the command's usual duration would find it gone, so the delay is drawn below
            # the last uninterrupted duration of that command (and always within 0–300 ms).
            window = min(0.3, 1.2 * typical[kind]) if kind in typical else 0.3
            if kind == "crawl":
                delay = rng.uniform(0, window) if rng.random() < 0.7 else None
                killed, code, tail, elapsed = runner.run(["crawl", "--once", "--all"], kill_after=delay)
                label = "crawl --once --all"
            elif kind == "digest":
                if written_days and rng.random() < 0.4:
                    day = rng.choice(written_days)
                else:
                    day = digest_days[day_cursor % len(digest_days)]
                    day_cursor += 1
                delay = rng.uniform(0, window) if rng.random() < 0.7 else None
                killed, code, tail, elapsed = runner.run(["digest", "--date", day], kill_after=delay)
                if day not in written_days:
                    written_days.append(day)
                label = f"digest --date {day}"
            else:
                make_sources_due(os.path.join(state_dir, "veilleur.sqlite"))
                delay = rng.uniform(0, 1.5)
                killed, code, tail, elapsed = runner.run(["run"], kill_after=delay)
                label = "run"
            if killed:
                kills[kind] += 1
            else:
                finished[kind] += 1
                typical[kind] = elapsed
                if code != 0:
                    unexpected.append(f"round {number} {label}: exit {code}\n{tail}")
            outcome = f"killed after {elapsed * 1000:.0f} ms" if killed else f"exit {code} in {elapsed * 1000:.0f} ms"
            print(f"  round {number:3d}  {label:<24} {outcome}", flush=True)

        final_crawl = runner.run(["crawl", "--once", "--all"], timeout=120)
        final_digest = runner.run(["digest", "--date", final_day], timeout=120)
        for label, (_, code, tail, _) in (("final crawl", final_crawl), ("final digest", final_digest)):
            if code != 0:
                unexpected.append(f"{label}: exit {code}\n{tail}")

        report.check(not unexpected, "every run let finish exited 0 (and `run` kept running until killed)", unexpected)
        stats = check_state(state_dir, feed_store, report)
    except BaseException:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    elapsed = time.monotonic() - started
    print()
    print("crash-test report")
    print(f"  seed {seed}, {args.rounds} rounds in {elapsed:.1f} s")
    for kind in kinds:
        print(f"  {kind:<7} killed {kills[kind]:3d}  finished {finished[kind]:3d}")
    print(
        f"  feeds: {args.feeds}, requests {feed_store.requests} ({feed_store.not_modified} answered 304), "
        f"items served {stats['served']} ({stats['republished']} republications, {stats['folded']} folded)"
    )
    print(
        f"  stored: items {stats['items']}, matches {stats['matches']} (expected {stats['expected_matches']}), "
        f"digests {stats['digests']} over periods {', '.join(stats['periods'])}"
    )
    print("  files: " + ", ".join(f"{n} .{e}" for e, n in sorted(stats["files"].items())))
    print("checks")
    print("\n".join(report.lines))
    verdict = f"FAILED ({len(report.failures)} checks)" if report.failures else "passed"
    if args.keep:
        print(f"crash-test: {verdict}; kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
        hint = f"; rerun with --keep (and --seed {seed} for the same choices; timing still varies) to inspect the state" if report.failures else ""
        print(f"crash-test: {verdict}{hint}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
