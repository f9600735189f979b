"""What OCR reads from scanned real files, against facts read from them by hand
(`tests/corpus/ocr_check.json`): the decision's number and date, the references with their dates,
the award counts and the length of the numbered recipient list. Shared by the test and the bench
(`python -m bench.ocr_real`)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..model import Document

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "corpus" / "ocr_check.json"
REAL_FILES = ROOT.parent / "shared" / "corpus" / "real-files"
FIELDS = ("number", "number_flagged", "date", "date_flagged", "references", "reference_dates", "awards", "list_length")
_NUMBERED = re.compile(r"^\d+[.)]$")
# The header lines that carry the document's number and its place and date.
_HEADER_LINES = {"number": re.compile(r"^\s*S[ốo]\s*:", re.IGNORECASE), "date": re.compile(r"ng[àa]y.*th[áa]ng.*n[ăa]m", re.IGNORECASE)}


def gold_entries() -> list[dict]:
    return json.loads(GOLD.read_text("utf-8"))["files"]


def list_length(doc: Document) -> int:
    """Blocks numbered "1.", "2)" ...: the entries of a numbered recipient list."""
    return sum(1 for b in doc.blocks if b.marker and _NUMBERED.match(b.marker))


def _award_found(gold: dict, doc: Document) -> bool:
    for award in doc.awards:
        if award.count == gold["count"]:
            return True
        if gold.get("collectives") is not None and award.collectives == gold["collectives"] and award.individuals == gold.get("individuals"):
            return True
    return False


def flagged(doc: Document, key: str) -> bool:
    """Whether the header line holding the number (or the date) has a word OCR marked uncertain."""
    if doc.ocr is None:
        return False
    line = next((b for b in doc.blocks if b.page == 1 and _HEADER_LINES[key].search(b.text)), None)
    return line is not None and any(w.page == 1 and w.text in line.text for w in doc.ocr.uncertain)


def score(doc: Document, gold: dict) -> dict[str, tuple[int, int]]:
    """(right, checked) per field of `FIELDS`; a field the gold leaves null counts (0, 0).
    `number_flagged` / `date_flagged`: of the numbers (dates) not read right, how many sit on a
    header line OCR marked uncertain (misread, but said so)."""
    out: dict[str, tuple[int, int]] = {}
    for key in ("number", "date"):
        right = getattr(doc.metadata, key) == gold[key]
        out[key] = (int(right), 1) if gold.get(key) else (0, 0)
        out[f"{key}_flagged"] = (int(flagged(doc, key)), 1) if gold.get(key) and not right else (0, 0)
    refs = gold.get("references")
    if refs is None:
        out["references"] = out["reference_dates"] = (0, 0)
    else:
        found = {r.id: r for r in doc.references}
        out["references"] = (sum(r["id"] in found for r in refs), len(refs))
        out["reference_dates"] = (sum(r["id"] in found and found[r["id"]].date == r["date"] for r in refs), len(refs))
    awards = gold.get("awards") or []
    out["awards"] = (sum(_award_found(a, doc) for a in awards), len(awards))
    expected = gold.get("list_length")
    out["list_length"] = (int(list_length(doc) == expected), 1) if expected is not None else (0, 0)
    return out


def total(scores: list[dict[str, tuple[int, int]]]) -> dict[str, tuple[int, int]]:
    return {f: (sum(s[f][0] for s in scores), sum(s[f][1] for s in scores)) for f in FIELDS}
