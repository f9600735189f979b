"""Hostile arguments and queries (issue 14): one-line usage errors with exit code 2 and the same
answer on both backends."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.archive import Archive
from extractor.errors import QueryTooLong
from extractor.parse.limits import query_bound

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def stored(db_url: str, build) -> str:
    with Archive(db_url) as archive:
        archive.store(build.figures(build.dong_thap()))
    return db_url


@pytest.mark.parametrize(
    "args",
    [
        ("search", "khen thưởng", "--limit", "9223372036854775807"),
        ("search", "khen thưởng", "--limit", "0"),
        ("search", "khen thưởng", "--year", "99999999999999999999"),
        ("search", "khen thưởng", "--year", "-5"),
        ("show", "99999999999999999999999"),
        ("show", "²"),
        ("show", "١٢"),  # Arabic-Indic digits: isdigit() but no id
    ],
)
def test_an_impossible_argument_is_a_one_line_usage_error(stored: str, args: tuple[str, ...]) -> None:
    out = cli("--lang", "en", *args, "--db", stored)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("Invalid use of ") and len(out.stderr.strip().splitlines()) == 1
    assert out.stdout == ""


def test_the_largest_accepted_values_still_work(stored: str) -> None:
    assert cli("search", "dong thap", "--limit", "1000000", "--year", "2023", "--db", stored).returncode == 0
    assert cli("show", "9223372036854775807", "--db", stored).returncode == 2  # no such id: not found


@pytest.mark.parametrize(
    "query",
    [
        " ".join(["khen"] * 200),  # RecursionError on PostgreSQL before
        " ".join(f"w{i}" for i in range(20_000)),  # a segfault of PostgreSQL's parser before
        "x" * 3000,  # dropped by PostgreSQL's tsvector before: unrelated hits
        "khen " * 400,
    ],
)
def test_a_query_past_its_bounds_is_refused_alike_on_both_backends(stored: str, query: str) -> None:
    with Archive(stored, create=False) as archive:
        with pytest.raises(QueryTooLong) as caught:
            archive.search(query)
    assert "64" in caught.value.message("en") and caught.value.message("vi")


def test_a_query_at_its_bounds_runs_on_both_backends(stored: str) -> None:
    words = ["đồng", "tháp"] + ["khen"] * (query_bound("words") - 2)
    with Archive(stored, create=False) as archive:
        at_bound = archive.search(" ".join(words))
        assert at_bound and [h.id for h in at_bound] == [h.id for h in archive.search("đồng tháp khen")]
        assert archive.search("đồng tháp " + "a" * query_bound("word_chars")) == []


def test_the_cli_says_the_query_is_too_long(stored: str) -> None:
    out = cli("--lang", "en", "search", " ".join(["khen"] * 500), "--db", stored)
    assert out.returncode == 2 and out.stderr.startswith("The query is too long")
