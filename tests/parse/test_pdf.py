"""PDF backend: paragraphs from line positions, page furniture, tables over page breaks."""
import pytest
from fixture_writer import gold, to_pdf
from sample_report import REPORT

from extractor.errors import CorruptFile, EmptyFile, EncryptedFile, ScannedPdf
from extractor.parse import parse_bytes, parse_file
from extractor.parse.layout import RawCell, RawTable
from extractor.parse.pdf import (
    Line,
    PageTable,
    _continue_table,
    _Metrics,
    starts_paragraph,
)

METRICS = _Metrics(left=70, right=540, pitch=15, body_family="Serif")


def line(text, x0=70, x1=535, top=100, page=1, bold=False, size=12):
    width = 6 * len(text.split(" ")[0])
    return Line(text, x0, x1, top, top + size, page, size, width, bold, frozenset({"Serif"}))


def test_wrapped_line_continues_its_paragraph():
    assert not starts_paragraph(line("một dòng đầy"), line("tiếp theo", top=115), False, METRICS)


def test_short_line_ends_its_paragraph():
    assert starts_paragraph(line("hết.", x1=200), line("Đoạn mới", top=115), False, METRICS)


def test_wide_gap_indent_and_bold_start_paragraphs():
    full = line("một dòng đầy")
    assert starts_paragraph(full, line("Tiếp", top=125), False, METRICS)
    assert starts_paragraph(full, line("- Mục", x0=90, top=115), False, METRICS)
    assert starts_paragraph(full, line("II. PHẦN", top=115, bold=True), False, METRICS)


def test_paragraph_continues_over_a_page_break():
    last = line("cuối trang", top=760, page=1)
    assert not starts_paragraph(last, line("đầu trang sau", top=60, page=2), False, METRICS)
    assert starts_paragraph(last, line("- Mục mới", x0=90, top=60, page=2), False, METRICS)


def test_hanging_indent_of_a_list_item_is_not_a_new_paragraph():
    first = line("- Mục có thụt lề treo", x0=70)
    assert not starts_paragraph(first, line("tiếp theo", x0=82, top=115), True, METRICS)


def page_table(rows, page):
    raw = RawTable([[RawCell(t) for t in row] for row in rows], pages=[page])
    return PageTable(raw, top=50, bottom=300, columns=[70, 110, 300, 540])


def test_continued_table_drops_a_repeated_header_and_merges_a_cut_row():
    header = [["Số TT", "Hình thức", "Tổng số"]]
    first = page_table(header + [["1.", "Huân chương", "27"], ["2.", "Bà mẹ Việt Nam", "-"]], 13)
    more = page_table(header + [["", "Anh hùng", ""], ["3.", "Bằng khen", "220"]], 14)
    _continue_table(first, more)
    assert [[c.text for c in row] for row in first.raw.rows] == header + [
        ["1.", "Huân chương", "27"],
        ["2.", "Bà mẹ Việt Nam Anh hùng", "-"],
        ["3.", "Bằng khen", "220"],
    ]
    assert first.raw.pages == [13, 14]


def test_total_row_after_a_page_break_is_not_merged():
    first = page_table([["Số TT", "Hình thức", "Tổng số"], ["1.", "Huân chương", "27"]], 1)
    more = page_table([["", "CỘNG", "27"]], 2)
    _continue_table(first, more)
    assert [c.text for c in first.raw.rows[-1]] == ["", "CỘNG", "27"]


def test_report_without_furniture_in_blocks(report, script):
    paths, _ = report
    doc = parse_file(paths["pdf"])
    assert doc.pages == 3
    texts = [b.text for b in doc.blocks]
    assert not any(script("lưu hành nội bộ") in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)


def test_table_continued_without_repeated_header(tmp_path, script):
    path = to_pdf(REPORT, tmp_path / "r.pdf", script, page_numbers=False, repeat_header=False)
    doc = parse_file(path)
    expected = gold(REPORT, script)
    assert [(t.title, t.header, [[c.text for c in r] for r in t.rows]) for t in doc.tables] == expected.tables
    assert [(b.kind, b.text) for b in doc.blocks] == expected.blocks


def test_scanned_pdf_needs_ocr(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(str(image), 50, 500, 400, 200)
    c.save()
    with pytest.raises(ScannedPdf):
        parse_file(path)


def test_blank_pdf_is_empty(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()
    with pytest.raises(EmptyFile):
        parse_file(path)


def test_encrypted_pdf(tmp_path, script):
    path = to_pdf(REPORT[:3], tmp_path / "locked.pdf", script, encrypt="mat-khau")
    with pytest.raises(EncryptedFile):
        parse_file(path)


def test_truncated_and_garbled_pdf(report):
    paths, _ = report
    data = paths["pdf"].read_bytes()
    with pytest.raises(CorruptFile):
        parse_bytes(data[: len(data) // 2], "half.pdf")
    with pytest.raises(CorruptFile):
        parse_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "garbled.pdf")
