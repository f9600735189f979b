"""Command-line interface: a thin layer over the stages. Heavy imports happen inside commands,
so `extractor --help` starts fast. Results go to stdout, logs and errors to stderr."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .errors import ExtractorError
from .i18n import DEFAULT_LANG

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Vietnamese commendation-report extractor")
_state = {"lang": DEFAULT_LANG}


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


@app.callback()
def _global(lang: Lang = typer.Option(Lang.vi, "--lang", help="Language of messages: vi or en")) -> None:
    _state["lang"] = lang.value


def fail(err: ExtractorError) -> None:
    """Print an input error in one line and exit with its code (2)."""
    typer.echo(err.message(_state["lang"]), err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def parse(
    file: Path = typer.Argument(..., help="Report file (PDF, DOCX, TXT or MD)"),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f"),
    blocks: bool = typer.Option(True, help="Include the blocks in the JSON output"),
) -> None:
    """Print the document model of FILE (blocks and tables with provenance)."""
    from . import output
    from .parse import parse_file

    try:
        doc = parse_file(file)
    except ExtractorError as err:
        fail(err)
    if format is ParseFormat.text:
        output.write(output.document_text(doc))
    else:
        output.write_json(output.parse_json(doc, with_blocks=blocks))


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Report files (PDF, DOCX, TXT or MD)"),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (JSON lines for several inputs)"),
) -> None:
    """Extract metadata, references, campaigns, awards and quantities from FILE(s)."""
    import json

    from . import output
    from .model import to_dict
    from .pipeline import process

    chunks: list[str] = []
    for file in files:
        try:
            doc = process(file, until="extract", lang=_state["lang"])
        except ExtractorError as err:
            fail(err)
        if format is ExtractFormat.table:
            chunks.append(output.extraction_text(doc))
        elif len(files) == 1 and out is None:
            chunks.append(json.dumps(to_dict(doc), ensure_ascii=False, indent=2))
        else:
            chunks.append(json.dumps(to_dict(doc), ensure_ascii=False))
    text = "\n".join(chunks)
    if out is None:
        output.write(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    try:
        app()
    except ExtractorError as err:  # raised outside a command's own handling
        print(err.message(_state["lang"]), file=sys.stderr)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="Report files (PDF, DOCX, TXT or MD)"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f"),
    all_checks: bool = typer.Option(False, "--all", help="Also list the checks that passed"),
) -> None:
    """Check the figures of each FILE. Exit 0: no errors, 1: errors found, 2: unreadable input."""
    from . import output
    from .model import to_dict
    from .pipeline import process
    from .reconcile import check as reconcile
    from .reconcile import report

    lang = _state["lang"]
    docs, code = [], 0
    with typer.progressbar(files, label="check", file=sys.stderr) as progress:
        for file in progress:
            try:
                doc = process(file, until="extract", lang=lang)
            except ExtractorError as err:
                typer.echo(err.message(lang), err=True)
                code = 2
                continue
            docs.append(reconcile(doc, lang=lang, include_passed=all_checks))
            if report.has_errors(doc) and code == 0:
                code = 1
    if format is CheckFormat.json:
        dicts = [to_dict(d) for d in docs]
        output.write_json(dicts[0] if len(files) == 1 and dicts else dicts)
    elif docs:
        render = report.findings_markdown if format is CheckFormat.md else report.findings_text
        output.write("\n\n".join(render(d, lang) for d in docs))
    raise typer.Exit(code)
