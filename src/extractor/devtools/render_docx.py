"""DOCX renderer of a corpus layout, the way an office types a report: A4, Times New Roman 14,
real Word tables (12 pt) whose merged header cells are Word merges (gridSpan / vMerge), bold
total rows."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .markup import Layout, Para, TableSpec

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
# A fixed timestamp keeps renderings of the same layout byte-stable apart from the zip itself.
_STAMP = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def _set_font(run, size: float, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)


def _paragraph(doc, para: Para) -> None:
    p = doc.add_paragraph()
    p.alignment = _ALIGN[para.align]
    if para.kind in ("paragraph", "list_item") and para.align == "justify":
        p.paragraph_format.first_line_indent = Mm(10)
    if para.bold_lead and para.text.startswith(para.bold_lead):
        _set_font(p.add_run(para.bold_lead), BODY_PT, bold=True)
        _set_font(p.add_run(para.text[len(para.bold_lead):]), BODY_PT)
    else:
        _set_font(p.add_run(para.text), BODY_PT, bold=para.bold)


def _fill(cell, text: str, bold: bool, center: bool) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    _set_font(p.add_run(text), TABLE_PT, bold=bold)


def _table(doc, spec: TableSpec) -> None:
    n_rows, n_cols = len(spec.header) + len(spec.rows), spec.n_cols
    table = doc.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    covered = set()
    for r, c, rowspan, colspan in spec.header_spans():
        merged = table.cell(r, c).merge(table.cell(r + rowspan - 1, c + colspan - 1))
        _fill(merged, spec.header[r][c], bold=True, center=True)
        covered |= {(rr, cc) for rr in range(r, r + rowspan) for cc in range(c, c + colspan)}
    for r, row in enumerate(spec.header):
        for c, text in enumerate(row):
            if (r, c) not in covered:
                _fill(table.cell(r, c), text, bold=True, center=True)
    for i, row in enumerate(spec.rows):
        bold = i in spec.bold_rows
        for c, text in enumerate(row):
            _fill(table.cell(len(spec.header) + i, c), text, bold=bold, center=c != 1)
    doc.add_paragraph()


def render_docx(layout: Layout, path: str | Path) -> Path:
    doc = WordDocument()
    _page_setup(doc)
    props = doc.core_properties
    props.created = props.modified = _STAMP
    props.author = props.last_modified_by = "extractor corpus generator"
    for element in layout.elements:
        if isinstance(element, TableSpec):
            _table(doc, element)
        else:
            _paragraph(doc, element)
    path = Path(path)
    doc.save(path)
    return path
