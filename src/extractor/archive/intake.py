"""`ingest`: walk folders, process every new file in worker processes, store each in one
transaction.

The main process hashes each file: a known sha256 is a no-op ("unchanged"), a known failure with
the same content is not tried again unless `retry`. The rest go to N worker processes (spawn, so
the code holds on every platform); each runs `pipeline.process` on a file and writes the report
in one transaction of its own. Writers take turns (SQLite `BEGIN IMMEDIATE`, a PostgreSQL
advisory lock), so the archive sees one report at a time. A run killed at any moment therefore
leaves every report either wholly stored or absent, and the next run stores the absent ones.

Workers write rather than hand their reports back to the main process because the pipeline is
fast (tens of milliseconds a report) next to the write: one writing process became the
bottleneck that kept two workers from being twice as fast as one.

A path that does not exist is a failure like an unreadable file: recorded with its reason, and
the batch goes on. Files with the same bytes are processed one at a time: the first one with
those bytes runs, and the others wait for its outcome. Stored, they count as unchanged (the
archive keeps one copy of some content); failed, the next one runs (its name may give it the
format the first one lacked). `retry` tries every recorded failure again; one whose file is gone
is reported once (`IngestSummary.dropped`) and removed from the list.

Files that are no office documents (`pipeline.process` with `office_only`: a README, an index,
an image next to the reports) are skipped, listed with their reason and not stored, unless the
run is about one file only: that one is stored, with a warning.
"""

from __future__ import annotations

import errno
import importlib
import re
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DatabaseError, FileMissing, InputError, IsADirectory, NotOfficeDocument, TransientFailure
from ..i18n import DEFAULT_LANG, t
from ..parse import sha256
from ..progress import ProgressBar
from .core import Archive, Failure
from .store import Stored, prepare

# Failures of the moment, retried by the next plain run: the system's errno, or words of the
# database's message (SQLite, PostgreSQL).
_TRANSIENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EAGAIN, errno.EBUSY, errno.EIO})
_TRANSIENT_MESSAGE = re.compile(
    r"disk is full|database is locked|database table is locked|disk I/O error|No space left|"
    r"could not extend file|deadlock detected|could not serialize|too many connections",
    re.I,
)
_QUEUE_PER_WORKER = 2  # files handed out ahead per worker, so none waits for the next one
_PARENT_POLL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Task:
    source: str  # the path as walked from what the user gave
    path: str  # absolute: the file's identity across runs
    sha256: str
    office_only: bool = True  # skip a file that is no office document (False: store it, warn)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is no office document (`reason`: a message key): skipped in a batch, or, when
    it was the only file, stored with this as a warning."""

    path: str
    reason_key: str

    def reason(self, lang: str = DEFAULT_LANG) -> str:
        return NotOfficeDocument(self.path, self.reason_key).message(lang)


@dataclass(frozen=True, slots=True)
class Warned:
    """A file stored although it does not look like an office document."""

    stored: Stored
    warning: Skipped


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    dropped: list[Failure] = field(default_factory=list)  # failures whose file is gone (retry)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    transient_retried: int = 0  # failures of the moment (disk full...) tried again by a plain run


def files_under(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(files, missing): the files given and the files inside the folders given (hidden ones
    left out, sorted), and the paths given that do not exist."""
    found: list[Path] = []
    missing: list[Path] = []
    for given in map(Path, paths):
        if given.is_file():
            found.append(given)
        elif given.is_dir():
            found.extend(
                p
                for p in sorted(given.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
        else:
            missing.append(given)
    return found, missing


TaskOutcome = Stored | Failure | Skipped | Warned


def ingest_file(archive: Archive, task: Task, seconds: float | None = None) -> TaskOutcome:
    """Run the pipeline on one file (under the document deadline, `seconds`) and store the
    report; a failure of any kind comes back as a value (one bad file must not stop the run)."""
    from ..pipeline import process_guarded

    warnings: list[NotOfficeDocument] = []
    try:
        doc = process_guarded(
            task.source, until="check", office_only=task.office_only, warn=warnings.append, seconds=seconds
        )
        stored = archive.write(prepare(doc, task.path, "check"))
    except NotOfficeDocument as err:
        return Skipped(task.path, err.detail)
    except Exception as exc:  # noqa: BLE001
        return Failure.of(task.path, task.sha256, transient(exc) or exc)
    return Warned(stored, Skipped(task.path, warnings[0].detail)) if warnings else stored


def transient(exc: BaseException) -> TransientFailure | None:
    """`exc` as a failure of the moment (disk full, database locked), or None."""
    if isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS:
        return TransientFailure(None, exc.strerror or str(exc))
    reason = exc.detail if isinstance(exc, DatabaseError) else str(exc) if isinstance(exc, OSError) else ""
    return TransientFailure(None, reason) if reason and _TRANSIENT_MESSAGE.search(reason) else None


def ingest(
    archive: Archive,
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    retry: bool = False,
    progress: str | None = None,
    seconds: float | None = None,
) -> IngestSummary:
    """Ingest the files under `paths` (and, with `retry`, every recorded failure) with
    `workers` processes (0: in this process). A progress bar on stderr labelled `progress`,
    when given. A file that takes longer than `seconds` (default: the `document_seconds`
    limit) is stopped and recorded as failed. The stored findings are keys and parameters, in
    no language."""
    _load_stages()
    summary = IngestSummary()
    files, missing = files_under(paths)
    for path in missing:
        missed = Failure.of(str(path.resolve()), None, FileMissing(str(path)))
        summary.failed.append(archive.record_failure(missed))
    if retry:
        files += _failures_to_retry(archive, files + missing, summary)
    with ProgressBar(len(files), progress or "", progress is not None) as advance:
        tasks, twins = _new_tasks(archive, files, summary, retry, advance, office_only=len(files) + len(missing) > 1)
        queue = deque(tasks)
        outcomes = (
            _in_process(archive, queue, seconds)
            if workers <= 0
            else _in_workers(archive, queue, workers, seconds)
        )
        for task, outcome in outcomes:
            _record(archive, outcome, summary)
            advance()
            for twin in twins.settle(task, outcome, queue):
                if isinstance(outcome, Skipped):
                    summary.skipped.append(Skipped(twin.path, outcome.reason_key))
                else:
                    _count_unchanged(archive, twin.path, summary, had_failed=True)
                advance()
    return summary


def _load_stages() -> None:
    """Import the later stages now, so that a broken install stops the run here, loudly, before
    any file is tried."""
    for module in ("extractor.nlp", "extractor.reconcile"):
        importlib.import_module(module)


def _failures_to_retry(archive: Archive, given: list[Path], summary: IngestSummary) -> list[Path]:
    """The recorded failures not among the paths `given`, to try again; those whose file is
    gone are dropped from the record (reported once, in `summary.dropped`)."""
    listed = {str(p.resolve()) for p in given}
    again = []
    for failure in archive.failures():
        path = Path(failure.path)
        if str(path.resolve()) in listed:
            continue
        if path.is_file():
            again.append(path)
        else:
            archive.forget_failure(failure.path)
            summary.dropped.append(Failure.of(failure.path, failure.sha256, _unreadable(path)))
    return again


def _unreadable(path: Path) -> InputError:
    return IsADirectory(str(path)) if path.is_dir() else FileMissing(str(path))


class _Twins:
    """Files with the same bytes as a file of the batch being processed, waiting for its
    outcome: stored, they are unchanged; failed, the next one is processed."""

    def __init__(self) -> None:
        self.waiting: dict[str, deque[Task]] = {}

    def hold(self, task: Task) -> bool:
        """Whether `task` waits for a file with its bytes (True) or is the first (False)."""
        if task.sha256 in self.waiting:
            self.waiting[task.sha256].append(task)
            return True
        self.waiting[task.sha256] = deque()
        return False

    def settle(self, task: Task, outcome: TaskOutcome, queue: deque[Task]) -> list[Task]:
        """After `task`'s outcome: its twins now unchanged, or (failed) the next one queued."""
        waiting = self.waiting.get(task.sha256)
        if not waiting:
            return []
        if isinstance(outcome, Failure):
            queue.append(waiting.popleft())
            return []
        del self.waiting[task.sha256]
        return list(waiting)


def _new_tasks(
    archive: Archive, files: list[Path], summary: IngestSummary, retry: bool, advance, office_only: bool = True
) -> tuple[list[Task], _Twins]:
    """Hash every file; count the known ones as unchanged (or failed); return the rest to
    process, but only the first of the files with the same bytes (the others wait in _Twins)."""
    known = archive.known_sha256()
    failed = {f.path: f for f in archive.failures()}
    tasks, twins = [], _Twins()
    for file in files:
        path = str(file.resolve())
        try:
            digest = sha256(file.read_bytes())
        except OSError as exc:
            summary.failed.append(
                archive.record_failure(Failure(path, None, InputError.key, exc.strerror or str(exc)))
            )
            advance()
            continue
        previous = failed.get(path)
        if digest in known:
            _count_unchanged(archive, path, summary, had_failed=previous is not None)
        elif previous and previous.sha256 == digest and not retry and previous.error_key != TransientFailure.key:
            summary.failed.append(previous)
        else:
            if previous and previous.error_key == TransientFailure.key and not retry:
                summary.transient_retried += 1
            task = Task(str(file), path, digest, office_only)
            if not twins.hold(task):
                tasks.append(task)
            continue
        advance()
    return tasks, twins


def _count_unchanged(archive: Archive, path: str, summary: IngestSummary, *, had_failed: bool) -> None:
    """A file whose bytes the archive holds: unchanged, and no longer a failure (`had_failed`:
    it may have been one)."""
    summary.unchanged += 1
    if had_failed:
        archive.forget_failure(path)


def _record(archive: Archive, outcome: TaskOutcome, summary: IngestSummary) -> None:
    if isinstance(outcome, Warned):
        summary.warnings.append(outcome.warning)
        outcome = outcome.stored
    if isinstance(outcome, Failure):
        try:
            summary.failed.append(archive.record_failure(outcome))
        except DatabaseError:  # the disk is full for the record too: unrecorded, the next run tries it
            summary.failed.append(outcome)
    elif isinstance(outcome, Skipped):
        summary.skipped.append(outcome)
    elif outcome.outcome == "ingested":
        summary.ingested += 1
    else:
        summary.unchanged += 1


# The runners below take tasks from a queue that may grow while they run (a failed file's
# twin is queued after its outcome) and yield (task, outcome) pairs.


def _in_process(
    archive: Archive, queue: deque[Task], seconds: float | None
) -> Iterator[tuple[Task, TaskOutcome]]:
    while queue:
        task = queue.popleft()
        yield task, ingest_file(archive, task, seconds)


def _in_workers(
    archive: Archive, queue: deque[Task], workers: int, seconds: float | None
) -> Iterator[tuple[Task, TaskOutcome]]:
    """Outcomes in completion order, from `workers` processes that write their reports
    themselves, taking turns on one lock (shared with this process's own writes)."""
    context = multiprocessing.get_context("spawn")
    lock = context.Lock()
    start = (archive.url.render_as_string(hide_password=False), os.getpid(), lock)
    archive.writer_lock, own_lock = lock, archive.writer_lock
    try:
        yield from _pooled(queue, workers, seconds, context, start)
    finally:
        archive.writer_lock = own_lock


def _pooled(
    queue: deque[Task], workers: int, seconds: float | None, context, start: tuple
) -> Iterator[tuple[Task, TaskOutcome]]:
    """A worker that dies takes the files it was holding with it: they are reported as failures
    (to retry) and the run goes on with a fresh pool."""
    while queue:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=start
        ) as pool:
            running: dict[Future, Task] = {}
            broken = False
            while (queue or running) and not broken:
                while queue and len(running) < workers * _QUEUE_PER_WORKER:
                    task = queue.popleft()
                    running[pool.submit(_ingest_in_worker, task, seconds)] = task
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool as exc:
                        broken = True
                        outcome = Failure.of(task.path, task.sha256, exc)
                    yield task, outcome
            for task in running.values():
                yield task, Failure.of(task.path, task.sha256, BrokenProcessPool("worker process died"))


_worker_archive: Archive | None = None


def _start_worker(db_url: str, parent: int, writer_lock) -> None:
    global _worker_archive
    _watch_parent(parent)
    _worker_archive = Archive(db_url)
    _worker_archive.writer_lock = writer_lock


def _ingest_in_worker(task: Task, seconds: float | None) -> TaskOutcome:
    return ingest_file(_worker_archive, task, seconds)


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the ingesting process is gone (killed), instead of lingering."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
