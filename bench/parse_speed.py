"""Parse time per page of a PDF, next to bare pdfplumber on the same file in the same run.

    PYTHONPATH=src python bench/parse_speed.py [FILE.pdf] [--runs N]

The bare reference opens the file and calls `extract_text()` and `extract_tables()` on every
page; the parser is `extractor.parse.parse_bytes`. Both start from the bytes in memory and the
best of N runs counts. Target: the parser costs at most 1.3 times the bare calls.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pdfplumber

from extractor.parse import parse_bytes

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.pdf"
TARGET_RATIO = 1.3


def bare(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
        return len(pdf.pages)


def parser(data: bytes, name: str) -> int:
    return parse_bytes(data, name).pages or 0


def best_of(runs: int, fn, *args) -> tuple[float, int]:
    best, result = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=SEED)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    data = args.file.read_bytes()
    parser(data, str(args.file))  # warm imports and caches once
    t_bare, pages = best_of(args.runs, bare, data)
    t_parse, _ = best_of(args.runs, parser, data, str(args.file))
    ratio = t_parse / t_bare
    print(f"file: {args.file} ({pages} pages, best of {args.runs})")
    print(f"bare extract_text + extract_tables: {1000 * t_bare / pages:7.1f} ms/page")
    print(f"extractor parse:                    {1000 * t_parse / pages:7.1f} ms/page")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
