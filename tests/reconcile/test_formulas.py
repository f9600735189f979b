"""Tables as offices draw them: column numbers under the header, formulas written in it, rates
printed as fractions, "trong đó" rows, negatives and mixed decimal styles (made-up tables read
through the parser, as a report would be)."""
from extractor.pipeline import process
from extractor.reconcile import relations
from extractor.reconcile.checks import judge, relation_formula


def report(tmp_path, *tables: str):
    path = tmp_path / "bao-cao.md"
    path.write_text("# BÁO CÁO\n\n## Kết quả\n\n" + "\n\n".join(t.strip() for t in tables) + "\n", "utf-8")
    return path


def errors(path):
    return [f for f in process(path).findings if f.severity in ("error", "warning")]


def formulas(path):
    doc = process(path, until="extract")
    return [relation_formula(r, judge(r)) for r in relations(doc)]


SUMS = """
| STT | Đơn vị | Tổng số | Tập thể | Cá nhân | Kế hoạch | Thực hiện | Chênh lệch |
|---|---|---|---|---|---|---|---|
| 1 | 2 | 3=4+5 | 4 | 5 | 6 | 7 | 8=7-6 |
| 1 | Xã A | 12 | 5 | 7 | 10 | 12 | 2 |
| 2 | Xã B | 10 | 4 | 6 | 10 | 8 | (2) |
|  | Trong đó: nữ | 3 | 1 | 2 | 1 | 1 | - |
|  | Cộng | 22 | 9 | 13 | 20 | 20 | - |
"""


def test_the_row_of_column_numbers_is_header_not_data(tmp_path):
    doc = process(report(tmp_path, SUMS), until="parse")
    table = doc.tables[0]
    assert table.key_row == 1 and table.header[1][2] == "3=4+5"
    assert [c.text for c in table.rows[0]][:2] == ["1", "Xã A"]
    assert table.column_labels()[2] == "Tổng số"


def test_header_formulas_hold_on_every_row_and_trong_do_is_no_addend(tmp_path):
    path = report(tmp_path, SUMS)
    found = formulas(path)
    assert "12 = 2 + 10" in found and "8 = (2) + 10" in found  # (8) = (7) - (6), read as 7 = 8 + 6
    assert "22 = 12 + 10" in found  # the "Trong đó" row is not summed into "Cộng"
    assert errors(path) == []


def test_a_row_breaking_a_header_formula_is_one_error_there(tmp_path):
    path = report(tmp_path, SUMS.replace("| 10 | 8 | (2) |", "| 10 | 8 | (3) |"))
    row, column = sorted(errors(path), key=lambda f: len(f.locations))  # and the "Cộng" row's "-"
    assert {(loc.row, loc.col) for loc in row.locations} == {(1, 6), (1, 7), (1, 5)}
    assert {(loc.row, loc.col) for loc in column.locations} == {(3, 7), (0, 7), (1, 7)}


RATES = """
| STT | Đơn vị | Số hồ sơ | Đúng hạn | {label} |
|---|---|---|---|---|
| [1] | [2] | [3] | [4] | [5]=([4]/[3]) |
| 1 | Xã A | 500 | 310 | {a} |
| 2 | Xã B | 200 | 150 | {b} |
| 3 | Xã C | 300 | 270 | {c} |
"""


def test_a_fraction_under_a_percent_header_is_one_scale_finding(tmp_path):
    path = report(tmp_path, RATES.format(label="Tỷ lệ (%)", a="0,62", b="0,75", c="0,9"))
    [finding] = errors(path)
    assert "310/500 = 62" in finding.message and "100" in finding.message
    assert finding.locations[0].row == 0
    cells = report(tmp_path, RATES.format(label="Tỷ lệ", a="0,62%", b="0,75%", c="0,9%"))
    assert len(errors(cells)) == 1


def test_a_bare_rate_written_as_the_quotient_its_formula_says_holds(tmp_path):
    path = report(tmp_path, RATES.format(label="Tỷ lệ", a="0,62", b="0,75", c="0,9"))
    assert "0,62 ≈ 310/500 = 0,6200" in formulas(path)
    assert errors(path) == []


def test_percentages_with_the_rounding_their_decimals_allow(tmp_path):
    path = report(tmp_path, RATES.format(label="Tỷ lệ %", a="62,0", b="75", c="90,00"))
    assert "62,0 ≈ 310/500 = 62,000%" in formulas(path)
    assert errors(path) == []
    [finding] = errors(report(tmp_path, RATES.format(label="Tỷ lệ %", a="62,0", b="76", c="90,00")))
    assert finding.check == "percentage" and finding.expected == 75


BARE_RATIO = """
| STT | Đơn vị | Kế hoạch | Thực hiện | Hệ số |
|---|---|---|---|---|
| (1) | (2) | (3) | (4) | (5)=(4/3) |
| 1 | Xã A | 40 | 38 | {a} |
| 2 | Xã B | 25 | 20 | 0,80 |
| 3 | Xã C | 16 | 12 | 0,75 |
"""


def test_a_bare_quotient_is_judged_on_the_scale_its_rows_agree_with(tmp_path):
    assert errors(report(tmp_path, BARE_RATIO.format(a="0,95"))) == []
    [finding] = errors(report(tmp_path, BARE_RATIO.format(a="0,59")))
    assert finding.check == "ratio" and finding.locations[0].row == 0


def test_a_label_formula_names_its_columns_by_key(tmp_path):
    table = """
| STT | Đơn vị | Số xã (3) | Số xã đạt (4) | Tỷ lệ % (4:3) |
|---|---|---|---|---|
| 1 | A | 10 | 5 | 50,0 |
| 2 | B | 8 | 2 | 25,0 |
| 3 | C | 4 | 3 | 70,0 |
"""
    [finding] = errors(report(tmp_path, table))
    assert finding.expected == 75.0


def test_a_cell_whose_style_is_ambiguous_is_not_used_for_an_error(tmp_path):
    table = """
| STT | Mặt hàng | Tháng 1 | Tháng 2 | Cộng |
|---|---|---|---|---|
| 1 | Gạo | 98.75 | 101,20 | 199,95 |
| 2 | Thịt | 1.234 | 2,5 | 3,734 |
"""
    doc = process(report(tmp_path, table), until="parse")
    assert [c.number.value for c in doc.tables[0].rows[0][2:]] == [98.75, 101.2, 199.95]
    assert doc.tables[0].rows[1][2].number.ambiguous
    assert errors(report(tmp_path, table)) == []
