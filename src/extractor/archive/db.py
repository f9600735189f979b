"""Where the archive lives and how to connect to it.

`--db` (or the EXTRACTOR_DB variable) takes a SQLAlchemy URL or a plain file path (an SQLite
file). Without either, the archive is `$XDG_DATA_HOME/extractor/archive.sqlite`
(`~/.local/share/extractor/archive.sqlite`). `postgresql://` URLs use psycopg 3.

Only a writer (`ingest`) creates an SQLite archive and its folder (`ensure_location`); reading
commands get `ArchiveMissing` for a file that is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import ArchiveEmpty, ArchiveMissing, DatabaseError, UnsupportedDatabase

ENV_DB = "EXTRACTOR_DB"
_PG_SCHEMES = ("postgresql://", "postgres://")
_BACKENDS = ("sqlite", "postgresql")


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "extractor" / "archive.sqlite"


def resolve_url(db: str | None = None) -> URL:
    """The URL `db` means: a URL as given, a file path as an SQLite file, None as the default."""
    db = db or os.environ.get(ENV_DB) or str(default_path())
    for scheme in _PG_SCHEMES:
        if db.startswith(scheme):
            db = "postgresql+psycopg://" + db[len(scheme) :]
    if "://" not in db:
        return URL.create("sqlite", database=str(Path(db).expanduser().resolve()))
    try:
        return make_url(db)
    except ArgumentError as exc:
        raise DatabaseError(db, str(exc)) from exc


def ensure_location(url: URL, create: bool) -> None:
    """An SQLite archive's folder made when `create`; `ArchiveMissing` for a file that does not
    exist when not. Other databases are left to the server."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise ArchiveMissing(str(path))
    elif path.is_file() and path.stat().st_size == 0:  # SQLite would take it for an empty archive
        raise ArchiveEmpty(str(path))


def shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event open every transaction, so DDL is transactional too.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _sqlite_begin(conn) -> None:
    # A writing transaction takes the write lock at once, so concurrent writers queue up
    # (busy_timeout) instead of failing when a read lock cannot be upgraded.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER) else "BEGIN")


WRITER = "extractor_writer"  # connection execution option of a writing transaction
_PG_WRITER_LOCK = 0x657874726163  # any constant: the advisory lock all writers take


def take_writer_lock(conn) -> None:
    """Make writers of one archive take turns. SQLite does it at BEGIN (see `_sqlite_begin`);
    PostgreSQL with a transaction-scoped advisory lock, so two ingests never both add the
    same new decision or campaign."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITER_LOCK})


def connect(url: URL, *, read_only_fallback: bool = False) -> Engine:
    """An engine for `url`, checked by one round trip; `DatabaseError` when it cannot be used.
    With `read_only_fallback` (the reading commands), an SQLite file that cannot be opened for
    writing (a read-only file or mount, where WAL cannot make its -shm) is opened read-only."""
    if url.get_backend_name() not in _BACKENDS:  # before its driver is imported
        raise UnsupportedDatabase(shown(url))
    try:
        return _checked(_engine(url))
    except (SQLAlchemyError, ImportError) as exc:
        error = DatabaseError(shown(url), first_line(exc))
        if not (read_only_fallback and url.get_backend_name() == "sqlite" and url.database):
            raise error from exc
    for mode in ("mode=ro", "immutable=1"):  # immutable: no -shm needed, nobody may be writing
        try:
            return _checked(_engine(url, mode))
        except SQLAlchemyError:
            continue
    raise error


def _engine(url: URL, read_only_mode: str | None = None) -> Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url)
    if read_only_mode is None:
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        import sqlite3
        from urllib.parse import quote

        uri = f"file:{quote(str(url.database))}?{read_only_mode}"
        engine = sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
        sa.event.listen(engine, "connect", _sqlite_read_only_pragmas)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _checked(engine: Engine) -> Engine:
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT count(*) FROM sqlite_master" if engine.dialect.name == "sqlite" else "SELECT 1"))
    except SQLAlchemyError:
        engine.dispose()
        raise
    return engine


def _sqlite_read_only_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__
