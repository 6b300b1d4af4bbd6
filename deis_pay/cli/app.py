"""The `deis-pay` command: the typer app, its own options (with no command: the guided mode in
a terminal, the help otherwise) and `main`, the entry point, which runs only the command named.

The commands are in pay.py (schedule, cerfa), employer.py (cost, compare), check.py (check),
reference.py (grid, smic, data, schema) and batch.py (batch); they are registered here, in the
order the help lists them. Exit status: 0 done, 2 bad input (one line on stderr, nothing on
stdout), 1 broken data file, 3 a batch with contracts in error. Rich is imported only by the
table views (render.py), never for JSON or CSV output.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from typing import IO, Annotated

import typer

from deis_pay.cli import batch, check, employer, pay, reference
from deis_pay.cli.common import errors_to_exit, use_data, use_language
from deis_pay.cli.options import DataFolder
from deis_pay.cli.output import write_out
from deis_pay.cli.usage import Group, adopt
from deis_pay.cli.usage import fail as _fail
from deis_pay.cli.usage import say_on_stderr as _say_on_stderr
from deis_pay.i18n.language import tr
from deis_pay.i18n.messages import one_line

# No `no_args_is_help`: with no command, the callback starts the guided mode in a terminal and
# shows the help otherwise, as no_args_is_help did (see _options).
app = typer.Typer(name="deis-pay", pretty_exceptions_enable=False, cls=Group)

# The commands, in the order `deis-pay --help` lists them; each module holds its commands' help.
app.command("schedule", help=pay.SCHEDULE_HELP)(pay.schedule)
app.command("cost", help=employer.COST_HELP)(employer.cost)
app.command("compare", help=employer.COMPARE_HELP)(employer.compare)
app.command("cerfa", help=pay.CERFA_HELP)(pay.cerfa)
app.command("check", help=check.CHECK_HELP)(check.check)
app.command("grid", help=reference.GRID_HELP)(reference.grid)
app.command("smic", help=reference.SMIC_HELP)(reference.smic)
app.command("data", help=reference.DATA_HELP)(reference.data_command)
app.command("batch", help=batch.BATCH_HELP)(batch.batch)
app.command("schema", help=reference.SCHEMA_HELP)(reference.schema)


def _show_version(value: bool) -> None:
    if value:
        from deis_pay.version import __version__

        with errors_to_exit():
            write_out(f"deis-pay {__version__}\n")
        raise typer.Exit()


@app.callback(
    invoke_without_command=True,
    help=tr(
        "Rémunération minimale d'un contrat d'apprentissage, mois par mois (DEIS ; grille "
        "légale et grille de la branche SSSMS).\n\nComplétion du shell : deis-pay "
        "--install-completion"
    ),
)
def _options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help=tr("Afficher la version.")
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=tr("Langue du mode guidé (sans commande) : fr ou en.")),
    ] = None,
    data_folder: DataFolder = None,
) -> None:
    """With no command: the guided mode (guided.py) when a person types at a terminal, else the
    help with status 2, as before it existed (a script or a pipe never waits for answers).
    `--data` before a command applies to it as after it."""
    with errors_to_exit():
        use_data(data_folder)
    if ctx.invoked_subcommand is not None:
        if lang is not None:  # the command's own --lang would silently win over it
            _fail(
                tr(
                    "--lang : avec une commande, se donne après elle (deis-pay {command} "
                    "--lang {lang})",
                    command=ctx.invoked_subcommand,
                    lang=one_line(lang),
                ),
                2,
            )
        return
    if not (_a_terminal(sys.stdin) and _a_terminal(sys.stdout)):
        with errors_to_exit():  # `--lang xx`: refused as a command refuses it
            use_language(lang)
        text = ctx.get_help()  # (rich prints the help itself and returns "")
        if text:
            write_out(text + "\n")
        raise typer.Exit(2)
    with errors_to_exit():  # a broken data file: one line, status 1, as for a command
        use_language(lang)
        from deis_pay.cli.guided import run

        status = run(
            show=lambda arguments: pay.schedule(**arguments),
            check=lambda arguments: check.check(**arguments),
        )
    raise typer.Exit(status)


# Terminal sizes believed from COLUMNS and LINES: rich lays a help page out at the full width
# it is told (COLUMNS=30000000 took 25 s and 2.5 GB), so COLUMNS counts as 20 to 500 columns
# and LINES as 5 to 1000 lines; a value that is not a positive integer is dropped (the
# terminal's own size, or 80 columns, then).
COLUMNS_BOUNDS = (20, 500)
LINES_BOUNDS = (5, 1000)


def _a_terminal(stream: IO[str] | None) -> bool:
    return stream is not None and stream.isatty()


def _sane_terminal() -> None:
    """Clamp COLUMNS and LINES, and make stdout and stderr replace what their encoding cannot
    show (PYTHONIOENCODING=ascii, a C locale) instead of failing; JSON is escaped instead."""
    import codecs
    import io
    import os

    for name, (low, high) in (("COLUMNS", COLUMNS_BOUNDS), ("LINES", LINES_BOUNDS)):
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            del os.environ[name]
        elif not low <= size <= high:
            os.environ[name] = str(min(max(size, low), high))
    # JSON on stdout: what it cannot encode is written \uXXXX, valid inside the JSON strings
    # that alone hold such characters; anything else is replaced by `?`.
    json_out = _writes_json(sys.argv[1:])
    codecs.register_error("deis-pay-json", _json_escape)
    for stream, errors in ((sys.stdout, "deis-pay-json" if json_out else "replace"),
                           (sys.stderr, "replace")):  # fmt: skip
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        except LookupError:
            utf8 = False
        if not utf8:
            stream.reconfigure(errors=errors)


def _writes_json(args: list[str]) -> bool:
    """Whether the command writes JSON on stdout: `schema`, `batch` (JSON lines unless
    --out-format csv), any other with --format json."""
    pairs = {f"{option}={value}" for option, value in itertools.pairwise(args)} | set(args)
    if args[:1] == ["schema"]:
        return True
    if args[:1] == ["batch"]:
        return "--out-format=csv" not in pairs
    return "--format=json" in pairs


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """The characters an encoding cannot write, as JSON escapes (`é` → `\\u00e9`)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import json

    part = error.object[error.start : error.end]
    return json.dumps(part)[1:-1], error.end


def main() -> None:
    """The entry point. Typer reads the signature of every command before running one (7 ms
    for all eight); a run that names its command gets an app holding only that command and
    the top-level options, which parses and behaves the same (docs/performance.md, start-up)."""
    if sys.stderr is None:  # `2>&-`: the results are still written; what stderr would say
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - is lost, the status still says it
    _sane_terminal()
    _stop_on_signals()
    status: int | str | None = 0
    try:
        with errors_to_exit():  # (what escaped a command's own: one line all the same)
            _run()
    except typer.Exit as done:
        status = done.exit_code
    except SystemExit as done:
        status = done.code
    except _Stopped as stop:
        # Ctrl-C's way for SIGTERM and SIGHUP: every file being written was left as it was
        # (files.py), the batch's workers stopped; the usual status of a signal, 128 + its
        # number.
        _say_on_stderr(tr("Arrêté ({signal}) : les fichiers en cours d'écriture sont laissés "
                          "tels qu'ils étaient", signal=stop.name))  # fmt: skip
        status = 128 + stop.number
    run = sys.modules.get("deis_pay.batch.run")
    if run is not None and getattr(run, "workers_abandoned", False):
        for stream in (sys.stdout, sys.stderr):  # (os._exit flushes nothing)
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.flush()
        os._exit(status if isinstance(status, int) else 1)
    sys.exit(status)


class _Stopped(BaseException):
    """SIGTERM or SIGHUP received: raised where the program is, so that every `with` and
    `finally` on the way out runs (temporary files removed, workers stopped)."""

    def __init__(self, number: int, name: str) -> None:
        super().__init__(name)
        self.number, self.name = number, name


def _stop_on_signals() -> None:
    import signal

    def stopped(number: int, frame: object) -> None:
        raise _Stopped(number, signal.Signals(number).name)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stopped)


def _run() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.replace("_", "-") if callback else None)
        if name == wanted:
            alone = typer.Typer(
                name="deis-pay", no_args_is_help=True, pretty_exceptions_enable=False, cls=Group
            )
            alone.registered_commands = [info]
            alone.registered_callback = app.registered_callback
            alone.info.help = app.info.help
            alone(prog_name="deis-pay")
            return
    app(prog_name="deis-pay")


# Last, once every command is defined: each says typer's texts in the user's language and
# refuses a single-valued option given twice (usage.py).
adopt(app)
