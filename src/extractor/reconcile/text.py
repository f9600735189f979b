"""Reading the structure of figures in the report's sentences.

The NLP stage finds the figures (`doc.quantities`); how they relate is said by the words and
punctuation between them. This module reads that structure into a tree of `Node`s per block:

- a list cue after a figure ("259 trường hợp, cụ thể: ...", "12.010 triệu đồng, trong đó: ...")
  opens a breakdown that runs to the end of the enclosing clause, sentence or parenthesis; its
  items are split at ";" when there is one, else at "," and "và";
- a parenthesis of figures after a figure breaks it down ("673 tập thể (458 ...; 215 ...)");
- "cho" after an award count lists its recipients ("04 Huân chương ... cho 02 tập thể và 02 cá
  nhân");
- a block ending in a list cue takes the figures that open the list items below it as its parts.

Only unambiguous structure becomes a node with parts: when the words leave doubt (a cue in the
middle of a comma list, figures not separated by punctuation, overlapping categories such as
"nữ"), the parts are marked unreliable and no relation is built from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Document, Quantity
from ..vn.normalize import fold
from ..vn.numbers import find_numbers
from ..vn.sentences import sentence_spans
from .lexicon import text_lexicon

AMOUNT_KINDS = frozenset({"count", "money", "other"})
_WORD = re.compile(r"\w+", re.UNICODE)
_SEPARATOR = re.compile(r"[,;:]|\bvà\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:.]")


@dataclass(eq=False)
class Figure:
    """A quantity as it sits in its block: where the number is and what kind of figure it is."""

    quantity: Quantity
    start: int
    number_end: int
    end: int

    @classmethod
    def of(cls, q: Quantity) -> "Figure":
        m = q.mention
        if q.number is not None and m.text.startswith(q.number.text):  # read once, by the nlp stage
            number_end = m.start + len(q.number.text) if q.kind != "ratio" else m.end
        else:
            numbers = find_numbers(m.text)
            number_end = m.start + numbers[0][1] if numbers and q.kind != "ratio" else m.end
        return cls(q, m.start, number_end, m.end)

    @property
    def kind(self) -> str:
        return self.quantity.kind

    @property
    def is_amount(self) -> bool:
        return self.kind in AMOUNT_KINDS


@dataclass(eq=False)
class Breakdown:
    """The parts a total is split into, as one passage of the text states them."""

    parts: list["Node"]
    origin: str  # text_list | paren | list_items
    exhaustive: bool = True  # False for "trong đó có ...": the parts may be a selection
    ok: bool = True  # False when the words leave the structure in doubt

    @property
    def checkable(self) -> bool:
        return self.ok and len(self.parts) >= 2


@dataclass(eq=False)
class Node:
    figure: Figure
    breakdowns: list[Breakdown] = field(default_factory=list)
    recipients: list["Node"] = field(default_factory=list)
    role: str | None = None  # collectives | individuals, for a recipient
    subset: list["Node"] = field(default_factory=list)
    shares: list[Figure] = field(default_factory=list)  # "chiếm 12,4%" of the parent
    pending_list: bool = False  # a list cue ends the block: the parts are the list items below
    pending_exhaustive: bool = True
    block: int = -1
    unit: str = ""  # the unit or head noun after the figure, folded, for matching figures
    label: str = ""  # the same words as the report writes them, for messages

    def walk(self) -> Iterable["Node"]:
        """This node and the nodes written inside it (list items below the block are not)."""
        yield self
        inside = (p for b in self.breakdowns if b.origin != "list_items" for p in b.parts)
        for child in (*inside, *self.recipients, *self.subset):
            yield from child.walk()

    @property
    def has_list_cue(self) -> bool:
        return any(b.origin == "text_list" for b in self.breakdowns) or self.pending_list

    def checkable_breakdowns(self) -> list[Breakdown]:
        return [b for b in self.breakdowns if b.checkable]


@dataclass
class Cue:
    start: int
    end: int
    exhaustive: bool


def same_unit(a: str, b: str) -> bool:
    """Units read from the text agree when one starts the other: "km" and "km đường"."""
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    return n > 0 and wa[:n] == wb[:n]


def has_word(text: str, words: Iterable[str]) -> bool:
    folded = f" {' '.join(_WORD.findall(fold(text)))} "
    return any(f" {w} " in folded for w in words)


class BlockReader:
    """The figure structure of one block's text."""

    def __init__(self, text: str, figures: list[Figure], block: int = -1) -> None:
        self.text = text
        self.figures = sorted(figures, key=lambda f: f.start)
        self.block = block
        self.lex = text_lexicon()
        self.depth = self._depths(text)
        self.trailing_cue: Cue | None = None

    @staticmethod
    def _depths(text: str) -> list[int]:
        depths, d = [], 0
        for ch in text:
            if ch == ")":
                d = max(d - 1, 0)
            depths.append(d)
            if ch == "(":
                d += 1
        depths.append(d)
        return depths

    # -- positions ---------------------------------------------------------------------------

    def inside_figure(self, pos: int) -> bool:
        return any(f.start <= pos < f.end for f in self.figures)

    def sentences(self) -> list[tuple[int, int]]:
        """Sentences as vn.sentences finds them, but never cut inside parentheses or a figure."""
        spans: list[tuple[int, int]] = []
        for start, end in sentence_spans(self.text):
            cut = end - 1
            if spans and (self.depth[cut] > 0 or self.inside_figure(cut) or self.depth[start] > 0):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def figures_in(self, lo: int, hi: int, base: int) -> list[Figure]:
        return [f for f in self.figures if lo <= f.start < hi and self.depth[f.start] == base]

    def at_depth(self, pattern: re.Pattern[str], lo: int, hi: int, base: int) -> list[re.Match[str]]:
        return [m for m in pattern.finditer(self.text, lo, hi) if self.depth[m.start()] == base
                and not self.inside_figure(m.start())]

    def closing(self, open_pos: int, hi: int) -> int:
        base = self.depth[open_pos]
        for j in range(open_pos + 1, hi):
            if self.text[j] == ")" and self.depth[j] == base:
                return j
        return hi

    def first_paren(self, lo: int, hi: int, base: int) -> tuple[int, int] | None:
        for j in range(lo, hi):
            if self.text[j] == "(" and self.depth[j] == base:
                return j, self.closing(j, len(self.text))
        return None

    def find_cue(self, lo: int, hi: int, base: int) -> Cue | None:
        found = []
        for exhaustive, patterns in ((True, self.lex.exhaustive_cues), (False, self.lex.partial_cues)):
            for pattern in patterns:
                for m in self.at_depth(pattern, lo, hi, base):
                    found.append(Cue(m.start(), m.end(), exhaustive))
        if not found:
            return None
        return min(found, key=lambda c: (c.start, not c.exhaustive, -c.end))

    def clause_break(self, lo: int, hi: int, base: int) -> bool:
        return bool(self.at_depth(_CLAUSE_BREAK, lo, hi, base))

    # -- reading -----------------------------------------------------------------------------

    def read(self) -> list[Node]:
        """The top-level nodes of every sentence; a trailing cue is kept in `trailing_cue`."""
        nodes: list[Node] = []
        for lo, hi in self.sentences():
            sentence_nodes, _ = self.sequence(lo, hi)
            nodes += sentence_nodes
            if not self.figures_in(lo, hi, 0):
                cue = self.find_cue(lo, hi, 0)
                if cue and not self.text[lo:cue.start].strip() and not self.text[cue.end:hi].strip(" .:"):
                    self.trailing_cue = cue
            else:
                self.trailing_cue = None
        return nodes

    def node(self, figure: Figure) -> Node:
        return Node(figure, block=self.block, unit=self.unit_words(figure), label=self.unit_words(figure, folded=False))

    def head_phrase(self, fig: Figure) -> str:
        """What a figure counts, as written after it: "danh hiệu Lao động tiên tiến"."""
        tail = self.text[fig.number_end:fig.number_end + 80]
        end = self.lex.phrase_end.search(tail)
        return " ".join(_WORD.findall(fold(tail[:end.start()] if end else tail)))

    def named(self, description: str, exclude: Figure | None = None) -> list[Figure]:
        """The amounts in the block whose head phrase and `description` name the same thing."""
        words = " ".join(_WORD.findall(fold(description)))
        found = []
        for fig in self.figures:
            phrase = self.head_phrase(fig)
            if fig is exclude or not fig.is_amount or len(phrase.split()) < 3:
                continue
            if f" {phrase} " in f" {words} " or f" {words} " in f" {phrase} ":
                found.append(fig)
        return found

    def unit_words(self, fig: Figure, folded: bool = True) -> str:
        """The first words after the number, up to punctuation: "trường hợp", "km", "xã đạt"
        (folded for matching: "truong hop"; as written with `folded=False`)."""
        tail = re.split(r"[,;:.()]", self.text[fig.number_end:fig.number_end + 30])[0]
        return " ".join(_WORD.findall(fold(tail) if folded else tail)[:2])

    def sequence(self, lo: int, hi: int) -> tuple[list[Node], bool]:
        """The figures of [lo, hi) at its own depth as sibling nodes, with their structure."""
        base = self.depth[lo] if lo < len(self.text) else 0
        figs = self.figures_in(lo, hi, base)
        nodes: list[Node] = []
        ok = True
        i = 0
        while i < len(figs):
            fig = figs[i]
            node = self.node(fig)
            gap_end = figs[i + 1].start if i + 1 < len(figs) else hi
            cue = self.find_cue(fig.end, gap_end, base)
            if cue and fig.is_amount and self.may_break_down(fig, cue.start, base):
                if not self.text[cue.end:hi].strip(" .;:"):
                    node.pending_list = True
                    node.pending_exhaustive = cue.exhaustive
                else:
                    parts, ok_parts = self.items(cue.end, hi)
                    node.breakdowns.append(Breakdown(parts, "text_list", cue.exhaustive, ok_parts))
                nodes.append(node)
                break
            self.attach_paren(node, fig.end, gap_end, base)
            i += 1
            if fig.is_amount and self.links_recipients(fig, gap_end, base) and self.opens_clause(nodes, fig, base):
                i = self.take_recipients(node, figs, i, hi, base)
                if node.recipients and self.list_after_recipients(node, figs[i].start if i < len(figs) else hi,
                                                                  hi, base):
                    nodes.append(node)
                    break
            i = self.take_share(node, figs, i, base)
            if nodes and not self.separated(nodes[-1], fig, base):
                ok = False
            nodes.append(node)
        return nodes, ok

    def opens_clause(self, nodes: list[Node], fig: Figure, base: int) -> bool:
        """An award count takes recipients unless it is coordinated with an earlier count that
        has none ("05 Bằng khen và 10 Giấy khen cho ..." gives them to both)."""
        if not nodes or nodes[-1].recipients:
            return True
        return self.clause_break(self.last_end(nodes[-1]), fig.start, base)

    def last_end(self, node: Node) -> int:
        return max([n.figure.end for n in node.walk()] + [s.end for s in node.shares])

    def list_after_recipients(self, head: Node, gap_end: int, hi: int, base: int) -> bool:
        """ "486 Giấy khen cho 97 tập thể và 389 cá nhân, trong đó ...": the list breaks down the
        last recipient when its items count the same kind of recipient, else the award count."""
        last = head.recipients[-1]
        start = self.last_end(last)
        cue = self.find_cue(start, gap_end, base)
        if cue is None or self.clause_break(start, cue.start, base) or not self.text[cue.end:hi].strip(" .;:"):
            return False
        parts, ok = self.items(cue.end, hi)
        owner = last if parts and all(self.role(p.figure) == last.role for p in parts) else head
        owner.breakdowns.append(Breakdown(parts, "text_list", cue.exhaustive, ok))
        return True

    def items(self, lo: int, hi: int) -> tuple[list[Node], bool]:
        """The items of a list running over [lo, hi): split at ";" if any, else at "," / "và"."""
        base = self.depth[lo] if lo < len(self.text) else 0
        semicolons = [m.start() for m in self.at_depth(re.compile(";"), lo, hi, base)]
        if semicolons:
            nodes, ok = [], True
            for a, b in zip([lo, *[s + 1 for s in semicolons]], [*semicolons, hi]):
                piece, piece_ok = self.sequence(a, b)
                nodes += piece
                ok &= piece_ok
        else:
            nodes, ok = self.sequence(lo, hi)
            # A nested cue inside a comma list swallows the rest: where it ends is a guess.
            if len(nodes) > 1 and any(n.has_list_cue for n in nodes):
                ok = False
                for n in nodes:
                    for b in n.breakdowns:
                        if b.origin == "text_list":
                            b.ok = False
        if any(not n.figure.is_amount for n in nodes):
            ok = False
        if any(self.overlapping(n) for n in nodes):
            ok = False
        return nodes, ok

    def may_break_down(self, fig: Figure, cue_start: int, base: int) -> bool:
        between = self.text[fig.end:cue_start]
        return not self.clause_break(fig.end, cue_start, base) and not has_word(between, self.lex.distributive) \
            and not self.approximate(fig)

    def approximate(self, fig: Figure) -> bool:
        before = _WORD.findall(fold(self.text[max(0, fig.start - 20):fig.start]))
        tail = " ".join(before[-2:])
        return any(tail == w or tail.endswith(" " + w) for w in self.lex.approximate)

    def overlapping(self, node: Node) -> bool:
        words = self.text[node.figure.number_end:node.figure.number_end + 40]
        words = re.split(r"[,;()]", words)[0]
        return has_word(words, self.lex.overlapping_attributes)

    def attach_paren(self, node: Node, lo: int, hi: int, base: int) -> None:
        paren = self.first_paren(lo, hi, base)
        if paren is None or self.clause_break(lo, paren[0], base) or not node.figure.is_amount:
            return
        inner_lo, inner_hi = paren[0] + 1, paren[1]
        if not self.figures_in(inner_lo, inner_hi, base + 1):
            return
        cue = self.find_cue(inner_lo, inner_hi, base + 1)
        exhaustive = True
        if cue and not self.text[inner_lo:cue.start].strip():
            inner_lo, exhaustive = cue.end, cue.exhaustive
        members, ok = self.items(inner_lo, inner_hi)
        amounts = [m for m in members if m.figure.is_amount]
        if len(members) >= 2:
            node.breakdowns.append(Breakdown(members, "paren", exhaustive, ok))
        elif amounts:
            node.subset = amounts
        elif members and members[0].figure.kind == "percent":
            node.shares.append(members[0].figure)

    def role(self, fig: Figure) -> str | None:
        after = " ".join(_WORD.findall(fold(self.text[fig.number_end:fig.number_end + 30])))
        for role, nouns in self.lex.recipient_roles.items():
            if any(after == n or after.startswith(n + " ") for n in nouns):
                return role
        return None

    def is_award(self, fig: Figure) -> bool:
        after = " ".join(_WORD.findall(fold(self.text[fig.number_end:fig.number_end + 40])))
        return any(after.startswith(h + " ") or after == h for h in self.lex.award_heads)

    def links_recipients(self, fig: Figure, gap_end: int, base: int) -> bool:
        gap = self.text[fig.end:gap_end]
        return bool(self.lex.recipient_link.search(gap)) and self.is_award(fig) \
            and not self.clause_break(fig.end, gap_end, base)

    def take_recipients(self, head: Node, figs: list[Figure], i: int, hi: int, base: int) -> int:
        """Attach the recipients after "cho" to `head`; returns the index of the next figure."""
        recipients: list[Node] = []
        while i < len(figs) and (role := self.role(figs[i])):
            if recipients and not re.search(r"(?:,|\bvà\b)\s*$", self.text[recipients[-1].figure.end:figs[i].start]
                                            .split(")")[-1]):
                break
            node = self.node(figs[i])
            node.role = role
            gap_end = figs[i + 1].start if i + 1 < len(figs) else hi
            self.attach_paren(node, figs[i].end, gap_end, base)
            recipients.append(node)
            i += 1
        if len({r.role for r in recipients}) == len(recipients):
            head.recipients = recipients
        return i

    def take_share(self, node: Node, figs: list[Figure], i: int, base: int) -> int:
        if i < len(figs) and figs[i].kind == "percent":
            gap = self.text[node.figure.end:figs[i].start]
            if self.lex.share_of_parent.search(gap) and not self.clause_break(node.figure.end, figs[i].start, base):
                node.shares.append(figs[i])
                return i + 1
        return i

    def separated(self, previous: Node, fig: Figure, base: int) -> bool:
        last = self.last_end(previous)
        return bool(self.at_depth(_SEPARATOR, last, fig.start, base)) or bool(
            self.first_paren(last, fig.start, base))


@dataclass
class BlockStructure:
    index: int
    nodes: list[Node]
    trailing_cue: Cue | None
    reader: BlockReader


def figures_by_block(doc: Document) -> dict[int, list[Figure]]:
    out: dict[int, list[Figure]] = {}
    for q in doc.quantities:
        if 0 <= q.mention.block < len(doc.blocks):
            out.setdefault(q.mention.block, []).append(Figure.of(q))
    return out


def read_blocks(doc: Document) -> list[BlockStructure]:
    by_block = figures_by_block(doc)
    out = []
    for block in doc.blocks:
        reader = BlockReader(block.text, by_block.get(block.index, []), block.index)
        nodes = reader.read()
        out.append(BlockStructure(block.index, nodes, reader.trailing_cue, reader))
    link_list_items(doc, out)
    return out


_MARKER_RANK = {"-": 1, "–": 1, "+": 2, "*": 3, "•": 3}


def _nesting(doc: Document, index: int) -> int:
    b = doc.blocks[index]
    if b.kind != "list_item":
        return 0
    return b.level or _MARKER_RANK.get((b.marker or "").strip(), 1)


def link_list_items(doc: Document, blocks: list[BlockStructure]) -> None:
    """A block that ends with a list cue takes the list items below it as the parts of its total."""
    for pos, structure in enumerate(blocks):
        pending = [n for n in structure.nodes if n.pending_list]
        if not pending and structure.trailing_cue is None:
            continue
        children = _child_blocks(doc, blocks, pos)
        if not children:
            continue
        ok = all(len(c.nodes) == 1 for c in children)
        members = [c.nodes[0] for c in children if c.nodes]
        ok = ok and all(m.figure.is_amount for m in members)
        if pending:
            head, exhaustive = pending[-1], pending[-1].pending_exhaustive
        else:
            # "Trong đó:" alone in its paragraph speaks of the total just above it.
            owner = structure if structure.nodes or pos == 0 else blocks[pos - 1]
            head = _head_for(owner, members)
            exhaustive = structure.trailing_cue.exhaustive
            if head is None:
                continue
        head.breakdowns.append(Breakdown(members, "list_items", exhaustive, ok))


def _child_blocks(doc: Document, blocks: list[BlockStructure], pos: int) -> list[BlockStructure]:
    parent = _nesting(doc, blocks[pos].index)
    children = []
    for structure in blocks[pos + 1:]:
        b = doc.blocks[structure.index]
        if b.kind != "list_item" or _nesting(doc, structure.index) <= parent:
            break
        if children and _nesting(doc, structure.index) > _nesting(doc, children[0].index):
            continue  # deeper items belong to a child
        children.append(structure)
    return children


def _head_for(structure: BlockStructure, members: list[Node]) -> Node | None:
    """The total a trailing "Trong đó:" refers to: the one top-level figure of the block counted
    in the same unit as the list items."""
    if not members or not all(same_unit(m.unit, members[0].unit) for m in members):
        return None
    candidates = [n for n in structure.nodes if n.figure.is_amount and same_unit(n.unit, members[0].unit)]
    return candidates[0] if len(candidates) == 1 else None
