"""The two kinds of expected failure, mapped to exit codes by the CLI.

An `InputError` carries a `Notice` (code, field, values), not a sentence: the edges say it in
the user's language, naming the field as their caller knows it (see messages.py).
"""

from __future__ import annotations

from .notices import Notice, Param


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
        # the field under its library name. Imported here only: the core never builds text.
        from .messages import say

        return say(self.notice)


class DataError(RuntimeError):
    """A data file is missing, malformed or inconsistent (exit status 1)."""


def cannot_write(field: str, path: str, error: OSError) -> InputError:
    """The error for an output file that cannot be written (named after its option)."""
    return InputError("cannot_write", field, path=path, error=error.strerror or str(error))
