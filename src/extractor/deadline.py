"""One document at a time in a child process that can be stopped: the deadline and the memory
bound of `pipeline.process_guarded`.

A hang can sit in C code (a regex in spaCy's tokenizer, zlib, a malloc storm in pdfminer) where
no Python signal handler ever runs, so the document is processed in a forked child: the parent
waits at most the deadline for its result and then kills it (SIGKILL stops any code). The child
caps its own address space at what it already uses plus `document_memory_bytes`, so a document
that wants more gets a MemoryError (a typed limit error) or dies (`WorkerCrashed`) instead of
taking the machine with it. Fork shares the parent's loaded modules and spaCy model, so a
document costs a fork (milliseconds), not a start-up.

Where fork is missing (Windows), or when the deadline is 0, the work runs in this process
without these bounds. Call it from a process with no other threads doing work (the CLI, an
ingest worker, a web worker process), as fork copies only the calling thread.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from typing import Any, Callable

from .errors import DeadlineExceeded, LimitExceeded, WorkerCrashed
from .parse import limits


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def run_bounded(work: Callable[[], Any], path: str, seconds: float | None = None, memory: int | None = None) -> Any:
    """`work()`'s result, or its exception re-raised; `DeadlineExceeded` when it takes longer
    than `seconds` (default: the `document_seconds` limit), `WorkerCrashed` when the child dies."""
    seconds = limits.value("document_seconds") if seconds is None else seconds
    memory = limits.value("document_memory_bytes") if memory is None else memory
    if seconds <= 0 or not can_fork():
        return work()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, memory, path)
    os.close(write_end)
    try:
        payload = _read_all(read_end, seconds, path)
    finally:
        os.close(read_end)
        _reap(pid)
    if not payload:
        raise WorkerCrashed(path)
    kind, value = pickle.loads(payload)
    if kind == "ok":
        return value
    raise value


def _child(work: Callable[[], Any], fd: int, memory: int, path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent stops, the child dies with it
    code = 0
    try:
        _cap_memory(memory)
        try:
            result = ("ok", work())
        except MemoryError:
            result = ("error", limits.exceeded("document_memory_bytes", path))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            result = ("error", limits.exceeded("document_memory_bytes", path) if _out_of_memory(exc) else exc)
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an exception that cannot cross processes
            data = pickle.dumps(("error", RuntimeError(f"{type(result[1]).__name__}: {result[1]} ({exc})")))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` is, or was raised because of, a MemoryError (a backend that turns every
    failure into CorruptFile keeps it as the cause)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _cap_memory(budget: int) -> None:
    """Address space limited to what the process maps now plus `budget` (0: no cap)."""
    import resource

    if budget <= 0:
        return
    try:
        with open("/proc/self/statm") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # no /proc (macOS): the deadline still holds, the cap does not
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or cap < soft:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _read_all(fd: int, seconds: float, path: str) -> bytes:
    """Everything the child writes until it closes the pipe, or `DeadlineExceeded`."""
    chunks = []
    ends = time.monotonic() + seconds
    while True:
        left = ends - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise DeadlineExceeded(path, seconds=seconds, env=limits.env_name("document_seconds"))
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
