"""Vietnamese-style numbers: `.` groups thousands, `,` marks decimals.

"3.831" is three thousand eight hundred and thirty-one, "20,2" is twenty point two, "05" is
five (administrative numbers keep a leading zero), "10.052,700" is 10052.7 printed with three
decimals. A number keeps its surface text and the number of decimals it was printed with, so the
reconciler can judge rounding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# A number as Vietnamese reports print it. Thousands groups must be exactly three digits; a
# lone dot followed by other than three digits is read as an (English-style) decimal point.
NUMBER_PATTERN = r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d))(?![\d]|[.,]\d)"
NUMBER_RE = re.compile(NUMBER_PATTERN)
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$|^0\.\d+$")  # "0.946": no thousands group opens with 0
MAX_CELL_DECIMALS = 9
NONE_MARKS = frozenset({"", "-", "–", "—", "x", "0-", "/"})


# A table cell may also print a negative number: "(1.234)" (accounting style) or "-5,2".
_PARENTHESISED = re.compile(r"^\((?P<n>[^()]*\d[^()]*)\)$")
_SIGNED = re.compile(r"^[-\u2212\u2013](?P<n>\d.*)$")
# A single separator followed by exactly three digits ("1.234", "1,234"): a thousands group in
# one style, a decimal fraction in the other.
_ONE_GROUP = re.compile(r"^\d{1,3}[.,]\d{3}$")


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float
    text: str
    decimals: int
    # True when the cell's column writes decimals English-style ("98.75") and this surface reads
    # both ways ("1.234"): its value is not used for a finding.
    ambiguous: bool = False

    @property
    def exact(self) -> Decimal:
        return Decimal(str(self.value))


@lru_cache(maxsize=1)
def _max_chars() -> int:
    """Digits plus separators of the longest number read (`number_digits`, data/limits.json)."""
    from ..parse.limits import text_bound

    digits = text_bound("number_digits")
    return digits + digits // 3 + 1


def parse_number(text: str) -> Number | None:
    """The value of one number written Vietnamese-style, or None if `text` is not one."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if len(s) > _max_chars():  # longer than any real figure: not a number
        return None
    if _DOT_DECIMAL.match(s):
        whole, _, frac = s.partition(".")
    elif _THOUSANDS.match(s) or _PLAIN.match(s):
        whole, _, frac = s.replace(".", "").partition(",")
    else:
        return None
    if frac:
        return Number(value=float(f"{int(whole)}.{frac}"), text=text.strip(), decimals=len(frac))
    return Number(value=int(whole), text=text.strip(), decimals=0)


def parse_cell_number(text: str) -> Number | None:
    """The figure printed in a table cell: "3.831" -> 3831, "23,8%" -> 23.8 (1 decimal),
    "(1.234)" and "-5,2" -> negative; "-", empty and words -> None. `text` is the surface."""
    s = text.strip().rstrip("%").strip()
    if s in NONE_MARKS:
        return None
    sign = 1
    if (m := _PARENTHESISED.match(s) or _SIGNED.match(s)) is not None:
        sign, s = -1, m.group("n").strip()
    n = parse_number(s)
    if n is None:
        return None
    # a spreadsheet's float written out in full ("0.9468085106382979") is judged to 9 decimals
    return Number(value=sign * n.value, text=text.strip(), decimals=min(n.decimals, MAX_CELL_DECIMALS))


def parse_cell(text: str) -> int | float | None:
    """A table cell's numeric value: "3.831" -> 3831, "23,8%" -> 23.8; "-" and empty -> None."""
    n = parse_cell_number(text)
    return None if n is None else n.value


def writes_dot_decimals(surface: str) -> bool:
    """An English-style decimal point: "98.75", "0.946" beside a comma thousands ("1,234.5")."""
    s = surface.strip().rstrip("%").strip().strip("()").lstrip("-")
    return bool(_DOT_DECIMAL.match(s) or re.match(r"^\d{1,3}(?:,\d{3})+\.\d+$", s))


def reads_both_ways(surface: str) -> bool:
    """"1.234" or "1,234": a thousands group or three decimals, depending on the style."""
    s = surface.strip().rstrip("%").strip().strip("()").lstrip("-")
    return bool(_ONE_GROUP.match(s))


def mark_ambiguous(numbers: list[Number | None]) -> list[Number | None]:
    """The figures of one table column: when some cell writes decimals English-style, the cells
    that read both ways are flagged ambiguous (their value is kept, not trusted)."""
    if not any(n is not None and writes_dot_decimals(n.text) for n in numbers):
        return numbers
    return [Number(n.value, n.text, n.decimals, True) if n is not None and reads_both_ways(n.text) else n
            for n in numbers]


def is_none_mark(text: str) -> bool:
    """True for cells that mean "none": empty, "-", dashes."""
    return text.strip() in NONE_MARKS


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """Print a number Vietnamese-style: 3831 -> "3.831", 20.2 -> "20,2"."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(round(value))
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return f"{out},{frac}" if decimals and frac else out


def find_numbers(text: str) -> list[tuple[int, int, Number]]:
    """Every number in `text` as (start, end, Number)."""
    found = []
    for m in NUMBER_RE.finditer(text):
        n = parse_number(m.group())
        if n is not None:
            found.append((m.start(), m.end(), n))
    return found
