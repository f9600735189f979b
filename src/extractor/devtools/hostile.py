"""Hostile files built in memory, for the hardening tests and `make fuzz`: loops, resource bombs
and bad values that a damaged or malicious upload can hold (issue 14). Each builder returns the
file's bytes; nothing here is read from disk."""
from __future__ import annotations

import io
import zipfile
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- DOCX --------------------------------------------------------------------------------------


def docx_package(body_xml: str = "", styles_xml: str | None = None) -> bytes:
    """A Word package made by python-docx with `body_xml` as the body of document.xml (and
    `styles_xml` as styles.xml when given)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    return replace_members(buf.getvalue(), {"word/document.xml": document.encode(), **(
        {"word/styles.xml": styles_xml.encode()} if styles_xml is not None else {})})


def replace_members(package: bytes, members: dict[str, bytes]) -> bytes:
    """The zip `package` with the named members' bytes replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in members:
                dst.writestr(info, src.read(info.filename))
        for name, data in members.items():
            dst.writestr(name, data)
    return out.getvalue()


def paragraph(text: str, style: str | None = None, bold: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = f'<w:rPr><w:b w:val="{bold}"/></w:rPr>' if bold is not None else ""
    return f"<w:p>{ppr}<w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"


def docx_style_loop() -> bytes:
    """Two paragraph styles based on each other (L1 on L2 on L1), used by a paragraph."""
    styles = (
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:styleId="L1"><w:name w:val="L1"/><w:basedOn w:val="L2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="L2"><w:name w:val="L2"/><w:basedOn w:val="L1"/></w:style>'
        "</w:styles>"
    )
    return docx_package(paragraph("Báo cáo tổng kết công tác thi đua", style="L1"), styles)


def docx_bad_value() -> bytes:
    """A run whose bold is `nan` (python-docx raises InvalidXmlError reading it)."""
    return docx_package(paragraph("Báo cáo tổng kết", bold="nan"))


def docx_grid_span(span: int = 2_000_000_000) -> bytes:
    """A ruled table whose one cell spans `span` columns."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in ("top", "left", "bottom", "right"))
    table = (
        f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>"
        f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{paragraph("Cộng")}</w:tc></w:tr></w:tbl>'
    )
    return docx_package(paragraph("Báo cáo") + table)


def docx_inflating(size: int = 1 << 30) -> bytes:
    """A package whose document.xml inflates to `size` bytes (spaces inside a text run)."""
    base = docx_package(paragraph("Báo cáo"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info.filename))
        head = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        chunk = b" " * (1 << 20)
        with dst.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            for _ in range((size - len(head) - len(tail)) // len(chunk)):
                member.write(chunk)
            member.write(tail)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def pdf_file(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of the numbered objects (their bodies), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def deflated_stream(chunk: bytes, repeats: int) -> bytes:
    """A FlateDecode stream of `chunk` repeated, compressed piece by piece (never held inflated)."""
    inflater = zlib.compressobj(9)
    body = b"".join(inflater.compress(chunk) for _ in range(repeats)) + inflater.flush()
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_page(content: bytes, mediabox: bytes = b"[0 0 595 842]") -> bytes:
    """One page drawing the content stream object `content` (its body) with Helvetica."""
    return pdf_file({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: content,
        5: _FONT,
    })


def pdf_text(text: bytes = b"Bao cao tong ket") -> bytes:
    return pdf_page(stream(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"))


def pdf_reference_loop() -> bytes:
    """A page whose /MediaBox is a reference chain that comes back to itself (6 -> 7 -> 6)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(b"BT /F1 12 Tf 72 720 Td (Bao cao) Tj ET"),
        5: _FONT,
        6: b"7 0 R",
        7: b"6 0 R",
    }
    return pdf_file(objects)


def pdf_inflating(size: int = 1 << 30) -> bytes:
    """A page whose content stream inflates to `size` bytes of spaces."""
    return pdf_page(deflated_stream(b" " * (1 << 20), size >> 20))


def pdf_text_operators(size: int = 300 << 20) -> bytes:
    """A page whose content inflates to `size` bytes of text-showing operators."""
    op = b"BT /F1 1 Tf 10 10 Td (a) Tj ET\n"
    chunk = op * ((1 << 20) // len(op))
    return pdf_page(deflated_stream(chunk, size // len(chunk)))


def pdf_tiny_chars(count: int = 1_000_000) -> bytes:
    """One page drawing `count` characters at size 0.1."""
    return pdf_page(stream(b"BT /F1 0.1 Tf 10 10 Td (" + b"a" * count + b") Tj ET", compress=True))


def pdf_rectangles(count: int = 100_000) -> bytes:
    """One page drawing `count` small filled rectangles."""
    body = b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(count))
    return pdf_page(stream(b"BT /F1 12 Tf 72 720 Td (Bao cao) Tj ET\n" + body, compress=True))


# --- Text --------------------------------------------------------------------------------------


def markdown_escaped_stars(count: int = 100_000) -> bytes:
    return ("# Báo cáo\n\n" + "\\*" * count + "\n").encode()


def long_number(digits: int = 100_000) -> bytes:
    return ("Báo cáo tổng kết\n\nCó " + "7" * digits + " người được khen thưởng.\n").encode()


def long_block(chars: int = 1_200_000) -> bytes:
    words = "khen thưởng "
    return ("Báo cáo tổng kết\n\n" + words * (chars // len(words)) + "\n").encode()


BOMBS = {
    "style_loop.docx": docx_style_loop,
    "bad_value.docx": docx_bad_value,
    "grid_span.docx": docx_grid_span,
    "inflating.docx": docx_inflating,
    "reference_loop.pdf": pdf_reference_loop,
    "inflating.pdf": pdf_inflating,
    "text_operators.pdf": pdf_text_operators,
    "tiny_chars.pdf": pdf_tiny_chars,
    "rectangles.pdf": pdf_rectangles,
    "stars.md": markdown_escaped_stars,
    "long_number.txt": long_number,
    "long_block.txt": long_block,
}
