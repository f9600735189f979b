"""Text against tables: compared only when both speak of the same set."""
from extractor.model import Award, CellRef
from extractor.reconcile import check, relations

HEADER = [["Số TT", "Hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân"]]
ROWS = [
    ["1", "Huân chương Lao động các hạng", "27", "6", "21"],
    ["2", "Bằng khen của Thủ tướng Chính phủ", "220", "08", "212"],
    ["", "CỘNG", "247", "14", "233"],
]
NAMES = ("Huân chương Lao động", "Bằng khen của Thủ tướng Chính phủ")


def with_awards(doc):
    """The NLP stage's award records, written by hand: one per award count in the text, one per row."""
    for q in doc.quantities:
        after = doc.blocks[q.mention.block].text[q.mention.end:].strip()
        name = next((n for n in NAMES if after.startswith(n)), None)
        if name:
            doc.awards.append(Award(name, int(q.value), level="state", mentions=[q.mention]))
    for row in (0, 1):
        name = ROWS[row][1].replace(" các hạng", "")
        doc.awards.append(Award(name, None, level="state", source="table",
                                mentions=[CellRef(0, row, 2, ROWS[row][2])]))
    return doc


def make(doc_maker, table_maker, lines, rows=ROWS):
    return with_awards(doc_maker(lines, [table_maker(0, HEADER, [list(r) for r in rows], "Khen cấp Nhà nước")]))


def pairs(doc):
    return sorted((r.total.surface, r.parts[0].surface) for r in relations(doc) if r.check == "text_vs_table")


def failures(doc):
    return [f for f in check(doc).findings if f.severity in ("error", "warning")]


TEXT = ("Đã trình 247 trường hợp, gồm: 27 Huân chương Lao động các hạng cho 06 tập thể và 21 cá nhân; 220 Bằng "
        "khen của Thủ tướng Chính phủ cho 08 tập thể và 212 cá nhân.")


def test_breakdown_naming_the_table_awards_is_compared(doc_maker, table_maker):
    doc = make(doc_maker, table_maker, [TEXT])
    assert pairs(doc) == [("08", "08"), ("21", "21"), ("212", "212"), ("220", "220"), ("247", "247"),
                          ("27", "27"), ("6", "06")]
    assert failures(doc) == []


def test_text_differing_from_table_names_both(doc_maker, table_maker):
    doc = make(doc_maker, table_maker, [TEXT.replace("220 Bằng", "221 Bằng").replace("247", "248")])
    found = [f for f in failures(doc) if f.check == "text_vs_table"]
    assert {(f.locations[0].text, f.locations[1].text) for f in found} == {("220", "221"), ("247", "248")}


def test_a_subset_with_other_scope_is_not_compared(doc_maker, table_maker):
    doc = make(doc_maker, table_maker, [
        "Có 20 trường hợp bị trả lại hồ sơ (15 Huân chương Lao động và 05 Bằng khen của Thủ tướng Chính phủ)."])
    assert pairs(doc) == []
    assert failures(doc) == []


def test_text_naming_every_table_award_once(doc_maker, table_maker):
    lines = ["- Trình tặng 27 Huân chương Lao động cho 06 tập thể và 21 cá nhân.",
             "- Trình tặng 221 Bằng khen của Thủ tướng Chính phủ cho 08 tập thể và 213 cá nhân."]
    doc = make(doc_maker, table_maker, lines)
    found = failures(doc)
    assert any(f.check == "text_vs_table" and [loc.text for loc in f.locations] == ["220", "221"] for f in found)
    only_one = make(doc_maker, table_maker, lines[:1])
    assert pairs(only_one) == []  # the text does not walk through the table: scope not established


def test_figure_sent_to_the_annex_is_its_total(doc_maker, table_maker):
    doc = doc_maker(["Tổng số được khen thưởng là 1.896 trường hợp (chi tiết tại biểu kèm theo)."],
                    [table_maker(0, HEADER, [["1", "Giấy khen", "1.869", "180", "1.689"],
                                             ["", "Cộng", "1.869", "180", "1.689"]])])
    [finding] = failures(doc)
    assert finding.check == "text_vs_table" and finding.expected == 1869 and finding.actual == 1896
    assert [loc.text for loc in finding.locations] == ["1.869", "1.896"]
