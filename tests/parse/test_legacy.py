"""Legacy TCVN3 (ABC) text reaches the model as Unicode, whatever the format."""
from pathlib import Path

import docx
import pytest

from extractor.parse import parse_bytes, parse_file

REAL_020 = (Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
            / "020_hoangluong-thcs-bao-cao-hoc-tap-lam-theo-bac-2013-tcvn3.txt")


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def test_tcvn3_header_of_the_real_020_report_reads_as_unicode():
    if not REAL_020.is_file():
        pytest.skip("../shared/corpus/real is not available")
    texts = _texts(parse_file(REAL_020))
    assert texts[:3] == ["Phòng Giáo dục& Đào tạo hiệp hoà", "TRƯỜNG THCS HOÀNG LƯƠNG", "Số: … /KH-THCS"]
    assert texts[3].startswith("cộng hoà xã hội chủ nghĩa việt nam Độc lập - Tự do - Hạnh phúc "
                               "Hoàng Lương, ngày 23 tháng 12 năm 2013 BÁO CÁO Kết quả")
    assert "Thấm nhuần tư tưởng của Chủ tịch Hồ Chí Minh" in " ".join(texts)


def test_tcvn3_bytes_that_are_not_utf8_are_read_as_tcvn3():
    data = "Phßng Gi¸o dôc vµ §µo t¹o\n\nHoµng L\u00ad¬ng, ngµy 23 th¸ng 12 n¨m 2013\n".encode("latin-1")
    doc = parse_bytes(data, "x.txt")
    assert _texts(doc) == ["Phòng Giáo dục và Đào tạo", "Hoàng Lương, ngày 23 tháng 12 năm 2013"]
    assert doc.notes == ["text is not UTF-8: read as TCVN3 (ABC)"]


def _run(paragraph, text: str, font: str | None):
    run = paragraph.add_run(text)
    if font:
        run.font.name = font
    return run


def test_docx_runs_in_vn_fonts_are_tcvn3(tmp_path):
    d = docx.Document()
    _run(d.add_paragraph(), "céng hoµ x· héi chñ nghÜa viÖt nam", ".VnTimeH")
    _run(d.add_paragraph(), "Sè: 12/KH-UBND", ".VnTime")  # too little to tell without the font
    mixed = d.add_paragraph()
    _run(mixed, "Hoµng L\u00ad¬ng, ", ".VnTime")
    _run(mixed, "ngày 23 tháng 12 năm 2013", "Times New Roman")
    _run(d.add_paragraph(), "Kết quả thi đua", ".VnTime")  # Unicode letters: the font is wrong, not the text
    _run(d.add_paragraph(), "Café naïve", None)
    path = tmp_path / "legacy.docx"
    d.save(path)
    assert _texts(parse_file(path)) == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-UBND", "Hoàng Lương, ngày 23 tháng 12 năm 2013",
        "Kết quả thi đua", "Café naïve",
    ]


def test_docx_style_font_marks_tcvn3(tmp_path):
    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    d.add_paragraph("Tæng")
    path = tmp_path / "styled.docx"
    d.save(path)
    assert _texts(parse_file(path)) == ["Tổng"]


def test_markdown_table_cells_are_repaired_like_paragraphs():
    text = "Tæng hîp kÕt qu¶ khen th\u00ad\u00ebng\n\n| §¬n vÞ | Sè l\u00ad\u00eeng |\n|---|---|\n| Tr\u00ad\u00eang A | 12 |\n"
    doc = parse_bytes(text.encode("utf-8"), "x.md")
    assert _texts(doc) == ["Tổng hợp kết quả khen thưởng"]
    assert doc.tables[0].header == [["Đơn vị", "Số lượng"]]
    assert doc.tables[0].rows[0][0].text == "Trường A"
