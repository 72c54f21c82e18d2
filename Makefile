# planparse — `make all` builds normalized/ from raw/, `make test` runs the tests.
# Every target bootstraps .venv by itself (Python 3.11+ and make are all it needs).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help all build test test-unit test-integration docs bench eval fidelity clean venv office format-fixtures

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pipeline.selfcheck
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install the package with its dependencies

all: $(STAMP) ## build normalized/ from raw/ (only what changed)
	$(PY) -m pipeline build

build: all ## same as all

test: $(STAMP) ## run the whole test suite (unit, integration, notebook)
	$(PY) -m pytest

test-unit: $(STAMP) ## run the fast unit tests only
	$(PY) -m pytest -m "not integration"

test-integration: $(STAMP) ## run the end-to-end tests only
	$(PY) -m pytest -m integration

docs: $(STAMP) ## regenerate docs/data-dictionary.md from schemas/ and normalized/
	$(PY) -m pipeline build --quiet || true
	$(PY) -m pipeline docs

bench: $(STAMP) ## time the pipeline on a synthetic corpus made from raw/
	$(PY) -m pipeline.bench

eval: $(STAMP) ## score outline, 专栏, tables and figures against the answer keys (tuning | held-out)
	$(PY) -m pipeline.evaluate

fidelity: $(STAMP) ## character error rate of the Traditional->Simplified conversion
	$(PY) -m pipeline.fidelity

office: ## install LibreOffice Writer (Debian) so that old Word .doc files in raw/ are converted and read
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		libreoffice-writer-nogui fonts-noto-cjk

format-fixtures: $(STAMP) office ## rewrite tests/fixtures/formats/ (.docx, LibreOffice and fpdf2 PDFs) from their plan texts
	$(PY) scripts/make_format_fixtures.py

clean: ## remove build outputs (keeps .venv)
	rm -rf normalized/*.parquet normalized/text normalized/.parts normalized/_build.json .normalized.*
