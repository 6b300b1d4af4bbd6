"""A user's data overlay (`--data DIR`, DEIS_PAY_DATA, `load_dataset(overlay=...)`): records
added to the shipped data, checked as strictly, named in every result."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from deis_pay.core.errors import DataError
from deis_pay.data.loader import load_dataset

from .conftest import run_cli

# A made-up SMIC of 01/01/2027 (not a published value): 12,50 €/h.
SMIC_2027 = """[[metropole]]
from = 2027-01-01
hourly = 12.50
monthly = 1895.83
source = "essai-smic-2027"
"""
SOURCE_2027 = """[[sources]]
id = "essai-smic-2027"
title = "SMIC du 01/01/2027, valeur inventée pour l'essai"
"""


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "overlay"
    folder.mkdir()
    (folder / "smic.toml").write_text(SMIC_2027, encoding="utf-8")
    (folder / "sources.toml").write_text(SOURCE_2027, encoding="utf-8")
    return folder


def _months(args: list[str]) -> dict[str, float]:
    result = run_cli("schedule", "--birth", "2005-05-10", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return {m["month"]: m["gross"] for m in json.loads(result.stdout)["months"]}


def test_a_smic_of_2027_changes_the_months_from_january_2027_only(overlay: Path) -> None:
    """Born 10/05/2005, DEIS contract: 2nd year and 21-25 in January 2027, 61 % of the SMIC:
    61 % × 1 895,83 € = 1 156,4563 → 1 156,46 € (rounded up); December 2026 unchanged
    (61 % × 1 867,02 € = 1 138,8822 → 1 138,89 €)."""
    shipped = _months([])
    added = _months(["--data", str(overlay)])
    changed = sorted(month for month in shipped if shipped[month] != added[month])
    assert changed[0] == "2027-01"
    assert all(month >= "2027-01" for month in changed)
    assert added["2026-12"] == shipped["2026-12"] == 1138.89
    assert added["2027-01"] == 1156.46  # 61 % × 1 895,83 = 1 156,4563, rounded up


def test_every_result_says_it_used_an_overlay(overlay: Path) -> None:
    result = run_cli("schedule", "--birth", "2005-05-10", "--format", "json", "--data",
                     str(overlay))  # fmt: skip
    data = result.json()["data"]
    assert data["overlay"]["path"] == str(overlay)
    assert data["overlay"]["files"] == ["smic.toml", "sources.toml"]
    assert data["overlay"]["digest"].startswith("sha256:")
    assert "data_overlay" in {n["code"] for n in result.json()["notices"]}
    table = run_cli("schedule", "--birth", "2005-05-10", "--data", str(overlay))
    assert str(overlay) in table.stderr + table.stdout
    plain = run_cli("schedule", "--birth", "2005-05-10", "--format", "json").json()
    assert plain["data"]["overlay"] is None
    for command in (
        ["cost", "--birth", "2005-05-10"],
        ["grid"],
        ["smic"],
        ["cerfa", "--birth", "2005-05-10"],
        ["compare", "--birth", "2005-05-10"],
    ):
        out = run_cli(*command, "--format", "json", "--data", str(overlay))
        assert out.exit_code == 0, (command, out.stderr)
        assert out.json()["data"]["overlay"]["path"] == str(overlay), command


def test_the_environment_names_an_overlay_too(overlay: Path) -> None:
    result = run_cli("smic", "--at", "2027-02-01", "--format", "json",
                     env={"DEIS_PAY_DATA": str(overlay)})  # fmt: skip
    assert result.json()["entries"][0]["hourly"] == Decimal("12.50")


def test_a_record_of_the_same_date_replaces_the_shipped_one(tmp_path: Path) -> None:
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "smic.toml").write_text(
        '[[metropole]]\nfrom = 2026-06-01\nhourly = 12.40\nsource = "arrete-2026-05-22"\n',
        encoding="utf-8",
    )
    data = load_dataset(overlay=folder, use_cache=False)
    june = [r for r in data.smic.metropole if r.from_.isoformat() == "2026-06-01"]
    assert [r.hourly for r in june] == [Decimal("12.40")]
    assert len(data.smic.metropole) == len(load_dataset(use_cache=False).smic.metropole)


def test_the_library_takes_an_overlay(overlay: Path) -> None:
    from datetime import date

    import deis_pay

    data = deis_pay.load_dataset(overlay=overlay)
    assert data.info.overlay is not None
    assert data.smic.metropole[-1].from_ == date(2027, 1, 1)
    schedule = deis_pay.compute_schedule(date(2005, 5, 10), data=data)
    assert schedule.data.overlay is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("smic.toml", SMIC_2027.replace("1895.83", "1895.80"), "metropole.0: Value error"),
        (
            "smic.toml",
            SMIC_2027.replace("essai-smic-2027", "nulle-part"),
            "metropole.0.source: unknown source 'nulle-part'",
        ),
        ("smic.toml", SMIC_2027.replace("2027-01-01", "2027-01-15"), "metropole.0: Value error"),
        (
            "smic.toml",
            SMIC_2027.replace("from = 2027-01-01", 'from = "2027"'),
            "metropole.0.from: '2027' is not a date",
        ),
        ("smic.toml", SMIC_2027 + SMIC_2027, "metropole.1.from: 2027-01-01 is given twice"),
        ("smic.toml", "[[metropole]]\nhourly = 12.5\n", "metropole.0: no 'from'"),
        ("smic.toml", "metropole = [", "invalid TOML"),
        ("employer.toml", "[[rates]]\nfrom = 2027-01-01\ncsa = 130\n", "rates."),
        ("smic.tom1.toml", "", "not a data file of deis-pay"),
    ],
)
def test_a_broken_overlay_names_its_file_and_key(
    overlay: Path, name: str, content: str, message: str
) -> None:
    (overlay / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(overlay=overlay, use_cache=False)
    assert str(overlay / name) in str(caught.value)
    assert message in str(caught.value)


def test_a_broken_overlay_is_exit_1_and_one_line(overlay: Path) -> None:
    (overlay / "smic.toml").write_text(SMIC_2027.replace("1895.83", "1895.80"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", "schedule", "--birth", "2005-05-10", "--data",
         str(overlay)],
        capture_output=True, text=True, check=False, env={"PATH": "", "DEIS_PAY_CACHE_DIR": "off"},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "smic.toml: key metropole.0" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_overlay_folder_is_bad_input(tmp_path: Path) -> None:
    result = run_cli("smic", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "--data" in result.stderr


def test_an_overlay_with_no_data_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no data file"):
        load_dataset(overlay=tmp_path, use_cache=False)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_workers_use_the_overlay(overlay: Path, tmp_path: Path, workers: str) -> None:
    contracts = tmp_path / "in.csv"
    contracts.write_text(
        "id,birth_date\n" + "".join(f"A{i},2005-05-{10 + i % 9:02d}\n" for i in range(40)),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", "batch", str(contracts), "--workers", workers,
         "--data", str(overlay)],
        capture_output=True, text=True, check=False,
        env={"PATH": "", "DEIS_PAY_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 40
    assert {line["data"]["overlay"]["path"] for line in lines} == {str(overlay)}
    plain = subprocess.run(
        [sys.executable, "-m", "deis_pay", "batch", str(contracts), "--workers", workers],
        capture_output=True, text=True, check=False,
        env={"PATH": "", "DEIS_PAY_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    shipped = [json.loads(line) for line in plain.stdout.splitlines()]
    # The 2027 SMIC raises the calendar year 2027 and after; 2025 and 2026 are the same.
    for with_overlay, without in zip(lines, shipped, strict=True):
        years = {y["year"]: y["gross"] for y in with_overlay["calendar_years"]}
        before = {y["year"]: y["gross"] for y in without["calendar_years"]}
        assert years[2026] == before[2026] and years[2027] > before[2027]
