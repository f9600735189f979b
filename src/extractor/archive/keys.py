"""Search keys of the archive, all built on `vn.normalize.fold`.

- `index_text(text)`: the folded copy that goes into the full-text index. It has exactly one
  character per character of `text` (diacritics and đ folded, every non-word character turned
  into a space), so an offset found in it is an offset in the original: that is how snippets
  are cut from the original text. SQLite indexes this copy; PostgreSQL folds the original
  itself (`unaccent`, see `index.py`) into the same words.
- `query_parts(query)`: the query's whitespace-separated parts that hold a word, as typed (NFC);
  a part written with inner punctuation ("1478/QĐ-TTg") is a phrase of its words.
- `words(text)`: the folded word tokens of a part; `query_terms(query)` gives them per part.
- `symbol_key(text)`: the number/symbol of a legal document folded, without spaces, dashes
  unified ("1478/QĐ - TTg" -> "1478/qd-ttg"), for exact and prefix look-up.
- `report_key(...)`: what makes stored files renderings of one report (see its docstring).
"""

from __future__ import annotations

import re

from ..vn.normalize import fold, nfc

_NON_WORD = re.compile(r"[\W_]")
_TOKEN = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


class _IndexChars(dict):
    """Code point -> the character `index_text` writes for it, worked out on first sight: one
    `str.translate` then folds and blanks a whole text."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))[:1] or " "
        self[code] = char = " " if _NON_WORD.match(folded) else folded
        return char


_INDEX_CHARS = _IndexChars()


def index_text(text: str) -> str:
    return text.translate(_INDEX_CHARS)


def words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def query_parts(query: str) -> list[str]:
    return [part for part in nfc(query).split() if words(part)]


def query_terms(query: str) -> list[list[str]]:
    """The folded query: the words of each of its parts."""
    return [words(part) for part in query_parts(query)]


def symbol_key(text: str) -> str:
    return _SPACES.sub("", fold(text).translate(_DASHES))


def number_key(number: str | None) -> str | None:
    """A document number without its leading zeros ("05" -> "5"), or None."""
    if not number:
        return None
    digits = symbol_key(number)
    return digits.lstrip("0") or "0"


def symbol_codes(symbol: str | None) -> tuple[str | None, str | None]:
    """(type code, issuer code) of a symbol or a whole number-symbol, numbers left out:
    "1478/QĐ-TTg" -> ("qd", "ttg"), "24-CT/TW" -> ("ct", "tw"). A symbol of one part (a law's
    "06/2022/QH15") has no type code; its one part names the issuer."""
    parts = [p for p in re.split(r"[-/]", symbol_key(symbol or "")) if p and not p.isdigit()]
    if not parts:
        return None, None
    if len(parts) == 1:
        return None, parts[0]
    return parts[0], parts[-1]


def report_key(doc_type: str | None, number: str | None, issuer: str | None, date: str | None) -> str | None:
    """The identity of a report, shared by its renderings (DOCX, PDF, a copy with other bytes):
    doc type, number/symbol (leading zeros dropped), issuer and ISO date, folded; None when any
    of them is unknown, so a report without a number is never taken for another."""
    if not (doc_type and number and issuer and date):
        return None
    return "|".join((" ".join(words(doc_type)), number_key(number), " ".join(words(issuer)), date))
