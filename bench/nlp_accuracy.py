"""Accuracy of the extraction stage against the corpus gold: `python -m bench.nlp_accuracy [--split dev|heldout]`.

Prints, per report and overall: references F1 (id) and date accuracy, awards F1 on (award, class,
count, collectives, individuals, source), campaigns F1 (canonical name), metadata accuracy over
doc_type, number, date, issuer, signer, position, title, period. Awards are compared the way the
gold lists them: flat, without group totals and without purpose or recipient splits.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from extractor.model import Award
from extractor.nlp import extract
from extractor.nlp.awards import info
from extractor.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
META_FIELDS = ("doc_type", "number", "date", "issuer", "signer", "position", "title", "period")


def f1(got: Counter, gold: Counter) -> tuple[int, int, int]:
    tp = sum((got & gold).values())
    return tp, sum(got.values()), sum(gold.values())


def flat_awards(awards: list[Award], parent: Award | None = None):
    for a in awards:
        split = parent is not None and a.award == parent.award and a.class_ == parent.class_
        if not split and not (info(a.award.split(" và ")[0]) or info(a.award)).group:
            yield a
        yield from flat_awards(a.parts, a)


def award_key(a) -> tuple:
    if isinstance(a, dict):
        return (a["award"], a["class"], a["count"], a["collectives"], a["individuals"], a["source"])
    return (a.award, a.class_, a.count, a.collectives, a.individuals, a.source)


def score(report: str, gold: dict) -> dict[str, tuple]:
    path = ROOT / "corpus" / "reports" / f"{report}.md"
    doc = extract(parse_file(path))
    refs = Counter(r.id for r in doc.references)
    gold_refs = Counter(r["id"] for r in gold["references"])
    gold_dates = {r["id"]: r["date"] for r in gold["references"]}
    dates = [(r.date == gold_dates[r.id]) for r in doc.references if r.id in gold_dates]
    awards = Counter(set(award_key(a) for a in flat_awards(doc.awards)))
    gold_awards = Counter(set(award_key(a) for a in gold["awards"]))
    camps = Counter(c.name for c in doc.campaigns)
    gold_camps = Counter(c["name"] for c in gold["campaigns"])
    meta = doc.metadata
    got_meta = {f: getattr(meta, f) for f in META_FIELDS}
    got_meta["period"] = {"start": meta.period.start, "end": meta.period.end} if meta.period else None
    meta_ok = [got_meta[f] == gold["document"].get(f) for f in META_FIELDS]
    return {
        "references": f1(refs, gold_refs), "dates": (sum(dates), len(dates)),
        "awards": f1(awards, gold_awards), "campaigns": f1(camps, gold_camps),
        "metadata": (sum(meta_ok), len(meta_ok)),
        "misses": {
            "references": sorted((gold_refs - refs).elements()), "extra_references": sorted((refs - gold_refs).elements()),
            "awards": sorted((gold_awards - awards).elements(), key=str), "extra_awards": sorted((awards - gold_awards).elements(), key=str),
            "campaigns": sorted((gold_camps - camps).elements()), "extra_campaigns": sorted((camps - gold_camps).elements()),
            "metadata": [f for f, ok in zip(META_FIELDS, meta_ok) if not ok],
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    splits = json.loads((ROOT / "corpus" / "splits.json").read_text())
    reports = splits["dev"] + splits["heldout"] if args.split == "all" else splits[args.split]
    totals: dict[str, list[int]] = {}
    start = time.perf_counter()
    for report in reports:
        gold = json.loads((ROOT / "corpus" / "gold" / f"{report}.json").read_text("utf-8"))
        result = score(report, gold)
        for key, value in result.items():
            if key != "misses":
                totals.setdefault(key, [0] * len(value))
                totals[key] = [a + b for a, b in zip(totals[key], value)]
        if args.verbose:
            print(report, json.dumps(result["misses"], ensure_ascii=False, default=str))
    for key, value in totals.items():
        if len(value) == 3:
            tp, got, gold = value
            p, r = tp / got if got else 1.0, tp / gold if gold else 1.0
            print(f"{key:<11} F1 {2 * p * r / (p + r) if p + r else 0:.3f}  (P {p:.3f}, R {r:.3f}; {tp}/{got} got, {gold} gold)")
        else:
            print(f"{key:<11} accuracy {value[0] / value[1] if value[1] else 1:.3f}  ({value[0]}/{value[1]})")
    print(f"{len(reports)} reports in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
