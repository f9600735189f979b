"""extractor: read Vietnamese emulation-and-commendation reports, extract, check, archive.

The Python API mirrors the CLI:

    from extractor import parse_file, extract, check, process
    doc = check(extract(parse_file("report.pdf")))   # the same as process("report.pdf")
    to_dict(doc)                                      # the JSON `extractor check --format json` prints

`extract`, `check` and `process` are imported on first use, so `import extractor` (and the
CLI's start) stays light.
"""
from __future__ import annotations

from importlib import import_module

from .errors import ExtractorError, InputError
from .model import Document, to_dict
from .parse import parse_file

# name -> (module, attribute), loaded on first access
_LAZY = {
    "extract": ("extractor.nlp", "extract"),
    "check": ("extractor.reconcile", "check"),
    "process": ("extractor.pipeline", "process"),
}

__all__ = ["Document", "ExtractorError", "InputError", "check", "extract", "parse_file", "process", "to_dict"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value
