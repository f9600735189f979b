"""Scoring against gold: F1 arithmetic, matching keys, findings that point at a changed number,
and whether a changed number can be located in a parsed document."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import given, strategies as st

from extractor.devtools.score import (
    Tally, compare, field_items, located, mismatches, points_at, score_document, score_findings,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "corpus" / "gold" / "example.json").read_text("utf-8"))


def as_output(gold: dict) -> dict:
    """The gold written the way the extractor's JSON writes it."""
    return {"document": gold["document"], "references": gold["references"],
            "campaigns": gold["campaigns"], "awards": gold["awards"], "findings": []}


def test_gold_scores_perfectly_against_itself():
    s = score_document(as_output(GOLD), GOLD)
    assert all(t.f1 == 1.0 for t in s.fields.values())
    assert all(s.metadata.values())


def test_a_wrong_date_costs_the_date_field_only():
    out = as_output(copy.deepcopy(GOLD))
    out["references"][0]["date"] = "1999-01-01"
    s = score_document(out, GOLD)
    assert s.fields["references"].f1 == 1.0
    assert s.fields["reference_dates"].tp == len(GOLD["references"]) - 1


def test_award_split_must_match():
    out = as_output(copy.deepcopy(GOLD))
    out["awards"][2]["collectives"] = 6
    s = score_document(out, GOLD)
    assert (s.fields["awards"].fp, s.fields["awards"].fn) == (1, 1)


def test_nested_parts_count_as_award_records():
    out = as_output(copy.deepcopy(GOLD))
    parent, child = out["awards"][0], out["awards"].pop(1)
    parent["parts"] = [child]
    s = score_document(out, GOLD)
    assert s.fields["awards"].f1 == 1.0


def test_reference_ids_match_across_spacing_and_normal_forms():
    out = as_output(copy.deepcopy(GOLD))
    out["references"][0]["id"] = out["references"][0]["id"].replace("/", " / ")
    assert score_document(out, GOLD).fields["references"].f1 == 1.0


def test_mismatches_name_the_missed_and_the_extra_records():
    out = as_output(copy.deepcopy(GOLD))
    dropped = out["references"].pop(0)
    out["references"].append({**dropped, "id": "999/QĐ-XYZ"})
    out["awards"][2]["collectives"] = 6
    p, g = field_items(out), field_items(GOLD)
    assert mismatches(p["references"], g["references"]) == ([dropped["id"]], ["999/QĐ-XYZ"])
    missed, extra = mismatches(p["awards"], g["awards"])
    assert len(missed) == len(extra) == 1 and "(6/" in extra[0]
    assert mismatches(g["campaigns"], g["campaigns"]) == ([], [])


@given(st.lists(st.integers(0, 5), max_size=20), st.lists(st.integers(0, 5), max_size=20))
def test_mismatches_count_what_compare_counts(pred, gold):
    t = compare(pred, gold)
    missed, extra = mismatches([(k, str(k)) for k in pred], [(k, str(k)) for k in gold])
    assert (len(missed), len(extra)) == (t.fn, t.fp)


@given(st.lists(st.integers(0, 5), max_size=20), st.lists(st.integers(0, 5), max_size=20))
def test_tally_counts_add_up(pred, gold):
    t = compare(pred, gold)
    assert t.tp + t.fp == len(pred) and t.tp + t.fn == len(gold)
    if t.f1 is not None:
        assert 0.0 <= t.f1 <= 1.0


def test_empty_fields_have_no_score():
    assert Tally().f1 is None


BLOCKS = [{"index": 0, "text": "Tiêu đề"}, {"index": 1, "text": "Đã trình khen thưởng 147 trường hợp, gồm: 18 Huân chương"}]
EXPECTED_TEXT = {"check": "sum", "severity": "error", "where": "text", "context": "khen thưởng 147 trường hợp",
                 "offset": 12, "text": "147"}
EXPECTED_CELL = {"check": "sum", "severity": "error", "where": "table", "cell": {"table": 0, "row": 6, "col": 2}, "text": "147"}


def finding(*locations) -> dict:
    return {"id": "f", "check": "sum", "severity": "error", "message": "", "locations": list(locations)}


def test_a_finding_on_the_changed_number_counts():
    at = BLOCKS[1]["text"].index("147")
    hit = finding({"text": "147", "block": 1, "start": at, "end": at + 3, "page": None})
    assert points_at(hit, EXPECTED_TEXT, BLOCKS)
    assert points_at(finding({"table": 0, "row": 6, "col": 2, "text": "147"}), EXPECTED_CELL, BLOCKS)


def test_a_finding_elsewhere_does_not_count_and_is_stray():
    at = BLOCKS[1]["text"].index("18")
    miss = finding({"text": "18", "block": 1, "start": at, "end": at + 2, "page": None})
    assert not points_at(miss, EXPECTED_TEXT, BLOCKS)
    assert not points_at(finding({"table": 0, "row": 5, "col": 2, "text": "112"}), EXPECTED_CELL, BLOCKS)
    s = score_findings({"findings": [miss]}, [EXPECTED_TEXT], BLOCKS)
    assert (s.detected, s.stray) == (0, 1)


def test_named_laws_compare_without_case_but_numbers_do_not():
    from extractor.devtools.score import ref_key

    assert ref_key("Luật Thi đua, khen thưởng") == ref_key("Luật Thi đua, Khen thưởng")
    assert ref_key("1478/QĐ-TTg") != ref_key("1478/QĐ-TTG")


def test_a_changed_number_is_located_by_cell_or_by_context():
    output = {"blocks": BLOCKS, "tables": [{"rows": [["1", "Huân chương", "147"]] * 7}]}
    assert located(output, EXPECTED_CELL)
    assert not located(output, dict(EXPECTED_CELL, cell={"table": 0, "row": 6, "col": 1}))
    assert not located(output, dict(EXPECTED_CELL, cell={"table": 3, "row": 0, "col": 0}))
    assert located(output, EXPECTED_TEXT)
    assert located(output, dict(EXPECTED_TEXT, offset=None)), "without offset: the number's first place in the context"
    assert not located(output, dict(EXPECTED_TEXT, context="khen thưởng 148 trường hợp", text="148"))


def test_a_context_split_by_a_line_break_is_still_located():
    blocks = [{"index": 0, "text": "Đã trình khen thưởng  147 trường hợp"}]
    assert located({"blocks": blocks}, EXPECTED_TEXT)


def test_a_shared_count_matches_whatever_order_its_forms_are_named_in():
    from extractor.devtools.score import score_sentence_awards

    gold = [{"award": "Anh hùng Lao động; Anh hùng Lực lượng vũ trang nhân dân", "class": None, "level": "state",
             "count": 17, "collectives": None, "individuals": None, "status": "awarded"}]
    pred = [dict(gold[0], award="Anh hùng Lực lượng vũ trang nhân dân; Anh hùng Lao động", source="text")]
    assert score_sentence_awards(pred, gold).f1 == 1.0
    assert score_sentence_awards([dict(pred[0], status="proposed")], gold, with_status=True).f1 == 0.0


def test_class_parts_are_scored_flat():
    from extractor.devtools.score import score_sentence_awards

    part = {"award": "Huân chương Lao động", "class": "hạng Ba", "level": "state", "count": 4,
            "collectives": 1, "individuals": 3, "status": "proposed"}
    whole = {"award": "Huân chương Lao động", "class": None, "level": "state", "count": 10,
             "collectives": 5, "individuals": 5, "status": "proposed"}
    t = score_sentence_awards([dict(whole, parts=[part])], [whole, part])
    assert (t.tp, t.fp, t.fn) == (2, 0, 0)
