"""Parse time per page of a PDF, next to bare pdfplumber on the same file in the same run.

    PYTHONPATH=src python bench/parse_speed.py [FILE.pdf] [--runs N]

The bare reference opens the file and calls `extract_text()` and `extract_tables()` on every
page; the parser is `extractor.parse.parse_bytes`. Both start from the bytes in memory; they run
alternately and the best of N runs of each counts. Target: the parser costs at most 1.3 times
the bare calls.
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


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main_loop(runs: int, data: bytes, name: str) -> tuple[float, float]:
    """Best time of each, the two alternating so that a busy machine slows both alike."""
    best_bare = best_parse = float("inf")
    for _ in range(runs):
        best_bare = min(best_bare, timed(bare, data))
        best_parse = min(best_parse, timed(parser, data, name))
    return best_bare, best_parse


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
    pages = bare(data)
    t_bare, t_parse = main_loop(args.runs, data, str(args.file))
    ratio = t_parse / t_bare
    print(f"file: {args.file} ({pages} pages, best of {args.runs})")
    print(f"bare extract_text + extract_tables: {1000 * t_bare / pages:7.1f} ms/page")
    print(f"extractor parse:                    {1000 * t_parse / pages:7.1f} ms/page")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
