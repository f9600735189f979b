"""Generated reports of every office kind and document kind (annual report, tờ trình, campaign
summary): the records equal the generator's gold (the generator wrote the gold with the report, so
this checks every sentence shape it makes)."""
import pytest

from extractor.devtools.generate import compose
from extractor.devtools.score import award_key
from extractor.model import to_dict
from extractor.nlp import extract
from extractor.parse import parse_bytes

KINDS = [("province", "annual"), ("district", "annual"), ("department", "annual"), ("ministry", "annual"),
         ("party", "annual"), ("province", "proposal"), ("ministry", "proposal"), ("province", "campaign"),
         ("district", "campaign")]


def flat(awards):
    for a in awards:
        yield a
        yield from flat(a["parts"])


def output(kind, doc, index):
    g = compose(31, index, kind=kind, doc=doc)
    return to_dict(extract(parse_bytes(g.markup().encode("utf-8"), f"{g.id}.md"))), g.gold


@pytest.mark.parametrize("kind,doc", KINDS)
@pytest.mark.parametrize("index", [0, 1])
def test_generated_report_matches_its_gold(kind, doc, index):
    out, gold = output(kind, doc, index)

    def awards(items):
        return sorted((award_key(a) + (a["status"],) for a in items), key=str)

    assert awards(flat(out["awards"])) == awards(gold["awards"])
    assert {r["id"]: r["date"] for r in out["references"]} == {r["id"]: r["date"] for r in gold["references"]}
    assert sorted(c["name"] for c in out["campaigns"]) == sorted(c["name"] for c in gold["campaigns"])
    for name, value in gold["document"].items():
        assert out["document"][name] == value, name
