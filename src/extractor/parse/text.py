"""Plain text and Markdown, as reports arrive when someone pasted or converted them.

Markdown as the example report writes it: `**bold**` (also across a line break), `#`..`######`
headings, `- ` / `+ ` items, escapes (`\\*`), two trailing spaces as a line break, `<b>` tags in
table cells, tab-separated tables and pipe tables. Lines of one Markdown paragraph are joined with spaces
(a line break inside a paragraph is layout, not content). Plain text is read like a PDF without
positions: a line continues the paragraph unless it is numbered or bulleted, the line before
ended a sentence or was short enough to take its first word, or capitals switch (titles).

Web pages converted to text (trafilatura) draw the cells of a layout table (the issuer beside
the motto, "Nơi nhận" beside the signature) as lines between lines holding only "|". Inside such
a cell a line is a line: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" and the name stay apart. A line continues
the one before only when that one left bold or italics open ("**TM. ỦY BAN NHÂN" / "DÂN**"), is a
label waiting for its number ("Số:" / "86/2025/QĐ-UBND"), or is running text cut without
terminal punctuation (not a line in capitals, unless it filled the line width). A cell runs
from its "|" line to the next blank line.

Printed gazettes pasted as text repeat a running header on every page ("CÔNG BÁO/Số 73 + 74/Ngày
16-01-2024") next to the page number: both are dropped, with the blank lines around them, so
the sentence they cut is whole again.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..model import Document
from ..vn.legacy import reads_better_as_tcvn3, repair_all
from . import limits
from .columns import in_reading_order
from .layout import (RawCell, RawItem, RawParagraph, RawTable, assemble, clean_text, ends_sentence, find_marker,
                     is_page_furniture, is_running_header)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET_LINE = re.compile(r"^(?:[-+*•–]|\\[-+*])\s+\S")
# Lines that only draw: a lone "|", horizontal rules, the dashes under a pipe-table header.
_RULE = re.compile(r"^\s*(?:\|+|[-=_*]{3,}|\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?)\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL_BOUNDARY = re.compile(r"^\s*\|\s*$")
_LONE_BULLET = re.compile(r"^\s*[-+•–]\s*$")
_INLINE_CELL_MARK = re.compile(r"\s+\|(?=\s|$)")
_INLINE = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|<>~])"
    r"|(?P<strong>\*\*)"
    r"|<(?P<close>/)?(?:b|strong)>"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<star>\*)"
    r"|(?P<tag></?(?:i|em|u|sup|sub|span|p|div|font)\b[^>]*>)",
    re.IGNORECASE,
)
# Plain text: the line width a wrapped paragraph fills is this quantile of the line lengths.
WRAP_WIDTH_QUANTILE = 0.9


def decode(data: bytes) -> tuple[str, str | None]:
    """The text and, when it was not UTF-8, a note saying how it was read."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    cp1258, latin1 = data.decode("cp1258", errors="replace"), data.decode("latin-1")
    if reads_better_as_tcvn3(latin1, cp1258):
        return latin1, "text is not UTF-8: read as TCVN3 (ABC)"
    return cp1258, "text is not UTF-8: read as Windows-1258"


# ---------------------------------------------------------------------------------------------
# Inline markup


@dataclass(slots=True)
class Styled:
    text: str
    bold: bool


def inline(source: str, markdown: bool = True) -> Styled:
    """Strip inline markup; `bold` is True when every letter sat inside bold markup."""
    if not markdown:
        return Styled(clean_text(source), False)
    parts: list[tuple[str, bool]] = []
    bold = False
    pos = 0
    for m in _INLINE.finditer(source):
        parts.append((source[pos : m.start()], bold))
        pos = m.end()
        if m.group("escaped") is not None:
            parts.append((m.group("escaped"), bold))
        elif m.group("strong"):
            bold = not bold
        elif m.group("br"):
            parts.append((" ", bold))
        elif m.group("star"):
            if _literal_star(source, m.start()):
                parts.append(("*", bold))
        elif m.group("tag") is None:  # <b>, </b>, <strong>, </strong>
            bold = m.group("close") is None
    parts.append((source[pos:], bold))
    text = clean_text("".join(t for t, _ in parts))
    letters = [b for t, b in parts for ch in t if not ch.isspace()]
    return Styled(text, bool(letters) and all(letters))


def _literal_star(source: str, at: int) -> bool:
    """A lone "*" that marks nothing: a bullet at the start, or one with spaces on both sides."""
    before = source[at - 1] if at > 0 else " "
    after = source[at + 1] if at + 1 < len(source) else " "
    return before.isspace() and after.isspace()


# ---------------------------------------------------------------------------------------------
# Lines -> paragraphs and tables


def _is_table_line(line: str) -> bool:
    """A tab-separated row with text in two cells or more, or a pipe-table row. (Tabs that only
    indent a line, or pad it up to a lone "|", are layout.)"""
    if _PIPE_ROW.match(line):
        return True
    return "\t" in line.strip("\n") and len(_text_cells(line)) >= 2


def _text_cells(line: str) -> list[str]:
    return [c for c in (c.strip() for c in line.split("\t")) if c and not _RULE.match(c)]


def _split_cells(line: str) -> list[str]:
    if "\t" in line:
        return line.rstrip("\n").split("\t")
    return [c for c in line.strip().strip("|").split("|")]


def _table(lines: list[str], markdown: bool) -> RawTable:
    rows = []
    for line in lines:
        rows.append([_cell(text, markdown) for text in _split_cells(line)])
    return RawTable(rows=rows, spans_known=False)


def _cell(text: str, markdown: bool) -> RawCell:
    styled = inline(text, markdown)
    return RawCell(styled.text, styled.bold)


def _paragraph(lines: list[str], markdown: bool, in_cell: bool = False) -> RawParagraph | None:
    heading = _HEADING.match(lines[0]) if markdown and len(lines) == 1 else None
    source = heading.group(2) if heading else " ".join(line.strip() for line in lines)
    styled = inline(source, markdown)
    if not styled.text:
        return None
    return RawParagraph(styled.text, bold=styled.bold, heading_hint=heading is not None, keep_apart=in_cell)


def _open_runs(line: str) -> bool:
    """The line leaves bold or italics open (an odd number of "**", or of single "*")."""
    line = line.replace("\\*", "")
    strong = line.count("**")
    single = line.replace("**", "").count("*")
    return strong % 2 == 1 or single % 2 == 1


class _Reader:
    """Collects the lines of the paragraph or table being read."""

    def __init__(self, markdown: bool, wrap_width: int) -> None:
        self.markdown = markdown
        self.wrap_width = wrap_width
        self.items: list[RawItem] = []
        self.para: list[str] = []
        self.table: list[str] = []
        self.in_cell = False  # between a "|" line and the next blank line

    def flush(self) -> None:
        if self.para:
            p = _paragraph(self.para, self.markdown, self.in_cell)
            if p is not None:
                self.items.append(p)
            self.para = []
        if self.table:
            if len(self.table) > 1:
                self.items.append(_table(self.table, self.markdown))
            else:
                self.para = [self.table[0].replace("\t", " ").replace("|", " ")]
                self.table = []
                self.flush()
            self.table = []

    def feed(self, line: str) -> None:
        if self.table and "|" in line and _RULE.match(line):
            return  # the rule under a pipe table's header row
        if _CELL_BOUNDARY.match(line):
            self.flush()
            self.in_cell = True
        elif not line.strip():
            self.flush()
            self.in_cell = False
        elif _RULE.match(line):
            self.flush()
        elif self.in_cell and not _is_table_line(line):
            if self.para and not self._continues_cell_line(self.para[-1], line):
                self.flush()
            self.para.append(line)
        elif _is_table_line(line):
            if self.para:
                self.flush()
            self.table.append(line)
        else:
            if self.table:
                self.flush()
            if self.markdown:
                starts_new = _BULLET_LINE.match(line) or _HEADING.match(line)
            else:
                starts_new = bool(self.para) and self._plain_break(self.para[-1].strip(), line.strip())
            if starts_new:
                self.flush()
            self.para.append(line)
            if self.markdown and _HEADING.match(line):
                self.flush()


    def _continues_cell_line(self, prev: str, line: str) -> bool:
        """Inside a layout cell a line stands alone unless the one before left markup open, is a
        bare bullet sign, is a label ending in ":" before a number, or is running text cut
        without terminal punctuation (not before a line in capitals; capitals only before
        capitals, when they filled the line)."""
        if self.markdown and _open_runs(" ".join(self.para)):
            return True
        before = inline(prev, self.markdown).text
        after = inline(line, self.markdown).text
        if _LONE_BULLET.match(before):
            return True
        if find_marker(after) is not None:
            return False
        if before.endswith(":"):
            return after[:1].isdigit()
        if not before or ends_sentence(before):
            return False
        if not before.isupper():
            return not after.isupper()
        return after.isupper() and len(before) + 1 + len(after.split(" ", 1)[0]) > self.wrap_width

    def _plain_break(self, prev: str, line: str) -> bool:
        """A line of plain text starts a paragraph when it is numbered or bulleted, when the
        line before ended a sentence or could have taken its first word, or at a switch between
        capitals and ordinary text (titles)."""
        if find_marker(line) is not None or ends_sentence(prev) or prev.isupper() != line.isupper():
            return True
        first_word = line.split(" ", 1)[0]
        return len(prev) + 1 + len(first_word) <= self.wrap_width


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(WRAP_WIDTH_QUANTILE * (len(lengths) - 1))] if lengths else 0


def _without_running_headers(lines: list[str]) -> list[str]:
    """The lines without a gazette's running headers, the page number printed next to each
    (blank lines aside) and the blank lines around them."""
    drop: set[int] = set()

    def blanks_from(j: int, step: int) -> int:
        while 0 <= j < len(lines) and not lines[j].strip():
            drop.add(j)
            j += step
        return j

    for i, line in enumerate(lines):
        if not is_running_header(line):
            continue
        drop.add(i)
        for step in (-1, 1):
            j = blanks_from(i + step, step)
            if 0 <= j < len(lines) and is_page_furniture(lines[j]):
                drop.add(j)
                blanks_from(j + step, step)
    return [line for i, line in enumerate(lines) if i not in drop]


def _cell_marks_on_their_own_lines(lines: list[str]) -> list[str]:
    """A "|" between spaces inside a line of text (a cell boundary the converter left on the line,
    "Số: 65/2014/NĐ-CP      |") goes on a line of its own."""
    out: list[str] = []
    for line in lines:
        if "|" not in line or _PIPE_ROW.match(line) or _CELL_BOUNDARY.match(line) or _is_table_line(line):
            out.append(line)
            continue
        pieces = _INLINE_CELL_MARK.split(line)
        for i, piece in enumerate(pieces):
            if i:
                out.append("|")
            if piece.strip():
                out.append(piece)
    return out


def read_items(text: str, markdown: bool) -> list[RawItem]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    lines = in_reading_order(_cell_marks_on_their_own_lines(_without_running_headers(lines)))
    lines = repair_all(lines)  # before the line decisions, which read capitals and lowercase
    reader = _Reader(markdown, _wrap_width(lines))
    for line in lines:
        reader.feed(line)
    reader.flush()
    return reader.items


def looks_like_markdown(text: str) -> bool:
    sample = text[:20000]
    return "**" in sample or bool(re.search(r"^#{1,6}\s", sample, re.MULTILINE))


def parse(data: bytes, source: str, fmt: str) -> Document:
    text, note = decode(data)
    limits.check("block_chars", max(map(len, text.splitlines()), default=0), source)  # one line is one block at least
    markdown = fmt == "md" or looks_like_markdown(text)
    blocks, tables = assemble(read_items(text, markdown))
    doc = Document(source=source, sha256="", format=fmt, pages=None, blocks=blocks, tables=tables)  # type: ignore[arg-type]
    if note:
        doc.notes.append(note)
    return doc
