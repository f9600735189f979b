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
