"""Documents checked against the archive (`extractor reconcile --issuer ... --year ...`).

Findings of their own kind, never mixed with a document's internal checks:
- `archive_totals`: an award count a report of the scope states (awarded or unqualified, not a
  proposal) against the recipients of that award listed by the scope's decisions in the archive.
  The archive may be incomplete: fewer listed than stated is info, more listed than stated a
  warning; the result names how many decisions the archive holds for the scope.
- `proposal_vs_decision`: a decision of the scope that cites a stored proposal (tờ trình) with a
  recipient list: who was proposed and not awarded, or awarded without being proposed (info).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..i18n import DEFAULT_LANG
from ..model import Finding
from ..vn.normalize import fold
from .keys import symbol_key
from .schema import awards, citations, decisions, documents, recipients

_DECISION, _PROPOSAL, _REPORT = "quyet dinh", "to trinh", "bao cao"


@dataclass
class Comparison:
    issuer: str
    year: int
    decisions: list[dict[str, Any]]  # the scope's decisions holding a recipient list
    listed: int  # recipients those lists name
    lang: str = DEFAULT_LANG
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        from ..model import finding_dict

        return {"issuer": self.issuer, "year": self.year, "decisions": self.decisions, "listed": self.listed,
                "findings": [finding_dict(f, self.lang) for f in self.findings]}


def _scope(conn: Connection, issuer: str, year: int, doc_type: str) -> list[dict[str, Any]]:
    d = documents.c
    rows = conn.execute(sa.select(d.id, d.source, d.doc_type, d.number, d.date, d.issuer, d.report_key)
                        .where(d.current.is_(True), d.year == year).order_by(d.date, d.id)).mappings()
    wanted = fold(issuer)
    out, seen = [], set()
    for row in rows:
        if not fold(row["doc_type"] or "").startswith(doc_type) or wanted not in fold(row["issuer"] or ""):
            continue
        key = row["report_key"] or f"id:{row['id']}"
        if key not in seen:  # one rendering per report
            seen.add(key)
            out.append({k: row[k] for k in ("id", "source", "number", "date", "issuer")})
    return out


def _recipients_of(conn: Connection, document_ids: list[int]) -> list[dict[str, Any]]:
    if not document_ids:
        return []
    r = recipients.c
    stmt = sa.select(r.document_id, r.name, r.name_key, r.kind, r.award).where(r.document_id.in_(document_ids))
    return [dict(row) for row in conn.execute(stmt.order_by(r.document_id, r.ordinal)).mappings()]


def _finding(check: str, severity: str, key: str, lang: str, expected: Any, actual: Any, **params: Any) -> Finding:
    ident = hashlib.sha1(f"{check}\n{key}\n{sorted(params.items())}".encode("utf-8")).hexdigest()[:10]
    return Finding(id=f"{check}-{ident}", check=check, severity=severity, key=key, params=params,
                   expected=expected, actual=actual)


def _report_totals(conn: Connection, issuer: str, year: int, listed: Counter, n_decisions: int,
                   lang: str) -> list[Finding]:
    out = []
    for report in _scope(conn, issuer, year, _REPORT):
        a = awards.c
        stmt = sa.select(a.award, a["class"], a.count, a.status).where(
            a.document_id == report["id"], a.parent_id.is_(None), a.count.is_not(None))
        for row in conn.execute(stmt).mappings():
            if row["status"] not in (None, "awarded"):
                continue
            in_archive = listed.get(row["award"], 0)
            if in_archive == row["count"]:
                continue
            severity = "info" if in_archive < row["count"] else "warning"
            out.append(_finding("archive_totals", severity, "compare.archive_totals", lang, in_archive, row["count"],
                                report=report["number"] or report["source"], award=row["award"], stated=row["count"],
                                listed=in_archive, decisions=n_decisions))
    return out


def _cited_proposals(conn: Connection, decision_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """decision document id -> the stored proposals (with recipients) it cites."""
    if not decision_ids:
        return {}
    c, dec, d = citations.c, decisions.c, documents.c
    cited = conn.execute(sa.select(c.document_id, dec.symbol_key).join(decisions, dec.id == c.decision_id)
                         .where(c.document_id.in_(decision_ids))).all()
    proposals = conn.execute(sa.select(d.id, d.number, d.doc_type, d.source)
                             .where(d.current.is_(True), d.number.is_not(None))).mappings()
    by_key = {symbol_key(p["number"]): dict(p) for p in proposals if fold(p["doc_type"] or "").startswith(_PROPOSAL)}
    out: dict[int, list[dict[str, Any]]] = {}
    for document_id, key in cited:
        if key in by_key and by_key[key] not in out.get(document_id, []):
            out.setdefault(document_id, []).append(by_key[key])
    return out


def _proposal_findings(conn: Connection, decisions_: list[dict[str, Any]], lang: str) -> list[Finding]:
    out = []
    answered = _cited_proposals(conn, [d["id"] for d in decisions_])
    for decision in decisions_:
        for proposal in answered.get(decision["id"], []):
            proposed = {(r["name_key"], r["kind"]): r["name"] for r in _recipients_of(conn, [proposal["id"]])}
            awarded = {(r["name_key"], r["kind"]): r["name"] for r in _recipients_of(conn, [decision["id"]])}
            if not proposed or not awarded:
                continue
            names = dict(proposal=proposal["number"], decision=decision["number"] or decision["source"])
            for key in proposed.keys() - awarded.keys():
                out.append(_finding("proposal_vs_decision", "info", "compare.proposed_not_awarded", lang,
                                    None, proposed[key], name=proposed[key], **names))
            for key in awarded.keys() - proposed.keys():
                out.append(_finding("proposal_vs_decision", "info", "compare.awarded_not_proposed", lang,
                                    None, awarded[key], name=awarded[key], **names))
    return out


def compare(conn: Connection, issuer: str, year: int, lang: str = DEFAULT_LANG) -> Comparison:
    scope = _scope(conn, issuer, year, _DECISION)
    listed_rows = _recipients_of(conn, [d["id"] for d in scope])
    with_lists = sorted({r["document_id"] for r in listed_rows})
    decisions_ = [d for d in scope if d["id"] in with_lists]
    listed = Counter(r["award"] for r in listed_rows if r["award"])
    result = Comparison(issuer, year, decisions_, len(listed_rows), lang)
    result.findings = _report_totals(conn, issuer, year, listed, len(decisions_), lang)
    result.findings += _proposal_findings(conn, decisions_, lang)
    return result
