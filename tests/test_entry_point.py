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
    assert '"total_gross": 32391.38' in result.stdout
    assert json.loads(result.stdout, parse_float=Decimal)["total_gross"] == Decimal("32391.38")


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
