"""OCR on real scans from ../shared/corpus/real-files, against facts read from them by hand
(tests/corpus/ocr_check.json); the whole set is scored by `python -m bench.ocr_real`. Two files
here to keep the suite short: a decision with a handwritten number and day and a numbered list
(101), and a scan under an old OCR layer without diacritics (127)."""
import pytest

from extractor.devtools import ocr_check
from extractor.parse import ocr, parse_file

pytestmark = pytest.mark.skipif(not ocr.tesseract_available(), reason="tesseract with 'vie' is not installed")


def _real(prefix: str):
    entry = next((e for e in ocr_check.gold_entries() if e["file"].startswith(prefix)), None)
    path = ocr_check.REAL_FILES / (entry["file"] if entry else f"{prefix}.pdf")
    if not path.is_file():
        pytest.skip(f"{path} is not available (../shared)")
    return path, entry


def _garbage_file():
    folder = ocr_check.REAL_FILES
    found = sorted(folder.glob("127_*.pdf")) if folder.is_dir() else []
    if not found:
        pytest.skip("real-files/127 is not available (../shared)")
    return found[0]


@pytest.fixture(scope="module")
def decision_101():
    from extractor.nlp import extract

    path, entry = _real("101_")
    return extract(parse_file(path)), entry


def test_handwritten_number_and_day_are_flagged_not_guessed(decision_101):
    doc, entry = decision_101
    scores = ocr_check.score(doc, entry)
    for key in ("number", "date"):
        right, _ = scores[key]
        flagged, _ = scores[f"{key}_flagged"]
        assert right or flagged, key  # read right, or the header line says it may be misread
    assert all(w.confidence < ocr.SETTINGS["uncertain_digit_confidence"] for w in doc.ocr.uncertain)


def test_numbered_recipient_list_and_typed_references_are_read(decision_101):
    doc, entry = decision_101
    scores = ocr_check.score(doc, entry)
    assert scores["list_length"] == (1, 1)
    assert scores["reference_dates"][0] >= 1


def test_every_page_says_how_it_was_read(decision_101):
    doc, _ = decision_101
    readings = doc.ocr.page_readings
    assert [r.page for r in readings] == list(range(1, doc.pages + 1))
    assert all(r.source == "ocr" and r.reason == "no text layer" and r.mean_confidence > 70 for r in readings)


def test_old_ocr_layer_without_diacritics_is_read_again():
    doc = parse_file(_garbage_file())
    assert {r.reason for r in doc.ocr.page_readings} == {"garbage text layer"}
    text = "\n".join(b.text for b in doc.blocks)
    words, share = ocr.marked_syllable_share(text)
    assert words > 500 and share > 0.5
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in text
