import pytest
from hypothesis import given, settings, strategies as st

from extractor.nlp import extract
from extractor.nlp.awards import canonical_award
from extractor.vn.numbers import format_number
from seed import document_from_texts

HCLD, BKTTG = "Huân chương Lao động", "Bằng khen của Thủ tướng Chính phủ"
BK_TINH, CO_TINH = "Bằng khen cấp bộ, ban, ngành, tỉnh", "Cờ thi đua của bộ, ban, ngành, tỉnh"
CSTD_TINH, TTLDXS = "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Tập thể lao động xuất sắc"


def shape(a):
    """An award as (name, class, count, collectives, individuals, status, parts)."""
    return (a.award, a.class_, a.count, a.collectives, a.individuals, a.status, [shape(p) for p in a.parts])


def text_awards(doc):
    return [shape(a) for a in doc.awards if a.source == "text"]


def test_seed_body_awards(seed_doc):
    """One record per stated count of one award form; class breakdowns nested; group totals,
    status splits, purpose splits and re-issued documents are not records; a count shared by two
    forms is one record naming both."""
    assert text_awards(seed_doc) == [
        ("Cờ thi đua của Chính phủ", None, 11, 11, None, "proposed", []),
        (f"{CO_TINH}; {BK_TINH}", None, 92, 92, None, "proposed", []),
        (HCLD, None, 27, None, None, "proposed", [
            (HCLD, "hạng Nhất", 3, None, 3, "proposed", []),
            (HCLD, "hạng Nhì", 4, 2, 2, "proposed", []),
            (HCLD, "hạng Ba", 20, 4, 16, "proposed", []),
        ]),
        (BKTTG, None, 220, 8, 212, "proposed", []),
        ("Chiến sĩ thi đua toàn quốc", None, 1, None, None, "proposed", []),
        (HCLD, None, 15, None, None, "returned", []),
        (BKTTG, None, 5, None, None, "returned", []),
        (CO_TINH, None, 46, None, None, None, []),
        (CSTD_TINH, None, 410, None, None, None, []),
        (BK_TINH, None, 3831, 673, 3158, None, []),
        (TTLDXS, None, 398, None, None, None, []),
        (BKTTG, None, 1, None, 1, "proposed", []),
    ]


def test_seed_levels(seed_doc):
    levels = {a.award: a.level for a in seed_doc.awards}
    assert levels[HCLD] == levels[BKTTG] == levels["Cờ thi đua của Chính phủ"] == "state"
    assert levels[BK_TINH] == levels[CO_TINH] == levels[TTLDXS] == levels[CSTD_TINH] == "ministry_province"


def walk(awards):
    for a in awards:
        yield a
        yield from walk(a.parts)


def test_award_mentions_point_at_count_then_split(seed_doc):
    [bk] = [a for a in walk(seed_doc.awards) if a.source == "text" and a.count == 3831]
    assert [m.text for m in bk.mentions] == ["3.831", "673", "3.158"]
    for m in bk.mentions:
        assert seed_doc.blocks[m.block].text[m.start:m.end] == m.text


def test_a_count_stated_twice_is_one_record_with_both_mentions(seed_doc):
    [flag] = [a for a in seed_doc.awards if a.source == "text" and a.award == "Cờ thi đua của Chính phủ"]
    assert [m.text for m in flag.mentions] == ["11", "11"]
    blocks = [seed_doc.blocks[m.block].text for m in flag.mentions]
    assert "103 tập thể" in blocks[0] and "259 trường hợp" in blocks[1]


def test_seed_table_awards(seed_doc):
    table = [(a.award, a.count, a.collectives, a.individuals) for a in seed_doc.awards if a.source == "table"]
    assert table == [
        (HCLD, 27, 6, 21), ("Chiến sĩ thi đua toàn quốc", 1, None, 1), ("Cờ thi đua của Chính phủ", 11, 11, None),
        (BKTTG, 220, 8, 212),
        (BK_TINH, 3831, 673, 3158), (CSTD_TINH, 410, None, 410), (CO_TINH, 46, 46, None), (TTLDXS, 398, 398, None),
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


@pytest.mark.parametrize("cue", ["gồm:", "bao gồm:", "cụ thể:", "trong đó:", "chia ra:", "trong đó có"])
def test_every_list_cue_of_the_checker_opens_a_breakdown(cue):
    doc = extract(document_from_texts(
        f"Đã trình 27 Huân chương Lao động, {cue} 03 Huân chương Lao động hạng Nhất, 04 Huân chương Lao động "
        "hạng Nhì, 20 Huân chương Lao động hạng Ba."
    ))
    [parent] = doc.awards
    assert (parent.count, [(p.class_, p.count) for p in parent.parts]) == (
        27, [("hạng Nhất", 3), ("hạng Nhì", 4), ("hạng Ba", 20)])


def test_counts_without_award_are_not_awards():
    doc = extract(document_from_texts("Đã giải quyết 34 trường hợp, còn 04 trường hợp chưa cấp đổi.",
                                      "Chủ tịch UBND tỉnh đã tặng Bằng khen cho tập thể, cá nhân tiêu biểu."))
    assert doc.awards == []


def records(*texts):
    return [shape(a) for a in extract(document_from_texts(*texts)).awards]


def test_cases_under_a_lead_are_not_records_and_give_their_status():
    assert records(
        "UBND huyện kính đề nghị Chủ tịch UBND tỉnh xem xét, khen thưởng 46 trường hợp, cụ thể:",
        "- Tặng 02 Cờ thi đua của UBND tỉnh cho xã Vĩnh Phú là đơn vị dẫn đầu;",
        "- Tặng 44 Bằng khen của Chủ tịch UBND tỉnh cho 11 tập thể và 33 cá nhân.",
    ) == [
        (CO_TINH, None, 2, None, None, "proposed", []),
        (BK_TINH, None, 44, 11, 33, "proposed", []),
    ]


def test_status_splits_and_group_totals_are_not_records():
    assert records(
        "- Khen thưởng cấp Nhà nước: Đã trình 12 trường hợp, gồm: 12 Bằng khen của Thủ tướng Chính phủ. Trong đó:",
        "+ 09 trường hợp đã có quyết định.",
        "+ 03 trường hợp bị trả lại hồ sơ (02 Bằng khen của Thủ tướng Chính phủ và 01 Cờ thi đua của Chính phủ).",
    ) == [
        (BKTTG, None, 12, None, None, "proposed", []),
        (BKTTG, None, 2, None, None, "returned", []),
        ("Cờ thi đua của Chính phủ", None, 1, None, None, "returned", []),
    ]


def test_class_breakdown_in_brackets_is_kept_as_parts():
    [hcld] = records("Đã trình 21 Huân chương Lao động các hạng (06 Huân chương Lao động hạng Nhất cho 06 cá nhân; "
                     "14 Huân chương Lao động hạng Nhì cho 14 cá nhân; 01 Huân chương Lao động hạng Ba cho 01 cá nhân).")
    assert hcld == (HCLD, None, 21, None, None, "proposed", [
        (HCLD, "hạng Nhất", 6, None, 6, "proposed", []),
        (HCLD, "hạng Nhì", 14, None, 14, "proposed", []),
        (HCLD, "hạng Ba", 1, None, 1, "proposed", []),
    ])


def test_classes_named_without_the_award_belong_to_the_award_before():
    [hcld] = records("Bộ đã trình khen thưởng 09 Huân chương Lao động (02 hạng Nhì, 07 hạng Ba).")
    assert [(p[1], p[2]) for p in hcld[6]] == [("hạng Nhì", 2), ("hạng Ba", 7)]


def test_purpose_breakdowns_stay_quantities():
    doc = extract(document_from_texts(
        "+ 46 Cờ thi đua cấp tỉnh (trong đó: 30 tập thể khen thưởng KT-XH, 16 tập thể khen thưởng chuyên đề).",
        "+ 700 Bằng khen của Chủ tịch UBND tỉnh cho 200 tập thể (150 tập thể khen chuyên đề; 50 tập thể khen KT-XH) "
        "và 500 cá nhân."))
    assert [shape(a) for a in doc.awards] == [
        (CO_TINH, None, 46, None, None, None, []),
        (BK_TINH, None, 700, 200, 500, None, []),
    ]
    assert {"30", "16", "150", "50"} <= {q.text for q in doc.quantities}


def test_a_count_shared_by_two_forms_is_one_record_naming_both():
    assert records("Có 40 tập thể được Chủ tịch UBND tỉnh tặng Cờ thi đua cấp tỉnh và Bằng khen.") == [
        (f"{CO_TINH}; {BK_TINH}", None, 40, 40, None, "awarded", [])]


def test_reissued_award_documents_are_not_award_counts():
    assert records("Lập tờ trình đề nghị cấp đổi, cấp lại hiện vật cho 12 trường hợp (10 Huân chương các loại "
                   "và 02 Bằng khen của Thủ tướng Chính phủ).") == []


@pytest.mark.parametrize("text", [
    "Cụm có từ 08 đơn vị trở lên được bình xét 02 Cờ thi đua; cụm còn lại được bình xét 01 Cờ thi đua.",
    "Mỗi sở đề nghị tối đa 03 Bằng khen của Chủ tịch UBND tỉnh cho tập thể.",
    "Hồ sơ phải có ít nhất 02 Bằng khen cấp tỉnh trong 05 năm gần nhất.",
])
def test_quotas_and_minimums_are_not_award_counts(text):
    assert records(text) == []


def test_awards_a_candidate_must_already_hold_are_not_award_counts():
    assert records("c) Đơn vị đã hoạt động 15 năm, trong đó có 03 lần được tặng Cờ thi đua cấp tỉnh "
                   "hoặc 02 lần được tặng Cờ thi đua cấp tỉnh và 04 Bằng khen của Chủ tịch UBND tỉnh.") == []
    # the criterion ends with its sentence
    assert records("Tiêu chuẩn gồm 02 lần liên tục được tặng Cờ thi đua cấp tỉnh. "
                   "Năm 2024, Chủ tịch UBND tỉnh tặng 06 Bằng khen.") == [(BK_TINH, None, 6, None, None, "awarded", [])]


def test_a_selection_round_before_the_proposal_is_no_quota():
    assert records("Qua bình xét, Hội đồng đề nghị tặng 07 Cờ thi đua cấp tỉnh.") == [
        (CO_TINH, None, 7, None, None, "proposed", [])]


def test_the_giver_after_an_award_name_does_not_hide_its_recipients():
    assert records("Đề nghị tặng 05 Bằng khen của Bộ trưởng Bộ Y tế cho 02 tập thể và 03 cá nhân.") == [
        (BK_TINH, None, 5, 2, 3, "proposed", [])]


def test_status_from_give_verbs_proposals_and_false_friends():
    assert records(
        "Chủ tịch UBND tỉnh tặng 45 Bằng khen cho 20 tập thể và 25 cá nhân; UBND tỉnh đề nghị Thủ tướng Chính phủ "
        "tặng 03 Bằng khen của Thủ tướng Chính phủ cho 01 tập thể và 02 cá nhân.",
        "Theo chương trình công tác, khối thi đua có 06 danh hiệu Tập thể lao động xuất sắc.",
    ) == [
        (BK_TINH, None, 45, 20, 25, "awarded", []),
        (BKTTG, None, 3, 1, 2, "proposed", []),
        (TTLDXS, None, 6, None, None, None, []),
    ]


def test_table_total_rows_and_group_rows_are_not_award_records():
    doc = document_from_texts("Phụ lục")
    doc.tables = [table(["Số TT", "Hình thức đề nghị", "Tập thể", "Cá nhân", "Cộng"], [
        ["1", "Huân chương Lao động hạng Ba", "03", "02", "05"],
        ["2", "Khen thưởng cấp Nhà nước", "03", "02", "05"],
        ["", "Tổng cộng", "03", "02", "05"],
    ])]
    awards = extract(doc).awards
    assert [(a.award, a.class_, a.count, a.collectives, a.individuals, a.source) for a in awards] == [
        (HCLD, "hạng Ba", 5, 3, 2, "table")]
    assert (awards[0].mentions[0].row, awards[0].mentions[0].col) == (0, 4)


def table(header, rows):
    from extractor.model import Cell, Table
    from extractor.vn.numbers import parse_cell

    cells = [[Cell(row=r, col=c, text=t, value=parse_cell(t)) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    return Table(index=0, title="Tổng hợp", pages=[], header=[header], rows=cells, after_block=0)


@settings(max_examples=40, deadline=None)
@given(classes=st.lists(st.integers(1, 400), min_size=1, max_size=3), others=st.lists(st.integers(1, 3000), min_size=3,
                                                                                           max_size=3),
       lead=st.sampled_from([("Đã trình cấp có thẩm quyền khen thưởng", "proposed"),
                             ("Chủ tịch UBND tỉnh đã khen thưởng", "awarded"), ("Tổng số", None)]))
def test_any_group_sentence_gives_one_record_per_stated_count(classes, others, lead):
    """A lead over several forms, a class breakdown and forms with recipients: whatever the
    figures, the records are the stated counts, with the lead's status."""
    names = ["hạng Nhất", "hạng Nhì", "hạng Ba"][:len(classes)]
    hcld = sum(classes)
    flags, kt, coll = others
    total = hcld + flags + kt + coll + 1
    parts = "; ".join(f"{format_number(n)} Huân chương Lao động {c}" for n, c in zip(classes, names))
    text = (f"{lead[0]} {format_number(total)} trường hợp, gồm: {format_number(hcld)} Huân chương Lao động các hạng "
            f"({parts}); {format_number(flags)} Cờ thi đua của Chính phủ; {format_number(kt + coll + 1)} Bằng khen của "
            f"Thủ tướng Chính phủ cho {format_number(coll + 1)} tập thể và {format_number(kt)} cá nhân.")
    status = lead[1]
    assert records(text) == [
        (HCLD, None, hcld, None, None, status, [(HCLD, c, n, None, None, status, []) for n, c in zip(classes, names)]),
        ("Cờ thi đua của Chính phủ", None, flags, None, None, status, []),
        (BKTTG, None, kt + coll + 1, coll + 1, kt, status, []),
    ]


def test_cases_given_one_award_form_are_a_record():
    assert records("Trong đó, có 15 trường hợp được tặng Huân chương Lao động hạng Ba.") == [
        (HCLD, "hạng Ba", 15, None, None, "awarded", [])]


def test_a_joint_count_gives_way_to_the_forms_listed_under_it():
    assert records("Đề nghị tặng 30 Cờ thi đua cấp tỉnh và Bằng khen, gồm: 10 Cờ thi đua cấp tỉnh, 20 Bằng khen của "
                   "Chủ tịch UBND tỉnh.") == [(CO_TINH, None, 10, None, None, "proposed", []),
                                               (BK_TINH, None, 20, None, None, "proposed", [])]


FRAGMENTS = ["12", "03", "1.245", "trường hợp", "tập thể", "cá nhân", "Huân chương Lao động", "hạng Nhì", "các hạng",
             "Bằng khen", "của Thủ tướng Chính phủ", "Cờ thi đua cấp tỉnh", "danh hiệu", "và", "cho", ",", ";", ":",
             "(", ")", "gồm", "trong đó", "đã trình", "tặng", "trả lại", "cấp đổi", "Khen thưởng cấp Nhà nước", ".",
             "tối đa", "lần được tặng", "được bình xét"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25), min_size=1, max_size=3),
       st.sampled_from(["", "- ", "+ "]))
def test_any_jumble_of_award_words_reads_without_error(paragraphs, bullet):
    doc = extract(document_from_texts(*(bullet + " ".join(words) for words in paragraphs)))
    for award in walk(doc.awards):
        assert isinstance(award.count, int) and award.status in (None, "proposed", "awarded", "returned")
        assert " và " not in award.award
        for m in award.mentions:
            assert doc.blocks[m.block].text[m.start:m.end] == m.text


# -- phrasings offices use (sentences invented for the test; each one a general rule) ------------

AHLD, AHLL = "Anh hùng Lao động", "Anh hùng Lực lượng vũ trang nhân dân"


@pytest.mark.parametrize("text, expected", [
    ("Hội đồng thống nhất đề nghị Huân chương Lao động hạng Ba: 3 cá nhân.",
     (HCLD, "hạng Ba", 3, None, 3, "proposed")),
    ("Bộ trưởng ký quyết định tặng Bằng khen đối với 2 tập thể có thành tích.",
     (BK_TINH, None, 2, 2, None, "awarded")),
    ("Đề nghị tặng Huân chương Lao động hạng Nhì với 1 tập thể, 4 cá nhân.",
     (HCLD, "hạng Nhì", 5, 1, 4, "proposed")),
    ("UBND huyện tặng Giấy khen cho 12 tập thể tiêu biểu.", ("Giấy khen", None, 12, 12, None, "awarded")),
    ("Có 7 tập thể được tặng Cờ thi đua của Chính phủ.", ("Cờ thi đua của Chính phủ", None, 7, 7, None, "awarded")),
    ("Đề nghị tặng Cờ thi đua của Chính phủ: 02 tập thể.",
     ("Cờ thi đua của Chính phủ", None, 2, 2, None, "proposed")),
    ("Công nhận danh hiệu Tập thể lao động xuất sắc: 150 tập thể.", (TTLDXS, None, 150, 150, None, "awarded")),
    ("Trình tặng Bằng khen của Thủ tướng Chính phủ (05 tập thể, 10 cá nhân).",
     (BKTTG, None, 15, 5, 10, "proposed")),
    ("Chủ tịch nước phong tặng danh hiệu Anh hùng Lao động cho sáu đơn vị, cá nhân.",
     (AHLD, None, 6, None, None, "awarded")),
    ("Theo quyết định, bảy tập thể được phong tặng danh hiệu Anh hùng Lực lượng vũ trang nhân dân.",
     (AHLL, None, 7, 7, None, "awarded")),
    ("Có 10 tập thể, 4 cá nhân đã được Thủ tướng ký quyết định tặng bằng khen.",
     (BKTTG, None, 14, 10, 4, "awarded")),
    ("Có 3 tập thể vinh dự nhận Cờ thi đua của Chính phủ năm nay.",
     ("Cờ thi đua của Chính phủ", None, 3, 3, None, "awarded")),
    ("Chủ tịch nước truy tặng danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng” cho 2 mẹ ở xã Yên Hòa.",
     ("Bà mẹ Việt Nam anh hùng", None, 2, None, 2, "awarded")),
    ("Chủ tịch nước tặng danh hiệu Nhà giáo ưu tú cho 40 nhà giáo của tỉnh.",
     ("Nhà giáo ưu tú", None, 40, None, 40, "awarded")),
    ("Tỉnh đề nghị tặng Cờ thi đua của Bộ cho 15Sở Giáo dục và Đào tạo.", (CO_TINH, None, 15, 15, None, "proposed")),
    ("UBND tỉnh tặng Bằng khen cho 285 lượt tập thể, 596 lượt cá nhân.", (BK_TINH, None, 881, 285, 596, "awarded")),
    ("Chiến sĩ thi đua cấp cơ sở: 07 đ/c.", ("Chiến sĩ thi đua cơ sở", None, 7, None, 7, None)),
    ("Chủ tịch UBND tỉnh tặng Chiến sĩ thi đua cấp tỉnh cho 18/20 cá nhân đạt tiêu chuẩn.",
     (CSTD_TINH, None, 18, None, 18, "awarded")),
])
def test_award_counts_in_every_phrasing(text, expected):
    assert [r[:6] for r in records(text)] == [expected]


def test_one_count_shared_by_two_forms():
    assert [r[:6] for r in records("Khen thưởng Huân chương Lao động và Bằng khen của Thủ tướng Chính phủ: "
                                   "20 tập thể và 40 cá nhân.")] == [
        (f"{HCLD}; {BKTTG}", None, 60, 20, 40, None)]
    assert [r[:6] for r in records("Có 35 tập thể, 120 cá nhân được tặng bằng khen, giấy khen.")] == [
        ("Bằng khen; Giấy khen", None, 155, 35, 120, "awarded")]
    assert [r[:6] for r in records("Có 12 tập thể được nhận Huân chương Lao động hạng Nhì, hạng Ba.")] == [
        (HCLD, None, 12, 12, None, "awarded")]


def test_one_count_over_collectives_and_individuals_sets_neither():
    assert [r[:6] for r in records("Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho 20 tập thể, cá nhân.")] == [
        (BK_TINH, None, 20, None, None, "proposed")]


def test_recipients_of_an_award_named_before_are_not_a_title_count():
    """'tặng danh hiệu X cho 125 <title Y>': 125 people get X; Y is who they already are."""
    assert [r[:6] for r in records("Chủ tịch nước tặng danh hiệu Nghệ sĩ nhân dân cho 30 Nghệ sĩ ưu tú.")] == [
        ("Nghệ sĩ nhân dân", None, 30, None, 30, "awarded")]


def test_recipient_groups_after_a_semicolon_or_comma_take_the_award_before():
    assert [r[:5] for r in records("Thủ tướng Chính phủ tặng bằng khen cho 6 cá nhân thuộc Sở Y tế; 2 cá nhân thuộc "
                                   "Bệnh viện tỉnh; 9 tập thể và 11 cá nhân thuộc Công an tỉnh.")] == [
        (BKTTG, None, 6, None, 6), (BKTTG, None, 2, None, 2), (BKTTG, None, 20, 9, 11)]
    assert [r[:5] for r in records("Chủ tịch UBND tỉnh tặng Cờ thi đua cho 5 tập thể; tặng Bằng khen cho 30 tập thể "
                                   "có thành tích trong năm học 2022 - 2023, 12 tập thể hoàn thành xuất sắc nhiệm vụ.")] == [
        (CO_TINH, None, 5, 5, None), (BK_TINH, None, 30, 30, None), (BK_TINH, None, 12, 12, None)]


def test_other_work_after_a_semicolon_does_not_take_the_award():
    assert [r[:5] for r in records("Đề nghị tặng Chiến sĩ thi đua cấp tỉnh cho 16 cá nhân; thống nhất giới thiệu "
                                   "2 tập thể, 6 cá nhân tham dự lễ kỷ niệm.")] == [(CSTD_TINH, None, 16, None, 16)]


def test_a_class_breakdown_in_brackets_after_the_recipients():
    [whole] = extract(document_from_texts(
        "Đề nghị tặng Huân chương Lao động các hạng cho 4 tập thể, 5 cá nhân (hạng Nhất 1 tập thể; hạng Nhì "
        "2 tập thể, 1 cá nhân; hạng Ba cho 1 tập thể và 4 cá nhân).")).awards
    assert (whole.count, whole.collectives, whole.individuals) == (9, 4, 5)
    assert [(p.class_, p.count, p.collectives, p.individuals, p.status) for p in whole.parts] == [
        ("hạng Nhất", 1, 1, None, "proposed"), ("hạng Nhì", 3, 2, 1, "proposed"), ("hạng Ba", 5, 1, 4, "proposed")]


@pytest.mark.parametrize("text", [
    "Bằng khen của tỉnh: 01 bộ hồ sơ bản chính.",  # a dossier count
    "Tổng Liên đoàn đón nhận Huân chương Lao động lần thứ 3.",  # an ordinal
    "Bộ đội Biên phòng tặng Bằng khen cho Đoàn 3 và Đoàn 1 sau chuyên án lúc 2 giờ 45 phút.",  # names and a time
    "Tặng Bằng khen cho các tập thể tham gia khắc phục hậu quả bão số 3 trên Quốc lộ 1.",  # storm and road numbers
    "Đại hội khóa XIV tặng Giấy khen cho đại biểu; xăng RON 95 được cấp cho 12 đơn vị.",  # a fuel grade
    "Thực hiện Thông tư 12/2019/TT-BNV, Huân chương Lao động được tặng cho cá nhân có 5 năm công tác.",
])
def test_numbers_of_names_codes_and_times_are_never_counts(text):
    assert records(text) == []


def test_a_lead_status_passes_to_list_items():
    assert [r[:6] for r in records(
        "Hội đồng bỏ phiếu đề nghị khen thưởng 25 tập thể, cụ thể:",
        "- Tặng Bằng khen của Thủ tướng Chính phủ cho 10 tập thể;",
        "- Tặng Cờ thi đua của Chính phủ cho 15 tập thể.")] == [
        (BKTTG, None, 10, 10, None, "proposed"), ("Cờ thi đua của Chính phủ", None, 15, 15, None, "proposed")]


def test_a_list_in_one_sentence_takes_the_status_its_lead_states():
    assert [r[5] for r in records("Hội đồng bỏ phiếu đề nghị tặng các danh hiệu: Cờ thi đua của UBND tỉnh cho 12 "
                                   "tập thể; Chiến sĩ thi đua cấp tỉnh cho 20 cá nhân; Huân chương Lao động hạng Ba "
                                   "cho 1 tập thể.")] == ["proposed"] * 3


def test_a_give_verb_after_the_lead_s_colon_speaks_for_the_counts():
    assert [r[5] for r in records("Xét hồ sơ các tập thể, cá nhân đề nghị khen thưởng năm 2024, Hội đồng thống "
                                   "nhất: Tặng danh hiệu Lao động tiên tiến cho 150 cá nhân; danh hiệu Chiến sĩ thi "
                                   "đua cơ sở cho 30 cá nhân.")] == ["awarded"] * 2
    assert [r[5] for r in records("Hội đồng thống nhất đề nghị: tặng Bằng khen của Thủ tướng Chính phủ cho 5 tập "
                                   "thể; Chiến sĩ thi đua toàn quốc cho 1 cá nhân.")] == ["proposed"] * 2


def test_a_sentence_opening_with_trong_do_takes_the_status_of_the_sentence_before():
    assert [r[5] for r in records("Hội đồng thống nhất đề nghị lên Trung ương 12 tập thể, cá nhân được khen thưởng. "
                                   "Trong đó, có 2 tập thể nhận Huân chương Lao động hạng Ba; 10 cá nhân nhận Bằng "
                                   "khen của Thủ tướng Chính phủ.")] == ["proposed"] * 2
