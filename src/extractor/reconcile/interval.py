"""Exact interval arithmetic for printed figures.

A figure printed with `d` decimals stands for every exact value within half a unit of its last
printed digit: "20,2" is [20.15, 20.25]. Counts are exact. Bounds are `Fraction`s, so no float
error can turn a consistent report into a finding; both ends are inclusive.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Union

Exact = Union[int, float, Decimal, Fraction, str]


def to_fraction(value: Exact) -> Fraction:
    """The exact value of a printed number (floats through their shortest decimal repr)."""
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(value)


def half_unit(decimals: int) -> Fraction:
    return Fraction(1, 2 * 10**decimals)


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Fraction
    hi: Fraction

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def exact(cls, value: Exact) -> "Interval":
        v = to_fraction(value)
        return cls(v, v)

    @classmethod
    def printed(cls, value: Exact, decimals: int) -> "Interval":
        """Every exact value that prints as `value` with `decimals` decimals."""
        v, h = to_fraction(value), half_unit(decimals)
        return cls(v - h, v + h)

    @property
    def mid(self) -> Fraction:
        return (self.lo + self.hi) / 2

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: "Interval") -> "Interval":
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("interval divisor contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def scale(self, factor: Exact) -> "Interval":
        return self * Interval.exact(factor)

    def contains(self, value: Exact) -> bool:
        v = to_fraction(value)
        return self.lo <= v <= self.hi

    def overlaps(self, other: "Interval") -> bool:
        """True when some exact value lies in both: the two figures can describe the same number."""
        return self.lo <= other.hi and other.lo <= self.hi

    def __le__(self, other: "Interval") -> bool:  # type: ignore[override]
        """Possibly less or equal: some value of self is <= some value of other."""
        return self.lo <= other.hi


def total(intervals: Iterable[Interval]) -> Interval:
    out = Interval.exact(0)
    for i in intervals:
        out = out + i
    return out


def percentage(count: Interval, base: Interval) -> Interval:
    """The exact percentage 100·count/base as an interval."""
    return (count / base).scale(100)


def figure(value: Exact, decimals: int, *, percent: bool = False) -> Interval:
    """The values a printed figure stands for: a whole count is exact; a percentage or a figure
    printed with decimals is every value that prints as it."""
    return Interval.printed(value, decimals) if percent or decimals > 0 else Interval.exact(value)


def sum_holds(whole: Interval, parts: Iterable[Interval]) -> bool:
    """A printed total agrees with its printed parts when some exact values of both are equal."""
    return whole.overlaps(total(parts))


def share_holds(claim: Interval, count: Interval, base: Interval) -> bool:
    """A printed percentage agrees with its count and base (False for a base that can be 0)."""
    if base.lo <= 0 <= base.hi:
        return False
    return claim.overlaps(percentage(count, base))


def percentage_holds(claim: Exact, decimals: int, count: Exact, base: Exact) -> bool:
    """Whether a printed p% (with `decimals` decimals) can have come from exact count and base."""
    if to_fraction(base) == 0:
        return False
    return Interval.printed(claim, decimals).contains(100 * to_fraction(count) / to_fraction(base))


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    """`value` rounded to `decimals` decimals, halves away from zero (how reports round)."""
    scale = 10**decimals
    scaled = abs(value) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole if value >= 0 else -whole, scale)
