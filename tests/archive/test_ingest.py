"""Ingest through the real pipeline on real files: the corpus' example report, made distinct."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.archive import Archive, ingest
from extractor.errors import CorruptFile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"
SRC = ROOT / "src"


@pytest.fixture(scope="module")
def example_text() -> str:
    if not EXAMPLE.is_file():
        pytest.skip("corpus/reports/example.md is missing")
    return EXAMPLE.read_text("utf-8")


def write_reports(folder: Path, text: str, n: int) -> list[Path]:
    """`n` distinct reports (one closing line differs), in a nested folder layout."""
    paths = []
    for i in range(n):
        path = folder / f"batch{i % 3}" / f"report-{i:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{text}\nBản lưu số {i}.\n", "utf-8")
        paths.append(path)
    return paths


def write_bad_files(folder: Path) -> dict[str, str]:
    """Files that are not reports, by name, with the error key each must fail with."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return {"empty.txt": "error.empty", "cut.pdf": "error.corrupt", "broken.docx": "error.corrupt"}


def test_a_folder_with_bad_files_stores_the_good_and_lists_the_bad(
    tmp_path: Path, db_url: str, example_text: str
) -> None:
    good = write_reports(tmp_path / "in", example_text, 3)
    expected = write_bad_files(tmp_path / "in" / "bad")
    (tmp_path / "in" / ".hidden").write_bytes(b"\x00\x01")  # hidden files are not walked
    with Archive(db_url) as archive:
        summary = ingest(archive, [tmp_path / "in"], workers=2)
        assert (summary.ingested, summary.unchanged) == (len(good), 0)
        assert {Path(f.path).name: f.error_key for f in summary.failed} == expected
        assert all(str(tmp_path) in f.reason("en") for f in summary.failed)
        assert {Path(f.path).name for f in archive.failures()} == set(expected)
        assert archive.counts()["reports"] == len(good)

        again = ingest(archive, [tmp_path / "in"], workers=0)
        assert (again.ingested, again.unchanged, len(again.failed)) == (0, len(good), len(expected))
        assert {f.attempts for f in archive.failures()} == {1}  # known failures are not retried

        (tmp_path / "in" / "bad" / "empty.txt").write_text(example_text + "\nBổ sung.\n", "utf-8")
        retried = ingest(archive, [], workers=0, retry=True)
        assert (retried.ingested, len(retried.failed)) == (1, 2)
        assert {f.attempts for f in archive.failures()} == {2}
        assert archive.counts()["reports"] == len(good) + 1


def test_re_ingesting_the_same_files_is_a_no_op(tmp_path: Path, db_url: str, example_text: str) -> None:
    write_reports(tmp_path / "in", example_text, 2)
    with Archive(db_url) as archive:
        first = ingest(archive, [tmp_path / "in"], workers=0)
        before = archive.counts()
        second = ingest(archive, [tmp_path / "in", tmp_path / "in" / "batch0"], workers=0)
        assert (first.ingested, second.ingested, second.unchanged) == (2, 0, 3)
        assert archive.counts() == before


def test_a_changed_file_is_a_new_version(tmp_path: Path, db_url: str, example_text: str) -> None:
    (path,) = write_reports(tmp_path / "in", example_text, 1)
    with Archive(db_url) as archive:
        ingest(archive, [path], workers=0)
        path.write_text(example_text + "\nBản sửa đổi.\n", "utf-8")
        summary = ingest(archive, [path], workers=0)
        assert summary.ingested == 1
        counts = archive.counts()
        assert (counts["documents"], counts["reports"]) == (2, 1)


def test_a_missing_path_is_a_failure_and_the_batch_goes_on(
    tmp_path: Path, db_url: str, example_text: str
) -> None:
    (good,) = write_reports(tmp_path / "in", example_text, 1)
    nowhere = tmp_path / "nowhere.md"
    with Archive(db_url) as archive:
        summary = ingest(archive, [nowhere, good], workers=0)
        assert summary.ingested == 1
        assert [(Path(f.path).name, f.error_key) for f in summary.failed] == [("nowhere.md", "error.missing")]
        assert str(nowhere) in summary.failed[0].reason("en")
        assert [Path(f.path).name for f in archive.failures()] == ["nowhere.md"]


def test_a_broken_install_stops_the_run_instead_of_storing_less(
    tmp_path: Path, sqlite_url: str, example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_reports(tmp_path / "in", example_text, 1)
    monkeypatch.setitem(sys.modules, "extractor.nlp", None)  # makes importing it fail
    with Archive(sqlite_url) as archive:
        with pytest.raises(ImportError):
            ingest(archive, [tmp_path / "in"], workers=0)
        assert archive.counts()["documents"] == 0


# --- files with the same bytes in one batch -------------------------------------------------


def _copies(folder: Path, text: str, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(text, "utf-8")
    return [folder / name for name in names]


@pytest.mark.parametrize("workers", [0, 2])
def test_copies_in_one_batch_are_stored_once(
    tmp_path: Path, sqlite_url: str, example_text: str, workers: int
) -> None:
    _copies(tmp_path / "in", example_text, ["a.md", "b.md", "c.md"])
    with Archive(sqlite_url) as archive:
        summary = ingest(archive, [tmp_path / "in"], workers=workers)
        assert (summary.ingested, summary.unchanged, summary.failed) == (1, 2, [])
        assert archive.counts()["documents"] == 1


def _failing_for(monkeypatch: pytest.MonkeyPatch, names: set[str]) -> None:
    """Make the pipeline fail on the files of these names (the others run as usual)."""
    import extractor.pipeline as pipeline

    real = pipeline.process

    def process(path, **kwargs):
        if Path(path).name in names:
            raise CorruptFile(str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(pipeline, "process", process)


def test_when_the_first_copy_fails_the_next_one_is_tried(
    tmp_path: Path, db_url: str, example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _copies(tmp_path / "in", example_text, ["a.md", "b.md", "c.md"])
    _failing_for(monkeypatch, {"a.md", "b.md"})
    with Archive(db_url) as archive:
        summary = ingest(archive, [tmp_path / "in"], workers=0)
        assert (summary.ingested, summary.unchanged) == (1, 0)
        assert sorted(Path(f.path).name for f in summary.failed) == ["a.md", "b.md"]
        assert sorted(Path(f.path).name for f in archive.failures()) == ["a.md", "b.md"]
        assert archive.counts()["reports"] == 1

        retried = ingest(archive, [], workers=0, retry=True)  # their bytes are stored now (as c.md)
        assert (retried.ingested, retried.unchanged, retried.failed) == (0, 2, [])
        assert archive.failures() == []


def test_retry_drops_a_failure_whose_file_is_gone(tmp_path: Path, db_url: str) -> None:
    expected = write_bad_files(tmp_path / "in")
    with Archive(db_url) as archive:
        ingest(archive, [tmp_path / "in"], workers=0)
        (tmp_path / "in" / "empty.txt").unlink()
        retried = ingest(archive, [], workers=0, retry=True)
        assert [(Path(f.path).name, f.error_key) for f in retried.dropped] == [("empty.txt", "error.missing")]
        assert sorted(Path(f.path).name for f in retried.failed) == sorted(set(expected) - {"empty.txt"})
        assert "empty.txt" not in {Path(f.path).name for f in archive.failures()}
        again = ingest(archive, [], workers=0, retry=True)
        assert again.dropped == [] and len(again.failed) == len(expected) - 1


# --- killed mid-run -------------------------------------------------------------------------


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _ingest_command(folder: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "ingest", str(folder), "--db", db, "--workers", "2"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}


@pytest.mark.slow
def test_an_ingest_killed_mid_run_resumes_with_every_report_once(tmp_path: Path, example_text: str) -> None:
    db = tmp_path / "archive.sqlite"
    files = write_reports(tmp_path / "in", example_text, 60)
    proc = subprocess.Popen(
        _ingest_command(tmp_path / "in", str(db)),
        env=_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        give_up = time.monotonic() + 120  # a guard against hanging, not a measurement
        while _stored(db) < 3 and proc.poll() is None and time.monotonic() < give_up:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, at once
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    stored_when_killed = _stored(db)
    assert 0 < stored_when_killed < len(files), "the kill must land mid-run"

    rerun = subprocess.run(
        _ingest_command(tmp_path / "in", str(db)), env=_env(), capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        shas = [r[0] for r in conn.execute("SELECT sha256 FROM documents")]
        paths = sorted(r[0] for r in conn.execute("SELECT path FROM documents"))
        entries = conn.execute("SELECT count(*) FROM search_entries WHERE kind = 'report'").fetchone()[0]
        failures = conn.execute("SELECT count(*) FROM failures").fetchone()[0]
    assert len(shas) == len(set(shas)) == len(files)
    assert paths == sorted(str(p.resolve()) for p in files)
    assert (entries, failures) == (len(files), 0)
