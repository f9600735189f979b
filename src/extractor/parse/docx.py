"""Word documents (.docx) through python-docx and lxml.

Paragraphs and tables are read in body order (content controls opened up). A paragraph's text
comes from one walk over its XML (`_content`): every inline wrapper is opened up (tracked
insertions, hyperlinks, smart tags, custom XML, content controls, simple and complex fields,
bidi wrappers) while tracked deletions, text moved away, field codes and the second rendering of
an `mc:AlternateContent` are never read. Tabs and line breaks are spaces, a non-breaking hyphen is
"-", a soft hyphen nothing, a `w:sym` its Unicode character (`data/symbol_fonts.json`). A text box
is read, once, as paragraphs of their own just before the paragraph that anchors it (in a table
cell, as part of the cell's text).

A paragraph is a heading hint when its style is a heading or title style or carries an outline
level; its bold is the effective bold of its runs (run, character style, paragraph style).
Automatic list numbering is written out as text ("- ", "1.", "a)") so the markers read as they
would on paper. Table merges (`gridSpan`, `vMerge`) become spans of a rectangular grid; header
rows, the header grid and the title are decided in `layout`. A table that draws no lines is
layout (the side-by-side header of an official letter): its cells are read as paragraphs, column
by column, as a reader of the printed page would.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import CorruptFile, EncryptedFile
from . import limits
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


def style_chain(style):
    """The style, the style it is based on, and so on up (`w:basedOn`). A chain that comes back
    to a style it passed (L1 based on L2 based on L1) is a damaged file: `CorruptFile` (its
    path is filled in by `parse`)."""
    seen: set[int] = set()
    while style is not None:
        if id(style.element) in seen:
            raise CorruptFile(None, f"w:basedOn loop at style {style.style_id!r}")
        seen.add(id(style.element))
        yield style
        style = style.base_style


def _inherited(style, read):
    """The first value `read` finds on the style or the styles it is based on."""
    for link in style_chain(style):
        value = read(link)
        if value is not None:
            return value
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

    def __init__(self, document) -> None:
        self.document = document
        self.facts: dict[tuple[str, str], object] = {}
        self.paragraph_styles: dict[str | None, object] = {}

    def paragraph_style(self, p):
        """The style of a w:p (the default paragraph style when it names none)."""
        from docx.enum.style import WD_STYLE_TYPE

        style_id = p.style
        if style_id not in self.paragraph_styles:
            self.paragraph_styles[style_id] = self.document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        return self.paragraph_styles[style_id]

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
        if numpr is None and style is not None:
            numpr = _inherited(style, lambda s: _numpr(s.element.pPr))
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
# Paragraph content: one walk over the paragraph's XML

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
_ALTERNATE_CONTENT = f"{_MC}AlternateContent"

# Elements whose text is never shown: tracked deletions and text moved away, field codes, and
# the property blocks (which hold revision marks, not text).
_UNSHOWN = frozenset(
    f"{_W}{name}"
    for name in ("del", "moveFrom", "delText", "instrText", "delInstrText", "fldData",
                 "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr")
)
# Run content standing for characters ("" for a hyphen drawn only at a line end).
_RUN_CHARACTERS = {
    f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": "",
}
_TEXT, _SYMBOL = f"{_W}t", f"{_W}sym"
_CHARACTER_TAGS = frozenset({_TEXT, _SYMBOL, *_RUN_CHARACTERS})


@lru_cache(maxsize=1)
def _symbol_fonts() -> tuple[int, dict[str, dict[int, str]]]:
    raw = json.loads(resources.files("extractor.data").joinpath("symbol_fonts.json").read_text("utf-8"))
    fonts = {name.lower(): {int(code, 16): ch for code, ch in table.items()} for name, table in raw["fonts"].items()}
    return int(raw["private_use_offset"], 16), fonts


def _symbol(sym) -> str:
    """A w:sym character in Unicode, or "" when its font's character has no Unicode counterpart."""
    try:
        code = int(sym.get(f"{_W}char", ""), 16)
    except ValueError:
        return ""
    offset, fonts = _symbol_fonts()
    table = fonts.get((sym.get(f"{_W}font") or "").lower())
    if table is not None:
        return table.get(code - offset if code >= offset else code, "")
    is_private_use = offset <= code < offset + 0x100
    return "" if is_private_use or not 0 < code < 0x110000 else chr(code)


def _character(element) -> str:
    if element.tag == _TEXT:
        return element.text or ""
    if element.tag == _SYMBOL:
        return _symbol(element)
    return _RUN_CHARACTERS[element.tag]


class _Fields:
    """The complex fields open at the current point of a paragraph. A field shows its result
    (after `separate`), never its code; a field inside another field's code is code too."""

    def __init__(self) -> None:
        self.in_result: list[bool] = []

    def mark(self, fld_char) -> None:
        kind = fld_char.get(f"{_W}fldCharType")
        if kind == "begin":
            self.in_result.append(False)
        elif kind == "separate" and self.in_result:
            self.in_result[-1] = True
        elif kind == "end" and self.in_result:
            self.in_result.pop()

    @property
    def shown(self) -> bool:
        return all(self.in_result)


@dataclass(frozen=True, slots=True)
class _TextBox:
    content: object  # a w:txbxContent element, holding paragraphs and tables like the body


def _alternative(alternate_content):
    """The one rendering of mc:AlternateContent to read: its first Choice, else its Fallback."""
    return next(alternate_content.iterchildren(f"{_MC}Choice", f"{_MC}Fallback"), None)


def _content(element, fields: _Fields, run=None):
    """What an element shows, in reading order: (text, w:r) pairs and text boxes. Wrappers of
    any kind (insertions, hyperlinks, smart tags, content controls, fields...) are opened up."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _UNSHOWN:
            continue
        if tag == f"{_W}fldChar":
            fields.mark(child)
        elif tag == f"{_W}txbxContent":
            yield _TextBox(child)
        elif run is not None and tag in _CHARACTER_TAGS:
            if fields.shown:
                yield _character(child), run
        else:
            inner = _alternative(child) if tag == _ALTERNATE_CONTENT else child
            if inner is not None:
                yield from _content(inner, fields, child if tag == _R else run)


def _block_elements(container, open_tables: bool = False):
    """p and tbl elements in reading order, wrappers (content controls, custom XML) opened up;
    with `open_tables`, the paragraphs inside tables instead of the tables."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P or (tag == _TBL and not open_tables):
            yield child
        elif isinstance(tag, str) and tag not in _UNSHOWN:
            yield from _block_elements(child, open_tables)


_ROW_AND_CELL_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})


def _wrapped_children(element, tag: str):
    """Children of one kind (a table's rows, a row's cells), also those inside content controls
    or custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _ROW_AND_CELL_WRAPPERS:
            yield from _wrapped_children(child, tag)


def _run_pieces(pieces) -> list[tuple[str, object]]:
    """Consecutive pieces of one run joined: fonts and bold are a run's."""
    runs: list[tuple[str, object]] = []
    for text, r in pieces:
        if runs and runs[-1][1] is r:
            runs[-1] = (runs[-1][0] + text, r)
        elif text:
            runs.append((text, r))
    return runs


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


def _as_paragraphs(item: RawItem) -> list[RawParagraph]:
    if isinstance(item, RawParagraph):
        return [item]
    return [RawParagraph(cell.text, bold=cell.bold) for row in item.rows for cell in row if cell is not None]


# ---------------------------------------------------------------------------------------------
# Body


class _Reader:
    """Reads a document's blocks; styles and list counters are the document's."""

    def __init__(self, document) -> None:
        self.document = document
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)

    def items(self, container) -> list[RawItem]:
        items: list[RawItem] = []
        for element in _block_elements(container):
            if element.tag == _P:
                items.extend(self.paragraph(element))
            elif has_rules(element, self.document):
                items.append(self.table(element))
            else:
                items.extend(self.layout_paragraphs(element))
        return items

    def paragraph(self, p) -> list[RawItem]:
        """The paragraph, after the content of the text boxes anchored in it."""
        from docx.text.paragraph import Paragraph

        boxed: list[RawItem] = []
        pieces: list[tuple[str, object]] = []
        for found in _content(p, _Fields()):
            if isinstance(found, _TextBox):
                boxed.extend(self.items(found.content))
            else:
                pieces.append(found)
        return [*boxed, self._raw_paragraph(Paragraph(p, self.document), _run_pieces(pieces))]

    def _raw_paragraph(self, paragraph, runs) -> RawParagraph:
        from docx.text.run import Run

        style = self.styles.paragraph_style(paragraph._p)
        para_bold = bool(self.styles.style_bold(style))
        texts: list[str] = []
        letters_bold: list[bool] = []
        for text, r in runs:
            run = Run(r, paragraph)
            bold = self._run_bold(run, para_bold)
            texts.append(_unicode_text(text, _run_font(run, style, self.styles)))
            letters_bold.extend(bold for ch in text if not ch.isspace())
        label = self.numbering.label(paragraph._p, style)
        text = "".join(texts)
        if label:
            text = f"{label} {text}"
        return RawParagraph(
            text=text.replace("\n", " ").replace("\t", " "),
            bold=bool(letters_bold) and all(letters_bold),
            heading_hint=self.styles.is_heading(style),
            style=style.name if style is not None else None,
        )

    def _run_bold(self, run, para_bold: bool) -> bool:
        if run.bold is not None:
            return bool(run.bold)
        if run.element.rPr is not None and run.element.rPr.rStyle is not None:
            char_bold = self.styles.style_bold(run.style)
            if char_bold is not None:
                return char_bold
        return para_bold

    def cell_paragraphs(self, tc) -> list[RawParagraph]:
        """Every paragraph of a cell, those of nested tables and text boxes too, in reading order."""
        return [
            paragraph
            for p in _block_elements(tc, open_tables=True)
            for item in self.paragraph(p)
            for paragraph in _as_paragraphs(item)
        ]

    def cell(self, tc) -> RawCell:
        filled = [p for p in self.cell_paragraphs(tc) if p.text.strip()]
        return RawCell(" ".join(p.text for p in filled), bold=bool(filled) and all(p.bold for p in filled))

    def table(self, tbl) -> RawTable:
        rows: list[list[RawCell | None]] = []
        origin_of: dict[tuple[int, int], RawCell] = {}
        cells = 0
        for r, tr in enumerate(_wrapped_children(tbl, _TR)):
            cells += tr.grid_before
            limits.check("table_cells", cells, None)  # before a row of that width is made
            row: list[RawCell | None] = [None] * tr.grid_before
            for tc in _wrapped_children(tr, _TC):
                span = tc.grid_span
                cells += span
                limits.check("table_cells", cells, None)
                col = len(row)
                if tc.vMerge == "continue" and (r - 1, col) in origin_of:
                    above = origin_of[(r - 1, col)]
                    above.rowspan += 1
                    origin_of[(r, col)] = above
                    row.extend([None] * span)
                    continue
                cell = self.cell(tc)
                cell.colspan = span
                origin_of[(r, col)] = cell
                row.append(cell)
                row.extend([None] * (span - 1))
            rows.append(row)
        return RawTable(rows=rows, spans_known=True)

    def layout_paragraphs(self, tbl) -> list[RawParagraph]:
        """A table without lines as paragraphs, column by column."""
        columns: dict[int, list] = {}
        for tr in _wrapped_children(tbl, _TR):
            col = tr.grid_before
            for tc in _wrapped_children(tr, _TC):
                if tc.vMerge != "continue":
                    columns.setdefault(col, []).append(tc)
                col += tc.grid_span
        return [p for col in sorted(columns) for tc in columns[col] for p in self.cell_paragraphs(tc)]


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
    return _inherited(Table(tbl, document).style, lambda s: s.element.find(f"{_W}tblPr/{_W}tblBorders"))


def has_rules(tbl, document) -> bool:
    """Whether a table draws any line: without, it only places text side by side (the header
    block of an official letter) and is read as paragraphs, as a PDF reader would see it."""
    if _draws_lines(_table_borders(tbl, document)):
        return True
    return any(_draws_lines(tc.find(f"{_W}tcPr/{_W}tcBorders")) for tc in tbl.iter(f"{_W}tc"))


def read_items(document) -> list[RawItem]:
    return _Reader(document).items(document.element.body)


def parse(data: bytes, source: str, fmt: str) -> Document:
    from docx.exceptions import PythonDocxError

    limits.check_zip(data, source)
    document = _open(data, source)
    try:
        items = read_items(document)
    except (KeyError, ValueError, AttributeError, TypeError, RecursionError, PythonDocxError) as exc:
        # PythonDocxError: a value python-docx cannot read (`<w:b w:val="nan"/>`)
        raise CorruptFile(source, f"{type(exc).__name__}: {str(exc)[:200]}") from exc
    blocks, tables = assemble(items)
    return Document(source=source, sha256="", format="docx", pages=None, blocks=blocks, tables=tables)
