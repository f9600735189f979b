"""Writing an export table as CSV, XLSX or JSON. Nested values (award and finding locations,
expected/actual figures, campaign aliases) are JSON text in the CSV and XLSX cells."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, BinaryIO

FORMATS = ("csv", "xlsx", "json")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_export(columns: list[str], rows: list[dict[str, Any]], fmt: str, out: BinaryIO) -> None:
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
        out.write(b"\n")
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text)
        writer.writerow(columns)
        writer.writerows([_cell(row[c]) for c in columns] for row in rows)
        text.detach()
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(columns)
        for row in rows:
            sheet.append([_cell(row[c]) for c in columns])
        book.save(out)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
