"""`Archive`: the Python API of the archive (the CLI commands are thin wrappers over it)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..errors import DatabaseError, ExtractorError
from ..i18n import DEFAULT_LANG, t
from ..model import Document
from . import db, store, views
from .index import index_for
from .migrations import migrate
from .schema import campaigns, decisions, documents, failures, search_entries
from .search import Filters, Hit, search
from .who import who as find_recipients
from .compare import Comparison, compare


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be ingested, kept until it is ingested or retried."""

    path: str
    sha256: str | None
    error_key: str  # a data/messages.json key
    detail: str
    attempts: int = 1

    def reason(self, lang: str = DEFAULT_LANG) -> str:
        text = t(self.error_key, lang, path=self.path)
        return f"{text} ({self.detail})" if self.detail else text

    @classmethod
    def of(cls, path: str, sha256: str | None, err: BaseException) -> "Failure":
        if isinstance(err, ExtractorError):
            return cls(path, sha256, err.key, err.detail)
        return cls(path, sha256, "error.internal", f"{type(err).__name__}: {err}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Archive:
    """A searchable archive of processed reports, in SQLite (default) or PostgreSQL.

    `db` is a SQLAlchemy URL, an SQLite file path, or None for EXTRACTOR_DB / the default file
    (see `db.resolve_url`). Opening migrates the schema to the latest version. Errors of the
    database come out as `errors.DatabaseError`; with `create=False` an SQLite file that does
    not exist is `errors.ArchiveMissing` instead of a new, empty archive.
    """

    def __init__(self, db_url: str | None = None, *, create: bool = True) -> None:
        self.url = db.resolve_url(db_url)
        db.ensure_location(self.url, create)
        self.engine = db.connect(self.url, read_only_fallback=not create)
        self.index = index_for(self.engine.dialect.name)
        # Held around every writing transaction; ingest shares one between its processes, so
        # they queue on it instead of polling SQLite's busy handler, which sleeps up to 100 ms.
        self.writer_lock: AbstractContextManager = nullcontext()
        with self._errors():
            migrate(self.engine)

    @property
    def location(self) -> str:
        return db.shown(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise DatabaseError(self.location, db.first_line(exc)) from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One writing transaction; writers (threads, processes, hosts) take turns."""
        with self.writer_lock, self._errors(), self.engine.connect() as conn:
            conn.execution_options(**{db.WRITER: True})
            with conn.begin():
                db.take_writer_lock(conn)
                yield conn

    # --- writing ------------------------------------------------------------------------------

    def store(self, doc: Document, *, path: str | None = None, stage: str = "check") -> store.Stored:
        """Store one processed document in one transaction (no-op if its sha256 is known)."""
        return self.write(store.prepare(doc, path or str(Path(doc.source).resolve()), stage))

    def write(self, prepared: store.Prepared) -> store.Stored:
        with self._transaction() as conn:
            return store.write(conn, self.index, prepared, _now())

    def record_failure(self, failure: Failure) -> Failure:
        """Keep (or update) the failure of a path; returns it with its attempt count."""
        f = failures.c
        with self._transaction() as conn:
            attempts = conn.execute(sa.select(f.attempts).where(f.path == failure.path)).scalar()
            values = {
                "sha256": failure.sha256,
                "error_key": failure.error_key,
                "detail": failure.detail,
                "failed_at": _now(),
            }
            if attempts is None:
                conn.execute(failures.insert().values(path=failure.path, attempts=1, **values))
            else:
                conn.execute(
                    sa.update(failures).where(f.path == failure.path).values(attempts=attempts + 1, **values)
                )
        return Failure(failure.path, failure.sha256, failure.error_key, failure.detail, (attempts or 0) + 1)

    def forget_failure(self, path: str) -> None:
        with self._transaction() as conn:
            conn.execute(sa.delete(failures).where(failures.c.path == path))

    # --- reading ------------------------------------------------------------------------------

    def failures(self) -> list[Failure]:
        f = failures.c
        with self._read() as conn:
            rows = conn.execute(
                sa.select(f.path, f.sha256, f.error_key, f.detail, f.attempts).order_by(f.path)
            )
            return [Failure(*r) for r in rows]

    def known_sha256(self) -> set[str]:
        with self._read() as conn:
            return set(conn.execute(sa.select(documents.c.sha256)).scalars())

    def counts(self) -> dict[str, int]:
        """Row counts: documents (all versions), current reports, decisions, campaigns, failures,
        search entries."""

        def count(table: sa.Table, *where: sa.ColumnElement) -> sa.Select:
            return sa.select(sa.func.count()).select_from(table).where(*where)

        statements = {
            "documents": count(documents),
            "reports": count(documents, documents.c.current.is_(True)),
            "decisions": count(decisions),
            "campaigns": count(campaigns),
            "failures": count(failures),
            "search_entries": count(search_entries),
        }
        with self._read() as conn:
            return {name: conn.execute(stmt).scalar() for name, stmt in statements.items()}

    def search(
        self,
        query: str,
        *,
        type: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        campaign: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """Ranked hits over decisions, campaigns and current reports (see `search.py`)."""
        filters = Filters(type=type, issuer=issuer, year=year, campaign=campaign)
        with self._read() as conn:
            return search(conn, self.index, query, filters, limit)

    def show(self, ident: str) -> list[dict[str, Any]]:
        """What `ident` names: a report ("BC-3": [its view]), a campaign ("PT-2"), or every decision it names ("VB-12",
        an archive id, a number or number/symbol), each with the reports that cite it; empty
        when there is none."""
        with self._read() as conn:
            prefixed = views.parse_shown_id(ident)
            if prefixed and prefixed[0] in ("report", "campaign"):
                view = (views.report_view if prefixed[0] == "report" else views.campaign_view)(conn, prefixed[1])
                return [view] if view else []
            return [views.decision_view(conn, d) for d in views.find_decisions(conn, ident)]

    def who(self, query: str, *, year: int | None = None, award: str | None = None) -> list[dict[str, Any]]:
        """Every award a unit or person whose name or unit holds `query` received (see `who.py`)."""
        with self._read() as conn:
            return find_recipients(conn, query, year=year, award=award)

    def compare(self, issuer: str, year: int, lang: str = DEFAULT_LANG) -> Comparison:
        """The reports and proposals of `issuer` and `year` against its decisions (`compare.py`)."""
        with self._read() as conn:
            return compare(conn, issuer, year, lang)

    def held_once(self, ident: str) -> bool:
        """Whether a prefixed id ("BC-7") the archive does not hold was given out before (the
        record is gone), rather than never."""
        prefixed = views.parse_shown_id(ident)
        if prefixed is None:
            return False
        table = {"decision": decisions, "report": documents, "campaign": campaigns}[prefixed[0]]
        with self._read() as conn:
            highest = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
        return highest is not None and prefixed[1] <= highest

    def rows(self, what: str) -> tuple[list[str], list[dict[str, Any]]]:
        """(columns, rows) of an export table: decisions, citations, campaigns, awards, findings,
        recipients."""
        with self._read() as conn:
            return views.table_rows(conn, what)

    def frame(self, what: str):
        """The export table `what` as a pandas DataFrame (nullable dtypes)."""
        import pandas as pd

        columns, rows = self.rows(what)
        return pd.DataFrame.from_records(rows, columns=columns).convert_dtypes()
