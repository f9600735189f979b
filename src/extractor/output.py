"""Renderers for stdout: JSON (the shape of model.to_dict) and readable text views."""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

from .i18n import DEFAULT_LANG, category, finding_message, t
from .model import Document, Table, to_dict
from .provenance import where_text


def write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def write_json(obj: Any) -> None:
    write(json.dumps(obj, ensure_ascii=False, indent=2))


def parse_json(doc: Document, *, with_blocks: bool = True) -> dict[str, Any]:
    full = to_dict(doc, with_blocks=with_blocks)
    keep = ("schema", "document", "tables", "blocks", "notes")
    return {k: v for k, v in full.items() if k in keep}


def table_text(table: Table) -> str:
    grid = [list(r) for r in table.header] + [[c.text for c in row] for row in table.rows]
    n = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (n - len(r)) for r in grid]
    widths = [max((len(r[i]) for r in grid), default=0) for i in range(n)]
    lines = []
    for i, row in enumerate(grid):
        lines.append(" | ".join(c.replace("\n", " ").ljust(w) for c, w in zip(row, widths)))
        if i == len(table.header) - 1:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def document_text(doc: Document, lang: str = DEFAULT_LANG) -> str:
    tables_after: dict[int, list[Table]] = {}
    for table in doc.tables:
        tables_after.setdefault(table.after_block, []).append(table)
    out: list[str] = [f"# {doc.source} {t('view.pages', lang, format=doc.format, pages=doc.pages or '-')}"]
    out += [line for line in [ocr_line(doc.ocr, lang)] if line]

    def emit_tables(after: int) -> None:
        for table in tables_after.get(after, []):
            caption = t("view.table", lang, index=table.index, title=table.title or "", pages=table.pages)
            out.append(f"\n{caption}\n{table_text(table)}\n")

    emit_tables(-1)
    for b in doc.blocks:
        indent = "  " * max(b.level - 1, 0) if b.kind == "list_item" else ""
        prefix = "#" * max(b.level, 1) + " " if b.kind == "heading" else indent
        page = f"[p{b.page}] " if b.page else ""
        out.append(f"{page}{prefix}{b.text}")
        emit_tables(b.index)
    return "\n".join(out)


def ocr_line(ocr: Any, lang: str) -> str | None:
    """The caveat of a document read by OCR (an `OcrInfo` or its JSON dict), or None:
    "Trang 1, 2 được đọc bằng OCR (độ tin cậy trung bình 82,5/100): ..."."""
    from .vn.numbers import format_number

    if not ocr:
        return None
    pages, confidence = (ocr["pages"], ocr["mean_confidence"]) if isinstance(ocr, dict) else (ocr.pages, ocr.mean_confidence)
    shown = format_number(confidence, 0 if float(confidence).is_integer() else 1)
    return t("view.ocr", lang, pages=", ".join(map(str, pages)), confidence=shown)


def _award_lines(awards: list, lang: str, depth: int = 0) -> list[str]:
    """Award records (model `Award`s or their JSON dicts) one a line, categories in words."""
    from .vn.numbers import format_number

    lines = []
    for a in awards:
        a = a if isinstance(a, dict) else {"award": a.award, "class": a.class_, "status": a.status, "level": a.level,
                                          "count": a.count, "collectives": a.collectives,
                                          "individuals": a.individuals, "source": a.source, "parts": a.parts}
        split = "/".join(format_number(x) if x is not None else "-" for x in (a["collectives"], a["individuals"]))
        status = category("status", a["status"], lang)
        extra = " ".join(x for x in (a["class"], status and f"[{status}]") if x)
        count = format_number(a["count"]) if a["count"] is not None else "-"
        recipients = f"{t('view.award_split', lang)} {split}"
        level = category("level", a["level"], lang) or "-"
        source = category("source", a["source"], lang)
        lines.append(f"{'  ' * (depth + 1)}{count:>7}  {a['award']} {extra}  ({level}; {recipients}; {source})")
        lines += _award_lines(a["parts"], lang, depth + 1)
    return lines


def extraction_text(doc: Document, lang: str = DEFAULT_LANG) -> str:
    """A readable summary of what `extract` found."""
    m = doc.metadata
    period = f"{m.period.start} – {m.period.end}" if m.period else "-"
    national = f" {t('view.national', lang)}"
    out = [
        f"# {doc.source}",
        *[line for line in [ocr_line(doc.ocr, lang)] if line],
        t("view.header", lang, doc_type=m.doc_type or "-", number=m.number or "-", date=m.date or "-",
          issuer=m.issuer or "-", position=m.position or "-", signer=m.signer or "-"),
        t("view.subject", lang, title=m.title or "-", period=period),
        "\n" + t("view.references", lang, count=len(doc.references)),
    ]
    out += [f"  {r.id:<28} {r.doc_type or '-':<18} {r.date or '-':<10} {r.issuer or '-'} (x{len(r.mentions)})"
            for r in doc.references]
    out.append("\n" + t("view.campaigns", lang, count=len(doc.campaigns)))
    out += [f"  {c.name}{national if c.national else ''} {', '.join(c.references)}" for c in doc.campaigns]
    out.append("\n" + t("view.awards", lang, count=len(doc.awards)))
    out += _award_lines(doc.awards, lang)
    out.append("\n" + t("view.quantities", lang, count=len(doc.quantities)))
    return "\n".join(out)


# --- archive views (search hits, a decision with its citing reports, ingest summary) ----------


_HIGHLIGHT = ("\x1b[1;33m", "\x1b[0m")  # bold yellow on a terminal


def snippet_text(snippet: str, colour: bool) -> str:
    """A search snippet: its matched words (between the search's ** marks) in colour on a
    terminal, plain elsewhere."""
    from .archive.search import MARK

    pieces = snippet.split(MARK)
    if len(pieces) % 2 == 0:  # an odd mark is text, not a highlight
        return snippet
    on, off = _HIGHLIGHT if colour else ("", "")
    return "".join(f"{on}{p}{off}" if i % 2 else p for i, p in enumerate(pieces))


def hits_text(hits: list, lang: str, colour: bool = False) -> str:
    """Search hits as aligned rows, each followed by its snippet; ids as `show` takes them."""
    if not hits:
        return t("archive.no_hits", lang)
    header = ["#", t("archive.col.kind", lang), "ID", t("archive.col.label", lang), t("archive.col.date", lang)]
    rows = [[str(i), t(f"archive.kind.{h.kind}", lang), h.ref, h.label, h.date or ""] for i, h in enumerate(hits, 1)]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    out = [line(header)]
    indent = " " * (widths[0] + 2)
    for row, hit in zip(rows, hits):
        out += [line(row) + _also_text(hit.also, lang), indent + snippet_text(hit.snippet, colour)]
    return "\n".join(out)


def who_text(rows: list[dict], lang: str) -> str:
    """`who` rows: one award a line (name, award, decision, date, issuer), aligned."""
    if not rows:
        return t("who.none", lang)
    header = [t(f"who.col.{c}", lang) for c in ("name", "kind", "award", "decision", "date", "issuer")]
    lines = [[r["name"] + (f", {r['unit']}" if r["unit"] else ""), t(f"recipient.kind.{r['kind']}", lang),
              " ".join(x for x in (r["award"], r["class"]) if x), r["decision"] or "—", r["date"] or "—",
              r["issuer"] or "—"] for r in rows]
    widths = [max(len(r[c]) for r in [header, *lines]) for c in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip() for cells in [header, *lines])


def comparison_text(result, lang: str) -> str:
    """`reconcile`: the scope's size in the archive, then one finding a line."""
    out = [t("compare.scope", lang, issuer=result.issuer, year=result.year, decisions=len(result.decisions),
             listed=result.listed)]
    if not result.decisions and not result.findings:
        return "\n".join(out + [t("compare.none_in_scope", lang)])
    out += [f"[{f.severity}] {finding_message(f, lang)}" for f in result.findings] or [t("compare.nothing", lang)]
    return "\n".join(out)


def _also_text(renderings, lang: str) -> str:
    """"  (also: x.pdf, x.md)": the file names of a report's other renderings, or nothing."""
    if not renderings:
        return ""
    return "  " + t("archive.also", lang, files=", ".join(Path(r["source"]).name for r in renderings))


def shown_id(kind: str, number: int) -> str:
    from .archive.views import shown_id as prefixed

    return prefixed(kind, number)


def decision_text(view: dict, lang: str) -> str:
    """One decision, then every report citing it with the citing sentences."""
    d = view["decision"]
    out = [f"{' '.join(x for x in (d['doc_type'], d['ref']) if x)}  [{shown_id('decision', d['id'])}]"]
    for key, value in (
        ("archive.issuer", d["issuer"]),
        ("archive.col.date", d["date"]),
        ("archive.subject", d["subject"]),
        ("archive.seen", f"{d['first_seen']} / {d['last_seen']}"),
        ("archive.campaigns", "; ".join(view["campaigns"])),
    ):
        if value:
            out.append(f"{t(key, lang)}: {value}")
    out.append(t("archive.cited_by", lang, count=len(view["reports"])) + ":")
    for r in view["reports"]:
        head = " · ".join(x for x in (r["number"], r["date"], r["issuer"]) if x)
        others = [f for f in r["renderings"] if f["document_id"] != r["document_id"]]
        also = _also_text(others, lang)
        out.append(f"  - {head + ' · ' if head else ''}{r['source']}  [{shown_id('report', r['document_id'])}]{also}")
        if r["findings_differ"]:
            counts = ", ".join(f"{Path(f['source']).name} {len(f['findings'])}" for f in r["renderings"])
            out.append("    ! " + t("archive.findings_differ", lang, counts=counts))
        for c in r["citations"]:
            page = f"({t('archive.page', lang, page=c['page'])}) " if c["page"] else ""
            out.append(f"      {page}{c['sentence']}")
    return "\n".join(out)


def ingest_text(summary, lang: str, archive: str = "") -> str:
    """The counts of one ingest run into `archive` (where it is), on stdout; the failures go to
    stderr (`ingest_failures`)."""
    line = t("archive.summary", lang, archive=archive, ingested=summary.ingested, unchanged=summary.unchanged,
             failed=len(summary.failed))
    if getattr(summary, "transient_retried", 0):
        line = t("archive.transient_retried", lang, n=summary.transient_retried) + "\n" + line
    return line


def ingest_failures(summary, lang: str, db: str | None = None) -> str:
    """Each failed file with its reason, and the failures dropped by --retry, as `extract` lists
    its failures on stderr, then the --retry command with the same --db ("" when there are none)."""
    out = [f"  ✗ {f.reason(lang)}" for f in summary.failed]
    out += [f"  – {t('archive.dropped', lang, reason=f.reason(lang))}" for f in summary.dropped]
    if summary.skipped:
        out.append(t("batch.skipped", lang, n=len(summary.skipped)))
        out += [f"  – {s.reason(lang)}" for s in summary.skipped]
    out += [f"  ! {t('batch.warn_not_office', lang, message=w.reason(lang))}" for w in summary.warnings]
    if summary.failed:
        out.insert(0, t("batch.failed", lang, n=len(summary.failed)))
        command = "extractor ingest --retry" + (f" --db {shlex.quote(db)}" if db else "")
        out.append(t("archive.retry_hint", lang, command=command))
    return "\n".join(out)


def views_json(views: list[dict], lang: str) -> list[dict]:
    """`show --format json`: the views with each stored finding's sentence rendered in `lang`."""
    out = []
    for view in views:
        if "findings" in view:
            view = {**view, "findings": [{**f, "message": finding_message(f, lang)} if f.get("key") else f
                                         for f in view["findings"]]}
        out.append(view)
    return out


def checks_line(checks: dict | None, failed: int, lang: str) -> str:
    """"12 phép kiểm tra, 1 sai lệch", "không có số liệu nào kiểm tra được", or that the file
    was stored before checks were counted."""
    if checks is None:
        return t("archive.checks_unknown", lang)
    if not checks.get("carried_out"):
        return t("check.nothing", lang)
    return t("archive.checks", lang, checks=checks["carried_out"], failed=failed)


def campaign_text(view: dict, lang: str) -> str:
    """One campaign (`show PT-2`): who launched it, when, the decisions it names, the reports."""
    c = view["campaign"]
    national = f" {t('view.national', lang)}" if c["national"] else ""
    out = [f"{c['name']}{national}  [{shown_id('campaign', c['id'])}]"]
    period = " – ".join(x for x in (c["period_start"], c["period_end"]) if x)
    for key, value in (("archive.launched_by", c["launched_by"]), ("archive.period", period),
                       ("archive.aliases", "; ".join(view["aliases"]))):
        if value:
            out.append(f"{t(key, lang)}: {value}")
    if view["decisions"]:
        named = ", ".join(f"{d['ref']} [{shown_id('decision', d['id'])}]" for d in view["decisions"])
        out.append(f"{t('archive.cites', lang)}: {named}")
    out.append(t("archive.mentioned_by", lang, count=len(view["mentioned_by"])) + ":")
    for r in view["mentioned_by"]:
        head = " · ".join(x for x in (r["number"], r["date"]) if x)
        out.append(f"  - {head + ' · ' if head else ''}{r['source']}  [{shown_id('report', r['id'])}]")
    return "\n".join(out)


def report_text(view: dict, lang: str) -> str:
    """One stored report (`show BC-3`): what it is, what was checked, its awards and findings."""
    from .reconcile.report import severity_label

    r = view["report"]
    head = " ".join(x for x in (r["doc_type"], r["number"]) if x)
    out = [f"{head + '  ' if head else ''}{r['source']}  [{shown_id('report', r['id'])}]"]
    if not r["current"]:
        out.append("! " + t("archive.superseded", lang, version=r["version"]))
    for key, value in (("archive.issuer", r["issuer"]), ("archive.col.date", r["date"]),
                       ("archive.subject", r["title"])):
        if value:
            out.append(f"{t(key, lang)}: {value}")
    others = [f for f in view["renderings"] if f["document_id"] != r["id"]]
    if others:
        out.append(_also_text(others, lang).strip())
    out += [line for line in [ocr_line(view["ocr"], lang)] if line]
    failed = [f for f in view["findings"] if not f["passed"]]
    out.append(checks_line(r["checks"], len(failed), lang))
    if view["decisions"]:
        cited = ", ".join(f"{d['ref']} [{shown_id('decision', d['id'])}]" for d in view["decisions"])
        out.append(f"{t('archive.cites', lang)}: {cited}")
    out.append("\n" + t("view.awards", lang, count=len(view["awards"])))
    out += _award_lines(view["awards"], lang)
    out.append("\n" + t("archive.findings", lang, count=len(view["findings"])))
    for f in view["findings"]:
        out.append(f"  [{severity_label(f, lang)}] {finding_message(f, lang) if f.get('key') else f['message']}")
        out.append("      " + "; ".join(where_text(loc, lang) for loc in f["locations"]))
    return "\n".join(out)
