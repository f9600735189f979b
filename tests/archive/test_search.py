from __future__ import annotations

import re

import pytest

from extractor.archive import Archive
from extractor.vn.normalize import fold

MARKED = re.compile(r"\*\*(.+?)\*\*")


@pytest.fixture
def filled(archive: Archive, build) -> Archive:
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
