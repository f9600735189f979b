"""A per-block view over the spaCy Doc: lexicon matches as plain records, the dates and numbers
of the text, and the character ranges other extractors have claimed (references, dates,
markers), so that every extractor reads the same facts about a block."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Block
from ..parse.layout import conventions
from ..vn.dates import DateMatch, find_dates
from ..vn.numbers import Number, find_numbers
from .pipeline import LEX_KEY


def _marker_re() -> re.Pattern[str]:
    """A block's own numbering at its start, a bullet and/or a numbering scheme ("1.", "2.1.",
    "II.", "a)", "Phần I", "+", "- a)"), as the layout conventions define them for the parser."""
    conv = conventions()
    bullets = "".join(re.escape(b) for b in conv.bullets)
    schemes = "|".join(pattern.pattern for _, pattern in conv.schemes)
    return re.compile(rf"^\s*(?:[{bullets}]\s*)?(?:{schemes})?\s*")


MARKER_RE = _marker_re()
OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""


@dataclass(frozen=True, slots=True)
class Lex:
    label: str
    id: str
    start: int
    end: int
    text: str


@dataclass
class BlockView:
    index: int
    block: Block
    sdoc: Doc
    lex: dict[str, list[Lex]]
    dates: list[DateMatch]
    numbers: list[tuple[int, int, Number]]
    claimed: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.block.text

    def lex_at(self, label: str, pos: int, skip: str = r"\s*") -> Lex | None:
        """The `label` match starting right at `pos` (after text matching `skip`)."""
        m = re.compile(skip).match(self.text, pos)
        start = m.end() if m else pos
        for lx in self.lex.get(label, ()):
            if lx.start == start:
                return lx
        return None

    def is_claimed(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed)

    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def marker_end(self) -> int:
        m = MARKER_RE.match(self.text)
        return m.end() if m else 0

    def quoted_ranges(self) -> list[tuple[int, int]]:
        """The inside of each closed quotation (“...” or "...")."""
        return [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(self.text)]


_QUOTED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


def _lexicon(sdoc: Doc) -> dict[str, list[Lex]]:
    by_label: dict[str, list] = {}
    for span in sdoc.spans[LEX_KEY]:
        by_label.setdefault(span.label_, []).append(span)
    out: dict[str, list[Lex]] = {}
    for label, spans in by_label.items():
        longest = sorted(_filter_longest(spans), key=lambda s: s.start_char)
        out[label] = [Lex(label, s.id_, s.start_char, s.end_char, s.text) for s in longest]
    return out


def _filter_longest(spans: list) -> list:
    chosen: list = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return chosen


def views(blocks: list[Block], sdocs: list[Doc]) -> list[BlockView]:
    return [
        BlockView(i, b, d, _lexicon(d), find_dates(b.text), find_numbers(b.text))
        for i, (b, d) in enumerate(zip(blocks, sdocs))
    ]
