"""The hand-written gold files agree with their reports, and the clean reports' figures add up."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.devtools.gold import load_corpus, names_in, relation_holds, review

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
REPORTS = load_corpus(CORPUS)


AWARD_NAMES = names_in(SHARED / "reference" / "awards.json")


def test_corpus_has_the_required_reports():
    assert len([r for r in REPORTS if r.gold.get("origin") == "hand"]) >= 5


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.id)
def test_gold_is_consistent_with_its_report(report):
    assert review(report.text, report.gold, AWARD_NAMES) == []


@pytest.mark.parametrize("report", [r for r in REPORTS if not r.gold["findings"]], ids=lambda r: r.id)
def test_clean_reports_add_up(report):
    assert all(relation_holds(rel) for rel in report.gold["relations"])


def test_splits_cover_every_report():
    splits = json.loads((CORPUS / "splits.json").read_text("utf-8"))
    listed = {r for ids in splits.values() for r in ids}
    assert listed == {r.id for r in REPORTS}
    for r in REPORTS:
        assert r.id in splits[r.gold["split"]]
    assert splits["heldout"], "a held-out split is required"


def test_review_catches_a_wrong_sum():
    report = next(r for r in REPORTS if not r.gold["findings"])
    gold = json.loads(json.dumps(report.gold))
    rel = next(x for x in gold["relations"] if x["kind"] == "sum")
    rel["parts"] = rel["parts"] + ["1"]
    assert any("does not hold" in p for p in review(report.text, gold, AWARD_NAMES))


def test_review_catches_an_id_missing_from_the_text():
    report = REPORTS[0]
    gold = json.loads(json.dumps(report.gold))
    gold["references"].append({"id": "999/QĐ-XYZ", "doc_type": "Quyết định", "number": "999",
                               "year": None, "symbol": "QĐ-XYZ", "date": None, "issuer": None})
    assert any("999/QĐ-XYZ" in p for p in review(report.text, gold, AWARD_NAMES))


def test_bundled_example_is_rendered_as_docx_and_pdf():
    import zipfile

    import pdfplumber

    docx_path, pdf_path = CORPUS / "reports" / "example.docx", CORPUS / "reports" / "example.pdf"
    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode()
    assert "w:gridSpan" in xml and "w:vMerge" in xml
    with pdfplumber.open(pdf_path) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert len(pages) > 1
    first = min(i for i, t in enumerate(pages) if "Sở Nội vụ\t" in t or "1 Sở Nội vụ" in t)
    last = max(i for i, t in enumerate(pages) if "Các doanh nghiệp" in t)
    assert last > first, "the example's unit table runs over a page break"
