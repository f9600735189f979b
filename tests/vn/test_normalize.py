from hypothesis import given, strategies as st

from extractor.vn.normalize import fold, match_key, nfc


def test_tone_placement_is_unified():
    assert match_key("Hoà Bình") == match_key("hòa bình")
    assert match_key("Uỷ ban") == match_key("Ủy ban")
    assert match_key("thuỷ sản") == match_key("thủy sản")
    assert match_key("hoà") != match_key("hoa")


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Đồng Tháp") == "dong thap"
    assert fold("Quyết định khen thưởng") == "quyet dinh khen thuong"


def test_nfc_composes():
    assert nfc("Vie\u0302\u0323t") == "Việt"


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ àáảãạ", max_size=30))
def test_keys_are_idempotent(s):
    assert match_key(match_key(s)) == match_key(s)
    assert fold(fold(s)) == fold(s)
