"""Legacy TCVN3 (ABC) text: the code table, the per-run detection and its safety on Unicode."""
import unicodedata

import pytest
from hypothesis import given, strategies as st

from extractor.vn.legacy import (capitals_font, decode_tcvn3, is_vietnamese_syllable, legacy_font,
                                 reads_better_as_tcvn3, repair, repair_all)
from extractor.vn.normalize import TONE_MARKS, nfc

# Word pairs read off the TCVN3 header of corpus/real/020 (as Latin-1) and what the page shows.
HEADER_WORDS = [
    ("Phßng", "Phòng"), ("Gi¸o", "Giáo"), ("§µo", "Đào"), ("t¹o", "tạo"), ("hiÖp", "hiệp"), ("x·", "xã"),
    ("chñ", "chủ"), ("nghÜa", "nghĩa"), ("ngµy", "ngày"), ("th¸ng", "tháng"), ("n¨m", "năm"),
    ("L\u00ad¬ng", "Lương"), ("Sè", "Số"), ("dôc", "dục"), ("céng", "cộng"), ("lËp", "lập"), ("Tù", "Tự"),
    ("H¹nh", "Hạnh"), ("phóc", "phúc"),
]

# Letters typed by hand from TCVN 5712:1993 VN3, one per row of the table (byte -> letter).
STANDARD = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB6: "ả", 0xBB: "ằ", 0xC6: "ặ", 0xC7: "ầ", 0xCE: "ẻ", 0xD4: "ễ", 0xD8: "ỉ", 0xE1: "ỏ",
    0xE6: "ổ", 0xEB: "ở", 0xF2: "ũ", 0xF7: "ữ", 0xFA: "ỳ", 0xFC: "ỹ", 0xFE: "ỵ",
}

HEADER_LINES = [
    ("Phßng Gi¸o dôc& §µo t¹o hiÖp hoµ", "Phòng Giáo dục& Đào tạo hiệp hoà"),
    ("céng hoµ x· héi chñ nghÜa viÖt nam", "cộng hoà xã hội chủ nghĩa việt nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    # TCVN3 and Unicode on one line: only the TCVN3 run changes.
    ("Hoµng L\u00ad¬ng, ngµy 23 th¸ng 12  n¨m 2013              BÁO CÁO",
     "Hoàng Lương, ngày 23 tháng 12  năm 2013              BÁO CÁO"),
    # Capitals then lowercase codes: typed in the all-capital font.
    ("TR\u00adêng thcs   hoµng l\u00ad¬ng", "TRƯỜNG THCS   HOÀNG LƯƠNG"),
    ("Sè: 15/Q§-UBND", "Số: 15/QĐ-UBND"),
]


@pytest.mark.parametrize("legacy, unicode", HEADER_WORDS)
def test_header_words_decode(legacy, unicode):
    assert decode_tcvn3(legacy) == unicode


@pytest.mark.parametrize("code, letter", sorted(STANDARD.items()))
def test_table_follows_the_standard(code, letter):
    assert decode_tcvn3(chr(code)) == letter


def test_all_capital_font_gives_capitals():
    assert decode_tcvn3("céng hoµ x· héi", capitals=True) == "CỘNG HOÀ XÃ HỘI"


@pytest.mark.parametrize("legacy, unicode", HEADER_LINES)
def test_header_lines_are_repaired(legacy, unicode):
    assert repair(legacy) == unicode


@pytest.mark.parametrize("text", [
    "café", "naïve", "Straße", "Ich möchte ein Bär", "mañana, niño, año", "garçon", "Noël", "øl",
    "© 2024 «Báo cáo»", "2 × 3 = 6", "½ số lượng", "§ 3", "5 µm - 10 µm", "Kết quả: có tên 100%",
    "kích thước 5 µm trở lên",
])
def test_unicode_and_other_latin1_text_is_left_alone(text):
    assert repair(text) == text


def test_undecided_text_is_repaired_only_between_tcvn3_neighbours():
    lines = ["TR\u00adêng thcs hoµng l\u00ad¬ng", "Sè: 12/KH-THCS", "| ", "céng hoµ x· héi"]
    assert repair_all(lines)[1] == "Số: 12/KH-THCS"
    assert repair_all(["Sè: 12/KH-THCS", "céng hoµ x· héi"])[0] == "Số: 12/KH-THCS"
    assert repair_all(["Kết quả", "Sè: 12/KH-THCS", "céng hoµ x· héi"])[1] == "Sè: 12/KH-THCS"
    assert repair_all(["Hä tªn", "Tæng", "Líp", "céng hoµ"])[1:3] == ["Tổng", "Lớp"]
    assert repair_all(["céng hoµ", "Cá nhân", "Kết quả", "hoµ"])[1] == "Cá nhân"
    assert repair_all(["Hä tªn", "Tæng", "céng hoµ"])[1] == "Tổng"
    assert repair("Tæng") == "Tæng"  # one word is too little on its own


@pytest.mark.parametrize("word", ["tháng", "trường", "quốc", "gì", "nghiêng", "khuya", "thuở", "xoong", "Đào"])
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["thcs", "cafộ", "fứr", "thàt", "hoµ", "tiế", "aa"])
def test_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_fonts():
    assert legacy_font(".VnTime") and legacy_font(".VnArialH") and not legacy_font("Times New Roman")
    assert capitals_font(".VnTimeH") and not capitals_font(".VnTime") and not capitals_font(None)


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed where the code page has the letter, tone marks combining."""
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(m for m in decomposed if m in TONE_MARKS)
            out += nfc(decomposed.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_bytes_read_as_tcvn3_only_when_they_read_better():
    legacy = "Phßng Gi¸o dôc §µo t¹o, ngµy 23 th¸ng 12 n¨m 2013"
    assert reads_better_as_tcvn3(legacy, legacy.encode("latin-1").decode("cp1258"))
    windows = _cp1258("Báo cáo kết quả thi đua khen thưởng năm 2023 của Ủy ban nhân dân huyện")
    assert not reads_better_as_tcvn3(windows.decode("latin-1"), windows.decode("cp1258"))


# ---------------------------------------------------------------------------------------------
# Properties

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th",
          "tr", "v", "x"]
RHYMES = ["a", "ai", "an", "ang", "anh", "ao", "ăn", "âm", "ân", "âu", "e", "em", "en", "ê", "ên", "ênh", "i", "iên",
          "in", "inh", "o", "oa", "oai", "oan", "ôi", "ông", "ơi", "ơn", "u", "ui", "uân", "ung", "uôn", "ư", "ưa",
          "ương", "ươi", "y", "yên"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
SEPARATORS = [" ", ", ", ". ", " - ", ": ", "/", " (", ") ", " § ", " × ", " « ", " » ", " ½ ", " 2.345 ",
              " 20,5% ", "\u00a0", " µm ", " © "]


def _with_tone(rhyme: str, tone: str) -> str:
    if not tone:
        return rhyme
    vowels = [i for i, ch in enumerate(rhyme) if ch in "aăâeêioôơuưy"]
    at = vowels[-1] if len(vowels) > 1 and rhyme[vowels[-1]] in "âêôơư" else vowels[0]
    return nfc(rhyme[: at + 1] + tone + rhyme[at + 1 :])


syllables = st.builds(lambda o, r, t, case: case(o + _with_tone(r, t)), st.sampled_from(ONSETS),
                      st.sampled_from(RHYMES), st.sampled_from(TONES),
                      st.sampled_from([str.lower, str.upper, str.capitalize]))
vietnamese_text = st.lists(st.tuples(syllables, st.sampled_from(SEPARATORS)), min_size=1, max_size=25).map(
    lambda pairs: "".join(w + s for w, s in pairs))


@given(vietnamese_text)
def test_vietnamese_text_is_a_fixed_point(text):
    assert repair(text) == text
    assert repair_all([text, text]) == [text, text]


@given(st.text(alphabet=st.characters(max_codepoint=0xFF, exclude_categories=("Cs",)), max_size=40))
def test_repair_is_idempotent_on_any_latin1_text(text):
    once = repair(text)
    assert repair(once) == once


_ENCODE = {ch: code for legacy, unicode in HEADER_WORDS for ch, code in zip(unicode, legacy) if ch.islower()} | {
    letter: chr(code) for code, letter in STANDARD.items()}
HEADER_SYLLABLES = [unicode.lower() for _, unicode in HEADER_WORDS]


@given(st.lists(st.sampled_from(HEADER_SYLLABLES), min_size=1, max_size=12))
def test_tcvn3_text_with_a_telling_code_converts_back(words):
    text = " ".join([*words, "tháng"])  # "th¸ng": a code that is no Vietnamese letter
    typed = "".join(_ENCODE.get(ch, ch) for ch in text)
    assert repair(typed) == text
