"""ingest skips the files of a folder that are no office documents (listed, not stored, not
failures); one file given alone is stored with a warning."""
from pathlib import Path

from extractor.archive import Archive, ingest
from extractor.output import ingest_failures

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "reports" / "example.md"


def fill(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_bytes(EXAMPLE.read_bytes())
    (folder / "INDEX.txt").write_text("file\tpages\nreport.md\t3\nold.md\t2\n", "utf-8")
    (folder / "copy-of-index.txt").write_text("file\tpages\nreport.md\t3\nold.md\t2\n", "utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)


def test_a_folder_skips_what_is_no_office_document(tmp_path: Path) -> None:
    fill(tmp_path / "in")
    with Archive(f"sqlite:///{tmp_path / 'a.sqlite'}") as archive:
        summary = ingest(archive, [tmp_path / "in"], workers=0)
        assert (summary.ingested, len(summary.failed)) == (1, 0)
        assert sorted(Path(s.path).name for s in summary.skipped) == ["INDEX.txt", "copy-of-index.txt", "photo.jpg"]
        assert archive.counts()["reports"] == 1 and archive.failures() == []
        text = ingest_failures(summary, "en")  # on stderr, with the failures
        assert "3 file(s) skipped" in text and "an image file" in text


def test_one_file_alone_is_stored_with_a_warning(tmp_path: Path) -> None:
    fill(tmp_path / "in")
    with Archive(f"sqlite:///{tmp_path / 'a.sqlite'}") as archive:
        summary = ingest(archive, [tmp_path / "in" / "INDEX.txt"], workers=0)
        assert (summary.ingested, summary.skipped) == (1, [])
        assert [Path(w.path).name for w in summary.warnings] == ["INDEX.txt"]
        assert "processed anyway" in ingest_failures(summary, "en")
