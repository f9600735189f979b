"""The readable views (`parse --format text`, `extract --format table`) speak the language asked."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from extractor import output
from extractor.cli import app
from extractor.nlp import extract
from extractor.parse import parse_bytes

REPORT = """ỦY BAN NHÂN DÂN TỈNH PHÚ LÂM

Số: 12/BC-UBND

Phú Lâm, ngày 15 tháng 11 năm 2023

BÁO CÁO

Tổng kết công tác thi đua, khen thưởng năm 2023

Thực hiện Quyết định số 1078/QĐ-TTg ngày 09 tháng 9 năm 2022 của Thủ tướng Chính phủ, tỉnh tiếp tục \
triển khai phong trào thi đua “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”.

Chủ tịch UBND tỉnh đã tặng 25 Bằng khen cho 05 tập thể và 20 cá nhân.

| Đơn vị | Bằng khen |
|---|---|
| Sở Nội vụ | 25 |
"""

VIETNAMESE_LABELS = ("Văn bản viện dẫn", "Trích yếu", "Kỳ báo cáo", "ký:", "[toàn quốc]", "Số liệu", "Phong trào thi đua (",
                     "Khen thưởng (", "tt/cn")


@pytest.fixture(scope="module")
def doc():
    return extract(parse_bytes(REPORT.encode("utf-8"), "bao-cao.md", "md"))


def test_extraction_text_in_vietnamese_by_default(doc):
    text = output.extraction_text(doc)
    assert "Văn bản viện dẫn (1):" in text and "1078/QĐ-TTg" in text
    assert "ngày 2023-11-15" in text and "Trích yếu: Tổng kết công tác" in text
    assert "[toàn quốc]" in text, "the campaign is the national one"
    assert "Khen thưởng (1):" in text and "tt/cn 5/20" in text
    assert output.extraction_text(doc, "vi") == text


def test_extraction_text_in_english_has_no_vietnamese_label(doc):
    text = output.extraction_text(doc, "en")
    assert "Cited documents (1):" in text and "dated 2023-11-15" in text
    assert "Subject: Tổng kết công tác" in text, "the document's own words stay as written"
    assert "[national]" in text and "Awards (1):" in text and "coll./ind. 5/20" in text
    assert "Figures: " in text
    assert not [label for label in VIETNAMESE_LABELS if label in text]


def test_document_text_header_and_table_caption_follow_the_language(doc):
    vi, en = output.document_text(doc, "vi"), output.document_text(doc, "en")
    assert vi.splitlines()[0] == "# bao-cao.md (md, - trang)"
    assert en.splitlines()[0] == "# bao-cao.md (md, - pages)"
    assert "[Bảng 0: " in vi and "[Table 0: " in en
    assert "[Bảng" not in en and "pages" not in vi


def test_cli_passes_the_language_to_the_table_view(tmp_path):
    path = tmp_path / "bao-cao.md"
    path.write_text(REPORT, encoding="utf-8")
    runner = CliRunner()
    en = runner.invoke(app, ["--lang", "en", "extract", str(path), "--format", "table"])
    vi = runner.invoke(app, ["extract", str(path), "--format", "table"])
    assert en.exit_code == 0 and vi.exit_code == 0
    assert "Cited documents (1):" in en.stdout and "Văn bản viện dẫn (1):" in vi.stdout
    parsed = runner.invoke(app, ["--lang", "en", "parse", str(path), "--format", "text"])
    assert parsed.exit_code == 0 and "(md, - pages)" in parsed.stdout


def test_award_categories_are_words_not_codes(doc):
    import copy

    doc = copy.deepcopy(doc)
    [award] = doc.awards
    award.level, award.status = "ministry_province", "proposed"
    vi, en = output.extraction_text(doc, "vi"), output.extraction_text(doc, "en")
    assert "[đề nghị]" in vi and "cấp bộ, ban, ngành, tỉnh" in vi and "văn bản" in vi
    assert "[proposed]" in en and "ministry / province level" in en
    assert "ministry_province" not in vi + en


def test_ocr_caveat_in_the_text_views(doc):
    import copy

    from extractor.model import OcrInfo

    doc = copy.deepcopy(doc)
    doc.ocr = OcrInfo(engine="tesseract", pages=[1, 2], words=100, mean_confidence=71.4)
    assert "Trang 1, 2 được đọc bằng OCR (độ tin cậy trung bình 71,4/100)" in output.extraction_text(doc, "vi")
    assert "Page(s) 1, 2 read by OCR" in output.document_text(doc, "en")
