"""The whole job for one file: parse, extract, check. The CLI, the archive's ingest workers and
the bench all go through `process` so the stages always run the same way."""
from __future__ import annotations

from pathlib import Path

from .model import Document
from .parse import parse_file

STAGES = ("parse", "extract", "check")


def process(path: str | Path, *, until: str = "check") -> Document:
    """Run the stages up to and including `until` ("parse", "extract" or "check")."""
    if until not in STAGES:
        raise ValueError(f"unknown stage {until!r}")
    doc = parse_file(path)
    if until == "parse":
        return doc
    from .nlp import extract

    doc = extract(doc)
    if until == "extract":
        return doc
    from .reconcile import check

    return check(doc)
