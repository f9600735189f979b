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
    assert "0 lỗi" in out and "Không phát hiện" in out


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
