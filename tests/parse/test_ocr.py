"""Scanned PDFs read through tesseract: our own example rendered to images and parsed back."""
import json
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from extractor.devtools.scan import gold_references_on, scan_pdf
from extractor.errors import ScannedPdf, UnreadableScan
from extractor.parse import ocr, parse_file
from extractor.vn.numbers import format_number

REPO = Path(__file__).resolve().parents[2]

EXAMPLE = REPO / "corpus" / "reports" / "example.pdf"
GOLD = REPO / "corpus" / "gold" / "example.json"
SCAN_DPI = 200

needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(), reason="tesseract with 'vie' is not installed")


# ---------------------------------------------------------------------------------------------
# Post-processing


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["O", "o"]), st.sampled_from(["l", "I", "|"]))
def test_lookalikes_inside_a_number_are_read_as_digits(value, zero, one):
    printed = format_number(value)
    misread = printed.replace("0", zero).replace("1", one)
    assume(any(ch.isdigit() for ch in misread))  # a token of lookalikes alone is left as read
    assert ocr.fix_digit_lookalikes(misread + ",") == printed + ","


@given(st.text(alphabet="0123456789.,Olabc", min_size=1, max_size=12))
def test_tokens_with_other_letters_stay_as_read(token):
    assume(re.search(r"[abc]", token))
    assert ocr.fix_digit_lookalikes(token) == token


@pytest.mark.parametrize("token", ["I.", "Ol", "lO", "l", "O,", "XII.", "15/2021/NQ-HĐND", "1O/2O21"])
def test_words_that_are_no_number_are_untouched(token):
    assert ocr.fix_digit_lookalikes(token) == token


def test_clean_word_composes_to_nfc():
    assert ocr.clean_word("Tho\u0302\u0309ng") == "Thổng"


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 2480 3508'>
<span class='ocr_line' title="bbox 300 600 900 652; baseline 0 -10; x_size 50; x_descenders 10; x_ascenders 14">
<span class='ocrx_word' title='bbox 300 600 420 642; x_wconf 96'>Tổng</span>
<span class='ocrx_word' title='bbox 440 600 600 642; x_wconf 61'>1O.5OO</span>
</span></div></body></html>"""


def test_hocr_words_come_in_page_points_on_their_baseline():
    scale = 72 / 300
    [line] = ocr.read_hocr(HOCR, scale, origin=(0, 10))
    assert line.baseline == pytest.approx(10 + 642 * scale)
    assert line.size == pytest.approx(50 * scale)
    assert [(w.text, w.raw, w.confidence) for w in line.words] == [("Tổng", "Tổng", 96), ("10.500", "1O.5OO", 61)]
    assert line.words[1].x0 == pytest.approx(440 * scale)
    chars = ocr.as_chars([line])
    assert [c["text"] for c in chars] == ["Tổng", " ", "10.500"]
    assert {c["bottom"] for c in chars} == {line.baseline}


# ---------------------------------------------------------------------------------------------
# Ruling lines


def _grid_image(columns, rows):
    from PIL import Image, ImageDraw

    image = Image.new("L", (1000, 800), 255)
    draw = ImageDraw.Draw(image)
    for x in columns:
        draw.rectangle((x, rows[0], x + 2, rows[-1]), fill=0)
    for y in rows:
        draw.rectangle((columns[0], y, columns[-1] + 2, y + 2), fill=0)
    draw.text((150, 150), "ABC lll", fill=0)  # letters make no rules
    draw.rectangle((600, 700, 620, 702), fill=0)  # a dash
    return image


def test_rules_of_a_grid_are_found_and_erased():
    columns, rows = [100, 400, 700], [100, 300, 500]
    image = _grid_image(columns, rows)
    rules = ocr.find_rules(ocr.ink_mask(image), 72 / 300)
    assert sorted(r[0] for r in rules.vertical) == columns
    assert sorted(r[0] for r in rules.horizontal) == rows
    edges = ocr.as_edges(rules, 1.0)
    assert len(edges) == 6 and ocr.table_settings(edges) is not None
    clean = ocr.ink_mask(ocr.erase_rules(image, rules))
    assert not clean[rows[0] : rows[-1], columns[0] + 1].any()
    assert clean[140:170, 140:250].any()  # the text is left


def test_too_few_rules_make_no_table():
    assert ocr.table_settings(ocr.as_edges(ocr.Rules([(10, 11, 0, 500)], []), 1.0)) is None


# ---------------------------------------------------------------------------------------------
# Scanned renderings of the example report


def _image_pdf(path, pages):
    """An image-only PDF of the example's pages (1-based), as a scanner would give it."""
    return scan_pdf(EXAMPLE, pages, SCAN_DPI, path)


@pytest.fixture(scope="module")
def scan_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="module")
def scanned_front(scan_dir):
    return parse_file(_image_pdf(scan_dir / "front.pdf", [1, 2]))


@pytest.fixture(scope="module")
def typed():
    return parse_file(EXAMPLE)


@needs_tesseract
def test_scanned_header_and_references_are_read(scanned_front):
    from extractor.nlp import extract

    doc = extract(scanned_front)
    gold = json.loads(GOLD.read_text("utf-8"))["document"]
    for key in ("doc_type", "number", "date", "issuer", "title"):
        assert getattr(doc.metadata, key) == gold[key], key
    expected = gold_references_on(EXAMPLE, GOLD, [1, 2])
    found = {r.id for r in doc.references}
    assert len(expected) >= 10
    assert sum(ref in found for ref in expected) >= 0.85 * len(expected)


@needs_tesseract
def test_scanned_pages_keep_the_typed_structure(scanned_front, typed):
    typed_blocks = [b for b in typed.blocks if b.page in (1, 2)]
    assert len(scanned_front.blocks) == len(typed_blocks)
    same_kind = sum(a.kind == b.kind and a.page == b.page for a, b in zip(scanned_front.blocks, typed_blocks))
    assert same_kind >= 0.9 * len(typed_blocks)
    assert any(b.kind == "heading" for b in scanned_front.blocks)  # weight read from stroke width


@needs_tesseract
def test_scanned_document_says_it_was_read_by_ocr(scanned_front):
    info = scanned_front.ocr
    assert info.pages == [1, 2] and info.words > 300
    assert 80 <= info.mean_confidence <= 100
    assert any("OCR" in note for note in scanned_front.notes)
    assert all(c.raw != c.text for c in info.corrections)


@needs_tesseract
def test_mixed_pdf_keeps_page_order(scan_dir, typed):
    import pypdfium2

    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(str(EXAMPLE)), [0])
    mixed.import_pages(pypdfium2.PdfDocument(str(_image_pdf(scan_dir / "page2.pdf", [2]))), [0])
    mixed.save(str(scan_dir / "mixed.pdf"))
    doc = parse_file(scan_dir / "mixed.pdf")
    assert doc.ocr.pages == [2]
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and set(pages) == {1, 2}
    first = [(b.kind, b.text) for b in typed.blocks if b.page == 1]
    assert [(b.kind, b.text) for b in doc.blocks if b.page == 1][:-1] == first[:-1]


@needs_tesseract
def test_ruled_tables_are_recovered_from_a_scan(scan_dir, typed):
    doc = parse_file(_image_pdf(scan_dir / "tables.pdf", [5, 6]))
    assert [(t.n_cols, len(t.rows)) for t in doc.tables] == [(t.n_cols, len(t.rows)) for t in typed.tables]
    first = doc.tables[0]
    assert first.title == typed.tables[0].title
    assert [row[1].text for row in first.rows][-1] == "CỘNG"


@needs_tesseract
def test_blank_scan_is_unreadable(scan_dir):
    from PIL import Image

    path = scan_dir / "blank.pdf"
    Image.new("L", (1654, 2339), 255).save(path, "PDF", resolution=SCAN_DPI)
    with pytest.raises(UnreadableScan):
        parse_file(path)


def test_without_tesseract_a_scan_still_needs_ocr(scan_dir, monkeypatch):
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(image).text((200, 200), "Báo cáo", fill=0)
    path = scan_dir / "no-engine.pdf"
    image.save(path, "PDF", resolution=SCAN_DPI)
    monkeypatch.setenv("PATH", str(scan_dir))
    with pytest.raises(ScannedPdf) as raised:
        parse_file(path)
    assert not isinstance(raised.value, UnreadableScan)
    assert "tesseract-ocr-vie" in raised.value.message("vi")


def test_uncertain_words_are_figures_read_with_low_confidence() -> None:
    from extractor.parse.ocr import SETTINGS, OcrLine, OcrPage, OcrWord, uncertain_words

    low, high = SETTINGS["uncertain_digit_confidence"] - 1, SETTINGS["uncertain_digit_confidence"] + 1
    words = [OcrWord("1.806", "1.806", 0, 10, low), OcrWord("Bằng", "Bằng", 11, 20, low),
             OcrWord("512", "512", 21, 30, high)]
    page = OcrPage(3, [OcrLine(words, 100.0, 12.0)], [], [])
    assert [(w.page, w.text, w.confidence) for w in uncertain_words([page])] == [(3, "1.806", low)]
