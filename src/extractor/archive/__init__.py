"""The archive: every processed report stored with its records, searchable, exportable.

    from extractor.archive import Archive, ingest
    with Archive("reports.sqlite") as archive:          # or "postgresql://..." or None
        ingest(archive, ["reports/"], workers=2)
        hits = archive.search("quyet dinh khen thuong", year=2023)
        decisions = archive.frame("decisions")           # pandas DataFrame

SQLAlchemy Core schema (`schema.py`) under versioned migrations (`migrations.py`); the
full-text index is FTS5 on SQLite and a tsvector on PostgreSQL (`index.py`), both over the same
folded text (`keys.py`).
"""

from __future__ import annotations

from .core import Archive, Failure
from .intake import IngestSummary, ingest
from .search import Filters, Hit
from .store import Stored
from .views import EXPORTS

__all__ = ["EXPORTS", "Archive", "Failure", "Filters", "Hit", "IngestSummary", "Stored", "ingest"]
