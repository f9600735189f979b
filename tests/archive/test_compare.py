"""`reconcile --issuer --year`: a report's award totals and a proposal's list against the
decisions of the scope in the archive, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from extractor.archive import Archive
from extractor.cli import app
from extractor.i18n import finding_message
from extractor.model import Award, Reference

from .test_who import decision


def fill(archive: Archive, stated: int = 5) -> None:
    proposal = decision("ttr-15.md", "15/TTr-SNV", "2024-05-20", "Sở Nội vụ tỉnh An Giang", "Bằng khen cấp bộ, ban, ngành, tỉnh",
                        [("Trường Tiểu học Hòa Bình", "collective", None), ("Lê Thị Hoa", "individual", None),
                         ("Trạm Y tế xã Phú Lâm", "collective", None)])
    proposal.metadata.doc_type = "Tờ trình"
    archive.store(proposal)
    qd = decision("qd-40.md", "40/QĐ-UBND", "2024-06-01", "UBND tỉnh An Giang", "Bằng khen cấp bộ, ban, ngành, tỉnh",
                  [("Trường Tiểu học Hòa Bình", "collective", None), ("Lê Thị Hoa", "individual", None),
                   ("Hội Nông dân xã Phú Mỹ", "collective", None)])
    qd.blocks[0].text += " Xét Tờ trình số 15/TTr-SNV của Sở Nội vụ."
    start = qd.blocks[0].text.index("15/TTr-SNV")
    qd.references.append(Reference(id="15/TTr-SNV", doc_type="Tờ trình", number="15", year=None, symbol="TTr-SNV",
                                   mentions=[qd.mention(0, start, start + len("15/TTr-SNV"))]))
    archive.store(qd)
    report = decision("bc-90.md", "90/BC-UBND", "2024-12-10", "UBND tỉnh An Giang", "Bằng khen cấp bộ, ban, ngành, tỉnh", [])
    report.metadata.doc_type = "Báo cáo"
    report.awards.append(Award(award="Bằng khen cấp bộ, ban, ngành, tỉnh", count=stated, status="awarded",
                               mentions=[report.mention(0, 0, 6)]))
    archive.store(report)


def test_report_and_proposal_against_the_decisions(archive: Archive) -> None:
    fill(archive)
    result = archive.compare("an giang", 2024, "en")
    assert [d["number"] for d in result.decisions] == ["40/QĐ-UBND"] and result.listed == 3
    by_check = {}
    for f in result.findings:
        by_check.setdefault(f.check, []).append(f)
    (total,) = by_check["archive_totals"]
    assert total.severity == "info" and (total.expected, total.actual) == (3, 5)
    assert "1 of this scope" in finding_message(total, "en")
    assert sorted(f.actual for f in by_check["proposal_vs_decision"]) == ["Hội Nông dân xã Phú Mỹ", "Trạm Y tế xã Phú Lâm"]
    assert all(f.severity == "info" for f in by_check["proposal_vs_decision"])


def test_matching_totals_and_other_scopes(archive: Archive) -> None:
    fill(archive, stated=3)
    assert [f.check for f in archive.compare("an giang", 2024).findings] == ["proposal_vs_decision"] * 2
    empty = archive.compare("an giang", 2023)
    assert empty.decisions == [] and empty.findings == []


def test_more_listed_than_stated_is_a_warning(archive: Archive) -> None:
    fill(archive, stated=2)
    (total,) = [f for f in archive.compare("An Giang", 2024).findings if f.check == "archive_totals"]
    assert total.severity == "warning"


def test_reconcile_command(tmp_path) -> None:
    db = str(tmp_path / "a.sqlite")
    with Archive(db) as archive:
        fill(archive)
    runner = CliRunner()
    result = runner.invoke(app, ["--lang", "en", "reconcile", "--issuer", "an giang", "--year", "2024", "--db", db])
    assert result.exit_code == 0, result.output
    assert "holds 1 decision(s)" in result.output and "was proposed in 15/TTr-SNV" in result.output
    result = runner.invoke(app, ["reconcile", "--issuer", "an giang", "--year", "2024", "--db", db, "-f", "json"])
    assert len(json.loads(result.output)["findings"]) == 3
    result = runner.invoke(app, ["--lang", "en", "reconcile", "--issuer", "nowhere", "--year", "2024", "--db", db])
    assert "Nothing compared" in result.output
