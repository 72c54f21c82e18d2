# planparse — `make all` builds normalized/ from raw/, `make test` runs the tests.
# Every target bootstraps .venv by itself (Python 3.11+ and make are all it needs):
# `make all` installs what building needs only; the test targets add the test and notebook
# tools (the `test` extra) and Debian's chromium, in which tests/test_review.py loads the
# review page.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help all build test test-unit test-integration docs bench eval fidelity clean venv chromium office format-fixtures

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m pipeline.selfcheck
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

# not a file: checked on every test run, installed once (apt-get needs root, as on CI)
chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for tests/test_review.py"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "chromium is needed by the tests: apt-get install chromium" >&2; exit 1; }

venv: $(STAMP) ## create .venv and install the package with what building needs

all: $(STAMP) ## build normalized/ from raw/ (only what changed)
	$(PY) -m pipeline build

build: all ## same as all

test: $(TEST_STAMP) chromium ## run the whole test suite (unit, integration, notebook, review page)
	$(PY) -m pytest

test-unit: $(TEST_STAMP) ## run the fast unit tests only
	$(PY) -m pytest -m "not integration and not slow"

test-integration: $(TEST_STAMP) chromium ## run the end-to-end tests only
	$(PY) -m pytest -m integration

docs: $(STAMP) ## regenerate docs/data-dictionary.md from schemas/
	$(PY) -m pipeline docs

bench: $(TEST_STAMP) ## time the pipeline on a synthetic corpus made from raw/
	$(PY) -m pipeline.bench

eval: $(TEST_STAMP) ## score outline, 专栏, tables and figures against the answer keys (tuning | held-out)
	$(PY) -m pipeline.evaluate

fidelity: $(TEST_STAMP) ## character error rate of the Traditional->Simplified conversion
	$(PY) -m pipeline.fidelity

office: ## install LibreOffice Writer (Debian) so that old Word .doc files in raw/ are converted and read
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		libreoffice-writer-nogui fonts-noto-cjk

format-fixtures: $(TEST_STAMP) office ## rewrite tests/fixtures/formats/ (.docx, LibreOffice and fpdf2 PDFs) from their plan texts
	$(PY) scripts/make_format_fixtures.py

clean: ## remove build outputs (keeps .venv)
	rm -rf normalized/*.parquet normalized/text normalized/.parts normalized/_build.json .normalized.*
