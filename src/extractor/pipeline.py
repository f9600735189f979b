"""The whole job for one file: parse, extract, check. The CLI, the archive's ingest workers and
the bench all go through `process` so the stages always run the same way.

A batch (several files, a folder) passes `office_only`: a file that is no document of an office
(`nlp.officedoc`: a README, an index, notes; an image or another kind of file) raises
`NotOfficeDocument`, which the batch lists as skipped. A file given on its own is processed
anyway, with the reason noted and handed to `warn`."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import ImageFile, NotOfficeDocument, UnsupportedFormat
from .model import Document
from .parse import parse_file

STAGES = ("parse", "extract", "check")


def process(
    path: str | Path,
    *,
    until: str = "check",
    office_only: bool = False,
    warn: Callable[[NotOfficeDocument], None] | None = None,
    include_passed: bool = False,
) -> Document:
    """Run the stages up to and including `until` ("parse", "extract" or "check")."""
    if until not in STAGES:
        raise ValueError(f"unknown stage {until!r}")
    doc = _parse(path, office_only)
    if until == "parse":
        return doc
    from .nlp import extract

    doc = extract(doc)
    _judge_office(doc, path, office_only, warn)
    if until == "extract":
        return doc
    from .reconcile import check

    return check(doc, include_passed=include_passed)


def process_guarded(
    path: str | Path,
    *,
    until: str = "check",
    include_passed: bool = False,
    office_only: bool = False,
    warn: Callable[[NotOfficeDocument], None] | None = None,
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
    def work() -> tuple[Document, list[NotOfficeDocument]]:
        warnings: list[NotOfficeDocument] = []
        doc = process(
            path, until=until, office_only=office_only, warn=warnings.append, include_passed=include_passed
        )
        return doc, warnings

    doc, warnings = run_bounded(work, str(path), seconds)
    for warning in warnings:  # raised in the child, told here
        if warn is not None:
            warn(warning)
    return doc


def _parse(path: str | Path, office_only: bool) -> Document:
    try:
        return parse_file(path)
    except UnsupportedFormat as err:
        if not office_only:
            raise
        reason = "office.image" if isinstance(err, ImageFile) else "office.not_a_document"
        raise NotOfficeDocument(str(path), reason) from err


def _judge_office(doc: Document, path: str | Path, office_only: bool, warn) -> None:
    from .nlp.officedoc import not_office_reason

    reason = not_office_reason(doc)
    if reason is None:
        return
    err = NotOfficeDocument(str(path), reason)
    if office_only:
        raise err
    doc.notes.append(err.message("en"))
    if warn is not None:
        warn(err)
