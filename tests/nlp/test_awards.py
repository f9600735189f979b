from extractor.nlp import extract
from extractor.nlp.awards import canonical_award
from seed import document_from_texts

HCLD, BKTTG = "Huân chương Lao động", "Bằng khen của Thủ tướng Chính phủ"
BK_TINH, CO_TINH = "Bằng khen cấp bộ, ban, ngành, tỉnh", "Cờ thi đua của bộ, ban, ngành, tỉnh"
CSTD_TINH, TTLDXS = "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Tập thể lao động xuất sắc"
STATE, PROVINCE = "Khen thưởng cấp Nhà nước", "Khen thưởng cấp tỉnh"


def shape(a):
    """An award as (name, class, count, collectives, individuals, status, parts)."""
    return (a.award, a.class_, a.count, a.collectives, a.individuals, a.status, [shape(p) for p in a.parts])


def text_awards(doc):
    return [shape(a) for a in doc.awards if a.source == "text"]


def test_seed_body_awards(seed_doc):
    assert text_awards(seed_doc) == [
        ("Khen thưởng", None, 103, 103, None, "đề nghị", [
            ("Cờ thi đua của Chính phủ", None, 11, 11, None, None, []),
            (f"{CO_TINH} và {BK_TINH}", None, 92, 92, None, None, []),
        ]),
        (STATE, None, 259, None, None, None, [
            (HCLD, None, 27, None, None, None, [
                (HCLD, "hạng Nhất", 3, None, 3, None, []),
                (HCLD, "hạng Nhì", 4, 2, 2, None, []),
                (HCLD, "hạng Ba", 20, 4, 16, None, []),
            ]),
            (BKTTG, None, 220, 8, 212, None, []),
            ("Cờ thi đua của Chính phủ", None, 11, None, None, None, []),
            ("Chiến sĩ thi đua toàn quốc", None, 1, None, None, None, []),
        ]),
        (STATE, None, 32, None, None, "đã có quyết định", []),
        (STATE, None, 207, None, None, "chưa có quyết định", []),
        (STATE, None, 20, None, None, "trả lại hồ sơ", [
            (HCLD, None, 15, None, None, None, []),
            (BKTTG, None, 5, None, None, None, []),
        ]),
        (PROVINCE, None, 4685, None, None, None, [
            (CO_TINH, None, 46, None, None, None, [
                (CO_TINH, None, 30, 30, None, None, []),
                (CO_TINH, None, 15, 15, None, None, []),
                (CO_TINH, None, 1, 1, None, None, []),
            ]),
            (CSTD_TINH, None, 410, None, None, None, []),
            (BK_TINH, None, 3831, 673, 3158, None, [
                (BK_TINH, None, 458, 458, None, None, []),
                (BK_TINH, None, 215, 215, None, None, []),
                (BK_TINH, None, 921, None, 921, None, []),
                (BK_TINH, None, 2237, None, 2237, None, []),
            ]),
            (TTLDXS, None, 398, None, None, None, []),
        ]),
        (BKTTG, None, 1, None, 1, None, []),
        ("Khen thưởng", None, 38, None, None, "cấp đổi, cấp lại", [
            ("Huân chương", None, 23, None, None, None, []),
            ("Huy chương", None, 8, None, None, None, []),
            ("Bà mẹ Việt Nam anh hùng", None, 6, None, None, None, []),
            (BKTTG, None, 1, None, None, None, []),
        ]),
    ]


def test_seed_levels(seed_doc):
    levels = {a.award: a.level for a in seed_doc.awards}
    assert levels[HCLD] == levels[BKTTG] == levels[STATE] == "state"
    assert levels[BK_TINH] == levels[CO_TINH] == levels[TTLDXS] == levels[PROVINCE] == "ministry_province"


def walk(awards):
    for a in awards:
        yield a
        yield from walk(a.parts)


def test_award_mentions_point_at_count_then_split(seed_doc):
    [bk] = [a for a in walk(seed_doc.awards) if a.source == "text" and a.count == 3831]
    assert [m.text for m in bk.mentions] == ["3.831", "673", "3.158"]
    for m in bk.mentions:
        assert seed_doc.blocks[m.block].text[m.start:m.end] == m.text


def test_seed_table_awards(seed_doc):
    table = [(a.award, a.count, a.collectives, a.individuals) for a in seed_doc.awards if a.source == "table"]
    assert table == [
        (HCLD, 27, 6, 21), ("Chiến sĩ thi đua toàn quốc", 1, None, 1), ("Cờ thi đua của Chính phủ", 11, 11, None),
        (BKTTG, 220, 8, 212), (STATE, 259, 25, 234),
        (BK_TINH, 3831, 673, 3158), (CSTD_TINH, 410, None, 410), (CO_TINH, 46, 46, None), (TTLDXS, 398, 398, None),
        (PROVINCE, 4685, 1117, 3568),
    ]
    first = next(a for a in seed_doc.awards if a.source == "table")
    cell = first.mentions[0]
    assert (cell.table, cell.row, cell.text) == (0, 3, "27")


def test_canonical_award_is_shared_by_text_and_table():
    assert canonical_award("Bằng khen của UBND tỉnh") == canonical_award("Bằng khen của Chủ tịch UBND tỉnh") == (
        BK_TINH, None, "ministry_province")
    assert canonical_award("Huân chương Lao động hạng Ba") == (HCLD, "hạng Ba", "state")
    assert canonical_award("Huân chương Lao động các hạng") == (HCLD, None, "state")
    assert canonical_award("Tập thể Lao động xuất sắc") == (TTLDXS, None, "ministry_province")
    assert canonical_award("Giấy khen của Giám đốc Sở") == ("Giấy khen", None, "grassroots")
    assert canonical_award("Lao động tiên tiến") == ("Lao động tiên tiến", None, "grassroots")
    assert canonical_award("CỘNG") is None
    assert canonical_award("Số TT") is None


def test_tone_mark_placement_and_case_do_not_matter():
    [a] = extract(document_from_texts("Tặng 05 Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh cho 05 cá nhân.")).awards
    assert (a.award, a.count, a.individuals) == (BK_TINH, 5, 5)


def test_giver_names_a_generic_award():
    [a] = extract(document_from_texts("Trình Thủ tướng Chính phủ tặng bằng khen cho 02 tập thể và 03 cá nhân.")).awards
    assert (a.award, a.count, a.collectives, a.individuals) == (BKTTG, 5, 2, 3)
    assert [m.text for m in a.mentions] == ["02", "03"]


def test_breakdown_that_does_not_add_up_is_not_nested():
    doc = extract(document_from_texts(
        "Đã trình 30 Huân chương Lao động các hạng, gồm: 03 Huân chương Lao động hạng Nhất, 04 Huân chương Lao động hạng Nhì."
    ))
    [parent] = doc.awards
    assert [p.count for p in parent.parts] == [3, 4]


def test_counts_without_award_are_not_awards():
    doc = extract(document_from_texts("Đã giải quyết 34 trường hợp, còn 04 trường hợp chưa cấp đổi.",
                                      "Chủ tịch UBND tỉnh đã tặng Bằng khen cho tập thể, cá nhân tiêu biểu."))
    assert doc.awards == []
