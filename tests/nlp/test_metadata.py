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
