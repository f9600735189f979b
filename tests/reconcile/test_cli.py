"""`extractor check`: exit codes, the three views, languages, --all."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

SEED_MD = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.md"
runner = CliRunner()


def clean_report(tmp_path: Path) -> Path:
    path = tmp_path / "clean.md"
    path.write_text("Khen thưởng 30 trường hợp, gồm: 10 Bằng khen cho 04 tập thể và 06 cá nhân; 20 Giấy khen.\n",
                    "utf-8")
    return path


def run(*args):
    result = runner.invoke(app, list(map(str, args)))
    return result.exit_code, result.stdout


def test_clean_report_exits_0(tmp_path):
    code, out = run("check", clean_report(tmp_path))
    assert code == 0
    assert "0 lỗi" in out and "2 phép kiểm tra, 0 sai lệch" in out


def nothing_to_check(tmp_path: Path) -> Path:
    path = tmp_path / "plain.md"
    path.write_text("Năm 2023, đơn vị tiếp tục đẩy mạnh phong trào thi đua yêu nước.\n", "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_nothing_checked_is_never_no_discrepancy(tmp_path, fmt):
    code, out = run("check", nothing_to_check(tmp_path), "--format", fmt)
    assert code == 0
    assert "không có số liệu nào kiểm tra được" in out and "0 sai lệch" not in out
    code, out = run("--lang", "en", "check", nothing_to_check(tmp_path), "--format", fmt)
    assert "nothing in this document could be checked" in out and "0 discrepancies" not in out


def test_json_counts_the_checks_by_kind(tmp_path):
    data = json.loads(run("check", clean_report(tmp_path), "--format", "json")[1])
    assert data["checks"] == {"carried_out": 2, "by_kind": {"sum": 2}}
    data = json.loads(run("check", nothing_to_check(tmp_path), "--format", "json")[1])
    assert data["checks"] == {"carried_out": 0, "by_kind": {}}


def test_several_files_end_with_a_total_line(tmp_path):
    head = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"  # with several files, one without office marks is skipped
    files = []
    for path in (clean_report(tmp_path), nothing_to_check(tmp_path)):
        files.append(tmp_path / f"office-{path.name}")
        files[-1].write_text(head + path.read_text("utf-8"), "utf-8")
    code, out = run("check", *files)
    last = out.strip().splitlines()[-1]
    assert last.startswith("Tổng cộng 2 tệp: 2 phép kiểm tra, 0 lỗi")
    assert "1 tệp không có số liệu nào kiểm tra được" in last


def test_errors_exit_1_and_show_section_and_row():
    if not SEED_MD.is_file():
        pytest.skip("shared seed report not available")
    code, out = run("check", SEED_MD)
    assert code == 1
    assert "== Bảng 2: 2. Khen cấp tỉnh" in out
    assert "> 1. | Bằng khen của UBND tỉnh | 3.831" in out
    assert "[LỖI]" in out


def test_json_and_markdown_views_and_english(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("Khen thưởng 31 trường hợp, gồm: 10 Bằng khen; 20 Giấy khen.\n", "utf-8")
    code, out = run("check", path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    [finding] = data["findings"]
    assert finding["check"] == "sum" and finding["expected"] == 30 and finding["actual"] == 31
    assert [loc["text"] for loc in finding["locations"]] == ["31", "10", "20"]
    code, out = run("--lang", "en", "check", path, "--format", "md")
    assert code == 1 and out.startswith("# ") and "**ERROR** The total 31" in out
    assert finding["key"] == "finding.sum" and finding["params"]["total"] == "31"
    assert finding["message"].startswith("Tổng 31")
    english = json.loads(run("--lang", "en", "check", path, "--format", "json")[1])
    assert english["findings"][0]["message"].startswith("The total 31")


def test_locations_are_said_in_words(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("Khen thưởng 31 trường hợp, gồm: 10 Bằng khen; 20 Giấy khen.\n", "utf-8")
    out = run("check", path)[1]
    assert "đoạn 1 «31»" in out and "§" not in out
    assert "paragraph 1 «31»" in run("--lang", "en", "check", path)[1]


def test_all_lists_passed_checks(tmp_path):
    code, out = run("check", clean_report(tmp_path), "--all")
    assert code == 0 and "[ĐÚNG] Khớp: 30 = 10 + 20." in out


def test_unreadable_input_exits_2(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("", "utf-8")
    result = runner.invoke(app, ["check", str(empty), str(clean_report(tmp_path))])
    assert result.exit_code == 2
    assert "rỗng" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_several_files_in_json_are_a_list(tmp_path):
    clean = tmp_path / "with-header.md"  # with several files, a file without office marks is skipped
    clean.write_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n" + clean_report(tmp_path).read_text("utf-8"), "utf-8")
    code, out = run("check", clean, clean, "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2
