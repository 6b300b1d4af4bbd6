"""Inputs as people type them, everywhere an input is read (options, batch cells, guided
answers, library values), and the library taking what the command line takes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer

import deis_pay
from deis_pay.cli.app import app
from deis_pay.core.errors import InputError
from deis_pay.i18n.language import set_language

from .conftest import run_cli

NBSP, NARROW_NBSP, THIN = "\u00a0", "\u202f", "\u2009"


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


# --- 1. dates: 07.11.2004 and 07-11-2004 as 07/11/2004; 07/11/04 refused with a hint ----------


@pytest.mark.parametrize("typed", ["07/11/2004", "07.11.2004", "07-11-2004", "7.11.2004"])
def test_a_date_with_dots_or_dashes_is_the_same_date_on_the_command_line(typed: str) -> None:
    result = run_cli("schedule", "--birth", typed, "--start", "01.09.2025", "--format", "json")
    assert result.exit_code == 0, result.stderr
    inputs = result.json()["inputs"]
    assert (inputs["birth_date"], inputs["start"]) == ("2004-11-07", "2025-09-01")


@pytest.mark.parametrize(
    ("typed", "hint"), [("07/11/04", "07/11/2004"), ("10.05.98", "10/05/1998")]
)
def test_a_two_digit_year_is_refused_with_the_four_digit_year(typed: str, hint: str) -> None:
    result = run_cli("schedule", "--birth", typed, "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "--birth" in result.stderr and "quatre chiffres" in result.stderr
    assert f"vouliez-vous dire {hint} ?" in result.stderr


def test_dates_in_the_library_read_as_on_the_command_line() -> None:
    for typed in ("07.11.2004", "07-11-2004", "2004-11-07", date(2004, 11, 7)):
        assert deis_pay.compute_schedule(typed).inputs.birth_date == date(2004, 11, 7)
    with pytest.raises(InputError) as caught:
        deis_pay.compute_schedule("07/11/04")
    assert (caught.value.code, caught.value.field) == ("two_digit_year", "birth_date")
    assert caught.value.params["suggested"] == "07/11/2004"
    # Month first, with dots or dashes too: the same hint as with slashes.
    with pytest.raises(InputError) as swapped:
        deis_pay.compute_schedule("05-14-2003")
    assert swapped.value.code == "month_day_swapped" and "14/05/2003" in str(swapped.value)
    # An ISO date is never read day first: 2003-14-05 has no month 14, and no hint.
    with pytest.raises(InputError) as iso:
        deis_pay.compute_schedule("2003-14-05")
    assert iso.value.code == "no_such_day"


def test_dates_and_amounts_in_batch_cells_read_as_typed(tmp_path: Path) -> None:
    header = "id,birth_date,start,grid,smc\n"
    typed = tmp_path / "typed.csv"
    typed.write_text(
        header
        + f'a,07.11.2004,01-09-2025,sssms,"2{NBSP}100,50"\n'
        + f'b,07-11-2004,01.09.2025,sssms,"2{NARROW_NBSP}100,50 €"\n'
        + "c,07/11/04,01/09/2025,sssms,2100\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.csv"
    plain.write_text(header + "a,2004-11-07,2025-09-01,sssms,2100.50\n", encoding="utf-8")
    records = _records(run_cli("batch", str(typed)).stdout)
    [reference] = _records(run_cli("batch", str(plain)).stdout)
    assert reference["ok"] is True, reference
    for record in records[:2]:
        assert {**record, "id": "a", "line": 2} == reference
    assert records[2]["ok"] is False
    assert (records[2]["error_code"], records[2]["field"]) == ("two_digit_year", "birth_date")
    assert "07/11/2004" in records[2]["error"]


def test_guided_answers_take_dots_and_refuse_a_two_digit_year(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_guided import _guided

    dialogue = _guided(["07/11/04", "07.11.2004", "", "", "", "", "", "", ""], capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.said("quatre chiffres") and dialogue.said("07/11/2004 ?")
    # The birth prompt asked twice: the two-digit year was not taken.
    assert [p.startswith("Votre date de naissance") for p in dialogue.script.prompts[:2]] == [
        True,
        True,
    ]
    assert "--birth 07/11/2004" in dialogue.command


# --- 2. amounts: 48€, 48 €, 1 500 with the spaces people type ----------------------------------


@pytest.mark.parametrize(
    "typed", ["2100,50", "2100.50", f"2{NBSP}100,50", f"2{NARROW_NBSP}100,50", f"2{THIN}100,50",
              "2 100,50 €", "2100,50€"],
)  # fmt: skip
def test_an_smc_as_typed(typed: str) -> None:
    result = run_cli("schedule", "--birth", "2005-05-10", "--grid", "sssms", "--smc", typed,
                     "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json()["inputs"]["smc"] == Decimal("2100.50")


@pytest.mark.parametrize("typed", ["48", "48€", "48 €", f"48{NBSP}€", "48,00 €"])
def test_a_health_cover_as_typed(typed: str) -> None:
    result = run_cli("cost", "--birth", "2005-05-10", "--health-cover", typed, "--format", "json")
    assert result.exit_code == 0, result.stderr
    employer = result.json()["employer"]
    assert employer["health_cover"] == Decimal(48)


def test_a_paid_amount_with_a_space_of_thousands() -> None:
    common = ("check", "--birth", "2005-05-10", "--today", "2025-10-15", "--format", "json")
    spaced = run_cli(*common, "--paid", f"09/2025=1{NBSP}500,50")
    plain = run_cli(*common, "--paid", "09/2025=1500.50")
    assert spaced.exit_code == plain.exit_code == 0, spaced.stderr
    assert spaced.json() == plain.json()
    assert "1500.5" in spaced.stdout


def test_a_count_with_a_space_of_thousands_in_one_argument() -> None:
    for typed in ("1 500", f"1{NBSP}500", f"1{NARROW_NBSP}500"):
        result = run_cli("cost", "--birth", "2005-05-10", "--headcount", typed, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert result.json()["employer"]["headcount"] == 1500
    # Only whole groups of three: `3 0` is no number of employees.
    refused = run_cli("cost", "--birth", "2005-05-10", "--headcount", "3 0")
    assert refused.exit_code == 2 and "« 3 0 »" in refused.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("--headcount", "1", "500"), "--headcount 1500"),
        (("--headcount=1", "500"), "--headcount 1500"),
        (("--smc", "2", "100,50"), "--smc 2100,50"),
    ],
)
def test_a_number_split_by_the_shell_gets_a_hint(args: tuple[str, ...], hint: str) -> None:
    result = run_cli("cost", "--birth", "2005-05-10", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "argument(s) en trop" in result.stderr and hint in result.stderr
    english = run_cli("cost", "--birth", "2005-05-10", *args, env={"LANG": "en_GB.UTF-8"})
    assert "write a number without spaces: " + hint in english.stderr


def test_an_extra_argument_that_is_no_split_number_gets_no_number_hint() -> None:
    result = run_cli("cost", "--birth", "2005-05-10", "500")
    assert result.exit_code == 2 and "argument(s) en trop : 500" in result.stderr
    assert "sans espace" not in result.stderr


# --- 3. help at 80 columns: every option's full name ------------------------------------------


def _commands() -> dict[str, Any]:
    """Each command of the app by name ("" for the app itself)."""
    group: Any = typer.main.get_command(app)
    return {"": group, **group.commands}


@pytest.mark.parametrize("command", sorted(_commands()))
def test_help_at_80_columns_shows_every_option_s_full_name(command: str) -> None:
    own = _commands()[command]
    names = ["--help"] + [name for param in own.params for name in param.opts if name[1] == "-"]
    assert len(names) > 1 or command == "schema", command
    for lang in ("fr_FR.UTF-8", "en_GB.UTF-8"):
        result = run_cli(*([command] if command else []), "--help", env={"LANG": lang})
        assert result.exit_code == 0, result.stderr
        assert max(map(len, result.stdout.splitlines())) <= 80
        words = {word.strip("│,") for line in result.stdout.splitlines() for word in line.split()}
        cut = [name for name in names if name not in words]
        assert cut == [], f"{command} --help at 80 columns ({lang}) cuts {cut}"


def test_the_longest_names_are_in_the_80_column_help() -> None:
    """The names that typer's own table cut at 80 columns (`--previous-cycle-start…`)."""
    text = run_cli("cost", "--help").stdout
    assert "--previous-cycle-start-year " in text and "--previous-diploma-years " in text
    assert "…" not in "".join(line.split("│")[1][:34] for line in text.splitlines() if "│" in line)


# --- 4. the library takes what the command line takes -----------------------------------------


def test_the_employer_takes_numbers_and_text_as_the_command_line() -> None:
    employer = deis_pay.Employer(atmp_rate_percent=2, health_cover=48, headcount="180")  # type: ignore[arg-type]
    assert (employer.atmp_rate_percent, employer.health_cover, employer.headcount) == (
        Decimal(2), Decimal(48), 180,
    )  # fmt: skip
    typed = deis_pay.Employer(
        atmp_rate_percent="2,1",  # type: ignore[arg-type]
        health_cover="48,50 €",  # type: ignore[arg-type]
        headcount=f"1{NBSP}500",  # type: ignore[arg-type]
        mobility_rate_percent=1.75,  # type: ignore[arg-type]
        health_employer_share_percent="60",  # type: ignore[arg-type]
    )
    assert (typed.atmp_rate_percent, typed.health_cover, typed.headcount) == (
        Decimal("2.1"), Decimal("48.50"), 1500,
    )  # fmt: skip
    # A float through its shortest repr: 1.75, never 1.75000000000000004…
    assert typed.mobility_rate_percent == Decimal("1.75")
    assert typed.health_employer_share_percent == Decimal(60)


@pytest.mark.parametrize("smc", ["2100,50", "2100.50", 2100.5, Decimal("2100.50"), "2 100,50 €"])
def test_compute_schedule_takes_an_smc_in_every_form(smc: object) -> None:
    schedule = deis_pay.compute_schedule(date(2005, 5, 10), grid="sssms", smc=smc)  # type: ignore[arg-type]
    assert schedule.inputs.smc == Decimal("2100.50")


@pytest.mark.parametrize(
    ("call", "field", "accepted"),
    [
        (lambda: deis_pay.Employer(headcount=[180]), "headcount", "un entier"),  # type: ignore[arg-type]
        (lambda: deis_pay.Employer(health_cover={}), "health_cover", "un montant"),  # type: ignore[arg-type]
        (lambda: deis_pay.Employer(atmp_rate_percent=object()), "atmp_rate_percent", "un taux"),  # type: ignore[arg-type]
        (lambda: deis_pay.Employer(kind=3), "kind", "un texte"),  # type: ignore[arg-type]
        (lambda: deis_pay.Employer(rqth=2), "rqth", "oui ou non"),  # type: ignore[arg-type]
        (lambda: deis_pay.Employer(signed=20250901), "signed", "une date"),  # type: ignore[arg-type]
        (lambda: deis_pay.compute_schedule(20050510), "birth_date", "une date"),  # type: ignore[arg-type]
        (lambda: deis_pay.compute_schedule("2005-05-10", grid=3), "grid", "un texte"),  # type: ignore[arg-type]
        (lambda: deis_pay.compute_schedule("2005-05-10", smc=[2100]), "smc", "un montant"),  # type: ignore[arg-type]
        (lambda: deis_pay.compute_cost("schedule"), "schedule", "un Schedule"),  # type: ignore[arg-type]
        (lambda: deis_pay.net_pay(_schedule(), health_cover=[48]), "health_cover", "un montant"),  # type: ignore[arg-type]
        (lambda: deis_pay.compare_scenarios([1, 2]), "scenarios", "des ScenarioSpec"),  # type: ignore[list-item]
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_field_and_what_it_takes(
    call: Any, field: str, accepted: str
) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    text = str(caught.value)
    assert text.startswith(f"{field} : valeur de type ") and accepted in text
    assert len(text.splitlines()) == 1
    # Also an InputError (code wrong_type): a caller catching deis-pay's errors catches it.
    assert isinstance(caught.value, InputError) and caught.value.code == "wrong_type"
    set_language("en")
    assert str(caught.value).startswith(f"{field}: a value of type ")


def _schedule() -> deis_pay.Schedule:
    return deis_pay.compute_schedule(date(2005, 5, 10))


def test_compute_cost_net_pay_and_compare_from_the_package() -> None:
    schedule = _schedule()
    employer = deis_pay.Employer(kind="association", headcount="30", health_cover="40 €")  # type: ignore[arg-type]
    cost = deis_pay.compute_cost(schedule, employer)
    # docs/library.md's figure for the same employer (a doctest), and the notes said.
    assert cost.total_employer_cost_after_aids == Decimal("29904.15")
    assert cost.notes and all(isinstance(note, str) and note for note in cost.notes)
    net = deis_pay.net_pay(schedule, health_cover="40 €")
    # Half of the 40 € premium is the employee's (the default share of the employer, 50 %).
    assert (net.health_cover, net.health_cover_employee) == (Decimal(40), Decimal("20.00"))
    assert net.concluded_on == date(2025, 9, 1)  # the contract's start
    assert deis_pay.net_pay(schedule, "15/08/2025").concluded_on == date(2025, 8, 15)
    general = deis_pay.check_contract("10.05.2005")
    sssms = deis_pay.check_contract("10.05.2005", grid="branche")
    compared = deis_pay.compare_scenarios([general, sssms])
    # 38 126,97 € (SSSMS, docs/library.md) − 32 391,62 € (legal grid, deis_pay's docstring).
    assert compared.total_difference == Decimal("38126.97") - Decimal("32391.62")
    assert [scenario.label for scenario in compared.scenarios] == ["grille légale", "grille SSSMS"]
    with_cost = deis_pay.compare_scenarios([schedule, sssms], employer=employer)
    assert with_cost.with_cost
    assert with_cost.scenarios[0].total_employer_cost_after_aids == Decimal("29904.15")
    spec = deis_pay.ScenarioSpec(general, date(2025, 9, 1), employer, "mon contrat")
    labelled = deis_pay.compare_scenarios([spec, sssms])
    assert labelled.scenarios[0].label == "mon contrat"


# --- 5. the public names, loaded when first used ----------------------------------------------


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in ("Employer", "compute_cost", "net_pay", "compare_scenarios", "ScenarioSpec",
                 "check_pay", "compute_schedule"):  # fmt: skip
        assert name in deis_pay.__all__ and name in dir(deis_pay)
        assert getattr(deis_pay, name) is not None
    from deis_pay import Employer, compute_cost  # noqa: F401  (the import form too)

    with pytest.raises(AttributeError):
        deis_pay.nothing_of_the_kind  # noqa: B018


def _modules_after(code: str, tmp_path: Path) -> list[str]:
    program = (
        code + "\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith('deis_pay')))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, check=False,
                            env={"DEIS_PAY_CACHE_DIR": "off", "LANG": "C.UTF-8"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    modules: list[str] = json.loads(result.stdout.splitlines()[-1].replace("'", '"'))
    return modules


def test_the_public_names_are_loaded_only_when_used(tmp_path: Path) -> None:
    assert _modules_after("import deis_pay", tmp_path) == ["deis_pay", "deis_pay.version"]
    employer = _modules_after("import deis_pay\ndeis_pay.Employer", tmp_path)
    assert "deis_pay.rules.employer" in employer and "deis_pay.api" not in employer
    # A schedule run does not load the library's entry point nor the cost, net and compare.
    run = (
        "import sys\n"
        "sys.argv = ['deis-pay', 'schedule', '--birth', '2005-05-10', '--format', 'json']\n"
        "from deis_pay.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(run, tmp_path)
    assert "deis_pay.rules.pay" in loaded  # (it ran)
    for module in ("deis_pay.api", "deis_pay.rules.cost", "deis_pay.rules.net",
                   "deis_pay.rules.compare", "deis_pay.rules.employer"):  # fmt: skip
        assert module not in loaded
