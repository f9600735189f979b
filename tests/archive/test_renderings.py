"""One report stored as several files (md, docx, pdf; copies with other bytes) is said once: one
search hit listing the other files, one citing report in show, while every file keeps its own
rows. Both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from extractor.archive import Archive, ingest
from extractor.archive.keys import report_key
from extractor.archive.schema import documents, findings
from extractor.output import decision_text

EXAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "reports"
RENDERINGS = [EXAMPLE / f"example.{ext}" for ext in ("md", "docx", "pdf")]


def _copy(build, source: str, *, number: str | None = "318/BC-UBND", issuer: str = "UBND tỉnh Bình Sơn", fmt="md"):
    """A report citing 1478/QĐ-TTg, read from the file `source` (bytes of its own)."""
    doc = build.doc(
        source,
        [
            "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2022",
            "Thực hiện Quyết định số 1478/QĐ-TTg của Thủ tướng Chính phủ, tỉnh đã phát động phong trào.",
            "Đã đề nghị tặng 20 Huân chương Lao động, trong đó 4 tập thể.",
        ],
        number=number,
        date="2022-12-12",
        issuer=issuer,
        references=[{**build.qd_1478, "surface": "Quyết định số 1478/QĐ-TTg"}],
    )
    doc.format = fmt
    return doc


# --- the example report as md, docx and pdf, through the whole pipeline -------------------


@pytest.fixture
def example(archive: Archive) -> Archive:
    if not all(p.exists() for p in RENDERINGS):
        pytest.skip("corpus/reports/example.* not found")
    summary = ingest(archive, RENDERINGS, workers=0)
    assert (summary.ingested, summary.failed) == (3, [])
    return archive


def test_the_three_renderings_are_one_search_hit_naming_the_other_two(example: Archive) -> None:
    reports = [h for h in example.search("khen thuong", limit=50) if h.kind == "report"]
    (hit,) = reports
    assert hit.label == "318/BC-UBND"
    files = [_file(example, hit.id), *((Path(f["source"]).name, f["format"]) for f in hit.also)]
    assert sorted(files) == sorted((p.name, p.suffix[1:]) for p in RENDERINGS)
    assert example.counts()["reports"] == 3  # nothing lost: every file stays stored


def _file(archive: Archive, document_id: int) -> tuple[str, str]:
    doc = documents.c
    with archive.engine.connect() as conn:
        source, fmt = conn.execute(sa.select(doc.source, doc.format).where(doc.id == document_id)).one()
    return Path(source).name, fmt


def test_show_lists_the_report_once_with_its_three_files(example: Archive) -> None:
    (view,) = example.show("1478/QĐ-TTg")
    (report,) = view["reports"]
    assert report["number"] == "318/BC-UBND"
    files = report["renderings"]
    assert sorted(Path(f["source"]).name for f in files) == sorted(p.name for p in RENDERINGS)
    assert all(f["citations"] >= 1 for f in files)
    assert report["findings_differ"] is (len({tuple(f["findings"]) for f in files}) > 1)


def test_export_keeps_a_row_per_file_with_the_report_key(example: Archive) -> None:
    _, rows = example.rows("citations")
    cited = [r for r in rows if r["ref"] == "1478/QĐ-TTg"]
    assert len({r["document_id"] for r in cited}) == 3
    assert len({r["report_key"] for r in cited}) == 1
    (decision,) = [r for r in example.rows("decisions")[1] if r["ref"] == "1478/QĐ-TTg"]
    assert decision["reports"] == 1


# --- identity: what merges and what stays apart ---------------------------------------------


def test_copies_with_other_bytes_are_one_hit(archive: Archive, build) -> None:
    for source, fmt in (("a/bc-318.docx", "docx"), ("b/bc-318.pdf", "pdf")):
        archive.store(_copy(build, source, fmt=fmt))
    (hit,) = [h for h in archive.search("phat dong phong trao") if h.kind == "report"]
    assert [(Path(f["source"]).name, f["format"]) for f in hit.also] == [("bc-318.pdf", "pdf")]


def test_the_same_number_from_two_issuers_stays_two_reports(archive: Archive, build) -> None:
    archive.store(_copy(build, "binh-son.md"))
    archive.store(_copy(build, "dong-thap.md", issuer="UBND tỉnh Đồng Tháp"))
    hits = [h for h in archive.search("phat dong phong trao") if h.kind == "report"]
    assert len(hits) == 2 and all(h.also == () for h in hits)
    (view,) = archive.show("1478/QĐ-TTg")
    assert [len(r["renderings"]) for r in view["reports"]] == [1, 1]


def test_a_report_without_a_number_never_merges(archive: Archive, build) -> None:
    archive.store(_copy(build, "first.md", number=None))
    archive.store(_copy(build, "second.pdf", number=None, fmt="pdf"))
    hits = [h for h in archive.search("phat dong phong trao") if h.kind == "report"]
    assert len(hits) == 2 and all(h.also == () for h in hits)
    (view,) = archive.show("1478/QĐ-TTg")
    assert len(view["reports"]) == 2


def test_renderings_do_not_crowd_other_reports_out_of_the_top(archive: Archive, build) -> None:
    for i in range(6):
        archive.store(_copy(build, f"copy-{i}.md"))
    archive.store(_copy(build, "other.md", number="77/BC-UBND"))
    hits = archive.search("phat dong phong trao", limit=2)
    assert sorted(h.label for h in hits) == ["318/BC-UBND", "77/BC-UBND"]
    (merged,) = [h for h in hits if h.label == "318/BC-UBND"]
    assert len(merged.also) == 5


def test_show_says_when_the_renderings_findings_differ(archive: Archive, build) -> None:
    archive.store(build.figures(_copy(build, "bc-318.md")))
    archive.store(_copy(build, "bc-318.pdf", fmt="pdf"))
    (view,) = archive.show("1478/QĐ-TTg")
    (report,) = view["reports"]
    assert report["findings_differ"] is True
    by_format = {f["format"]: f["findings"] for f in report["renderings"]}
    assert by_format == {"md": ["sum-1"], "pdf": []}
    text = decision_text(view, "en")
    assert "(also: bc-318.pdf)" in text and "findings differ" in text and "bc-318.md 1, bc-318.pdf 0" in text
    with archive.engine.connect() as conn:  # each file keeps its own findings
        assert conn.execute(sa.select(sa.func.count()).select_from(findings)).scalar() == 1


def test_a_new_version_of_one_file_replaces_it_in_the_group(archive: Archive, build) -> None:
    archive.store(_copy(build, "bc-318.md"), path="/r/bc-318.md")
    archive.store(_copy(build, "bc-318.pdf", fmt="pdf"), path="/r/bc-318.pdf")
    newer = _copy(build, "bc-318.pdf", fmt="pdf")
    newer.sha256 = "f" * 64
    archive.store(newer, path="/r/bc-318.pdf")
    (hit,) = [h for h in archive.search("phat dong phong trao") if h.kind == "report"]
    assert len(hit.also) == 1
    assert archive.counts()["documents"] == 3


# --- the key --------------------------------------------------------------------------------

_field = st.one_of(st.none(), st.just(""), st.text(alphabet="ĐđQUBNDtỉnh 0123456789/-", min_size=1, max_size=12))


@given(_field, _field, _field, st.one_of(st.none(), st.just("2023-11-15")))
def test_a_key_needs_every_part(doc_type, number, issuer, date) -> None:
    key = report_key(doc_type, number, issuer, date)
    assert (key is None) == (not (doc_type and number and issuer and date))


def test_the_key_ignores_case_diacritics_and_leading_zeros() -> None:
    a = report_key("Báo cáo", "05/BC-UBND", "UBND tỉnh Phú Lâm", "2025-01-08")
    assert a == report_key("BÁO CÁO", "5/bc-ubnd", "ubnd tinh phu lam", "2025-01-08")
    assert a != report_key("Báo cáo", "05/BC-UBND", "UBND tỉnh Phú Lâm", "2025-01-09")
    assert a != report_key("Tờ trình", "05/BC-UBND", "UBND tỉnh Phú Lâm", "2025-01-08")
