"""Views of the findings for people: plain text (grouped by section, with the sentence or table
row each figure stands in) and Markdown. JSON is `model.to_dict`."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..i18n import t
from ..model import CellRef, Document, Finding, Location, Mention
from ..vn.normalize import squash_spaces
from .checks import document_position
from ..nlp import structure as block_structure

SEVERITY_ORDER = ("error", "warning", "info")


def counts(findings: Iterable[Finding]) -> Counter:
    return Counter("passed" if f.passed else f.severity for f in findings)


def has_errors(doc: Document) -> bool:
    return any(f.severity == "error" and not f.passed for f in doc.findings)


def summary(doc: Document, lang: str) -> str:
    c = counts(doc.findings)
    return t("check.summary", lang, source=doc.source, errors=c["error"], warnings=c["warning"], infos=c["info"])


def section_of(doc: Document, loc: Location, lang: str) -> str:
    """The heading a figure stands under, or the table's caption."""
    if isinstance(loc, CellRef):
        table = doc.tables[loc.table] if 0 <= loc.table < len(doc.tables) else None
        caption = t("check.table", lang, table=loc.table + 1)
        return f"{caption}: {table.title}" if table and table.title else caption
    for block in reversed(doc.blocks[: loc.block + 1]):
        if block.kind == "heading":
            return squash_spaces(block.text)
    return t("check.preamble", lang)


def sentence_of(doc: Document, mention: Mention) -> str:
    text = doc.blocks[mention.block].text
    lo, hi = block_structure.of(doc)[mention.block].sentence_of(mention.start)
    return squash_spaces(text[lo:hi] if hi > lo else text)


def row_of(doc: Document, ref: CellRef) -> str:
    cells = doc.tables[ref.table].rows[ref.row]
    return " | ".join(squash_spaces(c.text) for c in cells)


def where(doc: Document, loc: Location) -> str:
    if isinstance(loc, CellRef):
        return f"[{loc.table + 1}:{loc.row + 1}:{loc.col + 1}] «{loc.text}»"
    page = f"p{loc.page}:" if loc.page else ""
    return f"[{page}§{loc.block}:{loc.start}] «{loc.text}»"


def contexts(doc: Document, finding: Finding) -> list[str]:
    """The sentences and table rows the finding's figures stand in, each once, in order."""
    seen: list[str] = []
    for loc in finding.locations:
        line = row_of(doc, loc) if isinstance(loc, CellRef) else sentence_of(doc, loc)
        if line not in seen:
            seen.append(line)
    return seen


def grouped(doc: Document, lang: str) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in sorted(doc.findings, key=_position(doc)):
        section = section_of(doc, f.locations[0], lang) if f.locations else t("check.preamble", lang)
        groups.setdefault(section, []).append(f)
    return list(groups.items())


def _position(doc: Document):
    def key(f: Finding) -> tuple:
        return document_position(doc, f.locations[0]) if f.locations else (-1, 0, 0)

    return key


def _label(f: Finding, lang: str) -> str:
    return t("severity.passed" if f.passed else f"severity.{f.severity}", lang)


def findings_text(doc: Document, lang: str) -> str:
    lines = [summary(doc, lang)]
    if not any(not f.passed and f.severity != "info" for f in doc.findings):
        lines.append(t("check.none", lang))
    for section, findings in grouped(doc, lang):
        lines += ["", f"== {section}"]
        for f in findings:
            lines.append(f"[{_label(f, lang)}] {f.message}")
            lines += [f"    > {c}" for c in contexts(doc, f)]
            lines.append("    " + "; ".join(where(doc, loc) for loc in f.locations))
    return "\n".join(lines)


def findings_markdown(doc: Document, lang: str) -> str:
    lines = [f"# {summary(doc, lang)}"]
    if not any(not f.passed and f.severity != "info" for f in doc.findings):
        lines += ["", t("check.none", lang)]
    for section, findings in grouped(doc, lang):
        lines += ["", f"## {section}", ""]
        for f in findings:
            lines.append(f"- **{_label(f, lang)}** {f.message} `{f.id}`")
            lines += [f"  > {c}" for c in contexts(doc, f)]
            lines.append("  " + "; ".join(f"`{where(doc, loc)}`" for loc in f.locations))
    return "\n".join(lines)
