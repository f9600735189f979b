"""Archive benchmark: search latency on a synthetic archive, and ingest throughput.

    PYTHONPATH=src python bench/archive_bench.py                      # 100,000 decisions, 20,000 reports
    PYTHONPATH=src python bench/archive_bench.py --decisions 5000 --reports 1000 --ingest-files 40

1. Builds an archive (SQLite by default, or --db URL) of `--reports` synthetic reports citing
   `--decisions` synthetic decisions (each report cites its share of them, in a sentence added
   to its text, so every citation has a real mention), stored through `Archive.store`; a
   `--renderings` fraction of them is stored twice (as md and pdf: one report, two files).
2. Times `Archive.search` (top 20 with snippets) for free-text queries with diacritics, the same
   kind of queries typed without diacritics, and number/symbol look-ups in their four forms
   ("1478/QĐ-TTg", "1478", "QĐ-TTg 2022", "qd-ttg"); prints p50 / p95 per kind.
3. Writes `--ingest-files` report files and ingests them through the whole pipeline with 1 and
   then 2 worker processes into fresh archives; prints files/s and the speed-up, over the whole
   run and at steady state (worker start-up left out).

The reports and decisions come from the corpus generator, `extractor.devtools.generate`:
`synthetic_references` and `synthetic_reports` for the archive, `write_corpus` for the files.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

from extractor.archive import Archive, ingest
from extractor.devtools.generate import synthetic_references, synthetic_reports, write_corpus
from extractor.model import Block, Document, Reference
from extractor.vn.normalize import fold

SEARCH_LIMIT = 20


def cite(doc: Document, refs: list[Reference]) -> Document:
    """Add a paragraph citing `refs` to `doc`, with the mentions, and give it its own sha256."""
    parts, spans, pos = [], [], len("Căn cứ ")
    for ref in refs:
        words = f"{ref.doc_type or 'Văn bản'} số {ref.id}"
        spans.append((ref, pos, pos + len(words)))
        piece = f"{words} của {ref.issuer or ''} {ref.subject or ''}".strip()
        parts.append(piece)
        pos += len(piece) + 2
    text = "Căn cứ " + "; ".join(parts) + "."
    block = Block(
        index=len(doc.blocks), kind="paragraph", text=text, page=doc.blocks[-1].page if doc.blocks else 1
    )
    doc.blocks.append(block)
    for ref, start, end in spans:
        doc.references.append(dataclasses.replace(ref, mentions=[doc.mention(block.index, start, end)]))
    doc.sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return doc


# --- 1. build -------------------------------------------------------------------------------


def build(archive: Archive, refs: list[Reference], reports: list[Document], renderings: float = 0.0) -> float:
    """Store every report with its share of the decisions, and that fraction of them a second
    time as a PDF (other bytes, the same report: one search hit); returns reports stored per
    second."""
    share = math.ceil(len(refs) / len(reports))
    every = round(1 / renderings) if renderings else 0
    started = time.perf_counter()
    for i, doc in enumerate(reports):
        archive.store(cite(doc, refs[i * share : (i + 1) * share]), path=f"/synthetic/{i}.md", stage="parse")
        if every and i % every == 0:
            doc.format, doc.sha256 = "pdf", hashlib.sha256(f"{doc.sha256} pdf".encode()).hexdigest()
            archive.store(doc, path=f"/synthetic/{i}.pdf", stage="parse")
        if (i + 1) % 1000 == 0:
            rate = (i + 1) / (time.perf_counter() - started)
            print(f"  stored {i + 1}/{len(reports)} reports ({rate:.0f}/s)", file=sys.stderr)
    return len(reports) / (time.perf_counter() - started)


# --- 2. search latency ----------------------------------------------------------------------


def queries(refs: list[Reference], reports: list[Document], n: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)

    def phrase() -> str:
        words = rng.choice(rng.choice(reports).blocks).text.split()
        k = rng.randint(2, 3)
        start = rng.randrange(max(1, len(words) - k))
        return " ".join(w.strip('.,;:()“”"') for w in words[start : start + k])

    forms = [
        lambda r: r.id,
        lambda r: r.number,
        lambda r: f"{r.symbol} {r.date[:4]}",
        lambda r: fold(r.symbol),
    ]
    picked = [rng.choice(refs) for _ in range(n)]
    return {
        "free text": [phrase() for _ in range(n)],
        "no diacritics": [fold(phrase()) for _ in range(n)],
        "number/symbol": [forms[i % len(forms)](r) for i, r in enumerate(picked)],
    }


def latencies(archive: Archive, texts: Iterable[str]) -> tuple[list[float], list[float]]:
    """Per query: (wall milliseconds, CPU milliseconds of this process, which runs SQLite too).
    On a machine shared with other work the CPU time shows what an idle machine would see."""
    wall, cpu = [], []
    for q in texts:
        started, started_cpu = time.perf_counter(), time.process_time()
        archive.search(q, limit=SEARCH_LIMIT)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- 3. ingest throughput -------------------------------------------------------------------


def report_files(work: Path, n: int, seed: int) -> tuple[Path, Path]:
    """Folders of `n // 2` and `n` generated report files (Markdown), the first a part of the
    second."""
    full = work / "generated"
    write_corpus(n, seed, full)
    half = work / "half"
    half.mkdir()
    for path in sorted((full / "reports").glob("*.md"))[: n // 2]:
        shutil.copy(path, half / path.name)
    return half, full / "reports"


def ingest_seconds(folder: Path, db: Path, workers: int) -> float:
    with Archive(str(db)) as archive:
        started = time.perf_counter()
        summary = ingest(archive, [folder], workers=workers)
        seconds = time.perf_counter() - started
    if summary.failed:
        print(f"  {len(summary.failed)} files failed: {summary.failed[0].reason('en')}", file=sys.stderr)
    return seconds


def ingest_rates(work: Path, half: Path, full: Path, workers: int) -> tuple[float, float]:
    """(files/s over a whole run, files/s at steady state). The steady rate comes from the
    difference between ingesting half and all of the files into fresh archives, which cancels
    the start-up of the worker processes (spawn, loading the NLP pipeline)."""
    n_half, n_full = (len(list(f.iterdir())) for f in (half, full))
    t_half = ingest_seconds(half, work / f"half-{workers}.sqlite", workers)
    t_full = ingest_seconds(full, work / f"full-{workers}.sqlite", workers)
    return n_full / t_full, (n_full - n_half) / max(t_full - t_half, 1e-9)


def spread(values: list[float]) -> str:
    return f"p50 {statistics.median(values):5.1f} ms  p95 {percentile(values, 95):5.1f} ms"


def search_part(args: argparse.Namespace, work: Path) -> None:
    refs = list(synthetic_references(args.decisions, args.seed))
    reports = list(synthetic_reports(args.reports, args.seed))
    with Archive(args.db or str(work / "search.sqlite")) as archive:
        rate = build(archive, refs, reports, args.renderings)
        n = archive.counts()
        print(
            f"archive ({archive.dialect}): {n['decisions']} decisions, {len(reports)} reports in "
            f"{n['reports']} files, {n['search_entries']} search entries; built at {rate:.0f} reports/s"
        )
        kinds = queries(refs, reports, args.queries, args.seed)
        latencies(archive, kinds["free text"][:20])  # warm the caches
        print(f"search latency, top {SEARCH_LIMIT} with snippets ({args.queries} queries each):")
        for kind, texts in kinds.items():
            wall, cpu = latencies(archive, texts)
            print(f"  {kind:14s} {spread(wall)}  max {max(wall):5.1f} ms   (CPU {spread(cpu)})")


def ingest_part(args: argparse.Namespace, work: Path) -> None:
    half, full = report_files(work, args.ingest_files, args.seed + 1)
    rates = {workers: ingest_rates(work, half, full, workers) for workers in (1, 2)}
    print(f"ingest, whole pipeline, {args.ingest_files} generated files (files/s):")
    for i, name in enumerate(("whole run", "steady state")):
        one, two = rates[1][i], rates[2][i]
        print(f"  {name:12s}  1 worker {one:6.1f}   2 workers {two:6.1f}   speed-up x{two / one:.2f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=100_000)
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=300, help="queries of each kind")
    ap.add_argument("--ingest-files", type=int, default=1000)
    ap.add_argument(
        "--renderings", type=float, default=0.2, help="fraction of the reports stored a second time, as a PDF"
    )
    ap.add_argument("--db", help="archive URL for the search part (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-search", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        if not args.skip_search:
            search_part(args, Path(tmp))
        if not args.skip_ingest:
            ingest_part(args, Path(tmp))


if __name__ == "__main__":
    main()
