import datetime as dt

import pytest
from hypothesis import given, strategies as st

from extractor.vn.dates import find_dates, parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("ngày 28 tháng 11 năm 2022 của Thủ tướng", "2022-11-28"),
        ("ngày 18 tháng 5/2021 của Bộ Chính trị", "2021-05-18"),
        ("ngày 15/11/2023", "2023-11-15"),
        ("15-11-2023", "2023-11-15"),
        ("15.11.2023", "2023-11-15"),
        ("Ngày 06 tháng 01 năm 2023", "2023-01-06"),
        ("tháng 11 năm 2022", "2022-11"),
        ("tháng 11/2022", "2022-11"),
    ],
)
def test_written_forms(text, iso):
    assert parse_date(text) == iso


def test_damaged_date_is_read_and_marked():
    (m,) = find_dates("Nghị định số 20/2021/NĐ-CP ngày 15 ngày 3 năm 2021 của Chính phủ")
    assert m.iso == "2021-03-15" and m.damaged


def test_impossible_date_is_found_but_invalid():
    (m,) = find_dates("ngày 31/02/2023")
    assert m.iso is None and not m.valid


def test_range_gives_two_dates():
    assert [m.iso for m in find_dates("(11/6/1948-11/6/2023)")] == ["1948-06-11", "2023-06-11"]


def test_reference_symbols_are_not_dates():
    assert find_dates("Quyết định số 1478/QĐ-TTg") == []
    assert find_dates("Kế hoạch 05 năm (2021-2025)") == []


dates = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))


@given(dates, st.booleans(), st.sampled_from(["/", "-", "."]))
def test_numeric_forms_round_trip(d, pad, sep):
    day = f"{d.day:02d}" if pad else str(d.day)
    month = f"{d.month:02d}" if pad else str(d.month)
    assert parse_date(f"ngày {day}{sep}{month}{sep}{d.year}") == d.isoformat()


@given(dates, st.booleans())
def test_written_forms_round_trip(d, slash_year):
    tail = f"/{d.year}" if slash_year else f" năm {d.year}"
    assert parse_date(f"Kế hoạch ngày {d.day} tháng {d.month}{tail} của UBND") == d.isoformat()


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)), st.sampled_from([1, 3]))
def test_a_date_cut_after_its_day_or_month_word_is_seen_as_open(day, cut_words):
    from extractor.vn.dates import ends_inside_date

    words = f"ngày {day.day} tháng {day.month} năm {day.year}".split()
    head, rest = " ".join(words[:cut_words]), " ".join(words[cut_words:])
    assert ends_inside_date(f"Nghị quyết số 04/2025/NQ-HĐND {head}")
    assert not ends_inside_date(f"Nghị quyết số 04/2025/NQ-HĐND {head} {rest}")
    assert parse_date(f"{head} {rest}") == day.isoformat()
