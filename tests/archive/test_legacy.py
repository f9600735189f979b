"""Reading stored finding sentences back into key + parameters (migration 6): whatever the
figures and words, the sentence read back renders to itself in the language it was stored in."""
from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.archive.legacy import STORED, read_finding_message
from extractor.i18n import LANGS, catalog, finding_message

KEYS = sorted(k for k in catalog() if k.startswith("finding.") and k != STORED)
words = st.text(alphabet="0123456789.,% /+abcđăâêôơưàảãáạ", min_size=1, max_size=12).map(str.strip).filter(bool)


def fields(template: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(KEYS), lang=st.sampled_from(LANGS), data=st.data())
def test_a_stored_sentence_reads_back_to_itself(key: str, lang: str, data) -> None:
    params = {name: data.draw(words, label=name) for name in fields(catalog()[key][lang])}
    sentence = finding_message({"key": key, "params": params}, lang)
    read_key, read_params = read_finding_message(sentence)
    assert read_key != STORED
    assert finding_message({"key": read_key, "params": read_params}, lang) == sentence


def test_an_unknown_sentence_is_kept_as_written() -> None:
    assert read_finding_message("Một câu không theo mẫu nào") == (STORED, {"text": "Một câu không theo mẫu nào"})
    assert finding_message({"key": STORED, "params": {"text": "x"}}, "en") == "x"
