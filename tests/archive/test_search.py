from __future__ import annotations

import re
from typing import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.archive import Archive
from extractor.vn.normalize import fold

MARKED = re.compile(r"\*\*(.+?)\*\*")


def fill(archive: Archive, build) -> Archive:
    """Three reports: Đồng Tháp 2023 (cites 1478/QĐ-TTg, campaign Vì người nghèo), Hà Nội 2024
    (cites 06/2022/QH15 and 1478/QĐ-TTg), Cần Thơ 2022 (cites 1478/QĐ-UBND of its own)."""
    archive.store(build.figures(build.dong_thap()))
    law = {
        "id": "06/2022/QH15",
        "doc_type": "Luật",
        "number": "06",
        "year": 2022,
        "symbol": "QH15",
        "issuer": "Quốc hội",
        "subject": "Luật Thi đua, khen thưởng",
    }
    archive.store(
        build.doc(
            "ha-noi-2024.md",
            [
                "Căn cứ Luật số 06/2022/QH15 của Quốc hội và Quyết định 1478/QĐ-TTg, thành phố triển khai.",
                "Công tác khen thưởng được thực hiện kịp thời, đúng quy định.",
            ],
            number="88/BC-UBND",
            date="2024-06-30",
            issuer="UBND thành phố Hà Nội",
            references=[{**law, "surface": "06/2022/QH15"}, build.qd_1478],
        )
    )
    archive.store(
        build.doc(
            "can-tho-2022.md",
            ["Thực hiện Quyết định số 1478/QĐ-UBND ngày 05/01/2022 của UBND thành phố Cần Thơ về thi đua."],
            number="12/KH-UBND",
            date="2022-02-10",
            issuer="UBND thành phố Cần Thơ",
            doc_type="Kế hoạch",
            references=[
                {
                    "id": "1478/QĐ-UBND",
                    "doc_type": "Quyết định",
                    "number": "1478",
                    "symbol": "QĐ-UBND",
                    "date": "2022-01-05",
                    "issuer": "UBND thành phố Cần Thơ",
                }
            ],
        )
    )
    return archive


@pytest.fixture
def filled(archive: Archive, build) -> Archive:
    return fill(archive, build)


def labels(hits) -> list[tuple[str, str]]:
    return [(h.kind, h.label) for h in hits]


@pytest.mark.parametrize(
    "query", ["quyet dinh khen thuong", "Quyết định khen thưởng", "QUYẾT ĐỊNH KHEN THƯỞNG"]
)
def test_diacritics_do_not_matter_in_the_query(filled: Archive, query: str) -> None:
    assert set(labels(filled.search(query))) == {("report", "315/BC-UBND"), ("report", "88/BC-UBND")}


@pytest.mark.parametrize("query", ["dong thap", "Đồng Tháp", "ĐỒNG THÁP", "Dong Thap"])
def test_d_bar_is_folded_both_ways(filled: Archive, query: str) -> None:
    assert labels(filled.search(query)) == [("report", "315/BC-UBND")]


def test_snippets_come_from_the_original_text_with_the_words_marked(filled: Archive) -> None:
    (hit,) = filled.search("dong thap")
    marked = MARKED.findall(hit.snippet)
    assert {"Đồng", "Tháp"} <= set(marked) and {fold(w) for w in marked} == {"dong", "thap"}
    assert "của tỉnh **Đồng** **Tháp**" in hit.snippet


def test_full_number_symbol_puts_the_decision_first(filled: Archive) -> None:
    hits = filled.search("1478/QĐ-TTg")
    assert labels(hits)[0] == ("decision", "1478/QĐ-TTg")
    assert hits[0].score is None  # an exact hit
    assert ("decision", "1478/QĐ-UBND") not in labels(hits)
    assert {("report", "315/BC-UBND"), ("report", "88/BC-UBND")} <= set(labels(hits))


@pytest.mark.parametrize("query", ["1478/qd-ttg", "1478 / QĐ - TTg"])
def test_the_symbol_is_found_however_it_is_typed(filled: Archive, query: str) -> None:
    assert labels(filled.search(query))[0] == ("decision", "1478/QĐ-TTg")


def test_a_bare_number_finds_every_decision_with_it(filled: Archive) -> None:
    hits = filled.search("1478")
    decisions = {label for kind, label in labels(hits) if kind == "decision"}
    assert decisions == {"1478/QĐ-TTg", "1478/QĐ-UBND"}
    assert [h.kind for h in hits[:2]] == ["decision", "decision"]


def test_part_of_a_symbol_with_a_year(filled: Archive) -> None:
    decisions = [label for kind, label in labels(filled.search("QĐ-TTg 2022")) if kind == "decision"]
    assert decisions == ["1478/QĐ-TTg"]


def test_part_of_a_symbol_in_lower_case_ascii(filled: Archive) -> None:
    decisions = {label for kind, label in labels(filled.search("qd-ttg")) if kind == "decision"}
    assert decisions == {"1478/QĐ-TTg"}
    assert {label for kind, label in labels(filled.search("qh15")) if kind == "decision"} == {"06/2022/QH15"}


def test_filters(filled: Archive) -> None:
    assert labels(filled.search("1478", issuer="TTg")) == [("decision", "1478/QĐ-TTg")]
    assert labels(filled.search("1478", issuer="Cần Thơ")) == [
        ("decision", "1478/QĐ-UBND"),
        ("report", "12/KH-UBND"),
    ]
    assert {h.label for h in filled.search("thi dua", year=2022)} == {
        "1478/QĐ-TTg",
        "06/2022/QH15",
        "12/KH-UBND",
    }
    assert labels(filled.search("thuc hien", type="Kế hoạch")) == [("report", "12/KH-UBND")]
    assert labels(filled.search("thuc hien", type="kh")) == [("report", "12/KH-UBND")]
    assert {h.label for h in filled.search("1478", type="QĐ")} == {"1478/QĐ-TTg", "1478/QĐ-UBND"}
    assert {h.label for h in filled.search("luat", type="luat")} == {"06/2022/QH15"}


def test_campaign_filter_keeps_the_campaign_its_reports_and_their_decisions(filled: Archive) -> None:
    found = set(labels(filled.search("1478", campaign="vi nguoi ngheo")))
    assert found == {("decision", "1478/QĐ-TTg"), ("report", "315/BC-UBND")}
    assert labels(filled.search("thu tuong", campaign="nguoi ngheo", type="luat")) == []
    assert ("campaign", "Vì người nghèo - Không để ai bị bỏ lại phía sau") in labels(
        filled.search("thu tuong", campaign="nguoi ngheo")
    )
    assert filled.search("1478", campaign="không có phong trào này") == []


def test_campaigns_are_searchable_by_name_and_alias(filled: Archive) -> None:
    hits = filled.search("khong de ai bi bo lai phia sau")
    assert ("campaign", "Vì người nghèo - Không để ai bị bỏ lại phía sau") in labels(hits)


def test_nothing_to_search_for(filled: Archive) -> None:
    assert filled.search("") == []
    assert filled.search(" -/- ") == []
    assert filled.search("từ-không-có-trong-kho") == []
    # Query-language characters are not syntax: quotes and stars are dropped, words stay words.
    assert labels(filled.search('"1478/QĐ-TTg*'))[0] == ("decision", "1478/QĐ-TTg")
    assert filled.search("1478 OR NOT") == []


def test_limit(filled: Archive) -> None:
    assert len(filled.search("1478", limit=2)) == 2


# --- the two backends side by side ----------------------------------------------------------


@pytest.fixture(scope="module")
def twins(pg_module_url: str, tmp_path_factory: pytest.TempPathFactory, build) -> Iterator[list[Archive]]:
    """The same archive in SQLite and in PostgreSQL."""
    archives = [Archive(str(tmp_path_factory.mktemp("twin") / "archive.sqlite")), Archive(pg_module_url)]
    for archive in archives:
        fill(archive, build)
    yield archives
    for archive in archives:
        archive.close()


def found(archive: Archive, query: str) -> tuple[list[tuple[str, str]], set[tuple[str, str, str]]]:
    """(the exact number/symbol hits in order, every hit with its snippet). Ranks other than
    the exact ones differ between bm25 and ts_rank; the hits themselves must not."""
    hits = archive.search(query)
    return [(h.kind, h.label) for h in hits if h.score is None], {(h.kind, h.label, h.snippet) for h in hits}


@pytest.mark.parametrize(
    "query",
    [
        "dong thap",
        "Đồng Tháp",
        "DONG THAP",
        "quyet dinh khen thuong",
        "Quyết định khen thưởng",
        "1478/QĐ-TTg",
        "1478",
        "QĐ-TTg 2022",
        "qd-ttg",
        "qh15",
        "28/11/2022",
        "thu tuong chinh phu",
        "khong de ai bi bo lai phia sau",
        "vi nguoi ngheo",
        "can tho thi dua",
        "huan chuong lao dong",
    ],
)
def test_both_backends_find_the_same_hits(twins: list[Archive], query: str) -> None:
    sqlite, postgres = (found(archive, query) for archive in twins)
    assert sqlite[1], "the query finds something"
    assert sqlite == postgres


_WORDS = sorted(
    {
        w.strip(".,;:()")
        for text in (
            "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2023 của tỉnh Đồng Tháp",
            "Thực hiện Quyết định số 1478/QĐ-TTg ngày 28/11/2022 của Thủ tướng Chính phủ",
            "Phong trào Vì người nghèo - Không để ai bị bỏ lại phía sau được hưởng ứng rộng rãi",
            "Căn cứ Luật số 06/2022/QH15 của Quốc hội, thành phố triển khai",
            "Công tác khen thưởng được thực hiện kịp thời, đúng quy định",
            "Quyết định số 1478/QĐ-UBND của UBND thành phố Cần Thơ về thi đua",
        )
        for w in text.split()
    }
    - {"", "-"}
)
_typed = st.sampled_from(_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.lower(), w.upper(), fold(w), fold(w).upper()])
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_typed, min_size=1, max_size=3))
def test_any_query_of_their_words_finds_the_same_hits_on_both_backends(
    twins: list[Archive], words: list[str]
) -> None:
    query = " ".join(words)
    sqlite, postgres = (found(archive, query) for archive in twins)
    assert sqlite == postgres
