"""The document deadline and the parser limits from the command line (issue 14)."""
from pathlib import Path

from extractor.devtools import hostile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


def test_a_document_past_the_timeout_is_listed_and_the_batch_goes_on(cli, tmp_path):
    grid = tmp_path / "grid.docx"
    grid.write_bytes(hostile.docx_grid_span())
    out = cli("--lang", "en", "extract", str(EXAMPLE), str(grid), "--timeout", "0.000001")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines[0] == "2 file(s) could not be processed:"
    assert lines[1].strip().startswith(f"Stopped processing {EXAMPLE}") and "--timeout" in lines[1]


def test_check_takes_the_deadline_too(cli):
    out = cli("--lang", "en", "check", str(EXAMPLE), "--timeout", "0.000001")
    assert out.returncode == 2 and "Stopped processing" in out.stderr


def test_a_malformed_limit_variable_is_ignored(cli):
    out = cli("parse", str(EXAMPLE), "--format", "text", EXTRACTOR_LIMIT_DOCUMENT_SECONDS="0.5x")
    assert out.returncode == 0 and out.stdout.strip()


def test_a_bomb_in_a_batch_is_one_line_naming_the_limit_and_the_rest_goes_on(cli, tmp_path):
    bomb = tmp_path / "rects.pdf"
    bomb.write_bytes(hostile.pdf_rectangles())
    out = cli("--lang", "en", "extract", str(bomb), str(EXAMPLE), "-f", "table")
    assert out.returncode == 2 and out.stdout.strip()
    failed = out.stderr.strip().splitlines()[1]
    assert str(bomb) in failed and "page_graphics" in failed and "EXTRACTOR_LIMIT_PAGE_GRAPHICS" in failed
    # Raised past it, pdfplumber's layout of 100,000 rectangles meets the next guard: memory.
    raised = cli("--lang", "en", "extract", str(bomb), EXTRACTOR_LIMIT_PAGE_GRAPHICS="200000")
    assert raised.returncode == 2 and "document_memory_bytes" in raised.stderr


def test_an_impossible_timeout_is_a_usage_error(cli):
    out = cli("--lang", "en", "extract", str(EXAMPLE), "--timeout", "-1")
    assert out.returncode == 2 and out.stderr.startswith("Invalid use of")
