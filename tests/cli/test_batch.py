"""A batch goes on past a bad file, reports it at the end on stderr, and exits 2."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    return p


@pytest.mark.parametrize("command", ["extract", "check"])
def test_bad_file_first_does_not_stop_the_batch(cli, command, bad, tmp_path):
    out = tmp_path / "out.jsonl"
    args = [command, str(bad), str(EXAMPLE)]
    args += ["-o", str(out)] if command == "extract" else ["--format", "json"]
    result = cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last_lines = result.stderr.strip().splitlines()[-2:]
    assert "1 tệp không xử lý được" in last_lines[0] and "empty.pdf" in last_lines[1]
    produced = out.read_text() if command == "extract" else result.stdout
    records = [json.loads(line) for line in produced.splitlines() if line.strip()] if command == "extract" \
        else json.loads(produced)
    assert [r["document"]["source"] for r in records] == [str(EXAMPLE)]


def test_english_messages(cli, bad):
    result = cli("--lang", "en", "check", str(bad))
    assert result.returncode == 2
    assert "could not be processed" in result.stderr and "is empty" in result.stderr


@pytest.mark.parametrize("where", ["after", "joined"])
def test_lang_may_follow_the_command(cli, bad, where):
    args = ["check", str(bad), "--lang", "en"] if where == "after" else ["check", "--lang=en", str(bad)]
    result = cli(*args)
    assert result.returncode == 2
    assert "is empty" in result.stderr and "Traceback" not in result.stderr


def test_lang_first_keeps_everything_else_in_order():
    from extractor.cli import lang_first

    assert lang_first(["check", "a.pdf", "--lang", "en", "--all"]) == ["--lang", "en", "check", "a.pdf", "--all"]
    assert lang_first(["search", "--", "--lang", "en"]) == ["search", "--", "--lang", "en"]
    assert lang_first(["parse", "x.pdf"]) == ["parse", "x.pdf"]
