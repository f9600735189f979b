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

from ..model import Award, Document, Mention, Quantity, RecipientCount, RecipientGroup, Structure, Table
from ..vn.normalize import match_key
from ..vn.numbers import Number
from . import lexicon as L
from . import structure
from .blocks import BlockView, Lex
from .resources import alternation, load



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
    sentence: str | None = None  # the status the sentence states before the count's clause
    lead: str | None = None  # the status of the lead paragraph a list item sits under
    children: list["Candidate"] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return (self.award.count or 0) - sum(c.award.count or 0 for c in self.children)


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern[str]]:
    data = load("awards")
    statuses = [p for phrases in data["status_cues"].values() for p in phrases]
    return {
        "give": re.compile(rf"[^\d();.]*?(?<!\w)(?:{alternation(data['give_verbs'])})\s+", re.I),
        "given": re.compile(rf"(?<!\w)(?:{alternation(data['give_verbs'])})(?!\w)", re.I),
        "status": re.compile(rf"(?<!\w)(?:{alternation(statuses)})(?!\w)", re.I),
        "not_status": re.compile(rf"(?<!\w)(?:{alternation(data['status_false_friends'])})(?!\w)", re.I),
        "award_word": re.compile(rf"(?<!\w)(?:{alternation(data['award_words'])})(?!\w)", re.I),
        "not_awards": re.compile(rf"(?<!\w)(?:{_spaced(data['reissue_cues'] + data['criterion_cues'])})(?!\w)", re.I),
        "limit": re.compile(rf"(?<!\w)(?:{_spaced(data['limit_words'])})\s*$", re.I),
        "classifier": re.compile(rf"\s*(?:{alternation(data['classifiers'])})\s+", re.I),
        "council": re.compile(rf"(?<!\w)(?:{alternation(data['council_names'])})(?:\s+\S+){{0,4}}\s*$", re.I),
        "foreign": re.compile(rf"(?<!\w)(?:{alternation(data['foreign_givers'])})(?!\w)", re.I),
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


_STATUS_WINDOW_END = re.compile(r"[;()]|\.(?!\d)|\d")
_FILLER_STOP = re.compile(r"[;:()\n]|\.(?!\d)")
_FILLER_MAX = 90  # characters of description between an award and its recipients ("... cho 5 tập thể")
_GAP_MAX = 160  # characters between recipients and the verb that gives them an award
_SHARED = re.compile(r"\s*(?:,|và|cùng|-)\s*(?:và\s+)?")
_QUOTE = r"\s*[“\"«]?\s*"


def _role_attr(role: str) -> str | None:
    return {"collective": "collectives", "individual": "individuals"}.get(role)


class CandidateReader:
    """Builds the award candidates of one block from the block's structure (nlp.structure:
    clauses, brackets, recipient groups) and its lexicon matches; it reads no recipients,
    brackets or list cues of its own."""

    def __init__(self, doc: Document, view: BlockView, structure: Structure, qs: list[Quantity],
                 lead_giver: str | None = None):
        self.doc, self.view, self.text, self.structure = doc, view, view.text, structure
        self.lead_giver = lead_giver  # the lead paragraph of the list this block is an item of
        self.counts = {q.mention.start: q for q in qs if q.kind == "count"}
        self.figures = sorted(q.mention.start for q in qs)

    def mention(self, start: int, end: int) -> Mention:
        return self.doc.mention(self.view.index, start, end)

    # -- where things are ------------------------------------------------------------------

    def clause_start(self, pos: int, brackets: bool = True) -> int:
        """The start of the clause `pos` is in (nlp.structure), or after a '(' still open at `pos`."""
        start = self.structure.clause_of(pos)[0]
        if brackets and self.structure.depth[pos] > 0:
            start = max(start, self.text.rfind("(", 0, pos) + 1)
        return start

    def clause_end(self, pos: int) -> int:
        """Where the clause `pos` is in ends, before its closing ";" or full stop."""
        end = self.structure.clause_of(pos)[1]
        return end - 1 if end > pos and self.text[end - 1] in ";." else max(end, pos)

    def awards_in(self, lo: int, hi: int) -> list[Lex]:
        return [lx for lx in self.view.lex.get(L.AWARD, ()) if lo <= lx.start < hi]

    def counts_in(self, lo: int, hi: int) -> list[Quantity]:
        return [q for s, q in self.counts.items() if lo <= s < hi]

    def filler(self, lo: int, hi: int, limit: int = _FILLER_MAX) -> bool:
        """text[lo:hi] only describes: no clause or bracket limit, no award, no figure."""
        return (0 <= hi - lo <= limit and not _FILLER_STOP.search(self.text, lo, hi)
                and not self.awards_in(lo, hi) and not any(lo <= f < hi for f in self.figures))

    # -- award phrase ----------------------------------------------------------------------

    def award_phrase(self, award: Lex, clause_start: int) -> tuple[tuple[str, ...], str | None, int]:
        """(canonical names, class, end of phrase) for an award match, resolving a generic name
        by its giver. "X và Y" / "X, Y" where Y has no count of its own is one count shared by
        two forms; two classes of one order ("hạng Nhì, hạng Ba", "hạng Nhì cùng ... hạng Ba")
        are the order with no class."""
        name, end = self.resolve(award)
        class_ = None
        if cls := self.view.lex_at(L.CLASS, end):
            class_, end = cls.id, cls.end
        elif total := self.view.lex_at(L.SUMWORD, end):
            end = total.end
        if giver := self.view.lex_at(L.ISSUER, end):  # "Bằng khen của Bộ trưởng Bộ Y tế cho ..."
            end = giver.end
        m = _SHARED.match(self.text, end)
        if m and class_ and (other := self.view.lex_at(L.CLASS, m.end(), "")):
            return (name,), None, other.end
        second = self.next_form(m.end()) if m else None
        if second is not None and not self.counts_in(end, second.start):
            other_name, other_end = self.resolve(second)
            if other_name == name:  # "Huân chương Lao động hạng Nhì cùng Huân chương Lao động hạng Ba"
                other_cls = self.view.lex_at(L.CLASS, other_end)
                return (name,), None, other_cls.end if other_cls else other_end
            if cls2 := self.view.lex_at(L.CLASS, other_end):
                other_end = cls2.end
            return (name, other_name), None, other_end
        return (name,), class_, end

    def next_form(self, pos: int) -> Lex | None:
        after = pos
        if c := _words()["classifier"].match(self.text, pos):
            after = c.end()
        return self.view.lex_at(L.AWARD, after, _QUOTE)

    def resolve(self, award: Lex) -> tuple[str, int]:
        """The canonical name of an award match and where its name ends: a generic name
        ("Bằng khen", "Cờ thi đua") takes the giver written right after it ("Cờ thi đua xuất sắc
        của UBND tỉnh", "Bằng khen Bộ trưởng"), else the nearest giver before it in its sentence."""
        if award.id not in _catalog() or not _catalog()[award.id].generic:
            return award.id, award.end
        after = _GIVER_AFTER.match(self.text, award.end)
        key = match_key(self.text[after.end():after.end() + 80])
        for pattern, gives in _authorities():
            m = pattern.match(key)
            if m and award.id in gives:
                return gives[award.id], _end_of_key(self.text, after.end(), m.end())
        before = self.text[self.structure.sentence_of(award.start)[0]:award.start]
        found = _nearest_giver(match_key(before), award.id)
        if found is None and self.lead_giver:
            found = _nearest_giver(match_key(self.lead_giver), award.id)
        return found or award.id, award.end

    def not_awards(self, pos: int) -> bool:
        """The count at `pos` counts no awards given or proposed: its clause, brackets included,
        speaks of re-issuing award documents ("cấp đổi, cấp lại ... cho 38 trường hợp (23 Huân
        chương các loại, ...)") or of the awards a candidate must already hold ("có 01 lần được
        tặng Cờ thi đua ... và 02 Bằng khen"), or a limit comes right before it ("được bình xét
        02 Bằng khen", "tối đa 03 Cờ thi đua")."""
        clause = self.clause_start(pos, brackets=False)
        return bool(_words()["not_awards"].search(self.text, clause, pos)
                    or _words()["limit"].search(self.text, clause, pos))

    # -- recipients (read by nlp.structure) ------------------------------------------------

    def recipients_after(self, pos: int) -> RecipientGroup | None:
        """The recipient group an award phrase ending at `pos` is given to: linked by "cho",
        "đối với", ":", "(" after at most a description, or written right after it."""
        for g in self.structure.groups:
            if g.link_start < pos:
                continue
            adjacent = g.link_start == _skip_spaces(self.text, pos)
            if g.link in _DESCRIBED_LINKS and self.filler(pos, g.link_start) or adjacent and (
                    g.link or g.start == g.link_start):
                return g
            break
        return None

    def group_give_award(self, g: RecipientGroup) -> tuple[Lex, int] | None:
        """'2 tập thể, 2 cá nhân đề nghị tặng thưởng <award>', '41 tập thể và 110 cá nhân được Thủ
        tướng Chính phủ tặng Bằng khen': (the award, where its verb ends)."""
        clause_end = self.structure.clause_of(g.end)[1]
        for verb in _words()["given"].finditer(self.text, g.end, min(clause_end, g.end + _GAP_MAX)):
            if not self.filler(g.end, verb.start(), _GAP_MAX):
                return None
            if _words()["council"].search(self.text, g.end, verb.start()):
                continue
            lx = self.next_form(_skip_spaces(self.text, verb.end()))
            if lx is not None:
                return lx, verb.end()
        return None

    # -- status ----------------------------------------------------------------------------

    def status_of(self, start: int, end: int) -> tuple[str | None, bool]:
        """(stated status, given) of the count at text[start:end]: a status cue after it up to
        the next figure or clause end ("32 trường hợp đã có quyết định"), else the last one before
        it in its clause ("Đã trình ... 259 trường hợp"); and whether a give verb precedes it."""
        clause_start = self.clause_start(start)
        stop = _STATUS_WINDOW_END.search(self.text, end)
        after = _statuses(self.text, end, stop.start() if stop else len(self.text))
        lo = _lead_window(self.text, clause_start, start)
        before = _statuses(self.text, lo, start)
        stated = after[0] if after else (before[-1] if before else None)
        return stated, bool(_words()["given"].search(self.text, lo, start))

    def sentence_status(self, start: int) -> tuple[str | None, bool]:
        """What the sentence says before the count's clause, for a clause that says nothing
        ("đề nghị tặng các danh hiệu: Cờ thi đua ... cho 32 tập thể; Chiến sĩ thi đua cấp tỉnh
        cho 33 cá nhân; ..."): its last status cue, or a give verb; for a sentence opening with a
        list cue, the status of the sentence before it, whose figure it breaks down."""
        clause_start = self.clause_start(start, brackets=False)
        sentence_start = self.structure.sentence_of(start)[0]
        if self.opens_with_cue(sentence_start):  # "... 22 tập thể được đề nghị. Trong đó, có 1 tập thể nhận ..."
            previous = [a for a, b in self.structure.sentences if b <= sentence_start]
            found = _statuses(self.text, previous[-1], sentence_start) if previous else []
            if found:  # "đề nghị ... được khen thưởng" is a proposal
                return ("proposed" if "proposed" in found else found[-1]), False
        if _words()["given"].search(self.text, clause_start, start):
            return None, False
        lo = _lead_window(self.text, sentence_start, clause_start)
        found = _statuses(self.text, lo, clause_start)
        return (found[-1] if found else None), bool(_words()["given"].search(self.text, lo, clause_start))

    def opens_with_cue(self, sentence_start: int) -> bool:
        return any(c.start >= sentence_start and not self.text[sentence_start:c.start].strip()
                   for c in self.structure.cues)

    # -- candidates ------------------------------------------------------------------------

    def count_then_award(self, q: Quantity) -> Candidate | None:
        """'220 Bằng khen của Thủ tướng Chính phủ cho 08 tập thể và 212 cá nhân', '121 Huân
        chương Chiến công và Huân chương Lao động', '(01 hạng Nhất, ...)'."""
        start, end = q.mention.start, q.mention.end
        after = end
        if c := _words()["classifier"].match(self.text, end):
            after = c.end()
        lx = self.view.lex_at(L.AWARD, after, _QUOTE)
        if lx is None and (cls := self.view.lex_at(L.CLASS, end)):  # "(01 hạng Nhất, ...)" names its award before
            lx = Lex(L.AWARD, q.counts or "", cls.start, cls.start, "")
        if lx is None or self.recipient_of_award(start):
            return None
        forms, class_, phrase_end = self.award_phrase(lx, self.clause_start(start))
        group = self.recipients_after(phrase_end)
        award = self.new_award(forms, int(q.value), class_, start, end, group.end if group else phrase_end)
        if group:
            self.apply_recipients(award, group.members)
        return self.candidate(award, start, group.end if group else phrase_end, forms)

    def recipient_of_award(self, pos: int) -> bool:
        """The count at `pos` opens the recipients of an award named before it ("tặng danh hiệu
        Nghệ sĩ Nhân dân cho 125 Nghệ sĩ Ưu tú")."""
        g = self.structure.group_at(pos)
        return bool(g and g.link and any(self.recipients_after(self.award_phrase(lx, 0)[2]) is g
                                         for lx in self.awards_in(self.clause_start(pos), g.link_start)))

    def group_then_award(self, g: RecipientGroup) -> Candidate | None:
        """'11 tập thể được đề nghị tặng Cờ thi đua ...', '10 tập thể, 4 cá nhân đã được Thủ tướng
        ký quyết định tặng bằng khen', 'bảy tập thể được phong tặng danh hiệu ...'."""
        found = self.group_give_award(g)
        if found is None:
            return None
        lx, _ = found
        forms, class_, phrase_end = self.award_phrase(lx, g.start)
        award = self.new_award(forms, sum(r.value for r in g.members), class_, g.start, g.members[0].number_end,
                               phrase_end)
        award.mentions = []
        self.apply_recipients(award, g.members, always=True)
        cand = self.candidate(award, g.start, phrase_end, forms, count_end=g.members[0].number_end)
        cand.given = True  # the verb between the recipients and the award
        return cand

    def award_then_recipients(self, lx: Lex) -> Candidate | None:
        """'tặng bằng khen cho 01 cá nhân', 'Bằng khen đối với 11 tập thể', 'Huân chương Chiến
        công: 4 tập thể và 4 cá nhân', 'hạng ba cho 1 tập thể và 3 cá nhân' (a class names the
        award before it)."""
        forms, class_, phrase_end = self.award_phrase(lx, self.clause_start(lx.start))
        group = self.recipients_after(phrase_end)
        if group is None:
            return None
        return self.given_to(forms, class_, lx.start, group)

    def given_to(self, forms: tuple[str, ...], class_: str | None, start: int, group: RecipientGroup) -> Candidate:
        first = group.members[0]
        award = self.new_award(forms, sum(r.value for r in group.members), class_, first.start, first.number_end,
                               group.end, surface_start=start)
        award.mentions = []
        self.apply_recipients(award, group.members, always=True)
        return self.candidate(award, start, group.end, forms, count_end=start)

    def class_then_recipients(self, cls: Lex, found: list[Candidate]) -> Candidate | None:
        """'(hạng nhất 1 tập thể; hạng nhì 3 tập thể, 2 cá nhân)': a class after its award's
        breakdown opened, with the recipients right after it."""
        if any(lx.end <= cls.start and not self.text[lx.end:cls.start].strip() for lx in self.view.lex.get(L.AWARD, ())):
            return None  # the class of the award right before it
        parent = next((c for c in reversed(found) if c.end <= cls.start and c.opens and len(c.forms) == 1), None)
        if parent is None or self.structure.sentence_of(parent.start) != self.structure.sentence_of(cls.start):
            return None
        group = self.recipients_after(cls.end)
        if group is None or group.start < cls.end:
            return None
        return self.given_to(parent.forms, cls.id, cls.start, group)

    def continued(self, previous: Candidate, g: RecipientGroup) -> Candidate | None:
        """'tặng bằng khen cho 14 cá nhân thuộc X; 1 cá nhân thuộc Y; 79 tập thể và 86 cá nhân
        thuộc Z': a recipient group opening a clause or a comma part, with only a description
        since the award given before it, receives the same award."""
        if g.link not in ("", "cho") or len(previous.forms) != 1:
            return None
        lead = self.text[:g.link_start].rstrip()
        if not lead.endswith((";", ",")) or previous.end > g.link_start:
            return None
        between = self.text[previous.end:len(lead) - 1]
        if self.awards_in(previous.end, g.link_start) or any(previous.end <= f < g.link_start for f in self.figures) \
                or _words()["given"].search(between) or re.search(r"[:()]", between):
            return None
        part_end = min([m.start() for m in re.finditer(r"[;,]", self.text[g.end:])] + [len(self.text) - g.end]) + g.end
        if self.awards_in(g.end, min(part_end, self.structure.clause_of(g.start)[1])):
            return None  # the group receives an award of its own
        if self.structure.sentence_of(previous.start) != self.structure.sentence_of(g.start):
            return None
        return self.given_to(previous.forms, previous.award.class_, g.link_start, g)

    def cases(self, q: Quantity, group: str | None, others: list[Candidate]) -> Candidate | None:
        """A count of award cases, never a record itself: under a named group, with a bracketed
        list of awards, or opening a breakdown ("57 trường hợp, cụ thể: ...")."""
        start, end = q.mention.start, q.mention.end
        noun = self.view.lex_at(L.NOUN, end)
        bracket = self.bracket_after(end)
        listed = bracket is not None and any(bracket[0] <= c.start < bracket[1] for c in others)
        clause = self.text[end:bracket[0] if bracket else self.clause_end(end)]
        opens = noun is not None and self.opens_list(noun.end, brackets=False)
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
        """The inside of the first bracket opened after `pos` in its clause."""
        stop = self.clause_end(pos)
        open_ = self.text.find("(", pos, stop if stop > pos else len(self.text))
        if open_ < 0:
            return None
        close = self.text.find(")", open_)
        return (open_ + 1, close) if close > 0 else None

    def opens_list(self, pos: int, brackets: bool = True) -> bool:
        """A list cue of the structure ("gồm", ", cụ thể:", "trong đó") or a bracket right at `pos`."""
        gap = re.compile(r"\s*[,:]?\s*").match(self.text, pos).end()
        return any(pos <= c.start <= gap for c in self.structure.cues) or brackets and self.text.startswith("(", gap)

    # -- building --------------------------------------------------------------------------

    def new_award(self, forms: tuple[str, ...], count: int, class_: str | None, start: int, end: int, phrase_end: int,
                  surface_start: int | None = None) -> Award:
        levels = {info(f).level if info(f) else None for f in forms}
        return Award(
            award=SHARED_JOIN.join(forms),
            count=count,
            class_=class_,
            level=levels.pop() if len(levels) == 1 else None,
            source="text",
            mentions=[self.mention(start, end)],
            surface=self.text[surface_start if surface_start is not None else start:phrase_end].strip(),
        )

    def apply_recipients(self, award: Award, members: list[RecipientCount], always: bool = False) -> None:
        """The recipient figures a group writes; a single count over several kinds ("17 tập
        thể, cá nhân") or of cases gives none. Without `always`, a group of one count of cases
        adds nothing."""
        for r in members:
            if attr := _role_attr(r.role):
                setattr(award, attr, r.value)
            if always or attr:
                award.mentions.append(self.mention(r.start, r.number_end))

    def candidate(self, award: Award, start: int, end: int, forms: tuple[str, ...],
                  count_end: int | None = None) -> Candidate:
        """`start`-`end`: the whole phrase; `count_end`: where the count's own words start (after
        its number, by default). A record counts forms that are no group."""
        block = self.view.block
        stated, given = self.status_of(start, award.mentions[0].end if count_end is None else count_end)
        sentence, sentence_given = self.sentence_status(start)
        record = not any(_catalog()[f].group for f in forms)
        return Candidate(award, self.view.index, block.level if block.kind == "list_item" else 0, start, end,
                         forms=forms, record=record, opens=self.opens_list(end), stated=stated,
                         given=given or sentence_given, sentence=sentence)


SHARED_JOIN = "; "  # the award name of a count shared by several forms: "Bằng khen; Giấy khen"
_GIVER_AFTER = re.compile(r"\s*(?:xuất\s+sắc\s+)?(?:của\s+)?", re.I)
_DESCRIBED_LINKS = ("cho", "đối với", "với")


def _end_of_key(text: str, start: int, key_len: int) -> int:
    """Where the first `key_len` characters of match_key(text[start:]) end in `text`."""
    for end in range(start, min(len(text), start + 200) + 1):
        if len(match_key(text[start:end])) >= key_len:
            return end
    return start


def _skip_spaces(text: str, pos: int) -> int:
    return len(text) - len(text[pos:].lstrip()) if pos < len(text) else pos


def _nearest_giver(key: str, generic: str) -> str | None:
    """The award the giver named last in `key` gives for `generic`."""
    best: tuple[int, int, str] | None = None
    for pattern, gives in _authorities():
        if generic not in gives:
            continue
        for m in pattern.finditer(key):
            cand = (m.end(), m.end() - m.start(), gives[generic])
            best = cand if best is None or cand[:2] > best[:2] else best
    return best[2] if best else None


def _block_candidates(doc: Document, view: BlockView, structure: Structure, qs: list[Quantity],
                      group: str | None, lead_giver: str | None = None) -> list[Candidate]:
    reader = CandidateReader(doc, view, structure, qs, lead_giver)
    counts = [q for q in qs if q.kind == "count" and not reader.not_awards(q.mention.start)]
    found: list[Candidate] = []
    for q in counts:
        if info(q.counts or "") and (cand := reader.count_then_award(q)):
            found.append(cand)
    covered = [(c.start, c.end) for c in found]

    def free(pos: int) -> bool:
        return not any(s <= pos < e for s, e in covered) and not reader.not_awards(pos)

    for lx in view.lex.get(L.AWARD, ()):
        if free(lx.start) and (cand := reader.award_then_recipients(lx)):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for cls in view.lex.get(L.CLASS, ()):
        if free(cls.start) and (cand := reader.class_then_recipients(cls, sorted(found, key=lambda c: c.start))):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for g in structure.groups:
        if free(g.start) and (cand := reader.group_then_award(g)):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for g in structure.groups:
        previous = [c for c in found if c.end <= g.link_start]
        if previous and free(g.start) and (cand := reader.continued(max(previous, key=lambda c: c.end), g)):
            found.append(cand)
            covered.append((cand.start, cand.end))
    for q in counts:
        if not (_counts_cases(q) or q.counts in _recipient_nouns()):
            continue
        if free(q.mention.start) and (cand := reader.cases(q, group, found)):
            found.append(cand)
    return sorted(found, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _recipient_nouns() -> frozenset[str]:
    return frozenset(n for role, nouns in load("awards")["recipients"].items() if role != "case" for n in nouns)


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


@dataclass
class Lead:
    """A paragraph that opens a list ("Hội đồng đề nghị khen thưởng ..., cụ thể:", "Chính phủ
    tặng:"): its status and giver pass to the deeper list items below it."""

    block: int
    level: int
    text: str
    status: str | None
    foreign: bool


def _lead(view: BlockView, st: Structure, previous: Lead | None) -> Lead | None:
    block = view.block
    level = block.level if block.kind == "list_item" else -1
    if previous and block.kind == "list_item" and level > previous.level:
        return previous
    text = view.text.rstrip()
    if not text.endswith((":", "tặng", "tặng.")) and not any(c.end >= len(text) - 1 for c in st.cues):
        return None
    lo = st.clause_of(max(0, len(text) - 1))[0]
    window = _lead_window(text, 0, len(text))
    found = _statuses(text, window, len(text))
    status = found[-1] if found else ("awarded" if _words()["given"].search(text, window) else None)
    return Lead(view.index, level, text[lo:], status, bool(_words()["foreign"].search(text, lo)))


def _lead_window(text: str, lo: int, hi: int) -> int:
    """Where the words that speak for a count start in text[lo:hi]: after the last colon when a
    give verb follows it and the words right before it state no status ("các tập thể ... đề nghị
    khen thưởng, Hội đồng thống nhất: Tặng ..."), else at `lo`."""
    colon = text.rfind(":", lo, hi)
    if colon < 0 or not _words()["given"].search(text, colon + 1, hi):
        return lo
    lead_in = max(text.rfind(",", lo, colon), lo - 1) + 1
    return lo if _statuses(text, lead_in, colon) else colon + 1  # "... thống nhất đề nghị: tặng ..." keeps its cue


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
    not state is its parent's, else its sentence's, else its lead paragraph's, else "awarded"
    after a give verb."""
    out: list[Award] = []
    for cand in candidates:
        status = cand.stated or inherited or cand.sentence or cand.lead or ("awarded" if cand.given else None)
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
    the mentions of both statements, and the recipient figures and status either one writes. A
    count of a generic form ("46 ... bằng khen") stated again with its giver ("46 Bằng khen của
    Chủ tịch UBND tỉnh") is the same count."""
    out: list[Award] = []
    first: dict[tuple, Award] = {}
    for a in awards:
        key = (a.award, a.class_, a.count)
        seen = first.get(key) or _specific_twin(a, out)
        if seen is not None and (seen.status is None or a.status is None or seen.status == a.status):
            if info(seen.award) and info(seen.award).generic and not info(a.award).generic:
                seen.award, seen.level = a.award, a.level
            seen.mentions += a.mentions
            for attr in ("collectives", "individuals", "status"):
                if getattr(seen, attr) is None:
                    setattr(seen, attr, getattr(a, attr))
            continue
        first.setdefault(key, a)
        out.append(a)
    return out


def _specific_twin(a: Award, earlier: list[Award]) -> Award | None:
    """An earlier record of the same count where one names a generic form and the other the
    specific form it stands for."""
    def generic_of(x: Award, y: Award) -> bool:
        entry = info(x.award)
        return bool(entry and entry.generic and y.award != x.award and y.award.startswith(x.award.split()[0])
                    and SHARED_JOIN not in y.award)

    return next((e for e in earlier if e.count == a.count and e.class_ == a.class_
                 and (generic_of(a, e) or generic_of(e, a))), None)


def extract_text(doc: Document, views: list[BlockView], quantities: list[Quantity]) -> list[Award]:
    by_block: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_block.setdefault(q.mention.block, []).append(q)
    candidates: list[Candidate] = []
    context: tuple[str, int] | None = None
    structures = structure.of(doc)
    lead: Lead | None = None
    for view in views:
        context = _group_context(view, context)
        lead = _lead(view, structures[view.index], lead)
        item = lead is not None and view.block.kind == "list_item" and lead.block != view.index
        found = _block_candidates(doc, view, structures[view.index], by_block.get(view.index, []),
                                  context[0] if context else None, lead.text if item else None)
        if item and lead.foreign:
            continue  # orders of a foreign state
        for cand in found if item else ():
            cand.lead = lead.status
        candidates += found
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
