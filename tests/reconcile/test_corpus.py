"""The project's hand-written corpus: each report's deliberate errors are found (the wrong number
among the finding's locations, judged as the bench judges it) and nothing else is a warning or
an error."""
import json
from pathlib import Path

import pytest

from extractor.devtools.score import points_at, serious
from extractor.model import to_dict
from extractor.reconcile import check

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_corpus_report(extract, gold_path):
    gold = json.loads(gold_path.read_text("utf-8"))
    pred = to_dict(check(extract(CORPUS / "reports" / f"{gold['report']}.md")), with_blocks=True)
    raised = serious(pred["findings"])
    for expected in gold["findings"]:
        assert any(points_at(f, expected, pred["blocks"]) for f in raised), expected
    unexplained = [f["message"] for f in raised
                   if not any(points_at(f, e, pred["blocks"]) for e in gold["findings"])]
    assert unexplained == []

