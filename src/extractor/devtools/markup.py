"""The corpus's own markup: the plain-text / Markdown form the hand-written reports and the
generator's reports are written in (see corpus/README.md), read into a small layout model that
the DOCX and PDF renderers draw and the gold checks walk.

This is the generator's source format, not the project's text parser: the extractor reads
reports with `extractor.parse`; this module only reads what the corpus itself wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Union

from ..vn.normalize import nfc

Align = Literal["left", "center", "right", "justify"]

_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*\s*$")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST = re.compile(r"^([-+])\s+(.*)$")
_CELL_BOLD = re.compile(r"^<b>(.*)</b>$")
_MARKS = re.compile(r"\*\*|</?b>")


@dataclass
class Para:
    """One line of the report: a heading, a paragraph or a list item."""

    text: str
    kind: Literal["heading", "paragraph", "list_item"] = "paragraph"
    bold: bool = False
    bold_lead: str = ""  # a bold run opening the paragraph ("**1. Ưu điểm:** ...")
    align: Align = "justify"
    level: int = 0


@dataclass
class TableSpec:
    """An annex table: header rows (spans written as empty cells) and body rows of strings."""

    title: str | None
    header: list[list[str]]
    rows: list[list[str]]
    bold_rows: set[int] = field(default_factory=set)
    repeat_header: bool = False

    @property
    def n_cols(self) -> int:
        return max(len(r) for r in self.header + self.rows)

    def header_spans(self) -> list[tuple[int, int, int, int]]:
        """Merged header cells as (row, col, rowspan, colspan): a cell followed by empty cells
        whose lower rows are filled spans those columns; a cell with nothing below spans down."""
        spans = []
        n_rows, n_cols = len(self.header), self.n_cols
        grid = [r + [""] * (n_cols - len(r)) for r in self.header]
        for r in range(n_rows):
            c = 0
            while c < n_cols:
                if not grid[r][c]:
                    c += 1
                    continue
                colspan = 1
                while (c + colspan < n_cols and not grid[r][c + colspan]
                       and r + 1 < n_rows and any(grid[rr][c + colspan] for rr in range(r + 1, n_rows))):
                    colspan += 1
                rowspan = 1
                while r + rowspan < n_rows and all(not grid[r + rowspan][cc] for cc in range(c, c + colspan)):
                    rowspan += 1
                if rowspan > 1 or colspan > 1:
                    spans.append((r, c, rowspan, colspan))
                c += colspan
        return spans


Element = Union[Para, TableSpec]


@dataclass
class Layout:
    elements: list[Element]

    @property
    def tables(self) -> list[TableSpec]:
        return [e for e in self.elements if isinstance(e, TableSpec)]

    def text(self) -> str:
        """The report's running text (paragraphs only), one element a line, marks removed."""
        return "\n".join(e.text for e in self.elements if isinstance(e, Para))


def plain(text: str) -> str:
    """A line or cell with the bold marks removed."""
    return _MARKS.sub("", text).strip()


def _split_cells(line: str) -> tuple[list[str], bool]:
    cells, bold = [], False
    for raw in line.rstrip("\n").split("\t"):
        raw = raw.strip()
        m = _CELL_BOLD.match(raw)
        if m:
            bold = True
            raw = m.group(1)
        cells.append(raw.strip())
    return cells, bold


def _is_header_continuation(cells: list[str], bold: bool) -> bool:
    return bool(cells) and not cells[0] and not bold and not any(re.search(r"\d", c) for c in cells)


def _read_table(lines: list[str], title: str | None, header_rows: int | None) -> TableSpec:
    parsed = [_split_cells(line) for line in lines]
    if header_rows is None:
        header_rows = 1
        while header_rows < len(parsed) and _is_header_continuation(*parsed[header_rows]):
            header_rows += 1
    header = [cells for cells, _ in parsed[:header_rows]]
    body = parsed[header_rows:]
    width = max(len(c) for c, _ in parsed)
    rows = [cells + [""] * (width - len(cells)) for cells, _ in body]
    header = [cells + [""] * (width - len(cells)) for cells in header]
    return TableSpec(title=title, header=header, rows=rows,
                     bold_rows={i for i, (_, bold) in enumerate(body) if bold})


def _para(line: str) -> Para:
    m = _HEADING.match(line)
    if m:
        return Para(text=plain(m.group(2)), kind="heading", bold=True, align="left", level=len(m.group(1)))
    m = _LIST.match(line)
    if m:
        return Para(text=plain(line), kind="list_item", level=1 if m.group(1) == "-" else 2)
    m = _BOLD_LINE.match(line)
    if m:
        return Para(text=plain(line), kind="heading", bold=True, align="left", level=0)
    m = _BOLD_LEAD.match(line)
    if m:
        return Para(text=plain(line), bold_lead=m.group(1).strip())
    return Para(text=plain(line))


def read_markup(text: str, header_rows: dict[int, int] | None = None) -> Layout:
    """Read corpus markup. `header_rows` may fix the header height of table i (from gold)."""
    header_rows = header_rows or {}
    elements: list[Element] = []
    table_lines: list[str] = []
    last_title: str | None = None

    def flush() -> None:
        if table_lines:
            index = sum(isinstance(e, TableSpec) for e in elements)
            elements.append(_read_table(table_lines, last_title, header_rows.get(index)))
            table_lines.clear()

    for raw in nfc(text).splitlines():
        line = raw.rstrip()
        if "\t" in line:
            table_lines.append(line)
            continue
        flush()
        if not line.strip():
            continue
        para = _para(line.strip())
        if para.kind == "heading":
            last_title = para.text
        elements.append(para)
    flush()
    _align_header_block(elements)
    return Layout(elements)


def _align_header_block(elements: list[Element]) -> None:
    """Centre the header block (issuer, number, motto), the type word and the title after it,
    and the all-capitals headings; right-align the place-and-date line."""
    paras = [e for e in elements if isinstance(e, Para)]
    first_heading = next((i for i, p in enumerate(paras) if p.kind == "heading"), len(paras))
    for i, p in enumerate(paras):
        if i < first_heading:
            p.align = "right" if re.search(r", ngày \d", p.text) else "center"
        elif i in (first_heading, first_heading + 1) or (p.kind == "heading" and p.text.isupper()):
            p.align = "center"


def write_table(table: TableSpec) -> str:
    """The markup lines of a table (inverse of the reader)."""
    lines = ["\t".join(r) for r in table.header]
    for i, row in enumerate(table.rows):
        cells = [f"<b>{c}</b>" if c else c for c in row] if i in table.bold_rows else list(row)
        lines.append("\t".join(cells))
    return "\n".join(lines)
