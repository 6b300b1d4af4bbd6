"""schedule --explain says only what changed, and names the rule that set the amount."""

from __future__ import annotations

import json
from decimal import Decimal

from typer.testing import CliRunner

from deis_pay.cli.app import app

runner = CliRunner()
# Born 10/05/2003: 22 at the start, 21-25 bracket throughout. A previous SSSMS contract of
# three years ended on 31/08/2025, the day before: its last day's rate, 85 % of the SMIC
# (SSSMS, 3rd year, 21 and over), is a floor (art. D6222-29) above this contract's SSSMS
# grid in both its years (21-25: 1st and 2nd year below 85 %, data/grids.toml).
FLOOR = ["--birth", "10/05/2003", "--start", "01/09/2025", "--end", "31/08/2027", "--grid",
         "sssms", "--previous-start", "01/09/2022", "--previous-end", "31/08/2025"]  # fmt: skip


def test_a_year_under_the_floor_cites_the_floor_not_the_accord() -> None:
    result = runner.invoke(app, ["schedule", *FLOOR, "--format", "json"])
    assert result.exit_code == 0, result.output
    schedule = json.loads(result.stdout)
    assert {s["rule"] for m in schedule["months"] for s in m["segments"]} == {"D6222-29"}
    year = [c for c in schedule["changes"] if c["kind"] == "contract_year"]
    assert len(year) == 1
    change = year[0]
    # By hand: 85 % of the monthly SMIC of 01/06/2026, 1 867,02 € → 1 586,967 → 1 586,97 €,
    # before and after the new contract year: the floor, not the grid, sets it.
    assert change["monthly_rate_before"] == change["monthly_rate_after"] == 1586.97
    assert (Decimal("1867.02") * Decimal("0.85")).quantize(Decimal("0.01")) == Decimal("1586.97")
    assert change["rule"] == "D6222-29"
    assert change["source"] == "D6222-29"  # not "accord-sssms-2020"
    smic = [c for c in schedule["changes"] if c["kind"] == "smic"]
    assert [c["rule"] for c in smic] == ["D6222-29", "D6222-29"]


def test_explain_never_says_an_amount_becomes_itself() -> None:
    result = runner.invoke(app, ["schedule", *FLOOR, "--explain"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\u202f", " ").replace("\xa0", " ")
    assert "1 586,97 € → 1 586,97 €" not in text
    assert "taux mensuel inchangé : 1 586,97 €, fixé par l'art. D6222-29" in text
    lines = text.splitlines()
    year = next(i for i, line in enumerate(lines) if "année de contrat" in line)
    assert "Code du travail, art. D6222-29" in lines[year + 2]
    assert "BASS" not in lines[year + 2]
    # The SMIC revaluations under the floor did change the amount: said with both figures.
    assert "taux mensuel 1 549,58 € → 1 586,97 €" in text


def test_causes_of_one_day_share_one_rate_line() -> None:
    # Born 10/05/2000: 26 on 10/05/2026, so on 01/06/2026 the bracket, the rule (the SSSMS
    # grid at 26+, 100 % of the SMIC, above the floor of 85 %) and the SMIC change together.
    args = ["schedule", *FLOOR, "--explain"]
    args[2] = "10/05/2000"
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\u202f", " ").replace("\xa0", " ")
    assert text.count("taux mensuel 1 549,58 € → 1 867,02 €") == 1
    assert "01/06/2026  règle : D6222-29" in text
    # Year 2 at 26+ is 100 % of the SMIC like year 1: unchanged, the grid's own rate.
    assert "1 867,02 € → 1 867,02 €" not in text
    assert "taux mensuel inchangé : 1 867,02 €" in text
    assert "fixé par l'art." not in text.split("année de contrat")[1]


def test_no_history_explain_unchanged() -> None:
    # A first contract: each change moves the rate, said as before (rate before → after).
    result = runner.invoke(app, ["schedule", "--birth", "10/05/2005", "--explain"],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0
    assert "inchangé" not in result.stdout
    assert "taux mensuel" in result.stdout
