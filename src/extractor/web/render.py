"""The report view's pieces: the document as read (headings, paragraphs, tables) with each
finding's figures marked where they stand, and PDF pages as images with boxes on those figures.

`finding_message` is the one place a finding's sentence is rendered for the web."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup


def finding_message(finding: dict[str, Any], lang: str) -> str:
    """The sentence explaining a finding in the reader's language, from its key and parameters
    (`i18n.finding_message`); a row without a key keeps the words it was stored with."""
    from ..i18n import finding_message as render

    return render(finding, lang) if finding.get("key") else finding["message"]


def _marks(findings: list[dict[str, Any]]):
    """(block -> [(start, end, number)], (table, row, col) -> [number]) over the findings,
    numbered from 1 in their order."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    cells: dict[tuple[int, int, int], list[int]] = {}
    for number, f in enumerate(findings, 1):
        for loc in f["locations"]:
            if "table" in loc:
                cells.setdefault((loc["table"], loc["row"], loc["col"]), []).append(number)
            elif "block" in loc:
                spans.setdefault(loc["block"], []).append((loc["start"], loc["end"], number))
    return spans, cells


def _severity_class(numbers: list[int], findings: list[dict[str, Any]]) -> str:
    order = ("error", "warning", "info")
    worst = min((order.index(findings[n - 1]["severity"]) for n in numbers), default=2)
    return f"hl hl-{order[worst]}"


def _mark(text: str, numbers: list[int], findings: list[dict[str, Any]]) -> str:
    refs = " ".join(f"f{n}" for n in numbers)
    tags = "".join(f'<sup class="fno">{n}</sup>' for n in numbers)
    dismissed = all((findings[n - 1].get("review") or {}).get("verdict") == "dismissed" for n in numbers)
    css = _severity_class(numbers, findings) + (" dismissed" if dismissed else "")
    return f'<mark class="{css}" data-f="{refs}">{escape(text)}{tags}</mark>'


def marked_text(text: str, spans: list[tuple[int, int, int]], findings: list[dict[str, Any]]) -> str:
    """`text` escaped, each stretch that some findings point at wrapped in one <mark> (overlapping
    stretches are cut at every boundary, each piece naming all the findings over it)."""
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        over = sorted({n for s, e, n in spans if s <= a and b <= e})
        out.append(_mark(text[a:b], over, findings) if over else escape(text[a:b]))
    return "".join(out)


def _header_html(header: list[list[str]]) -> str:
    """Header rows with a merged cell drawn once: the model repeats its text across and down its
    span, so equal neighbours to the right and then below are joined back into one cell."""
    covered: set[tuple[int, int]] = set()
    rows = []
    for r, row in enumerate(header):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            width = 1
            while c + width < len(row) and row[c + width] == text and (r, c + width) not in covered:
                width += 1
            height = 1
            while r + height < len(header) and all(
                    len(header[r + height]) > x and header[r + height][x] == text and (r + height, x) not in covered
                    for x in range(c, c + width)):
                height += 1
            covered |= {(r + i, c + j) for i in range(height) for j in range(width)}
            span = (f' colspan="{width}"' if width > 1 else "") + (f' rowspan="{height}"' if height > 1 else "")
            cells.append(f"<th{span}>{escape(text)}</th>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<thead>" + "".join(rows) + "</thead>" if rows else ""


def table_html(table: dict[str, Any], cells: dict, findings: list[dict[str, Any]], caption: bool = True) -> str:
    body = []
    for r, row in enumerate(table["rows"]):
        tds = []
        for c, text in enumerate(row):
            numbers = cells.get((table["index"], r, c))
            inner = _mark(text, numbers, findings) if numbers else escape(text)
            cls = ' class="cell-flag"' if numbers else ""
            tds.append(f"<td{cls}>{inner}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    title = f'<caption>{escape(table["title"])}</caption>' if caption and table.get("title") else ""
    return (f'<div class="table-wrap"><table class="doc-table" id="t{table["index"]}">{title}'
            f'{_header_html(table["header"])}<tbody>{"".join(body)}</tbody></table></div>')


def _table_places(data: dict[str, Any], layout: list[int] | None) -> dict[int, list[dict]]:
    """Tables by the block they follow: from the upload's layout; for a report stored by the CLI,
    after the heading that is its title (else at the end)."""
    places: dict[int, list[dict]] = {}
    blocks = data.get("blocks", [])
    for i, table in enumerate(data.get("tables", [])):
        if layout is not None and i < len(layout):
            after = layout[i]
        else:
            titled = [b["index"] for b in blocks if table.get("title") and b["text"] == table["title"]]
            after = titled[-1] if titled else (blocks[-1]["index"] if blocks else -1)
        places.setdefault(after, []).append(table)
    return places


def document_html(data: dict[str, Any], findings: list[dict[str, Any]], layout: list[int] | None = None) -> Markup:
    """The document as read, each finding's figures marked in place."""
    spans, cells = _marks(findings)
    places = _table_places(data, layout)
    out = [table_html(t, cells, findings) for t in places.get(-1, [])]
    for b in data.get("blocks", []):
        text = marked_text(b["text"], spans.get(b["index"], []), findings)
        page = f' data-page="{b["page"]}"' if b.get("page") else ""
        if b["kind"] == "heading":
            level = min(max(b.get("level") or 1, 1), 4) + 1
            out.append(f'<h{level} id="b{b["index"]}"{page}>{text}</h{level}>')
        elif b["kind"] == "list_item":
            indent = max((b.get("level") or 1) - 1, 0)
            out.append(f'<p class="li li{indent}" id="b{b["index"]}"{page}>{text}</p>')
        else:
            out.append(f'<p id="b{b["index"]}"{page}>{text}</p>')
        # a table right under its titling heading does not repeat the title as a caption
        out += [table_html(t, cells, findings, caption=t.get("title") != b["text"]) for t in places.get(b["index"], [])]
    return Markup("\n".join(out))


# --- PDF pages -------------------------------------------------------------------------------


def finding_pages(data: dict[str, Any], findings: list[dict[str, Any]]) -> dict[int, list[tuple[int, str]]]:
    """page -> [(finding number, figure text)] for every finding location whose page is known
    (a block's page, or the pages of a table)."""
    pages: dict[int, list[tuple[int, str]]] = {}
    tables = data.get("tables", [])
    for number, f in enumerate(findings, 1):
        for loc in f["locations"]:
            if "table" in loc:
                on = tables[loc["table"]]["pages"] if loc["table"] < len(tables) else []
            else:
                on = [loc["page"]] if loc.get("page") else []
            for page in on:
                pages.setdefault(page, []).append((number, loc["text"]))
    return pages


def page_boxes(pdf_path: Path, page: int, figures: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Boxes (fractions of the page, top-left origin) on the figures of `figures` found on the
    page's text layer. A figure printed more than once on the page gets no box: we cannot tell
    which one the finding means."""
    import pypdfium2 as pdfium

    boxes = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        p = pdf[page - 1]
        width, height = p.get_size()
        text = p.get_textpage()
        for number, figure in figures:
            found = _occurrences(text, figure.strip())
            if len(found) != 1:
                continue
            left, bottom, right, top = found[0]
            boxes.append({
                "n": number,
                "x": left / width, "y": (height - top) / height,
                "w": (right - left) / width, "h": (top - bottom) / height,
            })
    finally:
        pdf.close()
    return boxes


def _occurrences(text_page, figure: str) -> list[tuple[float, float, float, float]]:
    if not figure:
        return []
    found = []
    search = text_page.search(figure, match_case=True, match_whole_word=False)
    while (hit := search.get_next()) is not None:
        index, count = hit
        boxes = [text_page.get_charbox(i) for i in range(index, index + count)]
        found.append((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)))
        if len(found) > 1:
            break
    return found


def page_png(pdf_path: Path, page: int, cache: Path, key: str) -> Path:
    """The page drawn at 120 dpi, cached beside the uploads under `key` and the page number."""
    import pypdfium2 as pdfium

    target = cache / f"{key}-{page}.png"
    if not target.exists() or target.stat().st_mtime < pdf_path.stat().st_mtime:
        cache.mkdir(parents=True, exist_ok=True)
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            if not 1 <= page <= len(pdf):
                raise IndexError(page)
            pdf[page - 1].render(scale=120 / 72).to_pil().save(target)
        finally:
            pdf.close()
    return target


def as_json(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block (no closing tag can slip through)."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))
