"""The project's corpus (corpus/reports, gold by hand in corpus/gold): tables as the gold has
them, and every DOCX/PDF rendering of a report parses to the blocks and tables of its .md."""
import json
from pathlib import Path

import pytest
from test_cross_format import block_view, table_view

from extractor.parse import parse_file

REPO = Path(__file__).resolve().parents[2]

REPORTS = REPO / "corpus" / "reports"
GOLD = REPO / "corpus" / "gold"
IDS = sorted(p.stem for p in REPORTS.glob("*.md")) if REPORTS.is_dir() else []
RENDERINGS = sorted(p for ext in ("docx", "pdf") for p in REPORTS.glob(f"*.{ext}")) if REPORTS.is_dir() else []


@pytest.mark.parametrize("report_id", IDS or [pytest.param("-", marks=pytest.mark.skip(reason="no corpus"))])
def test_tables_as_in_the_gold(report_id):
    gold_path = GOLD / f"{report_id}.json"
    if not gold_path.is_file():
        pytest.skip("no gold for this report")
    gold = json.loads(gold_path.read_text("utf-8"))
    doc = parse_file(REPORTS / f"{report_id}.md")
    got = [(t.index, t.title, len(t.header)) for t in doc.tables]
    assert got == [(t["index"], t["title"], t["header_rows"]) for t in gold["tables"]]
    for t, g in zip(doc.tables, gold["tables"]):
        assert all(len(row) == t.n_cols for row in t.header)
        if g.get("total_row") is not None:
            assert any(c.bold for c in t.rows[g["total_row"]])


@pytest.mark.parametrize(
    "rendering", RENDERINGS or [pytest.param(None, marks=pytest.mark.skip(reason="no DOCX/PDF renderings yet"))]
)
def test_rendering_agrees_with_markdown(rendering):
    md = parse_file(rendering.with_suffix(".md"))
    doc = parse_file(rendering)
    assert block_view(doc) == block_view(md)
    assert table_view(doc) == table_view(md)
