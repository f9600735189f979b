"""Writing one processed report into the archive, in the caller's single transaction.

`prepare` turns a `Document` into the rows it will be stored as (JSON text, searchable text and
its folded index copy, citing sentences, award trees, ...): pure CPU work that runs in the
ingest workers. `write` runs in the one writing process and only talks to the database, in a few
batched statements. A report whose sha256 is already stored is left alone; a known path with new
content becomes a new version and the old one stops being current.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Campaign, Document, Mention, Reference, Table, checks_dict, finding_dict, to_dict
from ..vn.normalize import fold
from .index import SearchIndex
from ..vn.sentences import sentence_around
from .keys import index_text, number_key, report_key, symbol_codes, symbol_key
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
    recipients,
    search_entries,
)

Outcome = Literal["ingested", "unchanged"]
# Decision fields a later citation may fill in when the earlier ones left them empty; a change
# to them changes the decision's search entry.
_DECISION_FIELDS = ("doc_type", "number", "symbol", "issuer", "date", "subject", "year")


@dataclass(slots=True)
class CitedDecision:
    ref_id: str  # Reference.id, as campaigns refer to it
    key: str  # symbol_key(ref_id)
    values: dict[str, Any]  # the _DECISION_FIELDS this citation gives
    citations: list[dict[str, Any]]  # one row per mention, with its sentence


@dataclass(slots=True)
class NamedCampaign:
    names: list[str]  # the name, then its aliases
    values: dict[str, Any]  # launched_by, period_start, period_end
    national: bool
    mentions: list[dict[str, Any]]
    references: list[str]

    @property
    def keys(self) -> list[str]:
        return [fold(n) for n in self.names]


@dataclass(slots=True)
class Prepared:
    """A report as rows, ready to be written."""

    sha256: str
    path: str  # absolute path: the key that tells versions of one file apart
    stage: str  # the last pipeline stage that ran: parse | extract | check
    document: dict[str, Any]  # the other `documents` values read from the file
    data: str  # JSON text of model.to_dict(doc, with_blocks=True)
    entry: dict[str, Any]  # the report's search entry, with its text
    body: str  # the folded copy of that text SQLite indexes (PostgreSQL folds the text itself)
    decisions: list[CitedDecision]
    campaigns: list[NamedCampaign]
    awards: list[dict[str, Any]]  # model.award_dict trees
    quantities: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    recipients: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Stored:
    outcome: Outcome
    document_id: int


# --- prepare (no database) ------------------------------------------------------------------


def prepare(doc: Document, path: str, stage: str) -> Prepared:
    text = report_text(doc)
    data = to_dict(doc, with_blocks=True)
    return Prepared(
        sha256=doc.sha256,
        path=path,
        stage=stage,
        document=_document_values(doc),
        data=json.dumps(data, ensure_ascii=False),
        entry=_report_entry(doc, text),
        body=index_text(text),
        decisions=[_cited(doc, r) for r in doc.references],
        campaigns=[_named(c) for c in doc.campaigns],
        awards=data["awards"],
        quantities=[_quantity_row(q) for q in doc.quantities],
        findings=[_finding_row(f) for f in doc.findings],
        recipients=[_recipient_row(i, r) for i, r in enumerate(data["recipients"])],
    )


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


def ocr_summary(ocr: dict[str, Any] | None) -> dict[str, Any] | None:
    """What `documents.ocr` keeps of a document's OCR record: its pages and mean confidence."""
    if not ocr:
        return None
    return {"pages": list(ocr["pages"]), "mean_confidence": ocr["mean_confidence"]}


def _document_values(doc: Document) -> dict[str, Any]:
    m = doc.metadata
    return {
        "checks": None if doc.checks is None else checks_dict(doc.checks),
        "ocr": ocr_summary(None if doc.ocr is None else {"pages": doc.ocr.pages,
                                                          "mean_confidence": doc.ocr.mean_confidence}),
        "source": doc.source,
        "format": doc.format,
        "pages": doc.pages,
        "doc_type": m.doc_type,
        "number": m.number,
        "date": m.date,
        "year": year_of(m.date),
        "issuer": m.issuer,
        "signer": m.signer,
        "position": m.position,
        "title": m.title,
        "recipients": list(m.recipients),
        "period_start": m.period.start if m.period else None,
        "period_end": m.period.end if m.period else None,
        "report_key": report_key(m.doc_type, m.number, m.issuer, m.date),
    }


def _report_entry(doc: Document, text: str) -> dict[str, Any]:
    m = doc.metadata
    type_code, issuer_code = symbol_codes(m.number)
    return {
        "kind": "report",
        "label": m.number or doc.source,
        "title": m.title,
        "date": m.date,
        "text": text,
        "year": year_of(m.date),
        "type_name": fold(m.doc_type) if m.doc_type else None,
        "type_code": type_code,
        "issuer_name": fold(m.issuer) if m.issuer else None,
        "issuer_code": issuer_code,
    }


def _mention_values(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "block": m.block, "start": m.start, "end": m.end, "page": m.page}


def _cited(doc: Document, ref: Reference) -> CitedDecision:
    rows = []
    for m in ref.mentions:
        block = doc.blocks[m.block].text if 0 <= m.block < len(doc.blocks) else m.text
        rows.append({"sentence": sentence_around(block, m.start, m.end), **_mention_values(m)})
    values = {
        "doc_type": ref.doc_type,
        "number": ref.number,
        "symbol": ref.symbol,
        "issuer": ref.issuer,
        "date": ref.date,
        "subject": ref.subject,
        "year": ref.year or year_of(ref.date),
    }
    return CitedDecision(ref.id, symbol_key(ref.id), values, rows)


def _named(c: Campaign) -> NamedCampaign:
    values = {
        "launched_by": c.launched_by,
        "period_start": c.period.start if c.period else None,
        "period_end": c.period.end if c.period else None,
    }
    return NamedCampaign(
        [c.name, *c.aliases], values, c.national, [_mention_values(m) for m in c.mentions], list(c.references)
    )


def _quantity_row(q) -> dict[str, Any]:
    return {
        "value": float(q.value),
        "unit": q.unit,
        "kind": q.kind,
        "counts": q.counts,
        "decimals": q.decimals,
        "denominator": None if q.denominator is None else float(q.denominator),
        **_mention_values(q.mention),
    }


def _finding_row(f) -> dict[str, Any]:
    d = finding_dict(f)
    return {
        "finding_id": d["id"],
        "check": d["check"],
        "severity": d["severity"],
        "message": d["message"],
        "key": d["key"],
        "params": d["params"],
        "expected": d["expected"],
        "actual": d["actual"],
        "passed": f.passed,
        "locations": d["locations"],
    }


# --- write (one transaction, the caller's) --------------------------------------------------


def write(conn: Connection, index: SearchIndex, p: Prepared, now: dt.datetime) -> Stored:
    known = conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == p.sha256)).scalar()
    if known is not None:
        return Stored("unchanged", known)
    document_id = _insert_document(conn, index, p, now)
    seen = p.document["date"] or now.date().isoformat()
    decision_ids = _store_decisions(conn, index, document_id, p.decisions, seen)
    _store_campaigns(conn, index, document_id, p.campaigns, decision_ids)
    _store_awards(conn, document_id, p.awards)
    _insert_rows(conn, quantities, document_id, p.quantities)
    _insert_rows(conn, findings, document_id, p.findings)
    _insert_rows(conn, recipients, document_id, p.recipients)
    _add_entries(conn, index, [{**p.entry, "document_id": document_id}], [p.body])
    conn.execute(sa.delete(failures).where(failures.c.path == p.path))
    return Stored("ingested", document_id)


def _insert_rows(conn: Connection, table: sa.Table, document_id: int, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), [{**r, "document_id": document_id} for r in rows])


def _insert_returning_ids(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, rows).scalars())


def _insert_document(conn: Connection, index: SearchIndex, p: Prepared, now: dt.datetime) -> int:
    previous = conn.execute(
        sa.select(sa.func.max(documents.c.version)).where(documents.c.path == p.path)
    ).scalar()
    if previous is not None:
        _retire_versions(conn, index, p.path)
    values = {
        **p.document,
        "sha256": p.sha256,
        "path": p.path,
        "version": (previous or 0) + 1,
        "current": True,
        "stage": p.stage,
        "ingested_at": now,
    }
    document_id = conn.execute(documents.insert().values(**values)).inserted_primary_key[0]
    conn.execute(document_contents.insert().values(document_id=document_id, data=p.data))
    return document_id


def _retire_versions(conn: Connection, index: SearchIndex, path: str) -> None:
    """Older versions of a file stay stored but leave the search."""
    old = sa.select(documents.c.id).where(documents.c.path == path, documents.c.current.is_(True))
    entries = (
        conn.execute(sa.select(search_entries.c.id).where(search_entries.c.document_id.in_(old)))
        .scalars()
        .all()
    )
    index.drop(conn, list(entries))
    conn.execute(sa.delete(search_entries).where(search_entries.c.id.in_(entries)))
    conn.execute(sa.update(documents).where(documents.c.path == path).values(current=False))


# --- decisions and citations ----------------------------------------------------------------


def _same_decision(row: dict[str, Any], new: dict[str, Any]) -> bool:
    """One number/symbol names different documents in different years or from different
    issuers (local offices reuse "QĐ-UBND"); unknown on either side does not tell them apart."""
    if row["year"] and new["year"] and row["year"] != new["year"]:
        return False
    return not (row["issuer"] and new["issuer"] and fold(row["issuer"]) != fold(new["issuer"]))


def _store_decisions(
    conn: Connection, index: SearchIndex, document_id: int, cited: list[CitedDecision], seen: str
) -> dict[str, int]:
    """Find or add the decision of every citation, fill in what it newly tells, add the
    citations; returns {Reference.id: decision id}."""
    if not cited:
        return {}
    candidates: dict[str, list[dict[str, Any]]] = {}
    stmt = sa.select(decisions).where(decisions.c.symbol_key.in_(sorted({c.key for c in cited})))
    for row in conn.execute(stmt).mappings():
        candidates.setdefault(row["symbol_key"], []).append(dict(row))
    new: list[dict[str, Any]] = []
    changed: dict[int, dict[str, Any]] = {}  # existing decision id -> its changed columns
    reindex: set[int] = set()
    matched = []
    for c in cited:
        row = next((r for r in candidates.get(c.key, []) if _same_decision(r, c.values)), None)
        if row is None:
            row = {
                **c.values,
                "id": None,
                "ref": c.ref_id,
                "symbol_key": c.key,
                "number_key": number_key(c.values["number"]),
                "first_seen": seen,
                "last_seen": seen,
            }
            candidates.setdefault(c.key, []).append(row)
            new.append(row)
        else:
            changes = _merge_decision(row, c.values, seen)
            if changes and row["id"] is not None:
                changed.setdefault(row["id"], {}).update(changes)
                if changes.keys() & set(_DECISION_FIELDS):
                    reindex.add(row["id"])
        matched.append(row)
    if new:
        ids = _insert_returning_ids(conn, decisions, [{k: v for k, v in r.items() if k != "id"} for r in new])
        for row, decision_id in zip(new, ids):
            row["id"] = decision_id
        _add_entries(conn, index, *zip(*(_decision_entry(r) for r in new)))
    _update_decisions(conn, [row for row in matched if row["id"] in changed], changed)
    for row in matched:
        if row["id"] in reindex:
            reindex.discard(row["id"])
            _replace_entry(conn, index, "decision_id", row["id"], *_decision_entry(row))
    rows = [
        {"document_id": document_id, "decision_id": row["id"], **cit}
        for c, row in zip(cited, matched)
        for cit in c.citations
    ]
    if rows:
        conn.execute(citations.insert(), rows)
    return {c.ref_id: row["id"] for c, row in zip(cited, matched)}


def _update_decisions(
    conn: Connection, rows: list[dict[str, Any]], changed: dict[int, dict[str, Any]]
) -> None:
    """Write the changes: first/last seen of every changed row in one batch, filled-in fields
    (rarer) row by row."""
    seen = {
        row["id"]: {"_id": row["id"], "first": row["first_seen"], "last": row["last_seen"]} for row in rows
    }
    if seen:
        stmt = sa.update(decisions).where(decisions.c.id == sa.bindparam("_id"))
        conn.execute(
            stmt.values(first_seen=sa.bindparam("first"), last_seen=sa.bindparam("last")), list(seen.values())
        )
    for decision_id, changes in changed.items():
        filled = {k: v for k, v in changes.items() if k in _DECISION_FIELDS}
        if filled:
            conn.execute(sa.update(decisions).where(decisions.c.id == decision_id).values(**filled))


def _merge_decision(row: dict[str, Any], new: dict[str, Any], seen: str) -> dict[str, Any]:
    """Fill `row`'s empty fields from `new` and widen its first/last seen; returns the changes."""
    changes = {f: new[f] for f in _DECISION_FIELDS if row[f] is None and new[f] is not None}
    if seen < row["first_seen"]:
        changes["first_seen"] = seen
    if seen > row["last_seen"]:
        changes["last_seen"] = seen
    row.update(changes)
    return changes


def _vn_date(iso: str | None) -> str:
    """A date the way reports write it (dd/mm/yyyy), so a query typed that way finds it."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _decision_entry(d: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """(search entry, folded body) of a decision row."""
    type_code, issuer_code = symbol_codes(d["symbol"] or d["ref"])
    title_line = " ".join(x for x in (d["doc_type"], d["ref"]) if x)
    text = "\n".join(x for x in (title_line, d["issuer"], _vn_date(d["date"]), d["subject"]) if x)
    entry = {
        "kind": "decision",
        "decision_id": d["id"],
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
    return entry, index_text(text)


# --- campaigns ------------------------------------------------------------------------------


def _find_campaign(conn: Connection, keys: list[str]) -> sa.RowMapping | None:
    by_alias = sa.select(campaign_aliases.c.campaign_id).where(campaign_aliases.c.key.in_(keys))
    stmt = (
        sa.select(campaigns)
        .where(sa.or_(campaigns.c.key == keys[0], campaigns.c.id.in_(by_alias)))
        .order_by(campaigns.c.key != keys[0], campaigns.c.id)
    )
    return conn.execute(stmt).mappings().first()


def _store_campaigns(
    conn: Connection,
    index: SearchIndex,
    document_id: int,
    named: list[NamedCampaign],
    decision_ids: dict[str, int],
) -> None:
    mentions, links = [], set()
    for c in named:
        campaign_id = _campaign_for(conn, index, c)
        mentions += [{**m, "campaign_id": campaign_id} for m in c.mentions]
        links.update((campaign_id, decision_ids[r]) for r in c.references if r in decision_ids)
    _insert_rows(conn, campaign_mentions, document_id, mentions)
    _insert_rows(
        conn,
        campaign_decisions,
        document_id,
        [{"campaign_id": c, "decision_id": d} for c, d in sorted(links)],
    )


def _campaign_for(conn: Connection, index: SearchIndex, c: NamedCampaign) -> int:
    """The campaign `c` names (found by name or alias, else added), its new aliases and
    empty fields filled in."""
    keys = c.keys
    row = _find_campaign(conn, keys)
    if row is None:
        campaign_id = conn.execute(
            campaigns.insert().values(name=c.names[0], key=keys[0], national=c.national, **c.values)
        ).inserted_primary_key[0]
        changed, canonical_key = True, keys[0]
    else:
        campaign_id, canonical_key = row["id"], row["key"]
        filled = {f: v for f, v in c.values.items() if row[f] is None and v is not None}
        if c.national and not row["national"]:
            filled["national"] = True
        if filled:
            conn.execute(sa.update(campaigns).where(campaigns.c.id == campaign_id).values(**filled))
        changed = bool(filled)
    known = set(
        conn.execute(
            sa.select(campaign_aliases.c.key).where(campaign_aliases.c.campaign_id == campaign_id)
        ).scalars()
    )
    fresh: dict[str, str] = {}
    for name, key in zip(c.names, keys):
        if key != canonical_key and key not in known:
            fresh.setdefault(key, name)
    if fresh:
        conn.execute(
            campaign_aliases.insert(),
            [{"campaign_id": campaign_id, "alias": a, "key": k} for k, a in fresh.items()],
        )
    if changed or fresh:
        _replace_entry(conn, index, "campaign_id", campaign_id, *_campaign_entry(conn, campaign_id))
    return campaign_id


def _campaign_entry(conn: Connection, campaign_id: int) -> tuple[dict[str, Any], str]:
    row = conn.execute(sa.select(campaigns).where(campaigns.c.id == campaign_id)).mappings().one()
    aliases = conn.execute(
        sa.select(campaign_aliases.c.alias)
        .where(campaign_aliases.c.campaign_id == campaign_id)
        .order_by(campaign_aliases.c.id)
    ).scalars()
    text = "\n".join(x for x in (row["name"], *aliases, row["launched_by"]) if x)
    entry = {
        "kind": "campaign",
        "campaign_id": campaign_id,
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
    return entry, index_text(text)


def _recipient_row(ordinal: int, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "ordinal": ordinal,
        "list_index": r["list"],
        "name": r["name"],
        "name_key": r["key"],
        "kind": r["kind"],
        "position": r["position"],
        "unit": r["unit"],
        "unit_key": fold(r["unit"]) if r["unit"] else None,
        "award": r["award"],
        "class": r["class"],
        "decision": r["decision"],
        "doc_type": r["doc_type"],
        "group_label": r["group"],
        "page": r["page"],
        "location": r["location"],
    }


# --- awards ---------------------------------------------------------------------------------


def _store_awards(conn: Connection, document_id: int, tree: list[dict[str, Any]]) -> None:
    """Awards in JSON order, parts under their parent: per nesting level one batched insert,
    then one select for the new ids (an ordered RETURNING is row by row on SQLite)."""
    a = awards.c
    level = [(None, i, award) for i, award in enumerate(tree)]
    while level:
        conn.execute(
            awards.insert(), [_award_row(document_id, parent_id, i, award) for parent_id, i, award in level]
        )
        parents = sorted({parent_id for parent_id, _, _ in level if parent_id is not None})
        under = a.parent_id.in_(parents) if parents else a.parent_id.is_(None)
        stmt = sa.select(a.parent_id, a.position, a.id).where(a.document_id == document_id, under)
        ids = {(parent_id, position): award_id for parent_id, position, award_id in conn.execute(stmt)}
        level = [
            (ids[parent_id, i], j, part)
            for parent_id, i, award in level
            for j, part in enumerate(award["parts"])
        ]


def _award_row(document_id: int, parent_id: int | None, position: int, a: dict[str, Any]) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "parent_id": parent_id,
        "position": position,
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


# --- search entries -------------------------------------------------------------------------


def _add_entries(
    conn: Connection, index: SearchIndex, entries: Iterable[dict[str, Any]], bodies: Iterable[str]
) -> None:
    ids = _insert_returning_ids(conn, search_entries, list(entries))
    index.add(conn, [{"id": i, "body": b} for i, b in zip(ids, bodies)])


def _replace_entry(
    conn: Connection, index: SearchIndex, owner: str, owner_id: int, entry: dict[str, Any], body: str
) -> None:
    """Replace the search entry of one decision or campaign (or add it)."""
    entry_id = conn.execute(
        sa.select(search_entries.c.id).where(search_entries.c[owner] == owner_id)
    ).scalar()
    if entry_id is None:
        _add_entries(conn, index, [entry], [body])
        return
    conn.execute(sa.update(search_entries).where(search_entries.c.id == entry_id).values(**entry))
    index.put(conn, [{"id": entry_id, "body": body}])
