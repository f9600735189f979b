from __future__ import annotations

import sqlalchemy as sa

from extractor.archive import Archive, db
from extractor.archive.migrations import LATEST, MIGRATIONS, current_version, migrate
from extractor.archive.schema import schema_version


def test_a_new_archive_is_at_the_latest_version_and_reopening_applies_nothing(db_url: str) -> None:
    with Archive(db_url) as archive:
        with archive.engine.connect() as conn:
            assert current_version(conn) == LATEST
        assert migrate(archive.engine) == LATEST
        with archive.engine.connect() as conn:
            versions = (
                conn.execute(sa.select(schema_version.c.version).order_by(schema_version.c.version))
                .scalars()
                .all()
            )
    assert versions == [m.version for m in MIGRATIONS]


def test_an_archive_left_at_an_older_version_is_brought_up_to_date(db_url: str, build) -> None:
    engine = db.connect(db.resolve_url(db_url))
    with engine.begin() as conn:
        schema_version.create(conn)
        MIGRATIONS[0].apply(conn)
        conn.execute(schema_version.insert().values(version=1, description="old", applied_at=sa.func.now()))
    engine.dispose()
    with Archive(db_url) as archive:
        archive.store(build.dong_thap())
        assert [h.label for h in archive.search("dong thap")] == ["315/BC-UBND"]
