"""Full-text search over decisions, campaigns and report text.

The query is folded like the index (in Python for SQLite, by the database on PostgreSQL; see
`index.py`), so "quyet dinh khen thuong" finds "Quyết định khen thưởng" and the other way round.
A query that is a document number or a whole number/symbol ("1478", "1478/QĐ-TTg") first looks
the decisions up by their keys; those exact hits come first, then the entries holding the words
as one phrase, then those holding them anywhere, each group ranked (bm25 / ts_rank; among the
newest 1000 matches when there are more). Parts of a symbol ("QĐ-TTg 2022", "qd-ttg") are
phrases of words in the decisions' indexed text. Snippets are cut from the original text at the
offsets found in its folded copy (`keys.index_text`, on either backend), with the matched words
between `**`. A report stored as several files (DOCX and PDF, copies with other bytes: the same
`documents.report_key`) is one hit, its best-ranked file, listing the others in `also`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..vn.normalize import fold
from .index import SearchIndex
from .keys import index_text, query_parts, query_terms, symbol_key
from .schema import (
    campaign_aliases,
    campaign_decisions,
    campaign_mentions,
    campaigns,
    citations,
    decisions,
    documents,
    search_entries,
)

MARK = "**"
SNIPPET_WIDTH = 200
_MAX_ANCHORS = 400  # matches considered when choosing where a snippet starts
RANK_WINDOW = 1000  # a query matching more entries ranks only the newest ones (see _matches)
_NOT_SYMBOL = "\"'*.,;:()[]"  # quotes and stops typed around a number/symbol


@dataclass(frozen=True, slots=True)
class Filters:
    type: str | None = None  # doc-type name or code: "Quyết định", "quyet dinh", "QĐ"
    issuer: str | None = None  # part of the issuer's name, or its code ("TTg", "UBND")
    year: int | None = None
    campaign: str | None = None  # part of a campaign's name or alias


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # decision | campaign | report
    id: int  # the decision's, campaign's or document's id in the archive
    label: str
    title: str | None
    date: str | None
    year: int | None
    score: float | None  # None for an exact number/symbol hit (ranked first)
    snippet: str
    # A report's other renderings (same `documents.report_key`): {document_id, source, format}
    also: tuple[dict[str, Any], ...] = ()

    @property
    def ref(self) -> str:
        """The id `show` takes: "VB-12" (decision), "BC-3" (report), "PT-2" (campaign)."""
        from .views import shown_id

        return shown_id(self.kind, self.id)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ref": self.ref}


def check_query(query: str) -> None:
    """Refuse a query past the bounds of `data/limits.json` ("query") before either backend sees
    it, so both answer alike: too many words, too many characters, or a word too long for
    PostgreSQL's tsvector (which drops words over 2,047 bytes without a word)."""
    from ..errors import QueryTooLong
    from ..parse.limits import query_bound

    terms = [w for part in query_terms(query) for w in part]
    if len(query) > query_bound("chars"):
        raise QueryTooLong(None, f"{len(query):,} > {query_bound('chars'):,}")
    if len(terms) > query_bound("words"):
        raise QueryTooLong(None, f"{len(terms):,} > {query_bound('words'):,}")
    longest = max(map(len, terms), default=0)
    if longest > query_bound("word_chars"):
        raise QueryTooLong(None, f"{longest:,} > {query_bound('word_chars'):,}")


def search(
    conn: Connection, index: SearchIndex, query: str, filters: Filters = Filters(), limit: int = 20
) -> list[Hit]:
    check_query(query)
    phrases = query_parts(query)
    conditions = _conditions(conn, filters)
    if not phrases or conditions is None:
        return []
    fetch = 2 * limit  # room for a report's other renderings among the best entries
    files: dict[int, ReportFiles] = {}
    while True:
        reports, complete = _best_reports(conn, index, query, phrases, conditions, limit, fetch, files)
        if len(reports) >= limit or complete:
            return _hits(conn, reports[:limit], query_terms(query), files)
        fetch *= 4  # renderings of the same reports took the places: look further


def _best_reports(
    conn: Connection,
    index: SearchIndex,
    query: str,
    phrases: list[str],
    conditions: list,
    limit: int,
    fetch: int,
    files: dict[int, ReportFiles],
) -> tuple[list[tuple[int, float | None]], bool]:
    """The best entries, one per report, from the best `fetch` of each pass: exact
    number/symbol hits first, then the words as one phrase ("tra vinh": "Trà Vinh" before
    "kiểm tra ... Vinh"), then the words anywhere (a pass runs while fewer than `limit` reports
    are found); and whether they are all the entries that match. `files` gains the report
    files of every entry seen."""
    exact = _exact_entries(conn, query, conditions, fetch)
    ranked: dict[int, float | None] = dict.fromkeys(exact)
    reports: list[tuple[int, float | None]] = []
    complete = False
    for each in [phrases] if len(phrases) == 1 else [[" ".join(phrases)], phrases]:
        if len(ranked) >= limit:
            reports = _one_per_report(conn, list(ranked.items()), files)
            if len(reports) >= limit:
                return reports, complete
        found = _matches(conn, index, each, conditions, fetch)
        complete = len(exact) < fetch and len(found) < fetch
        for entry_id, value in found:
            ranked.setdefault(entry_id, value)
    return _one_per_report(conn, list(ranked.items()), files), complete


ReportFiles = tuple[str | None, list[dict[str, Any]]]  # (report key, its current files)


def _one_per_report(
    conn: Connection, ranked: list[tuple[int, float | None]], files: dict[int, ReportFiles]
) -> list[tuple[int, float | None]]:
    """`ranked` without the entries of a report's renderings after its best-ranked one."""
    asked = [i for i, _ in ranked if i not in files]
    found = _report_files(conn, asked)
    files.update({i: found.get(i, (None, [])) for i in asked})
    seen: set[str] = set()
    kept = []
    for entry_id, score in ranked:
        key = files[entry_id][0]
        if key in seen:
            continue
        kept.append((entry_id, score))
        if key is not None:
            seen.add(key)
    return kept


def _report_files(conn: Connection, entry_ids: list[int]) -> dict[int, ReportFiles]:
    """For the entries of reports with a key: the key and every current file holding it
    ({document_id, source, format}, oldest first), in one statement."""
    if not entry_ids:
        return {}
    e, own = search_entries.c, documents.alias("own")
    stmt = (
        sa.select(e.id.label("entry_id"), own.c.report_key, documents.c.id, documents.c.source, documents.c.format)
        .join(own, own.c.id == e.document_id)
        .join(documents, documents.c.report_key == own.c.report_key)
        .where(e.id.in_(entry_ids), documents.c.current.is_(True))
        .order_by(e.id, documents.c.id)
    )
    out: dict[int, ReportFiles] = {}
    for r in conn.execute(stmt):
        entry = out.setdefault(r.entry_id, (r.report_key, []))
        entry[1].append({"document_id": r.id, "source": r.source, "format": r.format})
    return out


def _matches(
    conn: Connection, index: SearchIndex, phrases: Sequence[str], conditions: list, limit: int
) -> list[tuple[int, float]]:
    """The best `limit` entries matching every phrase and the filters. When more than
    RANK_WINDOW entries match, only the RANK_WINDOW most recently stored are ranked: ranking
    tens of thousands of rows made common-word queries slow, and told little."""
    return index.best(conn, phrases, conditions, limit, window=RANK_WINDOW)


def _exact_entries(conn: Connection, query: str, conditions: list, limit: int) -> list[int]:
    """Entries of the decisions whose number or whole number/symbol is the query."""
    key = symbol_key(query).strip(_NOT_SYMBOL)
    if not any(ch.isdigit() for ch in key):
        return []
    d = decisions.c
    same = d.number_key == (key.lstrip("0") or "0") if key.isdigit() else d.symbol_key == key
    stmt = (
        sa.select(search_entries.c.id)
        .join(decisions, decisions.c.id == search_entries.c.decision_id)
        .where(same, *conditions)
        .order_by(d.date.desc(), d.id)
        .limit(limit)
    )
    return list(conn.execute(stmt).scalars())


def _conditions(conn: Connection, f: Filters) -> list | None:
    """SQL conditions on `search_entries` for the filters; None when nothing can match."""
    e = search_entries.c
    conditions: list = []
    if f.year is not None:
        conditions.append(e.year == f.year)
    if f.type:
        conditions.append(sa.or_(e.type_name == fold(f.type), e.type_code == symbol_key(f.type)))
    if f.issuer:
        conditions.append(
            sa.or_(
                e.issuer_name.contains(fold(f.issuer), autoescape=True), e.issuer_code == symbol_key(f.issuer)
            )
        )
    if f.campaign:
        ids = _campaign_ids(conn, f.campaign)
        if not ids:
            return None
        conditions.append(_in_campaigns(ids))
    return conditions


def _campaign_ids(conn: Connection, text: str) -> list[int]:
    key = fold(text)
    by_alias = sa.select(campaign_aliases.c.campaign_id).where(
        campaign_aliases.c.key.contains(key, autoescape=True)
    )
    stmt = sa.select(campaigns.c.id).where(
        sa.or_(campaigns.c.key.contains(key, autoescape=True), campaigns.c.id.in_(by_alias))
    )
    return list(conn.execute(stmt).scalars())


def _in_campaigns(ids: list[int]) -> sa.ColumnElement:
    """Entries of the campaigns, of the reports that mention them, of the decisions those
    reports cite or the campaigns name."""
    e = search_entries.c
    reports = sa.select(campaign_mentions.c.document_id).where(campaign_mentions.c.campaign_id.in_(ids))
    cited = sa.select(citations.c.decision_id).where(citations.c.document_id.in_(reports))
    named = sa.select(campaign_decisions.c.decision_id).where(campaign_decisions.c.campaign_id.in_(ids))
    return sa.or_(
        sa.and_(e.kind == "campaign", e.campaign_id.in_(ids)),
        sa.and_(e.kind == "report", e.document_id.in_(reports)),
        sa.and_(e.kind == "decision", sa.or_(e.decision_id.in_(cited), e.decision_id.in_(named))),
    )


def _hits(
    conn: Connection,
    ranked: list[tuple[int, float | None]],
    terms: Sequence[Sequence[str]],
    files: dict[int, ReportFiles],
) -> list[Hit]:
    if not ranked:
        return []
    e = search_entries.c
    rows = {r.id: r for r in conn.execute(sa.select(search_entries).where(e.id.in_([i for i, _ in ranked])))}
    pattern = _token_pattern(terms)
    hits = []
    for entry_id, score in ranked:
        r = rows[entry_id]
        owner = r.decision_id or r.campaign_id or r.document_id
        also = tuple(f for f in files.get(entry_id, (None, []))[1] if f["document_id"] != r.document_id)
        hits.append(Hit(r.kind, owner, r.label, r.title, r.date, r.year, score, snippet(r.text, pattern), also))
    return hits


def _token_pattern(terms: Sequence[Sequence[str]]) -> re.Pattern[str]:
    tokens = sorted({t for term in terms for t in term}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, tokens)) + r")\b")


def snippet(text: str, pattern: re.Pattern[str], width: int = SNIPPET_WIDTH) -> str:
    """A stretch of `text` around the densest group of matched words, which are marked."""
    flat = text.replace("\n", " ")
    matches = list(itertools.islice(pattern.finditer(index_text(flat)), _MAX_ANCHORS))
    if not matches:
        return flat[:width].strip() + (" …" if len(flat) > width else "")
    start = _densest_start(matches, width)
    begin = max(0, start - width // 4)
    if begin > 0:
        begin = flat.find(" ", begin, start) + 1 or begin
    end = min(len(flat), begin + width)
    out, pos = [], begin
    for m in matches:
        if begin <= m.start() and m.end() <= end:
            out += [flat[pos : m.start()], MARK, flat[m.start() : m.end()], MARK]
            pos = m.end()
    out.append(flat[pos:end])
    return ("… " if begin > 0 else "") + "".join(out).strip() + (" …" if end < len(flat) else "")


def _densest_start(matches: list[re.Match[str]], width: int) -> int:
    """Start of the match from which the most distinct words match within `width` characters."""
    best, best_count = matches[0].start(), 0
    window: Counter[str] = Counter()
    right = 0
    for m in matches:
        while right < len(matches) and matches[right].end() <= m.start() + width:
            window[matches[right].group()] += 1
            right += 1
        if len(window) > best_count:
            best, best_count = m.start(), len(window)
        window[m.group()] -= 1
        if window[m.group()] <= 0:
            del window[m.group()]
    return best
