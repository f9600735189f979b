"""The package docstring's Python example runs as written (on the corpus' example report)."""
import textwrap
from pathlib import Path

import pytest

import extractor

EXAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "reports" / "example.md"


def docstring_example() -> str:
    """The indented code block of `extractor.__doc__`."""
    code = [line for line in extractor.__doc__.splitlines() if line.startswith("    ")]
    assert code, "the docstring shows no example"
    return textwrap.dedent("\n".join(code))


def test_the_docstring_example_runs() -> None:
    if not EXAMPLE.is_file():
        pytest.skip("corpus/reports/example.md is missing")
    scope: dict = {"to_dict": extractor.to_dict}
    exec(docstring_example().replace('"report.pdf"', repr(str(EXAMPLE))), scope)
    doc = scope["doc"]
    assert doc.references and doc.metadata.number
    assert extractor.to_dict(doc) == extractor.to_dict(scope["process"](str(EXAMPLE)))


def test_every_name_in_all_is_there() -> None:
    for name in extractor.__all__:
        assert getattr(extractor, name) is not None, name
    with pytest.raises(AttributeError):
        extractor.no_such_name  # noqa: B018
