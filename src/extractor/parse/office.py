"""Legacy Office files (OLE2 containers): telling Word from Excel, and converting them with
LibreOffice so the DOCX and spreadsheet backends read them.

`ole_kind` names what an OLE2 file holds from its directory stream names ("WordDocument" for
Word 97-2003, "Workbook"/"Book" for Excel, "EncryptedPackage" for a password-protected OOXML
file). `convert` runs `soffice --headless --convert-to` in a private profile directory and a
temporary output folder, under a time limit (`data/office.json`, env override) after which the
whole process group is killed, so no file runs without limit. The profile is made once per
process (LibreOffice's first start in a new profile costs about a second more) and thrown away
after a failed conversion; conversions in one process take turns on it.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from ..errors import ConversionFailed, CorruptFile, EncryptedFile, NeedsLibreOffice, UnsupportedFormat
from ..nlp.resources import load

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# OLE stream names (lower-case) -> the format they make a file.
_STREAM_KINDS = {"worddocument": "doc", "workbook": "xls", "book": "xls", "encryptedpackage": "encrypted"}


def settings() -> dict:
    return load("office")


def setting(name: str) -> int:
    """A numeric limit of `data/office.json`, overridden by its environment variable."""
    entry = settings()[name]
    raw = os.environ.get(entry["env"], "")
    try:
        return int(raw) if raw.strip() else int(entry["value"])
    except ValueError:
        return int(entry["value"])


def ole_kind(data: bytes, source: str) -> str:
    """'doc' or 'xls' for an OLE2 file; raises for encrypted, damaged or other OLE files."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            names = {entry[0].lower() for entry in ole.listdir(streams=True, storages=False) if len(entry) == 1}
    except (OSError, ValueError, IndexError) as exc:  # olefile raises OSError for a bad header
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedFile(source) from exc
        raise CorruptFile(source, "OLE2") from exc
    kinds = {_STREAM_KINDS[n] for n in names if n in _STREAM_KINDS}
    if "encrypted" in kinds:
        raise EncryptedFile(source)
    for kind in ("doc", "xls"):
        if kind in kinds:
            return kind
    raise UnsupportedFormat(source, "OLE2, not Word or Excel")


@lru_cache(maxsize=1)
def _soffice_cached(path_env: str) -> str | None:
    for name in settings()["commands"]:
        found = shutil.which(name, path=path_env)
        if found:
            return found
    return None


def soffice() -> str | None:
    """The LibreOffice command on PATH (looked up again when PATH changes)."""
    return _soffice_cached(os.environ.get("PATH", os.defpath))


class _Profile:
    """This process's private LibreOffice profile directory (removed at exit)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.folder: tempfile.TemporaryDirectory | None = None

    def path(self) -> Path:
        if self.folder is None:
            self.folder = tempfile.TemporaryDirectory(prefix="extractor-soffice-profile-")
        return Path(self.folder.name) / "profile"

    def discard(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


_PROFILE = _Profile()


def convert(data: bytes, source: str, suffix: str, target: str) -> bytes:
    """The bytes of `data` (a `suffix` file: ".doc", ".xls") converted by LibreOffice to
    `target` ("docx", "xlsx")."""
    command = soffice()
    if command is None:
        raise NeedsLibreOffice(source, settings()["install_hint"])
    timeout = setting("conversion_timeout_seconds")
    with _PROFILE.lock, tempfile.TemporaryDirectory(prefix="extractor-office-") as tmp:
        work = Path(tmp)
        given = work / f"input{suffix}"
        given.write_bytes(data)
        (work / "out").mkdir()
        args = [
            command, f"-env:UserInstallation={_PROFILE.path().as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", target, "--outdir", str(work / "out"), str(given),
        ]
        try:
            _run_with_limit(args, timeout, source)
        except ConversionFailed:
            _PROFILE.discard()  # a killed or failed run may leave the profile locked or damaged
            raise
        produced = work / "out" / f"input.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ConversionFailed(source, f"LibreOffice {suffix} -> .{target}")
        return produced.read_bytes()


def _run_with_limit(args: list[str], timeout: int, source: str) -> None:
    """Run `args` in a process group of its own; on expiry the whole group is killed (soffice
    starts a child process that a plain kill would leave running)."""
    env = {**os.environ, "HOME": os.environ.get("HOME", tempfile.gettempdir())}
    with subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    ) as proc:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            proc.communicate()
            raise ConversionFailed(source, f"LibreOffice took longer than {timeout} s") from exc
        except BaseException:
            _kill_group(proc)
            raise
    if proc.returncode != 0:
        last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        raise ConversionFailed(source, f"LibreOffice: {last[0][:200]}")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def parse(data: bytes, source: str, fmt: str):
    """A Word 97-2003 file: converted to .docx, then read by the DOCX backend (tables and merged
    cells as in any DOCX); `format` stays "doc" and the notes say it was converted."""
    from . import docx

    converted = convert(data, source, ".doc", "docx")
    doc = docx.parse(converted, source, "docx")
    doc.format = "doc"
    doc.notes.append("converted from Word 97-2003 (.doc) to .docx by LibreOffice before reading")
    return doc
