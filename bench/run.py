"""The accuracy and speed bench: one command that says how well the extractor does.

    python -m bench.run [--corpus corpus] [--generated N] [--mutations K] [--seed S]
                        [--min-f1 X] [--min-mutation-recall Y] [--max-false-findings Z]
                        [--out docs/benchmarks.md]

It parses every corpus report (each format present: .md, .docx, .pdf) and N generated ones,
runs the stages that exist (parse -> extract -> check), scores them against gold (P/R/F1 per
field, metadata accuracy), runs K single-number mutants per generated report through the
checker (mutation recall, stray findings), counts warnings/errors on clean reports, and times
the PDF parser against bare pdfplumber on the same files (pages per second, peak memory).
A stage that is not there is reported "not available" instead of failing. The table goes to
stdout and, with --out, to a Markdown file with the date. Exit status 1 when a threshold given
on the command line is not met.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from extractor.devtools.gold import load_corpus
from extractor.devtools.score import (
    FIELDS, METADATA, FindingScore, Tally, score_document, score_findings, serious,
)

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (".md", ".txt", ".docx", ".pdf")


# --------------------------------------------------------------------------------------------
# Stages


@dataclass
class Stages:
    parse_bytes: Callable | None
    extract: Callable | None
    check: Callable | None
    missing: dict[str, str] = field(default_factory=dict)


def load_stages() -> Stages:
    missing = {}
    fns: dict[str, Callable | None] = {}
    for name, module, attr in (("parse", "extractor.parse", "parse_bytes"),
                               ("extract", "extractor.nlp", "extract"),
                               ("check", "extractor.reconcile", "check")):
        try:
            mod = __import__(module, fromlist=[attr])
            fns[name] = getattr(mod, attr)
        except (ImportError, AttributeError) as exc:
            fns[name] = None
            missing[name] = f"{type(exc).__name__}: {exc}"
    return Stages(fns["parse"], fns["extract"], fns["check"], missing)


@dataclass
class Run:
    doc: Any = None
    output: dict[str, Any] | None = None
    error: str | None = None
    stage_reached: str = "none"


def run_pipeline(stages: Stages, data: bytes, source: str) -> Run:
    from extractor.model import to_dict

    r = Run()
    doc = None
    try:
        doc = stages.parse_bytes(data, source)
        r.stage_reached = "parse"
        if stages.extract:
            doc = stages.extract(doc)
            r.stage_reached = "extract"
        if stages.check:
            doc = stages.check(doc)
            r.stage_reached = "check"
    except Exception as exc:  # the bench reports failures instead of stopping
        r.error = f"{type(exc).__name__}: {exc}"
    if doc is not None:
        r.doc = doc
        r.output = to_dict(doc, with_blocks=True)
    return r


# --------------------------------------------------------------------------------------------
# Documents to score


@dataclass
class Case:
    name: str
    group: str  # dev | heldout | generated
    fmt: str
    data: bytes
    gold: dict[str, Any]


def corpus_cases(corpus: Path) -> list[Case]:
    cases = []
    for report in load_corpus(corpus):
        for suffix in FORMATS:
            path = report.path.with_suffix(suffix)
            if path.is_file():
                cases.append(Case(f"{report.id}{suffix}", report.gold["split"], suffix[1:], path.read_bytes(), report.gold))
    return cases


def generated_cases(n: int, seed: int) -> list[Case]:
    from extractor.devtools.generate import compose

    out = []
    for i in range(n):
        g = compose(seed, i)
        out.append(Case(f"{g.id}.md", "generated", "md", g.markup().encode("utf-8"), g.gold))
    return out


def mutant_cases(n: int, k: int, seed: int) -> list[Case]:
    from extractor.devtools.generate import compose, mutate, mutation_finding

    out = []
    for i in range(n):
        g = compose(seed, i)
        for j in range(k):
            mutant, record = mutate(g, seed, j)
            gold = {"findings": [mutation_finding(record)], "mutation": record}
            out.append(Case(f"{g.id}-m{j}.md", "mutant", "md", mutant.markup().encode("utf-8"), gold))
    return out


def progress(i: int, n: int, label: str) -> None:
    if sys.stderr.isatty() or i == n:
        width = 30
        done = int(width * i / max(n, 1))
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {label[:40]:<40}")
        if i == n:
            sys.stderr.write("\n")
        sys.stderr.flush()


# --------------------------------------------------------------------------------------------
# Accuracy


@dataclass
class Accuracy:
    fields: dict[str, dict[str, Tally]] = field(default_factory=dict)  # group -> field -> tally
    metadata: dict[str, dict[str, list[bool]]] = field(default_factory=dict)
    findings: dict[str, FindingScore] = field(default_factory=dict)  # group -> expected findings
    clean_false: dict[str, int] = field(default_factory=dict)  # group -> warnings/errors on clean docs
    clean_docs: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    docs: int = 0
    stage: str = "none"

    def tally(self, group: str, name: str) -> Tally:
        return self.fields.setdefault(group, {}).setdefault(name, Tally())


def measure_accuracy(stages: Stages, cases: list[Case]) -> Accuracy:
    acc = Accuracy()
    for i, case in enumerate(cases, start=1):
        progress(i, len(cases), case.name)
        run = run_pipeline(stages, case.data, case.name)
        acc.docs += 1
        acc.stage = run.stage_reached if acc.stage == "none" else acc.stage
        if run.error:
            acc.errors.append(f"{case.name}: {run.error}")
        if run.output is None:
            continue
        groups = (case.group, "all") if case.group != "generated" else ("generated",)
        s = score_document(run.output, case.gold)
        for g in groups:
            for name, t in s.fields.items():
                acc.tally(g, name).add(t)
            for name, ok in s.metadata.items():
                acc.metadata.setdefault(g, {}).setdefault(name, []).append(ok)
        if run.stage_reached == "check":
            _score_checks(acc, run, case, groups)
    return acc


def _score_checks(acc: Accuracy, run: Run, case: Case, groups) -> None:
    blocks = run.output.get("blocks", [])
    expected = case.gold.get("findings", [])
    fs = score_findings(run.output, expected, blocks)
    for g in groups:
        acc.findings.setdefault(g, FindingScore()).add(fs)
        if not expected:
            acc.clean_docs[g] = acc.clean_docs.get(g, 0) + 1
            acc.clean_false[g] = acc.clean_false.get(g, 0) + len(serious(run.output.get("findings", [])))


@dataclass
class Mutation:
    total: int = 0
    detected: int = 0
    stray: int = 0
    errors: int = 0
    by_relation: dict[str, list[int]] = field(default_factory=dict)


def measure_mutations(stages: Stages, cases: list[Case]) -> Mutation | None:
    if not stages.check:
        return None
    m = Mutation()
    for i, case in enumerate(cases, start=1):
        progress(i, len(cases), case.name)
        run = run_pipeline(stages, case.data, case.name)
        m.total += 1
        kind = case.gold["mutation"]["relation"] + "/" + case.gold["mutation"]["where"]
        row = m.by_relation.setdefault(kind, [0, 0])
        row[1] += 1
        if run.output is None or run.stage_reached != "check":
            m.errors += 1
            continue
        fs = score_findings(run.output, case.gold["findings"], run.output.get("blocks", []))
        m.detected += fs.detected
        row[0] += fs.detected
        m.stray += fs.stray
    return m


# --------------------------------------------------------------------------------------------
# Speed


@dataclass
class Speed:
    files: int = 0
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    tracemalloc.start()
    t0 = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20


SEED_PDF = ROOT.parent / "shared" / "corpus" / "seed" / "bao-cao-tdkt-2023.pdf"


def speed_files(corpus: Path, generated: int, seed: int, folder: Path) -> list[Path]:
    """The corpus PDFs, the shared seed PDF when present, and `generated` rendered reports."""
    from extractor.devtools.generate import compose, write_report

    files = sorted(corpus.glob("reports/*.pdf"))
    if SEED_PDF.is_file():
        files.append(SEED_PDF)
    for i in range(generated):
        g = compose(seed + 1, i)
        write_report(g, folder, ("pdf",))
        files.append(folder / f"{g.id}.pdf")
    return files


def measure_speed(stages: Stages, pdfs: list[Path]) -> Speed | None:
    import pdfplumber

    if not pdfs:
        return None
    sp = Speed(files=len(pdfs))

    def bare():
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()

    def ours(until: str):
        def go():
            for p in pdfs:
                run = run_pipeline(Stages(stages.parse_bytes, stages.extract if until != "parse" else None,
                                          stages.check if until == "check" else None), p.read_bytes(), str(p))
                if run.error:
                    raise RuntimeError(run.error)
        return go

    with_pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            with_pages += len(pdf.pages)
    sp.pages = with_pages
    sp.seconds["pdfplumber"], sp.peak_mb["pdfplumber"] = _timed(bare)
    if stages.parse_bytes:
        for until in ("parse", "check"):
            if until == "check" and not (stages.extract and stages.check):
                continue
            try:
                sp.seconds[until], sp.peak_mb[until] = _timed(ours(until))
            except Exception as exc:  # reported, not fatal
                print(f"speed ({until}) failed: {exc}", file=sys.stderr)
    return sp


# --------------------------------------------------------------------------------------------
# Report


def fmt(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def render(acc: Accuracy, mut: Mutation | None, speed: Speed | None, stages: Stages, args) -> str:
    today = dt.date.today().isoformat()
    lines = [f"# Benchmarks", "", f"Run on {today} with `python -m bench.run {' '.join(args.argv)}`.", ""]
    lines.append("Stages: " + ", ".join(
        f"{s} {'not available' if s in stages.missing else 'ok'}" for s in ("parse", "extract", "check")))
    if acc.errors:
        lines.append(f"Documents that failed: {len(acc.errors)} of {acc.docs} (first: {acc.errors[0]})")
    lines += ["", "## Extraction (precision / recall / F1)", ""]
    groups = [g for g in ("all", "dev", "heldout", "generated") if g in acc.fields]
    head = "| field | P (all) | R (all) | F1 (all) | " + " | ".join(f"F1 {g}" for g in groups if g != "all") + " |"
    lines += [head, "|" + "---|" * (4 + len([g for g in groups if g != "all"]))]
    for name in FIELDS:
        t = acc.fields.get("all", {}).get(name, Tally())
        row = [name, fmt(t.precision), fmt(t.recall), fmt(t.f1)]
        row += [fmt(acc.fields[g].get(name, Tally()).f1) for g in groups if g != "all"]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "Document metadata accuracy (exact match):", "",
              "| field | " + " | ".join(groups) + " |", "|" + "---|" * (1 + len(groups))]
    for name in METADATA:
        cells = []
        for g in groups:
            values = acc.metadata.get(g, {}).get(name, [])
            cells.append(fmt(sum(values) / len(values)) if values else "n/a")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "## Verification", ""]
    if "check" in stages.missing:
        lines.append("Checker: not available.")
    else:
        for g in ("dev", "heldout", "generated"):
            if g in acc.clean_docs:
                lines.append(f"- clean {g} reports: {acc.clean_docs[g]}, warnings/errors on them: {acc.clean_false.get(g, 0)}")
        fs = acc.findings.get("all")
        if fs and fs.expected:
            lines.append(f"- deliberate errors in hand-written reports: {fs.detected}/{fs.expected} found")
        if mut:
            recall = mut.detected / mut.total if mut.total else None
            lines.append(f"- mutation recall: {fmt(recall)} ({mut.detected}/{mut.total}); stray warnings/errors on "
                         f"mutants: {mut.stray}; mutants the checker failed on: {mut.errors}")
            for kind, (hit, n) in sorted(mut.by_relation.items()):
                lines.append(f"  - {kind}: {hit}/{n}")
    lines += ["", "## Speed (PDF)", ""]
    if speed is None:
        lines.append("Not measured (--no-speed, or no PDF in the corpus).")
    else:
        lines += [f"{speed.files} PDF files, {speed.pages} pages.", "",
                  "| run | seconds | pages/s | peak memory (MiB) |", "|---|---|---|---|"]
        for name, label in (("pdfplumber", "bare pdfplumber (text + tables)"), ("parse", "extractor parse"),
                            ("check", "extractor parse + extract + check")):
            if name in speed.seconds:
                sec = speed.seconds[name]
                lines.append(f"| {label} | {sec:.2f} | {speed.pages / sec:.1f} | {speed.peak_mb[name]:.1f} |")
    return "\n".join(lines) + "\n"


def thresholds_failed(acc: Accuracy, mut: Mutation | None, stages: Stages, args) -> list[str]:
    failed = []
    if args.min_f1 is not None and "extract" not in stages.missing:
        for name in FIELDS:
            f1 = acc.fields.get("all", {}).get(name, Tally()).f1
            if f1 is not None and f1 < args.min_f1:
                failed.append(f"{name} F1 {f1:.3f} < {args.min_f1}")
    if args.min_mutation_recall is not None and mut and mut.total:
        recall = mut.detected / mut.total
        if recall < args.min_mutation_recall:
            failed.append(f"mutation recall {recall:.3f} < {args.min_mutation_recall}")
    if args.max_false_findings is not None and "check" not in stages.missing:
        false = sum(v for g, v in acc.clean_false.items() if g in ("dev", "heldout", "generated"))
        if false > args.max_false_findings:
            failed.append(f"{false} warnings/errors on clean reports > {args.max_false_findings}")
    if args.require_stages and stages.missing:
        failed.append("missing stages: " + ", ".join(stages.missing))
    if acc.errors and args.min_f1 is not None:
        failed.append(f"{len(acc.errors)} documents failed to process")
    return failed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(ROOT / "corpus"))
    p.add_argument("--generated", type=int, default=20, help="generated reports to score")
    p.add_argument("--mutations", type=int, default=2, help="mutants per generated report")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--min-f1", type=float, default=None, help="fail if any field's F1 is below")
    p.add_argument("--min-mutation-recall", type=float, default=None)
    p.add_argument("--max-false-findings", type=int, default=None, help="fail if clean reports get more warnings/errors")
    p.add_argument("--require-stages", action="store_true", help="fail when a stage is not available")
    p.add_argument("--no-speed", action="store_true")
    p.add_argument("--speed-generated", type=int, default=5, help="generated reports rendered to PDF for the speed run")
    p.add_argument("--out", default=None, help="write the Markdown report here (e.g. docs/benchmarks.md)")
    args = p.parse_args(argv)
    args.argv = argv
    stages = load_stages()
    if stages.parse_bytes is None:
        print("parse stage not available: nothing to measure", file=sys.stderr)
        return 1
    for name, why in stages.missing.items():
        print(f"stage {name}: not available ({why})", file=sys.stderr)
    cases = corpus_cases(Path(args.corpus)) + generated_cases(args.generated, args.seed)
    acc = measure_accuracy(stages, cases)
    mut = measure_mutations(stages, mutant_cases(args.generated, args.mutations, args.seed)) if args.mutations else None
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = [] if args.no_speed else speed_files(Path(args.corpus), args.speed_generated, args.seed, Path(tmp))
        speed = measure_speed(stages, pdfs)
    text = render(acc, mut, speed, stages, args)
    sys.stdout.write(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, "utf-8")
    failed = thresholds_failed(acc, mut, stages, args)
    for f in failed:
        print(f"below threshold: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
