"""What one document may cost: the one home of the parser's resource limits.

The values live in `data/limits.json`; each can be raised (or lowered) for one run with the
environment variable `EXTRACTOR_LIMIT_<NAME>` (`EXTRACTOR_LIMIT_PAGES=5000`). A backend checks a
limit *before* the work it bounds (`check("pages", n, path)`) and a file past one is refused with
`LimitExceeded`, whose message names the limit, its value and the variable that raises it.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from functools import lru_cache
from importlib import resources

from ..errors import LimitExceeded

ENV_PREFIX = "EXTRACTOR_LIMIT_"


@lru_cache(maxsize=1)
def data() -> dict:
    """`data/limits.json` (read here, not through `nlp.resources`, so parsing never imports spaCy)."""
    return json.loads(resources.files("extractor.data").joinpath("limits.json").read_text("utf-8"))


def query_bound(name: str) -> int:
    """A bound of search queries (`words`, `chars`, `word_chars`)."""
    return int(data()["query"][name])


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def value(name: str) -> int:
    """The limit `name` in force: its environment variable if set to a whole number, else the data file's."""
    spec = data()["limits"][name]
    raw = os.environ.get(env_name(name), "").strip().replace("_", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else int(spec["value"])


def text_bound(name: str) -> int:
    """A bound on text (`number_digits`, `token_chars`): past it text is not read, no error."""
    return int(data()["text"][name])


def exceeded(name: str, path: str | None) -> LimitExceeded:
    spec = data()["limits"][name]
    return LimitExceeded(path, limit=name, value=value(name), unit=spec["unit"], env=env_name(name))


def check(name: str, amount: int, path: str | None) -> None:
    """Refuse the file at `path` when `amount` is over the limit `name`."""
    if amount > value(name):
        raise exceeded(name, path)


def inflate(data: bytes, path: str | None, wbits: int = zlib.MAX_WBITS) -> bytes:
    """zlib/deflate data inflated, refusing output over `decompressed_bytes` before it is made."""
    cap = value("decompressed_bytes")
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap:
        raise exceeded("decompressed_bytes", path)
    return out


def check_zip(data: bytes, source: str | None) -> None:
    """Refuse a zip package (DOCX, XLSX) whose members would inflate past `decompressed_bytes`,
    before any is read (zipfile never reads a member past its declared size, so the declared
    sizes bound it)."""
    from ..errors import CorruptFile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            declared = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise CorruptFile(source, type(exc).__name__) from exc
    check("decompressed_bytes", declared, source)
