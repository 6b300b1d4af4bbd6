"""The two kinds of expected failure, mapped to exit codes by the CLI."""


class InputError(ValueError):
    """The user's input is wrong or outside what deis-pay computes (exit status 2)."""


class DataError(RuntimeError):
    """A data file is missing, malformed or inconsistent (exit status 1)."""


def cannot_write(option: str, path: str, error: OSError) -> InputError:
    """The error for an output file that cannot be written (named after its option)."""
    from .i18n import tr

    return InputError(
        tr(
            "{option} : {path} impossible à écrire ({error})",
            option=option,
            path=path,
            error=error.strerror,
        )
    )
