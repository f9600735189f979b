import pytest

from extractor.nlp.blocks import MARKER_RE
from extractor.parse.layout import find_marker

NUMBERED = ["1. Kết quả", "2.1. Khen thưởng", "2.1.3. Chi tiết", "II. NHIỆM VỤ", "I - KẾT QUẢ", "a) Cấp tỉnh",
            "Phần I. Tình hình", "Phần thứ hai NHIỆM VỤ", "Chương II QUY ĐỊNH", "Mục 3 Khen thưởng",
            "Điều 5. Đối tượng", "A. KẾT QUẢ", "3 - Tổ chức"]
NOT_NUMBERED = ["2023. Năm", "1.Tên", "12 tập thể", "3.831 Bằng khen", "Phần lớn các đơn vị", "Điều chỉnh"]


@pytest.mark.parametrize("text", NUMBERED)
def test_marker_is_the_numbering_the_parser_sees(text):
    assert MARKER_RE.match(text).group().strip() == find_marker(text).text


@pytest.mark.parametrize("text", NOT_NUMBERED)
def test_no_marker_where_the_parser_sees_none(text):
    assert find_marker(text) is None
    assert MARKER_RE.match(text).end() == 0


def test_a_bullet_may_precede_the_numbering():
    assert MARKER_RE.match("- a) 12 tập thể").group() == "- a) "
    assert MARKER_RE.match("+ 46 Cờ thi đua").group() == "+ "
