"""Campaign summaries (báo cáo sơ kết / tổng kết phong trào): one national movement named in the
title, its launching decision cited, its results in the text and by unit in the annex, money
with rounded parts, commendations awarded and proposed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.devtools.generate import blocks, compose
from extractor.devtools.gold import review
from extractor.vn.numbers import parse_number

SEED = 7
SUMMARIES = [compose(SEED, i, doc="campaign") for i in range(30)]
NATIONAL = {c["name"]: c for c in blocks()["campaigns"]}


def _value(surface: str) -> Decimal:
    return Decimal(str(parse_number(surface.rstrip("%")).value))


@pytest.mark.parametrize("index", range(0, 30, 3))
def test_summary_gold_is_consistent(index):
    g = SUMMARIES[index]
    assert review(g.markup(), g.gold) == []


def test_the_title_names_a_national_movement_and_its_decision_is_cited():
    for g in SUMMARIES:
        title = g.gold["document"]["title"]
        assert title.split()[0] in ("Sơ", "Tổng") and "phong trào thi đua" in title
        movement = next(c for c in g.gold["campaigns"]
                        if c["name"] in NATIONAL and any(s in title for s in c["surface"]))
        assert movement["launched_by"] == "Thủ tướng Chính phủ"
        decisions = {d["id"] for d in NATIONAL[movement["name"]]["decisions"]}
        assert decisions & {r["id"] for r in g.gold["references"]}
        assert g.gold["document"]["issuer"].split()[1] in ("tỉnh", "huyện")


def test_results_in_the_text_are_the_annex_totals():
    with_table = [g for g in SUMMARIES if g.gold["tables"]]
    assert 0 < len(with_table) < len(SUMMARIES)
    for g in with_table:
        spec = g.gold["tables"][0]
        assert spec["sum_columns"] == [2, 3] and spec["award_rows"] is False
        ratio = next(r for r in g.gold["relations"] if r["kind"] == "ratio")
        ties = [r for r in g.gold["relations"] if r["kind"] == "text_vs_table"]
        assert sorted(r["total"] for r in ties) == sorted(ratio["parts"])
        total_row = g.tables[0].rows[spec["total_row"]]
        assert {total_row[2], total_row[3]} == set(ratio["parts"])
    layouts = {(s["header_rows"], s["total_row"] == 0, bool(s["percent_columns"])) for g in with_table
               for s in g.gold["tables"]}
    assert {h for h, _, _ in layouts} == {1, 2} and {f for _, f, _ in layouts} == {True, False}
    assert {p for _, _, p in layouts} == {True, False}


def test_money_parts_are_rounded_fairly():
    """Each source and the total are rounded from exact amounts: the printed parts need not add
    up to the printed total digit for digit, yet the relation holds (review checks it)."""
    money = [r for g in SUMMARIES for r in g.gold["relations"] if r["kind"] == "money"]
    assert len(money) == len(SUMMARIES)
    off = [r for r in money if _value(r["total"]) != sum(_value(p) for p in r["parts"])]
    assert off, "some totals differ from the sum of their printed parts"
    for r in off:
        unit = Decimal(10) ** -parse_number(r["total"]).decimals
        assert abs(_value(r["total"]) - sum(_value(p) for p in r["parts"])) <= unit * (len(r["parts"]) + 1) / 2


def test_commendations_awarded_and_proposed():
    for g in SUMMARIES:
        statuses = [a["status"] for a in g.gold["awards"]]
        assert statuses[0] == "awarded" and "proposed" in statuses
        kinds = [r["kind"] for r in g.gold["relations"]]
        assert kinds.count("recipients") == 2 and kinds.count("percentage") == 1
    flags = [a for g in SUMMARIES for a in g.gold["awards"] if a["award"] == "Cờ thi đua của bộ, ban, ngành, tỉnh"]
    assert flags and all(a["count"] == 1 and a["collectives"] is None for a in flags)
