"""Relations read from sentences: each pattern of the issue, its broken variant, and the traps
that must not become relations."""
import pytest

from extractor.i18n import finding_message

from extractor.reconcile import check, relations
from extractor.reconcile.checks import judge, relation_formula


def formulas(doc):
    return [relation_formula(r, judge(r)) for r in relations(doc)]


def failures(doc):
    return [f for f in check(doc).findings if f.severity in ("error", "warning")]


def located(finding):
    return [loc.text for loc in finding.locations]


HCLD = ("- Khen thưởng cấp Nhà nước: Đã trình cấp thẩm quyền 259 trường hợp, cụ thể: 27 Huân chương Lao động "
        "các hạng, gồm: 03 Huân chương Lao động hạng Nhất cho 03 cá nhân, 04 Huân chương Lao động hạng Nhì cho "
        "02 tập thể và 02 cá nhân, 20 Huân chương Lao động hạng Ba cho 04 tập thể (02 tập thể nông thôn mới) "
        "và 16 cá nhân; 220 Bằng khen của Thủ tướng Chính phủ cho 08 tập thể và 212 cá nhân; 11 Cờ thi đua của "
        "Chính phủ; 01 Chiến sĩ thi đua toàn quốc. Trong đó:")
STATUS = ["+ 32 trường hợp đã có quyết định.", "+ 207 trường hợp khen thưởng giáo dục chưa có quyết định.",
          "+ 20 trường hợp Ban Thi đua - khen thưởng Trung ương trả lại hồ sơ (15 Huân chương Lao động và 05 "
          "Bằng khen của Thủ tướng Chính phủ) do trình trễ."]


def test_nested_enumeration_recipients_and_status_list(doc_maker):
    doc = doc_maker([HCLD, *STATUS, "Tỷ lệ chung của năm."])
    assert sorted(formulas(doc)) == sorted([
        "259 = 27 + 220 + 11 + 01", "27 = 03 + 04 + 20", "03 = 03", "04 = 02 + 02", "20 = 04 + 16",
        "220 = 08 + 212", "259 = 32 + 207 + 20", "20 = 15 + 05",
    ])
    assert failures(doc) == []


@pytest.mark.parametrize("old,new,changed", [
    ("259 trường hợp", "258 trường hợp", "258"),
    ("220 Bằng khen", "221 Bằng khen", "221"),
    ("và 16 cá nhân", "và 17 cá nhân", "17"),
    ("02 tập thể và 02 cá nhân", "02 tập thể và 03 cá nhân", "03"),
])
def test_a_changed_figure_is_reported_with_its_location(doc_maker, old, new, changed):
    doc = doc_maker([HCLD.replace(old, new), *STATUS])
    found = failures(doc)
    assert found and all(changed in located(f) for f in found)


def test_status_list_item_changed(doc_maker):
    doc = doc_maker([HCLD, STATUS[0], STATUS[1].replace("207", "208"), STATUS[2]])
    [finding] = failures(doc)
    assert finding.check == "sum" and finding.expected == 260 and finding.actual == 259
    assert located(finding) == ["259", "32", "208", "20"]
    assert finding.locations[2].block == 2


def test_parenthesised_breakdowns_and_recipients(doc_maker):
    doc = doc_maker([
        "- Khen thưởng cấp tỉnh gồm 4.685 trường hợp, cụ thể:",
        "+ 46 Cờ thi đua cấp tỉnh (trong đó: 30 tập thể khen thưởng KT-XH, 15 tập thể khen thưởng ngành giáo "
        "dục, 01 tập thể khen thưởng công tác tuyển quân).",
        "+ 410 danh hiệu Chiến sĩ thi đua cấp tỉnh.",
        "+ 3.831 Bằng khen của Chủ tịch UBND tỉnh cho 673 tập thể (458 tập thể khen chuyên đề, đột xuất; 215 "
        "tập thể khen KT-XH) và 3.158 cá nhân (921 cá nhân khen chuyên đề, đột xuất; 2.237 cá nhân khen KT-XH).",
        "+ 398 danh hiệu Tập thể Lao động xuất sắc.",
        "Tỷ lệ khen thưởng cấp tỉnh cho cán bộ lãnh đạo, quản lý là 34,1% (1.218/3.568); cá nhân khác là 65,9% "
        "(2.350/3.568).",
    ])
    assert sorted(formulas(doc)) == sorted([
        "4.685 = 46 + 410 + 3.831 + 398", "46 = 30 + 15 + 01", "3.831 = 673 + 3.158", "673 = 458 + 215",
        "3.158 = 921 + 2.237", "34,1% ≈ 1.218/3.568 = 34,137%", "65,9% ≈ 2.350/3.568 = 65,863%",
        "3.568 = 1.218 + 2.350", "3.568 = 1.218 + 2.350",  # the two rates split one base
    ])
    assert failures(doc) == []


def test_ratio_claim_that_cannot_be_is_an_error(doc_maker):
    doc = doc_maker(["Tỷ lệ cho cán bộ lãnh đạo, quản lý là 20,3% (47/233)."])
    [finding] = failures(doc)
    assert finding.check == "ratio" and finding.severity == "error"
    assert finding.expected == 20.2 and finding.actual == 20.3
    assert located(finding) == ["20,3%", "47/233"]


def test_money_breakdown_and_allocation(doc_maker):
    text = ("Trong năm 2023, ngân sách cấp 13.380 triệu đồng (không tính kinh phí khác); đã chi cho công tác thi "
            "đua, khen thưởng 12.010 triệu đồng, trong đó: Chi khen thưởng cấp Nhà nước 428 triệu đồng; chi khen "
            "thưởng cấp tỉnh 11.257 triệu đồng, chi công tác thi đua, tuyên truyền 250 triệu đồng, chi mua sắm hiện "
            "vật 75 triệu đồng.")
    doc = doc_maker([text])
    assert sorted(formulas(doc)) == sorted(["12.010 ≤ 13.380", "12.010 = 428 + 11.257 + 250 + 75"])
    assert failures(doc) == []
    over = doc_maker([text.replace("13.380", "12.000")])
    [finding] = failures(over)
    assert finding.check == "bound" and finding.severity == "warning"


def test_remainder_and_parenthesised_list(doc_maker):
    doc = doc_maker(["Trong năm, lập tờ trình đề nghị cấp đổi cho 38 trường hợp (23 Huân chương các loại, 08 Huy "
                     "chương các loại, 06 Bằng Bà mẹ Việt Nam Anh hùng và 01 Bằng khen của Thủ tướng Chính phủ). Đã "
                     "được giải quyết 34 trường hợp, còn 05 trường hợp chưa cấp đổi."])
    assert sorted(formulas(doc)) == sorted(["38 = 23 + 08 + 06 + 01", "38 = 34 + 05"])
    [finding] = failures(doc)
    assert located(finding) == ["38", "34", "05"]


def test_small_breakdowns(doc_maker):
    doc = doc_maker([
        "Qua tổng kết có 103 tập thể đạt thành tích xuất sắc (trong đó có 11 tập thể được đề nghị tặng Cờ thi đua "
        "của Chính phủ, 92 tập thể được tặng Cờ thi đua cấp tỉnh và Bằng khen).",
        "- Cấp tỉnh: biên chế được giao là 09, hiện có là 08 (01 Trưởng ban, 01 Phó Trưởng ban và 06 chuyên viên).",
    ])
    assert sorted(formulas(doc)) == sorted(["103 = 11 + 92", "08 = 01 + 01 + 06"])


def test_share_of_parent(doc_maker):
    doc = doc_maker(["Tổng số 200 trường hợp, trong đó: 50 tập thể (chiếm 25%), 150 cá nhân (chiếm 75,5%)."])
    [finding] = failures(doc)
    assert finding.check == "percentage" and located(finding) == ["75,5%", "150", "200"]


@pytest.mark.parametrize("text", [
    # "cụ thể" as an adjective, not a cue
    "Cụ thể hóa Nghị quyết thành 68 nhiệm vụ, 23 chỉ tiêu chủ yếu, 46 chỉ tiêu cụ thể và giao trách nhiệm.",
    # distributive: each team has these members
    "Thành lập 03 tổ công tác, mỗi tổ gồm 01 tổ trưởng và 04 tổ viên.",
    # overlapping categories
    "Khen thưởng 120 cá nhân, trong đó: 40 nữ, 35 người dân tộc thiểu số.",
    # approximate total
    "Có khoảng 500 hồ sơ, gồm 200 hồ sơ tập thể và 250 hồ sơ cá nhân.",
    # recipients of a coordinated pair of awards
    "Tặng 05 Bằng khen và 10 Giấy khen cho 03 tập thể và 12 cá nhân.",
    # recipients without a count before them
    "Trình Thủ tướng Chính phủ tặng bằng khen cho 01 cá nhân đã có thành tích xuất sắc.",
    # a period in parentheses is not a breakdown
    "Qua 02 năm (2022-2023), giảm 2,18% tỷ lệ hộ nghèo, vượt 1,18% chỉ tiêu (giảm 0,5%/năm).",
    # ratios without percentages, year-on-year percentages
    "Năm 2022 tỷ lệ cấp tỉnh đạt 36,4%; cấp Nhà nước đạt 21,7%; 85/85 xã đạt chuẩn, 09/09 huyện hoàn thành.",
    # a cue in the middle of a comma list: where the inner list ends is a guess
    "Tổng cộng 60 người, gồm: 10 cán bộ, 50 thành viên gồm 5 trưởng đoàn, 40 thành viên khác, 3 thư ký.",
])
def test_traps_raise_nothing(doc_maker, text):
    assert failures(doc_maker([text])) == []


def test_partial_list_falls_short_is_only_an_info(doc_maker):
    doc = doc_maker(["Có 50 đơn vị tham gia, trong đó có 10 đơn vị đạt giải nhất, 15 đơn vị đạt giải nhì."])
    findings = check(doc).findings
    assert [f.severity for f in findings] == ["info"]
    over = doc_maker(["Có 20 đơn vị tham gia, trong đó có 10 đơn vị đạt giải nhất, 15 đơn vị đạt giải nhì."])
    assert [f.severity for f in check(over).findings] == ["error"]


def test_english_messages(doc_maker):
    doc = doc_maker(["Tỷ lệ là 20,3% (47/233)."])
    [finding] = check(doc).findings
    assert finding.key == "finding.ratio" and finding.params["claim"] == "20,3%"
    assert finding_message(finding, "en").startswith("The rate 20,3%")
    assert finding_message(finding, "vi").startswith("Tỷ lệ 20,3%") == finding.message.startswith("Tỷ lệ 20,3%")


def test_rates_within_a_named_group_and_complements_of_ratios(doc_maker):
    doc = doc_maker([
        "Toàn huyện có 10/16 xã đạt chuẩn nông thôn mới, đạt 62,5%.",
        "Trong 35 cá nhân được đề nghị, có 23 cá nhân là người lao động trực tiếp, chiếm 65,7%.",
        "Thời gian tới tập trung chỉ đạo 07 xã chưa đạt chuẩn hoàn thành các tiêu chí.",
    ])
    assert sorted(formulas(doc)) == sorted(["62,5% ≈ 10/16 = 62,500%", "65,7% ≈ 23/35 = 65,714%", "16 = 10 + 07"])
    [finding] = failures(doc)
    assert [loc.text for loc in finding.locations] == ["10/16", "07"]


def test_remainder_in_units_read_from_the_text(doc_maker):
    doc = doc_maker(["Có 214,6 km đường cần cứng hóa; đã thực hiện 178,3 km, còn lại 36,9 km."])
    [finding] = failures(doc)
    assert finding.check == "sum" and located(finding) == ["214,6", "178,3", "36,9"]
