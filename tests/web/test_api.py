"""The JSON API contract, roles, CSRF, audit rows and one-line errors, on both backends."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from extractor.archive.schema import audit

from .conftest import BAD_REPORT, auth, login, wait_for

API_ROUTES = [
    ("post", "/api/reports"),
    ("get", "/api/reports"),
    ("get", "/api/reports/1"),
    ("get", "/api/search?q=x"),
    ("get", "/api/decisions/1"),
    ("post", "/api/findings/1/review"),
    ("get", "/api/stats/awards"),
    ("get", "/api/export/awards"),
]


def _upload(client, *files, who="rex"):
    return client.post("/api/reports", files=[("file", f) for f in files], auth=auth(who))


def _audit(client) -> list[dict]:
    archive = client.app.state.archive
    with archive.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(audit).order_by(audit.c.id)).mappings()]


@pytest.mark.parametrize("method,path", API_ROUTES)
def test_every_api_route_needs_credentials(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic")
    assert "\n" not in response.json()["error"]
    assert getattr(client, method)(path, auth=("rex", "wrong")).status_code == 401


def test_upload_check_result_and_review(client):
    response = _upload(client, ("report.md", BAD_REPORT, "text/markdown"))
    assert response.status_code == 202
    [queued] = response.json()
    assert queued["status"] == "queued" and isinstance(queued["id"], int)
    job = wait_for(client, queued["id"])
    assert job["status"] == "done" and job["error"] is None
    result = job["result"]
    assert result["schema"] == "extractor/1" and result["document"]["source"] == "report.md"
    cells = {(loc["table"], loc["row"], loc["col"]) for f in result["findings"] for loc in f["locations"] if "table" in loc}
    assert (0, 1, 4) in cells and (0, 2, 4) in cells  # the two wrong totals of the table
    assert all(f["severity"] == "error" for f in result["findings"] if f["check"] == "sum")

    finding = job["reviews"][result["findings"][0]["id"]]["finding"]
    body = {"verdict": "dismissed", "note": "số liệu đã được đơn vị đính chính"}
    assert client.post(f"/api/findings/{finding}/review", json=body, auth=auth("vic")).status_code == 403
    review = client.post(f"/api/findings/{finding}/review", json=body, auth=auth("rex"))
    assert review.status_code == 200
    assert review.json() | {"reviewed_at": None} == {
        "id": review.json()["id"], "finding": finding, "verdict": "dismissed",
        "note": body["note"], "reviewer": "rex", "reviewed_at": None,
    }
    again = wait_for(client, queued["id"], who="vic")
    assert again["reviews"][result["findings"][0]["id"]]["review"]["verdict"] == "dismissed"
    bad = client.post(f"/api/findings/{finding}/review", json={"verdict": "maybe"}, auth=auth("rex"))
    assert bad.status_code == 422 and "\n" not in bad.json()["error"]
    assert client.post("/api/findings/999999/review", json=body, auth=auth("rex")).status_code == 404

    rows = _audit(client)
    assert [r["action"] for r in rows].count("user.add") == 3
    uploads = [r for r in rows if r["action"] == "upload"]
    assert uploads[-1]["who"] == "rex" and uploads[-1]["detail"]["filename"] == "report.md"
    reviews = [r for r in rows if r["action"] == "review"]
    assert len(reviews) == 1 and reviews[0]["who"] == "rex" and reviews[0]["detail"]["verdict"] == "dismissed"
    assert all(r["at"] is not None for r in rows)


def test_the_result_is_what_check_gives(client, tmp_path):
    from extractor.model import to_dict
    from extractor.pipeline import process

    path = tmp_path / "r.md"
    path.write_bytes(BAD_REPORT)
    expected = to_dict(process(path))
    job = wait_for(client, _upload(client, ("r.md", BAD_REPORT)).json()[0]["id"])
    assert job["result"]["findings"] == expected["findings"]
    assert job["result"]["awards"] == expected["awards"]


def test_several_files_and_a_corrupt_one(client):
    response = _upload(client, ("a.md", BAD_REPORT), ("broken.docx", b"PK\x03\x04 not really a zip"),
                       ("picture.pdf", b"\x89PNG\r\n\x1a\n0000"))
    assert response.status_code == 202 and [j["status"] for j in response.json()] == ["queued"] * 3
    jobs = [wait_for(client, j["id"]) for j in response.json()]
    assert [j["status"] for j in jobs] == ["done", "failed", "failed"]
    assert jobs[1]["result"] is None
    assert jobs[1]["error"].startswith("Tệp broken.docx") and "\n" not in jobs[1]["error"]
    assert "picture.pdf" in jobs[2]["error"]
    english = client.get(f"/api/reports/{jobs[1]['id']}?lang=en", auth=auth("rex")).json()["error"]
    assert "broken.docx" in english and english != jobs[1]["error"]
    # the inbox page shows the one-line reason, and no stack trace anywhere
    client.cookies.clear()
    login(client, "vic")
    page = client.get("/").text
    assert jobs[1]["error"] in page and "Traceback" not in page


def test_viewer_may_read_but_not_upload(client):
    assert _upload(client, ("a.md", BAD_REPORT), who="vic").status_code == 403
    assert client.get("/api/reports", auth=auth("vic")).status_code == 200
    assert client.get("/api/search?q=khen", auth=auth("vic")).status_code == 200


def test_upload_limit(client):
    big = b"a" * (1024 * 1024 + 1)
    response = _upload(client, ("big.txt", big))
    assert response.status_code == 413 and "1 MB" in response.json()["error"]


def test_search_and_decision(client):
    wait_for(client, _upload(client, ("r.md", BAD_REPORT)).json()[0]["id"])
    hits = client.get("/api/search", params={"q": "quyet dinh 1478"}, auth=auth("vic")).json()
    assert hits["query"] == "quyet dinh 1478"
    decision = next(h for h in hits["hits"] if h["kind"] == "decision")
    assert decision["label"] == "1478/QĐ-TTg"
    for ident in (str(decision["id"]), "1478/QĐ-TTg"):
        views = client.get(f"/api/decisions/{ident}", auth=auth("vic")).json()
        assert views[0]["decision"]["ref"] == "1478/QĐ-TTg"
        assert [r["source"] for r in views[0]["reports"]] == ["r.md"]
    assert client.get("/api/search", params={"q": "1478", "year": 1990}, auth=auth("vic")).json()["hits"] == []
    missing = client.get("/api/decisions/9999/QĐ-XYZ", auth=auth("vic"))
    assert missing.status_code == 404


def test_exports(client):
    wait_for(client, _upload(client, ("r.md", BAD_REPORT)).json()[0]["id"])
    csv = client.get("/api/export/reports?format=csv", auth=auth("vic"))
    assert csv.status_code == 200 and "r.md" in csv.text and csv.text.startswith("\ufeffid,filename,status")  # UTF-8 with BOM, as the CLI writes
    from openpyxl import load_workbook

    xlsx = client.get("/api/export/findings?format=xlsx", auth=auth("vic"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4  # the header and the three wrong totals
    hits = client.get("/api/export/search?format=csv&q=1478", auth=auth("vic"))
    assert "1478/QĐ-TTg" in hits.text
    assert client.get("/api/export/audit", auth=auth("vic")).status_code == 403
    assert client.get("/api/export/audit", auth=auth("ada")).status_code == 200


def test_openapi_describes_the_contract(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/reports", "/api/reports/{upload_id}", "/api/search", "/api/decisions/{ident}",
                 "/api/findings/{finding}/review"):
        assert path in spec["paths"]
    assert not any(p.startswith("/reports") or p == "/login" for p in spec["paths"])


def test_stored_names_are_ours(client):
    [queued] = _upload(client, ("../../../etc/evil name.md", BAD_REPORT)).json()
    job = wait_for(client, queued["id"])
    assert job["status"] == "done" and job["result"]["document"]["source"] == "evil name.md"
    folder = client.app.state.folder
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [f"{queued['id']}.md"]
    assert not (folder.parent / "etc").exists()


def test_a_bug_is_one_line_without_a_trace(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(client.app.state.archive, "search", broken)
    response = client.get("/api/search?q=x", auth=auth("vic"))
    assert response.status_code == 500
    error = response.json()["error"]
    assert "RuntimeError" in error and "secret internals" not in error and "\n" not in error
    assert "Traceback" not in response.text
