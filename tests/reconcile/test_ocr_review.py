"""A document read by OCR says so in the check views, and a failed check on a figure OCR read
with low confidence asks for the original ("cần xem lại bản gốc") instead of calling it an error."""
from __future__ import annotations

import pytest

from extractor.model import UncertainWord, OcrInfo
from extractor.nlp import extract
from extractor.parse import parse_bytes
from extractor.reconcile import check
from extractor.reconcile.report import findings_markdown, findings_text, has_errors

TEXT = "Khen thưởng 31 trường hợp, gồm: 10 Bằng khen; 20 Giấy khen.\n"


def scanned(doubtful: list[UncertainWord]):
    doc = parse_bytes(TEXT.encode("utf-8"), "scan.md", "md")
    for block in doc.blocks:
        block.page = 1
    doc.ocr = OcrInfo(engine="tesseract 5", pages=[1], words=12, mean_confidence=64.0, uncertain=doubtful)
    return check(extract(doc))


def test_a_doubtful_figure_is_a_warning_to_check_the_original() -> None:
    doc = scanned([UncertainWord(page=1, text="31", confidence=41.0)])
    [finding] = doc.findings
    assert finding.review and finding.severity == "warning" and not has_errors(doc)
    text = findings_text(doc, "vi")
    assert "[CẦN XEM LẠI BẢN GỐC] Tổng 31" in text
    assert "Trang 1 được đọc bằng OCR (độ tin cậy trung bình 64/100)" in text
    assert "**CHECK THE ORIGINAL**" in findings_markdown(doc, "en")
    assert "Page(s) 1 read by OCR (mean confidence 64/100)" in findings_markdown(doc, "en")


@pytest.mark.parametrize("doubtful", [[], [UncertainWord(page=1, text="1.906", confidence=30.0)],
                                      [UncertainWord(page=2, text="31", confidence=30.0)]])
def test_a_confident_reading_stays_an_error(doubtful: list[UncertainWord]) -> None:
    doc = scanned(doubtful)
    [finding] = doc.findings
    assert not finding.review and finding.severity == "error" and has_errors(doc)
    assert "[LỖI]" in findings_text(doc, "vi")
