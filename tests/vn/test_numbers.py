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
