"""Hand-built documents for the reconciler's tests.

`make_doc` turns lines into blocks ("- " and "+ " open list items) and finds their figures with a
few plain rules (dates, reference numbers, years and section numbers left out), so each test can
state its input as text without depending on the NLP stage's coverage.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from extractor.model import Block, Cell, Document, Mention, Metadata, Period, Quantity, Table
from extractor.vn.dates import find_dates
from extractor.vn.numbers import find_numbers, parse_cell


_MONEY = re.compile(r"^\s*(triệu đồng|tỷ đồng|nghìn đồng|đồng)")
_REFERENCE_AFTER = re.compile(r"^/(?:\d{4}/)?[A-ZĐ]|^-[A-ZĐ]{2}")
_YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|kỳ|đến|từ)\s*$|\(\s*$|-\s*$", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[-+•]\s+|\d+(?:\.\d+)*\.\s+|[IVX]+\.\s+|[a-zđ]\)\s+)")


def _skip_spans(text: str) -> list[tuple[int, int]]:
    spans = [(d.start, d.end) for d in find_dates(text)]
    marker = _MARKER.match(text)
    if marker:
        spans.append((0, marker.end()))
    return spans


def quantities_for(text: str, block: int, page: int | None = None) -> list[Quantity]:
    out: list[Quantity] = []
    skip = _skip_spans(text)
    numbers = find_numbers(text)
    i = 0
    while i < len(numbers):
        s, e, n = numbers[i]
        i += 1
        if any(a <= s < b for a, b in skip) or _REFERENCE_AFTER.match(text[e:e + 6]):
            continue
        if s > 0 and text[s - 1] == "/" or text[s - 1:s] == "-" and s > 1 and text[s - 2].isdigit():
            continue
        if n.decimals == 0 and 1900 <= n.value <= 2100 and "." not in n.text and (
                _YEAR_BEFORE.search(text[:s]) or text[e:e + 1] == "-"):
            continue
        kind, unit, end, denominator = "count", None, e, None
        if text[e:e + 1] == "%":
            kind, unit, end = "percent", "%", e + 1
        elif text[e:e + 1] == "/" and i < len(numbers) and numbers[i][0] == e + 1:
            kind, end, denominator = "ratio", numbers[i][1], numbers[i][2].value
            i += 1
        elif m := _MONEY.match(text[e:]):
            kind, unit = "money", m.group(1)
        else:
            words = re.findall(r"\w+", text[e:e + 30])[:2]
            unit = " ".join(words) if words else None
        mention = _mention(text, block, s, end, page)
        out.append(Quantity(value=n.value, unit=unit, text=text[s:end], mention=mention, kind=kind,
                            decimals=n.decimals, denominator=denominator))
    return out


def _mention(text: str, block: int, start: int, end: int, page: int | None) -> Mention:
    return Mention(text=text[start:end], block=block, start=start, end=end, page=page)


def _block(index: int, line: str) -> Block:
    if line.startswith("#"):
        return Block(index, "heading", line.lstrip("#").strip(), level=line.count("#", 0, line.index(" ")))
    if line.startswith("- "):
        return Block(index, "list_item", line, level=1, marker="-")
    if line.startswith("+ "):
        return Block(index, "list_item", line, level=2, marker="+")
    return Block(index, "paragraph", line)


def make_table(index: int, header: list[list[str]], rows: list[list[str]], title: str = "",
               after_block: int = -1) -> Table:
    body = [[Cell(row=r, col=c, text=t, value=parse_cell(t)) for c, t in enumerate(cells)]
            for r, cells in enumerate(rows)]
    return Table(index=index, title=title, pages=[1], header=header, rows=body, after_block=after_block)


def make_doc(lines: list[str] | str, tables: list[Table] = (), *, date: str | None = None,
             period: tuple[str, str] | None = None, quantities: bool = True,
             doc_type: str | None = "Báo cáo") -> Document:
    if isinstance(lines, str):
        lines = [line.strip() for line in lines.strip().splitlines() if line.strip()]
    blocks = [_block(i, line) for i, line in enumerate(lines)]
    doc = Document(source="test.md", sha256="0", format="md", pages=1, blocks=blocks, tables=list(tables))
    if quantities:
        doc.quantities = [q for b in blocks for q in quantities_for(b.text, b.index, b.page)]
    doc.metadata = Metadata(doc_type=doc_type, date=date, period=Period(*period) if period else None)
    return doc


@pytest.fixture
def doc_maker():
    return make_doc


@pytest.fixture
def table_maker():
    return make_table


# -- reports run through the real parse and extract stages ---------------------------------------

REPO = Path(__file__).resolve().parents[2]


def extracted(path: Path):
    """The document as the check stage receives it (parse + extract), cached per path."""
    from extractor.pipeline import process

    if path not in _EXTRACTED:
        _EXTRACTED[path] = process(path, until="extract")
    return copy.deepcopy(_EXTRACTED[path])


_EXTRACTED: dict = {}


@pytest.fixture(scope="session")
def extract():
    return extracted
