"""tests/corpus/seed_gold.json (hand-written gold of the shared seed report) agrees with the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.devtools.gold import relation_holds, review

HERE = Path(__file__).resolve().parent
SEED_MD = HERE.parents[1].parent / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.md"
GOLD = json.loads((HERE / "seed_gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_MD.is_file():
        pytest.skip("../shared/corpus/seed is not available")
    return SEED_MD.read_text("utf-8")


def test_seed_gold_is_consistent_with_the_seed(seed_text):
    assert review(seed_text, GOLD) == []


def test_seed_text_relations_hold():
    assert all(relation_holds(r) for r in GOLD["relations"])


def test_seed_gold_names_the_known_errors():
    cells = {(f["cell"]["table"], f["cell"]["row"], f["cell"]["col"]) for f in GOLD["findings"] if f["where"] == "table"}
    assert cells == {(1, 0, 6), (1, 0, 8)}
    assert any(f["check"] == "date" for f in GOLD["findings"])
