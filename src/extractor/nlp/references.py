"""Cited documents: one `Reference` per distinct document, every mention listed.

A reference is a number/symbol in the state form ("1478/QĐ-TTg", "56/2013/NĐ-CP", "5007/BNV-TĐKT",
"43 / 2022 / HĐND") or the Party form ("01-KL/TW", "35-KH/TU"), with or without a type word
before it ("Quyết định số", "Thông tư liên tịch số:", "Nghị định"), or a law named without a
number ("Luật Thi đua, Khen thưởng"). Around it: the date ("ngày 28 tháng 11 năm 2022", damaged
forms read and reported as info), the issuer ("của Thủ tướng Chính phủ", "UBND tỉnh ban hành
...", else the issuer code of the symbol) and the subject ("về ...", "ban hành ...").
A number with no symbol ("Kế hoạch 05 năm", "Số TT", a phone number) is never a reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Finding, Mention, Reference
from ..vn.dates import DateMatch
from ..vn.normalize import match_key, squash_spaces
from . import lexicon as L
from .blocks import BlockView
from .laws import NamedLaw, named_laws
from .resources import alternation, load, role_type
from .symbols import ID_RE

_ISSUER_JOIN = re.compile(r"\s*(?:,|và)\s*")


@dataclass(frozen=True)
class Cited:
    """One reference mention as read from the text."""

    key: str
    ref: Reference
    damaged_date: DateMatch | None


@lru_cache(maxsize=1)
def _types() -> dict:
    data = load("doc_types")
    names = [x["name"] for x in data["types"]]
    codes = {code: x["name"] for x in data["types"] for code in x["codes"]}
    number = alternation(load("metadata")["number_heads"])
    issue = alternation(data["issue_verbs"])
    return {
        "word_before": re.compile(rf"(?<!\w)(?P<type>{alternation(names)})\s*(?:(?:{number})\s*)?:?\s*$", re.I),
        "number_head": re.compile(rf"\s*(?:(?:{number})\s*)?:?\s*", re.I),
        "date_gap": re.compile(rf"\s*,?\s*(?:(?:được\s+)?(?:{issue})\s+)?"),
        "issuer_head": re.compile(rf"\s*,?\s*(?:{alternation(data['issuer_heads'])})\s+"),
        "issued_by_before": re.compile(rf"\s+(?:đã\s+)?(?:{issue}|có)\s+$"),
        "names": {match_key(n): n for n in names},
        "codes": codes,
        "party": data["party"],
        "subject": re.compile(rf"\s*,?\s*(?=(?:{alternation(data['subject_starts'])})\s)"),
        "draft": re.compile(rf"(?<!\w)(?:{alternation(data['draft_words'])})\s*$", re.I),
        "amended": re.compile(rf"(?<!\w)(?:{alternation(data['amended_law_leads'])})\s*$", re.I),
    }


def _issuer_codes() -> dict[str, str]:
    return load("issuers")["codes"]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reference_key(ref_id: str) -> str:
    return match_key(_compact(ref_id))


# --------------------------------------------------------------------------------------------
# Reading one mention


class BlockReferences:
    def __init__(self, doc: Document, view: BlockView):
        self.doc, self.view, self.text = doc, view, view.text
        self.named_laws = named_laws(self.text)

    def dates_at(self, pos: int) -> DateMatch | None:
        gap = _types()["date_gap"].match(self.text, pos)
        for d in self.view.dates:
            if d.start == gap.end() or (d.start == pos):
                return d
        return None

    def issuer_after(self, pos: int) -> tuple[str, int] | None:
        """'của Bộ Nội vụ, Bộ Quốc phòng và Bộ Lao động - Thương binh và Xã hội' -> names."""
        m = _types()["issuer_head"].match(self.text, pos)
        if not m:
            return None
        first = self.view.lex_at(L.ISSUER, m.end(), "")
        if first is None:
            return None
        chain = [(first, "")]
        while (j := _ISSUER_JOIN.match(self.text, chain[-1][0].end)) and (
                nxt := self.view.lex_at(L.ISSUER, j.end(), "")):
            chain.append((nxt, j.group().strip()))
        while len(chain) > 1 and chain[-1][1] == ",":  # a list of issuers ends with 'và'
            chain.pop()
        last = chain[-1][0]
        return self.text[first.start:last.end], last.end

    def issuer_before(self, start: int) -> str | None:
        """'UBND tỉnh ban hành Kế hoạch số 24/KH-UBND' -> 'UBND tỉnh'."""
        head = self.text[:start]
        m = _types()["issued_by_before"].search(head)
        if not m:
            return None
        for lx in self.view.lex.get(L.ISSUER, ()):
            if lx.end == m.start():
                return lx.text
        return None

    def subject_after(self, pos: int, limit: int) -> str | None:
        m = _types()["subject"].match(self.text, pos)
        if not m:
            return None
        end = _subject_end(self.text, m.end(), limit)
        subject = squash_spaces(self.text[m.end():end]).rstrip(" ,")
        return subject or None

    def read(self, m: re.Match[str], next_start: int) -> Cited:
        type_word, start = self.type_before(m.start())
        ref = _reference_from_id(m, type_word)
        pos = m.end()
        date = self.dates_at(pos)
        if date:
            ref.date = date.iso
            pos = date.end
        issuer = self.issuer_after(pos)
        if issuer:
            ref.issuer, pos = issuer
        else:
            ref.issuer = self.issuer_before(start) or ref.issuer
        ref.subject = self.subject_after(pos, next_start)
        ref.mentions = [self.doc.mention(self.view.index, start, m.end())]
        self.view.claim(m.start(), m.end())
        return Cited(reference_key(ref.id), ref, date if date and date.damaged else None)

    def type_before(self, start: int) -> tuple[str | None, int]:
        """The type word before a number and where it starts; a law named right before the number
        ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15") gives "Luật", from its name."""
        head = self.text[max(0, start - 40):start]
        m = _types()["word_before"].search(head)
        if m:
            word = _types()["names"].get(match_key(m.group("type")), m.group("type"))
            return word, start - len(head) + m.start("type")
        if law := self.law_numbered_at(start):
            return role_type("law"), law.start
        return None, start

    def law_numbered_at(self, start: int) -> NamedLaw | None:
        """The law whose name the number at `start` follows."""
        number_head = _types()["number_head"]
        return next((law for law in self.named_laws if number_head.match(self.text, law.end).end() == start), None)

    def laws(self) -> list[Cited]:
        """Laws named without a number ('Luật Thi đua, Khen thưởng', 'Luật NSNN'), with the date
        written right after the name ('Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022')."""
        found = []
        passed_by = _issuer_codes().get(load("doc_types")["law_issuer"])
        for law in self.named_laws:
            if ID_RE.match(self.text, _types()["number_head"].match(self.text, law.end).end()):
                continue  # a numbered law: read with its number
            date = None if self.amended(law.start) else self.dates_at(law.end)
            ref = Reference(id=law.name, doc_type=role_type("law"), number=None, year=None, symbol=None,
                            date=date.iso if date else None, issuer=passed_by,
                            mentions=[self.doc.mention(self.view.index, law.start, law.end)])
            found.append(Cited(law.key, ref, date if date and date.damaged else None))
        return found

    def amended(self, start: int) -> bool:
        """'Luật sửa đổi, bổ sung một số điều của Luật X ngày ...': the date is the amending law's."""
        return bool(_types()["amended"].search(self.text, max(0, start - 60), start))

    def all(self) -> list[Cited]:
        matches = [m for m in ID_RE.finditer(self.text) if _is_reference(m) or self.type_before(m.start())[0]]
        cited = [self.read(m, matches[i + 1].start() if i + 1 < len(matches) else len(self.text))
                 for i, m in enumerate(matches)]
        cited = [c for c in cited if not self.drafted(c.ref.mentions[0].start)]
        return sorted(cited + self.laws(), key=lambda c: c.ref.mentions[0].start)

    def drafted(self, start: int) -> bool:
        """'dự thảo Nghị định số ...': a draft is not a document yet (its number stays claimed)."""
        return bool(_types()["draft"].search(self.text, max(0, start - 20), start))


def _is_reference(m: re.Match[str]) -> bool:
    """A symbol made of known type or issuer codes (not 'A/B' in ordinary words). A number after
    a type word ('công văn số 12/XYZ-VP') is a reference whatever its codes."""
    codes = _types()["codes"].keys() | _issuer_codes().keys()
    parts = re.split(r"\s?[-/]\s?", m.group("sym") or f"{m.group('ptype')}/{m.group('pissuer')}")
    return any(_code(p) in codes for p in parts)


def _code(part: str) -> str:
    """A symbol part as the code tables write it: 'SGD&ĐT' -> 'SGDĐT', 'QH15' -> 'QH'."""
    return re.sub(r"\d+$", "", part.replace("&", ""))


def _reference_from_id(m: re.Match[str], type_word: str | None) -> Reference:
    codes = _types()["codes"]
    if m.group("num"):
        number, year, symbol = m.group("num"), m.group("year"), _compact(m.group("sym"))
        ref_id = "/".join(x for x in (number, year, symbol) if x)
        first, *rest = symbol.split("-")
        if first in codes:
            doc_type, issuer_code = codes[first], rest[0] if rest else None
        else:  # a công văn: issuer then drafting unit, no type code
            doc_type, issuer_code = (role_type("letter") if rest else None), first
    else:
        number, year = m.group("pnum"), None
        ptype, pissuer = m.group("ptype"), _compact(m.group("pissuer"))
        symbol = f"{ptype}/{pissuer}"
        ref_id = f"{number}-{symbol}"
        doc_type = _types()["party"].get(ptype) or codes.get(ptype)
        issuer_code = pissuer.split("-")[0]
    issuer = _issuer_codes().get(_code(issuer_code or ""))
    return Reference(id=ref_id, doc_type=type_word or doc_type, number=number,
                     year=int(year) if year else None, symbol=symbol, issuer=issuer)


def _subject_end(text: str, start: int, limit: int) -> int:
    """Where a subject stops: a clause mark outside quotes, a new clause after a comma
    (', UBND tỉnh ...'), or a next reference joined by 'và' or ',' (one embedded in the subject,
    'thực hiện Chỉ thị số 05-CT/TW', stays in it)."""
    quoted = False
    stop = len(text)
    for i in range(start, len(text)):
        ch = text[i]
        if ch in "“”\"":
            quoted = ch == "“" or (ch == '"' and not quoted)
        elif quoted:
            continue
        elif ch in ";:" or (ch == "." and not text[i + 1:i + 2].isdigit()):
            stop = i
            break
        elif ch == "," and (m := re.match(r",\s+(\w)", text[i:i + 4])) and m.group(1).isupper():
            stop = i
            break
    if limit < stop and (tail := _coordinated_type(text[start:limit])):
        return start + tail.start()
    return stop


def _coordinated_type(text: str) -> re.Match[str] | None:
    """'..., Quyết định số' or '... và Kế hoạch số' at the end of `text`."""
    word = _types()["word_before"].pattern.removeprefix("(?<!\\w)")
    return re.search(r"\s*(?:,|\s+và)\s+" + word, text, re.I)


# --------------------------------------------------------------------------------------------
# Merging


def _merge(into: Reference, other: Reference) -> None:
    into.mentions += other.mentions
    if into.number is None and into.id.isupper() and not other.id.isupper():
        into.id = other.id  # a law named in a title in capitals goes by its name as running text writes it
    for attr in ("date", "issuer", "subject", "doc_type"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(other, attr))


def _damaged_finding(doc: Document, n: int, date: DateMatch, mention: Mention) -> Finding:
    return Finding(
        id=f"date-damaged-{n}",
        check="date",
        severity="info",
        key="nlp.damaged_date",
        params={"text": date.text, "iso": date.iso},
        expected=date.iso,
        actual=date.text,
        locations=[doc.mention(mention.block, date.start, date.end)],
    )


def extract(doc: Document, views: list[BlockView], own_number: str | None = None) -> list[Reference]:
    """The distinct references of the body text. The document's own number (cited by its annex
    caption) is claimed but not listed."""
    own = reference_key(own_number) if own_number else None
    merged: dict[str, Reference] = {}
    for view in views:
        for cited in BlockReferences(doc, view).all():
            if cited.damaged_date is not None:
                n = len([f for f in doc.findings if f.check == "date"]) + 1
                doc.findings.append(_damaged_finding(doc, n, cited.damaged_date, cited.ref.mentions[0]))
            if cited.key == own:
                continue
            if cited.key in merged:
                _merge(merged[cited.key], cited.ref)
            else:
                merged[cited.key] = cited.ref
    return list(merged.values())
