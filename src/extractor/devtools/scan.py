"""Scans made from our own PDFs, for the OCR tests and bench: the pages as a scanner gives them
(images, no text layer), and the gold references printed on those pages."""
from __future__ import annotations

import json
from pathlib import Path


def scan_pdf(source: Path, pages: list[int], dpi: int, out: Path) -> Path:
    """An image-only PDF of `source`'s pages (1-based), in grey at `dpi`."""
    import pdfplumber

    with pdfplumber.open(source) as pdf:
        images = [pdf.pages[i - 1].to_image(resolution=dpi).original.convert("L") for i in pages]
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def gold_references_on(source: Path, gold: Path, pages: list[int]) -> list[str]:
    """The ids of `gold`'s references whose id is printed on the given pages of `source`."""
    import pdfplumber

    with pdfplumber.open(source) as pdf:
        text = " ".join(" ".join((pdf.pages[i - 1].extract_text() or "").split()) for i in pages)
    return [r["id"] for r in json.loads(gold.read_text("utf-8"))["references"] if r["id"] in text]
