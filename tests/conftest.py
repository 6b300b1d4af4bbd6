"""Shared helpers: run the CLI in-process with stdout and stderr kept apart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from deis_pay.cli import app

TESTS = Path(__file__).parent


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        """stdout with the no-break spaces of French amounts shown as plain spaces."""
        return self.stdout.replace("\u00a0", " ")

    def json(self) -> Any:
        return json.loads(self.stdout, parse_float=Decimal)


@pytest.fixture(autouse=True)
def _no_dataset_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test reads the data files itself, in a private cache folder."""
    monkeypatch.setenv("DEIS_PAY_CACHE_DIR", str(tmp_path / "cache"))


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    runner = CliRunner()
    result = runner.invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1", **(env or {})})
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
    return argv
