"""Whether an extracted document is a document of an office at all, or some other file that
sits in the same folder (a README, an index of files, notes): the one rule the batch commands
and the archive's ingest apply after extraction (`data/metadata.json` `office_document`).

A document of an office shows at least one of: a header field (document type, number or issuer,
as the metadata extractor read them), a national or Party motto line at its top, or a table of
figures. Nothing else is asked: a miss here skips a file, so the marks are the weakest ones
every office document carries.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Document, Table
from ..vn.normalize import fold
from .resources import load

NO_MARKS = "office.no_marks"  # message key of the reason


@lru_cache(maxsize=1)
def _rule() -> dict:
    data = load("metadata")
    rule = dict(data["office_document"])
    rule["header_blocks"] = data["header_blocks"]
    rule["folded_mottos"] = tuple(fold(m) for m in rule["header_mottos"])
    return rule


def has_header_motto(doc: Document) -> bool:
    rule = _rule()
    for block in doc.blocks[: rule["header_blocks"]]:
        for line in block.text.split("\n"):
            if fold(line).startswith(rule["folded_mottos"]):
                return True
    return False


def is_figure_table(table: Table) -> bool:
    rule = _rule()
    filled = [c for row in table.rows for c in row if c.text.strip() and not c.spanned]
    numbers = sum(1 for c in filled if c.value is not None)
    return numbers >= rule["figure_table_min_cells"] and numbers >= rule["figure_table_min_share"] * len(filled)


def not_office_reason(doc: Document) -> str | None:
    """None for a document of an office, else the message key saying why it does not look like
    one. Needs the metadata of `nlp.extract`."""
    rule = _rule()
    if any(getattr(doc.metadata, name) for name in rule["metadata_fields"]):
        return None
    if has_header_motto(doc) or any(is_figure_table(t) for t in doc.tables):
        return None
    return NO_MARKS
