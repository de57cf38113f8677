# Two entry points on a fresh Debian/Ubuntu machine with the Swift toolchain:
#   make run    install missing system packages, build in release mode, run the daemon on config/
#   make test   install missing system packages, build, run the whole test suite, then the browser check
#               of the demo's pages when Chromium is installed (it says so when it is not)
SHELL := /bin/bash
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= config
STATE ?= state
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev libutf8proc-dev libstemmer-dev pkg-config
SWIFT_RELEASE := swift build -c release --static-swift-stdlib
# The binary that install-files installs, and that writes the man page and the completion scripts.
VEILLEUR ?= .build/release/veilleur
MANDIR := $(PREFIX)/share/man/man1
BASH_COMPLETIONS := $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS := $(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS := $(PREFIX)/share/fish/vendor_completions.d

.PHONY: deps test-deps bench-deps build run demo test crash-test check-html check install install-files uninstall clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The e-mail tests run an SMTP server on Python's aiosmtpd, from Debian's python3: `python3` on PATH may be
# another one (pyenv's), so the check asks /usr/bin/python3, which the package installs for.
test-deps: deps
	@/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { \
		echo "installing: python3-aiosmtpd"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd; \
	}

# The reference tools the benchmarks (Benchmarks/) run beside veilleur in the same run, and perf to profile.
# bench_parse.py imports feedparser in the python3 it runs with: Debian's package serves /usr/bin/python3.
BENCH_PACKAGES := nginx curl newsboat ripgrep libxml2-utils gnuplot-nox linux-perf python3-feedparser
bench-deps: deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
			|| echo "some benchmark tools could not be installed: each benchmark names the ones it misses"; \
	fi

build: deps
	$(SWIFT_RELEASE)

run: build
	mkdir -p $(STATE)
	.build/release/veilleur run --config $(CONFIG) --state $(STATE)

demo: build
	.build/release/veilleur demo

check: build
	.build/release/veilleur check --config $(CONFIG)

test: test-deps
	swift build --build-tests
	scripts/verify-unit.sh
	scripts/crash-test.sh --rounds 12
	@# The cluster scenario checks that sources are read on time, which depends on the CPU it is left: it runs
	@# alone, after the rest of the suite, which otherwise runs beside it in parallel on the same cores.
	scripts/postgres-test-server.sh run bash -c 'swift test --skip ClusterRunTests && swift test --filter ClusterRunTests'
	scripts/check-html.sh .build/check-html

# Opens the demo's digests in headless Chromium (installed with apt-get when missing) and keeps screenshots.
check-html: deps
	swift build --product veilleur
	scripts/check-html.sh --install .build/check-html

crash-test: deps
	scripts/crash-test.sh --rounds 50

install: build
	$(MAKE) --no-print-directory install-files

# Installs $(VEILLEUR) without building it: the binary, its man page and completion scripts (both written
# by the binary from its own commands), the systemd unit and a default configuration.
install-files:
	install -D -m 0755 $(VEILLEUR) $(DESTDIR)$(PREFIX)/bin/veilleur
	install -d $(DESTDIR)$(MANDIR) $(DESTDIR)$(BASH_COMPLETIONS) $(DESTDIR)$(ZSH_COMPLETIONS) $(DESTDIR)$(FISH_COMPLETIONS)
	$(VEILLEUR) generate-manual > $(DESTDIR)$(MANDIR)/veilleur.1
	$(VEILLEUR) --generate-completion-script bash > $(DESTDIR)$(BASH_COMPLETIONS)/veilleur
	$(VEILLEUR) --generate-completion-script zsh > $(DESTDIR)$(ZSH_COMPLETIONS)/_veilleur
	$(VEILLEUR) --generate-completion-script fish > $(DESTDIR)$(FISH_COMPLETIONS)/veilleur.fish
	chmod 0644 $(DESTDIR)$(MANDIR)/veilleur.1 $(DESTDIR)$(BASH_COMPLETIONS)/veilleur \
		$(DESTDIR)$(ZSH_COMPLETIONS)/_veilleur $(DESTDIR)$(FISH_COMPLETIONS)/veilleur.fish
	install -D -m 0644 systemd/veilleur.service $(DESTDIR)/etc/systemd/system/veilleur.service
	sed -i 's|/usr/local/bin/veilleur|$(PREFIX)/bin/veilleur|' $(DESTDIR)/etc/systemd/system/veilleur.service
	install -d $(DESTDIR)/etc/veilleur/profiles
	@# Never overwrite a file a person may have edited.
	for f in veilleur.yaml sources.yaml $$(cd config && ls profiles/*.yaml); do \
		[ -e $(DESTDIR)/etc/veilleur/$$f ] || install -m 0644 config/$$f $(DESTDIR)/etc/veilleur/$$f; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/veilleur $(DESTDIR)/etc/systemd/system/veilleur.service
	rm -f $(DESTDIR)$(MANDIR)/veilleur.1 $(DESTDIR)$(BASH_COMPLETIONS)/veilleur \
		$(DESTDIR)$(ZSH_COMPLETIONS)/_veilleur $(DESTDIR)$(FISH_COMPLETIONS)/veilleur.fish
	@echo "kept /etc/veilleur and /var/lib/veilleur (your configuration and data)"

clean:
	rm -rf .build
