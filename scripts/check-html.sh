#!/usr/bin/env bash
# Opens the index and every digest that `veilleur demo` writes in headless Chromium (Debian's `chromium`)
# and fails when a page logs anything to the console (a script error, a request the page's content security
# policy refused) or when an entry has no link, or the index a link to a file that is not there.
# Saves screenshots of each page at laptop (1366x768) and phone (390x844) widths into SCREENSHOT_DIR.
#
#   scripts/check-html.sh [--install] SCREENSHOT_DIR
#
# Without Chromium it says it is skipped and exits 0, unless --install is given: then it installs Debian's
# `chromium` with apt-get (through sudo when not root) first. VEILLEUR names the binary to run
# (.build/debug/veilleur by default, built when missing).
set -euo pipefail

usage() { echo "usage: scripts/check-html.sh [--install] SCREENSHOT_DIR" >&2; exit 64; }
install=0
out=""
for arg in "$@"; do
	case "$arg" in
	--install) install=1 ;;
	-*) usage ;;
	*) [ -z "$out" ] || usage; out="$arg" ;;
	esac
done
[ -n "$out" ] || usage

find_chromium() {
	for name in chromium chromium-browser google-chrome; do
		if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
	done
	return 1
}

if ! chromium=$(find_chromium) && [ "$install" = 1 ]; then
	sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
	echo "check-html: installing chromium with apt-get"
	$sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
if ! chromium=$(find_chromium); then
	echo "check-html: SKIPPED — Chromium is not installed (apt-get install chromium, or run with --install)"
	exit 0
fi

cd "$(dirname "$0")/.."
veilleur=${VEILLEUR:-.build/debug/veilleur}
if [ ! -x "$veilleur" ]; then
	swift build --product veilleur
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/veilleur-check-html.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

"$veilleur" demo --directory "$work/demo" --log-level error >"$work/demo.log" 2>&1 || {
	cat "$work/demo.log" >&2
	echo "check-html: veilleur demo failed" >&2
	exit 1
}
digests="$work/demo/state/digests"
pages=("$digests/index.html")
while IFS= read -r page; do pages+=("$page"); done < <(find "$digests" -mindepth 2 -maxdepth 2 -name '*.html' -not -path "$digests/latest/*" | sort)
[ "${#pages[@]}" -gt 1 ] || { echo "check-html: the demo wrote no digest" >&2; exit 1; }

browse() {
	# A fresh profile per run, so that no state carries over from one page to the next.
	local profile
	profile=$(mktemp -d "$work/profile.XXXXXX")
	timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

failures=0
for page in "${pages[@]}"; do
	relative=${page#"$digests/"}
	name=${relative//\//_}
	name=${name%.html}
	browse --dump-dom "file://$page" >"$work/dom.html" 2>"$work/console.log" || true
	if grep -a 'CONSOLE' "$work/console.log" >"$work/errors.log"; then
		echo "check-html: $relative: console messages:" >&2
		cat "$work/errors.log" >&2
		failures=$((failures + 1))
	fi
	if ! python3 - "$work/dom.html" "$page" "$digests" <<'PYTHON'
import html.parser, os, sys, urllib.parse

dom_path, page, root = sys.argv[1:4]
with open(dom_path, encoding="utf-8") as f:
    dom = f.read()

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.items, self.linked_items = [], 0, 0
        self.in_item_heading = False
        self.depth, self.item_depth = 0, None
        self.item_linked = False
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("meta", "link", "br", "img", "input", "rect"):
            self.depth += 1
        if tag == "li" and "item" in (attrs.get("class") or "").split():
            self.items += 1
            self.item_depth, self.item_linked = self.depth, False
        if tag in ("h2", "h3") and self.item_depth is not None:
            self.in_item_heading = True
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self.in_item_heading and attrs["href"].startswith(("http://", "https://")):
                self.item_linked = True
    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self.in_item_heading = False
        if tag == "li" and self.item_depth == self.depth:
            self.linked_items += self.item_linked
            self.item_depth = None
        if tag not in ("meta", "link", "br", "img", "input", "rect"):
            self.depth -= 1

parsed = Page()
parsed.feed(dom)
problems = []
if "<body" not in dom:
    problems.append("the DOM dump is empty: the page did not load")
if os.path.basename(page) == "index.html":
    folder = os.path.dirname(page)
    local = [l for l in parsed.links if not urllib.parse.urlsplit(l).scheme]
    for link in local:
        if not os.path.isfile(os.path.join(folder, urllib.parse.unquote(link))):
            problems.append(f"links to {link}, which is not there")
    for dirpath, _, files in os.walk(root):
        for file in files:
            target = os.path.relpath(os.path.join(dirpath, file), folder)
            if file.endswith(".html") and target != "index.html" and urllib.parse.quote(target) not in local:
                problems.append(f"does not link {target}")
else:
    if parsed.items == 0 and "class=\"empty\"" not in dom:
        problems.append("lists no entry")
    if parsed.linked_items != parsed.items:
        problems.append(f"{parsed.items - parsed.linked_items} of {parsed.items} entries have no web link")
for problem in problems:
    print(f"check-html: {os.path.relpath(page, root)}: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
	then
		failures=$((failures + 1))
	fi
	for size in 1366x768 390x844; do
		browse --screenshot="$out/$name-$size.png" --window-size="${size/x/,}" "file://$page" >/dev/null 2>&1 || true
		[ -s "$out/$name-$size.png" ] || { echo "check-html: $relative: no screenshot at $size" >&2; failures=$((failures + 1)); }
	done
	echo "check-html: $relative checked"
done

if [ "$failures" -gt 0 ]; then
	echo "check-html: FAILED ($failures problems); screenshots in $out" >&2
	exit 1
fi
echo "check-html: ${#pages[@]} pages passed; screenshots in $out"
