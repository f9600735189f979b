"""The award figures the dashboard draws: totals of the current reports' top-level award
records (a class breakdown's parts are not counted twice) by form, level, year and issuer."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..archive import Archive
from ..archive.schema import awards, documents

_TOP = 15  # bars per chart; the rest are left out (the export has them all)


def _one_file_per_report() -> sa.Select:
    """The first current file of each report (its renderings share `report_key`)."""
    doc = documents.c
    return (
        sa.select(sa.func.min(doc.id))
        .where(doc.current.is_(True))
        .group_by(sa.func.coalesce(doc.report_key, sa.cast(doc.id, sa.Text)))
    )


def _stated_counts() -> sa.Subquery:
    """One count per report, award form, level and status: a total stated in the text and again
    in a table is one figure (the larger, when they differ). Proposals and returned files are
    not awards given and are left out."""
    a = awards.c
    return (
        sa.select(a.document_id, a.award, a.level, sa.func.max(a.count).label("count"))
        .where(
            a.parent_id.is_(None),
            a.count.is_not(None),
            sa.func.coalesce(a.status, "awarded") == "awarded",
            a.document_id.in_(_one_file_per_report()),
        )
        .group_by(a.document_id, a.award, a.level, a.status)
        .subquery()
    )


def awards_by(archive: Archive, dimension: str, year: int | None = None) -> list[list[Any]]:
    counts = _stated_counts()
    column = {"form": counts.c.award, "level": counts.c.level, "year": documents.c.year,
              "issuer": documents.c.issuer}[dimension]
    total = sa.func.sum(counts.c.count)
    stmt = (
        sa.select(column, total)
        .join(documents, documents.c.id == counts.c.document_id)
        .group_by(column)
        .order_by(column if dimension == "year" else total.desc())
        .limit(_TOP)
    )
    if year is not None:
        stmt = stmt.where(documents.c.year == year)
    with archive._read() as conn:
        return [[label, int(n or 0)] for label, n in conn.execute(stmt)]


DIMENSIONS = ("form", "level", "year", "issuer")


def award_totals(archive: Archive, year: int | None = None) -> dict[str, list[list[Any]]]:
    return {name: awards_by(archive, name, year) for name in DIMENSIONS}
