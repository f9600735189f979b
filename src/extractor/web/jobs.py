"""Upload jobs: each uploaded file is stored under a name of our own, queued, and processed by a
background worker pool (never in the request) with `pipeline.process`, like `ingest`.

A worker parses, extracts and checks the file (passed checks counted, not stored), stores the
report in the archive and writes the job's outcome: `done` with the JSON of `check --format
json`, or `failed` with a one-line reason (a message key and its detail). `workers=0` runs jobs
in one thread of the server's process (tests, small machines); N > 0 uses N spawned processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..archive import Archive
from ..archive.schema import uploads
from ..errors import ExtractorError
from ..i18n import DEFAULT_LANG, t
from .accounts import now, record

STATUSES = ("queued", "processing", "done", "failed")
# The only suffixes a stored file gets: the content decides the format, the suffix only breaks
# the Markdown / plain-text tie as it does for the CLI.
_KEPT_SUFFIXES = {".md": ".md", ".markdown": ".md", ".txt": ".txt", ".text": ".txt"}


def stored_name(upload_id: int, filename: str) -> str:
    """The stored file's name: the job id and, for text, a known suffix; never the name sent."""
    return f"{upload_id}{_KEPT_SUFFIXES.get(Path(filename).suffix.lower(), '')}"


def shown_name(filename: str) -> str:
    """The file name as a person reads it: the last part of what the browser sent, no control
    characters, at most 200 characters."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in base if ch.isprintable()).strip()
    return clean[:200] or "upload"


def create(archive: Archive, folder: Path, filename: str, data: bytes, who: str) -> int:
    """Store one uploaded file and queue its job (audited); returns the job id."""
    name = shown_name(filename)
    with archive._transaction() as conn:
        upload_id = conn.execute(
            uploads.insert()
            .values(filename=name, stored="", size=len(data), uploaded_by=who, status="queued", created_at=now())
            .returning(uploads.c.id)
        ).scalar_one()
        stored = stored_name(upload_id, name)
        (folder / stored).write_bytes(data)
        conn.execute(sa.update(uploads).where(uploads.c.id == upload_id).values(stored=stored))
        record(conn, who, "upload", str(upload_id), {"filename": name, "size": len(data)})
    return upload_id


def get(archive: Archive, upload_id: int) -> dict[str, Any] | None:
    with archive._read() as conn:
        row = conn.execute(sa.select(uploads).where(uploads.c.id == upload_id)).mappings().first()
    return dict(row) if row else None


def listing(archive: Archive, limit: int = 500) -> list[dict[str, Any]]:
    """The jobs, newest first, without their result JSON."""
    columns = [c for c in uploads.c if c.name != "result"]
    with archive._read() as conn:
        rows = conn.execute(sa.select(*columns).order_by(uploads.c.id.desc()).limit(limit)).mappings()
        return [dict(r) for r in rows]


def unfinished(archive: Archive) -> list[int]:
    """Jobs queued or cut short (a server stopped while they ran): to queue again at start."""
    with archive._read() as conn:
        stmt = sa.select(uploads.c.id).where(uploads.c.status.in_(("queued", "processing"))).order_by(uploads.c.id)
        return list(conn.execute(stmt).scalars())


def error_text(job: dict[str, Any], lang: str) -> str | None:
    """A failed job's one-line reason in `lang`, naming the file as it was sent."""
    if job["status"] != "failed" or not job["error_key"]:
        return None
    text = t(job["error_key"], lang, path=job["filename"])
    return f"{text} ({job['error_detail']})" if job["error_detail"] else text


def api_view(job: dict[str, Any], lang: str) -> dict[str, Any]:
    """The job as `GET /api/reports/{id}` gives it."""
    return {
        "id": job["id"],
        "status": job["status"],
        "error": error_text(job, lang),
        "result": json.loads(job["result"]) if job.get("result") else None,
        "document_id": job["document_id"],
    }


# --- the work itself (in a worker) ---------------------------------------------------------------


def _set(archive: Archive, upload_id: int, **values: Any) -> None:
    with archive._transaction() as conn:
        conn.execute(sa.update(uploads).where(uploads.c.id == upload_id).values(**values))


def run(archive: Archive, folder: Path, upload_id: int, lang: str = DEFAULT_LANG) -> str:
    """Process one job to its end; returns its final status. Never raises for a bad file."""
    from ..model import to_dict
    from ..pipeline import process_guarded

    job = get(archive, upload_id)
    if job is None or job["status"] in ("done", "failed"):
        return job["status"] if job else "failed"
    path = folder / job["stored"]
    try:
        _set(archive, upload_id, status="processing")
        doc = process_guarded(path, until="check")
        carried_out = sum((doc.checks or {}).values())
        doc.source = job["filename"]
        stored = archive.store(doc, path=str(path.resolve()))
        severities = [f.severity for f in doc.findings]
        _set(
            archive,
            upload_id,
            status="done",
            document_id=stored.document_id,
            result=json.dumps(to_dict(doc, lang=lang), ensure_ascii=False),
            errors=severities.count("error"),
            warnings=severities.count("warning"),
            infos=severities.count("info"),
            checks=carried_out,
            layout=json.dumps([table.after_block for table in doc.tables]),
            finished_at=now(),
        )
        return "done"
    except Exception as exc:  # noqa: BLE001 - a bad file or a bug: a one-line reason, never a trace
        key, detail = (exc.key, exc.detail) if isinstance(exc, ExtractorError) else (
            "error.internal", type(exc).__name__)
        try:
            _set(archive, upload_id, status="failed", error_key=key, error_detail=detail, finished_at=now())
        except ExtractorError:  # the archive itself is unusable: the job stays queued, retried at start
            pass
        return "failed"


_worker: tuple[Archive, Path] | None = None


def _start_worker(db_url: str, folder: str) -> None:
    global _worker
    _worker = (Archive(db_url), Path(folder))


def _run_in_worker(upload_id: int, lang: str) -> str:
    archive, folder = _worker
    return run(archive, folder, upload_id, lang)


class Pool:
    """The background workers. `submit(id)` queues a job and returns at once."""

    def __init__(self, archive: Archive, folder: Path, workers: int) -> None:
        self.archive, self.folder = archive, folder
        if workers <= 0:
            self.executor: Executor = ThreadPoolExecutor(1, thread_name_prefix="extractor-job")
            self.in_process = True
        else:
            url = archive.url.render_as_string(hide_password=False)
            self.executor = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(url, str(folder)),
            )
            self.in_process = False

    def submit(self, upload_id: int, lang: str = DEFAULT_LANG):
        if self.in_process:
            return self.executor.submit(run, self.archive, self.folder, upload_id, lang)
        return self.executor.submit(_run_in_worker, upload_id, lang)

    def resume(self) -> None:
        for upload_id in unfinished(self.archive):
            self.submit(upload_id)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def default_folder(archive: Archive) -> Path:
    """Uploaded files beside an SQLite archive (`uploads/`), else in the user data folder."""
    from ..archive.db import default_path

    if archive.dialect == "sqlite" and archive.url.database not in (None, "", ":memory:"):
        return Path(archive.url.database).parent / "uploads"
    return default_path().parent / "uploads"


def ensure_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder
