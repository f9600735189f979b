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


# --------------------------------------------------------------------------------------------
# Real binary files: recipients, hand-found findings, relations that hold, checks carried out

from extractor.devtools.score import (  # noqa: E402
    checks_carried_out, recipient_keys, score_real_findings, score_recipients,
)


def recipients_gold(partial: bool = False) -> dict:
    items = [{"name": "Trung tâm Viễn thông 5", "kind": "collective", "unit": "Viễn thông Hà Nội"},
             {"name": "Trường Mầm non Hoa Mai", "kind": "collective", "unit": "quận Đống Đa"},
             {"name": "Nguyễn Văn A", "kind": "individual", "position": "Giám đốc", "unit": "Sở X"}]
    return {"recipients": {"partial": partial, "counts": {"collective": 2, "individual": 1}, "items": items}}


def test_recipients_match_by_folded_name_or_name_with_unit():
    pred = {"recipients": [{"name": "TRUNG TÂM VIỄN THÔNG 5, Viễn thông Hà Nội", "kind": "collective"},
                           {"name": "Trường mầm non  Hoa Mai;", "kind": "collective"},
                           {"name": "Nguyễn Văn A", "kind": "individual"}]}
    s = score_recipients(pred, recipients_gold())
    assert s.names["collective"].f1 == 1.0 and s.names["individual"].f1 == 1.0
    assert (s.exact, s.lists) == (2, 2)


def test_a_recipient_of_the_wrong_kind_or_a_missing_one_costs_both_name_and_length():
    pred = {"recipients": [{"name": "Trung tâm Viễn thông 5", "kind": "collective"},
                           {"name": "Nguyễn Văn A", "kind": "collective"}]}
    s = score_recipients(pred, recipients_gold())
    assert (s.names["collective"].tp, s.names["collective"].fp, s.names["collective"].fn) == (1, 1, 1)
    assert s.names["individual"].fn == 1 and s.names["individual"].recall == 0.0
    assert (s.exact, s.lists) == (1, 2), "two collectives is the right length, no individual is not"


def test_a_partial_gold_list_scores_the_length_only():
    pred = {"recipients": [{"name": "someone else", "kind": "collective"}, {"name": "x", "kind": "collective"}]}
    s = score_recipients(pred, recipients_gold(partial=True))
    assert all(t.tp + t.fp + t.fn == 0 for t in s.names.values())
    assert (s.exact, s.lists) == (1, 2)


def test_no_recipient_gold_no_recipient_score():
    assert score_recipients({"recipients": []}, {"recipients": None}) is None
    assert recipient_keys({"name": "Khoa Sản", "unit": "Bệnh viện Bưu điện"}) == {
        "khoa sản", "khoa sản, bệnh viện bưu điện", "khoa sản bệnh viện bưu điện"}
    assert recipient_keys({"name": "Khoa San"}) != recipient_keys({"name": "Khoa Sản"}), "diacritics count"


def real_output(findings: list[dict]) -> dict:
    return {"blocks": [{"index": 0, "text": "Tặng Cờ thi đua cho 16 tập thể. Tổng số 25 người gồm 10 nam và 14 nữ."}],
            "findings": findings}


def finding_at(start: int, end: int, text: str, severity: str = "error") -> dict:
    return {"check": "sum", "severity": severity, "message": "m", "locations": [{"block": 0, "start": start, "end": end, "text": text}]}


def test_a_hand_found_inconsistency_is_found_when_a_finding_points_at_its_number():
    text = real_output([])["blocks"][0]["text"]
    at = text.index("25")
    gold = {"findings": [{"check": "sum", "where": "text", "context": "Tổng số 25 người", "text": "25"}],
            "relations": [{"kind": "list_count", "total": "16", "parts": ["16 items"], "context": "cho 16 tập thể"}]}
    s = score_real_findings(real_output([finding_at(at, at + 2, "25")]), gold)
    assert (s.expected, s.detected, s.on_holding, s.other, s.holding) == (1, 1, 0, 0, 1)
    s = score_real_findings(real_output([]), gold)
    assert (s.detected, s.on_holding, s.other) == (0, 0, 0)


def test_a_warning_on_a_relation_that_holds_is_a_false_alarm_and_info_is_not_counted():
    text = real_output([])["blocks"][0]["text"]
    at = text.index("16")
    gold = {"findings": [], "relations": [{"kind": "list_count", "total": "16", "parts": ["16 items"], "context": "cho 16 tập thể"}],
            "non_relations": [{"figures": ["10"], "context": "gồm 10 nam"}]}
    ten = text.index("10 nam")
    pred = real_output([finding_at(at, at + 2, "16", "warning"), finding_at(ten, ten + 2, "10"),
                        finding_at(0, 4, "Tặng"), finding_at(at, at + 2, "16", "info")])
    s = score_real_findings(pred, gold)
    assert (s.on_holding, s.other, s.holding) == (2, 1, 2)


def test_checks_carried_out_are_read_only_where_the_json_says():
    assert checks_carried_out({"checks": {"carried_out": 3, "by_kind": {"sum": 3}}}) == 3
    assert checks_carried_out({"checks": {"carried_out": 0}}) == 0
    assert checks_carried_out({"findings": []}) is None


def test_a_warning_in_a_table_row_whose_relations_hold_is_a_false_alarm():
    gold = {"findings": [], "relations": [
        {"kind": "percentage", "total": "94,7%", "parts": ["356", "376"], "where": "table", "row": "CCT khu vực DHO-QNI",
         "context": "CCT khu vực DHO-QNI"}]}
    tables = [{"rows": [["1", "CCT khu vực DHO-QNI", "376", "356", "0.9468"], ["", "Cộng", "1046", "986", "0.9426"]]}]
    def at(row):
        return {"check": "percentage", "severity": "error", "message": "m",
                "locations": [{"table": 0, "row": row, "col": 4, "text": "x"}]}
    s = score_real_findings({"tables": tables, "blocks": [], "findings": [at(0), at(1), at(7)]}, gold)
    assert (s.on_holding, s.other, s.holding) == (1, 2, 1)
