from extractor.nlp import extract
from extractor.nlp.campaigns import match_known
from seed import document_from_texts

NTM = "Cả nước chung sức xây dựng nông thôn mới"
POOR = "Vì người nghèo - Không để ai bị bỏ lại phía sau"
HATANG = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"
CONGSO = "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"
HOCTAP = "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023-2030"
SANGTAO = "Phong trào thi đua sáng tạo kỹ thuật tỉnh Trà Vinh lần thứ 7"


def campaigns_of(*texts):
    return extract(document_from_texts(*texts)).campaigns


def test_seed_campaigns(seed_doc):
    by_name = {c.name: c for c in seed_doc.campaigns}
    assert {NTM, POOR, HATANG, CONGSO, HOCTAP, SANGTAO} == set(by_name)
    assert len(seed_doc.campaigns) == 6  # unquoted "đợt thi đua ..." descriptions are not names
    assert by_name[HATANG].references == ["1478/QĐ-TTg", "24/KH-UBND"]
    assert by_name[HOCTAP].references == ["1315/QĐ-TTg"]
    assert by_name[NTM].national and not by_name[SANGTAO].national
    assert by_name[SANGTAO].period.start == "2022-01-01"


def test_seed_variants_merge(seed_doc):
    by_name = {c.name: c for c in seed_doc.campaigns}
    assert set(by_name[NTM].aliases) == {"Trà Vinh cùng cả nước chung sức xây dựng nông thôn mới",
                                          "Cả nước chung xây dựng Nông thôn mới"}
    assert set(by_name[POOR].aliases) == {"Vi người nghèo - Không để ai bị bỏ lại phía sau",
                                           "Vì người nghèo - Không ai bị bỏ lại phía sau"}
    assert len(by_name[NTM].mentions) == 5 and len(by_name[POOR].mentions) == 5


def test_seed_non_campaigns(seed_doc):
    words = " ".join(c.name + " " + " ".join(c.aliases) for c in seed_doc.campaigns)
    for name in ["Mỗi địa phương một sản phẩm", "Hũ gạo tình thương", "Người có giúp người khó", "Tuyên truyền gương",
                 "Huy chương", "Chính sách phải phục vụ", "Hệ thống quản lý", "Người tốt, việc tốt"]:
        assert name not in words


def test_match_known_merges_typos_and_prefixes():
    assert match_known("Vi người nghèo - Không ai bị bỏ lại phía sau").name == POOR
    assert match_known("Trà Vinh cùng cả nước chung sức xây dựng nông thôn mới").name == NTM
    assert match_known("Lực lượng vũ trang tỉnh chung tay xây dựng nông thôn mới") is None


def test_cue_decides_quote():
    cs = campaigns_of("Phong trào thi đua “Xanh hóa công sở” được triển khai; mô hình “Xanh hóa gia đình” nhân rộng.",
                      "Thực hiện Đề án “Tuyên truyền gương điển hình tiên tiến”, phương châm “Dân biết, dân làm”.")
    assert [c.name for c in cs] == ["Xanh hóa công sở"]
    assert not cs[0].national


def test_quoted_award_is_not_a_campaign():
    assert campaigns_of("Phong trào thi đua gắn với xét tặng “Huy chương Thanh niên xung phong vẻ vang”.") == []


def test_listed_quotes_share_the_cue():
    cs = campaigns_of('các phong trào thi đua như: "Cả nước chung sức xây dựng nông thôn mới"; "Doanh nghiệp Việt Nam hội nhập và phát triển".')
    assert [c.name for c in cs] == [NTM, "Doanh nghiệp Việt Nam hội nhập và phát triển"]


def test_quoted_dot_thi_dua_is_a_campaign_unquoted_is_not():
    cs = campaigns_of("UBND tỉnh ban hành Kế hoạch số 54/KH-UBND phát động đợt thi đua “Chào mừng Đại hội Đảng bộ tỉnh”.",
                      "Phát động đợt thi đua cao điểm chào mừng kỷ niệm 65 năm Ngày truyền thống.")
    assert [(c.name, c.references, c.launched_by) for c in cs] == [("Chào mừng Đại hội Đảng bộ tỉnh", ["54/KH-UBND"], "UBND tỉnh")]
