"""Command-line interface: a thin layer over the stages. Heavy imports happen inside commands,
so `extractor --help` starts fast. Results go to stdout, logs and errors to stderr."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__, cli_args
from .clihelp import STATE, LocalizedCommand, LocalizedGroup, lang_first, usage_message  # noqa: F401
from .errors import ExtractorError, UsageError
from .i18n import t

# Help texts are data/messages.json keys (cli.*), shown in the user's language (clihelp.py).
app = typer.Typer(cls=LocalizedGroup, add_completion=False, no_args_is_help=True, help="cli.app")
command = app.command
_state = STATE


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


def _version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"extractor {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="cli.opt.lang"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="cli.opt.version"),
) -> None:
    if lang is not None:
        _state["lang"] = lang.value


def fail(err: ExtractorError) -> None:
    """Print an input error in one line and exit with its code (2)."""
    typer.echo(err.message(_state["lang"]), err=True)
    raise typer.Exit(err.exit_code)


def bars_wanted() -> bool:
    """Progress bars are drawn only on a terminal: a log file or a pipe would get a bare label."""
    return sys.stderr.isatty()


def output_file(path: Path, mode: str):
    """`path` opened for writing (mode "w" or "wb"); a one-line typed error when it cannot be."""
    from .errors import OutputDenied, OutputError, OutputFolderMissing, OutputIsADirectory

    try:
        return open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"}))
    except (FileNotFoundError, NotADirectoryError):
        fail(OutputFolderMissing(str(path)))
    except IsADirectoryError:
        fail(OutputIsADirectory(str(path)))
    except PermissionError:
        fail(OutputDenied(str(path)))
    except OSError as exc:
        fail(OutputError(str(path), exc.strerror or str(exc)))


def each_document(
    files: list[Path], until: str, failures: list[str], label: str, skipped: list[str] | None = None, *,
    include_passed: bool = False, seconds: Optional[float] = None,
):
    """Yield (file, Document) for every file that gets through the stages up to `until` (each
    under the document deadline, `seconds`), with a progress bar labelled `label` (a messages key)
    for several files (`bars_wanted`); the message of each file that does not is appended to
    `failures` and the batch goes on. Of several files, those that are no office documents are
    listed in `skipped`; a file given alone is processed with a warning (`pipeline.process`)."""
    from .errors import NotOfficeDocument
    from .pipeline import process_guarded
    from .progress import ProgressBar

    lang = _state["lang"]
    batch = len(files) > 1

    def warn(err: ExtractorError) -> None:
        typer.echo(t("batch.warn_not_office", lang, message=err.message(lang)), err=True)

    with ProgressBar(len(files), t(label, lang), batch and bars_wanted()) as advance:
        for file in files:
            try:
                yield file, process_guarded(
                    file, until=until, office_only=batch, warn=warn, include_passed=include_passed, seconds=seconds,
                )
            except NotOfficeDocument as err:
                (skipped if skipped is not None else failures).append(err.message(lang))
            except ExtractorError as err:
                failures.append(err.message(lang))
            except Exception as exc:  # a bug must not end the batch nor show a traceback
                if os.environ.get("EXTRACTOR_DEBUG"):
                    raise
                failures.append(f"{t('error.internal', lang, path=file)} ({type(exc).__name__}: {exc})")
            advance()


def report_failures(failures: list[str], skipped: list[str] = ()) -> None:
    """At the end of a batch: each file skipped and each file that could not be processed, one
    line each, on stderr."""
    if skipped:
        typer.echo(t("batch.skipped", _state["lang"], n=len(skipped)), err=True)
        for line in skipped:
            typer.echo(f"  {line}", err=True)
    if failures:
        typer.echo(t("batch.failed", _state["lang"], n=len(failures)), err=True)
        for line in failures:
            typer.echo(f"  {line}", err=True)


@command(cls=LocalizedCommand, help="cli.cmd.parse")
def parse(
    file: Path = typer.Argument(..., help="cli.arg.file"),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="cli.opt.parse_format"),
    blocks: bool = typer.Option(True, help="cli.opt.blocks"),
) -> None:
    """Print the document model of FILE (blocks and tables with provenance)."""
    from . import output
    from .pipeline import process_guarded

    try:
        doc = process_guarded(file, until="parse")
    except ExtractorError as err:
        fail(err)
    if format is ParseFormat.text:
        output.write(output.document_text(doc, _state["lang"]))
    else:
        output.write_json(output.parse_json(doc, with_blocks=blocks))


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


@command(cls=LocalizedCommand, help="cli.cmd.extract")
def extract(
    files: list[Path] = typer.Argument(..., help="cli.arg.files"),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="cli.opt.extract_format"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="cli.opt.extract_output"),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="cli.opt.timeout", callback=cli_args.timeout),
) -> None:
    """Extract metadata, references, campaigns, awards and quantities from FILE(s)."""
    import json

    from . import output
    from .model import to_dict

    sink = output_file(out, "w") if out is not None else None  # a bad path fails before the work
    chunks: list[str] = []
    failures: list[str] = []
    skipped: list[str] = []
    lang = _state["lang"]
    for file, doc in each_document(files, "extract", failures, "progress.extract", skipped, seconds=timeout):
        if format is ExtractFormat.table:
            chunks.append(output.extraction_text(doc, lang))
        elif len(files) == 1 and out is None:
            chunks.append(json.dumps(to_dict(doc, lang=lang), ensure_ascii=False, indent=2))
        else:
            chunks.append(json.dumps(to_dict(doc, lang=lang), ensure_ascii=False))
    text = "\n".join(chunks)
    if sink is None:
        if chunks:
            output.write(text)
    else:
        with sink:
            sink.write(text + "\n" if chunks else "")
    report_failures(failures, skipped)
    if failures:
        raise typer.Exit(2)


# --- archive: ingest, search, show, export (see archive/) ------------------------------------

_DB_HELP = "cli.opt.db"


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


class ExportWhat(str, Enum):
    reports = "reports"
    decisions = "decisions"
    citations = "citations"
    campaigns = "campaigns"
    awards = "awards"
    findings = "findings"
    recipients = "recipients"
    all = "all"


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def _archive(db: Optional[str], *, create: bool = False):
    """The archive `db` names; only `ingest` (create=True) may make a new one."""
    from .archive import Archive

    try:
        return Archive(db, create=create)
    except ExtractorError as err:
        fail(err)


@command(cls=LocalizedCommand, help="cli.cmd.ingest")
def ingest(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(None, help="cli.arg.paths"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", "-w", min=0, help="cli.opt.workers"),
    retry: bool = typer.Option(False, "--retry", help="cli.opt.retry"),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="cli.opt.timeout", callback=cli_args.timeout),
) -> None:
    """Extract, check and store every report under PATHS (files already stored are skipped).

    Exits 1 when some files failed (a path that does not exist too): they are listed with their
    reason and kept for --retry. A failure whose file is gone by then is dropped from the list."""
    from . import output
    from .archive import ingest as run

    lang = _state["lang"]
    if not paths and not retry:
        fail(UsageError(ctx.command_path, t("ingest.no_paths", lang)))
    with _archive(db, create=True) as archive:
        label = t("progress.ingest", lang) if bars_wanted() else None
        try:
            summary = run(archive, paths or [], workers=workers, retry=retry, progress=label, seconds=timeout)
        except ExtractorError as err:
            fail(err)
        location = archive.url.database if archive.dialect == "sqlite" else archive.location
    output.write(output.ingest_text(summary, lang, archive=location))
    failures = output.ingest_failures(summary, lang, db=db)
    if failures:
        typer.echo(failures, err=True)
    raise typer.Exit(1 if summary.failed else 0)


@command(cls=LocalizedCommand, help="cli.cmd.search")
def search(
    query: str = typer.Argument(..., help="cli.arg.query"),
    doc_type: Optional[str] = typer.Option(None, "--type", help="cli.opt.type"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="cli.opt.issuer"),
    year: Optional[int] = typer.Option(None, "--year", help="cli.opt.year", callback=cli_args.year),
    campaign: Optional[str] = typer.Option(None, "--campaign", help="cli.opt.campaign"),
    limit: int = typer.Option(20, "--limit", "-n", help="cli.opt.limit", callback=cli_args.limit),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f", help="cli.opt.view_format"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Full-text search over decisions, campaigns and report text."""
    from . import output

    with _archive(db) as archive:
        try:
            hits = archive.search(query, type=doc_type, issuer=issuer, year=year, campaign=campaign, limit=limit)
        except ExtractorError as err:
            fail(err)
    if format is ViewFormat.json:
        output.write_json({"query": query, "hits": [h.as_dict() for h in hits]})
    else:
        output.write(output.hits_text(hits, _state["lang"], colour=sys.stdout.isatty()))


@command(cls=LocalizedCommand, help="cli.cmd.show")
def show(
    ident: str = typer.Argument(..., metavar="ID", help="cli.arg.ident", callback=cli_args.identifier),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f", help="cli.opt.view_format"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Print a decision and every report that cites it, or a report with its records and findings.

    ID is VB-12 (a decision), BC-3 (a report), a bare archive id, a number ("1478") or a
    number/symbol ("1478/QĐ-TTg"); when it names several decisions the table format lists them
    (JSON gives them all in full)."""
    from . import output
    from .errors import RecordGone, RecordNotFound

    lang = _state["lang"]
    with _archive(db) as archive:
        try:
            views = archive.show(ident)
            if not views:
                raise (RecordGone if archive.held_once(ident) else RecordNotFound)(ident)
        except ExtractorError as err:
            fail(err)
    if format is ViewFormat.json:
        output.write_json(output.views_json(views, lang))
    elif len(views) > 1:
        output.write(_candidates_text(ident, views))
    elif "report" in views[0]:
        output.write(output.report_text(views[0], lang))
    elif "campaign" in views[0]:
        output.write(output.campaign_text(views[0], lang))
    else:
        output.write(output.decision_text(views[0], lang))


def _candidates_text(ident: str, views: list[dict]) -> str:
    """The decisions an ambiguous ID names, listed as search lists its hits."""
    from . import output
    from .archive import Hit

    lang = _state["lang"]
    hits = []
    for view in views:
        d = view["decision"]
        about = " · ".join(x for x in (d["doc_type"], d["issuer"], d["subject"]) if x)
        hits.append(Hit("decision", d["id"], d["ref"], d["subject"], d["date"], d["year"], None, about))
    return t("archive.several", lang, count=len(views), ident=ident) + "\n" + output.hits_text(hits, lang)


@app.command()
def who(
    query: str = typer.Argument(..., help="Part of a unit's or person's name; diacritics optional"),
    year: Optional[int] = typer.Option(None, "--year"),
    award: Optional[str] = typer.Option(None, "--award", help="Part of the award's name"),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Every award a unit or person received, with decision number, date and issuer."""
    from . import output

    with _archive(db) as archive:
        try:
            rows = archive.who(query, year=year, award=award)
        except ExtractorError as err:
            fail(err)
    if format is ViewFormat.json:
        output.write_json({"query": query, "recipients": rows})
    else:
        output.write(output.who_text(rows, _state["lang"]))


@app.command()
def reconcile(
    issuer: str = typer.Option(..., "--issuer", help="Part of the issuer's name; diacritics optional"),
    year: int = typer.Option(..., "--year"),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Reports and proposals of an issuer and year against the decisions in the archive."""
    from . import output

    with _archive(db) as archive:
        try:
            result = archive.compare(issuer, year, _state["lang"])
        except ExtractorError as err:
            fail(err)
    if format is ViewFormat.json:
        output.write_json(result.as_dict())
    else:
        output.write(output.comparison_text(result, _state["lang"]))


@command(cls=LocalizedCommand, help="cli.cmd.export")
def export(
    ctx: typer.Context,
    what: ExportWhat = typer.Option(..., "--what", help="cli.opt.what"),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="cli.opt.export_format"),
    out: Optional[Path] = typer.Option(None, "--output", "-o", help="cli.opt.export_output"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Write records of the archive as CSV, XLSX or JSON (XLSX: one sheet per kind)."""
    from .archive.export import export_bytes, kinds, refuse_archive_target, write_atomically
    from .errors import BinaryToTerminal

    lang = _state["lang"]
    if what is ExportWhat.all and format is ExportFormat.csv:
        fail(UsageError(ctx.command_path, t("export.csv_one_kind", lang)))
    try:
        if out is None and format is ExportFormat.xlsx and sys.stdout.isatty():
            raise BinaryToTerminal("-")
        with _archive(db) as archive:
            if out is not None:
                refuse_archive_target(archive, out)
            tables = {kind: archive.rows(kind) for kind in kinds(what.value)}
        data = export_bytes(tables, format.value, lang)
        if out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_atomically(out, data)
    except ExtractorError as err:
        fail(err)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@command(cls=LocalizedCommand, help="cli.cmd.check")
def check(
    files: list[Path] = typer.Argument(..., help="cli.arg.files"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="cli.opt.check_format"),
    all_checks: bool = typer.Option(False, "--all", help="cli.opt.all"),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="cli.opt.timeout", callback=cli_args.timeout),
) -> None:
    """Check the figures of each FILE. Exit 0: no errors, 1: errors found, 2: unreadable input."""
    from . import output
    from .model import to_dict
    from .reconcile import report

    lang = _state["lang"]
    docs, failures, skipped = [], [], []
    for _, doc in each_document(
        files, "check", failures, "progress.check", skipped, include_passed=all_checks, seconds=timeout
    ):
        docs.append(doc)
    if format is CheckFormat.json:
        dicts = [to_dict(d, lang=lang) for d in docs]
        output.write_json(dicts[0] if len(files) == 1 and dicts else dicts)
    elif docs:
        render = report.findings_markdown if format is CheckFormat.md else report.findings_text
        chunks = [render(d, lang) for d in docs]
        if len(files) > 1:
            chunks.append(("# " if format is CheckFormat.md else "") + report.total_line(docs, lang))
        output.write("\n\n".join(chunks))
    report_failures(failures, skipped)
    raise typer.Exit(2 if failures else 1 if any(report.has_errors(d) for d in docs) else 0)


from .cli_web import register as _register_web  # noqa: E402  (serve, user: see cli_web.py)

_register_web(app)


def main() -> None:
    """The console script: the app's group parses, runs and reports (clihelp.LocalizedGroup.main)."""
    app()
