"""The application factory: `create_app(Config(...))` -> a FastAPI app over one archive."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..archive import Archive
from ..errors import ExtractorError
from ..i18n import DEFAULT_LANG, LANGS, t
from . import jobs
from .auth import Authenticator, LoginLimiter

MB = 1024 * 1024
FILES_PER_REQUEST = 20  # a request's body may hold this many files at the limit, no more


@dataclass
class Config:
    db: str | None = None  # as `--db`: a URL, an SQLite file, or None for EXTRACTOR_DB / the default
    workers: int = 1  # worker processes for the uploads (0: one thread in the server's process)
    upload_limit: int = 50 * MB  # bytes per file
    uploads: Path | None = None  # where uploaded files are kept (default: beside the archive)
    secure_cookies: bool = False  # set the cookies' Secure flag (behind HTTPS)
    login_attempts: int = 5  # failed log-ins allowed per client address or user name ...
    login_window: float = 300.0  # ... in this many seconds
    extra: dict = field(default_factory=dict)


class WebError(Exception):
    """A request that cannot be served: an HTTP status and a one-line message (key + params)."""

    def __init__(self, status: int, key: str, headers: dict | None = None, **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params, self.headers = status, key, params, headers or {}

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


def request_lang(request: Request) -> str:
    """`?lang=` first, then the language cookie the switch sets, else Vietnamese."""
    lang = request.query_params.get("lang") or request.cookies.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_response(request: Request, status: int, message: str, headers: dict | None = None):
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    from .pages import error_page

    return error_page(request, status, message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError):
        if exc.status == 401 and not _is_api(request):
            return RedirectResponse("/login", status_code=303)
        return _error_response(request, exc.status, exc.message(request_lang(request)), exc.headers)

    @app.exception_handler(ExtractorError)
    async def extractor_error(request: Request, exc: ExtractorError):
        status = 404 if exc.key == "error.not_found" else 400
        return _error_response(request, status, exc.message(request_lang(request)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        key = {404: "web.error.not_found", 405: "web.error.method"}.get(exc.status_code, "web.error.request")
        return _error_response(request, exc.status_code, t(key, request_lang(request)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        reason = first.get("msg", "")
        return _error_response(request, 422, t("web.error.invalid", request_lang(request), field=where, reason=reason))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):  # never a stack trace in a response
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise exc
        return _error_response(request, 500, t("web.error.internal", request_lang(request), kind=type(exc).__name__))


def create_app(config: Config | None = None) -> FastAPI:
    config = config or Config()
    archive = Archive(config.db)
    folder = jobs.ensure_folder(config.uploads or jobs.default_folder(archive))
    pool = jobs.Pool(archive, folder, config.workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        pool.resume()
        yield
        pool.close()
        archive.close()

    app = FastAPI(title="extractor", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.config = config
    app.state.archive = archive
    app.state.folder = folder
    app.state.pool = pool
    app.state.auth = Authenticator(archive, LoginLimiter(config.login_attempts, config.login_window))
    _install_error_handlers(app)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        """A body larger than FILES_PER_REQUEST files at the limit is refused before it is read
        (each file is held to the limit as it is read)."""
        length = request.headers.get("content-length")
        if request.method == "POST" and length and length.isdigit() and int(length) > config.upload_limit * FILES_PER_REQUEST + MB:
            message = t("web.error.too_large", request_lang(request), limit=config.upload_limit // MB)
            return _error_response(request, 413, message)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("extractor.web", "static")]), name="static")
    return app


def serve(config: Config, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level="info", server_header=False)
