from hypothesis import given, settings, strategies as st

from extractor.nlp import extract
from extractor.vn.numbers import format_number
from seed import document_from_texts


def quantities_of(*texts):
    return extract(document_from_texts(*texts)).quantities


def test_every_mention_covers_its_surface(seed_doc):
    assert seed_doc.quantities
    for q in seed_doc.quantities:
        m = q.mention
        assert seed_doc.blocks[m.block].text[m.start:m.end] == m.text == q.text


def by_text(doc, block_words, text):
    return [q for q in doc.quantities if q.text == text and block_words in doc.blocks[q.mention.block].text]


def test_seed_money_percent_ratio(seed_doc):
    [alloc] = by_text(seed_doc, "ngân sách cấp", "13.380")
    assert (alloc.value, alloc.kind, alloc.unit) == (13380, "money", "triệu đồng")
    [fund] = by_text(seed_doc, "tổng kinh phí", "2,08")
    assert (fund.value, fund.decimals, fund.unit) == (2.08, 2, "tỷ đồng")
    [pct] = by_text(seed_doc, "Tỷ lệ khen thưởng cấp Nhà nước về", "20,2%")
    assert (pct.value, pct.kind, pct.unit, pct.decimals) == (20.2, "percent", "%", 1)
    [ratio] = by_text(seed_doc, "Tỷ lệ khen thưởng cấp Nhà nước về", "47/233")
    assert (ratio.value, ratio.denominator, ratio.kind) == (47, 233, "ratio")
    [ratio] = by_text(seed_doc, "Tỷ lệ khen thưởng cấp tỉnh (", "1.218/3.568")
    assert (ratio.value, ratio.denominator) == (1218, 3568)
    [communes] = by_text(seed_doc, "nâng tổng số toàn tỉnh", "85/85")
    assert (communes.unit, communes.counts) == ("xã", "xã")


def test_seed_counts_name_what_they_count(seed_doc):
    [cases] = by_text(seed_doc, "Đã trình cấp thẩm quyền", "259")
    assert (cases.kind, cases.unit, cases.counts) == ("count", "trường hợp", "trường hợp")
    [medals] = by_text(seed_doc, "Đã trình cấp thẩm quyền", "27")
    assert medals.counts == "Huân chương Lao động"
    [flags] = by_text(seed_doc, "+ 46 Cờ thi đua", "46")
    assert flags.counts == "Cờ thi đua của bộ, ban, ngành, tỉnh"
    [titles] = by_text(seed_doc, "+ 410 danh hiệu", "410")
    assert titles.counts == "Chiến sĩ thi đua bộ, ban, ngành, tỉnh"


def test_seed_has_no_dates_years_references_or_markers(seed_doc):
    texts = {q.text for q in seed_doc.quantities}
    assert not texts & {"2021", "2022", "2023", "2025", "1948", "1478", "5007", "315"}
    assert not texts & {"43/2022", "56/2013", "03/2014", "20/2021", "11/6"}
    for q in seed_doc.quantities:
        block = seed_doc.blocks[q.mention.block]
        assert q.mention.start > 0 or not block.marker, block.text[:20]


def test_names_ordinals_and_quotes_are_not_quantities():
    qs = quantities_of(
        "Tình hình dịch Covid-19 và Quân khu 9; Phong trào thi đua sáng tạo kỹ thuật lần thứ 7.",
        "Mô hình \"Xây dựng gia đình 5 không 3 sạch\" nhân rộng tại 12 xã.",
        "1. Thuận lợi: năm 2023 có 03 xã, giai đoạn 2021-2025.",
        "Liên hệ: ĐT: 0294.3862.123 hoặc Fax 0294 3862 124.",
    )
    assert [(q.text, q.unit) for q in qs] == [("12", "xã"), ("03", "xã")]


def test_reference_numbers_and_dates_are_not_quantities():
    qs = quantities_of("Theo Quyết định số 1478/QĐ-TTg ngày 28/11/2022 và Kết luận 01-KL/TW ngày 18 tháng 5/2021, chi 250 triệu đồng.")
    assert [(q.text, q.kind) for q in qs] == [("250", "money")]


def test_percent_keeps_sign_and_following_noun():
    [q] = quantities_of("duy trì 100% xã đạt chuẩn")
    assert (q.text, q.value, q.kind, q.counts) == ("100%", 100, "percent", "xã")
    m = q.mention
    assert (m.start, m.end) == (8, 12)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["triệu đồng", "tỷ đồng", "đồng"]))
def test_money_value_and_surface(value, unit):
    surface = format_number(value)
    [q] = quantities_of(f"Trong năm, đã chi {surface} {unit} cho khen thưởng.")
    assert (q.value, q.text, q.unit, q.kind) == (value, surface, unit, "money")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=10**6))
def test_percent_and_ratio(whole, tenth, denominator):
    numerator = denominator // 3
    text = f"tỷ lệ là {whole},{tenth}% ({format_number(numerator)}/{format_number(denominator)})"
    pct, ratio = quantities_of(text)
    assert (pct.value, pct.decimals, pct.text) == (float(f"{whole}.{tenth}"), 1, f"{whole},{tenth}%")
    assert (ratio.value, ratio.denominator, ratio.kind) == (numerator, denominator, "ratio")
