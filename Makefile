# Two commands set everything up on a fresh Debian or Ubuntu machine:
#   make serve   the site at http://127.0.0.1:8000 with live reload
#   make test    every test (installs the test extra, finds a browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench check clean manual serve-manual

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --site-dir site

# The site owner's manual (docs/, mkdocs-manual.yml): a site of its own.
manual: $(VENV)/.installed
	$(BIN)/mkdocs build --strict -f mkdocs-manual.yml --site-dir site-manual

serve-manual: $(VENV)/.installed
	$(BIN)/mkdocs serve -f mkdocs-manual.yml --dev-addr 127.0.0.1:8001

test: $(VENV)/.installed-test
	$(BIN)/python tests/find_browser.py
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest --server nginx tests/test_quiz_browser.py tests/test_checklist_browser.py $(PYTEST_ARGS)

# Every benchmark prints its figures and goals; a missed goal does not stop
# the run, a script that cannot run does (after the others have run).
# Needs nginx, Node.js with npm (Lighthouse) and Chromium besides .venv.
bench: $(VENV)/.installed-test
	@$(BIN)/python benchmarks/machine.py; echo
	@failed=; for script in benchmarks/bench_*.py; do \
	  echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; echo; \
	done; if [ -n "$$failed" ]; then echo "did not run to the end:$$failed"; exit 1; fi

clean:
	rm -rf site site-manual $(VENV)
