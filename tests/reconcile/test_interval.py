from fractions import Fraction

import pytest
from hypothesis import assume, given, strategies as st

from extractor.reconcile.interval import (
    Interval, half_unit, percentage, percentage_holds, round_half_up, to_fraction, total,
)

exact_values = st.fractions(min_value=0, max_value=10**6, max_denominator=10**6)
decimals = st.integers(min_value=0, max_value=3)
small_intervals = st.builds(
    lambda a, w: Interval(a, a + w),
    st.fractions(min_value=-1000, max_value=1000, max_denominator=1000),
    st.fractions(min_value=0, max_value=10, max_denominator=100),
)


def test_printed_figure_is_half_a_unit_wide():
    i = Interval.printed(20.2, 1)
    assert (i.lo, i.hi) == (Fraction("20.15"), Fraction("20.25"))
    assert Interval.exact(3831).is_exact


def test_floats_are_read_through_their_decimal_repr():
    assert to_fraction(0.1) == Fraction(1, 10)
    assert to_fraction(65.9) == Fraction("65.9")


def test_seed_percentages():
    assert percentage_holds(20.2, 1, 47, 233)
    assert percentage_holds(23.8, 1, 5, 21)
    assert percentage_holds(100, 0, 1, 1)
    assert not percentage_holds(65.9, 1, 2083, 3158)  # 65.96: off by only 0.1, still impossible
    assert not percentage_holds(34.1, 1, 1075, 3158)  # 34.04


def test_bounds_are_inclusive():
    assert percentage_holds(20.1, 1, Fraction("20.15"), 100)
    assert percentage_holds(20.2, 1, Fraction("20.15"), 100)
    assert not percentage_holds(20.1, 1, Fraction("20.1501"), 100)


def test_empty_interval_and_zero_divisor_are_refused():
    with pytest.raises(ValueError):
        Interval(Fraction(2), Fraction(1))
    with pytest.raises(ZeroDivisionError):
        Interval.exact(1) / Interval(Fraction(-1), Fraction(1))
    assert not percentage_holds(0, 0, 0, 0)


@given(exact_values, decimals)
def test_any_rounded_value_is_judged_consistent(value, d):
    printed = round_half_up(value, d)
    assert Interval.printed(printed, d).contains(value)


@given(exact_values, decimals, st.fractions(min_value=0, max_value=1000, max_denominator=1000))
def test_values_off_by_more_than_half_a_unit_are_not(value, d, excess):
    assume(excess > 0)
    printed = round_half_up(value, d)
    off = printed + half_unit(d) + excess
    assert not Interval.printed(printed, d).contains(off)
    assert not Interval.printed(printed, d).contains(printed - half_unit(d) - excess)


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=1, max_value=10**5), decimals)
def test_percentage_rounded_from_count_and_base_holds(count, base, d):
    exact = Fraction(100 * count, base)
    assert percentage_holds(round_half_up(exact, d), d, count, base)


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=1, max_value=10**5), decimals,
       st.sampled_from([-1, 1]))
def test_percentage_one_last_digit_off_fails(count, base, d, direction):
    exact = Fraction(100 * count, base)
    printed = round_half_up(exact, d)
    # A figure exactly on a rounding boundary can be printed either way; both are consistent.
    assume(abs(exact - printed) != half_unit(d))
    assert not percentage_holds(printed + direction * Fraction(1, 10**d), d, count, base)


@given(st.lists(exact_values, min_size=1, max_size=8), decimals)
def test_sum_of_rounded_parts_covers_the_exact_sum(parts, d):
    rounded = [Interval.printed(round_half_up(p, d), d) for p in parts]
    exact_sum = sum(parts, Fraction(0))
    assert total(rounded).contains(exact_sum)
    # and the printed, rounded total of the same parts is judged consistent with them
    assert Interval.printed(round_half_up(exact_sum, d), d).overlaps(total(rounded))


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=1000))
def test_exact_counts_that_do_not_add_up_never_overlap(parts, error):
    stated = sum(parts) + error
    assert not Interval.exact(stated).overlaps(total(Interval.exact(p) for p in parts))


@given(small_intervals, small_intervals, st.data())
def test_arithmetic_contains_every_combination(a, b, data):
    tx, ty = data.draw(st.fractions(0, 1, max_denominator=100)), data.draw(st.fractions(0, 1, max_denominator=100))
    x, y = a.lo + tx * (a.hi - a.lo), b.lo + ty * (b.hi - b.lo)
    assert (a + b).contains(x + y)
    assert (a - b).contains(x - y)
    assert (a * b).contains(x * y)
    if not b.lo <= 0 <= b.hi:
        assert (a / b).contains(x / y)


@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=1000))
def test_percentage_interval_of_exact_counts_is_a_point(count, base):
    p = percentage(Interval.exact(count), Interval.exact(base))
    assert p.lo == p.hi == Fraction(100 * count, base)


def test_round_half_up():
    assert round_half_up(Fraction("65.95"), 1) == Fraction("66.0")
    assert round_half_up(Fraction("20.15"), 1) == Fraction("20.2")
    assert round_half_up(Fraction("-0.5"), 0) == -1
