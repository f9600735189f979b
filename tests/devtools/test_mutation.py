"""Mutants: one number away from their report, breaking a relation under the same interval rule
the checker applies (or, for tolerated mutants, breaking none), and still locatable once
rendered to DOCX and PDF and parsed back."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.devtools.generate import Generated, compose
from extractor.devtools.gold import layout_of, relation_holds, table_relation_holds, table_relations
from extractor.devtools.mutation import expected_findings, mutate, mutation_finding, tolerated_mutant
from extractor.devtools.score import located
from extractor.model import Mention
from extractor.reconcile.checks import judge
from extractor.reconcile.relations import Operand, Relation
from extractor.vn.numbers import find_numbers, parse_number

SEED = 11
REPORTS = [compose(SEED, i) for i in range(24)]
THEMATIC = [compose(SEED, i, doc="campaign") for i in range(8)]


def _numbers(text: str) -> list[str]:
    return [n.text for _, _, n in find_numbers(text)]


def _changed_numbers(original: Generated, mutant: Generated) -> list[tuple[str, str]]:
    before, after = _numbers(original.markup()), _numbers(mutant.markup())
    assert len(before) == len(after)
    return [(a, b) for a, b in zip(before, after) if a != b]


@pytest.mark.parametrize("where", ["text", "table"])
@pytest.mark.parametrize("index", range(0, 24, 3))
def test_mutant_differs_in_exactly_one_number(index, where):
    original = REPORTS[index]
    mutant, record = mutate(original, SEED, 0, where=where)
    assert _changed_numbers(original, mutant) == [(record["old"].rstrip("%"), record["new"].rstrip("%"))]
    assert record["breaks"] is True
    assert expected_findings(record) == [mutation_finding(record)]


def test_mutants_are_deterministic():
    a, record_a = mutate(REPORTS[5], SEED, 1)
    b, record_b = mutate(REPORTS[5], SEED, 1)
    assert a.markup() == b.markup() and record_a == record_b


@pytest.mark.parametrize("index", range(0, 24, 4))
def test_text_mutation_context_locates_the_number(index):
    mutant, record = mutate(REPORTS[index], SEED, 1, where="text")
    text = mutant.markup()
    assert text.count(record["context"]) == 1
    at = record["offset"]
    assert record["context"][at:at + len(record["new"])] == record["new"]


@pytest.mark.parametrize("index", range(0, 24, 4))
def test_table_mutation_breaks_its_relation(index):
    original = REPORTS[index]
    mutant, record = mutate(original, SEED, 2, where="table")
    if record["where"] != "table":
        pytest.skip("report without tables")
    cell = record["context"]
    spec = original.gold["tables"][cell["table"]]
    table = layout_of(mutant.markup(), original.gold).tables[cell["table"]]
    touched = [r for r in table_relations(spec, table) if (cell["row"], cell["col"]) in {r["total"], *r["parts"]}]
    assert any(table_relation_holds(r, table) is False for r in touched)


# -- the interval rule: the gold judges a relation as the checker does ---------------------------

def _as_relation(rel: dict) -> Relation:
    """A gold relation as the reconciler's `Relation`, each figure at a dummy location."""
    def op(surface: str, percent: bool = False) -> Operand:
        n = parse_number(surface.strip().rstrip("%"))
        return Operand.of(n.value, n.decimals, Mention(surface, 0, 0, len(surface)), percent=percent)

    if rel["kind"] in ("percentage", "ratio"):
        return Relation(rel["kind"], "test", op(rel["total"], percent=True), [op(p) for p in rel["parts"]])
    return Relation("sum", "test", op(rel["total"]), [op(p) for p in rel["parts"]])


def _text_relations(reports) -> list[dict]:
    return [r for g in reports for r in g.gold["relations"]]


def test_gold_and_checker_agree_on_every_generated_relation():
    relations = _text_relations(REPORTS + THEMATIC)
    assert all(relation_holds(r) for r in relations)
    assert all(judge(_as_relation(r)).holds for r in relations)


@pytest.mark.parametrize("k", range(3))
def test_text_mutations_break_under_the_checkers_rule(k):
    for g in REPORTS[::2] + THEMATIC:
        _, record = mutate(g, SEED, k, where="text")
        changed = {"kind": record["relation"], **record["figures"]}
        assert relation_holds(changed) is False
        assert judge(_as_relation(changed)).holds is False, record


def test_a_change_within_rounding_is_no_break():
    """12,45 = 10,86 + 1,27 + 0,32 still holds at 12,46 (the rounded parts cover it): such a change
    is never recorded as a break; a breaking change moves the total past what rounding allows."""
    line = ("Năm 2023, quỹ thi đua đã chi 12,45 tỷ đồng, gồm: tiền thưởng 10,86 tỷ đồng, hiện vật 1,27 tỷ đồng, "
            "in ấn 0,32 tỷ đồng.")
    rel = {"kind": "money", "total": "12,45", "parts": ["10,86", "1,27", "0,32"], "context": "đã chi 12,45 tỷ đồng"}
    report = Generated("money", [line], {"relations": [rel], "tables": []})
    assert relation_holds(dict(rel, total="12,46"))
    for k in range(20):
        _, record = mutate(report, SEED, k, where="text")
        old, new = Decimal(record["old"].replace(",", ".")), Decimal(record["new"].replace(",", "."))
        assert record["breaks"] is True
        if record["old"] == "12,45":
            assert abs(new - old) > Decimal("0.02")
    tolerated, record = tolerated_mutant(report, SEED)
    assert record["breaks"] is False and expected_findings(record) == []
    assert _changed_numbers(report, tolerated) == [(record["old"], record["new"])]


def test_tolerated_mutants_move_one_rounded_figure_and_break_nothing():
    found = [(g, tolerated_mutant(g, SEED)) for g in REPORTS + THEMATIC]
    found = [(g, m) for g, m in found if m is not None]
    assert len(found) >= len(THEMATIC), "every campaign summary has rounded money figures"
    for g, (mutant, record) in found:
        (old, new), = _changed_numbers(g, mutant)
        assert (old, new) == (record["old"], record["new"])
        a, b = parse_number(old), parse_number(new)
        assert a.decimals == b.decimals > 0
        assert abs(Decimal(str(a.value)) - Decimal(str(b.value))) == Decimal(10) ** -a.decimals
        assert record["breaks"] is False and expected_findings(record) == []
        for rel in g.gold["relations"]:
            if old in (rel["total"], *rel["parts"]):
                moved = dict(rel, total=new if rel["total"] == old else rel["total"],
                             parts=[new if p == old else p for p in rel["parts"]])
                assert relation_holds(moved) and judge(_as_relation(moved)).holds


# -- rendered mutants ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("where", ["text", "table"])
def test_rendered_mutants_keep_the_changed_number_where_the_record_says(tmp_path, fmt, where):
    from extractor.devtools.generate import write_report
    from extractor.model import to_dict
    from extractor.parse import parse_file

    report = next(g for g in THEMATIC if g.gold["tables"])
    mutant, record = mutate(report, SEED, 0, where=where)
    mutant.id = "mutant"
    write_report(mutant, tmp_path, (fmt,))
    output = to_dict(parse_file(tmp_path / f"mutant.{fmt}"), with_blocks=True)
    assert located(output, mutation_finding(record)), record
    original = dict(mutation_finding(record), text=record["old"])
    assert not located(output, original), "the old number is gone"
