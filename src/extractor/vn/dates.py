"""Dates in every form the reports write them, read to ISO.

"ngày 28 tháng 11 năm 2022", "ngày 18 tháng 5/2021", "ngày 28/11/2022", "15/11/2023",
"15-11-2023", "15.11.2023", "tháng 11 năm 2022", "tháng 11/2022"; and the damaged "ngày 15 ngày
3 năm 2021", read when unambiguous and marked `damaged`. An impossible date ("31/02/2023") is
found with `iso=None` and `valid=False`, so the reconciler can report it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4})"
_SEP = r"\s*[/.\-]\s*"
_NGAY = r"ng[àa]y"
_THANG = r"th[áa]ng"
_NAM = r"n[ăa]m"
# A date written in figures only: 28/11/2022, 28-11-2022, 28.11.2022.
NUMERIC_DATE = rf"(?<![\d/.]){_D}{_SEP}{_M}{_SEP}{_Y}(?![\d/])"

# Ordered: the longest written forms first; every alternative names d/m/y groups.
_FORMS = [
    # ngày 28 tháng 11 năm 2022 / ngày 18 tháng 5/2021 / ngày 18 tháng 5 - 2021
    rf"{_NGAY}\s+{_D}\s+{_THANG}\s+{_M}\s*(?:,?\s*{_NAM}\s+|{_SEP}){_Y}",
    # damaged: ngày 15 ngày 3 năm 2021 (the month written with "ngày")
    rf"{_NGAY}\s+{_D}\s+(?P<damaged>{_NGAY})\s+{_M}\s+{_NAM}\s+{_Y}",
    # ngày 28/11/2022, 28/11/2022, 28-11-2022, 28.11.2022
    rf"(?:{_NGAY}\s+)?{NUMERIC_DATE}",
    # tháng 11 năm 2022, tháng 11/2022
    rf"{_THANG}\s+{_M}\s*(?:,?\s*{_NAM}\s+|/\s*){_Y}",
]
def _compile() -> re.Pattern[str]:
    # Python forbids repeated group names across alternatives, so number them per form.
    parts = []
    for i, form in enumerate(_FORMS):
        for name in ("d", "m", "y", "damaged"):
            form = form.replace(f"(?P<{name}>", f"(?P<{name}{i}>")
        parts.append(f"(?:{form})")
    return re.compile("|".join(parts), re.IGNORECASE)


DATE_RE = _compile()


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    year: int
    month: int
    day: int | None
    precision: Precision
    damaged: bool = False

    @property
    def valid(self) -> bool:
        return to_iso(self.year, self.month, self.day) is not None

    @property
    def iso(self) -> str | None:
        return to_iso(self.year, self.month, self.day)


def to_iso(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _group(m: re.Match[str], name: str) -> str | None:
    for key, value in m.groupdict().items():
        if value is not None and key.rstrip("0123456789") == name:
            return value
    return None


def find_dates(text: str) -> list[DateMatch]:
    found = []
    for m in DATE_RE.finditer(text):
        d = _group(m, "d")
        found.append(
            DateMatch(
                start=m.start(),
                end=m.end(),
                text=m.group(),
                year=int(_group(m, "y") or 0),
                month=int(_group(m, "m") or 0),
                day=int(d) if d else None,
                precision="day" if d else "month",
                damaged=_group(m, "damaged") is not None,
            )
        )
    return found


def parse_date(text: str) -> str | None:
    """The ISO form of the first date written in `text`, or None."""
    for m in find_dates(text):
        if m.iso:
            return m.iso
    return None


# The start of a written date left open at the end of a text: "ngày", "ngày 29 tháng", "tháng".
_OPEN_DATE = re.compile(rf"(?<!\w)(?:{_NGAY}|{_THANG})(?:\s+\d{{1,2}}(?:\s+{_THANG})?)?\s*$", re.IGNORECASE)


def ends_inside_date(text: str) -> bool:
    """`text` stops in the middle of a written date (a line or page break cut it there)."""
    return _OPEN_DATE.search(text) is not None
