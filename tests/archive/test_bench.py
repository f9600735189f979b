"""The archive benchmark still runs (tiny sizes; the figures themselves are not tested)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "archive_bench.py"


def test_the_archive_bench_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("archive_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.main(["--decisions", "300", "--reports", "60", "--queries", "10", "--skip-ingest"])
    out = capsys.readouterr().out
    assert "60 reports" in out
    for kind in ("free text", "no diacritics", "number/symbol"):
        assert kind in out
