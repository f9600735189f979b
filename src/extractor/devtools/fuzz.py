"""Hypothesis strategies that damage the project's own sample reports (`corpus/reports/`), for
the fuzz test (`tests/parse/test_fuzz.py`, bounded in `make test`, longer under `make fuzz`):
byte mutations of any file, edits of a DOCX's zip members and of their XML attribute values,
edits of a PDF's object values. Every case must end in a Document or a typed error, within the
document deadline and memory bound; anything else is a finding."""
from __future__ import annotations

import io
import re
import zipfile

from hypothesis import strategies as st

# Values a damaged or hostile file puts where a number, a name or a reference belongs.
HOSTILE_VALUES = [
    b"nan", b"-1", b"0", b"", b"99999999999999999999", b"2000000000", b"-2147483649", b"1e308",
    b"true", b"\xff\xfe", b"&amp;", b"<", b"0 0 R", b"7 0 R", b"null", b"[]", b"<<>>", b"()",
]
_READ_MOST = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
_BARE_ELEMENT = re.compile(rb"<(w:\w+)\s*/>")
_XML_ATTRIBUTE = re.compile(rb'(\w+:\w+|\w+)="([^"]*)"')
_PDF_VALUE = re.compile(rb"(/[A-Za-z]+)\s+(\d+ \d+ R|-?\d+(?:\.\d+)?|/[A-Za-z]+|\[[^\[\]]{0,60}\])")


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    """`data` with a few bytes flipped, cut out, repeated or inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "insert", "truncate"]))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del out[at:at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            out[at:at] = out[at:at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        elif kind == "insert":
            out[at:at] = draw(st.sampled_from(HOSTILE_VALUES))
        elif kind == "truncate" and draw(st.integers(0, 4)) == 0:
            del out[at:]
    return bytes(out)


def _members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _package(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@st.composite
def xml_attribute_edits(draw, xml: bytes) -> bytes:
    """`xml` with some attribute values replaced by hostile ones, or a hostile `w:val` given to
    elements that had none (`<w:b/>` -> `<w:b w:val="nan"/>`)."""
    if draw(st.booleans()):
        bare = list(_BARE_ELEMENT.finditer(xml))
        if bare:
            m = bare[draw(st.integers(0, len(bare) - 1))]
            value = draw(st.sampled_from(HOSTILE_VALUES)).replace(b'"', b"")
            return xml[: m.end(1)] + b' w:val="' + value + b'"' + xml[m.end(1):]
    spots = list(_XML_ATTRIBUTE.finditer(xml))
    if not spots:
        return xml
    chosen = sorted(set(draw(st.lists(st.integers(0, len(spots) - 1), min_size=1, max_size=6))), reverse=True)
    out = xml
    for index in chosen:
        m = spots[index]
        value = draw(st.sampled_from(HOSTILE_VALUES)).replace(b'"', b"")
        out = out[: m.start(2)] + value + out[m.end(2):]
    return out


@st.composite
def docx_member_edits(draw, package: bytes) -> bytes:
    """A DOCX with members dropped, emptied, byte-mutated or their XML attributes edited."""
    members = _members(package)
    names = sorted(members)
    read_most = [n for n in _READ_MOST if n in members] or names
    pick = st.one_of(st.sampled_from(read_most), st.sampled_from(names))  # the parts the parser reads, half the time
    for name in draw(st.lists(pick, min_size=1, max_size=3, unique=True)):
        kind = draw(st.sampled_from(["attributes", "attributes", "bytes", "drop", "empty"]))
        if kind == "attributes" and name.endswith((".xml", ".rels")):
            members[name] = draw(xml_attribute_edits(members[name]))
        elif kind == "bytes":
            members[name] = draw(byte_mutations(members[name]))
        elif kind == "drop":
            members.pop(name)
        elif kind == "empty":
            members[name] = b""
    return _package(members)


@st.composite
def pdf_object_edits(draw, pdf: bytes) -> bytes:
    """A PDF with some dictionary values (numbers, names, references, short arrays) replaced."""
    spots = list(_PDF_VALUE.finditer(pdf))
    if not spots:
        return draw(byte_mutations(pdf))
    chosen = sorted(set(draw(st.lists(st.integers(0, len(spots) - 1), min_size=1, max_size=6))), reverse=True)
    out = pdf
    for index in chosen:
        m = spots[index]
        out = out[: m.start(2)] + draw(st.sampled_from(HOSTILE_VALUES)) + out[m.end(2):]
    return out


def damaged(suffix: str, data: bytes):
    """The strategy for a sample file of type `suffix` ("docx", "pdf", "md")."""
    if suffix == "docx":
        return st.one_of(docx_member_edits(data), byte_mutations(data))
    if suffix == "pdf":
        return st.one_of(pdf_object_edits(data), byte_mutations(data))
    return byte_mutations(data)
