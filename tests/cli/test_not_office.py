"""A folder also holds READMEs, indexes and pictures: a batch lists them as skipped; a file given
on its own is processed, with a warning."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    (out / "report.md").write_bytes(EXAMPLE.read_bytes())
    (out / "README.md").write_text("# Notes\n\nFiles collected in 2023; see the index.\n", "utf-8")
    (out / "scan-preview.png").write_bytes(PNG)
    return out


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_batch_skips_what_is_no_office_document(cli, folder, command):
    files = sorted(str(p) for p in folder.iterdir())
    result = cli("--lang", "en", command, *files, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "2 file(s) skipped" in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "does not look like an office document" in line]
    assert sorted(Path(line.split()[0]).name for line in skipped) == ["README.md", "scan-preview.png"]
    assert any("an image file" in line for line in skipped)
    if command == "extract":
        records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    else:
        records = json.loads(result.stdout)
    assert [Path(r["document"]["source"]).name for r in records] == ["report.md"]


def test_a_file_given_alone_is_processed_with_a_warning(cli, folder):
    result = cli("--lang", "en", "extract", str(folder / "README.md"))
    assert result.returncode == 0, result.stderr
    assert "Warning:" in result.stderr and "does not look like an office document" in result.stderr
    out = json.loads(result.stdout)
    assert out["document"]["source"].endswith("README.md")
    assert any("office document" in n for n in out["notes"])


def test_an_office_document_alone_gets_no_warning(cli):
    result = cli("check", str(EXAMPLE))
    assert result.returncode in (0, 1) and "Cảnh báo:" not in result.stderr
