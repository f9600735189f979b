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
