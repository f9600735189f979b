"""PDF through pdfplumber: text in reading order, paragraphs rebuilt from line positions, tables
from ruling lines.

One pass per page: the page's tables are found from their ruling lines, the characters inside
them go to their cells, the others are grouped into lines. Then, over the whole document:
- page furniture goes: page numbers and running headers/footers (a first or last line that
  repeats, digits aside, on many pages, or a lone page number set apart);
- lines become paragraphs: a new paragraph starts at a wider vertical gap than the line pitch,
  at a larger indent, at a switch to a bold or heading font, or after a line that ended short
  (the next line's first word would have fitted on it); a page break alone does not end one;
- a table that ends a page and one that starts the next with the same columns are one table: a
  repeated header is dropped, and a first row holding only the rest of the previous row's text
  (an empty number cell, no figures) is merged into that row.
Numbering, joining, headings and header rows are decided in `layout`, as for every format.

A page without a text layer (a scan) is read by OCR (`ocr.py`) when tesseract with Vietnamese is
installed: its words come as character objects and its ruling lines as edges, and go through the
same steps; the Document records which pages were OCR'd and how confident the engine was.
"""
from __future__ import annotations

import io
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..errors import CorruptFile, EmptyFile, EncryptedFile, LimitExceeded, ScannedPdf, UnreadableScan
from ..model import Document, PageReading
from . import ocr, pdf_limits
from .layout import (
    RawCell,
    RawItem,
    RawParagraph,
    RawTable,
    assemble,
    count_header_rows,
    find_marker,
    header_like,
    is_page_furniture,
)

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Tolerances in points.
SAME_LINE = 3.0
INDENT = 3.0
COLUMN_MATCH = 3.0
# A vertical gap wider than this many line pitches separates paragraphs.
PARAGRAPH_GAP = 1.3
# A document sets paragraphs apart by space when this share of its short lines (at least this
# many) are followed by a gap.
SPACED_SHARE = 0.8
SPACED_MIN_ENDS = 5
# A gap between words wider than this many font sizes separates side-by-side blocks.
COLUMN_GAP = 3.0
# A centred line is narrower than this share of the text width (a wider one reads as indented).
CENTRED_MAX_WIDTH = 0.8
# The right margin is an edge at least this many lines end at.
RIGHT_EDGE_MIN_LINES = 3
# First/last lines per page examined as running headers/footers.
FURNITURE_LINES = 2
# Running headers/footers stand at the same height on every page, to this many points.
FURNITURE_PLACE = 4.0
# The top part of a page where a running header may stand above the body (fraction of its height).
PAGE_HEAD_ZONE = 0.1
# The furniture's share of pages, when it repeats, for it to count as running text.
REPEATS_ON_SHARE = 0.5


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    size: float
    first_word_width: float
    bold: bool
    families: frozenset[str]
    alt_font: bool = False
    centred: bool = False
    in_columns: bool = False  # part of a side-by-side block: its own indents mean nothing


@dataclass(slots=True)
class PageTable:
    raw: RawTable
    top: float
    bottom: float
    columns: list[float]


@dataclass(slots=True)
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    has_chars: bool = False
    has_images: bool = False
    scan: ocr.OcrPage | None = None  # the page was read by OCR
    turn: int = 0  # degrees clockwise its typed text was turned to stand upright


# ---------------------------------------------------------------------------------------------
# Opening


def _encryption_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError

    seen: list[BaseException | None] = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
    return any(isinstance(e, PDFEncryptionError) for e in seen)


def _open(data: bytes, source: str):
    import pdfplumber

    if b"%%EOF" not in data.rstrip(b"\x00 \t\r\n")[-4096:]:
        raise CorruptFile(source, "truncated")
    pdf_limits.install()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # the page tree is read here: damage shows now, not halfway
    except LimitExceeded:
        raise
    except Exception as exc:
        if _encryption_error(exc):
            raise EncryptedFile(source) from exc
        raise CorruptFile(source, type(exc).__name__) from exc
    return pdf


# ---------------------------------------------------------------------------------------------
# Characters -> lines


def font_family(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]
    return re.split(r"[-,]", name, maxsplit=1)[0]


def _word_extractor():
    from pdfplumber.utils.text import WordExtractor

    return WordExtractor(x_tolerance=SAME_LINE, y_tolerance=SAME_LINE)


def _is_bold(chars) -> bool:
    letters = [c for c in chars if not c["text"].isspace()]
    return bool(letters) and all(_BOLD_FONT.search(c["fontname"]) for c in letters)


def _line(words: list, chars: list, page: int) -> Line:
    letters = [c for c in chars if not c["text"].isspace()]
    return Line(
        text=" ".join(w["text"] for w in words),
        x0=words[0]["x0"],
        x1=words[-1]["x1"],
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        page=page,
        size=median(c["size"] for c in letters) if letters else 0.0,
        first_word_width=words[0]["x1"] - words[0]["x0"],
        bold=_is_bold(letters),
        families=frozenset(font_family(c["fontname"]) for c in letters),
    )


def _rows(chars, page: int, extractor) -> list[list[Line]]:
    """Each visual line as one Line, or as two when a wide gap splits it into a left and a right
    part (side-by-side blocks, such as the issuer and the national motto of a header)."""
    rows = []
    for line_chars, direction in extractor.iter_chars_to_lines(chars):
        word_chars = list(extractor.iter_chars_to_words(line_chars, direction))
        if not word_chars:
            continue
        words = [extractor.merge_chars(w) for w in word_chars]
        size = median(c["size"] for c in line_chars)
        gaps = [i for i in range(1, len(words)) if words[i]["x0"] - words[i - 1]["x1"] > COLUMN_GAP * size]
        if len(gaps) == 1:
            i = gaps[0]
            rows.append([
                _line(words[:i], [c for w in word_chars[:i] for c in w], page),
                _line(words[i:], [c for w in word_chars[i:] for c in w], page),
            ])
        else:
            rows.append([_line(words, line_chars, page)])
    return rows


def _whole(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    left, right = row
    return Line(
        text=f"{left.text} {right.text}", x0=left.x0, x1=right.x1, top=min(left.top, right.top),
        bottom=max(left.bottom, right.bottom), page=left.page, size=left.size,
        first_word_width=left.first_word_width, bold=left.bold and right.bold, families=left.families | right.families,
    )


def _aligned(line: Line, other: Line) -> bool:
    """Set in the same column: same left edge, or same centre (centred text)."""
    return abs(line.x0 - other.x0) <= INDENT or abs((line.x0 + line.x1) - (other.x0 + other.x1)) <= 2 * INDENT


def _in_column(row: list[Line], left: Line, right: Line, lo: float, hi: float) -> bool:
    """A row of one part lying on one side of the split, set like that side's column."""
    if len(row) != 1:
        return False
    line = row[0]
    return (line.x1 <= hi and _aligned(line, left)) or (line.x0 >= lo and _aligned(line, right))


def _side_by_side(rows: list[list[Line]], at: int) -> tuple[int, int, float] | None:
    """The rows around `at` that form a two-column block, as (first, end, where the right column
    starts): rows split at the same place as row `at`, or set in one of its two columns; at
    least two of them split."""
    if len(rows[at]) != 2:
        return None
    left, right = rows[at]
    lo, hi = left.x1, right.x0
    end, split = at, 0
    while end < len(rows):
        row = rows[end]
        if len(row) == 2 and row[0].x1 <= hi and row[1].x0 >= lo:
            lo, hi = max(lo, row[0].x1), min(hi, row[1].x0)
            left, right = row
            split += 1
        elif not _in_column(row, left, right, lo, hi):
            break
        end += 1
    first = at
    while first > 0 and _in_column(rows[first - 1], *rows[at], lo, hi):
        first -= 1
    return (first, end, hi) if split >= 2 else None


def _lines(chars, page: int, extractor) -> list[Line]:
    """Lines in reading order; a two-column block is read left column first."""
    if not chars:
        return []
    rows = _rows(chars, page, extractor)
    lines: list[Line] = []
    i = 0
    while i < len(rows):
        band = _side_by_side(rows, i)
        if band is None:
            lines.append(_whole(rows[i]))
            i += 1
            continue
        first, end, right_starts = band
        del lines[len(lines) - (i - first) :]  # single rows above it belong to the block
        block = [line for row in rows[first:end] for line in row]
        for line in block:
            line.in_columns = True
        lines.extend(line for line in block if line.x1 <= right_starts)
        lines.extend(line for line in block if line.x1 > right_starts)
        i = end
    return lines


def _cell_text(chars, extractor) -> str:
    if not chars:
        return ""
    parts = []
    for line_chars, direction in extractor.iter_chars_to_lines(chars):
        parts.extend(extractor.merge_chars(w)["text"] for w in extractor.iter_chars_to_words(line_chars, direction))
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# Tables on one page


def _inside(char, bbox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _page_table(table, chars, page: int, extractor, *, opens_page: bool = False) -> PageTable | None:
    cells = table.cells
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    if len(xs) < 2 or (len(ys) < 2 and not opens_page):
        # A framed paragraph, not a table; but a one-row grid that opens a page is the last row
        # of a table continued from the page before.
        return None
    grid: list[list[RawCell | None]] = [[None] * len(xs) for _ in ys]
    owner: dict[tuple[int, int], RawCell] = {}
    for x0, top, x1, bottom in cells:
        r, c = ys.index(top), xs.index(x0)
        cell = RawCell(
            "",
            rowspan=max(1, sum(1 for y in ys if top <= y < bottom - SAME_LINE)),
            colspan=max(1, sum(1 for x in xs if x0 <= x < x1 - SAME_LINE)),
            page=page,
        )
        grid[r][c] = cell
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                owner[(r + dr, c + dc)] = cell
    members: dict[int, list] = {}
    for ch in chars:
        x = (ch["x0"] + ch["x1"]) / 2
        y = (ch["top"] + ch["bottom"]) / 2
        cell = owner.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if cell is not None:
            members.setdefault(id(cell), []).append(ch)
    for row in grid:
        for cell in row:
            if cell is not None:
                found = members.get(id(cell), [])
                cell.text = _cell_text(found, extractor)
                cell.bold = _is_bold(found)
    bbox = table.bbox
    return PageTable(RawTable(grid, pages=[page]), top=bbox[1], bottom=bbox[3], columns=xs + [bbox[2]])


def _open_ends(table, verticals) -> list[float]:
    """Where a table's column rules run past its first or last horizontal rule: a row cut by a
    page break whose border was not drawn at the break."""
    x0, top, x1, bottom = table.bbox
    rules = [
        e
        for e in verticals
        if x0 - SAME_LINE <= e["x0"] <= x1 + SAME_LINE and e["top"] <= bottom + SAME_LINE and e["bottom"] >= top - SAME_LINE
    ]
    if not rules:
        return []
    ends = []
    lowest, highest = max(e["bottom"] for e in rules), min(e["top"] for e in rules)
    if lowest > bottom + SAME_LINE:
        ends.append(lowest)
    if highest < top - SAME_LINE:
        ends.append(highest)
    return ends


def _find_tables(page, rules: list | None = None) -> list:
    """Tables from ruling lines (the page's own, or `rules` read from a scan's image); a table
    left open at a page break is closed where its column rules end."""
    edges = page.edges if rules is None else rules
    settings = {} if rules is None else ocr.table_settings(rules)
    if not edges or settings is None:
        return []
    found = page.find_tables(settings)
    verticals = [e for e in edges if e["orientation"] == "v"]
    ends = [y for table in found for y in _open_ends(table, verticals)]
    if not ends:
        return found
    return page.find_tables({**settings, "explicit_horizontal_lines": settings.get("explicit_horizontal_lines", []) + ends})


def _turned(page, degrees: int):
    """The same pdfplumber page displayed `degrees` further clockwise."""
    from pdfplumber.page import Page as PlumberPage

    if not degrees:
        return page
    rotation = (page.rotation + degrees) % 360
    page.page_obj.attrs = {**page.page_obj.attrs, "Rotate": rotation}
    page.page_obj.rotate = rotation
    return PlumberPage(page.pdf, page.page_obj, page.page_number, page.initial_doctop)


def _text_turn(chars) -> int:
    """The clockwise turn that sets the page's text upright: its characters' usual writing
    direction (0 when most of them stand upright already)."""
    directions = Counter(
        round(math.degrees(math.atan2(c["matrix"][1], c["matrix"][0])) / 90) % 4 for c in chars if c["text"].strip()
    )
    if not directions:
        return 0
    quarter = directions.most_common(1)[0][0]
    # text running down the page (-90 degrees) needs the page turned 270 degrees clockwise
    return (quarter * 90) % 360


def _image_cover(page) -> float:
    area = float(page.width * page.height) or 1.0
    return max((abs((i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) / area for i in page.images), default=0.0)


def _layer_text(page, chars) -> str:
    return " ".join(w["text"] for w in page.extract_words(keep_blank_chars=False)) if chars else ""


def ocr_reason(page, chars) -> str | None:
    """Why a page must be read by OCR: it has images and no text, or its text layer over a scan
    is an old OCR's garbage (`ocr.garbage_text_layer`); None when its text layer serves."""
    if not page.images:
        return None
    if not chars:
        return "no text layer"
    if ocr.garbage_text_layer(_layer_text(page, chars), _image_cover(page)):
        return "garbage text layer"
    return None


def _upright_page(page):
    """The page turned so its typed text stands upright, and the turn."""
    turn = _text_turn(page.chars)
    return _turned(page, turn), turn


def _read_page(page, number: int, extractor, source: str, use_ocr: bool) -> Page:
    page, turn = _upright_page(page)
    chars = [c for c in page.chars if c.get("upright", True)]
    out = Page(number, has_chars=bool(chars), has_images=bool(page.images), turn=turn)
    reason = ocr_reason(page, chars) if use_ocr else None
    if reason is not None:
        out.scan = ocr.read_page(page, number, source, reason)
        page = _turned(page, out.scan.rotation)
        chars = ocr.as_chars(out.scan.lines)
        out.has_chars = bool(chars)
    if not chars:
        return out
    found = _find_tables(page, None if out.scan is None else out.scan.rules)
    boxes = [t.bbox for t in found]
    in_tables: list[list] = [[] for _ in found]
    outside = []
    for ch in chars:
        for i, box in enumerate(boxes):
            if _inside(ch, box):
                in_tables[i].append(ch)
                break
        else:
            outside.append(ch)
    first_text = min((ch["top"] for ch in outside if ch["top"] > page.height * PAGE_HEAD_ZONE), default=page.height)
    for table, table_chars in zip(found, in_tables):
        pt = _page_table(table, table_chars, number, extractor, opens_page=table.bbox[1] < first_text)
        if pt is not None:
            out.tables.append(pt)
        else:
            outside.extend(table_chars)
    out.lines = _lines(outside, number, extractor)
    return out


# ---------------------------------------------------------------------------------------------
# Page furniture


def _furniture_key(line: Line) -> tuple[str, int]:
    """Running text repeats in words (numbers aside) and in place."""
    return re.sub(r"\d+", "#", line.text.strip().lower()), round(line.top / FURNITURE_PLACE)


def _edge_positions(page: Page) -> list[int]:
    n = len(page.lines)
    return sorted({*range(min(FURNITURE_LINES, n)), *range(max(0, n - FURNITURE_LINES), n)})


def _drop_furniture(pages: list[Page], pitch: float) -> None:
    """Drop page numbers and running headers/footers from the first and last lines of pages."""
    seen_on = Counter(
        key for page in pages for key in {_furniture_key(page.lines[i]) for i in _edge_positions(page)}
    )
    need = max(2, REPEATS_ON_SHARE * len(pages))
    for page in pages:
        drop = set()
        for i in _edge_positions(page):
            line = page.lines[i]
            repeated = seen_on[_furniture_key(line)] >= need
            at_end = i in (0, len(page.lines) - 1)
            if repeated or (at_end and is_page_furniture(line.text) and _set_apart(page, i, pitch)):
                drop.add(i)
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]


def _set_apart(page: Page, position: int, pitch: float) -> bool:
    lines = page.lines
    if len(lines) == 1:
        return True
    neighbour = lines[1] if position == 0 else lines[position - 1]
    gap = abs(lines[position].top - neighbour.top)
    return gap > pitch * PARAGRAPH_GAP or abs(lines[position].size - neighbour.size) > 0.5


# ---------------------------------------------------------------------------------------------
# Lines -> paragraphs


@dataclass(slots=True)
class _Metrics:
    left: float
    right: float
    pitch: float
    body_family: str
    spaced: bool = False  # paragraphs are set apart by vertical space


def _right_margin(lines: list[Line]) -> float:
    """Where body lines end: the rightmost edge that at least `RIGHT_EDGE_MIN_LINES` lines end
    at, so a line or two sticking out (a digital-signature box in a scan's corner, a note in the
    margin) do not make every body line look short."""
    ends = sorted((line.x1 for line in lines), reverse=True)
    for edge in ends:
        if sum(1 for x in ends if abs(x - edge) <= 2 * INDENT) >= RIGHT_EDGE_MIN_LINES:
            return edge
    return ends[0]


def _metrics(pages: list[Page]) -> _Metrics:
    lines = [line for page in pages for line in page.lines]
    families = Counter(f for line in lines for f in line.families)
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = _right_margin(lines)
    pitches = Counter(
        round(b.top - a.top, 1)
        for page in pages
        for a, b in zip(page.lines, page.lines[1:])
        if 0 < b.top - a.top and abs(a.size - b.size) < 0.5
    )
    pitch = pitches.most_common(1)[0][0] if pitches else max((line.size for line in lines), default=12) * 1.2
    return _Metrics(left, right, pitch, families.most_common(1)[0][0] if families else "")


def _mark_lines(pages: list[Page], m: _Metrics) -> None:
    centre = (m.left + m.right) / 2
    for page in pages:
        for line in page.lines:
            line.alt_font = bool(line.families) and m.body_family not in line.families
            mid = (line.x0 + line.x1) / 2
            short = line.x1 - line.x0 < CENTRED_MAX_WIDTH * (m.right - m.left)
            line.centred = short and line.x0 > m.left + INDENT and abs(mid - centre) <= max(INDENT * 2, 0.02 * (m.right - m.left))


def _would_have_fitted(prev: Line, nxt: Line, m: _Metrics) -> bool:
    space = 0.25 * prev.size
    if prev.centred:
        return (prev.x1 - prev.x0) + space + nxt.first_word_width < (m.right - m.left) - INDENT
    return prev.x1 + space + nxt.first_word_width < m.right - 1


def starts_paragraph(prev: Line, nxt: Line, first_of_paragraph: bool, m: _Metrics) -> bool:
    if prev.page == nxt.page and nxt.top - prev.top > m.pitch * PARAGRAPH_GAP:
        return True
    if prev.page == nxt.page and nxt.top <= prev.top:
        return True
    if abs(prev.size - nxt.size) > 1 or prev.alt_font != nxt.alt_font or (nxt.bold and not prev.bold):
        return True
    aligned_apart = (prev.centred and nxt.centred) or (prev.in_columns and nxt.in_columns)
    if nxt.x0 > prev.x0 + INDENT and not aligned_apart:
        hanging = first_of_paragraph and find_marker(prev.text) is not None
        if not hanging:
            return True
    if m.spaced and prev.page == nxt.page:
        # without the space, a short line is a line break inside the paragraph, unless the next
        # line is numbered or bulleted (items set without space between them)
        return find_marker(nxt.text) is not None and _would_have_fitted(prev, nxt, m)
    return _would_have_fitted(prev, nxt, m)


def _uses_paragraph_spacing(pages: list[Page], m: _Metrics) -> bool:
    """Whether lines that end short are mostly followed by a paragraph gap."""
    gaps = [
        b.top - a.top > m.pitch * PARAGRAPH_GAP
        for page in pages
        for a, b in zip(page.lines, page.lines[1:])
        if b.top > a.top and abs(a.size - b.size) <= 1 and a.alt_font == b.alt_font and a.bold == b.bold
        and _would_have_fitted(a, b, m)
    ]
    return len(gaps) >= SPACED_MIN_ENDS and sum(gaps) >= SPACED_SHARE * len(gaps)


def _join_lines(lines: list[Line]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        broke_in_word = len(text) > 1 and text[-1] in "-/" and text[-2].isalnum() and line.text[:1].isalnum()
        text = f"{text}{'' if broke_in_word else ' '}{line.text}"
    return text


def _paragraph(lines: list[Line]) -> RawParagraph:
    return RawParagraph(
        text=_join_lines(lines),
        bold=all(line.bold for line in lines),
        heading_hint=all(line.alt_font for line in lines),
        page=lines[0].page,
    )


# ---------------------------------------------------------------------------------------------
# Tables across pages


def _same_columns(a: PageTable, b: PageTable) -> bool:
    return len(a.columns) == len(b.columns) and all(abs(x - y) <= COLUMN_MATCH for x, y in zip(a.columns, b.columns))


def _row_texts(row: list[RawCell | None]) -> list[str | None]:
    return [None if c is None else " ".join(c.text.split()) for c in row]


def _is_fragment(row: list[RawCell | None]) -> bool:
    """The rest of the previous row's text, pushed to the next page: no number, no figures."""
    first = row[0]
    if first is None or first.text.strip():
        return False
    texts = [c.text for c in row if c is not None and c.text.strip()]
    return bool(texts) and header_like([RawCell(t) for t in texts])


def _continue_table(first: PageTable, more: PageTable) -> None:
    rows = more.raw.rows
    n_header = count_header_rows(first.raw)
    if n_header and [_row_texts(r) for r in rows[:n_header]] == [_row_texts(r) for r in first.raw.rows[:n_header]]:
        rows = rows[n_header:]
    if rows and first.raw.rows and _is_fragment(rows[0]):
        for above, below in zip(first.raw.rows[-1], rows[0]):
            if above is not None and below is not None and below.text.strip():
                above.text = f"{above.text} {below.text}".strip()
        rows = rows[1:]
    first.raw.rows.extend(rows)
    first.raw.pages.extend(p for p in more.raw.pages if p not in first.raw.pages)
    first.bottom = more.bottom


# ---------------------------------------------------------------------------------------------
# Reading order


def _page_flow(page: Page) -> list[Line | PageTable]:
    """The page's lines in reading order, each table placed before the first line below it."""
    flow: list[Line | PageTable] = list(page.lines)
    for table in sorted(page.tables, key=lambda t: t.top):
        at = next((i for i, obj in enumerate(flow) if isinstance(obj, Line) and obj.top > table.top), len(flow))
        flow.insert(at, table)
    return flow


def _items(pages: list[Page], m: _Metrics) -> list[RawItem]:
    items: list[RawItem] = []
    current: list[Line] = []
    last_table: PageTable | None = None

    def flush() -> None:
        if current:
            items.append(_paragraph(current))
            current.clear()

    for page in pages:
        for position, obj in enumerate(_page_flow(page)):
            if isinstance(obj, PageTable):
                continues = position == 0 and last_table is not None and not current and _same_columns(last_table, obj)
                if continues:
                    _continue_table(last_table, obj)  # type: ignore[arg-type]
                    continue
                flush()
                items.append(obj.raw)
                last_table = obj
                continue
            if current and starts_paragraph(current[-1], obj, len(current) == 1, m):
                flush()
            current.append(obj)
            last_table = None
    flush()
    return items


def read_pages(pdf, source: str) -> list[Page]:
    extractor = _word_extractor()
    try:
        use_ocr = any(page.images for page in pdf.pages) and ocr.tesseract_available()
        return [_read_page(page, i + 1, extractor, source, use_ocr) for i, page in enumerate(pdf.pages)]
    except (ScannedPdf, LimitExceeded):
        raise
    except Exception as exc:
        if _encryption_error(exc):
            raise EncryptedFile(source) from exc
        raise CorruptFile(source, type(exc).__name__) from exc


def _adopt_body_family(pages: list[Page]) -> None:
    """OCR'd lines take the typed pages' usual font, so a scanned page reads as body text
    beside typed ones rather than as a heading font."""
    typed = Counter(f for p in pages if p.scan is None for line in p.lines for f in line.families)
    if not typed:
        return
    body = frozenset({typed.most_common(1)[0][0]})
    for line in (line for p in pages if p.scan is not None for line in p.lines):
        line.families = body


def _strip_junk(data: bytes) -> tuple[bytes, int]:
    """The PDF from its `%PDF-` header on, and how many bytes stood before it."""
    from . import pdf_header_at

    at = pdf_header_at(data) or 0
    return data[at:], at


def parse(data: bytes, source: str, fmt: str) -> Document:
    data, junk = _strip_junk(data)
    pdf = _open(data, source)
    with pdf:
        pdf_limits.check_document(pdf, source)
        pages = read_pages(pdf, source)
    _adopt_body_family(pages)
    if not any(p.has_chars for p in pages):
        if any(p.scan is not None for p in pages):
            raise UnreadableScan(source)
        if any(p.has_images for p in pages):
            raise ScannedPdf(source)
        raise EmptyFile(source)
    doc = Document(source=source, sha256="", format="pdf", pages=len(pages))
    if junk:
        doc.notes.append(f"{junk} bytes before the %PDF- header skipped")
    if any(p.lines for p in pages):
        _drop_furniture(pages, _metrics(pages).pitch)
    if any(p.lines for p in pages):
        metrics = _metrics(pages)
        _mark_lines(pages, metrics)
        metrics.spaced = _uses_paragraph_spacing(pages, metrics)
    else:
        metrics = _Metrics(0, 0, 12, "")
    doc.blocks, doc.tables = assemble(_items(pages, metrics))
    doc.notes.extend(
        f"page {p.number}: no text layer (scanned image?)"
        for p in pages
        if p.has_images and not p.has_chars and p.scan is None
    )
    doc.notes.extend(f"page {p.number}: turned {p.turn}° to read its text upright" for p in pages if p.turn)
    scans = [p.scan for p in pages if p.scan is not None]
    if scans:
        text_pages = [PageReading(p.number, "text") for p in pages if p.scan is None]
        doc.ocr = ocr.summary(scans, text_pages)
        doc.notes.append(
            f"pages {', '.join(map(str, doc.ocr.pages))} read by OCR ({doc.ocr.engine}), mean word confidence "
            f"{doc.ocr.mean_confidence:g}/100: figures may be misread"
        )
        doc.notes.extend(_scan_notes(scans))
    return doc


def _scan_notes(scans: list[ocr.OcrPage]) -> list[str]:
    notes = [f"page {s.number}: garbage text layer replaced by OCR" for s in scans if s.reason == "garbage text layer"]
    notes += [f"page {s.number}: scan turned {s.rotation}° by orientation detection" for s in scans if s.rotation]
    return notes
