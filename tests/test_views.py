"""The human and script views: golden table at 80 columns, CSV, explain, grid, smic, compare."""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import TESTS, run_cli

GOLDEN = TESTS / "golden"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DEIS_PAY_UPDATE_GOLDEN") == "1":  # regenerate after a reviewed change
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_default_table_matches_golden_file_at_80_columns() -> None:
    """The table of the default DEIS contract, no colour, 80 columns, stays as reviewed."""
    result = run_cli("schedule", "--birth", "2005-05-10", "--explain", "--today", "01/10/2025")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "32 391,62 €" in result.text
    _golden("schedule-default-80.txt", result.stdout)


def test_mid_month_table_matches_golden_file() -> None:
    """Split months show each segment with its days; warnings go to stderr only."""
    result = run_cli("schedule", "--birth", "2004-06-30", "--start", "15/09/2025",
                     "--end", "14/09/2027", "--grid", "sssms", "--today", "2025-10-01")  # fmt: skip
    assert result.exit_code == 0
    assert "15-30/09/2025" in result.stdout
    assert "Attention" in result.stderr and "Attention" not in result.stdout
    _golden("schedule-mid-month-sssms-80.txt", result.stdout)


def test_no_colour_when_not_a_terminal_even_without_no_color() -> None:
    """Output captured by a pipe has no ANSI codes when NO_COLOR is not set at all."""
    result = run_cli("schedule", "--birth", "2005-05-10", "--explain", env={"NO_COLOR": None})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout and "\x1b[" not in result.stderr


def test_colour_only_when_forced() -> None:
    """NO_COLOR and a non-terminal give plain text; FORCE_COLOR gives ANSI colour."""
    coloured = run_cli(
        "schedule", "--birth", "2005-05-10", env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert "\x1b[" in coloured.stdout


def test_csv_has_one_row_per_month_with_dot_decimals() -> None:
    """CSV: a header, one row per month, amounts with a decimal point, gross summing to total."""
    result = run_cli("schedule", "--birth", "2004-06-30", "--start", "2025-09-15",
                     "--end", "2027-09-14", "--format", "csv")  # fmt: skip
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 25
    assert rows[0]["month"] == "2025-09" and rows[0]["gross"] == "509.32"
    september_2026 = next(r for r in rows if r["month"] == "2026-09")
    assert september_2026["segments"] == "2" and september_2026["contract_year"] == "2"
    assert sum(Decimal(r["gross"]) for r in rows) == Decimal("25302.32")


def test_explain_lists_each_change_with_its_source() -> None:
    """--explain: the 01/01 and 01/06/2026 SMIC, the 21st birthday, each contract year."""
    result = run_cli("schedule", "--birth", "2005-05-10", "--explain")
    text = result.text
    for expected in (
        "01/01/2026  revalorisation du SMIC : 1 801,80 € → 1 823,03 €",
        "01/06/2026  tranche d'âge : 18-20 → 21-25",
        "Code du travail, art. D6222-31",
        "01/09/2026  année de contrat : année 1 → année 2",
        "Décret n° 2025-1228",
    ):
        assert expected in text, expected


def test_json_changes_and_sources() -> None:
    """The JSON lists the changes and the legal texts used, with the verified-through date."""
    output = run_cli("schedule", "--birth", "2005-05-10", "--format", "json").json()
    kinds = {(c["date"], c["kind"]) for c in output["changes"]}
    assert ("2026-06-01", "age_bracket") in kinds and ("2026-06-01", "smic") in kinds
    ids = {s["id"] for s in output["sources"]}
    assert {"D6222-26", "D6222-31", "decret-2024-951", "decret-2019-1"} <= ids
    assert output["data_verified_through"] == "2026-11-01"
    assert output["projected_from"] == "2026-12-01"
    assert [m["projected"] for m in output["months"]].index(True) == 15  # 2026-12


def test_grid_shows_percentages_and_euros_at_a_date() -> None:
    """SSSMS grid on 01/06/2026: 65 % of 1 867,02 € = 1 213,563 €, owed as 1 213,57 € (rounded
    up); under-18 row from the law."""
    result = run_cli("grid", "--grid", "sssms", "--at", "2026-06-01")
    assert result.exit_code == 0
    assert "1 213,57 €" in result.text
    assert "moins de 18 ans" in result.stdout
    data = run_cli("grid", "--grid", "sssms", "--at", "2026-06-01", "--format", "json").json()
    row = next(r for r in data["rows"] if r["age_bracket"] == "21-25")
    assert row["rate_percent"] == [65, 75, 85]
    assert row["monthly_amount"][0] == Decimal("1213.57")
    assert next(r for r in data["rows"] if r["age_bracket"] == "<18")["from_general_grid"]


@pytest.mark.parametrize(
    ("args", "hourly", "monthly"),
    [
        (["--at", "2025-12-31"], "11.88", "1801.80"),
        (["--at", "2026-01-01"], "12.02", "1823.03"),
        (["--at", "01/06/2026", "--territory", "mayotte"], "9.56", "1449.93"),
        (["--at", "2020-06-01", "--territory", "mayotte"], "7.66", "1161.77"),
    ],
)
def test_smic_at_a_date(args: list[str], hourly: str, monthly: str) -> None:
    """The SMIC in force on the eve and the day of a revaluation, and in Mayotte."""
    entry = run_cli("smic", *args, "--format", "json").json()["entries"][0]
    assert (entry["hourly"], entry["monthly"]) == (Decimal(hourly), Decimal(monthly))


def test_smic_history_lists_every_revaluation_with_its_text() -> None:
    result = run_cli("smic")
    assert result.exit_code == 0
    assert "01/01/2019" in result.stdout and "01/06/2026" in result.stdout
    assert "Arrêté du 19 avril 2022" in result.stdout


def test_compare_shows_the_difference_per_year_and_in_total() -> None:
    """compare: SSSMS minus legal grid, per contract year and in total."""
    data = run_cli("compare", "--birth", "2005-05-10", "--format", "json").json()
    assert data["total_general"] == Decimal("32391.62")
    assert data["total_difference"] == data["total_sssms"] - data["total_general"]
    assert data["total_difference"] > 0
    assert sum(y["difference"] for y in data["contract_years"]) == data["total_difference"]
    table = run_cli("compare", "--birth", "2005-05-10")
    assert "Écart 2 − 1" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "+5 735,35 €" in table.text and "+1 814,65 €" in table.text
    _golden("compare-default-80.txt", table.stdout)


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_compare_of_three_scenarios_with_cost_matches_golden_files(columns: str) -> None:
    """Three apprentices, one employer: a column per scenario, per difference and their
    Total (a budget) from 90 columns, stacked rows below (at 80 too); the notes name the
    scenarios they concern."""
    table = run_cli(
        "compare", "--cost", "--birth", "14/03/2003", "--birth", "20/05/2006",
        "--birth", "01/01/2007", "--employer", "association", "--employer", "association",
        "--employer", "public", env={"COLUMNS": columns},
    )  # fmt: skip
    assert table.exit_code == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= int(columns)
    assert "Note : (3) Employeur public" in table.text
    _golden(f"compare-cost-3-{columns}.txt", table.stdout)


def test_json_stdout_is_only_the_document() -> None:
    """Nothing but the JSON on stdout, even when there are warnings."""
    result = run_cli("schedule", "--birth", "1990-01-01", "--format", "json")
    assert result.stdout.lstrip().startswith("{") and result.stdout.rstrip().endswith("}")
    assert result.json()["warnings"]


def test_golden_folder_exists() -> None:
    assert Path(GOLDEN).is_dir()


# Each human view at the widths of a phone's terminal, a classic one and a wide one. --today
# fixes the state of the aid window (a golden file must not change with the date).
VIEWS = {
    "schedule": ("schedule", "--birth", "2005-05-10", "--today", "01/10/2025"),
    "net": ("schedule", "--birth", "2004-06-30", "--start", "15/09/2025", "--end", "14/09/2027",
            "--grid", "sssms", "--net", "--health-cover", "40", "--today", "01/03/2026"),
    "cost": ("cost", "--birth", "2005-05-10", "--employer", "association", "--headcount", "30",
             "--health-cover", "40"),
    "cost-no-aid": ("cost", "--birth", "2000-05-10", "--start", "2026-04-01", "--months", "24",
                    "--headcount", "1500"),
    "compare": ("compare", "--birth", "2005-05-10"),
    "cerfa": ("cerfa", "--birth", "2005-05-10"),
}  # fmt: skip


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_views_match_golden_files_at_each_width(view: str, width: int) -> None:
    """No line wider than the terminal: narrower than a table, its rows become blocks."""
    result = run_cli(*VIEWS[view], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    _golden(f"view-{view}-{width}.txt", result.stdout)
