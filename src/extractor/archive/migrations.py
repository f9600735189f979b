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

from . import db, schema
from .keys import report_key


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


# Columns later migrations added to a table of migration 1 (table -> column names).
_ADDED_LATER = {
    "documents": ("report_key", "checks", "ocr"),  # migrations 5, 6
    "findings": ("key", "params"),  # migration 6
}


def _base_tables(conn: Connection) -> None:
    first = sa.MetaData()
    for table in schema.BASE_TABLES:
        _as_first_released(table, first)
    first.create_all(conn)


def _as_first_released(table: sa.Table, frozen: sa.MetaData) -> sa.Table:
    """`table` as migration 1 created it: the columns added since left out (a copy of each
    other column keeps its index and single-column unique flags; the table's multi-column
    unique constraints are declared again)."""
    later = _ADDED_LATER.get(table.name, ())
    if not later:
        return table.to_metadata(frozen)
    columns = [c._copy() for c in table.columns if c.name not in later]
    uniques = [
        sa.UniqueConstraint(*c.columns.keys())
        for c in table.constraints
        if isinstance(c, sa.UniqueConstraint) and len(c.columns) > 1
    ]
    return sa.Table(table.name, frozen, *columns, *uniques)


def _full_text_index(conn: Connection) -> None:
    """SQLite: an FTS5 table over the text folded in Python. PostgreSQL (until version 3): a
    `body` column holding that folded copy, with a generated tsvector over it."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE search_entries ADD COLUMN body text NOT NULL DEFAULT ''")
        conn.exec_driver_sql(
            "ALTER TABLE search_entries ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")
    else:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')"
        )


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unaccent_search(conn: Connection) -> None:
    """PostgreSQL folds the text itself: the `unaccent` extension, two SQL functions in the
    archive's schema and the tsvector generated from the original `text` (the Python-folded
    `body` goes). SQLite: nothing changes.

    `extractor_fold(text)`: unaccent, đ -> d, lower case. PostgreSQL's unaccent.rules already
    folds đ/Đ, the horned and breved letters (ư ơ ă), those with a circumflex (â ê ô), every
    tone-marked vowel and the combining marks of decomposed text; the translate keeps đ folded
    under a rules file that does not. `extractor_words(text)`: that, every run of characters
    other than letters and digits turned into one space, so the parser sees plain words ("1478
    qd ttg", not the file name "1478/qd-ttg"), as `keys.index_text` gives SQLite.
    The functions are IMMUTABLE (a generated column needs it; unaccent is only STABLE because
    its dictionary could be changed) and name everything with its schema, so a restore under
    another search_path still finds it. Vietnamese folds to ASCII whatever the database's
    LC_CTYPE; under LC_CTYPE C, letters unaccent leaves outside ASCII (Greek, CJK) would not
    count as letters.
    """
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    unaccent = conn.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    ).scalar_one()
    own = conn.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    dictionary = _sql_literal(f"{unaccent}.unaccent")
    function = "RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {own}.extractor_fold(text) {function} AS $$ "
        f"SELECT pg_catalog.lower(pg_catalog.translate("
        f"{unaccent}.unaccent({dictionary}::regdictionary, $1), 'đĐ', 'dD')) $$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {own}.extractor_words(text) {function} AS $$ "
        f"SELECT pg_catalog.regexp_replace({own}.extractor_fold($1), '[^[:alnum:]]+', ' ', 'g') $$"
    )
    conn.exec_driver_sql("ALTER TABLE search_entries DROP COLUMN tsv")  # its GIN index goes with it
    conn.exec_driver_sql("ALTER TABLE search_entries DROP COLUMN body")
    conn.exec_driver_sql(
        "ALTER TABLE search_entries ADD COLUMN tsv tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {own}.extractor_words(\"text\"))) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")


def _term_index(conn: Connection) -> None:
    """PostgreSQL: a GIN index over each entry's words and pairs of neighbouring words, which
    answers a phrase of one or two words exactly and narrows a longer one to the entries holding
    each of its pairs, without reading a tsvector (the tsvector's own GIN index, which could only
    narrow a phrase to the entries holding all its words, goes). SQLite: nothing changes.

    `extractor_terms(text)`: the words of `extractor_words(text)` and each "word next" pair, as
    lexemes without positions; like `to_tsvector`, it leaves out a term over 2047 bytes (a GIN
    key must fit in a page). `extractor_terms_query(text)`: all of a phrase's terms, ANDed.
    """
    if conn.dialect.name != "postgresql":
        return
    own = conn.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    function = "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {own}.extractor_terms(text) RETURNS tsvector {function} AS $$ "
        "SELECT pg_catalog.array_to_tsvector(coalesce(pg_catalog.array_agg(term), '{}')) "
        "FROM (SELECT w, pg_catalog.lead(w) OVER (ORDER BY i) AS next FROM pg_catalog.unnest("
        f"pg_catalog.string_to_array(pg_catalog.btrim({own}.extractor_words($1)), ' ')) WITH ORDINALITY AS t(w, i)) AS p, "
        "LATERAL (VALUES (w), (w || ' ' || next)) AS x(term) "
        "WHERE pg_catalog.octet_length(term) <= 2047 $$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {own}.extractor_terms_query(text) RETURNS tsquery {function} AS $$ "
        "SELECT pg_catalog.array_to_string(pg_catalog.array_agg(pg_catalog.quote_literal(term)), ' & ')::pg_catalog.tsquery "
        f"FROM pg_catalog.unnest(pg_catalog.tsvector_to_array({own}.extractor_terms($1))) AS term $$"
    )
    conn.exec_driver_sql(f'CREATE INDEX ix_search_entries_terms ON search_entries USING gin ({own}.extractor_terms("text"))')
    conn.exec_driver_sql("DROP INDEX ix_search_entries_tsv")


def _report_keys(conn: Connection) -> None:
    """`documents.report_key` (`keys.report_key`), indexed, filled in for the stored files."""
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN report_key TEXT")
    conn.exec_driver_sql("CREATE INDEX ix_documents_report_key ON documents (report_key)")
    doc = sa.table(
        "documents", *(sa.column(n) for n in ("id", "doc_type", "number", "issuer", "date", "report_key"))
    )
    rows = conn.execute(sa.select(doc.c.id, doc.c.doc_type, doc.c.number, doc.c.issuer, doc.c.date))
    keyed = [{"_id": r.id, "key": report_key(r.doc_type, r.number, r.issuer, r.date)} for r in rows]
    keyed = [k for k in keyed if k["key"]]
    if keyed:
        stmt = sa.update(doc).where(doc.c.id == sa.bindparam("_id")).values(report_key=sa.bindparam("key"))
        conn.execute(stmt, keyed)


def _finding_keys(conn: Connection) -> None:
    """Findings as data: `findings.key` and `findings.params`, filled in place for the stored
    findings by reading their sentence (`message`, in whichever language ingest ran) back
    against the templates of data/messages.json; `documents.checks` added (NULL for the files
    stored before checks were counted: unknown, not zero); `documents.ocr` added and filled
    from each stored document's JSON."""
    from .legacy import read_finding_message

    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN checks JSON")
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN ocr JSON")
    _fill_ocr(conn)
    conn.exec_driver_sql("ALTER TABLE findings ADD COLUMN key TEXT")
    conn.exec_driver_sql("ALTER TABLE findings ADD COLUMN params JSON")
    rows = sa.table("findings", sa.column("id"), sa.column("message"), sa.column("key"), sa.column("params", sa.JSON))
    read = []
    for row in conn.execute(sa.select(rows.c.id, rows.c.message)):
        key, params = read_finding_message(row.message)
        read.append({"_id": row.id, "k": key, "p": params})
    if read:
        stmt = sa.update(rows).where(rows.c.id == sa.bindparam("_id")).values(
            key=sa.bindparam("k"), params=sa.bindparam("p", type_=sa.JSON)
        )
        conn.execute(stmt, read)


def _fill_ocr(conn: Connection) -> None:
    import json

    from .store import ocr_summary

    contents = sa.table("document_contents", sa.column("document_id"), sa.column("data"))
    docs = sa.table("documents", sa.column("id"), sa.column("ocr", sa.JSON))
    filled = []
    for document_id, data in conn.execute(sa.select(contents.c.document_id, contents.c.data)):
        ocr = ocr_summary(json.loads(data).get("document", {}).get("ocr"))
        if ocr:
            filled.append({"_id": document_id, "o": ocr})
    if filled:
        stmt = sa.update(docs).where(docs.c.id == sa.bindparam("_id")).values(ocr=sa.bindparam("o", type_=sa.JSON))
        conn.execute(stmt, filled)


def _web_tables(conn: Connection) -> None:
    """The web application's accounts, sessions, audit trail, upload jobs and reviews."""
    for table in schema.WEB_TABLES:
        table.create(conn)


def _recipients(conn: Connection) -> None:
    """`recipients`: who received what, one row per listed unit or person (filled at ingest;
    files stored before keep none until ingested again)."""
    schema.recipients.create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "documents, decisions, citations, campaigns, awards, quantities, findings, failures", _base_tables
    ),
    Migration(2, "full-text index over search_entries", _full_text_index),
    Migration(3, "PostgreSQL: unaccent-based search over the original text", _unaccent_search),
    Migration(4, "PostgreSQL: word and word-pair index for phrases", _term_index),
    Migration(5, "documents.report_key: the renderings of one report", _report_keys),
    Migration(6, "findings.key/params (findings rendered at output), documents.checks", _finding_keys),
    Migration(7, "web: users, sessions, audit, uploads, reviews", _web_tables),
    Migration(8, "recipients: who received what", _recipients),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the archive to the latest schema; returns the version it was at before.

    An archive at the latest version is only read (so a read-only one opens). Otherwise every
    step runs in one writing transaction under the writers' lock (SQLite BEGIN IMMEDIATE, the
    PostgreSQL advisory lock) that reads the version again first: two processes opening a new
    archive at once take turns, and the second finds the work done."""
    with engine.connect() as conn:
        if current_version(conn) >= LATEST:
            return LATEST
    with engine.connect() as conn:
        conn.execution_options(**{db.WRITER: True})
        with conn.begin():
            db.take_writer_lock(conn)
            schema.schema_version.create(conn, checkfirst=True)
            before = current_version(conn)
            for migration in MIGRATIONS:
                if migration.version > before:
                    migration.apply(conn)
                    conn.execute(
                        schema.schema_version.insert().values(
                            version=migration.version,
                            description=migration.description,
                            applied_at=dt.datetime.now(dt.timezone.utc),
                        )
                    )
    return before
