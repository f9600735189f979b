"""The shared seed in its three renderings (md, docx, pdf, parsed by the real parsers): every
numbered reference with its date, every campaign and every award count of the report is found,
and nothing else (tests/corpus/seed_gold.json, written by hand)."""
import json
from collections import Counter
from pathlib import Path

import pytest

from extractor.model import CellRef
from extractor.nlp import extract
from seed import SEED_DIR

GOLD = json.loads((Path(__file__).resolve().parents[1] / "corpus" / "seed_gold.json").read_text("utf-8"))
FORMATS = ("md", "docx", "pdf")


@pytest.fixture(scope="module")
def renderings():
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/corpus/seed is not available")
    from extractor.parse import parse_file

    return {ext: extract(parse_file(SEED_DIR / f"bao-cao-tdkt-2023.{ext}")) for ext in FORMATS}


def flat(awards):
    for a in awards:
        yield a
        yield from flat(a.parts)


def award_keys(doc):
    keys = []
    for a in flat(doc.awards):
        where = (a.mentions[0].table, a.mentions[0].row) if isinstance(a.mentions[0], CellRef) else None
        keys.append((a.award, a.class_, a.level, a.count, a.collectives, a.individuals, a.status, a.source, where))
    return Counter(keys)


def gold_award_keys():
    def cell(a):
        return (a["cell"]["table"], a["cell"]["row"]) if "cell" in a else None

    return Counter((a["award"], a["class"], a["level"], a["count"], a["collectives"], a["individuals"], a["status"],
                    a["source"], cell(a)) for a in GOLD["awards"])


@pytest.mark.parametrize("ext", FORMATS)
def test_references_with_their_dates(renderings, ext):
    assert {r.id: r.date for r in renderings[ext].references} == {r["id"]: r["date"] for r in GOLD["references"]}


@pytest.mark.parametrize("ext", FORMATS)
def test_campaigns(renderings, ext):
    got = {c.name: c.launched_by for c in renderings[ext].campaigns}
    assert got == {c["name"]: c["launched_by"] for c in GOLD["campaigns"]}


@pytest.mark.parametrize("ext", FORMATS)
def test_awards_flattened(renderings, ext):
    assert award_keys(renderings[ext]) == gold_award_keys()


@pytest.mark.parametrize("ext", FORMATS)
def test_document_metadata(renderings, ext):
    m = renderings[ext].metadata
    got = {"doc_type": m.doc_type, "number": m.number, "date": m.date, "issuer": m.issuer, "signer": m.signer,
           "position": m.position, "title": m.title,
           "period": {"start": m.period.start, "end": m.period.end} if m.period else None}
    assert got == GOLD["document"]


def test_class_breakdown_is_nested_in_every_rendering(renderings):
    for doc in renderings.values():
        [hcld] = [a for a in doc.awards if a.source == "text" and a.count == 27]
        assert [(p.class_, p.count) for p in hcld.parts] == [("hạng Nhất", 3), ("hạng Nhì", 4), ("hạng Ba", 20)]
