"""The CLI run as the user runs it: `python -m extractor ...` in a subprocess."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path: Path):
    """`cli(*args, **env)`: the finished process. Its environment is its own: no EXTRACTOR_DB,
    and the default archive's folder under `tmp_path / "data"`."""

    def run(*args: str, **env: str) -> subprocess.CompletedProcess:
        base = {
            "PYTHONPATH": str(ROOT / "src"),
            "PATH": "/usr/bin:/bin",
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
        command = [sys.executable, "-m", "extractor", *args]
        return subprocess.run(command, capture_output=True, text=True, env={**base, **env})

    return run
