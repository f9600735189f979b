"""The reconciler: turns the extracted figures into relations, checks them, and fills
`doc.findings` (see `../shared/spec/output-json.md`).

    relations  <- text.py / textrel.py (sentences), tables.py (rows, columns), crosscheck.py,
               recipients.py (recipient lists against their stated counts)
    findings   <- checks.py (interval arithmetic in interval.py), dates.py
"""
from __future__ import annotations

from ..i18n import DEFAULT_LANG
from ..model import Document
from .checks import relation_finding, sort_findings, unique
from .crosscheck import crosscheck_relations
from .dates import date_findings
from .recipients import recipient_relations
from .relations import Relation
from .tables import table_relations
from .textrel import text_relations

__all__ = ["check", "relations"]


def relations(doc: Document, lang: str = DEFAULT_LANG) -> list[Relation]:
    """Every relation the reconciler can read from the document, checked or not."""
    from_text, structures = text_relations(doc)
    return table_relations(doc) + from_text + crosscheck_relations(doc, structures) + recipient_relations(doc, lang)


def check(doc: Document, *, lang: str = DEFAULT_LANG, include_passed: bool = False) -> Document:
    """Fill `doc.findings`: failed checks always, passed ones too with `include_passed`."""
    findings = [relation_finding(doc, rel, lang) for rel in relations(doc, lang)]
    findings += date_findings(doc, lang, include_passed)
    findings = unique(findings)
    if not include_passed:
        findings = [f for f in findings if not f.passed]
    doc.findings = sort_findings(doc, findings)
    return doc
