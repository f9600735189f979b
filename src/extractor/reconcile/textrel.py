"""Relations from the text: totals and their parts, recipients, remainders, spending against
allocation, percentages against their count and base. The structure comes from `text.py`."""
from __future__ import annotations

import re

from ..model import Document
from ..vn.normalize import fold
from .lexicon import text_lexicon
from .relations import Operand, Relation
from .text import BlockStructure, Breakdown, Figure, Node, read_blocks, same_unit

_OPEN = re.compile(r"^\s*\(\s*$")


def operand(fig: Figure, value: int | float | None = None) -> Operand:
    """The figure as an operand; `value` picks the denominator of a ratio instead."""
    q = fig.quantity
    decimals = q.decimals if value is None else 0
    shown = None
    if q.kind == "ratio" and "/" in q.mention.text:
        numerator, _, denominator = q.mention.text.partition("/")
        shown = (numerator if value is None else denominator).strip()
    return Operand.of(q.value if value is None else value, decimals, q.mention, percent=q.kind == "percent",
                      shown=shown)


def _same_measure(total: Figure, parts: list[Figure]) -> bool:
    """Money is summed with money of the same unit, counts with counts."""
    money = total.kind == "money"
    if any((p.kind == "money") != money for p in parts):
        return False
    if money:
        units = {(f.quantity.unit or "").lower() for f in (total, *parts)}
        return len(units) == 1
    return True


def sum_relation(head: Node, parts: list[Node], origin: str, *, partial: bool = False) -> Relation | None:
    figs = [p.figure for p in parts]
    if not head.figure.is_amount or not all(f.is_amount for f in figs) or not _same_measure(head.figure, figs):
        return None
    return Relation("sum", origin, operand(head.figure), [operand(f) for f in figs],
                    subject=head.label, partial=partial)


def node_relations(node: Node) -> list[Relation]:
    out: list[Relation] = []
    for breakdown in node.checkable_breakdowns():
        rel = sum_relation(node, breakdown.parts, breakdown.origin, partial=not breakdown.exhaustive)
        if rel:
            out.append(rel)
            out += share_relations(node, breakdown)
    if node.recipients:
        rel = sum_relation(node, node.recipients, "recipients")
        if rel:
            out.append(rel)
    return out


def share_relations(parent: Node, breakdown: Breakdown) -> list[Relation]:
    """ "32 trường hợp (chiếm 12,4%)" inside the breakdown of 259: 12,4% = 32 / 259."""
    out = []
    for part in breakdown.parts:
        for share in part.shares:
            out.append(Relation("percentage", "share", operand(share),
                                [operand(part.figure), operand(parent.figure)], subject=part.label))
    return out


def named_rate_relations(doc: Document, structures: list[BlockStructure], pos: int) -> list[Relation]:
    """Rates whose count and base are named in words: "162 danh hiệu Chiến sĩ thi đua cơ sở
    (chiếm 14,3% số cá nhân đạt danh hiệu Lao động tiên tiến)", "Tỷ lệ Chiến sĩ thi đua cơ sở so
    với số cá nhân đạt danh hiệu Lao động tiên tiến là 13,98%"."""
    lex, structure = text_lexicon(), structures[pos]
    reader = structure.reader
    out = []
    for top in structure.nodes:
        for node in top.walk():
            for share in node.shares:
                m = lex.share_base_named.match(reader.text[share.end:])
                base = named_figure(doc, structures, pos, m.group("base"), node.figure) if m else None
                if base is not None:
                    out.append(Relation("percentage", "named", operand(share),
                                        [operand(node.figure), operand(base)], subject=node.label))
    for lo, hi in reader.sentences():
        for fig in reader.figures_in(lo, hi, 0):
            if fig.kind != "percent":
                continue
            m = lex.rate_named.search(reader.text[lo:fig.start])
            if not m:
                continue
            count = named_figure(doc, structures, pos, m.group("count"))
            base = named_figure(doc, structures, pos, m.group("base"))
            if count is not None and base is not None and count is not base:
                out.append(Relation("percentage", "named", operand(fig), [operand(count), operand(base)]))
    return out


def within_relations(structure: BlockStructure) -> list[Relation]:
    """ "Trong 35 cá nhân được đề nghị, có 23 cá nhân là người lao động trực tiếp, chiếm 65,7%"."""
    lex, reader = text_lexicon(), structure.reader
    text = reader.text
    out = []
    for lo, hi in _clauses(text):
        figs = [f for f in reader.figures if lo <= f.start < hi]
        for base, count, share in zip(figs, figs[1:], figs[2:]):
            if not (base.is_amount and count.is_amount and share.kind == "percent"):
                continue
            if lex.within_base.search(text[lo:base.start]) and lex.share_of_parent.search(text[count.end:share.start]):
                out.append(Relation("percentage", "within", operand(share), [operand(count), operand(base)]))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in re.finditer(r"[;.](?=\s|$)", text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def complement_relations(structures: list[BlockStructure]) -> list[Relation]:
    """ "10/16 xã đạt chuẩn" ... "06 xã chưa đạt chuẩn", "24/27 đơn vị" ... "03 đơn vị còn lại":
    what is left of a ratio's base makes it up with the ratio's count."""
    lex = text_lexicon()
    ratios: list[tuple[BlockStructure, Figure]] = []
    out = []
    for structure in structures:
        reader = structure.reader
        for fig in reader.figures:
            if _is_ratio(fig):
                ratios.append((structure, fig))
                continue
            m = lex.complement.match(reader.text[fig.number_end:fig.number_end + 60])
            if not (fig.kind == "count" and m and ratios):
                continue
            unit = " ".join(re.findall(r"\w+", fold(m.group("unit"))))
            found = _ratio_of_unit(ratios, unit, m.group("what"))
            if found is not None:
                out.append(Relation("sum", "complement", operand(found, found.quantity.denominator),
                                    [operand(found), operand(fig)], subject=" ".join(re.findall(r"\w+", m.group("unit")))))
    return out


def _ratio_of_unit(ratios: list[tuple[BlockStructure, Figure]], unit: str, what: str | None) -> Figure | None:
    """The latest ratio counting `unit` (and, for "chưa đạt chuẩn", saying "đạt chuẩn")."""
    for owner, ratio in reversed(ratios):
        after = " ".join(re.findall(r"\w+", fold(owner.reader.text[ratio.end:ratio.end + 80])))
        if same_unit(unit, " ".join(after.split()[:len(unit.split())])):
            return ratio if not what or f" {fold(what)} " in f" {after} " else None
    return None


def named_figure(doc: Document, structures: list[BlockStructure], pos: int, description: str,
                 exclude: Figure | None = None) -> Figure | None:
    """The one figure named by `description` in this block or, failing that, in the blocks above
    it up to the section's heading."""
    for structure in reversed(structures[:pos + 1]):
        found = structure.reader.named(description, exclude)
        if found:
            return found[0] if len(found) == 1 else None
        if doc.blocks[structure.index].kind == "heading":
            return None
    return None


def remainder_relations(structures: list[BlockStructure], pos: int) -> list[Relation]:
    """ "38 trường hợp ... Đã giải quyết 34 trường hợp, còn 04": 38 = 34 + 04; also "đã có quyết
    định 71 trường hợp; 22 trường hợp đang được thẩm định" after a total of 93 just before."""
    structure = structures[pos]
    lex, reader, nodes = text_lexicon(), structure.reader, structure.nodes
    out = []
    for lo, hi in reader.sentences():
        in_sentence = [n for n in nodes if lo <= n.figure.start < hi]
        for done, left in zip(in_sentence, in_sentence[1:]):
            if not same_unit(done.unit, left.unit) or not done.figure.is_amount or not left.figure.is_amount:
                continue
            between = reader.text[done.figure.end:left.figure.start]
            pending = lex.remainder_pending.search(reader.text[left.figure.number_end:hi])
            if not (lex.remainder_left.search(between) or (pending and re.search(r"[,;]", between))):
                continue
            if not lex.remainder_done.search(reader.text[lo:done.figure.start]):
                continue
            total = _remainder_total(structure, done) or _total_just_before(structures, pos, done)
            if total is not None:
                rel = sum_relation(total, [done, left], "remainder")
                if rel:
                    out.append(rel)
    return out


def _remainder_total(structure: BlockStructure, done: Node) -> Node | None:
    """The nearest earlier figure in the same unit, if it is a stated total."""
    same = [n for n in structure.nodes if n.figure.start < done.figure.start and same_unit(n.unit, done.unit)]
    if not same:
        return None
    total = same[-1]
    return total if total.breakdowns or _opens_sentence(structure, total) else None


def _total_just_before(structures: list[BlockStructure], pos: int, done: Node) -> Node | None:
    """The last figure of the previous block, when it is a total broken down in the same unit."""
    if pos == 0 or any(n.figure.start < done.figure.start for n in structures[pos].nodes):
        return None
    previous = [n for n in structures[pos - 1].nodes if n.figure.is_amount]
    if previous and same_unit(previous[-1].unit, done.unit) and previous[-1].checkable_breakdowns():
        return previous[-1]
    return None


def grand_total_relations(doc: Document, structures: list[BlockStructure], pos: int) -> list[Relation]:
    """ "- Tổng cộng 1.545 lượt tập thể, cá nhân" after list items stating 300 and 1.245 awards."""
    lex, structure = text_lexicon(), structures[pos]
    text = structure.reader.text
    if not lex.grand_total.match(text) or not structure.nodes or lex.annex_reference.search(text):
        return []
    total = structure.nodes[0]
    parts: list[Node] = []
    block = doc.blocks[structure.index]
    for previous in reversed(structures[:pos]):
        b = doc.blocks[previous.index]
        if b.kind != block.kind or b.level != block.level:
            break
        counts = [n for n in previous.nodes if n.figure.is_amount and previous.reader.is_award(n.figure)]
        if not counts:
            return []
        parts = counts + parts
    rel = sum_relation(total, parts, "grand_total") if len(parts) >= 2 else None
    return [rel] if rel else []


def _opens_sentence(structure: BlockStructure, node: Node) -> bool:
    reader = structure.reader
    for lo, hi in reader.sentences():
        if lo <= node.figure.start < hi:
            return reader.figures_in(lo, hi, 0)[0] is node.figure
    return False


def bound_relations(structure: BlockStructure) -> list[Relation]:
    """ "ngân sách cấp 13.380 triệu đồng ...; đã chi ... 12.010 triệu đồng": 12.010 <= 13.380."""
    lex, reader = text_lexicon(), structure.reader
    out = []
    for lo, hi in reader.sentences():
        money = [n for n in structure.nodes if lo <= n.figure.start < hi and n.figure.kind == "money"]
        for i, allocated in enumerate(money):
            if not lex.bound_allocated.search(reader.text[lo:allocated.figure.start]):
                continue
            for spent in money[i + 1:]:
                between = reader.text[allocated.figure.end:spent.figure.start]
                if lex.bound_spent.search(between):
                    if _same_measure(allocated.figure, [spent.figure]):
                        out.append(Relation("bound", "allocation", operand(allocated.figure),
                                            [operand(spent.figure)], subject=allocated.label, severity="warning"))
                    break
    return out


def ratio_relations(structure: BlockStructure) -> list[Relation]:
    """A percentage against the count and base written beside it: "20,2% (47/233)", "47/233
    (20,2%)", "11/14 xã đạt chuẩn, đạt 78,6%", "71,3% (2.065 người trên tổng số 2.896 cá nhân)"."""
    text, figs = structure.reader.text, structure.reader.figures
    out = []
    for i, fig in enumerate(figs):
        rest = figs[i + 1:]
        if not rest:
            continue
        sentence = str(next((lo for lo, hi in structure.reader.sentences() if lo <= fig.start < hi), -1))
        found = len(out)
        nxt = rest[0]
        if fig.kind == "percent" and _is_ratio(nxt) and _opens(text, fig, nxt) and _closes(text, nxt):
            out.append(_ratio(fig, nxt))
        elif fig.kind == "percent" and len(rest) >= 2 and _written_rate(text, fig, nxt, rest[1]):
            out.append(Relation("ratio", "text", operand(fig), [operand(nxt), operand(rest[1])]))
        elif _is_ratio(fig) and nxt.kind == "percent" and (
                (_opens(text, fig, nxt) and _closes(text, nxt)) or _links_rate(text, fig, nxt)):
            out.append(_ratio(nxt, fig))
        for rel in out[found:]:
            rel.extra["sentence"] = sentence
    return out


def complementary_relations(ratios: list[Relation]) -> list[Relation]:
    """Two rates of one sentence that make up 100% split one base: "lãnh đạo 32,5% (713/2.192);
    người lao động 67,5% (1.479/2.192)" gives 2.192 = 713 + 1.479."""
    out = []
    for first, second in zip(ratios, ratios[1:]):
        if first.extra.get("sentence") != second.extra.get("sentence"):
            continue
        claims = first.total.interval + second.total.interval
        if not claims.contains(100):
            continue
        counts = [first.parts[0], second.parts[0]]
        for rel in (first, second):
            out.append(Relation("sum", "complement", rel.parts[1], counts, subject=rel.subject))
    return out


def _is_ratio(fig: Figure) -> bool:
    return fig.kind == "ratio" and bool(fig.quantity.denominator)


def _words_only(text: str) -> bool:
    return not re.search(r"[\d;:.()]", text)


def _opens(text: str, first: Figure, second: Figure) -> bool:
    return bool(_OPEN.match(text[first.end:second.start]))


def _closes(text: str, last: Figure) -> bool:
    """The parenthesis closes after `last`, perhaps after a few words ("9.842/9.966 thí sinh)")."""
    rest = text[last.end:]
    close = rest.find(")")
    return close >= 0 and _words_only(rest[:close])


def _links_rate(text: str, ratio: Figure, percent: Figure) -> bool:
    between = text[ratio.end:percent.start]
    return _words_only(between.replace(",", " ")) and bool(text_lexicon().rate_link.search(between))


def _written_rate(text: str, percent: Figure, count: Figure, base: Figure) -> bool:
    """ "71,3% (2.065 người trên tổng số 2.896 cá nhân)", or a ratio left as two counts."""
    return (count.is_amount and base.is_amount and _opens(text, percent, count)
            and _words_only(text[count.end:base.start].replace("/", " "))
            and bool(text_lexicon().rate_over.search(text[count.end:base.start])) and _closes(text, base))


def _ratio(percent: Figure, ratio: Figure) -> Relation:
    base = ratio.quantity.denominator
    return Relation("ratio", "text", operand(percent), [operand(ratio), operand(ratio, base)])


def text_relations(doc: Document) -> tuple[list[Relation], list[BlockStructure]]:
    structures = read_blocks(doc)
    out: list[Relation] = []
    for pos, structure in enumerate(structures):
        for top in structure.nodes:
            for node in top.walk():
                out += node_relations(node)
        out += remainder_relations(structures, pos)
        out += grand_total_relations(doc, structures, pos)
        out += named_rate_relations(doc, structures, pos)
        out += within_relations(structure)
        out += bound_relations(structure)
        ratios = [r for r in ratio_relations(structure) if r.parts[1].value != 0]
        out += ratios + complementary_relations(ratios)
    out += complement_relations(structures)
    return out, structures
