"""Where a record was read, said so a person can find it: "trang 3, đoạn 28 «512»",
"bảng 1, dòng 7, cột «Tổng số» «2.481»". Counts start at 1 as a reader counts; JSON keeps the
indexes (`model.to_dict`). Takes model locations or their JSON dicts (stored rows)."""
from __future__ import annotations

from typing import Any

from .i18n import DEFAULT_LANG, t
from .model import CellRef, Location


def _fields(loc: Location | dict[str, Any]) -> dict[str, Any]:
    if isinstance(loc, dict):
        return loc
    if isinstance(loc, CellRef):
        return {"table": loc.table, "row": loc.row, "col": loc.col, "text": loc.text, "sheet": loc.sheet,
                "sheet_row": loc.sheet_row, "sheet_col": loc.sheet_col}
    return {"text": loc.text, "page": loc.page, "block": loc.block}


def where_text(loc: Location | dict[str, Any], lang: str = DEFAULT_LANG, column: str | None = None) -> str:
    """One location in words, with the figure's own text; `column`: the cell's column label."""
    f = _fields(loc)
    if f.get("sheet") is not None and f.get("sheet_row") and f.get("sheet_col"):
        place = t("where.sheet_cell", lang, sheet=f["sheet"], cell=f"{_column_letters(f['sheet_col'])}{f['sheet_row']}")
    elif "table" in f:
        if column:
            place = t("where.cell", lang, table=f["table"] + 1, row=f["row"] + 1, column=column)
        else:
            place = t("where.cell_index", lang, table=f["table"] + 1, row=f["row"] + 1, col=f["col"] + 1)
    elif f.get("page"):
        place = t("where.block_page", lang, page=f["page"], block=f["block"] + 1)
    else:
        place = t("where.block", lang, block=f["block"] + 1)
    text = " ".join(str(f.get("text") or "").split())
    return f"{place} «{text}»" if text else place


def _column_letters(col: int) -> str:
    """1 -> "A", 28 -> "AB": a spreadsheet column as Excel names it."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_label(doc: Any, loc: Location) -> str | None:
    """The header label of a cell's column in `doc` (a model.Document), if it has one."""
    if not isinstance(loc, CellRef) or not 0 <= loc.table < len(doc.tables):
        return None
    labels = doc.tables[loc.table].column_labels()
    label = labels[loc.col].strip() if loc.col < len(labels) else ""
    return " ".join(label.split()) or None
