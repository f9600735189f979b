"""PDF renderer of a corpus layout (reportlab): A4, a Vietnamese-covering serif font embedded,
page numbers at the bottom, paragraphs that flow across page breaks, tables drawn with ruling
lines whose merged header cells are spans, long tables split across pages with or without the
header repeated."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .markup import Layout, Para, TableSpec

FONT, FONT_BOLD = "DejaVuSerif", "DejaVuSerif-Bold"
BODY_PT, TABLE_PT = 12, 9.5
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
MARGINS = {"leftMargin": 30 * mm, "rightMargin": 20 * mm, "topMargin": 20 * mm, "bottomMargin": 22 * mm}


def font_dir() -> Path:
    """corpus/fonts of the repository (or $EXTRACTOR_FONTS), else the system's DejaVu."""
    candidates = [os.environ.get("EXTRACTOR_FONTS", ""), Path(__file__).resolve().parents[3] / "corpus" / "fonts",
                  "/usr/share/fonts/truetype/dejavu"]
    for c in candidates:
        if c and (Path(c) / "DejaVuSerif.ttf").is_file():
            return Path(c)
    raise FileNotFoundError("DejaVuSerif.ttf not found: set EXTRACTOR_FONTS to corpus/fonts")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder = font_dir()
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSerif-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _style(align: str, size: float = BODY_PT, bold: bool = False, indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(f"s{align}{size}{bold}{indent}", fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=size * 1.35, alignment=_ALIGN[align], firstLineIndent=indent, spaceAfter=size * 0.4)


def _paragraph(para: Para) -> Paragraph:
    if para.bold_lead and para.text.startswith(para.bold_lead):
        rest = para.text[len(para.bold_lead):]
        markup = f"<b>{escape(para.bold_lead)}</b>{escape(rest)}"
    else:
        markup = escape(para.text)
    indent = 8 * mm if para.kind in ("paragraph", "list_item") and para.align == "justify" else 0
    style = _style(para.align, bold=para.bold, indent=indent)
    if para.kind == "heading":
        style.spaceBefore = BODY_PT * 0.5
    return Paragraph(markup, style)


def _col_widths(spec: TableSpec, width: float) -> list[float]:
    """Figure columns as wide as their widest figure (header words may wrap); the label column
    (and a "Ghi chú" column) share what is left."""
    pad = 10
    n = spec.n_cols
    flexible = {1} | {c for c in range(n) if spec.header[0][c].lower().startswith("ghi chú")}
    natural = []
    for c in range(n):
        words = [w for row in spec.header for w in row[c].split()]
        need = max([pdfmetrics.stringWidth(w, FONT_BOLD, TABLE_PT) for w in words] or [0])
        for row in spec.rows:
            need = max(need, pdfmetrics.stringWidth(row[c], FONT_BOLD, TABLE_PT))
        natural.append(need + pad)
    fixed = sum(w for c, w in enumerate(natural) if c not in flexible)
    rest = width - fixed
    if rest < 0.35 * width:
        scale = 0.65 * width / fixed
        natural = [w * scale for w in natural]
        rest = 0.35 * width
    shares = {c: (3.0 if c == 1 else 1.4) for c in flexible}
    total = sum(shares.values())
    return [rest * shares[c] / total if c in flexible else natural[c] for c in range(n)]


def _table(spec: TableSpec, width: float, repeat_header: bool) -> Table:
    head = _style("center", TABLE_PT, bold=True)
    data = []
    for row in spec.header:
        data.append([Paragraph(escape(t), head) for t in row])
    for i, row in enumerate(spec.rows):
        bold = i in spec.bold_rows
        data.append([Paragraph(escape(t), _style("left" if c == 1 else "center", TABLE_PT, bold=bold))
                     for c, t in enumerate(row)])
    style = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for r, c, rowspan, colspan in spec.header_spans():
        style.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    table = Table(data, colWidths=_col_widths(spec, width),
                  repeatRows=len(spec.header) if repeat_header else 0, splitByRow=1)
    table.setStyle(TableStyle(style))
    return table


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 10)
    canvas.drawCentredString(A4[0] / 2, 11 * mm, str(doc.page))
    canvas.restoreState()


def render_pdf(layout: Layout, path: str | Path, title: str = "Báo cáo") -> Path:
    """Render; each table repeats its header on later pages when its `repeat_header` is set."""
    register_fonts()
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author="extractor corpus generator",
                            invariant=1, **MARGINS)
    story = []
    for element in layout.elements:
        if isinstance(element, TableSpec):
            story.append(_table(element, doc.width, element.repeat_header))
            story.append(Spacer(1, 4 * mm))
        else:
            story.append(_paragraph(element))
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return path
