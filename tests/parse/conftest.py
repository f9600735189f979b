import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed"


@pytest.fixture(scope="session")
def seed() -> Path:
    """The canonical report in ../shared (md, docx, pdf renderings); skipped when absent."""
    if not (SEED / "bao-cao-tdkt-2023.md").is_file():
        pytest.skip("../shared/corpus/seed is not available")
    return SEED / "bao-cao-tdkt-2023"


# ---------------------------------------------------------------------------------------------
# A report of our own, written in all three formats by tests/parse/fixture_writer.py.

sys.path.insert(0, str(Path(__file__).parent))
from fixture_writer import Script, gold, to_docx, to_markdown, to_pdf  # noqa: E402
from sample_report import REPORT  # noqa: E402


@pytest.fixture(scope="session")
def script() -> Script:
    return Script()


@pytest.fixture(scope="session")
def report(tmp_path_factory, script):
    """The report above as md, docx and pdf files, with its gold blocks and tables."""
    out = tmp_path_factory.mktemp("report")
    md = out / "report.md"
    md.write_text(to_markdown(REPORT, script), encoding="utf-8")
    paths = {
        "md": md,
        "docx": to_docx(REPORT, out / "report.docx", script),
        "pdf": to_pdf(REPORT, out / "report.pdf", script, running_header="UBND HUYỆN AN PHÚ - Bản lưu hành nội bộ"),
    }
    return paths, gold(REPORT, script)
