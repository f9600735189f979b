from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from extractor.archive import Archive, store
from extractor.archive.schema import awards, citations, documents
from extractor.model import Period


def _edited(doc, text_suffix: str):
    """The same file with changed content: same source, new sha256."""
    changed = dataclasses.replace(doc, sha256=doc.sha256[:-8] + "deadbeef")
    changed.blocks = [dataclasses.replace(b) for b in doc.blocks]
    changed.blocks[0].text += text_suffix
    return changed


def test_storing_a_report_keeps_every_record_with_its_provenance(archive: Archive, build) -> None:
    doc = build.figures(build.dong_thap())
    stored = archive.store(doc)
    assert stored.outcome == "ingested"
    counts = archive.counts()
    assert (counts["documents"], counts["decisions"], counts["campaigns"]) == (1, 1, 1)
    assert counts["search_entries"] == 3  # the report, its decision, its campaign
    with archive.engine.connect() as conn:
        cit = conn.execute(sa.select(citations)).mappings().one()
        block = doc.blocks[cit["block"]].text
        assert block[cit["start"] : cit["end"]] == cit["text"] == "Quyết định số 1478/QĐ-TTg"
        assert cit["sentence"].startswith("Thực hiện Quyết định số 1478/QĐ-TTg") and cit["sentence"].endswith(
            "phong trào."
        )
        rows = conn.execute(sa.select(awards).order_by(awards.c.id)).mappings().all()
    assert [(r["count"], r["parent_id"]) for r in rows] == [(20, None), (4, rows[0]["id"])]
    assert rows[0]["locations"][0]["text"] == "20 Huân chương Lao động"
    findings = archive.rows("findings")[1]
    assert [(f["id"], f["expected"], f["actual"]) for f in findings] == [("sum-1", 21, 20)]


def test_the_same_content_twice_is_a_no_op(archive: Archive, build) -> None:
    doc = build.dong_thap()
    first = archive.store(doc)
    again = archive.store(build.dong_thap())
    assert again == store.Stored("unchanged", first.document_id)
    assert archive.counts()["documents"] == 1
    assert len(archive.rows("citations")[1]) == 1


def test_changed_content_at_the_same_path_is_a_new_version(archive: Archive, build) -> None:
    doc = build.dong_thap()
    archive.store(doc, path="/reports/a.md")
    archive.store(_edited(doc, " (bản sửa)"), path="/reports/a.md")
    with archive.engine.connect() as conn:
        rows = conn.execute(
            sa.select(documents.c.version, documents.c.current).order_by(documents.c.version)
        ).all()
    assert [tuple(r) for r in rows] == [(1, False), (2, True)]
    counts = archive.counts()
    assert counts["reports"] == 1 and counts["decisions"] == 1
    hits = archive.search("bản sửa")
    assert [h.kind for h in hits] == ["report"]
    assert len(archive.search("Đồng Tháp")) == 1  # the old version left the search
    assert len(archive.rows("citations")[1]) == 1  # views show the current version only


def test_one_symbol_from_two_years_is_two_decisions_and_unknown_year_merges(archive: Archive, build) -> None:
    local = {"id": "12/QĐ-UBND", "doc_type": "Quyết định", "number": "12", "symbol": "QĐ-UBND"}
    a = build.doc(
        "a.md",
        ["Theo Quyết định 12/QĐ-UBND năm 2021."],
        date="2021-05-01",
        references=[{**local, "date": "2021-03-02", "issuer": "UBND tỉnh An Giang"}],
    )
    b = build.doc(
        "b.md",
        ["Theo Quyết định 12/QĐ-UBND năm 2023."],
        date="2023-05-01",
        references=[{**local, "date": "2023-01-09", "issuer": "UBND tỉnh An Giang"}],
    )
    c = build.doc(
        "c.md",
        ["Căn cứ Quyết định 12/QĐ-UBND."],
        date="2024-02-01",
        references=[{**local, "issuer": "UBND tỉnh An Giang", "subject": "về khen thưởng"}],
    )
    for doc in (a, b, c):
        archive.store(doc)
    decisions = archive.rows("decisions")[1]
    assert [(d["date"], d["citations"]) for d in decisions] == [("2021-03-02", 2), ("2023-01-09", 1)]
    first = decisions[0]
    assert first["subject"] == "về khen thưởng"  # filled in by the later, undated citation
    assert (first["first_seen"], first["last_seen"]) == ("2021-05-01", "2024-02-01")


def test_a_campaign_seen_under_an_alias_is_one_campaign(archive: Archive, build) -> None:
    archive.store(build.dong_thap())
    other = build.doc(
        "x.md",
        ["Tiếp tục phong trào Vì người nghèo trong năm."],
        campaigns=[{"name": "Vì người nghèo", "period": Period("2021-01-01", "2025-12-31")}],
    )
    archive.store(other)
    (campaign,) = archive.rows("campaigns")[1]
    assert campaign["name"] == "Vì người nghèo - Không để ai bị bỏ lại phía sau"
    assert (campaign["mentions"], campaign["reports"]) == (2, 2)
    assert campaign["period_start"] == "2021-01-01"


def test_a_write_that_fails_half_way_leaves_nothing(
    archive: Archive, build, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(store, "_store_awards", broken)  # after decisions and campaigns
    with pytest.raises(RuntimeError):
        archive.store(build.figures(build.dong_thap()))
    assert set(archive.counts().values()) == {0}
    monkeypatch.undo()
    assert archive.store(build.figures(build.dong_thap())).outcome == "ingested"


def test_a_reference_without_offsets_in_range_still_stores(archive: Archive, build) -> None:
    doc = build.doc(
        "y.md",
        ["Luật Thi đua, khen thưởng năm 2022."],
        references=[{"id": "Luật Thi đua, khen thưởng", "doc_type": "Luật"}],
    )
    doc.references[0].mentions[0].block = 99  # a mention the parser could not place
    archive.store(doc)
    (cit,) = archive.rows("citations")[1]
    assert cit["sentence"] == "Luật Thi đua, khen thưởng"
    assert build.qd_1478["id"] not in {d["ref"] for d in archive.rows("decisions")[1]}


def test_concurrent_writers_add_a_new_decision_once(db_url: str, build) -> None:
    """Two archives on one database (two processes' worth), each storing reports that cite the
    same new decision at the same time: the writers take turns, so it is added once."""
    import threading

    def report(n: int):
        return build.doc(
            f"r{n}.md",
            [f"Báo cáo số {n} căn cứ Quyết định số 1478/QĐ-TTg."],
            references=[{**build.qd_1478, "surface": "Quyết định số 1478/QĐ-TTg"}],
        )

    archives = [Archive(db_url), Archive(db_url)]
    start = threading.Barrier(2)

    def write_many(archive: Archive, first: int) -> None:
        start.wait()
        for n in range(first, first + 8):
            archive.store(report(n))

    threads = [threading.Thread(target=write_many, args=(a, i * 100)) for i, a in enumerate(archives)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = archives[0].counts()
    for a in archives:
        a.close()
    assert (counts["documents"], counts["decisions"]) == (16, 1)
