"""What every command does around its own work: expected failures turned into one line and an
exit status (`errors_to_exit`), --lang and --data applied, --format and --today read.

Exit status: 0 done, 2 bad input (one line on stderr, nothing on stdout), 1 broken data file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import typer

from deis_pay.cli.usage import fail
from deis_pay.core.errors import DataError, InputError
from deis_pay.i18n.language import LANGUAGES, language_from_environment, set_language, tr
from deis_pay.i18n.messages import CLI_OPTIONS, say


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Expected failures become one line on stderr and an exit status, never a traceback; an
    unexpected one says it is a bug (exit 1), with its traceback only under DEIS_PAY_DEBUG=1."""
    try:
        yield
    except InputError as exc:
        fail(say(exc.notice, CLI_OPTIONS), 2)
    except DataError as exc:
        fail(tr("fichier de données invalide : {error}", error=_one_line(str(exc))), 1)
    except (typer.Exit, typer.Abort, BrokenPipeError):
        raise  # BrokenPipeError: the reader closed stdout (`| head`); Click ends quietly
    except Exception as exc:
        if os.environ.get("DEIS_PAY_DEBUG"):
            raise
        error = _one_line(f"{type(exc).__name__}: {exc}")
        fail(say(InputError("internal_error", None, error=error).notice), 1)


@contextmanager
def command_run(lang: str | None, data_folder: str | None) -> Iterator[None]:
    """A command's run: its --lang and --data applied, then its body, with the failures of
    all three said as `errors_to_exit` says them."""
    with errors_to_exit():
        use_language(lang)
        use_data(data_folder)
        yield


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def use_language(lang: str | None) -> None:
    """--lang, or else the locale of the environment (LANG=en_… gives English)."""
    from deis_pay.core.values import parse_choice

    set_language(
        parse_choice("lang", lang, LANGUAGES) if lang is not None else language_from_environment()
    )


def use_data(folder: str | None) -> None:
    """--data: the overlay folder, for this run and the batch's workers (DEIS_PAY_DATA)."""
    if folder is None:
        return
    from deis_pay.data.loader import OVERLAY_ENV

    if not os.path.isdir(folder):
        raise InputError("data_folder_not_found", "data", path=folder)
    os.environ[OVERLAY_ENV] = os.path.abspath(folder)


def checked_format(value: str, allowed: tuple[str, ...]) -> str:
    """--format, one of the formats the command writes."""
    from deis_pay.core.values import parse_choice

    return parse_choice("format", value, allowed)


def today_from(text: str | None) -> date:
    """--today, the day the views judge an aid's request window (or the SMIC in force) from,
    and the day of the claim `check` counts the three years of art. L3245-1 back from;
    default: today."""
    if text is None:
        return date.today()
    from deis_pay.core.values import parse_date

    return parse_date("today", text)
