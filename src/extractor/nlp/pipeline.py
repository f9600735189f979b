"""The spaCy pipeline: a fast tokenizer with report-specific rules, a tone-insensitive token
norm, and a span ruler holding the domain lexicon (see `lexicon.py`).

`build()` makes it from the data files; `python -m extractor.nlp.build` saves it under
`models/<MODEL_NAME>/`; `load()` reads the saved pipeline once per process, falling back to an
in-memory build when no saved model is found (an installed wheel without the repository).
"""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..vn.dates import NUMERIC_DATE
from ..vn.normalize import match_key
from . import lexicon
from .symbols import NUMBER_SYMBOL

MODEL_NAME = "vi_tdkt"
RULER = "domain_ruler"
LEX_KEY = "lex"
MODEL_ENV = "EXTRACTOR_MODEL"

_RATIO = r"\d[\d.,]*/\d[\d.,]*"  # 47/233
# Whole tokens: a document's number/symbol (1478/QĐ-TTg, 01-KL/TW), a date in figures
# (15/11/2023) and a ratio, so each is one token.
_TOKEN_MATCH = re.compile(rf"^(?:{NUMBER_SYMBOL}|{NUMERIC_DATE}|{_RATIO})$")
# "0,5%/năm", "kỳ/tháng": split a slash after a percent sign or between words.
_EXTRA_INFIXES = [r"(?<=%)/", r"(?<=[^\W\d])/(?=[^\W\d])", r"(?<=\d)%"]


@spacy.registry.tokenizers("extractor.vn_tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(list(defaults.infixes) + _EXTRA_INFIXES).finditer,
            token_match=_TOKEN_MATCH.match,
        )

    return make


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return match_key(text)


@Language.component("vn_norm")
def vn_norm(doc: Doc) -> Doc:
    """Set each token's NORM to its match key (lower case, tone mark placement unified)."""
    for token in doc:
        token.norm_ = _norm(token.text)
    return doc


def build() -> Language:
    """The pipeline made from the data files (no saved state needed)."""
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.vn_tokenizer.v1"}}})
    nlp.add_pipe("vn_norm")
    ruler = nlp.add_pipe(
        "span_ruler", name=RULER, config={"spans_key": LEX_KEY, "phrase_matcher_attr": "NORM", "overwrite": True}
    )
    ruler.add_patterns(lexicon.patterns())
    return nlp


def model_dir() -> Path:
    """Where the saved pipeline lives: $EXTRACTOR_MODEL, else models/<MODEL_NAME> in the repository."""
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    return Path(__file__).resolve().parents[3] / "models" / MODEL_NAME


@lru_cache(maxsize=1)
def _long_run() -> re.Pattern[str]:
    from ..parse.limits import text_bound

    return re.compile(rf"\S{{{text_bound('token_chars') + 1},}}")


def tokenizable(text: str) -> str:
    """`text` with every run of non-space characters longer than the `token_chars` bound
    (`data/limits.json`) blanked, same length: no word of a report is that long, and the
    tokenizer's affix rules take time quadratic in a token's length (100,000 "*" in a row ran
    for minutes). Offsets are unchanged, so mentions still index the block's own text."""
    return _long_run().sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline, loaded once per process."""
    path = model_dir()
    if (path / "config.cfg").is_file():
        return spacy.load(path)
    print(f"extractor: no saved pipeline at {path}; building it from the data files", file=sys.stderr)
    return build()

