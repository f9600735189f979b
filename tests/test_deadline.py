"""The per-document deadline and memory bound (`deadline.run_bounded`, `pipeline.process_guarded`):
a document past them is stopped, even inside C code, and comes back as a typed input error."""
import os
import re
import signal
import time

import pytest

from extractor import deadline
from extractor.errors import CorruptFile, DeadlineExceeded, LimitExceeded, WorkerCrashed
from extractor.pipeline import process_guarded

pytestmark = pytest.mark.skipif(not deadline.can_fork(), reason="the deadline needs fork")


def test_the_result_comes_back_from_the_child():
    assert deadline.run_bounded(lambda: {"pid": os.getpid()}, "x", 30)["pid"] != os.getpid()


def test_a_typed_error_comes_back_whole():
    def fail():
        raise CorruptFile("bad.pdf", "xref")

    with pytest.raises(CorruptFile) as caught:
        deadline.run_bounded(fail, "bad.pdf", 30)
    assert caught.value.path == "bad.pdf" and caught.value.detail == "xref"


def test_python_that_never_ends_is_stopped():
    with pytest.raises(DeadlineExceeded) as caught:
        deadline.run_bounded(lambda: time.sleep(3600), "slow.pdf", 1)
    assert caught.value.path == "slow.pdf" and "EXTRACTOR_LIMIT_DOCUMENT_SECONDS" in caught.value.message("en")


def test_a_hang_inside_c_code_is_stopped():
    # Catastrophic backtracking runs inside the regex engine, where no signal handler runs.
    with pytest.raises(DeadlineExceeded):
        deadline.run_bounded(lambda: re.match(r"(a+)+$", "a" * 64 + "b"), "regex", 1)


def test_a_document_that_wants_too_much_memory_is_refused():
    with pytest.raises((LimitExceeded, WorkerCrashed)) as caught:
        deadline.run_bounded(lambda: bytearray(8 << 30), "big.pdf", 60, memory=256 << 20)
    if isinstance(caught.value, LimitExceeded):
        assert caught.value.limit == "document_memory_bytes"


def test_a_child_that_dies_is_a_crash_naming_the_file():
    with pytest.raises(WorkerCrashed) as caught:
        deadline.run_bounded(lambda: os.kill(os.getpid(), signal.SIGKILL), "crash.pdf", 30)
    assert "crash.pdf" in caught.value.message("vi")


def test_zero_seconds_runs_in_this_process():
    assert deadline.run_bounded(os.getpid, "x", 0) == os.getpid()


def test_process_guarded_runs_the_stages(tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# Báo cáo\n\nNăm 2023 có 12 tập thể được khen thưởng.\n", encoding="utf-8")
    doc = process_guarded(report, until="extract", seconds=120)
    assert doc.blocks and doc.quantities


def test_a_memory_error_kept_as_the_cause_of_another_error_is_the_memory_limit():
    def wrapped():
        try:
            bytearray(8 << 30)
        except MemoryError as exc:
            raise CorruptFile("big.pdf", "MemoryError") from exc

    with pytest.raises((LimitExceeded, WorkerCrashed)) as caught:
        deadline.run_bounded(wrapped, "big.pdf", 60, memory=256 << 20)
    if isinstance(caught.value, LimitExceeded):
        assert caught.value.limit == "document_memory_bytes" and caught.value.path == "big.pdf"
