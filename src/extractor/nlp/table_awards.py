"""Award records from statistical forms (Biểu mẫu) and annex tables whose columns say who
received each form and at which stage.

A form puts groups of columns under a status ("Số đã trình" = proposed, "Số đã có quyết định" =
awarded, `awards.json` `table_status_columns`), each with collectives / individuals and maybe a
total; a plain annex may have collectives and individuals columns without a total. Each row
naming one award form gives one record per group that has a figure, its count the total cell or
the sum of the recipients. A title given only to individuals ("Chiến sĩ thi đua cơ sở") counts
individuals even when the form writes it in the collectives column (and the reverse for a title
of collectives). Tables with a total column and no status are read by `awards.table_awards`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Award, Cell, Document, Table
from ..vn.normalize import match_key
from .awards import _column, canonical_award, info
from .resources import load

_ROLES = ("count", "collectives", "individuals")


@dataclass
class ColumnGroup:
    """The columns of one status: role ("count", "collectives", "individuals") -> column."""

    status: str | None
    columns: dict[str, int] = field(default_factory=dict)


def _starts_with(segment: str, words: list[str]) -> bool:
    return any(re.match(re.escape(match_key(w)) + r"(?![\w\u0300-\u036f])", segment) for w in words)


def _status_of(segments: list[str]) -> str | None:
    for status, words in load("awards")["table_status_columns"].items():
        if any(_starts_with(s, words) for s in segments):
            return status
    return None


def _role_of(segments: list[str]) -> str | None:
    """The role the deepest header level names ("Số đã trình / Tập thể" -> collectives)."""
    words = load("awards")["table_columns"]
    for segment in reversed(segments):
        for role in _ROLES:
            if _starts_with(segment, words[role]):
                return role
    return None


def column_groups(table: Table) -> list[ColumnGroup]:
    """The status groups of a form, in column order; [] when no column names a status."""
    groups: dict[str | None, ColumnGroup] = {}
    for col, label in enumerate(table.column_labels()):
        segments = [match_key(s.strip()) for s in label.split(" / ") if s.strip()]
        status, role = _status_of(segments), _role_of(segments)
        if status is None or role is None:
            continue
        group = groups.setdefault(status, ColumnGroup(status))
        group.columns.setdefault(role, col)
    return [g for g in groups.values() if {"collectives", "individuals", "count"} & set(g.columns)]


def recipient_group(table: Table) -> list[ColumnGroup]:
    """A table without status columns and without a total: its collectives and individuals."""
    labels = table.column_labels()
    if _column(labels, "count") is not None:
        return []
    coll, ind = _column(labels, "collectives"), _column(labels, "individuals")
    if coll is None or ind is None:
        return []
    return [ColumnGroup(None, {"collectives": coll, "individuals": ind})]


def _count(cell: Cell | None) -> int | None:
    """A whole, non-negative figure read from the cell by the parser; None otherwise."""
    n = cell.number if cell is not None else None
    if n is None or n.ambiguous or n.decimals or n.value < 0:
        return None
    return int(n.value)


def _label_col(table: Table) -> int | None:
    return _column(table.column_labels(), "label")


def _row_award(doc: Document, table: Table, r: int, label: str, group: ColumnGroup) -> Award | None:
    found = canonical_award(label)
    if found is None or info(found[0]).group:  # type: ignore[union-attr]
        return None
    row = table.rows[r]
    cell = {role: row[col] if col < len(row) else None for role, col in group.columns.items()}
    total, coll, ind = (_count(cell.get(role)) for role in _ROLES)
    if total is None and coll is None and ind is None:
        return None
    recipients = info(found[0]).recipients  # type: ignore[union-attr]
    coll_col, ind_col = group.columns.get("collectives"), group.columns.get("individuals")
    if recipients == ("individual",) and ind is None and coll is not None:
        coll, ind, coll_col, ind_col = None, coll, None, coll_col  # an individual title under "Tập thể"
    elif recipients == ("collective",) and coll is None and ind is not None:
        coll, ind, coll_col, ind_col = ind, None, ind_col, None
    count = total if total is not None else (coll or 0) + (ind or 0)
    name, class_, level = found
    first = group.columns.get("count") if total is not None else (coll_col if coll is not None else ind_col)
    award = Award(award=name, count=count, class_=class_, level=level, status=group.status, source="table",
                  mentions=[doc.cell_ref(table.index, r, first)], surface=label)  # type: ignore[arg-type]
    for value, col, attr in ((coll, coll_col, "collectives"), (ind, ind_col, "individuals")):
        if value is not None and col is not None:
            setattr(award, attr, value)
            if col != first:
                award.mentions.append(doc.cell_ref(table.index, r, col))
    return award


def form_awards(doc: Document, table: Table) -> list[Award] | None:
    """The records of a form or recipients-only annex table; None when the table is neither."""
    groups = column_groups(table) or recipient_group(table)
    label_col = _label_col(table)
    if not groups or label_col is None:
        return None
    out = []
    for r, row in enumerate(table.rows):
        if label_col >= len(row):
            continue
        for group in groups:
            if (award := _row_award(doc, table, r, row[label_col].text, group)) is not None:
                out.append(award)
    return out
