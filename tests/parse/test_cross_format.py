"""The three renderings of one report give the same blocks and the same tables.

Blocks are compared by kind, level, marker and text; tables by title, header grid and body cells
(text, value, spans, bold). Pages differ by nature (None outside PDF) and are not compared.
"""
import pytest

from extractor.parse import parse_file

FORMATS = ("md", "docx", "pdf")


def block_view(doc):
    return [(b.kind, b.level, b.marker, b.text) for b in doc.blocks]


def table_view(doc):
    return [
        (
            t.title,
            t.header,
            [[(c.text, c.value, c.rowspan, c.colspan, c.spanned, c.bold) for c in row] for row in t.rows],
            t.after_block,
        )
        for t in doc.tables
    ]


@pytest.fixture(scope="module")
def parsed_report(report):
    paths, expected = report
    return {fmt: parse_file(paths[fmt]) for fmt in FORMATS}, expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_blocks_match_the_writer(parsed_report, fmt):
    docs, expected = parsed_report
    assert [(b.kind, b.text) for b in docs[fmt].blocks] == expected.blocks


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_tables_match_the_writer(parsed_report, fmt):
    docs, expected = parsed_report
    got = [(t.title, t.header, [[c.text for c in row] for row in t.rows]) for t in docs[fmt].tables]
    assert got == expected.tables


@pytest.mark.parametrize("fmt", ("docx", "pdf"))
def test_report_renderings_agree_with_markdown(parsed_report, fmt):
    docs, _ = parsed_report
    assert block_view(docs[fmt]) == block_view(docs["md"])
    assert table_view(docs[fmt]) == table_view(docs["md"])


def test_report_pdf_table_runs_over_a_page_break(parsed_report):
    docs, _ = parsed_report
    (table,) = docs["pdf"].tables
    assert len(table.pages) == 2
    assert [row[0].text for row in table.rows[:-1]] == [f"{i}." for i in range(1, len(table.rows))]


@pytest.fixture(scope="module")
def parsed_seed(seed):
    return {fmt: parse_file(seed.with_suffix(f".{fmt}")) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", ("docx", "pdf"))
def test_seed_renderings_agree_with_markdown(parsed_seed, fmt):
    docs = parsed_seed
    assert block_view(docs[fmt]) == block_view(docs["md"])
    assert table_view(docs[fmt]) == table_view(docs["md"])


def test_seed_annex_tables(parsed_seed):
    first, second = parsed_seed["pdf"].tables
    assert (first.title, second.title) == ("1. Khen cấp Nhà nước", "2. Khen cấp tỉnh")
    assert first.header == [
        ["Số TT", "Hình thức khen thưởng", "Tổng số", "Trong đó", "Trong đó",
         "Người lao động", "Người lao động", "Lãnh đạo", "Lãnh đạo"],
        ["Số TT", "Hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân",
         "Số lượng", "Tỷ lệ %", "Số lượng", "Tỷ lệ %"],
    ]
    # the first table runs from page 13 to 14 without a repeated header, one row cut in two
    assert first.pages == [13, 14]
    assert [row[0].text for row in first.rows] == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", ""]
    assert first.rows[1][1].text == "Bà mẹ Việt Nam Anh hùng"
    assert [c.text for c in first.rows[-1]][1:4] == ["CỘNG", "259", "25"]
    assert all(c.bold for c in first.rows[-1][1:])


def test_seed_pdf_blocks_know_their_pages(parsed_seed):
    pages = [b.page for b in parsed_seed["pdf"].blocks]
    assert pages[0] == 1 and pages[-1] == 14
    assert pages == sorted(pages)
    assert all(b.page is None for b in parsed_seed["docx"].blocks)


@pytest.mark.parametrize("index", [79, 157])
def test_a_table_whose_last_row_alone_spills_onto_the_next_page(index, tmp_path):
    """Generated reports whose annex table leaves only its total row for the next page: that
    one-row grid opens the page and continues the table (it is not a framed paragraph)."""
    from extractor.devtools.generate import compose, write_report

    g = compose(2024, index)
    write_report(g, tmp_path, ("md", "pdf"))
    md, pdf = (parse_file(next(tmp_path.rglob(f"{g.id}.{fmt}"))) for fmt in ("md", "pdf"))
    assert any(len(t.pages) == 2 and len(t.rows[-1]) > 1 for t in pdf.tables), "the case this test is about"
    assert [t.rows for t in pdf.tables] and table_view(pdf) == table_view(md)
