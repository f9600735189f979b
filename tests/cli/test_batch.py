"""A batch goes on past a bad file, reports it at the end on stderr, and exits 2."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    return p


@pytest.mark.parametrize("command", ["extract", "check"])
def test_bad_file_first_does_not_stop_the_batch(command, bad, tmp_path):
    out = tmp_path / "out.jsonl"
    args = [command, str(bad), str(EXAMPLE)]
    args += ["-o", str(out)] if command == "extract" else ["--format", "json"]
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last_lines = result.stderr.strip().splitlines()[-2:]
    assert "1 tệp không xử lý được" in last_lines[0] and "empty.pdf" in last_lines[1]
    produced = out.read_text() if command == "extract" else result.stdout
    records = [json.loads(line) for line in produced.splitlines() if line.strip()] if command == "extract" \
        else json.loads(produced)
    assert [r["document"]["source"] for r in records] == [str(EXAMPLE)]


def test_english_messages(bad):
    result = run("--lang", "en", "check", str(bad))
    assert result.returncode == 2
    assert "could not be processed" in result.stderr and "is empty" in result.stderr


@pytest.mark.parametrize("where", ["after", "joined"])
def test_lang_may_follow_the_command(bad, where):
    args = ["check", str(bad), "--lang", "en"] if where == "after" else ["check", "--lang=en", str(bad)]
    result = run(*args)
    assert result.returncode == 2
    assert "is empty" in result.stderr and "Traceback" not in result.stderr


def test_lang_first_keeps_everything_else_in_order():
    from extractor.cli import lang_first

    assert lang_first(["check", "a.pdf", "--lang", "en", "--all"]) == ["--lang", "en", "check", "a.pdf", "--all"]
    assert lang_first(["search", "--", "--lang", "en"]) == ["search", "--", "--lang", "en"]
    assert lang_first(["parse", "x.pdf"]) == ["parse", "x.pdf"]
