"""Block and table assembly shared by every backend.

A backend reads its format into a reading-order list of `RawParagraph`s and `RawTable`s and
hands it to `assemble`, so the rules that decide what the document *is* live here once:

- numbering: the report's own markers ("Phần I", "II.", "2.1.", "a)", "-", "+") and the level
  they give (`data/layout.json`);
- joining: a paragraph cut in two (by a page end in the original, a line break in a PDF) is
  one paragraph again when the first part does not end with terminal punctuation and the second
  starts with a lowercase letter, or when the cut falls inside a date ("ngày 29 tháng" / "4 năm
  2025"); an unnumbered heading absorbs a short unnumbered line that continues it (a lowercase
  start, or capitals after capitals), unless the heading is a document's type word ("QUYẾT
  ĐỊNH", "KẾ HOẠCH": the title under it is a block of its own); a paragraph the backend read
  as one cell of a layout table (`keep_apart`) is never joined;
- headings: a paragraph the source marks as a heading (a Heading style, `#`, a heading font) or
  one that is bold throughout; a bold run-in title ("1. Thuận lợi: text") stays a paragraph;
- tables: header rows, merged cells, the header grid and the title (the nearest heading above).

Header grid convention: one list of strings per header row, each `n_cols` long; a merged cell's
text is repeated across its columns and down its rows. Body rows are `Cell`s; a merged body cell
sits at its top-left position with its span, and the positions it covers hold copies with
`spanned=True`. Cell text with line breaks is joined with single spaces.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..model import Block, Cell, Document, GlyphRepair, Table
from ..vn.dates import ends_inside_date
from ..vn.glyphs import repair_lookalikes
from ..vn.legacy import repair_all
from ..vn.normalize import nfc, squash_spaces
from ..vn.colkeys import is_key_row
from ..vn.numbers import is_none_mark, mark_ambiguous, parse_cell
from . import limits

# A short unnumbered line can continue the heading above it; a longer one is body text.
HEADING_CONTINUATION_MAX_CHARS = 120
# A paragraph that is bold throughout is a heading only when it is heading-sized.
BOLD_HEADING_MAX_CHARS = 250


@dataclass(slots=True)
class RawParagraph:
    """One paragraph as a backend reads it, before numbering, joining and classification."""

    text: str
    bold: bool = False
    heading_hint: bool = False
    page: int | None = None
    style: str | None = None
    keep_apart: bool = False  # a line of a layout cell: never joined with its neighbours


@dataclass(slots=True)
class RawCell:
    text: str
    bold: bool = False
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None


@dataclass(slots=True)
class RawTable:
    """A grid in reading order. `None` marks a position covered by a merged cell; text tables
    (`spans_known=False`) have no merge information and leave blank cells instead."""

    rows: list[list[RawCell | None]]
    pages: list[int] = field(default_factory=list)
    spans_known: bool = True


RawItem = RawParagraph | RawTable


# ---------------------------------------------------------------------------------------------
# Conventions from data/layout.json


@dataclass(frozen=True, slots=True)
class Conventions:
    schemes: tuple[tuple[str, re.Pattern[str]], ...]
    bullets: dict[str, int]
    terminal: str
    furniture: re.Pattern[str]
    running_header: re.Pattern[str]

    def rank(self, scheme: str) -> int:
        return [name for name, _ in self.schemes].index(scheme)


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    raw = json.loads(resources.files("extractor.data").joinpath("layout.json").read_text("utf-8"))
    schemes = tuple((s["name"], re.compile(rf"(?:{s['pattern']})(?=\s|$)")) for s in raw["numbering"])
    furniture = re.compile("|".join(f"(?:{p})" for p in raw["page_furniture"]))
    running = re.compile("|".join(f"(?:{p})" for p in raw["running_headers"]), re.I)
    return Conventions(schemes, dict(raw["bullets"]), raw["terminal_punctuation"], furniture, running)


@dataclass(frozen=True, slots=True)
class Marker:
    text: str
    scheme: str  # a numbering scheme name, or "bullet"
    level: int = 0  # the bullet's list level; numbering levels depend on the document


def find_marker(text: str) -> Marker | None:
    """The numbering or bullet a block starts with, as written."""
    conv = conventions()
    head, _, _ = text.partition(" ")
    if head in conv.bullets and len(text) > len(head):
        return Marker(head, "bullet", conv.bullets[head])
    best: Marker | None = None
    for name, pattern in conv.schemes:
        m = pattern.match(text)
        if m and (best is None or len(m.group()) > len(best.text)):
            best = Marker(m.group(), name)
    return best


def is_page_furniture(text: str) -> bool:
    """A page number as printed at the top or bottom of a page ("3", "- 3 -", "Trang 3/14")."""
    return conventions().furniture.fullmatch(text.strip()) is not None


def is_running_header(text: str) -> bool:
    """A gazette's header repeated on every page ("CÔNG BÁO/Số 73 + 74/Ngày 16-01-2024")."""
    return conventions().running_header.fullmatch(nfc(text.strip())) is not None


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in conventions().terminal


def starts_lowercase(text: str) -> bool:
    return bool(text) and text[0].islower()


def clean_text(text: str) -> str:
    """Stored block and cell text: NFC, whitespace squashed to single spaces."""
    return squash_spaces(nfc(text))


# ---------------------------------------------------------------------------------------------
# Paragraphs -> blocks


@dataclass(slots=True)
class _Piece:
    text: str
    kind: str
    marker: Marker | None
    bold: bool
    page: int | None
    style: str | None
    keep_apart: bool = False


def _classify(p: RawParagraph) -> _Piece:
    text = clean_text(p.text)
    marker = find_marker(text)
    if marker is not None and marker.scheme == "bullet":
        kind = "list_item"
    elif p.heading_hint or (p.bold and len(text) <= BOLD_HEADING_MAX_CHARS):
        kind = "heading"
    else:
        kind = "paragraph"
    return _Piece(text, kind, marker, p.bold, p.page, p.style, p.keep_apart)


def continues_sentence(prev: _Piece, cur: _Piece) -> bool:
    """`cur` is the rest of a sentence `prev` broke off."""
    if cur.marker is not None or ends_sentence(prev.text):
        return False
    return starts_lowercase(cur.text) or (cur.text[:1].isdigit() and ends_inside_date(prev.text))


@lru_cache(maxsize=1)
def _type_words() -> frozenset[str]:
    """Document type words in capitals ("QUYẾT ĐỊNH"), from data/doc_types.json."""
    raw = json.loads(resources.files("extractor.data").joinpath("doc_types.json").read_text("utf-8"))
    return frozenset(nfc(t["name"]).upper() for t in raw["types"])


def is_type_word(text: str) -> bool:
    return text.rstrip(" :").upper() in _type_words() and text.isupper()


def continues_heading(prev: _Piece, cur: _Piece) -> bool:
    """`cur` is the second line of an unnumbered heading (often left without the bold)."""
    if prev.kind != "heading" or prev.marker is not None or prev.text[-1:] in ".:!?" or is_type_word(prev.text):
        return False
    if cur.kind != "paragraph" or cur.marker is not None or ends_sentence(cur.text):
        return False
    if len(cur.text) > HEADING_CONTINUATION_MAX_CHARS:
        return False
    return starts_lowercase(cur.text) or (prev.text.isupper() and cur.text.isupper())


def _join(prev: _Piece, cur: _Piece) -> None:
    prev.text = f"{prev.text} {cur.text}"
    prev.bold = prev.bold and cur.bold


def _levels(pieces: list[_Piece]) -> list[int]:
    """List items take their bullet's level; numbered blocks the rank of their scheme among the
    schemes this document numbers with; unnumbered headings 1; other paragraphs 0."""
    conv = conventions()
    used = sorted(
        {conv.rank(p.marker.scheme) for p in pieces if p.marker and p.marker.scheme != "bullet"}
    )
    levels = []
    for p in pieces:
        if p.marker is None:
            levels.append(1 if p.kind == "heading" else 0)
        elif p.marker.scheme == "bullet":
            levels.append(p.marker.level)
        else:
            levels.append(used.index(conv.rank(p.marker.scheme)) + 1)
    return levels


# ---------------------------------------------------------------------------------------------
# Tables


def _is_ordinal(text: str) -> bool:
    marker = find_marker(text)
    return marker is not None and marker.scheme != "bullet" and marker.text == text


def header_like(row: list[RawCell | None]) -> bool:
    """A row of labels: no figures, no dashes, not numbered like a body row."""
    texts = [c.text for c in row if c is not None and c.text]
    if not texts or _is_ordinal(texts[0]):
        return False
    return all(parse_cell(t) is None and not is_none_mark(t) for t in texts)


def _spans_below(rows: list[list[RawCell | None]], r: int) -> bool:
    """Row r+1 is tied to the rows above by a merge: a cell reaching down into it, or a cell of
    row r spanning columns (a group label whose parts are named on the next row)."""
    for i in range(r + 1):
        for cell in rows[i]:
            if cell is not None and (i + cell.rowspan - 1 > r or (i == r and cell.colspan > 1)):
                return True
    return False


def _blank_spans_below(rows: list[list[RawCell | None]], r: int) -> bool:
    """Text-table form of `_spans_below`: row r leaves a blank after a label, under which row r+1
    names a part."""
    row, nxt = rows[r], rows[r + 1]
    for c in range(1, len(row)):
        if not row[c].text and row[c - 1].text and nxt[c].text:
            return True
    return False


def _covered(row: list[RawCell | None]) -> bool:
    return all(cell is None for cell in row)


def count_header_rows(raw: RawTable) -> int:
    """The leading label rows tied by merges, and the row of column numbers under them."""
    rows = raw.rows
    if len(rows) < 2 or not header_like(rows[0]):
        return 0
    n = 1
    spans = _spans_below if raw.spans_known else _blank_spans_below
    while n < len(rows) - 1 and spans(rows, n - 1) and (header_like(rows[n]) or _covered(rows[n])):
        n += 1
    return n + _key_row_follows(rows, n)


def _rectangular(raw: RawTable) -> list[list[RawCell | None]]:
    """Pad short rows, drop empty rows and empty trailing columns."""
    width = max((len(row) for row in raw.rows), default=0)
    rows = [list(row) + [RawCell("") for _ in range(width - len(row))] for row in raw.rows]
    rows = _drop_blank_rows(rows)
    while rows and all(row[-1] is not None and not row[-1].text and row[-1].colspan == 1 for row in rows):
        rows = [row[:-1] for row in rows]
    for row in rows:
        for cell in row:
            if cell is not None:
                cell.text = clean_text(cell.text)
    return rows


def _drop_blank_rows(rows: list[list[RawCell | None]]) -> list[list[RawCell | None]]:
    """Rows without text go; a merged cell reaching into one spans one row less."""
    kept: list[list[RawCell | None]] = []
    origins: list[tuple[int, RawCell]] = []
    for r, row in enumerate(rows):
        if any(c is not None and c.text.strip() for c in row):
            kept.append(row)
            origins.extend((r, c) for c in row if c is not None)
            continue
        for r0, cell in origins:
            if r0 + cell.rowspan > r:
                cell.rowspan -= 1
    return kept


def _expand_known(rows: list[list[RawCell | None]]) -> list[list[tuple[RawCell, bool]]]:
    """Every position as (cell, covered): covered positions refer to their merged cell."""
    grid: list[list[tuple[RawCell, bool] | None]] = [[None] * len(row) for row in rows]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(rows) and c + dc < len(row):
                        grid[r + dr][c + dc] = (cell, dr > 0 or dc > 0)
    return [[pos or (RawCell(""), False) for pos in row] for row in grid]


def _header_grid_known(grid: list[list[tuple[RawCell, bool]]], n: int) -> list[list[str]]:
    return [[cell.text for cell, _ in grid[r]] for r in range(n)]


def _header_grid_inferred(rows: list[list[RawCell | None]], n: int) -> list[list[str]]:
    header: list[list[str]] = []
    for r in range(n):
        texts = [c.text for c in rows[r]]
        for c, text in enumerate(texts):
            if text:
                continue
            if r == 0 and c > 0 and n > 1:
                texts[c] = texts[c - 1]
            elif r > 0:
                texts[c] = header[r - 1][c]
        header.append(texts)
    return header


def _body_cell(r: int, c: int, cell: RawCell, covered: bool) -> Cell:
    return Cell(
        row=r,
        col=c,
        text=cell.text,
        rowspan=1 if covered else cell.rowspan,
        colspan=1 if covered else cell.colspan,
        spanned=covered,
        bold=cell.bold,
        page=cell.page,
    )


def _key_row_follows(rows: list[list[RawCell | None]], n_header: int) -> bool:
    """The row under the header numbers the columns ("1 2 3", "(1) (2)", "A B 1 2"): header."""
    if not n_header or n_header >= len(rows):
        return False
    return is_key_row([c.text if c is not None else "" for c in rows[n_header]])


def _column_styles(body: list[list[Cell]]) -> None:
    """A column that writes decimals English-style ("98.75") makes its "1.234" cells ambiguous."""
    width = max((len(r) for r in body), default=0)
    for c in range(width):
        cells = [row[c] for row in body if c < len(row) and not row[c].spanned]
        for cell, number in zip(cells, mark_ambiguous([cell.number for cell in cells])):
            cell.number = number


def build_table(raw: RawTable, index: int, title: str | None, after_block: int) -> Table:
    rows = _rectangular(raw)
    norm = RawTable(rows, raw.pages, raw.spans_known)
    n_header = count_header_rows(norm)
    key_row = n_header - 1 if n_header > 1 and _key_row_follows(rows, n_header - 1) else None
    if raw.spans_known:
        grid = _expand_known(rows)
        header = _header_grid_known(grid, n_header)
    else:
        grid = [[(cell, False) for cell in row] for row in rows]
        header = _header_grid_inferred(rows, n_header)
    if key_row is not None:
        header[key_row] = [cell.text if cell is not None else "" for cell in rows[key_row]]
    body = [
        [_body_cell(r, c, cell, covered) for c, (cell, covered) in enumerate(row)]
        for r, row in enumerate(grid[n_header:])
    ]
    _column_styles(body)
    return Table(index=index, title=title, pages=list(raw.pages), header=header, rows=body,
                 after_block=after_block, key_row=key_row)


# ---------------------------------------------------------------------------------------------
# The whole document


def _join_pieces(items: list[RawItem]) -> list[_Piece | RawTable]:
    out: list[_Piece | RawTable] = []
    for item in items:
        if isinstance(item, RawTable):
            out.append(item)
            continue
        piece = _classify(item)
        if not piece.text:
            continue
        prev = out[-1] if out else None
        if (isinstance(prev, _Piece) and not (prev.keep_apart or piece.keep_apart)
                and (continues_sentence(prev, piece) or continues_heading(prev, piece))):
            _join(prev, piece)
        else:
            out.append(piece)
    return out


def _title(blocks: list[Block], since: int) -> str | None:
    """The nearest heading above a table, not further up than the previous table."""
    for block in reversed(blocks[since + 1 :]):
        if block.kind == "heading":
            return block.text
    return None


def _texts_in_order(items: list[RawItem]) -> list[RawParagraph | RawCell]:
    out: list[RawParagraph | RawCell] = []
    for item in items:
        if isinstance(item, RawTable):
            out.extend(cell for row in item.rows for cell in row if cell is not None)
        else:
            out.append(item)
    return out


def repair_legacy_text(items: list[RawItem]) -> None:
    """Text typed in the legacy TCVN3 fonts, converted to Unicode in place (`vn.legacy`)."""
    holders = _texts_in_order(items)
    for holder, text in zip(holders, repair_all([h.text for h in holders])):
        holder.text = text


def check_block_lengths(items: list[RawItem]) -> None:
    """Refuse a paragraph longer than the `block_chars` limit before any rule reads it (no
    report has one; the NLP stage needs bounded blocks)."""
    longest = max((len(item.text) for item in items if isinstance(item, RawParagraph)), default=0)
    limits.check("block_chars", longest, None)


def assemble(items: list[RawItem]) -> tuple[list[Block], list[Table]]:
    check_block_lengths(items)
    repair_legacy_text(items)
    joined = _join_pieces(items)
    pieces = [p for p in joined if isinstance(p, _Piece)]
    limits.check("block_chars", max((len(p.text) for p in pieces), default=0), None)  # joined lines too
    levels = iter(_levels(pieces))
    blocks: list[Block] = []
    tables: list[Table] = []
    previous_table_at = -1
    for item in joined:
        if isinstance(item, RawTable):
            after = len(blocks) - 1
            table = build_table(item, len(tables), _title(blocks, previous_table_at), after)
            if table.rows or table.header:
                tables.append(table)
                previous_table_at = after
            continue
        blocks.append(
            Block(
                index=len(blocks),
                kind=item.kind,  # type: ignore[arg-type]
                text=item.text,
                level=next(levels),
                page=item.page,
                marker=item.marker.text if item.marker else None,
                style=item.style,
                bold=item.bold,
            )
        )
    return blocks, tables


def repair_glyphs(doc: Document) -> None:
    """Look-alike characters of some Vietnamese fonts ("phƣơng") mapped back to their letter in
    every text of the document (`vn.glyphs`), each changed word recorded raw in
    `doc.glyph_repairs`. One-for-one characters: offsets and lengths do not move."""

    def fixed(text: str | None, page: int | None) -> str | None:
        if not text:
            return text
        repaired, changed = repair_lookalikes(text)
        doc.glyph_repairs.extend(GlyphRepair(page, raw, new) for raw, new in changed)
        return repaired

    for block in doc.blocks:
        block.text = fixed(block.text, block.page)
    for table in doc.tables:
        first_page = table.pages[0] if table.pages else None
        table.title = fixed(table.title, first_page)
        table.header = [[fixed(label, first_page) for label in row] for row in table.header]
        for row in table.rows:
            for cell in row:
                cell.text = fixed(cell.text, cell.page)
