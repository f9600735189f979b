"""The full-text index over `search_entries`, one implementation per backend.

Both index the same folded copy of the text (`keys.index_text`: diacritics and đ folded,
punctuation turned into spaces), so both see the same tokens and match the same rows:
- SQLite: an FTS5 table `search_fts(body)` whose rowid is `search_entries.id`, ranked by bm25;
- PostgreSQL: a `body` column on `search_entries` with a generated `tsvector` ('simple'
  configuration, no stemming or stop words) under a GIN index, ranked by ts_rank.

A query is a list of terms (`keys.query_terms`); a term of several tokens is a phrase, and every
term must match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import search_entries

Terms = Sequence[Sequence[str]]


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

    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')"
        )

    def add(self, conn: Connection, rows: list[dict]) -> None:
        """Index new entries: `rows` of {"id": entry id, "body": folded text}."""
        if rows:
            conn.execute(sa.text("INSERT INTO search_fts (rowid, body) VALUES (:id, :body)"), rows)

    def put(self, conn: Connection, rows: list[dict]) -> None:
        """Index `rows` again, replacing what they had."""
        self.drop(conn, [r["id"] for r in rows])
        self.add(conn, rows)

    def drop(self, conn: Connection, ids: list[int]) -> None:
        if ids:
            conn.execute(sa.text("DELETE FROM search_fts WHERE rowid = :id"), [{"id": i} for i in ids])

    def match(self, terms: Terms) -> Match:
        query = " ".join('"' + " ".join(tokens) + '"' for tokens in terms)
        return Match(
            source=self.fts,
            joined=search_entries.join(self.fts, self.fts.c.rowid == search_entries.c.id),
            condition=sa.text("search_fts MATCH :fts_query"),
            score=sa.literal_column("bm25(search_fts)"),
            entry_id=self.fts.c.rowid,  # FTS5 takes a rowid range itself; search_entries.id it would not
            params={"fts_query": query},
        )


class PostgresIndex:
    tsv = sa.literal_column("search_entries.tsv")

    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE search_entries ADD COLUMN body text NOT NULL DEFAULT ''")
        conn.exec_driver_sql(
            "ALTER TABLE search_entries ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")

    def add(self, conn: Connection, rows: list[dict]) -> None:
        if rows:
            conn.execute(sa.text("UPDATE search_entries SET body = :body WHERE id = :id"), rows)

    put = add  # the body lives in the entry's own row: setting it replaces it

    def drop(self, conn: Connection, ids: list[int]) -> None:
        """Nothing to do: the index lives in the entry's own row."""

    def match(self, terms: Terms) -> Match:
        query = " & ".join("(" + " <-> ".join(tokens) + ")" for tokens in terms)
        tsquery = sa.func.to_tsquery(sa.literal_column("'simple'"), sa.bindparam("ts_query"))
        return Match(
            source=search_entries,
            joined=search_entries,
            condition=self.tsv.op("@@")(tsquery),
            # Normalisation 1 divides by 1 + log(length), so short entries (a decision) are not
            # buried under long reports; negated so that, as with bm25, lower sorts first.
            score=-sa.func.ts_rank(self.tsv, tsquery, 1),
            entry_id=search_entries.c.id,
            params={"ts_query": query},
        )


SearchIndex = SqliteIndex | PostgresIndex


def index_for(dialect: str) -> SearchIndex:
    return PostgresIndex() if dialect == "postgresql" else SqliteIndex()
