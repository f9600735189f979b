"""The reconciler's domain words and patterns, read once from `data/reconcile.json`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..vn.normalize import fold


@dataclass(frozen=True)
class TextLexicon:
    exhaustive_cues: tuple[re.Pattern[str], ...]
    partial_cues: tuple[re.Pattern[str], ...]
    distributive: tuple[str, ...]
    approximate: tuple[str, ...]
    coordinators: frozenset[str]
    recipient_link: re.Pattern[str]
    recipient_roles: dict[str, tuple[str, ...]]
    award_heads: tuple[str, ...]
    overlapping_attributes: tuple[str, ...]
    subset_status: tuple[str, ...]
    remainder_done: re.Pattern[str]
    remainder_left: re.Pattern[str]
    remainder_pending: re.Pattern[str]
    grand_total: re.Pattern[str]
    annex_reference: re.Pattern[str]
    share_of_parent: re.Pattern[str]
    bound_allocated: re.Pattern[str]
    rate_link: re.Pattern[str]
    rate_named: re.Pattern[str]
    share_base_named: re.Pattern[str]
    phrase_end: re.Pattern[str]
    within_base: re.Pattern[str]
    complement: re.Pattern[str]
    rate_over: re.Pattern[str]
    bound_spent: re.Pattern[str]


@dataclass(frozen=True)
class TableLexicon:
    total_rows: frozenset[str]
    subset_rows: tuple[str, ...]
    index_headers: frozenset[str]
    percent_words: tuple[str, ...]
    concepts: dict[str, tuple[str, ...]]
    neutral_groups: frozenset[str]
    splits: tuple[tuple[str, tuple[str, ...], bool], ...]  # whole, parts, whether parts sum to whole


@dataclass(frozen=True)
class DateLexicon:
    period: re.Pattern[str]
    period_link: re.Pattern[str]
    looking_back: frozenset[str]  # folded document types that report on a past period


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _folded(words: list[str]) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(resources.files("extractor.data").joinpath("reconcile.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def text_lexicon() -> TextLexicon:
    t = _raw()["text"]
    return TextLexicon(
        exhaustive_cues=tuple(_rx(p) for p in t["list_cues"]["exhaustive"]),
        partial_cues=tuple(_rx(p) for p in t["list_cues"]["partial"]),
        distributive=_folded(t["distributive"]),
        approximate=_folded(t["approximate"]),
        coordinators=frozenset(_folded(t["coordinators"])),
        recipient_link=_rx(t["recipient_link"]),
        recipient_roles={role: _folded(words) for role, words in t["recipient_roles"].items()},
        award_heads=_folded(t["award_heads"]),
        overlapping_attributes=_folded(t["overlapping_attributes"]),
        subset_status=_folded(t["subset_status"]),
        remainder_done=_rx(t["remainder_done"]),
        remainder_left=_rx(t["remainder_left"]),
        remainder_pending=_rx(t["remainder_pending"]),
        grand_total=_rx(t["grand_total"]),
        annex_reference=_rx(t["annex_reference"]),
        share_of_parent=_rx(t["share_of_parent"]),
        bound_allocated=_rx(t["bound_allocated"]),
        rate_link=_rx(t["rate_link"]),
        rate_named=_rx(t["rate_named"]),
        share_base_named=_rx(t["share_base_named"]),
        phrase_end=_rx(t["phrase_end"]),
        within_base=_rx(t["within_base"]),
        complement=_rx(t["complement"]),
        rate_over=_rx(t["rate_over"]),
        bound_spent=_rx(t["bound_spent"]),
    )


@lru_cache(maxsize=1)
def table_lexicon() -> TableLexicon:
    t = _raw()["table"]
    return TableLexicon(
        total_rows=frozenset(_folded(t["total_rows"])),
        subset_rows=tuple(_folded(t["subset_rows"])),
        index_headers=frozenset(_folded(t["index_headers"])),
        percent_words=_folded(t["percent_words"]),
        concepts={name: _folded(words) for name, words in t["concepts"].items()},
        neutral_groups=frozenset(_folded(t["neutral_groups"])),
        splits=tuple((s["whole"], tuple(s["parts"]), s["sum"]) for s in t["splits"]),
    )


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    d = _raw()["dates"]
    return DateLexicon(period=_rx(d["period"]), period_link=_rx(d["period_link"]),
                       looking_back=frozenset(_folded(d["looking_back"])))
