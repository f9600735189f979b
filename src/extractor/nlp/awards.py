"""Award counts in text and tables, with canonical names shared by both.

Text forms read here (numbers are Vietnamese style):
- count then award: "220 Bằng khen của Thủ tướng Chính phủ cho 08 tập thể và 212 cá nhân",
  "20 Huân chương Lao động hạng Ba cho 04 tập thể (...) và 16 cá nhân", "410 danh hiệu ...";
- recipients then award: "11 tập thể được đề nghị tặng Cờ thi đua của Chính phủ";
- award then recipients: "tặng bằng khen cho 01 cá nhân" (the giver names the award);
- counts of cases under an award group ("Khen thưởng cấp Nhà nước: ... 259 trường hợp"), with
  their status ("32 trường hợp đã có quyết định"), or with a bracketed list of awards
  ("38 trường hợp (23 Huân chương các loại, ...)").

A count followed by "gồm", "cụ thể", "trong đó" or a bracket opens a breakdown: the counts that
follow become its `parts` while they fit (same award with a class under "các hạng"; awards of
the group's level under a group) and until they add up to it. The breakdown may continue in the
deeper list items that follow ("+ 46 Cờ thi đua cấp tỉnh ..."). Recipient splits written in
brackets ("673 tập thể (458 ...; 215 ...)") become parts when they add up. Status counts
("32 / 207 / 20 trường hợp") are records of their own with the group's name and a `status`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Award, Document, Mention, Quantity, Table
from ..vn.normalize import match_key
from ..vn.numbers import Number
from . import lexicon as L
from .blocks import BlockView, Lex
from .resources import load

_CHO = re.compile(r"\s*cho\s+")
_JOIN = re.compile(r"\s*(?:,|và|;)\s*(?:và\s+)?")
_AND = re.compile(r"\s*(?:và|,)\s*")


# --------------------------------------------------------------------------------------------
# The award system


@dataclass(frozen=True)
class AwardInfo:
    name: str
    level: str | None
    generic: bool
    group: bool
    recipients: tuple[str, ...]


@lru_cache(maxsize=1)
def _catalog() -> dict[str, AwardInfo]:
    data = load("awards")
    out = {
        a["name"]: AwardInfo(a["name"], a.get("level"), a.get("generic", False), False, tuple(a.get("recipients", ())))
        for a in data["awards"]
    }
    for g in data["groups"]:
        out[g["name"]] = AwardInfo(g["name"], g["level"], False, True, ())
    unnamed = data["unnamed_group"]
    out[unnamed] = AwardInfo(unnamed, None, True, True, ())
    return out


def info(name: str) -> AwardInfo | None:
    return _catalog().get(name)


@lru_cache(maxsize=1)
def _alias_index() -> list[tuple[re.Pattern[str], str]]:
    data = load("awards")
    pairs = [(alias, a["name"]) for a in data["awards"] for alias in a["aliases"]]
    pairs += [(alias, g["name"]) for g in data["groups"] for alias in g["aliases"]]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return [(_key_pattern(alias), name) for alias, name in pairs]


@lru_cache(maxsize=1)
def _class_index() -> list[tuple[re.Pattern[str], str]]:
    classes = load("awards")["classes"]
    pairs = sorted(((a, name) for name, aliases in classes.items() for a in aliases), key=lambda p: -len(p[0]))
    return [(_key_pattern(alias), name) for alias, name in pairs]


def _key_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\u0300-\u036f])" + re.escape(match_key(phrase)) + r"(?![\w\u0300-\u036f])")


def canonical_award(text: str) -> tuple[str, str | None, str | None] | None:
    """(canonical name, class, level) of the award or award group named in `text` (a table row
    label, a phrase), or None. "Bằng khen của Chủ tịch UBND tỉnh" and "Bằng khen của UBND tỉnh"
    give the same name."""
    key = match_key(text)
    name = next((n for pattern, n in _alias_index() if pattern.search(key)), None)
    if name is None:
        return None
    if _catalog()[name].generic:
        name = _given_by(key, name) or name
    class_ = next((c for pattern, c in _class_index() if pattern.search(key)), None)
    return name, class_, _catalog()[name].level


@lru_cache(maxsize=1)
def _authorities() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    pairs = [(alias, a["gives"]) for a in load("awards")["authorities"] for alias in a["aliases"]]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(_key_pattern(alias), gives) for alias, gives in pairs]


def _given_by(key: str, generic: str) -> str | None:
    """The specific award a generic name means when `key` names its giver."""
    for pattern, gives in _authorities():
        if pattern.search(key) and generic in gives:
            return gives[generic]
    return None


# --------------------------------------------------------------------------------------------
# Text


@dataclass
class Recipients:
    kind: str  # collective | individual
    value: int
    span: tuple[int, int]
    parts: list[tuple[int, tuple[int, int], str]] = field(default_factory=list)


@dataclass
class Candidate:
    award: Award
    block: int
    level: int
    start: int
    end: int
    opens: bool = False

    @property
    def remaining(self) -> int:
        return (self.award.count or 0) - sum(p.count or 0 for p in self.award.parts)


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern[str]]:
    data = load("awards")

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return {
        "breakdown": re.compile(rf"\s*[,:]?\s*(?:{alternation(data['breakdown_words'])})\s*(?:có\s*)?:?", re.I),
        "give": re.compile(rf"[^\d();.]*?(?<!\w)(?:{alternation(data['give_verbs'])})\s+", re.I),
        "status": re.compile(rf"(?<!\w)(?:{alternation(data['status_phrases'])})(?!\w)", re.I),
        "classifier": re.compile(rf"\s*(?:{alternation(data['classifiers'])})\s+", re.I),
    }


def _recipient_kind(noun: Lex | None) -> str | None:
    return load("awards")["recipients"].get(noun.id) if noun else None


class BlockReader:
    """Reads the award candidates of one block."""

    def __init__(self, doc: Document, view: BlockView, numbers: dict[int, tuple[int, Number]]):
        self.doc, self.view, self.text = doc, view, view.text
        self.numbers = numbers  # start -> (end, Number), figures only

    def mention(self, start: int, end: int) -> Mention:
        return self.doc.mention(self.view.index, start, end)

    def number_at(self, pos: int) -> tuple[int, int, Number] | None:
        m = re.compile(r"\s*").match(self.text, pos)
        start = m.end()
        if start in self.numbers:
            end, number = self.numbers[start]
            return start, end, number
        return None

    # -- award phrase ----------------------------------------------------------------------

    def award_phrase(self, award: Lex, clause_start: int) -> tuple[str, str | None, int]:
        """(canonical name, class, end of phrase) for an award match, resolving a generic name
        by its giver and joining "X và Y" where Y is an award with no count of its own."""
        name = self.resolve(award, clause_start)
        end = award.end
        class_ = None
        if cls := self.view.lex_at(L.CLASS, end):
            class_, end = cls.id, cls.end
        elif total := self.view.lex_at(L.SUMWORD, end):
            end = total.end
        if (m := _AND.match(self.text, end)) and (second := self.view.lex_at(L.AWARD, m.end(), "")):
            if self.number_at(m.end()) is None:
                name = f"{name} và {self.resolve(second, clause_start)}"
                end = second.end
        return name, class_, end

    def resolve(self, award: Lex, clause_start: int) -> str:
        if award.id not in _catalog() or not _catalog()[award.id].generic:
            return award.id
        before = self.text[clause_start:award.start]
        return _given_by(match_key(before), award.id) or award.id

    def clause_start(self, pos: int) -> int:
        cut = max(self.text.rfind(";", 0, pos), self.text.rfind(". ", 0, pos), self.text.rfind("(", 0, pos))
        return cut + 1

    # -- recipients ------------------------------------------------------------------------

    def recipients(self, pos: int) -> tuple[list[Recipients], int]:
        """'cho 04 tập thể (...) và 16 cá nhân' after `pos`: the groups and where they end."""
        m = _CHO.match(self.text, pos)
        if not m:
            return [], pos
        found: list[Recipients] = []
        cursor = m.end()
        while True:
            num = self.number_at(cursor)
            noun = self.view.lex_at(L.NOUN, num[1]) if num else None
            kind = _recipient_kind(noun)
            if not num or kind is None:
                break
            group = Recipients(kind, int(num[2].value), (num[0], num[1]))
            cursor = noun.end
            cursor = self.bracketed_split(group, noun.id, cursor)
            found.append(group)
            sep = _JOIN.match(self.text, cursor)
            if not sep or self.number_at(sep.end()) is None:
                break
            nxt = self.number_at(sep.end())
            if _recipient_kind(self.view.lex_at(L.NOUN, nxt[1])) is None:
                break
            cursor = sep.end()
        return found, cursor

    def bracketed_split(self, group: Recipients, noun: str, pos: int) -> int:
        """Read '(458 tập thể ...; 215 tập thể ...)' after a recipient count; keep it as parts
        when the bracket adds up to the count."""
        m = re.compile(r"\s*\(").match(self.text, pos)
        if not m:
            return pos
        close = self.text.find(")", m.end())
        if close < 0:
            return pos
        items = self.counts_of(noun, m.end(), close)
        if items and sum(v for v, _, _ in items) == group.value:
            group.parts = items
        return close + 1

    def counts_of(self, noun: str, start: int, end: int) -> list[tuple[int, tuple[int, int], str]]:
        """Each 'N <noun> <description>' in text[start:end] as (N, number span, phrase)."""
        items = []
        starts = [s for s in sorted(self.numbers) if start <= s < end]
        for i, s in enumerate(starts):
            e, number = self.numbers[s]
            lx = self.view.lex_at(L.NOUN, e)
            if lx is None or lx.id != noun:
                continue
            stop = starts[i + 1] if i + 1 < len(starts) else end
            phrase = self.text[s:stop].rstrip(" ,;và").strip()
            items.append((int(number.value), (s, e), phrase))
        return items

    # -- candidates ------------------------------------------------------------------------

    def count_then_award(self, q: Quantity) -> Candidate | None:
        start, end = q.mention.start, q.mention.end
        after = end
        if c := _words()["classifier"].match(self.text, end):
            after = c.end()
        lx = self.view.lex_at(L.AWARD, after)
        if lx is None and (cls := self.view.lex_at(L.CLASS, end)):  # "(01 hạng Nhất, ...)" names its award before
            lx = Lex(L.AWARD, q.counts or "", cls.start, cls.start, "")
        if lx is None:
            return None
        name, class_, phrase_end = self.award_phrase(lx, self.clause_start(start))
        groups, phrase_end = self.recipients(phrase_end)
        award = self.new_award(name, int(q.value), class_, start, end, phrase_end)
        self.apply_recipients(award, groups)
        self.bracket_parts(award, phrase_end)
        return self.candidate(award, start, phrase_end)

    def recipients_then_award(self, q: Quantity) -> Candidate | None:
        kind = load("awards")["recipients"].get(q.counts or "")
        if kind is None:
            return None
        give = _words()["give"].match(self.text, q.mention.end)
        lx = self.view.lex_at(L.AWARD, give.end(), "") if give else None
        if lx is None:
            return None
        start, end = q.mention.start, q.mention.end
        name, class_, phrase_end = self.award_phrase(lx, start)
        award = self.new_award(name, int(q.value), class_, start, end, phrase_end)
        setattr(award, "collectives" if kind == "collective" else "individuals", int(q.value))
        return self.candidate(award, start, phrase_end)

    def award_then_recipients(self, lx: Lex) -> Candidate | None:
        name, class_, phrase_end = self.award_phrase(lx, self.clause_start(lx.start))
        groups, end = self.recipients(phrase_end)
        if not groups:
            return None
        first = groups[0].span
        award = self.new_award(name, sum(g.value for g in groups), class_, *first, end, surface_start=lx.start)
        award.mentions = []
        self.apply_recipients(award, groups)
        return self.candidate(award, lx.start, end)

    def cases(self, q: Quantity, group: str | None, others: list[Candidate]) -> Candidate | None:
        """A count of award cases: under a named group, or with a bracketed list of awards."""
        start, end = q.mention.start, q.mention.end
        bracket = self.bracket_after(end)
        listed = bracket is not None and any(bracket[0] <= c.start < bracket[1] for c in others)
        clause = self.text[end:bracket[0] if bracket else self.view.clause_end(end)]
        if group is None:
            if not listed or (q.counts != "trường hợp" and "khen thưởng" not in clause.lower()):
                return None
            group = load("awards")["unnamed_group"]
        elif q.counts != "trường hợp":
            return None
        award = self.new_award(group, int(q.value), None, start, end, bracket[1] if listed else end + len(clause))
        kind = load("awards")["recipients"].get(q.counts or "")
        if kind:
            setattr(award, "collectives" if kind == "collective" else "individuals", int(q.value))
        award.status = self.status_near(start, end, bracket)
        noun = self.view.lex_at(L.NOUN, end)
        cand = self.candidate(award, start, noun.end if noun else end)
        cand.end = bracket[1] if listed else end + len(clause)
        cand.opens = cand.opens or listed
        return cand

    def status_near(self, start: int, end: int, bracket: tuple[int, int] | None) -> str | None:
        """The status phrase after the count in its clause, else the nearest one before it."""
        stop = bracket[0] if bracket else self.view.clause_end(end)
        status = _words()["status"]
        after = status.search(self.text, end, stop)
        before = list(status.finditer(self.text, self.clause_start(start), start))
        m = after or (before[-1] if before else None)
        return m.group().lower() if m else None

    def bracket_after(self, pos: int) -> tuple[int, int] | None:
        stop = self.view.clause_end(pos)
        open_ = self.text.find("(", pos, stop if stop > pos else len(self.text))
        if open_ < 0:
            return None
        close = self.text.find(")", open_)
        return (open_ + 1, close) if close > 0 else None

    # -- building --------------------------------------------------------------------------

    def new_award(self, name: str, count: int, class_: str | None, start: int, end: int, phrase_end: int,
                  surface_start: int | None = None) -> Award:
        entry = info(name.split(" và ")[0])
        return Award(
            award=name,
            count=count,
            class_=class_,
            level=entry.level if entry else None,
            source="text",
            mentions=[self.mention(start, end)],
            surface=self.text[surface_start if surface_start is not None else start:phrase_end].strip(),
        )

    def apply_recipients(self, award: Award, groups: list[Recipients]) -> None:
        for g in groups:
            setattr(award, "collectives" if g.kind == "collective" else "individuals", g.value)
            award.mentions.append(self.mention(*g.span))
            self.add_split_parts(award, g)

    def add_split_parts(self, award: Award, group: Recipients) -> None:
        """Recipient splits ('458 tập thể khen chuyên đề') as parts of the same award."""
        for value, span, phrase in group.parts:
            part = Award(award=award.award, count=value, class_=award.class_, level=award.level,
                         source="text", mentions=[self.mention(*span)], surface=phrase)
            setattr(part, "collectives" if group.kind == "collective" else "individuals", value)
            award.parts.append(part)

    def bracket_parts(self, award: Award, pos: int) -> None:
        """'46 Cờ thi đua cấp tỉnh (trong đó: 30 tập thể ..., 15 tập thể ..., 01 tập thể ...)'."""
        if award.parts:
            return
        bracket = self.bracket_after(pos)
        if bracket is None or not re.fullmatch(r"\s*\(?", self.text[pos:bracket[0]]):
            return
        for noun, kind in load("awards")["recipients"].items():
            items = self.counts_of(noun, *bracket)
            if items and sum(v for v, _, _ in items) == award.count:
                self.add_split_parts(award, Recipients(kind, award.count or 0, (0, 0), items))
                return

    def candidate(self, award: Award, start: int, end: int) -> Candidate:
        opens = bool(_words()["breakdown"].match(self.text, end)) and not award.parts
        block = self.view.block
        return Candidate(award, self.view.index, block.level if block.kind == "list_item" else 0, start, end, opens)


def _block_candidates(doc: Document, view: BlockView, qs: list[Quantity], group: str | None) -> list[Candidate]:
    numbers = {q.mention.start: (q.mention.start + len(q.mention.text.rstrip("% ")), _number(q)) for q in qs}
    reader = BlockReader(doc, view, numbers)
    found: list[Candidate] = []
    for q in qs:
        if q.kind != "count":
            continue
        cand = reader.count_then_award(q) if info(q.counts or "") else reader.recipients_then_award(q)
        if cand:
            found.append(cand)
    covered = [(c.start, c.end) for c in found]
    for lx in view.lex.get(L.AWARD, ()):
        if not any(s <= lx.start < e for s, e in covered) and (cand := reader.award_then_recipients(lx)):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for q in qs:
        if q.kind == "count" and q.counts in ("trường hợp", "tập thể", "cá nhân"):
            if not any(s <= q.mention.start < e for s, e in covered):
                if cand := reader.cases(q, group, found):
                    found.append(cand)
    return sorted(found, key=lambda c: c.start)


def _number(q: Quantity) -> Number:
    return Number(value=q.value, text=q.text, decimals=q.decimals)


def _group_context(view: BlockView, previous: tuple[str, int] | None) -> tuple[str, int] | None:
    """The award group a block speaks under: named in it, or inherited by deeper list items."""
    groups = view.lex.get(L.GROUP)
    block = view.block
    if groups:
        return groups[0].id, block.level
    if previous and block.kind == "list_item" and block.level > previous[1]:
        return previous
    return None


def _fits(parent: Candidate, child: Candidate) -> bool:
    p, c = parent.award, child.award
    if c.count is None or c.count > parent.remaining or info(c.award.split(" và ")[0]) is None:
        return False
    p_info, c_info = info(p.award), info(c.award.split(" và ")[0])
    if c_info.group:
        return False
    if p_info.group:
        return p_info.level is None or c.level is None or c.level == p_info.level
    if p_info.generic:
        return c.award.startswith(p.award)
    return c.award == p.award and p.class_ is None and c.class_ is not None


def _nest(candidates: list[Candidate], views: list[BlockView]) -> list[Award]:
    roots: list[Award] = []
    stack: list[Candidate] = []
    for cand in candidates:
        stack = [s for s in stack if _still_open(s, cand, views)]
        while stack and not _fits(stack[-1], cand):
            stack.pop()
        if stack:
            stack[-1].award.parts.append(cand.award)
        else:
            roots.append(cand.award)
        if cand.opens and cand.award.count:
            stack.append(cand)
        stack = [s for s in stack if s.remaining > 0]
    for award in roots:
        _settle_level(award)
    return roots


def _still_open(parent: Candidate, cand: Candidate, views: list[BlockView]) -> bool:
    """A breakdown continues in its own block and in the deeper list items right after it."""
    if cand.block == parent.block:
        return True
    between = views[parent.block + 1:cand.block + 1]
    return all(v.block.kind == "list_item" and v.block.level > parent.level for v in between)


def _settle_level(award: Award) -> None:
    for part in award.parts:
        _settle_level(part)
    levels = {p.level for p in award.parts}
    if award.level is None and len(levels) == 1:
        award.level = levels.pop()


def extract_text(doc: Document, views: list[BlockView], quantities: list[Quantity]) -> list[Award]:
    by_block: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_block.setdefault(q.mention.block, []).append(q)
    candidates: list[Candidate] = []
    context: tuple[str, int] | None = None
    for view in views:
        context = _group_context(view, context)
        candidates += _block_candidates(doc, view, by_block.get(view.index, []), context[0] if context else None)
    return _nest(candidates, views)


# --------------------------------------------------------------------------------------------
# Tables


def _column(labels: list[str], *words: str) -> int | None:
    for word in words:
        for i, label in enumerate(labels):
            if word in match_key(label):
                return i
    return None


def _is_total_row(label: str) -> bool:
    return match_key(label).strip(" :") in {match_key(x).strip(" :") for x in load("awards")["total_row_labels"]}


def table_awards(doc: Document, table: Table) -> list[Award]:
    """One award record per statistics row (the label column names an award; a total row is the
    award group of the table's title), with the count cell first among its mentions."""
    labels = table.column_labels()
    label_col = _column(labels, match_key("hình thức"), match_key("danh hiệu"))
    total_col = _column(labels, match_key("tổng số"), match_key("số lượng"))
    if label_col is None or total_col is None:
        return []
    coll_col = _column(labels, match_key("tập thể"))
    ind_col = _column(labels, match_key("cá nhân"))
    group = canonical_award(table.title or "")
    out = []
    for r, row in enumerate(table.rows):
        if max(label_col, total_col) >= len(row):
            continue
        label = row[label_col].text
        found = canonical_award(label) or (group if group and _is_total_row(label) else None)
        count = row[total_col].value
        if found is None or count is None:
            continue
        name, class_, level = found
        award = Award(award=name, count=int(count), class_=class_, level=level, source="table",
                      mentions=[doc.cell_ref(table.index, r, total_col)], surface=label)
        for col, attr in ((coll_col, "collectives"), (ind_col, "individuals")):
            if col is not None and col < len(row) and row[col].value is not None:
                setattr(award, attr, int(row[col].value))
                award.mentions.append(doc.cell_ref(table.index, r, col))
        out.append(award)
    return out


def extract(doc: Document, views: list[BlockView], quantities: list[Quantity]) -> list[Award]:
    awards = extract_text(doc, views, quantities)
    for table in doc.tables:
        awards += table_awards(doc, table)
    return awards


__all__ = ["canonical_award", "extract", "table_awards"]
