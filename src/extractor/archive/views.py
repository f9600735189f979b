"""Read views of the archive: one decision with the reports that cite it (`show`), and the
flat record tables that `export` writes and the Python API returns as DataFrames.

Records of superseded file versions stay in the archive but are left out of these views: they
describe the archive as it stands, one version per file.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .keys import number_key, symbol_key
from .schema import (
    document_contents,
    awards,
    campaign_aliases,
    campaign_decisions,
    campaign_mentions,
    campaigns,
    citations,
    decisions,
    documents,
    findings,
    recipients,
)

EXPORTS = ("reports", "decisions", "citations", "campaigns", "awards", "findings", "recipients")
_DECISION_COLUMNS = (
    "id",
    "ref",
    "doc_type",
    "number",
    "year",
    "symbol",
    "issuer",
    "date",
    "subject",
    "first_seen",
    "last_seen",
)
_current = documents.c.current.is_(True)


# The archive ids people see: decisions and reports are numbered apart, so each has its prefix.
ID_PREFIX = {"decision": "VB", "report": "BC", "campaign": "PT"}
_PREFIXED = re.compile(r"(?i)\s*(VB|BC|PT)-(\d{1,18})\s*")


def shown_id(kind: str, number: int) -> str:
    """"VB-12", "BC-3": an archive id with the prefix of its kind."""
    return f"{ID_PREFIX[kind]}-{number}"


def parse_shown_id(ident: str) -> tuple[str, int] | None:
    """("decision" | "report" | "campaign", number) of a prefixed id, else None."""
    m = _PREFIXED.fullmatch(ident)
    if not m:
        return None
    kind = next(k for k, p in ID_PREFIX.items() if p == m[1].upper())
    return kind, int(m[2])


def find_decisions(conn: Connection, ident: str) -> list[dict[str, Any]]:
    """Decisions named by `ident`: "VB-42" or bare digits are an archive id ("42") or, when no
    decision has that id, a document number ("1478": every decision so numbered); anything else
    is a number/symbol ("1478/QĐ-TTg")."""
    d = decisions.c
    prefixed = parse_shown_id(ident)
    if prefixed:
        if prefixed[0] != "decision":
            return []
        rows = conn.execute(sa.select(decisions).where(d.id == prefixed[1])).mappings().all()
        return [dict(r) for r in rows]
    if ident.strip().isdigit():
        named = [d.id == int(ident), d.number_key == number_key(ident.strip())]
    else:
        named = [d.symbol_key == symbol_key(ident)]
    for where in named:
        rows = conn.execute(sa.select(decisions).where(where).order_by(d.id)).mappings().all()
        if rows:
            return [dict(r) for r in rows]
    return []


def report_view(conn: Connection, document_id: int) -> dict[str, Any] | None:
    """A stored file as `show BC-n` prints it: what it is, the checks carried out, the OCR
    caveat, its awards and findings (as keys and parameters), the decisions it cites and its
    other renderings; None when no such file was ever stored."""
    row = conn.execute(sa.select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        return None
    data = conn.execute(
        sa.select(document_contents.c.data).where(document_contents.c.document_id == document_id)
    ).scalar()
    stored = json.loads(data) if data else {}
    f = findings.c
    found = conn.execute(
        sa.select(f.finding_id.label("id"), f.check, f.severity, f.message, f.key, f.params, f.expected,
                  f.actual, f.passed, f.locations)
        .where(f.document_id == document_id)
        .order_by(f.id)
    ).mappings().all()
    cited = conn.execute(
        sa.select(decisions.c.id, decisions.c.ref, decisions.c.doc_type)
        .join(citations, citations.c.decision_id == decisions.c.id)
        .where(citations.c.document_id == document_id)
        .distinct()
        .order_by(decisions.c.id)
    ).mappings().all()
    keep = ("id", "source", "format", "pages", "doc_type", "number", "date", "issuer", "signer", "position",
            "title", "current", "version", "checks")
    return {
        "report": {k: row[k] for k in keep},
        "ocr": stored.get("document", {}).get("ocr"),
        "awards": stored.get("awards", []),
        "findings": [dict(r) for r in found],
        "decisions": [dict(r) for r in cited],
        "renderings": renderings(conn, [document_id]).get(document_id, []),
    }


def campaign_view(conn: Connection, campaign_id: int) -> dict[str, Any] | None:
    """A campaign as `show PT-n` prints it: its name, who launched it, its period, aliases, the
    decisions it names and the current reports that mention it; None when there is none."""
    c = campaigns.c
    row = conn.execute(sa.select(campaigns).where(c.id == campaign_id)).mappings().first()
    if row is None:
        return None
    named = conn.execute(
        sa.select(decisions.c.id, decisions.c.ref, decisions.c.doc_type)
        .join(campaign_decisions, campaign_decisions.c.decision_id == decisions.c.id)
        .where(campaign_decisions.c.campaign_id == campaign_id)
        .distinct()
        .order_by(decisions.c.id)
    ).mappings().all()
    doc = documents.c
    mentioned = conn.execute(
        sa.select(doc.id, doc.source, doc.number, doc.date)
        .join(campaign_mentions, campaign_mentions.c.document_id == doc.id)
        .where(campaign_mentions.c.campaign_id == campaign_id, _current)
        .distinct()
        .order_by(doc.date, doc.id)
    ).mappings().all()
    return {
        "campaign": {k: row[k] for k in ("id", "name", "launched_by", "national", "period_start", "period_end")},
        "aliases": _alias_lists(conn).get(campaign_id, []),
        "decisions": [dict(r) for r in named],
        "mentioned_by": [dict(r) for r in mentioned],
    }


def decision_view(conn: Connection, decision: dict[str, Any]) -> dict[str, Any]:
    """A decision, the current reports that cite it (each with its citing sentences) and the
    campaigns that name it."""
    doc, cit = documents.c, citations.c
    stmt = (
        sa.select(
            doc.id,
            doc.source,
            doc.format,
            doc.number,
            doc.date,
            doc.issuer,
            doc.title,
            *_citation_columns(),
        )
        .join(documents, doc.id == cit.document_id)
        .where(cit.decision_id == decision["id"], _current)
        .order_by(doc.date, doc.id, cit.block, cit.start)
    )
    reports: dict[int, dict[str, Any]] = {}
    for r in conn.execute(stmt).mappings():
        report = reports.setdefault(
            r["id"],
            {
                "document_id": r["id"],
                "source": r["source"],
                "format": r["format"],
                "number": r["number"],
                "date": r["date"],
                "issuer": r["issuer"],
                "title": r["title"],
                "citations": [],
            },
        )
        report["citations"].append({c.name: r[c.name] for c in _citation_columns()})
    named = (
        sa.select(campaigns.c.name)
        .join(campaign_decisions, campaign_decisions.c.campaign_id == campaigns.c.id)
        .where(campaign_decisions.c.decision_id == decision["id"])
        .distinct()
        .order_by(campaigns.c.name)
    )
    return {
        "decision": {k: decision[k] for k in _DECISION_COLUMNS},
        "reports": _one_per_report(conn, list(reports.values())),
        "campaigns": list(conn.execute(named).scalars()),
    }


def _one_per_report(conn: Connection, citing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The citing files, one per report: its first citing file, with `renderings`, every
    current file of the report ({document_id, source, format, citations: how many of the
    citations it holds, findings: its finding ids}), and `findings_differ` when those are not
    the same in every rendering (a parser read one of them differently)."""
    groups = renderings(conn, [r["document_id"] for r in citing])
    findings_of = _finding_ids(conn, [f["document_id"] for group in groups.values() for f in group])
    cited = {r["document_id"]: len(r["citations"]) for r in citing}
    reports: dict[int, dict[str, Any]] = {}
    for report in citing:
        group = groups[report["document_id"]]
        if group[0]["document_id"] in reports:
            continue
        files = [
            {**f, "citations": cited.get(f["document_id"], 0), "findings": findings_of.get(f["document_id"], [])}
            for f in group
        ]
        differ = len({tuple(f["findings"]) for f in files}) > 1
        reports[group[0]["document_id"]] = {**report, "renderings": files, "findings_differ": differ}
    return list(reports.values())


def renderings(conn: Connection, document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """For each of `document_ids`, the files of its report, oldest first: itself and the other
    current files with its `report_key` ({document_id, source, format})."""
    doc = documents.c
    keys = sa.select(doc.report_key).where(doc.id.in_(document_ids), doc.report_key.is_not(None))
    stmt = (
        sa.select(doc.id, doc.source, doc.format, doc.report_key)
        .where(sa.or_(doc.id.in_(document_ids), sa.and_(doc.report_key.in_(keys), _current)))
        .order_by(doc.id)
    )
    by_key: dict[Any, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt):
        by_key.setdefault(r.report_key or ("file", r.id), []).append(
            {"document_id": r.id, "source": r.source, "format": r.format}
        )
    asked = set(document_ids)
    return {f["document_id"]: group for group in by_key.values() for f in group if f["document_id"] in asked}


def _finding_ids(conn: Connection, document_ids: list[int]) -> dict[int, list[str]]:
    f = findings.c
    out: dict[int, list[str]] = {}
    stmt = sa.select(f.document_id, f.finding_id).where(f.document_id.in_(document_ids)).order_by(f.finding_id)
    for document_id, finding_id in conn.execute(stmt):
        out.setdefault(document_id, []).append(finding_id)
    return out


# --- export tables --------------------------------------------------------------------------


def table_rows(conn: Connection, what: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(column names, rows) of one export table."""
    if what not in EXPORTS:
        raise ValueError(f"unknown export {what!r}")
    stmt = _EXPORT_QUERIES[what]()
    result = conn.execute(stmt)
    columns = list(result.keys())
    rows = [dict(r) for r in result.mappings()]
    if what == "campaigns":
        aliases = _alias_lists(conn)
        columns.insert(2, "aliases")
        for row in rows:
            row["aliases"] = aliases.get(row["id"], [])
    return columns, rows


def _decisions_query() -> sa.Select:
    cit = citations.c
    counts = (
        sa.select(
            cit.decision_id,
            sa.func.count().label("citations"),
            _report_count(),
        )
        .join(documents, documents.c.id == cit.document_id)
        .where(_current)
        .group_by(cit.decision_id)
        .subquery()
    )
    return (
        sa.select(
            *(decisions.c[c] for c in _DECISION_COLUMNS),
            sa.func.coalesce(counts.c.citations, 0).label("citations"),
            sa.func.coalesce(counts.c.reports, 0).label("reports"),
        )
        .outerjoin(counts, counts.c.decision_id == decisions.c.id)
        .order_by(decisions.c.id)
    )


def _citation_columns() -> list[sa.Column]:
    """A citation's sentence and where it was read."""
    return [citations.c[name] for name in ("sentence", "text", "page", "block", "start", "end")]


def _document_columns() -> list[sa.ColumnElement]:
    doc = documents.c
    return [
        doc.id.label("document_id"),
        doc.source.label("document_source"),
        doc.number.label("document_number"),
        doc.date.label("document_date"),
        doc.report_key,
    ]


def _report_count() -> sa.ColumnElement:
    """Distinct reports among the joined documents: the renderings of one report count once."""
    one_report = sa.func.coalesce(documents.c.report_key, sa.cast(documents.c.id, sa.Text))
    return sa.func.count(sa.distinct(one_report)).label("reports")


def _citations_query() -> sa.Select:
    cit, d = citations.c, decisions.c
    return (
        sa.select(
            d.id.label("decision_id"),
            d.ref,
            *_document_columns(),
            *_citation_columns(),
        )
        .join(decisions, d.id == cit.decision_id)
        .join(documents, documents.c.id == cit.document_id)
        .where(_current)
        .order_by(d.id, documents.c.id, cit.id)
    )


def _campaigns_query() -> sa.Select:
    c, m = campaigns.c, campaign_mentions.c
    mentions = (
        sa.select(
            m.campaign_id,
            sa.func.count().label("mentions"),
            _report_count(),
        )
        .join(documents, documents.c.id == m.document_id)
        .where(_current)
        .group_by(m.campaign_id)
        .subquery()
    )
    return (
        sa.select(
            c.id,
            c.name,
            c.launched_by,
            c.national,
            c.period_start,
            c.period_end,
            sa.func.coalesce(mentions.c.mentions, 0).label("mentions"),
            sa.func.coalesce(mentions.c.reports, 0).label("reports"),
        )
        .outerjoin(mentions, mentions.c.campaign_id == c.id)
        .order_by(c.id)
    )


def _awards_query() -> sa.Select:
    a = awards.c
    return (
        sa.select(
            a.id,
            a.parent_id,
            *_document_columns(),
            a.award,
            a["class"],
            a.level,
            a.count,
            a.collectives,
            a.individuals,
            a.status,
            a.source,
            a.surface.label("text"),
            a.locations,
        )
        .join(documents, documents.c.id == a.document_id)
        .where(_current)
        .order_by(documents.c.id, a.id)
    )


def _findings_query() -> sa.Select:
    f = findings.c
    return (
        sa.select(
            *_document_columns(),
            f.finding_id.label("id"),
            f.check,
            f.severity,
            f.message,
            f.key,
            f.params,
            f.expected,
            f.actual,
            f.passed,
            f.locations,
        )
        .join(documents, documents.c.id == f.document_id)
        .where(_current)
        .order_by(documents.c.id, f.id)
    )


def _recipients_query() -> sa.Select:
    r = recipients.c
    return (
        sa.select(
            *_document_columns(),
            documents.c.issuer.label("document_issuer"),
            r.list_index,
            r.name,
            r.kind,
            r.position,
            r.unit,
            r.award,
            r["class"],
            r.decision,
            r.doc_type,
            r.group_label,
            r.page,
            r.location,
        )
        .join(documents, documents.c.id == r.document_id)
        .where(_current)
        .order_by(documents.c.id, r.ordinal)
    )


def _reports_query() -> sa.Select:
    """One row per current file: what it is, what was checked and how many findings it has."""
    doc, f = documents.c, findings.c
    counts = sa.select(f.document_id, sa.func.count().label("findings")).group_by(f.document_id).subquery()
    return (
        sa.select(
            doc.id,
            doc.source.label("document_source"),
            doc.format,
            doc.doc_type,
            doc.number,
            doc.date,
            doc.issuer,
            doc.title,
            doc.checks,
            sa.func.coalesce(counts.c.findings, 0).label("findings"),
            doc.ocr,
            doc.report_key,
        )
        .outerjoin(counts, counts.c.document_id == doc.id)
        .where(_current)
        .order_by(doc.id)
    )


_EXPORT_QUERIES = {
    "reports": _reports_query,
    "decisions": _decisions_query,
    "citations": _citations_query,
    "campaigns": _campaigns_query,
    "awards": _awards_query,
    "findings": _findings_query,
    "recipients": _recipients_query,
}


def _alias_lists(conn: Connection) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    stmt = sa.select(campaign_aliases.c.campaign_id, campaign_aliases.c.alias).order_by(campaign_aliases.c.id)
    for campaign_id, alias in conn.execute(stmt):
        out.setdefault(campaign_id, []).append(alias)
    return out
