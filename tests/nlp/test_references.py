import pytest

from extractor.nlp import extract
from seed import document_from_texts

SEED_REFERENCES = {
    "01/NQ-CP": ("2023-01-06", "Chính phủ", 2),
    "43/2022/HĐND": ("2022-12-09", "HĐND tỉnh", 1),
    "11/NQ-CP": ("2022-01-30", "Chính phủ", 1),
    "01-KL/TW": ("2021-05-18", "Bộ Chính trị", 2),
    "05-CT/TW": (None, "Trung ương Đảng", 1),
    "35-KH/TU": ("2021-09-28", "Ban Thường vụ Tỉnh ủy", 1),
    "19/CT-TTg": ("2021-07-16", "Thủ tướng Chính phủ", 1),
    "1526/QĐ-TTg": ("2022-12-09", "Thủ tướng Chính phủ", 2),
    "5007/BNV-TĐKT": ("2023-09-05", "Bộ Nội vụ", 1),
    "1478/QĐ-TTg": ("2022-11-28", "Thủ tướng Chính phủ", 1),
    "24/KH-UBND": ("2023-03-17", "UBND tỉnh", 1),
    "20/2021/NĐ-CP": ("2021-03-15", "Chính phủ", 1),
    "1315/QĐ-TTg": ("2023-11-09", "Thủ tướng Chính phủ", 1),
    "54/KH-UBND": ("2023-06-21", "UBND tỉnh", 1),
    "56/2013/NĐ-CP": ("2013-05-22", "Chính phủ", 2),
    "03/2014/TT-BNV-BQP-BLĐTBXH": ("2014-10-10", "Bộ Nội vụ, Bộ Quốc phòng và Bộ Lao động - Thương binh và Xã hội", 1),
    "45/KH-UBND": ("2023-05-18", "UBND tỉnh", 1),
    "Luật Thi đua, Khen thưởng": (None, "Quốc hội", 4),
}


def refs_of(*texts):
    return extract(document_from_texts(*texts)).references


def test_seed_references_exactly(seed_doc):
    got = {r.id: (r.date, r.issuer, len(r.mentions)) for r in seed_doc.references}
    assert got == SEED_REFERENCES


def test_seed_reference_fields(seed_doc):
    by_id = {r.id: r for r in seed_doc.references}
    r = by_id["1478/QĐ-TTg"]
    assert (r.doc_type, r.number, r.year, r.symbol) == ("Quyết định", "1478", None, "QĐ-TTg")
    assert r.subject.startswith("ban hành Kế hoạch triển khai Phong trào thi đua")
    r = by_id["03/2014/TT-BNV-BQP-BLĐTBXH"]
    assert (r.doc_type, r.number, r.year) == ("Thông tư liên tịch", "03", 2014)
    r = by_id["01-KL/TW"]
    assert (r.doc_type, r.number, r.symbol) == ("Kết luận", "01", "KL/TW")
    assert by_id["5007/BNV-TĐKT"].doc_type == "Công văn"
    assert by_id["Luật Thi đua, Khen thưởng"].number is None
    for r in seed_doc.references:
        for m in r.mentions:
            assert seed_doc.blocks[m.block].text[m.start:m.end] == m.text


def test_damaged_date_is_read_and_reported(seed_doc):
    [info] = [f for f in seed_doc.findings if f.check == "date"]
    assert (info.severity, info.expected, info.actual) == ("info", "2021-03-15", "ngày 15 ngày 3 năm 2021")


def test_own_number_is_metadata_not_reference(seed_doc):
    assert seed_doc.metadata.number == "315/BC-UBND"
    assert "315/BC-UBND" not in {r.id for r in seed_doc.references}


@pytest.mark.parametrize("text, ref_id, date", [
    ("Thực hiện Quyết định số 1478/QĐ-TTg ngày 28 tháng 11 năm 2022 của Thủ tướng Chính phủ.", "1478/QĐ-TTg", "2022-11-28"),
    ("Căn cứ Nghị quyết số: 43/2022/NQ-HĐND ngày 09/12/2022.", "43/2022/NQ-HĐND", "2022-12-09"),
    ("Theo Nghị định 56/2013/NĐ-CP ngày 22-5-2013 của Chính phủ.", "56/2013/NĐ-CP", "2013-05-22"),
    ("Theo Nghị định số 56 / 2013 / NĐ-CP.", "56/2013/NĐ-CP", None),
    ("Kết luận số 01-KL/TW ngày 18 tháng 5/2021 của Bộ Chính trị.", "01-KL/TW", "2021-05-18"),
    ("Kế hoạch số 35-KH/TU ngày 28.9.2021 của Ban Thường vụ Tỉnh ủy.", "35-KH/TU", "2021-09-28"),
    ("Công văn số 5007/BNV-TĐKT ngày 05 tháng 9 năm 2023 của Bộ Nội vụ.", "5007/BNV-TĐKT", "2023-09-05"),
    ("Thông tư liên tịch số 03/2014/TT-BNV-BQP-BLĐTBXH ngày 10 tháng 10 năm 2014.", "03/2014/TT-BNV-BQP-BLĐTBXH", "2014-10-10"),
    ("Luật số 06/2022/QH15 ngày 15/6/2022.", "06/2022/QH15", "2022-06-15"),
    ("Kế hoạch số 225-KH/TWĐTN-TNNT của Trung ương Đoàn.", "225-KH/TWĐTN-TNNT", None),
])
def test_reference_forms(text, ref_id, date):
    [r] = refs_of(text)
    assert (r.id, r.date) == (ref_id, date)


def test_issuer_from_symbol_when_text_is_silent():
    [r] = refs_of("Thực hiện Chỉ thị số 19/CT-TTg.")
    assert (r.issuer, r.doc_type) == ("Thủ tướng Chính phủ", "Chỉ thị")
    [r] = refs_of("Thực hiện Kế hoạch số 35-KH/TU.")
    assert r.issuer == "Tỉnh ủy"


def test_issuer_before_ban_hanh_and_subject():
    [r] = refs_of("UBND tỉnh ban hành Kế hoạch số 24/KH-UBND ngày 17 tháng 3 năm 2023 về việc triển khai phong trào.")
    assert (r.issuer, r.subject) == ("UBND tỉnh", "về việc triển khai phong trào")


@pytest.mark.parametrize("text", [
    "thực hiện thắng lợi Kế hoạch 05 năm (2021-2025) theo Nghị quyết Đại hội XIII.",
    "Số TT 1. Liên hệ: ĐT: 0294.3862.123; trang 12/14.",
    "đạt 85/85 xã, 19/19 tiêu chí; tỷ lệ 47/233; Covid-19; ngày 11/6/1948.",
    "Nghị quyết HĐND tỉnh và các văn bản hướng dẫn của luật, nghị định, thông tư.",
])
def test_hard_negatives(text):
    assert refs_of(text) == []


def test_one_record_per_document_with_every_mention():
    refs = refs_of("Quyết định số 1526/QĐ-TTg ngày 09/12/2022 của Thủ tướng Chính phủ.",
                   "Thực hiện Quyết định số 1526/QĐ-TTg, UBND tỉnh ban hành kế hoạch.")
    [r] = refs
    assert [m.block for m in r.mentions] == [0, 1] and r.date == "2022-12-09"


def test_a_draft_is_not_a_reference_and_its_number_is_no_figure():
    doc = extract(document_from_texts("Góp ý dự thảo Nghị định số 12/2024/NĐ-CP quy định chi tiết Luật."))
    assert doc.references == [] and doc.quantities == []


def test_named_law_beside_the_numbered_one():
    refs = refs_of("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định quy định chi tiết một số điều của "
                   "Luật Thi đua, khen thưởng.")
    assert [(r.id, r.number) for r in refs] == [("06/2022/QH15", "06"), ("Luật Thi đua, khen thưởng", None)]


def named(*texts):
    return [(r.id, r.date) for r in refs_of(*texts) if r.number is None]


def test_one_law_named_with_or_without_its_comma_or_abbreviated():
    assert named("Căn cứ Luật Thi đua, khen thưởng;", "theo quy định của Luật Thi đua khen thưởng và Luật TĐKT.") == [
        ("Luật Thi đua, khen thưởng", None)]
    assert named("Kinh phí theo Luật NSNN.", "Luật Ngân sách nhà nước quy định.") == [("Luật NSNN", None)]


def test_a_law_named_with_a_date_but_no_number_takes_the_date():
    assert named("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn.") == [
        ("Luật Thi đua, khen thưởng", "2022-06-15")]


def test_an_amending_law_named_without_number_is_a_law_of_its_own_with_the_date():
    # the date after the amended law's name is the amending law's, not the amended one's
    assert named("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Viên chức ngày 25 tháng 11 năm 2019;",
                 "Khoản 3 Điều 2 Luật sửa đổi, bổ sung một số điều của Luật Viên chức năm 2019 quy định.") == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Viên chức", "2019-11-25"), ("Luật Viên chức", None)]


def test_an_amending_law_cited_with_its_number_is_that_number():
    refs = refs_of("Căn cứ Luật sửa đổi một số điều của Luật Đầu tư công số 03/2022/QH15 ngày 11/01/2022;")
    assert [(r.id, r.doc_type, r.date) for r in refs] == [("03/2022/QH15", "Luật", "2022-01-11")]


def test_a_law_in_a_title_in_capitals_goes_by_its_running_text_name():
    assert named("THI HÀNH LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THI ĐUA, KHEN THƯỞNG",
                 "Nghị định hướng dẫn Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng năm 2013.")[0] == (
        "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng", None)


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13;",
    "theo Luật Lưu trữ\nsố 33/2024/QH15 quy định",
])
def test_a_number_right_after_a_law_name_is_that_law(text):
    [r] = refs_of(text)
    assert (r.doc_type, r.mentions[0].text.split()[0]) == ("Luật", "Luật")


@pytest.mark.parametrize("text, name", [
    ("Thực hiện theo Luật Thuế giá trị gia tăng năm 2008 và các văn bản.", "Luật Thuế giá trị gia tăng"),
    ("khoản 2 Điều 18 Luật Lưu trữ năm 2024 quy định", "Luật Lưu trữ"),
    ("theo Luật Đất đai, Luật Nhà ở hiện hành", "Luật Đất đai"),
])
def test_laws_the_data_files_do_not_list(text, name):
    assert named(text)[0][0] == name


@pytest.mark.parametrize("text", [
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    "Luật này quy định chi tiết; Luật số 06/2022/QH15 được sửa đổi.",
    "Luật Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;",
])
def test_not_named_laws(text):
    assert named(text) == []


def test_lower_case_type_word_and_a_symbol_with_an_ampersand():
    [r] = refs_of("Thực hiện công văn số 1556/SGD&ĐT-VP ngày 10/9/2013 của Sở GD&ĐT về nhiệm vụ năm học.")
    assert (r.id, r.doc_type, r.date) == ("1556/SGD&ĐT-VP", "Công văn", "2013-09-10")
    [r] = refs_of("Căn cứ hướng dẫn số 575/PGD&ĐT ngày 12/9/2013.")
    assert (r.id, r.doc_type, r.issuer) == ("575/PGD&ĐT", "Hướng dẫn", "Phòng Giáo dục và Đào tạo")


def test_a_symbol_of_unknown_codes_is_a_reference_after_its_type_word():
    [r] = refs_of("Theo Thông báo số 12/XYZ-VP ngày 02/3/2024.")
    assert (r.id, r.doc_type) == ("12/XYZ-VP", "Thông báo")
    assert refs_of("Tỷ lệ 12/XYZ-VP trong mẫu.") == []
