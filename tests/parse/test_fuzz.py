"""Fuzz: the project's own sample reports, damaged (devtools/fuzz.py), through the whole pipeline
under the document deadline. Every case ends in a Document or a typed error (exit 0/1/2 in the
CLI); an internal error, a hang past the deadline or a crash is a finding. `make test` runs a
bounded, reproducible number of cases (EXTRACTOR_FUZZ_CASES, default 8 a format); `make fuzz`
runs many more, random."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import deadline
from extractor.devtools.fuzz import damaged
from extractor.errors import DeadlineExceeded, ExtractorError, WorkerCrashed
from extractor.pipeline import process_guarded

REPORTS = Path(__file__).resolve().parents[2] / "corpus" / "reports"
CASES = int(os.environ.get("EXTRACTOR_FUZZ_CASES", "8"))
RANDOM = os.environ.get("EXTRACTOR_FUZZ_RANDOM") == "1"
SECONDS = 60

pytestmark = pytest.mark.skipif(not deadline.can_fork(), reason="the fuzz cases run under the deadline (fork)")


def outcome(path: Path) -> str:
    """"ok", or the key of the typed error; an internal error fails the test."""
    try:
        process_guarded(path, until="check", seconds=SECONDS)
        return "ok"
    except (DeadlineExceeded, WorkerCrashed):
        raise
    except ExtractorError as err:
        return err.key


@pytest.mark.parametrize("suffix", ["docx", "pdf", "md"])
def test_a_damaged_sample_ends_in_a_document_or_a_typed_error(suffix: str, tmp_path_factory) -> None:
    sample = REPORTS / f"example.{suffix}"
    if not sample.is_file():
        pytest.skip(f"{sample} is missing")
    folder = tmp_path_factory.mktemp(f"fuzz-{suffix}")
    seen: dict[str, int] = {}

    @settings(
        max_examples=CASES, deadline=None, derandomize=not RANDOM, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=damaged(suffix, sample.read_bytes()))
    def case(data: bytes) -> None:
        path = folder / f"case.{suffix}"
        path.write_bytes(data)
        key = outcome(path)
        seen[key] = seen.get(key, 0) + 1

    case()
    print(f"fuzz {suffix}: {sum(seen.values())} cases, outcomes {dict(sorted(seen.items()))}")
    assert sum(seen.values()) >= min(CASES, 1)
