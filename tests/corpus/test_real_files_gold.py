"""Hand gold for the real binary files (tests/corpus/real_files_gold/<stem>.json for
../shared/corpus/real-files/<file>) and their dev/held-out split: the shape corpus/README.md
describes, internal consistency (ids, award figures, recipient counts, the arithmetic of every
relation that holds), and, for typed PDFs, ids and numbers that occur in the file's text layer."""
from __future__ import annotations

import json
import re
import unicodedata
from math import prod
from pathlib import Path

import pytest

from extractor.devtools.gold import CLASSES, LEVELS, RELATION_KINDS, STATUSES, relation_holds, value
from extractor.devtools.score import RECIPIENT_KINDS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLD_DIR = HERE / "real_files_gold"
SPLIT = json.loads((HERE / "real_files_split.json").read_text("utf-8"))
FILES_DIR = ROOT.parent / "shared" / "corpus" / "real-files"
DATA = ROOT / "src" / "extractor" / "data"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
REAL_FILE_KINDS = RELATION_KINDS + ("list_count", "product")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def file_of(gold: dict) -> str:
    return Path(gold["source"]).name


def index_rows() -> dict[str, dict[str, str]]:
    index = FILES_DIR / "INDEX.tsv"
    if not index.is_file():
        pytest.skip("../shared/corpus/real-files is not available")
    lines = index.read_text("utf-8").splitlines()
    head = lines[0].split("\t")
    return {row[0]: dict(zip(head, row)) for row in (line.split("\t") for line in lines[1:] if line)}


def award_names() -> set[str]:
    return {a["name"] for a in load(DATA / "awards.json")["awards"]}


def test_the_split_covers_every_real_file_once_with_about_a_third_held_out():
    split = SPLIT["split"]
    assert set(split.values()) == {"dev", "heldout"}
    assert 0.25 <= sum(v == "heldout" for v in split.values()) / len(split) <= 0.4
    assert sorted(f for files in SPLIT["strata"].values() for f in files) == sorted(split)
    for files in SPLIT["strata"].values():
        assert {split[f] for f in files} == {"dev", "heldout"} or len(files) < 3, "every kind in both splits"
    twins = [f for f in split if f.startswith(("116_", "117_"))]
    assert len({split[f] for f in twins}) == 1, "the .doc twin of 116 stays in 116's split"


def test_the_split_names_the_files_of_the_shared_index():
    assert set(SPLIT["split"]) == set(index_rows())


def test_enough_files_and_recipient_lists_have_gold_in_both_splits():
    golds = [load(p) for p in GOLD_FILES]
    assert len(golds) >= 15
    with_lists = [g for g in golds if g.get("recipients")]
    assert len(with_lists) >= 8
    assert {g["split"] for g in with_lists} == {"dev", "heldout"}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_names_its_file_and_split(path):
    gold = load(path)
    assert gold["schema"] == "extractor-gold/1" and gold["origin"] == "hand"
    assert gold["report"] == path.stem and file_of(gold).startswith(path.stem)
    assert gold["source"] == f"../shared/corpus/real-files/{file_of(gold)}"
    assert gold["split"] == SPLIT["split"][file_of(gold)]
    assert gold["notes"] and all(isinstance(n, str) and n for n in gold["notes"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_document_and_references_are_well_formed(path):
    gold = load(path)
    doc = gold["document"]
    assert set(doc) == {"doc_type", "number", "date", "issuer", "signer", "position", "title", "period"}
    assert doc["date"] is None or ISO.match(doc["date"])
    known = {t["name"] for t in load(DATA / "doc_types.json")["types"]}
    ids = [r["id"] for r in gold["references"]]
    assert len(ids) == len(set(ids)), "one entry per document"
    for r in gold["references"]:
        rid = r["id"]
        assert unicodedata.normalize("NFC", rid) == rid and not re.search(r"\s/|/\s", rid)
        assert r["doc_type"] in known, r
        assert r["date"] is None or ISO.match(r["date"]), r
        if r["number"] is not None:
            assert rid.startswith(r["number"]) and rid.endswith(r["symbol"]), r
        if r["year"] is not None:
            assert str(r["year"]) in rid, r


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_award_records_use_the_extractor_names_and_add_up(path):
    names = award_names()
    for a in load(path)["awards"]:
        assert a["award"] in names, a["award"]
        assert a["class"] in (None, *CLASSES) and a["level"] in LEVELS and a["status"] in (None, *STATUSES)
        c, i = a["collectives"], a["individuals"]
        assert a["count"] == (c or 0) + (i or 0) or (c is None and i is None), a


@pytest.mark.parametrize("path", [p for p in GOLD_FILES if load(p).get("recipients")], ids=lambda p: p.stem)
def test_recipient_lists_agree_with_their_counts(path):
    rec = load(path)["recipients"]
    assert set(rec["counts"]) == set(RECIPIENT_KINDS)
    for kind in RECIPIENT_KINDS:
        items = [r for r in rec["items"] if r["kind"] == kind]
        if rec["partial"]:
            assert len(items) <= rec["counts"][kind]
        else:
            assert len(items) == rec["counts"][kind], kind
    for r in rec["items"]:
        assert r["kind"] in RECIPIENT_KINDS and r["name"].strip() == r["name"] and r["name"]
        assert unicodedata.normalize("NFC", r["name"]) == r["name"]
        assert set(r) == {"name", "kind", "position", "unit", "award", "class"}


def holds(rel: dict) -> bool:
    """The arithmetic of a real-file relation, judged from its written figures."""
    kind, total, parts = rel["kind"], rel["total"], rel["parts"]
    if kind == "list_count":
        return value(total) == sum(int(n) for p in parts for n in re.findall(r"\d+", p))
    if kind == "product":
        return value(total) == prod(value(p) for p in parts)
    if kind == "text_vs_table":
        return value(parts[0]) in (value(total), round(100 + value(total), 2))
    return relation_holds(rel)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_relations_that_hold_do_hold_and_findings_name_their_number(path):
    gold = load(path)
    for rel in gold["relations"]:
        assert rel["kind"] in REAL_FILE_KINDS and rel["context"], rel
        assert holds(rel) != bool(rel.get("broken")), rel
    for f in gold["findings"]:
        assert f["check"] and f["where"] in ("text", "table") and f["text"] in f["context"], f
    for n in gold.get("non_relations", []):
        assert n["figures"] and n["context"], n


def typed_pdf_text(gold: dict) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    row = index_rows().get(file_of(gold))
    if row is None or row["format"] != "PDF" or row["text_layer"] != "typed":
        pytest.skip("not a typed PDF")
    with pdfplumber.open(FILES_DIR / file_of(gold)) as pdf:
        return re.sub(r"\s+", "", unicodedata.normalize("NFC", "".join(p.extract_text() or "" for p in pdf.pages)))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_numbered_ids_and_the_signer_occur_in_a_typed_pdf(path):
    gold = load(path)
    text = typed_pdf_text(gold)
    for r in gold["references"]:
        if r["number"] is not None:
            assert r["id"].replace(" ", "") in text, r["id"]
    for key in ("number", "signer"):
        if gold["document"][key]:
            assert gold["document"][key].replace(" ", "") in text, key
