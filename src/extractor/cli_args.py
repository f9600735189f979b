"""Checks on command-line values that typer's types let through (`cli.py` uses them as
callbacks): numbers too large for the archive's integers, digits that are not ASCII ("²"), a
year no report can have. Each failure is click's `BadParameter`, so the CLI prints it as a
one-line usage error with exit code 2, whatever the archive backend."""
from __future__ import annotations

from typing import Optional

import typer

# The archive's integers are 64-bit (SQLite INTEGER, PostgreSQL BIGINT).
MAX_INT64 = 2**63 - 1
# Limits above this are "all" for any archive a machine holds, and stay clear of SQL overflow.
MAX_LIMIT = 1_000_000
YEARS = (1900, 2200)

TIMEOUT_HELP = "Seconds one document may take before it is stopped and listed as failed (0: no limit; default EXTRACTOR_LIMIT_DOCUMENT_SECONDS or 300)"


def limit(value: int) -> int:
    if not 1 <= value <= MAX_LIMIT:
        raise typer.BadParameter(f"{value} is not in the range 1..{MAX_LIMIT:,}")
    return value


def year(value: Optional[int]) -> Optional[int]:
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise typer.BadParameter(f"{value} is not a year in {YEARS[0]}..{YEARS[1]}")
    return value


def timeout(value: Optional[float]) -> Optional[float]:
    if value is not None and not 0 <= value <= 10**7:
        raise typer.BadParameter(f"{value} is not a number of seconds in 0..10000000")
    return value


def identifier(value: str) -> str:
    """An archive id or decision number: digits must be ASCII and fit a 64-bit integer."""
    bare = value.strip()
    if bare.isdigit() and not (bare.isascii() and bare.isdecimal()):
        raise typer.BadParameter(f"{value!r} holds digits that are not 0-9")
    if bare.isascii() and bare.isdigit() and int(bare) > MAX_INT64:
        raise typer.BadParameter(f"{value} is too large for an id or a number")
    return value
