"""Spreadsheets (parse/sheet.py): cell text as Excel shows it (Vietnamese style), merged cells as
spans, header rows, title rows as blocks, empty sheets skipped, sheet provenance, the cell limit,
and the example's annex tables read from an XLSX (and an XLS) as from the DOCX."""
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.errors import EmptyFile, TooLarge
from extractor.model import to_dict
from extractor.parse import detect_format, parse_bytes, parse_file
from extractor.parse.sheet import format_value
from extractor.vn.numbers import parse_cell

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "corpus" / "reports" / "example.docx"


def xlsx_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- cell text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value, code, shown", [
    (0.946, "0.0%", "94,6%"),
    (0.9468085106382979, "0.0%", "94,7%"),
    (1, "0%", "100%"),
    (0.0052, "0.00%", "0,52%"),
    (3831, "#,##0", "3.831"),
    (3831, "General", "3831"),
    (2, "00", "02"),
    (1234.5, "#,##0.00", "1.234,50"),
    (0.52, "0.00", "0,52"),
    (12.25, "General", "12,25"),
    (-10000, "#,##0;[Red]-#,##0", "-10.000"),
    (3000000, '#,##0 "đ"', "3.000.000 đ"),
    (0, '_(* #,##0_);_(* (#,##0);_(* "-"??_);_(@_)', "-"),
    ("Sở Nội vụ", "General", "Sở Nội vụ"),
])
def test_cell_text_is_what_excel_shows_in_vietnamese_style(value, code, shown):
    assert format_value(value, code) == shown


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_read_back_as_themselves(n):
    assert parse_cell(format_value(n, "#,##0")) == n


@given(st.floats(min_value=0, max_value=10, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_percentages_show_the_stored_fraction_times_100_rounded_half_up(x, decimals):
    code = "0" + ("." + "0" * decimals if decimals else "") + "%"
    shown = format_value(x, code)
    assert shown.endswith("%") and "." not in shown
    expected = (Decimal(repr(x)) * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert Decimal(str(parse_cell(shown))) == expected


# --- sheets ------------------------------------------------------------------------------------


def test_percent_cells_keep_their_format_and_value():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Tổng số", "Đạt", "Tỷ lệ"])
    ws.append(["Huyện A", 376, 356, 0.946])
    ws["D2"].number_format = "0.0%"
    doc = parse_bytes(xlsx_bytes(wb), "rate.xlsx")
    cell = doc.tables[0].rows[0][3]
    assert (cell.text, cell.value) == ("94,6%", 94.6)
    assert doc.tables[0].rows[0][1].value == 376


@pytest.fixture
def merged_sheet() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    ws["A1"] = "BIỂU TỔNG HỢP KHEN THƯỞNG NĂM 2022"
    ws.merge_cells("A1:E1")
    ws["A1"].font = openpyxl.styles.Font(bold=True)
    # two header rows: A-B span both rows, C:D a group over two parts, E both rows
    ws["A3"], ws["B3"], ws["C3"], ws["E3"] = "STT", "Đơn vị", "Bằng khen", "Ghi chú"
    ws["C4"], ws["D4"] = "Tập thể", "Cá nhân"
    for span in ("A3:A4", "B3:B4", "C3:D3", "E3:E4"):
        ws.merge_cells(span)
    ws.append([1, "Sở Nội vụ", 14, 65, None])
    ws.append([2, "Sở Tài chính", 9, 33, "Gồm hai đợt"])
    ws.append([3, "Sở Y tế", 16, 34, None])
    ws.merge_cells("E6:E7")  # a body note over two rows
    ws["A9"] = "Người lập biểu"
    return xlsx_bytes(wb)


def test_merged_cells_are_spans_and_two_header_rows(merged_sheet):
    doc = parse_bytes(merged_sheet, "merged.xlsx")
    [table] = doc.tables
    assert table.header == [["STT", "Đơn vị", "Bằng khen", "Bằng khen", "Ghi chú"],
                            ["STT", "Đơn vị", "Tập thể", "Cá nhân", "Ghi chú"]]
    assert [[c.text for c in row] for row in table.rows] == [
        ["1", "Sở Nội vụ", "14", "65", ""],
        ["2", "Sở Tài chính", "9", "33", "Gồm hai đợt"],
        ["3", "Sở Y tế", "16", "34", "Gồm hai đợt"],
    ]
    note, below = table.rows[1][4], table.rows[2][4]
    assert (note.rowspan, note.spanned, below.spanned) == (2, False, True)


def test_title_rows_are_blocks_and_the_sheet_name_is_the_title(merged_sheet):
    doc = parse_bytes(merged_sheet, "merged.xlsx")
    assert [b.text for b in doc.blocks] == ["BIỂU TỔNG HỢP KHEN THƯỞNG NĂM 2022", "Người lập biểu"]
    assert doc.blocks[0].kind == "heading"
    assert doc.tables[0].title == "Khen thưởng"
    assert doc.tables[0].after_block == 0 and doc.format == "xlsx" and doc.pages == 1


def test_provenance_names_sheet_row_and_column(merged_sheet):
    doc = parse_bytes(merged_sheet, "merged.xlsx")
    table = doc.tables[0]
    assert (table.sheet, table.sheet_rows, table.sheet_cols) == ("Khen thưởng", [5, 6, 7], [1, 2, 3, 4, 5])
    ref = doc.cell_ref(0, 1, 3)
    assert (ref.text, ref.sheet, ref.sheet_row, ref.sheet_col) == ("33", "Khen thưởng", 6, 4)
    out = to_dict(doc)["tables"][0]
    assert out["sheet"] == {"name": "Khen thưởng", "rows": [5, 6, 7], "cols": [1, 2, 3, 4, 5]}


def test_empty_sheets_are_skipped():
    wb = openpyxl.Workbook()
    wb.active.title = "XXXXXXXXX"
    data = wb.create_sheet("Dữ liệu")
    data.append(["Đơn vị", "Số lượng"])
    data.append(["Huyện A", 12])
    wb.create_sheet("Trống")
    doc = parse_bytes(xlsx_bytes(wb), "book.xlsx")
    assert doc.pages == 1 and [t.title for t in doc.tables] == ["Dữ liệu"]
    assert doc.tables[0].pages == [1]
    assert sum("is empty: skipped" in n for n in doc.notes) == 2


def test_a_workbook_of_empty_sheets_is_empty():
    wb = openpyxl.Workbook()
    wb.create_sheet("Sheet2")
    with pytest.raises(EmptyFile):
        parse_bytes(xlsx_bytes(wb), "blank.xlsx")


def test_the_cell_limit_is_a_typed_error(monkeypatch, merged_sheet):
    monkeypatch.setenv("EXTRACTOR_SHEET_MAX_CELLS", "10")
    with pytest.raises(TooLarge) as caught:
        parse_bytes(merged_sheet, "big.xlsx")
    assert "EXTRACTOR_SHEET_MAX_CELLS" in caught.value.message("en")


# --- the example's annex tables, from a workbook made here -------------------------------------


def number_and_format(text: str):
    """A cell as a spreadsheet would store it: "2.964" as 2964 shown "#,##0", "02" as 2 shown "00"."""
    value = parse_cell(text)
    if value is None or text.endswith("%"):
        return text, "General"
    if isinstance(value, int):
        code = "00" if text.startswith("0") and len(text) == 2 else "#,##0" if "." in text else "0"
        return value, code
    return value, "#,##0." + "0" * len(text.partition(",")[2])


def annex_workbook(tables) -> bytes:
    """One sheet per table: its title in a merged row, its header rows with their merges, its body."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, table in enumerate(tables):
        ws = wb.create_sheet(f"Biểu {i + 1}")
        width = table.n_cols
        ws.cell(1, 1, table.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        top = 3
        _write_header(ws, table.header, top)
        for r, row in enumerate(table.rows, start=top + len(table.header)):
            for c, cell in enumerate(row, start=1):
                if cell.spanned or not cell.text:
                    continue
                value, code = number_and_format(cell.text)
                ws.cell(r, c, value).number_format = code
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1,
                                   end_column=c + cell.colspan - 1)
    return xlsx_bytes(wb)


def _write_header(ws, header: list[list[str]], top: int) -> None:
    """Header text written once per merged block (the grid repeats a merged cell's text)."""
    done = set()
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if (r, c) in done:
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == text and (r == 0 or header[r - 1][c1 + 1] != text):
                c1 += 1
            r1 = r
            while r1 + 1 < len(header) and all(header[r1 + 1][x] == text for x in range(c, c1 + 1)):
                r1 += 1
            done.update((y, x) for y in range(r, r1 + 1) for x in range(c, c1 + 1))
            ws.cell(top + r, c + 1, text)
            if (r1, c1) != (r, c):
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r1, end_column=c1 + 1)


@pytest.fixture(scope="module")
def annex():
    docx = parse_file(EXAMPLE)
    assert len(docx.tables) == 2
    return docx, annex_workbook(docx.tables)


def cells(tables):
    return [(t.header, [[c.text for c in row] for row in t.rows]) for t in tables]


def test_annex_tables_from_xlsx_have_the_cells_of_the_docx(annex):
    docx, workbook = annex
    doc = parse_bytes(workbook, "annex.xlsx")
    assert cells(doc.tables) == cells(docx.tables)
    assert [[c.value for c in row] for t in doc.tables for row in t.rows] == \
        [[c.value for c in row] for t in docx.tables for row in t.rows]
    assert [b.text for b in doc.blocks] == [t.title for t in docx.tables]


def test_annex_tables_from_xls_have_the_cells_of_the_docx(annex, tmp_path):
    from test_office import soffice_convert

    docx, workbook = annex
    (tmp_path / "annex.xlsx").write_bytes(workbook)
    xls = soffice_convert(tmp_path / "annex.xlsx", "xls", tmp_path)
    data = xls.read_bytes()
    assert detect_format(data, "annex") == "xls"
    doc = parse_bytes(data, str(xls))
    assert doc.format == "xls" and any("Excel 97-2003" in n for n in doc.notes)
    assert cells(doc.tables) == cells(docx.tables)
