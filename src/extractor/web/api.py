"""The JSON API (OpenAPI at /openapi.json): uploads, their results, search, decisions,
reviews, the award figures behind the dashboard and exports. Every route needs a user."""

from __future__ import annotations

import base64
import binascii
import io
from typing import Literal, Optional

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from . import jobs, reviews, stats
from .app import MB, WebError, request_lang
from .auth import CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE, Who, tokens_match




def who(request: Request) -> Who:
    """The user of an API request: HTTP Basic credentials when the request carries them, else a
    log-in session (its CSRF token in a header for anything that writes); 401 without either."""
    auth = request.app.state.auth
    header = request.headers.get("authorization", "")
    if header[:6].lower() == "basic ":
        try:
            name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            name, password = "", ""
        client = request.client.host if request.client else "-"
        user = auth.basic(name, password, client) if name else None
        if user is not None:
            return Who(user)
        raise _unauthenticated()
    session = auth.session(request.cookies.get(SESSION_COOKIE))
    if session is not None:
        if request.method not in SAFE_METHODS and not tokens_match(session.csrf, request.headers.get(CSRF_HEADER)):
            raise WebError(403, "web.error.csrf")
        return Who(session.user, session)
    raise _unauthenticated()


def _unauthenticated() -> WebError:
    return WebError(401, "web.error.unauthenticated", headers={"WWW-Authenticate": 'Basic realm="extractor"'})


router = APIRouter(prefix="/api", dependencies=[Depends(who)])  # 401 before anything is read


def reviewer(asking: Who = Depends(who)) -> Who:
    """A user who may upload and review (reviewer or admin): 403 for a viewer."""
    if not asking.user.can_review:
        raise WebError(403, "web.error.forbidden", role=asking.user.role)
    return asking


def _job_or_404(request: Request, upload_id: int) -> dict:
    job = jobs.get(request.app.state.archive, upload_id)
    if job is None:
        raise WebError(404, "web.error.no_report", id=upload_id)
    return job


class Queued(BaseModel):
    id: int
    status: str


@router.post("/reports", status_code=202, response_model=list[Queued])
async def upload_reports(request: Request, file: list[UploadFile] = File(...), asking: Who = Depends(reviewer)):
    """Upload one or several report files (field `file`); each is queued for processing."""
    state = request.app.state
    limit = state.config.upload_limit
    contents = []
    for upload in file:
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise WebError(413, "web.error.too_large", limit=limit // MB)
        contents.append((upload.filename or "upload", data))
    queued = []
    for name, data in contents:
        upload_id = jobs.create(state.archive, state.folder, name, data, asking.user.name)
        state.pool.submit(upload_id, request_lang(request))
        queued.append({"id": upload_id, "status": "queued"})
    return JSONResponse(queued, status_code=202)


@router.get("/reports")
def list_reports(request: Request):
    """Every upload, newest first, with its counts (errors, warnings, infos, checks carried out)."""
    lang = request_lang(request)
    return [_row(job, lang) for job in jobs.listing(request.app.state.archive)]


_REPORT_COLUMNS = (
    "id", "filename", "status", "uploaded_by", "document_id", "errors", "warnings", "infos", "checks", "error", "created_at"
)


def _row(job: dict, lang: str) -> dict:
    return {
        **{k: job[k] for k in _REPORT_COLUMNS[:9]},
        "error": jobs.error_text(job, lang),
        "created_at": job["created_at"].isoformat() if job["created_at"] else None,
    }


@router.get("/reports/{upload_id}")
def get_report(request: Request, upload_id: int):
    """`{id, status, error, result}`: result is the JSON of `extractor check --format json`;
    `reviews` maps each finding id to its archive row (`finding`) and its review, if any."""
    job = _job_or_404(request, upload_id)
    view = jobs.api_view(job, request_lang(request))
    if job["document_id"] is not None:
        view["reviews"] = reviews.of_document(request.app.state.archive, job["document_id"])
    return view


@router.get("/search")
def search(
    request: Request,
    q: str = Query(..., min_length=1),
    type: Optional[str] = None,
    issuer: Optional[str] = None,
    year: Optional[int] = None,
    campaign: Optional[str] = None,
    limit: int = Query(20, ge=1, le=500),
):
    """The hits of `extractor search --format json`."""
    hits = request.app.state.archive.search(q, type=type, issuer=issuer, year=year, campaign=campaign, limit=limit)
    return {"query": q, "hits": [h.as_dict() for h in hits]}


@router.get("/decisions/{ident:path}")
def decision(request: Request, ident: str):
    """What `extractor show --format json` gives: every decision ID names, with its citing reports."""
    views = request.app.state.archive.show(ident)
    if not views:
        raise WebError(404, "web.error.no_decision", id=ident)
    return views


class ReviewIn(BaseModel):
    verdict: Literal["confirmed", "dismissed"]
    note: str = Field("", max_length=4000)


@router.post("/findings/{finding}/review")
def review(request: Request, finding: int, body: ReviewIn, asking: Who = Depends(reviewer)):
    """Confirm or dismiss one finding (its archive row id, `reviews[...].finding` of a report)."""
    stored = reviews.store(request.app.state.archive, finding, body.verdict, body.note, asking.user.name)
    if stored is None:
        raise WebError(404, "web.error.no_finding", id=finding)
    return stored


@router.get("/stats/awards")
def award_stats(request: Request, year: Optional[int] = None):
    """Award counts by form, level, year and issuer (current reports, top-level records)."""
    return stats.award_totals(request.app.state.archive, year)


EXPORT_LISTS = ("reports", "decisions", "citations", "campaigns", "awards", "findings", "search", "audit")


@router.get("/export/{what}")
def export(
    request: Request,
    what: str,
    format: Literal["csv", "xlsx"] = "csv",
    q: Optional[str] = None,
    type: Optional[str] = None,
    issuer: Optional[str] = None,
    year: Optional[int] = None,
    campaign: Optional[str] = None,
    asking: Who = Depends(who),
):
    """Any list as CSV or XLSX: the inbox (`reports`), an archive table, a search (`q`...), the audit."""
    from ..archive.export import write_export

    if what not in EXPORT_LISTS:
        raise WebError(404, "web.error.not_found")
    archive = request.app.state.archive
    lang = request_lang(request)
    if what == "reports":
        rows = [_row(job, lang) for job in jobs.listing(archive, limit=100_000)]
        columns = list(_REPORT_COLUMNS)
    elif what == "search":
        hits = archive.search(q or "", type=type, issuer=issuer, year=year, campaign=campaign, limit=500) if q else []
        rows = [h.as_dict() for h in hits]
        columns = ["kind", "id", "label", "title", "date", "year", "score", "snippet", "also"]
        rows = [{**r, "also": list(r["also"])} for r in rows]
    elif what == "audit":
        if not asking.user.is_admin:
            raise WebError(403, "web.error.forbidden", role=asking.user.role)
        from .accounts import audit_rows

        rows = audit_rows(archive, limit=100_000)
        columns = ["id", "at", "who", "action", "target", "detail"]
    else:
        columns, rows = archive.rows(what)
    out = io.BytesIO()
    write_export(columns, rows, format, out)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    headers = {"Content-Disposition": f'attachment; filename="{what}.{format}"'}
    return Response(out.getvalue(), media_type=media, headers=headers)
