"""Scoring the extractor against gold: precision / recall / F1 per field, metadata accuracy,
and whether a finding points at a changed number. Pure functions over the output JSON
(`extractor.model.to_dict`) and the gold files; the bench (`bench/run.py`) drives them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable

from ..vn.normalize import match_key, nfc, squash_spaces

FIELDS = ("references", "reference_dates", "campaigns", "awards")
METADATA = ("doc_type", "number", "date", "issuer", "signer", "position", "title", "period")
_SLASH = re.compile(r"\s*/\s*")


@dataclass
class Tally:
    """True positives, false positives, false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def compare(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> Tally:
    """Multiset match of keys (pass sequences of keys, not mappings)."""
    p, g = Counter(list(predicted)), Counter(list(gold))
    tp = sum((p & g).values())
    return Tally(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def ref_key(ref_id: str | None) -> str:
    """Ids compare as written (NFC, no spaces around "/"); a law's name without number compares
    without case ("Luật Thi đua, khen thưởng" = "Luật Thi đua, Khen thưởng")."""
    key = _SLASH.sub("/", squash_spaces(nfc(ref_id or "")))
    return key if any(ch.isdigit() for ch in key) else match_key(key)


def text_key(value: Any) -> Any:
    return squash_spaces(nfc(value)) if isinstance(value, str) else value


def award_key(a: dict[str, Any]) -> tuple:
    return (match_key(a.get("award") or ""), a.get("class"), a.get("level"), a.get("count"),
            a.get("collectives"), a.get("individuals"), a.get("source") or "text")


def flat_awards(awards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every award record of the output, its nested `parts` (class breakdowns) included: the gold
    lists them flat."""
    out: list[dict[str, Any]] = []
    for a in awards:
        out.append(a)
        out += flat_awards(a.get("parts") or [])
    return out


def award_label(a: dict[str, Any]) -> str:
    """An award record as a reader names it: "03 Huân chương Lao động hạng Nhất (-/3, text)"."""
    who = "/".join("-" if a.get(k) is None else str(a[k]) for k in ("collectives", "individuals"))
    name = " ".join(x for x in (a.get("award") or "", a.get("class") or "") if x)
    return f"{a.get('count')} {name} ({who}, {a.get('source') or 'text'})"


def field_items(doc: dict[str, Any]) -> dict[str, list[tuple[Hashable, str]]]:
    """The records of each F1 field of an output JSON or a gold file, as (key compared, label
    shown) pairs: one reference per id, one campaign per name, every award record (flattened)."""
    refs = {ref_key(r["id"]): r for r in doc.get("references", [])}
    campaigns = {match_key(c["name"]): c["name"] for c in doc.get("campaigns", [])}
    return {
        "references": [(k, r["id"]) for k, r in refs.items()],
        "reference_dates": [((k, r.get("date")), f"{r['id']} ({r.get('date')})") for k, r in refs.items()],
        "campaigns": list(campaigns.items()),
        "awards": [(award_key(a), award_label(a)) for a in flat_awards(doc.get("awards", []))],
    }


def mismatches(predicted: list[tuple[Hashable, str]], gold: list[tuple[Hashable, str]]) -> tuple[list[str], list[str]]:
    """Labels of the gold records the output lacks (misses) and of the output records gold lacks
    (false positives), matched by key as `compare` counts them."""
    p, g = Counter(k for k, _ in predicted), Counter(k for k, _ in gold)

    def labels(items, surplus: Counter) -> list[str]:
        out = []
        for key, label in items:
            if surplus[key] > 0:
                surplus[key] -= 1
                out.append(label)
        return out

    return labels(gold, g - p), labels(predicted, p - g)


@dataclass
class DocScore:
    fields: dict[str, Tally] = field(default_factory=dict)
    metadata: dict[str, bool] = field(default_factory=dict)


def score_document(pred: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one output JSON (`to_dict`) against one gold file."""
    s = DocScore()
    p_items, g_items = field_items(pred), field_items(gold)
    for name in FIELDS:
        s.fields[name] = compare([k for k, _ in p_items[name]], [k for k, _ in g_items[name]])
    doc_p, doc_g = pred.get("document", {}), gold["document"]
    for name in METADATA:
        s.metadata[name] = text_key(doc_p.get(name)) == text_key(doc_g.get(name))
    return s


# --------------------------------------------------------------------------------------------
# Findings against a changed number


def serious(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get("severity") in ("error", "warning")]


def _spaced(text: str) -> str:
    """A regex for `text` in which every run of spaces matches any run of whitespace."""
    return r"\s+".join(re.escape(part) for part in re.split(r"\s+", text))


def locate_text(blocks: list[dict[str, Any]], context: str, offset: int | None, surface: str) -> tuple[int, int] | None:
    """(block, start) of the number `surface` at `offset` inside `context` (None or a wrong offset:
    its first place there), in parsed blocks; the context may be spaced differently there (a line
    joined, a double space)."""
    if offset is None or context[offset:offset + len(surface)] != surface:
        offset = max(context.find(surface), 0)
    for b in blocks:
        at = b["text"].find(context)
        if at >= 0:
            return b["index"], at + offset
    pattern = re.compile(_spaced(context[:offset]) + "(" + re.escape(surface) + ")"
                         + _spaced(context[offset + len(surface):]))
    for b in blocks:
        m = pattern.search(b["text"])
        if m:
            return b["index"], m.start(1)
    return None


def points_at(finding: dict[str, Any], expected: dict[str, Any], blocks: list[dict[str, Any]]) -> bool:
    """True when one of the finding's locations is the expected (changed) number."""
    surface = expected["text"].rstrip("%")
    if expected["where"] == "table":
        cell = expected["cell"]
        for loc in finding.get("locations", []):
            if "table" not in loc or loc["table"] != cell["table"]:
                continue
            if (loc["row"], loc["col"]) == (cell["row"], cell["col"]):
                return True
            if loc["col"] == cell["col"] and loc.get("text", "").rstrip("%").strip() == surface:
                return True
        return False
    spot = locate_text(blocks, expected["context"], expected.get("offset"), surface)
    for loc in finding.get("locations", []):
        if "block" not in loc:
            continue
        if spot is not None and loc["block"] == spot[0] and loc["start"] < spot[1] + len(surface) and spot[1] < loc["end"]:
            return True
        if spot is None and (loc.get("text") or "").rstrip("%").strip() == surface and expected["context"].find(surface) >= 0:
            return True
    return False


def located(output: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether the number an expected finding names is where it says in the parsed output: the
    table cell (body rows from 0) holds it, or the text snippet is found and the number sits at
    its offset. A rendering that moves or splits the number fails here, before any check."""
    surface = expected["text"].rstrip("%").strip()
    if expected["where"] == "table":
        cell = expected["cell"]
        try:
            written = output["tables"][cell["table"]]["rows"][cell["row"]][cell["col"]]
        except (IndexError, KeyError):
            return False
        return written.rstrip("%").strip() == surface
    blocks = output.get("blocks", [])
    spot = locate_text(blocks, expected["context"], expected.get("offset"), surface)
    if spot is None:
        return False
    text = next(b["text"] for b in blocks if b["index"] == spot[0])
    return text[spot[1]:spot[1] + len(surface)] == surface


@dataclass
class FindingScore:
    expected: int = 0
    detected: int = 0
    stray: int = 0  # warnings/errors about nothing expected

    def add(self, other: "FindingScore") -> None:
        self.expected += other.expected
        self.detected += other.detected
        self.stray += other.stray


def score_findings(pred: dict[str, Any], expected: list[dict[str, Any]], blocks: list[dict[str, Any]]) -> FindingScore:
    found = serious(pred.get("findings", []))
    s = FindingScore(expected=len(expected))
    explained = set()
    for e in expected:
        hits = [i for i, f in enumerate(found) if points_at(f, e, blocks)]
        if hits:
            s.detected += 1
            explained.update(hits)
    s.stray = len(found) - len(explained)
    return s


# --------------------------------------------------------------------------------------------
# Real binary files (tests/corpus/real_files_gold): recipients, hand-found findings, relations
# that hold, checks carried out

RECIPIENT_KINDS = ("collective", "individual")


def _name_key(text: str) -> str:
    """A name compared without case, spacing or the list's closing punctuation; its diacritics
    count (a name OCR has stripped of them is not the name)."""
    return squash_spaces(nfc(text)).strip(" ;,.:/").casefold()


def recipient_keys(item: dict[str, Any]) -> set[str]:
    """The forms a recipient may be written in: its name alone, or its name with its unit
    ("Trung tâm Viễn thông 5, Viễn thông Hà Nội" is the name "Trung tâm Viễn thông 5" of the unit
    "Viễn thông Hà Nội")."""
    name, unit = _name_key(item.get("name") or ""), _name_key(item.get("unit") or "")
    keys = {name} if name else set()
    if name and unit:
        keys |= {f"{name}, {unit}", f"{name} {unit}"}
    return keys


@dataclass
class RecipientScore:
    """Recipient names by kind (full gold lists only) and whether each list's length is exact."""

    names: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in RECIPIENT_KINDS})
    lists: int = 0  # (document, kind) pairs with a gold count
    exact: int = 0  # of which the output gives exactly that many recipients

    def add(self, other: "RecipientScore") -> None:
        for kind in RECIPIENT_KINDS:
            self.names[kind].add(other.names[kind])
        self.lists += other.lists
        self.exact += other.exact


def _match_names(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Tally:
    """Each output recipient matches at most one gold recipient whose written forms hold its name."""
    unmatched = [recipient_keys(g) for g in gold]
    tp = 0
    for p in predicted:
        mine = recipient_keys(p)
        hit = next((i for i, keys in enumerate(unmatched) if keys & mine), None)
        if hit is not None:
            unmatched.pop(hit)
            tp += 1
    return Tally(tp=tp, fp=len(predicted) - tp, fn=len(unmatched))


def score_recipients(pred: dict[str, Any], gold: dict[str, Any]) -> RecipientScore | None:
    """None when the gold has no recipient list. A partial gold list (long lists, where only the
    first and last pages' names are written) scores the counts only."""
    want = gold.get("recipients")
    if not want:
        return None
    got = [r for r in pred.get("recipients") or [] if isinstance(r, dict)]
    s = RecipientScore()
    for kind in RECIPIENT_KINDS:
        mine = [r for r in got if r.get("kind") == kind]
        count = (want.get("counts") or {}).get(kind)
        if count:
            s.lists += 1
            s.exact += len(mine) == count
        if not want.get("partial"):
            s.names[kind] = _match_names(mine, [r for r in want.get("items", []) if r.get("kind") == kind])
    return s


def _figures_at(relation: dict[str, Any]) -> list[dict[str, Any]]:
    """A relation's (or non-relation's) figures as expected-finding shapes, for the figures its
    context snippet writes (the others cannot be located in the parsed text)."""
    context = relation.get("context") or ""
    figures = [relation.get("total"), *relation.get("parts", []), *relation.get("figures", [])]
    return [{"where": "text", "context": context, "text": f} for f in figures
            if isinstance(f, str) and f.rstrip("%").strip() and f.rstrip("%").strip() in context]


@dataclass
class RealFindingScore:
    """Hand-found inconsistencies found, warnings/errors on figures of relations that hold (or of
    figures that are no relation at all), and the other warnings/errors."""

    expected: int = 0
    detected: int = 0
    on_holding: int = 0
    other: int = 0
    holding: int = 0  # relations that hold (and non-relations), with a figure in their context

    def add(self, other: "RealFindingScore") -> None:
        for name in ("expected", "detected", "on_holding", "other", "holding"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _in_rows(finding: dict[str, Any], labels: set[str], tables: list[dict[str, Any]]) -> bool:
    """Whether a finding points at a table row one of whose cells is one of `labels` (the row a
    table relation of the gold names: "CCT khu vực DHO-QNI", "Cộng")."""
    for loc in finding.get("locations", []):
        try:
            row = tables[loc["table"]]["rows"][loc["row"]]
        except (KeyError, IndexError, TypeError):
            continue
        if labels & {_name_key(str(c)) for c in row}:
            return True
    return False


def score_real_findings(pred: dict[str, Any], gold: dict[str, Any]) -> RealFindingScore:
    blocks, tables = pred.get("blocks", []), pred.get("tables", [])
    found = serious(pred.get("findings", []))
    expected = gold.get("findings", [])
    holds = [r for r in gold.get("relations", []) if not r.get("broken")] + list(gold.get("non_relations", []))
    figures = [f for r in holds for f in _figures_at(r)]
    rows = {_name_key(r["row"]) for r in holds if r.get("where") == "table" and r.get("row")}
    s = RealFindingScore(expected=len(expected), holding=sum(1 for r in holds if _figures_at(r) or r.get("row")))
    true = set()
    for e in expected:
        hits = [i for i, f in enumerate(found) if points_at(f, e, blocks)]
        s.detected += bool(hits)
        true.update(hits)
    for i, f in enumerate(found):
        if i in true:
            continue
        if any(points_at(f, fig, blocks) for fig in figures) or _in_rows(f, rows, tables):
            s.on_holding += 1
        else:
            s.other += 1
    return s


def checks_carried_out(pred: dict[str, Any]) -> int | None:
    """`checks.carried_out` of an output JSON, None when the output does not say."""
    checks = pred.get("checks")
    if isinstance(checks, dict) and isinstance(checks.get("carried_out"), int):
        return checks["carried_out"]
    return None
