"""Checks on command-line values that typer's types let through (`cli.py` uses them as
callbacks): numbers too large for the archive's integers, digits that are not ASCII ("²"), a
year no report can have. Each failure is click's `BadParameter`, so the CLI prints it as a
one-line usage error with exit code 2, whatever the archive backend."""
from __future__ import annotations

from typing import Optional

import typer

from .clihelp import STATE
from .i18n import t

# The archive's integers are 64-bit (SQLite INTEGER, PostgreSQL BIGINT).
MAX_INT64 = 2**63 - 1
# Limits above this are "all" for any archive a machine holds, and stay clear of SQL overflow.
MAX_LIMIT = 1_000_000
YEARS = (1900, 2200)



def _bad(key: str, **params) -> typer.BadParameter:
    return typer.BadParameter(t(key, STATE["lang"], **params))


def limit(value: int) -> int:
    if not 1 <= value <= MAX_LIMIT:
        raise _bad("cli.bad.limit", value=value, top=f"{MAX_LIMIT:,}".replace(",", "."))
    return value


def year(value: Optional[int]) -> Optional[int]:
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise _bad("cli.bad.year", value=value, low=YEARS[0], high=YEARS[1])
    return value


def timeout(value: Optional[float]) -> Optional[float]:
    if value is not None and not 0 <= value <= 10**7:
        raise _bad("cli.bad.timeout", value=value)
    return value


def identifier(value: str) -> str:
    """An archive id or decision number: digits must be ASCII and fit a 64-bit integer."""
    bare = value.strip()
    if bare.isdigit() and not (bare.isascii() and bare.isdecimal()):
        raise _bad("cli.bad.digits", value=value)
    if bare.isascii() and bare.isdigit() and int(bare) > MAX_INT64:
        raise _bad("cli.bad.too_large", value=value)
    return value
