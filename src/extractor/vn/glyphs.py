"""Look-alike characters some Vietnamese fonts put in the text layer, mapped back to the letter.

A PDF made with such a font draws "phương" but its text says "phƣơng" (U+01A3 for "ư"). The
table is data (`data/glyphs.json`). A word is changed only when it reads as a Vietnamese
syllable after the change, so the same characters in other languages stay as they are.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .legacy import is_vietnamese_syllable

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    spec = json.loads(resources.files("extractor.data").joinpath("glyphs.json").read_text("utf-8"))
    return {entry["found"]: entry["letter"] for entry in spec["lookalikes"]}


def _fixed_word(word: str, table: dict[str, str]) -> str:
    fixed = "".join(table.get(ch, ch) for ch in word)
    return fixed if fixed != word and is_vietnamese_syllable(fixed) else word


def repair_lookalikes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with look-alike characters mapped back inside Vietnamese words, and the
    (raw, repaired) words that changed."""
    table = lookalikes()
    if not any(ch in table for ch in text):
        return text, []
    changed: list[tuple[str, str]] = []

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        fixed = _fixed_word(word, table)
        if fixed != word:
            changed.append((word, fixed))
        return fixed

    return _WORD.sub(fix, text), changed
