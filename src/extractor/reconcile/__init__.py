"""The reconciler: turns the extracted figures into relations, checks them, and fills
`doc.findings` (see `../shared/spec/output-json.md`).

    relations  <- text.py / textrel.py (sentences), tables.py (rows, columns), crosscheck.py,
               recipients.py (recipient lists against their stated counts)
    findings   <- checks.py (interval arithmetic in interval.py), dates.py
"""
from __future__ import annotations

from collections import Counter

from ..model import Document, Finding
from .checks import mark_doubtful, relation_finding, sort_findings, unique
from .crosscheck import crosscheck_relations
from .dates import date_findings
from .recipients import recipient_relations
from .relations import Relation
from .formulas import table_relations
from .textrel import text_relations

__all__ = ["check", "relations"]


def relations(doc: Document) -> list[Relation]:
    """Every relation the reconciler can read from the document, checked or not."""
    from_text, structures = text_relations(doc)
    return table_relations(doc) + from_text + crosscheck_relations(doc, structures) + recipient_relations(doc)


def check(doc: Document, *, include_passed: bool = False) -> Document:
    """Fill `doc.findings` (failed checks always, passed ones too with `include_passed`) and
    `doc.checks`, the checks carried out by kind. The findings are keys and parameters: the
    reader's language is chosen when they are rendered."""
    findings = [relation_finding(doc, rel) for rel in relations(doc)]
    findings += date_findings(doc, include_passed=True)
    findings = unique(findings)
    doc.checks = checks_carried_out(findings)
    mark_doubtful(doc, findings)
    if not include_passed:
        findings = [f for f in findings if not f.passed]
    doc.findings = sort_findings(doc, findings)
    return doc


def checks_carried_out(findings: list[Finding]) -> dict[str, int]:
    """How many relations were judged, by kind (passed or not). A written date that cannot be
    (impossible, malformed) is a reading, not a check between figures: it does not count."""
    judged = Counter(f.check for f in findings if f.key not in _NOT_CHECKS)
    return dict(judged)


_NOT_CHECKS = ("finding.date.impossible", "finding.date.damaged", "nlp.damaged_date")
