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


# -- headers of real documents (made-up lines in their shapes) ------------------------------------


def test_an_issuer_written_over_two_lines_is_one_name():
    dash = header("BỘ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI", "Số: 16/2023/TT-BLĐTBXH", "THÔNG TƯ", "Hướng dẫn")
    assert dash.issuer == "Bộ Lao động - Thương binh và Xã hội"
    joined = header("UBND TỈNH QUẢNG BÌNH", "SỞ LAO ĐỘNG – THƯƠNG BINH", "VÀ XÃ HỘI", "Số: 12/SLĐTBXH-VL",
                    "V/v hướng dẫn thu thập thông tin", "Kính gửi: UBND các huyện.")
    assert joined.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Bình"
    assert joined.doc_type == "Công văn"  # a "V/v" letter without a type line
    three = header("TỔNG CÔNG TY", "ĐƯỜNG SẮT", "Số: 7/QĐ-ĐS", "QUYẾT ĐỊNH", "Về việc khen thưởng")
    assert three.issuer == "Tổng công ty Đường sắt"


def test_the_motto_set_beside_the_issuer_on_one_line_is_cut_off():
    m = header("UBND TỈNH HẬU GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ TÀI CHÍNH",
               "Số: 3/BC-STC", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Tình hình giá cả")
    assert m.issuer == "Sở Tài chính tỉnh Hậu Giang"
    m = header("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH VĨNH LONG Độc lập - Tự do - Hạnh phúc",
               "Số: 1/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc ban hành")
    assert m.issuer == "UBND tỉnh Vĩnh Long"


def test_a_blank_number_is_no_number_and_no_later_number_is_taken_for_it():
    m = header("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH", "Số:   /BC-UBND", "BÁO CÁO", "Tình hình",
               "Thực hiện Công văn số 7616/VPCP-KSTT ngày 12/9/2020 của Văn phòng Chính phủ.")
    assert m.number is None and m.doc_type == "Báo cáo"
    letter = header("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH", "Số: /UBND-KSTT", "V/v tích hợp dịch vụ công",
                    "Thực hiện Công văn số 7616/VPCP-KSTT (gửi kèm theo Công văn số 7616/VPCP-KSTT).")
    assert letter.number is None and letter.doc_type == "Công văn"


def test_the_issuer_is_never_a_heading():
    m = header("1", "CÔNG BỐ GIÁ VẬT LIỆU XÂY DỰNG THÁNG 6 NĂM 2024", "Nội dung.")
    assert m.issuer is None


def test_an_annex_takes_its_parents_date_and_issuer_not_its_number():
    m = header("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG", "QUY ĐỊNH", "Xác định chi phí dịch vụ công ích",
               "(Ban hành kèm theo Quyết định số:01 /2020/QĐ- UBND, ngày 10 tháng 01 năm",
               "2020 của Uỷ ban nhân dân tỉnh)", "Chương I")
    assert (m.doc_type, m.number, m.date, m.issuer) == ("Quy định", None, "2020-01-10", "UBND tỉnh Vĩnh Long")
    annex = header("PHỤ LỤC", "Danh sách tập thể", "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Phú Lâm)")
    assert (annex.doc_type, annex.number, annex.date, annex.issuer) == ("Phụ lục", None, "2024-03-05", "UBND tỉnh Phú Lâm")
    bare = header("CÔNG BỐ GIÁ", "(Đính kèm Thông báo số 1767/TB-SXD ngày 09/7/2024 của Sở Xây dựng)")
    assert (bare.doc_type, bare.number, bare.issuer) == ("Phụ lục", None, "Sở Xây dựng")


def test_a_form_is_a_form():
    m = header("Biểu mẫu số 01", "UBND TỈNH PHÚ LÂM", "TỔNG HỢP KẾT QUẢ KHEN THƯỞNG")
    assert m.doc_type == "Biểu mẫu" and m.issuer == "UBND tỉnh Phú Lâm"


def test_a_signature_set_beside_the_recipients():
    m = header("TẬP ĐOÀN", "BƯU CHÍNH VIỄN THÔNG", "VIỆT NAM", "Số:", "QUYẾT ĐỊNH", "Về việc thưởng", "Nội dung.",
               "KT. TỔNG GIÁM ĐỐC", "Nơi nhận: PHÓ TỔNG GIÁM ĐỐC", "-Như điều 2;", "-Lưu: VT.", "Số EOF: 1 /VBĐT",
               "Nguyễn Văn Long")
    assert m.issuer == "Tập đoàn Bưu chính Viễn thông Việt Nam" and m.number is None
    assert (m.signer, m.position) == ("Nguyễn Văn Long", "Phó Tổng Giám đốc")
    assert m.recipients == ["Như điều 2"]
    signed = header("UBND TỈNH VĨNH LONG", "Số: 6/QĐ-UBND", "QUYẾT ĐỊNH", "Về giá", "Nội dung.",
                    "TM. ỦY BAN NHÂN DÂN KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đã ký: Trần Văn Tư")
    assert (signed.signer, signed.position) == ("Trần Văn Tư", "Phó Chủ tịch")
    acting = header("UBND TỈNH VĨNH LONG", "Số: 6/QĐ-UBND", "QUYẾT ĐỊNH", "Về giá", "Nội dung.",
                    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Tư")
    assert acting.position == "Phó Chủ tịch"


def test_a_section_glued_to_its_marker_ends_the_title():
    m = header("UBND TỈNH HẬU GIANG", "SỞ TÀI CHÍNH", "Số: 3/BC-STC", "BÁO CÁO", "Tình hình giá cả thị trường",
               "I.Tổng quan về tình hình giá cả", "Nội dung.")
    assert m.title == "Tình hình giá cả thị trường"


def test_a_type_line_run_into_its_title():
    m = header("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH VĨNH LONG Độc lập - Tự do - Hạnh phúc",
               "QUY ĐỊNH Xác định và quản lý các chi phí dịch vụ công ích",
               "(Ban hành kèm theo Quyết định số 01/2020/QĐ-UBND ngày 10/01/2020 của UBND tỉnh Vĩnh Long)")
    assert (m.doc_type, m.title, m.number) == ("Quy định", "Xác định và quản lý các chi phí dịch vụ công ích", None)
    assert header("BÁO CÁO Tình hình", "Nội dung.").doc_type == "Báo cáo"
    assert header("UBND TỈNH A", "Số: 1/BC-UBND", "Nội dung.").title is None
