"""Archive benchmark: search latency on a synthetic archive, and ingest throughput.

    PYTHONPATH=src python bench/archive_bench.py                      # 100,000 decisions, 20,000 reports
    PYTHONPATH=src python bench/archive_bench.py --decisions 5000 --reports 1000 --ingest-files 40

1. Builds an archive (SQLite by default, or --db URL) of `--reports` synthetic reports citing
   `--decisions` synthetic decisions (each report cites its share of them, in a sentence added
   to its text, so every citation has a real mention), stored through `Archive.store`.
2. Times `Archive.search` (top 20 with snippets) for free-text queries with diacritics, the same
   kind of queries typed without diacritics, and number/symbol look-ups in their four forms
   ("1478/QĐ-TTg", "1478", "QĐ-TTg 2022", "qd-ttg"); prints p50 / p95 per kind.
3. Writes `--ingest-files` report files and ingests them through the whole pipeline with 1 and
   then 2 worker processes into fresh archives; prints files/s and the speed-up, over the whole
   run and at steady state (worker start-up left out).

The reports and decisions come from the corpus generator, `extractor.devtools.generate`
(`synthetic_references(n, seed)`, `synthetic_reports(n, seed)`), when it is installed; until
then from the stand-in below: for the archive, reports composed from the paragraphs of the
repository's and the shared corpus' reports, and decisions made from the document-type and
issuer codes in `src/extractor/data/`; for ingest, the corpus' hand-written reports, each copy
made distinct.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

from extractor.archive import Archive, ingest
from extractor.model import Block, Document, Metadata, Reference
from extractor.parse import parse_bytes
from extractor.vn.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
TEXT_SOURCES = [ROOT / "corpus" / "reports", ROOT.parent / "shared" / "corpus" / "real", ROOT.parent / "shared" / "corpus" / "seed"]
SEARCH_LIMIT = 20


# --- where the synthetic material comes from ------------------------------------------------


def generator() -> tuple[Callable[[int, int], list], Callable[[int, int], list], str]:
    """(synthetic_references, synthetic_reports, name): the corpus generator, or the stand-in."""
    try:
        from extractor.devtools.generate import synthetic_references, synthetic_reports
    except ImportError:
        return standin_references, standin_reports, "stand-in (extractor.devtools.generate not installed)"
    return synthetic_references, synthetic_reports, "extractor.devtools.generate"


def _paragraph_pool() -> list[str]:
    lines = []
    for folder in TEXT_SOURCES:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix in (".md", ".txt"):
                lines += [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if len(ln.strip()) >= 40]
    if not lines:
        raise SystemExit("no report text found for the stand-in generator")
    return lines


def _codes() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    data = ROOT / "src" / "extractor" / "data"
    types = json.loads((data / "doc_types.json").read_text("utf-8"))["types"]
    issuers = json.loads((data / "issuers.json").read_text("utf-8"))["codes"]
    return [(t["name"], t["codes"][0]) for t in types if t["codes"]], sorted(issuers.items())


def standin_references(n: int, seed: int) -> list[Reference]:
    """`n` distinct decisions: number/type/issuer/year drawn at random, subjects from real text."""
    rng = random.Random(seed)
    types, issuers = _codes()
    pool = _paragraph_pool()
    seen, refs = set(), []
    while len(refs) < n:
        (type_name, type_code), (issuer_code, issuer) = rng.choice(types), rng.choice(issuers)
        number, year = str(rng.randint(1, 3000)), rng.randint(2005, 2025)
        symbol = f"{type_code}-{issuer_code}"
        if (number, symbol, year) in seen:
            continue
        seen.add((number, symbol, year))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        subject = rng.choice(pool)[:120].rsplit(" ", 1)[0]
        refs.append(Reference(id=f"{number}/{symbol}", doc_type=type_name, number=number, year=None,
                              symbol=symbol, date=date, issuer=issuer, subject=subject))
    return refs


def standin_reports(n: int, seed: int) -> list[Document]:
    """`n` reports of 15-25 paragraphs drawn from real reports."""
    rng = random.Random(seed)
    pool = _paragraph_pool()
    docs = []
    for i in range(n):
        paragraphs = rng.sample(pool, rng.randint(15, 25))
        blocks = [Block(index=j, kind="paragraph", text=p, page=1 + j // 8) for j, p in enumerate(paragraphs)]
        year = rng.randint(2015, 2025)
        meta = Metadata(doc_type="Báo cáo", number=f"{rng.randint(1, 999)}/BC-UBND", date=f"{year}-12-{rng.randint(1, 28):02d}",
                        issuer="UBND tỉnh", title=paragraphs[0][:100])
        docs.append(Document(source=f"synthetic-{i}.md", sha256="", format="md", pages=blocks[-1].page,
                             blocks=blocks, metadata=meta))
    return docs


def as_document(item, i: int) -> Document:
    """A generated report as a Document, whatever form the generator gives it in."""
    if isinstance(item, Document):
        return item
    if isinstance(item, tuple):
        item = item[0]
    if isinstance(item, Path):
        return parse_bytes(item.read_bytes(), str(item))
    return parse_bytes(str(item).encode("utf-8"), f"synthetic-{i}.md", "md")


def as_reference(item) -> Reference:
    return item if isinstance(item, Reference) else Reference(**{"year": None, "doc_type": None, "number": None, "symbol": None, **item})


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
    block = Block(index=len(doc.blocks), kind="paragraph", text=text, page=doc.blocks[-1].page if doc.blocks else 1)
    doc.blocks.append(block)
    for ref, start, end in spans:
        doc.references.append(dataclasses.replace(ref, mentions=[doc.mention(block.index, start, end)]))
    doc.sha256 = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return doc


# --- 1. build -------------------------------------------------------------------------------


def build(archive: Archive, refs: list[Reference], reports: list[Document]) -> float:
    """Store every report with its share of the decisions; returns reports stored per second."""
    share = math.ceil(len(refs) / len(reports))
    started = time.perf_counter()
    for i, doc in enumerate(reports):
        archive.store(cite(doc, refs[i * share : (i + 1) * share]), path=f"/synthetic/{i}.md", stage="parse")
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
        return " ".join(w.strip(".,;:()“”\"") for w in words[start : start + k])

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


def report_texts(make_reports: Callable[[int, int], list], from_generator: bool, n: int, seed: int) -> list[str]:
    """`n` distinct report files' text: the generator's, or else the corpus' hand-written
    reports (whole, with headers and annex tables) each made distinct by a closing line."""
    if from_generator:
        return [as_document(r, i).text if not isinstance(r, str) else r for i, r in enumerate(make_reports(n, seed))]
    originals = [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "reports").glob("*.md"))]
    return [f"{originals[i % len(originals)]}\nBản lưu số {i}.\n" for i in range(n)]


def write_files(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"report-{i:04d}.md").write_text(text, "utf-8")
    return folder


def ingest_seconds(folder: Path, db: Path, workers: int) -> float:
    with Archive(str(db)) as archive:
        started = time.perf_counter()
        summary = ingest(archive, [folder], workers=workers)
        seconds = time.perf_counter() - started
    if summary.failed:
        print(f"  {len(summary.failed)} files failed: {summary.failed[0].reason('en')}", file=sys.stderr)
    return seconds


def ingest_rates(work: Path, texts: list[str], workers: int) -> tuple[float, float]:
    """(files/s over the whole run of all `texts`, files/s at steady state). The steady rate
    comes from the difference between ingesting half and all of the files into fresh archives,
    which cancels the start-up of the worker processes (spawn, loading the NLP pipeline)."""
    half = len(texts) // 2
    small = write_files(work / f"half-{workers}", texts[:half])
    full = write_files(work / f"all-{workers}", texts)
    t_small = ingest_seconds(small, work / f"half-{workers}.sqlite", workers)
    t_full = ingest_seconds(full, work / f"all-{workers}.sqlite", workers)
    return len(texts) / t_full, (len(texts) - half) / max(t_full - t_small, 1e-9)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=100_000)
    ap.add_argument("--reports", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=300, help="queries of each kind")
    ap.add_argument("--ingest-files", type=int, default=300)
    ap.add_argument("--db", help="archive URL for the search part (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-search", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args(argv)
    make_refs, make_reports, source = generator()
    print(f"generator: {source}")
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_search:
            refs = [as_reference(r) for r in make_refs(args.decisions, args.seed)]
            reports = [as_document(r, i) for i, r in enumerate(make_reports(args.reports, args.seed))]
            with Archive(args.db or str(work / "search.sqlite")) as archive:
                rate = build(archive, refs, reports)
                counts = archive.counts()
                print(f"archive ({archive.dialect}): {counts['decisions']} decisions, {counts['reports']} reports, "
                      f"{counts['search_entries']} search entries; built at {rate:.0f} reports/s")
                kinds = queries(refs, reports, args.queries, args.seed)
                latencies(archive, kinds["free text"][:20])  # warm the caches
                print(f"search latency, top {SEARCH_LIMIT} with snippets ({args.queries} queries each):")
                for kind, texts in kinds.items():
                    wall, cpu = latencies(archive, texts)
                    print(f"  {kind:14s} p50 {statistics.median(wall):5.1f} ms  p95 {percentile(wall, 95):5.1f} ms  "
                          f"max {max(wall):5.1f} ms   (CPU p50 {statistics.median(cpu):5.1f} ms  p95 {percentile(cpu, 95):5.1f} ms)")
        if not args.skip_ingest:
            texts = report_texts(make_reports, not source.startswith("stand-in"), args.ingest_files, args.seed + 1)
            whole1, steady1 = ingest_rates(work, texts, 1)
            whole2, steady2 = ingest_rates(work, texts, 2)
            print(f"ingest, whole pipeline, {len(texts)} files (files/s):")
            print(f"  whole run     1 worker {whole1:6.1f}   2 workers {whole2:6.1f}   speed-up x{whole2 / whole1:.2f}")
            print(f"  steady state  1 worker {steady1:6.1f}   2 workers {steady2:6.1f}   speed-up x{steady2 / steady1:.2f}")

if __name__ == "__main__":
    main()
