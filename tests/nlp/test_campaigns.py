import pytest

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


def test_unquoted_campaign_name_ends_at_the_clause_or_a_stop_word():
    cs = campaigns_of("Các sở phát động thực hiện Phong trào thi đua sáng tạo kỹ thuật tỉnh Bình Sơn lần thứ 5 năm 2023-2024; "
                      "đợt thi đua cao điểm chào mừng Đại hội.",
                      "Hưởng ứng Phong trào thi đua xây dựng nông thôn mới kiểu mẫu do UBND tỉnh phát động, các xã tham gia.")
    assert [(c.name, c.launched_by, c.period and (c.period.start, c.period.end)) for c in cs] == [
        ("Phong trào thi đua sáng tạo kỹ thuật tỉnh Bình Sơn lần thứ 5", "Các sở", ("2023-01-01", "2024-12-31")),
        ("Phong trào thi đua xây dựng nông thôn mới kiểu mẫu", "UBND tỉnh", None),
    ]


def test_ordinary_sentences_about_campaigns_are_not_names():
    assert campaigns_of("Phong trào thi đua có nhiều mô hình hay.", "Phong trào thi đua phải mang nội dung thiết thực.",
                        "Phong trào thi đua năm học 2020-2021 được chia làm 2 đợt.",
                        "Các đơn vị tích cực tham gia phong trào thi đua sáng tạo kỹ thuật của tỉnh.",
                        "Phong trào thi đua do Thủ tướng Chính phủ phát động") == []


def test_a_quote_no_cue_introduces_is_not_a_campaign():
    cs = campaigns_of("Tổ chức tốt phong trào thi đua “Đổi mới, sáng tạo trong dạy và học” nhằm khuyến khích tập thể, "
                      "cá nhân hăng hái thi đua “dạy tốt, học tốt”, gắn với chủ đề năm học “Kỷ cương - Nề nếp”.")
    assert [c.name for c in cs] == ["Đổi mới, sáng tạo trong dạy và học"]


def test_launcher_is_the_subject_of_phat_dong_or_the_decision_that_launches_it():
    cs = campaigns_of(
        "Năm 2019, UBND huyện phát động đợt thi đua “100 ngày đêm về đích nông thôn mới” tại 03 xã.",
        "Bộ trưởng ban hành Quyết định số 1265/QĐ-BTNMT ngày 18/6/2021 phát động phong trào thi đua "
        "“Ngành tài nguyên và môi trường thi đua hoàn thành xuất sắc nhiệm vụ năm 2021”.",
        "Sở Y tế triển khai phong trào thi đua “Đổi mới phong cách phục vụ” theo Quyết định số 2151/QĐ-BYT "
        "ngày 04/6/2015 của Bộ Y tế.",
        "Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” được UBND tỉnh triển khai.")
    assert [(c.name, c.launched_by) for c in cs] == [
        ("100 ngày đêm về đích nông thôn mới", "UBND huyện"),
        ("Ngành tài nguyên và môi trường thi đua hoàn thành xuất sắc nhiệm vụ năm 2021", "Bộ Tài nguyên và Môi trường"),
        ("Đổi mới phong cách phục vụ", "Bộ Y tế"),
        (NTM, "Thủ tướng Chính phủ"),
    ]


def test_local_campaign_variants_merge():
    cs = campaigns_of("Phong trào thi đua “Phú Lâm thi đua xây dựng chính quyền thân thiện, phục vụ Nhân dân” do UBND tỉnh "
                      "phát động.",
                      "Tiếp tục triển khai phong trào thi đua “Phú Lâm thi đua xây dựng chính quyền thân thiện phục vụ nhân dân”.",
                      "Hưởng ứng phong trào thi đua “Phú Lâm xây dựng chính quyền thân thiện, phục vụ Nhân dân”.",
                      "Phong trào thi đua “Phú Lâm chuyển đổi số vì doanh nghiệp” được triển khai.")
    assert [(c.name, len(c.mentions)) for c in cs] == [
        ("Phú Lâm thi đua xây dựng chính quyền thân thiện, phục vụ Nhân dân", 3),
        ("Phú Lâm chuyển đổi số vì doanh nghiệp", 1),
    ]
    assert cs[0].aliases == ["Phú Lâm thi đua xây dựng chính quyền thân thiện phục vụ nhân dân",
                             "Phú Lâm xây dựng chính quyền thân thiện, phục vụ Nhân dân"]


@pytest.mark.parametrize("cue", ["mô hình", "cách làm", "Đề án", "dự án", "chương trình", "cuộc thi", "cuộc vận động",
                                 "chuyên mục", "gương", "phần mềm", "khẩu hiệu", "phương châm", "danh hiệu", "chủ đề"])
def test_hard_negative_cues_inside_a_campaign_passage(cue):
    assert campaigns_of(f"Trong phong trào thi đua, {cue} “Sáng tạo vì cộng đồng” được nhân rộng.") == []


def test_national_name_in_quotes_anywhere_is_a_campaign_and_a_five_year_plan_is_not():
    cs = campaigns_of("Các đơn vị hưởng ứng “Cả nước chung tay xóa nhà tạm, nhà dột nát” và thực hiện Kế hoạch 05 năm "
                      "(2021-2025).")
    assert [c.name for c in cs] == ["Cả nước chung tay xóa nhà tạm, nhà dột nát trong năm 2025"]
