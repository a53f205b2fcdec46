# Two commands set everything up on a fresh Debian or Ubuntu machine:
#   make serve   the site at http://127.0.0.1:8000 with live reload
#   make test    the linters and every test but the slow ones (installs the
#                test extra, finds a browser); `make test SLOW=1` runs all
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-all bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# constraints.txt pins every package installed, so that CI is reproducible
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --site-dir site

# Tests marked slow (large inputs, packaging) and the second pass of the
# quiz and checklist browser tests against nginx with its
# Content-Security-Policy run with SLOW=1, as CI (.ci/run) does.
SLOW ?=
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python tests/find_browser.py
	$(BIN)/python -m pytest $(if $(SLOW),,-m "not slow") $(PYTEST_ARGS)
	$(if $(SLOW),$(BIN)/python -m pytest --server nginx tests/test_quiz_browser.py tests/test_checklist_browser.py $(PYTEST_ARGS))

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
	rm -rf site $(VENV)
