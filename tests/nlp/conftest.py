import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from seed import SEED_MD, seed_document  # noqa: E402


@pytest.fixture(scope="session")
def seed_doc():
    if not SEED_MD.is_file():
        pytest.skip("../shared/corpus/seed is not available")
    from extractor.nlp import extract

    return extract(seed_document())
