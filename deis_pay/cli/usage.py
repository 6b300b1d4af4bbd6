"""How the command line itself speaks: typer's and click's own texts in the user's language,
its usage errors in one line, and a single-valued option given twice refused.

Typer (and the click it carries) writes its texts in English, with no catalogue to plug in:
the help's usage line, panel titles, `[required]`, `[default: …]`, the help option's text and
the usage errors ("Missing option '--birth'."). `Command` and `Group` (given to every command
of the CLI) say them through `tr`, like every other text: typer's help constants are set only
when a help page is drawn, so a run that computes something never reads rich_utils; a usage
error becomes an `InputError`, said in one line by i18n/messages.py and refused with exit 2, as
every other bad input is.

Typer's click is private (`typer._click`, "subject to change"): nothing here imports it. The
public classes (`TyperCommand`, `TyperGroup`, `TyperOption`, `TyperException`) and click's
public methods (`make_context`, `parse_args`, `resolve_command`, `format_usage`,
`format_help`) are the hooks; click's errors are told apart by their class names, as typer
itself does, and each is pinned by a test (tests/test_usage.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from deis_pay.core.errors import InputError
from deis_pay.i18n.language import LANGUAGES, again, language_from_environment, set_language, tr
from deis_pay.i18n.messages import CLI_OPTIONS, one_line, say


def fail(message: str, status: int) -> NoReturn:
    """`Erreur : …`, one line on stderr (whatever the message quotes: messages.one_line), and
    the exit status."""
    say_on_stderr(tr("Erreur : {message}", message=one_line(message)))
    raise typer.Exit(status)


def say_on_stderr(line: str) -> None:
    """A line on stderr, if there is one to write to (`2>&-` closes it: the status still
    says what happened)."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _typer_texts() -> None:
    """Typer's help and error constants in the current language (read when they are drawn)."""
    from typer import rich_utils

    for name, text in _typer_constants().items():
        setattr(rich_utils, name, text)


def _typer_constants() -> dict[str, str]:
    """The texts of typer.rich_utils, by constant name (a test checks typer still has each)."""
    return {
        "DEPRECATED_STRING": tr("(obsolète) "),
        "DEFAULT_STRING": tr("[défaut : {}]"),
        "ENVVAR_STRING": tr("[variable d'environnement : {}]"),
        "REQUIRED_LONG_STRING": tr("[obligatoire]"),
        "ARGUMENTS_PANEL_TITLE": tr("Arguments"),
        "OPTIONS_PANEL_TITLE": tr("Options"),
        "COMMANDS_PANEL_TITLE": tr("Commandes"),
        "ERRORS_PANEL_TITLE": tr("Erreur"),
        "ABORTED_TEXT": tr("Abandon."),
        "RICH_HELP": tr("Aide : [blue]{command_path} {help_option}[/]"),
    }


def _metavars() -> dict[str, str]:
    """What to type after each option, shown in the help (never `<str>`): a date, an amount in
    euros, a number, a rate in %, a file, the choices, or what they are when their list would
    take the width of the help (it is in the option's help then)."""
    date, file = tr("JJ/MM/AAAA"), tr("FICHIER")
    grids, cycle_years = "general|sssms", "1|2|3"
    return {
        **dict.fromkeys(
            (
                "--birth",
                "--start",
                "--end",
                "--signed",
                "--previous-start",
                "--previous-end",
                "--prolonged-to",
                "--at",
                "--today",
            ),
            date,
        ),
        **dict.fromkeys(("--output", "--svg", "--html", "--paid-file", "--letter"), file),
        "--paid": tr("MM/AAAA=EUR"),
        "--absence": tr("MM/AAAA"),
        "--data": tr("DOSSIER"),
        **dict.fromkeys(("--smc", "--health-cover"), "EUR"),
        **dict.fromkeys(("--months", "--headcount", "--diploma-level"), "N"),
        "--employer-weeks": "N,N,N",
        **dict.fromkeys(
            (
                "--atmp-rate",
                "--mobility-rate",
                "--health-employer-share",
                "--work-study-share",
                "--previous-percent",
            ),
            "%",
        ),
        "--grid": grids,
        "--previous-grid": grids,
        "--cycle-start-year": cycle_years,
        "--previous-cycle-start-year": cycle_years,
        "--previous-diploma-years": cycle_years,
        "--territory": tr("TERRITOIRE"),
        "--prolongation-reason": "exam|rqth",
        "--employer": "TYPE",
        "--label": tr("NOM"),
        "--lang": "|".join(LANGUAGES),
        "--format": "FORMAT",
        "--in-format": "csv|jsonl",
        "--out-format": "jsonl|csv",
        "--detail": "summary|months",
        "--workers": "N|auto",
        "--columns": tr("COLONNES"),
        "--ignore-columns": tr("EN-TÊTES"),
        "--values": tr("VALEURS"),
        "--encoding": tr("ENCODAGE"),
        "--with": "net,cost",
        "INPUT": file,
    }


def _own_options_help() -> dict[str, str]:
    """The help of the options typer and click add by themselves, by parameter name."""
    return {
        "help": tr("Afficher cette aide et quitter."),
        "install_completion": tr("Installer la complétion du shell actuel."),
        "show_completion": tr(
            "Afficher la complétion du shell actuel, pour la copier ou adapter l'installation."
        ),
    }


def _long_name(param: Any) -> str:
    """The name a user types: the long option (`--output` rather than `-o`)."""
    return max(param.opts, key=len) if param.opts else (param.name or "")


# Typer's table of options (two spaces between columns) cuts a name of more than 23
# characters below 86 columns (`--previous-cycle-start-year` at 80): rich shares out a narrow
# width by shrinking the widest columns together, the help's and the names'. Such a command's
# help, below 100 columns, gets one space between columns, which leaves names of up to 27
# characters whole at 80 columns. Other commands, and every help from 100 columns
# (docs/commands.md), keep typer's own table.
_NARROW, _LONG_NAME = 100, 23


def _fit_option_names(command: Any, ctx: Any) -> None:
    """Every option's full name in the help of a terminal of 80 columns (see above)."""
    import shutil

    from typer import rich_utils

    width = rich_utils.MAX_WIDTH or shutil.get_terminal_size().columns
    names = [name for param in command.get_params(ctx) for name in param.opts]
    tight = width < _NARROW and max(map(len, names), default=0) > _LONG_NAME
    # (A padding of rich's four sides, right only: typer types its constant as two sides.)
    padding = (0, 1, 0, 0) if tight else (0, 1)
    setattr(rich_utils, "STYLE_OPTIONS_TABLE_PADDING", padding)  # noqa: B010


def _speak(command: Any, ctx: Any) -> None:
    """The command's help, its options' help and metavars in the current language (the help
    texts were translated when the CLI was read, in the language of the environment)."""
    _typer_texts()
    _fit_option_names(command, ctx)
    command.help = again(command.help) if command.help else command.help
    metavars, own = _metavars(), _own_options_help()
    for param in command.get_params(ctx):
        if param.name in own:
            param.help = own[param.name]
        elif isinstance(param, TyperOption):
            param.help = again(param.help) if param.help else param.help
            if not param.is_flag and not param.count:
                param.metavar = metavars.get(_long_name(param), param.metavar)
        elif isinstance(param, TyperArgument):
            param.help = again(param.help) if param.help else param.help
            if param.human_readable_name in metavars:
                param.type = _shown_as(param.type, metavars[param.human_readable_name])


def _shown_as(kind: Any, metavar: str) -> Any:
    """An argument's type, shown as `metavar` in the help instead of `<str>`. Typer takes an
    argument's type column from its type alone, and its public way to give another type
    (`click_type`) wants one of its private click classes: the help's own copy says it.
    (Drawn only for the help, after which the command ends.)"""
    import copy

    shown = copy.copy(kind)
    setattr(shown, "get_metavar", lambda param, ctx: metavar)  # noqa: B010
    return shown


def _language(command: Any, ctx: Any, args: Sequence[str]) -> None:
    """--lang (or else the environment's locale) for typer's texts, before they are written:
    help and usage errors come before the command reads its own --lang."""
    chosen = language_from_environment()
    for param, _typed, value in _given_options(command, ctx, args):
        if param.name == "lang" and value is not None and value.strip().lower() in LANGUAGES:
            chosen = value.strip().lower()
    set_language(chosen)


def _given_options(
    command: Any, ctx: Any, args: Sequence[str]
) -> Iterator[tuple[TyperOption, str, str | None]]:
    """Each known option on the command line, read as click reads it: (option, the name as
    typed, its value or None for a flag). `--opt=value`, `--opt value`, `-o value`, `-ovalue`;
    nothing after `--`; an unknown option is left to click, which names it."""
    options: dict[str, TyperOption] = {}
    for param in command.get_params(ctx):
        if isinstance(param, TyperOption):
            for name in (*param.opts, *param.secondary_opts):
                options[name] = param
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            return
        if not token.startswith("-") or token == "-":
            continue
        if token.startswith("--"):
            name, equals, value = token.partition("=")
            option = options.get(name)
            if option is None:
                continue
            if option.is_flag or option.count:
                yield option, name, None
            elif equals:
                yield option, name, value
            else:
                yield option, name, next(tokens, None)
            continue
        for position in range(1, len(token)):  # -o FILE, -oFILE, or flags grouped (-ab)
            name = "-" + token[position]
            option = options.get(name)
            if option is None:
                break
            if option.is_flag or option.count:
                yield option, name, None
                continue
            rest = token[position + 1 :]
            yield option, name, rest if rest else next(tokens, None)
            break


def _refuse_repeated(command: Any, ctx: Any, args: Sequence[str]) -> None:
    """A single-valued option given twice would silently keep its last value (two dates of
    birth: one schedule, for the second): refused, naming the option. An option declared
    `multiple` may be repeated, and a flag said twice the same way (`--net --net`) changes
    nothing; `--help` anywhere shows the help instead."""
    given: dict[str, list[tuple[str, str | None]]] = {}
    for param, typed, value in _given_options(command, ctx, args):
        if typed in ctx.help_option_names:
            return
        if param.multiple or param.count:
            continue
        given.setdefault(param.name or typed, []).append((typed, value))
    for uses in given.values():
        shown = tuple(_cut(value) if value is not None else typed for typed, value in uses)
        flags = all(value is None for _, value in uses)
        if len(uses) > 1 and not (flags and len(set(shown)) == 1):
            field = max((typed for typed, _ in uses), key=len)
            raise InputError("option_repeated", field, count=len(uses), values=shown)


def _cut(value: str) -> str:
    """A value quoted back in one line: a 5 000-character value is not repeated whole."""
    return value if len(value) <= 40 else value[:37] + "…"


def _is_usage_error(error: typer.TyperException) -> bool:
    """Click's UsageError and its kinds (exit 2), but not the help shown for no arguments."""
    kinds = _kinds(error)
    return "UsageError" in kinds and "NoArgsIsHelpError" not in kinds


def _kinds(error: BaseException) -> set[str]:
    return {kind.__name__ for kind in type(error).__mro__}


def _usage_notice(error: Any) -> InputError:
    """Click's usage error as a notice of ours (i18n/messages.py says it in the user's language)."""
    kinds, message = _kinds(error), str(getattr(error, "message", ""))
    param = getattr(error, "param", None)
    if "MissingParameter" in kinds and param is not None:
        if isinstance(param, TyperArgument):
            return InputError("missing_argument", param.human_readable_name)
        return InputError("missing_option", _long_name(param))
    if "NoSuchOption" in kinds:
        typed = _cut(error.option_name)
        if error.possibilities:
            close = tuple(sorted(error.possibilities))
            return InputError("unknown_option_close", typed, choices=close)
        return InputError("unknown_option", typed)
    if "BadOptionUsage" in kinds and " requires " in message:
        return InputError("option_needs_value", error.option_name)
    if "BadOptionUsage" in kinds and "does not take a value" in message:
        return InputError("option_takes_no_value", error.option_name)
    if match := re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message, re.S):
        split = _split_number(match.group(1), getattr(error, "ctx", None))
        return split or InputError("extra_arguments", None, values=(match.group(1),))
    if match := re.match(r"No such command '(.*)'\.", message, re.S):
        return _unknown_command(match.group(1), getattr(error, "ctx", None))
    if message == "Missing command.":
        return InputError("missing_command")
    return InputError("usage_error", None, error=" ".join(message.split()))


# `--headcount 1 500`: the shell gives `1` to the option and `500` as an extra argument. An
# option's value of 1 to 3 digits followed by groups of three (the last with decimals:
# `--smc 2 100,50`) is a number typed with spaces of thousands.
_FIRST_GROUP = re.compile(r"\d{1,3}")
_NEXT_GROUPS = re.compile(r"\d{3}( \d{3})*([.,]\d*)?")
_ARGS = "deis_pay.args"  # (ctx.meta: the command's arguments, kept for this hint)


def _split_number(extra: str, ctx: Any) -> InputError | None:
    """The hint to write the number whole, or None if the extra arguments are not the rest of
    a number given to an option."""
    args = list(ctx.meta.get(_ARGS, ())) if ctx is not None else []
    if not _NEXT_GROUPS.fullmatch(extra):
        return None
    rest = extra.split(" ")
    for index in range(len(args) - len(rest)):
        if args[index + 1 : index + 1 + len(rest)] != rest:
            continue
        option, equals, value = args[index].partition("=")
        if not equals:
            option, value = (args[index - 1] if index else ""), args[index]
        if option.startswith("--") and _FIRST_GROUP.fullmatch(value):
            return InputError("number_split", option, values=(extra,), joined=value + "".join(rest))
    return None


def _unknown_command(name: str, ctx: Any) -> InputError:
    import difflib

    group = ctx.command if ctx is not None else None
    known = group.list_commands(ctx) if isinstance(group, TyperGroup) else []
    close = difflib.get_close_matches(name, known)
    if close:
        return InputError("unknown_command_close", None, command=name, choices=tuple(close))
    return InputError("unknown_command", None, command=name, choices=tuple(known))


def _refused(error: InputError | typer.TyperException, command_path: str) -> NoReturn:
    """The one-line message, with where to find the help, and exit 2."""
    notice = error.notice if isinstance(error, InputError) else _usage_notice(error).notice
    hint = tr(" (aide : {command} --help)", command=command_path)
    fail(say(notice, CLI_OPTIONS) + hint, 2)


def _path(info_name: str | None, parent: Any) -> str:
    """`deis-pay schedule`: the command's path, before its context exists."""
    return " ".join(part for part in (parent and parent.command_path, info_name) if part)


class Command(TyperCommand):
    """A command of the CLI: help, usage errors and repeated options as said above."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as error:
            if not _is_usage_error(error):
                raise
            _refused(error, _path(info_name, parent))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            ctx.meta[_ARGS] = tuple(args)
            _language(self, ctx, args)
            try:
                _refuse_repeated(self, ctx, args)
            except InputError as error:
                _refused(error, ctx.command_path)
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), tr("Utilisation : "))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _speak(self, ctx)
        super().format_help(ctx, formatter)


class Group(TyperGroup):
    """The `deis-pay` group: the same, for its own options and its list of commands."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        set_language(language_from_environment())
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as error:
            if not _is_usage_error(error):
                raise
            _refused(error, _path(info_name, parent))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # `deis-pay --lang en --help`, `deis-pay --lang en` (the guided mode): the group's own
        # --lang, read before its help or its usage errors are written.
        if not ctx.resilient_parsing:
            _language(self, ctx, args)
            try:
                _refuse_unreadable(args)
            except InputError as error:
                _refused(error, ctx.command_path)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as error:
            if not _is_usage_error(error):
                raise
            _refused(error, ctx.command_path)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Abort, EOFError):  # a question left unanswered: typer says "Aborted."
            _typer_texts()
            raise

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        self.subcommand_metavar = tr("COMMANDE [ARGUMENTS]...")
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), tr("Utilisation : "))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _speak(self, ctx)
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and command.help:
                command.help = again(command.help)
        super().format_help(ctx, formatter)


def _refuse_unreadable(args: list[str]) -> None:
    """An argument holding bytes that are not UTF-8 (Python reads them as lone surrogates) is
    no text deis-pay can read, quote in JSON or write to a file: refused, naming the option it
    was given to (all the arguments, the command's too, are the group's to check)."""
    for index, arg in enumerate(args):
        if any("\ud800" <= char <= "\udfff" for char in arg):
            before = args[index - 1] if index else ""
            if arg.startswith("-") and "=" in arg:
                option, arg = arg.split("=", 1)
            elif before.startswith("-") and "=" not in before:
                option = before
            else:
                option = tr("argument n° {position}", position=index + 1)
            raise InputError("not_utf8_argument", None, option=option, value=arg[:40])


def adopt(app: typer.Typer) -> None:
    """Give every command of `app` the class above, unless it chose a class of its own."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = Command
