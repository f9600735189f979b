"""The pages: log-in with a session cookie, CSRF refusals, rate-limited log-in, logout, the
report view with its marks, search, decision, dashboard and the language switch."""

from __future__ import annotations

import re

from .conftest import BAD_REPORT, PASSWORDS, auth, login, wait_for


def test_pages_need_a_session(client):
    for path in ("/", "/upload", "/search?q=1", "/dashboard", "/reports/1", "/decisions/1"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"


def test_login_sets_a_strict_http_only_cookie(client):
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    response = client.post("/login", data={"name": "rex", "password": PASSWORDS["rex"], "csrf": token},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert "extractor_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/", follow_redirects=False).status_code == 200


def test_csrf_refusals(client):
    client.get("/login")
    refused = client.post("/login", data={"name": "rex", "password": PASSWORDS["rex"], "csrf": "forged"})
    assert refused.status_code == 403 and "CSRF" in refused.text and "Traceback" not in refused.text
    token = login(client, "rex")
    # the API called with the session cookie but without its token
    assert client.post("/api/reports", files=[("file", ("a.md", BAD_REPORT))]).status_code == 403
    assert client.post("/api/reports", files=[("file", ("a.md", BAD_REPORT))],
                       headers={"X-CSRF-Token": "nope"}).status_code == 403
    accepted = client.post("/api/reports", files=[("file", ("a.md", BAD_REPORT))], headers={"X-CSRF-Token": token})
    assert accepted.status_code == 202
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200  # still logged in
    out = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_is_rate_limited(client):
    for _ in range(5):
        form = client.get("/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        assert client.post("/login", data={"name": "ada", "password": "guess", "csrf": token}).status_code == 401
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    blocked = client.post("/login", data={"name": "ada", "password": PASSWORDS["ada"], "csrf": token})
    assert blocked.status_code == 429
    assert client.get("/api/reports", auth=auth("ada")).status_code == 401  # Basic for that name too


def test_report_view_marks_the_figures(client):
    upload_id = client.post("/api/reports", files=[("file", ("r.md", BAD_REPORT))], auth=auth("rex")).json()[0]["id"]
    job = wait_for(client, upload_id)
    login(client, "vic")
    page = client.get(f"/reports/{upload_id}").text
    table = page[page.index('<table class="doc-table"'):page.index("</table>")]
    marked = re.findall(r'<td class="cell-flag"><mark class="hl hl-error" data-f="([^"]+)">([^<]+)<', table)
    assert ("12" in [text for _, text in marked]) and ("42" in [text for _, text in marked])
    assert len(re.findall(r'<section class="finding sev-error', page)) == len(job["result"]["findings"])
    assert 'data-verdict="dismissed"' not in page  # a viewer gets no review buttons
    assert re.search(r"<mark[^>]*>42<sup", page)  # the text's total, marked in its sentence


def test_search_decision_dashboard_and_language(client):
    wait_for(client, client.post("/api/reports", files=[("file", ("r.md", BAD_REPORT))], auth=auth("rex")).json()[0]["id"])
    login(client, "rex")
    search = client.get("/search", params={"q": "quyet dinh 1478"}).text
    assert "<mark>1478</mark>" in search
    link = re.search(r'href="(/decisions/\d+)" class="label">1478/QĐ-TTg', search).group(1)
    decision = client.get(link).text
    assert "r.md" in decision and "Thủ tướng Chính phủ" in decision
    dashboard = client.get("/dashboard").text
    assert '"form": [["Bằng khen' in dashboard or '"form": [[' in dashboard
    assert "Thống kê" in dashboard
    client.get("/lang/en?next=/dashboard")
    assert "Dashboard" in client.get("/dashboard").text
    assert client.get("/lang/en?next=//evil.example", follow_redirects=False).headers["location"] == "/"


def test_admins_manage_users_with_audit(client):
    from .test_api import _audit

    token = login(client, "ada")
    assert client.post("/admin/users", data={"name": "new", "role": "viewer", "password": "p"}).status_code == 403
    added = client.post("/admin/users", data={"csrf": token, "name": "new", "role": "viewer", "password": "p"},
                        follow_redirects=False)
    assert added.status_code == 303
    assert client.get("/api/reports", auth=("new", "p")).status_code == 200
    again = client.post("/admin/users", data={"csrf": token, "name": "new", "role": "viewer", "password": "p"})
    assert again.status_code == 400 and "new" in again.text
    assert client.post("/admin/users/new/remove", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/reports", auth=("new", "p")).status_code == 401
    rows = [(r["who"], r["action"], r["target"]) for r in _audit(client)]
    assert ("ada", "user.add", "new") in rows and ("ada", "user.remove", "new") in rows
    client.cookies.clear()
    login(client, "rex")
    assert client.get("/admin/users").status_code == 403
