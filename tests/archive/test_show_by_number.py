"""`show` with digits: an archive id first, else a decision number (one decision: in full;
several: listed, like search)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.archive import Archive
from extractor.cli import app

QD_UBND = {
    "id": "1478/QĐ-UBND",
    "doc_type": "Quyết định",
    "number": "1478",
    "symbol": "QĐ-UBND",
    "date": "2021-05-04",
    "issuer": "UBND tỉnh Đồng Tháp",
}


@pytest.fixture
def one_1478(archive: Archive, build) -> Archive:
    archive.store(build.dong_thap())
    return archive


def store_two_1478(archive: Archive, build) -> Archive:
    """Two reports, citing 1478/QĐ-TTg and 1478/QĐ-UBND."""
    archive.store(build.dong_thap())
    archive.store(
        build.doc(
            "reports/other.md",
            ["Căn cứ Quyết định số 1478/QĐ-UBND ngày 04/5/2021 của UBND tỉnh."],
            references=[{**QD_UBND, "surface": "Quyết định số 1478/QĐ-UBND"}],
        )
    )
    return archive


@pytest.fixture
def two_1478(archive: Archive, build) -> Archive:
    return store_two_1478(archive, build)


def test_a_number_that_is_no_id_finds_its_decision(one_1478: Archive) -> None:
    (by_number,) = one_1478.show("1478")
    assert by_number["decision"]["ref"] == "1478/QĐ-TTg"
    assert one_1478.show("01478") == [by_number]  # leading zeros, as in search
    decision_id = by_number["decision"]["id"]
    assert one_1478.show(str(decision_id)) == [by_number]  # ids keep working
    assert one_1478.show("9999") == []


def test_a_number_of_several_decisions_gives_them_all(two_1478: Archive) -> None:
    assert sorted(v["decision"]["ref"] for v in two_1478.show("1478")) == ["1478/QĐ-TTg", "1478/QĐ-UBND"]


def test_cli_shows_one_decision_in_full(sqlite_url: str, build) -> None:
    with Archive(sqlite_url) as archive:
        archive.store(build.dong_thap())
    out = CliRunner().invoke(app, ["show", "1478", "--db", sqlite_url])
    assert out.exit_code == 0
    assert out.stdout.startswith("Quyết định 1478/QĐ-TTg") and "315/BC-UBND" in out.stdout


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("vi", "2 văn bản mang số 1478; xem một văn bản bằng: extractor show VB-…"),
        ("en", "2 decisions numbered 1478; show one with: extractor show VB-…"),
    ],
)
def test_cli_lists_several_decisions_like_search(sqlite_url: str, build, lang: str, header: str) -> None:
    with Archive(sqlite_url) as archive:
        store_two_1478(archive, build)
    listed = CliRunner().invoke(app, ["--lang", lang, "show", "1478", "--db", sqlite_url])
    in_full = CliRunner().invoke(app, ["show", "1478", "--db", sqlite_url, "-f", "json"])
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0] == header
    assert "1478/QĐ-TTg" in listed.stdout and "1478/QĐ-UBND" in listed.stdout
    assert "UBND tỉnh Đồng Tháp" in listed.stdout
    in_full_refs = sorted(v["decision"]["ref"] for v in json.loads(in_full.stdout))
    assert in_full_refs == ["1478/QĐ-TTg", "1478/QĐ-UBND"]
