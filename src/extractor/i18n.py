"""User-facing sentences in Vietnamese (default) and English, looked up by key.

The catalog lives in `data/messages.json` ({key: {"vi": ..., "en": ...}}); every stage that
talks to the user (errors, findings, CLI summaries) formats its sentences through `t`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("extractor.data").joinpath("messages.json").read_text("utf-8"))


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    entry = catalog()[key]
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format(**params)
