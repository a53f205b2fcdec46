# Two commands set everything up on a fresh Debian or Ubuntu machine:
#   make serve   the site at http://127.0.0.1:8000 with live reload
#                (make serve PORT=8001 for another port)
#   make test    the linters and every test but the slow ones (installs the
#                test extra, finds a browser and nginx); `make test SLOW=1` runs all
# Each says what is missing from the machine, and how to install it.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PORT     ?= 8000
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-all bench check clean manual serve-manual zensical

# Python 3.11+ with its venv module (Debian and Ubuntu ship it apart).
define PYTHON_CHECK
import sys
if sys.version_info < (3, 11):
    sys.exit(f"make: this project needs Python 3.11 or newer, and {sys.executable} is "
             f"{sys.version.split()[0]}: install a newer one and name it, as in: make PYTHON=python3.12 serve")
try:
    import ensurepip, venv
except ImportError:
    sys.exit("make: Python's venv module is missing: on Debian or Ubuntu run 'sudo apt-get install -y python3-venv'")
endef
export PYTHON_CHECK

# The port for make serve is free (else mkdocs builds the site, then fails
# with a traceback).
define PORT_CHECK
import socket, sys
port = sys.argv[1]
try:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", int(port)))
except (ValueError, OverflowError):
    sys.exit(f"make serve: PORT={port} is not a port number: choose one such as make serve PORT=8001")
except OSError as e:
    sys.exit(f"make serve: port {port} is taken ({e.strerror}), maybe by another make serve: "
             f"stop that, or choose another port: make serve PORT={int(port) + 1}")
endef
export PORT_CHECK

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) was not found: on Debian or Ubuntu run 'sudo apt-get install -y python3 python3-venv'" >&2; exit 1; }
	@$(PYTHON) -c "$$PYTHON_CHECK"
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# constraints.txt pins every package installed, so that CI is reproducible
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed

# Live reload follows the pages, mkdocs.yml and site_overrides/ (templates,
# styles, scripts). While the build is broken, pages wait until it works again.
serve: $(VENV)/.installed
	@$(BIN)/python -c "$$PORT_CHECK" "$(PORT)"
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --watch site_overrides

build: $(VENV)/.installed
	@[ -n "$(SITE_URL)" ] || echo "make build: SITE_URL is not set, so the sitemap lists no pages, pages have no canonical link and instant navigation is off; for the live site: SITE_URL=https://guide.example.org/ make build"
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# The same guide built with Zensical instead of MkDocs (docs/zensical.md),
# into site/: the components' script and styles are written into content/ first.
zensical: $(VENV)/.installed-test
	$(BIN)/python -m guidekit assets content
	$(BIN)/zensical build -f mkdocs.yml

# The site owner's manual (docs/, mkdocs-manual.yml): a site of its own.
manual: $(VENV)/.installed
	$(BIN)/mkdocs build --strict -f mkdocs-manual.yml --site-dir site-manual

serve-manual: $(VENV)/.installed
	$(BIN)/mkdocs serve -f mkdocs-manual.yml --dev-addr 127.0.0.1:8001

# Tests marked slow (large inputs, packaging) and the second pass of the
# quiz and checklist browser tests against nginx with its
# Content-Security-Policy run with SLOW=1, as CI (.ci/run) does.
# The tests run on every core (pytest-xdist); JOBS=1 runs them one at a time.
SLOW ?=
JOBS ?= auto
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python tests/find_browser.py
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal $(if $(SLOW),,-m "not slow") $(PYTEST_ARGS)
	$(if $(SLOW),$(BIN)/python -m pytest -n $(JOBS) --dist worksteal --server nginx tests/test_quiz_browser.py tests/test_checklist_browser.py tests/test_exit_browser.py $(PYTEST_ARGS))

test-all:
	$(MAKE) test SLOW=1

# Every benchmark prints its figures and goals; a missed goal does not stop
# the run, a script that cannot run does (after the others have run).
# Needs nginx, Node.js with npm (Lighthouse) and Chromium besides .venv.
bench: $(VENV)/.installed-test
	@$(BIN)/python benchmarks/machine.py; echo
	@failed=; for script in benchmarks/bench_*.py; do \
	  echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; echo; \
	done; if [ -n "$$failed" ]; then echo "did not run to the end:$$failed"; exit 1; fi

clean:
	rm -rf site site-manual content/assets/guidekit .cache $(VENV)
