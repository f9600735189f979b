"""Phrase patterns for the span ruler, written from the domain data files.

Every phrase a report uses for a domain thing (an award, an award group, an awarding authority,
an award class, a unit, a counted noun, an issuing body, a document type) becomes one pattern
`{"label": ..., "pattern": phrase, "id": canonical}`. The ruler matches them on the token NORM,
which the `vn_norm` component sets to `vn.normalize.match_key`, so case and tone-mark placement
do not matter.
"""
from __future__ import annotations

from typing import Any, Iterator

from .resources import load

AWARD, GROUP, AUTHORITY, CLASS, SUMWORD = "AWARD", "GROUP", "AUTHORITY", "CLASS", "SUMWORD"
MONEY, NOUN, ISSUER, DOCTYPE = "MONEY", "NOUN", "ISSUER", "DOCTYPE"


def _award_patterns() -> Iterator[dict[str, Any]]:
    data = load("awards")
    for award in data["awards"]:
        for alias in award["aliases"]:
            yield {"label": AWARD, "pattern": alias, "id": award["name"]}
    for group in data["groups"]:
        for alias in group["aliases"]:
            yield {"label": GROUP, "pattern": alias, "id": group["name"]}
    for i, authority in enumerate(data["authorities"]):
        for alias in authority["aliases"]:
            yield {"label": AUTHORITY, "pattern": alias, "id": str(i)}
    for name, aliases in data["classes"].items():
        for alias in aliases:
            yield {"label": CLASS, "pattern": alias, "id": name}
    for word in data["sum_words"]:
        yield {"label": SUMWORD, "pattern": word, "id": word}


def _unit_patterns() -> Iterator[dict[str, Any]]:
    units = load("units")
    for unit in units["money"]:
        yield {"label": MONEY, "pattern": unit, "id": unit}
    for noun in units["count_nouns"]:
        yield {"label": NOUN, "pattern": noun, "id": noun}


def _issuer_patterns() -> Iterator[dict[str, Any]]:
    issuers = load("issuers")
    for issuer in issuers["bodies"]:
        for alias in [issuer["name"], *issuer.get("aliases", [])]:
            yield {"label": ISSUER, "pattern": alias, "id": issuer["name"]}
    for doc_type in load("doc_types")["types"]:
        for word in [doc_type["name"], *doc_type.get("aliases", [])]:
            yield {"label": DOCTYPE, "pattern": word, "id": doc_type["name"]}


def patterns() -> list[dict[str, Any]]:
    """All phrase patterns, in a stable order (the saved model is built from this list)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for p in [*_award_patterns(), *_unit_patterns(), *_issuer_patterns()]:
        key = (p["label"], p["pattern"], p["id"])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
