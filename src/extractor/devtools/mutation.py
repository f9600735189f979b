"""Mutants of generated reports: one number changed, with a record of what the change does.

`mutate` changes a number so that a relation breaks (judged by the interval rule of
`reconcile.interval`, like the checker: a figure printed with d decimals stands for every value
within half a unit of its last digit); the record says where (a text snippet or a table cell)
and which relation, and `mutation_finding` is the finding the checker owes. `tolerated_mutant`
changes a rounded figure within what rounding allows (a money total one unit off the sum of its
rounded parts): every relation still holds, `breaks` is False and no finding is owed.
"""
from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

from ..vn.numbers import find_numbers, format_number, parse_number
from .generate import Generated, count_text
from .gold import relation_holds, table_relation_holds, table_relations
from .markup import TableSpec

Record = dict[str, Any]


def _replace_number(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _nudge(rng: random.Random, surface: str) -> str | None:
    """Another number written in the same style as `surface`."""
    s = surface.rstrip("%")
    pct = surface.endswith("%")
    found = find_numbers(s)
    if len(found) != 1:
        return None
    n = found[0][2]
    if n.decimals:
        step = Decimal(rng.choice([1, 2, 3, 5, 8, 12])) * Decimal(10) ** -n.decimals * rng.choice([1, 10])
        value = Decimal(str(n.value)) + rng.choice([-1, 1]) * step
        if value <= 0:
            value = Decimal(str(n.value)) + step
        out = format_number(value, n.decimals)
    else:
        delta = rng.randint(1, max(2, int(n.value) // 10)) * rng.choice([-1, 1])
        value = int(n.value) + delta
        if value < 0 or value == n.value:
            value = int(n.value) + abs(delta)
        out = str(value) if len(s) == 1 and value < 10 else count_text(value)
    return out + ("%" if pct else "")


def _unique_context(text: str, start: int, end: int) -> tuple[str, int]:
    """A snippet of one line around text[start:end] that occurs once in the text, and where the
    number starts inside it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for width in (24, 40, 64, 100, 160, 10_000):
        lo, hi = max(line_start, start - width), min(line_end, end + width)
        while lo > line_start and text[lo - 1] != " ":
            lo -= 1
        while hi < line_end and text[hi] != " ":
            hi += 1
        snippet = text[lo:hi]
        if text.count(snippet) == 1:
            return snippet, start - lo
    return text[line_start:line_end], start - line_start


def mutate(report: Generated, seed: int, k: int = 0, where: str | None = None) -> tuple[Generated, Record]:
    """A copy of `report` with one number changed so that one relation breaks, and its record."""
    rng = random.Random(f"{seed}:{report.id}:m{k}")
    where = where or rng.choice(["text", "text", "table"])
    for _ in range(50):
        result = _mutate_table(report, rng) if where == "table" else _mutate_text(report, rng)
        if result is not None:
            return result
    raise RuntimeError(f"no breaking mutation found in {report.id}")


def _balanced_choice(rng: random.Random, relations: list[Record]) -> Record:
    """A relation, each kind equally likely (ratios are many, status splits few)."""
    kind = rng.choice(sorted({r["kind"] for r in relations}))
    return rng.choice([r for r in relations if r["kind"] == kind])


def _changed(rel: Record, old: str, new: str) -> Record:
    """`rel` with the figure written `old` (its total, else its first such part) written `new`."""
    changed = dict(rel)
    if rel["total"].rstrip("%") == old.rstrip("%"):
        changed["total"] = new.rstrip("%") + ("%" if rel["total"].endswith("%") else "")
    else:
        parts = list(rel["parts"])
        parts[parts.index(old)] = new.rstrip("%")
        changed["parts"] = parts
    return changed


def _text_mutant(report: Generated, rel: Record, spot: tuple[int, int, int], new: str, breaks: bool):
    """The mutant with the number at `spot` (element, start, end) written `new`, and its record
    (with the relation's figures as changed)."""
    e_index, start, end = spot
    line = report.elements[e_index]
    mutant = copy.deepcopy(report)
    mutant.id = f"{report.id}-m"
    mutant.elements[e_index] = _replace_number(line, start, end, new)
    text = mutant.markup()
    offset = text.index(mutant.elements[e_index]) + start
    context, at = _unique_context(text, offset, offset + len(new))
    changed = _changed(rel, line[start:end], new)
    record = {"where": "text", "old": line[start:end], "new": new, "context": context, "offset": at,
              "relation": rel["kind"], "breaks": breaks,
              "figures": {"total": changed["total"], "parts": changed["parts"]}}
    return mutant, record


def _spots(report: Generated, rel: Record, surface: str) -> list[tuple[int, int, int]]:
    """Where the figure `surface` of `rel` is written inside the relation's context."""
    for e_index, e in enumerate(report.elements):
        if isinstance(e, TableSpec) or rel["context"] not in e:
            continue
        c_start = e.index(rel["context"])
        window = e[c_start:c_start + len(rel["context"])]
        return [(e_index, c_start + s, c_start + t) for s, t, n in find_numbers(window) if n.text == surface]
    return []


def _mutate_text(report: Generated, rng: random.Random):
    relations = [r for r in report.gold["relations"] if r["kind"] != "text_vs_table"]
    rel = _balanced_choice(rng, relations)
    target = rng.choice([rel["total"], *rel["parts"]]).rstrip("%")
    spots = _spots(report, rel, target)
    new = _nudge(rng, target)
    if not spots or new is None:
        return None
    if relation_holds(_changed(rel, target, new)):
        return None
    return _text_mutant(report, rel, rng.choice(spots), new, breaks=True)


def _mutate_table(report: Generated, rng: random.Random):
    specs = report.gold.get("tables", [])
    if not specs:
        return _mutate_text(report, rng)
    holding = [(spec, rel) for spec in specs for rel in table_relations(spec, report.tables[spec["index"]])
               if table_relation_holds(rel, report.tables[spec["index"]])]
    if not holding:
        return None
    kind = rng.choice(sorted({rel["kind"] for _, rel in holding}))
    spec, rel = rng.choice([(s, r) for s, r in holding if r["kind"] == kind])
    row, col = rng.choice([rel["total"], *rel["parts"]])
    old = report.tables[spec["index"]].rows[row][col]
    new = _nudge(rng, old) if old not in ("", "-") else None
    if new is None:
        return None
    mutant = copy.deepcopy(report)
    mutant.id = f"{report.id}-m"
    mtable = mutant.tables[spec["index"]]
    mtable.rows[row][col] = new
    if table_relation_holds(rel, mtable) is not False:
        return None
    record = {"where": "table", "old": old, "new": new,
              "context": {"table": spec["index"], "row": row, "col": col},
              "relation": rel["kind"], "breaks": True}
    return mutant, record


def tolerated_mutant(report: Generated, seed: int, k: int = 0) -> tuple[Generated, Record] | None:
    """A copy of `report` with one rounded figure of a text sum moved by one unit of its last
    digit where every relation still holds under the interval rule (`breaks` False), or None
    when the report has no such figure. The checker must stay silent on it."""
    rng = random.Random(f"{seed}:{report.id}:t{k}")
    written = [n.text for _, _, n in find_numbers(report.markup())]
    candidates = [(rel, s) for rel in report.gold["relations"] if rel["kind"] != "text_vs_table"
                  for s in [rel["total"], *rel["parts"]]
                  if not s.endswith("%") and _printed_decimals(s) and written.count(s) == 1]
    rng.shuffle(candidates)
    for rel, surface in candidates:
        n = parse_number(surface)
        for step in rng.sample([-1, 1], 2):
            value = Decimal(str(n.value)) + step * Decimal(10) ** -n.decimals
            new = format_number(value, n.decimals)
            affected = [r for r in report.gold["relations"] if surface in (r["total"], *r["parts"])]
            spots = _spots(report, rel, surface)
            if spots and all(relation_holds(_changed(r, surface, new)) for r in affected):
                return _text_mutant(report, rel, spots[0], new, breaks=False)
    return None


def _printed_decimals(surface: str) -> int:
    n = parse_number(surface)
    return 0 if n is None else n.decimals


def mutation_finding(record: Record) -> dict[str, Any]:
    """The finding a breaking mutation must produce, in the gold `findings` shape."""
    if record["where"] == "table":
        return {"check": record["relation"], "severity": "error", "where": "table",
                "cell": record["context"], "text": record["new"]}
    return {"check": record["relation"], "severity": "error", "where": "text",
            "context": record["context"], "offset": record["offset"], "text": record["new"]}


def expected_findings(record: Record) -> list[dict[str, Any]]:
    """What the checker owes a mutant: the finding of a breaking change, nothing otherwise."""
    return [mutation_finding(record)] if record["breaks"] else []
