"""Test fixture writer: one report, given as a list of elements, written as Markdown, DOCX and
PDF. The expected blocks and tables (`gold`) come from the same elements, never from the parser.

PDFs use DejaVu Serif (corpus/fonts, else the system's) for Vietnamese glyphs; without it every
rendering falls back to Helvetica with diacritics folded away, so the three renderings still agree.
"""
from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

from extractor.vn.normalize import fold

MERGE_LEFT = "<"
MERGE_UP = "^"


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Para:
    text: str
    runin: str | None = None  # a bold run-in title before the text ("1. Thuận lợi:")
    cut_at: int | None = None  # written as two paragraphs, cut after this many words
    break_at: int | None = None  # a line break inside the paragraph after this many words


@dataclass
class Item:
    text: str  # with its bullet: "- ..." or "+ ..."


@dataclass
class SideBySide:
    """Two blocks side by side (the issuer and the national motto of a letter's header): each a
    list of paragraphs, each paragraph a list of lines."""

    left: list[list[str]]
    right: list[list[str]]

    @property
    def paragraphs(self) -> list[list[str]]:
        return self.left + self.right


@dataclass
class Grid:
    title: str
    header: list[list[str]]  # MERGE_LEFT / MERGE_UP mark positions covered by a merge
    body: list[list[str]]
    bold_last_row: bool = True


Element = Heading | Para | Item | SideBySide | Grid


@dataclass
class Gold:
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    tables: list[tuple[str, list[list[str]], list[list[str]]]] = field(default_factory=list)


class Script:
    """Text transform shared by every rendering: identity with a Vietnamese font, else folded."""

    def __init__(self) -> None:
        self.regular, self.bold = _dejavu()
        self.vietnamese = self.regular is not None

    def __call__(self, text: str) -> str:
        if self.vietnamese:
            return text
        return fold(text).upper() if text.isupper() else _fold_keep_case(text)


def _fold_keep_case(text: str) -> str:
    return "".join(fold(ch).upper() if ch.isupper() else (fold(ch) or ch) for ch in text)


def _dejavu() -> tuple[str | None, str | None]:
    bundled = Path(__file__).resolve().parents[2] / "corpus" / "fonts"
    for root in (str(bundled), "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts"):
        regular = glob.glob(f"{root}/**/DejaVuSerif.ttf", recursive=True)
        bold = glob.glob(f"{root}/**/DejaVuSerif-Bold.ttf", recursive=True)
        if regular and bold:
            return regular[0], bold[0]
    return None, None


def expand_header(header: list[list[str]]) -> list[list[str]]:
    """The header grid the parser should give: merged text repeated across and down."""
    out: list[list[str]] = []
    for r, row in enumerate(header):
        texts: list[str] = []
        for c, text in enumerate(row):
            if text == MERGE_LEFT:
                texts.append(texts[c - 1])
            elif text == MERGE_UP:
                texts.append(out[r - 1][c])
            else:
                texts.append(text)
        out.append(texts)
    return out


def gold(elements: list[Element], s: Script) -> Gold:
    g = Gold()
    for e in elements:
        if isinstance(e, Heading):
            g.blocks.append(("heading", s(e.text)))
        elif isinstance(e, Para):
            text = f"{e.runin} {e.text}" if e.runin else e.text
            g.blocks.append(("paragraph", s(text)))
        elif isinstance(e, Item):
            g.blocks.append(("list_item", s(e.text)))
        elif isinstance(e, SideBySide):
            g.blocks.extend(("paragraph", s(" ".join(lines))) for lines in e.paragraphs)
        else:
            g.blocks.append(("heading", s(e.title)))
            header = [[s(t) for t in row] for row in expand_header(e.header)]
            g.tables.append((s(e.title), header, [[s(t) for t in row] for row in e.body]))
    return g


def _split_words(text: str, at: int) -> tuple[str, str]:
    words = text.split(" ")
    return " ".join(words[:at]), " ".join(words[at:])


def _pieces(e: Para) -> list[str]:
    text = f"{e.runin} {e.text}" if e.runin else e.text
    if e.cut_at is None:
        return [text]
    words = text.split(" ")
    return [" ".join(words[: e.cut_at]), " ".join(words[e.cut_at :])]


# ---------------------------------------------------------------------------------------------
# Markdown


def to_markdown(elements: list[Element], s: Script) -> str:
    out: list[str] = []
    for e in elements:
        if isinstance(e, Heading):
            out.append(f"{'#' * e.level} **{s(e.text)}**")
        elif isinstance(e, Para):
            pieces = [s(p) for p in _pieces(e)]
            if e.runin:
                pieces[0] = pieces[0].replace(s(e.runin), f"**{s(e.runin)}**", 1)
            if e.break_at is not None:
                first, rest = _split_words(pieces[0], e.break_at)
                pieces[0] = f"{first}  \n{rest}"
            out.extend(pieces)
        elif isinstance(e, Item):
            out.append(s(e.text))
        elif isinstance(e, SideBySide):
            out.extend("\n".join(s(line) for line in lines) for lines in e.paragraphs)
        else:
            out.append(f"{'#' * 3} {s(e.title)}")
            lines = ["\t".join("" if t in (MERGE_LEFT, MERGE_UP) else s(t) for t in row) for row in e.header]
            for i, row in enumerate(e.body):
                bold = e.bold_last_row and i == len(e.body) - 1
                lines.append("\t".join(f"<b>{s(t)}</b>" if bold and t else s(t) for t in row))
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# DOCX


def to_docx(elements: list[Element], path: Path, s: Script) -> Path:
    import docx

    d = docx.Document()
    for e in elements:
        if isinstance(e, Heading):
            d.add_heading(s(e.text), level=min(e.level, 4))
        elif isinstance(e, Para):
            for i, piece in enumerate(_pieces(e)):
                p = d.add_paragraph()
                text = s(piece)
                if i == 0 and e.runin:
                    runin = s(e.runin)
                    p.add_run(runin).bold = True
                    p.add_run(text[len(runin) :])
                elif e.break_at is not None:
                    first, rest = _split_words(text, e.break_at)
                    p.add_run(first).add_break()
                    p.add_run(rest)
                else:
                    p.add_run(text)
        elif isinstance(e, Item):
            d.add_paragraph(s(e.text))
        elif isinstance(e, SideBySide):
            _docx_side_by_side(d, e, s)
        else:
            d.add_heading(s(e.title), level=3)
            _docx_table(d, e, s)
    d.save(path)
    return path


def _docx_side_by_side(d, e: SideBySide, s: Script) -> None:
    table = d.add_table(rows=1, cols=2)  # no style: no lines
    for cell, block in zip(table.rows[0].cells, (e.left, e.right)):
        for i, lines in enumerate(block):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            for j, line in enumerate(lines):
                run = p.add_run(s(line))
                if j < len(lines) - 1:
                    run.add_break()


def _docx_table(d, e: Grid, s: Script) -> None:
    rows = e.header + e.body
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in (MERGE_LEFT, MERGE_UP):
                continue
            bold = r < len(e.header) or (e.bold_last_row and r == len(rows) - 1)
            run = table.cell(r, c).paragraphs[0].add_run(s(text))
            run.bold = bold
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == MERGE_LEFT:
                table.cell(r, c - 1).merge(table.cell(r, c))
            elif text == MERGE_UP:
                table.cell(r - 1, c).merge(table.cell(r, c))


# ---------------------------------------------------------------------------------------------
# PDF


def to_pdf(
    elements: list[Element],
    path: Path,
    s: Script,
    *,
    page_numbers: bool = True,
    running_header: str | None = None,
    encrypt: str | None = None,
    repeat_header: bool = True,
) -> Path:
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    regular, bold = _fonts(s)
    body = ParagraphStyle("body", fontName=regular, fontSize=12, leading=15, spaceAfter=8, alignment=TA_LEFT)
    item = ParagraphStyle("item", parent=body, firstLineIndent=20)
    head = ParagraphStyle("head", parent=body, fontName=bold, spaceBefore=4)
    flow = []
    for e in elements:
        if isinstance(e, Heading):
            flow.append(Paragraph(_esc(s(e.text)), head))
        elif isinstance(e, Para):
            for i, piece in enumerate(_pieces(e)):
                text = _esc(s(piece))
                if i == 0 and e.runin:
                    runin = _esc(s(e.runin))
                    text = f"<font name='{bold}'>{runin}</font>{text[len(runin):]}"
                elif e.break_at is not None:
                    text = "<br/>".join(_split_words(text, e.break_at))
                flow.append(Paragraph(text, body))
        elif isinstance(e, Item):
            flow.append(Paragraph(_esc(s(e.text)), item))
        elif isinstance(e, SideBySide):
            flow.append(_pdf_side_by_side(e, s, body))
        else:
            flow.append(Paragraph(_esc(s(e.title)), head))
            flow.append(_pdf_table(e, s, regular, bold, repeat_header))
            flow.append(Spacer(1, 8))

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 10)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(doc.page))
        if running_header:
            canvas.drawString(2 * cm, A4[1] - 1.2 * cm, s(running_header))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
        encrypt=encrypt,
    )
    doc.build(flow, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fonts(s: Script) -> tuple[str, str]:
    if not s.vietnamese:
        return "Helvetica", "Helvetica-Bold"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", s.regular))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", s.bold))
    return "DejaVuSerif", "DejaVuSerif-Bold"


def _pdf_side_by_side(e: SideBySide, s: Script, body):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table

    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    cells = [
        [Paragraph("<br/>".join(_esc(s(line)) for line in lines), centred) for lines in block]
        for block in (e.left, e.right)
    ]
    return Table([cells], colWidths=[190, 260])


def _pdf_table(e: Grid, s: Script, regular: str, bold: str, repeat_header: bool):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("cell", fontName=regular, fontSize=10, leading=12)
    strong = ParagraphStyle("strong", parent=cell, fontName=bold)
    rows = e.header + e.body
    data = []
    for r, row in enumerate(rows):
        is_bold = r < len(e.header) or (e.bold_last_row and r == len(rows) - 1)
        data.append(
            ["" if t in (MERGE_LEFT, MERGE_UP) else Paragraph(_esc(s(t)), strong if is_bold else cell) for t in row]
        )
    n_cols = len(rows[0])
    widths = [40, 150] + [(430 - 190) / (n_cols - 2)] * (n_cols - 2) if n_cols > 2 else None
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, row in enumerate(e.header):
        for c, text in enumerate(row):
            if text in (MERGE_LEFT, MERGE_UP):
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == MERGE_LEFT:
                right += 1
            down = r
            while down + 1 < len(e.header) and e.header[down + 1][c] == MERGE_UP:
                down += 1
            if (right, down) != (c, r):
                commands.append(("SPAN", (c, r), (right, down)))
    return Table(data, colWidths=widths, repeatRows=len(e.header) if repeat_header else 0, style=TableStyle(commands), splitInRow=1)
