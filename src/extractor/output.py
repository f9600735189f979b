"""Renderers for stdout: JSON (the shape of model.to_dict) and readable text views."""
from __future__ import annotations

import json
import sys
from typing import Any

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


def document_text(doc: Document) -> str:
    tables_after: dict[int, list[Table]] = {}
    for t in doc.tables:
        tables_after.setdefault(t.after_block, []).append(t)
    out: list[str] = [f"# {doc.source} ({doc.format}, {doc.pages or '-'} pages)"]

    def emit_tables(after: int) -> None:
        for t in tables_after.get(after, []):
            out.append(f"\n[Bảng {t.index}: {t.title or ''} | pages {t.pages}]\n{table_text(t)}\n")

    emit_tables(-1)
    for b in doc.blocks:
        indent = "  " * max(b.level - 1, 0) if b.kind == "list_item" else ""
        prefix = "#" * max(b.level, 1) + " " if b.kind == "heading" else indent
        page = f"[p{b.page}] " if b.page else ""
        out.append(f"{page}{prefix}{b.text}")
        emit_tables(b.index)
    return "\n".join(out)


def _award_lines(awards: list, depth: int = 0) -> list[str]:
    from .vn.numbers import format_number

    lines = []
    for a in awards:
        split = "/".join(format_number(x) if x is not None else "-" for x in (a.collectives, a.individuals))
        extra = " ".join(x for x in (a.class_, a.status and f"[{a.status}]") if x)
        count = format_number(a.count) if a.count is not None else "-"
        lines.append(f"{'  ' * (depth + 1)}{count:>7}  {a.award} {extra}  ({a.level or '-'}; tt/cn {split}; {a.source})")
        lines += _award_lines(a.parts, depth + 1)
    return lines


def extraction_text(doc: Document) -> str:
    """A readable summary of what `extract` found."""
    m = doc.metadata
    period = f"{m.period.start} – {m.period.end}" if m.period else "-"
    out = [
        f"# {doc.source}",
        f"{m.doc_type or '-'} {m.number or '-'} ngày {m.date or '-'} | {m.issuer or '-'} | ký: {m.position or '-'} {m.signer or '-'}",
        f"Trích yếu: {m.title or '-'} | Kỳ báo cáo: {period}",
        f"\nVăn bản viện dẫn ({len(doc.references)}):",
    ]
    out += [f"  {r.id:<28} {r.doc_type or '-':<18} {r.date or '-':<10} {r.issuer or '-'} (x{len(r.mentions)})"
            for r in doc.references]
    out.append(f"\nPhong trào thi đua ({len(doc.campaigns)}):")
    out += [f"  {c.name}{' [toàn quốc]' if c.national else ''} {', '.join(c.references)}" for c in doc.campaigns]
    out.append(f"\nKhen thưởng ({len(doc.awards)}):")
    out += _award_lines(doc.awards)
    out.append(f"\nSố liệu: {len(doc.quantities)}")
    return "\n".join(out)
