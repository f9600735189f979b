# Two entry points for a fresh machine (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
EXAMPLE ?= corpus/reports/example.docx
DB ?= out/archive.sqlite

.PHONY: demo test bench bench-small model clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/extractor parse $(EXAMPLE) --format text

test: $(VENV)/.installed
	$(PY) -m pytest

model: $(VENV)/.installed
	$(PY) -m extractor.nlp.build

clean:
	rm -rf $(VENV) out .pytest_cache
