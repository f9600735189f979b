"""The rule that tells a document of an office from the other files of a folder."""
from extractor.model import Cell, Document, Metadata, Table
from extractor.nlp import extract
from extractor.nlp.officedoc import NO_MARKS, is_figure_table, not_office_reason
from extractor.parse import parse_bytes

README = b"""# Project notes

This folder holds the files we collected in 2023. Run the tool on each of them
and keep the output next to the file. See INDEX for the list.
"""


def doc_of(text: str) -> Document:
    return extract(parse_bytes(text.encode("utf-8"), "t.txt"))


def table(rows: list[list[str]]) -> Table:
    from extractor.vn.numbers import parse_cell

    body = [[Cell(r, c, text, parse_cell(text)) for c, text in enumerate(row)] for r, row in enumerate(rows)]
    return Table(index=0, title=None, pages=[], header=[], rows=body)


def test_notes_without_any_mark_are_not_an_office_document():
    assert not_office_reason(extract(parse_bytes(README, "README.md"))) == NO_MARKS


def test_the_national_motto_at_the_top_makes_an_office_document():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nmột đoạn văn không có gì khác.\n"
    assert not_office_reason(doc_of(text)) is None


def test_a_header_field_makes_an_office_document():
    doc = Document(source="x", sha256="", format="txt", pages=None, metadata=Metadata(number="12/BC-UBND"))
    assert not_office_reason(doc) is None
    doc.metadata = Metadata(issuer="Sở Nội vụ")
    assert not_office_reason(doc) is None
    doc.metadata = Metadata()
    assert not_office_reason(doc) == NO_MARKS


def test_a_table_of_figures_makes_an_office_document():
    figures = table([["Huyện A", "12", "3.400"], ["Huyện B", "7", "1.250"], ["Cộng", "19", "4.650"]])
    assert is_figure_table(figures)
    doc = Document(source="x", sha256="", format="xlsx", pages=1, tables=[figures])
    assert not_office_reason(doc) is None


def test_an_index_of_files_with_a_few_numbers_is_not_a_table_of_figures():
    rows = [[f"file-{i}.pdf", "PDF", str(i % 5 + 1), "scan", "notes about the file", "a topic", "quirks"]
            for i in range(20)]
    assert not is_figure_table(table(rows))
