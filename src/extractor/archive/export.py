"""Writing export tables as CSV, XLSX or JSON, and writing them safely.

- CSV is for machines: the column names of the archive, UTF-8 with a BOM (so Excel reads the
  Vietnamese right), nested values as JSON text.
- XLSX is for officials: one workbook, one sheet per kind, headers in the reader's language,
  dates as date cells, counts as integers, category codes in words, locations as readable text,
  finding sentences rendered in the reader's language, no JSON in any cell; header row frozen,
  autofilter on, column widths fitted.
- Text from a document is never a live formula: a cell starting with = + - @ (or a tab or
  carriage return) is an XLSX string cell, and in CSV gets a leading apostrophe (OWASP's advice).
- Every export is made in memory and written to a temporary file in the target's folder that
  replaces the target at the end, so a failure (a full disk) leaves the old file as it was; the
  archive itself and its -wal/-shm/-journal files are refused as targets.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import (
    OutputDenied,
    OutputError,
    OutputFolderMissing,
    OutputFull,
    OutputIsADirectory,
    OutputIsArchive,
)
from ..i18n import DEFAULT_LANG, catalog, category, finding_message, t
from ..provenance import where_text
from .views import EXPORTS, shown_id

FORMATS = ("csv", "xlsx", "json")
Table = tuple[list[str], list[dict[str, Any]]]

_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_DATE_COLUMNS = {"date", "first_seen", "last_seen", "period_start", "period_end", "document_date"}
_CATEGORY_COLUMNS = {"level": "level", "status": "status", "source": "source", "severity": "severity",
                     "check": "check"}
_BOOL_COLUMNS = {"national", "passed", "review"}
# Not for a person: what a finding's sentence is rendered from, folded grouping keys, offsets.
_MACHINE_ONLY = {"key", "params", "report_key", "start", "end"}
# Archive ids as `show` takes them ("BC-3"), per column; "id" by the sheet's kind.
_ID_KINDS = {"document_id": "report", "decision_id": "decision"}
_OWN_ID_KINDS = {"reports": "report", "decisions": "decision", "campaigns": "campaign"}
_WIDTH_MIN, _WIDTH_MAX = 6, 60


def kinds(what: str) -> list[str]:
    """The export tables `--what` names: one, or all of them."""
    return list(EXPORTS) if what == "all" else [what]


# --- values -------------------------------------------------------------------------------------


def defused(text: str) -> str:
    """CSV: a cell a spreadsheet would read as a formula, with a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_LEADS) else text


def _machine_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return defused(value) if isinstance(value, str) else value


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def checks_text(checks: Any, findings: int | None, lang: str) -> str:
    """A stored `checks` dict in words: "12 phép kiểm tra, 0 sai lệch" or nothing checkable."""
    if not isinstance(checks, dict):
        return ""
    if not checks.get("carried_out"):
        return t("export.checks_nothing", lang)
    return t("export.checks", lang, checks=checks["carried_out"], findings=findings or 0)


def _person_cell(column: str, value: Any, row: dict[str, Any], lang: str, kind: str = "") -> Any:
    """An export value as an official reads it."""
    if value is None:
        return None
    id_kind = _ID_KINDS.get(column) or (_OWN_ID_KINDS.get(kind) if column == "id" else None)
    if id_kind and isinstance(value, int):
        return shown_id(id_kind, value)
    if column == "block" and isinstance(value, int):
        return value + 1  # "đoạn 5" as a reader counts
    if column in _DATE_COLUMNS:
        return _as_date(value)
    if column in _CATEGORY_COLUMNS and isinstance(value, str):
        return category(_CATEGORY_COLUMNS[column], value, lang)
    if column in _BOOL_COLUMNS:
        return category("bool", "true" if value else "false", lang)
    if column == "locations" and isinstance(value, list):
        return "; ".join(where_text(loc, lang) for loc in value if isinstance(loc, dict))
    if column == "message" and row.get("key"):
        return finding_message(row, lang)
    if column == "checks":
        return checks_text(value, row.get("findings"), lang)
    if column == "ocr" and isinstance(value, dict):
        from ..output import ocr_line

        return ocr_line(value, lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def header(column: str, lang: str, kind: str = "export.col") -> str:
    """A column's (or, with kind "export.sheet", a sheet's) name in `lang`; unknown ones as they are."""
    key = f"{kind}.{column}"
    return t(key, lang) if key in catalog() else column


# --- formats ------------------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    columns, rows = table
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows([_machine_cell(row[c]) for c in columns] for row in rows)
    return "\ufeff".encode("utf-8") + text.getvalue().encode("utf-8")


def json_bytes(tables: dict[str, Table], lang: str) -> bytes:
    def rendered(row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "message": finding_message(row, lang)} if row.get("key") else row

    data: Any = {kind: [rendered(r) for r in rows] for kind, (_, rows) in tables.items()}
    if len(tables) == 1:
        data = next(iter(data.values()))
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8") + b"\n"


def xlsx_bytes(tables: dict[str, Table], lang: str = DEFAULT_LANG) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for kind, (columns, rows) in tables.items():
        sheet = book.create_sheet(header(kind, lang, "export.sheet")[:31])
        shown = [c for c in columns if c not in _MACHINE_ONLY]
        sheet.append([header(c, lang) for c in shown])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(header(c, lang)) for c in shown]
        for r, row in enumerate(rows, start=2):
            for c, column in enumerate(shown, start=1):
                value = _person_cell(column, row[column], row, lang, kind)
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula ("=HYPERLINK(...)" from a document)
                elif isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, _WIDTH_MIN), _WIDTH_MAX)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(shown), 1))}{len(rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_bytes(tables: dict[str, Table], fmt: str, lang: str = DEFAULT_LANG) -> bytes:
    """The whole export, made in memory (nothing half-written reaches the target)."""
    if fmt == "json":
        return json_bytes(tables, lang)
    if fmt == "csv":
        if len(tables) != 1:
            raise ValueError("CSV holds one table: export the kinds one by one, or as XLSX or JSON")
        return csv_bytes(next(iter(tables.values())))
    if fmt == "xlsx":
        return xlsx_bytes(tables, lang)
    raise ValueError(f"unknown export format {fmt!r}")


def write_export(columns: list[str], rows: list[dict[str, Any]], fmt: str, out, lang: str = DEFAULT_LANG,
                 kind: str = "rows") -> None:
    """One table written to an open binary stream (the Python API of earlier versions)."""
    out.write(export_bytes({kind: (columns, rows)}, fmt, lang))


# --- targets ------------------------------------------------------------------------------------


def archive_files(archive: Any) -> set[Path]:
    """The files of an SQLite archive (the database and its journal files); none for a server."""
    url = archive.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return set()
    base = Path(url.database).expanduser().resolve()
    return {base, *(base.with_name(base.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}


def refuse_archive_target(archive: Any, out: Path) -> None:
    """`out` must not be the archive being read nor one of its journal files."""
    target = Path(out).expanduser().resolve()
    if target in archive_files(archive):
        raise OutputIsArchive(str(out))


def _output_error(path: Path, exc: OSError) -> OutputError:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return OutputFolderMissing(str(path))
    if isinstance(exc, IsADirectoryError):
        return OutputIsADirectory(str(path))
    if isinstance(exc, PermissionError):
        return OutputDenied(str(path))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputFull(str(path))
    return OutputError(str(path), exc.strerror or str(exc))


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path`: through a temporary file renamed over it at the end, so a failure
    leaves the old file; a device or a pipe (/dev/null, /dev/full) is written directly."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            with open(path, "wb") as fh:
                fh.write(data)
            return
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _output_error(path, exc) from None
