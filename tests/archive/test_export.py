"""`export`: XLSX for officials, CSV for machines, and exports that cannot hurt (issues 13, 14)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from extractor.archive import Archive
from extractor.archive.export import defused, export_bytes, write_atomically
from extractor.cli import app
from extractor.errors import OutputFull
from extractor.model import OcrInfo

runner = CliRunner()
HOSTILE = '=HYPERLINK("http://example.invalid/x","bấm vào đây")'


@pytest.fixture
def stored_db(sqlite_url: str, build) -> str:
    doc = build.figures(build.dong_thap())
    doc.metadata.title = HOSTILE  # text from a document that looks like a formula
    doc.checks = {"sum": 3}
    doc.ocr = OcrInfo(engine="tesseract", pages=[1], words=10, mean_confidence=82.5)
    with Archive(sqlite_url) as archive:
        archive.store(doc)
    return sqlite_url


def invoke(*args: str):
    return runner.invoke(app, list(args))


def workbook(stored_db: str, tmp_path: Path, *args: str):
    target = tmp_path / "out.xlsx"
    out = invoke("export", "-f", "xlsx", "-o", str(target), "--db", stored_db, *args)
    assert out.exit_code == 0, out.output
    return load_workbook(target)


def test_xlsx_for_officials(stored_db: str, tmp_path: Path) -> None:
    book = workbook(stored_db, tmp_path, "--what", "all")
    assert book.sheetnames == ["Báo cáo", "Văn bản", "Trích dẫn", "Phong trào", "Khen thưởng", "Kết quả kiểm tra",
                               "Người được khen"]
    awards = book["Khen thưởng"]
    header = [c.value for c in awards[1]]
    assert {"Hình thức khen thưởng", "Số lượng", "Tập thể", "Cấp", "Ngày báo cáo"} <= set(header)
    assert awards.freeze_panes == "A2" and awards.auto_filter.ref.startswith("A1:")
    row = dict(zip(header, [c for c in awards[2]]))
    assert row["Số lượng"].value == 20 and row["Số lượng"].data_type == "n"  # an integer, not text
    assert row["Cấp"].value == "cấp Nhà nước"  # the category in words, not "state"
    assert isinstance(row["Ngày báo cáo"].value, dt.datetime) and row["Ngày báo cáo"].is_date
    assert row["Vị trí trong văn bản"].value.startswith("trang 1, đoạn 4 «20 Huân chương Lao động»")
    widths = [awards.column_dimensions[c].width for c in "ABCDEFGH"]
    assert all(w and 6 <= w <= 60 for w in widths)
    for sheet in book.worksheets:  # no JSON in any cell
        for cells in sheet.iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(v, str) and v.lstrip().startswith(("{", "[")) for v in cells)
    [report] = list(book["Báo cáo"].iter_rows(min_row=2, values_only=True))
    assert "3 phép kiểm tra, 1 sai lệch" in report
    assert any(str(v).startswith("Trang 1 được đọc bằng OCR (độ tin cậy trung bình 82,5/100)") for v in report)


def test_xlsx_in_english(stored_db: str, tmp_path: Path) -> None:
    book = workbook(stored_db, tmp_path, "--what", "findings", "--lang", "en")
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Report ID", "Report file"] and "Finding" in header
    message = sheet.cell(row=2, column=header.index("Finding") + 1).value
    assert message.startswith("The total 20 is not the sum of its parts")


def test_no_exported_cell_is_a_formula(stored_db: str, tmp_path: Path) -> None:
    book = workbook(stored_db, tmp_path, "--what", "reports")
    cells = [c for row in book["Báo cáo"].iter_rows() for c in row]
    hostile = [c for c in cells if c.value == HOSTILE]
    assert hostile and all(c.data_type == "s" for c in hostile)
    assert not any(c.data_type == "f" for c in cells)
    out = invoke("export", "--what", "reports", "-f", "csv", "--db", stored_db)
    assert "'" + HOSTILE.replace('"', '""') in out.stdout
    assert [defused(x) for x in ("=1", "+1", "-1", "@x", "a=b")] == ["'=1", "'+1", "'-1", "'@x", "a=b"]


def test_csv_keeps_machine_headers_and_starts_with_a_bom(stored_db: str) -> None:
    out = runner.invoke(app, ["export", "--what", "findings", "--db", stored_db])
    assert out.stdout_bytes.startswith(b"\xef\xbb\xbf")
    header = out.stdout.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[:2] == ["document_id", "document_source"] and "key" in header and "params" in header


def test_json_renders_the_findings_in_the_readers_language(stored_db: str) -> None:
    vi = json.loads(invoke("export", "--what", "findings", "-f", "json", "--db", stored_db).stdout)
    en = json.loads(invoke("--lang", "en", "export", "--what", "findings", "-f", "json", "--db", stored_db).stdout)
    assert vi[0]["message"].startswith("Tổng 20") and en[0]["message"].startswith("The total 20")
    assert vi[0]["key"] == en[0]["key"] == "finding.sum"


def test_csv_holds_one_kind(stored_db: str) -> None:
    out = invoke("export", "--what", "all", "-f", "csv", "--db", stored_db)
    assert out.exit_code == 2 and "xlsx" in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_refuses_to_overwrite_the_archive(stored_db: str, suffix: str) -> None:
    target = Path(stored_db + suffix)
    before = target.read_bytes() if target.exists() else None
    out = invoke("export", "--what", "decisions", "-o", str(target), "--db", stored_db)
    assert out.exit_code == 2 and "kho lưu trữ đang đọc" in out.stderr
    assert (target.read_bytes() if target.exists() else None) == before
    with Archive(stored_db, create=False) as archive:
        assert archive.rows("decisions")[1]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    target = tmp_path / "old.csv"
    target.write_bytes(b"old")

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", lambda fd: full(fd, b""))
    with pytest.raises(OutputFull):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["old.csv"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_dev_full_is_one_line(cli_process, stored_db: str, fmt: str) -> None:
    result = cli_process("export", "--what", "awards", "-f", fmt, "-o", "/dev/full", "--db", stored_db)
    assert result.returncode == 2
    assert result.stderr.strip() == "Không ghi được kết quả vào /dev/full: ổ đĩa đã đầy"


def test_xlsx_to_a_terminal_is_refused(cli_process, stored_db: str) -> None:
    import pty
    import subprocess
    import sys

    main, child = pty.openpty()
    command = [sys.executable, "-m", "extractor", "export", "--what", "awards", "-f", "xlsx", "--db", stored_db]
    result = subprocess.run(command, stdout=child, stderr=subprocess.PIPE, text=True, env=cli_process.env)
    os_close = __import__("os").close
    os_close(child)
    os_close(main)
    assert result.returncode == 2 and "-o" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_export_bytes_of_every_format_in_memory() -> None:
    tables = {"awards": (["id", "count"], [{"id": 1, "count": 3}])}
    assert export_bytes(tables, "csv").decode("utf-8-sig") == "id,count\r\n1,3\r\n"
    assert json.loads(export_bytes(tables, "json")) == [{"id": 1, "count": 3}]
    assert export_bytes(tables, "xlsx")[:2] == b"PK"
