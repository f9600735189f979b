"""Gold annotations of the corpus: loading, and the internal-consistency review every gold file
must pass (see corpus/README.md). `review(report_text, gold)` returns a list of problems, empty
when the gold is consistent with its report and, for a clean report, when its figures add up."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..vn.dates import to_iso
from ..vn.normalize import nfc, squash_spaces
from ..reconcile.interval import Interval, figure, share_holds, sum_holds
from ..vn.numbers import Number, find_numbers, is_none_mark, parse_cell, parse_number
from .markup import Layout, TableSpec, read_markup

GOLD_SCHEMA = "extractor-gold/1"
SPLITS = ("dev", "heldout")
LEVELS = ("state", "ministry_province", "grassroots")
CLASSES = ("hạng Nhất", "hạng Nhì", "hạng Ba")
STATUSES = ("proposed", "awarded", "returned")
SUM_KINDS = ("sum", "recipients", "status", "remainder", "money", "text_vs_table")
PERCENT_KINDS = ("percentage", "ratio")
RELATION_KINDS = SUM_KINDS + PERCENT_KINDS
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASH_SPACES = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class Report:
    id: str
    path: Path
    text: str
    gold: dict[str, Any]

    def layout(self) -> Layout:
        return layout_of(self.text, self.gold)


def layout_of(text: str, gold: dict[str, Any]) -> Layout:
    specs = gold.get("tables", [])
    layout = read_markup(text, {t["index"]: t["header_rows"] for t in specs if "header_rows" in t})
    for spec, table in zip(specs, layout.tables):
        table.repeat_header = bool(spec.get("repeat_header"))
    return layout


def report_source(reports_dir: Path, report_id: str) -> Path:
    for suffix in (".md", ".txt"):
        p = reports_dir / f"{report_id}{suffix}"
        if p.is_file():
            return p
    raise FileNotFoundError(reports_dir / f"{report_id}.md")


def load_corpus(root: Path) -> list[Report]:
    """Every report of `root/reports` that has a gold file in `root/gold`, in id order."""
    reports = []
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = report_source(root / "reports", gold["report"])
        reports.append(Report(gold["report"], path, nfc(path.read_text("utf-8")), gold))
    return reports


def names_in(path: Path) -> set[str] | None:
    """Every "name" string of a JSON reference file (the canonical award or campaign names of
    ../shared/reference), or None when the file is absent."""
    if not path.is_file():
        return None
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                names.add(node["name"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(path.read_text("utf-8")))
    return names


def value(surface: str) -> int | float | None:
    """The number a gold surface writes ("3.831", "20,2%", "05")."""
    n = parse_number(surface.strip().rstrip("%").strip())
    return None if n is None else n.value


def figure_of(surface: str) -> Interval | None:
    """The values a written figure stands for, judged as the reconciler judges them: a whole
    count is exact, a percentage or a figure with decimals is within half a unit of its last
    printed digit ("12,45" is [12,445; 12,455]). A "-" (none) is exactly 0."""
    text = surface.strip()
    if is_none_mark(text.rstrip("%").strip()):
        return Interval.exact(0)
    n = number_of(text)
    return None if n is None else figure(n.exact, n.decimals, percent=text.endswith("%"))


def percent_holds(pct: str, numerator: int | float, denominator: int | float) -> bool:
    """A printed percentage agrees with n/d when it is within half a unit of its last decimal."""
    claim = figure_of(pct if pct.strip().endswith("%") else pct + "%")
    return claim is not None and share_holds(claim, Interval.exact(numerator), Interval.exact(denominator))


def relation_holds(rel: dict[str, Any]) -> bool:
    """Whether a gold relation's figures agree under the interval rule of `reconcile.interval`:
    10,86 + 1,27 + 0,32 may be printed as 12,45 or 12,46 (the rounded parts cover both)."""
    whole, parts = figure_of(rel["total"]), [figure_of(p) for p in rel["parts"]]
    if whole is None or any(p is None for p in parts):
        return False
    if rel["kind"] in PERCENT_KINDS:
        whole = figure_of(rel["total"].strip().rstrip("%") + "%")
        return share_holds(whole, *parts)
    return sum_holds(whole, parts)


def flat_text(text: str) -> str:
    """Report text for containment checks: marks removed, spaces squashed, NFC."""
    return squash_spaces(nfc(re.sub(r"\*\*|</?b>", "", text)))


def id_key(text: str) -> str:
    return _SLASH_SPACES.sub("/", text)


# ---------------------------------------------------------------------------------------------


def review(text: str, gold: dict[str, Any], award_names: Iterable[str] | None = None) -> list[str]:
    """Every inconsistency between a report and its gold (empty list = consistent)."""
    layout = layout_of(text, gold)
    flat = flat_text(text)
    problems: list[str] = []
    problems += _review_shape(gold)
    problems += _review_document(gold["document"], flat)
    problems += _review_references(gold["references"], flat)
    problems += _review_campaigns(gold["campaigns"], flat)
    problems += _review_awards(gold["awards"], flat, layout, gold, award_names)
    problems += _review_relations(gold["relations"], flat, layout)
    problems += _review_tables(gold.get("tables", []), layout, gold["findings"])
    problems += _review_findings(gold, flat, layout)
    return problems


def _review_shape(gold: dict[str, Any]) -> list[str]:
    need = ("schema", "report", "split", "document", "references", "campaigns", "awards", "relations", "findings")
    out = [f"missing key {k}" for k in need if k not in gold]
    if gold.get("schema") != GOLD_SCHEMA:
        out.append(f"schema is {gold.get('schema')!r}")
    if gold.get("split") not in SPLITS:
        out.append(f"split is {gold.get('split')!r}")
    return out


def _is_iso(date: Any) -> bool:
    if date is None:
        return True
    if not isinstance(date, str) or not _ISO.match(date):
        return False
    y, m, d = map(int, date.split("-"))
    return to_iso(y, m, d) == date


def _review_document(doc: dict[str, Any], flat: str) -> list[str]:
    out = []
    for key in ("doc_type", "number", "date", "issuer", "signer", "position", "title", "period"):
        if key not in doc:
            out.append(f"document: missing {key}")
    if not _is_iso(doc.get("date")):
        out.append(f"document: date {doc.get('date')!r} is not ISO")
    for key in ("number", "signer", "title"):
        if doc.get(key) and id_key(doc[key]) not in id_key(flat):
            out.append(f"document: {key} {doc[key]!r} not in the text")
    period = doc.get("period")
    if period and not (_is_iso(period.get("start")) and _is_iso(period.get("end"))):
        out.append(f"document: period {period!r} is not ISO")
    return out


def _review_references(refs: list[dict[str, Any]], flat: str) -> list[str]:
    out, seen = [], set()
    text_key = id_key(flat)
    for r in refs:
        rid = r["id"]
        if rid in seen:
            out.append(f"reference {rid}: listed twice")
        seen.add(rid)
        if nfc(rid) != rid or id_key(rid) != rid:
            out.append(f"reference {rid}: id not NFC or has spaces around '/'")
        if rid not in text_key:
            out.append(f"reference {rid}: id not in the text")
        if not _is_iso(r.get("date")):
            out.append(f"reference {rid}: date {r.get('date')!r} is not ISO")
        if r.get("number") is not None and not rid.startswith(r["number"]):
            out.append(f"reference {rid}: number {r['number']!r} does not open the id")
        if r.get("year") is not None and str(r["year"]) not in rid:
            out.append(f"reference {rid}: year {r['year']} not in the id")
        if r.get("symbol") is not None and not rid.endswith(r["symbol"]):
            out.append(f"reference {rid}: symbol {r['symbol']!r} does not close the id")
    return out


def _review_campaigns(campaigns: list[dict[str, Any]], flat: str) -> list[str]:
    out = []
    for c in campaigns:
        if not c.get("surface"):
            out.append(f"campaign {c['name']}: no surface")
        for s in c.get("surface", []):
            if s not in flat:
                out.append(f"campaign {c['name']}: surface {s!r} not in the text")
    return out


def _table_value(table: TableSpec, row: int, col: int) -> int | float | None:
    try:
        return parse_cell(table.rows[row][col])
    except IndexError:
        return None


def _review_awards(awards, flat, layout, gold, award_names) -> list[str]:
    out = []
    names = set(award_names) if award_names is not None else None
    specs = {t["index"]: t for t in gold.get("tables", [])}
    for a in awards:
        label = f"award {a['award']} {a.get('class') or ''} {a['count']}".strip()
        if names is not None and a["award"] not in names:
            out.append(f"{label}: not a canonical award name")
        if a.get("class") not in (None, *CLASSES):
            out.append(f"{label}: class {a['class']!r}")
        if a.get("level") not in LEVELS:
            out.append(f"{label}: level {a.get('level')!r}")
        if a.get("status") not in (None, *STATUSES):
            out.append(f"{label}: status {a['status']!r}")
        c, i = a.get("collectives"), a.get("individuals")
        if c is not None and i is not None and c + i != a["count"] and not gold["findings"]:
            out.append(f"{label}: collectives + individuals != count")
        if a["source"] == "text":
            out += _review_text_award(a, label, flat)
        else:
            out += _review_table_award(a, label, layout, specs)
    return out


def _review_text_award(a, label, flat) -> list[str]:
    surface = a.get("text") or ""
    if surface not in flat:
        return [f"{label}: text {surface!r} not in the report"]
    if a["count"] not in [n.value for _, _, n in find_numbers(surface)]:
        return [f"{label}: text does not write the count"]
    return []


def _review_table_award(a, label, layout, specs) -> list[str]:
    cell = a.get("cell") or {}
    t, r = cell.get("table"), cell.get("row")
    if t is None or t >= len(layout.tables) or r is None or r >= len(layout.tables[t].rows):
        return [f"{label}: cell {cell} not in a table"]
    spec = specs.get(t, {})
    cols = spec.get("columns", {"count": 2, "collectives": 3, "individuals": 4})
    table = layout.tables[t]
    out = []
    for key, col in cols.items():
        if _table_value(table, r, col) != a.get(key):
            out.append(f"{label}: {key} != table {t} row {r} col {col} ({table.rows[r][col]!r})")
    return out


def _review_relations(relations, flat, layout) -> list[str]:
    out = []
    for rel in relations:
        label = f"relation {rel['kind']} {rel['total']} = {rel['parts']}"
        if rel["kind"] not in RELATION_KINDS:
            out.append(f"{label}: unknown kind")
            continue
        context = rel.get("context", "")
        if context not in flat:
            out.append(f"{label}: context {context!r} not in the text")
        if rel["kind"] == "text_vs_table":
            out += _review_cell_part(rel, label, layout)
        if relation_holds(rel) == bool(rel.get("broken")):
            out.append(f"{label}: {'holds' if rel.get('broken') else 'does not hold'}")
    return out


def _review_cell_part(rel, label, layout) -> list[str]:
    cell = rel.get("cell") or {}
    try:
        written = layout.tables[cell["table"]].rows[cell["row"]][cell["col"]]
    except (KeyError, IndexError):
        return [f"{label}: cell {cell} not in a table"]
    if parse_cell(written) != value(rel["parts"][0]):
        return [f"{label}: cell {cell} holds {written!r}"]
    return []


def table_relations(spec: dict[str, Any], table: TableSpec) -> list[dict[str, Any]]:
    """The arithmetic relations a table's layout implies, as cell coordinates:
    {"kind", "total": (row, col), "parts": [(row, col), ...]}."""
    out = []
    total_row = spec.get("total_row")
    body = [r for r in range(len(table.rows)) if r != total_row]
    if total_row is not None:
        for col in spec.get("sum_columns", []):
            out.append({"kind": "sum", "total": (total_row, col), "parts": [(r, col) for r in body]})
    for r in range(len(table.rows)):
        for rule in spec.get("row_sums", []):
            out.append({"kind": "sum", "total": (r, rule["total"]), "parts": [(r, c) for c in rule["parts"]]})
        for rule in spec.get("percent_columns", []):
            out.append({"kind": "percentage", "total": (r, rule["pct"]),
                        "parts": [(r, rule["count"]), (r, rule["base"])]})
    return out


def table_relation_holds(rel: dict[str, Any], table: TableSpec) -> bool | None:
    """True/False, or None when the relation does not apply (a "-" percentage or count)."""
    def cell(rc) -> str:
        return table.rows[rc[0]][rc[1]]

    if rel["kind"] == "percentage":
        pct, (count, base) = cell(rel["total"]), [cell(p) for p in rel["parts"]]
        if any(is_none_mark(c.rstrip("%").strip()) for c in (pct, count)) or not parse_cell(base):
            return None
        return relation_holds({"kind": "percentage", "total": pct, "parts": [count, base]})
    return relation_holds({"kind": "sum", "total": cell(rel["total"]), "parts": [cell(p) for p in rel["parts"]]})


def _review_tables(specs, layout, findings) -> list[str]:
    """Table relations must hold, except those that touch a cell an expected finding names."""
    if len(specs) != len(layout.tables):
        return [f"gold lists {len(specs)} tables, the report has {len(layout.tables)}"]
    out = []
    for spec in specs:
        t = spec["index"]
        wrong = {(f["cell"]["row"], f["cell"]["col"]) for f in findings
                 if f.get("where") == "table" and f["cell"]["table"] == t}
        table = layout.tables[t]
        explained: set[tuple[int, int]] = set()
        for rel in table_relations(spec, table):
            if table_relation_holds(rel, table) is not False:
                continue
            touched = {rel["total"], *rel["parts"]} & wrong
            explained |= touched
            if not touched:
                out.append(f"table {t}: {rel['kind']} at {rel['total']} does not hold")
        out += [f"table {t}: expected finding at {rc} breaks no relation" for rc in wrong - explained]
    return out


def _review_findings(gold, flat, layout) -> list[str]:
    out = []
    broken = [r for r in gold["relations"] if r.get("broken")]
    if broken and not gold["findings"]:
        out.append("broken relations but no expected findings")
    for f in gold["findings"]:
        if f.get("where") == "table":
            cell = f.get("cell", {})
            try:
                written = layout.tables[cell["table"]].rows[cell["row"]][cell["col"]]
            except (KeyError, IndexError):
                out.append(f"finding {f}: cell not in a table")
                continue
            if written != f.get("text"):
                out.append(f"finding {f.get('check')}: cell holds {written!r}, not {f.get('text')!r}")
        else:
            context = f.get("context", "")
            if flat.count(context) != 1 or f.get("text", "") not in context:
                out.append(f"finding {f.get('check')}: context {context!r} not unique or lacks the number")
    return out


def number_of(surface: str) -> Number | None:
    return parse_number(surface.strip().rstrip("%").strip())
