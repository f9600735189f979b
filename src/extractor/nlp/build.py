"""Build the spaCy pipeline from the data files and save it: `python -m extractor.nlp.build [DIR]`.

The output is deterministic (same data files, same saved patterns), so the committed model can be
checked against a fresh build.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .pipeline import build, model_dir


def save(target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp = build()
    nlp.meta.update({"name": "tdkt", "lang": "xx", "version": "1.0.0",
                     "description": "Rules-only pipeline for Vietnamese emulation and commendation reports"})
    nlp.to_disk(target)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else model_dir()
    print(f"saved {save(target)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
