"""Fixtures for the web tests: an app over an empty archive on each backend (SQLite always,
PostgreSQL when EXTRACTOR_TEST_PG_URL reaches a server), with one user of each role, and a small
report written here whose figures do not add up."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from extractor.archive import Archive  # noqa: E402
from extractor.web import accounts  # noqa: E402
from extractor.web.app import Config, create_app  # noqa: E402

PG_ENV = "EXTRACTOR_TEST_PG_URL"
PASSWORDS = {"ada": "admin-pass", "rex": "review-pass", "vic": "view-pass"}
ROLES = {"ada": "admin", "rex": "reviewer", "vic": "viewer"}

# Two wrong totals in the table (5 + 6 is not 12; 15 + 26 is not 42) and one in the text.
BAD_REPORT = (
    "# BÁO CÁO\n\nTổng kết công tác thi đua, khen thưởng năm 2023\n\n"
    "Thực hiện Quyết định số 1478/QĐ-TTg ngày 28/11/2022 của Thủ tướng Chính phủ, năm 2023 đã khen "
    "thưởng 42 trường hợp, gồm 15 tập thể và 26 cá nhân.\n\n## Kết quả khen thưởng\n\n"
    "| STT | Hình thức | Tập thể | Cá nhân | Tổng số |\n|---|---|---|---|---|\n"
    "| 1 | Bằng khen | 10 | 20 | 30 |\n| 2 | Giấy khen | 5 | 6 | 12 |\n| | Cộng | 15 | 26 | 42 |\n"
).encode("utf-8")


def _pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server to test against")
    schema = f"w_{uuid.uuid4().hex[:12]}"
    try:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - unreachable: skip
        pytest.skip(f"PostgreSQL at {PG_ENV} unreachable: {exc}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "archive.sqlite")
    return _pg_url()


def with_users(db: str) -> None:
    with Archive(db) as archive:
        for name, role in ROLES.items():
            accounts.add_user(archive, name, role, PASSWORDS[name], "test")


@pytest.fixture
def client(db_url: str, tmp_path: Path):
    with_users(db_url)
    app = create_app(Config(db=db_url, workers=0, uploads=tmp_path / "uploads", upload_limit=1024 * 1024))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def auth(name: str) -> tuple[str, str]:
    return name, PASSWORDS[name]


def wait_for(client, upload_id: int, who: str = "rex", timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/reports/{upload_id}", auth=auth(who)).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def login(client, name: str) -> str:
    """Log in through the form; returns the session's CSRF token (from the page's meta tag)."""
    import re

    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    response = client.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    page = client.get("/").text
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
