"""The PDF backend's guards, run before pdfplumber does the work: the parser limits of
`parse/limits.py` applied to a PDF, and two guards installed into pdfminer.

- `install()`: pdfminer's `resolve1` follows a chain of references until it reaches an object;
  a chain that comes back to itself (`6 0 obj 7 0 R`, `7 0 obj 6 0 R`) looped forever, so the
  bounded `resolve1` below replaces it in every pdfminer/pdfplumber module and raises a
  PDFSyntaxError (a corrupt file) on the first object seen twice. pdfminer inflates a stream in
  one `zlib.decompress` call; its `zlib` is given one that stops at `decompressed_bytes`.
- `check_document(pdf, source)`: pages, and per page the decoded size of its content streams
  (forms included), the characters its text operators draw and the lines, rectangles and curves
  it draws, all counted from the streams' bytes, before pdfminer builds an object for each.
"""
from __future__ import annotations

import re
import sys
import zlib
from types import SimpleNamespace

from ..errors import CorruptFile, LimitExceeded
from . import limits

_INLINE_IMAGE = re.compile(rb"(?<![^\s])BI\s.*?\sID\s.*?\sEI(?![^\s])", re.S)  # binary: no operators in it
_STRING_MARK = re.compile(rb"[()\\<>]")  # what opens, closes or escapes a string operand
_SPACE = re.compile(rb"\s+")
_PATH_OPERATOR = re.compile(rb"(?<![^\s\]\)>])(?:re|l|c|v|y)(?=[\s\[\(</]|$)")


def _bounded_resolve1(x, default=None):
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.pdftypes import PDFObjRef

    seen: set[int] = set()
    while isinstance(x, PDFObjRef):
        if x.objid in seen:
            raise PDFSyntaxError(f"reference loop at object {x.objid}")
        seen.add(x.objid)
        x = x.resolve(default=default)
    return x


class _BoundedInflater:
    """zlib.decompressobj whose total output stops at `decompressed_bytes`."""

    def __init__(self, *args) -> None:
        self._inflater = zlib.decompressobj(*args)
        self._left = limits.value("decompressed_bytes")

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inflater.decompress(data, self._left + 1)
        self._left -= len(out)
        if self._left < 0:
            raise limits.exceeded("decompressed_bytes", None)
        return out

    def flush(self, *args) -> bytes:
        return self._inflater.flush(*args)


_BOUNDED_ZLIB = SimpleNamespace(
    decompress=lambda data, *rest: limits.inflate(data, None),
    decompressobj=_BoundedInflater,
    error=zlib.error,
    MAX_WBITS=zlib.MAX_WBITS,
)


def install() -> None:
    """Put the bounded resolve1 and zlib into pdfminer (idempotent)."""
    import pdfminer.pdftypes as pdftypes
    import pdfplumber  # noqa: F401 - its modules import resolve1 by name: load them first

    original = pdftypes.resolve1
    if original is _bounded_resolve1:
        return
    for name, module in list(sys.modules.items()):
        if name.startswith(("pdfminer", "pdfplumber")) and getattr(module, "resolve1", None) is original:
            module.resolve1 = _bounded_resolve1
    pdftypes.zlib = _BOUNDED_ZLIB


def check_document(pdf, source: str) -> None:
    """Every limit a PDF can break, checked on the opened file before any page is laid out."""
    limits.check("pages", len(pdf.pages), source)
    try:
        for page in pdf.pages:
            check_page(page.page_obj, source)
    except (LimitExceeded, CorruptFile):
        raise
    except Exception as exc:  # noqa: BLE001 - a reference loop, a broken dictionary...
        raise CorruptFile(source, f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def check_page(page_obj, source: str) -> None:
    budget = limits.value("page_content_bytes")
    chars = graphics = 0
    for data in _content_streams(page_obj, budget, source):
        data = _INLINE_IMAGE.sub(b" ", data)
        chars += _drawn_characters(data)
        graphics += len(_PATH_OPERATOR.findall(data))
    limits.check("page_chars", chars, source)
    limits.check("page_graphics", graphics, source)


def _drawn_characters(data: bytes) -> int:
    """At least the characters the text operators can draw: the bytes of every string operand
    (literal strings with their nested parentheses and escapes, hex strings at two digits a byte;
    2-byte fonts count double, which the limit leaves room for)."""
    total = depth = start = 0
    escaped_at = -1
    hex_from = None
    for m in _STRING_MARK.finditer(data):
        at, mark = m.start(), m.group()
        if depth:
            if at == escaped_at:
                continue
            if mark == b"\\":
                escaped_at = at + 1
            elif mark == b"(":
                depth += 1
            elif mark == b")":
                depth -= 1
                if not depth:
                    total += at - start - 1
        elif hex_from is not None:
            if mark == b">":
                total += len(_SPACE.sub(b"", data[hex_from + 1:at])) // 2
                hex_from = None
        elif mark == b"(":
            depth, start = 1, at
        elif mark == b"<" and data[at + 1:at + 2] != b"<" and data[at - 1:at] != b"<":
            hex_from = at
    return total + (len(data) - start if depth else 0)


def _content_streams(page_obj, budget: int, source: str):
    """The decoded bytes of the page's content streams and of the forms it draws, refusing the
    page once they add up past `budget` (`page_content_bytes`)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    seen: set[int] = set()
    todo = list(page_obj.contents) + _forms(page_obj.resources)
    while todo:
        stream = resolve1(todo.pop())
        if not isinstance(stream, PDFStream) or id(stream) in seen:
            continue
        seen.add(id(stream))
        data = _decoded(stream, budget, source)
        budget -= len(data)
        yield data
        todo += _forms(resolve1(stream.attrs.get("Resources")))


def _forms(resources) -> list:
    from pdfminer.pdftypes import resolve1

    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    return [x for x in map(resolve1, xobjects.values()) if _is_form(x)]


def _is_form(xobject) -> bool:
    """A form XObject (drawn with its own content stream), not an image."""
    from pdfminer.pdftypes import PDFStream

    return isinstance(xobject, PDFStream) and getattr(resolve_name(xobject.attrs.get("Subtype")), "name", None) == "Form"


def resolve_name(x):
    from pdfminer.pdftypes import resolve1

    return resolve1(x)


def _decoded(stream, budget: int, source: str) -> bytes:
    """The stream's decoded bytes, without decoding it in place (pdfminer does that later),
    refusing more than `budget` before it is all inflated."""
    from pdfminer.pdftypes import PDFStream

    if stream.rawdata is None:  # decoded already
        data = stream.data or b""
    else:
        copy = PDFStream(stream.attrs, stream.rawdata, stream.decipher)
        copy.objid, copy.genno = stream.objid, stream.genno
        try:
            data = copy.get_data()
        except LimitExceeded:
            raise limits.exceeded("page_content_bytes", source) from None
        except Exception as exc:  # noqa: BLE001 - a stream pdfminer cannot decode
            raise CorruptFile(source, type(exc).__name__) from exc
    if len(data) > budget:
        raise limits.exceeded("page_content_bytes", source)
    return data
