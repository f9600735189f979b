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


@dataclass
class DocScore:
    fields: dict[str, Tally] = field(default_factory=dict)
    metadata: dict[str, bool] = field(default_factory=dict)


def score_document(pred: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one output JSON (`to_dict`) against one gold file."""
    s = DocScore()
    p_refs = {ref_key(r["id"]): r.get("date") for r in pred.get("references", [])}
    g_refs = {ref_key(r["id"]): r.get("date") for r in gold["references"]}
    s.fields["references"] = compare(list(p_refs), list(g_refs))
    s.fields["reference_dates"] = compare(list(p_refs.items()), list(g_refs.items()))
    s.fields["campaigns"] = compare(list({match_key(c["name"]) for c in pred.get("campaigns", [])}),
                                    list({match_key(c["name"]) for c in gold["campaigns"]}))
    s.fields["awards"] = compare([award_key(a) for a in flat_awards(pred.get("awards", []))],
                                 [award_key(a) for a in gold["awards"]])
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
