"""Hand-written gold for real documents (tests/corpus/real_gold/<stem>.json for
../shared/corpus/real/<stem>.txt): valid `extractor-gold/1`, consistent with the document text
(ids, names and snippets occur in it modulo spacing, line wrapping and bold marks; dates ISO;
relations hold), and the canonical names it uses are those of the reference files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractor.devtools.gold import names_in, review
from extractor.vn.normalize import match_key, nfc

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "real_gold"
SHARED = HERE.parents[2] / "shared"
REAL_DIR = SHARED / "corpus" / "real"
DOC_TYPES = HERE.parents[1] / "src" / "extractor" / "data" / "doc_types.json"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def document_text(gold: dict) -> str:
    path = REAL_DIR / f"{gold['report']}.txt"
    if not path.is_file():
        pytest.skip(f"../shared/corpus/real/{path.name} is not available")
    return nfc(path.read_text("utf-8"))


def reference_names(kind: str) -> set[str]:
    """Canonical names of ../shared/reference/<kind>.json."""
    names = names_in(SHARED / "reference" / f"{kind}.json")
    if names is None:
        pytest.skip(f"../shared/reference/{kind}.json is not available")
    return names


def minimal_gold(text_id: str) -> dict:
    """A gold holding one reference and nothing else, for probing `review`."""
    return {"schema": "extractor-gold/1", "report": "probe", "split": "heldout",
            "document": {k: None for k in ("doc_type", "number", "date", "issuer", "signer", "position",
                                           "title", "period")},
            "references": [{"id": text_id, "doc_type": "Quyết định", "number": None, "year": None,
                            "symbol": None, "date": None, "issuer": None}],
            "campaigns": [], "awards": [], "relations": [], "findings": []}


def test_at_least_ten_real_documents_of_several_types_have_gold():
    golds = [load(p) for p in GOLD_FILES]
    assert len(golds) >= 10
    assert len({g["document"]["doc_type"] for g in golds}) >= 5


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_names_its_document_and_is_hand_written(path):
    gold = load(path)
    assert gold["report"] == path.stem
    assert gold["origin"] == "hand" and gold["split"] in ("dev", "heldout")
    assert gold["source"] == f"../shared/corpus/real/{path.stem}.txt"
    assert isinstance(gold["notes"], list) and all(isinstance(n, str) and n for n in gold["notes"])
    for entry in gold["references"] + gold["campaigns"]:
        assert entry.get("gap", False) in (True, False)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_is_consistent_with_the_document(path):
    gold = load(path)
    assert review(document_text(gold), gold, reference_names("awards")) == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_reference_types_are_known_document_types(path):
    known = {t["name"] for t in load(DOC_TYPES)["types"]}
    assert {r["doc_type"] for r in load(path)["references"]} <= known


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_national_campaigns_carry_their_canonical_name(path):
    national = {match_key(n) for n in reference_names("campaigns")}
    names = [c["name"] for c in load(path)["campaigns"]]
    assert len({match_key(n) for n in names}) == len(names), "one entry per campaign"
    for c in load(path)["campaigns"]:
        if c["launched_by"] == "Thủ tướng Chính phủ":
            assert match_key(c["name"]) in national, c["name"]


def test_review_catches_an_id_the_document_does_not_write():
    path = GOLD_FILES[0]
    gold = load(path)
    gold["references"].append({"id": "999/QĐ-XYZ", "doc_type": "Quyết định", "number": "999", "year": None,
                               "symbol": "QĐ-XYZ", "date": "2025-02-30", "issuer": None})
    problems = review(document_text(gold), gold)
    assert any("999/QĐ-XYZ: id not in the text" in p for p in problems)
    assert any("is not ISO" in p for p in problems)


SEPARATORS = st.sampled_from([" ", "  ", "\n", " \n", "\n\n"])


@given(before=SEPARATORS, between=SEPARATORS, around_slash=st.sampled_from(["", " ", "   "]))
def test_ids_are_found_across_line_wraps_spacing_and_bold_marks(before, between, around_slash):
    """How real pages write an id: 'Số:' and the number on two lines, spaces before '/', the
    number cut by bold marks ('**1**52/2025/NĐ-CP')."""
    text = f"Căn cứ Nghị định số{before}**1**52{around_slash}/2025/NĐ-CP của{between}Chính phủ."
    assert review(text, minimal_gold("152/2025/NĐ-CP")) == []
    assert review(text, minimal_gold("153/2025/NĐ-CP")) != []
