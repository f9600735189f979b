"""Reviews of findings: a reviewer confirms or dismisses one stored finding with a note (one
review per finding, the latest wins; each one audited)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..archive import Archive
from ..archive.schema import findings, reviews
from .accounts import now, record


def _as_dict(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "finding": row.finding_row,
        "verdict": row.verdict,
        "note": row.note,
        "reviewer": row.reviewer,
        "reviewed_at": row.reviewed_at.isoformat(),
    }


def store(archive: Archive, finding_row: int, verdict: str, note: str, who: str) -> dict[str, Any] | None:
    """The stored review, or None when no finding has that row id."""
    with archive._transaction() as conn:
        finding = conn.execute(sa.select(findings.c.finding_id).where(findings.c.id == finding_row)).scalar()
        if finding is None:
            return None
        values = {"verdict": verdict, "note": note.strip(), "reviewer": who, "reviewed_at": now()}
        changed = conn.execute(sa.update(reviews).where(reviews.c.finding_row == finding_row).values(**values))
        if changed.rowcount == 0:
            conn.execute(reviews.insert().values(finding_row=finding_row, **values))
        record(conn, who, "review", str(finding_row), {"finding": finding, "verdict": verdict, "note": values["note"]})
        row = conn.execute(sa.select(reviews).where(reviews.c.finding_row == finding_row)).first()
        return _as_dict(row)


def of_document(archive: Archive, document_id: int) -> dict[str, dict[str, Any]]:
    """For each finding id of a stored document: its row id (`finding`) and its review or None."""
    f = findings.c
    stmt = (
        sa.select(f.id.label("row"), f.finding_id, reviews)
        .outerjoin(reviews, reviews.c.finding_row == f.id)
        .where(f.document_id == document_id)
        .order_by(f.id)
    )
    out: dict[str, dict[str, Any]] = {}
    with archive._read() as conn:
        for r in conn.execute(stmt):
            out[r.finding_id] = {"finding": r.row, "review": _as_dict(r) if r.id is not None else None}
    return out


def stored_findings(archive: Archive, document_id: int) -> list[dict[str, Any]]:
    """A document's stored findings in their order, each with its row id and review."""
    f = findings.c
    stmt = (
        sa.select(f.id.label("row"), f.finding_id, f.check, f.severity, f.message, f.expected, f.actual, f.locations,
                  reviews.c.id, reviews.c.finding_row, reviews.c.verdict, reviews.c.note, reviews.c.reviewer,
                  reviews.c.reviewed_at)
        .outerjoin(reviews, reviews.c.finding_row == f.id)
        .where(f.document_id == document_id)
        .order_by(f.id)
    )
    with archive._read() as conn:
        return [
            {
                "row": r.row,
                "id": r.finding_id,
                "check": r.check,
                "severity": r.severity,
                "message": r.message,
                "expected": r.expected,
                "actual": r.actual,
                "locations": r.locations,
                "review": _as_dict(r) if r.id is not None else None,
            }
            for r in conn.execute(stmt)
        ]
