"""OCR bench: the example report rendered to an image-only PDF (a scan), read back through
tesseract, against its text-layer PDF: seconds per page, references found of the gold ones printed
on those pages, metadata fields right, table cells read as typed.

    python -m bench.ocr_bench [--pages 1-6] [--dpi 200]

Prints a Markdown section for docs/benchmarks-ocr.md (not run by CI: a few seconds per page).
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from extractor.devtools.scan import gold_references_on, scan_pdf

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "corpus" / "reports" / "example.pdf"
GOLD = ROOT / "corpus" / "gold" / "example.json"
METADATA = ("doc_type", "number", "date", "issuer", "signer", "position", "title")


def score(path: Path, pages: list[int], gold_ids: list[str]) -> dict:
    from extractor.nlp import extract
    from extractor.parse import parse_file

    start = time.perf_counter()
    doc = parse_file(path)
    parse_seconds = time.perf_counter() - start
    doc = extract(doc)
    found = {r.id for r in doc.references}
    gold_meta = json.loads(GOLD.read_text("utf-8"))["document"]
    return {
        "doc": doc,
        "parse_seconds": parse_seconds,
        "references": sum(ref in found for ref in gold_ids),
        "metadata": sum(getattr(doc.metadata, k) == gold_meta[k] for k in METADATA),
    }


def cells_alike(scanned, typed) -> tuple[int, int]:
    same = total = 0
    for a, b in zip(scanned.tables, typed.tables):
        for row_a, row_b in zip(a.rows, b.rows):
            for x, y in zip(row_a, row_b):
                total += 1
                same += " ".join(x.text.split()) == " ".join(y.text.split())
    return same, total


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ocr_bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", default="1-6", help="pages of the example to scan, e.g. 1-2")
    p.add_argument("--dpi", type=int, default=200, help="resolution of the simulated scan")
    args = p.parse_args(argv)
    first, _, last = args.pages.partition("-")
    pages = list(range(int(first), int(last or first) + 1))
    gold_ids = gold_references_on(EXAMPLE, GOLD, pages)
    with tempfile.TemporaryDirectory() as tmp:
        scanned = score(scan_pdf(EXAMPLE, pages, args.dpi, Path(tmp) / "scan.pdf"), pages, gold_ids)
    typed = score(EXAMPLE, pages, gold_ids)
    info = scanned["doc"].ocr
    same, total = cells_alike(scanned["doc"], typed["doc"]) if pages == list(range(1, 7)) else (0, 0)
    print(f"### OCR (example.pdf pages {args.pages}, scanned at {args.dpi} dpi, tesseract vie)\n")
    print("| measure | scan (OCR) | text layer |\n|---|---|---|")
    print(f"| parse seconds per page | {scanned['parse_seconds'] / len(pages):.2f} | {typed['parse_seconds'] / len(pages):.2f} |")
    print(f"| gold references on these pages found | {scanned['references']}/{len(gold_ids)} | {typed['references']}/{len(gold_ids)} |")
    print(f"| metadata fields right | {scanned['metadata']}/{len(METADATA)} | {typed['metadata']}/{len(METADATA)} |")
    if total:
        print(f"| table cells read as typed | {same}/{total} | - |")
    print(f"| mean word confidence | {info.mean_confidence if info else '-'} | - |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
