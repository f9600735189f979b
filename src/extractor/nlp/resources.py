"""The domain data files under `extractor/data/`, read once per process."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON file `extractor/data/<name>.json`."""
    text = resources.files("extractor.data").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


def alternation(words: list[str]) -> str:
    """A regex alternation of literal phrases, longest first (so the longest phrase wins)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def role_type(role: str) -> str:
    """The name of the document type that plays `role` (doc_types.json `roles`: "law" -> "Luật")."""
    return load("doc_types")["roles"][role]
