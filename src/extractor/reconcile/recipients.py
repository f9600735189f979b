"""Recipient lists against the counts stated for them.

- the decision's first article ("tặng Bằng khen cho 05 tập thể và 04 cá nhân") against the number
  of listed recipients of each kind (origin "article");
- a grouped list's headings ("Quận Đống Đa: 05", "a) Tập thể: 15") against the items under them
  (origin "group").
Only lists (and groups) read completely take part: a block the list reader could not read as an
item or a heading, or a gap in the numbering of a list table, gives no relation (no false alarm).
"""
from __future__ import annotations

import re

from ..i18n import DEFAULT_LANG, t
from ..model import Document, Mention, RecipientHeading
from ..nlp.recipients import article_counts
from .relations import Operand, Relation


def _length(count: int, where: Mention | None, fallback) -> Operand:
    return Operand.of(count, 0, where or fallback, shown=str(count))


def _kind_word(kind: str, lang: str) -> str:
    return t(f"recipient.kind.{kind}", lang)


def article_relations(doc: Document, lang: str = DEFAULT_LANG) -> list[Relation]:
    lists = doc.recipient_lists
    if not lists or not all(lst.complete for lst in lists):
        return []
    out = []
    for kind, (value, mention) in article_counts(doc).items():
        listed = [i for lst in lists for i in lst.items if doc.recipients[i].kind == kind]
        if not listed:  # a list of the other kind only: this kind is not what we read
            continue
        title = next((lst.title for lst in lists if lst.title is not None), None)
        out.append(Relation(check="list_count", origin="article", total=Operand.of(value, 0, mention),
                            parts=[_length(len(listed), title, doc.recipients[listed[0]].location)],
                            subject=_kind_word(kind, lang)))
    return out


def _count_at(doc: Document, heading: Mention, value: int) -> Mention:
    """The stated count inside a heading ("Quận Đống Đa: 05" -> "05"), else the whole heading."""
    text = doc.blocks[heading.block].text
    spans = [m for m in re.finditer(r"\d+", text) if int(m.group()) == value]
    if not spans:
        return heading
    return doc.mention(heading.block, spans[-1].start(), spans[-1].end())


def _group_relations(doc: Document, group: RecipientHeading, lang: str) -> list[Relation]:
    if not group.complete or not group.items:
        return []
    out = []
    for kind, value in group.stated.items():
        items = [i for i in group.items if kind == "any" or doc.recipients[i].kind == kind]
        out.append(Relation(check="list_count", origin="group", total=Operand.of(value, 0, _count_at(doc, group.mention, value)),
                            parts=[_length(len(items), None, doc.recipients[group.items[0]].location)],
                            subject=group.label if kind == "any" else f"{group.label} ({_kind_word(kind, lang)})"))
    return out


def recipient_relations(doc: Document, lang: str = DEFAULT_LANG) -> list[Relation]:
    out = article_relations(doc, lang)
    for lst in doc.recipient_lists:
        for group in lst.groups:
            out += _group_relations(doc, group, lang)
    return out
