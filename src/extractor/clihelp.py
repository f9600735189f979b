"""The command line in the user's language: help pages, usage lines and click's own errors.

Help texts are keys of data/messages.json (`cli.*`) given as `help=` to typer; a help page is
made here from the command's parameters (usage line, description, arguments, options with their
choices and defaults), in Vietnamese unless `--lang en` or EXTRACTOR_LANG=en. Click's error
sentences ("No such option: --x") are translated by matching them against the English templates
of the `click.*` keys (the English template is click's own wording). A help text that is not a
key (a command another module adds) is shown as written.
"""
from __future__ import annotations

import inspect
import os
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # recent typer carries its own copy of click (older ones use click itself)
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors

from .errors import ExtractorError, UsageError
from .i18n import DEFAULT_LANG, LANGS, catalog, requested_lang, t

STATE: dict[str, str] = {"lang": DEFAULT_LANG}
PROG = "extractor"


def text_of(help_text: str | None, lang: str) -> str:
    """A help text: the message of a `cli.` key, or the text as written."""
    if not help_text:
        return ""
    key = help_text.strip()
    if key.startswith("cli.") and key in catalog():
        return t(key, lang)
    return inspect.cleandoc(help_text)


# --- help pages -------------------------------------------------------------------------------


def _metavar(param: Any, lang: str) -> str:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices) + "]"
    annotation = getattr(desc, "annotation", str)
    kind = "int" if "int" in str(annotation) else "path" if desc is not None and desc.is_path else "text"
    return t(f"cli.metavar.{kind}", lang)


def _argument_name(param: Any, lang: str) -> str:
    key = f"cli.metavar.{param.name}"
    name = t(key, lang) if key in catalog() else (param.metavar or param.name.upper())
    return f"{name}..." if param.nargs == -1 else name


def _option_row(param: Any, ctx: Any, lang: str) -> tuple[str, str]:
    names = ", ".join([*param.opts, *param.secondary_opts])
    if not param.is_flag:
        names += " " + _metavar(param, lang)
    help_text = text_of(param.help, lang)
    extra = []
    default = param.default
    if param.required:
        extra.append(t("cli.required", lang))
    elif not param.is_flag and default not in (None, "", [], ()) and not callable(default):
        extra.append(t("cli.default", lang, value=getattr(default, "value", default)))
    if extra:
        help_text = f"{help_text} [{'; '.join(extra)}]".strip()
    return names, help_text


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    width = min(max((len(a) for a, _ in rows), default=0), 34)
    out = []
    for left, right in rows:
        if len(left) > width:
            out += [f"  {left}", f"  {'':<{width}}  {right}"]
        else:
            out.append(f"  {left:<{width}}  {right}")
    return out


def help_page(command: Any, ctx: Any, lang: str) -> str:
    params = command.get_params(ctx)
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option" and not getattr(p, "hidden", False)]
    usage = [ctx.command_path, t("cli.usage_options", lang)]
    usage += [_argument_name(a, lang) for a in arguments]
    if isinstance(command, TyperGroup):
        usage += [t("cli.usage_command", lang)]
    out = [f"{t('cli.usage', lang)} {' '.join(usage)}", ""]
    description = text_of(command.help, lang)
    if description:
        out += [description, ""]
    if arguments:
        out.append(t("cli.section.arguments", lang))
        out += _rows([(_argument_name(a, lang), text_of(a.help, lang)) for a in arguments]) + [""]
    if options:
        out.append(t("cli.section.options", lang))
        out += _rows([_option_row(o, ctx, lang) for o in options]) + [""]
    if isinstance(command, TyperGroup):
        out.append(t("cli.section.commands", lang))
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                rows.append((name, text_of(sub.help, lang).split("\n")[0]))
        out += _rows(rows) + [""]
    return "\n".join(out).rstrip()


def _help_option(option: Any) -> Any:
    if option is not None:
        option.help = "cli.opt.help"
    return option


class LocalizedCommand(TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return help_page(self, ctx, STATE["lang"])

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))


class LocalizedGroup(TyperGroup):
    """The app's group: help pages and errors in the user's language, the same whether run from
    the console script or typer's test runner."""

    def get_help(self, ctx: Any) -> str:
        return help_page(self, ctx, STATE["lang"])

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if type(command) is TyperCommand:  # a command registered without our class
            command.__class__ = LocalizedCommand
        return command

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        args = lang_first(list(sys.argv[1:] if args is None else args))
        STATE["lang"] = requested_lang(args[1] if args[:1] == ["--lang"] and len(args) > 1 else None)
        code = run(lambda: super(LocalizedGroup, self).main(
            args, prog_name or PROG, complete_var, standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def run(call) -> int:
    """`call()` with every way out turned into an exit code and at most one line on stderr."""
    lang = STATE["lang"]
    try:
        return call() or 0
    except click_errors.NoArgsIsHelpError as err:
        if err.format_message().strip():
            typer.echo(err.format_message())
        return err.exit_code
    except click_errors.UsageError as err:
        print(usage_message(err, STATE["lang"]), file=sys.stderr)
        return UsageError.exit_code
    except click_errors.ClickException as err:
        print(translate_click(" ".join(err.format_message().split()), lang), file=sys.stderr)
        return err.exit_code
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return 130
    except ExtractorError as err:  # raised outside a command's own handling
        print(err.message(STATE["lang"]), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for the user; EXTRACTOR_DEBUG=1 shows it
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        print(f"{t('error.internal', STATE['lang'], path='-')} ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 3


# --- arguments and errors ---------------------------------------------------------------------


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


_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(template: str) -> re.Pattern[str]:
    out, last = [], 0
    for m in _FIELD.finditer(template):
        out += [re.escape(template[last:m.start()]), f"(?P<{m[1]}>.+?)"]
        last = m.end()
    out.append(re.escape(template[last:]))
    return re.compile("".join(out), re.DOTALL)


def translate_click(message: str, lang: str) -> str:
    """Click's English sentence in `lang`: the `click.*` template it matches, its parts
    translated in turn ("Invalid value for '-f': 'x' is not one of ..."); as it is otherwise."""
    if lang == "en":
        return message
    for key, entry in catalog().items():
        if not key.startswith("click."):
            continue
        m = _pattern(entry["en"]).fullmatch(message)
        if m:
            parts = {k: translate_click(v, lang) for k, v in m.groupdict().items()}
            return entry.get(lang, entry["en"]).format(**parts)
    return message


def usage_message(err: click_errors.UsageError, lang: str) -> str:
    """A usage error in one line: the command, click's reason in `lang`, where to find help."""
    command = err.ctx.command_path if err.ctx else PROG
    reason = translate_click(" ".join(err.format_message().split()), lang)
    return UsageError(command, reason).message(lang)


__all__ = ["LANGS", "LocalizedCommand", "LocalizedGroup", "STATE", "lang_first", "run", "usage_message"]
