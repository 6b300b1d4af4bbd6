"""The two kinds of expected failure, mapped to exit codes by the CLI."""


class InputError(ValueError):
    """The user's input is wrong or outside what deis-pay computes (exit status 2)."""


class DataError(RuntimeError):
    """A data file is missing, malformed or inconsistent (exit status 1)."""
