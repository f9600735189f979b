"""Typed input errors: one class per reason, one sentence each (see `data/messages.json`)."""
from __future__ import annotations

from .i18n import DEFAULT_LANG, t


class ExtractorError(Exception):
    """Base of every error the tool reports to the user in one line."""

    key = "error.generic"
    exit_code = 2

    def __init__(self, path: str | None = None, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(self.message("en"))

    def __reduce__(self):
        # Errors cross process boundaries (the deadline's worker): keep every attribute.
        return _rebuild, (type(self), self.__dict__.copy())

    def message(self, lang: str = DEFAULT_LANG) -> str:
        text = t(self.key, lang, path=self.path or "-")
        return f"{text} ({self.detail})" if self.detail else text


def _rebuild(cls, state: dict) -> ExtractorError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err.message("en"))
    return err


class InputError(ExtractorError):
    """The file cannot be read as a report."""

    key = "error.input"


class FileMissing(InputError):
    key = "error.missing"


class EmptyFile(InputError):
    key = "error.empty"


class UnsupportedFormat(InputError):
    key = "error.unsupported"


class ImageFile(UnsupportedFormat):
    """A picture (PNG, JPEG, TIFF...), not a document: skipped in a batch."""


class CorruptFile(InputError):
    key = "error.corrupt"


class EncryptedFile(InputError):
    key = "error.encrypted"


class ConversionFailed(CorruptFile):
    """LibreOffice could not convert a legacy Office file (damaged, or over the time limit)."""

    key = "error.conversion"


class NeedsLibreOffice(InputError):
    """A legacy .doc or .xls file, and no LibreOffice to convert it (detail: how to install it)."""

    key = "error.needs_libreoffice"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, path=self.path or "-", command=self.detail)


class TooLarge(InputError):
    """A spreadsheet over the cell limit (detail: the limit and its environment variable)."""

    key = "error.too_large"


class NotOfficeDocument(InputError):
    """Read, but nothing in it says it is a document of an office (no header, type, number,
    issuer, nor table of figures): skipped in a batch. `detail` is the reason's message key."""

    key = "error.not_office"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, path=self.path or "-", reason=t(self.detail, lang))


class ScannedPdf(InputError):
    """A PDF whose pages carry no text layer: it needs OCR, it is not empty."""

    key = "error.scanned"


class UnreadableScan(ScannedPdf):
    """A scanned PDF that OCR ran on and found no text in."""

    key = "error.scanned_unreadable"


class LimitExceeded(InputError):
    """A file past one of the parser's limits (`parse/limits.py`). The detail names the limit,
    its value and the environment variable that raises it, in words of no language."""

    key = "error.limit"

    def __init__(self, path: str | None = None, *, limit: str = "", value: int = 0, unit: str = "", env: str = "") -> None:
        self.limit = limit
        super().__init__(path, f"{limit} > {value:,} {unit}; {env}=…" if limit else "")


class DeadlineExceeded(InputError):
    """A document still not processed when its time ran out (it was stopped)."""

    key = "error.deadline"

    def __init__(self, path: str | None = None, *, seconds: float = 0, env: str = "") -> None:
        self.seconds = seconds
        super().__init__(path, f"{seconds:g} s; --timeout, {env}=…" if env else "")


class WorkerCrashed(InputError):
    """The process reading a document died (a crash in a C library, or killed from outside)."""

    key = "error.crashed"


class QueryTooLong(ExtractorError):
    """A search query past the bounds of `data/limits.json` ("query"): detail says which."""

    key = "error.query_too_long"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        from .parse.limits import query_bound

        bounds = {name: query_bound(name) for name in ("words", "chars", "word_chars")}
        text = t(self.key, lang, **bounds)
        return f"{text} ({self.detail})" if self.detail else text


class DatabaseError(ExtractorError):
    key = "error.database"


class TransientFailure(ExtractorError):
    """A file that failed for a reason of the moment (disk full, database locked): the next
    plain run tries it again. `detail` is the system's reason."""

    key = "error.transient"


class RecordNotFound(ExtractorError):
    """The archive holds nothing under the identifier asked for."""

    key = "error.not_found"


class RecordGone(RecordNotFound):
    """An archive id that was given out once but whose record is no longer there."""

    key = "error.record_gone"


class IsADirectory(InputError):
    """A folder given where a report file is expected."""

    key = "error.is_dir"


class ArchiveMissing(DatabaseError):
    """A read-only command names an SQLite archive that does not exist (only ingest creates one)."""

    key = "error.no_archive"


class ArchiveEmpty(DatabaseError):
    """A reading command names an SQLite file of 0 bytes: no archive (SQLite would take it for an
    empty one and answer "no results")."""

    key = "error.empty_archive"


class UnsupportedDatabase(DatabaseError):
    key = "error.database_unsupported"


class OutputError(ExtractorError):
    """The result cannot be written where the user asked (detail: the system's reason)."""

    key = "error.output"


class OutputFolderMissing(OutputError):
    key = "error.output_no_folder"


class OutputIsADirectory(OutputError):
    key = "error.output_is_dir"


class OutputDenied(OutputError):
    key = "error.output_denied"


class OutputIsArchive(OutputError):
    """`-o` names the archive being read, or its -wal/-shm/-journal file."""

    key = "error.output_is_archive"


class OutputFull(OutputError):
    key = "error.output_full"


class BinaryToTerminal(OutputError):
    """A binary format (XLSX) would be written to a terminal."""

    key = "error.binary_to_terminal"


class UsageError(ExtractorError):
    """The command line itself is wrong: `path` is the command ("extractor extract"), `detail`
    the reason (click's own, or a message of ours)."""

    key = "error.usage"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, command=self.path or "extractor", reason=self.detail)
