"""Renderers for stdout: JSON (the shape of model.to_dict) and readable text views."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .i18n import DEFAULT_LANG, t
from .model import Document, Table, to_dict


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


def _award_lines(awards: list, lang: str, depth: int = 0) -> list[str]:
    from .vn.numbers import format_number

    lines = []
    for a in awards:
        split = "/".join(format_number(x) if x is not None else "-" for x in (a.collectives, a.individuals))
        extra = " ".join(x for x in (a.class_, a.status and f"[{a.status}]") if x)
        count = format_number(a.count) if a.count is not None else "-"
        recipients = f"{t('view.award_split', lang)} {split}"
        lines.append(f"{'  ' * (depth + 1)}{count:>7}  {a.award} {extra}  ({a.level or '-'}; {recipients}; {a.source})")
        lines += _award_lines(a.parts, lang, depth + 1)
    return lines


def extraction_text(doc: Document, lang: str = DEFAULT_LANG) -> str:
    """A readable summary of what `extract` found."""
    m = doc.metadata
    period = f"{m.period.start} – {m.period.end}" if m.period else "-"
    national = f" {t('view.national', lang)}"
    out = [
        f"# {doc.source}",
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


def hits_text(hits: list, lang: str) -> str:
    """Search hits as aligned rows, each followed by its snippet."""
    if not hits:
        return t("archive.no_hits", lang)
    header = ["#", t("archive.col.kind", lang), "ID", t("archive.col.label", lang), t("archive.col.date", lang)]
    rows = [[str(i), t(f"archive.kind.{h.kind}", lang), str(h.id), h.label, h.date or ""] for i, h in enumerate(hits, 1)]
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    out = [line(header)]
    indent = " " * (widths[0] + 2)
    for row, hit in zip(rows, hits):
        out += [line(row) + _also_text(hit.also, lang), indent + hit.snippet]
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
    out += [f"[{f.severity}] {f.message}" for f in result.findings] or [t("compare.nothing", lang)]
    return "\n".join(out)


def _also_text(renderings, lang: str) -> str:
    """"  (also: x.pdf, x.md)": the file names of a report's other renderings, or nothing."""
    if not renderings:
        return ""
    return "  " + t("archive.also", lang, files=", ".join(Path(r["source"]).name for r in renderings))


def decision_text(view: dict, lang: str) -> str:
    """One decision, then every report citing it with the citing sentences."""
    d = view["decision"]
    out = [f"{' '.join(x for x in (d['doc_type'], d['ref']) if x)}  [ID {d['id']}]"]
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
        out.append(f"  - {head + ' · ' if head else ''}{r['source']}  [ID {r['document_id']}]{also}")
        if r["findings_differ"]:
            counts = ", ".join(f"{Path(f['source']).name} {len(f['findings'])}" for f in r["renderings"])
            out.append("    ! " + t("archive.findings_differ", lang, counts=counts))
        for c in r["citations"]:
            page = f"({t('archive.page', lang, page=c['page'])}) " if c["page"] else ""
            out.append(f"      {page}{c['sentence']}")
    return "\n".join(out)


def ingest_text(summary, lang: str) -> str:
    """Counts of one ingest run, then each failed file with its reason."""
    out = [t("archive.summary", lang, ingested=summary.ingested, unchanged=summary.unchanged, failed=len(summary.failed))]
    out += [f"  ✗ {f.reason(lang)}" for f in summary.failed]
    out += [f"  – {t('archive.dropped', lang, reason=f.reason(lang))}" for f in summary.dropped]
    if summary.skipped:
        out.append(t("batch.skipped", lang, n=len(summary.skipped)))
        out += [f"  – {s.reason(lang)}" for s in summary.skipped]
    out += [f"  ! {t('batch.warn_not_office', lang, message=w.reason(lang))}" for w in summary.warnings]
    if summary.failed:
        out.append(t("archive.retry_hint", lang))
    return "\n".join(out)
