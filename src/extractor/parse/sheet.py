"""Spreadsheets: XLSX through openpyxl (read-only, cached formula values), XLS converted to
XLSX by LibreOffice first (`office.convert`), so one reader and one set of number formats serve
both.

Each non-empty sheet is a page of the document (1-based, in workbook order; empty sheets are
skipped with a note). A sheet's rows are cut into regions at runs of blank rows
(`BLANK_ROWS_BETWEEN_TABLES`); in each region the rows with at most one filled cell before the
first and after the last row of several cells (the title rows above a table, the notes and
signature under it) are paragraphs, and the rows between them one table, titled with the sheet's
name. Merged ranges (read from the sheet XML, which read-only openpyxl does not expose) become
the spans of the shared table convention (`layout`), header rows are found as for every other
format. A cell's text is what Excel shows, written Vietnamese-style: 0.946 with the format
"0.0%" is "94,6%", 3831 with "#,##0" is "3.831", 2 with "00" is "02"; its value is what that text
means, as in every backend. Provenance: `Table.sheet`, and the sheet row and column of every
body row and grid column (`Table.sheet_rows`, `Table.sheet_cols`, 1-based as Excel counts).
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
import io
import re
import zipfile
from dataclasses import dataclass

from ..errors import CorruptFile, EncryptedFile, TooLarge
from ..model import Document
from .layout import RawCell, RawItem, RawParagraph, RawTable, assemble
from .office import convert, setting

# Two blank rows or more end a table: a single one is a gap inside it.
BLANK_ROWS_BETWEEN_TABLES = 2
# Significant digits of a number shown in the General format (as Excel shows at column width).
GENERAL_DIGITS = 10


# ---------------------------------------------------------------------------------------------
# Cell text as Excel shows it, Vietnamese-style


@dataclass(frozen=True, slots=True)
class NumberFormat:
    general: bool = True
    percent: bool = False
    decimals: int = 0
    grouping: bool = False
    min_digits: int = 1
    prefix: str = ""
    suffix: str = ""
    date: bool = False
    time: bool = False


_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')
_DATE_CODES = re.compile(r"[dy]|(?<![hs:])m(?![hs])", re.I)
_NUMERIC_PART = re.compile(r"[0#?][0#?,.]*")


def number_format(code: str | None) -> NumberFormat:
    """The parts of an Excel number format code that decide the text (first section only)."""
    code = (code or "General").split(";")[0]
    if code.strip().lower() in ("general", "@", ""):
        return NumberFormat()
    plain = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), code)
    if _DATE_CODES.search(plain):
        return NumberFormat(general=False, date=True, time="h" in plain.lower())
    if re.search(r"h|s", plain, re.I) and ":" in plain:
        return NumberFormat(general=False, time=True)
    if "E" in plain.upper():
        return NumberFormat()
    found = _NUMERIC_PART.search(plain)
    if found is None:
        return NumberFormat()
    numeric = found.group(0)
    whole, _, frac = numeric.partition(".")
    literal = _literal_text(code)
    return NumberFormat(
        general=False,
        percent="%" in plain,
        decimals=sum(ch in "0#?" for ch in frac),
        grouping="," in whole.rstrip(","),
        min_digits=max(whole.count("0"), 0),
        prefix=literal(0, found.start()),
        suffix=literal(found.end(), len(code)),
    )


def _literal_text(code: str):
    """The literal text of `code` between two positions (quoted strings, escapes, spaces)."""

    def between(start: int, end: int) -> str:
        out = []
        for m in re.finditer(r'"([^"]*)"|\\(.)|(\s|%)|([^"\\\s\[\]_*0#?,.%]+)|\[[^\]]*\]|_.|\*.', code[start:end]):
            text = m.group(1) if m.group(1) is not None else m.group(2) or m.group(3) or ""
            if m.group(4) and not re.fullmatch(r"[$€£¥\-+()/:đ₫]+", m.group(4)):
                continue
            out.append(text or m.group(4) or "")
        return "".join(out)

    return between


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def _general(value: float | int) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{GENERAL_DIGITS}g}"
    return text.upper().replace(".", ",")


def format_value(value, code: str | None) -> str:
    """The text Excel shows for `value` under the number format `code`, Vietnamese-style
    (dot groups thousands, comma marks decimals, dates day/month/year)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        shown = f"{value.day:02d}/{value.month:02d}/{value.year}"
        return shown + (f" {value.hour:02d}:{value.minute:02d}" if number_format(code).time else "")
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        return str(value)
    if not isinstance(value, (int, float)):
        return str(value)
    sections = (code or "").split(";")
    if value == 0 and len(sections) >= 3 and not re.search(r"[0#]", _QUOTED.sub("", sections[2])):
        return _literal_text(sections[2])(0, len(sections[2])).strip()  # accounting zero: "-"
    fmt = number_format(code)
    if fmt.general or fmt.date or fmt.time:
        return _general(value)
    shown = Decimal(repr(value)) * (100 if fmt.percent else 1)
    rounded = abs(shown).quantize(Decimal(1).scaleb(-fmt.decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    whole = whole.lstrip("0").zfill(fmt.min_digits) if fmt.min_digits else whole.lstrip("0")
    if fmt.grouping:
        whole = _group(whole) if whole else whole
    sign = "-" if shown < 0 and rounded != 0 else ""
    number = f"{sign}{whole}{',' + frac if frac else ''}"
    return f"{fmt.prefix}{number}{fmt.suffix}".strip() if (fmt.prefix or fmt.suffix) else number


# ---------------------------------------------------------------------------------------------
# Reading a workbook


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of every merged range of a sheet."""
    try:
        xml = archive.read(sheet_path.lstrip("/"))
    except KeyError:
        return []
    ranges = []
    for m in _MERGE.finditer(xml):
        c0, r0 = _column_number(m.group(1)), int(m.group(2))
        c1, r1 = (_column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
        ranges.append((r0, c0, r1, c1))
    return ranges


@dataclass(slots=True)
class _SheetCell:
    text: str
    bold: bool


@dataclass(slots=True)
class _Sheet:
    name: str
    cells: dict[tuple[int, int], _SheetCell]  # (row, col) -> filled cell, 1-based
    merges: list[tuple[int, int, int, int]]


def _read_cells(ws, budget: list[int], source: str) -> dict[tuple[int, int], _SheetCell]:
    cells: dict[tuple[int, int], _SheetCell] = {}
    for row in ws.iter_rows():
        budget[0] -= len(row)
        if budget[0] < 0:
            limit = setting("sheet_max_cells")
            raise TooLarge(source, f"> {limit} cells, EXTRACTOR_SHEET_MAX_CELLS")
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            text = format_value(value, cell.number_format).strip()
            if text:
                cells[(cell.row, cell.column)] = _SheetCell(text, bool(cell.font and cell.font.b))
    return cells


def read_sheets(data: bytes, source: str) -> list[_Sheet]:
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise CorruptFile(source, type(exc).__name__) from exc
    except Exception as exc:  # XML syntax errors inside the package: damaged
        if "encrypt" in str(exc).lower():
            raise EncryptedFile(source) from exc
        raise CorruptFile(source, type(exc).__name__) from exc
    budget = [setting("sheet_max_cells")]
    sheets = []
    try:
        for ws in workbook.worksheets:
            cells = _read_cells(ws, budget, source)
            sheets.append(_Sheet(ws.title, cells, merged_ranges(archive, ws._worksheet_path) if cells else []))
    except (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile) as exc:
        raise CorruptFile(source, type(exc).__name__) from exc
    finally:
        workbook.close()
        archive.close()
    return sheets


# ---------------------------------------------------------------------------------------------
# A sheet as paragraphs and tables


@dataclass(slots=True)
class SheetTable:
    """A table cut from a sheet, with the sheet rows and columns of its grid."""

    raw: RawTable
    rows: list[int]
    cols: list[int]


def _regions(rows: list[int]) -> list[list[int]]:
    """Filled row numbers grouped into regions separated by runs of blank rows."""
    regions: list[list[int]] = []
    for r in rows:
        if regions and r - regions[-1][-1] <= BLANK_ROWS_BETWEEN_TABLES:
            regions[-1].append(r)
        else:
            regions.append([r])
    return regions


def _merge_of(sheet: _Sheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Every position inside a merged range -> the range."""
    inside = {}
    for m in sheet.merges:
        r0, c0, r1, c1 = m
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                inside[(r, c)] = m
    return inside


def sheet_items(sheet: _Sheet, page: int) -> list[RawItem | SheetTable]:
    """A sheet's title rows, tables and notes in reading order."""
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(sheet.cells):
        by_row.setdefault(r, []).append(c)
    items: list[RawItem | SheetTable] = []
    for region in _regions(sorted(by_row)):
        wide = [r for r in region if len(by_row[r]) > 1]
        if not wide:
            items.extend(_paragraphs(sheet, region, by_row, page))
            continue
        first, last = region.index(wide[0]), region.index(wide[-1])
        items.extend(_paragraphs(sheet, region[:first], by_row, page))
        items.append(_table(sheet, region[first:last + 1], by_row, page))
        items.extend(_paragraphs(sheet, region[last + 1:], by_row, page))
    return items


def _paragraphs(sheet: _Sheet, rows: list[int], by_row: dict[int, list[int]], page: int) -> list[RawParagraph]:
    out = []
    for r in rows:
        cells = [sheet.cells[(r, c)] for c in by_row[r]]
        out.append(RawParagraph(" ".join(c.text for c in cells), bold=all(c.bold for c in cells),
                                page=page, keep_apart=True))
    return out


def _table(sheet: _Sheet, rows: list[int], by_row: dict[int, list[int]], page: int) -> SheetTable:
    """The rows as a grid over the columns they fill. A merged range sits at its first position
    inside the grid (its top-left, unless that row is blank or the range starts left of the
    grid) with the span of the grid rows and columns it covers; the rest of it is `None`."""
    merge_of = _merge_of(sheet)
    filled = [c for r in rows for c in by_row[r]]
    cols = list(range(min(filled), max(filled) + 1))
    grid: list[list[RawCell | None]] = []
    for r in rows:
        line: list[RawCell | None] = []
        for c in cols:
            merge = merge_of.get((r, c))
            if merge is None:
                line.append(_raw_cell(sheet.cells.get((r, c)), page))
                continue
            r0, c0, r1, c1 = merge
            grid_rows = [x for x in rows if r0 <= x <= r1]
            if (r, c) != (grid_rows[0], max(c0, cols[0])):
                line.append(None)
                continue
            cell = _raw_cell(sheet.cells.get((r0, c0)), page)
            cell.rowspan = len(grid_rows)
            cell.colspan = min(c1, cols[-1]) - max(c0, cols[0]) + 1
            line.append(cell)
        grid.append(line)
    return SheetTable(RawTable(grid, pages=[page], spans_known=True), rows, cols)


def _raw_cell(found: _SheetCell | None, page: int) -> RawCell:
    return RawCell(found.text if found else "", bold=bool(found and found.bold), page=page)


# ---------------------------------------------------------------------------------------------
# Backend entry point


def parse(data: bytes, source: str, fmt: str) -> Document:
    notes = []
    if fmt == "xls":
        data = convert(data, source, ".xls", "xlsx")
        notes.append("converted from Excel 97-2003 (.xls) to .xlsx by LibreOffice before reading")
    sheets = read_sheets(data, source)
    items: list[RawItem] = []
    sheet_tables: list[tuple[str, SheetTable]] = []
    page = 0
    for sheet in sheets:
        if not sheet.cells:
            notes.append(f"sheet {sheet.name!r} is empty: skipped")
            continue
        page += 1
        for item in sheet_items(sheet, page):
            if isinstance(item, SheetTable):
                sheet_tables.append((sheet.name, item))
                items.append(item.raw)
            else:
                items.append(item)
    blocks, tables = assemble(items)
    if len(tables) == len(sheet_tables):
        for table, (name, found) in zip(tables, sheet_tables):
            table.title = name
            table.sheet = name
            table.sheet_rows = found.rows[len(table.header):]
            table.sheet_cols = found.cols[: table.n_cols]
    doc = Document(source=source, sha256="", format=fmt, pages=page or None, blocks=blocks, tables=tables)  # type: ignore[arg-type]
    doc.notes.extend(notes)
    return doc
