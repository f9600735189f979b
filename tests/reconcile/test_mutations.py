"""Mutation suite on the project's corpus: every number of every hand-written gold relation is
changed by one unit of its last printed digit (up and down); when the change breaks the relation
under the rounding rule, `check` must report it, with the changed number among the finding's
locations, and raise no new warning or error about anything else."""
import json
import re
from pathlib import Path

import pytest

from extractor.model import Mention
from extractor.reconcile import check
from extractor.reconcile.interval import Interval, percentage_holds, total
from extractor.vn.dates import find_dates
from extractor.vn.numbers import format_number, parse_number

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PERCENT_KINDS = ("percentage", "ratio")


def number(surface: str):
    return parse_number(surface.strip().rstrip("%").strip())


def changed(surface: str, step: int) -> str | None:
    """The surface with its last printed digit moved by `step`, keeping leading zeros."""
    core = surface.strip().rstrip("%").strip()
    n = parse_number(core)
    value = n.value + step * 10 ** -n.decimals
    if value < 0:
        return None
    text = format_number(round(value, n.decimals), n.decimals)
    if core.startswith("0") and len(text) < len(core):
        text = text.zfill(len(core))
    return text


def holds(kind: str, total_surface: str, parts: list[str]) -> bool:
    """The relation under the rounding rule: figures printed with decimals are intervals."""
    def interval(s):
        n = number(s)
        rounded = n.decimals or s.strip().endswith("%")
        return Interval.printed(n.value, n.decimals) if rounded else Interval.exact(n.value)
    if kind in PERCENT_KINDS:
        p = number(total_surface)
        return percentage_holds(p.value, p.decimals, number(parts[0]).value, number(parts[1]).value)
    return interval(total_surface).overlaps(total(interval(p) for p in parts))


def locate(text: str, context: str, surface: str) -> tuple[int, int] | None:
    """Where `surface` is written: inside the context snippet, else nearest to it (not in a date)."""
    at = text.find(context)
    if at < 0:
        return None
    pattern = r"(?<![\d.,/])" + re.escape(surface.strip().rstrip("%")) + r"(?!\d|[.,]\d)"
    window = max(0, at - 400)
    dates = [(window + d.start, window + d.end) for d in find_dates(text[window:at + len(context) + 400])]
    found = [(m.start() + window, m.end() + window) for m in re.finditer(pattern, text[window:at + len(context) + 400])]
    found = [f for f in found if not any(a <= f[0] < b for a, b in dates)]
    inside = [f for f in found if at <= f[0] < at + len(context)]
    if inside:
        return inside[0]
    return min(found, key=lambda f: abs(f[0] - at)) if found else None


def mutations(gold: dict, text: str):
    seen = set()
    for rel in gold["relations"]:
        if rel.get("broken") or rel["kind"] == "text_vs_table":
            continue
        for surface in [rel["total"], *rel["parts"]]:
            span = locate(text, rel["context"], surface)
            if span is None or span in seen:
                continue
            seen.add(span)
            for step in (1, -1):
                new = changed(surface, step)
                if new is None:
                    continue
                total_ = new if rel["total"] == surface else rel["total"]
                parts = [new if s == surface else s for s in rel["parts"]]
                if holds(rel["kind"], total_, parts):
                    continue
                yield span, new


def raised(extract, path: Path):
    doc = check(extract(path))
    return [f for f in doc.findings if f.severity in ("error", "warning")]


def signature(f):
    return (f.check, tuple(getattr(loc, "text", None) for loc in f.locations))


def names(finding, new: str) -> bool:
    """Whether the changed number is among the finding's locations."""
    return any(isinstance(loc, Mention) and new in re.split(r"[/\s%()]+", loc.text) for loc in finding.locations)


@pytest.fixture(scope="module")
def results(extract, tmp_path_factory):
    out = {"mutations": 0, "detected": 0, "misses": [], "false": []}
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        source = CORPUS / "reports" / f"{gold['report']}.md"
        text = source.read_text("utf-8")
        baseline = {signature(f) for f in raised(extract, source)}
        for (a, b), new in mutations(gold, text):
            path = tmp_path_factory.mktemp("mut") / source.name
            path.write_text(text[:a] + new + text[b:], "utf-8")
            found = raised(extract, path)
            hit = [f for f in found if names(f, new)]
            out["mutations"] += 1
            out["detected"] += bool(hit)
            if not hit:
                out["misses"].append((gold["report"], text[max(0, a - 30):b + 10], new))
            new_false = [f.message for f in found if f not in hit and signature(f) not in baseline]
            if new_false:
                out["false"].append((gold["report"], new, new_false))
    return out


def test_mutation_recall(results):
    if not results["mutations"]:
        pytest.skip("no corpus")
    recall = results["detected"] / results["mutations"]
    assert recall >= 0.99, results["misses"]


def test_no_false_findings_under_mutation(results):
    assert results["false"] == []


# -- the generator's reports and mutants -------------------------------------------------------

GENERATED_REPORTS, MUTANTS_EACH, GENERATOR_SEED = 30, 4, 11


@pytest.fixture(scope="module")
def generated(extract, tmp_path_factory):
    from extractor.devtools.generate import compose, mutate, mutation_finding
    from extractor.devtools.mutation import tolerated_mutant
    from extractor.devtools.score import points_at, serious
    from extractor.model import to_dict

    folder = tmp_path_factory.mktemp("generated")
    out = {"clean_raised": [], "tolerated": 0, "tolerated_raised": [], "mutations": 0, "detected": 0,
           "misses": [], "stray": []}

    def run(report, name):
        path = folder / f"{name}.md"
        path.write_text(report.markup(), "utf-8")
        pred = to_dict(check(extract(path)), with_blocks=True)
        return pred, serious(pred["findings"])

    for i in range(GENERATED_REPORTS):
        report = compose(GENERATOR_SEED, i)
        _, raised_clean = run(report, report.id)
        out["clean_raised"] += [f["message"] for f in raised_clean]
        if found := tolerated_mutant(report, GENERATOR_SEED):
            out["tolerated"] += 1
            out["tolerated_raised"] += [f["message"] for f in run(found[0], f"{report.id}-t")[1]]
        for k in range(MUTANTS_EACH):
            mutant, record = mutate(report, GENERATOR_SEED, k)
            pred, found = run(mutant, f"{report.id}-m{k}")
            expected = mutation_finding(record)
            hits = [f for f in found if points_at(f, expected, pred["blocks"])]
            out["mutations"] += 1
            out["detected"] += bool(hits)
            if not hits:
                out["misses"].append(record)
            out["stray"] += [f["message"] for f in found if f not in hits]
    return out


def test_generated_clean_reports_raise_nothing(generated):
    assert generated["clean_raised"] == []


def test_changes_within_rounding_raise_nothing(generated):
    assert generated["tolerated"] > 0
    assert generated["tolerated_raised"] == []


def test_generated_mutations_are_reported_alone(generated):
    assert generated["detected"] / generated["mutations"] >= 0.99, generated["misses"]
    assert generated["stray"] == []
