"""Parsers: one backend per input format, all feeding the one `Document` model.

`parse_file(path)` reads the bytes, detects the format from the content (the extension only
breaks the tie between Markdown and plain text), and hands the bytes to the backend. Every way a
file can fail to be a report raises one typed `InputError`.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..errors import CorruptFile, EmptyFile, FileMissing, ImageFile, InputError, IsADirectory, UnsupportedFormat
from ..model import Document
from . import limits
from .layout import repair_glyphs

# Leading bytes of formats that are not reports, to name them in the error.
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: Word / Excel 97-2003 (parse/office.py)
PDF_HEADER_WITHIN = 1024
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdf_header_at(data: bytes) -> int | None:
    """Where the `%PDF-` header starts, when it does within the first 1024 bytes (PDF readers
    accept junk before it; real uploads carry some). Text that merely quotes "%PDF-" is no PDF:
    after junk, the file must also end like one."""
    at = data.find(b"%PDF-", 0, PDF_HEADER_WITHIN)
    if at < 0 or (data[:at].strip() and b"%%EOF" not in data[-4096:]):
        return None
    return at


def detect_format(data: bytes, path: str | Path = "") -> str:
    """'pdf', 'docx', 'doc', 'xlsx', 'xls', 'md' or 'txt' from the content; raises an
    `InputError` otherwise."""
    name = str(path)
    if not data.strip():
        raise EmptyFile(name)
    if pdf_header_at(data) is not None:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_format(data, name)
    if data.startswith(_OLE_MAGIC):
        # Word or Excel 97-2003 by their stream names; a password-protected OOXML file is an
        # OLE container holding an EncryptedPackage stream.
        from .office import ole_kind

        return ole_kind(data, name)
    if any(data.startswith(m) for m in _IMAGE_MAGIC):
        raise ImageFile(name, "image")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(name, "binary")
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    return "md" if _looks_like_markdown(data) else "txt"


def _zip_format(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptFile(name, "zip") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnsupportedFormat(name, "zip, not a Word document or spreadsheet")


def _looks_like_markdown(data: bytes) -> bool:
    sample = data[:20000]
    return b"**" in sample or b"\n#" in sample or sample.startswith(b"#")


def parse_bytes(data: bytes, source: str, fmt: str | None = None) -> Document:
    limits.check("input_bytes", len(data), source)
    fmt = fmt or detect_format(data, source)
    if data.startswith(b"PK\x03\x04"):
        limits.check_zip(data, source)  # every zip format (DOCX, XLSX), before its backend inflates it
    backend = _backend(fmt)
    try:
        doc = backend.parse(data, source, fmt)
    except InputError as exc:  # raised deep down (a style chain, a limit), where the name is not known
        exc.path = exc.path or source
        raise
    if not doc.blocks and not doc.tables:
        raise EmptyFile(source)
    repair_glyphs(doc)
    doc.sha256 = sha256(data)
    return doc


def parse_file(path: str | Path, fmt: str | None = None) -> Document:
    p = Path(path)
    if not p.is_file():
        raise (IsADirectory if p.is_dir() else FileMissing)(str(path))
    limits.check("input_bytes", p.stat().st_size, str(path))  # before reading it into memory
    return parse_bytes(p.read_bytes(), str(path), fmt)


def _backend(fmt: str):
    if fmt == "pdf":
        from . import pdf as backend
    elif fmt == "docx":
        from . import docx as backend
    elif fmt == "doc":
        from . import office as backend
    elif fmt in ("xlsx", "xls"):
        from . import sheet as backend
    elif fmt in ("md", "txt"):
        from . import text as backend
    else:
        raise UnsupportedFormat(None, fmt)
    return backend
