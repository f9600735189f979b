"""The seed report as a Document built straight from its Markdown rendering (paragraphs on blank
lines, `**` and `#` stripped, tab-separated lines as tables), so the extractor can be tested
without the parsers."""
from __future__ import annotations

import re
from pathlib import Path

from extractor.model import Block, Cell, Document, Table
from extractor.vn.numbers import parse_cell

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED_DIR = SHARED / "corpus" / "seed"
SEED_MD = SEED_DIR / "bao-cao-tdkt-2023.md"
_MARKER = re.compile(r"^(?:[-+]\s|(?:Phần|PHẦN)\s+[IVX]+|[IVX]+\.\s|\d+(?:\.\d+)*\.\s|[a-z]\)\s)")


def _clean(line: str) -> str:
    line = re.sub(r"</?b>", "", line.replace("**", ""))
    return re.sub(r"^#+\s*", "", line).replace("\\*", "*").strip()


def _block(index: int, text: str) -> Block:
    marker = _MARKER.match(text)
    kind = "list_item" if text[:1] in "-+" else "paragraph"
    level = 2 if text.startswith("+") else 1 if kind == "list_item" else 0
    return Block(index=index, kind=kind, text=text, level=level, marker=marker.group().strip() if marker else None)


def _table(index: int, rows: list[list[str]], title: str | None, after: int) -> Table:
    header, body = rows[:2], rows[2:]
    cells = [[Cell(row=r, col=c, text=t, value=parse_cell(t)) for c, t in enumerate(row)] for r, row in enumerate(body)]
    return Table(index=index, title=title, pages=[], header=header, rows=cells, after_block=after)


def document_from_markdown(text: str, source: str = "seed.md") -> Document:
    doc = Document(source=source, sha256="", format="md", pages=None)
    table_rows: list[list[str]] = []
    last_heading: str | None = None

    def flush_table() -> None:
        if table_rows:
            doc.tables.append(_table(len(doc.tables), list(table_rows), last_heading, len(doc.blocks) - 1))
            table_rows.clear()

    for para in re.split(r"\n\s*\n", text):
        lines = [ln for ln in para.split("\n") if ln.strip()]
        if lines and all("\t" in ln for ln in lines):
            table_rows.extend([_clean(c) for c in ln.split("\t")] for ln in lines)
            continue
        flush_table()
        for group in _split_list_lines(lines):
            joined = " ".join(_clean(ln) for ln in group).strip()
            if joined:
                doc.blocks.append(_block(len(doc.blocks), joined))
                last_heading = joined
    flush_table()
    return doc


def _split_list_lines(lines: list[str]) -> list[list[str]]:
    """Each '- ' line of a list paragraph is its own block; other lines join the one before."""
    groups: list[list[str]] = []
    for ln in lines:
        if ln.lstrip().startswith("- ") or not groups:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    return groups


def seed_document() -> Document:
    return document_from_markdown(SEED_MD.read_text("utf-8"), str(SEED_MD))


def document_from_texts(*texts: str) -> Document:
    """A Document with one paragraph (or list item, for '-'/'+' starts) per text."""
    doc = Document(source="inline", sha256="", format="txt", pages=None)
    doc.blocks = [_block(i, t) for i, t in enumerate(texts)]
    return doc
