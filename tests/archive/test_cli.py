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
    assert "báo cáo" in table.stdout and "tỉnh Đồng Tháp" in table.stdout and "**" not in table.stdout
    assert "  BC-1  315/BC-UBND" in table.stdout  # a report's id, apart from the decisions' VB-n
    as_json = json.loads(invoke("search", "1478/QĐ-TTg", "--db", stored_db, "--format", "json").stdout)
    assert as_json["hits"][0]["label"] == "1478/QĐ-TTg" and as_json["hits"][0]["kind"] == "decision"
    english = invoke("--lang", "en", "search", "không có gì", "--db", stored_db)
    assert english.exit_code == 0 and english.stdout.strip() == "No results"


def test_snippets_on_a_terminal_are_highlighted_in_colour() -> None:
    from extractor.archive import Hit
    from extractor.output import hits_text

    hit = Hit("report", 3, "315/BC-UBND", None, None, None, None, "của tỉnh **Đồng** **Tháp** đã")
    assert "tỉnh \x1b[1;33mĐồng\x1b[0m \x1b[1;33mTháp\x1b[0m đã" in hits_text([hit], "vi", colour=True)
    assert "tỉnh Đồng Tháp đã" in hits_text([hit], "vi", colour=False)


def test_show_opens_a_report_by_its_id(stored_db: str) -> None:
    out = invoke("show", "BC-1", "--db", stored_db)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].endswith("[BC-1]") and "315/BC-UBND" in lines[0]
    assert "Văn bản viện dẫn: 1478/QĐ-TTg [VB-1]" in out.stdout
    assert "20  Huân chương Lao động hạng Ba" in out.stdout and "cấp Nhà nước" in out.stdout
    assert "[CẢNH BÁO] Tổng 20 không bằng tổng các thành phần 4 + 17 = 21." in out.stdout
    assert "trang 1, đoạn 4 «20 Huân chương Lao động»" in out.stdout
    english = invoke("--lang", "en", "show", "bc-1", "--db", stored_db)
    assert "[WARNING] The total 20 is not the sum of its parts 4 + 17 = 21." in english.stdout
    as_json = json.loads(invoke("--lang", "en", "show", "BC-1", "--db", stored_db, "-f", "json").stdout)
    assert as_json[0]["findings"][0]["message"].startswith("The total 20")
    decision = invoke("show", "VB-1", "--db", stored_db)
    assert decision.stdout.startswith("Quyết định 1478/QĐ-TTg  [VB-1]") and "[BC-1]" in decision.stdout


def test_show_opens_a_campaign_by_its_id(stored_db: str) -> None:
    hits = json.loads(invoke("search", "vi nguoi ngheo", "--db", stored_db, "-f", "json").stdout)["hits"]
    [ref] = [h["ref"] for h in hits if h["kind"] == "campaign"]
    out = invoke("show", ref, "--db", stored_db)
    assert out.exit_code == 0 and out.stdout.startswith(f"Vì người nghèo - Không để ai bị bỏ lại phía sau  [{ref}]")
    assert "Cơ quan phát động: Thủ tướng Chính phủ" in out.stdout and "[BC-1]" in out.stdout


def test_show_tells_never_held_from_no_longer_held(stored_db: str, build) -> None:
    never = invoke("show", "BC-99", "--db", stored_db)
    assert never.exit_code == 2 and never.stderr.startswith("Không có văn bản BC-99 trong kho")
    from extractor.archive.schema import documents

    later = build.dong_thap()
    later.sha256, later.source = "f" * 64, "reports/later.md"
    with Archive(stored_db) as archive:
        archive.store(later)
        with archive.engine.begin() as conn:
            conn.execute(documents.delete().where(documents.c.id == 1))
    gone = invoke("show", "BC-1", "--db", stored_db)
    assert gone.exit_code == 2 and "không còn trong kho" in gone.stderr


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
    assert values[0][:2] == ("Mã", "Thuộc mục") and len(values) == 3
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
    assert "đã lưu 0 · không đổi 0 · lỗi 1" in out.stdout and "empty.md" not in out.stdout
    assert out.stdout.startswith(f"Kho {sqlite_url}: ")  # the summary names the archive it wrote
    assert "empty.md" in out.stderr  # the failure list goes to stderr, like extract's
    assert f"extractor ingest --retry --db {sqlite_url}" in out.stderr  # the same archive again
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
