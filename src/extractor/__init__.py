"""extractor: read Vietnamese emulation-and-commendation reports, extract, check, archive.

The Python API mirrors the CLI:

    from extractor import parse_file, extract, check
    doc = check(extract(parse_file("report.pdf")))
"""
from __future__ import annotations

from .errors import ExtractorError, InputError
from .model import Document, to_dict
from .parse import parse_file

__all__ = ["Document", "ExtractorError", "InputError", "parse_file", "to_dict"]
__version__ = "0.1.0"
