"""Every mistake of the user gets one line on stderr, in Vietnamese or (--lang en) English, and
exit code 2: no traceback, no usage box, no "internal error"."""
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a run that failed on its input (exit 2)."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Usage:" not in result.stderr and "╭" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def in_lang(cli, lang: str, *args: str, **env: str) -> str:
    return one_line_error(cli("--lang", lang, *args, **env))


@pytest.fixture
def empty_archive(tmp_path: Path) -> Path:
    from extractor.archive import Archive

    path = tmp_path / "archive.sqlite"
    Archive(str(path)).close()
    return path


# --- 1. only ingest creates an archive --------------------------------------------------------

READ_ONLY = [["search", "x"], ["show", "1478"], ["export", "--what", "decisions"]]
NO_ARCHIVE = {"vi": "Chưa có kho lưu trữ", "en": "No archive at"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_reading_a_missing_archive_creates_nothing(
    cli, tmp_path: Path, command: list[str], lang: str
) -> None:
    db = tmp_path / "nowhere" / "archive.sqlite"
    line = in_lang(cli, lang, *command, "--db", str(db))
    assert line.startswith(NO_ARCHIVE[lang]) and str(db) in line and "extractor ingest" in line
    assert not db.parent.exists()


def test_the_default_archive_absent_is_named_with_the_way_to_make_it(cli, tmp_path: Path) -> None:
    line = one_line_error(cli("search", "x"))
    default = tmp_path / "data" / "extractor" / "archive.sqlite"
    assert line.startswith(NO_ARCHIVE["vi"]) and str(default) in line and "extractor ingest" in line
    assert not default.parent.exists()


def test_ingest_creates_the_archive_and_then_it_can_be_read(cli, tmp_path: Path) -> None:
    db = tmp_path / "new" / "archive.sqlite"
    ingested = cli("ingest", str(EXAMPLE), "--db", str(db), "--workers", "0")  # 0: in this process
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stderr == ""  # no progress bar off a terminal
    assert cli("search", "thi dua", "--db", str(db)).returncode == 0


@pytest.mark.parametrize(("lang", "words"), [("vi", "không được hỗ trợ"), ("en", "not supported")])
def test_an_unsupported_database_says_so(cli, lang: str, words: str) -> None:
    line = in_lang(cli, lang, "search", "x", "--db", "mysql://user@localhost/db")
    assert words in line and "mysql://user@localhost/db" in line and "MySQLdb" not in line


# --- 4. usage errors ------------------------------------------------------------------------

USAGE = {
    "format": (["extract", "--format", "xx", str(EXAMPLE)], "'xx'"),
    "what": (["export", "--what", "x"], "'x'"),
    "year": (["search", "q", "--year", "abc"], "'--year'"),
    "option": (["check", "--nope", str(EXAMPLE)], "--nope"),
    "command": (["frobnicate"], "frobnicate"),
    "no paths": (["ingest"], "--retry"),
}
USAGE_WORDS = {"vi": "không hợp lệ", "en": "Invalid use of"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", USAGE, ids=list(USAGE))
def test_a_usage_error_is_one_line_with_the_reason(cli, case: str, lang: str) -> None:
    args, reason = USAGE[case]
    line = in_lang(cli, lang, *args)
    assert USAGE_WORDS[lang] in line and reason in line and "--help" in line


def test_a_usage_error_is_in_vietnamese_by_default(cli) -> None:
    assert one_line_error(cli("search", "q", "--year", "abc")).startswith("Lệnh ")


def test_help_still_works(cli) -> None:
    for args, usage in ((["--help"], "Cách dùng:"), (["ingest", "--help"], "Cách dùng:"),
                        (["--lang", "en", "export", "--help"], "Usage:")):
        result = cli(*args)
        assert result.returncode == 0 and result.stdout.startswith(usage), args


# --- 5. where the output goes, what the input is ------------------------------------------------


@pytest.mark.parametrize(
    ("target", "vi", "en"),
    [
        ("nodir/a.xlsx", "thư mục chứa tệp không tồn tại", "its folder does not exist"),
        (".", "đó là một thư mục", "it is a folder"),
    ],
)
def test_export_to_an_unwritable_place(
    cli, tmp_path: Path, empty_archive: Path, target: str, vi: str, en: str
) -> None:
    out = str(tmp_path / target)
    args = ["export", "--what", "decisions", "-f", "xlsx", "--db", str(empty_archive), "-o", out]
    assert vi in in_lang(cli, "vi", *args)
    line = in_lang(cli, "en", *args)
    assert line.startswith("Cannot write the output to") and en in line


def test_extract_to_a_missing_folder(cli, tmp_path: Path) -> None:
    out = tmp_path / "nodir" / "x.json"
    line = in_lang(cli, "en", "extract", str(EXAMPLE), "-o", str(out))
    assert "its folder does not exist" in line and str(out) in line


@pytest.mark.parametrize(("lang", "words"), [("vi", "là một thư mục"), ("en", "is a folder")])
def test_parse_of_a_folder_says_it_is_a_folder(cli, lang: str, words: str) -> None:
    line = in_lang(cli, lang, "parse", str(EXAMPLE.parent))
    assert words in line and str(EXAMPLE.parent) in line


# --- 9. progress bar off a terminal ------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "check"])
def test_no_progress_label_when_stderr_is_not_a_terminal(cli, command: str) -> None:
    result = cli(command, str(EXAMPLE), str(EXAMPLE.with_suffix(".docx")), "--format", "json")
    assert result.returncode in (0, 1) and result.stdout
    assert result.stderr == ""
