"""Every document of ../shared/corpus/real-files (real files published by Vietnamese offices:
scanned, mixed and typed PDF, .doc, DOCX, XLS, XLSX) is read by `parse` and by `check`: a
document model or a typed one-line error of the input, never an internal error. The files stay
in ../shared; the test skips when it is absent. Each file is parsed once per test session (OCR
of the scans costs 1-2 s a page); the check runs on a copy of that parse."""
import copy
import csv
import json
from pathlib import Path

import pytest

from extractor.errors import ExtractorError
from extractor.model import to_dict

REAL_FILES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real-files"


def listed_files() -> list[str]:
    index = REAL_FILES / "INDEX.tsv"
    if not index.is_file():
        return []
    with index.open(encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t")]


FILES = listed_files()
_parsed: dict[str, object] = {}


def parsed(name: str):
    """The file's Document (or the ExtractorError it raised), computed once."""
    from extractor.parse import parse_file

    if name not in _parsed:
        try:
            _parsed[name] = parse_file(REAL_FILES / name)
        except ExtractorError as err:
            _parsed[name] = err
    return _parsed[name]


@pytest.fixture(params=FILES or [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/real-files is absent"))])
def real_file(request) -> str:
    return request.param


def test_the_index_lists_38_documents():
    if not FILES:
        pytest.skip("../shared/corpus/real-files is absent")
    assert len(FILES) == 38 and all((REAL_FILES / name).is_file() for name in FILES)


@pytest.mark.slow
def test_parse_reads_it(real_file):
    from extractor import output

    doc = parsed(real_file)
    assert not isinstance(doc, ExtractorError), doc.message("en")
    assert doc.blocks or doc.tables
    json.dumps(output.parse_json(doc, with_blocks=True), ensure_ascii=False)
    assert output.document_text(doc, "vi")


@pytest.mark.slow
def test_check_reads_it(real_file):
    from extractor.nlp import extract
    from extractor.reconcile import check, report

    doc = parsed(real_file)
    assert not isinstance(doc, ExtractorError), doc.message("en")
    checked = check(extract(copy.deepcopy(doc)))
    json.dumps(to_dict(checked), ensure_ascii=False)
    assert report.findings_text(checked, "vi")
    assert all(f.locations for f in checked.findings if f.severity == "error")
