"""The gold's arithmetic is the checker's: a printed figure with d decimals stands for every value
within half a unit of its last digit (reconcile.interval), so sums of rounded parts are judged
fairly and a relation "breaks" only when no exact values could make it hold."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from extractor.devtools.gold import figure_of, relation_holds, table_relation_holds
from extractor.devtools.markup import TableSpec
from extractor.vn.numbers import format_number


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1_000, 10**6), min_size=2, max_size=6), st.integers(1, 2), st.integers(-6, 6))
def test_a_sum_of_rounded_parts_holds_within_half_a_unit_per_figure(thousandths, decimals, shift):
    unit = Decimal(10) ** -decimals
    exact = [Decimal(t) / 1000 for t in thousandths]
    parts = [rounded(e, decimals) for e in exact]
    total = rounded(sum(exact), decimals) + shift * unit
    rel = {"kind": "money", "total": format_number(total, decimals),
           "parts": [format_number(p, decimals) for p in parts]}
    gap = abs(total - sum(parts)) / unit
    assert relation_holds(rel) == (2 * gap <= len(parts) + 1)
    if shift == 0:
        assert relation_holds(rel), "a total rounded from the exact sum always holds"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=6), st.integers(-3, 3))
def test_counts_are_exact(parts, shift):
    rel = {"kind": "sum", "total": format_number(sum(parts) + shift), "parts": [format_number(p) for p in parts]}
    assert relation_holds(rel) == (shift == 0)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000), st.data(), st.integers(0, 2), st.integers(-2, 2))
def test_a_rate_holds_within_half_a_unit_of_its_last_digit(base, data, decimals, shift):
    count = data.draw(st.integers(0, base))
    unit = Fraction(1, 10**decimals)
    printed = Fraction(rounded(Decimal(count) * 100 / Decimal(base), decimals)) + shift * unit
    text = format_number(Decimal(printed.numerator) / Decimal(printed.denominator), decimals) + "%"
    rel = {"kind": "ratio", "total": text, "parts": [str(count), str(base)]}
    assert relation_holds(rel) == (abs(printed - Fraction(100 * count, base)) <= unit / 2)


def test_the_issues_example():
    rel = {"kind": "money", "total": "12,45", "parts": ["10,86", "1,27", "0,32"]}
    assert relation_holds(rel)
    assert relation_holds(dict(rel, total="12,46")), "10,865 + 1,275 + 0,325 = 12,465"
    assert not relation_holds(dict(rel, total="12,48"))
    assert relation_holds({"kind": "text_vs_table", "total": "846,2", "parts": ["846,3"]}), "846,25 is both"
    assert not relation_holds({"kind": "text_vs_table", "total": "846,2", "parts": ["846,4"]})


def test_figures():
    assert figure_of("3.831").is_exact and figure_of("05").lo == 5
    assert figure_of("20,2%").lo == Fraction(2015, 100) and figure_of("66%").hi == Fraction(665, 10)
    assert figure_of("-").hi == 0 and figure_of("abc") is None


def test_table_relations_skip_rates_without_figures():
    table = TableSpec(title=None, header=[["TT", "Tổng số", "Cá nhân", "Lãnh đạo", "Tỷ lệ %"]],
                      rows=[["1", "10", "8", "2", "25,0%"], ["2", "5", "-", "-", "-"], ["3", "4", "0", "0", "0,0"]])
    rate = {"kind": "percentage", "total": (0, 4), "parts": [(0, 3), (0, 2)]}
    assert table_relation_holds(rate, table) is True
    assert table_relation_holds(dict(rate, total=(1, 4), parts=[(1, 3), (1, 2)]), table) is None
    assert table_relation_holds(dict(rate, total=(2, 4), parts=[(2, 3), (2, 2)]), table) is None, "base 0"
    column = {"kind": "sum", "total": (0, 1), "parts": [(1, 1), (2, 1), (0, 3), (1, 3)]}
    assert table_relation_holds(column, table) is False
    assert table_relation_holds(dict(column, total=(0, 2), parts=[(1, 2), (0, 2)]), table) is True, '"-" is 0'
