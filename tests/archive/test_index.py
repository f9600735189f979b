"""The full-text index of each backend. On PostgreSQL the database folds the text itself: a row
written straight in SQL, with its diacritics, is found by a query typed without them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from extractor.archive import Archive
from extractor.archive import search as search_module
from extractor.archive.keys import index_text

DAK_LAK = "Ủy ban nhân dân tỉnh Đắk Lắk tặng Bằng khen cho 12 tập thể"


def _insert_entry(archive: Archive, text: str) -> int:
    with archive.engine.begin() as conn:
        return conn.execute(
            sa.text(
                "INSERT INTO search_entries (kind, label, text) VALUES ('report', 'x', :text) RETURNING id"
            ),
            {"text": text},
        ).scalar_one()


def test_postgresql_indexes_the_original_text_folded_in_the_database(pg_url: str) -> None:
    with Archive(pg_url) as archive:
        entry_id = _insert_entry(archive, DAK_LAK)
        with archive.engine.connect() as conn:
            lexemes = conn.execute(
                sa.text(
                    "SELECT array_to_string(tsvector_to_array(tsv), ' ') FROM search_entries WHERE id = :id"
                ),
                {"id": entry_id},
            ).scalar_one()
        assert sorted(lexemes.split()) == sorted(set(index_text(DAK_LAK).split()))
        for query in ("dak lak", "DAK LAK", "Đắk Lắk", "uy ban nhan dan", "bang khen"):
            (hit,) = archive.search(query)
            assert hit.label == "x", query
        assert archive.search("dak lak")[0].snippet.startswith("Ủy ban nhân dân tỉnh **Đắk** **Lắk**")


def test_postgresql_reindexes_an_entry_whose_text_changes(pg_url: str) -> None:
    with Archive(pg_url) as archive:
        entry_id = _insert_entry(archive, DAK_LAK)
        with archive.engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE search_entries SET text = 'Sở Nội vụ tỉnh Điện Biên' WHERE id = :id"),
                {"id": entry_id},
            )
        assert archive.search("dak lak") == []
        assert [h.label for h in archive.search("dien bien")] == ["x"]


def test_sqlite_indexes_the_copy_folded_in_python(sqlite_url: str, build) -> None:
    with Archive(sqlite_url) as archive:
        archive.store(build.dong_thap())
        with archive.engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT e.text, f.body FROM search_entries e JOIN search_fts f ON f.rowid = e.id")
            ).all()
    assert len(rows) == 3
    assert all(body == index_text(text) for text, body in rows)


# --- phrases, the rank window, long words (both backends) -----------------------------------


def _reports(archive: Archive, build, paragraphs: list[str]) -> list[str]:
    """Store one report per paragraph, oldest first; returns their labels."""
    labels = [f"{i + 1}/BC-UBND" for i in range(len(paragraphs))]
    for i, (label, text) in enumerate(zip(labels, paragraphs)):
        archive.store(build.doc(f"r{i}.md", [text], number=label, date=f"{2020 + i}-05-01"))
    return labels


def test_a_phrase_is_its_words_next_to_each_other_not_its_pairs_apart(archive: Archive, build) -> None:
    together, apart = _reports(
        archive,
        build,
        ["Huyện Tháp Mười của tỉnh Đồng Tháp Mười", "Tỉnh Đồng Tháp và huyện Tháp Mười thi đua"],
    )
    # One part of the query (its words joined by dashes) is one phrase.
    assert [h.label for h in archive.search("dong-thap-muoi")] == [together]
    assert {h.label for h in archive.search("thap muoi")} == {together, apart}


def test_only_the_newest_matches_that_pass_the_filters_are_ranked(
    archive: Archive, build, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    oldest, older, newer, _decoy = _reports(
        archive,
        build,
        [
            "Phong trào thi đua yêu nước năm nay",
            "Tiếp tục phong trào thi đua yêu nước",
            "Đẩy mạnh phong trào thi đua yêu nước",
            "Thi đua yêu thương, đua yêu nước",  # newest: every pair of the phrase, not the phrase
        ],
    )
    assert {h.label for h in archive.search("thi-dua-yeu-nuoc")} == {older, newer}
    assert [h.label for h in archive.search("thi-dua-yeu-nuoc", year=2020)] == [oldest]


def test_a_word_too_long_for_the_index_leaves_the_rest_searchable(archive: Archive, build) -> None:
    long_word = "".join(chr(0x61 + (i * 7) % 26) for i in range(2500))  # not compressible to one key
    (label,) = _reports(archive, build, [f"Khen thưởng {long_word} đột xuất"])
    assert [h.label for h in archive.search("khen thuong")] == [label]
    assert [h.label for h in archive.search("dot xuat")] == [label]
