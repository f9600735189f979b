"""PDF quirks of real uploads: junk before the header, look-alike glyphs, rotated pages, and the
rules that tell a garbage text layer; files made here from the example report."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import InputError
from extractor.parse import detect_format, ocr, parse_bytes, parse_file
from extractor.vn.glyphs import repair_lookalikes

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "corpus" / "reports" / "example.pdf"
FONT = REPO / "corpus" / "fonts" / "DejaVuSerif.ttf"


def _shape(doc):
    return (
        [(b.kind, b.text, b.page, b.level, b.marker) for b in doc.blocks],
        [(t.title, t.header, [[c.text for c in row] for row in t.rows]) for t in doc.tables],
    )


@pytest.fixture(scope="module")
def example():
    return parse_file(EXAMPLE)


# ---------------------------------------------------------------------------------------------
# Junk before %PDF-

_JUNK = st.binary(min_size=1, max_size=1000).filter(lambda b: b"%PDF-" not in b)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=_JUNK)
def test_junk_before_the_header_gives_the_same_document(example, junk):
    data = EXAMPLE.read_bytes()
    doc = parse_bytes(junk + data, "junk.pdf")
    assert doc.format == "pdf"
    assert _shape(doc) == _shape(example)
    assert any(f"{len(junk)} bytes before the %PDF- header" in n for n in doc.notes)
    assert not any("%PDF-" in n for n in example.notes)


def test_header_past_1024_bytes_is_no_pdf():
    data = b"x" * 1100 + EXAMPLE.read_bytes()
    try:
        assert detect_format(data, "late.bin") != "pdf"
    except InputError:
        pass


def test_text_quoting_the_header_stays_text():
    text = "Ghi chú: tệp PDF bắt đầu bằng %PDF-1.7 theo chuẩn.\n".encode()
    assert detect_format(text, "note.txt") == "txt"


# ---------------------------------------------------------------------------------------------
# Look-alike glyphs


def test_lookalike_u_horn_reads_as_vietnamese():
    text, changed = repair_lookalikes("Phƣơng án thi đua của TRƢỜNG, ÐỒNG bào")
    assert text == "Phương án thi đua của TRƯỜNG, ĐỒNG bào"
    assert changed == [("Phƣơng", "Phương"), ("TRƢỜNG", "TRƯỜNG"), ("ÐỒNG", "ĐỒNG")]


def test_lookalikes_outside_vietnamese_words_stay():
    assert repair_lookalikes("Guðrún Ðorsteinsdóttir") == ("Guðrún Ðorsteinsdóttir", [])


@given(st.text(alphabet="abcđơưêôăâƣƢÐð ,.", max_size=40))
def test_repair_keeps_length_and_is_idempotent(text):
    repaired, _ = repair_lookalikes(text)
    assert len(repaired) == len(text)
    assert repair_lookalikes(repaired)[0] == repaired


def test_text_file_with_lookalikes_keeps_the_raw_words():
    doc = parse_bytes("Báo cáo của xã về phƣơng án khen thƣởng.\n".encode(), "a.txt")
    assert doc.blocks[0].text == "Báo cáo của xã về phương án khen thưởng."
    assert [(r.raw, r.text) for r in doc.glyph_repairs] == [("phƣơng", "phương"), ("thƣởng", "thưởng")]


def test_pdf_text_layer_with_lookalikes_reads_vietnamese(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("GlyphTestSerif", str(FONT)))  # own name: leaves the fixtures' family alone
    path = tmp_path / "glyphs.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("GlyphTestSerif", 12)
    c.drawString(72, 760, "Phƣơng án khen thƣởng năm 2023")
    c.save()
    doc = parse_file(path)
    assert doc.blocks[0].text == "Phương án khen thưởng năm 2023"
    assert {r.raw for r in doc.glyph_repairs} == {"Phƣơng", "thƣởng"}
    assert all(r.page == 1 for r in doc.glyph_repairs)


# ---------------------------------------------------------------------------------------------
# Rotated typed pages


def _one_page(path: Path, rotation: int) -> Path:
    import pypdfium2

    new = pypdfium2.PdfDocument.new()
    new.import_pages(pypdfium2.PdfDocument(str(EXAMPLE)), [0])
    new[0].set_rotation(rotation)
    new.save(str(path))
    return path


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_typed_page_reads_upright(tmp_path, rotation):
    upright = parse_file(_one_page(tmp_path / "upright.pdf", 0))
    turned = parse_file(_one_page(tmp_path / f"turned{rotation}.pdf", rotation))
    assert _shape(turned) == _shape(upright)
    assert len(upright.blocks) > 10
    assert f"page 1: turned {(360 - rotation) % 360}° to read its text upright" in turned.notes
    assert not any("turned" in n for n in upright.notes)


# ---------------------------------------------------------------------------------------------
# Garbage text layers: the rule

VIETNAMESE = "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022 của Quốc hội; " * 4
# Made up in the manner of an old OCR that lost the diacritics (not copied from a file).
GARBAGE = "CQNG HOA XA HQI CHU NGHIA Can cu Luqt Thi dua Khen thuong ngdy l5 thang 6 ndm 2022 cta Qu6c hQi; " * 4


def test_vietnamese_text_layer_is_no_garbage():
    assert not ocr.garbage_text_layer(VIETNAMESE, image_cover=1.0)


def test_old_ocr_layer_without_diacritics_is_garbage():
    words, share = ocr.marked_syllable_share(GARBAGE)
    assert words >= 30 and share < 0.1
    assert ocr.garbage_text_layer(GARBAGE, image_cover=1.0)


def test_garbage_rule_needs_a_scan_under_the_layer_and_enough_words():
    assert not ocr.garbage_text_layer(GARBAGE, image_cover=0.1)
    assert not ocr.garbage_text_layer("CQNG HOA XA HQI", image_cover=1.0)


# ---------------------------------------------------------------------------------------------
# Orientation and tilt helpers


def test_osd_answer_is_read_with_its_confidence():
    answer = "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 12.49\n"
    assert ocr.read_orientation(answer) == 90
    assert ocr.read_orientation(answer.replace("12.49", "0.50")) == 0
    assert ocr.read_orientation("Too few characters. Skipping this page") == 0


def _lines_image():
    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for y in range(300, 3200, 90):
        for x in range(250, 2200, 160):
            draw.rectangle((x, y, x + 120, y + 36), fill=0)  # words on a line
    return image


@pytest.mark.parametrize("tilt", [-2.0, 1.5])
def test_skew_angle_finds_the_tilt(tilt):
    tilted = _lines_image().rotate(tilt, fillcolor=255)
    assert ocr.skew_angle(tilted) == pytest.approx(-tilt, abs=0.3)


def test_straight_page_is_not_deskewed():
    assert ocr.skew_angle(_lines_image()) == 0.0


def test_red_stamp_is_whitened_and_black_text_kept():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 100), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 90, 90), fill=(0, 0, 0))
    draw.ellipse((100, 10, 190, 90), fill=(220, 30, 40))
    grey = ocr.whiten_stamps(image)
    assert grey.mode == "L"
    assert grey.getpixel((50, 50)) < 50 and grey.getpixel((145, 50)) == 255


def test_glyph_repairs_reach_the_json():
    from extractor.model import to_dict

    doc = parse_bytes("Phƣơng án khen thưởng.\n".encode(), "a.txt")
    assert to_dict(doc)["document"]["glyph_repairs"] == [{"page": None, "raw": "Phƣơng", "text": "Phương"}]
    plain = parse_bytes("Phương án khen thưởng.\n".encode(), "b.txt")
    assert "glyph_repairs" not in to_dict(plain)["document"]
