"""The accuracy and speed bench: one command that says how well the extractor does.

    python -m bench.run [--corpus corpus] [--generated N] [--mutations K] [--seed S]
                        [--mutation-formats md,docx,pdf] [--mutation-sample M] [--seed-dir DIR]
                        [--min-f1 SPEC] [--min-mutation-recall SPEC] [--max-false-findings Z]
                        [--out docs/benchmarks.md]

It parses every corpus report (each format present: .md, .docx, .pdf), N generated ones and the
shared seed report's three renderings, runs the stages that exist (parse -> extract -> check),
and scores them against gold (P/R/F1 per field, metadata accuracy). The real documents of
../shared/corpus/real that have a hand-written gold in tests/corpus/real_gold are scored as a
group of their own ("real", held out: no threshold is set on it by default), with every miss and
false positive listed per document and every warning or error the checker raises on them sorted
into true errors (in the gold's findings) and false alarms. With --real-files, the real binary files
of ../shared/corpus/real-files that have a hand gold in tests/corpus/real_files_gold are scored the
same way in two columns, real-files-dev and real-files-heldout (held-out: totals only), with recipient
F1 by kind, exact list lengths, hand-found inconsistencies found, warnings/errors on relations that
hold and documents with checks carried out; a file the reader cannot read counts as misses. The checker is judged on
clean reports (no warning or error expected), on the deliberate errors of the hand-written
reports and of the seed, on K single-number mutants per generated report (Markdown, and a sample
of M rendered to DOCX and PDF: recall per format), and on mutants changed within rounding (no
finding expected). The speed section times the full pipeline against bare pdfplumber on the same
PDFs (pages per second, peak memory) and the extract and check stages against parsing on the
seed PDF. A stage that is not there is reported "not available" instead of failing. The report
goes to stdout and, with --out, to a Markdown file. Exit status 1 when a threshold is not met.

Threshold SPECs: "0.9" (every field), "awards=0.95,references=0.98", "0.85,seed.awards=0.4";
a key is FIELD or GROUP.FIELD (groups: all = the hand corpus, dev, heldout, generated, seed, real,
real-dev, real-heldout, real-files, real-files-dev, real-files-heldout;
sentences-dev / sentences-heldout = the award counts of ../shared/corpus/real-sentences;
unqualified keys are the hand corpus), FIELD one of the F1 fields or a metadata field (exact-match
accuracy). Mutation recall: "0.95" (every format) or "md=0.95,pdf=0.9".
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
    FIELDS, METADATA, RECIPIENT_KINDS, FindingScore, RealFindingScore, RecipientScore, Tally, checks_carried_out,
    field_items, located, mismatches, points_at, score_document, score_findings, score_real_findings,
    score_recipients, score_sentence_awards, sentence_award_key, serious,
)

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (".md", ".txt", ".docx", ".pdf")
MUTANT_FORMATS = ("md", "docx", "pdf")
SEED_DIR = ROOT.parent / "shared" / "corpus" / "seed"
SEED_GOLD = ROOT / "tests" / "corpus" / "seed_gold.json"
REAL_DIR = ROOT.parent / "shared" / "corpus" / "real"
REAL_GOLD = ROOT / "tests" / "corpus" / "real_gold"
REAL_FILES_DIR = ROOT.parent / "shared" / "corpus" / "real-files"
REAL_FILES_GOLD = ROOT / "tests" / "corpus" / "real_files_gold"
REAL_FILE_FIELDS = ("references", "reference_dates", "awards")
SENTENCES_DIR = ROOT.parent / "shared" / "corpus" / "real-sentences"
SENTENCES_GOLD = ROOT / "tests" / "corpus" / "real_sentences_gold.json"
GROUPS = ("all", "dev", "heldout", "generated", "seed", "real", "real-dev", "real-heldout",
          "real-files", "real-files-dev", "real-files-heldout", "sentences-dev", "sentences-heldout")
EXTRACT_BUDGET = 0.3  # issue 4: extracting costs at most 0.3x parsing


# --------------------------------------------------------------------------------------------
# Stages


@dataclass
class Stages:
    parse_bytes: Callable | None
    extract: Callable | None
    check: Callable | None
    missing: dict[str, str] = field(default_factory=dict)

    def until(self, last: str) -> "Stages":
        """The same stages, stopping after `last`."""
        return Stages(self.parse_bytes, self.extract if last != "parse" else None,
                      self.check if last == "check" else None)


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
    group: str  # dev | heldout | generated | seed | real | mutant | tolerated
    fmt: str
    data: bytes
    gold: dict[str, Any]


def corpus_cases(corpus: Path) -> list[Case]:
    cases = []
    for report in load_corpus(corpus):
        for suffix in FORMATS:
            path = report.path.with_suffix(suffix)
            if path.is_file():
                cases.append(Case(f"{report.id}{suffix}", report.gold["split"], suffix[1:], path.read_bytes(),
                                  report.gold))
    return cases


def seed_cases(seed_dir: Path) -> list[Case]:
    """The shared seed report's renderings scored against tests/corpus/seed_gold.json; none when
    ../shared is absent."""
    if not seed_dir.is_dir() or not SEED_GOLD.is_file():
        return []
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    return [Case(p.name, "seed", p.suffix[1:], p.read_bytes(), gold)
            for suffix in (".md", ".docx", ".pdf") for p in sorted(seed_dir.glob(f"*{suffix}"))]


def real_cases(real_dir: Path, gold_dir: Path = REAL_GOLD) -> list[Case]:
    """The real documents that have a gold file (`<stem>.json` for `<stem>.txt`), group "real";
    none when either folder is absent."""
    if not real_dir.is_dir() or not gold_dir.is_dir():
        return []
    out = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        text = real_dir / f"{gold_path.stem}.txt"
        if text.is_file():
            out.append(Case(text.name, "real", "txt", text.read_bytes(), json.loads(gold_path.read_text("utf-8"))))
    return out


def real_file_cases(folder: Path, gold_dir: Path = REAL_FILES_GOLD, only: set[str] | None = None) -> list[Case]:
    """The real binary files that have a hand gold (`<stem>.json` naming its file in `source`),
    group "real-files"; `only` keeps the files whose number ("101") or stem it names. None when
    either folder is absent."""
    if not folder.is_dir() or not gold_dir.is_dir():
        return []
    out = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = folder / Path(gold["source"]).name
        if only is not None and not {gold_path.stem, gold_path.stem.split("_", 1)[0]} & only:
            continue
        if path.is_file():
            out.append(Case(path.name, "real-files", path.suffix[1:].lower(), path.read_bytes(), gold))
    return out


def generated_cases(n: int, seed: int) -> list[Case]:
    from extractor.devtools.generate import compose

    out = []
    for i in range(n):
        g = compose(seed, i)
        out.append(Case(f"{g.id}.md", "generated", "md", g.markup().encode("utf-8"), g.gold))
    return out


def spread(items: list, k: int) -> list:
    """`k` items spaced evenly through `items` (all of them when k >= len)."""
    if k >= len(items):
        return list(items)
    return [items[i * len(items) // k] for i in range(k)]


def rendered(report, fmt: str, folder: Path) -> bytes:
    """A generated report (or mutant) in `fmt`, through the generator's own renderers."""
    from extractor.devtools.generate import write_report

    if fmt == "md":
        return report.markup().encode("utf-8")
    write_report(report, folder, (fmt,))
    return (folder / f"{report.id}.{fmt}").read_bytes()


def mutant_cases(n: int, k: int, seed: int, formats: tuple[str, ...], sample: int, folder: Path) -> list[Case]:
    """K breaking mutants of each of the N generated reports as Markdown, and `sample` of them
    (spread over the list) rendered to each other format."""
    from extractor.devtools.generate import compose
    from extractor.devtools.mutation import expected_findings, mutate

    mutants = []
    for i in range(n):
        g = compose(seed, i)
        for j in range(k):
            mutant, record = mutate(g, seed, j)
            mutant.id = f"{g.id}-m{j}"
            mutants.append((mutant, record))
    out = []
    for fmt in formats:
        for mutant, record in (mutants if fmt == "md" else spread(mutants, sample)):
            gold = {"findings": expected_findings(record), "mutation": record}
            out.append(Case(f"{mutant.id}.{fmt}", "mutant", fmt, rendered(mutant, fmt, folder), gold))
    return out


def tolerated_cases(n: int, seed: int) -> list[Case]:
    """For each generated report that has one, a mutant changed within rounding (no finding owed)."""
    from extractor.devtools.generate import compose
    from extractor.devtools.mutation import tolerated_mutant

    out = []
    for i in range(n):
        g = compose(seed, i)
        found = tolerated_mutant(g, seed)
        if found:
            mutant, record = found
            gold = {"findings": [], "mutation": record}
            out.append(Case(f"{g.id}-t0.md", "tolerated", "md", mutant.markup().encode("utf-8"), gold))
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
    findings: dict[str, FindingScore] = field(default_factory=dict)  # group (or seed.FMT) -> expected findings
    clean_false: dict[str, int] = field(default_factory=dict)  # group -> warnings/errors on clean docs
    clean_docs: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    real_docs: list["RealDoc"] = field(default_factory=list)
    real_errors: list[str] = field(default_factory=list)  # kept apart: they gate nothing
    real_file_docs: list["RealDoc"] = field(default_factory=list)
    real_file_errors: dict[str, list[str]] = field(default_factory=dict)  # split -> unreadable files (scored as misses)
    recipients: dict[str, RecipientScore] = field(default_factory=dict)  # group -> recipient names / list lengths
    real_findings: dict[str, RealFindingScore] = field(default_factory=dict)
    checked: dict[str, list[int]] = field(default_factory=dict)  # group -> [docs with >= 1 check, docs saying, docs]
    docs: int = 0
    stage: str = "none"

    def tally(self, group: str, name: str) -> Tally:
        return self.fields.setdefault(group, {}).setdefault(name, Tally())

    def f1(self, group: str, name: str) -> float | None:
        return self.fields.get(group, {}).get(name, Tally()).f1

    def metadata_accuracy(self, group: str, name: str) -> float | None:
        values = self.metadata.get(group, {}).get(name, [])
        return sum(values) / len(values) if values else None


def score_groups(group: str) -> tuple[str, ...]:
    """The table columns a case counts in: hand-written reports also in "all"."""
    return (group, "all") if group in ("dev", "heldout") else (group,)


def measure_accuracy(stages: Stages, cases: list[Case]) -> Accuracy:
    acc = Accuracy()
    for i, case in enumerate(cases, start=1):
        progress(i, len(cases), case.name)
        run = run_pipeline(stages, case.data, case.name)
        acc.docs += 1
        acc.stage = run.stage_reached if acc.stage == "none" else acc.stage
        if case.group == "real-files":
            _score_real_file(acc, case, run)
            continue
        if run.error:
            (acc.real_errors if case.group == "real" else acc.errors).append(f"{case.name}: {run.error}")
        if run.output is None:
            continue
        groups = score_groups(case.group)
        if case.group == "real":
            groups += (f"real-{case.gold.get('split', 'heldout')}",)
        s = score_document(run.output, case.gold)
        for g in groups:
            for name, t in s.fields.items():
                acc.tally(g, name).add(t)
            for name, ok in s.metadata.items():
                acc.metadata.setdefault(g, {}).setdefault(name, []).append(ok)
        if run.stage_reached == "check":
            _score_checks(acc, run, case, groups)
        if case.group == "real":
            acc.real_docs.append(real_doc(case, run))
    return acc


def _score_real_file(acc: Accuracy, case: Case, run: Run) -> None:
    """A real binary file against its hand gold. A file the reader cannot read is scored as an empty
    output (every gold record missed), never as a crash, and gates nothing by itself."""
    split = case.gold.get("split", "heldout")
    if run.error:
        acc.real_file_errors.setdefault(split, []).append(f"{case.name}: {run.error}")
    output = run.output if run.output is not None else {}
    groups = ("real-files", f"real-files-{split}")
    s = score_document(output, case.gold)
    recipients = score_recipients(output, case.gold)
    findings = score_real_findings(output, case.gold)
    checks = checks_carried_out(output)
    for g in groups:
        for name, t in s.fields.items():
            acc.tally(g, name).add(t)
        for name, ok in s.metadata.items():
            acc.metadata.setdefault(g, {}).setdefault(name, []).append(ok)
        if recipients is not None:
            acc.recipients.setdefault(g, RecipientScore()).add(recipients)
        acc.real_findings.setdefault(g, RealFindingScore()).add(findings)
        row = acc.checked.setdefault(g, [0, 0, 0])
        row[0] += bool(checks)
        row[1] += checks is not None
        row[2] += 1
    acc.real_file_docs.append(real_doc(case, Run(output=output, error=run.error)))


def _score_checks(acc: Accuracy, run: Run, case: Case, groups) -> None:
    expected = case.gold.get("findings", [])
    fs = score_findings(run.output, expected, run.output.get("blocks", []))
    for g in (*groups, *((f"{case.group}.{case.fmt}",) if case.group == "seed" else ())):
        acc.findings.setdefault(g, FindingScore()).add(fs)
        if not expected:
            acc.clean_docs[g] = acc.clean_docs.get(g, 0) + 1
            acc.clean_false[g] = acc.clean_false.get(g, 0) + len(serious(run.output.get("findings", [])))


@dataclass
class RealDoc:
    """What the pipeline got wrong on one real document, in the words of its gold."""

    name: str
    split: str = "heldout"
    misses: dict[str, list[str]] = field(default_factory=dict)  # field -> gold records not output
    extras: dict[str, list[str]] = field(default_factory=dict)  # field -> output records not in gold
    metadata: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (gold, output) when they differ
    true_errors: list[str] = field(default_factory=list)  # warnings/errors on a number the gold's findings name
    false_alarms: list[str] = field(default_factory=list)  # the other warnings/errors


GAP = " [gap]"  # marks a gold record the conventions do not settle (see the gold file's notes)


def gap_labels(gold: dict[str, Any]) -> set[str]:
    """Labels of the gold records marked `"gap": true`."""
    marked = {key: [r for r in gold.get(key, []) if r.get("gap")] for key in ("references", "campaigns")}
    return {label for items in field_items(marked).values() for _, label in items}


def real_doc(case: Case, run: Run) -> RealDoc:
    doc = RealDoc(case.name, case.gold.get("split", "heldout"))
    if run.output is None:
        return doc
    gaps = gap_labels(case.gold)
    p_items, g_items = field_items(run.output), field_items(case.gold)
    for name in FIELDS:
        missed, extra = mismatches(p_items[name], g_items[name])
        doc.misses[name] = [m + GAP if m in gaps else m for m in missed]
        doc.extras[name] = extra
    doc_p, doc_g = run.output.get("document", {}), case.gold["document"]
    for name, ok in score_document(run.output, case.gold).metadata.items():
        if not ok:
            doc.metadata[name] = (doc_g.get(name), doc_p.get(name))
    expected, blocks = case.gold.get("findings", []), run.output.get("blocks", [])
    for f in serious(run.output.get("findings", [])):
        where = ", ".join(repr(loc.get("text", "")) for loc in f.get("locations", [])[:3])
        line = f"{f.get('check')} {f.get('severity')} at {where}: {f.get('message')}"
        true = any(points_at(f, e, blocks) for e in expected)
        (doc.true_errors if true else doc.false_alarms).append(line)
    return doc


@dataclass
class Mutation:
    total: int = 0
    detected: int = 0
    located: int = 0
    stray: int = 0
    errors: int = 0
    by_relation: dict[str, list[int]] = field(default_factory=dict)  # relation/where -> [detected, total]
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.detected / self.total if self.total else None


def measure_mutations(stages: Stages, cases: list[Case]) -> dict[str, Mutation] | None:
    """Breaking mutants by format: detected (a warning/error on the changed number), located (the
    changed number is where the record says in the parsed document), stray findings."""
    if not stages.check:
        return None
    by_format: dict[str, Mutation] = {}
    for i, case in enumerate(cases, start=1):
        progress(i, len(cases), case.name)
        m = by_format.setdefault(case.fmt, Mutation())
        run = run_pipeline(stages, case.data, case.name)
        record = case.gold["mutation"]
        row = m.by_relation.setdefault(f"{record['relation']}/{record['where']}", [0, 0])
        m.total += 1
        row[1] += 1
        if run.output is None or run.stage_reached != "check":
            m.errors += 1
            continue
        expected = case.gold["findings"]
        fs = score_findings(run.output, expected, run.output.get("blocks", []))
        m.located += located(run.output, expected[0])
        m.detected += fs.detected
        row[0] += fs.detected
        m.stray += fs.stray
        if not fs.detected:
            m.misses.append(f"{case.name} ({record['relation']}/{record['where']} {record['old']} -> {record['new']})")
    return by_format


@dataclass
class Tolerated:
    total: int = 0
    raised: int = 0  # warnings/errors on them
    raised_on: list[str] = field(default_factory=list)


def measure_tolerated(stages: Stages, cases: list[Case]) -> Tolerated | None:
    if not stages.check:
        return None
    t = Tolerated()
    for case in cases:
        run = run_pipeline(stages, case.data, case.name)
        t.total += 1
        raised = serious(run.output.get("findings", [])) if run.output else []
        t.raised += len(raised)
        if raised:
            record = case.gold["mutation"]
            t.raised_on.append(f"{case.name} ({record['old']} -> {record['new']})")
    return t


# --------------------------------------------------------------------------------------------
# Speed


@dataclass
class Speed:
    files: int = 0
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    stage_file: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)  # parse / extract / check alone


def _seconds(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _peak_mb(fn: Callable[[], Any]) -> float:
    """Peak Python memory of one run, traced apart from the timed runs (tracing slows them)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def speed_files(corpus: Path, seed_dir: Path, generated: int, seed: int, folder: Path) -> list[Path]:
    """The corpus PDFs, the shared seed PDF when present, and `generated` rendered reports."""
    from extractor.devtools.generate import compose, write_report

    files = sorted(corpus.glob("reports/*.pdf")) + sorted(seed_dir.glob("*.pdf"))
    for i in range(generated):
        g = compose(seed + 1, i)
        write_report(g, folder, ("pdf",))
        files.append(folder / f"{g.id}.pdf")
    return files


def measure_speed(stages: Stages, pdfs: list[Path], stage_pdf: Path | None, repeats: int = 2) -> Speed | None:
    """Bare pdfplumber, our parser and our whole pipeline on the same files in turn: the best of
    `repeats` untraced runs for the time, one traced run each for the peak memory."""
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
                run = run_pipeline(stages.until(until), p.read_bytes(), str(p))
                if run.error:
                    raise RuntimeError(run.error)
        return go

    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            sp.pages += len(pdf.pages)
    runners = {"pdfplumber": bare}
    if stages.parse_bytes:
        runners["parse"] = ours("parse")
    if stages.parse_bytes and stages.extract and stages.check:
        runners["check"] = ours("check")
    for _ in range(repeats):
        for name, fn in list(runners.items()):
            try:
                seconds = _seconds(fn)
            except Exception as exc:  # reported, not fatal
                print(f"speed ({name}) failed: {exc}", file=sys.stderr)
                del runners[name]
                continue
            sp.seconds[name] = min(sp.seconds.get(name, seconds), seconds)
    for name, fn in runners.items():
        sp.peak_mb[name] = _peak_mb(fn)
    if stage_pdf is not None and stages.extract and stages.check:
        sp.stage_file = stage_pdf.name
        sp.stage_seconds = stage_costs(stages, stage_pdf.read_bytes(), stage_pdf.name, repeats + 1)
    return sp


def stage_costs(stages: Stages, data: bytes, name: str, repeats: int = 3) -> dict[str, float]:
    """Seconds of parse, extract and check alone on one file: the best of `repeats` runs after a
    warm-up run (which loads the NLP model), without memory tracing."""
    best: dict[str, float] = {}
    for attempt in range(repeats + 1):
        t0 = time.perf_counter()
        doc = stages.parse_bytes(data, name)
        t1 = time.perf_counter()
        doc = stages.extract(doc)
        t2 = time.perf_counter()
        stages.check(doc)
        t3 = time.perf_counter()
        if attempt:
            for stage, seconds in (("parse", t1 - t0), ("extract", t2 - t1), ("check", t3 - t2)):
                best[stage] = min(best.get(stage, seconds), seconds)
    return best


# --------------------------------------------------------------------------------------------
# Report


def fmt(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


@dataclass
class Results:
    acc: Accuracy
    mutations: dict[str, Mutation] | None
    tolerated: Tolerated | None
    speed: Speed | None
    stages: Stages
    seed_present: bool
    real_present: bool = False
    real_files_present: bool = False
    sentences: Sentences | None = None


def render(res: Results, args) -> str:
    today = dt.date.today().isoformat()
    lines = ["# Benchmarks", "", f"Run on {today} with `python -m bench.run {' '.join(args.argv)}`.", ""]
    lines.append("Stages: " + ", ".join(
        f"{s} {'not available' if s in res.stages.missing else 'ok'}" for s in ("parse", "extract", "check")))
    if res.acc.errors:
        lines.append(f"Documents that failed: {len(res.acc.errors)} of {res.acc.docs} (first: {res.acc.errors[0]})")
    lines += _render_accuracy(res)
    lines += ["", "## Verification", ""]
    if "check" in res.stages.missing:
        lines.append("Checker: not available.")
    else:
        lines += _render_checks(res)
    lines += _render_real(res)
    lines += _render_real_files(res)
    lines += _render_sentences(res.sentences)
    lines += ["", "## Speed (PDF)", ""]
    lines += _render_speed(res.speed)
    return "\n".join(lines) + "\n"


def _render_accuracy(res: Results) -> list[str]:
    acc = res.acc
    groups = [g for g in GROUPS if g in acc.fields]
    others = [g for g in groups if g != "all"]
    lines = ["", "## Extraction (precision / recall / F1)", "",
             "Columns: all = the hand-written corpus (dev + heldout, every rendering), generated = the "
             "generator's reports, seed = the shared seed report (.md, .docx, .pdf), real = real documents "
             "of the field annotated by hand (tests/corpus/real_gold): real-dev (rules may be tuned on them; "
             "their misses are listed below) and real-heldout (never inspected: only totals are printed)."]
    if not res.seed_present:
        lines.append("The seed is not scored: ../shared/corpus/seed is absent.")
    if not res.real_present:
        lines.append("The real documents are not scored: ../shared/corpus/real or tests/corpus/real_gold is absent.")
    lines += ["", "| field | P (all) | R (all) | F1 (all) | " + " | ".join(f"F1 {g}" for g in others) + " |",
              "|" + "---|" * (4 + len(others))]
    for name in FIELDS:
        t = acc.fields.get("all", {}).get(name, Tally())
        row = [name, fmt(t.precision), fmt(t.recall), fmt(t.f1)] + [fmt(acc.f1(g, name)) for g in others]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "Document metadata accuracy (exact match):", "",
              "| field | " + " | ".join(groups) + " |", "|" + "---|" * (1 + len(groups))]
    for name in METADATA:
        lines.append(f"| {name} | " + " | ".join(fmt(acc.metadata_accuracy(g, name)) for g in groups) + " |")
    return lines


def _render_checks(res: Results) -> list[str]:
    acc, lines = res.acc, []
    for g in ("dev", "heldout", "generated"):
        if g in acc.clean_docs:
            lines.append(f"- clean {g} reports: {acc.clean_docs[g]}, "
                         f"warnings/errors on them: {acc.clean_false.get(g, 0)}")
    fs = acc.findings.get("all")
    if fs and fs.expected:
        lines.append(f"- deliberate errors in hand-written reports: {fs.detected}/{fs.expected} found; "
                     f"stray warnings/errors on those reports: {fs.stray}")
    seeds = [(k.split(".", 1)[1], v) for k, v in acc.findings.items() if k.startswith("seed.")]
    if seeds:
        lines.append("- seed report, gold findings found / stray warnings and errors: " + "; ".join(
            f"{f} {s.detected}/{s.expected} / {s.stray}" for f, s in seeds))
    elif not res.seed_present:
        lines.append("- seed report: not available (../shared/corpus/seed is absent)")
    real = acc.real_docs
    if real:
        raised = sum(len(d.true_errors) + len(d.false_alarms) for d in real)
        true = sum(len(d.true_errors) for d in real)
        fs = acc.findings.get("real", FindingScore())
        lines.append(f"- real documents: {len(real)}, warnings/errors raised: {raised} (true errors of the "
                     f"documents, in their gold findings: {true}; false alarms: {raised - true}); gold findings "
                     f"found: {fs.detected}/{fs.expected}")
    if res.tolerated is not None:
        t = res.tolerated
        where = f" (on {', '.join(t.raised_on[:3])})" if t.raised else ""
        lines.append(f"- mutants changed within rounding (every relation still holds): {t.total}, "
                     f"warnings/errors on them: {t.raised}{where}")
    if res.mutations:
        lines += _render_mutations(res.mutations)
    return lines


def _render_mutations(by_format: dict[str, Mutation]) -> list[str]:
    formats = [f for f in MUTANT_FORMATS if f in by_format]
    lines = ["", "Mutation recall (one number changed so that a relation breaks; detected = a warning or "
             "error on the changed number; located = the changed number found where the record says in "
             "the parsed document):", "",
             "| format | mutants | detected | recall | located | stray warnings/errors | failed |",
             "|---|---|---|---|---|---|---|"]
    for f in formats:
        m = by_format[f]
        lines.append(f"| {f} | {m.total} | {m.detected} | {fmt(m.recall)} | {m.located} | {m.stray} | {m.errors} |")
    kinds = sorted({k for f in formats for k in by_format[f].by_relation})
    lines += ["", "| relation/where | " + " | ".join(formats) + " |", "|" + "---|" * (1 + len(formats))]
    for kind in kinds:
        cells = []
        for f in formats:
            hit, n = by_format[f].by_relation.get(kind, [0, 0])
            cells.append(f"{hit}/{n}" if n else "-")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    misses = [miss for f in formats for miss in by_format[f].misses]
    if misses:
        lines += ["", "Missed: " + "; ".join(misses[:6]) + (f"; and {len(misses) - 6} more" if len(misses) > 6 else "")]
    return lines


def _render_real(res: Results) -> list[str]:
    """Per real document, every miss and false positive by field, metadata that differs, and the
    checker's warnings/errors sorted into true errors and false alarms."""
    acc = res.acc
    if not acc.real_docs and not acc.real_errors:
        return []
    lines = ["", "## Real documents: misses and false positives", "",
             "Gold records marked [gap] follow the spirit of corpus/README.md where its letter is silent "
             "or says otherwise (see each gold file's notes).", ""]
    for name in FIELDS:
        t = acc.fields.get("real", {}).get(name, Tally())
        lines.append(f"- {name}: P {fmt(t.precision)}, R {fmt(t.recall)}, F1 {fmt(t.f1)} "
                     f"({t.tp} found, {t.fn} missed, {t.fp} false positives)")
    lines += [f"- failed: {e}" for e in acc.real_errors]
    for d in acc.real_docs:
        if d.split == "dev":  # held-out documents stay unseen: their figures count, their details do not show
            lines += _dev_differences(d, FIELDS, "false alarm")
    return lines


def _dev_differences(d, fields, alarm: str) -> list[str]:
    """One dev document's misses, false positives, metadata differences and checker findings."""
    lines = ["", f"### {d.name}", ""]
    for name in fields:
        if d.misses.get(name):
            lines.append(f"- {name} missed: " + "; ".join(d.misses[name]))
        if d.extras.get(name):
            lines.append(f"- {name} false positive: " + "; ".join(d.extras[name]))
    for name, (want, got) in d.metadata.items():
        lines.append(f"- metadata {name}: expected {want!r}, got {got!r}")
    lines += [f"- checker, true error: {x}" for x in d.true_errors]
    lines += [f"- checker, {alarm}: {x}" for x in d.false_alarms]
    if lines[-1] == "":
        lines.append("- no difference")
    return lines


def _prf(t: Tally | None) -> str:
    t = t or Tally()
    return f"{fmt(t.precision)} / {fmt(t.recall)} / {fmt(t.f1)}"


def _render_real_files(res: Results) -> list[str]:
    """Real binary files against the hand gold of tests/corpus/real_files_gold: dev and held-out
    side by side (held-out: totals only), then every miss of each dev file."""
    acc = res.acc
    splits = ("real-files-dev", "real-files-heldout")
    lines = ["", "## Real files: dev and held-out", ""]
    if not res.real_files_present:
        return lines + ["Not scored: ../shared/corpus/real-files or tests/corpus/real_files_gold is absent."]
    docs = {g: len(acc.metadata.get(g, {}).get("doc_type", [])) for g in splits}
    unread = {g: len(acc.real_file_errors.get(g.rsplit("-", 1)[1], [])) for g in splits}
    lines += [f"Files with hand gold: dev {docs[splits[0]]}, held-out {docs[splits[1]]} (split: "
              "tests/corpus/real_files_split.json). Files the reader cannot read count as misses: dev "
              f"{unread[splits[0]]}, held-out {unread[splits[1]]}. Held-out files are never tuned on: "
              "only their totals are printed.", "",
              "| field | P / R / F1 dev | P / R / F1 held-out |", "|---|---|---|"]
    for name in REAL_FILE_FIELDS:
        lines.append(f"| {name} | " + " | ".join(_prf(acc.fields.get(g, {}).get(name)) for g in splits) + " |")
    for name in METADATA:
        lines.append(f"| {name} (accuracy) | " + " | ".join(fmt(acc.metadata_accuracy(g, name)) for g in splits) + " |")
    for kind in RECIPIENT_KINDS:
        cells = [_prf(acc.recipients[g].names[kind]) if g in acc.recipients else "n/a" for g in splits]
        lines.append(f"| recipients, {kind} (full gold lists) | " + " | ".join(cells) + " |")
    cells = [f"{acc.recipients[g].exact}/{acc.recipients[g].lists}" if g in acc.recipients else "n/a" for g in splits]
    lines.append("| recipient lists of exact length (per kind) | " + " | ".join(cells) + " |")
    f = {g: acc.real_findings.get(g, RealFindingScore()) for g in splits}
    lines.append("| hand-found inconsistencies found | " + " | ".join(f"{f[g].detected}/{f[g].expected}" for g in splits) + " |")
    lines.append("| warnings/errors on relations that hold (relations) | "
                 + " | ".join(f"{f[g].on_holding} ({f[g].holding})" for g in splits) + " |")
    lines.append("| other warnings/errors | " + " | ".join(str(f[g].other) for g in splits) + " |")
    checked = {g: acc.checked.get(g, [0, 0, 0]) for g in splits}
    lines.append("| documents with at least one check carried out (of those whose JSON says) | "
                 + " | ".join(f"{c[0]} ({c[1]} of {c[2]})" for c in checked.values()) + " |")
    lines += [f"- unreadable (dev): {e}" for e in acc.real_file_errors.get("dev", [])]
    for d in acc.real_file_docs:
        if d.split == "dev":
            lines += _dev_differences(d, REAL_FILE_FIELDS, "other warning/error")
    return lines


# --------------------------------------------------------------------------------------------
# Real sentences: award counts of ../shared/corpus/real-sentences against a hand gold


@dataclass
class Sentences:
    tallies: dict[str, Tally] = field(default_factory=dict)  # "dev" / "heldout" / "dev+status" ...
    dev_diffs: list[str] = field(default_factory=list)  # dev passages only: held-out stays unseen
    errors: list[str] = field(default_factory=list)


def sentence_passages(folder: Path) -> dict[str, str]:
    """awards.md as {passage id: text}, the "Nguồn:" line left out; empty when absent."""
    path = folder / "awards.md"
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    current = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## S"):
            current = line[3:].strip()
            out[current] = []
        elif current and not line.startswith("Nguồn:"):
            out[current].append(line)
    return {k: "\n".join(v).strip() + "\n" for k, v in out.items()}


def measure_sentences(stages: Stages, folder: Path, gold_path: Path = SENTENCES_GOLD) -> Sentences | None:
    """Award P/R/F1 on the real sentences per split (and with the status compared too); the dev
    split's misses and false positives listed by passage."""
    passages = sentence_passages(folder)
    if not passages or not gold_path.is_file() or stages.extract is None:
        return None
    res, extract_only = Sentences(), stages.until("extract")
    for entry in json.loads(gold_path.read_text("utf-8"))["passages"]:
        run = run_pipeline(extract_only, passages[entry["id"]].encode("utf-8"), f"{entry['id']}.txt")
        if run.error or run.output is None:
            res.errors.append(f"{entry['id']}: {run.error}")
            continue
        predicted, split = run.output.get("awards", []), entry["split"]
        for suffix, with_status in (("", False), ("+status", True)):
            res.tallies.setdefault(split + suffix, Tally()).add(
                score_sentence_awards(predicted, entry["awards"], with_status))
        if split == "dev":
            res.dev_diffs += _sentence_diffs(entry["id"], predicted, entry["awards"])
    return res


def _sentence_diffs(pid: str, predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[str]:
    from extractor.devtools.score import award_label, flat_awards

    pred = [(sentence_award_key(a), award_label(a)) for a in flat_awards(predicted)]
    want = [(sentence_award_key(a), award_label(a)) for a in gold]
    missed, extra = mismatches(pred, want)
    return ([f"{pid} missed: {x}" for x in missed] + [f"{pid} false positive: {x}" for x in extra])


def add_sentence_fields(acc: Accuracy, sentences: Sentences | None) -> None:
    """The award tallies as the groups sentences-dev / sentences-heldout, so thresholds and the
    extraction table read them like any other group."""
    for split in ("dev", "heldout"):
        if sentences and split in sentences.tallies:
            acc.tally(f"sentences-{split}", "awards").add(sentences.tallies[split])


def _render_sentences(sentences: Sentences | None) -> list[str]:
    if sentences is None:
        return []
    lines = ["", "## Real sentences: award counts", "",
             "../shared/corpus/real-sentences/awards.md against tests/corpus/real_sentences_gold.json "
             "(hand gold, split before any run; held-out: totals only).", "",
             "| split | P | R | F1 | F1 with status | gold records |", "|---|---|---|---|---|---|"]
    for split in ("dev", "heldout"):
        t, ts = sentences.tallies.get(split, Tally()), sentences.tallies.get(split + "+status", Tally())
        lines.append(f"| {split} | {fmt(t.precision)} | {fmt(t.recall)} | {fmt(t.f1)} | {fmt(ts.f1)} | {t.tp + t.fn} |")
    lines += [f"- failed: {e}" for e in sentences.errors]
    if sentences.dev_diffs:
        lines += ["", "Dev passages, differences:", ""] + [f"- {d}" for d in sentences.dev_diffs]
    return lines


def _render_speed(speed: Speed | None) -> list[str]:
    if speed is None:
        return ["Not measured (--no-speed, or no PDF in the corpus)."]
    lines = [f"{speed.files} PDF files, {speed.pages} pages (the corpus PDFs, the seed, rendered generated "
             "reports), every run in the same process on the same files: seconds are the best of untraced "
             "runs taken in turn, peak memory (Python allocations, tracemalloc) from one traced run each.", "",
             "| run | seconds | pages/s | peak memory (MiB) |", "|---|---|---|---|"]
    for name, label in (("pdfplumber", "bare pdfplumber (extract_text + extract_tables)"),
                        ("parse", "extractor parse"), ("check", "extractor parse + extract + check")):
        if name in speed.seconds:
            sec = speed.seconds[name]
            lines.append(f"| {label} | {sec:.2f} | {speed.pages / sec:.1f} | {speed.peak_mb[name]:.1f} |")
    if "pdfplumber" in speed.seconds and "check" in speed.seconds:
        lines.append(f"\nFull pipeline / bare pdfplumber: {speed.seconds['check'] / speed.seconds['pdfplumber']:.2f}x.")
    s = speed.stage_seconds
    if s:
        extract_ratio, check_ratio = s["extract"] / s["parse"], s["check"] / s["extract"]
        verdict = "within" if extract_ratio <= EXTRACT_BUDGET else "over"
        lines += ["", f"Stage costs on {speed.stage_file} (best of runs after a warm-up, no tracing):", "",
                  "| stage | seconds | relative |", "|---|---|---|",
                  f"| parse | {s['parse']:.3f} | 1.00x parse |",
                  f"| extract alone | {s['extract']:.3f} | {extract_ratio:.2f}x parse ({verdict} the "
                  f"{EXTRACT_BUDGET}x budget) |",
                  f"| check alone | {s['check']:.3f} | {s['check'] / s['parse']:.2f}x parse, "
                  f"{check_ratio:.2f}x extract |"]
    return lines


# --------------------------------------------------------------------------------------------
# Thresholds


def parse_spec(spec: str | None, known: set[str], groups: tuple[str, ...] = GROUPS) -> dict[str, float]:
    """A threshold spec as {key: value}: "0.9" -> {"": 0.9}; "awards=0.95,seed.awards=0.5" ->
    {"awards": 0.95, "seed.awards": 0.5}. The empty key is the default for every field."""
    out: dict[str, float] = {}
    if not spec:
        return out
    for item in (x.strip() for x in spec.split(",") if x.strip()):
        key, sep, value = item.rpartition("=")
        if key and key.split(".")[-1] not in known:
            raise ValueError(f"unknown field in threshold {item!r}; known: {', '.join(sorted(known))}")
        if "." in key and key.split(".")[0] not in groups:
            raise ValueError(f"unknown group in threshold {item!r}; groups: {', '.join(groups) or 'none'}")
        out[key if sep else ""] = float(value)
    return out


def _field_thresholds(spec: dict[str, float]) -> list[tuple[str, str, float]]:
    """(group, field, minimum) for every field a spec names, the default applying to the hand
    corpus's F1 fields."""
    out = {("all", name): spec[""] for name in FIELDS} if "" in spec else {}
    for key, minimum in spec.items():
        if key:
            group, _, name = key.rpartition(".")
            out[(group or "all", name)] = minimum
    return [(g, n, v) for (g, n), v in out.items()]


def thresholds_failed(res: Results, args) -> list[str]:
    acc, stages, failed = res.acc, res.stages, []
    if "extract" not in stages.missing:
        for group, name, minimum in _field_thresholds(args.min_f1):
            score = acc.f1(group, name) if name in FIELDS else acc.metadata_accuracy(group, name)
            if score is not None and score < minimum:
                failed.append(f"{group} {name} {'F1' if name in FIELDS else 'accuracy'} {score:.3f} < {minimum}")
    for f, m in (res.mutations or {}).items():
        minimum = args.min_mutation_recall.get(f, args.min_mutation_recall.get(""))
        if minimum is not None and m.recall is not None and m.recall < minimum:
            failed.append(f"{f} mutation recall {m.recall:.3f} < {minimum}")
    if args.max_false_findings is not None and "check" not in stages.missing:
        false = false_alarms(res)
        if false > args.max_false_findings:
            failed.append(f"{false} warnings/errors where none is owed > {args.max_false_findings}")
    if args.require_stages and stages.missing:
        failed.append("missing stages: " + ", ".join(stages.missing))
    if acc.errors and args.min_f1:
        failed.append(f"{len(acc.errors)} documents failed to process")
    return failed


def false_alarms(res: Results) -> int:
    """Warnings and errors no gold asks for: on clean reports, stray ones on the seed, and on
    mutants changed within rounding."""
    acc = res.acc
    clean = sum(v for g, v in acc.clean_false.items() if g in ("dev", "heldout", "generated"))
    seed = acc.findings["seed"].stray if "seed" in acc.findings else 0
    return clean + seed + (res.tolerated.raised if res.tolerated else 0)


# --------------------------------------------------------------------------------------------


def arguments(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(ROOT / "corpus"))
    p.add_argument("--seed-dir", default=str(SEED_DIR), help="the shared seed report's folder (skipped when absent)")
    p.add_argument("--real-dir", default=str(REAL_DIR),
                   help="the shared real documents' folder, scored against tests/corpus/real_gold (skipped when absent)")
    p.add_argument("--real-files-dir", default=str(REAL_FILES_DIR),
                   help="the shared real binary files, scored against tests/corpus/real_files_gold (skipped when absent)")
    p.add_argument("--real-files", default="none",
                   help='real binary files to score: "none" (default: OCR of the scans takes minutes), "all" '
                        '(make bench) or numbers/stems ("101,106,130", make bench-small)')
    p.add_argument("--sentences-dir", default=str(SENTENCES_DIR),
                   help="the shared real sentences (awards.md), scored against tests/corpus/real_sentences_gold.json")
    p.add_argument("--generated", type=int, default=20, help="generated reports to score")
    p.add_argument("--mutations", type=int, default=2, help="mutants per generated report")
    p.add_argument("--mutation-formats", default="md,docx,pdf", help="formats the mutants are run in")
    p.add_argument("--mutation-sample", type=int, default=12, help="mutants rendered to each non-md format")
    p.add_argument("--seed", type=int, default=2024, help="generator seed")
    p.add_argument("--min-f1", default=None, help='fail below: "0.9", "awards=0.95,references=0.98", "seed.awards=0.5"')
    p.add_argument("--min-mutation-recall", default=None, help='fail below: "0.95" or "md=0.95,pdf=0.9"')
    p.add_argument("--max-false-findings", type=int, default=None,
                   help="fail if clean reports, the seed (stray) and within-rounding mutants get more warnings/errors")
    p.add_argument("--require-stages", action="store_true", help="fail when a stage is not available")
    p.add_argument("--no-speed", action="store_true")
    p.add_argument("--speed-generated", type=int, default=5, help="generated reports rendered to PDF for the speed run")
    p.add_argument("--out", default=None, help="write the Markdown report here (e.g. docs/benchmarks.md)")
    args = p.parse_args(argv)
    args.argv = argv
    try:
        args.min_f1 = parse_spec(args.min_f1, set(FIELDS) | set(METADATA))
        args.min_mutation_recall = parse_spec(args.min_mutation_recall, set(MUTANT_FORMATS), groups=())
        args.mutation_formats = tuple(f.strip() for f in args.mutation_formats.split(",") if f.strip())
        unknown = set(args.mutation_formats) - set(MUTANT_FORMATS)
        if unknown:
            raise ValueError(f"unknown mutation format(s): {', '.join(sorted(unknown))}")
    except ValueError as exc:
        p.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = arguments(argv)
    stages = load_stages()
    if stages.parse_bytes is None:
        print("parse stage not available: nothing to measure", file=sys.stderr)
        return 1
    for name, why in stages.missing.items():
        print(f"stage {name}: not available ({why})", file=sys.stderr)
    seed_dir = Path(args.seed_dir)
    seeds = seed_cases(seed_dir)
    reals = real_cases(Path(args.real_dir))
    real_files = [] if args.real_files == "none" else real_file_cases(
        Path(args.real_files_dir), only=None if args.real_files == "all" else set(args.real_files.split(",")))
    cases = (corpus_cases(Path(args.corpus)) + generated_cases(args.generated, args.seed) + seeds + reals
             + real_files)
    acc = measure_accuracy(stages, cases)
    sentences = measure_sentences(stages, Path(args.sentences_dir))
    add_sentence_fields(acc, sentences)
    with tempfile.TemporaryDirectory() as tmp:
        mutants = mutant_cases(args.generated, args.mutations, args.seed, args.mutation_formats,
                               args.mutation_sample, Path(tmp)) if args.mutations else []
        mutations = measure_mutations(stages, mutants) if mutants else None
        tolerated = measure_tolerated(stages, tolerated_cases(args.generated, args.seed))
        pdfs = [] if args.no_speed else speed_files(Path(args.corpus), seed_dir, args.speed_generated, args.seed,
                                                     Path(tmp))
        stage_pdf = next((p for p in pdfs if p.parent == seed_dir), pdfs[0] if pdfs else None)
        speed = measure_speed(stages, pdfs, stage_pdf)
    res = Results(acc, mutations, tolerated, speed, stages, bool(seeds), bool(reals), bool(real_files), sentences)
    text = render(res, args)
    sys.stdout.write(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, "utf-8")
    failed = thresholds_failed(res, args)
    for f in failed:
        print(f"below threshold: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
