from __future__ import annotations

import datetime as dt
import uuid
from typing import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from extractor.archive import Archive, db, store
from extractor.archive.index import index_for
from extractor.archive.keys import index_text, report_key
from extractor.archive.migrations import LATEST, MIGRATIONS, current_version, migrate
from extractor.archive.schema import documents, schema_version, search_entries


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
    with archive.engine.connect() as conn:  # the migrations built the tables schema.py describes
        for table in (documents, search_entries):
            assert {c["name"] for c in sa.inspect(conn).get_columns(table.name)} >= set(table.c.keys())


def _archive_at(db_url: str, version: int) -> Engine:
    """An archive as a tool that knew migrations up to `version` left it."""
    engine = db.connect(db.resolve_url(db_url))
    with engine.begin() as conn:
        schema_version.create(conn)
    for migration in MIGRATIONS[:version]:
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                schema_version.insert().values(
                    version=migration.version, description="old", applied_at=sa.func.now()
                )
            )
    return engine


def test_an_archive_left_at_an_older_version_is_brought_up_to_date(db_url: str, build) -> None:
    _archive_at(db_url, 1).dispose()
    with Archive(db_url) as archive:
        archive.store(build.dong_thap())
        assert [h.label for h in archive.search("dong thap")] == ["315/BC-UBND"]


def _prepared_before_report_keys(doc) -> store.Prepared:
    """`doc` as rows of a tool older than migration 5 (no `documents.report_key`)."""
    prepared = store.prepare(doc, f"/reports/{doc.source}", "check")
    del prepared.document["report_key"]
    del prepared.document["checks"], prepared.document["ocr"]  # migration 6
    for finding in prepared.findings:
        del finding["key"], finding["params"]
    return prepared


def _store_as_version_2_did(engine: Engine, doc) -> None:
    """Store `doc` the way the tool of schema version 2 did: on PostgreSQL it also wrote the
    Python-folded copy into `search_entries.body`, which the tsvector was generated from."""
    with engine.begin() as conn:
        index = index_for(conn.dialect.name)
        store.write(
            conn,
            index,
            _prepared_before_report_keys(doc),
            dt.datetime.now(dt.timezone.utc),
        )
        if conn.dialect.name == "postgresql":
            rows = conn.execute(sa.select(search_entries.c.id, search_entries.c.text)).all()
            conn.execute(
                sa.text("UPDATE search_entries SET body = :body WHERE id = :id"),
                [{"id": i, "body": index_text(text)} for i, text in rows],
            )


def test_an_archive_made_before_unaccent_search_upgrades_in_place(db_url: str, build) -> None:
    engine = _archive_at(db_url, 2)
    _store_as_version_2_did(engine, build.dong_thap())
    postgres = engine.dialect.name == "postgresql"
    if postgres:  # the old index works before the upgrade
        with engine.connect() as conn:
            old = "SELECT count(*) FROM search_entries WHERE tsv @@ to_tsquery('simple', 'dong <-> thap')"
            assert conn.exec_driver_sql(old).scalar() == 1
    engine.dispose()
    with Archive(db_url) as archive:
        with archive.engine.connect() as conn:
            assert current_version(conn) == LATEST
            columns = {c["name"] for c in sa.inspect(conn).get_columns("search_entries")}
        assert ("body" in columns, "tsv" in columns) == (False, postgres)
        assert [h.label for h in archive.search("dong thap")] == ["315/BC-UBND"]
        assert [(h.kind, h.label) for h in archive.search("1478/QĐ-TTg")][:2] == [
            ("decision", "1478/QĐ-TTg"),
            ("report", "315/BC-UBND"),
        ]
        archive.store(build.doc("ha-noi.md", ["Thành phố Hà Nội khen thưởng kịp thời."], number="88/BC-UBND"))
        assert [h.label for h in archive.search("ha noi khen thuong")] == ["88/BC-UBND"]


def test_an_archive_made_before_report_keys_upgrades_in_place(db_url: str, build) -> None:
    engine = _archive_at(db_url, 4)
    for ext in ("md", "pdf"):
        doc = build.doc(
            f"bc-318.{ext}",
            ["Báo cáo tổng kết phong trào thi đua."],
            number="318/BC-UBND",
            date="2022-12-12",
            issuer="UBND tỉnh Bình Sơn",
        )
        prepared = _prepared_before_report_keys(doc)
        with engine.begin() as conn:
            store.write(conn, index_for(conn.dialect.name), prepared, dt.datetime.now(dt.timezone.utc))
    engine.dispose()
    with Archive(db_url) as archive:
        with archive.engine.connect() as conn:
            keys = conn.execute(sa.select(documents.c.report_key)).scalars().all()
            assert "ix_documents_report_key" in {i["name"] for i in sa.inspect(conn).get_indexes("documents")}
        assert keys == [report_key("Báo cáo", "318/BC-UBND", "UBND tỉnh Bình Sơn", "2022-12-12")] * 2
        (hit,) = archive.search("tong ket phong trao")
        assert [f["source"] for f in hit.also] == ["bc-318.pdf"]


def _index_names(conn) -> set[str]:
    return {i["name"] for i in sa.inspect(conn).get_indexes("search_entries")}


def test_an_archive_made_before_the_term_index_upgrades_in_place(db_url: str, build) -> None:
    engine = _archive_at(db_url, 3)
    with engine.begin() as conn:
        store.write(
            conn,
            index_for(conn.dialect.name),
            _prepared_before_report_keys(build.dong_thap()),
            dt.datetime.now(dt.timezone.utc),
        )
    engine.dispose()
    with Archive(db_url) as archive:
        with archive.engine.connect() as conn:
            assert current_version(conn) == LATEST
            if conn.dialect.name == "postgresql":
                names = _index_names(conn)
                assert "ix_search_entries_terms" in names and "ix_search_entries_tsv" not in names
        assert [h.label for h in archive.search("tong-ket-cong-tac")] == ["315/BC-UBND"]
        assert [h.label for h in archive.search("cong-tac-tong-ket")] == []
        assert [(h.kind, h.label) for h in archive.search("1478/QĐ-TTg")][:2] == [
            ("decision", "1478/QĐ-TTg"),
            ("report", "315/BC-UBND"),
        ]


# --- PostgreSQL: where unaccent lives -------------------------------------------------------


@pytest.fixture
def fresh_database(pg_server: str) -> Iterator[sa.URL]:
    """A new, empty database on the test server (no unaccent extension yet)."""
    name = f"extractor_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.DBAPIError as exc:
        admin.dispose()
        pytest.skip(f"cannot create a database: {db.first_line(exc)}")
    yield make_url(pg_server).set(database=name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


def test_the_first_archive_installs_unaccent_and_the_next_ones_use_it(fresh_database: sa.URL, build) -> None:
    setup = sa.create_engine(fresh_database)
    with setup.begin() as conn:
        conn.exec_driver_sql("CREATE SCHEMA first; CREATE SCHEMA second")
    urls = [fresh_database.update_query_dict({"options": f"-csearch_path={s}"}) for s in ("first", "second")]
    for url in urls:
        with Archive(url.render_as_string(hide_password=False)) as archive:
            archive.store(build.dong_thap())
            assert [h.label for h in archive.search("dong thap")] == ["315/BC-UBND"]
    with setup.connect() as conn:
        home = conn.exec_driver_sql(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        ).scalar_one()
        body = conn.exec_driver_sql(
            "SELECT prosrc FROM pg_proc "
            "WHERE proname = 'extractor_fold' AND pronamespace = 'second'::regnamespace"
        ).scalar_one()
    setup.dispose()
    assert home == "first"
    assert "first.unaccent('first.unaccent'::regdictionary" in body


# --- migration 6: findings as keys and parameters --------------------------------------------

OLD_SENTENCES = {  # what the previous version stored, in the language ingest ran in
    "vi": "2.481 Bằng khen không khớp với số tập thể, cá nhân được tặng 512 + 1.906 = 2.418.",
    "en": "2.481 Bằng khen does not match the collectives and individuals receiving them 512 + 1.906 = 2.418.",
}


def _store_with_an_old_finding(engine: Engine, doc, sentence: str) -> None:
    """`doc` stored by the tool of schema version 5: its finding a sentence, no key."""
    prepared = _prepared_before_report_keys(doc)
    prepared.recipients = []  # no recipients table before migration 8
    for finding in prepared.findings:
        finding["message"] = sentence
    prepared.findings.append({**prepared.findings[0], "finding_id": "odd-1", "message": "Một câu lạ."})
    with engine.begin() as conn:
        store.write(conn, index_for(conn.dialect.name), prepared, dt.datetime.now(dt.timezone.utc))


@pytest.mark.parametrize("stored_in", ["vi", "en"])
def test_stored_findings_migrate_in_place_and_show_in_both_languages(db_url: str, build, stored_in: str) -> None:
    from extractor.i18n import finding_message

    engine = _archive_at(db_url, 5)
    _store_with_an_old_finding(engine, build.figures(build.dong_thap()), OLD_SENTENCES[stored_in])
    engine.dispose()
    with Archive(db_url) as archive:
        _, rows = archive.rows("findings")
        [(_, report)] = [(r["id"], r) for r in archive.rows("reports")[1]]
    by_id = {r["id"]: r for r in rows}
    migrated, odd = by_id["sum-1"], by_id["odd-1"]
    assert migrated["key"] == "finding.sum.recipients"
    assert migrated["params"] == {"total": "2.481", "subject": "Bằng khen", "parts": "512 + 1.906", "sum": "2.418"}
    for lang, sentence in OLD_SENTENCES.items():
        assert finding_message(migrated, lang) == sentence
    assert odd["key"] == "finding.stored" and finding_message(odd, "en") == "Một câu lạ."  # kept as written
    assert report["checks"] is None  # stored before checks were counted: unknown, not zero
