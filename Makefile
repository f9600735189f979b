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

# The main job on the bundled example: check its figures, store it in an embedded SQLite
# archive, and search that archive (no server to start).
demo: $(VENV)/.installed
	@mkdir -p $(dir $(DB))
	$(BIN)/extractor check $(EXAMPLE)
	$(BIN)/extractor ingest $(EXAMPLE) --db $(DB)
	$(BIN)/extractor search "quyet dinh thu tuong" --db $(DB) --limit 5

test: $(VENV)/.installed
	$(PY) -m pytest

# Accuracy / verification / speed bench on the corpus (+ generated reports); writes docs/benchmarks.md.
BENCH_GENERATED ?= 50
bench: $(VENV)/.installed
	$(PY) -m bench.run --generated $(BENCH_GENERATED) --mutations 2 --out docs/benchmarks.md

# What CI runs: hand corpus + a few generated reports and mutants; exits 1 on an accuracy regression.
BENCH_MIN_F1 ?= 0.80
BENCH_MIN_MUTATION_RECALL ?= 0.95
BENCH_MAX_FALSE_FINDINGS ?= 0
bench-small: $(VENV)/.installed
	$(PY) -m bench.run --generated 6 --mutations 2 --no-speed --min-f1 $(BENCH_MIN_F1) \
		--min-mutation-recall $(BENCH_MIN_MUTATION_RECALL) --max-false-findings $(BENCH_MAX_FALSE_FINDINGS)

model: $(VENV)/.installed
	$(PY) -m extractor.nlp.build

clean:
	rm -rf $(VENV) out .pytest_cache
