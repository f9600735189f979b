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
REAL_DIR = ROOT.parent / "shared" / "corpus" / "real"


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


def test_real_documents_are_their_own_group_with_every_difference_listed(tiny_corpus, capsys):
    if not REAL_DIR.is_dir():
        pytest.skip("../shared/corpus/real is not available")
    code, printed = run(["--corpus", str(tiny_corpus), "--generated", "0", "--mutations", "0", "--no-speed",
                         "--seed-dir", str(tiny_corpus / "no-seed"), "--real-dir", str(REAL_DIR),
                         "--max-false-findings", "0"], capsys)
    assert code == 0, "the real group gates nothing"
    assert "F1 real" in printed and "## Real documents: misses and false positives" in printed
    golds = [json.loads(p.read_text("utf-8")) for p in (ROOT / "tests" / "corpus" / "real_gold").glob("*.json")]
    assert f"- real documents: {len(golds)}, warnings/errors raised:" in printed
    assert printed.count("\n### ") == sum(g["split"] == "dev" for g in golds), "held-out details stay hidden"
    assert "F1 real-dev" in printed and "F1 real-heldout" in printed


def test_real_documents_absent_are_skipped_with_a_note(tiny_corpus, capsys):
    code, printed = run(["--corpus", str(tiny_corpus), "--generated", "0", "--mutations", "0", "--no-speed",
                         "--seed-dir", str(tiny_corpus / "no-seed"), "--real-dir", str(tiny_corpus / "no-real")],
                        capsys)
    assert code == 0
    assert "The real documents are not scored" in printed and "F1 real" not in printed


def test_real_cases_pair_each_gold_with_its_text(tmp_path):
    b = bench()
    (tmp_path / "real").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "real" / "001_x.txt").write_text("Số: 1/QĐ-UBND", "utf-8")
    (tmp_path / "real" / "002_y.txt").write_text("no gold for me", "utf-8")
    (tmp_path / "gold" / "001_x.json").write_text(json.dumps({"report": "001_x", "findings": []}), "utf-8")
    cases = b.real_cases(tmp_path / "real", tmp_path / "gold")
    assert [(c.name, c.group, c.fmt) for c in cases] == [("001_x.txt", "real", "txt")]
    assert b.real_cases(tmp_path / "absent", tmp_path / "gold") == []


def test_a_real_document_sorts_raised_findings_and_marks_gap_records():
    b = bench()
    gold = {"document": {"number": "1/QĐ-UBND"}, "references": [{"id": "Luật X", "gap": True}],
            "campaigns": [], "awards": [],
            "findings": [{"check": "sum", "where": "table", "cell": {"table": 0, "row": 1, "col": 2}, "text": "9"}]}
    located = {"check": "sum", "severity": "error", "message": "m", "locations": [{"table": 0, "row": 1, "col": 2, "text": "9"}]}
    stray = {"check": "date", "severity": "warning", "message": "d", "locations": [{"block": 0, "start": 0, "end": 1, "text": "x"}]}
    info = {"check": "sum", "severity": "info", "message": "i", "locations": []}
    output = {"document": {"number": "1/QĐ-UBND", "title": "T"}, "references": [], "campaigns": [], "awards": [],
              "findings": [located, stray, info], "blocks": [{"index": 0, "text": "x"}]}
    doc = b.real_doc(b.Case("x.txt", "real", "txt", b"", gold), b.Run(output=output, stage_reached="check"))
    assert doc.misses["references"] == ["Luật X" + b.GAP]
    assert doc.metadata == {"title": (None, "T")}
    assert len(doc.true_errors) == 1 and len(doc.false_alarms) == 1 and "date warning" in doc.false_alarms[0]


def test_false_alarms_on_real_documents_do_not_count_against_the_gate():
    b = bench()
    acc = b.Accuracy(clean_false={"real": 5, "generated": 1})
    res = b.Results(acc, None, None, None, b.Stages(None, None, None), seed_present=False, real_present=True)
    assert b.false_alarms(res) == 1


def real_files_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """Two real-file golds: a readable text file (dev) and a file no reader takes (held-out)."""
    files, gold = tmp_path / "real-files", tmp_path / "real_files_gold"
    files.mkdir()
    gold.mkdir()
    (files / "001_x.txt").write_text("QUYẾT ĐỊNH\nSố: 12/QĐ-UBND\nCăn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017;\n"
                                     "Tặng Bằng khen cho 03 tập thể.", "utf-8")
    (files / "002_y.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 header, no body
    ref = {"id": "91/2017/NĐ-CP", "doc_type": "Nghị định", "number": "91", "year": 2017, "symbol": "NĐ-CP",
           "date": "2017-07-31", "issuer": None}
    for stem, ext, split in (("001_x", "txt", "dev"), ("002_y", "doc", "heldout")):
        g = {"schema": "extractor-gold/1", "report": stem, "split": split, "origin": "hand",
             "source": f"../shared/corpus/real-files/{stem}.{ext}",
             "document": {"doc_type": "Quyết định", "number": "12/QĐ-UBND"}, "references": [ref], "campaigns": [],
             "awards": [], "relations": [], "findings": [],
             "recipients": {"partial": True, "counts": {"collective": 3, "individual": 0}, "items": []}}
        (gold / f"{stem}.json").write_text(json.dumps(g, ensure_ascii=False), "utf-8")
    return files, gold


def test_real_file_cases_pair_each_gold_with_its_file_and_keep_a_subset(tmp_path):
    b = bench()
    files, gold = real_files_fixture(tmp_path)
    assert [(c.name, c.group, c.fmt) for c in b.real_file_cases(files, gold)] == [
        ("001_x.txt", "real-files", "txt"), ("002_y.doc", "real-files", "doc")]
    assert [c.name for c in b.real_file_cases(files, gold, only={"002"})] == ["002_y.doc"]
    assert b.real_file_cases(tmp_path / "absent", gold) == []


def test_an_unreadable_real_file_is_scored_as_misses_and_held_out_details_stay_hidden(tmp_path):
    b = bench()
    files, gold = real_files_fixture(tmp_path)
    stages = b.load_stages()
    acc = b.measure_accuracy(stages, b.real_file_cases(files, gold))
    assert acc.errors == [] and list(acc.real_file_errors) == ["heldout"], "no crash, no gate failure"
    held = acc.fields["real-files-heldout"]["references"]
    assert (held.tp, held.fn) == (0, 1) and acc.metadata["real-files-heldout"]["number"] == [False]
    assert acc.recipients["real-files-heldout"].lists == 1 and acc.recipients["real-files-heldout"].exact == 0
    res = b.Results(acc, None, None, None, stages, False, False, True)
    text = "\n".join(b._render_real_files(res))
    assert "### 001_x.txt" in text and "002_y" not in text
    assert "| references |" in text and "| recipient lists of exact length (per kind) |" in text
    assert "Files with hand gold: dev 1, held-out 1" in text and "held-out 1." in text


def test_real_files_have_threshold_groups_of_their_own():
    b = bench()
    spec = b.parse_spec("real-files-dev.references=0.5,real-files-heldout.number=0.2", {"references", "number"})
    assert spec == {"real-files-dev.references": 0.5, "real-files-heldout.number": 0.2}
