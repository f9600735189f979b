"""Relations read from tables: rows, percentages, the total row."""
import pytest
from extractor.reconcile import check, relations
from extractor.reconcile.checks import judge, relation_formula
from extractor.reconcile.tables import TableReading, classify_column
from extractor.vn.numbers import format_number

HEADER = [
    ["Số TT", "Hình thức khen thưởng", "Tổng số", "Trong đó", "Trong đó", "Người lao động", "Người lao động",
     "Lãnh đạo", "Lãnh đạo"],
    ["", "", "", "Tập thể", "Cá nhân", "Số lượng", "Tỷ lệ %", "Số lượng", "Tỷ lệ %"],
]
STATE = [
    ["1.", "Anh hùng Lao động", "-", "-", "-", "-", "-", "-", "-"],
    ["4.", "Huân chương Lao động các hạng", "27", "6", "21", "05", "23,8%", "16", "76,2%"],
    ["5.", "Chiến sĩ thi đua toàn quốc", "01", "-", "01", "-", "-", "01", "100%"],
    ["6.", "Cờ thi đua của Chính phủ", "11", "11", "-", "-", "-", "-", "-"],
    ["7.", "Bằng khen của Thủ tướng Chính phủ", "220", "08", "212", "181", "85,4%", "31", "14,6%"],
    ["", "CỘNG", "259", "25", "234", "186", "-", "48", "-"],
]


def failures(doc):
    return [f for f in check(doc).findings if f.severity in ("error", "warning")]


def cells(finding):
    return [(loc.row, loc.col) for loc in finding.locations]


@pytest.fixture
def state_doc(doc_maker, table_maker):
    def make(rows=STATE):
        return doc_maker(["Phụ lục"], [table_maker(0, HEADER, [list(r) for r in rows], "1. Khen cấp Nhà nước", 0)])
    return make


def test_columns_get_their_roles():
    assert classify_column(3, "Trong đó / Tập thể").concept == "collectives"
    assert classify_column(6, "Người lao động / Tỷ lệ %").percent
    assert classify_column(7, "Lãnh đạo / Số lượng").concept == "leaders"
    assert classify_column(2, "Tổng số").concept == "total"
    assert classify_column(1, "Hình thức khen thưởng").concept is None


def test_consistent_table_has_no_findings_and_every_relation_is_read(state_doc):
    doc = state_doc()
    found = [relation_formula(r, judge(r)) for r in relations(doc)]
    assert "27 = 6 + 21" in found
    assert "21 = 05 + 16" not in found  # workers and leaders need not make up all individuals
    assert "23,8% ≈ 5/21 = 23,810%" in found and "100% ≈ 1/1 = 100,00%" in found
    assert "259 = 27 + 01 + 11 + 220" in found and "48 = 16 + 01 + 31" in found
    assert "25 = 6 + 11 + 08" in found
    assert not any(r.origin == "row" and r.subject == "Anh hùng Lao động" for r in relations(doc))
    assert failures(doc) == []


def test_individuals_who_are_neither_workers_nor_leaders(state_doc):
    rows = [list(r) for r in STATE]
    rows.insert(1, ["2.", "Bà mẹ Việt Nam anh hùng", "04", "-", "04", "-", "-", "-", "-"])
    rows[-1] = ["", "CỘNG", "263", "25", "238", "186", "-", "48", "-"]
    assert failures(state_doc(rows)) == []


def test_group_scoped_columns_and_a_bare_rate_column(doc_maker, table_maker):
    header = [["STT", "Đơn vị", "Tổng số", "Bằng khen", "Bằng khen", "Cờ thi đua"],
              ["", "", "", "Tập thể", "Cá nhân", ""]]
    rows = [["1", "Sở A", "12", "2", "8", "2"], ["", "Cộng", "12", "2", "8", "2"]]
    reading = TableReading(doc_maker(["x"]), table_maker(0, header, rows))
    assert ("collectives", False) not in reading.by_role  # "Bằng khen / Tập thể" is not all collectives
    assert failures(doc_maker(["x"], [table_maker(0, header, rows)])) == []
    header = [["STT", "Danh hiệu", "Tổng số", "Tập thể", "Cá nhân", "Trong đó lãnh đạo, quản lý", "Tỷ lệ %"]]
    rows = [["1", "Chiến sĩ thi đua cơ sở", "162", "-", "162", "48", "26,9%"],
            ["", "Cộng", "162", "-", "162", "48", "-"]]
    [finding] = failures(doc_maker(["x"], [table_maker(0, header, rows)]))
    assert finding.check == "percentage" and finding.expected == 29.6


def test_row_total_changed(state_doc):
    rows = [list(r) for r in STATE]
    rows[4][2] = "221"
    found = failures(state_doc(rows))
    assert {f.check for f in found} == {"sum"}
    assert all((4, 2) in cells(f) for f in found)
    assert len(found) == 2  # the row (221 = 08 + 212) and the column (259 = ... + 221)


def test_percentage_off_by_a_tenth(state_doc):
    rows = [list(r) for r in STATE]
    rows[1][6] = "23,9%"
    [finding] = failures(state_doc(rows))
    assert finding.check == "percentage" and finding.expected == 23.8 and finding.actual == 23.9
    assert cells(finding) == [(1, 6), (1, 5), (1, 4)]


def test_dash_against_a_figure(state_doc):
    rows = [list(r) for r in STATE]
    rows[3][4] = "2"  # Cờ thi đua: 11 = 11 + 2, and the individuals column no longer sums
    found = failures(state_doc(rows))
    assert found and all((3, 4) in cells(f) for f in found)


def test_total_row_changed(state_doc):
    rows = [list(r) for r in STATE]
    rows[5][7] = "47"
    found = failures(state_doc(rows))
    assert found and all((5, 7) in cells(f) for f in found)


def test_column_numbering_row_and_sub_rows_are_not_summed(doc_maker, table_maker):
    header = [["STT", "Đơn vị", "Tổng số", "Tập thể", "Cá nhân"]]
    rows = [
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Huân chương Lao động", "7", "2", "5"],
        ["-", "hạng Nhì", "3", "1", "2"],
        ["-", "hạng Ba", "4", "1", "3"],
        ["2", "Bằng khen", "10", "4", "6"],
        ["", "Tổng cộng", "17", "6", "11"],
    ]
    doc = doc_maker(["x"], [table_maker(0, header, rows)])
    assert failures(doc) == []
    assert any(r.origin == "column" for r in relations(doc))


def test_unreadable_cells_and_ambiguous_columns_are_skipped(doc_maker, table_maker):
    header = [["STT", "Đơn vị", "Tổng số", "Tập thể", "Cá nhân", "Tập thể"]]
    rows = [["1", "A", "7 (*)", "2", "5", "1"], ["2", "B", "10", "4", "9", "3"], ["", "Cộng", "17", "6", "14", "4"]]
    doc = doc_maker(["x"], [table_maker(0, header, rows)])
    reading = TableReading(doc, doc.tables[0])
    assert ("collectives", False) not in reading.by_role
    assert [f.check for f in failures(doc)] == []


def test_generated_tables(doc_maker, table_maker):
    import random

    rng = random.Random(7)
    for _ in range(30):
        body, sums = [], [0, 0, 0]
        for i in range(rng.randint(1, 6)):
            a, b = rng.randint(0, 900), rng.randint(1, 900)
            body.append([f"{i + 1}.", f"Hình thức {i}", format_number(a + b), format_number(a), format_number(b)])
            sums = [sums[0] + a + b, sums[1] + a, sums[2] + b]
        body.append(["", "CỘNG", *(format_number(s) for s in sums)])
        header = [["Số TT", "Hình thức", "Tổng số", "Tập thể", "Cá nhân"]]
        doc = doc_maker(["x"], [table_maker(0, header, body)])
        assert failures(doc) == []
        r, c = rng.randrange(len(body)), rng.randint(2, 4)
        value = int(body[r][c].replace(".", ""))
        body[r][c] = format_number(value + rng.choice([-1, 1, 10] if value else [1, 10]))
        found = failures(doc_maker(["x"], [table_maker(0, header, body)]))
        assert found and all((r, c) in cells(f) for f in found)


# -- a rate column that names no count: its count and base are read from the figures -------------

from fractions import Fraction  # noqa: E402

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from extractor.reconcile.interval import round_half_up  # noqa: E402

RATE_HEADER = [["Số TT", "Xã", "Số tiêu chí", "Số xã", "Số xã đạt chuẩn", "Tỷ lệ (%)"]]


def rate_text(count: int, base: int, sign: str = "") -> str:
    return format_number(float(round_half_up(Fraction(100 * count, base), 1)), 1) + sign


def rate_rows(figures, *, total_label="Toàn huyện", total_first=False, sign="", criteria=True):
    """A commune table: [criteria,] communes, communes up to standard, rate; a total row."""
    extra = ["19"] if criteria else []
    rows = [[str(i), f"Xã {i}", *extra, format_number(b), format_number(c), rate_text(c, b, sign)]
            for i, (b, c) in enumerate(figures, start=1)]
    b, c = sum(b for b, _ in figures), sum(c for _, c in figures)
    total = ["", total_label, *([""] if criteria else []), format_number(b), format_number(c), rate_text(c, b, sign)]
    return [total, *rows] if total_first else [*rows, total]


FIGURES = [(16, 10), (12, 12), (20, 9), (7, 3), (15, 11)]


def test_bare_rate_column_takes_the_pair_its_rates_agree_with(doc_maker, table_maker):
    doc = doc_maker(["x"], [table_maker(0, RATE_HEADER, rate_rows(FIGURES))])
    reading = TableReading(doc, doc.tables[0])
    assert reading.fitted_rates == [(5, 4, 3)]
    assert reading.total_rows == [5]  # "Toàn huyện"
    found = [relation_formula(r, judge(r)) for r in relations(doc)]
    assert "62,5 ≈ 10/16 = 62,500%" in found and "70 = 16 + 12 + 20 + 7 + 15" in found
    assert failures(doc) == []


def test_a_rate_off_in_one_row_is_reported_at_that_row(doc_maker, table_maker):
    rows = rate_rows(FIGURES)
    rows[2][5] = "46,0"  # 9/20 = 45,0%
    [finding] = failures(doc_maker(["x"], [table_maker(0, RATE_HEADER, rows)]))
    assert finding.check == "percentage" and finding.expected == 45.0
    assert cells(finding) == [(2, 5), (2, 4), (2, 3)]


def test_a_rate_column_no_pair_explains_builds_nothing(doc_maker, table_maker):
    rows = rate_rows(FIGURES)
    for row, share in zip(rows, ["14,3", "17,1", "12,9", "4,3", "15,7", "100,0"]):
        row[5] = share  # each commune's share of the district's 70: not count / base of the row
    doc = doc_maker(["x"], [table_maker(0, RATE_HEADER, rows)])
    assert TableReading(doc, doc.tables[0]).fitted_rates == []
    assert failures(doc) == []


def test_two_pairs_that_disagree_on_the_failing_rows_build_nothing(doc_maker, table_maker):
    header = [["STT", "Đơn vị", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"]]
    rows = [["1", "A", "10", "10", "100,0"], ["2", "B", "08", "08", "100,0"], ["3", "C", "05", "04", "70,0"]]
    doc = doc_maker(["x"], [table_maker(0, header, rows)])
    assert TableReading(doc, doc.tables[0]).fitted_rates == [(4, 3, 2)]  # both fail on C alone
    rows[2] = ["3", "C", "05", "04", "125,0"]  # 5/4 here, 5/4 the other way below: which is it?
    rows.append(["4", "D", "04", "05", "125,0"])
    doc = doc_maker(["x"], [table_maker(0, header, rows)])
    assert TableReading(doc, doc.tables[0]).fitted_rates == []


def test_a_tie_goes_to_the_pair_whose_count_stays_within_its_base(doc_maker, table_maker):
    header = [["STT", "Đơn vị", "Số xã", "Số xã đạt", "Tỷ lệ (%)"]]
    rows = [["1", "A", "10", "10", "100,0"], ["2", "B", "08", "08", "100,0"], ["3", "C", "05", "-", "10,0"]]
    # 5/"-" cannot be judged, so the reversed pair fails nowhere either; only "-" of 5 is a part of a whole
    doc = doc_maker(["x"], [table_maker(0, header, rows)])
    assert TableReading(doc, doc.tables[0]).fitted_rates == [(4, 3, 2)]
    [finding] = failures(doc)
    assert cells(finding)[0] == (2, 4)


def test_a_blank_total_cell_states_no_column_total(doc_maker, table_maker):
    rows = rate_rows(FIGURES)
    rows[-1][3] = ""
    doc = doc_maker(["x"], [table_maker(0, RATE_HEADER, rows)])
    assert not any(r.origin == "column" and r.subject == "Số xã" for r in relations(doc))
    assert failures(doc) == []


@pytest.mark.parametrize("label", ["Toàn huyện", "TOÀN TỈNH", "Toàn ngành", "Tổng số", "Tổng", "Cộng",
                                   "Tổng cộng"])
def test_total_row_words(doc_maker, table_maker, label):
    rows = rate_rows(FIGURES, total_label=label, total_first=True)
    doc = doc_maker(["x"], [table_maker(0, RATE_HEADER, rows)])
    assert TableReading(doc, doc.tables[0]).total_rows == [0]
    rows[0][4] = "46"
    found = failures(doc_maker(["x"], [table_maker(0, RATE_HEADER, rows)]))
    assert found and all((0, 4) in cells(f) for f in found)


figures_st = st.lists(st.integers(1, 900).flatmap(lambda b: st.tuples(st.just(b), st.integers(0, b))),
                      min_size=3, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures_st, st.booleans(), st.sampled_from(["", "%"]), st.data())
def test_generated_rate_tables(doc_maker, table_maker, figures, total_first, sign, data):
    header = [RATE_HEADER[0][:2] + RATE_HEADER[0][3:]]
    rows = rate_rows(figures, total_first=total_first, sign=sign, criteria=False)
    assert failures(doc_maker(["x"], [table_maker(0, header, rows)])) == []
    r = data.draw(st.integers(0, len(rows) - 1))
    step = data.draw(st.sampled_from([-30, -5, -3, 3, 5, 30]))  # tenths of a point: beyond rounding
    printed = round_half_up(Fraction(rows[r][4].rstrip("%").replace(",", ".")), 1)
    if printed + Fraction(step, 10) < 0:
        step = -step
    rows[r][4] = format_number(float(printed + Fraction(step, 10)), 1) + sign
    found = failures(doc_maker(["x"], [table_maker(0, header, rows)]))
    assert found and all((r, 4) in cells(f) for f in found)
