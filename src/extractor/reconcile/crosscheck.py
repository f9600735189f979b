"""Text against tables: the same award at the same level must have the same figures.

Scope first. A text breakdown is compared with a table only when its parts name exactly the
awards the table counts (each table row with a non-zero total matched to one part, naming
variants resolved by the NLP stage's canonical names). Then its total is compared with the
table's total row, each part with its row, and the part's recipients (collectives, individuals)
with the row's columns. A ratio over "Huân chương, Bằng khen của Thủ tướng Chính phủ" is never
compared with a table total that also counts other awards.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import Award, CellRef, Document, Mention
from ..vn.normalize import match_key
from ..vn.numbers import parse_number
from .lexicon import text_lexicon
from .relations import Operand, Relation
from .tables import TableReading
from .text import BlockStructure, Node, has_word
from .textrel import operand

AwardKey = tuple[str, str, str]


def award_key(name: str, class_: str | None, level: str | None) -> AwardKey:
    return (match_key(name), match_key(class_ or ""), level or "")


def _canonical_award() -> Callable[[str], tuple[str, str | None, str | None] | None] | None:
    try:
        from ..nlp.awards import canonical_award
    except ImportError:
        return None
    return canonical_award


def text_awards(doc: Document) -> dict[tuple[int, int], Award]:
    """Text awards, nested parts included, by the position of their count: (block, start). A
    count stated twice is one award with a mention of each statement."""
    out: dict[tuple[int, int], Award] = {}
    pending = [a for a in doc.awards if a.source == "text"]
    while pending:
        a = pending.pop()
        pending += a.parts
        for m in a.mentions:
            if isinstance(m, Mention) and _states_count(m, a):
                out[(m.block, m.start)] = a
    return out


def _states_count(mention: Mention, award: Award) -> bool:
    number = parse_number(mention.text)
    return number is not None and number.value == award.count


def row_awards(doc: Document, reading: TableReading) -> dict[int, AwardKey]:
    """The award each body row counts, from the NLP stage's table awards or its canonical names."""
    out: dict[int, AwardKey] = {}
    for a in doc.awards:
        for m in a.mentions:
            if isinstance(m, CellRef) and m.table == reading.table.index:
                out.setdefault(m.row, award_key(a.award, a.class_, a.level))
    canonical = _canonical_award()
    if canonical is not None:
        for row in range(len(reading.table.rows)):
            if row not in out and (found := canonical(reading.row_label(row))):
                out[row] = award_key(*found)
    return out


def crosscheck_relations(doc: Document, structures: list[BlockStructure]) -> list[Relation]:
    if not doc.tables:
        return []
    readings = [TableReading(doc, table) for table in doc.tables]
    out = annex_relations(readings, structures)
    awards = text_awards(doc)
    if not awards:
        return out
    groups = [(n, b) for s in structures for top in s.nodes for n in top.walk() for b in n.checkable_breakdowns()
              if not _status_subset(s, n)]
    for reading in readings:
        scope = _table_scope(doc, reading)
        if scope is None:
            continue
        for node, breakdown in groups:
            keys = [_node_key(awards, part) for part in breakdown.parts]
            if not scope.unique or None in keys or len(set(keys)) != len(keys) or set(keys) != set(scope.rows):
                continue
            out += _compare(reading, scope, node, dict(zip(keys, breakdown.parts)))  # type: ignore[arg-type]
        out += coverage_relations(reading, scope, structures, awards)
    return out


def coverage_relations(reading: TableReading, scope: "_Scope", structures: list[BlockStructure],
                       awards: dict[tuple[int, int], Award]) -> list[Relation]:
    """When the text states a count for every award the table lists (each as its own figure,
    not inside another total), the text walks through the table: compare the awards that both
    name once."""
    found: dict[AwardKey, list[Node]] = {}
    for structure in structures:
        for node in structure.nodes:
            key = _node_key(awards, node)
            if key is not None and node.figure.is_amount and structure.reader.is_award(node.figure):
                found.setdefault(key, []).append(node)
    if not all(key in found for key in scope.rows):
        return []
    total_col = reading.by_role[("total", False)]
    out = []
    for key, rows in scope.rows.items():
        if len(found[key]) != 1 or len(rows) != 1:
            continue
        node, row = found[key][0], rows[0]
        out.append(_pair(reading, row, total_col, [operand(node.figure)], reading.row_label(row)))
        out += _recipient_pairs(reading, row, node)
    return [r for r in out if r is not None]


def annex_relations(readings: list[TableReading], structures: list[BlockStructure]) -> list[Relation]:
    """ "1.896 trường hợp (chi tiết tại biểu kèm theo)": the figure the text sends to the annex is
    the annex table's total. Only when the document has one table with a total row."""
    tables = [r for r in readings if r.by_role.get(("total", False)) is not None and len(r.total_rows) == 1]
    if len(tables) != 1:
        return []
    reading = tables[0]
    out = []
    for structure in structures:
        for m in text_lexicon().annex_reference.finditer(structure.reader.text):
            before = [n for n in structure.nodes if n.figure.start < m.start()]
            if not before or not before[-1].figure.is_amount:
                continue
            node = before[-1]
            row, col = reading.total_rows[0], reading.by_role[("total", False)]
            out.append(_pair(reading, row, col, [operand(node.figure)], reading.row_label(row)))
            out += _recipient_pairs(reading, row, node)
    return [r for r in out if r is not None]


def _recipient_pairs(reading: TableReading, row: int, node: Node) -> list[Relation | None]:
    out = []
    for role, figures in recipients_of(node).items():
        col = reading.by_role.get((role, False))
        if col is not None and figures:
            out.append(_pair(reading, row, col, [operand(f.figure) for f in figures], reading.row_label(row),
                             role=role))
    return out


def _status_subset(structure: BlockStructure, node: Node) -> bool:
    """ "20 trường hợp ... trả lại hồ sơ (15 ...; 05 ...)": a total qualified by a status counts a
    subset of what the table counts, even when it names the same awards."""
    reader = structure.reader
    text = reader.text
    lo = max((m.end() for m in re.finditer(r"[.;:]", text[:node.figure.start])), default=0)
    parts = [p for b in node.breakdowns for p in b.parts if p.block == structure.index]
    hi = min([p.figure.start for p in parts] + [len(text)])
    clause = text[lo:hi]
    return has_word(clause, text_lexicon().subset_status)


class _Scope:
    """The award rows of a table: award key -> body rows counting it (non-zero totals only)."""

    def __init__(self, total_row: int, rows: dict[AwardKey, list[int]]) -> None:
        self.total_row = total_row
        self.rows = rows

    @property
    def unique(self) -> bool:
        return all(len(rows) == 1 for rows in self.rows.values())


def _table_scope(doc: Document, reading: TableReading) -> _Scope | None:
    total_col = reading.by_role.get(("total", False))
    totals = reading.total_rows
    if total_col is None or len(totals) != 1:
        return None
    keys = row_awards(doc, reading)
    rows: dict[AwardKey, list[int]] = {}
    for row in range(len(reading.table.rows)):
        if row == totals[0] or reading.is_numbering_row(row):
            continue
        op = reading.operand(row, total_col)
        if op is None:
            return None
        if op.value == 0:
            continue
        key = keys.get(row)
        if key is None:
            return None
        rows.setdefault(key, []).append(row)
    return _Scope(totals[0], rows) if rows else None


def _node_key(awards: dict[tuple[int, int], Award], node: Node) -> AwardKey | None:
    a = awards.get((node.figure.quantity.mention.block, node.figure.quantity.mention.start))
    return None if a is None else award_key(a.award, a.class_, a.level)


def _compare(reading: TableReading, scope: _Scope, head: Node, parts: dict[AwardKey, Node]) -> list[Relation]:
    total_col = reading.by_role[("total", False)]
    out = [_pair(reading, scope.total_row, total_col, [operand(head.figure)],
                 reading.row_label(scope.total_row) or head.label)]
    for key, node in parts.items():
        row = scope.rows[key][0]
        out.append(_pair(reading, row, total_col, [operand(node.figure)], reading.row_label(row)))
        out += _recipient_pairs(reading, row, node)
    return [r for r in out if r is not None]


def _pair(reading: TableReading, row: int, col: int, text_ops: list[Operand], subject: str,
          role: str = "total") -> Relation | None:
    cell = reading.operand(row, col)
    if cell is None:
        return None
    return Relation("text_vs_table", role, cell, text_ops, subject=subject,
                    extra={"table": str(reading.table.index + 1), "column": reading.columns[col].label})


def recipients_of(node: Node) -> dict[str, list[Node]]:
    """The recipient figures of an award count, summed over its parts when each part has them."""
    if node.recipients:
        return _by_role(node.recipients)
    for breakdown in node.checkable_breakdowns():
        if not all(p.recipients for p in breakdown.parts):
            continue
        merged: dict[str, list[Node]] = {}
        for part in breakdown.parts:
            for role, figures in _by_role(part.recipients).items():
                merged.setdefault(role, []).extend(figures)
        return merged
    return {}


def _by_role(recipients: list[Node]) -> dict[str, list[Node]]:
    out: dict[str, list[Node]] = {}
    for r in recipients:
        if r.role:
            out.setdefault(r.role, []).append(r)
    return out
