"""Award records in text and tables, with canonical names shared by both.

An award record is one stated count of one award form (corpus/README.md, "Awards"). Text forms
read here (numbers are Vietnamese style):
- count then award: "220 Bằng khen của Thủ tướng Chính phủ cho 08 tập thể và 212 cá nhân",
  "20 Huân chương Lao động hạng Ba cho 04 tập thể (...) và 16 cá nhân", "410 danh hiệu ...";
- recipients then award: "11 tập thể được đề nghị tặng Cờ thi đua của Chính phủ";
- award then recipients: "tặng bằng khen cho 01 cá nhân" (the giver names the award).

Counts over several forms are read too, because the counts listed under them take their status
from them, but they are not records: cases under an award group ("Khen thưởng cấp Nhà nước: ...
259 trường hợp"), status splits ("32 trường hợp đã có quyết định"), cases with a bracketed list
of awards, joint counts ("92 tập thể ... Cờ thi đua cấp tỉnh và Bằng khen"). Counts in a sentence
about re-issuing award documents (cấp đổi, cấp lại) or about the awards a candidate must already
hold (a criterion), and counts right after a limit (a quota, a minimum), are not award counts at
all.

A count followed by a list cue ("gồm", "cụ thể:", "trong đó", "chia ra": the checker's list,
reconcile.json text.list_cues) or a bracket opens a breakdown: the counts that follow nest under
it while they fit (same award with a class under "các hạng"; awards of the group's level under a
group) and until they add up to it, also in the deeper list items that follow ("+ 46 Cờ thi đua
cấp tỉnh ..."). A class breakdown stays as the `parts` of its parent;
the counts under a count over several forms become records of their own. Splits by purpose
("673 tập thể (458 ...; 215 ...)") stay quantities. `status` is proposed, awarded or returned:
the count's own cue words, else its parent's, else awarded after a give verb ("tặng").
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
from .resources import alternation, load

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


@dataclass
class Candidate:
    """A count read in the text, before it is known whether it is an award record.

    `record` is False for counts over several award forms (cases under a group, "X và Y"); they
    still take part in nesting, so that the counts listed under them find their parent and their
    status. `stated` is the status the count's own words give; `given` says a give verb ("tặng",
    "công nhận") comes before it, which means awarded unless a parent says otherwise."""

    award: Award
    block: int
    level: int
    start: int
    end: int
    forms: tuple[str, ...] = ()  # the award forms counted: one, or two for "X và Y"
    record: bool = True
    opens: bool = False
    stated: str | None = None
    given: bool = False
    children: list["Candidate"] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return (self.award.count or 0) - sum(c.award.count or 0 for c in self.children)


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern[str]]:
    data = load("awards")
    statuses = [p for phrases in data["status_cues"].values() for p in phrases]
    list_cues = load("reconcile")["text"]["list_cues"]
    breakdown = "|".join(f"(?:{cue})" for cue in list_cues["exhaustive"] + list_cues["partial"])
    return {
        "breakdown": re.compile(rf"\s*[,:]?\s*(?:{breakdown})", re.I),
        "give": re.compile(rf"[^\d();.]*?(?<!\w)(?:{alternation(data['give_verbs'])})\s+", re.I),
        "given": re.compile(rf"(?<!\w)(?:{alternation(data['give_verbs'])})(?!\w)", re.I),
        "status": re.compile(rf"(?<!\w)(?:{alternation(statuses)})(?!\w)", re.I),
        "not_status": re.compile(rf"(?<!\w)(?:{alternation(data['status_false_friends'])})(?!\w)", re.I),
        "award_word": re.compile(rf"(?<!\w)(?:{alternation(data['award_words'])})(?!\w)", re.I),
        "not_awards": re.compile(rf"(?<!\w)(?:{_spaced(data['reissue_cues'] + data['criterion_cues'])})(?!\w)", re.I),
        "limit": re.compile(rf"(?<!\w)(?:{_spaced(data['limit_words'])})\s*$", re.I),
        "classifier": re.compile(rf"\s*(?:{alternation(data['classifiers'])})\s+", re.I),
    }


def _spaced(phrases: list[str]) -> str:
    """An alternation of phrases whose words may be parted by any run of spaces or a line break."""
    return alternation(phrases).replace(r"\ ", r"\s+")


@lru_cache(maxsize=1)
def _status_codes() -> dict[str, str]:
    return {match_key(p): code for code, phrases in load("awards")["status_cues"].items() for p in phrases}


def _statuses(text: str, start: int, end: int) -> list[str]:
    """The status codes the cue words in text[start:end] give, in text order."""
    friends = [m.span() for m in _words()["not_status"].finditer(text, max(0, start - 12), min(len(text), end + 12))]
    return [_status_codes()[match_key(m.group())] for m in _words()["status"].finditer(text, start, end)
            if not any(s <= m.start() < e for s, e in friends)]


def _counts_cases(q: Quantity) -> bool:
    return q.counts in load("awards")["case_nouns"]


def _recipient_kind(noun: Lex | None) -> str | None:
    return load("awards")["recipients"].get(noun.id) if noun else None


_STATUS_WINDOW_END = re.compile(r"[;()]|\.(?!\d)|\d")


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

    def award_phrase(self, award: Lex, clause_start: int) -> tuple[tuple[str, ...], str | None, int]:
        """(canonical names, class, end of phrase) for an award match, resolving a generic name
        by its giver; "X và Y" where Y has no count of its own is one joint count of two forms."""
        name = self.resolve(award, clause_start)
        end = award.end
        class_ = None
        if cls := self.view.lex_at(L.CLASS, end):
            class_, end = cls.id, cls.end
        elif total := self.view.lex_at(L.SUMWORD, end):
            end = total.end
        if (m := _AND.match(self.text, end)) and (second := self.view.lex_at(L.AWARD, m.end(), "")):
            if self.number_at(m.end()) is None:
                return (name, self.resolve(second, clause_start)), None, second.end
        if giver := self.view.lex_at(L.ISSUER, end):  # "Bằng khen của Bộ trưởng Bộ Y tế cho ..."
            end = giver.end
        return (name,), class_, end

    def resolve(self, award: Lex, clause_start: int) -> str:
        if award.id not in _catalog() or not _catalog()[award.id].generic:
            return award.id
        before = self.text[clause_start:award.start]
        return _given_by(match_key(before), award.id) or award.id

    def clause_start(self, pos: int, brackets: bool = True) -> int:
        """After the last ';' or '. ' before `pos`, or after a '(' still open at `pos`."""
        bracket = self.text.rfind("(", 0, pos) if brackets else -1
        if bracket >= 0 and ")" in self.text[bracket:pos]:
            bracket = -1
        return max(self.text.rfind(";", 0, pos), self.text.rfind(". ", 0, pos), bracket) + 1

    def not_awards(self, pos: int) -> bool:
        """The count at `pos` counts no awards given or proposed: its clause, brackets included,
        speaks of re-issuing award documents ("cấp đổi, cấp lại ... cho 38 trường hợp (23 Huân
        chương các loại, ...)") or of the awards a candidate must already hold ("có 01 lần được
        tặng Cờ thi đua ... và 02 Bằng khen"), or a limit comes right before it ("được bình xét
        02 Bằng khen", "tối đa 03 Cờ thi đua")."""
        clause = self.clause_start(pos, brackets=False)
        return bool(_words()["not_awards"].search(self.text, clause, pos)
                    or _words()["limit"].search(self.text, clause, pos))

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
            found.append(Recipients(kind, int(num[2].value), (num[0], num[1])))
            cursor = self.skip_bracket(noun.end)
            sep = _JOIN.match(self.text, cursor)
            if not sep or self.number_at(sep.end()) is None:
                break
            nxt = self.number_at(sep.end())
            if _recipient_kind(self.view.lex_at(L.NOUN, nxt[1])) is None:
                break
            cursor = sep.end()
        return found, cursor

    def skip_bracket(self, pos: int) -> int:
        """Past '(458 tập thể ...; 215 tập thể ...)' after a recipient count: a breakdown by
        purpose, which stays quantities."""
        m = re.compile(r"\s*\(").match(self.text, pos)
        if not m:
            return pos
        close = self.text.find(")", m.end())
        return pos if close < 0 else close + 1

    # -- status ----------------------------------------------------------------------------

    def status_of(self, start: int, end: int) -> tuple[str | None, bool]:
        """(stated status, given) of the count at text[start:end]: a status cue after it up to
        the next figure or clause end ("32 trường hợp đã có quyết định"), else the last one before
        it in its clause ("Đã trình ... 259 trường hợp"); and whether a give verb precedes it."""
        clause_start = self.clause_start(start)
        stop = _STATUS_WINDOW_END.search(self.text, end)
        after = _statuses(self.text, end, stop.start() if stop else len(self.text))
        before = _statuses(self.text, clause_start, start)
        stated = after[0] if after else (before[-1] if before else None)
        return stated, bool(_words()["given"].search(self.text, clause_start, start))

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
        forms, class_, phrase_end = self.award_phrase(lx, self.clause_start(start))
        groups, phrase_end = self.recipients(phrase_end)
        award = self.new_award(forms, int(q.value), class_, start, end, phrase_end)
        self.apply_recipients(award, groups)
        return self.candidate(award, start, phrase_end, forms)

    def recipients_then_award(self, q: Quantity) -> Candidate | None:
        """'11 tập thể được đề nghị tặng Cờ thi đua ...', '15 trường hợp được tặng Huân chương ...'."""
        kind = load("awards")["recipients"].get(q.counts or "")
        if kind is None and not _counts_cases(q):
            return None
        give = _words()["give"].match(self.text, q.mention.end)
        lx = self.view.lex_at(L.AWARD, give.end(), "") if give else None
        if lx is None:
            return None
        start, end = q.mention.start, q.mention.end
        forms, class_, phrase_end = self.award_phrase(lx, start)
        award = self.new_award(forms, int(q.value), class_, start, end, phrase_end)
        if kind:
            setattr(award, "collectives" if kind == "collective" else "individuals", int(q.value))
        return self.candidate(award, start, phrase_end, forms)

    def award_then_recipients(self, lx: Lex) -> Candidate | None:
        forms, class_, phrase_end = self.award_phrase(lx, self.clause_start(lx.start))
        groups, end = self.recipients(phrase_end)
        if not groups:
            return None
        first = groups[0].span
        award = self.new_award(forms, sum(g.value for g in groups), class_, *first, end, surface_start=lx.start)
        award.mentions = []
        self.apply_recipients(award, groups)
        return self.candidate(award, lx.start, end, forms, count_end=lx.start)

    def cases(self, q: Quantity, group: str | None, others: list[Candidate]) -> Candidate | None:
        """A count of award cases, never a record itself: under a named group, with a bracketed
        list of awards, or opening a breakdown ("57 trường hợp, cụ thể: ...")."""
        start, end = q.mention.start, q.mention.end
        noun = self.view.lex_at(L.NOUN, end)
        bracket = self.bracket_after(end)
        listed = bracket is not None and any(bracket[0] <= c.start < bracket[1] for c in others)
        clause = self.text[end:bracket[0] if bracket else self.view.clause_end(end)]
        opens = noun is not None and bool(_words()["breakdown"].match(self.text, noun.end))
        cases = _counts_cases(q)
        if group is None:
            if cases and not (listed or opens):
                return None
            if not cases and (not listed or not _words()["award_word"].search(clause)):
                return None
            group = load("awards")["unnamed_group"]
        elif not cases:
            return None
        award = self.new_award((group,), int(q.value), None, start, end, bracket[1] if listed else end + len(clause))
        cand = self.candidate(award, start, noun.end if noun else end, (group,))
        cand.end = bracket[1] if listed else end + len(clause)
        cand.opens = cand.opens or listed
        return cand

    def bracket_after(self, pos: int) -> tuple[int, int] | None:
        stop = self.view.clause_end(pos)
        open_ = self.text.find("(", pos, stop if stop > pos else len(self.text))
        if open_ < 0:
            return None
        close = self.text.find(")", open_)
        return (open_ + 1, close) if close > 0 else None

    # -- building --------------------------------------------------------------------------

    def new_award(self, forms: tuple[str, ...], count: int, class_: str | None, start: int, end: int, phrase_end: int,
                  surface_start: int | None = None) -> Award:
        entry = info(forms[0])
        return Award(
            award=" và ".join(forms),
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

    def candidate(self, award: Award, start: int, end: int, forms: tuple[str, ...],
                  count_end: int | None = None) -> Candidate:
        """`start`-`end`: the whole phrase; `count_end`: where the count's own words start (after
        its number, by default). A record counts one form that is no group."""
        opens = bool(_words()["breakdown"].match(self.text, end) or re.match(r"\s*\(", self.text[end:]))
        block = self.view.block
        stated, given = self.status_of(start, award.mentions[0].end if count_end is None else count_end)
        record = len(forms) == 1 and not _catalog()[forms[0]].group
        return Candidate(award, self.view.index, block.level if block.kind == "list_item" else 0, start, end,
                         forms=forms, record=record, opens=opens, stated=stated, given=given)


def _block_candidates(doc: Document, view: BlockView, qs: list[Quantity], group: str | None) -> list[Candidate]:
    numbers = {q.mention.start: (q.mention.start + len(q.mention.text.rstrip("% ")), _number(q)) for q in qs}
    reader = BlockReader(doc, view, numbers)
    counts = [q for q in qs if q.kind == "count" and not reader.not_awards(q.mention.start)]
    found: list[Candidate] = []
    for q in counts:
        cand = reader.count_then_award(q) if info(q.counts or "") else reader.recipients_then_award(q)
        if cand:
            found.append(cand)
    covered = [(c.start, c.end) for c in found]
    for lx in view.lex.get(L.AWARD, ()):
        if any(s <= lx.start < e for s, e in covered) or reader.not_awards(lx.start):
            continue
        if cand := reader.award_then_recipients(lx):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for q in counts:
        if not (_counts_cases(q) or q.counts in load("awards")["recipients"]):
            continue
        if not any(s <= q.mention.start < e for s, e in covered) and (cand := reader.cases(q, group, found)):
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
    c_info = info(child.forms[0])
    if c.count is None or c.count > parent.remaining or c_info is None or c_info.group:
        return False
    if len(parent.forms) > 1:  # "30 Cờ thi đua ... và Bằng khen, gồm: 10 Cờ ..., 20 Bằng khen ..."
        return c.award in parent.forms
    p_info = info(p.award)
    if p_info.group:
        return p_info.level is None or c.level is None or c.level == p_info.level
    if p_info.generic:
        return c.award.startswith(p.award)
    return _is_class_part(parent, child)


def _is_class_part(parent: Candidate, child: Candidate) -> bool:
    p, c = parent.award, child.award
    return c.award == p.award and p.class_ is None and c.class_ is not None


def _nest(candidates: list[Candidate], views: list[BlockView]) -> list[Candidate]:
    roots: list[Candidate] = []
    stack: list[Candidate] = []
    for cand in candidates:
        stack = [s for s in stack if _still_open(s, cand, views)]
        while stack and not _fits(stack[-1], cand):
            stack.pop()
        (stack[-1].children if stack else roots).append(cand)
        if cand.opens and cand.award.count:
            stack.append(cand)
        stack = [s for s in stack if s.remaining > 0]
    return roots


def _still_open(parent: Candidate, cand: Candidate, views: list[BlockView]) -> bool:
    """A breakdown continues in its own block and in the deeper list items right after it."""
    if cand.block == parent.block:
        return True
    between = views[parent.block + 1:cand.block + 1]
    return all(v.block.kind == "list_item" and v.block.level > parent.level for v in between)


def _records(candidates: list[Candidate], inherited: str | None = None) -> list[Award]:
    """The award records of a nesting: a count of one form keeps its class breakdown as parts;
    a count over several forms gives way to the counts listed under it. A status a count does
    not state is its parent's, else "awarded" after a give verb."""
    out: list[Award] = []
    for cand in candidates:
        status = cand.stated or inherited or ("awarded" if cand.given else None)
        classes = [c for c in cand.children if _is_class_part(cand, c)]
        if cand.record and len(classes) == len(cand.children):
            cand.award.status = status
            cand.award.parts = _records(classes, status)
            out.append(cand.award)
        else:
            out += _records(cand.children, status)
    return out


def _merge_repeats(awards: list[Award]) -> list[Award]:
    """The same count of the same award stated again (with the same or no status) is one record:
    the mentions of both statements, and the recipient figures and status either one writes."""
    out: list[Award] = []
    first: dict[tuple, Award] = {}
    for a in awards:
        key = (a.award, a.class_, a.count)
        seen = first.get(key)
        if seen is not None and (seen.status is None or a.status is None or seen.status == a.status):
            seen.mentions += a.mentions
            for attr in ("collectives", "individuals", "status"):
                if getattr(seen, attr) is None:
                    setattr(seen, attr, getattr(a, attr))
            continue
        first.setdefault(key, a)
        out.append(a)
    return out


def extract_text(doc: Document, views: list[BlockView], quantities: list[Quantity]) -> list[Award]:
    by_block: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_block.setdefault(q.mention.block, []).append(q)
    candidates: list[Candidate] = []
    context: tuple[str, int] | None = None
    for view in views:
        context = _group_context(view, context)
        candidates += _block_candidates(doc, view, by_block.get(view.index, []), context[0] if context else None)
    return _merge_repeats(_records(_nest(candidates, views)))


# --------------------------------------------------------------------------------------------
# Tables


def _column(labels: list[str], role: str) -> int | None:
    """The first column a header word of `role` names (awards.json `table_columns`), matched
    against each level of the column's label ("Trong đó / Tập thể")."""
    for word in load("awards")["table_columns"][role]:
        starts = re.compile(re.escape(match_key(word)) + r"(?![\w\u0300-\u036f])")
        for i, label in enumerate(labels):
            if any(starts.match(seg) for seg in map(match_key, label.split(" / "))):
                return i
    return None


def table_awards(doc: Document, table: Table) -> list[Award]:
    """One award record per statistics row whose label names one award form, with the count cell
    first among its mentions. Total rows ("Cộng") and rows naming a group of forms are not award
    records: the reconciler reads them from the table itself."""
    labels = table.column_labels()
    label_col, total_col = _column(labels, "label"), _column(labels, "count")
    if label_col is None or total_col is None:
        return []
    coll_col, ind_col = _column(labels, "collectives"), _column(labels, "individuals")
    out = []
    for r, row in enumerate(table.rows):
        if max(label_col, total_col) >= len(row):
            continue
        label = row[label_col].text
        found = canonical_award(label)
        count = row[total_col].value
        if found is None or count is None or _catalog()[found[0]].group:
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
    from .table_awards import form_awards  # reads this module's award names

    awards = extract_text(doc, views, quantities)
    for table in doc.tables:
        form = form_awards(doc, table)
        awards += form if form is not None else table_awards(doc, table)
    return awards


__all__ = ["canonical_award", "extract", "table_awards"]
