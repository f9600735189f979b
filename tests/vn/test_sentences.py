from hypothesis import given, strategies as st

from extractor.vn.sentences import sentence_around, sentence_spans


def texts(spans, text):
    return [text[s:e] for s, e in spans]


def test_abbreviations_and_numbers_stay_inside_their_sentence():
    text = "Sở Y tế TP. Hồ Chí Minh tặng 3.831 giấy khen ngày 28.11.2022. ThS. Lê Văn B nhận 05 bằng."
    assert texts(sentence_spans(text), text) == [
        "Sở Y tế TP. Hồ Chí Minh tặng 3.831 giấy khen ngày 28.11.2022.",
        "ThS. Lê Văn B nhận 05 bằng.",
    ]


def test_line_breaks_end_sentences():
    text = "Đạt 85/85 xã\nDòng sau."
    assert texts(sentence_spans(text), text) == ["Đạt 85/85 xã", "Dòng sau."]


def test_sentence_around_a_citation():
    text = "Mở đầu. Tặng 3.831 giấy khen theo Quyết định 12/QĐ-UB ngày 28.11.2022 của tỉnh. Câu sau."
    start = text.index("12/QĐ-UB")
    assert sentence_around(text, start, start + 8) == (
        "Tặng 3.831 giấy khen theo Quyết định 12/QĐ-UB ngày 28.11.2022 của tỉnh."
    )


words = st.sampled_from(["Tặng", "giấy", "khen", "3.831", "TP.", "Hồ", "xã.", "(47/233).", "Kết", "quả", "\n", "  "])


@given(st.lists(words, max_size=40).map(" ".join))
def test_spans_are_ordered_and_cover_every_visible_character(text):
    spans = sentence_spans(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(st.lists(words, min_size=1, max_size=30).map(" ".join), st.data())
def test_sentence_around_always_holds_the_mention(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert text[start:end].strip() in sentence_around(text, start, end)
