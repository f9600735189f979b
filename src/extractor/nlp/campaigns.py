"""Emulation campaigns (phong trào thi đua, đợt thi đua): one `Campaign` per distinct campaign.

Found as quoted names (“...” or "...", also an unclosed “ running to the end of its sentence)
whose nearest cue word says campaign ("Phong trào thi đua “...”", "đợt thi đua “...”", a list of
quotes after such a cue), and as unquoted names after a capitalised "Phong trào thi đua" ("Phong
trào thi đua sáng tạo kỹ thuật tỉnh Trà Vinh lần thứ 7"). A national movement is also found
unquoted: right after "phong trào (thi đua)" in any case ("phong trào thi đua xây dựng Nông thôn
mới"), after a capitalised "Đợt thi đua", and as an item of a list introduced by "các phong trào
thi đua ... như". Otherwise an unquoted "đợt thi đua ..." or lower-case "phong trào thi đua ..."
is a description, not a name (corpus convention) -- except the campaign a document launches in
its own title ("Kế hoạch phát động phong trào thi đua X"): X, and the body's "phong trào thi đua
..." that covers its words, are that campaign. A quote whose nearest cue is a model, project,
slogan, spirit, exemplar or software ("Mô hình “Mỗi địa phương một sản phẩm”", "Đề án “...”",
"gương “Người tốt, việc tốt”", "tinh thần “...”") is not a campaign, nor is a quoted award name
or a Party programme ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh").

Names merge when their syllables (diacritics folded) cover one another: a quote that covers a
national campaign's name ("Trà Vinh cùng cả nước chung sức xây dựng nông thôn mới") or nearly
does ("Cả nước chung xây dựng Nông thôn mới", "Vi người nghèo - ...") is that campaign.
A campaign lists the references cited in the same clause or whose subject names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Campaign, Document, Mention, Period, Reference
from ..vn.normalize import fold, squash_spaces
from . import lexicon as L
from .blocks import MARKER_RE, BlockView
from .references import reference_key
from .resources import alternation, load, role_type

_SYLLABLE = re.compile(r"\w+")
# How much of a known name a mention must cover, and how much of the mention that name covers.
COVER_NAME, COVER_MENTION = 0.85, 0.6
# An unquoted name after a lower-case cue has no quotes to mark its end: it must match both ways.
STRICT_COVER = 0.85


@dataclass
class Found:
    name: str  # the name as written (quotes removed)
    mention: Mention
    period: Period | None = None
    national_id: str | None = None
    clause: tuple[int, int, int] = (0, 0, 0)  # block, start, end
    launched_by: str | None = None


@dataclass
class Known:
    id: str
    name: str
    launched_by: str | None
    aliases: list[str]
    references: list[str]
    period: Period | None
    keys: list[frozenset[str]] = field(default_factory=list)


def syllables(text: str) -> frozenset[str]:
    """The campaign-name key: folded syllables, period words and years left out."""
    text = _cues()["period_in_name"].sub(" ", text)
    return frozenset(_SYLLABLE.findall(fold(text)))


@lru_cache(maxsize=1)
def _known() -> list[Known]:
    out = []
    for c in load("campaigns")["national"]:
        period = Period(f"{c['period'][0]}-01-01", f"{c['period'][1]}-12-31") if c.get("period") else None
        known = Known(c["id"], c["name"], c["launched_by"], c["aliases"], c["references"], period)
        known.keys = [syllables(n) for n in [c["name"], *c["aliases"]]]
        out.append(known)
    return out


def cover_score(mention: frozenset[str], name: frozenset[str]) -> float:
    """How well a mention's syllables stand for a name: 0 unless the mention covers nearly all
    of the name and the name most of the mention; higher is closer."""
    if not mention or not name:
        return 0.0
    common = len(mention & name)
    cover_name, cover_mention = common / len(name), common / len(mention)
    return cover_name + cover_mention if cover_name >= COVER_NAME and cover_mention >= COVER_MENTION else 0.0


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    return syllables(" ".join(load("campaigns")["name_fillers"]))


@lru_cache(maxsize=1)
def _cores() -> list[tuple[Known, frozenset[str]]]:
    """Each national name and alias as syllables, filler words ("cả nước", "thi đua") left out."""
    return [(known, key - _fillers()) for known in _known() for key in known.keys]


def match_core(text: str, mention_cover: float) -> tuple[float, Known] | None:
    """The national movement an unquoted `text` names (filler words left out on both sides), with
    its score: `text` covers nearly all of the name, the name `mention_cover` of `text`."""
    key = syllables(text) - _fillers()
    best = None
    for known, core in _cores():
        common = len(key & core)
        if not key or not core or common / len(core) < COVER_NAME or common / len(key) < mention_cover:
            continue
        score = common / len(core) + common / len(key)
        if best is None or score > best[0]:
            best = (score, known)
    return best


@lru_cache(maxsize=1)
def _not_campaigns() -> list[frozenset[str]]:
    return [syllables(name) for name in load("campaigns")["not_campaigns"]]


def is_not_campaign(name: str) -> bool:
    """A Party programme or the like, whatever cue introduced it."""
    key = syllables(name)
    return any(cover_score(key, other) > 0 for other in _not_campaigns())


def match_known(name: str) -> Known | None:
    """The national campaign `name` stands for, if its syllables cover one of its names."""
    key = syllables(name)
    score, best = max(((cover_score(key, k), known) for known in _known() for k in known.keys),
                      key=lambda pair: pair[0], default=(0.0, None))
    return best if score > 0 else None


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load("campaigns")
    periods, years = alternation(data["period_words"]), r"\d{4}(?:\s*[-–]\s*\d{4})?"
    return {
        "cue": re.compile(rf"(?<!\w)(?:(?P<yes>{alternation(data['campaign_cues'])})|(?P<no>{alternation(data['not_campaign_cues'])}))(?!\w)",
                          re.I),
        "named": re.compile(rf"(?:(?<=\s)|^)(?P<cue>{re.escape(data['named_cue'])})\s+(?![“\"])(?P<rest>[^;:.,(“\"\n]+)"),
        "named_head": data["named_cue_head"],
        "lead_in": frozenset(data["lead_in_cues"]),
        "lead_in_any_case": frozenset(c.lower() for c in data["lead_in_cues"]),
        "covering_cues": frozenset(c.lower() for c in data["title_cues"]),
        "generic": re.compile(rf"^(?:{alternation(data['generic_after_cue'])})(?!\w)", re.I),
        "stop": re.compile(rf"\s(?:{alternation(data['name_stops'])})(?!\w)", re.I),
        "trim": re.compile(rf"\s+(?:{alternation(data['trim_suffixes'])})\s*$", re.I),
        "launched_after": re.compile(
            rf"[”\"]?[^;.“\"]*?\sdo\s+(?P<by>[^,;.“\"]+?)\s+(?:{alternation(data['launch_verbs'])})(?!\w)", re.I),
        "launch": re.compile(rf"(?<!\w)(?:{alternation(data['launch_verbs'])})(?!\w)", re.I),
        "launch_gap": re.compile(rf"^\s*(?:(?:{alternation(data['launch_gap_words'])})(?:\s+|$))*$", re.I),
        "auxiliary": re.compile(rf"(?:\s+(?:{alternation(data['auxiliaries'])}))+\s*$", re.I),
        "unquoted": re.compile(rf"(?<!\w)(?P<cue>{alternation(data['unquoted_cues'])})\s+(?![“\"])", re.I),
        "list": re.compile(rf"(?<!\w)(?:{alternation(data['list_heads'])})(?!\w)[^.;:“\"]*?\s"
                           rf"(?:{alternation(data['list_cues'])})\s*:?\s+", re.I),
        "sentence_end": re.compile(r"\.(?!\d)|[(“\":]|$"),
        "list_end": re.compile(r"\.(?!\d)|$"),
        "name_end": re.compile(rf"[;,]|\s(?:{alternation(data['name_stops'])})(?!\w)", re.I),
        "may_end": re.compile(rf"\s(?:{alternation(data['name_may_end_before'])})(?!\w)", re.I),
        "title": re.compile(rf"(?<!\w)(?:{alternation(data['title_launch_verbs'])})\s+"
                            rf"(?P<cue>{alternation(data['title_cues'])})\s+(?![“\"])", re.I),
        "period_in_name": re.compile(rf"\s*(?:{periods})?\s*\(?{years}\)?", re.I),
        "period_after": re.compile(rf"\s*(?:{periods})\s+{years}", re.I),
        "period_tail": re.compile(rf"\s+(?:{periods})\s+{years}\s*$", re.I),
    }


def _quotes(text: str) -> list[tuple[int, int]]:
    """Inner spans of closed quotes, and of an unclosed “ up to the end of its sentence."""
    spans = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "“\"":
            close = text.find("”" if ch == "“" else "\"", i + 1)
            if close < 0:
                stop = re.compile(r"\.(?:\s|$)|;|$").search(text, i + 1).start()
                spans.append((i + 1, stop))
                break
            spans.append((i + 1, close))
            i = close
        i += 1
    return spans


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`: bounded by ';' or '.' outside quotes."""
    inside = [False] * (len(text) + 1)
    for s, e in _quotes(text):
        for k in range(s, e):
            inside[k] = True
    start = max((i for i in range(pos) if text[i] in ";." and not inside[i]), default=-1) + 1
    end = next((i for i in range(pos, len(text)) if text[i] in ";." and not inside[i] and not text[i + 1:i + 2].isdigit()),
               len(text))
    return start, end


class BlockCampaigns:
    def __init__(self, doc: Document, view: BlockView):
        self.doc, self.view, self.text = doc, view, view.text

    def quoted(self) -> list[Found]:
        found = []
        decision = None  # the cue deciding a run of listed quotes
        previous_end = None
        for start, end in _quotes(self.text):
            name = self.trimmed(start, end)
            unclosed = self.text[end:end + 1] not in "”\""
            tail = _cues()["period_tail"].search(name) if unclosed else None
            if tail:  # an unclosed quote: its period words are not part of the name
                name = name[:tail.start()]
            if not name:
                continue
            listed = previous_end is not None and re.fullmatch(r"[”\"]?\s*(?:[,;]|và)?\s*[“\"]?", self.text[previous_end:start])
            cue = self.nearest_cue(start)
            fresh = cue is not None and cue[0] > (previous_end or 0)
            if fresh or not listed:  # a cue decides the quote right after it and the quotes listed with it
                decision = cue[1] if fresh else None
            previous_end = end
            if self.is_award(start, end):
                continue
            known = match_known(name)
            if decision == "no" or (decision is None and known is None):
                continue
            item = self.found(name, start, start + len(name), known)
            item.period = item.period or (_period(tail.group()) if tail else None)
            found.append(item)
        return found

    def named(self) -> list[Found]:
        found = []
        for m in _cues()["named"].finditer(self.text):
            rest = m.group("rest")
            if _cues()["generic"].match(rest) or _cues()["named_head"] in rest:
                continue
            if stop := _cues()["stop"].search(rest):
                rest = rest[:stop.start()]
            name = _cues()["trim"].sub("", rest).rstrip(" ,")
            period = _cues()["period_tail"].search(name)
            if period:
                name = name[:period.start()].rstrip(" ,")
            if len(name.split()) < 3:
                continue
            start = m.start("cue")
            full = self.text[start:m.start("rest") + len(name)]
            item = self.found(full[0].upper() + full[1:], start, start + len(full), match_known(name))
            item.period = item.period or (_period(period.group()) if period else None)
            found.append(item)
        return found

    def unquoted(self) -> list[Found]:
        """National movements named without quotes right after their cue: any "phong trào (thi
        đua)" (the name must match both ways) or a capitalised "Đợt thi đua" (a lead-in before
        the national name is allowed)."""
        found = []
        for m in _cues()["unquoted"].finditer(self.text):
            cue = m.group("cue")
            lead_in = cue in _cues()["lead_in"]
            if not lead_in and cue.lower() in _cues()["lead_in_any_case"]:
                continue
            end = _cues()["sentence_end"].search(self.text, m.end()).start()
            run = self.national_run(m.end(), end, COVER_MENTION if lead_in else STRICT_COVER)
            if run:
                known, _, run_end = run
                found.append(self.found(self.text[m.start():run_end], m.start(), run_end, known))
        return found

    def listed(self) -> list[Found]:
        """The national movements of a list introduced by "các phong trào thi đua ... như", one
        item between semicolons (an item may carry its own "Phong trào thi đua")."""
        found = []
        for m in _cues()["list"].finditer(self.text):
            end = _cues()["list_end"].search(self.text, m.end()).start()
            pos = m.end()
            while pos < end:
                run = self.national_run(pos, end, STRICT_COVER)
                if run:
                    known, start, run_end = run
                    found.append(self.found(self.text[start:run_end], start, run_end, known))
                    pos = run_end
                semicolon = self.text.find(";", pos, end)
                pos = end if semicolon < 0 else semicolon + 1
        return found

    def national_run(self, start: int, end: int, mention_cover: float) -> tuple[Known, int, int] | None:
        """The national movement named from `start` on, ending at a comma, a semicolon, a stop
        word, before a preposition ("trong toàn ngành") or at `end`: the best-matching end wins."""
        while start < end and self.text[start].isspace():
            start += 1
        ends = self.name_ends(start, end) + [b.start() for b in _cues()["may_end"].finditer(self.text, start, end)]
        best = None
        for stop in ends:
            name = self.text[start:stop].rstrip(" ,;.")
            if len(name.split()) < 2:
                continue
            match = match_core(name, mention_cover)
            if match and (best is None or match[0] > best[0]):
                best = (match[0], match[1], start + len(name))
        return (best[1], start, best[2]) if best else None

    def name_ends(self, start: int, end: int) -> list[int]:
        """Where an unquoted name from `start` may end: a comma, a semicolon, a stop word, `end`."""
        return [b.start() for b in _cues()["name_end"].finditer(self.text, start, end)] + [end]

    def covering(self, key: frozenset[str]) -> list[Found]:
        """Unquoted "phong trào thi đua ..." / "đợt thi đua ..." whose words cover the name `key`
        (the best-covering end at a comma, semicolon, stop word or the sentence end)."""
        found = []
        for m in _cues()["unquoted"].finditer(self.text):
            if m.group("cue").lower() not in _cues()["covering_cues"]:
                continue
            end = _cues()["sentence_end"].search(self.text, m.end()).start()
            scored = [(cover_score(syllables(self.text[m.end():e]), key), e) for e in self.name_ends(m.end(), end)]
            score, best_end = max(scored, default=(0.0, 0))
            if score > 0:
                text = self.text[m.start():best_end].rstrip(" ,;")
                found.append(self.found(text[0].upper() + text[1:], m.start(), m.start() + len(text), None))
        return found

    def trimmed(self, start: int, end: int) -> str:
        name = _cues()["trim"].sub("", self.text[start:end]).strip()
        return name.rstrip(" .,")

    def nearest_cue(self, pos: int) -> tuple[int, str] | None:
        clause_start = max(self.text.rfind(";", 0, pos), self.text.rfind(". ", 0, pos), 0)
        last = None
        for m in _cues()["cue"].finditer(self.text, clause_start, pos):
            last = (m.end(), "yes" if m.group("yes") else "no")
        return last

    def is_award(self, start: int, end: int) -> bool:
        return any(lx.start <= start + 1 and lx.end >= end - 1 for lx in self.view.lex.get(L.AWARD, ()))

    def found(self, name: str, start: int, end: int, known: Known | None) -> Found:
        after = _cues()["period_after"].match(self.text, end + 1 if self.text[end:end + 1] in "”\"" else end)
        period = _period(after.group()) if after else None
        clause = _clause(self.text, start)
        return Found(squash_spaces(name), self.doc.mention(self.view.index, start, end), period,
                     known.id if known else None, (self.view.index, *clause))




def _period(text: str) -> Period | None:
    years = re.findall(r"\d{4}", text)
    if not years:
        return None
    return Period(f"{years[0]}-01-01", f"{years[-1]}-12-31")


def _linked(found: Found, doc: Document, references: list[Reference]) -> list[str]:
    block, start, end = found.clause
    ids = []
    for ref in references:
        for m in ref.mentions:
            same_clause = m.block == block and start <= m.start < end
            in_subject = ref.subject is not None and found.name.lower() in ref.subject.lower()
            if (same_clause or in_subject) and ref.id not in ids:
                ids.append(ref.id)
    return ids


def _launcher(view: BlockView, found: Found, references: list[Reference]) -> str | None:
    """Who launched the campaign, as the clause says: "“...” do UBND tỉnh phát động", or the
    subject of "phát động" right before the name ("UBND huyện phát động đợt thi đua “...”",
    "Bộ trưởng ban hành Quyết định số 1265/QĐ-BTNMT ... phát động phong trào thi đua “...”": the
    issuer of that decision)."""
    text, m = view.text, found.mention
    _, clause_start, clause_end = found.clause
    if after := _cues()["launched_after"].match(text[:clause_end], m.end):
        return squash_spaces(after.group("by"))
    verbs = list(_cues()["launch"].finditer(text, clause_start, m.start))
    if not verbs or not _cues()["launch_gap"].match(text[verbs[-1].end():m.start].rstrip(" “\"")):
        return None
    subject_start = max(clause_start, MARKER_RE.match(text, clause_start).end() if clause_start == 0 else clause_start)
    return _subject(view, subject_start, verbs[-1].start(), references)


def _subject(view: BlockView, start: int, end: int, references: list[Reference]) -> str | None:
    text = view.text
    end = start + len(_cues()["auxiliary"].sub("", text[start:end].rstrip()).rstrip())
    bodies = [lx for lx in view.lex.get(L.ISSUER, ()) if start <= lx.start and lx.end == end]
    if bodies:
        return bodies[-1].text
    for ref in references:
        if any(x.block == view.index and start <= x.start < end for x in ref.mentions) and ref.issuer:
            return ref.issuer
    subject = squash_spaces(text[start:end]).strip(" ,")
    words = subject.split()
    return subject if 0 < len(words) <= 6 and not re.search(r"\d", subject) else None


def _same_local(campaigns: dict[frozenset[str], Campaign], found: Found) -> Campaign | None:
    """The local campaign already read that `found` is a variant of (a typo, a dropped word)."""
    key = syllables(found.name)
    for other, campaign in campaigns.items():
        if max(cover_score(key, other), cover_score(other, key)) > 0:
            return campaign
    return None


def _launched_in_title(doc: Document, views: list[BlockView]) -> list[Found]:
    """The campaign the document launches, named in its title after a launch verb ("PHÁT ĐỘNG
    PHONG TRÀO THI ĐUA X", "TRIỂN KHAI ĐỢT THI ĐUA X"), and the body's mentions of it: a
    "phong trào thi đua ..." / "đợt thi đua ..." whose words cover X's. A national X gives the
    title's mention only (the national rules find the body's)."""
    title = squash_spaces(doc.metadata.title or "")
    for view in views[:load("metadata")["header_blocks"]]:
        m = _cues()["title"].search(view.text)
        if not title or not m or view.text not in title:
            continue
        reader = BlockCampaigns(doc, view)
        end = _cues()["list_end"].search(view.text, m.end()).start()
        if stop := _cues()["stop"].search(view.text, m.end(), end):
            end = stop.start()
        x = view.text[m.end():end].rstrip(" ,;")
        if tail := _cues()["period_tail"].search(x):
            x = x[:tail.start()]
        mention_cover = COVER_MENTION if m.group("cue").lower() in _cues()["lead_in_any_case"] else STRICT_COVER
        if run := reader.national_run(m.end(), m.end() + len(x), mention_cover):
            return [reader.found(view.text[m.start("cue"):run[2]], m.start("cue"), run[2], run[0])]
        if len(x.split()) < 3:
            return []
        key = syllables(x)
        titled = [reader.found(view.text[m.start("cue"):m.end() + len(x)], m.start("cue"), m.end() + len(x), None)]
        return titled + [f for v in views[view.index + 1:] for f in BlockCampaigns(doc, v).covering(key)]
    return []


def _without_overlaps(*groups: list[Found]) -> list[Found]:
    """The finds of every group that no earlier group's find overlaps, in text order (groups
    are given by priority: quoted names first)."""
    kept: list[Found] = []
    for group in groups:
        for f in group:
            if not any(k.mention.block == f.mention.block and f.mention.start < k.mention.end
                       and k.mention.start < f.mention.end for k in kept):
                kept.append(f)
    return sorted(kept, key=lambda f: (f.mention.block, f.mention.start))


def extract(doc: Document, views: list[BlockView], references: list[Reference]) -> list[Campaign]:
    """One campaign per distinct movement, in order of first mention: national ones merged by
    their id, local ones when one name's syllables cover the other's (named by their first form
    not written in capitals)."""
    national: dict[str, Campaign] = {}
    local: dict[frozenset[str], Campaign] = {}
    known = {k.id: k for k in _known()}
    cited = {reference_key(r.id): r.id for r in references}
    order: list[Campaign] = []
    titled = _launched_in_title(doc, views)
    for view in views:
        reader = BlockCampaigns(doc, view)
        finds = _without_overlaps(reader.quoted(), [f for f in titled if f.mention.block == view.index],
                                  reader.unquoted(), reader.listed(), reader.named())
        for found in finds:
            if is_not_campaign(found.name):
                continue
            k = known.get(found.national_id or "")
            campaign = national.get(k.id) if k else _same_local(local, found)
            launcher = _launcher(view, found, references)
            if campaign is None:
                campaign = Campaign(name=k.name if k else found.name, national=k is not None,
                                    launched_by=k.launched_by if k else launcher,
                                    period=found.period or (k.period if k else None))
                campaign.references = [cited[reference_key(r)] for r in (k.references if k else [])
                                       if reference_key(r) in cited]
                if k:
                    national[k.id] = campaign
                else:
                    local[syllables(found.name)] = campaign
                order.append(campaign)
            if not k and campaign.name.isupper() and not found.name.isupper():
                campaign.aliases = [campaign.name, *campaign.aliases]
                campaign.name = found.name
            campaign.mentions.append(found.mention)
            campaign.launched_by = campaign.launched_by or launcher
            campaign.period = campaign.period or found.period
            if found.name != campaign.name and found.name not in campaign.aliases:
                campaign.aliases.append(found.name)
            for ref_id in _linked(found, doc, references):
                if ref_id not in campaign.references:
                    campaign.references.append(ref_id)
    for campaign in order:
        campaign.launched_by = campaign.launched_by or _issuer_of_first(campaign, references)
    return order


def _issuer_of_first(campaign: Campaign, references: list[Reference]) -> str | None:
    """The issuer of the first decision linked to the campaign, else of the first document."""
    linked = [r for r in references if r.id in campaign.references and r.issuer]
    decisions = [r for r in linked if r.doc_type == role_type("decision")]
    return (decisions or linked)[0].issuer if linked else None
