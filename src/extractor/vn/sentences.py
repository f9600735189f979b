"""Sentence boundaries, from underthesea's `sent_tokenize` (it keeps abbreviations such as
"TP." and "ThS." and the dots of "3.831" or "28.11.2022" inside their sentence), returned as
character offsets into the text so every stage can point back into a block."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenize():
    from underthesea import sent_tokenize  # imported on first use: it costs ~0.3 s

    return sent_tokenize


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order; together they cover every
    non-blank character. Line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans += _line_spans(line, offset)
        offset += len(line) + 1
    return spans


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    if not line.strip():
        return []
    spans, pos = [], 0
    for sentence in _tokenize()(line):
        start = line.find(sentence, pos)
        if start < 0:  # the tokenizer changed the text: keep the rest as one sentence
            break
        spans.append((offset + start, offset + start + len(sentence)))
        pos = start + len(sentence)
    rest = line[pos:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((offset + pos + lead, offset + len(line.rstrip())))
    return spans


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` holding `text[start:end]`."""
    spans = sentence_spans(text)
    lo = next((s for s, e in spans if e > start), start)
    hi = next((e for s, e in reversed(spans) if s < end), end)
    return text[min(lo, start):max(hi, end)].strip()
