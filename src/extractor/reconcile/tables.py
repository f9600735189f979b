"""Relations read from tables: each row's total against its parts, each percentage against its
count and base, each column against the total row ("CỘNG"). "-" and empty cells mean none.

A rate column whose header names no count ("Tỷ lệ (%)" beside "Số xã" and "Số xã đạt chuẩn")
takes its count and base from the table's own figures: the one pair of columns to its left that
the printed rates agree with in most rows. A row where they disagree is then an error; a column
no pair explains builds no relation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from ..model import Cell, Document, Table
from ..vn.normalize import fold
from ..vn.colkeys import is_key_row
from ..vn.numbers import Number, is_none_mark
from .interval import share_holds
from .lexicon import table_lexicon
from .relations import Operand, Relation

_TOP_INDEX = (re.compile(r"^[IVXLC]+\.?$"), re.compile(r"^\d+\.?$"))
_PUNCT = re.compile(r"[\s:*.()\[\]]+")


def cell_number(cell: Cell) -> Number | None:
    """The figure the parser read in the cell ("23,8%" -> 23.8 with 1 decimal); None for none-marks."""
    return cell.number


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

    @cached_property
    def figure_columns(self) -> list[int]:
        """Columns that may hold counts: neither the index, the labels nor a rate."""
        return [c.index for c in self.columns if not c.percent and c.index not in (self.index_col, self.label_col)]

    @cached_property
    def fitted_rates(self) -> list[tuple[int, int, int]]:
        """(rate, count, base) columns for each rate column that no header word ties to a count."""
        out = []
        for col in self.columns:
            if col.percent and col.concept is None and col.index not in (self.index_col, self.label_col):
                pair = fit_rate(self, col.index)
                if pair is not None:
                    out.append((col.index, *pair))
        return out

    @cached_property
    def checked_rows(self) -> list[int]:
        return [r for r in range(len(self.table.rows)) if not self.is_numbering_row(r)]

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
        """A row that only numbers the columns ("(1) (2) (3)", "1 2 3", "A B 1 2"), as a table
        continued over pages may repeat it in its body."""
        return is_key_row([c.text for c in self.table.rows[row]])

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
        if cell is None or cell_unreadable(cell) or (cell.number is not None and cell.number.ambiguous):
            return None
        number = cell_number(cell)
        ref = self.table.ref(row, col)
        if number is None:
            return Operand.of(0, 0, ref, percent=percent)
        return Operand.of(number.value, number.decimals, ref, percent=percent)


def _cell(text: str) -> Cell:
    return Cell(row=0, col=0, text=text)


def is_subset_row(reading: TableReading, row: int) -> bool:
    """A "Trong đó: nữ" row counts some of the row above it: never an addend of a total."""
    cell = reading.cell(row, reading.label_col) if reading.label_col is not None else None
    if cell is None:
        return False
    bare = _bare(cell.text.lstrip("-+• "))
    return any(bare == cue or bare.startswith(cue + " ") for cue in table_lexicon().subset_rows)


def _is_none(op: Operand) -> bool:
    return is_none_mark(op.location.text)


def rate_operands(reading: TableReading, row: int, rate: int, count: int,
                  base: int) -> tuple[Operand, Operand, Operand] | None:
    """The row's printed rate, count and base, when all three are figures and the base is not 0."""
    claim = reading.operand(row, rate, percent=True)
    count_op, base_op = reading.operand(row, count), reading.operand(row, base)
    if claim is None or count_op is None or base_op is None or _is_none(claim) or base_op.value == 0:
        return None
    return claim, count_op, base_op


def rate_verdicts(reading: TableReading, rate: int, count: int, base: int, scale: int = 100) -> dict[int, bool]:
    """Row -> whether its printed rate can be scale·count/base, for the rows that print all three."""
    out = {}
    for row in reading.checked_rows:
        ops = rate_operands(reading, row, rate, count, base)
        if ops is not None:
            claim, count_op, base_op = ops
            out[row] = share_holds(claim.interval.scale(Fraction(100, scale)), count_op.interval, base_op.interval)
    return out


def fit_rate(reading: TableReading, rate: int, scale: int = 100) -> tuple[int, int] | None:
    """The (count, base) columns left of `rate` that its printed rates agree with in more than
    half of the rows (two at least). Pairs that fit equally well must fail on the same rows,
    else the table does not say which it means; the pair nearest the rate column is kept."""
    candidates = [c for c in reading.figure_columns if c < rate]
    fits: dict[tuple[int, int], tuple[int, frozenset[int]]] = {}
    for count in candidates:
        for base in candidates:
            if count == base:
                continue
            verdicts = rate_verdicts(reading, rate, count, base, scale)
            held = sum(verdicts.values())
            if held >= 2 and 2 * held > len(verdicts):
                fits[(count, base)] = (held, frozenset(r for r, ok in verdicts.items() if not ok))
    if not fits:
        return None
    most = max(held for held, _ in fits.values())
    best = {pair: failing for pair, (held, failing) in fits.items() if held == most}
    if len(set(best.values())) > 1:  # a count is part of its base: prefer pairs where it never exceeds it
        best = {pair: failing for pair, failing in best.items() if count_within_base(reading, *pair)}
    if len(set(best.values())) != 1:
        return None
    return max(best, key=lambda pair: (pair[0], pair[1]))


def count_within_base(reading: TableReading, count: int, base: int) -> bool:
    for row in reading.checked_rows:
        count_op, base_op = reading.operand(row, count), reading.operand(row, base)
        if count_op is not None and base_op is not None and count_op.value > base_op.value:
            return False
    return True


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


def column_sums(reading: TableReading) -> list[Relation]:
    rows = range(len(reading.table.rows))
    totals = reading.total_rows
    if len(totals) != 1:
        return []
    body = [r for r in rows if r not in totals and not reading.is_numbering_row(r) and not is_subset_row(reading, r)]
    if not body:
        return []
    body = _top_rows_with_figures(reading, body)
    out = []
    for col in reading.columns:
        if col.percent or col.index in (reading.index_col, reading.label_col):
            continue
        total = reading.operand(totals[0], col.index)
        parts = [reading.operand(r, col.index) for r in body]
        if total is None or None in parts or not total.location.text.strip():
            continue  # a blank total cell states nothing (a count of criteria is not summed)
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


def count_relations(reading: TableReading) -> list[Relation]:
    """Each row's total against its parts and each column against the total row (the rates are
    read in `formulas`, with the formulas the header writes)."""
    out: list[Relation] = []
    for row in reading.checked_rows:
        out += row_sums(reading, row)
    return out + column_sums(reading)
