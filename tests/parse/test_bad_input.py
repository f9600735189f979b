"""Bad input through the CLI: one clear line on stderr, exit code 2, never a traceback."""
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fixture_writer import to_pdf
from sample_report import REPORT

REPO = Path(__file__).resolve().parents[2]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], capture_output=True, text=True, env=env, timeout=120
    )


def other_zip(member: str = "ppt/presentation.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(member, "<presentation/>")
    return buf.getvalue()


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, report, script):
    paths, _ = report
    out = tmp_path_factory.mktemp("bad")
    pdf = paths["pdf"].read_bytes()
    files = {
        "corrupt.pdf": pdf[: len(pdf) * 2 // 3],
        "zero.pdf": b"",
        "renamed.docx": other_zip(),
        "broken.xlsx": other_zip("xl/workbook.xml"),
        "image.pdf": PNG,
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    to_pdf(REPORT[:3], out / "locked.pdf", script, encrypt="mat-khau")
    return out


CASES = {
    "corrupt.pdf": ("bị hỏng", "corrupt"),
    "locked.pdf": ("mã hóa", "password-protected"),
    "zero.pdf": ("rỗng", "empty"),
    "renamed.docx": ("không được hỗ trợ", "Unsupported"),
    "broken.xlsx": ("bị hỏng", "corrupt"),
    "image.pdf": ("không được hỗ trợ", "Unsupported"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_one_line_and_exit_2(bad_files, name):
    vi, en = CASES[name]
    path = str(bad_files / name)
    for lang, expected in (("vi", vi), ("en", en)):
        result = run_cli("--lang", lang, "parse", path)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and name in lines[0]
        assert "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = run_cli("--lang", "en", "parse", str(tmp_path / "none.pdf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_good_file_prints_json(report):
    import json

    paths, _ = report
    result = run_cli("parse", str(paths["md"]))
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert out["document"]["format"] == "md" and out["tables"] and out["blocks"]
