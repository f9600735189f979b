"""The one reading of a block's structure (nlp.structure) that the award extractor and the
reconciler share: recipient groups, links, brackets, clauses, list cues."""
import pytest
from hypothesis import given, strategies as st

from extractor.nlp import extract, structure
from extractor.nlp.resources import load
from extractor.reconcile import check, relations
from extractor.reconcile.checks import judge, relation_formula
from seed import document_from_texts


def groups(text):
    return [(g.link, [(r.value, r.role) for r in g.members]) for g in structure.read(text).groups]


@pytest.mark.parametrize("text, expected", [
    ("cho 04 tập thể (02 tập thể nông thôn mới) và 16 cá nhân",
     [("cho", [(4, "collective"), (16, "individual")]), ("(", [(2, "collective")])]),
    ("cho sáu đơn vị, cá nhân", [("cho", [(6, "mixed")])]),
    ("đối với 11 tập thể gồm", [("đối với", [(11, "collective")])]),
    ("Huân chương Chiến công: 4 tập thể và 4 cá nhân", [(":", [(4, "collective"), (4, "individual")])]),
    ("Bằng khen (05 tập thể, 10 cá nhân)", [("(", [(5, "collective"), (10, "individual")])]),
    ("cho 01 tập thể và 51/53 cá nhân", [("cho", [(1, "collective"), (51, "individual")])]),
    ("cho trên 1.650 thầy thuốc", [("cho", [(1650, "individual")])]),
    ("87 lượt tập thể và 57 lượt cá nhân", [("", [(87, "collective"), (57, "individual")])]),
    ("cho 1.780 cá nhân và tập thể lao động tiên tiến cho 88 tập thể",
     [("cho", [(1780, "individual")]), ("cho", [(88, "collective")])]),
    ("tăng 5 so với 3 tập thể năm trước", [("", [(3, "collective")])]),
    ("cho 42 trường hợp", [("cho", [(42, "case")])]),
    ("Quân khu 1, 2, 3 và Quân đoàn 1", []),
])
def test_recipient_groups(text, expected):
    assert groups(text) == expected


def test_clauses_brackets_and_cues():
    text = "Tặng 27 Huân chương (03 hạng Nhất; 24 hạng Ba); trong đó có 5 tập thể. Câu sau."
    s = structure.read(text)
    assert [text[a:b].strip() for a, b in s.sentences] == [text[:text.index(" Câu")], "Câu sau."]
    assert [text[a:b] for a, b in s.clauses][:2] == ["Tặng 27 Huân chương (03 hạng Nhất;", " 24 hạng Ba);"]
    [(open_, close)] = s.brackets
    assert (text[open_], text[close]) == ("(", ")")
    assert [(text[c.start:c.end].strip(), c.exhaustive) for c in s.cues] == [("trong đó có", False)]


@given(st.text(alphabet="0123456789 ,.;:()/và tập thể cá nhân cho gồm", max_size=80))
def test_any_text_reads_without_error(text):
    s = structure.read(text)
    assert len(s.depth) == len(text) + 1
    assert all(0 <= g.start < g.end <= len(text) for g in s.groups)


# -- taught once, seen by both ------------------------------------------------------------------

SENTENCE = "Chủ tịch UBND tỉnh tặng {n} Bằng khen cho 02 chi đoàn và 03 cá nhân có thành tích."


@pytest.fixture
def taught(monkeypatch):
    """'chi đoàn' added once, to the data, as a collective recipient."""
    recipients = load("awards")["recipients"]
    monkeypatch.setitem(recipients, "collective", [*recipients["collective"], "chi đoàn"])
    structure._lexicon.cache_clear()
    yield
    monkeypatch.undo()
    structure._lexicon.cache_clear()


def award_and_formulas(n):
    doc = check(extract(document_from_texts(SENTENCE.format(n=n))))
    [award] = doc.awards
    errors = [f for f in doc.findings if f.severity in ("error", "warning")]
    return (award.count, award.collectives, award.individuals), sorted(
        relation_formula(r, judge(r)) for r in relations(doc)), errors


def test_a_phrasing_taught_once_in_data_is_seen_by_the_award_extractor_and_the_reconciler(taught):
    award, formulas, errors = award_and_formulas("05")
    assert award == (5, 2, 3)
    assert "05 = 02 + 03" in formulas and errors == []
    _, _, errors = award_and_formulas("06")
    assert errors  # 06 Bằng khen for 2 + 3 recipients


def test_before_it_is_taught_neither_reads_it():
    structure._lexicon.cache_clear()
    award, formulas, _ = award_and_formulas("05")
    assert award[1] is None
    assert "05 = 02 + 03" not in formulas


@pytest.mark.parametrize("text, figures", [
    ("Bộ trưởng tặng Bằng khen đối với 11 tập thể gồm Ban chỉ đạo các đơn vị: Quân khu 1, 2, 3, 5, 7, 9; Quân "
     "đoàn 1; Bộ tư lệnh Thủ đô.", ["11"]),
    ("Công an tỉnh bắt 5 đối tượng lúc 2 giờ 45 phút trên Quốc lộ 1, thu xăng RON 95; đại hội khóa XIV có 3 đoàn.",
     ["5", "3"]),
    ("Sau bão số 3, Cụm thi đua số 4 tặng 5 Giấy khen cho 3 tập thể và 2 cá nhân của Đoàn 3.", ["5", "3", "2"]),
])
def test_numbers_of_names_codes_and_times_are_never_counts_or_addends(text, figures):
    """Through the whole pipeline: the numbers of names are no quantities, so no relation and no
    finding uses them."""
    doc = check(extract(document_from_texts(text)))
    assert [q.text.split()[0] for q in doc.quantities] == figures
    assert not [f for f in doc.findings if f.severity in ("error", "warning")]
