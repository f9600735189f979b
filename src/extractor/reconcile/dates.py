"""Date checks: the reporting period against the report's own date, and dates that cannot be.

The period and the report date come from the NLP stage (`doc.metadata`); a finding is raised
only when the period's end is written in the text as a full day ("đến ngày 30/12/2023") and
falls after the report's date. "Năm 2023" in a report dated November is normal and not judged,
and so is the period of a document that looks ahead (a plan's campaign runs after its date):
only the types in `dates.looking_back` of data/reconcile.json account for a past period.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Finding, Mention
from ..vn.dates import DateMatch, find_dates
from ..vn.normalize import fold
from .checks import finding_id
from .lexicon import date_lexicon


@dataclass(frozen=True)
class WrittenDate:
    block: int
    match: DateMatch

    def mention(self, doc: Document) -> Mention:
        return doc.mention(self.block, self.match.start, self.match.end)


def written_dates(doc: Document) -> list[WrittenDate]:
    return [WrittenDate(b.index, m) for b in doc.blocks for m in find_dates(b.text)]


def period_ends(doc: Document, dates: list[WrittenDate]) -> list[tuple[WrittenDate, WrittenDate]]:
    """Every "từ (ngày) D1 đến (ngày) D2" written with full days."""
    lex = date_lexicon()
    out = []
    for first, second in zip(dates, dates[1:]):
        if first.block != second.block or first.match.precision != "day" or second.match.precision != "day":
            continue
        text = doc.blocks[first.block].text
        if lex.period.search(text[:first.match.start]) and lex.period_link.match(
                text[first.match.end:second.match.start]):
            out.append((first, second))
    return out


def _report_date(doc: Document, dates: list[WrittenDate]) -> WrittenDate | None:
    if not doc.metadata.date:
        return None
    return next((d for d in dates if d.match.iso == doc.metadata.date), None)


def looks_back(doc: Document) -> bool:
    """Whether the document accounts for a period already past (a report, a proposal)."""
    return fold(doc.metadata.doc_type or "") in date_lexicon().looking_back


def period_findings(doc: Document, dates: list[WrittenDate], include_passed: bool) -> list[Finding]:
    period, report = doc.metadata.period, _report_date(doc, dates)
    if period is None or not period.end:
        return []
    out = []
    for start, end in period_ends(doc, dates):
        if end.match.iso != period.end:
            continue
        locations = [start.mention(doc), end.mention(doc)]
        if start.match.iso and end.match.iso and start.match.iso > end.match.iso:
            out.append(_finding(doc, "period_reversed", "warning", locations,
                                start=start.match.text, end=end.match.text))
        if report is None or not looks_back(doc):
            continue
        holds = end.match.iso <= report.match.iso  # type: ignore[operator]
        if holds and not include_passed:
            continue
        out.append(_finding(doc, "period_after_report", "warning", [end.mention(doc), report.mention(doc)],
                            passed=holds, expected=report.match.iso, actual=end.match.iso,
                            end=end.match.text, date=report.match.text))
    return out


def written_date_findings(doc: Document, dates: list[WrittenDate]) -> list[Finding]:
    out = []
    for d in dates:
        if not d.match.valid:
            out.append(_finding(doc, "impossible", "warning", [d.mention(doc)], text=d.match.text))
        elif d.match.damaged:
            out.append(_finding(doc, "damaged", "info", [d.mention(doc)], text=d.match.text,
                                iso=d.match.iso, actual=d.match.iso))
    return out


def _finding(doc: Document, kind: str, severity: str, locations: list, *, passed: bool = False,
             expected: str | None = None, actual: str | None = None, **params: str | None) -> Finding:
    key = "finding.passed" if passed else f"finding.date.{kind}"
    if passed:
        params = {"relation": f"{params.get('end')} ≤ {params.get('date')}"}
    return Finding(
        id=finding_id(doc, "date", kind, locations),
        check="date",
        severity="info" if passed else severity,  # type: ignore[arg-type]
        key=key,
        params=params,
        expected=expected,
        actual=actual,
        locations=locations,
        passed=passed,
    )


def date_findings(doc: Document, include_passed: bool = False) -> list[Finding]:
    dates = written_dates(doc)
    return period_findings(doc, dates, include_passed) + written_date_findings(doc, dates)
