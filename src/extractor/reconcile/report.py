"""Views of the findings for people: plain text (grouped by section, with the sentence or table
row each figure stands in) and Markdown, in the reader's language. JSON is `model.to_dict`.

Every view says what was checked: "N phép kiểm tra, 0 sai lệch", or, when the reconciler found
no relation to judge, "không có số liệu nào kiểm tra được" (never "no discrepancy"); a document
read by OCR says which pages and how confident the engine was."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..i18n import finding_message, t
from ..model import CellRef, Document, Finding, Location, Mention
from ..provenance import column_label, where_text
from ..vn.normalize import squash_spaces
from .checks import document_position
from .text import BlockReader

SEVERITY_ORDER = ("error", "warning", "info")


def counts(findings: Iterable[Finding]) -> Counter:
    return Counter("passed" if f.passed else f.severity for f in findings)


def has_errors(doc: Document) -> bool:
    return any(f.severity == "error" and not f.passed for f in doc.findings)


def carried_out(doc: Document) -> int:
    return sum((doc.checks or {}).values())


def summary(doc: Document, lang: str) -> str:
    """"report.pdf: 12 phép kiểm tra, 1 lỗi, 0 cảnh báo, 0 ghi chú", or that nothing could be checked."""
    c = counts(doc.findings)
    if not carried_out(doc):
        return t("check.summary_nothing", lang, source=doc.source)
    return t("check.summary", lang, source=doc.source, checks=carried_out(doc), errors=c["error"],
             warnings=c["warning"], infos=c["info"])


def verdict(doc: Document, lang: str) -> str | None:
    """The closing word on a document without errors: nothing wrong among N checks, or nothing
    checkable (never "no discrepancy" after checking nothing); None when some figure is wrong."""
    if any(not f.passed and f.severity != "info" for f in doc.findings):
        return None
    if not carried_out(doc):
        return t("check.nothing", lang)
    return t("check.none", lang, checks=carried_out(doc))


def ocr_caveat(doc: Document, lang: str) -> str | None:
    """"Trang 1, 2 được đọc bằng OCR (độ tin cậy trung bình 87/100): ...", or None."""
    from ..output import ocr_line

    return ocr_line(doc.ocr, lang)


def total_line(docs: list[Document], lang: str) -> str:
    """The line closing a multi-file check: files, checks and findings over the batch."""
    c = counts(f for d in docs for f in d.findings)
    unchecked = sum(1 for d in docs if not carried_out(d))
    return t("check.total", lang, files=len(docs), checks=sum(carried_out(d) for d in docs), errors=c["error"],
             warnings=c["warning"], infos=c["info"], unchecked=unchecked)


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
    for lo, hi in BlockReader(text, []).sentences():
        if lo <= mention.start < hi:
            return squash_spaces(text[lo:hi])
    return squash_spaces(text)


def row_of(doc: Document, ref: CellRef) -> str:
    cells = doc.tables[ref.table].rows[ref.row]
    return " | ".join(squash_spaces(c.text) for c in cells)


def where(doc: Document, loc: Location, lang: str) -> str:
    """"trang 3, đoạn 28 «512»", "bảng 1, dòng 7, cột «Tổng số» «2.481»"."""
    return where_text(loc, lang, column_label(doc, loc))


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


def severity_label(f: Finding | dict, lang: str) -> str:
    """"LỖI", "CẢNH BÁO", "GHI CHÚ", "ĐÚNG"; "CẦN XEM LẠI BẢN GỐC" for a figure OCR was unsure of."""
    get = f.get if isinstance(f, dict) else (lambda k, d=None: getattr(f, k, d))
    if get("passed"):
        return t("severity.passed", lang)
    if get("review"):
        return t("severity.review", lang)
    return t(f"severity.{get('severity')}", lang)


def _head(doc: Document, lang: str) -> list[str]:
    return [x for x in (ocr_caveat(doc, lang), verdict(doc, lang)) if x]


def findings_text(doc: Document, lang: str) -> str:
    lines = [summary(doc, lang), *_head(doc, lang)]
    for section, findings in grouped(doc, lang):
        lines += ["", f"== {section}"]
        for f in findings:
            lines.append(f"[{severity_label(f, lang)}] {finding_message(f, lang)}")
            lines += [f"    > {c}" for c in contexts(doc, f)]
            lines.append("    " + "; ".join(where(doc, loc, lang) for loc in f.locations))
    return "\n".join(lines)


def findings_markdown(doc: Document, lang: str) -> str:
    lines = [f"# {summary(doc, lang)}"]
    lines += [x for h in _head(doc, lang) for x in ("", h)]
    for section, findings in grouped(doc, lang):
        lines += ["", f"## {section}", ""]
        for f in findings:
            lines.append(f"- **{severity_label(f, lang)}** {finding_message(f, lang)} `{f.id}`")
            lines += [f"  > {c}" for c in contexts(doc, f)]
            lines.append("  " + "; ".join(where(doc, loc, lang) for loc in f.locations))
    return "\n".join(lines)
