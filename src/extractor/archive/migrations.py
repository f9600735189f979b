"""Versioned schema migrations: a small runner of our own.

`schema_version` holds one row per applied migration. `migrate(engine)` applies, in order and
each in its own transaction, every migration newer than the highest applied version; opening an
archive always migrates it, so an old archive file keeps working with a newer tool.

Rules for adding one: append a `Migration` with the next version number; never edit or reorder
a released one. A migration that changes a table does so with explicit DDL (`ALTER TABLE ...`)
and must work on both SQLite and PostgreSQL (branch on `conn.dialect.name` where they differ);
in the same change, migration 1 switches from `schema.py` to a frozen copy of that table as it
was, so a fresh archive goes through the same steps as an old one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from . import schema
from .index import index_for


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _base_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=schema.BASE_TABLES)


def _full_text_index(conn: Connection) -> None:
    index_for(conn.dialect.name).create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "documents, decisions, citations, campaigns, awards, quantities, findings, failures", _base_tables
    ),
    Migration(2, "full-text index over search_entries", _full_text_index),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the archive to the latest schema; returns the version it was at before."""
    with engine.begin() as conn:
        schema.schema_version.create(conn, checkfirst=True)
        before = current_version(conn)
    for migration in MIGRATIONS:
        if migration.version <= before:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=dt.datetime.now(dt.timezone.utc),
                )
            )
    return before
