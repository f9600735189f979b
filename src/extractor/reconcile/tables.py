"""Relations read from tables: each row's total against its parts, each percentage against its
count and base, each column against the total row ("CỘNG"). "-" and empty cells mean none."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Cell, CellRef, Document, Table
from ..vn.normalize import fold
from ..vn.numbers import Number, is_none_mark, parse_number
from .lexicon import table_lexicon
from .relations import Operand, Relation

_TOP_INDEX = (re.compile(r"^[IVXLC]+\.?$"), re.compile(r"^\d+\.?$"))
_PUNCT = re.compile(r"[\s:*.()\[\]]+")


def cell_number(cell: Cell) -> Number | None:
    """The figure printed in a cell ("23,8%" -> 23.8 with 1 decimal); None for none-marks."""
    text = cell.text.strip().rstrip("%").strip()
    return None if is_none_mark(text) else parse_number(text)


def cell_unreadable(cell: Cell) -> bool:
    return not is_none_mark(cell.text) and cell_number(cell) is None


def _bare(text: str) -> str:
    return _PUNCT.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class Column:
    index: int
    label: str
    concept: str | None
    percent: bool


def _concept_of(segment: str) -> str | None:
    bare = _bare(segment)
    for neutral in table_lexicon().neutral_groups:  # "Trong đó lãnh đạo, quản lý"
        if bare.startswith(neutral + " "):
            bare = bare[len(neutral) + 1:]
            break
    for concept, phrases in table_lexicon().concepts.items():
        if any(bare == p or bare.startswith(p + " ") for p in phrases):
            return concept
    return None


def classify_column(index: int, label: str) -> Column:
    """The column's role. A concept under a group heading that is not neutral ("Bằng khen /
    Tập thể") counts only that group, so it gets no role: it is not the table's collectives."""
    segments = [s for s in label.split(" / ") if s.strip()]
    folded = [fold(s) for s in segments]
    percent = any(w in s for s in folded for w in table_lexicon().percent_words)
    for depth in range(len(segments) - 1, -1, -1):
        concept = _concept_of(segments[depth])
        if concept:
            groups = [_bare(s) for s in segments[:depth]]
            if all(g in table_lexicon().neutral_groups for g in groups):
                return Column(index, label, concept, percent)
            break
    return Column(index, label, None, percent)


def _percent_follows_count(columns: list[Column]) -> list[Column]:
    """A bare "Tỷ lệ %" column is the rate of the count column just left of it."""
    out = list(columns)
    for i, col in enumerate(columns):
        if col.percent and col.concept is None and i > 0:
            left = columns[i - 1]
            if left.concept and not left.percent:
                out[i] = Column(col.index, col.label, left.concept, True)
    return out


class TableReading:
    """One table seen as columns with roles and rows with levels."""

    def __init__(self, doc: Document, table: Table) -> None:
        self.doc = doc
        self.table = table
        self.columns = _percent_follows_count(
            [classify_column(i, label) for i, label in enumerate(table.column_labels())])

    @cached_property
    def index_col(self) -> int | None:
        for col in self.columns:
            if _bare(col.label) in table_lexicon().index_headers:
                return col.index
        return None

    @cached_property
    def label_col(self) -> int | None:
        """The first column whose body cells are mostly words: the row labels."""
        for col in range(self.table.n_cols):
            if col == self.index_col:
                continue
            texts = [row[col].text for row in self.table.rows if col < len(row) and row[col].text.strip()]
            words = [t for t in texts if cell_unreadable(_cell(t))]
            if texts and len(words) * 2 > len(texts):
                return col
        return None

    @cached_property
    def by_role(self) -> dict[tuple[str, bool], int]:
        """(concept, percent) -> column index, for roles held by exactly one numeric column."""
        seen: dict[tuple[str, bool], list[int]] = {}
        for col in self.columns:
            if col.concept and col.index not in (self.index_col, self.label_col):
                seen.setdefault((col.concept, col.percent), []).append(col.index)
        return {key: cols[0] for key, cols in seen.items() if len(cols) == 1}

    def cell(self, row: int, col: int) -> Cell | None:
        cells = self.table.rows[row]
        return cells[col] if col < len(cells) else None

    def row_label(self, row: int) -> str:
        if self.label_col is None:
            return str(row + 1)
        cell = self.cell(row, self.label_col)
        return cell.text.strip() if cell else ""

    @cached_property
    def total_rows(self) -> list[int]:
        return [r for r in range(len(self.table.rows)) if self.is_total_row(r)]

    def is_total_row(self, row: int) -> bool:
        words = table_lexicon().total_rows
        return any(_bare(c.text) in words for c in self.table.rows[row] if cell_unreadable(c))

    def is_numbering_row(self, row: int) -> bool:
        """A row that only numbers the columns: "(1) (2) (3)" or "1 2 3"."""
        filled = [c for c in self.table.rows[row] if c.text.strip()]
        return len(filled) >= 3 and all(c.text.strip().strip("()") == str(c.col + 1) for c in filled)

    def row_level(self, row: int) -> int:
        """1 for roman-numbered rows, 2 for arabic, 3 for sub-items ("-", "a)", "1.1")."""
        text = ""
        if self.index_col is not None and (cell := self.cell(row, self.index_col)):
            text = cell.text.strip()
        elif self.label_col is not None and (cell := self.cell(row, self.label_col)):
            text = "-" if cell.text.strip()[:1] in "-+•" else ""
        if not text:
            return 2
        for level, pattern in enumerate(_TOP_INDEX, start=1):
            if pattern.match(text):
                return level
        return 3

    def operand(self, row: int, col: int, *, percent: bool = False) -> Operand | None:
        """The cell as an operand worth 0 when it says none; None when it is not a figure."""
        cell = self.cell(row, col)
        if cell is None or cell_unreadable(cell):
            return None
        number = cell_number(cell)
        ref = CellRef(self.table.index, row, col, cell.text)
        if number is None:
            return Operand.of(0, 0, ref, percent=percent)
        return Operand.of(number.value, number.decimals, ref, percent=percent)


def _cell(text: str) -> Cell:
    return Cell(row=0, col=0, text=text)


def _is_none(op: Operand) -> bool:
    return is_none_mark(op.location.text)


def row_sums(reading: TableReading, row: int) -> list[Relation]:
    out = []
    for whole, parts, sums in table_lexicon().splits:
        if not sums:
            continue
        cols = [reading.by_role.get((c, False)) for c in (whole, *parts)]
        if None in cols:
            continue
        ops = [reading.operand(row, c) for c in cols]
        if None in ops or all(_is_none(op) for op in ops):
            continue
        total, *part_ops = ops
        out.append(Relation("sum", "row", total, [p for p in part_ops if not _is_none(p)] or part_ops,
                            subject=reading.row_label(row),
                            extra={"whole": reading.columns[cols[0]].label,
                                   "parts": " + ".join(reading.columns[c].label for c in cols[1:])}))
    return out


def row_percentages(reading: TableReading, row: int) -> list[Relation]:
    out = []
    for whole, parts, _ in table_lexicon().splits:
        base_col = reading.by_role.get((whole, False))
        for part in parts:
            pct_col, count_col = reading.by_role.get((part, True)), reading.by_role.get((part, False))
            if None in (base_col, pct_col, count_col):
                continue
            claim = reading.operand(row, pct_col, percent=True)
            count, base = reading.operand(row, count_col), reading.operand(row, base_col)
            if claim is None or count is None or base is None or _is_none(claim) or base.value == 0:
                continue
            out.append(Relation("percentage", "row", claim, [count, base], subject=reading.row_label(row),
                                extra={"column": reading.columns[pct_col].label}))
    return out


def column_sums(reading: TableReading) -> list[Relation]:
    rows = range(len(reading.table.rows))
    totals = reading.total_rows
    if len(totals) != 1:
        return []
    body = [r for r in rows if r not in totals and not reading.is_numbering_row(r)]
    if not body:
        return []
    body = _top_rows_with_figures(reading, body)
    out = []
    for col in reading.columns:
        if col.percent or col.index in (reading.index_col, reading.label_col):
            continue
        total = reading.operand(totals[0], col.index)
        parts = [reading.operand(r, col.index) for r in body]
        if total is None or None in parts:
            continue
        figures = [p for p in parts if not _is_none(p)]
        if _is_none(total) and not figures:
            continue
        out.append(Relation("sum", "column", total, figures, subject=col.label,
                            extra={"row": reading.row_label(totals[0])}))
    return out


def _top_rows_with_figures(reading: TableReading, rows: list[int]) -> list[int]:
    """The rows of the outermost level that carries figures: roman section rows when they hold
    subtotals, else the numbered rows under them (section rows that only name a section)."""
    for level in sorted({reading.row_level(r) for r in rows}):
        at_level = [r for r in rows if reading.row_level(r) == level]
        if any(cell_number(c) is not None for r in at_level for c in reading.table.rows[r]
               if c.col not in (reading.index_col, reading.label_col)):
            return at_level
    return []


def table_relations(doc: Document) -> list[Relation]:
    out: list[Relation] = []
    for table in doc.tables:
        reading = TableReading(doc, table)
        for row in range(len(table.rows)):
            if reading.is_numbering_row(row):
                continue
            out += row_sums(reading, row)
            out += row_percentages(reading, row)
        out += column_sums(reading)
    return out
