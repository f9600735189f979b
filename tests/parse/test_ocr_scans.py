"""Scans as offices send them, made here from the example report: the whole report scanned at
200 dpi against its DOCX, pages turned sideways or tilted, a typed page turned in a mixed PDF, and
a scan under an invisible garbage text layer. Tests need tesseract with 'vie' (and 'osd')."""
from pathlib import Path

import pytest

from extractor.devtools.scan import scan_pdf
from extractor.parse import ocr, parse_file

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "corpus" / "reports" / "example.pdf"
EXAMPLE_DOCX = REPO / "corpus" / "reports" / "example.docx"
SCAN_DPI = 200
# Measured (docs/benchmarks-ocr.md): the 200 dpi scan of the whole example finds 15 of the DOCX's
# 17 references (two symbols misread: "TT1-BNV", a long joint-circular symbol), 9 of its 10 award
# records stated in the text ("Cờ thi đua của Chính phủ" misread) and 11 of all 16 (the scanned
# table headers are misread, so most table awards go). The tolerance is what was measured.
MISSED_REFERENCES_ALLOWED = 2
MISSED_TEXT_AWARDS_ALLOWED = 1
MISSED_AWARDS_ALLOWED = 5

needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(), reason="tesseract with 'vie' is not installed")
needs_osd = pytest.mark.skipif(not ocr.osd_available(), reason="tesseract 'osd' data is not installed")


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    return tmp_path_factory.mktemp("scans2")


def _page_image(scans: Path, page: int):
    import pdfplumber

    path = scan_pdf(EXAMPLE, [page], SCAN_DPI, scans / f"page{page}.pdf")
    with pdfplumber.open(path) as pdf:
        return pdf.pages[0].to_image(resolution=SCAN_DPI).original.convert("L")


def _image_pdf(image, path: Path) -> Path:
    image.save(path, "PDF", resolution=SCAN_DPI)
    return path


def _award_keys(doc, source=None):
    keys = ((a.award, a.count, a.collectives, a.individuals) for a in doc.awards if source in (None, a.source))
    return sorted(keys, key=repr)


def _texts(doc):
    return [" ".join(b.text.split()) for b in doc.blocks]


def _share_alike(a: list[str], b: list[str]) -> float:
    """How alike two readings are: blocks in the same number, text compared letter by letter
    (OCR may read a letter differently on a turned or tilted image)."""
    from difflib import SequenceMatcher

    if len(a) != len(b):
        return 0.0
    return SequenceMatcher(None, "\n".join(a), "\n".join(b), autojunk=False).ratio()


@needs_tesseract
def test_whole_scan_gives_the_references_and_awards_of_the_docx(scans):
    from extractor import process

    docx = process(EXAMPLE_DOCX, until="extract")
    scanned = process(scan_pdf(EXAMPLE, [1, 2, 3, 4, 5, 6], SCAN_DPI, scans / "all.pdf"), until="extract")
    wanted = {r.id for r in docx.references}
    found = {r.id for r in scanned.references}
    docx_awards, scan_awards = _award_keys(docx), _award_keys(scanned)
    missed = [a for a in docx_awards if a not in scan_awards]
    assert len(wanted) >= 15
    assert len(wanted - found) <= MISSED_REFERENCES_ALLOWED
    assert len(docx_awards) >= 15
    assert len([a for a in _award_keys(docx, "text") if a not in scan_awards]) <= MISSED_TEXT_AWARDS_ALLOWED
    assert len(missed) <= MISSED_AWARDS_ALLOWED, missed
    assert [r.source for r in scanned.ocr.page_readings] == ["ocr"] * 6
    assert all(r.words and r.mean_confidence is not None for r in scanned.ocr.page_readings)
    assert scanned.ocr.mean_confidence > 80


@needs_tesseract
@needs_osd
def test_scan_turned_sideways_reads_upright(scans):
    image = _page_image(scans, 1)
    upright = parse_file(_image_pdf(image, scans / "upright.pdf"))
    sideways = parse_file(_image_pdf(image.rotate(90, expand=True), scans / "sideways.pdf"))
    assert sideways.ocr.page_readings[0].rotation == 90
    assert upright.ocr.page_readings[0].rotation == 0
    assert _share_alike(_texts(sideways), _texts(upright)) >= 0.9
    assert any("turned 90°" in n for n in sideways.notes)


@needs_tesseract
def test_tilted_scan_is_straightened(scans):
    image = _page_image(scans, 1)
    upright = parse_file(_image_pdf(image, scans / "straight.pdf"))
    tilted = parse_file(_image_pdf(image.rotate(1.5, fillcolor=255), scans / "tilted.pdf"))
    assert tilted.ocr.page_readings[0].skew == pytest.approx(-1.5, abs=0.3)
    assert _share_alike(_texts(tilted), _texts(upright)) >= 0.9


@needs_tesseract
def test_mixed_pdf_with_a_turned_typed_page_and_a_scan(scans):
    import pypdfium2

    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(str(EXAMPLE)), [0])
    mixed[0].set_rotation(90)
    mixed.import_pages(pypdfium2.PdfDocument(str(scan_pdf(EXAMPLE, [2], SCAN_DPI, scans / "p2.pdf"))), [0])
    mixed.save(str(scans / "mixed-turned.pdf"))
    doc = parse_file(scans / "mixed-turned.pdf")
    typed = parse_file(EXAMPLE)
    assert [(r.page, r.source) for r in doc.ocr.page_readings] == [(1, "text"), (2, "ocr")]
    first = [b.text for b in typed.blocks if b.page == 1]
    assert [b.text for b in doc.blocks if b.page == 1][:-1] == first[:-1]
    assert "page 1: turned 270° to read its text upright" in doc.notes


def _scan_with_garbage_layer(scans: Path) -> Path:
    """Page 1 of the example as a scanned image, under an invisible text layer of made-up words
    without diacritics, the way an old OCR left it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = _page_image(scans, 1)
    path = scans / "garbage-layer.pdf"
    width, height = 595.28, 841.89
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.drawImage(ImageReader(image), 0, 0, width, height)
    text = c.beginText(72, 780)
    text.setTextRenderMode(3)  # invisible, as OCR layers are
    text.setFont("Helvetica", 11)
    for _ in range(12):
        text.textLine("CQNG HOA XA HQI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc Bao cao ngdy l2 thang")
    c.drawText(text)
    c.save()
    return path


@needs_tesseract
def test_garbage_text_layer_is_read_again_by_ocr(scans):
    doc = parse_file(_scan_with_garbage_layer(scans))
    reading = doc.ocr.page_readings[0]
    assert (reading.source, reading.reason) == ("ocr", "garbage text layer")
    assert "page 1: garbage text layer replaced by OCR" in doc.notes
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in b.text for b in doc.blocks)
    assert not any("CQNG" in b.text for b in doc.blocks)
