"""The full-text index over `search_entries`, one implementation per backend.

Both match the same words: the text folded (diacritics and đ) and cut at every character that is
not a letter or digit. Who folds differs:
- SQLite: an FTS5 table `search_fts(body)` whose rowid is `search_entries.id`, over a copy of the
  text folded in Python (`keys.index_text`; FTS5's unicode61 would not fold đ), ranked by bm25;
- PostgreSQL: the database folds. A generated `tsvector` column ('simple' configuration, no
  stemming or stop words) over `extractor_words(text)`, the original text folded by `unaccent`,
  holds the word positions for phrases and ts_rank; a GIN index over `extractor_terms(text)`,
  the same words and every pair of neighbouring words without positions, finds the entries to
  read (see `migrations.py`). The query is folded in SQL by the same functions.

A query is a list of phrases as typed (`keys.query_parts`); every phrase must match, its words
next to each other.
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .keys import words
from .schema import search_entries

Phrases = Sequence[str]
Ranked = list[tuple[int, float]]  # (entry id, score; lower is better)
SIMPLE = sa.literal_column("'simple'::regconfig")  # PostgreSQL's text search configuration


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

    def best(self, conn: Connection, phrases: Phrases, conditions: list, limit: int, window: int) -> Ranked:
        """Two statements: the rowid that opens the window (FTS5 walks its matches by rowid,
        newest first, without ranking them), then bm25 over the rowid range from there."""
        params = {"fts_query": " ".join('"' + " ".join(words(p)) + '"' for p in phrases)}
        match = sa.text("search_fts MATCH :fts_query")
        rowid = self.fts.c.rowid  # FTS5 takes a range on its rowid itself; on search_entries.id it would not
        joined = search_entries.join(self.fts, rowid == search_entries.c.id)
        newest = sa.select(rowid).select_from(joined if conditions else self.fts).where(match, *conditions)
        cutoff = conn.execute(newest.order_by(rowid.desc()).offset(window).limit(1), params).scalar()
        score = sa.literal_column("bm25(search_fts)").label("score")
        ranked = sa.select(search_entries.c.id, score).select_from(joined).where(match, *conditions)
        if cutoff is not None:
            ranked = ranked.where(rowid > cutoff)
        found = conn.execute(ranked.order_by(score, search_entries.c.id).limit(limit), params)
        return [(entry_id, float(value)) for entry_id, value in found]


class PostgresIndex:
    """The index is a generated column of the entry's own row: storing the entry indexes it."""

    tsv = sa.literal_column("search_entries.tsv")

    def add(self, conn: Connection, rows: list[dict]) -> None:
        """Nothing to do: the database folds the entry's `text` itself."""

    put = add

    def drop(self, conn: Connection, ids: list[int]) -> None:
        """Nothing to do: the index goes with the entry's row."""

    def best(self, conn: Connection, phrases: Phrases, conditions: list, limit: int, window: int) -> Ranked:
        """One statement in three steps, each reading as little as it can:
        1. `candidates`: the ids of the entries holding every word and word pair of the phrases
           and passing the filters, from the GIN index over `extractor_terms` (no tsvector read);
        2. `newest`: newest first, the first `window` candidates whose tsvector holds each
           phrase (a phrase of three words or more may have its pairs apart); the walk stops
           there, each tsvector fetched by id;
        3. those ranked by ts_rank.
        The MATERIALIZED and OFFSET 0 fences keep the planner to that order: left free, it
        walks the primary key backwards computing `extractor_terms` row by row."""
        params = {f"phrase_{i}": p for i, p in enumerate(phrases)}
        e = search_entries.c
        terms = sa.func.extractor_terms(e.text)
        candidates = (
            sa.select(e.id)
            .where(*(terms.op("@@")(sa.func.extractor_terms_query(sa.bindparam(n))) for n in params), *conditions)
            .cte("candidates")
            .prefix_with("MATERIALIZED")
        )
        ordered = sa.select(candidates.c.id).order_by(candidates.c.id.desc()).offset(0).subquery("ordered")
        own = sa.select(self.tsv.label("tsv")).where(e.id == ordered.c.id).offset(0).lateral("own")
        tsquery = all_of([sa.func.phraseto_tsquery(SIMPLE, sa.func.extractor_words(sa.bindparam(n))) for n in params])
        newest = (
            sa.select(ordered.c.id, own.c.tsv)
            .select_from(ordered.join(own, sa.true()))
            .where(own.c.tsv.op("@@")(tsquery))
            .limit(window)
            .subquery("newest")
        )
        # Normalisation 1 divides by 1 + log(length), so short entries (a decision) are not
        # buried under long reports; negated so that, as with bm25, lower sorts first.
        score = (-sa.func.ts_rank(newest.c.tsv, tsquery, 1)).label("score")
        ranked = sa.select(newest.c.id, score).order_by(score, newest.c.id).limit(limit)
        return [(entry_id, float(value)) for entry_id, value in conn.execute(ranked, params)]


def all_of(queries: list) -> sa.ColumnElement:
    """`q1 && q2 && ...` as a balanced tree: a left-leaning chain of n terms nests n deep and
    made SQLAlchemy's compiler recurse past Python's limit at about 200 words."""
    level = list(queries)
    while len(level) > 1:
        paired = [a.op("&&")(b) for a, b in zip(level[::2], level[1::2])]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


SearchIndex = SqliteIndex | PostgresIndex


def index_for(dialect: str) -> SearchIndex:
    return PostgresIndex() if dialect == "postgresql" else SqliteIndex()
