"""Fixtures for the archive tests: an empty archive on each backend (SQLite always, PostgreSQL
when EXTRACTOR_TEST_PG_URL reaches a server) and hand-built documents whose mentions are found
in their own text, so every offset holds by construction."""

from __future__ import annotations

import hashlib
import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import pytest
import sqlalchemy as sa

from extractor.archive import Archive
from extractor.model import Award, Block, Campaign, Document, Finding, Metadata, Quantity, Recipient, Reference

PG_ENV = "EXTRACTOR_TEST_PG_URL"


def _with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server to test against")
    try:
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to reach it means skip
        pytest.skip(f"PostgreSQL at {PG_ENV} unreachable: {exc}")
    return url


@contextmanager
def _fresh_schema(server: str) -> Iterator[str]:
    """A URL whose connections work in a fresh schema, dropped afterwards (with the unaccent
    extension when the archive's migration created it there)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(server)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    yield _with_schema(server, schema)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    with _fresh_schema(pg_server) as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url(pg_server: str) -> Iterator[str]:
    """`pg_url` shared by the tests of one module (for hypothesis tests)."""
    with _fresh_schema(pg_server) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "archive.sqlite")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def archive(db_url: str) -> Iterator[Archive]:
    with Archive(db_url) as a:
        yield a


# --- hand-built documents -------------------------------------------------------------------


def _find(doc: Document, surface: str, nth: int = 0):
    """The mention of the `nth` occurrence of `surface` in the document's blocks."""
    seen = 0
    for b in doc.blocks:
        start = b.text.find(surface)
        while start >= 0:
            if seen == nth:
                return doc.mention(b.index, start, start + len(surface))
            seen += 1
            start = b.text.find(surface, start + 1)
    raise AssertionError(f"{surface!r} not in the document")


def make_doc(
    source: str,
    paragraphs: list[str],
    *,
    number: str | None = None,
    date: str | None = None,
    issuer: str | None = None,
    title: str | None = None,
    doc_type: str = "Báo cáo",
    references: list[dict] = (),
    campaigns: list[dict] = (),
) -> Document:
    """A report of `paragraphs`; each reference/campaign dict names its fields, its mentions are
    every occurrence of its `surface` (default: its id / name) in the text."""
    text = "\n".join(paragraphs)
    doc = Document(
        source=source,
        sha256=hashlib.sha256(f"{source}\n{text}".encode()).hexdigest(),
        format="md",
        pages=1,
        blocks=[Block(index=i, kind="paragraph", text=p, page=1) for i, p in enumerate(paragraphs)],
        metadata=Metadata(doc_type=doc_type, number=number, date=date, issuer=issuer, title=title),
    )
    for r in references:
        fields = {k: v for k, v in r.items() if k != "surface"}
        fields.setdefault("year", None)
        ref = Reference(**{"doc_type": None, "number": None, "symbol": None, **fields})
        ref.mentions = _all(doc, r.get("surface", ref.id))
        doc.references.append(ref)
    for c in campaigns:
        camp = Campaign(**{k: v for k, v in c.items() if k != "surface"})
        camp.mentions = _all(doc, c.get("surface", camp.name))
        doc.campaigns.append(camp)
    return doc


def _all(doc: Document, surface: str) -> list:
    n = sum(b.text.count(surface) for b in doc.blocks)
    return [_find(doc, surface, i) for i in range(n)]


def add_figures(doc: Document) -> Document:
    """Give `doc` one award with a part, one quantity, one finding and one recipient, read from
    its first paragraph, which must contain "20 Huân chương Lao động" and "4 tập thể"."""
    count = _find(doc, "20 Huân chương Lao động")
    part = _find(doc, "4 tập thể")
    doc.awards.append(
        Award(
            award="Huân chương Lao động",
            count=20,
            class_="hạng Ba",
            level="state",
            collectives=4,
            mentions=[count],
            surface=count.text,
            parts=[Award(award="Huân chương Lao động", count=4, mentions=[part], surface=part.text)],
        )
    )
    doc.quantities.append(
        Quantity(
            value=20,
            unit="Huân chương",
            text="20",
            mention=doc.mention(count.block, count.start, count.start + 2),
        )
    )
    doc.recipients.append(
        Recipient(name="4 tập thể", key="4 tap the", kind="collective", location=part, award="Huân chương Lao động")
    )
    doc.findings.append(
        Finding(
            id="sum-1",
            check="sum",
            severity="warning",
            key="finding.sum",
            params={"total": "20", "parts": "4 + 17", "sum": "21"},
            expected=21,
            actual=20,
            locations=[count, part],
        )
    )
    return doc


QD_1478 = {
    "id": "1478/QĐ-TTg",
    "doc_type": "Quyết định",
    "number": "1478",
    "symbol": "QĐ-TTg",
    "date": "2022-11-28",
    "issuer": "Thủ tướng Chính phủ",
    "subject": "ban hành Kế hoạch triển khai phong trào thi đua",
}


def dong_thap_doc() -> Document:
    return make_doc(
        "reports/dong-thap-2023.md",
        [
            "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2023 của tỉnh Đồng Tháp",
            "Thực hiện Quyết định số 1478/QĐ-TTg ngày 28/11/2022 của Thủ tướng Chính phủ, tỉnh đã phát động phong trào. "
            "Kết quả tốt.",
            "Phong trào Vì người nghèo - Không để ai bị bỏ lại phía sau được hưởng ứng rộng rãi.",
            "Đã đề nghị tặng 20 Huân chương Lao động, trong đó 4 tập thể.",
        ],
        number="315/BC-UBND",
        date="2023-11-15",
        issuer="UBND tỉnh Đồng Tháp",
        title="Tổng kết công tác thi đua, khen thưởng năm 2023",
        references=[{**QD_1478, "surface": "Quyết định số 1478/QĐ-TTg"}],
        campaigns=[
            {
                "name": "Vì người nghèo - Không để ai bị bỏ lại phía sau",
                "launched_by": "Thủ tướng Chính phủ",
                "references": ["1478/QĐ-TTg"],
                "aliases": ["Vì người nghèo"],
            }
        ],
    )


@pytest.fixture
def dong_thap_report() -> Document:
    return dong_thap_doc()


@pytest.fixture(scope="session")
def build() -> SimpleNamespace:
    """The document builders, for tests (conftest is not importable as a module)."""
    return SimpleNamespace(doc=make_doc, figures=add_figures, dong_thap=dong_thap_doc, qd_1478=dict(QD_1478))


@pytest.fixture
def cli_process(tmp_path: Path):
    """`cli_process(*args)`: the CLI in a subprocess, as the user runs it; `.env` its environment."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, env=env)

    run.env = env
    return run
