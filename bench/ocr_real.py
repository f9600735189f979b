"""OCR on scanned real files against hand-read facts (`tests/corpus/ocr_check.json`): right/total
per field (number, date, references and their dates, award counts, recipient-list length), mean
confidence, and seconds per page: wall clock and CPU (this process and its tesseract children;
the CPU figure holds on a shared machine, the wall clock does not). Needs tesseract and ../shared.

    python -m bench.ocr_real [--dpi 300] [--files 101,103]
"""
from __future__ import annotations

import argparse
import resource
import time

from extractor.devtools import ocr_check


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    from extractor.nlp import extract
    from extractor.parse import ocr, parse_file

    p = argparse.ArgumentParser(prog="python -m bench.ocr_real", description=__doc__.split("\n\n")[0])
    p.add_argument("--dpi", type=int, default=None, help="OCR resolution (default: data/ocr.json)")
    p.add_argument("--files", default="", help="comma-separated file number prefixes")
    args = p.parse_args(argv)
    if args.dpi:
        ocr.SETTINGS["resolution"] = args.dpi
    wanted = [f for f in args.files.split(",") if f]
    scores, pages, seconds, cpu_seconds = [], 0, 0.0, 0.0
    print(f"### OCR on scanned real files ({ocr.SETTINGS['resolution']} dpi)\n")
    print("| file | pages | s/page | CPU s/page | mean conf | " + " | ".join(ocr_check.FIELDS) + " | list items read |")
    print("|---" * (6 + len(ocr_check.FIELDS)) + "|")
    for entry in ocr_check.gold_entries():
        if wanted and not any(entry["file"].startswith(w) for w in wanted):
            continue
        path = ocr_check.REAL_FILES / entry["file"]
        start, cpu_start = time.perf_counter(), _cpu()
        doc = parse_file(path)
        spent, cpu = time.perf_counter() - start, _cpu() - cpu_start
        doc = extract(doc)
        s = ocr_check.score(doc, entry)
        scores.append(s)
        pages += doc.pages or 0
        seconds += spent
        cpu_seconds += cpu
        conf = doc.ocr.mean_confidence if doc.ocr else "-"
        cells = " | ".join(f"{r}/{t}" if t else "-" for r, t in s.values())
        n = max(1, doc.pages or 1)
        items = f"{ocr_check.list_length(doc)}/{entry['list_length']}" if entry.get("list_length") else "-"
        print(f"| {entry['file'][:3]} | {doc.pages} | {spent / n:.2f} | {cpu / n:.2f} | {conf} | {cells} | {items} |", flush=True)
    all_ = ocr_check.total(scores)
    print(f"| all | {pages} | {seconds / max(1, pages):.2f} | {cpu_seconds / max(1, pages):.2f} | | " + " | ".join(f"{r}/{t}" for r, t in all_.values()) + " | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
