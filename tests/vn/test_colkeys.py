"""Column keys and the formulas offices write in table headers."""
import pytest
from hypothesis import given, strategies as st

from extractor.vn.colkeys import column_key, is_key_row, label_formula, label_key, parse_formula


@pytest.mark.parametrize("row", [
    ["1", "2", "3"], ["(1)", "(2)"], ["[1]", "[2]", "[3]", "[4]", "[5]=([4]/[3])", "[06]"],
    ["A", "B", "1", "2"], ["0", "1", "2", "3"], ["1", "", "2", "3"], ["1", "2", "3=4+5", "4", "5"],
])
def test_rows_of_column_numbers(row):
    assert is_key_row(row)


@pytest.mark.parametrize("row", [
    ["1", "2"],  # two bare figures may be a body row
    ["1", "5", "3"], ["5", "6", "7"], ["B", "A", "C"], ["1", "Xã A", "12"], ["1.234", "2", "3"], ["", ""],
])
def test_rows_that_are_not_column_numbers(row):
    assert not is_key_row(row)


@given(st.integers(min_value=3, max_value=30), st.sampled_from(["{}", "({})", "[{}]"]))
def test_any_run_of_keys_from_one_is_a_key_row(n, form):
    assert is_key_row([form.format(i) for i in range(1, n + 1)])


@pytest.mark.parametrize("text, column, plus, minus", [
    ("(4)=(5)+(6)", "4", ("5", "6"), ()), ("(9)=(8)-(7)", "9", ("8",), ("7",)),
    ("4=5+6+7", "4", ("5", "6", "7"), ()), ("[3] = [1] + [2]", "3", ("1", "2"), ()),
])
def test_sums_and_differences(text, column, plus, minus):
    f = parse_formula(text)
    assert (f.column, f.plus, f.minus, f.is_ratio) == (column, plus, minus, False)


@pytest.mark.parametrize("text, column, num, den, times_100", [
    ("[5]=([4]/[3])", "5", "4", "3", False), ("(10)=(9/7)", "10", "9", "7", False),
    ("6=4/3*100", "6", "4", "3", True), ("(6)=(5)/(4)x100", "6", "5", "4", True), ("(6:3)", None, "6", "3", False),
])
def test_quotients(text, column, num, den, times_100):
    f = parse_formula(text)
    assert (f.column, f.numerator, f.denominator, f.times_100) == (column, num, den, times_100)


@pytest.mark.parametrize("text", ["(3)=(1)*(2)", "(3)=(1)/(2)/(4)", "4=5+", "=5+6", "(1)", "Tổng số"])
def test_what_is_no_formula(text):
    assert parse_formula(text) is None


def test_labels_carry_keys_and_formulas():
    assert label_key("Tổng số (3)") == "3" and label_key("Tổng số") is None
    assert label_formula("Tỷ lệ (6:3)").denominator == "3"
    assert label_formula("Tổng số (3)=(4)+(5)").plus == ("4", "5")
    assert label_formula("Số hộ (2019)") is None
    assert column_key("(4)=(5)+(6)") == "4" and column_key("[06]") == "6" and column_key("Xã A") is None
