"""Pathological text (issue 14) goes through the NLP stage in bounded pieces: a line of 100,000
escaped stars, a 100,000-digit number. Built here, in memory."""
from extractor.devtools import hostile
from extractor.nlp import extract
from extractor.nlp.pipeline import tokenizable
from extractor.parse import parse_bytes
from extractor.vn.numbers import find_numbers, parse_number


def test_a_run_without_spaces_longer_than_any_word_is_blank_to_the_tokenizer():
    text = "Có 12 người " + "*" * 5000 + " và 3.831 lượt"
    bounded = tokenizable(text)
    assert len(bounded) == len(text) and "*" not in bounded
    assert bounded.startswith("Có 12 người ") and bounded.endswith(" và 3.831 lượt")
    assert tokenizable("1478/QĐ-TTg ngày 15/11/2023") == "1478/QĐ-TTg ngày 15/11/2023"


def test_a_line_of_escaped_stars_is_extracted():
    doc = extract(parse_bytes(hostile.markdown_escaped_stars(100_000), "stars.md"))
    assert doc.metadata is not None and doc.quantities == []


def test_a_number_longer_than_any_figure_is_not_a_number():
    digits = "7" * 100_000
    assert parse_number(digits) is None and find_numbers(f"Có {digits} người") == []
    assert parse_number("1.234.567.890,5").value == 1234567890.5
    doc = extract(parse_bytes(hostile.long_number(100_000), "digits.txt"))
    assert all(len(q.text) < 100 for q in doc.quantities)
