from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.archive import Archive, db
from extractor.cli import app

runner = CliRunner()


@pytest.fixture
def stored_db(sqlite_url: str, build) -> str:
    with Archive(sqlite_url) as archive:
        archive.store(build.figures(build.dong_thap()))
    return sqlite_url


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_search_as_table_and_json(stored_db: str) -> None:
    table = invoke("search", "dong thap", "--db", stored_db)
    assert table.exit_code == 0
    assert "báo cáo" in table.stdout and "**Đồng** **Tháp**" in table.stdout
    as_json = json.loads(invoke("search", "1478/QĐ-TTg", "--db", stored_db, "--format", "json").stdout)
    assert as_json["hits"][0]["label"] == "1478/QĐ-TTg" and as_json["hits"][0]["kind"] == "decision"
    english = invoke("--lang", "en", "search", "không có gì", "--db", stored_db)
    assert english.exit_code == 0 and english.stdout.strip() == "No results"


def test_search_filters_reach_the_archive(stored_db: str) -> None:
    out = invoke(
        "search", "1478", "--db", stored_db, "--year", "2022", "--type", "QĐ", "--issuer", "TTg", "-f", "json"
    )
    assert [h["label"] for h in json.loads(out.stdout)["hits"]] == ["1478/QĐ-TTg"]
    out = invoke("search", "1478", "--db", stored_db, "--campaign", "vi nguoi ngheo", "-f", "json")
    assert {h["kind"] for h in json.loads(out.stdout)["hits"]} == {"decision", "report"}


def test_show_prints_the_decision_and_its_reports(stored_db: str) -> None:
    out = invoke("show", "1478/QĐ-TTg", "--db", stored_db)
    assert out.exit_code == 0
    assert out.stdout.startswith("Quyết định 1478/QĐ-TTg")
    assert "315/BC-UBND" in out.stdout and "Thực hiện Quyết định số 1478/QĐ-TTg" in out.stdout
    (view,) = json.loads(invoke("show", "1478/qd-ttg", "--db", stored_db, "-f", "json").stdout)
    assert view["reports"][0]["citations"][0]["page"] == 1


@pytest.mark.parametrize(("lang", "words"), [("vi", "Không có văn bản"), ("en", "No document")])
def test_show_of_an_unknown_decision_is_one_line_and_exit_2(stored_db: str, lang: str, words: str) -> None:
    out = invoke("--lang", lang, "show", "9/QĐ-XYZ", "--db", stored_db)
    assert out.exit_code == 2
    assert out.stderr.strip().startswith(words) and "9/QĐ-XYZ" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.output


def test_export_to_stdout_and_to_a_file(stored_db: str, tmp_path: Path) -> None:
    out = invoke("export", "--what", "decisions", "--format", "csv", "--db", stored_db)
    assert out.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert row["ref"] == "1478/QĐ-TTg" and row["citations"] == "1"
    target = tmp_path / "awards.xlsx"
    assert (
        invoke("export", "--what", "awards", "-f", "xlsx", "-o", str(target), "--db", stored_db).exit_code
        == 0
    )
    values = list(load_workbook(target).active.values)
    assert values[0][:2] == ("id", "parent_id") and len(values) == 3
    findings = json.loads(invoke("export", "--what", "findings", "-f", "json", "--db", stored_db).stdout)
    assert findings[0]["check"] == "sum"


def test_an_unusable_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = invoke("search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert out.exit_code == 2
    assert out.stderr.startswith("Lỗi cơ sở dữ liệu") and len(out.stderr.strip().splitlines()) == 1
    not_a_db = tmp_path / "text.sqlite"
    not_a_db.write_text("this is not a database\n" * 100)
    out = invoke("--lang", "en", "search", "x", "--db", str(not_a_db))
    assert out.exit_code == 2 and out.stderr.startswith("Database error")


def test_ingest_prints_the_summary_and_exits_1_on_failures(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.md").write_bytes(b"")
    out = invoke("ingest", str(folder), "--db", sqlite_url, "--workers", "1")
    assert out.exit_code == 1
    assert "Đã lưu: 0 · Không đổi: 0 · Lỗi: 1" in out.stdout and "empty.md" not in out.stdout
    assert "empty.md" in out.stderr and "--retry" in out.stderr  # the failure list, like extract's
    assert invoke("ingest", "--db", sqlite_url).exit_code == 2  # neither paths nor --retry
    missing = invoke("ingest", str(tmp_path / "nowhere"), "--db", sqlite_url)  # a failure like any other
    assert missing.exit_code == 1 and "✗ Không tìm thấy tệp" in missing.stderr


def test_default_archive_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(db.ENV_DB, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert db.resolve_url(None).database == str(tmp_path / "data" / "extractor" / "archive.sqlite")
    monkeypatch.setenv(db.ENV_DB, str(tmp_path / "elsewhere.sqlite"))
    assert db.resolve_url(None).database == str(tmp_path / "elsewhere.sqlite")
    assert db.resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
