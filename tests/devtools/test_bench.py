"""The bench command (bench/run.py): its report (accuracy with a seed column, mutation recall per
format, within-rounding mutants, stage costs), its threshold specs and its exit status."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT.parent / "shared" / "corpus" / "seed"


def bench():
    module = sys.modules.get("bench_run")
    if module is None:
        spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture()
def tiny_corpus(tmp_path):
    for sub in ("reports", "gold"):
        (tmp_path / sub).mkdir()
    shutil.copy(ROOT / "corpus" / "reports" / "example.md", tmp_path / "reports")
    shutil.copy(ROOT / "corpus" / "gold" / "example.json", tmp_path / "gold")
    return tmp_path


def run(args: list[str], capsys) -> tuple[int, str]:
    code = bench().main(args)
    return code, capsys.readouterr().out


QUICK = ["--generated", "1", "--mutations", "1", "--no-speed"]


def test_bench_prints_the_report_and_writes_it(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "bench.md"
    code, printed = run(["--corpus", str(tiny_corpus), *QUICK, "--mutation-formats", "md,docx", "--mutation-sample",
                         "1", "--seed-dir", str(tmp_path / "no-seed"), "--out", str(out)], capsys)
    assert code == 0
    assert "| references |" in printed and "F1 seed" not in printed
    assert "seed report: not available" in printed
    assert "| md | 1 |" in printed and "| docx | 1 |" in printed and "| pdf |" not in printed
    assert out.read_text("utf-8") == printed


def test_bench_scores_the_seed_in_every_rendering(tiny_corpus, capsys):
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/corpus/seed is not available")
    code, printed = run(["--corpus", str(tiny_corpus), "--generated", "0", "--mutations", "0", "--no-speed",
                         "--seed-dir", str(SEED_DIR)], capsys)
    assert code == 0
    assert "F1 seed" in printed
    expected = len(json.loads((ROOT / "tests" / "corpus" / "seed_gold.json").read_text("utf-8"))["findings"])
    line = next(x for x in printed.splitlines() if x.startswith("- seed report"))
    for fmt in ("md", "docx", "pdf"):
        assert re.search(rf"\b{fmt} \d+/{expected} / \d+", line), line


def test_bench_fails_below_a_threshold(tiny_corpus, capsys):
    common = ["--corpus", str(tiny_corpus), "--generated", "0", "--mutations", "0", "--no-speed",
              "--seed-dir", str(tiny_corpus / "no-seed")]
    assert run([*common, "--min-f1", "1.01"], capsys)[0] == 1
    assert run([*common, "--min-f1", "references=0.5,campaigns=0.5"], capsys)[0] == 0
    assert run([*common, "--min-f1", "references=0.5,campaigns=1.01"], capsys)[0] == 1
    assert run([*common, "--min-f1", "0.5,all.number=1.01"], capsys)[0] == 1, "metadata accuracy cannot exceed 1"
    assert run([*common, "--min-f1", "title=0"], capsys)[0] == 0


def test_mutation_recall_thresholds_are_per_format(tiny_corpus, capsys):
    common = ["--corpus", str(tiny_corpus), *QUICK, "--mutation-formats", "md",
              "--seed-dir", str(tiny_corpus / "no-seed")]
    assert run([*common, "--min-mutation-recall", "pdf=1.01"], capsys)[0] == 0, "no pdf mutants: nothing to judge"
    assert run([*common, "--min-mutation-recall", "md=1.01"], capsys)[0] == 1


def test_threshold_specs():
    parse = bench().parse_spec
    fields = {"references", "awards", "title"}
    assert parse("0.9", fields) == {"": 0.9}
    assert parse("0.85, awards=0.95,seed.awards=0.4", fields) == {"": 0.85, "awards": 0.95, "seed.awards": 0.4}
    assert parse(None, fields) == {}
    for bad in ("awardz=0.9", "nowhere.awards=0.9", "md.awards=0.9", "awards=high"):
        with pytest.raises(ValueError):
            parse(bad, fields)
    assert parse("0.9,pdf=0.8", {"md", "pdf"}, groups=()) == {"": 0.9, "pdf": 0.8}
    with pytest.raises(ValueError):
        parse("seed.pdf=0.8", {"md", "pdf"}, groups=())


def test_default_threshold_is_the_hand_corpus_and_a_named_one_overrides_it():
    pairs = bench()._field_thresholds({"": 0.8, "awards": 0.7, "generated.awards": 0.6})
    assert ("all", "awards", 0.7) in pairs and ("all", "references", 0.8) in pairs
    assert ("generated", "awards", 0.6) in pairs
    assert not any(group == "generated" and name == "references" for group, name, _ in pairs)


def test_an_unknown_threshold_field_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench().main(["--min-f1", "awardz=0.9"])
    assert exit_.value.code == 2
    assert "awardz" in capsys.readouterr().err


def test_spread_picks_evenly():
    spread = bench().spread
    assert spread(list(range(10)), 3) == [0, 3, 6]
    assert spread([1, 2], 5) == [1, 2]


def test_stage_costs_time_each_stage_alone():
    b = bench()
    calls = []

    def stage(name):
        def fn(doc, *rest):
            calls.append(name)
            return doc
        return fn

    stages = b.Stages(stage("parse"), stage("extract"), stage("check"))
    costs = b.stage_costs(stages, b"%PDF-", "x.pdf", repeats=2)
    assert set(costs) == {"parse", "extract", "check"} and all(v >= 0 for v in costs.values())
    assert calls == ["parse", "extract", "check"] * 3, "a warm-up run, then the timed runs"


def test_the_speed_section_reports_the_extract_budget():
    b = bench()
    speed = b.Speed(files=1, pages=4, seconds={"pdfplumber": 2.0, "check": 2.5},
                    peak_mb={"pdfplumber": 50, "check": 60},
                    stage_file="seed.pdf", stage_seconds={"parse": 1.0, "extract": 0.5, "check": 0.1})
    text = "\n".join(b._render_speed(speed))
    assert "1.25x" in text
    assert "0.50x parse (over the 0.3x budget)" in text
    assert "0.10x parse, 0.20x extract" in text
