"""DOCX backend: body order, heading styles and bold, automatic numbering, merged cells."""
import io
import zipfile

import docx
import pytest

from extractor.errors import CorruptFile, UnsupportedFormat
from extractor.parse import parse_bytes, parse_file


def save(d, tmp_path, name="t.docx"):
    path = tmp_path / name
    d.save(path)
    return path


def test_paragraphs_and_tables_in_body_order(tmp_path):
    d = docx.Document()
    d.add_heading("I. KẾT QUẢ", level=2)
    d.add_paragraph("Trước bảng.")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([["Năm", "Số lượng"], ["2023", "3.831"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("Sau bảng.")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "I. KẾT QUẢ"), ("paragraph", "Trước bảng."), ("paragraph", "Sau bảng."),
    ]
    (t,) = doc.tables
    assert t.after_block == 1 and t.title == "I. KẾT QUẢ"
    assert t.header == [["Năm", "Số lượng"]] and t.rows[0][1].value == 3831


def test_bold_paragraph_is_a_heading_and_run_in_bold_is_not(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("PHẦN II").bold = True
    p = d.add_paragraph()
    p.add_run("1. Thuận lợi:").bold = True
    p.add_run(" được sự quan tâm của tỉnh.")
    d.add_paragraph("Dòng một\ndòng hai.")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.marker, b.text) for b in doc.blocks] == [
        ("heading", "PHẦN II", "PHẦN II"),
        ("paragraph", "1.", "1. Thuận lợi: được sự quan tâm của tỉnh."),
        ("paragraph", None, "Dòng một dòng hai."),
    ]


def test_automatic_numbering_is_written_out(tmp_path):
    d = docx.Document()
    d.add_paragraph("Khen thưởng tập thể.", style="List Bullet")
    d.add_paragraph("Nội dung thứ nhất.", style="List Number")
    d.add_paragraph("Nội dung thứ hai.", style="List Number")
    doc = parse_file(save(d, tmp_path))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "- Khen thưởng tập thể."),
        ("paragraph", "1. Nội dung thứ nhất."),
        ("paragraph", "2. Nội dung thứ hai."),
    ]


def test_horizontal_and_vertical_merges(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    rows = [
        ["Số TT", "Đơn vị", "Trong đó", None],
        [None, None, "Tập thể", "Cá nhân"],
        ["1.", "Xã A", "5", "12"],
        ["2.", "Xã B", "Chưa tổng hợp", None],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).paragraphs[0].add_run(text).bold = r < 2
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(3, 2).merge(t.cell(3, 3))
    (table,) = parse_file(save(d, tmp_path)).tables
    assert table.header == [
        ["Số TT", "Đơn vị", "Trong đó", "Trong đó"],
        ["Số TT", "Đơn vị", "Tập thể", "Cá nhân"],
    ]
    merged, covered = table.rows[1][2], table.rows[1][3]
    assert (merged.text, merged.colspan, merged.spanned) == ("Chưa tổng hợp", 2, False)
    assert (covered.text, covered.colspan, covered.spanned) == ("Chưa tổng hợp", 1, True)
    assert [c.value for c in table.rows[0]] == [None, None, 5, 12]


def test_table_without_lines_reads_as_paragraphs_column_by_column(tmp_path):
    d = docx.Document()
    header = d.add_table(rows=2, cols=2)  # the default style draws no lines
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    header.cell(1, 0).text = "Số: 12/BC-UBND"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 1).text = "An Phú, ngày 15 tháng 12 năm 2024"
    d.add_paragraph("Nội dung.")
    doc = parse_file(save(d, tmp_path))
    assert not doc.tables
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN", "Số: 12/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "An Phú, ngày 15 tháng 12 năm 2024", "Nội dung.",
    ]


def test_seed_docx_heading_styles_and_tables(seed):
    doc = parse_file(seed.with_suffix(".docx"))
    styled = {b.style for b in doc.blocks if b.kind == "heading"}
    assert {"Heading 2", "Heading 3", "Normal"} <= styled
    assert [len(t.rows) for t in doc.tables] == [8, 5]


def test_zip_without_a_word_document_is_unsupported(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data/sheet.csv", "a,b\n1,2\n")
    with pytest.raises(UnsupportedFormat):
        parse_bytes(buf.getvalue(), "renamed.docx")


def test_damaged_document_xml_is_corrupt(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(CorruptFile):
        parse_bytes(buf.getvalue(), "broken.docx")
