"""Who received what: every award a unit or person received, from the recipient lists of the
stored decisions and proposals (`recipients` table, migration 8).

The query is folded like the stored keys (`vn.normalize.fold`: no diacritics, lower case) and
matched in part: every word of it must occur in the recipient's name or unit. The same SQL runs
on SQLite and PostgreSQL. Only current file versions count; the renderings of one report
(same `report_key`) give one row.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..vn.normalize import fold
from .schema import documents, recipients

WHO_COLUMNS = ("name", "kind", "position", "unit", "award", "class", "decision", "doc_type", "date", "issuer",
               "year", "source", "page", "document_id")


def _matches(words: list[str]) -> sa.ColumnElement:
    r = recipients.c
    return sa.and_(*(sa.or_(r.name_key.contains(w, autoescape=True),
                            sa.func.coalesce(r.unit_key, "").contains(w, autoescape=True)) for w in words))


def who(conn: Connection, query: str, *, year: int | None = None, award: str | None = None,
        limit: int = 500) -> list[dict[str, Any]]:
    words = fold(query).split()
    if not words:
        return []
    r, d = recipients.c, documents.c
    stmt = (
        sa.select(
            r.name, r.kind, r.position, r.unit, r.award, r["class"],
            sa.func.coalesce(r.decision, d.number).label("decision"),
            sa.func.coalesce(r.doc_type, d.doc_type).label("doc_type"),
            d.date, d.issuer, d.year, d.source, r.page, d.id.label("document_id"), d.report_key, r.name_key,
        )
        .join(documents, d.id == r.document_id)
        .where(d.current.is_(True), _matches(words))
        .order_by(d.date.desc(), d.id, r.ordinal)
    )
    if year is not None:
        stmt = stmt.where(d.year == year)
    rows = [dict(row) for row in conn.execute(stmt).mappings()]
    if award:
        wanted = fold(award)
        rows = [row for row in rows if row["award"] and wanted in fold(row["award"])]
    return _one_per_report(rows)[:limit]


def _one_per_report(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (report, recipient, award): the other renderings of a report repeat it."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        report = row.pop("report_key") or f"id:{row['document_id']}"
        key = (report, row.pop("name_key"), row["unit"], row["award"], row["class"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
