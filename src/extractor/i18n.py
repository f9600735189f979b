"""User-facing sentences in Vietnamese (default) and English, looked up by key.

The catalog lives in `data/messages.json` ({key: {"vi": ..., "en": ...}}); every stage that
talks to the user (errors, findings, CLI summaries) formats its sentences through `t`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("extractor.data").joinpath("messages.json").read_text("utf-8"))


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    entry = catalog()[key]
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format(**params)


class _Params(dict):
    """Format parameters; one a template names but the finding lacks shows as "?" rather than
    failing the whole view (an older stored finding, a key whose wording gained a parameter)."""

    def __missing__(self, key: str) -> str:
        return "?"


def finding_message(finding: Any, lang: str = DEFAULT_LANG) -> str:
    """The one renderer of a finding's sentence, for every view (text, md, json, XLSX, the web
    app): `finding` is a `model.Finding` or a dict with `key` and `params` (a stored row)."""
    if isinstance(finding, dict):
        key, params = finding["key"], finding.get("params") or {}
    else:
        key, params = finding.key, finding.params
    entry = catalog().get(key)
    if entry is None:  # a key this version does not know: the stored words, if any
        return str(params.get("text", key))
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format_map(_Params(params))


def category(kind: str, value: str | None, lang: str = DEFAULT_LANG) -> str:
    """A category code in words ("ministry_province" -> "cấp bộ, ban, ngành, tỉnh"); an unknown
    code as it is, None as ""."""
    if value is None:
        return ""
    entry = catalog().get(f"category.{kind}.{value}")
    return (entry.get(lang) or entry[DEFAULT_LANG]) if entry else str(value)


def requested_lang(explicit: str | None = None) -> str:
    """The reader's language: an explicit choice, else EXTRACTOR_LANG, else Vietnamese."""
    import os

    for value in (explicit, os.environ.get("EXTRACTOR_LANG")):
        if value and value.strip().lower() in LANGS:
            return value.strip().lower()
    return DEFAULT_LANG
