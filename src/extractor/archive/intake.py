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

Stages not installed yet (the NLP or reconcile package) are skipped: what the available stages
give is stored, and the document row says which stage it reached.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import FileMissing, InputError
from ..i18n import DEFAULT_LANG, t
from ..parse import sha256
from .core import Archive, Failure
from .store import Stored, prepare

_QUEUE_PER_WORKER = 2  # files handed out ahead per worker, so none waits for the next one
_PARENT_POLL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Task:
    source: str  # the path as walked from what the user gave
    path: str  # absolute: the file's identity across runs
    sha256: str


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)


def files_under(paths: Iterable[str | Path]) -> list[Path]:
    """The files given and the files inside the folders given (hidden ones left out), sorted;
    `FileMissing` for a path that does not exist."""
    found: list[Path] = []
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
            raise FileMissing(str(given))
    return found


@lru_cache(maxsize=1)
def available_stage() -> str:
    """The last pipeline stage whose package imports here: check, extract or parse."""
    stage = "parse"
    for name, module in (("extract", "extractor.nlp"), ("check", "extractor.reconcile")):
        try:
            importlib.import_module(module)
        except ImportError:
            break
        stage = name
    return stage


def ingest_file(archive: Archive, task: Task, lang: str = DEFAULT_LANG) -> Stored | Failure:
    """Run the pipeline on one file and store the report; a failure of any kind comes back as a
    value (one bad file must not stop the run)."""
    from ..pipeline import process

    stage = available_stage()
    try:
        doc = process(task.source, until=stage, lang=lang)
        return archive.write(prepare(doc, task.path, stage))
    except Exception as exc:  # noqa: BLE001
        return Failure.of(task.path, task.sha256, exc)


def ingest(
    archive: Archive,
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    retry: bool = False,
    lang: str = DEFAULT_LANG,
    progress: bool = False,
) -> IngestSummary:
    """Ingest the files under `paths` (and, with `retry`, every recorded failure) with
    `workers` processes (0: in this process). Progress bar on stderr when `progress`."""
    summary = IngestSummary()
    files = files_under(paths)
    if retry:
        listed = {str(p.resolve()) for p in files}
        files += [Path(f.path) for f in archive.failures() if str(Path(f.path).resolve()) not in listed]
    with _progress_bar(len(files), lang, progress) as advance:
        tasks = _new_tasks(archive, files, summary, retry, advance)
        outcomes = (
            _in_process(archive, tasks, lang) if workers <= 0 else _in_workers(archive, tasks, workers, lang)
        )
        for outcome in outcomes:
            _record(archive, outcome, summary)
            advance()
    return summary


def _new_tasks(
    archive: Archive, files: list[Path], summary: IngestSummary, retry: bool, advance
) -> list[Task]:
    """Hash every file; count the known ones as unchanged (or failed), return the rest."""
    known = archive.known_sha256()
    failed = {f.path: f for f in archive.failures()}
    tasks = []
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
            summary.unchanged += 1
            if previous:
                archive.forget_failure(path)
        elif previous and previous.sha256 == digest and not retry:
            summary.failed.append(previous)
        else:
            known.add(digest)
            tasks.append(Task(str(file), path, digest))
            continue
        advance()
    return tasks


def _record(archive: Archive, outcome: Stored | Failure, summary: IngestSummary) -> None:
    if isinstance(outcome, Failure):
        summary.failed.append(archive.record_failure(outcome))
    elif outcome.outcome == "ingested":
        summary.ingested += 1
    else:
        summary.unchanged += 1


def _in_process(archive: Archive, tasks: list[Task], lang: str) -> Iterator[Stored | Failure]:
    for task in tasks:
        yield ingest_file(archive, task, lang)


def _in_workers(archive: Archive, tasks: list[Task], workers: int, lang: str) -> Iterator[Stored | Failure]:
    """Outcomes in completion order, from `workers` processes that write their reports
    themselves, taking turns on one lock (shared with this process's own writes)."""
    queue = deque(tasks)
    context = multiprocessing.get_context("spawn")
    lock = context.Lock()
    start = (archive.url.render_as_string(hide_password=False), os.getpid(), lock)
    archive.writer_lock, own_lock = lock, archive.writer_lock
    try:
        yield from _pooled(queue, workers, lang, context, start)
    finally:
        archive.writer_lock = own_lock


def _pooled(queue: deque[Task], workers: int, lang: str, context, start: tuple) -> Iterator[Stored | Failure]:
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
                    running[pool.submit(_ingest_in_worker, task, lang)] = task
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool as exc:
                        broken = True
                        yield Failure.of(task.path, task.sha256, exc)
            for task in running.values():
                yield Failure.of(task.path, task.sha256, BrokenProcessPool("worker process died"))


_worker_archive: Archive | None = None


def _start_worker(db_url: str, parent: int, writer_lock) -> None:
    global _worker_archive
    _watch_parent(parent)
    _worker_archive = Archive(db_url)
    _worker_archive.writer_lock = writer_lock


def _ingest_in_worker(task: Task, lang: str) -> Stored | Failure:
    return ingest_file(_worker_archive, task, lang)


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the ingesting process is gone (killed), instead of lingering."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _progress_bar:
    """A rich progress bar on stderr; a no-op when not wanted."""

    def __init__(self, total: int, lang: str, enabled: bool) -> None:
        self.total, self.lang, self.enabled = total, lang, enabled
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.bar.start()
        task = self.bar.add_task(t("archive.progress", self.lang), total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
