"""The full-text index over `search_entries`, one implementation per backend.

Both match the same words: the text folded (diacritics and đ) and cut at every character that is
not a letter or digit. Who folds differs:
- SQLite: an FTS5 table `search_fts(body)` whose rowid is `search_entries.id`, over a copy of the
  text folded in Python (`keys.index_text`; FTS5's unicode61 would not fold đ), ranked by bm25;
- PostgreSQL: the database folds. A generated `tsvector` column ('simple' configuration, no
  stemming or stop words) over `extractor_words(text)`, the original text folded by `unaccent`
  (see `migrations.py`), under a GIN index, ranked by ts_rank. The query is folded in SQL by the
  same function.

A query is a list of phrases as typed (`keys.query_parts`); every phrase must match, its words
next to each other.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .keys import words
from .schema import search_entries

Phrases = Sequence[str]
SIMPLE = sa.literal_column("'simple'::regconfig")  # PostgreSQL's text search configuration


@dataclass(frozen=True)
class Match:
    """How a query reads against one backend's index."""

    source: sa.FromClause  # the index alone (for the cheap rowid-ordered scan)
    joined: sa.FromClause  # the index joined to search_entries (for filters and results)
    condition: sa.ColumnElement  # the match itself
    score: sa.ColumnElement  # relevance; lower sorts first
    entry_id: sa.ColumnElement  # the entry id as the index sees it (a range on it is cheap)
    params: dict[str, Any]


class SqliteIndex:
    fts = sa.table("search_fts", sa.column("rowid"), sa.column("body"))

    def add(self, conn: Connection, rows: list[dict]) -> None:
        """Index new entries: `rows` of {"id": entry id, "body": `keys.index_text` of its text}."""
        if rows:
            conn.execute(sa.text("INSERT INTO search_fts (rowid, body) VALUES (:id, :body)"), rows)

    def put(self, conn: Connection, rows: list[dict]) -> None:
        """Index `rows` again, replacing what they had."""
        self.drop(conn, [r["id"] for r in rows])
        self.add(conn, rows)

    def drop(self, conn: Connection, ids: list[int]) -> None:
        if ids:
            conn.execute(sa.text("DELETE FROM search_fts WHERE rowid = :id"), [{"id": i} for i in ids])

    def match(self, phrases: Phrases) -> Match:
        query = " ".join('"' + " ".join(words(p)) + '"' for p in phrases)
        return Match(
            source=self.fts,
            joined=search_entries.join(self.fts, self.fts.c.rowid == search_entries.c.id),
            condition=sa.text("search_fts MATCH :fts_query"),
            score=sa.literal_column("bm25(search_fts)"),
            entry_id=self.fts.c.rowid,  # FTS5 takes a rowid range itself; search_entries.id it would not
            params={"fts_query": query},
        )


class PostgresIndex:
    """The index is a generated column of the entry's own row: storing the entry indexes it."""

    tsv = sa.literal_column("search_entries.tsv")

    def add(self, conn: Connection, rows: list[dict]) -> None:
        """Nothing to do: the database folds the entry's `text` itself."""

    put = add

    def drop(self, conn: Connection, ids: list[int]) -> None:
        """Nothing to do: the index goes with the entry's row."""

    def match(self, phrases: Phrases) -> Match:
        params = {f"phrase_{i}": p for i, p in enumerate(phrases)}
        tsquery = functools.reduce(
            lambda a, b: a.op("&&")(b),
            (
                sa.func.phraseto_tsquery(SIMPLE, sa.func.extractor_words(sa.bindparam(name)))
                for name in params
            ),
        )
        return Match(
            source=search_entries,
            joined=search_entries,
            condition=self.tsv.op("@@")(tsquery),
            # Normalisation 1 divides by 1 + log(length), so short entries (a decision) are not
            # buried under long reports; negated so that, as with bm25, lower sorts first.
            score=-sa.func.ts_rank(self.tsv, tsquery, 1),
            entry_id=search_entries.c.id,
            params=params,
        )


SearchIndex = SqliteIndex | PostgresIndex


def index_for(dialect: str) -> SearchIndex:
    return PostgresIndex() if dialect == "postgresql" else SqliteIndex()
