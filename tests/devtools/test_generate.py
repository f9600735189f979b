"""The generator: deterministic, its gold consistent, its documents varied (annual reports, tờ
trình, campaign summaries; reference and date forms; table layouts; hard negatives), its
renderings real Word tables and multi-page PDFs."""
from __future__ import annotations

import re
import zipfile

import pytest
from hypothesis import given, settings, strategies as st

from extractor.devtools.generate import (
    DOCS, blocks, compose, count_text, date_text, percent_text, split_id, synthetic_references, synthetic_reports,
    _split,
)
from extractor.devtools.gold import id_key, layout_of, percent_holds, review
from extractor.vn.dates import find_dates
from extractor.vn.numbers import parse_number

SEED = 11
REPORTS = [compose(SEED, i) for i in range(36)]


@pytest.mark.parametrize("doc", DOCS)
def test_same_seed_same_report(doc):
    first, again = compose(SEED, 3, doc=doc), compose(SEED, 3, doc=doc)
    assert again.markup() == first.markup()
    assert again.gold == first.gold
    assert compose(SEED + 1, 3, doc=doc).markup() != first.markup()


@pytest.mark.parametrize("index", range(len(REPORTS)))
def test_generated_gold_is_consistent(index):
    g = REPORTS[index]
    assert review(g.markup(), g.gold) == []


def test_generator_varies_offices_documents_and_layouts():
    issuers = {g.gold["document"]["issuer"].split()[0] for g in REPORTS}
    assert {"UBND", "Sở", "Bộ", "Tỉnh"} <= issuers
    assert {g.gold["document"]["doc_type"] for g in REPORTS} == {"Báo cáo", "Tờ trình"}
    assert {g.gold["document"]["title"].split()[0] for g in REPORTS} >= {"Tổng", "Sơ", "Về"}
    specs = [t for g in REPORTS for t in g.gold["tables"]]
    assert {t["header_rows"] for t in specs} == {1, 2}
    assert {t["total_row"] == 0 for t in specs} == {True, False}
    assert {bool(t["percent_columns"]) for t in specs} == {True, False}
    assert {bool(t["award_rows"]) for t in specs} == {True, False}
    notes = {any("Ghi chú" in h for h in table.header[0]) for g in REPORTS for table in g.tables}
    assert notes == {True, False}
    kinds = {r["kind"] for g in REPORTS for r in g.gold["relations"]}
    assert {"sum", "recipients", "status", "money", "ratio", "percentage", "remainder", "text_vs_table"} <= kinds


def _citations(g) -> list[tuple[str, str]]:
    """Each numbered reference as first written: (the few characters before it, the number)."""
    text = g.markup()
    out = []
    for ref in g.gold["references"]:
        if ref["number"] is None:
            continue
        m = re.search(r"\s*/\s*".join(re.escape(part) for part in ref["id"].split("/")), text)
        assert m, ref["id"]
        out.append((text[max(0, m.start() - 6):m.start()], m.group()))
    return out


def test_references_are_written_in_every_form():
    written = [c for g in REPORTS for c in _citations(g)]
    assert any(before.endswith(" số ") for before, _ in written)
    assert any(before.endswith(" số: ") for before, _ in written)
    assert any(not before.rstrip(": ").endswith("số") for before, _ in written), "a number right after its type word"
    assert any(" / " in number for _, number in written) and any(re.search(r"\d/ \S", n) for _, n in written)
    for g in REPORTS:
        for ref in g.gold["references"]:
            assert id_key(ref["id"]) == ref["id"] and ref["id"] in id_key(g.markup())


def test_reference_dates_take_every_written_form():
    rng = __import__("random").Random(5)
    written = {date_text(rng, "2022-02-05") for _ in range(200)}
    assert len(written) == len(set(blocks()["date_forms"]))
    for text in written:
        assert [d.iso for d in find_dates(text)] == ["2022-02-05"], text


def _negative_pattern(template: str, g) -> re.Pattern:
    quotes = sorted({ch for ch in g.markup() if ch in "“”\""})
    pattern = re.escape(template)
    for key, value in (("q", f"[{''.join(quotes)}]"), ("Q", f"[{''.join(quotes)}]"), ("n", r"\d+"),
                       ("roman", "[IVXL]+"), ("area", r"\w+")):
        pattern = pattern.replace(re.escape("{" + key + "}"), value)
    return re.compile(pattern)


def test_hard_negatives_appear_and_give_no_record():
    templates = [t for kind, items in blocks()["negatives"].items() if kind != "_about" for t in items]
    seen = set()
    for g in REPORTS:
        gold = g.gold
        for template in templates:
            for line in [e for e in g.elements if isinstance(e, str) and _negative_pattern(template, g).fullmatch(e)]:
                seen.add(template)
                assert not any(s in line for c in gold["campaigns"] for s in c["surface"]), line
                assert not any(r["id"] in id_key(line) for r in gold["references"]), line
                assert not any(a.get("text") and a["text"] in line for a in gold["awards"]), line
                assert not any(r["context"] in line for r in gold["relations"]), line
    assert len(seen) >= len(templates) // 2, "most hard negatives are used"


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

    def long_unit_table(g) -> bool:
        tables = layout_of(g.markup(), g.gold).tables
        return any(not t["award_rows"] and len(tables[t["index"]].rows) > 20 for t in g.gold["tables"])

    g = next(g for g in REPORTS if long_unit_table(g))
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
    units = [row[1] for row in unit_table.rows if row[0] and g.markup().count(row[1]) == 1]
    with_units = [i for i, t in enumerate(pages) if any(u in t.replace("\n", " ") for u in units)]
    first, last = min(with_units), max(with_units)
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


def test_the_command_writes_reports_gold_and_mutants(tmp_path):
    import json

    from extractor.devtools.generate import main
    from extractor.devtools.mutation import mutate

    assert main(["--n", "2", "--seed", "3", "--out", str(tmp_path), "--formats", "md", "--mutations", "1"]) == 0
    report = compose(3, 1)
    assert (tmp_path / "reports" / f"{report.id}.md").read_text("utf-8") == report.markup()
    assert json.loads((tmp_path / "gold" / f"{report.id}.json").read_text("utf-8")) == report.gold
    meta = json.loads((tmp_path / "mutants" / f"{report.id}-m0.json").read_text("utf-8"))
    record = mutate(report, 3, 0)[1]
    assert meta["mutation"] == record and meta["findings"][0]["text"] == record["new"]
    assert main(["--formats", "odt"]) == 2
