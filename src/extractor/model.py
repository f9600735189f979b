"""The one document model every stage takes and returns.

A parser turns a file into a `Document` of `Block`s and `Table`s; the NLP stage adds
`Reference`, `Campaign`, `Award`, `Quantity` and `Recipient` records; the reconciler adds `Finding`s; the
archive stores the whole. Every record points back to where it was read: a `Mention` (block
index and character offsets into that block's text, plus the page) or a `CellRef` (table,
body row, column).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Union

from .vn.numbers import Number, parse_cell_number

SCHEMA = "extractor/1"

BlockKind = Literal["heading", "paragraph", "list_item"]
Format = Literal["pdf", "docx", "doc", "xlsx", "xls", "md", "txt"]
Severity = Literal["error", "warning", "info"]
AwardLevel = Literal["state", "ministry_province", "grassroots"]


@dataclass(slots=True)
class Mention:
    """A stretch of a block's text: `text == document.blocks[block].text[start:end]`."""

    text: str
    block: int
    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class CellRef:
    """A body cell of a table: `document.tables[table].rows[row][col]`; for a table read from a
    spreadsheet also the sheet and the sheet's own row and column (1-based, as Excel counts)."""

    table: int
    row: int
    col: int
    text: str
    sheet: str | None = None
    sheet_row: int | None = None
    sheet_col: int | None = None


Location = Union[Mention, CellRef]


@dataclass(slots=True)
class Block:
    """A heading, paragraph or list item, in reading order.

    `marker` is the report's own numbering or bullet as written ("Phần I", "II.", "2.1.", "a)",
    "-", "+"); it stays at the start of `text`. `level` is 1 for the top heading level and grows
    inward; list items carry the level of the list nesting (1 for "-", 2 for "+").
    """

    index: int
    kind: BlockKind
    text: str
    level: int = 0
    page: int | None = None
    marker: str | None = None
    style: str | None = None
    bold: bool = False


@dataclass(slots=True)
class Cell:
    """One cell of a table grid. A merged cell appears once at its top-left position with its
    span; the positions it covers hold copies with `spanned=True` so the grid stays rectangular.
    `number` is the figure it prints, parsed once (value, printed decimals, surface; None for
    words and none-marks); `value` is its value."""

    row: int
    col: int
    text: str
    value: float | int | None = None
    rowspan: int = 1
    colspan: int = 1
    spanned: bool = False
    bold: bool = False
    page: int | None = None
    number: Number | None = None

    def __post_init__(self) -> None:
        if self.number is None:
            self.number = parse_cell_number(self.text)
        if self.value is None and self.number is not None:
            self.value = self.number.value


@dataclass(slots=True)
class Table:
    """A table with its header grid (one or more rows of strings) and body rows of `Cell`s.

    `after_block` is the index of the last block before the table in reading order (-1 when the
    table comes first), so blocks and tables can be interleaved again. A table read from a
    spreadsheet names its `sheet` and the sheet row of each body row (`sheet_rows`) and the
    sheet column of each grid column (`sheet_cols`), 1-based as Excel counts.
    """

    index: int
    title: str | None
    pages: list[int]
    header: list[list[str]]
    rows: list[list[Cell]]
    after_block: int = -1
    key_row: int | None = None  # the header row that numbers the columns ("1 2 3", "(4)=(5)+(6)")
    sheet: str | None = None
    sheet_rows: list[int] = field(default_factory=list)
    sheet_cols: list[int] = field(default_factory=list)

    def ref(self, row: int, col: int) -> "CellRef":
        """Where body cell (row, col) was read, with its sheet position when there is one."""
        ref = CellRef(table=self.index, row=row, col=col, text=self.rows[row][col].text)
        if self.sheet is not None and row < len(self.sheet_rows) and col < len(self.sheet_cols):
            ref.sheet, ref.sheet_row, ref.sheet_col = self.sheet, self.sheet_rows[row], self.sheet_cols[col]
        return ref

    @property
    def n_cols(self) -> int:
        widths = [len(r) for r in self.header] + [len(r) for r in self.rows]
        return max(widths, default=0)

    def column_labels(self) -> list[str]:
        """One label per column: the header rows of that column joined top-down, spans repeated."""
        labels = []
        named = [row for i, row in enumerate(self.header) if i != self.key_row]
        for col in range(self.n_cols):
            parts: list[str] = []
            for row in named:
                text = row[col] if col < len(row) else ""
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            labels.append(" / ".join(parts))
        return labels

    def column_keys(self) -> list[str]:
        """The key row's text per column ("" where it numbers none; all "" without a key row)."""
        if self.key_row is None:
            return [""] * self.n_cols
        row = self.header[self.key_row]
        return [row[c] if c < len(row) else "" for c in range(self.n_cols)]


@dataclass(slots=True)
class Period:
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Metadata:
    """What the document says about itself (header block, signature, annex caption)."""

    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    signer: str | None = None
    position: str | None = None
    title: str | None = None
    recipients: list[str] = field(default_factory=list)
    period: Period | None = None


@dataclass(slots=True)
class Reference:
    """One distinct cited document (a legal or Party document, or a named law without number)."""

    id: str
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Campaign:
    """One distinct emulation campaign (phong trào / đợt thi đua), variants merged under `name`."""

    name: str
    launched_by: str | None = None
    period: Period | None = None
    references: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    national: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Quantity:
    """A figure with its unit and what it counts. `value` is the number the text means
    (`3.831` -> 3831, `20,2%` -> 20.2); `decimals` is how many decimals were printed; `number`
    the parsed figure itself, whose surface is where the number ends inside `text`."""

    value: float | int
    unit: str | None
    text: str
    mention: Mention
    kind: str = "count"  # count | percent | ratio | money | other
    counts: str | None = None
    decimals: int = 0
    denominator: float | int | None = None
    number: Number | None = None  # the figure as parsed once (value, decimals, its own surface)


@dataclass(slots=True)
class Award:
    """A stated count of one award (or award group), optionally split by recipients."""

    award: str
    count: int | None
    class_: str | None = None
    level: AwardLevel | None = None
    collectives: int | None = None
    individuals: int | None = None
    status: str | None = None
    source: Literal["text", "table"] = "text"
    mentions: list[Location] = field(default_factory=list)
    parts: list["Award"] = field(default_factory=list)
    surface: str | None = None


RecipientKind = Literal["collective", "individual"]


@dataclass(slots=True)
class Recipient:
    """One unit or person on an award list. `name` is as written (NFC, without "Ông"/"Bà", the
    numbering and closing punctuation); `key` is its folded form for matching; `decision` the
    number of the decision or proposal the list belongs to (None when it is left blank)."""

    name: str
    key: str
    kind: RecipientKind
    location: Location
    position: str | None = None
    unit: str | None = None
    award: str | None = None
    class_: str | None = None
    decision: str | None = None
    doc_type: str | None = None
    group: str | None = None  # the heading it is listed under ("Quận Đống Đa")
    list: int = 0  # index into Document.recipient_lists

    @property
    def page(self) -> int | None:
        return getattr(self.location, "page", None)


@dataclass(slots=True)
class RecipientHeading:
    """A heading of a recipient list with the count it states ("Quận Đống Đa: 05", "a) Tập thể:
    15"): `stated` per kind (None for "any kind"), `items` the recipient indices under it.
    `complete` is False when a block under it could not be read as an item or a heading."""

    label: str
    stated: dict[str, int]
    mention: Mention
    items: list[int] = field(default_factory=list)
    complete: bool = True


@dataclass(slots=True)
class RecipientList:
    """A list of recipients (a text list or a list table) and its headings."""

    index: int
    title: Mention | None
    source: Literal["text", "table"]
    complete: bool
    items: list[int] = field(default_factory=list)
    groups: list[RecipientHeading] = field(default_factory=list)


@dataclass(slots=True)
class RecipientCount:
    """A count of award recipients in a block: "04 tập thể", "sáu đơn vị, cá nhân", "21/23 cá
    nhân" (the numerator), "07 đ/c". `role`: collective | individual | family | mixed (several
    kinds under one count) | case ("trường hợp")."""

    start: int
    number_end: int
    end: int
    value: int
    role: str


@dataclass(slots=True)
class RecipientGroup:
    """Recipient counts read together ("cho 04 tập thể (...) và 16 cá nhân"), with the word that
    links them to what they received ("cho", "đối với", ":", "(") or "" when none is written."""

    link: str
    link_start: int
    members: list[RecipientCount]

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end


@dataclass(slots=True)
class ListCue:
    """A word opening a breakdown ("gồm", "cụ thể:", "trong đó"); `exhaustive` is False for
    "trong đó có" (the parts may be a selection)."""

    start: int
    end: int
    exhaustive: bool


@dataclass(slots=True)
class Structure:
    """How one block's text is built, read once in the NLP stage (`nlp.structure`) and read by
    the award extractor and the reconciler alike: bracket depth before each character, bracket
    pairs (open, close positions; close = len(text) when never closed), sentences (never cut
    inside a bracket or a number), clauses (sentences cut after ";"), list cues and recipient
    groups."""

    block: int
    depth: list[int]
    brackets: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    clauses: list[tuple[int, int]]
    cues: list[ListCue]
    groups: list[RecipientGroup]

    def recipient_at(self, pos: int) -> RecipientCount | None:
        return next((r for g in self.groups for r in g.members if r.start == pos), None)

    def group_at(self, pos: int) -> RecipientGroup | None:
        """The group whose first count starts at `pos`."""
        return next((g for g in self.groups if g.start == pos), None)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.clauses if a <= pos < b), (pos, pos))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.sentences if a <= pos < b), (pos, pos))

    def closing(self, open_pos: int) -> int | None:
        """Where the bracket opened at `open_pos` closes."""
        return next((close for start, close in self.brackets if start == open_pos), None)


@dataclass(slots=True)
class Finding:
    """A check's verdict. Its sentence is data: a `data/messages.json` key and the parameters
    (the report's own words and figures), rendered in the reader's language by `i18n.finding_message`.
    `review`: a figure of it was read by OCR with low confidence, so the original must be looked at."""

    id: str
    check: str
    severity: Severity
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    expected: Any = None
    actual: Any = None
    locations: list[Location] = field(default_factory=list)
    passed: bool = False
    review: bool = False

    @property
    def message(self) -> str:
        """The sentence in the default language (Vietnamese)."""
        from .i18n import finding_message

        return finding_message(self)


@dataclass(slots=True)
class OcrCorrection:
    """A word OCR misread and the parser corrected (a letter read for a digit in a number)."""

    page: int
    raw: str
    text: str


@dataclass(slots=True)
class GlyphRepair:
    """A word whose text layer held a look-alike character (`data/glyphs.json`), as the file
    gave it (`raw`) and as stored (`text`)."""

    page: int | None
    raw: str
    text: str


@dataclass(slots=True)
class PageReading:
    """How one page of a PDF read by OCR in part was read: `source` "ocr" or "text" (its text
    layer), why OCR was used ("no text layer", "garbage text layer"), the mean word confidence of
    its OCR (0-100), the turn (degrees clockwise) and the deskew angle applied before OCR."""

    page: int
    source: str
    reason: str | None = None
    words: int = 0
    mean_confidence: float | None = None
    rotation: int = 0
    skew: float = 0.0


@dataclass(slots=True)
class UncertainWord:
    """A word holding digits that OCR read with low confidence (a handwritten number or day, a
    figure under a stamp): kept as read, not guessed, and named here."""

    page: int
    text: str
    confidence: float


@dataclass(slots=True)
class OcrInfo:
    """Pages whose text was read from an image by OCR: its figures may be misread.

    `mean_confidence` is the engine's word confidence (0-100) averaged over the words read;
    `corrections` keep the raw OCR text of every word the parser changed; `page_readings` say
    for every page of the document whether OCR or the text layer was read, and how well;
    `uncertain` lists the words with digits read below `ocr.json`'s confidence floor."""

    engine: str
    pages: list[int]
    words: int
    mean_confidence: float
    corrections: list[OcrCorrection] = field(default_factory=list)
    page_readings: list[PageReading] = field(default_factory=list)
    uncertain: list[UncertainWord] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    source: str
    sha256: str
    format: Format
    pages: int | None
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    references: list[Reference] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    recipient_lists: list[RecipientList] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr: OcrInfo | None = None  # set when some pages were read by OCR
    glyph_repairs: list[GlyphRepair] = field(default_factory=list)
    checks: dict[str, int] | None = None  # checks the reconciler carried out, by kind (None: not checked)
    structures: list[Structure] = field(default_factory=list)  # one per block, from the NLP stage

    def mention(self, block: int, start: int, end: int) -> Mention:
        """A mention of `blocks[block].text[start:end]`, with its page."""
        b = self.blocks[block]
        return Mention(text=b.text[start:end], block=block, start=start, end=end, page=b.page)

    def cell_ref(self, table: int, row: int, col: int) -> CellRef:
        return self.tables[table].ref(row, col)

    @property
    def text(self) -> str:
        """The blocks' text, one block a line (tables left out)."""
        return "\n".join(b.text for b in self.blocks)


# ---------------------------------------------------------------------------------------------
# JSON shape (see ../shared/spec/output-json.md); `to_dict` is the one place that defines it.


def _location_dict(loc: Location) -> dict[str, Any]:
    if isinstance(loc, CellRef):
        out = {"table": loc.table, "row": loc.row, "col": loc.col, "text": loc.text}
        if loc.sheet is not None:
            out.update(sheet=loc.sheet, sheet_row=loc.sheet_row, sheet_col=loc.sheet_col)
        return out
    return {"text": loc.text, "page": loc.page, "block": loc.block, "start": loc.start, "end": loc.end}


def _period_dict(p: Period | None) -> dict[str, Any] | None:
    return None if p is None else {"start": p.start, "end": p.end}


def award_dict(a: Award) -> dict[str, Any]:
    return {
        "award": a.award,
        "class": a.class_,
        "level": a.level,
        "count": a.count,
        "collectives": a.collectives,
        "individuals": a.individuals,
        "status": a.status,
        "source": a.source,
        "text": a.surface,
        "mentions": [_location_dict(m) for m in a.mentions],
        "parts": [award_dict(p) for p in a.parts],
    }


def recipient_dict(r: Recipient) -> dict[str, Any]:
    return {
        "name": r.name,
        "key": r.key,
        "kind": r.kind,
        "position": r.position,
        "unit": r.unit,
        "award": r.award,
        "class": r.class_,
        "decision": r.decision,
        "doc_type": r.doc_type,
        "group": r.group,
        "list": r.list,
        "page": r.page,
        "location": _location_dict(r.location),
    }


def finding_dict(f: Finding, lang: str | None = None) -> dict[str, Any]:
    """The finding as JSON: `message` rendered in `lang` (default Vietnamese), with the `key` and
    `params` it was rendered from."""
    from .i18n import DEFAULT_LANG, finding_message

    return {
        "id": f.id,
        "check": f.check,
        "severity": f.severity,
        "message": finding_message(f, lang or DEFAULT_LANG),
        "key": f.key,
        "params": f.params,
        "expected": f.expected,
        "actual": f.actual,
        "locations": [_location_dict(m) for m in f.locations],
        **({"passed": True} if f.passed else {}),
        **({"review": True} if f.review else {}),
    }


def checks_dict(checks: dict[str, int]) -> dict[str, Any]:
    """`{"carried_out": N, "by_kind": {"sum": n, ...}}`: N = 0 means nothing could be checked."""
    return {"carried_out": sum(checks.values()), "by_kind": dict(sorted(checks.items()))}


def table_dict(t: Table) -> dict[str, Any]:
    out = {
        "index": t.index,
        "title": t.title,
        "pages": t.pages,
        "header": t.header,
        "rows": [[c.text for c in row] for row in t.rows],
    }
    if t.sheet is not None:
        out["sheet"] = {"name": t.sheet, "rows": t.sheet_rows, "cols": t.sheet_cols}
    return out


def block_dict(b: Block) -> dict[str, Any]:
    return {k: v for k, v in asdict(b).items() if v not in (None, False) or k in ("index", "level")}


def to_dict(doc: Document, *, with_blocks: bool = False, lang: str | None = None) -> dict[str, Any]:
    m = doc.metadata
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "document": {
            "source": doc.source,
            "sha256": doc.sha256,
            "format": doc.format,
            "pages": doc.pages,
            "doc_type": m.doc_type,
            "number": m.number,
            "date": m.date,
            "issuer": m.issuer,
            "signer": m.signer,
            "position": m.position,
            "title": m.title,
            "recipients": m.recipients,
            "period": _period_dict(m.period),
        },
        "references": [
            {
                "id": r.id,
                "doc_type": r.doc_type,
                "number": r.number,
                "year": r.year,
                "symbol": r.symbol,
                "date": r.date,
                "issuer": r.issuer,
                "subject": r.subject,
                "mentions": [_location_dict(x) for x in r.mentions],
            }
            for r in doc.references
        ],
        "campaigns": [
            {
                "name": c.name,
                "launched_by": c.launched_by,
                "period": _period_dict(c.period),
                "references": c.references,
                "aliases": c.aliases,
                "national": c.national,
                "mentions": [_location_dict(x) for x in c.mentions],
            }
            for c in doc.campaigns
        ],
        "awards": [award_dict(a) for a in doc.awards],
        "quantities": [
            {
                "value": q.value,
                "unit": q.unit,
                "text": q.text,
                "kind": q.kind,
                "counts": q.counts,
                "mention": _location_dict(q.mention),
            }
            for q in doc.quantities
        ],
        "recipients": [recipient_dict(r) for r in doc.recipients],
        "tables": [table_dict(t) for t in doc.tables],
        "findings": [finding_dict(f, lang) for f in doc.findings],
    }
    if doc.checks is not None:
        out["checks"] = checks_dict(doc.checks)
    if doc.ocr is not None:
        out["document"]["ocr"] = asdict(doc.ocr)
    if doc.glyph_repairs:
        out["document"]["glyph_repairs"] = [asdict(r) for r in doc.glyph_repairs]
    if with_blocks:
        out["blocks"] = [block_dict(b) for b in doc.blocks]
    if doc.notes:
        out["notes"] = doc.notes
    return out

