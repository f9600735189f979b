"""Text typed in the legacy TCVN3 (ABC) fonts, repaired to Unicode.

Offices still send text typed with the .VnTime family: its bytes are TCVN 5712 VN3, so once read
as Latin-1 it shows as "Phßng Gi¸o dôc" for "Phòng Giáo dục". The code table is data
(`data/tcvn3.json`).

Detection must leave Unicode text alone, so it is decided per run of words: a run ends at any
word holding a letter beyond Latin-1 (genuine Unicode Vietnamese: "ư", "ệ", "đ", ...). A run is
converted when a word in it mixes ASCII letters with a TCVN3 code that is no Vietnamese letter
("th¸ng"), and its changed words read as Vietnamese syllables more often after conversion than
before, at least half of them. Text whose only legacy-looking letters are also Vietnamese ("Sè"
could be "Sè" or "Số") is converted only between converted neighbours (`repair_all`).

Latin-1 text in other languages is left alone because its words rarely read as Vietnamese
syllables once converted ("naïve" -> "naùve"); a run of short Nordic words ("så", "Søn") could,
and would be converted.

A run typed in the all-capital font (.VnTimeH) stores lowercase codes; a word that switches from
capitals to those codes ("TR­êng") shows it, and the run is converted to capitals.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import TONE_MARKS, nfc

# A run converts on its own when at least this many of its words read as Vietnamese after.
MIN_WORDS_READ = 2
# Short all-capital words after conversion ("QĐ", "UBND") are abbreviations, as good as a syllable.
ABBREVIATION_MAX_CHARS = 8
_ABBREVIATION = re.compile(rf"[A-ZĐ]{{2,{ABBREVIATION_MAX_CHARS}}}")


@dataclass(frozen=True, slots=True)
class _Table:
    to_unicode: dict[int, str]  # for str.translate
    codes: frozenset[str]
    marks: re.Pattern[str]  # codes that are no Vietnamese letter in Unicode: "¸", "µ", "ß", ...
    any_code: re.Pattern[str]
    word: re.Pattern[str]
    syllable: re.Pattern[str]
    stop_codas: frozenset[str]
    stop_tones: frozenset[str]
    font_prefix: str
    capitals_suffix: str
    units: frozenset[str]  # "µm": Latin-1 text that reads as a syllable in TCVN3 too


def _syllable_pattern(spec: dict) -> re.Pattern[str]:
    def alt(items: list[str]) -> str:
        return "|".join(sorted(map(re.escape, items), key=len, reverse=True))

    onset, codas = alt(spec["onsets"]), alt(spec["codas"])
    open_, closed, either = alt(spec["open_groups"]), alt(spec["closed_groups"]), alt(spec["groups"])
    return re.compile(rf"(?:{onset})?(?:(?:{open_})|(?:{closed})(?P<coda>{codas})|(?:{either})(?P<coda2>{codas})?)")


def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw = json.loads(resources.files("extractor.data").joinpath("tcvn3.json").read_text("utf-8"))
    letters = {chr(int(code, 16)): letter for part in ("lowercase", "uppercase") for code, letter in raw[part].items()}
    vietnamese = frozenset(ch for letter in letters.values() for ch in (letter, letter.upper()))
    codes = frozenset(letters)
    spec = raw["syllable"]
    return _Table(
        to_unicode={ord(code): letter for code, letter in letters.items()},
        codes=codes,
        marks=_char_class(codes - vietnamese),
        any_code=_char_class(codes),
        word=re.compile(rf"(?:[^\W_]|[{re.escape(''.join(sorted(codes)))}])+"),
        syllable=_syllable_pattern(spec),
        stop_codas=frozenset(spec["stop_codas"]),
        stop_tones=frozenset(spec["stop_tones"]),
        font_prefix=raw["font_prefix"],
        capitals_suffix=raw["capitals_font_suffix"],
        units=frozenset(raw["units"]),
    )


# ---------------------------------------------------------------------------------------------
# The code table


def decode_tcvn3(text: str, capitals: bool = False) -> str:
    """Every TCVN3 code in `text` as its Unicode letter (NFC); `capitals` for the all-capital
    fonts, whose lowercase codes print as capitals."""
    out = nfc(text.translate(_table().to_unicode))
    return out.upper() if capitals else out


def legacy_font(name: str | None) -> bool:
    """A font of the TCVN3 (ABC) family (".VnTime", ".VnArialH"): its text is TCVN3 by definition."""
    return bool(name) and name.strip().lower().startswith(_table().font_prefix)


def capitals_font(name: str | None) -> bool:
    """An all-capital TCVN3 font (".VnTimeH")."""
    return legacy_font(name) and name.strip().lower().endswith(_table().capitals_suffix)


# ---------------------------------------------------------------------------------------------
# Reading as Vietnamese


def is_vietnamese_syllable(word: str) -> bool:
    """`word` has the shape of one Vietnamese syllable (onset, vowels, coda, at most one tone)."""
    table = _table()
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = nfc("".join(ch for ch in decomposed if ch not in TONE_MARKS))
    m = table.syllable.fullmatch(bare)
    if m is None:
        return False
    coda = m.group("coda") or m.group("coda2")
    return coda not in table.stop_codas or (bool(tones) and tones[0] in table.stop_tones)


def _reads_as_vietnamese(word: str) -> bool:
    return is_vietnamese_syllable(word) or _ABBREVIATION.fullmatch(word) is not None


def has_genuine_letters(word: str) -> bool:
    """`word` holds a letter TCVN3 read as Latin-1 never produces: the text is Unicode."""
    return any((ord(ch) > 0xFF and ch.isalpha()) or unicodedata.combining(ch) for ch in word)


def _evidence(word: str) -> bool:
    """A code that is no Vietnamese letter, inside a word with ASCII letters: "th¸ng", "§éc"."""
    return _table().marks.search(word) is not None and any(ch.isascii() and ch.isalpha() for ch in word)


def _typed_in_capitals(word: str) -> bool:
    """Capitals then lowercase codes ("TR­êng"): the all-capital font, which shows both as capitals."""
    codes = _table().codes
    return len(word) > 2 and word[:2].isupper() and word[:2].isascii() and any(
        ch in codes and not ch.isupper() for ch in word[2:]
    )


# ---------------------------------------------------------------------------------------------
# Detection


Span = tuple[int, int]


def _runs(text: str) -> list[list[Span]]:
    """The spans of consecutive words with no genuine Unicode letter."""
    runs: list[list[Span]] = [[]]
    for m in _table().word.finditer(text):
        if has_genuine_letters(m.group()):
            runs.append([])
        else:
            runs[-1].append(m.span())
    return [r for r in runs if r]


def _converts(words: list[str], weak: bool) -> bool:
    """Whether a run's words read better as TCVN3. `weak`: no word needs to carry a mark."""
    units = _table().units
    changed = [(w, decode_tcvn3(w)) for w in words if w not in units and decode_tcvn3(w) != w]
    if not changed or not (weak or any(_evidence(w) for w, _ in changed)):
        return False
    before = sum(_reads_as_vietnamese(w) for w, _ in changed)
    after = sum(_reads_as_vietnamese(c) for _, c in changed)
    better = after >= before if weak else after > before and after >= MIN_WORDS_READ
    return better and after > 0 and 2 * after >= len(changed)


def _repair(text: str, weak: bool) -> str:
    table = _table()
    if (table.any_code if weak else table.marks).search(text) is None:
        return text
    out, last = [], 0
    for run in _runs(text):
        words = [text[s:e] for s, e in run]
        if not _converts(words, weak):
            continue
        capitals = any(_typed_in_capitals(w) for w in words)
        for s, e in run:
            if text[s:e] in table.units:
                continue
            out.append(text[last:s])
            out.append(decode_tcvn3(text[s:e], capitals))
            last = e
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def repair(text: str) -> str:
    """`text` with its TCVN3 runs converted to Unicode; Unicode and other Latin-1 text unchanged."""
    return _repair(text, weak=False)


def _undecided(text: str) -> bool:
    """Codes but no Unicode letter, and too little to tell on its own: "Sè: 12/KH", "Tæng"."""
    return _table().any_code.search(text) is not None and not has_genuine_letters(text)


def _has_letters_beyond_ascii(text: str) -> bool:
    return any(ch.isalpha() and not ch.isascii() for ch in text)


def repair_all(texts: Sequence[str]) -> list[str]:
    """`repair` for the texts of one document in reading order. Texts with TCVN3 codes but too
    little to decide on their own ("Sè: 12/KH", a cell "Tæng") are converted, where they read no
    worse, when the texts with non-ASCII letters around them were converted (one side is enough
    at the start or end of the document)."""
    repaired = [repair(t) for t in texts]
    state = [_state(t, r) for t, r in zip(texts, repaired)]
    telling = [i for i, s in enumerate(state) if s != "plain"]
    start = 0
    while start < len(telling):
        end = start
        while end < len(telling) and state[telling[end]] == "undecided":
            end += 1
        if end > start and _converted_around(state, telling, start, end):
            for i in telling[start:end]:
                repaired[i] = _repair(texts[i], weak=True)
        start = end + 1 if end == start else end
    return repaired


def _state(text: str, repaired: str) -> str:
    if repaired != text:
        return "tcvn3"
    if _undecided(text):
        return "undecided"
    return "unicode" if _has_letters_beyond_ascii(text) else "plain"


def _converted_around(state: list[str], telling: list[int], start: int, end: int) -> bool:
    """The telling texts just before and after `telling[start:end]` were converted."""
    around = [state[telling[k]] for k in (start - 1, end) if 0 <= k < len(telling)]
    return bool(around) and all(s == "tcvn3" for s in around)


def reads_better_as_tcvn3(latin1: str, other: str) -> bool:
    """Bytes that are not UTF-8, read as Latin-1 (`latin1`) or another code page (`other`): whether
    the TCVN3 reading gives more Vietnamese syllables."""
    return _syllable_count(repair(latin1)) > _syllable_count(other)


def _syllable_count(text: str) -> int:
    return sum(is_vietnamese_syllable(m.group()) for m in _table().word.finditer(nfc(text)) if not m.group().isascii())
