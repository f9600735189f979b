"""The number/symbol a document is cited by, in the state form ("1478/QĐ-TTg", "56/2013/NĐ-CP",
"43 / 2022 / HĐND") and the Party form ("01-KL/TW"). One pattern for the reader of references and
for the tokenizer, which keeps each one a single token."""
from __future__ import annotations

import re

_CODE = r"[A-ZĐ][A-Za-zĐđ&]*\d*"
_SYMBOL = rf"{_CODE}(?:\s?-\s?{_CODE})*"
# Groups: num, year, sym (state form); pnum, ptype, pissuer (Party form).
NUMBER_SYMBOL = (
    rf"(?P<num>\d+[a-z]?)\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<sym>{_SYMBOL})"
    rf"|(?P<pnum>\d+)\s*-\s*(?P<ptype>{_CODE})\s*/\s*(?P<pissuer>{_SYMBOL})"
)
ID_RE = re.compile(rf"(?<![\w/.-])(?:{NUMBER_SYMBOL})(?![\w/])")
