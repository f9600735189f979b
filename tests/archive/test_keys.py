from __future__ import annotations

import itertools
import unicodedata
from typing import Callable, Iterator

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.archive import Archive
from extractor.archive.keys import (
    index_text,
    number_key,
    query_parts,
    query_terms,
    symbol_codes,
    symbol_key,
)

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
text_strategy = st.text(
    alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:/-–()\n\t\u00a0\"'%"),
    max_size=200,
)


@given(text_strategy)
def test_index_text_keeps_every_offset(text: str) -> None:
    folded = index_text(text)
    assert len(folded) == len(text)
    for i, ch in enumerate(text):
        if ch.isalnum():
            assert folded[i] not in " \n", (i, ch)


@given(text_strategy)
def test_query_is_folded_like_the_index(text: str) -> None:
    tokens = [t for term in query_terms(text) for t in term]
    assert tokens == index_text(text).split()


def test_folding_goes_both_ways_and_folds_d_bar() -> None:
    assert index_text("Quyết định khen thưởng") == "quyet dinh khen thuong"
    assert index_text("ĐỒNG THÁP") == "dong thap"
    assert query_terms("dong thap") == query_terms("Đồng Tháp") == [["dong"], ["thap"]]


def test_a_term_with_inner_punctuation_is_a_phrase() -> None:
    assert query_terms("1478/QĐ-TTg 2022") == [["1478", "qd", "ttg"], ["2022"]]
    assert query_terms("  -- / ") == []


def test_query_parts_are_as_typed_in_nfc_and_hold_a_word() -> None:
    decomposed = unicodedata.normalize("NFD", "Đồng Tháp")
    assert query_parts(f"{decomposed} -- 1478/QĐ-TTg") == ["Đồng", "Tháp", "1478/QĐ-TTg"]


def test_symbol_key_unifies_the_ways_a_symbol_is_written() -> None:
    assert symbol_key("1478/QĐ-TTg") == symbol_key("1478 / qd – ttg") == "1478/qd-ttg"
    assert symbol_key("06/2022/QH15") == "06/2022/qh15"


def test_number_key_drops_leading_zeros() -> None:
    assert number_key("05") == number_key("5") == "5"
    assert number_key("0") == "0"
    assert number_key(None) is None


def test_symbol_codes() -> None:
    assert symbol_codes("QĐ-TTg") == ("qd", "ttg")
    assert symbol_codes("315/BC-UBND") == ("bc", "ubnd")
    assert symbol_codes("24-CT/TW") == ("ct", "tw")
    assert symbol_codes("06/2022/QH15") == (None, "qh15")
    assert symbol_codes(None) == (None, None)


# --- PostgreSQL folds in the database into the same words ----------------------------------


@pytest.fixture(scope="module")
def pg_words(pg_module_url: str) -> Iterator[Callable[[str], list[str]]]:
    """The words PostgreSQL's `extractor_words` (unaccent) cuts a text into."""
    with Archive(pg_module_url) as archive, archive.engine.connect() as conn:
        yield (
            lambda text: (
                conn.execute(sa.text("SELECT extractor_words(:text)"), {"text": text}).scalar().split()
            )
        )


def test_postgresql_folds_every_vietnamese_letter_as_python_does(pg_words) -> None:
    letters = " ".join(VIETNAMESE + VIETNAMESE.upper())
    assert pg_words(letters) == index_text(letters).split()
    assert set("".join(pg_words(letters))) == set("abcdeghiklmnopqrstuvxy")


@settings(deadline=None)
@given(text_strategy)
def test_postgresql_cuts_the_same_words_as_index_text(pg_words, text: str) -> None:
    assert pg_words(text) == pg_words(unicodedata.normalize("NFD", text)) == index_text(text).split()


@pytest.fixture(scope="module")
def pg_terms(pg_module_url: str) -> Iterator[Callable[[str], set[str]]]:
    """The terms PostgreSQL's `extractor_terms` indexes a text under."""
    with Archive(pg_module_url) as archive, archive.engine.connect() as conn:
        yield (
            lambda text: set(
                conn.execute(sa.text("SELECT tsvector_to_array(extractor_terms(:text))"), {"text": text}).scalar()
            )
        )


@settings(deadline=None)
@given(text_strategy)
def test_postgresql_indexes_every_word_and_every_pair_of_neighbours(pg_terms, text: str) -> None:
    found = index_text(text).split()
    assert pg_terms(text) == set(found) | {f"{a} {b}" for a, b in itertools.pairwise(found)}
