"""Column keys of administrative tables: the row of column numbers under a header ("1 2 3",
"(1) (2)", "[1] [2] [3]", "A B 1 2") and the formulas written in it or in a label ("(4)=(5)+(6)",
"[5]=([4]/[3])", "Tỷ lệ (6:3)"). Patterns in `data/layout.json` ("column_keys").

A formula is read into a `Formula`: the column it defines, the keys added and subtracted, or a
quotient (numerator, denominator, whether it is multiplied by 100). Anything else (products of
columns, constants other than 100, nested quotients) is not a formula this reader knows: None.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _conf() -> dict:
    data = json.loads(resources.files("extractor.data").joinpath("layout.json").read_text("utf-8"))
    conf = data["column_keys"]
    key = conf["key"]
    return {
        "key": re.compile(key),
        "cell": re.compile(rf"^\s*(?:{key})\s*(?:=\s*{conf['formula_chars']}+)?$"),
        "formula_chars": re.compile(rf"^{conf['formula_chars']}+$"),
        "label_formula": re.compile(conf["label_formula"]),
        "label_key": re.compile(conf["label_key"]),
        "min_keys": conf["min_keys"],
    }


def _bare_key(text: str) -> str:
    key = text.strip().strip("()[]").strip()
    return str(int(key)) if key.isdigit() else key


def column_key(text: str) -> str | None:
    """The key a key-row cell gives its column ("(4)=(5)+(6)" -> "4", "[06]" -> "6", "A" -> "A");
    None when the cell is not a key."""
    if not _conf()["cell"].match(text):
        return None
    m = _conf()["key"].search(text)
    return _bare_key(m.group()) if m else None


def is_key_row(texts: list[str]) -> bool:
    """Every filled cell is a key, at least `min_keys` of them (one less when all are bracketed),
    the numbers among them counting up one by one from 0 or 1 and the letters from A ("1 2 3",
    "A B 1 2", "(1) (2) (3)=(1)+(2)"): a row of column numbers, not figures."""
    filled = [t for t in texts if t.strip()]
    keys = [column_key(t) for t in filled]
    bracketed = all(t.strip()[:1] in "([" for t in filled)
    if len(filled) < _conf()["min_keys"] - bracketed or None in keys:
        return False
    numbers = [int(k) for k in keys if k.isdigit()]  # type: ignore[union-attr]
    letters = [ord(k) for k in keys if not k.isdigit()]  # type: ignore[union-attr, arg-type]
    return (_counts_up(numbers, (0, 1)) and _counts_up(letters, (ord("A"),))) and bool(numbers or len(letters) >= 2)


def _counts_up(keys: list[int], starts: tuple[int, ...]) -> bool:
    return not keys or (keys[0] in starts and all(b == a + 1 for a, b in zip(keys, keys[1:])))


def label_key(label: str) -> str | None:
    """A key a header label ends with ("Tổng số (3)" -> "3")."""
    m = _conf()["label_key"].search(label)
    return _bare_key(m.group(1)) if m else None


@dataclass(frozen=True)
class Formula:
    """`column` = sum(plus) - sum(minus), or = numerator / denominator (x 100 when `times_100`)."""

    column: str | None  # the key the formula defines (None when only the label carries it)
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    numerator: str | None = None
    denominator: str | None = None
    times_100: bool = False
    surface: str = ""

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None


_TOKEN = re.compile(r"\s*(?:(?P<key>[\(\[]\s*(?:\d{1,2}|[A-Z])\s*[\)\]])|(?P<num>\d+(?:[.,]\d+)?)|(?P<letter>[A-Z])"
                    r"|(?P<op>[+\-−–*/:x×=%()\[\]]))")


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        kind = m.lastgroup or ""
        value = m.group(kind).strip()
        if kind == "num" and not (value == "100" and out and out[-1] == ("op", "*")):
            kind = "key"  # a bare number inside a formula is a column: "6=4/3*100"
        if kind in ("key", "letter"):
            kind, value = "key", _bare_key(value)
        elif kind == "op":
            value = {"−": "-", "–": "-", "x": "*", "×": "*", ":": "/", "[": "(", "]": ")"}.get(value, value)
        out.append((kind, value))
        pos = m.end()
    return out


def _without_grouping(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Brackets around a whole side or around a quotient change nothing here: "(9/7)", "([4]/[3])"."""
    return [t for t in tokens if t != ("op", "(") and t != ("op", ")")]


def parse_formula(text: str) -> Formula | None:
    """"(4)=(5)+(6)" -> 4 = 5 + 6; "(9)=(8)-(7)"; "[5]=([4]/[3])", "(10)=(9/7)", "6=4/3*100";
    "(6:3)" -> a quotient defining no key. None for anything else."""
    tokens = _tokens(text)
    if not tokens:
        return None
    column = None
    if ("op", "=") in tokens:
        i = tokens.index(("op", "="))
        left = _without_grouping(tokens[:i])
        if len(left) != 1 or left[0][0] != "key" or ("op", "=") in tokens[i + 1:]:
            return None
        column, tokens = left[0][1], tokens[i + 1:]
    right = [t for t in _without_grouping(tokens) if t != ("op", "%")]
    return _quotient(column, right, text) or _linear(column, right, text)


def _quotient(column: str | None, right: list[tuple[str, str]], surface: str) -> Formula | None:
    times = [("op", "*"), ("num", "100")]
    times_100 = right[-2:] == times
    core = right[:-2] if times_100 else right
    if len(core) == 3 and core[0][0] == "key" and core[1] == ("op", "/") and core[2][0] == "key":
        return Formula(column, numerator=core[0][1], denominator=core[2][1], times_100=times_100, surface=surface)
    return None


def _linear(column: str | None, right: list[tuple[str, str]], surface: str) -> Formula | None:
    if column is None or not right or right[0][0] != "key":
        return None
    plus, minus, sign = [right[0][1]], [], None
    for kind, value in right[1:]:
        if sign is None and kind == "op" and value in "+-":
            sign = value
        elif sign is not None and kind == "key":
            (plus if sign == "+" else minus).append(value)
            sign = None
        else:
            return None
    if sign is not None or len(plus) + len(minus) < 2:
        return None
    return Formula(column, plus=tuple(plus), minus=tuple(minus), surface=surface)


def label_formula(label: str) -> Formula | None:
    """A formula written in a header label: "Tỷ lệ (6:3)", "Tổng số (3)=(4)+(5)"."""
    m = _conf()["label_formula"].search(label)
    return parse_formula(m.group()) if m else None
