"""`who`: every award a unit or person received, from stored recipient lists, on SQLite and
PostgreSQL; `export --what recipients`."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from extractor.archive import Archive
from extractor.cli import app
from extractor.model import Recipient
from extractor.vn.normalize import fold

from .conftest import make_doc


def decision(source, number, date, issuer, award, people):
    """A decision whose list names `people` ((name, kind, unit) triples) for `award`."""
    doc = make_doc(source, [f"Điều 1. Tặng {award} cho các tập thể, cá nhân có tên sau:"] + [p[0] for p in people],
                   number=number, date=date, issuer=issuer, doc_type="Quyết định")
    for i, (name, kind, unit) in enumerate(people, start=1):
        doc.recipients.append(Recipient(name=name, key=fold(name), kind=kind, unit=unit, award=award,
                                        decision=number, doc_type="Quyết định",
                                        location=doc.mention(i, 0, len(name))))
    return doc


def fill(archive: Archive) -> None:
    archive.store(decision("qd-12.md", "12/QĐ-UBND", "2023-03-05", "UBND huyện An Phú", "Giấy khen",
                           [("Trường Tiểu học Hòa Bình", "collective", "xã Phú Hòa"),
                            ("Trần Văn Nam", "individual", "Trường Tiểu học Hòa Bình")]))
    archive.store(decision("qd-40.md", "40/QĐ-UBND", "2024-06-01", "UBND tỉnh An Giang",
                           "Bằng khen cấp bộ, ban, ngành, tỉnh",
                           [("Trường Tiểu học Hòa Bình", "collective", "huyện An Phú"),
                            ("Lê Thị Hoa", "individual", None)]))


def test_who_finds_every_award_diacritic_free_and_partial(archive: Archive) -> None:
    fill(archive)
    rows = archive.who("tieu hoc hoa binh")
    assert [(r["name"], r["award"], r["decision"], r["date"], r["issuer"]) for r in rows] == [
        ("Trường Tiểu học Hòa Bình", "Bằng khen cấp bộ, ban, ngành, tỉnh", "40/QĐ-UBND", "2024-06-01", "UBND tỉnh An Giang"),
        ("Trường Tiểu học Hòa Bình", "Giấy khen", "12/QĐ-UBND", "2023-03-05", "UBND huyện An Phú"),
        ("Trần Văn Nam", "Giấy khen", "12/QĐ-UBND", "2023-03-05", "UBND huyện An Phú"),  # by its unit
    ]
    assert [r["name"] for r in archive.who("Hòa Bình", year=2023)] == ["Trường Tiểu học Hòa Bình", "Trần Văn Nam"]
    assert [r["decision"] for r in archive.who("hoa binh", award="bang khen")] == ["40/QĐ-UBND"]
    assert [r["name"] for r in archive.who("VAN NAM")] == ["Trần Văn Nam"]
    assert archive.who("nobody here") == [] and archive.who("  ") == []
    assert archive.who("100%") == []  # LIKE wildcards are literal


def test_export_recipients(archive: Archive) -> None:
    fill(archive)
    columns, rows = archive.rows("recipients")
    assert {"name", "kind", "award", "decision", "document_issuer", "location"} <= set(columns)
    assert [r["name"] for r in rows] == ["Trường Tiểu học Hòa Bình", "Trần Văn Nam", "Trường Tiểu học Hòa Bình", "Lê Thị Hoa"]
    assert rows[1]["location"]["block"] == 2


def test_who_command(tmp_path) -> None:
    db = str(tmp_path / "a.sqlite")
    with Archive(db) as archive:
        fill(archive)
    runner = CliRunner()
    result = runner.invoke(app, ["who", "le thi hoa", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Lê Thị Hoa" in result.output and "40/QĐ-UBND" in result.output and "UBND tỉnh An Giang" in result.output
    result = runner.invoke(app, ["--lang", "en", "who", "hoa binh", "--db", db, "--format", "json"])
    assert [r["decision"] for r in json.loads(result.output)["recipients"]] == ["40/QĐ-UBND", "12/QĐ-UBND", "12/QĐ-UBND"]
    result = runner.invoke(app, ["--lang", "en", "who", "nobody", "--db", db])
    assert "No award recipient" in result.output
    result = runner.invoke(app, ["export", "--what", "recipients", "--format", "json", "--db", db])
    assert len(json.loads(result.output)) == 4
