"""`ingest` under an address-space limit of 2 GB (prlimit) survives every resource bomb of
issue 14, built here: each is listed as failed with its typed reason, the good report is stored,
no internal error."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from extractor.archive import Archive
from extractor.devtools import hostile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"

EXPECTED = {
    "style_loop.docx": "error.corrupt",
    "bad_value.docx": "error.corrupt",
    "grid_span.docx": "error.limit",
    "inflating.docx": "error.limit",
    "reference_loop.pdf": "error.corrupt",
    "inflating.pdf": "error.limit",
    "text_operators.pdf": "error.limit",
    "tiny_chars.pdf": "error.limit",
    "rectangles.pdf": "error.limit",
    "long_block.txt": "error.limit",
    "line.txt": "error.limit",
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    for name, build in hostile.BOMBS.items():
        (folder / name).write_bytes(build())
    shutil.copy(EXAMPLE, folder / "good.md")
    with open(folder / "line.txt", "wb") as fh:  # a 200 MB single line of text
        for _ in range(200):
            fh.write("khen thưởng ".encode() * ((1 << 20) // 15))
    return folder


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("prlimit") is None, reason="prlimit (util-linux) is not installed")
@pytest.mark.parametrize("workers", ["0", "1"])
def test_ingest_under_2_gb_survives_every_bomb(tmp_path: Path, bombs: Path, workers: str) -> None:
    folder = bombs
    db = tmp_path / "archive.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = ["prlimit", f"--as={2 * 10**9}", sys.executable, "-m", "extractor", "--lang", "en",
               "ingest", str(folder), "--db", str(db), "--workers", workers]
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200)
    assert run.returncode == 1, run.stderr
    assert "Internal error" not in run.stderr and "Traceback" not in run.stderr
    with Archive(str(db), create=False) as archive:
        failed = {Path(f.path).name: f.error_key for f in archive.failures()}
    assert failed == EXPECTED
    # The rest is readable: the report and pathological text (stored, or skipped as no office document).
    assert set(os.listdir(folder)) - set(failed) == {"good.md", "stars.md", "long_number.txt"}
    assert f"failed {len(EXPECTED)}" in run.stdout
    with Archive(str(db), create=False) as archive, archive.engine.connect() as conn:
        stored = {Path(p).name for p in conn.execute(sa.text("SELECT path FROM documents")).scalars()}
    assert "good.md" in stored
