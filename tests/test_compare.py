"""`deis-pay compare`: two or more scenarios side by side (repeated options), checked against
the commands run alone on each scenario (`schedule --net`, `cost`)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from deis_pay.core.errors import InputError
from deis_pay.data.loader import default_dataset
from deis_pay.input.scenarios import expand_scenarios, scenarios_from_text
from deis_pay.rules.compare import compare_grids
from deis_pay.rules.contract import check_contract

from .conftest import run_cli

BIRTH = ("--birth", "2005-05-10")


def _per_year_net(net_months: list[dict[str, Any]], schedule: dict[str, Any]) -> dict[int, Any]:
    """The net of each contract year from `schedule --net`, for a contract that starts on the
    1st of a month (every month then lies in one contract year)."""
    year_of = {m["month"]: m["segments"][0]["contract_year"] for m in schedule["months"]}
    assert all(len({s["contract_year"] for s in m["segments"]}) == 1 for m in schedule["months"])
    totals: dict[int, Any] = {}
    for month in net_months:
        year = year_of[month["month"]]
        totals[year] = totals.get(year, Decimal(0)) + month["net"]
    return totals


# Three scenarios: two apprentices, two grids, a prolonged contract, a previous contract (its
# floor, art. D6222-29); an empty value leaves a repeated option out of its scenario.
SCENARIOS = [
    ["--birth", "2005-05-10", "--grid", "general", "--prolonged-to", "2028-08-31"],
    ["--birth", "2003-03-14", "--grid", "sssms"],
    ["--birth", "2007-01-20", "--grid", "sssms", "--previous-start", "2023-09-01",
     "--previous-end", "2025-06-30"],
]  # fmt: skip
COMPARED = [
    "--birth", "2005-05-10", "--birth", "2003-03-14", "--birth", "2007-01-20",
    "--grid", "general", "--grid", "sssms", "--grid", "sssms",
    "--prolonged-to", "2028-08-31", "--prolonged-to", "", "--prolonged-to", "",
    "--previous-start", "", "--previous-start", "", "--previous-start", "2023-09-01",
    "--previous-end", "", "--previous-end", "", "--previous-end", "2025-06-30",
]  # fmt: skip


def test_each_scenario_has_the_gross_and_net_of_schedule_net_run_alone() -> None:
    compared = run_cli("compare", *COMPARED, "--format", "json").json()
    assert len(compared["scenarios"]) == 3
    for scenario, args in zip(compared["scenarios"], SCENARIOS, strict=True):
        alone = run_cli("schedule", *args, "--net", "--format", "json").json()
        assert scenario["inputs"] == alone["inputs"]
        assert scenario["total_gross"] == alone["total_gross"]
        assert scenario["total_net"] == alone["net"]["total_net"]
        years = {y["year"]: y for y in scenario["contract_years"]}
        assert {y: years[y]["gross"] for y in years} == {
            y["year"]: y["gross"] for y in alone["contract_years"]
        }
        assert {y: years[y]["net"] for y in years} == _per_year_net(alone["net"]["months"], alone)
        assert scenario["total_employer_cost_after_aids"] is None  # no --cost
    # The first contract, prolonged to 31/08/2028, has a longer last year than the others.
    assert compared["years_aligned"] is False


def test_differences_are_each_scenario_minus_the_first() -> None:
    compared = run_cli("compare", *COMPARED, "--format", "json").json()
    first, *others = compared["scenarios"]
    assert first["difference"] is None
    for scenario in others:
        assert scenario["difference"]["gross"] == scenario["total_gross"] - first["total_gross"]
        assert scenario["difference"]["net"] == scenario["total_net"] - first["total_net"]
        assert scenario["difference"]["employer_cost_after_aids"] is None
        # Contract years that do not align (the first contract is prolonged): totals only.
        assert all(year["difference"] is None for year in scenario["contract_years"])
    # Not the legal grid against the SSSMS grid of one contract: those keys stay empty.
    assert compared["contract_years"] == [] and compared["total_general"] is None
    assert compared["total_sssms"] is None and compared["total_difference"] is None


COST_SCENARIOS = [
    ["--birth", "14/03/2003", "--employer", "association", "--headcount", "45",
     "--health-cover", "60", "--rqth", "--licence-pro"],
    ["--birth", "20/05/2006", "--employer", "association", "--headcount", "45",
     "--health-cover", "60", "--rqth", "--licence-pro", "--grid", "sssms", "--smc", "2300"],
    ["--birth", "20/05/2006", "--employer", "private", "--headcount", "45",
     "--health-cover", "60", "--rqth", "--licence-pro", "--atmp-rate", "1,5"],
]  # fmt: skip


def test_with_cost_each_scenario_has_the_figures_of_cost_run_alone() -> None:
    """Three candidates costed side by side: options given once (headcount, health
    cover, --rqth, the licence professionnelle of the history) apply to all, repeated ones
    give one value each."""
    compared = run_cli(
        "compare", "--cost", "--birth", "14/03/2003", "--birth", "20/05/2006",
        "--birth", "20/05/2006", "--employer", "association", "--employer", "association",
        "--employer", "private", "--grid", "general", "--grid", "sssms", "--grid", "general",
        "--smc", "", "--smc", "2300", "--smc", "", "--atmp-rate", "", "--atmp-rate", "",
        "--atmp-rate", "1,5", "--headcount", "45", "--health-cover", "60", "--rqth",
        "--licence-pro", "--format", "json",
    ).json()  # fmt: skip
    assert compared["with_cost"] is True and compared["years_aligned"] is True
    totals = []
    for scenario, args in zip(compared["scenarios"], COST_SCENARIOS, strict=True):
        alone = run_cli("cost", *args, "--format", "json").json()
        assert (
            scenario["inputs"] == alone["inputs"] and scenario["inputs"]["history"]["licence_pro"]
        )
        assert scenario["employer"] == alone["employer"]
        assert scenario["total_gross"] == alone["total_gross"]
        assert scenario["total_net"] == alone["total_net"]
        after = alone["total_employer_cost_after_aids"]
        assert scenario["total_employer_cost_after_aids"] == after
        assert [(y["year"], y["gross"], y["net"], y["employer_cost_after_aids"])
                for y in scenario["contract_years"]] == [
            (y["year"], y["gross"], y["net"], y["employer_cost_after_aids"])
            for y in alone["contract_years"]
        ]  # fmt: skip
        totals.append(after)
    second = compared["scenarios"][1]
    assert second["difference"]["employer_cost_after_aids"] == totals[1] - totals[0]
    for year, base in zip(second["contract_years"], compared["scenarios"][0]["contract_years"],
                          strict=True):  # fmt: skip
        assert year["difference"]["net"] == year["net"] - base["net"]


def test_the_default_is_the_legal_grid_against_the_sssms_grid_with_the_old_keys() -> None:
    data = run_cli("compare", *BIRTH, "--format", "json").json()
    # The keys scripts already read, as before (tests/test_views.py has the figures).
    assert data["total_general"] == Decimal("32391.62")
    assert data["total_difference"] == data["total_sssms"] - data["total_general"]
    legal, sssms = data["scenarios"]
    assert (legal["label"], sssms["label"]) == ("grille légale", "grille SSSMS")
    assert (legal["inputs"]["grid"], sssms["inputs"]["grid"]) == ("general", "sssms")
    assert legal["total_gross"] == data["total_general"]
    assert sssms["total_gross"] == data["total_sssms"]
    assert sssms["difference"]["gross"] == data["total_difference"]
    for old, new in zip(data["contract_years"], sssms["contract_years"], strict=True):
        assert old["sssms"] == new["gross"] and old["difference"] == new["difference"]["gross"]
    # --grid general --grid sssms, said explicitly, is the same comparison.
    explicit = run_cli("compare", *BIRTH, "--grid", "general", "--grid", "sssms",
                       "--format", "json").json()  # fmt: skip

    def apart(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The document without its scenarios' assumptions, and where each grid came from."""
        scenarios = [
            {k: v for k, v in s.items() if k != "assumptions"} for s in document["scenarios"]
        ]
        grids = [a["origin"] for s in document["scenarios"] for a in s["assumptions"]
                 if a["field"] == "grid"]  # fmt: skip
        return {**document, "scenarios": scenarios}, grids

    # Only where the grids came from differs: deis-pay's choice, or typed.
    assert apart(explicit) == (apart(data)[0], ["given", "given"])
    assert apart(data)[1] == ["default", "default"]


def test_the_library_comparison_of_grids_has_its_scenarios() -> None:
    inputs = check_contract("2005-05-10")
    result = compare_grids(inputs, default_dataset())
    assert result.total_general == Decimal("32391.62")
    assert [s.inputs.grid for s in result.scenarios] == ["general", "sssms"]
    assert result.scenarios[1].total_gross == result.total_sssms


def test_years_that_do_not_align_keep_their_own_dates() -> None:
    data = run_cli("compare", *BIRTH, "--start", "2025-09-01", "--start", "2025-10-15",
                   "--months", "24", "--format", "json").json()  # fmt: skip
    assert data["years_aligned"] is False
    first, second = data["scenarios"]
    assert [y["from"] for y in first["contract_years"]] == ["2025-09-01", "2026-09-01"]
    assert [y["from"] for y in second["contract_years"]] == ["2025-10-15", "2026-10-15"]
    assert all(y["difference"] is None for y in second["contract_years"])
    assert second["difference"]["gross"] == second["total_gross"] - first["total_gross"]
    # The label names what was repeated, not the end that follows from it.
    assert (first["label"], second["label"]) == ("début le 01/09/2025", "début le 15/10/2025")
    table = run_cli("compare", *BIRTH, "--start", "2025-09-01", "--start", "2025-10-15",
                    "--months", "24")  # fmt: skip
    assert "1 du 15/10/2025 au 14/10/2026" in table.text
    assert "écarts sur les totaux" in table.text


def test_labels_given_or_built_from_what_differs() -> None:
    data = run_cli("compare", "--birth", "14/03/2003", "--birth", "20/05/2006",
                   "--label", "Alice", "--label", "Bob", "--format", "json").json()  # fmt: skip
    assert [s["label"] for s in data["scenarios"]] == ["Alice", "Bob"]
    assert [s["label_notices"] for s in data["scenarios"]] == [[], []]
    built = run_cli("compare", "--birth", "14/03/2003", "--birth", "20/05/2006",
                    "--format", "json").json()  # fmt: skip
    assert [s["label"] for s in built["scenarios"]] == [
        "né(e) le 14/03/2003",
        "né(e) le 20/05/2006",
    ]
    english = run_cli("compare", "--birth", "14/03/2003", "--birth", "20/05/2006",
                      "--lang", "en", "--format", "json").json()  # fmt: skip
    assert english["scenarios"][0]["label"] == "born 14/03/2003"
    same = run_cli("compare", *BIRTH, "--birth", "2005-05-10", "--format", "json").json()
    assert [s["label"] for s in same["scenarios"]] == ["scénario 1", "scénario 2"]
    # Employer options said in words, not as the option's name (`--headcount 45`).
    options = ("--cost", "--employer", "association", "--employer", "private", "--headcount",
               "45", "--headcount", "5", "--atmp-rate", "1.2", "--atmp-rate", "1.5")  # fmt: skip
    employers = run_cli("compare", *BIRTH, *options, "--format", "json").json()
    assert [s["label"] for s in employers["scenarios"]] == [
        "association, 45 salariés, AT/MP 1,2 %",
        "employeur privé, 5 salariés, AT/MP 1,5 %",
    ]


def test_an_option_given_once_applies_to_every_scenario() -> None:
    data = run_cli("compare", "--birth", "14/03/2003", "--birth", "20/05/2006",
                   "--smc", "2500", "--grid", "sssms", "--format", "json").json()  # fmt: skip
    assert [s["inputs"]["smc"] for s in data["scenarios"]] == [2500, 2500]
    assert [s["inputs"]["grid"] for s in data["scenarios"]] == ["sssms", "sssms"]


def test_expansion_of_repeated_options() -> None:
    given = {"birth_date": ["2005-05-10", "2006-01-01"], "smc": ["2100"], "end": []}
    assert expand_scenarios(given) == (
        {"birth_date": "2005-05-10", "smc": "2100", "end": None},
        {"birth_date": "2006-01-01", "smc": "2100", "end": None},
    )
    # Nothing repeated: the legal grid, then the SSSMS grid.
    assert [s["grid"] for s in expand_scenarios({"birth_date": ["2005-05-10"]})] == [
        "general",
        "sssms",
    ]
    # In a repeated option, an empty value is "not given"; given once, it stays (and is refused).
    repeated = expand_scenarios({"smc": ["2100", " "], "grid": ["sssms"]}, ["a", "b"])
    assert [s["smc"] for s in repeated] == ["2100", None]
    assert expand_scenarios({"smc": [""], "birth_date": ["1", "2"]})[0]["smc"] == ""
    with pytest.raises(InputError) as counts:
        expand_scenarios({"birth_date": ["a", "b"], "grid": ["x", "y", "z"], "smc": ["1"]})
    assert counts.value.code == "scenario_counts_differ"
    assert counts.value.params == {"fields": ("birth_date", "grid"), "counts": ("2", "3")}
    with pytest.raises(InputError) as labels:
        expand_scenarios({"birth_date": ["a", "b"]}, ["only one"])
    assert (labels.value.code, labels.value.field) == ("labels_count", "label")


def test_employer_options_need_the_cost() -> None:
    data = default_dataset()
    with pytest.raises(InputError) as error:
        scenarios_from_text(data, {"birth_date": ["2005-05-10"], "headcount": ["20"]}, {})
    assert (error.value.code, error.value.field) == ("employer_options_need_cost", "headcount")
    # --signed serves the net too: accepted without --cost.
    specs = scenarios_from_text(
        data, {"birth_date": ["2005-05-10"], "signed": ["2025-02-01", "2025-03-01"]}, {}
    )
    assert [str(s.signed) for s in specs] == ["2025-02-01", "2025-03-01"]


def test_signed_changes_the_net_as_schedule_net_does() -> None:
    """Concluded before 01/03/2025: exemption up to 79 % of the SMIC and no CSG/CRDS (LFSS
    2025); the same contract concluded after has a lower net."""
    args = ("--start", "2025-03-01", "--signed", "2025-02-01", "--signed", "2025-03-01")
    data = run_cli("compare", *BIRTH, *args, "--format", "json").json()
    before, after = data["scenarios"]
    assert [before["label"], after["label"]] == ["conclu le 01/02/2025", "conclu le 01/03/2025"]
    for scenario, signed in ((before, "2025-02-01"), (after, "2025-03-01")):
        alone = run_cli("schedule", *BIRTH, "--start", "2025-03-01", "--net", "--signed", signed,
                        "--format", "json").json()  # fmt: skip
        assert scenario["total_net"] == alone["net"]["total_net"]
    assert after["difference"]["gross"] == 0 and after["difference"]["net"] < 0


def test_mayotte_has_no_net_but_is_still_compared() -> None:
    result = run_cli("compare", *BIRTH, "--territory", "mayotte", "--format", "json")
    assert result.exit_code == 0
    data = result.json()
    assert [s["total_net"] for s in data["scenarios"]] == [None, None]
    assert data["scenarios"][1]["difference"]["net"] is None
    assert any("Mayotte" in warning for warning in data["warnings"])
    table = run_cli("compare", *BIRTH, "--territory", "mayotte")
    assert "Net" not in table.stdout and "Mayotte" in table.stderr


def test_csv_has_a_row_per_contract_year_and_total_of_each_scenario() -> None:
    data = run_cli("compare", *BIRTH, "--cost", "--format", "json").json()
    text = run_cli("compare", *BIRTH, "--cost", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2 * 4
    assert [row["contract_year"] for row in rows[:4]] == ["1", "2", "3", "total"]
    for row in rows:
        scenario = data["scenarios"][int(row["scenario"]) - 1]
        assert row["label"] == scenario["label"]
        if row["contract_year"] == "total":
            figures = (scenario["total_gross"], scenario["total_net"],
                       scenario["total_employer_cost_after_aids"])  # fmt: skip
            difference = scenario["difference"]
        else:
            year = scenario["contract_years"][int(row["contract_year"]) - 1]
            figures = (year["gross"], year["net"], year["employer_cost_after_aids"])
            difference = year["difference"]
        assert (Decimal(row["gross"]), Decimal(row["net"]),
                Decimal(row["employer_cost_after_aids"])) == figures  # fmt: skip
        if difference is None:
            assert row["difference_gross"] == row["difference_net"] == ""
        else:
            assert (
                Decimal(row["difference_employer_cost_after_aids"])
                == (difference["employer_cost_after_aids"])
            )


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_three_scenarios_with_the_cost_are_readable(columns: str) -> None:
    """At 90 columns and more, one column per scenario, per difference and the Total of these
    three apprentices (a budget); narrower, the rows are stacked; every amount of the JSON
    appears, none is cut."""
    args = ("compare", "--cost", "--birth", "14/03/2003", "--birth", "20/05/2006",
            "--birth", "01/01/2007", "--employer", "association")  # fmt: skip
    data = run_cli(*args, "--format", "json").json()
    result = run_cli(*args, env={"COLUMNS": columns})
    assert result.exit_code == 0
    text = result.text
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= int(columns)
    stacked = int(columns) < 90  # (80 without the Total column: three alternatives)
    assert ("Écart 3 − 1 : " in text) is stacked
    for scenario in data["scenarios"]:
        for key in ("total_gross", "total_net", "total_employer_cost_after_aids"):
            amount = f"{scenario[key]:,.2f}".replace(",", " ").replace(".", ",") + " €"
            assert amount in text, (key, amount)
    assert "1 du 01/09/2025 au 31/08/2026" in " ".join(text.split())


def test_net_per_contract_year_is_split_as_cost_splits_it() -> None:
    """A contract starting mid-month has months on both sides of each anniversary: the net of
    such a month is shared between the two contract years as `cost` shares it (same years'
    nets as `cost` with no health cover), and the years add up to `schedule --net`'s total."""
    args = ("--birth", "2004-06-30", "--start", "15/09/2025", "--end", "14/09/2027")
    data = run_cli("compare", *args, "--format", "json").json()
    legal = data["scenarios"][0]
    cost = run_cli("cost", *args, "--format", "json").json()
    assert [(y["year"], y["net"]) for y in legal["contract_years"]] == [
        (y["year"], y["net"]) for y in cost["contract_years"]
    ]
    alone = run_cli("schedule", *args, "--net", "--format", "json").json()
    assert sum(y["net"] for y in legal["contract_years"]) == alone["net"]["total_net"]
    assert any(len({s["contract_year"] for s in m["segments"]}) == 2 for m in alone["months"])


def test_projected_contract_years_are_marked() -> None:
    """Data verified through 01/11/2026: months from 12/2026 are projections, so contract
    years 2 and 3 of the default contract (from 01/09/2026) are marked, year 1 is not."""
    data = run_cli("compare", *BIRTH, "--format", "json").json()
    assert {s["projected_from"] for s in data["scenarios"]} == {"2026-12-01"}
    rows = run_cli("compare", *BIRTH).text.splitlines()
    labels = [line.split()[0] for line in rows if line.strip()[:2] in ("1 ", "2*", "3*", "2 ")]
    assert labels == ["1", "2*", "3*"] * 2
    assert "* année projetée en partie au dernier SMIC connu (à partir de 12/2026)" in rows
