"""Every command says what it assumed: the `assumptions` of its JSON, the default contract and
the derived end said as warnings, the « Hypothèses » line of the terminal, and the table of
inputs of the reports (HTML, Markdown, xlsx), for every option of cost and compare."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from deis_pay.api import compute_schedule

from .conftest import run_cli

BIRTH = ("--birth", "07/11/2004")
TODAY = ("--today", "06/12/2026")
DEIS = "contrat par défaut : Diplôme d'État d'Ingénierie Sociale (DEIS) (ARFASS, Rennes), "
STARTED = "le contrat par défaut a commencé le 01/09/2025 : pour un contrat qui commence plus tard"


def _flat(text: str) -> str:
    """Text as one line: the terminal wraps at 80 columns; no-break spaces as spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _origins(document: dict[str, Any]) -> dict[str, tuple[Any, str, str | None]]:
    return {a["field"]: (a["value"], a["origin"], a["notice"]) for a in document["assumptions"]}


# --- the default contract: the README's `schedule --birth 07/11/2004 --net`


def test_the_default_contract_is_named_as_the_deis_intake_and_as_begun() -> None:
    """Without --start, the contract is the DEIS ARFASS intake of 01/09/2025: said, and said
    to have begun 15 months before the day of the run, with how to give one's own dates."""
    result = run_cli("schedule", *BIRTH, "--net", *TODAY)
    assert result.exit_code == 0
    warnings = _flat(result.stderr)
    assert DEIS + "rentrée du 01/09/2025 au 29/02/2028 ; --start et --end pour le vôtre" in warnings
    assert STARTED + ", donnez --start (et --end, ou --months)" in warnings
    document = run_cli("schedule", *BIRTH, "--net", *TODAY, "--format", "json").json()
    codes = [n["code"] for n in document["notices"]]
    assert codes[:2] == ["default_contract", "default_contract_started"]
    origins = _origins(document)
    assert origins["start"] == ("2025-09-01", "default", "default_contract")
    assert origins["end"] == ("2028-02-29", "default", "default_contract")
    assert origins["birth_date"] == ("2004-11-07", "given", None)
    assert origins["grid"] == ("general", "default", None)
    # (The keys before `assumptions` are those of before, in their order.)
    assert list(document)[-2:] == ["assumptions", "net"]


def test_a_default_contract_not_yet_begun_is_not_said_to_have_begun() -> None:
    document = run_cli("schedule", *BIRTH, "--today", "31/08/2025", "--format", "json").json()
    codes = [n["code"] for n in document["notices"]]
    assert "default_contract" in codes and "default_contract_started" not in codes


def test_a_given_contract_has_no_default_contract_notice() -> None:
    args = ("schedule", *BIRTH, "--start", "01/09/2026", "--end", "31/08/2028", *TODAY)
    document = run_cli(*args, "--format", "json").json()
    codes = {n["code"] for n in document["notices"]}
    assert not codes & {"default_contract", "default_contract_started", "end_derived"}
    assert _origins(document)["end"] == ("2028-08-31", "given", None)


# --- the end derived from the DEIS's 30 months


def test_a_start_without_an_end_says_the_end_comes_from_the_deis_duration() -> None:
    """01/09/2026 + 30 months = 01/03/2029, less a day: 28/02/2029 (2029 is not a leap year),
    not the 29/02/2028 of the default contract."""
    result = run_cli("schedule", *BIRTH, "--start", "01/09/2026", *TODAY)
    assert result.exit_code == 0
    assert (
        "fin le 28/02/2029 : la durée du programme par défaut, Diplôme d'État d'Ingénierie "
        "Sociale (DEIS), 30 mois ; --end ou --months pour la vôtre"
    ) in _flat(result.stderr)
    assert DEIS not in _flat(result.stderr)
    document = run_cli("schedule", *BIRTH, "--start", "01/09/2026", "--format", "json").json()
    assert _origins(document)["end"] == ("2029-02-28", "derived", "end_derived")


def test_an_end_from_months_is_derived_without_a_notice() -> None:
    args = ("schedule", *BIRTH, "--start", "01/09/2026", "--months", "24", "--format", "json")
    document = run_cli(*args).json()
    assert _origins(document)["end"] == ("2028-08-31", "derived", None)
    assert "end_derived" not in {n["code"] for n in document["notices"]}


def test_the_help_names_the_defaults_of_start_and_end_as_the_deis_ones() -> None:
    text = _flat(run_cli("schedule", "--help", env={"COLUMNS": "250"}).stdout)
    assert "2028-02-29" not in text and "2025-09-01" not in text
    assert "la rentrée du DEIS, 01/09/2025" in text
    assert "début + 30 mois, la durée du DEIS" in text


# --- the terminal's « Hypothèses » line


def test_the_terminal_says_the_assumptions_defaults_first() -> None:
    result = run_cli("schedule", *BIRTH, "--start", "01/09/2026", *TODAY)
    assert (
        "Hypothèses : par défaut — grille légale, métropole, 1re année du cycle ; calculé — "
        "fin 28/02/2029 (début + 30 mois) ; donné — naissance 07/11/2004, début 01/09/2026"
    ) in _flat(result.stdout)
    english = run_cli("schedule", *BIRTH, "--start", "01/09/2026", *TODAY, "--lang", "en")
    assert (
        "Assumptions: by default — legal grid, mainland France, year 1 of the cycle; computed "
        "— end 28/02/2029 (start + 30 months); given — born 07/11/2004, start 01/09/2026"
    ) in _flat(english.stdout)


def test_a_grid_typed_is_given_even_when_it_is_the_default() -> None:
    args = ("schedule", *BIRTH, "--grid", "general", "--format", "json")
    assert _origins(run_cli(*args).json())["grid"] == ("general", "given", None)


def test_cost_says_the_employer_defaults_and_the_atmp_rate_used() -> None:
    """No --atmp-rate: the year's average, 2,08 % from 01/01/2026 (data/employer.toml), is
    stated as a default with its note; given, it is the one stated, with no note."""
    args = ("cost", *BIRTH, "--start", "01/09/2026", "--end", "31/08/2028")
    document = run_cli(*args, "--format", "json").json()
    origins = _origins(document)
    assert origins["atmp_rate_percent"] == (Decimal("2.08"), "default", "default_atmp_rate")
    assert origins["headcount"] == (10, "default", "default_headcount")
    assert origins["signed"] == ("2026-09-01", "derived", None)
    assert any(
        note.startswith("taux AT/MP : le taux moyen de l'année") for note in document["notes"]
    )
    given = run_cli(*args, "--atmp-rate", "2,1", "--format", "json").json()
    assert _origins(given)["atmp_rate_percent"] == (Decimal("2.1"), "given", None)
    assert "default_atmp_rate" not in {n["code"] for n in given["notices"]}
    line = _flat(run_cli(*args, "--atmp-rate", "2,1").stdout)
    assert "par défaut — grille légale, métropole, 1re année du cycle, employeur privé, " in line
    assert "10 salariés" in line and "donné — naissance 07/11/2004" in line
    assert "AT/MP 2,1 %" in line and "(taux moyen)" not in line


def test_the_library_states_the_arguments_given() -> None:
    schedule = compute_schedule("2004-11-07", "2026-09-01")
    found = {a.field: (a.value, a.origin, a.notice) for a in schedule.assumptions}
    assert found["start"] == (date(2026, 9, 1), "given", None)
    assert found["end"] == (date(2029, 2, 28), "derived", "end_derived")
    assert found["grid"] == ("general", "default", None)
    assert schedule.warnings[0].startswith("fin le 28/02/2029")
    typed = compute_schedule("2004-11-07", "2026-09-01", grid="general", cycle_start_year=1)
    origins = {a.field: a.origin for a in typed.assumptions}
    assert origins["grid"] == origins["cycle_start_year"] == "given"


# --- the reports: every input of every scenario


# Each option of cost with a value that is not its default, and how the reports write it.
COST_OPTIONS: list[tuple[tuple[str, ...], dict[str, str]]] = [
    (
        ("--birth", "07/11/2004", "--start", "01/09/2026", "--end", "31/08/2028",
         "--grid", "sssms", "--smc", "2100", "--cycle-start-year", "2",
         "--employer", "association", "--headcount", "300", "--atmp-rate", "2,1",
         "--mobility-rate", "1,75", "--health-cover", "48", "--health-employer-share", "60",
         "--work-study-share", "3", "--diploma-level", "5", "--rqth", "--signed", "15/08/2026",
         "--overseas", "--employer-weeks", "30,31"),
        {"birth_date": "07/11/2004", "start": "01/09/2026", "end": "31/08/2028",
         "grid": "grille SSSMS", "smc": "2 100,00 €", "cycle_start_year": "2",
         "kind": "association", "headcount": "300", "atmp_rate_percent": "2,1 %",
         "mobility_rate_percent": "1,75 %", "health_cover": "48,00 €",
         "health_employer_share_percent": "60 %", "work_study_share_percent": "3 %",
         "diploma_level": "5", "rqth": "oui", "signed": "15/08/2026", "overseas": "oui",
         "employer_weeks": "30, 31"},
    ),
    (
        ("--birth", "07/11/2004", "--start", "01/09/2026", "--end", "31/08/2027",
         "--previous-start", "01/09/2023", "--previous-end", "31/08/2025",
         "--previous-grid", "sssms", "--previous-cycle-start-year", "2",
         "--previous-percent", "70", "--same-level-related", "--prolonged-to", "31/12/2027",
         "--prolongation-reason", "rqth", "--employer", "public"),
        {"previous_start": "01/09/2023", "previous_end": "31/08/2025",
         "previous_grid": "grille SSSMS", "previous_cycle_start_year": "2",
         "previous_percent": "70 %", "same_level_related": "oui", "prolonged_to": "31/12/2027",
         "prolongation_reason": "RQTH", "kind": "employeur public"},
    ),
    (
        ("--birth", "07/11/2004", "--start", "01/09/2026", "--months", "12", "--licence-pro",
         "--same-level-related", "--previous-diploma-years", "2"),
        {"end": "31/08/2027", "licence_pro": "oui", "previous_diploma_years": "2"},
    ),
]  # fmt: skip


def _html_rows(page: str) -> list[list[str]]:
    """The rows of the last table of an HTML report (the inputs'), cells as plain text."""
    table = page.rsplit("<table", 1)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    return [
        [_flat(html.unescape(re.sub(r"<[^>]+>", "", cell)))
         for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)]
        for row in rows
    ]  # fmt: skip


def _md_rows(text: str) -> list[list[str]]:
    """The rows of the last Markdown table (the inputs')."""
    table = text.split("## Hypothèses")[-1] if "## Hypothèses" in text else text
    lines = [line for line in table.splitlines() if line.startswith("|")]
    return [[_flat(cell.replace("\\", "")) for cell in line.strip("|").split("|")]
            for line in lines if not line.startswith("|:")]  # fmt: skip


def _cell_text(cell: Any, text: str) -> str:
    """A spreadsheet cell as the reports write its value: a date as JJ/MM/AAAA, a number
    equal to the one `text` writes (`2 100,00 €`, `2,1 %`) as `text` itself."""
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        written = Decimal(re.sub(r"[^\d,]", "", text).replace(",", "."))
        return text if Decimal(str(cell)) == written else str(cell)
    return str(cell)


def _sheet_rows(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Hypothèses"
    return [list(row) for row in book["Hypothèses"].iter_rows(values_only=True)]


@pytest.mark.parametrize(("args", "shown"), COST_OPTIONS)
def test_cost_reports_list_every_option_given(
    args: tuple[str, ...], shown: dict[str, str], tmp_path: Path
) -> None:
    """Each option given a value that is not its default: the inputs' table of the HTML and
    Markdown reports shows it as given (or derived: an end from --months), and the xlsx
    sheet holds it under its JSON key."""
    document = run_cli("cost", *args, "--format", "json").json()
    origins = _origins(document)
    page = run_cli("cost", *args, "--format", "html")
    assert page.exit_code == 0, page.stderr
    rows = {row[0]: row[1:] for row in _html_rows(page.stdout)}
    md = {row[0]: row[1:] for row in _md_rows(run_cli("cost", *args, "--format", "md").stdout)}
    path = tmp_path / "cost.xlsx"
    assert run_cli("cost", *args, "--format", "xlsx", "-o", str(path)).exit_code == 0
    sheet = {row[1]: row for row in _sheet_rows(path)[1:]}
    # The table's rows are the assumptions', in their order, under a header.
    assert next(iter(rows)) == "Entrée"
    inputs = list(rows)[1:]
    labels = {a["field"]: label for label, a in zip(inputs, document["assumptions"], strict=True)}
    for field, text in shown.items():
        origin = "calculé" if origins[field][1] == "derived" else "donné"
        assert rows[labels[field]] == [text, origin], field
        assert md[labels[field]] == [text, origin], field
        assert _cell_text(sheet[field][2], text) == text, field
        assert sheet[field][3] == origin, field


def test_the_cost_report_states_the_atmp_rate_given_not_the_default() -> None:
    """The issue of a board's report: `--atmp-rate 2,1` given and used must be the rate the
    report states, as given."""
    args = ("cost", *BIRTH, "--start", "01/09/2026", "--end", "31/08/2028", "--atmp-rate", "2,1")
    rows = {row[0]: row[1:] for row in _html_rows(run_cli(*args, "--format", "html").stdout)}
    assert rows["Taux AT/MP"] == ["2,1 %", "donné"]
    rows = {row[0]: row[1:] for row in _html_rows(run_cli(*args[:-2], "--format", "html").stdout)}
    assert rows["Taux AT/MP"] == ["2,08 %", "par défaut"]


COMPARE_ARGS = (
    "compare", "--cost", "--birth", "14/03/2003", "--birth", "20/05/2006",
    "--start", "01/09/2026", "--months", "24", "--grid", "sssms", "--smc", "2100",
    "--employer", "association", "--headcount", "30", "--headcount", "300",
    "--atmp-rate", "2,1", "--mobility-rate", "1,75", "--health-cover", "48",
    "--health-employer-share", "60", "--work-study-share", "3", "--diploma-level", "5",
    "--rqth", "--signed", "15/08/2026", "--overseas",
)  # fmt: skip


def test_compare_reports_list_every_input_of_every_scenario(tmp_path: Path) -> None:
    """A board's document for two hires: each scenario's birth date, grid, headcount, AT/MP
    rate, health cover… in the inputs' table, with their origin."""
    document = run_cli(*COMPARE_ARGS, "--format", "json").json()
    first, second = (_origins(s) for s in document["scenarios"])
    assert first["birth_date"] == ("2003-03-14", "given", None)
    assert second["headcount"] == (300, "given", None)
    assert first["end"] == ("2028-08-31", "derived", None)  # 01/09/2026 + 24 months − 1 day
    expected = {
        "Date de naissance": ["14/03/2003 (donné)", "20/05/2006 (donné)"],
        "Fin du contrat": ["31/08/2028 (calculé)", "31/08/2028 (calculé)"],
        "Grille": ["grille SSSMS (donné)"] * 2,
        "SMC mensuel": ["2 100,00 € (donné)"] * 2,
        "Territoire": ["métropole (par défaut)"] * 2,
        "Effectif": ["30 (donné)", "300 (donné)"],
        "Taux AT/MP": ["2,1 % (donné)"] * 2,
        "Versement mobilité": ["1,75 % (donné)"] * 2,
        "Complémentaire santé, cotisation mensuelle": ["48,00 € (donné)"] * 2,
        "Part de l'employeur dans la complémentaire": ["60 % (donné)"] * 2,
        "Alternants dans l'effectif": ["3 % (donné)"] * 2,
        "Niveau du diplôme": ["5 (donné)"] * 2,
        "Apprenti reconnu travailleur handicapé (RQTH)": ["oui (donné)"] * 2,
        "Contrat conclu le": ["15/08/2026 (donné)"] * 2,
        "Contrat outre-mer": ["oui (donné)"] * 2,
        "Employeur": ["association (donné)"] * 2,
    }
    rows = {
        row[0]: row[1:] for row in _html_rows(run_cli(*COMPARE_ARGS, "--format", "html").stdout)
    }
    md = {row[0]: row[1:] for row in _md_rows(run_cli(*COMPARE_ARGS, "--format", "md").stdout)}
    for label, cells in expected.items():
        assert rows[label] == cells, label
        assert md[label] == cells, label
    path = tmp_path / "compare.xlsx"
    assert run_cli(*COMPARE_ARGS, "--format", "xlsx", "-o", str(path)).exit_code == 0
    sheet = _sheet_rows(path)
    assert sheet[0][:2] == ["Scénario", "Nom"]
    by_scenario = {(row[0], row[3]): (row[4], row[5]) for row in sheet[1:]}
    assert by_scenario[(1, "birth_date")] == (datetime_of("14/03/2003"), "donné")
    assert by_scenario[(2, "headcount")] == (300, "donné")
    assert by_scenario[(1, "atmp_rate_percent")] == (pytest.approx(2.1), "donné")
    assert by_scenario[(2, "health_cover")] == (48, "donné")


def datetime_of(day: str) -> Any:
    from datetime import datetime

    return datetime.strptime(day, "%d/%m/%Y")


def test_compare_by_default_states_the_grids_as_its_own_choice() -> None:
    document = run_cli("compare", *BIRTH, "--format", "json").json()
    grids = [_origins(s)["grid"] for s in document["scenarios"]]
    assert grids == [("general", "default", None), ("sssms", "default", None)]
    line = _flat(run_cli("compare", *BIRTH).stdout)
    assert "par défaut — début 01/09/2025, fin 29/02/2028, grille légale / SSSMS," in line


def test_cerfa_and_check_state_their_assumptions() -> None:
    cerfa = run_cli("cerfa", *BIRTH, "--start", "01/09/2026", "--format", "json").json()
    assert _origins(cerfa)["end"] == ("2029-02-28", "derived", "end_derived")
    args = ("check", *BIRTH, "--paid", "09/2025=774,78", *TODAY, "--format", "json")
    check = run_cli(*args).json()
    assert _origins(check)["start"] == ("2025-09-01", "default", "default_contract")
    assert {"default_contract", "default_contract_started"} <= {n["code"] for n in check["notices"]}


def test_the_schema_lists_the_assumptions_of_every_result() -> None:
    schemas = run_cli("schema").json()
    for command in ("schedule", "cost", "cerfa", "check"):
        assert "assumptions" in schemas[command]["required"], command
    scenario = schemas["compare"]["$defs"]["Scenario"]
    assert "assumptions" in scenario["required"]
    origin = schemas["schedule"]["$defs"]["Assumption"]["properties"]["origin"]
    assert origin["enum"] == ["given", "default", "derived"]
