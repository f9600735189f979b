"""Command-line interface: a thin layer over the stages. Heavy imports happen inside commands,
so `extractor --help` starts fast. Results go to stdout, logs and errors to stderr."""
from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

try:  # recent typer carries its own copy of click (older ones use click itself)
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors

from .errors import ExtractorError, UsageError
from .i18n import DEFAULT_LANG, LANGS, t

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Vietnamese commendation-report extractor")
_state = {"lang": DEFAULT_LANG}


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ParseFormat(str, Enum):
    json = "json"
    text = "text"


@app.callback()
def _global(lang: Lang = typer.Option(Lang.vi, "--lang", help="Language of messages: vi or en (before or after the command)")) -> None:
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


def each_document(files: list[Path], until: str, failures: list[str], label: str, skipped: list[str] | None = None):
    """Yield (file, Document) for every file that gets through the stages up to `until`, with a
    progress bar for several files (`bars_wanted`); the message of each file that does not is appended to
    `failures` and the batch goes on. Of several files, those that are no office documents are
    listed in `skipped`; a file given alone is processed with a warning (`pipeline.process`)."""
    from .errors import NotOfficeDocument
    from .pipeline import process

    lang = _state["lang"]
    batch = len(files) > 1

    def warn(err: ExtractorError) -> None:
        typer.echo(t("batch.warn_not_office", lang, message=err.message(lang)), err=True)

    wanted = len(files) > 1 and bars_wanted()
    bar = typer.progressbar(files, label=label, file=sys.stderr) if wanted else nullcontext(files)
    with bar as progress:
        for file in progress:
            try:
                yield file, process(file, until=until, lang=lang, office_only=batch, warn=warn)
            except NotOfficeDocument as err:
                (skipped if skipped is not None else failures).append(err.message(lang))
            except ExtractorError as err:
                failures.append(err.message(lang))
            except Exception as exc:  # a bug must not end the batch nor show a traceback
                if os.environ.get("EXTRACTOR_DEBUG"):
                    raise
                failures.append(f"{t('error.internal', lang, path=file)} ({type(exc).__name__}: {exc})")


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
        output.write(output.document_text(doc, _state["lang"]))
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

    sink = output_file(out, "w") if out is not None else None  # a bad path fails before the work
    chunks: list[str] = []
    failures: list[str] = []
    skipped: list[str] = []
    for file, doc in each_document(files, "extract", failures, "extract", skipped):
        if format is ExtractFormat.table:
            chunks.append(output.extraction_text(doc, _state["lang"]))
        elif len(files) == 1 and out is None:
            chunks.append(json.dumps(to_dict(doc), ensure_ascii=False, indent=2))
        else:
            chunks.append(json.dumps(to_dict(doc), ensure_ascii=False))
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

_DB_HELP = "Archive: SQLAlchemy URL (postgresql://...) or SQLite file; default EXTRACTOR_DB or the user data folder"


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


class ExportWhat(str, Enum):
    decisions = "decisions"
    citations = "citations"
    campaigns = "campaigns"
    awards = "awards"
    findings = "findings"
    recipients = "recipients"


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


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(None, help="Report files and folders"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-w", min=0, help="Worker processes (0: in this process)"
    ),
    retry: bool = typer.Option(False, "--retry", help="Try again every file that failed before"),
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
        try:
            summary = run(archive, paths or [], workers=workers, retry=retry, lang=lang, progress=bars_wanted())
        except ExtractorError as err:
            fail(err)
    output.write(output.ingest_text(summary, lang))
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words, a number or a number/symbol; diacritics optional"),
    doc_type: Optional[str] = typer.Option(None, "--type", help="Document type: name or code (Quyết định, QĐ)"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="Issuer: part of its name or its code (TTg)"),
    year: Optional[int] = typer.Option(None, "--year"),
    campaign: Optional[str] = typer.Option(None, "--campaign", help="Part of a campaign's name"),
    limit: int = typer.Option(20, "--limit", "-n", min=1),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
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
        output.write(output.hits_text(hits, _state["lang"]))


@app.command()
def show(
    ident: str = typer.Argument(..., metavar="ID", help="Decision id in the archive, or its number/symbol"),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Print a decision and every report that cites it.

    ID is an archive id, else a number ("1478") or number/symbol ("1478/QĐ-TTg"); when it names
    several decisions the table format lists them (JSON gives them all in full)."""
    from . import output
    from .errors import RecordNotFound

    with _archive(db) as archive:
        try:
            views = archive.show(ident)
            if not views:
                raise RecordNotFound(ident)
        except ExtractorError as err:
            fail(err)
    if format is ViewFormat.json:
        output.write_json(views)
    elif len(views) > 1:
        output.write(_candidates_text(ident, views))
    else:
        output.write(output.decision_text(views[0], _state["lang"]))


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


@app.command()
def export(
    what: ExportWhat = typer.Option(..., "--what", help="Which records"),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f"),
    out: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Write one kind of record of the archive as CSV, XLSX or JSON."""
    from .archive.export import write_export

    with _archive(db) as archive:
        try:
            columns, rows = archive.rows(what.value)
        except ExtractorError as err:
            fail(err)
    if out is None:
        write_export(columns, rows, format.value, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with output_file(out, "wb") as fh:
            write_export(columns, rows, format.value, fh)



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
    from .reconcile import check as reconcile
    from .reconcile import report

    lang = _state["lang"]
    docs, failures, skipped = [], [], []
    for _, doc in each_document(files, "extract", failures, "check", skipped):
        docs.append(reconcile(doc, lang=lang, include_passed=all_checks))
    if format is CheckFormat.json:
        dicts = [to_dict(d) for d in docs]
        output.write_json(dicts[0] if len(files) == 1 and dicts else dicts)
    elif docs:
        render = report.findings_markdown if format is CheckFormat.md else report.findings_text
        output.write("\n\n".join(render(d, lang) for d in docs))
    report_failures(failures, skipped)
    raise typer.Exit(2 if failures else 1 if any(report.has_errors(d) for d in docs) else 0)


def lang_first(args: list[str]) -> list[str]:
    """`--lang en` (or `--lang=en`) moved before the command as `--lang en`, so that it may be
    written anywhere ('extractor check report.pdf --lang en')."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return ["--lang", arg.split("=", 1)[1], *args[:i], *args[i + 1:]]
        if arg == "--lang" and i + 1 < len(args):
            return [arg, args[i + 1], *args[:i], *args[i + 2:]]
    return args


def requested_lang(args: list[str]) -> str:
    """The --lang of `args` as `lang_first` leaves them, read before the command line is parsed
    so that a usage error is in the user's language too."""
    value = args[1] if args[:1] == ["--lang"] and len(args) > 1 else ""
    return value if value in LANGS else DEFAULT_LANG


def usage_message(err: click_errors.UsageError, lang: str) -> str:
    """A usage error in one line: the command, click's own reason, where to find help."""
    command = err.ctx.command_path if err.ctx else "extractor"
    return UsageError(command, " ".join(err.format_message().split())).message(lang)


def main() -> None:
    args = lang_first(sys.argv[1:])
    _state["lang"] = requested_lang(args)
    try:
        sys.exit(app(args=args, standalone_mode=False) or 0)
    except click_errors.NoArgsIsHelpError as err:  # the help, printed as it is made (rich) or here
        if err.format_message().strip():
            typer.echo(err.format_message())
        sys.exit(err.exit_code)
    except click_errors.UsageError as err:
        print(usage_message(err, _state["lang"]), file=sys.stderr)
        sys.exit(UsageError.exit_code)
    except click_errors.ClickException as err:
        print(" ".join(err.format_message().split()), file=sys.stderr)
        sys.exit(err.exit_code)
    except typer.Abort:
        sys.exit(130)
    except ExtractorError as err:  # raised outside a command's own handling
        print(err.message(_state["lang"]), file=sys.stderr)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a traceback for the user; EXTRACTOR_DEBUG=1 shows it
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        print(f"{t('error.internal', _state['lang'], path='-')} ({type(exc).__name__}: {exc})", file=sys.stderr)
        sys.exit(3)
