"""Reading back the finding sentences stored before findings were data (migration 6): each
sentence is matched against the templates of data/messages.json, in both languages, and
becomes the key and parameters it was formatted from."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..i18n import LANGS, catalog

STORED = "finding.stored"  # a sentence no template explains: kept as it was written
_FINDING_KEYS = ("finding.", "nlp.damaged_date")
_FIELD = re.compile(r"\{(\w+)\}")


def template_pattern(template: str) -> re.Pattern[str]:
    """`template` as a regular expression: each {name} a lazy group, a repeated name the same text."""
    out, seen, last = [], set(), 0
    for m in _FIELD.finditer(template):
        out.append(re.escape(template[last:m.start()]))
        name = m[1]
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = m.end()
    out.append(re.escape(template[last:]))
    return re.compile("".join(out), re.DOTALL)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[int, str, re.Pattern[str]]]:
    """(literal length, key, pattern), most specific template first."""
    found = []
    for key, entry in catalog().items():
        if not key.startswith(_FINDING_KEYS):
            continue
        for lang in LANGS:
            template = entry.get(lang)
            if template:
                found.append((len(_FIELD.sub("", template)), key, template_pattern(template)))
    return sorted(found, key=lambda x: -x[0])


def read_finding_message(message: str) -> tuple[str, dict[str, Any]]:
    """(key, params) of a stored finding sentence; (STORED, {"text": message}) when no template
    produced it."""
    for _, key, pattern in _patterns():
        m = pattern.fullmatch(message)
        if m:
            return key, m.groupdict()
    return STORED, {"text": message}
