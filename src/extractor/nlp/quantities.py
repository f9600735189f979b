"""Every figure of the block text as a `Quantity`: counts, percentages, ratios, money.

Not quantities: figures inside a date, a reference number/symbol, a block's own marker ("2.1."),
a year or period ("năm 2023", "2021-2025"), an ordinal or a name ("lần thứ 7", "Quân khu 9",
"Covid-19"), a phone number, or a quoted name ("5 không 3 sạch"). A ratio "47/233" is one
Quantity (value 47, denominator 233). An award count is a Quantity whose `counts` is the
canonical award name; the award extractor builds the `Award` records on the same spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Quantity
from ..vn.numbers import Number
from . import lexicon as L
from .blocks import BlockView
from .resources import alternation, load

_RATIO_SEP = re.compile(r"\s*/\s*")
_PERCENT = re.compile(r"\s?%")


@dataclass
class Figure:
    """One number on its way to a Quantity: where it is and what follows it."""

    start: int
    end: int
    number: Number
    denominator: Number | None = None


def _words_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=\W))(?:{alternation(words)})\W{{0,2}}$")


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
    units = load("units")
    return {
        "name_heads": _words_re(units["name_heads"]),
        "contact_heads": re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, units["contact_heads"])) + r")\s*:?[\s\d.()+-]*$"),
        "classifiers": re.compile(r"\s*(?:" + "|".join(map(re.escape, load("awards")["classifiers"])) + r")\s+", re.I),
    }


def is_year(n: Number) -> bool:
    return n.decimals == 0 and n.text.isdigit() and len(n.text) == 4 and 1900 <= int(n.text) <= 2100


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _is_name_part(view: BlockView, start: int, end: int) -> bool:
    """Glued to a word ("Covid-19", "3G") or after a name head ("lần thứ 7", "Quân khu 9")."""
    text = view.text
    before = text[max(0, start - 2):start]
    if re.search(r"[^\W\d_]-?$", before) or re.match(r"[^\W\d_]", text[end:end + 1]):
        return True
    head = text[max(0, start - 20):start]
    return bool(_rules()["name_heads"].search(head) or _rules()["contact_heads"].search(text[max(0, start - 30):start]))


def _figures(view: BlockView) -> list[Figure]:
    """The block's numbers that are figures, ratios joined, exclusions removed."""
    text = view.text
    marker_end = view.marker_end()
    quoted = view.quoted_ranges()
    date_ranges = [(d.start, d.end) for d in view.dates]
    raw = [
        (s, e, n) for s, e, n in view.numbers
        if s >= marker_end and not _inside(s, e, date_ranges) and not view.is_claimed(s, e)
        and not _inside(s, e, quoted)
    ]
    figures: list[Figure] = []
    i = 0
    while i < len(raw):
        s, e, n = raw[i]
        if i + 1 < len(raw) and _RATIO_SEP.fullmatch(text[e:raw[i + 1][0]]) and not is_year(n):
            s2, e2, n2 = raw[i + 1]
            figures.append(Figure(s, e2, n, n2))
            i += 2
            continue
        if not _is_name_part(view, s, e) and not is_year(n):
            figures.append(Figure(s, e, n))
        i += 1
    return figures


def _quantity(view: BlockView, doc: Document, fig: Figure) -> Quantity:
    text = view.text
    end = fig.end
    kind, unit, counts = "other", None, None
    if fig.denominator is not None:
        kind = "ratio"
        noun = view.lex_at(L.NOUN, end)
        unit = counts = noun.id if noun else None
    elif m := _PERCENT.match(text, end):
        kind, unit, end = "percent", "%", m.end()
        noun = view.lex_at(L.NOUN, end)
        counts = noun.id if noun else None
    elif money := view.lex_at(L.MONEY, end):
        kind, unit = "money", money.id
    else:
        after = end
        if c := _rules()["classifiers"].match(text, end):
            after = c.end()
        award = view.lex_at(L.AWARD, after)
        noun = view.lex_at(L.NOUN, end)
        if award is None and view.lex_at(L.CLASS, end):  # "(01 hạng Nhất, 03 hạng Nhì)"
            award = next((lx for lx in reversed(view.lex.get(L.AWARD, [])) if lx.end <= fig.start), None)
        if award is not None:
            kind, counts = "count", award.id
        elif noun is not None:
            kind, unit, counts = "count", noun.id, noun.id
    mention = doc.mention(view.index, fig.start, end)
    return Quantity(
        value=fig.number.value,
        unit=unit,
        text=mention.text,
        mention=mention,
        kind=kind,
        counts=counts,
        decimals=fig.number.decimals,
        denominator=fig.denominator.value if fig.denominator else None,
        number=fig.number,
    )


def extract(doc: Document, views: list[BlockView]) -> list[Quantity]:
    return [_quantity(v, doc, fig) for v in views for fig in _figures(v)]
