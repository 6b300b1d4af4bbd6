"""The apprentice's net pay against the URSSAF model (modele-social) and the BOSS example."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from deis_pay.data.loader import default_dataset
from deis_pay.rules.net import exemption_for, month_net

from .conftest import TESTS, run_cli

REFERENCE = json.loads((TESTS / "reference" / "modele-social-apprentice.json").read_text("utf-8"))
# The rows with the model's default 40 € mutuelle are left out: this compares the net without a
# health cover (its employer's share is in the employer cost, tests/test_cost.py).
ROWS = [row for row in REFERENCE["rows"] if row["health_insurance_total_monthly"] == 0]
SMIC = {"2025-06-01": "1801.80", "2026-02-01": "1823.03", "2026-07-01": "1867.02"}


def _ours(row: dict[str, Any], concluded: date) -> tuple[Decimal, Decimal, Decimal]:
    data = default_dataset()
    period = date.fromisoformat(row["period"])
    rates = [r for r in data.contributions.employee_rates if r.from_ <= period][-1]
    csg = [r for r in data.contributions.csg_crds if r.from_ <= period][-1]
    assert Decimal(SMIC[row["period"]]) == Decimal(str(row["smic_monthly"])).quantize(
        Decimal("0.01")
    )
    _, contributions, csg_crds, net = month_net(
        Decimal(str(row["gross_monthly"])),
        Decimal(SMIC[row["period"]]),
        (30, 30),
        exemption_for(data, concluded),
        rates,
        csg,
    )
    return contributions + csg_crds, csg_crds, net


def _theirs(row: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal]:
    return tuple(  # type: ignore[return-value]
        Decimal(str(row[key])).quantize(Decimal("0.01"))
        for key in ("employee_contributions_total", "csg_crds", "net_before_tax")
    )


NEW_REGIME = [
    r for r in ROWS if r["variant"] == "model_native" and r["hiring_date"] >= "2025-03-01"
]
OLD_REGIME = [r for r in ROWS if r["variant"].startswith("override_pre2025_regime")]
MODEL_KEYS_ON_MONTH = [
    r for r in ROWS if r["variant"] == "model_native" and r["hiring_date"] < "2025-03-01"
]


@pytest.mark.parametrize("row", NEW_REGIME, ids=lambda r: f"{r['period']}-{r['gross_monthly']}")
def test_net_matches_the_urssaf_model_to_the_cent_for_contracts_from_march_2025(
    row: dict[str, Any],
) -> None:
    assert _ours(row, date.fromisoformat(row["hiring_date"])) == _theirs(row)


@pytest.mark.parametrize("row", OLD_REGIME, ids=lambda r: f"{r['period']}-{r['gross_monthly']}")
def test_net_matches_the_model_under_the_former_regime(row: dict[str, Any]) -> None:
    """79 % of the SMIC, no CSG/CRDS: the model's arithmetic with that regime forced."""
    assert _ours(row, date.fromisoformat(row["hiring_date"])) == _theirs(row)


@pytest.mark.parametrize(
    "row", MODEL_KEYS_ON_MONTH, ids=lambda r: f"{r['period']}-{r['gross_monthly']}"
)
def test_deis_pay_keeps_the_former_regime_for_contracts_concluded_before_march_2025(
    row: dict[str, Any],
) -> None:
    """The model switches every contract to the new regime in March 2025; the law keeps the
    former one for contracts concluded before (LFSS 2025 art. 22-23). deis-pay follows the law:
    its net is then at least the model's, and higher as soon as pay exceeds 50 % of the SMIC."""
    ours = _ours(row, date.fromisoformat(row["hiring_date"]))
    theirs = _theirs(row)
    smic = Decimal(SMIC[row["period"]])
    assert ours[2] >= theirs[2]
    assert (ours[2] > theirs[2]) == (Decimal(str(row["gross_monthly"])) > smic / 2)
    assert ours[1] == 0


def test_boss_worked_example() -> None:
    """BOSS: contract from March 2025, gross 1 200 €: excess 299.10, CSG/CRDS ≈ 28.5,
    contributions ≈ 33.83, net ≈ 1 137.7 €."""
    data = default_dataset()
    threshold, contributions, csg_crds, net = month_net(
        Decimal("1200"),
        Decimal("1801.80"),
        (31, 31),
        exemption_for(data, date(2025, 3, 1)),
        data.contributions.employee_rates[-1],
        data.contributions.csg_crds[-1],
    )
    assert threshold == Decimal("900.90")
    assert csg_crds == Decimal("28.50")  # 299.10 × 98.25 % × 9.70 % = 28.50498
    assert contributions == Decimal("33.83")  # 299.10 × 11.31 % = 33.828
    assert net == Decimal("1137.67")
    assert contributions + csg_crds + net == Decimal("1200")


def test_threshold_is_prorated_in_a_month_started_mid_way() -> None:
    """From 15/09: 16 days of 30, so 16/30 of 50 % of the SMIC."""
    result = run_cli("schedule", "--birth", "2004-06-30", "--start", "2025-09-15",
                     "--end", "2027-09-14", "--net", "--format", "json")  # fmt: skip
    september = result.json()["net"]["months"][0]
    assert september["exemption_threshold"] == Decimal("480.48")  # 900.90 × 16 / 30
    assert (
        september["net"]
        == september["gross"] - september["employee_contributions"] - (september["csg_crds"])
    )


def test_net_in_json_csv_and_table() -> None:
    as_json = run_cli("schedule", "--birth", "2005-05-10", "--net", "--format", "json").json()
    net = as_json["net"]
    assert net["concluded_on"] == "2025-09-01" and net["threshold_percent_of_smic"] == 50
    assert net["total_net"] == sum(m["net"] for m in net["months"])
    assert (
        net["total_net"] + net["total_employee_contributions"] + net["total_csg_crds"]
        == (as_json["total_gross"])
    )
    rows = list(csv.DictReader(io.StringIO(run_cli("schedule", "--birth", "2005-05-10", "--net",
                                                   "--format", "csv").stdout)))  # fmt: skip
    assert rows[-1]["net"] == "1347.33" and rows[-1]["csg_crds"] == "49.82"
    table = run_cli("schedule", "--birth", "2005-05-10", "--net")
    assert "Net de l'apprenti" in table.stdout and "1 347,33 €" in table.text


def test_signature_date_decides_the_regime() -> None:
    """Signed 28/02/2025 for a 01/09/2025 start: 79 % of the SMIC and no CSG/CRDS."""
    old = run_cli("schedule", "--birth", "2005-05-10", "--net", "--signed", "2025-02-28",
                  "--format", "json").json()["net"]  # fmt: skip
    new = run_cli("schedule", "--birth", "2005-05-10", "--net", "--signed", "2025-03-01",
                  "--format", "json").json()["net"]  # fmt: skip
    assert old["threshold_percent_of_smic"] == 79 and old["total_csg_crds"] == 0
    assert new["threshold_percent_of_smic"] == 50 and new["total_csg_crds"] > 0
    assert old["total_net"] > new["total_net"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--net", "--signed", "2025-09-02"], "après son début"),
        (["--signed", "2025-06-01"], "seulement avec --net"),
        (["--net", "--signed", "demain"], "n'est pas une date"),
        (["--net", "--territory", "mayotte", "--start", "2024-09-01"], "Mayotte"),
        (["--net", "--start", "2019-01-01", "--signed", "2018-12-01"], "avant les règles"),
        (["--net", "--smc", "5000"], "plafond de la tranche 1"),
    ],
)
def test_net_bad_input(args: list[str], message: str) -> None:
    result = run_cli("schedule", "--birth", "2000-05-10", *args)
    assert result.exit_code == 2 and result.stdout == "" and message in result.stderr
