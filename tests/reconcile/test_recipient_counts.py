"""Recipient lists against their stated counts: the article's count per kind, group counts;
a count that matches, one off by one, and lists read incompletely (no relation)."""
import sys
from pathlib import Path

from extractor.i18n import finding_message
from extractor.pipeline import process
from extractor.reconcile import relations

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "nlp"))
from test_recipients import KINDS, decision  # noqa: E402


def list_findings(doc, lang="vi"):
    return [f for f in doc.findings if f.check == "list_count"]


def test_counts_match(tmp_path):
    doc = decision(tmp_path, KINDS, group="03")
    rels = [r for r in relations(doc) if r.check == "list_count"]
    assert sorted((r.origin, r.subject) for r in rels) == [
        ("article", "cá nhân"), ("article", "tập thể"), ("group", "I. Tập thể: 03 (tập thể)"),
        ("group", "II. Cá nhân: 02 (cá nhân)")]
    assert list_findings(doc) == []


def test_article_off_by_one(tmp_path):
    doc = decision(tmp_path, KINDS, collectives="04", group="03")
    found = list_findings(doc)
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].expected == 3 and found[0].actual == 4
    assert found[0].locations[0].text == "04"
    assert "04 tập thể" in finding_message(found[0]) and "3" in finding_message(found[0])


def test_group_off_by_one(tmp_path):
    doc = decision(tmp_path, KINDS, group="04")
    found = list_findings(doc)
    assert [(f.expected, f.actual, f.locations[0].text) for f in found] == [(3, 4, "04")]
    assert "I. Tập thể: 03".replace("03", "04") in finding_message(found[0])


def test_grouped_list_counts(tmp_path):
    body = """
# Cá nhân: 03

Quận Hoàn Kiếm: {first}

Bà Nguyễn Thị An, Hiệu trưởng trường Mầm non Chim Non, quận Hoàn Kiếm

Bà Trần Thu Hà, Giáo viên trường Mầm non Nắng Mai, quận Hoàn Kiếm

Huyện Mê Linh: 01

Ông Lê Văn Bình, Giáo viên trường Mầm non Tự Lập, huyện Mê Linh
"""
    assert list_findings(decision(tmp_path, body, collectives="00", individuals="03", first="02")) == []
    found = list_findings(decision(tmp_path, body, collectives="00", individuals="03", first="03"))
    assert [(f.expected, f.actual) for f in found] == [(2, 3)]


def test_incomplete_list_is_not_checked(tmp_path):
    body = """
# I. Tập thể: 03

1. Trường Tiểu học Hòa Bình;

\\Ð©Ẳ©œ¬\\©ŒCœkC2tt)+

3. Hội Nông dân xã Phú Mỹ./.
"""
    doc = decision(tmp_path, body, collectives="03", individuals="00")
    assert len(doc.recipients) == 2
    assert [r for r in relations(doc) if r.check == "list_count"] == []


def test_english_message(tmp_path):
    from extractor.reconcile import check
    doc = decision(tmp_path, KINDS, collectives="04", group="03")
    doc = check(doc)
    assert "Article 1 states 04" in finding_message(list_findings(doc)[0], "en")
