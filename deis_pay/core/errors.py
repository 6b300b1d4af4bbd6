"""The two kinds of expected failure, mapped to exit codes by the CLI.

An `InputError` carries a `Notice` (code, field, values), not a sentence: the edges say it in
the user's language, naming the field as their caller knows it (see i18n/messages.py).
"""

from __future__ import annotations

from collections.abc import Callable

from deis_pay.core.notices import Notice, Param

# The sentence of a notice in the current language: set by deis_pay.i18n.messages.
SAY: Callable[[Notice], str] | None = None


class InputError(ValueError):
    """The user's input is wrong or outside what deis-pay computes (exit status 2)."""

    def __init__(self, code: str, field: str | None = None, **params: Param) -> None:
        super().__init__(code)
        self.notice = Notice(code, field, params)

    @property
    def code(self) -> str:
        return self.notice.code

    @property
    def field(self) -> str | None:
        return self.notice.field

    @property
    def params(self) -> dict[str, Param]:
        return self.notice.params

    def __str__(self) -> str:
        # For a library caller who prints the error: the sentence in the current language,
        # the field under its library name. The sentences are the language layer's
        # (deis_pay.i18n.messages, which fills SAY when it is read); where nothing has read it
        # yet, it is read now, by name: the one place this layer reaches above itself, so that
        # str() of an error always reads.
        if SAY is None:
            import importlib

            importlib.import_module("deis_pay.i18n.messages")
        assert SAY is not None
        return SAY(self.notice)


class DataError(RuntimeError):
    """A data file is missing, malformed or inconsistent (exit status 1)."""


def cannot_write(field: str, path: str, error: OSError) -> InputError:
    """The error for an output file that cannot be written (named after its option)."""
    return InputError("cannot_write", field, path=path, error=error.strerror or str(error))
