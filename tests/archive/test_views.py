from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from extractor.archive import EXPORTS, Archive
from extractor.archive.export import header as header_of
from extractor.archive.export import write_export


@pytest.fixture
def stored(archive: Archive, build) -> Archive:
    archive.store(build.figures(build.dong_thap()))
    return archive


def test_show_by_symbol_or_id_lists_the_citing_reports(stored: Archive) -> None:
    (view,) = stored.show("1478/qd-ttg")
    assert stored.show(str(view["decision"]["id"])) == [view]
    assert view["decision"]["issuer"] == "Thủ tướng Chính phủ"
    (report,) = view["reports"]
    assert report["number"] == "315/BC-UBND"
    (citation,) = report["citations"]
    assert citation["text"] == "Quyết định số 1478/QĐ-TTg" and citation["page"] == 1
    assert view["campaigns"] == ["Vì người nghèo - Không để ai bị bỏ lại phía sau"]
    assert stored.show("9999/QĐ-TTg") == []


def test_every_export_has_rows_and_named_columns(stored: Archive) -> None:
    for what in EXPORTS:
        columns, rows = stored.rows(what)
        assert rows, what
        assert len(columns) == len(set(columns)), what
        assert all(set(row) == set(columns) for row in rows), what


def test_frames_keep_integers_nullable(stored: Archive) -> None:
    awards = stored.frame("awards")
    assert list(awards["count"]) == [20, 4]
    assert str(awards["count"].dtype) == "Int64"
    assert awards["individuals"].isna().all()


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_formats_read_back(stored: Archive, fmt: str) -> None:
    columns, rows = stored.rows("awards")
    buf = io.BytesIO()
    write_export(columns, rows, fmt, buf)
    data = buf.getvalue()
    if fmt == "json":
        back = json.loads(data)
        assert back[0]["locations"][0]["text"] == "20 Huân chương Lao động"
        header, first = list(back[0]), back[0]
    elif fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        first, header = next(reader), reader.fieldnames
        assert json.loads(first["locations"])[0]["text"] == "20 Huân chương Lao động"
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        values = list(sheet.values)
        by_header = dict(zip(values[0], values[1]))
        first = {c: by_header[header_of(c, "vi")] for c in columns if header_of(c, "vi") in by_header}
        assert len(values) == 1 + len(rows)
        assert first["locations"] == "trang 1, đoạn 4 «20 Huân chương Lao động»"  # readable, not JSON
        assert first["document_id"] == "BC-1" and "report_key" not in first  # ids as `show` takes them
        assert list(values[0]) == [header_of(c, "vi") for c in columns if c != "report_key"]
        header = [c for c in columns if header_of(c, "vi") in by_header] + ["report_key"]
    assert sorted(header) == sorted(columns)
    assert str(first["award"]) == "Huân chương Lao động" and int(first["count"]) == 20
