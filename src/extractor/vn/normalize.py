"""Text normalisation and matching keys.

Three levels, each for its job:
- `nfc(text)`: the text as stored and shown (Unicode NFC, nothing else changed);
- `match_key(text)`: for comparing names that differ only in tone-mark placement ("hoà" /
  "hòa", "uỷ" / "ủy"), case and spacing; diacritics are kept;
- `fold(text)`: diacritic-insensitive search key ("Đồng Tháp" -> "dong thap").
"""
from __future__ import annotations

import re
import unicodedata

# The five Vietnamese tone marks as combining characters (NFD). Vowel-quality marks (circumflex
# U+0302, breve U+0306, horn U+031B) are not tones and stay where they are.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tone_last(word: str) -> str:
    """Move a word's tone mark to its end, so any placement of it gives the same key."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if not tones:
        return word
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base) + tones[-1]


def match_key(text: str) -> str:
    text = nfc(text).lower().replace("\u00a0", " ")
    text = _WORD.sub(lambda m: _tone_last(m.group()), text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def squash_spaces(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
