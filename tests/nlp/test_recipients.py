"""Recipient lists read from made-up decisions (text lists, grouped lists, list tables), and the
real award decisions of ../shared/corpus/real-files where present."""
import json
from pathlib import Path

import pytest

from extractor.model import to_dict
from extractor.nlp.recipients import clean_item, plausible_item, split_person
from extractor.pipeline import process

REPO = Path(__file__).resolve().parents[2]
REAL = REPO.parent / "shared" / "corpus" / "real-files"

HEAD = """UỶ BAN NHÂN DÂN HUYỆN AN PHÚ

Số: 123/QĐ-UBND

An Phú, ngày 05 tháng 3 năm 2024

# QUYẾT ĐỊNH

Về việc tặng Giấy khen

Điều 1. Tặng Giấy khen cho {collectives} tập thể và {individuals} cá nhân (có danh sách kèm theo).

Điều 2. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.

# DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN

(Kèm theo Quyết định số 123/QĐ-UBND ngày 05/3/2024)
"""

KINDS = """
# I. Tập thể: {group}

1. Trường Tiểu học Hòa Bình, xã Phú Hòa;

2. Trạm Y tế xã Phú Lâm;

3. Hội Nông dân xã Phú Mỹ;

# II. Cá nhân: 02

1. Ông Trần Văn Nam, Hiệu trưởng, Trường Tiểu học Hòa Bình;

2. Bà Lê Thị Hoa, Trạm trưởng Trạm Y tế xã Phú Lâm./.
"""

TABLE = """
| Stt | Họ và tên | Chức vụ, đơn vị |
|---|---|---|
| 1 | Ông Trần Văn Nam | Hiệu trưởng, Trường Tiểu học Hòa Bình |
| 2 | Bà Lê Thị Hoa | Trạm trưởng, Trạm Y tế xã Phú Lâm |
"""


def decision(tmp_path, body, collectives="03", individuals="02", **fmt):
    path = tmp_path / "qd.md"
    path.write_text(HEAD.format(collectives=collectives, individuals=individuals) + body.format(**fmt), "utf-8")
    return process(path)


def test_text_list_by_kind(tmp_path):
    doc = decision(tmp_path, KINDS, group="03")
    got = [(r.kind, r.name, r.position, r.unit) for r in doc.recipients]
    assert got == [
        ("collective", "Trường Tiểu học Hòa Bình", None, "xã Phú Hòa"),
        ("collective", "Trạm Y tế xã Phú Lâm", None, None),
        ("collective", "Hội Nông dân xã Phú Mỹ", None, None),
        ("individual", "Trần Văn Nam", "Hiệu trưởng", "Trường Tiểu học Hòa Bình"),
        ("individual", "Lê Thị Hoa", "Trạm trưởng Trạm Y tế xã Phú Lâm", None),
    ]
    first = doc.recipients[0]
    assert first.award == "Giấy khen" and first.decision == "123/QĐ-UBND" and first.key == "truong tieu hoc hoa binh"
    assert doc.blocks[first.location.block].text[first.location.start:first.location.end].startswith(first.name)
    out = to_dict(doc)["recipients"]
    assert out[3]["name"] == "Trần Văn Nam" and out[3]["kind"] == "individual" and out[3]["location"]["block"] >= 0


def test_list_table(tmp_path):
    doc = decision(tmp_path, TABLE)
    assert [(r.name, r.position, r.unit) for r in doc.recipients] == [
        ("Trần Văn Nam", "Hiệu trưởng", "Trường Tiểu học Hòa Bình"),
        ("Lê Thị Hoa", "Trạm trưởng", "Trạm Y tế xã Phú Lâm"),
    ]
    assert all(r.kind == "individual" and r.location.table == 0 for r in doc.recipients)
    assert doc.recipient_lists[0].complete


def test_grouped_list_with_wrapped_line(tmp_path):
    body = """
# Cá nhân: 03

Quận Hoàn Kiếm: 02

Bà Nguyễn Thị An, Hiệu trưởng trường Mầm non Chim Non, quận

Hoàn Kiếm

Bà Trần Thu Hà, Giáo viên trường Mầm non Nắng Mai, quận Hoàn Kiếm

Huyện Mê Linh: 01

Ông Lê Văn Bình, Giáo viên trường Mầm non Tự Lập, huyện Mê Linh

Tổng số: 03 cá nhân./.
"""
    doc = decision(tmp_path, body, collectives="00", individuals="03")
    assert [r.name for r in doc.recipients] == ["Nguyễn Thị An", "Trần Thu Hà", "Lê Văn Bình"]
    assert doc.recipients[0].unit == "quận Hoàn Kiếm"
    assert [r.group for r in doc.recipients] == ["Quận Hoàn Kiếm", "Quận Hoàn Kiếm", "Huyện Mê Linh"]
    groups = doc.recipient_lists[0].groups
    assert [(g.label, g.stated, len(g.items)) for g in groups] == [
        ("Cá nhân: 03", {"individual": 3}, 3), ("Quận Hoàn Kiếm", {"any": 2}, 2), ("Huyện Mê Linh", {"any": 1}, 1)]


def test_noise_is_no_name_and_spoils_the_list(tmp_path):
    body = """
# I. Tập thể: 03

1. Trường Tiểu học Hòa Bình;

\\Ð©Ẳ©œ¬\\©ŒCœkC2tt)+

3. Hội Nông dân xã Phú Mỹ./.
"""
    doc = decision(tmp_path, body)
    assert [r.name for r in doc.recipients] == ["Trường Tiểu học Hòa Bình", "Hội Nông dân xã Phú Mỹ"]
    assert not doc.recipient_lists[0].complete and not doc.recipient_lists[0].groups[0].complete


def test_no_list_no_recipients(tmp_path):
    path = tmp_path / "bc.md"
    path.write_text("# BÁO CÁO\n\nNăm 2023 đã tặng 12 Giấy khen cho 05 tập thể và 07 cá nhân.\n", "utf-8")
    assert process(path).recipients == []


@pytest.mark.parametrize("text,expected", [
    ("15. Công ty VNPT Global HK;", ("Công ty VNPT Global HK", False, False)),
    (". Viễn thông Quảng trị;", ("Viễn thông Quảng trị", False, False)),
    ("L5. Ông Phan Hữu Tiến, Trưởng Phòng Nhân sự", ("Phan Hữu Tiến, Trưởng Phòng Nhân sự", True, False)),
    ("Ôn g Nguyễn Hoài Nam", ("Nguyễn Hoài Nam", True, False)),
    ("16. Ban Kế hoạch - Đầu tư./.", ("Ban Kế hoạch - Đầu tư", False, True)),
])
def test_clean_item(text, expected):
    assert clean_item(text) == expected


@pytest.mark.parametrize("text", ["In / J> j", "+>C2b)", "` cựTH“", "Tu", "(sit3 emmm Trường"])
def test_noise_is_not_plausible(text):
    assert not plausible_item(clean_item(text)[0])


def test_split_person():
    assert split_person("Nguyễn Xuân Hữu, Kế toán trưởng, Trưởng phòng Kế toán, Viễn thông Bắc Giang") == (
        "Nguyễn Xuân Hữu", "Kế toán trưởng", "Trưởng phòng Kế toán, Viễn thông Bắc Giang")


@pytest.mark.parametrize("stem", ["108_vnpt-thuong-dien-tap-attt-2021"])
def test_real_typed_list(stem):
    path = REAL / f"{stem}.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus/real-files not present")
    gold = json.loads((REPO / "tests/corpus/real_files_gold" / f"{stem}.json").read_text("utf-8"))["recipients"]
    doc = process(path)
    assert len(doc.recipients) == gold["counts"]["collective"]
    assert [r.name for r in doc.recipients] == [g["name"] for g in gold["items"]]


def test_a_list_that_gives_no_award_is_no_recipient_list(tmp_path):
    path = tmp_path / "qd.md"
    path.write_text("""UỶ BAN NHÂN DÂN HUYỆN AN PHÚ

Số: 77/QĐ-UBND

# QUYẾT ĐỊNH

Điều 1. Ban hành kèm theo Quyết định này Danh sách các tổ chức, cá nhân kê khai giá.

# DANH SÁCH CÁC TỔ CHỨC, CÁ NHÂN THỰC HIỆN KÊ KHAI GIÁ

1. Công ty TNHH Phú Hòa, xã Phú Hòa;

2. Hộ kinh doanh Lê Văn Bình, xã Phú Lâm./.
""", "utf-8")
    assert process(path).recipients == []
