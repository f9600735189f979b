"""Archive races and faults (issue 14): concurrent ingests into a new archive, a read-only
archive, failures of the moment (disk full, locked), a 0-byte file, a document past its deadline."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from extractor.archive import Archive, ingest
from extractor.errors import ArchiveEmpty, DatabaseError, TransientFailure

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


def cli(*args: str, user: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "extractor", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def reports(folder: Path, n: int) -> list[Path]:
    if not EXAMPLE.is_file():
        pytest.skip("corpus/reports/example.md is missing")
    text = EXAMPLE.read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"r{i}.md"
        path.write_text(f"{text}\nBản lưu số {i}.\n", "utf-8")
        paths.append(path)
    return paths


def test_two_ingests_started_at_once_on_a_new_archive_both_succeed(tmp_path: Path, db_url: str) -> None:
    files = [str(p) for p in reports(tmp_path / "in", 3)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "extractor", "ingest", *files, "--db", db_url, "--workers", "0"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outcomes = [(run.wait(), run.stderr.read()) for run in runs]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    with Archive(db_url, create=False) as archive, archive.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT path FROM documents")).scalars().all()
    assert sorted(Path(p).name for p in stored) == ["r0.md", "r1.md", "r2.md"]


def test_search_works_on_a_read_only_archive(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="extractor-ro-"))  # outside pytest's 0700 folders
    try:
        folder.chmod(0o755)
        db = folder / "archive.sqlite"
        files = reports(folder / "in", 1)
        assert cli("ingest", str(files[0]), "--db", str(db), "--workers", "0").returncode == 0
        assert not (folder / "archive.sqlite-shm").exists()  # the last connection cleaned up
        user = None
        if os.geteuid() == 0:  # root writes anywhere: read as nobody instead
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv")
            user = 65534
        else:
            db.chmod(0o444)
        folder.chmod(0o555)
        out = cli("search", "khen thuong", "--db", str(db), "--format", "json", user=user)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["hits"]
        assert cli("show", "1", "--db", str(db), user=user).returncode in (0, 2)  # no traceback either way
        assert not (folder / "archive.sqlite-shm").exists()
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_zero_byte_file_is_no_archive_for_reading_commands(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ArchiveEmpty):
        Archive(str(empty), create=False)
    out = cli("--lang", "en", "search", "x", "--db", str(empty))
    assert out.returncode == 2 and out.stderr.startswith(f"File {empty} is empty (0 bytes), not an archive")
    assert empty.stat().st_size == 0  # not turned into an archive by looking at it


def test_a_failure_of_the_moment_is_retried_by_the_next_plain_run(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = reports(tmp_path / "in", 2)
    real_write = Archive.write
    full = {"left": 1}

    def disk_full_once(self, prepared):
        if full["left"]:
            full["left"] -= 1
            raise DatabaseError("archive", "database or disk is full")
        return real_write(self, prepared)

    monkeypatch.setattr(Archive, "write", disk_full_once)
    with Archive(db_url) as archive:
        first = ingest(archive, files, workers=0)
        assert first.ingested == 1 and [f.error_key for f in first.failed] == [TransientFailure.key]
        assert "disk is full" in first.failed[0].reason("en") and "next run" in first.failed[0].reason("en")
        second = ingest(archive, files, workers=0)  # no --retry
        assert (second.ingested, second.unchanged, second.failed, second.transient_retried) == (1, 1, [], 1)


def test_a_permanent_failure_still_waits_for_retry(tmp_path: Path, db_url: str) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with Archive(db_url) as archive:
        assert [f.error_key for f in ingest(archive, [bad], workers=0).failed] == ["error.corrupt"]
        again = ingest(archive, [bad], workers=0)
        assert again.transient_retried == 0 and again.failed[0].attempts == 1  # not tried again


def test_a_document_past_its_deadline_is_recorded_and_the_batch_goes_on(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from extractor import pipeline

    slow, fast = reports(tmp_path / "in", 2)
    real_process = pipeline.process

    def hang_on_the_first(path, **kwargs):
        if Path(path).name == slow.name:
            time.sleep(3600)
        return real_process(path, **kwargs)

    monkeypatch.setattr(pipeline, "process", hang_on_the_first)
    with Archive(db_url) as archive:
        summary = ingest(archive, [slow, fast], workers=0, seconds=2)
    assert summary.ingested == 1
    assert [(Path(f.path).name, f.error_key) for f in summary.failed] == [(slow.name, "error.deadline")]
    assert "EXTRACTOR_LIMIT_DOCUMENT_SECONDS" in summary.failed[0].reason("en")
