"""OCR on scanned real files against hand-read facts (`tests/corpus/ocr_check.json`): right/total
per field (number, date, references and their dates, award counts, recipient-list length), mean
confidence and seconds per page. Needs tesseract and ../shared.

    python -m bench.ocr_real [--dpi 300] [--files 101,103]
"""
from __future__ import annotations

import argparse
import time

from extractor.devtools import ocr_check


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
    scores, pages, seconds = [], 0, 0.0
    print(f"### OCR on scanned real files ({ocr.SETTINGS['resolution']} dpi)\n")
    print("| file | pages | s/page | mean conf | " + " | ".join(ocr_check.FIELDS) + " |")
    print("|---" * (4 + len(ocr_check.FIELDS)) + "|")
    for entry in ocr_check.gold_entries():
        if wanted and not any(entry["file"].startswith(w) for w in wanted):
            continue
        path = ocr_check.REAL_FILES / entry["file"]
        start = time.perf_counter()
        doc = parse_file(path)
        spent = time.perf_counter() - start
        doc = extract(doc)
        s = ocr_check.score(doc, entry)
        scores.append(s)
        pages += doc.pages or 0
        seconds += spent
        conf = doc.ocr.mean_confidence if doc.ocr else "-"
        cells = " | ".join(f"{r}/{t}" if t else "-" for r, t in s.values())
        print(f"| {entry['file'][:3]} | {doc.pages} | {spent / max(1, doc.pages or 1):.2f} | {conf} | {cells} |", flush=True)
    all_ = ocr_check.total(scores)
    print(f"| all | {pages} | {seconds / max(1, pages):.2f} | | " + " | ".join(f"{r}/{t}" for r, t in all_.values()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
