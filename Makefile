# Being Present: every target sets itself up in .venv when needed.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: demo test test-fast build check check-secrets lab collect lint browser-deps clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## build, simulate 25 learners, autograde, feedback, export
	$(PY) -m course_utils.cli demo

test: $(STAMP) browser-deps  ## every test, browser ones included
	$(PY) -m ruff check course_utils tests benchmarks deploy nbgrader_config.py
	$(PY) -m mypy
	$(PY) -m pytest --durations=15

test-fast: $(STAMP)  ## unit tests only (no nbgrader runs, no browser)
	$(PY) -m pytest -m "not slow and not browser"

build: $(STAMP)  ## validate content, regenerate source/ and release/
	$(PY) -m course_utils.cli build

check: $(STAMP)  ## validate content only
	$(PY) -m course_utils.cli check

check-secrets: $(STAMP)  ## before a release: no graded key in release/, the wheel or the sdist
	$(PY) -m course_utils.cli check-secrets

lab: $(STAMP)  ## the learner's path: a local exchange, JupyterLab opening on Start here (.lab/)
	$(PY) -m course_utils.cli lab

collect: $(STAMP)  ## collect what was submitted in `make lab` into submitted/
	$(PY) -m course_utils.cli collect

lint: $(STAMP)  ## ruff (style, docstrings, complexity at most 12) and mypy (not strict)
	$(PY) -m ruff check course_utils tests benchmarks deploy nbgrader_config.py
	$(PY) -m mypy

AXE := .tools/node_modules/axe-core/axe.min.js
CHP := .tools/node_modules/.bin/configurable-http-proxy

browser-deps:  ## Debian packages (scripts/install-debian-deps) and npm tools the tests need
	@scripts/install-debian-deps
	@test -f $(AXE) -a -x $(CHP) || (mkdir -p .tools && cd .tools && npm install --silent --no-audit --no-fund axe-core@4 configurable-http-proxy@5)

clean:
	rm -rf demo-output submitted autograded feedback gradebook.db tests/artifacts .lab
