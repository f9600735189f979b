"""One reading of a block's sentence structure, built once per block in the NLP stage and kept
on the document (`Document.structures`): bracket depth, sentences and clauses, list cues, and
groups of recipient counts with the word that links them ("cho 04 tập thể và 16 cá nhân",
"đối với 11 tập thể", ": 07 đ/c", "(05 tập thể, 10 cá nhân)", "sáu đơn vị, cá nhân").

The award extractor (`nlp.awards`) and the reconciler (`reconcile.text`) both read it, so a
phrasing taught here, in data (awards.json `recipients`, `recipient_links`, `number_words`;
reconcile.json `text.list_cues`), is seen by both. Pure text reading: no spaCy, so the
reconciler can build it for a document that did not go through the NLP stage.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, ListCue, RecipientCount, RecipientGroup, Structure
from ..vn.numbers import find_numbers
from ..vn.sentences import sentence_spans
from .resources import load

_JOIN = re.compile(r"\s*(?:,|và)?\s*(?:và\s+)?")
_SEMICOLON = re.compile(";")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, object]:
    data = load("awards")
    nouns = sorted(((n, role) for role, words in data["recipients"].items() for n in words),
                   key=lambda p: -len(p[0]))
    prefixes = "|".join(re.escape(p) for p in data["recipient_prefixes"])
    alternatives = "|".join(_phrase(n) for n, _ in nouns)
    links = sorted(data["recipient_links"], key=len, reverse=True)
    link_words = "|".join(rf"(?<!\w){_phrase(w)}" if w[0].isalpha() else re.escape(w) for w in links)
    cues = load("reconcile")["text"]["list_cues"]
    approx = "|".join(_phrase(w) for w in data["recipient_approximations"])
    aliases = sorted({a for award in data["awards"] for a in award["aliases"]}, key=len, reverse=True)
    return {
        "award": re.compile("|".join(_phrase(a) for a in aliases), re.I),
        "noun": re.compile(rf"\s*(?:(?:{prefixes})\s+)?(?P<noun>{alternatives})(?![\w/])", re.I),
        "roles": {n.lower(): role for n, role in nouns},
        "words": {w: v for w, v in data["number_words"].items()},
        "word_re": re.compile(r"(?<!\w)(" + "|".join(map(re.escape, data["number_words"])) + r")(?=\s)", re.I),
        "link": re.compile(rf"(?P<link>{link_words})\s*(?:(?:{approx})\s+)?$", re.I),
        "false_link": re.compile("(?:" + "|".join(rf"(?<!\w){_phrase(w)}" for w in data["recipient_link_false_friends"])
                                 + rf")\s*(?:(?:{approx})\s+)?$", re.I),
        "cues": [(True, re.compile(c, re.I)) for c in cues["exhaustive"]]
        + [(False, re.compile(c, re.I)) for c in cues["partial"]],
    }


def _phrase(words: str) -> str:
    """A phrase whose words may be parted by any spaces (a comma may have spaces around it)."""
    return r"\s*,\s*".join(r"\s+".join(map(re.escape, part.split())) for part in words.split(","))


def depths(text: str) -> list[int]:
    """The bracket depth before each character (and after the last)."""
    out, d = [], 0
    for ch in text:
        if ch == ")":
            d = max(d - 1, 0)
        out.append(d)
        if ch == "(":
            d += 1
    out.append(d)
    return out


def brackets(text: str, depth: list[int]) -> list[tuple[int, int]]:
    """(open, close) of every "(": the ")" back at its depth, or len(text) when none closes it."""
    out = []
    for i, ch in enumerate(text):
        if ch == "(":
            close = next((j for j in range(i + 1, len(text)) if text[j] == ")" and depth[j] == depth[i]), len(text))
            out.append((i, close))
    return out


def sentences(text: str, depth: list[int], numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as vn.sentences finds them, never cut inside a bracket or a number."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        cut = end - 1
        inside_number = any(s <= cut < e for s, e in numbers)
        if spans and (depth[cut] > 0 or inside_number or depth[start] > 0):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def clauses(text: str, sentence_spans_: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences cut after each ";"."""
    out = []
    for lo, hi in sentence_spans_:
        start = lo
        for m in _SEMICOLON.finditer(text, lo, hi):
            out.append((start, m.end()))
            start = m.end()
        if start < hi:
            out.append((start, hi))
    return out


def list_cues(text: str, numbers: list[tuple[int, int]]) -> list[ListCue]:
    found = []
    for exhaustive, pattern in _lexicon()["cues"]:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e in numbers):
                found.append(ListCue(m.start(), m.end(), exhaustive))
    return sorted(found, key=lambda c: (c.start, not c.exhaustive, -c.end))


def recipient_counts(text: str, numbers: list[tuple[int, int, object]]) -> list[RecipientCount]:
    """Every number (or number word) right before a recipient noun; of a ratio "21/23 cá nhân"
    the numerator."""
    lex = _lexicon()
    starts: list[tuple[int, int, int]] = []  # start, number_end, value
    for i, (s, e, n) in enumerate(numbers):
        if n.decimals or not float(n.value).is_integer():
            continue
        before = text[max(0, s - 12):s]
        if re.search(r"\d\s*/\s*$", before):  # a denominator: its numerator speaks
            continue
        after = re.match(r"\s*/\s*\d[\d.]*", text[e:])
        starts.append((s, e + after.end() if after else e, int(n.value)))
    for m in lex["word_re"].finditer(text):
        starts.append((m.start(), m.end(), lex["words"][m.group(1).lower()]))
    out = []
    for s, number_end, value in sorted(starts):
        noun = _noun(text, number_end)
        if noun:
            out.append(RecipientCount(s, number_end, noun.end(), value, lex["roles"].get(_key(noun.group("noun")), "mixed")))
    return out


def _noun(text: str, pos: int) -> re.Match[str] | None:
    """The recipient noun at `pos`; of several kinds ("cá nhân và tập thể") only when the last
    one does not begin an award's name ("1.780 cá nhân và tập thể lao động tiên tiến")."""
    lex = _lexicon()
    m = lex["noun"].match(text, pos)
    if m is None or lex["roles"].get(_key(m.group("noun"))) not in (None, "mixed"):
        return m
    last = re.search(r"\s*(?:,|\bvà\b)\s*(?=\S+(?:\s+\S+)?$)", m.group("noun"))
    if last and lex["award"].match(text, m.start("noun") + last.end()):
        return lex["noun"].match(text[:m.start("noun") + last.start()], pos)
    return m


def _key(noun: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*,\s*", ", ", noun)).lower()


def recipient_groups(text: str, counts: list[RecipientCount], depth: list[int]) -> list[RecipientGroup]:
    """Runs of recipient counts of different kinds joined by "," or "và" (a bracket right after
    a noun is skipped: "04 tập thể (02 ...) và 16 cá nhân"), each with its link word."""
    groups: list[RecipientGroup] = []
    for r in counts:
        same_depth = [g for g in groups if depth[g.start] == depth[r.start]]
        last = same_depth[-1] if same_depth else None
        if last is not None and _joined(text, last.end, r.start, depth) \
                and r.role not in {m.role for m in last.members}:
            last.members.append(r)
            continue
        link = _lexicon()["link"].search(text, max(0, r.start - 12), r.start)
        if link and _lexicon()["false_link"].search(text, max(0, r.start - 20), r.start):
            link = None
        groups.append(RecipientGroup(link.group("link").lower() if link else "", link.start() if link else r.start, [r]))
    return groups


def _joined(text: str, lo: int, hi: int, depth: list[int]) -> bool:
    gap = text[lo:hi]
    if gap.lstrip().startswith("("):
        close = text.find(")", lo)
        if close < 0 or close >= hi:
            return False
        gap = text[close + 1:hi]
    return bool(_JOIN.fullmatch(gap)) and depth[lo] == depth[hi]


def read(text: str, block: int = -1) -> Structure:
    """The structure of one block's text."""
    numbers = find_numbers(text)
    spans = [(s, e) for s, e, _ in numbers]
    depth = depths(text)
    sents = sentences(text, depth, spans)
    counts = recipient_counts(text, numbers)
    return Structure(block, depth, brackets(text, depth), sents, clauses(text, sents), list_cues(text, spans),
                     recipient_groups(text, counts, depth))


def structures(doc: Document) -> list[Structure]:
    """One structure per block, in block order."""
    return [read(b.text, i) for i, b in enumerate(doc.blocks)]


def of(doc: Document) -> list[Structure]:
    """The document's structures, read now if the NLP stage did not keep them."""
    if len(doc.structures) != len(doc.blocks):
        doc.structures = structures(doc)
    return doc.structures


__all__ = ["of", "read", "structures"]
