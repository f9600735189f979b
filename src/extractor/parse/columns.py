"""Side-by-side blocks of plain text laid out with spaces (a PDF converted with its layout kept).

A letter's header and signature print two blocks side by side: the issuer and "Số: ..." on the
left, the motto and the place-and-date line on the right; "Nơi nhận" on the left, the signature on
the right. Text that keeps the page layout writes each printed line once, left block and right
block on the same line with a wide gap between them. Read like the PDF backend reads them: the
left block's lines first, then the right block's.

A run of lines is such a pair of blocks when at least two of its lines hold exactly two pieces of
text parted by a wide gap, the right one starting far from the margin; lines holding one piece
that starts where one of the blocks does (a short one, on the left) belong to the run too. Rows
of a table (three pieces or more, or tabs) and full-width text end a run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A gap this wide between two pieces of text on one line parts two blocks.
GAP = 4
# The right-hand block starts at least this far from the left margin.
RIGHT_BLOCK_MIN_COLUMN = 25
# A left-hand piece alone on its line is at most this long (a full-width line is body text).
LEFT_PIECE_MAX_CHARS = 45
# A piece alone on its line belongs to a block when it starts this close to the block's column
# (a centred title under the header does not).
ALIGN = 4

_PIECE = re.compile(r"\S+(?: {1,%d}\S+)*" % (GAP - 1))


@dataclass
class _Run:
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    pairs: int = 0
    left_at: int = 10**6  # where the blocks start on the line
    right_at: int = 10**6
    lines: list[str] = field(default_factory=list)  # as written, if the run turns out to be none

    def lines_in_reading_order(self) -> list[str]:
        if self.pairs < 2:
            return self.lines
        return [*self.left, "", *self.right, ""]


def _place(run: _Run, line: str) -> bool:
    """Add `line` to the run if it belongs to a pair of blocks; False if it ends the run (a line
    with tabs is a row of a tab-separated table, or tab-indented: never a pair)."""
    if "\t" in line:
        return False
    pieces = list(_PIECE.finditer(line))
    if not pieces:
        run.lines.append(line)
        return True
    first = pieces[0]
    if len(pieces) == 2 and pieces[1].start() >= RIGHT_BLOCK_MIN_COLUMN:
        run.left.append(first.group())
        run.right.append(pieces[1].group())
        run.pairs += 1
        run.left_at = min(run.left_at, first.start())
        run.right_at = min(run.right_at, pieces[1].start())
    elif len(pieces) == 1 and run.pairs and abs(first.start() - run.right_at) <= ALIGN:
        run.right.append(first.group())
    elif (len(pieces) == 1 and run.pairs and abs(first.start() - run.left_at) <= ALIGN
          and len(first.group()) <= LEFT_PIECE_MAX_CHARS):
        run.left.append(first.group())
    else:
        return False
    run.lines.append(line)
    return True


def in_reading_order(lines: list[str]) -> list[str]:
    """The lines with each pair of side-by-side blocks read left block first."""
    out: list[str] = []
    run = _Run()
    for line in lines:
        if _place(run, line):
            continue
        out += run.lines_in_reading_order()
        run = _Run()
        if not _place(run, line):
            out.append(line)
    return out + run.lines_in_reading_order()
