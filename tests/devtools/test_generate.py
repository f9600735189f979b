"""The generator: deterministic, its gold consistent, its mutants one number away, its renderings
real Word tables and multi-page PDFs."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings, strategies as st

from extractor.devtools.generate import (
    compose, count_text, mutate, percent_text, split_id, synthetic_references, synthetic_reports, _split,
)
from extractor.devtools.gold import layout_of, percent_holds, review, table_relation_holds, table_relations
from extractor.vn.numbers import find_numbers, parse_number

SEED = 11
REPORTS = [compose(SEED, i) for i in range(24)]


def test_same_seed_same_report():
    again = compose(SEED, 3)
    assert again.markup() == REPORTS[3].markup()
    assert again.gold == REPORTS[3].gold
    assert compose(SEED + 1, 3).markup() != REPORTS[3].markup()


@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_generated_gold_is_consistent(index):
    g = REPORTS[index]
    assert review(g.markup(), g.gold) == []


def test_generator_varies_offices_documents_and_layouts():
    issuers = {g.gold["document"]["issuer"].split()[0] for g in REPORTS}
    assert {"UBND", "Sở", "Bộ", "Tỉnh"} <= issuers
    assert {g.gold["document"]["doc_type"] for g in REPORTS} == {"Báo cáo", "Tờ trình"}
    specs = [t for g in REPORTS for t in g.gold["tables"]]
    assert {t["header_rows"] for t in specs} == {1, 2}
    assert {t["total_row"] == 0 for t in specs} == {True, False}
    assert any(t["percent_columns"] for t in specs)
    kinds = {r["kind"] for g in REPORTS for r in g.gold["relations"]}
    assert {"sum", "recipients", "status", "money", "ratio", "percentage", "remainder", "text_vs_table"} <= kinds


def _numbers(text: str) -> list[str]:
    return [n.text for _, _, n in find_numbers(text)]


@pytest.mark.parametrize("where", ["text", "table"])
@pytest.mark.parametrize("index", range(0, 24, 3))
def test_mutant_differs_in_exactly_one_number(index, where):
    original = REPORTS[index]
    mutant, record = mutate(original, SEED, 0, where=where)
    before, after = _numbers(original.markup()), _numbers(mutant.markup())
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed == [(record["old"].rstrip("%"), record["new"].rstrip("%"))]
    assert record["breaks"] is True


@pytest.mark.parametrize("index", range(0, 24, 4))
def test_text_mutation_context_locates_the_number(index):
    mutant, record = mutate(REPORTS[index], SEED, 1, where="text")
    text = mutant.markup()
    assert text.count(record["context"]) == 1
    at = record["offset"]
    assert record["context"][at:at + len(record["new"])] == record["new"]


@pytest.mark.parametrize("index", range(0, 24, 4))
def test_table_mutation_breaks_its_relation(index):
    original = REPORTS[index]
    mutant, record = mutate(original, SEED, 2, where="table")
    if record["where"] != "table":
        pytest.skip("report without tables")
    cell = record["context"]
    spec = original.gold["tables"][cell["table"]]
    table = layout_of(mutant.markup(), original.gold).tables[cell["table"]]
    touched = [r for r in table_relations(spec, table) if (cell["row"], cell["col"]) in {r["total"], *r["parts"]}]
    assert any(table_relation_holds(r, table) is False for r in touched)


def test_docx_has_real_merged_header_cells(tmp_path):
    from docx import Document

    from extractor.devtools.render_docx import render_docx

    g = next(g for g in REPORTS if any(t["header_rows"] == 2 for t in g.gold["tables"]))
    path = render_docx(layout_of(g.markup(), g.gold), tmp_path / "r.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "w:gridSpan" in xml and 'w:vMerge w:val="restart"' in xml
    doc = Document(str(path))
    assert len(doc.tables) == len(g.gold["tables"])
    assert doc.styles["Normal"].font.name == "Times New Roman"


def _pages(path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


@pytest.mark.parametrize("repeat", [False, True])
def test_pdf_is_paged_numbered_and_splits_a_long_table(tmp_path, repeat):
    from extractor.devtools.render_pdf import render_pdf

    g = next(g for g in REPORTS if any(not t["award_rows"] for t in g.gold["tables"]))
    layout = layout_of(g.markup(), g.gold)
    index = next(i for i, spec in enumerate(g.gold["tables"]) if not spec["award_rows"])
    unit_table = layout.tables[index]
    for t in layout.tables:
        t.repeat_header = False
    unit_table.repeat_header = repeat
    pages = _pages(render_pdf(layout, tmp_path / "r.pdf"))
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.strip().splitlines()[-1].strip() == str(number), "page number at the bottom"
    units = [row[1] for row in unit_table.rows if row[0]]
    first = min(i for i, t in enumerate(pages) if units[0] in t)
    last = max(i for i, t in enumerate(pages) if units[-1] in t)
    assert last > first, "the unit table runs over a page break"
    header_pages = [i for i in range(first, last + 1) if "Đơn vị" in pages[i]]
    assert header_pages == (list(range(first, last + 1)) if repeat else [first])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**7))
def test_count_text_reads_back(n):
    assert parse_number(count_text(n)).value == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.data(), st.sampled_from([1, 2]))
def test_printed_percentages_agree_with_their_counts(denominator, data, decimals):
    numerator = data.draw(st.integers(min_value=0, max_value=denominator))
    assert percent_holds(percent_text(numerator, denominator, decimals), numerator, denominator)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=30), st.randoms())
def test_split_keeps_the_total(total, parts, rnd):
    pieces = _split(rnd, total, parts)
    assert sum(pieces) == total and len(pieces) == parts and min(pieces) >= 0


def test_split_id_reads_every_symbol_form():
    assert split_id("91/2017/NĐ-CP") == ("91", 2017, "NĐ-CP")
    assert split_id("1478/QĐ-TTg") == ("1478", None, "QĐ-TTg")
    assert split_id("01-KL/TW") == ("01", None, "KL/TW")
    assert split_id("5007/BNV-TĐKT") == ("5007", None, "BNV-TĐKT")
    assert split_id("Luật Thi đua, Khen thưởng") == (None, None, None)


def test_synthetic_references_are_distinct_and_well_formed():
    refs = list(synthetic_references(2000, seed=3))
    assert len({r.id for r in refs}) == 2000
    assert all(r.id.startswith(r.number) and r.id.endswith(r.symbol) for r in refs)


def test_synthetic_reports_carry_consistent_mentions():
    docs = list(synthetic_reports(20, seed=4))
    assert len(docs) == 20 and len({d.sha256 for d in docs}) == 20
    for d in docs:
        assert d.metadata.number and d.references
        for r in d.references:
            assert r.mentions, r.id
            for m in r.mentions:
                assert d.blocks[m.block].text[m.start:m.end] == m.text
