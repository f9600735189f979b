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
