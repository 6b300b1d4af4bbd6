"""Shared helpers: run the CLI in-process with stdout and stderr kept apart."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings
from typer.testing import CliRunner

# French, whatever the machine's locale, before the CLI module is read: its help texts are
# chosen from the locale when it loads, and subprocesses inherit this environment.
os.environ["LANG"] = "fr_FR.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)

from deis_pay.cli.app import app
from deis_pay.i18n.language import set_language

TESTS = Path(__file__).parent

# Profiles of the fuzz suite (tests/test_fuzz.py, whose docstring says how to choose one). They
# are registered here so that `--hypothesis-profile=fuzz` finds them; test_fuzz.py applies them
# to its own tests only, and the other hypothesis tests keep their settings.
# ci: the same examples every run, and no shrinking, so that a failing run stays as short as a
# passing one (the fuzz profile shrinks).
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("DEIS_PAY_FUZZ_EXAMPLES", "1000")),
    deadline=None,
    print_blob=True,
)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        """stdout with the no-break spaces of French amounts (Babel writes U+202F between
        thousands and U+00A0 before €) shown as plain spaces."""
        return self.stdout.replace("\u00a0", " ").replace("\u202f", " ")

    def json(self) -> Any:
        return json.loads(self.stdout, parse_float=Decimal)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test reads the data files itself, in a private cache folder, in French whatever the
    machine's locale, and leaves the language as it found it."""
    monkeypatch.setenv("DEIS_PAY_CACHE_DIR", str(tmp_path / "cache"))
    # No data overlay, and none left behind by a test's `--data` (which sets this variable).
    monkeypatch.setenv("DEIS_PAY_DATA", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    yield
    set_language("fr")


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    runner = CliRunner()
    # DEIS_PAY_DATA listed: the runner puts it back after the run, so that a `--data` (which
    # sets it, for a batch's workers) ends with its command, as it does in a process of its own.
    fixed = {"COLUMNS": "80", "NO_COLOR": "1", "DEIS_PAY_DATA": os.environ.get("DEIS_PAY_DATA")}
    result = runner.invoke(app, list(args), env={**fixed, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def load_cases() -> list[dict[str, Any]]:
    with (TESTS / "schedule-cases.json").open(encoding="utf-8") as handle:
        cases: list[dict[str, Any]] = json.load(handle)["cases"]
    return cases


def cli_args(args: dict[str, Any]) -> list[str]:
    """The `deis-pay schedule` options of a shared case."""
    argv = [
        "schedule",
        "--birth", args["birth_date"],
        "--start", args["start"],
        "--end", args["end"],
        "--grid", args["grid"],
        "--territory", args["territory"],
        "--cycle-start-year", str(args["cycle_start_year"]),
        "--format", "json",
    ]  # fmt: skip
    if args["smc"] is not None:
        argv += ["--smc", args["smc"]]
    for name, value in args.get("history", {}).items():
        option = "--" + name.replace("_", "-")
        if value is True:
            argv.append(option)
        elif value is not False:
            argv += [option, str(value)]
    return argv


# The package's modules, for the tests that read its source: every file of every subpackage,
# and at least as many as there are (a move that left them scanning an empty folder would pass
# checking nothing).
PACKAGE = Path(__file__).resolve().parent.parent / "deis_pay"
PACKAGE_FILES_AT_LEAST = 45


def package_sources() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= PACKAGE_FILES_AT_LEAST, f"{len(files)} modules found under {PACKAGE}"
    return files
