"""The archive's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

One row per stored file version in `documents` (the files rendering one report share a
`report_key`); its records hang off it (`citations`, `campaign_mentions`, `awards`,
`quantities`, `findings`, `recipients`, `document_contents`) and are deleted with it. `decisions` and
`campaigns` are shared across documents: one row per distinct legal document or campaign.
`search_entries` is the searchable view (one row per decision, campaign and current report
file) with the filter keys folded; the full-text index over it is dialect-specific (see
`index.py`). The tables are created by `migrations.py`, never by `create_all` elsewhere.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
_cascade = {"ondelete": "CASCADE"}


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _document_fk(nullable: bool = False) -> sa.Column:
    return sa.Column("document_id", sa.ForeignKey("documents.id", **_cascade), nullable=nullable, index=True)


def _mention_columns() -> list[sa.Column]:
    """Where a record was read: the surface text, block, offsets and page (see model.Mention)."""
    return [
        sa.Column("text", sa.Text),
        sa.Column("block", sa.Integer),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("page", sa.Integer),
    ]


schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    _id(),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),  # the path as given
    sa.Column("path", sa.Text, nullable=False, index=True),  # absolute, the version key
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("format", sa.String(8), nullable=False),
    sa.Column("pages", sa.Integer),
    sa.Column("stage", sa.String(8), nullable=False),  # the last pipeline stage that ran
    sa.Column("doc_type", sa.Text),
    sa.Column("number", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("year", sa.Integer),
    sa.Column("issuer", sa.Text),
    sa.Column("signer", sa.Text),
    sa.Column("position", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("recipients", sa.JSON),
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10)),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    # keys.report_key: the renderings of one report share it (migration 5)
    sa.Column("report_key", sa.Text, index=True),
    # model.checks_dict of the checks carried out; NULL: stored before they were counted (migration 6)
    sa.Column("checks", sa.JSON),
    # {"pages": [...], "mean_confidence": x} when some pages were read by OCR (migration 6)
    sa.Column("ocr", sa.JSON),
    sa.UniqueConstraint("path", "version"),
)

document_contents = sa.Table(
    "document_contents",
    metadata,
    sa.Column("document_id", sa.ForeignKey("documents.id", **_cascade), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # JSON text of model.to_dict(doc, with_blocks=True)
)

decisions = sa.Table(
    "decisions",
    metadata,
    _id(),
    sa.Column("ref", sa.Text, nullable=False),  # Reference.id as first seen, e.g. "1478/QĐ-TTg"
    sa.Column("symbol_key", sa.Text, nullable=False, index=True),
    sa.Column("number_key", sa.Text, index=True),
    sa.Column("doc_type", sa.Text),
    sa.Column("number", sa.Text),
    sa.Column("year", sa.Integer),
    sa.Column("symbol", sa.Text),
    sa.Column("issuer", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("subject", sa.Text),
    sa.Column("first_seen", sa.String(10), nullable=False),
    sa.Column("last_seen", sa.String(10), nullable=False),
)

citations = sa.Table(
    "citations",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("decision_id", sa.ForeignKey("decisions.id"), nullable=False, index=True),
    sa.Column("sentence", sa.Text),
    *_mention_columns(),
)

campaigns = sa.Table(
    "campaigns",
    metadata,
    _id(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("launched_by", sa.Text),
    sa.Column("national", sa.Boolean, nullable=False, default=False),
    sa.Column("period_start", sa.String(10)),
    sa.Column("period_end", sa.String(10)),
)

campaign_aliases = sa.Table(
    "campaign_aliases",
    metadata,
    _id(),
    sa.Column("campaign_id", sa.ForeignKey("campaigns.id"), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False, index=True),
    sa.UniqueConstraint("campaign_id", "key"),
)

campaign_mentions = sa.Table(
    "campaign_mentions",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("campaign_id", sa.ForeignKey("campaigns.id"), nullable=False, index=True),
    *_mention_columns(),
)

campaign_decisions = sa.Table(
    "campaign_decisions",
    metadata,
    sa.Column("campaign_id", sa.ForeignKey("campaigns.id"), primary_key=True),
    sa.Column("decision_id", sa.ForeignKey("decisions.id"), primary_key=True),
    sa.Column("document_id", sa.ForeignKey("documents.id", **_cascade), primary_key=True),
)

awards = sa.Table(
    "awards",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("parent_id", sa.ForeignKey("awards.id", **_cascade)),
    sa.Column("position", sa.Integer, nullable=False),  # order within the document
    sa.Column("award", sa.Text, nullable=False),
    sa.Column("class", sa.Text),
    sa.Column("level", sa.String(20)),
    sa.Column("count", sa.Integer),
    sa.Column("collectives", sa.Integer),
    sa.Column("individuals", sa.Integer),
    sa.Column("status", sa.Text),
    sa.Column("source", sa.String(5), nullable=False),  # text | table
    sa.Column("surface", sa.Text),
    sa.Column("locations", sa.JSON, nullable=False),
)

quantities = sa.Table(
    "quantities",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.Text),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("counts", sa.Text),
    sa.Column("decimals", sa.Integer, nullable=False),
    sa.Column("denominator", sa.Float),
    *_mention_columns(),
)

findings = sa.Table(
    "findings",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("finding_id", sa.Text, nullable=False),
    sa.Column("check", sa.Text, nullable=False),
    sa.Column("severity", sa.String(8), nullable=False),
    sa.Column("message", sa.Text, nullable=False),  # as first rendered (Vietnamese); views render key + params
    sa.Column("key", sa.Text),  # data/messages.json key (migration 6)
    sa.Column("params", sa.JSON),  # its parameters: the report's own words and figures
    sa.Column("expected", sa.JSON),
    sa.Column("actual", sa.JSON),
    sa.Column("passed", sa.Boolean, nullable=False),
    sa.Column("locations", sa.JSON, nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    _id(),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("sha256", sa.String(64)),
    sa.Column("error_key", sa.Text, nullable=False),  # a data/messages.json key
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
)

search_entries = sa.Table(
    "search_entries",
    metadata,
    _id(),
    sa.Column("kind", sa.String(10), nullable=False),  # decision | campaign | report
    sa.Column("decision_id", sa.ForeignKey("decisions.id"), unique=True),
    sa.Column("campaign_id", sa.ForeignKey("campaigns.id"), unique=True),
    sa.Column("document_id", sa.ForeignKey("documents.id", **_cascade), unique=True),
    sa.Column("label", sa.Text, nullable=False),  # what a result line names
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("text", sa.Text, nullable=False),  # the searchable text, as written
    # Filter keys, folded: doc-type name and code ("quyet dinh", "qd"), issuer name and code.
    sa.Column("year", sa.Integer, index=True),
    sa.Column("type_name", sa.Text, index=True),
    sa.Column("type_code", sa.Text, index=True),
    sa.Column("issuer_name", sa.Text),
    sa.Column("issuer_code", sa.Text, index=True),
)

# --- the web application's tables (migration 7): accounts, sessions, audit, reviews, uploads ---

users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("role", sa.String(10), nullable=False),  # admin | reviewer | viewer
    sa.Column("password_hash", sa.Text, nullable=False),  # argon2id, with its own salt
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the cookie's token
    sa.Column("user_id", sa.ForeignKey("users.id", **_cascade), nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "audit",
    metadata,
    _id(),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.Text, nullable=False),  # a user name (kept when the user is removed) or "cli:<login>"
    sa.Column("action", sa.String(20), nullable=False),  # upload | review | user.add | user.remove | ...
    sa.Column("target", sa.Text),
    sa.Column("detail", sa.JSON),
)

uploads = sa.Table(
    "uploads",
    metadata,
    _id(),
    sa.Column("filename", sa.Text, nullable=False),  # as the browser sent it: shown, never a path
    sa.Column("stored", sa.Text, nullable=False),  # the stored file's name: "<id><known suffix>"
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("uploaded_by", sa.Text, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),  # queued | processing | done | failed
    sa.Column("error_key", sa.Text),  # a data/messages.json key, with its detail
    sa.Column("error_detail", sa.Text),
    sa.Column("document_id", sa.ForeignKey("documents.id", ondelete="SET NULL"), index=True),
    sa.Column("result", sa.Text),  # JSON text of `check --format json` for the file
    sa.Column("errors", sa.Integer),
    sa.Column("warnings", sa.Integer),
    sa.Column("infos", sa.Integer),
    sa.Column("checks", sa.Integer),  # checks carried out, passed ones included
    sa.Column("layout", sa.Text),  # JSON: each table's `after_block`, to place it among the blocks
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
)

reviews = sa.Table(
    "reviews",
    metadata,
    _id(),
    sa.Column("finding_row", sa.ForeignKey("findings.id", **_cascade), nullable=False, unique=True),
    sa.Column("verdict", sa.String(10), nullable=False),  # confirmed | dismissed
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
)

WEB_TABLES = [users, sessions, audit, uploads, reviews]

# Who received what (migration 8): one row per listed recipient of a stored file.
recipients = sa.Table(
    "recipients",
    metadata,
    _id(),
    _document_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),  # order within the document
    sa.Column("list_index", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),  # as written (NFC)
    sa.Column("name_key", sa.Text, nullable=False, index=True),  # folded (vn.normalize.fold)
    sa.Column("kind", sa.String(10), nullable=False),  # collective | individual
    sa.Column("position", sa.Text),
    sa.Column("unit", sa.Text),
    sa.Column("unit_key", sa.Text),
    sa.Column("award", sa.Text),
    sa.Column("class", sa.Text),
    sa.Column("decision", sa.Text),  # number of the decision or proposal the list belongs to
    sa.Column("doc_type", sa.Text),
    sa.Column("group_label", sa.Text),
    sa.Column("page", sa.Integer),
    sa.Column("location", sa.JSON, nullable=False),
)

# Tables created by a later migration than the first (see migrations.py).
LATER_TABLES = {**{t.name: 7 for t in WEB_TABLES}, "recipients": 8}
BASE_TABLES = [t for t in metadata.sorted_tables if t is not schema_version and t.name not in LATER_TABLES]
