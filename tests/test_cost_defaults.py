"""cost: the diploma level assumed for the DEIS is said on another contract, the cost per week
is shown only for the DEIS's own contract or with --employer-weeks, and the sources list only
what was used (the average AT/MP rate only when no rate was given)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from deis_pay.cli.app import app
from deis_pay.core.errors import InputError
from deis_pay.rules.employer import Employer

runner = CliRunner()
BTS = ["--birth", "07/11/2004", "--start", "01/09/2026", "--end", "31/08/2028"]


def cost_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["cost", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def codes(cost: dict[str, Any]) -> list[str]:
    return [n["code"] for n in cost["notices"]]


def test_bts_without_level_warns_with_the_aids_of_levels_3_to_5() -> None:
    cost = cost_json(*BTS)
    found = [n for n in cost["notices"] if n["code"] == "aids_at_programme_level"]
    assert len(found) == 1
    params = found[0]["params"]
    # By hand, contract concluded on its start, 01/09/2026, 10 employees (data/employer.toml):
    # décret 2026-168 (concluded 08/03-31/12/2026, started before 2027): level 7 under 250,
    # 2 000 €; level 5, 4 500 €; levels 3-4 under 250 left to the aide unique, 5 000 €
    # (D6243-2 from 01/11/2025). Participation (décret 2025-585): 750 € at levels 6-7 only.
    assert (params["level"], params["aid"], params["participation"]) == (7, 2000, 750)
    assert (params["aid_3"], params["aid_4"], params["aid_5"]) == (5000, 5000, 4500)
    assert params["participation_low"] == 0
    said = [
        " ".join(w.replace("\u202f", " ").replace("\xa0", " ").split()) for w in cost["warnings"]
    ]
    assert any("au niveau 5 de 4 500 €" in w for w in said)


def test_no_level_warning_when_given_or_on_the_default_contract() -> None:
    assert "aids_at_programme_level" not in codes(cost_json(*BTS, "--diploma-level", "7"))
    assert "aids_at_programme_level" not in codes(cost_json(*BTS, "--diploma-level", "5"))
    assert "aids_at_programme_level" not in codes(cost_json("--birth", "07/11/2004"))
    with_5 = cost_json(*BTS, "--diploma-level", "5")
    assert with_5["hiring_aid"]["annual_amount"] == 4500  # the figure the warning announced
    assert with_5["training_participation"] == 0


def test_the_default_contract_keeps_the_deis_weeks() -> None:
    cost = cost_json("--birth", "07/11/2004")
    # DEIS ARFASS (data/programme.toml): 32 + 42 + 25 weeks at the employer.
    assert cost["employer_weeks"] == 99
    assert [y["employer_weeks"] for y in cost["contract_years"]] == [32, 42, 25]
    assert "employer_weeks_not_programme" not in codes(cost)


def test_a_bts_has_no_cost_per_week_but_a_note() -> None:
    cost = cost_json(*BTS)
    # Keys kept, values null: the DEIS's 74 weeks over two years were not this contract's.
    assert cost["employer_weeks"] is None
    assert cost["cost_per_employer_week"] is None
    assert cost["cost_per_employer_week_after_aids"] is None
    assert [y["employer_weeks"] for y in cost["contract_years"]] == [None, None]
    assert "employer_weeks_not_programme" in codes(cost)
    assert any("--employer-weeks" in note for note in cost["notes"])
    table = runner.invoke(app, ["cost", *BTS])
    assert "semaines en entreprise :" not in table.stdout
    assert "--employer-weeks" in table.stdout


def test_a_deis_level_given_another_level_is_not_the_deis() -> None:
    cost = cost_json("--birth", "07/11/2004", "--diploma-level", "5")
    assert cost["employer_weeks"] is None
    assert "employer_weeks_not_programme" in codes(cost)


def test_employer_weeks_given() -> None:
    cost = cost_json(*BTS, "--diploma-level", "5", "--employer-weeks", "30,30")
    assert cost["employer_weeks"] == 60
    assert cost["employer"]["employer_weeks"] == [30, 30]
    total = Decimal(str(cost["total_employer_cost"]))
    after = Decimal(str(cost["total_employer_cost_after_aids"]))
    # The total over the 60 weeks given, to the cent (a hand division of the totals).
    assert Decimal(str(cost["cost_per_employer_week"])) == (total / 60).quantize(Decimal("0.01"))
    assert Decimal(str(cost["cost_per_employer_week_after_aids"])) == (after / 60).quantize(
        Decimal("0.01")
    )
    years = cost["contract_years"]
    assert [y["employer_weeks"] for y in years] == [30, 30]
    first = Decimal(str(years[0]["employer_cost"]))
    assert Decimal(str(years[0]["cost_per_employer_week"])) == (first / 30).quantize(
        Decimal("0.01")
    )
    assert "employer_weeks_not_programme" not in codes(cost)


def test_fewer_weeks_than_years_leave_the_total_out() -> None:
    cost = cost_json(*BTS, "--diploma-level", "5", "--employer-weeks", "30")
    assert [y["employer_weeks"] for y in cost["contract_years"]] == [30, None]
    assert cost["employer_weeks"] is None
    assert "employer_weeks_missing" in codes(cost)


@pytest.mark.parametrize(
    ("weeks", "said"),
    [
        ("30,30,30", "3 valeurs pour 2 années de contrat"),
        ("30,x", "« x » n'est pas un nombre de semaines (0 à 53)"),
        ("54", "54, un nombre de 0 à 53 est attendu"),
        ("-1", "un nombre de 0 à 53 est attendu"),
        ("", "séparées par des virgules"),
    ],
)
def test_wrong_employer_weeks(weeks: str, said: str) -> None:
    result = runner.invoke(app, ["cost", *BTS, "--employer-weeks", weeks])
    assert result.exit_code == 2
    assert "--employer-weeks" in result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_library_employer_weeks() -> None:
    # As the command line gives them, or a list: read into a tuple of whole weeks.
    assert Employer(employer_weeks="32, 42;25").employer_weeks == (32, 42, 25)  # type: ignore[arg-type]
    assert Employer(employer_weeks=[30, 30]).employer_weeks == (30, 30)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Employer(employer_weeks=(60,))


def source_ids(cost: dict[str, Any]) -> list[str]:
    return [s["id"] for s in cost["sources"]]


def test_atmp_average_source_only_when_used() -> None:
    assert "atmp-average" in source_ids(cost_json("--birth", "07/11/2004"))
    given = cost_json("--birth", "07/11/2004", "--atmp-rate", "2,1")
    assert "atmp-average" not in source_ids(given)
    assert "urssaf-taux-employeur" in source_ids(given)  # the other rates still cited
    for fmt in ("md", "html"):
        report = runner.invoke(app, ["cost", "--birth", "07/11/2004", "--atmp-rate", "2,1",
                                     "--format", fmt])  # fmt: skip
        assert report.exit_code == 0
        assert "Taux AT/MP par défaut" not in report.stdout
        default = runner.invoke(app, ["cost", "--birth", "07/11/2004", "--format", fmt])
        assert "Taux AT/MP par défaut" in default.stdout


def test_aid_sources_only_for_an_aid_said() -> None:
    # A public employer has no hiring aid (private employers only) and no participation:
    # neither an aid's decree nor décret 2025-585 is cited.
    public = cost_json("--birth", "07/11/2004", "--employer", "public")
    ids = source_ids(public)
    assert not {"decret-2025-174", "decret-2026-168", "aide-unique", "decret-2025-585"} & set(ids)
    # An aid that does not apply but whose reason says why (250 employees or more, level 7,
    # no work-study share: décret 2025-174) keeps its source beside that reason.
    big = cost_json("--birth", "07/11/2004", "--headcount", "300")
    assert big["hiring_aid"]["annual_amount"] == 0
    assert big["hiring_aid"]["reason_notice"]["code"] == "hiring_aid_250_without_work_study"
    assert "decret-2025-174" in source_ids(big)
