"""The HTML pages: log-in, upload, inbox, report view, search, decision, dashboard, audit.
Rendered on the server (Jinja2, autoescaped); the little behaviour they have is static/app.js."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from ..i18n import LANGS, t
from . import accounts, jobs, render, reviews, stats
from .app import WebError, request_lang
from .auth import CSRF_FIELD, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Who, new_login_token, tokens_match

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _templates():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("extractor.web", "templates"), autoescape=select_autoescape(["html"]))


def page(request: Request, name: str, status: int = 200, who: Who | None = None, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    html = _templates().get_template(name).render(
        _=lambda key, **params: t(key, lang, **params),
        lang=lang,
        other_lang=[x for x in LANGS if x != lang][0],
        path=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        user=who.user if who else None,
        csrf=who.session.csrf if who and who.session else "",
        **context,
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, message=message)


def signed_in(request: Request) -> Who:
    """The session of a page request; a WebError 401 (a redirect to the log-in) without one."""
    session = request.app.state.auth.session(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise WebError(401, "web.error.unauthenticated")
    return Who(session.user, session)


def _checked_form(who: Who, token: str | None) -> None:
    if not tokens_match(who.session.csrf, token):
        raise WebError(403, "web.error.csrf")


# --- log-in, log-out, language ------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, error: str = ""):
    token = new_login_token()
    response = page(request, "login.html", login_csrf=token, error=error)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.app.state.config.secure_cookies, max_age=3600)
    return response


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), csrf: str = Form("")):
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE), csrf):
        raise WebError(403, "web.error.csrf")
    state = request.app.state
    client = request.client.host if request.client else "-"
    keys = (f"ip:{client}", f"user:{name}")
    lang = request_lang(request)
    if state.auth.limiter.blocked(*keys):
        response = login_form(request, error=t("web.error.rate_limited", lang))
        response.status_code = 429
        return response
    user = accounts.authenticate(state.archive, name, password)
    if user is None:
        state.auth.limiter.failed(*keys)
        response = login_form(request, error=t("web.error.bad_login", lang))
        response.status_code = 401
        return response
    token = accounts.open_session(state.archive, user)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=state.config.secure_cookies, max_age=accounts.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")):
    who = signed_in(request)
    _checked_form(who, csrf)
    accounts.close_session(request.app.state.archive, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{code}")
def switch_language(request: Request, code: str, next: str = "/"):
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    if code in LANGS:
        response.set_cookie("lang", code, samesite="strict", max_age=365 * 24 * 3600)
    return response


# --- inbox and upload -------------------------------------------------------------------------


@router.get("/")
def inbox(request: Request):
    who = signed_in(request)
    lang = request_lang(request)
    rows = jobs.listing(request.app.state.archive)
    for row in rows:
        row["error_text"] = jobs.error_text(row, lang)
    pending = any(r["status"] in ("queued", "processing") for r in rows)
    return page(request, "inbox.html", who=who, rows=rows, pending=pending)


@router.get("/upload")
def upload_page(request: Request):
    who = signed_in(request)
    limit = request.app.state.config.upload_limit // (1024 * 1024)
    return page(request, "upload.html", who=who, limit=limit)


# --- the report view ---------------------------------------------------------------------------


def _document_data(request: Request, document_id: int) -> tuple[dict, dict]:
    """(the stored document JSON with its blocks, its `documents` row)."""
    import sqlalchemy as sa

    from ..archive.schema import document_contents, documents

    archive = request.app.state.archive
    with archive._read() as conn:
        row = conn.execute(sa.select(documents).where(documents.c.id == document_id)).mappings().first()
        data = conn.execute(
            sa.select(document_contents.c.data).where(document_contents.c.document_id == document_id)
        ).scalar()
    if row is None or data is None:
        raise WebError(404, "web.error.no_report", id=document_id)
    return json.loads(data), dict(row)


@router.get("/reports/{upload_id}")
def report_view(request: Request, upload_id: int):
    who = signed_in(request)
    job = jobs.get(request.app.state.archive, upload_id)
    if job is None:
        raise WebError(404, "web.error.no_report", id=upload_id)
    lang = request_lang(request)
    if job["document_id"] is None:
        return page(request, "pending.html", who=who, job=job, error=jobs.error_text(job, lang))
    layout = json.loads(job["layout"]) if job.get("layout") else None
    return _report_page(request, who, job["document_id"], layout, job)


@router.get("/documents/{document_id}")
def document_view(request: Request, document_id: int):
    """A stored report (cited by a decision, ingested by the CLI or uploaded)."""
    who = signed_in(request)
    return _report_page(request, who, document_id, None, None)


def _report_page(request: Request, who: Who, document_id: int, layout, job) -> HTMLResponse:
    lang = request_lang(request)
    data, row = _document_data(request, document_id)
    found = reviews.stored_findings(request.app.state.archive, document_id)
    for f in found:
        f["text"] = render.finding_message(f, lang)
    pages = []
    if row["format"] == "pdf" and Path(row["path"]).is_file():
        on_pages = render.finding_pages(data, found)
        pages = [{"n": n, "figures": figures} for n, figures in sorted(on_pages.items())]
    counts = {s: sum(f["severity"] == s for f in found) for s in ("error", "warning", "info")}
    return page(
        request, "report.html", who=who, doc=data["document"], row=row, job=job, findings=found,
        counts=counts, body=render.document_html(data, found, layout), pages=pages, document_id=document_id,
    )


@router.get("/documents/{document_id}/pages/{number}.png")
def page_image(request: Request, document_id: int, number: int):
    signed_in(request)
    _, row = _document_data(request, document_id)
    path = Path(row["path"])
    if row["format"] != "pdf" or not path.is_file():
        raise WebError(404, "web.error.not_found")
    try:
        png = render.page_png(path, number, request.app.state.folder / "pages", f"d{document_id}")
    except IndexError:
        raise WebError(404, "web.error.not_found") from None
    return FileResponse(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/documents/{document_id}/pages/{number}/boxes")
def page_boxes(request: Request, document_id: int, number: int):
    signed_in(request)
    data, row = _document_data(request, document_id)
    path = Path(row["path"])
    if row["format"] != "pdf" or not path.is_file():
        raise WebError(404, "web.error.not_found")
    found = reviews.stored_findings(request.app.state.archive, document_id)
    figures = render.finding_pages(data, found).get(number, [])
    return render.page_boxes(path, number, figures)


# --- search, decision, dashboard, audit ---------------------------------------------------------

_MARKED = re.compile(r"\*\*(.+?)\*\*")


def highlighted(snippet: str) -> Markup:
    """A search snippet with its `**word**` matches as <mark>, everything else escaped."""
    parts = _MARKED.split(snippet)
    return Markup("".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))


def _facets(hits) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, dict[str, int]] = {"kind": {}, "year": {}}
    for h in hits:
        counts["kind"][h.kind] = counts["kind"].get(h.kind, 0) + 1
        if h.year:
            counts["year"][str(h.year)] = counts["year"].get(str(h.year), 0) + 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in counts.items()}


def _hit_link(hit) -> str:
    if hit.kind == "decision":
        return f"/decisions/{hit.id}"
    if hit.kind == "report":
        return f"/documents/{hit.id}"
    return f"/search?q={quote(hit.label)}&campaign={quote(hit.label)}"


@router.get("/search")
def search_page(
    request: Request,
    q: str = "",
    type: str = "",
    issuer: str = "",
    year: str = "",
    campaign: str = "",
    kind: str = "",
):
    who = signed_in(request)
    filters = {"type": type or None, "issuer": issuer or None, "campaign": campaign or None,
               "year": int(year) if year.strip().isdigit() else None}
    hits = request.app.state.archive.search(q, limit=100, **filters) if q.strip() else []
    facets = _facets(hits)
    shown = [h for h in hits if not kind or h.kind == kind]
    results = [{"hit": h, "snippet": highlighted(h.snippet), "link": _hit_link(h)} for h in shown]
    query = {"q": q, "type": type, "issuer": issuer, "year": year, "campaign": campaign}
    export = "&".join(f"{k}={quote(v)}" for k, v in query.items() if v)
    return page(request, "search.html", who=who, query=query, kind=kind, results=results, facets=facets,
                export=export, total=len(hits))


@router.get("/decisions/{ident:path}")
def decision_page(request: Request, ident: str):
    who = signed_in(request)
    views = request.app.state.archive.show(ident)
    if not views:
        raise WebError(404, "web.error.no_decision", id=ident)
    for view in views:
        for report in view["reports"]:
            for c in report["citations"]:
                c["marked"] = _cited_in(c["sentence"] or "", c["text"] or "")
    return page(request, "decision.html", who=who, views=views)


def _cited_in(sentence: str, cited: str) -> Markup:
    """The citing sentence, the words that cite the decision marked."""
    at = sentence.find(cited) if cited else -1
    if at < 0:
        return Markup(escape(sentence))
    end = at + len(cited)
    return Markup(f"{escape(sentence[:at])}<mark>{escape(cited)}</mark>{escape(sentence[end:])}")


@router.get("/dashboard")
def dashboard(request: Request, year: str = ""):
    who = signed_in(request)
    chosen = int(year) if year.strip().isdigit() else None
    figures = stats.award_totals(request.app.state.archive, chosen)
    years = [y for y, _ in stats.awards_by(request.app.state.archive, "year") if y]
    return page(request, "dashboard.html", who=who, figures=render.as_json(figures), years=years, year=chosen,
                empty=not any(figures.values()))


@router.get("/audit")
def audit_page(request: Request):
    who = signed_in(request)
    if not who.user.is_admin:
        raise WebError(403, "web.error.forbidden", role=who.user.role)
    return page(request, "audit.html", who=who, rows=accounts.audit_rows(request.app.state.archive))


@router.get("/favicon.ico")
def favicon():
    return Response(status_code=204)


# --- user management (admins) ---------------------------------------------------------------------


def _admin(request: Request) -> Who:
    who = signed_in(request)
    if not who.user.is_admin:
        raise WebError(403, "web.error.forbidden", role=who.user.role)
    return who


def _users_page(request: Request, who: Who, error: str = "", status: int = 200) -> HTMLResponse:
    users = accounts.list_users(request.app.state.archive)
    return page(request, "users.html", status=status, who=who, users=users, roles=accounts.ROLES, error=error)


@router.get("/admin/users")
def users_page(request: Request):
    return _users_page(request, _admin(request))


@router.post("/admin/users")
def add_user(request: Request, csrf: str = Form(""), name: str = Form(""), role: str = Form(""),
             password: str = Form("")):
    who = _admin(request)
    _checked_form(who, csrf)
    try:
        accounts.add_user(request.app.state.archive, name.strip(), role, password, who.user.name)
    except accounts.AccountError as err:
        return _users_page(request, who, err.message(request_lang(request)), status=400)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{name}/remove")
def remove_user(request: Request, name: str, csrf: str = Form("")):
    who = _admin(request)
    _checked_form(who, csrf)
    try:
        accounts.remove_user(request.app.state.archive, name, who.user.name)
    except accounts.AccountError as err:
        return _users_page(request, who, err.message(request_lang(request)), status=400)
    return RedirectResponse("/admin/users", status_code=303)
