# One-command set-up: every target creates .venv and installs the project when missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BA := $(VENV)/bin/budget-audit
STAMP := $(VENV)/.installed-stamp

.PHONY: setup test lint report bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

setup: $(STAMP)

lint: $(STAMP)
	$(PY) -m ruff check lib tests benchmarks

test: lint
	$(PY) -m pytest

report: $(STAMP)
	$(BA) batch params

bench: $(STAMP)
	$(PY) benchmarks/parse_bench.py
	$(PY) benchmarks/check_bench.py
	$(PY) benchmarks/report_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	# the audit trail stays: review decisions (review.sqlite*) and the run manifest (manifest.jsonl)
	find outputs -mindepth 1 -maxdepth 1 ! -name .gitkeep ! -name 'review.sqlite*' ! -name manifest.jsonl -exec rm -rf {} +
