"""Laws named without a number: "Luật Thi đua, khen thưởng", "Luật Thi đua khen thưởng" (the same
law, comma dropped), "Luật NSNN" (an abbreviation), "Luật Thuế giá trị gia tăng" (a law the data
files do not list).

A name starts at the law type's word ("Luật", `doc_types.json` `roles`) and is either a listed
name (`named_laws`, matched without case and with its commas optional), an abbreviation in
capitals (`law_abbreviations` spells out the known ones), or a capitalised word and the words
after it up to punctuation or a word that starts the rest of the sentence (`law_name_stops`:
"số", "ngày", "năm", "và", "của", ...). An amending law is named through the law it amends ("Luật
sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng": `amended_law_leads`); its number,
when one follows, is read as the reference instead. Other names starting "Luật Sửa đổi" or "Luật Số" are none
(`law_name_not_starts`). Names of one law share a key: folded words, abbreviations spelled out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..vn.normalize import match_key, squash_spaces
from .resources import alternation, load, role_type

_SEPARATORS = re.compile(r"\s*[,\-–]\s*")
# Most words a law's name has after "Luật" when the data files do not list it.
GENERIC_NAME_MAX_WORDS = 9


@dataclass(frozen=True, slots=True)
class NamedLaw:
    start: int  # at "Luật"
    end: int
    name: str  # as written, spaces squashed

    @property
    def key(self) -> str:
        return law_key(self.name)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load("doc_types")
    law = role_type("law")
    listed = [_flexible(name, law) for name in sorted(data["named_laws"], key=len, reverse=True)]
    return {
        "law_word": re.compile(rf"(?<!\w)(?:{re.escape(law)}|{re.escape(law.upper())})\s+"),
        "listed": re.compile(rf"(?:{'|'.join(listed)})(?!\w)", re.I),
        "abbreviations": {match_key(k): v for k, v in data["law_abbreviations"].items()},
        "abbreviation": re.compile(r"[A-ZĐ][A-ZĐ&]{1,7}(?![\w&])"),
        "stop": re.compile(rf"(?:{alternation(data['law_name_stops'])})(?!\w)", re.I),
        "not_start": re.compile(rf"(?:{alternation(data['law_name_not_starts'])})(?!\w)", re.I),
        "amending": re.compile(rf"(?:{alternation(data['amended_law_leads'])})\s+", re.I),
    }


def _flexible(name: str, law: str) -> str:
    """A listed name as a pattern: commas optional or written as dashes, any spacing ("Thi đua,
    khen thưởng" also matches "Thi đua khen thưởng" and "Thi đua - Khen thưởng"); the leading
    "Luật" is matched by the caller."""
    words = _SEPARATORS.sub(" ", re.sub(rf"^{re.escape(law)}\s+", "", name)).split()
    return r"(?:\s*[,\-–]\s*|\s+)".join(re.escape(w) for w in words)


def law_key(name: str) -> str:
    """'Luật Thi đua, Khen thưởng', 'Luật Thi đua khen thưởng', 'Luật Thi đua - Khen thưởng' and
    'Luật TĐKT' -> one key."""
    words = _SEPARATORS.sub(" ", name).split()
    spelled = [_data()["abbreviations"].get(match_key(w), w) for w in words]
    return " ".join(_SEPARATORS.sub(" ", match_key(" ".join(spelled))).split())


def named_laws(text: str) -> list[NamedLaw]:
    """Every law named in `text` by its name (whether or not a number follows it)."""
    found = []
    for m in _data()["law_word"].finditer(text):
        end = _name_end(text, m.end(), capitals=m.group().isupper())
        if end is not None:
            found.append(NamedLaw(m.start(), end, squash_spaces(text[m.start():end])))
    return found


def _name_end(text: str, pos: int, capitals: bool) -> int | None:
    if amending := _data()["amending"].match(text, pos):  # its name runs through the amended law's
        amended = _data()["law_word"].match(text, amending.end())
        return _name_end(text, amended.end(), capitals) if amended else None
    if listed := _data()["listed"].match(text, pos):
        return listed.end()
    if capitals:
        return None  # a title in capitals: only listed names are read there
    if abbreviation := _data()["abbreviation"].match(text, pos):
        return abbreviation.end()
    if not text[pos:pos + 1].isupper() or _data()["not_start"].match(text, pos):
        return None
    return _generic_end(text, pos)


def _generic_end(text: str, pos: int) -> int | None:
    """The end of a capitalised name: the words up to punctuation or a stop word (at least two)."""
    words = list(re.finditer(r"[^\W\d_][\w-]*", text[pos:pos + 200]))
    end, count = None, 0
    for i, w in enumerate(words[:GENERIC_NAME_MAX_WORDS]):
        start = pos + w.start()
        gap = text[(end if end is not None else pos):start]
        if i and (gap.strip() or _data()["stop"].match(text, start)):
            break
        end, count = pos + w.end(), count + 1
    return end if count >= 2 else None
