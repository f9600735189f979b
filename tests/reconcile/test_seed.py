"""The shared example report, in its three renderings, through parse -> extract -> check.

Expected (verified by hand by the lead): every text relation adds up; table 2 row 1 prints
65,9% for 2.083/3.158 (65,96%) and 34,1% for 1.075/3.158 (34,04%); the annex period ends
30/12/2023 after the report's date 15/11/2023; the damaged date "ngày 15 ngày 3 năm 2021" is an
info. Nothing else is a warning or an error.
"""
import re
from pathlib import Path

import pytest

from extractor.model import CellRef
from extractor.reconcile import check

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed"

FORMATS = ("md", "docx", "pdf")


def seed(extract, fmt):
    path = SEED / f"bao-cao-tdkt-2023.{fmt}"
    if not path.is_file():
        pytest.skip("shared seed report not available")
    return extract(path)


def signature(finding):
    where = tuple((loc.table, loc.row, loc.col) if isinstance(loc, CellRef) else re.sub(r"\s+", " ", loc.text)
                  for loc in finding.locations)
    return (finding.check, finding.severity, where)


def summary(doc):
    return {signature(f) for f in doc.findings if f.severity != "info" or f.check == "date"}


EXPECTED = {
    ("percentage", "error", ((1, 0, 6), (1, 0, 5), (1, 0, 4))),
    ("percentage", "error", ((1, 0, 8), (1, 0, 7), (1, 0, 4))),
    ("date", "warning", ("ngày 30/12/2023", "ngày 15/11/2023")),
    ("date", "info", ("ngày 15 ngày 3 năm 2021",)),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_findings(extract, fmt):
    doc = check(seed(extract, fmt))
    assert summary(doc) == EXPECTED
    errors = [f for f in doc.findings if f.severity == "error"]
    assert sorted(f.expected for f in errors) == [34.0, 66.0]


def test_same_findings_in_every_rendering(extract):
    ids = [sorted(f.id for f in check(seed(extract, fmt), include_passed=True).findings) for fmt in FORMATS]
    assert ids[0] == ids[1] == ids[2]


def test_seed_relations_read(extract):
    passed = {f.message for f in check(seed(extract, "md"), include_passed=True).findings if f.passed}
    for formula in ["259 = 27 + 220 + 11 + 01", "27 = 03 + 04 + 20", "259 = 32 + 207 + 20", "20 = 15 + 05",
                    "20,2% ≈ 47/233", "79,8% ≈ 186/233", "4.685 = 46 + 410 + 3.831 + 398", "46 = 30 + 15 + 01",
                    "3.831 = 673 + 3.158", "673 = 458 + 215", "3.158 = 921 + 2.237", "34,1% ≈ 1.218/3.568",
                    "65,9% ≈ 2.350/3.568", "12.010 = 428 + 11.257 + 250 + 75", "12.010 ≤ 13.380",
                    "38 = 23 + 08 + 06 + 01", "38 = 34 + 04", "103 = 11 + 92", "6 = 02 + 04", "21 = 03 + 02 + 16",
                    "259 = 25 + 234", "4.685 = 1.117 + 3.568", "23,8% ≈ 5/21", "85,4% ≈ 181/212"]:
        assert any(formula in message for message in passed), formula


# Single-number changes to the Markdown rendering, each breaking a relation the lead verified:
# (the text around the number, the number, its replacement).
MUTATIONS = [
    ("thẩm quyền 259 trường hợp", "259", "269"),
    ("20 Huân chương Lao động hạng Ba", "20", "21"),
    ("cho 04 tập thể (02", "04", "05"),
    ("+ 207 trường hợp", "207", "206"),
    ("(15 Huân chương Lao động", "15", "16"),
    ("là 20,2% (47/233)", "20,2", "20,3"),
    ("(186/233)", "186", "187"),
    ("+ 46 Cờ thi đua", "46", "48"),
    ("458 tập thể khen", "458", "459"),
    ("2.237 cá nhân khen", "2.237", "2.239"),
    ("khen thưởng 12.010 triệu", "12.010", "12.011"),
    ("11.257 triệu", "11.257", "11.258"),
    ("còn 04 trường hợp", "04", "03"),
    ("06 Bằng Bà mẹ", "06", "07"),
    ("(trong đó có 11 tập thể", "11", "12"),
    ("\t27\t6\t21", "21", "22"),
    ("\t181\t85,4%", "85,4%", "85,5%"),
    ("<b>1.117</b>", "1.117", "1.118"),
    ("\t267\t65,1%", "267", "268"),
]


@pytest.mark.parametrize("context,old,new", MUTATIONS)
def test_changed_seed_figure_is_reported_alone(extract, tmp_path, context, old, new):
    source = (SEED / "bao-cao-tdkt-2023.md")
    if not source.is_file():
        pytest.skip("shared seed report not available")
    text = source.read_text("utf-8")
    assert text.count(context) == 1
    changed = text.replace(context, context.replace(old, new, 1))
    path = tmp_path / "seed.md"
    path.write_text(changed, "utf-8")
    doc = extract(path)
    new_findings = [f for f in check(doc).findings
                    if f.severity in ("error", "warning") and signature(f) not in EXPECTED]
    assert new_findings, "the change was not reported"
    for finding in new_findings:
        assert any(new.rstrip("%") in loc.text for loc in finding.locations), finding.message
