"""Findings are data rendered at output: every finding kind in Vietnamese and English from its key
and parameters, the report's own words quoted (never a folded matching key), one renderer for
every view."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from extractor.i18n import LANGS, catalog, category, finding_message, requested_lang
from extractor.model import to_dict
from extractor.pipeline import process
from extractor.vn.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "reports").glob("*.md"))
FINDING_KEYS = [k for k in catalog() if k.startswith("finding.") or k == "nlp.damaged_date"]
SEED = ROOT.parent / "shared" / "corpus" / "seed"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", FINDING_KEYS)
def test_every_finding_kind_renders_in_both_languages_from_its_key(key: str) -> None:
    entry = catalog()[key]
    assert set(entry) >= set(LANGS), key
    assert fields(entry["vi"]) == fields(entry["en"]), key  # the same parameters in both
    params = {name: f"<{name}>" for name in fields(entry["vi"])}
    rendered = {lang: finding_message({"key": key, "params": params}, lang) for lang in LANGS}
    for lang, text in rendered.items():
        assert all(f"<{name}>" in text for name in params), (key, lang)
        # no parameter left unfilled ("?" stands for a missing one; a template may ask a question)
        assert "{" not in text and text.count("?") == entry[lang].count("?"), (key, lang)
    if key != "finding.stored":
        assert rendered["vi"] != rendered["en"], key


@pytest.fixture(scope="module")
def checked() -> list:
    """The corpus reports and the shared seed, checked with the passed checks kept too."""
    from extractor.reconcile import check

    seed = sorted(SEED.glob("*.md")) if SEED.is_dir() else []
    return [check(process(path, until="extract"), include_passed=True) for path in [*REPORTS, *seed]]


def test_real_findings_render_in_both_languages(checked: list) -> None:
    findings = [f for doc in checked for f in doc.findings]
    assert len({f.key for f in findings}) >= 5, "the corpus should exercise several finding kinds"
    for f in findings:
        assert f.key in catalog(), f.key
        vi, en = finding_message(f, "vi"), finding_message(f, "en")
        assert "?" not in vi.replace("?)", "") and vi != en, f.key
        assert to_dict_message(f, "en") == en


def to_dict_message(f, lang: str) -> str:
    from extractor.model import finding_dict

    return finding_dict(f, lang)["message"]


_WORDS = re.compile(r"[^\W\d_]+")


def test_no_finding_message_quotes_a_folded_key(checked: list) -> None:
    """Every word a finding quotes from the report is written as the report writes it: a word
    whose diacritics were folded away ("bang khen" for "Bằng khen") would not be in the text."""
    for doc in checked:
        text = "\n".join([doc.text, *(c.text for t in doc.tables for r in t.rows for c in r),
                          *(" ".join(h) for t in doc.tables for h in t.header)])
        words = set(_WORDS.findall(text))
        for f in doc.findings:
            for name, value in f.params.items():
                if name == "relation" or not isinstance(value, str):
                    continue
                for word in _WORDS.findall(value):
                    assert word in words, (f.key, name, value)
                    if fold(word) == word and word not in words:  # pragma: no cover - the assert above
                        pytest.fail(word)


def test_recipients_message_keeps_the_award_as_written(doc_with_recipients) -> None:
    [finding] = [f for f in doc_with_recipients.findings if f.key == "finding.sum.recipients"]
    assert finding_message(finding, "vi").startswith("2.481 Bằng khen không khớp với")
    assert "bang khen" not in finding_message(finding, "en")


@pytest.fixture
def doc_with_recipients(tmp_path: Path):
    path = tmp_path / "r.md"
    path.write_text("Chủ tịch UBND tỉnh tặng 2.481 Bằng khen cho 512 tập thể và 1.906 cá nhân.\n", "utf-8")
    return process(path)


def test_categories_in_words() -> None:
    assert category("level", "ministry_province", "vi") == "cấp bộ, ban, ngành, tỉnh"
    assert category("status", "proposed", "vi") == "đề nghị"
    assert category("status", "proposed", "en") == "proposed"
    assert category("level", "unknown_code", "vi") == "unknown_code" and category("level", None) == ""


def test_the_readers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXTRACTOR_LANG", raising=False)
    assert requested_lang() == "vi" and requested_lang("en") == "en"
    monkeypatch.setenv("EXTRACTOR_LANG", "en")
    assert requested_lang() == "en" and requested_lang("vi") == "vi"
    monkeypatch.setenv("EXTRACTOR_LANG", "fr")
    assert requested_lang() == "vi"


def test_json_carries_key_params_and_checks(doc_with_recipients) -> None:
    data = to_dict(doc_with_recipients, lang="en")
    [finding] = data["findings"]
    assert finding["key"] == "finding.sum.recipients" and finding["params"]["total"] == "2.481"
    assert finding["message"].startswith("2.481 Bằng khen does not match")
    assert data["checks"] == {"carried_out": 1, "by_kind": {"sum": 1}}


def test_locations_in_words() -> None:
    from extractor.model import CellRef, Mention
    from extractor.provenance import where_text

    assert where_text(Mention("512", 27, 4, 7, page=3), "vi") == "trang 3, đoạn 28 «512»"
    assert where_text(Mention("512", 27, 4, 7), "en") == "paragraph 28 «512»"
    cell = CellRef(0, 6, 2, "2.481")
    assert where_text(cell, "vi", "Tổng số") == "bảng 1, dòng 7, cột «Tổng số» «2.481»"
    assert where_text(cell, "en") == "table 1, row 7, column 3 «2.481»"
    sheet = CellRef(0, 6, 2, "2.481", sheet="Biểu 01", sheet_row=9, sheet_col=28)
    assert where_text(sheet, "vi") == "trang tính «Biểu 01», ô AB9 «2.481»"
