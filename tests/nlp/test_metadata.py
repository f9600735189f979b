from extractor.nlp import extract
from seed import document_from_texts


def test_seed_metadata_from_title_signature_and_annex_caption(seed_doc):
    m = seed_doc.metadata
    assert (m.doc_type, m.number, m.date) == ("Báo cáo", "315/BC-UBND", "2023-11-15")
    assert m.issuer == "UBND tỉnh Trà Vinh"
    assert (m.signer, m.position) == ("Lê Văn Hảo", "Chủ tịch")
    assert m.title == "Tổng kết công tác thi đua, khen thưởng năm 2023; phương hướng, nhiệm vụ năm 2024"
    assert m.recipients == ["Ban TĐ-KT TW", "TT TU, TT HĐND tỉnh", "CT, các PCT UBND tỉnh", "Thường trực HĐ TĐ-KT tỉnh",
                            "Sở Nội vụ (Ban TĐ-KT)", "LĐ VPUBND tỉnh"]
    assert (m.period.start, m.period.end) == ("2023-01-01", "2023-12-30")


def test_header_block():
    doc = extract(document_from_texts(
        "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "Số: 24/KH-UBND", "Trà Vinh, ngày 17 tháng 3 năm 2023", "KẾ HOẠCH",
        "Triển khai phong trào thi đua 6 tháng đầu năm 2023", "I. MỤC ĐÍCH", "Nội dung.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"))
    m = doc.metadata
    assert (m.doc_type, m.number, m.date, m.issuer) == ("Kế hoạch", "24/KH-UBND", "2023-03-17", "UBND tỉnh Trà Vinh")
    assert m.title == "Triển khai phong trào thi đua 6 tháng đầu năm 2023"
    assert (m.signer, m.position, m.recipients) == ("Nguyễn Văn An", "Phó Chủ tịch", ["Như trên"])
    assert m.period is None  # a year in the title is not a period
    assert "24/KH-UBND" not in {r.id for r in doc.references}


def header(*lines):
    return extract(document_from_texts(*lines)).metadata


def test_ministry_issuer_is_written_as_running_text_names_it():
    m = header("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 95/BC-BTNMT", "Hà Nội, ngày 20 tháng 12 năm 2021", "BÁO CÁO",
               "Tổng kết công tác thi đua, khen thưởng năm 2021")
    assert m.issuer == "Bộ Tài nguyên và Môi trường"


def test_an_unlisted_body_has_each_coordinated_part_capitalised():
    m = header("BỘ KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO", "Số: 12/BC-BKHCNĐM", "BÁO CÁO", "Tổng kết năm 2026")
    assert m.issuer == "Bộ Khoa học, Công nghệ và Đổi mới sáng tạo"


def test_title_stops_before_the_next_heading():
    lettered = header("UBND TỈNH PHÚ LÂM", "Số: 05/BC-UBND", "BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm 2024",
                      "A. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024", "Nội dung.")
    assert lettered.title == "Tổng kết công tác thi đua, khen thưởng năm 2024"
    part = header("UBND TỈNH PHÚ LÂM", "Số: 05/BC-UBND", "BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm 2024;",
                  "phương hướng, nhiệm vụ năm 2025", "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024", "Nội dung.")
    assert part.title == "Tổng kết công tác thi đua, khen thưởng năm 2024; phương hướng, nhiệm vụ năm 2025"


def test_title_stops_at_a_numbered_part_heading():
    from extractor.parse import parse_bytes

    text = "\n\n".join(["ỦY BAN NHÂN DÂN", "TỈNH PHÚ LÂM", "Số: 05/BC-UBND", "**BÁO CÁO**",
                        "**Tổng kết công tác thi đua, khen thưởng năm 2024**", "**Phần thứ nhất**",
                        "**Kết quả công tác năm 2024**", "Nội dung."])
    m = extract(parse_bytes(text.encode("utf-8"), "report.md")).metadata
    assert m.title == "Tổng kết công tác thi đua, khen thưởng năm 2024"
    assert m.issuer == "UBND tỉnh Phú Lâm"


def test_recipients_are_the_addressees_and_the_distribution_list():
    m = header("UBND TỈNH BÌNH SƠN", "Số: 41/TTr-UBND", "TỜ TRÌNH", "Về việc đề nghị khen thưởng",
               "Kính gửi: Thủ tướng Chính phủ.", "Nội dung.", "Nơi nhận:", "- Như trên;",
               "- Ban Thi đua - Khen thưởng Trung ương;", "- Lưu Văn phòng UBND tỉnh.")
    assert m.recipients == ["Thủ tướng Chính phủ", "Ban Thi đua - Khen thưởng Trung ương"]


WEB_PAGE_PLAN = """**ỦY BAN NHÂN DÂN**
THÀNH PHỐ HÒA KHÁNH
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
|
Số:
45/KH-UBND
|
*Hòa
Khánh, ngày 02 tháng 3 năm 2024*
|


**KẾ
HOẠCH**

PHÁT ĐỘNG THI ĐUA CHUYỂN ĐỔI SỐ
NĂM 2024

Thời gian thực hiện từ ngày 01/4/2024 đến ngày 30/11/2024.

|
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN
DÂN**
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
**Trần
Văn Bình**
|
"""


def test_header_and_signature_in_the_cells_of_a_web_page():
    from extractor.parse import parse_bytes

    m = extract(parse_bytes(WEB_PAGE_PLAN.encode("utf-8"), "plan.txt")).metadata
    assert (m.doc_type, m.number, m.date) == ("Kế hoạch", "45/KH-UBND", "2024-03-02")
    assert m.issuer == "UBND thành phố Hòa Khánh"
    assert m.title == "PHÁT ĐỘNG THI ĐUA CHUYỂN ĐỔI SỐ NĂM 2024"
    assert (m.signer, m.position) == ("Trần Văn Bình", "Phó Chủ tịch")
    assert m.period is None  # a plan's time window is not a reporting period


def test_a_signer_name_run_on_into_page_credits():
    m = header("Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thị Lan Người đăng: Văn phòng")
    assert (m.signer, m.position) == ("Phạm Thị Lan", "Chủ tịch")
    m = header("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Minh Đức")
    assert (m.signer, m.position) == ("Hoàng Minh Đức", "Phó Giám đốc")


def test_a_line_of_text_after_a_position_is_no_signer():
    assert header("GIÁM ĐỐC", "Ban thường trực họp định kỳ.").signer is None


def test_a_report_states_its_period_a_plan_does_not():
    body = ("Số liệu tính từ ngày 01/01/2024 đến ngày 31/12/2024.",)
    report = header("UBND TỈNH PHÚ LÂM", "Số: 05/BC-UBND", "BÁO CÁO", "Tổng kết năm 2024", *body)
    plan = header("UBND TỈNH PHÚ LÂM", "Số: 05/KH-UBND", "KẾ HOẠCH", "Thi đua năm 2024", *body)
    assert (report.period.start, report.period.end) == ("2024-01-01", "2024-12-31")
    assert plan.period is None


def test_the_longest_known_body_of_a_header_line_wins():
    m = header("THỦ TƯỚNG CHÍNH PHỦ", "Số: 229/CĐ-TTg", "Hà Nội, ngày 26 tháng 11 năm 2025", "CÔNG ĐIỆN",
               "VỀ KHẨN TRƯƠNG TRIỂN", "KHAI CÁC ĐỢT THI ĐUA CAO ĐIỂM", "THỦ TƯỚNG CHÍNH PHỦ điện:",
               "- Bộ trưởng, Thủ trưởng cơ quan ngang bộ;")
    assert m.issuer == "Thủ tướng Chính phủ"
    assert m.title == "VỀ KHẨN TRƯƠNG TRIỂN KHAI CÁC ĐỢT THI ĐUA CAO ĐIỂM"


def test_a_decision_title_stops_at_the_authority_line():
    m = header("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "Số: 29/QĐ-UBND", "QUYẾT ĐỊNH",
               "VỀ VIỆC BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN TỈNH",
               "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert m.title == "VỀ VIỆC BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA SỞ NỘI VỤ"
    m = header("BỘ NỘI VỤ", "Số: 13/QĐ-BNV", "QUYẾT ĐỊNH", "BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ",
               "BỘ TRƯỞNG BỘ NỘI VỤ", "Căn cứ Nghị định số 25/2025/NĐ-CP;")
    assert m.title == "BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ"


def test_a_district_office_under_its_peoples_committee():
    m = header("UBND HUYỆN AN LẠC", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 31/KH-PGDĐT", "KẾ HOẠCH", "Thi đua năm học")
    assert m.issuer == "Phòng Giáo dục và Đào tạo huyện An Lạc"


def test_metadata_of_text_that_keeps_the_page_layout():
    from pathlib import Path

    from extractor.parse import parse_file

    m = extract(parse_file(Path(__file__).parents[1] / "samples" / "laid_out.txt")).metadata
    assert (m.doc_type, m.number, m.date) == ("Kế hoạch", "31/KH-PGDĐT", "2020-10-30")
    assert m.issuer == "Phòng Giáo dục và Đào tạo huyện An Lạc"
    assert m.title == "Phát động thi đua năm học 2020-2021"
    assert (m.signer, m.position) == ("Trần Văn Bình", "Phó Trưởng phòng")
