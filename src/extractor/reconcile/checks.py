"""Judging relations: each becomes a `Finding`, failed or (for `--all`) passed.

A sum holds when the interval of the printed total overlaps the interval sum of the printed
parts; a percentage holds when its printed interval contains 100·count/base. Failing relations
that were read with certainty are errors (warnings for allocations, which a report may exceed
on purpose); when the parts may be only a selection ("trong đó có"), falling short of the total
is an info.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable

from ..model import CellRef, Document, Finding, Location, Mention, Severity
from ..vn.normalize import squash_spaces
from ..vn.numbers import format_number
from .interval import Interval, round_half_up, sum_holds, total
from .relations import Operand, Relation


@dataclass(frozen=True)
class Verdict:
    holds: bool
    severity: Severity
    expected: Fraction
    actual: Fraction
    decimals: int = 0
    exact: Fraction | None = None  # the exact percentage, for percentage checks


def judge(rel: Relation) -> Verdict:
    if rel.check in ("percentage", "ratio"):
        return _judge_percentage(rel)
    if rel.check == "bound":
        spent = rel.parts[0]
        return Verdict(spent.interval.lo <= rel.total.interval.hi, rel.severity, rel.total.value, spent.value)
    parts = total(p.interval for p in rel.parts)
    holds = sum_holds(rel.total.interval, [parts])
    severity: Severity = rel.severity
    if not holds and rel.partial and parts.hi < rel.total.interval.lo:
        severity = "info"
    parts_sum = sum((p.value for p in rel.parts), Fraction(0))
    decimals = max((p.decimals for p in rel.operands), default=0)
    if rel.check == "text_vs_table":  # the table is the reference the text repeats
        return Verdict(holds, severity, rel.total.value, parts_sum, decimals)
    return Verdict(holds, severity, parts_sum, rel.total.value, decimals)


def _judge_percentage(rel: Relation) -> Verdict:
    count, base = rel.parts
    exact = (count.interval / base.interval).scale(rel.scale)
    claim = rel.total
    expected = round_half_up(exact.mid, claim.decimals)
    return Verdict(claim.interval.overlaps(exact), rel.severity, expected, claim.value, claim.decimals, exact.mid)


# -- presenting ----------------------------------------------------------------------------------


def number(value: Fraction, decimals: int = 0) -> int | float:
    """A JSON number: an int when whole, else a float rounded to the printed decimals."""
    if value.denominator == 1:
        return int(value)
    return round(float(value), max(decimals, 2))


def show(value: Fraction, decimals: int = 0) -> str:
    return format_number(float(value) if value.denominator != 1 else int(value), decimals)


def _surfaces(ops: Iterable[Operand]) -> str:
    return " + ".join(op.surface.strip() or "0" for op in ops)


def message_params(rel: Relation, v: Verdict) -> dict[str, Any]:
    params: dict[str, Any] = {"subject": rel.subject, "total": rel.total.surface.strip(), **rel.extra}
    if rel.check in ("percentage", "ratio"):
        count, base = rel.parts
        params.update(claim=rel.total.surface.strip(), count=show(count.value), base=show(base.value),
                      exact=show(v.exact or Fraction(0), v.decimals + 2), expected=show(v.expected, v.decimals))
    elif rel.check == "bound":
        params.update(part=rel.parts[0].surface.strip())
    else:
        parts_sum = sum((p.value for p in rel.parts), Fraction(0))
        params.update(parts=_surfaces(rel.parts), sum=show(parts_sum, v.decimals),
                      text=_surfaces(rel.parts), table_value=rel.total.surface.strip())
    return params


def relation_formula(rel: Relation, v: Verdict) -> str:
    if rel.check in ("percentage", "ratio"):
        count, base = rel.parts
        exact = show(v.exact or Fraction(0), v.decimals + 2)
        unit = "%" if rel.scale == 100 else ""
        return f"{rel.total.surface.strip()} ≈ {show(count.value)}/{show(base.value)} = {exact}{unit}"
    if rel.check == "bound":
        return f"{rel.parts[0].surface.strip()} ≤ {rel.total.surface.strip()}"
    return f"{rel.total.surface.strip() or '0'} = {_surfaces(rel.parts)}"


def message_key(rel: Relation, v: Verdict) -> str:
    if v.holds:
        return "finding.passed"
    if rel.check == "sum":
        if v.severity == "info":
            return "finding.sum.partial"
        if rel.origin in ("row", "column", "recipients", "remainder"):
            return f"finding.sum.{rel.origin}"
        return "finding.sum"
    if rel.check == "list_count":
        return f"finding.list_count.{rel.origin}"
    if rel.check == "percentage":
        if rel.origin == "scale":
            return "finding.percentage.scale"
        return "finding.percentage.row" if rel.origin == "row" else "finding.percentage"
    if rel.check == "ratio" and rel.origin == "row":
        return "finding.ratio.row"
    return f"finding.{rel.check}"


def location_key(doc: Document, loc: Location) -> str:
    """A key that does not depend on how the file was cut into blocks, so the same figure gets
    the same finding id in the .md, .docx and .pdf renderings of one report."""
    if isinstance(loc, CellRef):
        return f"T{loc.table}R{loc.row}C{loc.col}"
    text = doc.blocks[loc.block].text if 0 <= loc.block < len(doc.blocks) else ""
    before = squash_spaces(text[max(0, loc.start - 40):loc.start])[-20:]
    return f"{before}|{squash_spaces(loc.text)}"


def finding_id(doc: Document, check: str, origin: str, locations: list[Location]) -> str:
    key = "\n".join([check, origin, *(location_key(doc, loc) for loc in locations)])
    return f"{check}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def relation_finding(doc: Document, rel: Relation) -> Finding:
    """The verdict on `rel` as a finding: a message key and its parameters (the report's own
    words and figures), rendered in the reader's language at output."""
    v = judge(rel)
    params = message_params(rel, v)
    params["relation"] = relation_formula(rel, v)
    return Finding(
        id=finding_id(doc, rel.check, rel.origin, rel.locations),
        check=rel.check,
        severity="info" if v.holds else v.severity,
        key=message_key(rel, v),
        params=params,
        expected=number(v.expected, v.decimals),
        actual=number(v.actual, v.decimals),
        locations=rel.locations,
        passed=v.holds,
    )


def _pages_of(doc: Document, loc: Location) -> list[int]:
    if isinstance(loc, CellRef):
        return list(doc.tables[loc.table].pages) if 0 <= loc.table < len(doc.tables) else []
    return [loc.page] if loc.page else []


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def read_doubtfully(doc: Document, loc: Location) -> bool:
    """Whether the figure at `loc` is one OCR read with low confidence (`OcrInfo.uncertain`)."""
    if doc.ocr is None or not doc.ocr.uncertain:
        return False
    digits, pages = _digits(loc.text), _pages_of(doc, loc)
    return bool(digits) and any(
        w.page in pages and _digits(w.text) == digits for w in doc.ocr.uncertain
    )


def mark_doubtful(doc: Document, findings: list[Finding]) -> None:
    """A failed check on a figure OCR was unsure of is no plain error: it says to look at the
    original (`review`), as a warning."""
    for f in findings:
        if not f.passed and any(read_doubtfully(doc, loc) for loc in f.locations):
            f.review = True
            if f.severity == "error":
                f.severity = "warning"


def document_position(doc: Document, loc: Location) -> tuple[float, int, int]:
    if isinstance(loc, Mention):
        return (loc.block, loc.start, 0)
    after = doc.tables[loc.table].after_block if 0 <= loc.table < len(doc.tables) else len(doc.blocks)
    return (after + 0.5 + loc.table * 1e-3, loc.row, loc.col)


def sort_findings(doc: Document, findings: list[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple:
        return document_position(doc, f.locations[0]) if f.locations else (float("inf"), 0, 0)

    return sorted(findings, key=key)


def unique(findings: list[Finding]) -> list[Finding]:
    """One finding per id; a failed verdict wins over a passed one for the same relation."""
    by_id: dict[str, Finding] = {}
    for f in findings:
        kept = by_id.get(f.id)
        if kept is None or (kept.passed and not f.passed):
            by_id[f.id] = f
    return list(by_id.values())


__all__ = ["Interval", "judge", "relation_finding", "sort_findings", "unique", "finding_id", "number"]
