"""Award records from statistical forms and annex tables (made-up forms read through the parser)."""
from extractor.pipeline import process


def awards_of(tmp_path, table: str):
    path = tmp_path / "bieu-mau.md"
    path.write_text("# BIỂU MẪU SỐ 01\n\n## Tổng hợp khen thưởng\n\n" + table.strip() + "\n", "utf-8")
    doc = process(path, until="extract")
    return [a for a in doc.awards if a.source == "table"]


FORM = """
| STT | Hình thức khen thưởng | Số đã trình |  | Số đã có quyết định |  |
|---|---|---|---|---|---|
|  |  | Tập thể | Cá nhân | Tập thể | Cá nhân |
| 1 | Huân chương Lao động hạng Ba | 2 | 5 | 1 | 4 |
| 2 | Chiến sĩ thi đua toàn quốc | 3 |  | 2 |  |
| 3 | Cờ thi đua của Chính phủ |  | 2 | - | 1 |
|  | Cộng | 5 | 7 | 3 | 5 |
"""


def test_each_status_group_of_a_form_is_a_record(tmp_path):
    found = {(a.award, a.class_, a.status): (a.count, a.collectives, a.individuals) for a in awards_of(tmp_path, FORM)}
    assert found[("Huân chương Lao động", "hạng Ba", "proposed")] == (7, 2, 5)
    assert found[("Huân chương Lao động", "hạng Ba", "awarded")] == (5, 1, 4)


def test_an_individual_title_in_the_collectives_column_counts_individuals(tmp_path):
    found = {(a.award, a.status): a for a in awards_of(tmp_path, FORM)}
    proposed = found[("Chiến sĩ thi đua toàn quốc", "proposed")]
    assert (proposed.count, proposed.collectives, proposed.individuals) == (3, None, 3)
    flag = found[("Cờ thi đua của Chính phủ", "awarded")]  # and a collective title the other way
    assert (flag.count, flag.collectives, flag.individuals) == (1, 1, None)


def test_total_rows_and_rows_without_figures_give_no_record(tmp_path):
    assert all(a.award != "Cộng" for a in awards_of(tmp_path, FORM))
    assert len(awards_of(tmp_path, FORM)) == 6


def test_a_plain_annex_with_collectives_and_individuals_and_no_total(tmp_path):
    table = """
| STT | Hình thức khen thưởng | Tập thể | Cá nhân |
|---|---|---|---|
| 1 | Bằng khen của Thủ tướng Chính phủ | 3 | 12 |
| 2 | Huân chương Lao động hạng Nhì | - | 1 |
"""
    found = {a.award: (a.count, a.collectives, a.individuals, a.status) for a in awards_of(tmp_path, table)}
    assert found["Bằng khen của Thủ tướng Chính phủ"] == (15, 3, 12, None)
    assert found["Huân chương Lao động"] == (1, None, 1, None)
