"""The project's hand-written corpus: each report's deliberate errors are found (the wrong number
among the finding's locations) and nothing else is a warning or an error."""
import json
from pathlib import Path

import pytest

from extractor.model import CellRef, Mention
from extractor.reconcile import check
from extractor.vn.normalize import squash_spaces

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.json"))


def detects(finding, expected, doc) -> bool:
    for loc in finding.locations:
        if expected.get("where") == "table" and isinstance(loc, CellRef):
            cell = expected["cell"]
            if (loc.table, loc.row, loc.col) == (cell["table"], cell["row"], cell["col"]):
                return True
        if expected.get("where") == "text" and isinstance(loc, Mention) and loc.text == expected["text"]:
            block = squash_spaces(doc.blocks[loc.block].text)
            if squash_spaces(expected["context"]) in block:
                return True
    return False


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_corpus_report(extract, gold_path):
    gold = json.loads(gold_path.read_text("utf-8"))
    doc = check(extract(CORPUS / "reports" / f"{gold['report']}.md"))
    raised = [f for f in doc.findings if f.severity in ("error", "warning")]
    for expected in gold["findings"]:
        assert any(detects(f, expected, doc) for f in raised), expected
    unexplained = [f.message for f in raised if not any(detects(f, e, doc) for e in gold["findings"])]
    assert unexplained == []
