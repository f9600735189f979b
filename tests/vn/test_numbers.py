from decimal import Decimal

import pytest

from hypothesis import given, strategies as st

from extractor.vn.numbers import find_numbers, format_number, parse_cell, parse_number


def test_thousands_and_decimal_comma():
    assert parse_number("3.831").value == 3831
    assert parse_number("20,2").value == 20.2
    assert parse_number("20,2").decimals == 1
    assert parse_number("05").value == 5
    assert parse_number("10.052,700").value == 10052.7
    assert parse_number("10.052,700").decimals == 3
    assert parse_number("1.218").value == 1218


def test_not_numbers():
    assert parse_number("abc") is None
    assert parse_number("1.2.3") is None
    assert parse_number("") is None


def test_cells():
    assert parse_cell("-") is None
    assert parse_cell("") is None
    assert parse_cell("23,8%") == 23.8
    assert parse_cell("3.158") == 3158


def test_find_numbers_keeps_surface_and_offsets():
    text = "3.831 Bằng khen, 20,2% (47/233); 13.380 triệu đồng"
    found = find_numbers(text)
    assert [(text[s:e], n.value) for s, e, n in found] == [
        ("3.831", 3831), ("20,2", 20.2), ("47", 47), ("233", 233), ("13.380", 13380)
    ]


def test_format_number_groups_thousands_with_dots():
    assert format_number(3831) == "3.831"
    assert format_number(999) == "999"
    assert format_number(1000) == "1.000"
    assert format_number(1_250_000_000) == "1.250.000.000"  # an amount in đồng


def test_format_number_writes_decimals_after_a_comma():
    assert format_number(20.2, 1) == "20,2"
    assert format_number(12, 2) == "12,00"
    assert format_number(Decimal("13380.5"), 2) == "13.380,50"
    assert format_number(66.66, 1) == "66,7"
    assert format_number(3831.4) == "3.831", "no decimals asked: rounded to a whole number"


def test_format_number_zero_and_negatives():
    assert format_number(0) == "0"
    assert format_number(0, 1) == "0,0"
    assert format_number(-1234) == "-1.234"
    assert format_number(-3.26, 1) == "-3,3"
    assert format_number(-0.04, 1) == "0,0", "a value that rounds to zero has no sign"


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(n):
    text = format_number(n)
    parsed = parse_number(text)
    assert parsed.value == n and parsed.decimals == 0


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=3), st.data())
def test_decimals_round_trip(whole, decimals, data):
    frac = data.draw(st.integers(min_value=0, max_value=10**decimals - 1))
    text = format_number(whole, 0) + "," + str(frac).zfill(decimals)
    parsed = parse_number(text)
    assert parsed.decimals == decimals
    assert abs(parsed.value - (whole + frac / 10**decimals)) < 1e-6 * max(1, whole)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_numbers_in_running_text_are_found_whole(a, b):
    text = f"có {format_number(a)} tập thể và {format_number(b)} cá nhân."
    assert [n.value for _, _, n in find_numbers(text)] == [a, b]


# -- table cells: negatives and decimal styles ---------------------------------------------------

from extractor.vn.numbers import mark_ambiguous, parse_cell_number  # noqa: E402


@pytest.mark.parametrize("text, value, decimals", [
    ("(1.234)", -1234, 0), ("-5,2", -5.2, 1), ("(2)", -2, 0), ("98.75", 98.75, 2), ("101,20", 101.2, 2),
    ("0.946", 0.946, 3), ("23,8%", 23.8, 1), ("3.831", 3831, 0),
])
def test_cells_are_read_one_by_one(text, value, decimals):
    n = parse_cell_number(text)
    assert (n.value, n.decimals, n.text) == (value, decimals, text)


@pytest.mark.parametrize("text", ["-", "", "x", "Xã A", "()", "(Xã A)"])
def test_cells_without_a_figure(text):
    assert parse_cell_number(text) is None


def test_a_column_writing_dot_decimals_makes_one_group_cells_ambiguous():
    column = [parse_cell_number(t) for t in ["98.75", "101,20", "1.234", "1.234,5", "-"]]
    marked = mark_ambiguous(column)
    assert [n.ambiguous for n in marked if n] == [False, False, True, False]
    vietnamese = [parse_cell_number(t) for t in ["1.234", "20,5", "3.831"]]
    assert not any(n.ambiguous for n in mark_ambiguous(vietnamese))


@given(st.integers(min_value=1, max_value=10**9))
def test_parenthesised_is_the_negative(n):
    from extractor.vn.numbers import format_number
    assert parse_cell_number(f"({format_number(n)})").value == -n
