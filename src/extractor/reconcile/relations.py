"""Relations between printed figures: what the reconciler checks.

A `Relation` says that some figures must agree: a total and its parts, a percentage and its
count and base, a spent amount and its allocation, a figure in the text and the same figure in a
table. Builders in `text.py`, `tables.py` and `crosscheck.py` find them; `checks.py` judges them.
Every operand keeps the `Location` it was read from, so a finding can name all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from ..model import Location
from .interval import Interval, figure, to_fraction

# sum: total = sum of parts; percentage / ratio: claim = 100 * count / base;
# bound: part <= total; text_vs_table: table figure = text figure(s); list_count: a stated count
# = the number of recipients listed (the part is the list's length, located at its title).
Check = Literal["sum", "percentage", "ratio", "bound", "text_vs_table", "list_count"]


@dataclass(frozen=True, slots=True)
class Operand:
    """One printed figure taking part in a relation. A "-" table cell is an operand worth 0."""

    value: Fraction
    decimals: int
    location: Location
    rounded: bool = False  # printed rounded (percentages, decimals): judged as an interval
    shown: str | None = None  # the figure's own text when the location holds more ("47/233")

    @classmethod
    def of(cls, value: int | float, decimals: int, location: Location, *, percent: bool = False,
           shown: str | None = None) -> "Operand":
        return cls(to_fraction(value), decimals, location, rounded=percent or decimals > 0, shown=shown)

    @property
    def interval(self) -> Interval:
        return figure(self.value, self.decimals, percent=self.rounded)

    @property
    def surface(self) -> str:
        return self.shown or self.location.text


@dataclass(slots=True)
class Relation:
    check: Check
    origin: str  # how it was read: text_list, recipients, remainder, share, row, column, ...
    total: Operand  # the whole, the percentage claim, the bound or the table figure
    parts: list[Operand]  # the parts; [count, base] for percentages; the text figures
    subject: str = ""  # what the figures count (award name, row label, column label)
    severity: Literal["error", "warning"] = "error"
    partial: bool = False  # the parts may be a selection ("trong đó có"): only an excess is an error
    extra: dict[str, str] = field(default_factory=dict)  # more words for the message
    scale: int = 100  # percentage / ratio: claim = scale * count / base (1 for a ratio printed as a fraction)

    @property
    def operands(self) -> list[Operand]:
        return [self.total, *self.parts]

    @property
    def locations(self) -> list[Location]:
        seen: list[Location] = []
        for op in self.operands:
            if op.location not in seen:
                seen.append(op.location)
        return seen
