"""Hostile files (issue 14): loops, resource bombs and bad values end in one typed error that
names the file (and, for a limit, which limit and how to raise it), never a hang or an internal
error. Every file is built here, in memory (`devtools.hostile`)."""
import pytest

from extractor.devtools import hostile
from extractor.errors import CorruptFile, LimitExceeded
from extractor.parse import limits, parse_bytes, parse_file


@pytest.mark.parametrize(
    "build, name",
    [
        (hostile.docx_style_loop, "loop.docx"),
        (hostile.docx_bad_value, "nan.docx"),
        (hostile.pdf_reference_loop, "loop.pdf"),
    ],
)
def test_a_loop_or_a_bad_value_is_a_corrupt_file_naming_it(build, name):
    with pytest.raises(CorruptFile) as caught:
        parse_bytes(build(), name)
    assert caught.value.path == name
    assert name in caught.value.message("en") and name in caught.value.message("vi")


def test_the_style_loop_error_says_where_the_chain_turns():
    with pytest.raises(CorruptFile, match="basedOn"):
        parse_bytes(hostile.docx_style_loop(), "loop.docx")


def test_the_bad_value_error_names_what_python_docx_refused():
    with pytest.raises(CorruptFile) as caught:
        parse_bytes(hostile.docx_bad_value(), "nan.docx")
    assert "nan" in caught.value.detail


@pytest.mark.parametrize(
    "build, limit",
    [
        (lambda: hostile.docx_grid_span(2_000_000_000), "table_cells"),
        (lambda: hostile.docx_inflating(300 << 20), "decompressed_bytes"),
        (lambda: hostile.pdf_inflating(300 << 20), "page_content_bytes"),
        (lambda: hostile.pdf_text_operators(300 << 20), "page_content_bytes"),
        (lambda: hostile.pdf_tiny_chars(1_000_000), "page_chars"),
        (lambda: hostile.pdf_rectangles(100_000), "page_graphics"),
        (lambda: hostile.long_block(1_200_000), "block_chars"),
    ],
)
def test_a_resource_bomb_is_refused_naming_the_limit_and_how_to_raise_it(build, limit):
    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(build(), "bomb")
    err = caught.value
    assert err.limit == limit and err.path == "bomb"
    assert limits.env_name(limit) in err.message("en") and limits.env_name(limit) in err.message("vi")


def test_a_limit_is_raised_and_lowered_by_its_environment_variable(monkeypatch):
    wide = hostile.docx_grid_span(300)
    assert parse_bytes(wide, "wide.docx").tables  # 300 columns: under the default
    monkeypatch.setenv("EXTRACTOR_LIMIT_TABLE_CELLS", "100")
    with pytest.raises(LimitExceeded):
        parse_bytes(wide, "wide.docx")
    monkeypatch.setenv("EXTRACTOR_LIMIT_PAGES", "0")
    with pytest.raises(LimitExceeded, match="pages"):
        parse_bytes(hostile.pdf_text(), "one-page.pdf")
    monkeypatch.setenv("EXTRACTOR_LIMIT_PAGES", "not a number")  # ignored: the data file's value
    assert parse_bytes(hostile.pdf_text(), "one-page.pdf").blocks


def test_a_file_over_the_input_size_is_refused_before_it_is_read(tmp_path, monkeypatch):
    line = tmp_path / "line.txt"
    with open(line, "wb") as fh:  # 200 MB, sparse: parse_file must not read it to refuse it
        fh.truncate(200 << 20)
    with pytest.raises(LimitExceeded, match="input_bytes"):
        parse_file(line)


def test_a_single_line_longer_than_a_block_is_refused(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_LIMIT_BLOCK_CHARS", "1000")
    with pytest.raises(LimitExceeded, match="block_chars"):
        parse_bytes(("Báo cáo\n\n" + "x" * 5000).encode(), "line.txt")


def test_the_real_pdfs_stay_far_below_the_page_limits():
    from pathlib import Path

    import pdfplumber

    from extractor.parse import pdf_limits

    files = sorted((Path(__file__).parents[2].parent / "shared" / "corpus" / "real-files").glob("*.pdf"))[:12]
    if not files:
        pytest.skip("../shared/corpus/real-files is not available")
    for path in files:
        with pdfplumber.open(path) as pdf:
            pdf_limits.check_document(pdf, str(path))  # raises on a false refusal


def test_the_character_count_is_at_least_what_the_page_shows():
    import io

    import pdfplumber

    from extractor.parse import pdf_limits

    data = hostile.pdf_text(b"Bao cao (tong) ket")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        drawn = sum(pdf_limits._drawn_characters(d) for d in pdf_limits._content_streams(page.page_obj, 1 << 30, "x"))
        assert drawn >= len(page.chars) > 0
