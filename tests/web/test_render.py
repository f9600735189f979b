"""The report view's marking and the upload names, for any input (hypothesis)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from extractor.web.jobs import shown_name, stored_name
from extractor.web.render import _header_html, marked_text

FINDINGS = [{"severity": s, "review": None} for s in ("error", "warning", "info")]


@st.composite
def text_and_spans(draw):
    text = draw(st.text(max_size=60))
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n), st.integers(1, 3)), max_size=5))
    return text, [(min(a, b), max(a, b), k) for a, b, k in spans]


def _plain(marked: str) -> str:
    without_tags = re.sub(r'<sup class="fno">\d+</sup>', "", marked)
    return html.unescape(re.sub(r"</?mark[^>]*>", "", without_tags))


@given(text_and_spans())
def test_marks_keep_the_text_and_cover_each_span(case):
    text, spans = case
    marked = marked_text(text, spans, FINDINGS)
    assert _plain(marked) == text
    for start, end, _ in spans:
        if start < end:
            assert "<mark" in marked
    assert "<script" not in marked.replace("&lt;script", "")


@given(st.text(max_size=80), st.integers(1, 10**6))
def test_stored_names_are_never_the_sent_name(sent, upload_id):
    name = stored_name(upload_id, sent)
    assert re.fullmatch(rf"{upload_id}(\.md|\.txt)?", name)
    shown = shown_name(sent)
    assert "/" not in shown and "\\" not in shown and shown and len(shown) <= 200


@given(st.lists(st.lists(st.sampled_from(["A", "B", "C"]), min_size=3, max_size=3), min_size=1, max_size=3))
def test_header_cells_cover_the_grid_once(header):
    drawn = _header_html(header)

    def span(attrs: str, name: str) -> int:
        found = re.search(rf'{name}="(\d+)"', attrs)
        return int(found.group(1)) if found else 1

    cells = re.findall(r"<th(?=[ >])([^>]*)>", drawn)
    assert sum(span(c, "colspan") * span(c, "rowspan") for c in cells) == 3 * len(header)
