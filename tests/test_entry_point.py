"""The installed `deis-pay` command, run as a user would, from another folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path


def _installed_command() -> str:
    beside_python = Path(sys.executable).with_name("deis-pay")
    found = str(beside_python) if beside_python.exists() else shutil.which("deis-pay")
    assert found, "deis-pay is not installed in this environment: pip install -e '.[test]'"
    return found


def test_installed_entry_point_prints_the_default_total(tmp_path: Path) -> None:
    result = subprocess.run(
        [_installed_command(), "schedule", "--birth", "2005-05-10", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"total_gross": 32391.62' in result.stdout
    assert json.loads(result.stdout, parse_float=Decimal)["total_gross"] == Decimal("32391.62")


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", "smic", "--at", "2026-01-15"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "12,02" in result.stdout


def _main(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"LANG": "fr_FR.UTF-8", "COLUMNS": "80", "NO_COLOR": "1", "DEIS_PAY_CACHE_DIR": "off"}
    return subprocess.run(
        [sys.executable, "-m", "deis_pay", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env=env,
    )


def test_entry_point_that_builds_only_the_named_command_behaves_like_the_full_app(
    tmp_path: Path,
) -> None:
    """main() gives a run naming its command an app of that command alone (start-up time):
    same output as the full app, same errors, and the full app for anything else."""
    from .conftest import run_cli

    args = ("cost", "--birth", "2005-05-10", "--headcount", "30", "--format", "json")
    alone = _main(*args, cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout == run_cli(*args).stdout
    bad = _main("cost", "--birth", "2005-05-10", "--headcount", "-1", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stdout == "" and "--headcount" in bad.stderr
    assert "Utilisation : deis-pay cost" in _main("cost", "--help", cwd=tmp_path).stdout
    listing = _main("--help", cwd=tmp_path)
    assert listing.returncode == 0 and "schedule" in listing.stdout and "cost" in listing.stdout
    unknown = _main("nope", cwd=tmp_path)
    assert unknown.returncode == 2 and "nope" in unknown.stderr
