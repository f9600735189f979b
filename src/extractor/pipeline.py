"""The whole job for one file: parse, extract, check. The CLI, the archive's ingest workers and
the bench all go through `process` so the stages always run the same way."""
from __future__ import annotations

from pathlib import Path

from .i18n import DEFAULT_LANG
from .model import Document
from .parse import parse_file

STAGES = ("parse", "extract", "check")


def process(
    path: str | Path, *, until: str = "check", lang: str = DEFAULT_LANG, include_passed: bool = False
) -> Document:
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

    return check(doc, lang=lang, include_passed=include_passed)


def process_guarded(
    path: str | Path,
    *,
    until: str = "check",
    lang: str = DEFAULT_LANG,
    include_passed: bool = False,
    seconds: float | None = None,
) -> Document:
    """`process` under the per-document deadline and memory bound (`deadline.run_bounded`):
    a document past them raises `DeadlineExceeded` / `LimitExceeded` / `WorkerCrashed` (typed
    input errors), and the caller goes on with the next. `seconds` defaults to the
    `document_seconds` limit (EXTRACTOR_LIMIT_DOCUMENT_SECONDS; 0 runs unguarded)."""
    from .deadline import run_bounded

    if until != "parse":
        from .nlp.pipeline import load

        load()  # once here, so that every child shares the loaded model
    return run_bounded(
        lambda: process(path, until=until, lang=lang, include_passed=include_passed), str(path), seconds
    )
