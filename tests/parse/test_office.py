"""Legacy Word .doc: told from other OLE2 files by its streams, converted by LibreOffice, read by
the DOCX backend; a typed one-line error without LibreOffice; the converter's time limit."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.errors import ConversionFailed, CorruptFile, NeedsLibreOffice
from extractor.parse import detect_format, office, parse_bytes, parse_file
from extractor.pipeline import process

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "corpus" / "reports" / "example.docx"


def soffice_convert(source: Path, target: str, out: Path) -> Path:
    """`source` converted by LibreOffice to `target` ("doc", "xls") in `out` (skip without it)."""
    command = office.soffice()
    if command is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run(
        [command, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return out / f"{source.stem}.{target}"


@pytest.fixture(scope="module")
def example_doc(tmp_path_factory) -> Path:
    return soffice_convert(EXAMPLE, "doc", tmp_path_factory.mktemp("doc"))


@pytest.fixture(scope="module")
def docx_and_doc(example_doc):
    return process(EXAMPLE, until="extract"), process(example_doc, until="extract")


def test_doc_is_told_from_other_ole_files_by_its_streams(example_doc):
    assert example_doc.read_bytes().startswith(office.OLE_MAGIC)
    assert detect_format(example_doc.read_bytes(), "no-extension") == "doc"


def awards_of(doc):
    return [(a.award, a.count, a.collectives, a.individuals, a.source) for a in doc.awards]


def test_doc_gives_the_references_and_awards_of_the_docx(docx_and_doc):
    from_docx, from_doc = docx_and_doc
    assert from_doc.format == "doc"
    assert [r.id for r in from_doc.references] == [r.id for r in from_docx.references]
    assert [(r.date, r.issuer) for r in from_doc.references] == [(r.date, r.issuer) for r in from_docx.references]
    assert awards_of(from_doc) == awards_of(from_docx)
    assert len(from_doc.awards) > 0 and len(from_doc.references) > 0


def test_doc_keeps_tables_and_merged_cells(docx_and_doc):
    from_docx, from_doc = docx_and_doc
    assert [t.header for t in from_doc.tables] == [t.header for t in from_docx.tables]
    assert [[c.text for c in row] for t in from_doc.tables for row in t.rows] == \
        [[c.text for c in row] for t in from_docx.tables for row in t.rows]
    spans = [(c.rowspan, c.colspan) for t in from_doc.tables for row in t.rows for c in row if not c.spanned]
    assert spans == [(c.rowspan, c.colspan) for t in from_docx.tables for row in t.rows for c in row if not c.spanned]


def test_doc_notes_the_conversion(docx_and_doc):
    _, from_doc = docx_and_doc
    assert any("converted from Word 97-2003" in n for n in from_doc.notes)


def without_libreoffice(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_libreoffice_a_doc_is_a_typed_error_naming_what_to_install(example_doc, monkeypatch, tmp_path):
    without_libreoffice(monkeypatch, tmp_path)
    with pytest.raises(NeedsLibreOffice) as caught:
        parse_file(example_doc)
    for lang in ("vi", "en"):
        message = caught.value.message(lang)
        assert "\n" not in message and "libreoffice-writer-nogui" in message and str(example_doc) in message
    assert "LibreOffice" in caught.value.message("en")


def test_without_libreoffice_the_cli_prints_one_line_and_exits_2(example_doc, tmp_path):
    empty = tmp_path / "no-bin"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PATH": str(empty)}
    done = subprocess.run([sys.executable, "-m", "extractor", "--lang", "en", "parse", str(example_doc)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs LibreOffice" in lines[0] and "apt-get install" in lines[0]


def test_a_conversion_over_the_time_limit_is_killed_with_its_children(monkeypatch, tmp_path):
    """A stand-in soffice that starts a child and hangs: both are gone when the error comes."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pids = tmp_path / "pids"
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $$ $! > {pids}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("EXTRACTOR_OFFICE_TIMEOUT", "2")
    with pytest.raises(ConversionFailed) as caught:
        office.convert(b"\xd0\xcf\x11\xe0 not really", "hang.doc", ".doc", "docx")
    assert "2 s" in caught.value.message("en")
    for pid in map(int, pids.read_text().split()):
        for _ in range(50):  # the kill is sent; the kernel may take a moment to reap
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            if Path(f"/proc/{pid}/stat").is_file() and ") Z " in Path(f"/proc/{pid}/stat").read_text():
                break  # a zombie: killed, waiting for its parent's wait
            time.sleep(0.1)
        else:
            pytest.fail(f"process {pid} still runs after the time limit")


@pytest.mark.parametrize("share", [0.01, 0.3, 0.7])
def test_a_truncated_doc_is_a_typed_error(example_doc, share):
    data = example_doc.read_bytes()
    with pytest.raises(CorruptFile):
        parse_bytes(data[: int(len(data) * share)], "cut.doc")


def test_a_conversion_that_produces_nothing_is_a_typed_error(monkeypatch, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    with pytest.raises(ConversionFailed) as caught:
        office.convert(b"x", "bad.doc", ".doc", "docx")
    assert "could not be loaded" in caught.value.message("en")


def test_a_damaged_container_naming_an_encrypted_package_is_encrypted():
    from extractor.errors import EncryptedFile

    data = office.OLE_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 400
    with pytest.raises(EncryptedFile):
        parse_bytes(data, "locked.docx")
