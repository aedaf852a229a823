# The project's commands. `make help` lists them.
# Every target installs what it needs into .venv from the pinned requirements files.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
ZENSICAL_STAMP := $(VENV)/.zensical-installed
PDF_STAMP  := $(VENV)/.pdf-installed
DEV_STAMP  := $(VENV)/.dev-installed
MUTMUT_STAMP := $(VENV)/.mutmut-installed
# The engine `make build` uses: mkdocs (default) or zensical (the successor, see README.md).
ENGINE ?= mkdocs
CHROMIUM   ?= /usr/bin/chromium
JAVA       ?= java
# The Nu Html Checker for the tests: npm's vnu-jar, pinned in tests/vnu/package-lock.json.
VNU_JAR    := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
HOST ?= 127.0.0.1:8000
BASE ?= origin/main
# `make fastsett PERIODE=<id>`: the reporting period to freeze (see CONTRIBUTING.md, Guide 7).
PERIODE ?=
# Material prints an end-of-life notice on every build; the migration is tracked in the README.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build check diff test system-tools bench mutanter browser htmlcheck clean delingsbilde skjemabilde rapportskjema importer mangler pdf fastsett

help: ## Vis denne hjelpen
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(ZENSICAL_STAMP): requirements.txt requirements-zensical.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@touch $@ $(SITE_STAMP)

$(PDF_STAMP): requirements.txt requirements-pdf.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-pdf.txt
	@touch $@ $(SITE_STAMP)

$(DEV_STAMP): requirements.txt requirements-zensical.txt requirements-pdf.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(SITE_STAMP) $(ZENSICAL_STAMP) $(PDF_STAMP)

serve: $(SITE_STAMP) ## Forhåndsvis nettstedet på http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dev-addr $(HOST)

ifeq ($(ENGINE),mkdocs)
build: $(SITE_STAMP) ## Bygg nettstedet til site/ (ENGINE=zensical: med Zensical til site-zensical/)
	$(BIN)/mkdocs build --strict --site-dir site
else ifeq ($(ENGINE),zensical)
build: $(ZENSICAL_STAMP)
	$(BIN)/python -m macros zensical --site-dir site-zensical
else
build:
	@echo "ENGINE må være mkdocs eller zensical, ikke '$(ENGINE)'." >&2; exit 2
endif

check: $(SITE_STAMP) ## Sjekk bare dataene i data/ (raskt)
	@$(BIN)/python -m macros check

diff: $(SITE_STAMP) ## Vis endringsoversikten: hva endringen gjør med planen (BASE=origin/main)
	@$(BIN)/python -m macros diff "$(BASE)"

rapportskjema: $(SITE_STAMP) ## Lag regnearket til en rapporteringsrunde (FIL=navn.xlsx valgfritt)
	@$(BIN)/python -m macros rapportskjema $(if $(FIL),"$(FIL)")

importer: $(SITE_STAMP) ## Legg inn statusmeldingene fra et utfylt regneark (make importer FIL=…)
	@if [ -z "$(FIL)" ]; then echo "Skriv hvilket regneark: make importer FIL=statusrapport.xlsx" >&2; exit 2; fi
	@$(BIN)/python -m macros importer "$(FIL)"

mangler: $(SITE_STAMP) ## Vis tiltakene som mangler oppdatert status
	@$(BIN)/python -m macros mangler

pdf: $(PDF_STAMP) browser ## Bygg nettstedet og lag PDF av Hele planen og rapporten for hver periode
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python -m macros pdf --site-dir site --chromium "$(CHROMIUM)"

fastsett: $(SITE_STAMP) ## Fastsett rapporten for en periode (make fastsett PERIODE=2024-2025)
	@if [ -z "$(PERIODE)" ]; then \
	  echo "Skriv hvilken periode som skal fastsettes, for eksempel: make fastsett PERIODE=2024-2025" >&2; exit 2; fi
	@$(BIN)/python -m macros fastsett "$(PERIODE)" $(if $(OVERSKRIV),--overskriv) $(if $(TVING),--tving)

# Two workers (one per core on CI) share the built sites; the 15 slowest tests are listed.
PYTEST_ARGS ?= -n auto --maxschedchunk 1 --durations=15
# The Python packages install while the system tools do (Chromium, the HTML checker); then
# `browser` once more, for the fallback to Playwright's Chromium, which needs the packages.
test: ## Kjør alle testene
	@$(MAKE) --no-print-directory -j2 $(DEV_STAMP) system-tools
	@$(MAKE) --no-print-directory browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

system-tools:
	@$(MAKE) --no-print-directory BROWSER_FALLBACK=no browser htmlcheck

# mutmut writes its copy of the project to mutants/ and keeps the results there, so a new run
# tests only the mutants of functions that changed; `rm -rf mutants` starts afresh.
mutanter: $(MUTMUT_STAMP) ## Mutasjonstesting av macros/ med mutmut (20–60 min på 2 kjerner; se tests/README.md)
	$(BIN)/mutmut run
	$(BIN)/mutmut results --all true | grep -v ': killed$$' || true

$(MUTMUT_STAMP): $(DEV_STAMP) requirements-mutmut.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutmut.txt
	@touch $@

bench: $(DEV_STAMP) browser ## Mål byggetid, minne, sidevekt og omlasting (5–10 min; se bench/README.md)
	$(BIN)/python -m bench $(BENCH_ARGS)

# Install Debian packages with apt-get, as root or with sudo that needs no password; fails
# (without a word) where neither is possible. $(1): the packages.
define apt_install
if [ "$$(id -u)" = 0 ]; then sudo=""; \
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
else sudo=no; fi; \
[ "$$sudo" != no ] && command -v apt-get >/dev/null 2>&1 && \
  echo "Installerer $(1) med $${sudo:+sudo }apt-get …" && \
  $$sudo apt-get update -qq && \
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null
endef

browser: ## Sørg for at Chromium finnes for nettlesertestene
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if $(call apt_install,chromium) && [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$(BROWSER_FALLBACK)" = no ]; then exit 0; fi; \
	if $(MAKE) --no-print-directory $(PDF_STAMP) && $(BIN)/python -m playwright install chromium; then \
	  echo "Bruker Playwrights egen Chromium."; \
	else \
	  echo "Fant ikke Chromium. Installer pakken 'chromium' (for eksempel: sudo apt-get install chromium)" >&2; \
	  echo "eller sett CHROMIUM=/sti/til/chromium." >&2; exit 1; \
	fi

htmlcheck: $(VNU_JAR) ## Sørg for at Nu Html Checker og Java finnes for testene
	@if command -v "$(JAVA)" >/dev/null 2>&1; then exit 0; fi; \
	if $(call apt_install,default-jre-headless) && command -v "$(JAVA)" >/dev/null 2>&1; then exit 0; fi; \
	echo "Fant ikke Java, som Nu Html Checker trenger. Installer pakken 'default-jre-headless'" >&2; \
	echo "(for eksempel: sudo apt-get install default-jre-headless) eller sett JAVA=/sti/til/java." >&2; exit 1

$(VNU_JAR): tests/vnu/package.json tests/vnu/package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && ! { $(call apt_install,npm); }; then \
	  echo "Fant ikke npm, som henter Nu Html Checker. Installer pakken 'npm'" >&2; \
	  echo "(for eksempel: sudo apt-get install npm)." >&2; exit 1; \
	fi
	@mkdir -p $(VENV)/vnu && cp tests/vnu/package.json tests/vnu/package-lock.json $(VENV)/vnu/
	@# --ignore-scripts: the package would otherwise download a Java runtime of its own.
	cd $(VENV)/vnu && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

clean: ## Slett site/, site-zensical/ og .venv/
	rm -rf site site-zensical $(VENV)

delingsbilde: browser ## Lag bildet som vises når en lenke deles, på nytt
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
	  --window-size=1200,630 --screenshot=docs/assets/images/deling.png \
	  file://$(CURDIR)/overrides/delingsbilde.html

skjemabilde: $(DEV_STAMP) browser ## Tegn illustrasjonen av skjemaet «Meld status» på nytt
	CHROMIUM=$(CHROMIUM) $(BIN)/python .github/bilder/skjemabilde.py
