"""`deis-pay cost`: employer contributions, net with health cover, aids, taxes, per-week cost.

The reference is the URSSAF model (modele-social 11.1.0, tests/reference/modele-social-cost.md):
net pay to the cent and employer contributions within 1 % for every 2026 month; where deis-pay
departs from it on purpose, a test shows the difference and says why.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay.data.loader import default_dataset
from deis_pay.data.lookups import csg_crds_on, employee_rates_on, reduction_on
from deis_pay.rules.cost import aid_by_month, tax_exempt_limit
from deis_pay.rules.employer import (
    _COEFFICIENT,
    Employer,
    _coefficient,
    health_shares,
    month_contributions,
)
from deis_pay.rules.net import exemption_for, month_net

from .conftest import TESTS, run_cli

REFERENCE = json.loads((TESTS / "reference" / "modele-social-cost.json").read_text("utf-8"))
ROWS: list[dict[str, Any]] = REFERENCE["rows"]
CENT = Decimal("0.01")


def _d(value: float | int | None) -> Decimal:
    return Decimal(str(value if value is not None else 0))


def _employer(inputs: dict[str, Any]) -> Employer:
    return Employer(
        kind="association" if inputs["association"] else "private",
        headcount=inputs["headcount"],
        atmp_rate_percent=_d(inputs["atmp_rate_pct"]),
        mobility_rate_percent=_d(inputs["mobility_rate_pct"]),
        health_cover=_d(inputs["health_cover_monthly"]),
        health_employer_share_percent=_d(inputs["health_employer_share_pct"]),
        work_study_share_percent=_d(inputs["alternant_ratio_pct"]),
        diploma_level=7,
        rqth=inputs["handicap"],
        signed=date.fromisoformat(inputs["hiring_date"]),
    )


def _ours(row: dict[str, Any], signed: date) -> dict[str, Decimal]:
    data = default_dataset()
    inputs, outputs = row["inputs"], row["outputs"]
    period = date.fromisoformat(inputs["period"])
    smic = _d(outputs["SMIC"]).quantize(CENT)
    gross = _d(inputs["gross_monthly"])
    employer = _employer(inputs)
    employee_health, employer_health = health_shares(employer)
    _, contributions, csg_crds, net = month_net(
        gross, smic, (30, 30), exemption_for(data, signed), employee_rates_on(data, period),
        csg_crds_on(data, period), (employee_health, employer_health),
    )  # fmt: skip
    charges = month_contributions(gross, smic, (30, 30), period, employer, data)
    return {
        "net": net,
        "employee_total": contributions + csg_crds + employee_health,
        "csg_crds": csg_crds,
        "employer": charges.total,
    }


def _theirs(row: dict[str, Any]) -> dict[str, Decimal]:
    outputs = row["outputs"]
    return {
        "net": _d(outputs["net_before_tax"]).quantize(CENT),
        "employee_total": _d(outputs["employee_contributions"]).quantize(CENT),
        "csg_crds": _d(outputs["csg_crds"]).quantize(CENT),
        "employer": _d(outputs["employer_contributions"]),
    }


# modele-social 11.1.0 predates décret 2026-509 (12/06/2026), which keeps the SMIC of
# 01/01/2026 (1 823,03 €) in the general reduction for all of 2026: from June, it computes the
# reduction against the SMIC of 01/06/2026 (1 867,02 €). Below 1 823,03 € the coefficient is at
# its ceiling either way; above, the months of June to December 2026 are compared with the
# model's other figures and the decree's coefficient (AFTER_DECREE).
DECREE_SMIC = Decimal("1823.03")
MODEL_2026 = [
    r for r in ROWS
    if r["inputs"]["period"] >= "2026-01-01" and r["inputs"]["hiring_date"] >= "2025-03-01"
    and not (r["inputs"]["period"] >= "2026-06-01"
             and _d(r["inputs"]["gross_monthly"]) > DECREE_SMIC)
]  # fmt: skip
AFTER_DECREE = [
    r for r in ROWS
    if r["inputs"]["period"] >= "2026-06-01" and _d(r["inputs"]["gross_monthly"]) > DECREE_SMIC
    and r["inputs"]["hiring_date"] >= "2025-03-01"
]  # fmt: skip
BEFORE_2026 = [r for r in ROWS if r["inputs"]["period"] < "2026-01-01"]
OLD_CONTRACTS = [r for r in ROWS if r["inputs"]["hiring_date"] < "2025-03-01"]


def test_the_reference_covers_the_spread_the_issue_asks_for() -> None:
    inputs = [r["inputs"] for r in ROWS]
    assert {i["period"][:4] for i in inputs} == {"2024", "2025", "2026"}
    assert {i["headcount"] for i in inputs} >= {5, 20, 100, 300}
    assert {i["association"] for i in inputs} == {True, False}
    assert {i["health_cover_monthly"] for i in inputs} >= {0, 40}
    assert len(MODEL_2026) >= 150


@pytest.mark.parametrize("row", MODEL_2026, ids=lambda r: f"row{r['id']}")
def test_2026_months_match_the_urssaf_model(row: dict[str, Any]) -> None:
    """Net, employee contributions and CSG/CRDS to the cent; employer contributions within 1 %
    (they match to the cent as well: same perimeter, same RGDU)."""
    ours, theirs = _ours(row, date.fromisoformat(row["inputs"]["hiring_date"])), _theirs(row)
    assert ours["net"] == theirs["net"]
    assert ours["employee_total"] == theirs["employee_total"]
    assert ours["csg_crds"] == theirs["csg_crds"]
    assert abs(ours["employer"] - theirs["employer"]) <= theirs["employer"] / 100
    assert abs(ours["employer"] - theirs["employer"]) <= CENT


def _decree_coefficient(gross: Decimal, headcount: int) -> Decimal:
    """Art. D241-7 CSS (RGDU, décret 2025-1446) with the SMIC of 01/01/2026 (décret 2026-509),
    written out here with Decimal's own power, independently of deis_pay.employer."""
    t_delta = Decimal("0.3781") if headcount < 50 else Decimal("0.3821")
    base = Decimal("0.5") * (3 * DECREE_SMIC / gross - 1)
    value = Decimal("0.02") + t_delta * base ** Decimal("1.75")
    return min(value.quantize(Decimal("0.0001")), Decimal("0.02") + t_delta)


def test_the_decree_rows_are_the_models_pays_above_the_smic_of_january() -> None:
    assert len(AFTER_DECREE) >= 6
    assert {r["inputs"]["period"] for r in AFTER_DECREE} == {"2026-07-01"}


@pytest.mark.parametrize("row", AFTER_DECREE, ids=lambda r: f"row{r['id']}")
def test_june_to_december_2026_above_the_january_smic_follow_decree_2026_509(
    row: dict[str, Any],
) -> None:
    """The model's employer contributions with its own reduction taken back and the decree's
    put in (coefficient against 1 823,03 €, not the model's 1 867,02 €), to the cent; the net
    is not touched by the reduction and still matches the model."""
    ours, theirs = _ours(row, date.fromisoformat(row["inputs"]["hiring_date"])), _theirs(row)
    gross = _d(row["inputs"]["gross_monthly"])
    outputs = row["outputs"]
    coefficient = _decree_coefficient(gross, row["inputs"]["headcount"])
    assert coefficient < _d(outputs["rgdu_coefficient"])  # a lower SMIC, a smaller reduction
    expected = theirs["employer"] + _d(outputs["rgdu_amount"]) - coefficient * gross
    assert abs(ours["employer"] - expected) <= CENT
    assert ours["net"] == theirs["net"]


@pytest.mark.parametrize(
    ("month", "coefficient", "reduction"),
    [("2026-05", "0.3981", "725.75"), ("2026-06", "0.3750", "700.13"),
     ("2026-07", "0.3750", "700.13"), ("2026-12", "0.3750", "700.13")],
)  # fmt: skip
def test_2026_reduction_uses_the_smic_of_january_after_the_june_revaluation(
    month: str, coefficient: str, reduction: str
) -> None:
    """Born 10/01/1998, contract 05/01/2026 → 04/01/2027, 20 employees: 1 867,02 € a month from
    June. Against 1 823,03 € (décret 2026-509) the coefficient is 0,3750 and the reduction
    700,13 € (0,3750 × 1 867,02 = 700,1325); against the month's SMIC it would be 0,3981 and
    743,26 €. In May, 1 823,03 € of pay is at the ceiling: 0,3981 × 1 823,03 = 725,75."""
    out = run_cli("cost", "--birth", "10/01/1998", "--start", "05/01/2026", "--end",
                  "04/01/2027", "--headcount", "20", "--format", "json")  # fmt: skip
    months = {m["month"]: m for m in json.loads(out.stdout)["months"]}
    assert str(months[month]["general_reduction"]) == reduction
    assert _decree_coefficient(_d(months[month]["gross"]), 20) == Decimal(coefficient)


def test_from_2027_the_reduction_uses_the_month_smic_again() -> None:
    """Décret 2026-509 covers 2026 only: in January 2027 the SMIC of the month is back (the
    data's `reduction_smic` record of 01/01/2027), the same as the month's own SMIC here."""
    data = default_dataset()
    employer = Employer(headcount=20)
    gross, smic = Decimal("1867.02"), Decimal("1867.02")
    january = month_contributions(gross, smic, (31, 31), date(2027, 1, 1), employer, data)
    december = month_contributions(gross, smic, (31, 31), date(2026, 12, 1), employer, data)
    assert january.coefficient == Decimal("0.3981")
    assert december.coefficient == Decimal("0.3750")


@pytest.mark.parametrize("row", BEFORE_2026, ids=lambda r: f"row{r['id']}")
def test_before_2026_the_rgcp_and_reduced_rates_apply_not_the_models_rgdu(
    row: dict[str, Any],
) -> None:
    """modele-social 11.1.0 applies the 2026 RGDU and the full 13 % / 5.25 % rates to every
    month; in 2024-2025 the law had the RGCP and 7 % / 3.45 % on pay this low. The employer
    figures then differ, the net does not (for contracts concluded from 01/03/2025)."""
    hiring = date.fromisoformat(row["inputs"]["hiring_date"])
    ours, theirs = _ours(row, hiring), _theirs(row)
    assert ours["employer"] != theirs["employer"].quantize(CENT)
    if hiring >= date(2025, 3, 1):
        assert ours["net"] == theirs["net"]


def test_rgcp_june_2025_by_hand() -> None:
    """1 138.88 € in June 2025, 10 employees, 40 € health cover half paid, AT/MP 2.12 %:
    sickness 7 + AT/MP 2.12 + old age 8.55 + 2.02 + AGIRC-ARRCO 4.72 + CEG 1.29 + family 3.45
    + AGS 0.25 + unemployment 4.00 + FNAL 0.10 + CSA 0.30 + social dialogue 0.016
    = 33.816 % → 385.12 € + 20 € health cover; RGCP coefficient at its ceiling T = 0.3193
    (1.6 × 1 801.80 / 1 138.88 − 1 = 1.53 > 0.6) → 363.64 €; total 41.48 €."""
    row = next(r for r in BEFORE_2026 if r["inputs"]["period"] == "2025-06-01"
               and r["inputs"]["gross_monthly"] == 1138.88 and r["inputs"]["headcount"] == 10
               and not r["inputs"]["association"])  # fmt: skip
    expected = (Decimal("1138.88") * Decimal("33.816") / 100 + 20
                - Decimal("1138.88") * Decimal("0.3193")).quantize(CENT)  # fmt: skip
    assert expected == Decimal("41.48")
    assert _ours(row, date(2025, 3, 3))["employer"] == expected


@pytest.mark.parametrize("row", OLD_CONTRACTS, ids=lambda r: f"row{r['id']}")
def test_contracts_concluded_before_march_2025_keep_79_percent_and_no_csg(
    row: dict[str, Any],
) -> None:
    """The model keys the regime on the pay month; deis-pay on the signature date (LFSS 2025
    art. 22-23): no CSG/CRDS for these contracts, so their net is at least the model's."""
    ours, theirs = _ours(row, date.fromisoformat(row["inputs"]["hiring_date"])), _theirs(row)
    assert ours["csg_crds"] == 0
    assert ours["net"] >= theirs["net"]
    if row["inputs"]["period"] >= "2025-03-01":
        assert ours["net"] > theirs["net"]


def test_minimum_pay_is_not_rounded_to_the_euro() -> None:
    """The model rounds the minimum pay to the euro (784 € for 43 % of 1 823.03 €);
    deis-pay rounds a minimum up to the cent: 783.91 € (43 % of 1 823,03 € is 783,9029 €)."""
    model = {(m["period"], m["age_bracket"]): Decimal(str(m["minimum_pay_monthly"]))
             for m in REFERENCE["minimum_pay"]}  # fmt: skip
    assert model[("2026-02-01", "de 18 à 20")] == 784
    months = run_cli("schedule", "--birth", "2005-05-10", "--format", "json").json()["months"]
    february = next(m for m in months if m["month"] == "2026-02")
    assert february["gross"] == Decimal("783.91")
    assert february["gross"] != model[("2026-02-01", "de 18 à 20")]


def test_hiring_aid_is_paid_over_the_first_year_only() -> None:
    """The model books aid ÷ 12 in every month of the contract; the decrees pay it for the
    first contract year: 12 payments adding up to 5 000 €, nothing after."""
    assert any(r["outputs"]["hiring_aid_monthly"] for r in ROWS
               if r["inputs"]["period"] == "2026-07-01" and r["inputs"]["hiring_date"]
               == "2025-09-01")  # fmt: skip
    cost = run_cli("cost", "--birth", "2005-05-10", "--format", "json").json()
    aids = [m["hiring_aid"] for m in cost["months"]]
    assert sum(aids[:12]) == 5000 and all(a > 0 for a in aids[:12])
    assert aids[12:] == [0] * (len(aids) - 12)
    assert cost["total_aids"] == 5000 and cost["contract_years"][0]["hiring_aid"] == 5000


def test_hiring_aid_prorated_by_days_from_november_2025() -> None:
    """Décret 2025-1031: a month the first year starts or ends in is paid by days."""
    paid = aid_by_month(Decimal(2000), (date(2026, 4, 15), date(2027, 4, 14)))
    assert paid[date(2026, 4, 1)] == Decimal("88.89")  # 2000 / 12 × 16 / 30
    assert paid[date(2026, 5, 1)] == Decimal("166.67")
    assert len(paid) == 13 and sum(paid.values()) == Decimal("2000.00")


@pytest.mark.parametrize(
    ("options", "annual"),
    [
        ([], 5000),  # signed 01/09/2025, under 250 (décret 2025-174)
        (["--headcount", "300"], 0),  # 250 or more without 5 % of work-study contracts
        (["--headcount", "300", "--work-study-share", "5"], 2000),
        (["--rqth"], 6000),
        (["--diploma-level", "8"], 0),
        (["--start", "2026-04-01", "--months", "24"], 2000),  # décret 2026-168, levels 6-7
        (["--start", "2026-04-01", "--months", "24", "--diploma-level", "5"], 4500),
        (
            [
                "--start",
                "2026-04-01",
                "--months",
                "24",
                "--headcount",
                "250",
                "--work-study-share",
                "6",
            ],
            750,
        ),
        (["--start", "2026-02-01", "--months", "24"], 0),  # 01/01-07/03/2026: up to level 4
        (["--start", "2026-02-01", "--months", "24", "--diploma-level", "4"], 5000),
        (["--start", "2025-02-01", "--months", "24", "--diploma-level", "4"], 6000),
        (["--employer", "public"], 0),
    ],
)
def test_hiring_aid_by_signature_date_headcount_level_and_rqth(
    options: list[str], annual: int
) -> None:
    cost = run_cli("cost", "--birth", "2005-05-10", *options, "--format", "json").json()
    assert cost["hiring_aid"]["annual_amount"] == annual
    assert cost["total_aids"] == annual


@pytest.mark.parametrize(
    ("options", "participation"),
    [
        ([], 750),
        (["--signed", "2025-06-30"], 0),  # concluded before 01/07/2025
        (["--diploma-level", "5"], 0),
        (["--employer", "public"], None),  # training cost on quote
    ],
)
def test_training_participation(options: list[str], participation: int | None) -> None:
    cost = run_cli("cost", "--birth", "2005-05-10", *options, "--format", "json").json()
    assert cost["training_participation"] == participation


def test_income_tax_limit_is_the_annual_smic_published_by_the_tax_office() -> None:
    """BOI-RSA-CHAMP-20-50-50: 20 815 € for 2023 and 21 273 € for 2024 (published figures)."""
    data = default_dataset()
    assert tax_exempt_limit(data, 2023) == 20815
    assert tax_exempt_limit(data, 2024) == 21273


def test_cost_json_has_the_documented_keys_and_adds_up() -> None:
    cost = run_cli("cost", "--birth", "2005-05-10", "--health-cover", "40", "--headcount",
                   "30", "--employer", "association", "--format", "json").json()  # fmt: skip
    month = cost["months"][0]
    assert set(month) >= {
        "month",
        "gross",
        "employee_contributions",
        "csg_crds",
        "net",
        "employer_contributions",
        "hiring_aid",
        "employer_cost",
        "segments",
    }
    for m in cost["months"]:
        assert m["employer_cost"] == m["gross"] + m["employer_contributions"]
        assert m["net"] == (m["gross"] - m["employee_contributions"] - m["csg_crds"]
                            - m["health_cover_employee"])  # fmt: skip
    assert cost["total_net"] == sum(m["net"] for m in cost["months"])
    assert cost["total_employer_cost"] == (
        cost["total_gross"] + cost["total_employer_contributions"]
    )
    assert cost["total_employer_cost_after_aids"] == (
        cost["total_employer_cost"] + cost["training_participation"] - cost["total_aids"]
    )
    for key in ("gross", "net", "employer_cost", "hiring_aid"):
        assert sum(y[key] for y in cost["contract_years"]) == sum(
            y[key] for y in cost["calendar_years"]
        )
    assert cost["employer_weeks"] == 99  # 32 + 42 + 25 weeks of the DEIS alternation
    assert cost["cost_per_employer_week"] == (cost["total_employer_cost"] / 99).quantize(CENT)
    assert [y["employer_weeks"] for y in cost["contract_years"]] == [32, 42, 25]
    assert all(y["taxable"] == 0 for y in cost["calendar_years"])


def test_association_pays_apprenticeship_tax_from_march_2026_only() -> None:
    def tax(kind: str, month: str) -> Decimal:
        cost = run_cli("cost", "--birth", "2005-05-10", "--headcount", "30", "--employer", kind,
                       "--format", "json").json()  # fmt: skip
        found: Decimal = next(
            m["employer_contributions"] for m in cost["months"] if m["month"] == month
        )
        return found

    assert tax("association", "2026-02") < tax("private", "2026-02")
    assert tax("association", "2026-03") == tax("private", "2026-03")


def test_public_employer_gets_gross_and_a_clear_notice_not_invented_figures() -> None:
    result = run_cli("cost", "--birth", "2005-05-10", "--employer", "public", "--format", "json")
    cost = result.json()
    assert result.exit_code == 0
    assert cost["total_gross"] == Decimal("32391.62")
    assert cost["total_net"] is None and cost["total_employer_contributions"] is None
    assert all(m["employer_contributions"] is None for m in cost["months"])
    assert any("IRCANTEC" in note for note in cost["notes"])
    table = run_cli("cost", "--birth", "2005-05-10", "--employer", "public")
    assert "—" in table.stdout and "IRCANTEC" in table.stdout


def test_public_employer_needs_no_contribution_rates_so_any_start_is_costed() -> None:
    """The employers' rates are known from 2024; a public employer pays none of them, so its
    contract of 2023 is costed (gross and aids) as before, not refused."""
    result = run_cli("cost", "--birth", "2003-03-14", "--start", "2023-09-01",
                     "--employer", "public", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    cost = result.json()
    assert cost["months"][0]["month"] == "2023-09"
    assert cost["total_employer_contributions"] is None
    private = run_cli("cost", "--birth", "2003-03-14", "--start", "2023-09-01")
    assert private.exit_code == 2 and "01/01/2024" in private.stderr


def test_higher_health_cover_lowers_net_and_raises_employer_cost() -> None:
    def totals(premium: str) -> tuple[Decimal, Decimal]:
        cost = run_cli("cost", "--birth", "2005-05-10", "--health-cover", premium,
                       "--format", "json").json()  # fmt: skip
        return cost["total_net"], cost["total_employer_cost"]

    none, some = totals("0"), totals("40")
    assert some[0] < none[0] and some[1] > none[1]


def test_cost_csv_one_row_per_month() -> None:
    result = run_cli("cost", "--birth", "2005-05-10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 30 and rows[0]["hiring_aid"] == "416.67"
    assert rows[0]["employer_cost"] == str(
        Decimal(rows[0]["gross"]) + Decimal(rows[0]["employer_contributions"])
    )


def test_cost_table_matches_golden_file_at_80_columns() -> None:
    from .test_views import _golden

    result = run_cli("cost", "--birth", "2005-05-10", "--headcount", "30", "--employer",
                     "association", "--health-cover", "40", "--explain")  # fmt: skip
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    _golden("cost-association-80.txt", result.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--headcount", "-3"], "--headcount"),
        (["--headcount", "beaucoup"], "--headcount"),
        (["--atmp-rate", "120"], "entre 0 et 100"),
        (["--mobility-rate", "-1"], "entre 0 et 100"),
        (["--health-employer-share", "101"], "entre 0 et 100"),
        (["--health-employer-share", "60"], "seulement avec la complémentaire santé"),
        (["--health-cover", "40", "--health-employer-share", "30"], "au moins 50 %"),
        (["--health-cover", "-5"], "--health-cover"),
        (["--health-cover", "900"], "non prise en charge"),
        (["--signed", "2025-09-02"], "après son début"),
        (["--employer", "ministere"], "--employer"),
        (["--diploma-level", "2"], "--diploma-level"),
        (["--diploma-level", "9"], "--diploma-level"),
        (["--start", "2023-09-01"], "taux connus à partir du 01/01/2024"),
        (["--territory", "mayotte", "--start", "2025-09-01"], "Mayotte"),
        (["--format", "pdf"], "--format"),
        (["--format", "xlsx"], "-o FICHIER.xlsx"),
    ],
)
def test_cost_bad_input(args: list[str], message: str) -> None:
    result = run_cli("cost", "--birth", "2005-05-10", *args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == "" and message in result.stderr
    assert "Traceback" not in result.stderr


def test_pay_above_the_annual_smic_is_taxable_for_the_excess_only() -> None:
    """An apprentice of 26 paid 100 % of a 2 500 € SMC: 12 months of 2026 above the annual
    SMIC (22 184 € with the June 2026 revaluation); only the excess is taxable."""
    cost = run_cli("cost", "--birth", "1995-01-01", "--start", "2026-01-01", "--months", "12",
                   "--smc", "2500", "--format", "json").json()  # fmt: skip
    year = cost["calendar_years"][0]
    assert year["year"] == 2026 and year["income_tax_exempt_up_to"] == 22184
    assert year["taxable"] == year["net_taxable"] - 22184 > 0
    # net taxable = net + non-deductible CSG/CRDS (2.90 of 9.70), no health cover here
    csg = sum(m["csg_crds"] for m in cost["months"])
    assert abs(year["net_taxable"] - (year["net"] + csg * Decimal("2.90") / Decimal("9.70"))) < 1


def test_cost_xlsx_round_trip(tmp_path: Path) -> None:
    """cost --format xlsx: a sheet of months with amounts as numbers, totals, inputs, sources."""
    import openpyxl

    path = tmp_path / "cout.xlsx"
    result = run_cli("cost", "--birth", "2005-05-10", "--format", "xlsx", "-o", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Coût", "Totaux", "Entrées et sources", "Hypothèses"]
    months = list(book["Coût"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 30
    cost = run_cli("cost", "--birth", "2005-05-10", "--format", "json").json()
    assert Decimal(str(months[0][9])) == cost["months"][0]["employer_cost"]
    total = next(r for r in book["Totaux"].iter_rows(values_only=True)
                 if r[0] == "Total du contrat")  # fmt: skip
    assert Decimal(str(total[7])).quantize(CENT) == cost["total_employer_cost_after_aids"]
    sources = [r[1] for r in book["Entrées et sources"].iter_rows(values_only=True)
               if r[0] == "Source"]  # fmt: skip
    assert "decret-2025-174" in sources


def test_hiring_aid_never_exceeds_its_yearly_amount_across_november_2025() -> None:
    """From 24/02/2025: February 2025 is paid in full (rule before 11/2025), so the day of
    February 2026 still in the first year gets nothing: 12 twelfths, 5 000 € in all."""
    paid = aid_by_month(Decimal(5000), (date(2025, 2, 24), date(2026, 2, 23)))
    assert paid[date(2025, 2, 1)] == Decimal("416.67")
    assert sum(paid.values()) == Decimal(5000)
    assert paid.get(date(2026, 2, 1), Decimal(0)) == 0


def test_rqth_aid_only_for_diplomas_the_aid_covers() -> None:
    level_8 = run_cli("cost", "--birth", "2005-05-10", "--rqth", "--diploma-level", "8",
                      "--format", "json").json()  # fmt: skip
    assert level_8["hiring_aid"]["annual_amount"] == 0
    big = run_cli("cost", "--birth", "2005-05-10", "--rqth", "--headcount", "5000",
                  "--format", "json").json()  # fmt: skip
    assert big["hiring_aid"]["annual_amount"] == 6000


def test_mid_month_start_splits_the_anniversary_month_between_years() -> None:
    """From 15/09/2025: September 2026 holds the end of year 1 and the start of year 2; its net
    and contributions are shared by gross pay, and the years still add up to the totals."""
    cost = run_cli("cost", "--birth", "2004-06-30", "--start", "2025-09-15", "--end",
                   "2027-09-14", "--format", "json").json()  # fmt: skip
    september = next(m for m in cost["months"] if m["month"] == "2026-09")
    assert {s["contract_year"] for s in september["segments"]} == {1, 2}
    for key, total in (("net", "total_net"), ("employer_contributions",
                                              "total_employer_contributions")):  # fmt: skip
        assert sum(y[key] for y in cost["contract_years"]) == cost[total]
    # September 2025 comes before the day-proration rule (11/2025): paid in full; the twelve
    # twelfths are then reached in August 2026, and the days of September 2026 get nothing.
    assert cost["months"][0]["hiring_aid"] == Decimal("416.67")
    assert september["hiring_aid"] == 0 and cost["total_aids"] == 5000


def test_the_rgdu_coefficient_is_the_same_computed_with_square_roots() -> None:
    """`employer.power_1_75` (x × √x × √√x) in place of Decimal's x ** 1.75: the coefficient,
    rounded to 4 decimals, is the one the power gives, on 20 000 monthly pays from 1 cent to
    3 SMIC, whole months and prorated ones, both headcounts (décret 2025-887's formula below)."""
    from decimal import ROUND_HALF_UP

    rule = reduction_on(default_dataset(), date(2026, 1, 1))
    assert rule.kind == "rgdu" and rule.t_min is not None
    rng = random.Random(20260101)
    for _ in range(20_000):
        month_days = rng.choice((28, 29, 30, 31))
        smic = Decimal("1823.03") * rng.randint(1, month_days) / month_days
        gross = Decimal(rng.randint(1, int(smic * 300))) / 100
        under_50 = rng.random() < 0.5
        t = rule.t_under_50 if under_50 else rule.t_50_plus
        power = (Decimal("0.5") * (3 * smic / gross - 1)) ** Decimal("1.75")
        exact = (rule.t_min + t * power).quantize(_COEFFICIENT, rounding=ROUND_HALF_UP)
        expected = max(Decimal(0), min(rule.t_min + t, exact)) if gross < 3 * smic else 0
        assert _coefficient(rule, under_50, gross, smic) == expected, (gross, smic)
