"""The command line in Vietnamese by default, English with --lang en or EXTRACTOR_LANG: help
pages, usage lines, click's own errors, progress bars; every option described; --version."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import __version__

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"
COMMANDS = ["parse", "extract", "check", "ingest", "search", "show", "export"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_vietnamese_by_default_and_english_on_request(cli, command: list[str]) -> None:
    vi = cli(*command, "--help")
    assert vi.returncode == 0 and vi.stdout.startswith("Cách dùng: extractor")
    assert "Tùy chọn:" in vi.stdout and "Hiện hướng dẫn này rồi thoát" in vi.stdout
    assert "Usage" not in vi.stdout and "Show this message" not in vi.stdout
    en = cli(*command, "--help", "--lang", "en")
    assert en.stdout.startswith("Usage: extractor") and "Options:" in en.stdout
    assert cli(*command, "--help", EXTRACTOR_LANG="en").stdout == en.stdout


def test_every_option_and_argument_is_described() -> None:
    import typer

    from extractor.cli import app
    from extractor.clihelp import text_of

    group = typer.main.get_command(app)
    commands = [group, *(group.commands[name] for name in COMMANDS)]
    for command in commands:
        assert text_of(command.help, "vi") and text_of(command.help, "en"), command.name
        for param in command.params:
            for lang in ("vi", "en"):
                described = text_of(param.help, lang)
                assert described and not described.startswith("cli."), (command.name, param.name, lang)


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["check", "--bogus"], "không có tùy chọn --bogus", "No such option: --bogus"),
        (["check"], "thiếu đối số", "Missing argument"),
        (["check", "-f", "xx", "a"], "'xx' không thuộc các giá trị", "is not one of"),
        (["search", "q", "--limit", "abc"], "cần một số nguyên", "valid integer"),
        (["nope"], "không có lệnh 'nope'", "No such command 'nope'"),
        (["export"], "thiếu tùy chọn '--what'", "Missing option '--what'"),
        (["show", "1", "2"], "thừa đối số", "unexpected extra argument"),
    ],
)
def test_click_errors_in_the_users_language(cli, args: list[str], vi: str, en: str) -> None:
    result = cli(*args)
    assert result.returncode == 2 and result.stderr.startswith("Lệnh extractor")
    assert vi in result.stderr and len(result.stderr.strip().splitlines()) == 1
    english = cli(*args, "--lang", "en")
    assert english.stderr.startswith("Invalid use of extractor") and en in english.stderr
    assert cli(*args, EXTRACTOR_LANG="en").stderr == english.stderr


def test_version(cli) -> None:
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"extractor {__version__}"


@pytest.mark.parametrize(("lang", "label"), [("vi", "Đang kiểm tra"), ("en", "Checking")])
def test_progress_bars_are_labelled_in_the_users_language(monkeypatch, lang: str, label: str) -> None:
    from typer.testing import CliRunner

    from extractor import cli

    monkeypatch.setattr(cli, "bars_wanted", lambda: True)
    result = CliRunner().invoke(cli.app, ["--lang", lang, "check", str(EXAMPLE), str(EXAMPLE), "-f", "json"])
    assert label in result.stderr


def test_one_progress_bar_for_every_batch_command() -> None:
    import inspect

    from extractor import cli
    from extractor.archive import intake

    assert "ProgressBar" in inspect.getsource(cli.each_document) and "ProgressBar" in inspect.getsource(intake.ingest)
    assert "typer.progressbar" not in inspect.getsource(cli)
