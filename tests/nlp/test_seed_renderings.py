"""The seed in its three renderings (parsed by the real parsers) gives the same records."""
import pytest

from extractor.nlp import extract
from seed import SEED_DIR
from test_references import SEED_REFERENCES


def summary(doc):
    def flat(awards):
        for a in awards:
            yield (a.award, a.class_, a.count, a.collectives, a.individuals, a.source)
            yield from flat(a.parts)

    return (
        {r.id: r.date for r in doc.references},
        sorted(c.name for c in doc.campaigns),
        sorted(flat(doc.awards), key=str),
        (doc.metadata.number, doc.metadata.date, doc.metadata.signer),
    )


@pytest.fixture(scope="module")
def renderings():
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/corpus/seed is not available")
    from extractor.parse import parse_file

    return {ext: extract(parse_file(SEED_DIR / f"bao-cao-tdkt-2023.{ext}")) for ext in ("md", "docx", "pdf")}


def test_three_renderings_agree(renderings):
    md = summary(renderings["md"])
    assert md[0] == {k: v[0] for k, v in SEED_REFERENCES.items()}
    assert summary(renderings["docx"]) == md
    assert summary(renderings["pdf"]) == md
