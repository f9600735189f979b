"""Writing one processed report into the archive, in the caller's single transaction.

`prepare` does the CPU work that needs no database (JSON shape, searchable text, folded index
copy) and runs in the ingest workers; `write` runs in the one writing process and inserts the
document row and every record hanging off it. A report whose sha256 is already stored is left
alone; a known path with new content becomes a new version and the old one stops being current.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Campaign, Document, Reference, Table, award_dict, finding_dict, to_dict
from ..vn.normalize import fold
from .index import PostgresIndex, SqliteIndex
from .keys import index_text, number_key, sentence_around, symbol_codes, symbol_key
from .schema import (
    awards,
    campaign_aliases,
    campaign_decisions,
    campaign_mentions,
    campaigns,
    citations,
    decisions,
    document_contents,
    documents,
    failures,
    findings,
    quantities,
    search_entries,
)

Index = SqliteIndex | PostgresIndex
Outcome = Literal["ingested", "unchanged"]
# Decision fields a later citation may fill in when the first one left them empty.
_DECISION_FIELDS = ("doc_type", "number", "symbol", "issuer", "date", "subject")


@dataclass(slots=True)
class Prepared:
    doc: Document
    path: str  # absolute path: the key that tells versions of one file apart
    stage: str  # the last pipeline stage that ran: parse | extract | check
    data: dict[str, Any]
    text: str  # the report's searchable text
    body: str  # its folded index copy


@dataclass(frozen=True, slots=True)
class Stored:
    outcome: Outcome
    document_id: int


def prepare(doc: Document, path: str, stage: str) -> Prepared:
    text = report_text(doc)
    return Prepared(doc, path, stage, to_dict(doc, with_blocks=True), text, index_text(text))


def report_text(doc: Document) -> str:
    """Blocks in reading order, then each table as lines of cells."""
    lines = [b.text for b in doc.blocks]
    for table in doc.tables:
        lines.extend(_table_lines(table))
    return "\n".join(lines)


def _table_lines(table: Table) -> Iterable[str]:
    if table.title:
        yield table.title
    for row in table.header:
        yield " | ".join(row)
    for cells in table.rows:
        yield " | ".join(c.text for c in cells if not c.spanned)


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def write(conn: Connection, index: Index, p: Prepared, now: dt.datetime) -> Stored:
    known = conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == p.doc.sha256)).scalar()
    if known is not None:
        return Stored("unchanged", known)
    document_id = _insert_document(conn, index, p, now)
    seen = p.doc.metadata.date or now.date().isoformat()
    decision_ids = _store_references(conn, index, document_id, p.doc, seen)
    _store_campaigns(conn, index, document_id, p.doc, decision_ids)
    _store_awards(conn, document_id, p.data["awards"])
    _store_quantities(conn, document_id, p.doc)
    _store_findings(conn, document_id, p.doc)
    _put_entry(conn, index, "document_id", document_id, _report_entry(p), p.body)
    conn.execute(sa.delete(failures).where(failures.c.path == p.path))
    return Stored("ingested", document_id)


# --- documents ------------------------------------------------------------------------------


def _insert_document(conn: Connection, index: Index, p: Prepared, now: dt.datetime) -> int:
    doc, m = p.doc, p.doc.metadata
    previous = conn.execute(sa.select(sa.func.max(documents.c.version)).where(documents.c.path == p.path)).scalar()
    if previous is not None:
        _retire_versions(conn, index, p.path)
    document_id = conn.execute(
        documents.insert().values(
            sha256=doc.sha256,
            source=doc.source,
            path=p.path,
            version=(previous or 0) + 1,
            current=True,
            format=doc.format,
            pages=doc.pages,
            stage=p.stage,
            doc_type=m.doc_type,
            number=m.number,
            date=m.date,
            year=year_of(m.date),
            issuer=m.issuer,
            signer=m.signer,
            position=m.position,
            title=m.title,
            recipients=list(m.recipients),
            period_start=m.period.start if m.period else None,
            period_end=m.period.end if m.period else None,
            ingested_at=now,
        )
    ).inserted_primary_key[0]
    conn.execute(document_contents.insert().values(document_id=document_id, data=p.data))
    return document_id


def _retire_versions(conn: Connection, index: Index, path: str) -> None:
    """Older versions of a file stay stored but leave the search."""
    old = sa.select(documents.c.id).where(documents.c.path == path, documents.c.current.is_(True))
    entries = conn.execute(sa.select(search_entries.c.id).where(search_entries.c.document_id.in_(old))).scalars().all()
    index.drop(conn, list(entries))
    conn.execute(sa.delete(search_entries).where(search_entries.c.id.in_(entries)))
    conn.execute(sa.update(documents).where(documents.c.path == path).values(current=False))


def _report_entry(p: Prepared) -> dict[str, Any]:
    m = p.doc.metadata
    type_code, issuer_code = symbol_codes(m.number)
    return {
        "kind": "report",
        "label": m.number or p.doc.source,
        "title": m.title,
        "date": m.date,
        "text": p.text,
        "year": year_of(m.date),
        "type_name": fold(m.doc_type) if m.doc_type else None,
        "type_code": type_code,
        "issuer_name": fold(m.issuer) if m.issuer else None,
        "issuer_code": issuer_code,
    }


# --- decisions and citations ----------------------------------------------------------------


def _store_references(conn: Connection, index: Index, document_id: int, doc: Document, seen: str) -> dict[str, int]:
    """Every cited document as a decision row (found or added) and its mentions as citations;
    returns {Reference.id: decision id}."""
    ids: dict[str, int] = {}
    rows = []
    for ref in doc.references:
        decision_id = _decision_for(conn, index, ref, seen)
        ids[ref.id] = decision_id
        for m in ref.mentions:
            block = doc.blocks[m.block].text if 0 <= m.block < len(doc.blocks) else m.text
            rows.append(
                {
                    "document_id": document_id,
                    "decision_id": decision_id,
                    "sentence": sentence_around(block, m.start, m.end),
                    **_mention_values(m),
                }
            )
    if rows:
        conn.execute(citations.insert(), rows)
    return ids


def _mention_values(m) -> dict[str, Any]:
    return {"text": m.text, "block": m.block, "start": m.start, "end": m.end, "page": m.page}


def _decision_values(ref: Reference) -> dict[str, Any]:
    return {
        "doc_type": ref.doc_type,
        "number": ref.number,
        "symbol": ref.symbol,
        "issuer": ref.issuer,
        "date": ref.date,
        "subject": ref.subject,
        "year": ref.year or year_of(ref.date),
    }


def _same_decision(row: sa.RowMapping, new: dict[str, Any]) -> bool:
    """One number/symbol names different documents in different years or from different
    issuers (local offices reuse "QĐ-UBND"); unknown on either side does not tell them apart."""
    if row["year"] and new["year"] and row["year"] != new["year"]:
        return False
    return not (row["issuer"] and new["issuer"] and fold(row["issuer"]) != fold(new["issuer"]))


def _decision_for(conn: Connection, index: Index, ref: Reference, seen: str) -> int:
    new = _decision_values(ref)
    key = symbol_key(ref.id)
    for row in conn.execute(sa.select(decisions).where(decisions.c.symbol_key == key)).mappings():
        if _same_decision(row, new):
            return _update_decision(conn, index, row, new, seen)
    values = {
        **new,
        "ref": ref.id,
        "symbol_key": key,
        "number_key": number_key(ref.number),
        "first_seen": seen,
        "last_seen": seen,
    }
    decision_id = conn.execute(decisions.insert().values(**values)).inserted_primary_key[0]
    _put_decision_entry(conn, index, {**values, "id": decision_id})
    return decision_id


def _update_decision(conn: Connection, index: Index, row: sa.RowMapping, new: dict[str, Any], seen: str) -> int:
    filled = {f: new[f] for f in (*_DECISION_FIELDS, "year") if row[f] is None and new[f] is not None}
    changes = dict(filled)
    if seen < row["first_seen"]:
        changes["first_seen"] = seen
    if seen > row["last_seen"]:
        changes["last_seen"] = seen
    if changes:
        conn.execute(sa.update(decisions).where(decisions.c.id == row["id"]).values(**changes))
    if filled:
        _put_decision_entry(conn, index, {**row, **changes})
    return row["id"]


def _vn_date(iso: str | None) -> str:
    """A date the way reports write it (dd/mm/yyyy), so a query typed that way finds it."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _put_decision_entry(conn: Connection, index: Index, d: dict[str, Any]) -> None:
    type_code, issuer_code = symbol_codes(d["symbol"] or d["ref"])
    title_line = " ".join(x for x in (d["doc_type"], d["ref"]) if x)
    text = "\n".join(x for x in (title_line, d["issuer"], _vn_date(d["date"]), d["subject"]) if x)
    entry = {
        "kind": "decision",
        "label": d["ref"],
        "title": d["subject"],
        "date": d["date"],
        "text": text,
        "year": d["year"],
        "type_name": fold(d["doc_type"]) if d["doc_type"] else None,
        "type_code": type_code,
        "issuer_name": fold(d["issuer"]) if d["issuer"] else None,
        "issuer_code": issuer_code,
    }
    _put_entry(conn, index, "decision_id", d["id"], entry, index_text(text))


# --- campaigns ------------------------------------------------------------------------------


def _store_campaigns(conn: Connection, index: Index, document_id: int, doc: Document, decision_ids: dict[str, int]) -> None:
    mentions, links = [], set()
    for c in doc.campaigns:
        campaign_id = _campaign_for(conn, index, c)
        mentions.extend({"document_id": document_id, "campaign_id": campaign_id, **_mention_values(m)} for m in c.mentions)
        links.update((campaign_id, decision_ids[r]) for r in c.references if r in decision_ids)
    if mentions:
        conn.execute(campaign_mentions.insert(), mentions)
    if links:
        conn.execute(
            campaign_decisions.insert(),
            [{"campaign_id": c, "decision_id": d, "document_id": document_id} for c, d in sorted(links)],
        )


def _find_campaign(conn: Connection, keys: list[str]) -> sa.RowMapping | None:
    by_alias = sa.select(campaign_aliases.c.campaign_id).where(campaign_aliases.c.key.in_(keys))
    found = conn.execute(
        sa.select(campaigns).where(sa.or_(campaigns.c.key == keys[0], campaigns.c.id.in_(by_alias))).order_by(
            (campaigns.c.key != keys[0]), campaigns.c.id
        )
    ).mappings()
    return found.first()


def _campaign_for(conn: Connection, index: Index, c: Campaign) -> int:
    names = [c.name, *c.aliases]
    keys = [fold(n) for n in names]
    row = _find_campaign(conn, keys)
    new = {
        "launched_by": c.launched_by,
        "period_start": c.period.start if c.period else None,
        "period_end": c.period.end if c.period else None,
    }
    if row is None:
        campaign_id = conn.execute(
            campaigns.insert().values(name=c.name, key=keys[0], national=c.national, **new)
        ).inserted_primary_key[0]
        changed, canonical_key = True, keys[0]
    else:
        campaign_id, canonical_key = row["id"], row["key"]
        filled = {f: v for f, v in new.items() if row[f] is None and v is not None}
        if c.national and not row["national"]:
            filled["national"] = True
        if filled:
            conn.execute(sa.update(campaigns).where(campaigns.c.id == campaign_id).values(**filled))
        changed = bool(filled)
    known = set(conn.execute(sa.select(campaign_aliases.c.key).where(campaign_aliases.c.campaign_id == campaign_id)).scalars())
    fresh = {}
    for name, key in zip(names, keys):
        if key != canonical_key and key not in known:
            fresh.setdefault(key, name)
    if fresh:
        conn.execute(
            campaign_aliases.insert(), [{"campaign_id": campaign_id, "alias": a, "key": k} for k, a in fresh.items()]
        )
    if changed or fresh:
        _put_campaign_entry(conn, index, campaign_id)
    return campaign_id


def _put_campaign_entry(conn: Connection, index: Index, campaign_id: int) -> None:
    row = conn.execute(sa.select(campaigns).where(campaigns.c.id == campaign_id)).mappings().one()
    aliases = conn.execute(
        sa.select(campaign_aliases.c.alias).where(campaign_aliases.c.campaign_id == campaign_id).order_by(campaign_aliases.c.id)
    ).scalars()
    text = "\n".join(x for x in (row["name"], *aliases, row["launched_by"]) if x)
    entry = {
        "kind": "campaign",
        "label": row["name"],
        "title": row["launched_by"],
        "date": row["period_start"],
        "text": text,
        "year": None,
        "type_name": None,
        "type_code": None,
        "issuer_name": fold(row["launched_by"]) if row["launched_by"] else None,
        "issuer_code": None,
    }
    _put_entry(conn, index, "campaign_id", campaign_id, entry, index_text(text))


# --- figures and findings -------------------------------------------------------------------


def _store_awards(conn: Connection, document_id: int, level: list[dict[str, Any]], parent_id: int | None = None) -> None:
    """Awards as rows in JSON order, parts under their parent (one insert per nesting level)."""
    if not level:
        return
    rows = [
        {
            "document_id": document_id,
            "parent_id": parent_id,
            "position": i,
            "award": a["award"],
            "class": a["class"],
            "level": a["level"],
            "count": a["count"],
            "collectives": a["collectives"],
            "individuals": a["individuals"],
            "status": a["status"],
            "source": a["source"],
            "surface": a["text"],
            "locations": a["mentions"],
        }
        for i, a in enumerate(level)
    ]
    stmt = awards.insert().returning(awards.c.id, sort_by_parameter_order=True)
    ids = conn.execute(stmt, rows).scalars().all()
    for award_id, a in zip(ids, level):
        _store_awards(conn, document_id, a["parts"], award_id)


def _store_quantities(conn: Connection, document_id: int, doc: Document) -> None:
    rows = [
        {
            "document_id": document_id,
            "value": float(q.value),
            "unit": q.unit,
            "kind": q.kind,
            "counts": q.counts,
            "decimals": q.decimals,
            "denominator": None if q.denominator is None else float(q.denominator),
            **_mention_values(q.mention),
        }
        for q in doc.quantities
    ]
    if rows:
        conn.execute(quantities.insert(), rows)


def _store_findings(conn: Connection, document_id: int, doc: Document) -> None:
    rows = []
    for f in doc.findings:
        d = finding_dict(f)
        rows.append(
            {
                "document_id": document_id,
                "finding_id": d["id"],
                "check": d["check"],
                "severity": d["severity"],
                "message": d["message"],
                "expected": d["expected"],
                "actual": d["actual"],
                "passed": f.passed,
                "locations": d["locations"],
            }
        )
    if rows:
        conn.execute(findings.insert(), rows)


# --- search entries -------------------------------------------------------------------------


def _put_entry(conn: Connection, index: Index, owner: str, owner_id: int, entry: dict[str, Any], body: str) -> None:
    """Add or replace the search entry of one decision, campaign or report."""
    column = search_entries.c[owner]
    entry_id = conn.execute(sa.select(search_entries.c.id).where(column == owner_id)).scalar()
    if entry_id is None:
        entry_id = conn.execute(search_entries.insert().values(**entry, **{owner: owner_id})).inserted_primary_key[0]
    else:
        conn.execute(sa.update(search_entries).where(search_entries.c.id == entry_id).values(**entry))
    index.put(conn, [{"id": entry_id, "body": body}])
