"""Word documents (.docx) through python-docx.

Paragraphs and tables are read in body order (content controls opened up). A paragraph is a
heading hint when its style is a heading or title style or carries an outline level; its bold is
the effective bold of its runs (run, character style, paragraph style). Line breaks inside a
paragraph are spaces. Automatic list numbering is written out as text ("- ", "1.", "a)") so the
markers read as they would on paper. Table merges (`gridSpan`, `vMerge`) become spans of a
rectangular grid; header rows, the header grid and the title are decided in `layout`. A table that
draws no lines is layout (the side-by-side header of an official letter): its cells are read as
paragraphs, column by column, as a reader of the printed page would.
"""
from __future__ import annotations

import io
import zipfile
from collections import defaultdict

from ..errors import CorruptFile, EncryptedFile
from ..model import Document
from ..vn.legacy import capitals_font, decode_tcvn3, has_genuine_letters, legacy_font
from .layout import RawCell, RawItem, RawParagraph, RawTable, assemble

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE_PREFIXES = ("heading", "title", "subtitle", "tiêu đề")


def _open(data: bytes, source: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as exc:
        raise CorruptFile(source, type(exc).__name__) from exc
    except Exception as exc:  # lxml syntax errors and the like: the package is damaged
        if "encrypt" in str(exc).lower():
            raise EncryptedFile(source) from exc
        raise CorruptFile(source, type(exc).__name__) from exc


# ---------------------------------------------------------------------------------------------
# Styles


# How far up the `basedOn` chain to look (guards against loops in damaged files).
STYLE_CHAIN_MAX = 20


def _inherited(style, read):
    """The first value `read` finds on the style or the styles it is based on."""
    seen = 0
    while style is not None and seen < STYLE_CHAIN_MAX:
        value = read(style)
        if value is not None:
            return value
        style, seen = style.base_style, seen + 1
    return None


def _style_bold(style) -> bool | None:
    bold = _inherited(style, lambda s: s.font.bold)
    return None if bold is None else bool(bold)


def _style_font(style) -> str | None:
    return _inherited(style, lambda s: s.font.name or None)


def _own_heading_mark(style) -> bool | None:
    if style.name and style.name.lower().startswith(_HEADING_STYLE_PREFIXES):
        return True
    ppr = style.element.pPr
    return True if ppr is not None and ppr.find(f"{_W}outlineLvl") is not None else None


def _is_heading_style(style) -> bool:
    return bool(_inherited(style, _own_heading_mark))


class _Styles:
    """Bold, heading and font facts per style, looked up once."""

    def __init__(self) -> None:
        self.facts: dict[tuple[str, str], object] = {}

    def _fact(self, name: str, style, compute):
        if style is None:
            return None
        key = (name, style.style_id)
        if key not in self.facts:
            self.facts[key] = compute(style)
        return self.facts[key]

    def style_bold(self, style) -> bool | None:
        return self._fact("bold", style, _style_bold)

    def style_font(self, style) -> str | None:
        return self._fact("font", style, _style_font)

    def is_heading(self, style) -> bool:
        return bool(self._fact("heading", style, _is_heading_style))


# ---------------------------------------------------------------------------------------------
# Automatic numbering


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _format_counter(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _numpr(ppr):
    return ppr.find(f"{_W}numPr") if ppr is not None else None


class _Numbering:
    """Writes out the labels Word would draw for list paragraphs (bullets as "-" or "+")."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.findall(f"{_W}abstractNum")}
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            node = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if node is None:
                continue
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                self.levels[(num.get(f"{_W}numId"), int(lvl.get(f"{_W}ilvl", "0")))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )

    def label(self, p_element, style) -> str | None:
        numpr = _numpr(p_element.pPr)
        while numpr is None and style is not None:
            numpr, style = _numpr(style.element.pPr), style.base_style
        if numpr is None:
            return None
        num_id = numpr.find(f"{_W}numId")
        ilvl = numpr.find(f"{_W}ilvl")
        key = (num_id.get(f"{_W}val") if num_id is not None else None, int(ilvl.get(f"{_W}val")) if ilvl is not None else 0)
        if key not in self.levels or key[0] == "0":
            return None
        fmt, pattern, start = self.levels[key]
        if fmt == "bullet" or fmt == "none":
            return "+" if key[1] > 0 else "-"
        counters = self.counters[key[0]]
        counters[key[1]] = counters[key[1]] + 1 if counters[key[1]] else start
        for deeper in range(key[1] + 1, 9):
            counters[deeper] = 0
        label = pattern
        for lvl in range(key[1] + 1):
            lvl_fmt = self.levels.get((key[0], lvl), ("decimal", "", 1))[0]
            label = label.replace(f"%{lvl + 1}", _format_counter(max(counters[lvl], 1), lvl_fmt))
        return label.strip() or None


# ---------------------------------------------------------------------------------------------
# Body


def _runs(paragraph):
    from docx.text.run import Run

    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            yield item
        else:
            yield from item.runs


def _run_font(run, paragraph_style, styles: _Styles) -> str | None:
    if run.font.name:
        return run.font.name
    if run.element.rPr is not None and run.element.rPr.rStyle is not None:
        return styles.style_font(run.style) or styles.style_font(paragraph_style)
    return styles.style_font(paragraph_style)


def _unicode_text(text: str, font: str | None) -> str:
    """A run in a TCVN3 font (".VnTime") holds TCVN3 codes, unless it has Unicode letters."""
    if not legacy_font(font) or has_genuine_letters(text):
        return text
    return decode_tcvn3(text, capitals=capitals_font(font))


def _read_paragraph(paragraph, styles: _Styles, numbering: _Numbering) -> RawParagraph:
    style = paragraph.style
    para_bold = bool(styles.style_bold(style))
    texts: list[str] = []
    letters_bold: list[bool] = []
    for run in _runs(paragraph):
        text = run.text
        if not text:
            continue
        bold = run.bold
        if bold is None:
            char_bold = styles.style_bold(run.style) if run.element.rPr is not None and run.element.rPr.rStyle is not None else None
            bold = para_bold if char_bold is None else char_bold
        texts.append(_unicode_text(text, _run_font(run, style, styles)))
        letters_bold.extend(bool(bold) for ch in text if not ch.isspace())
    label = numbering.label(paragraph._p, style)
    text = "".join(texts)
    if label:
        text = f"{label} {text}"
    return RawParagraph(
        text=text.replace("\n", " ").replace("\t", " "),
        bold=bool(letters_bold) and all(letters_bold),
        heading_hint=styles.is_heading(style),
        style=style.name if style is not None else None,
    )


def _cell_text(tc, document, styles: _Styles, numbering: _Numbering) -> RawCell:
    from docx.text.paragraph import Paragraph

    texts: list[str] = []
    bold: list[bool] = []
    for p in tc.iter(f"{_W}p"):
        raw = _read_paragraph(Paragraph(p, document), styles, numbering)
        if raw.text.strip():
            texts.append(raw.text)
            bold.append(raw.bold)
    return RawCell(" ".join(texts), bold=bool(bold) and all(bold))


def _read_table(tbl, document, styles: _Styles, numbering: _Numbering) -> RawTable:
    rows: list[list[RawCell | None]] = []
    origin_of: dict[tuple[int, int], RawCell] = {}
    for r, tr in enumerate(tbl.tr_lst):
        row: list[RawCell | None] = [None] * tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            col = len(row)
            if tc.vMerge == "continue" and (r - 1, col) in origin_of:
                above = origin_of[(r - 1, col)]
                above.rowspan += 1
                origin_of[(r, col)] = above
                row.extend([None] * span)
                continue
            cell = _cell_text(tc, document, styles, numbering)
            cell.colspan = span
            origin_of[(r, col)] = cell
            row.append(cell)
            row.extend([None] * (span - 1))
        rows.append(row)
    return RawTable(rows=rows, spans_known=True)


_NO_LINE = {"nil", "none"}


def _draws_lines(borders) -> bool:
    return borders is not None and any(side.get(f"{_W}val") not in _NO_LINE for side in borders)


def _table_borders(tbl, document):
    """The table's own borders, else its style's (following `basedOn`)."""
    from docx.table import Table

    tbl_pr = tbl.tblPr
    own = tbl_pr.find(f"{_W}tblBorders") if tbl_pr is not None else None
    if own is not None:
        return own
    style, seen = Table(tbl, document).style, 0
    while style is not None and seen < 20:
        found = style.element.find(f"{_W}tblPr/{_W}tblBorders")
        if found is not None:
            return found
        style, seen = style.base_style, seen + 1
    return None


def has_rules(tbl, document) -> bool:
    """Whether a table draws any line: without, it only places text side by side (the header
    block of an official letter) and is read as paragraphs, as a PDF reader would see it."""
    if _draws_lines(_table_borders(tbl, document)):
        return True
    return any(_draws_lines(tc.find(f"{_W}tcPr/{_W}tcBorders")) for tc in tbl.iter(f"{_W}tc"))


def _layout_paragraphs(tbl, document, styles: _Styles, numbering: _Numbering) -> list[RawParagraph]:
    """A table without lines as paragraphs, column by column."""
    from docx.text.paragraph import Paragraph

    columns: dict[int, list] = {}
    for tr in tbl.tr_lst:
        col = tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge != "continue":
                columns.setdefault(col, []).append(tc)
            col += tc.grid_span
    return [
        _read_paragraph(Paragraph(p, document), styles, numbering)
        for col in sorted(columns)
        for tc in columns[col]
        for p in tc.iter(f"{_W}p")
    ]


def _body_elements(container):
    """p and tbl elements in body order, content controls opened up."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p" or tag == f"{_W}tbl":
            yield child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def read_items(document) -> list[RawItem]:
    from docx.text.paragraph import Paragraph

    styles = _Styles()
    numbering = _Numbering(document)
    items: list[RawItem] = []
    for element in _body_elements(document.element.body):
        if element.tag == f"{_W}p":
            items.append(_read_paragraph(Paragraph(element, document), styles, numbering))
        elif has_rules(element, document):
            items.append(_read_table(element, document, styles, numbering))
        else:
            items.extend(_layout_paragraphs(element, document, styles, numbering))
    return items


def parse(data: bytes, source: str, fmt: str) -> Document:
    document = _open(data, source)
    try:
        items = read_items(document)
    except (KeyError, ValueError, AttributeError, TypeError) as exc:
        raise CorruptFile(source, type(exc).__name__) from exc
    blocks, tables = assemble(items)
    return Document(source=source, sha256="", format="docx", pages=None, blocks=blocks, tables=tables)
