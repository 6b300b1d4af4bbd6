"""Bad input: a clear one-line message on stderr naming the problem, exit 2, nothing on stdout."""

from __future__ import annotations

import pytest

from .conftest import run_cli

BIRTH = ["--birth", "2005-05-10"]

CASES = [
    (["schedule", "--birth", "2005-02-30"], "n'existe pas"),
    (["schedule", "--birth", "31/02/2005"], "n'existe pas"),
    (["schedule", "--birth", "hier"], "n'est pas une date"),
    (["schedule", "--birth", "2005-5-10"], "n'est pas une date"),
    (["schedule", "--birth", ""], "--birth : valeur vide"),
    (["schedule", "--birth", " "], "--birth : valeur vide"),
    (["schedule", *BIRTH, "--start", ""], "--start : valeur vide"),
    (["schedule", *BIRTH, "--end", "2025-08-31"], "précède son début"),
    (["schedule", "--birth", "2026-01-01"], "postérieure au début du contrat"),
    (["schedule", *BIRTH, "--start", "2018-12-31"], "avant le 01/01/2019"),
    (["schedule", *BIRTH, "--start", "2018-09-01", "--territory", "mayotte"], "01/01/2019"),
    (["schedule", *BIRTH, "--smc", "-2100"], "strictement positif"),
    (["schedule", *BIRTH, "--smc", "0"], "strictement positif"),
    (["schedule", *BIRTH, "--smc", "0,00"], "strictement positif"),
    (["schedule", *BIRTH, "--smc", "deux mille"], "n'est pas un montant"),
    (["schedule", *BIRTH, "--smc", "NaN"], "n'est pas un montant"),
    (["schedule", *BIRTH, "--smc", "inf"], "n'est pas un montant"),
    (["schedule", *BIRTH, "--smc", "Infinity"], "n'est pas un montant"),
    (["schedule", *BIRTH, "--smc", "1e3"], "n'est pas un montant"),
    (["schedule", *BIRTH, "--smc", ""], "--smc : valeur vide"),
    (["schedule", *BIRTH, "--smc", "2100,555"], "au plus deux décimales"),
    (["schedule", *BIRTH, "--grid", "ccn66"], "--grid : « ccn66 » inconnu"),
    (["schedule", *BIRTH, "--territory", "guyane"], "--territory : « guyane » inconnu"),
    (["schedule", *BIRTH, "--format", "xml"], "--format : « xml » inconnu"),
    (["schedule", *BIRTH, "--cycle-start-year", "4"], "choisir 1, 2 ou 3"),
    (["schedule", *BIRTH, "--cycle-start-year", "0"], "choisir 1, 2 ou 3"),
    (["schedule", *BIRTH, "--cycle-start-year", "deux"], "n'est pas 1, 2 ou 3"),
    (["schedule", *BIRTH, "--months", "0"], "nombre de mois positif"),
    (["schedule", *BIRTH, "--months", "-3"], "nombre de mois positif"),
    (["schedule", *BIRTH, "--months", "1.5"], "n'est pas un nombre de mois"),
    (["schedule", *BIRTH, "--end", "2027-08-31", "--months", "24"], "pas les deux"),
    (["schedule", *BIRTH, "--end", "2029-09-01"], "plus de 4 ans"),
    (["schedule", *BIRTH, "--months", "49"], "plus de 4 ans"),
    (["smic", "--at", "2018-12-31"], "aucun SMIC connu"),
    (["smic", "--at", "2018-06-01", "--territory", "mayotte"], "aucun SMIC connu"),
    (["smic", "--at", "demain"], "n'est pas une date"),
    (["grid", "--grid", "syntec"], "--grid : « syntec » inconnu"),
    (["grid", "--at", "2018-01-01"], "autre grille"),
    (["compare", "--birth", "2005-05-10", "--smc", "abc"], "n'est pas un montant"),
    (["compare", *BIRTH, "--format", "pdf"], "--format : « pdf » inconnu"),
    # compare: repeated options, one value per scenario
    (
        [
            "compare",
            *BIRTH,
            "--birth",
            "2006-01-01",
            "--birth",
            "2007-01-01",
            "--grid",
            "sssms",
            "--grid",
            "general",
        ],
        "--birth, --grid répétées 3, 2 fois",
    ),
    (["compare", *BIRTH, "--grid", "sssms"], "un seul scénario"),
    (["compare", *BIRTH, "--label", "Alice"], "--label : donné 1 fois pour 2 scénarios"),
    (["compare", *BIRTH, "--employer", "association"], "--employer : les options de l'employeur"),
    (
        ["compare", *BIRTH, "--rqth"],
        "--rqth : les options de l'employeur ne servent qu'avec --cost",
    ),
    (["compare", *BIRTH, "--birth", "31/02/2006"], "--birth : « 31/02/2006 » n'existe pas"),
    (["compare", *BIRTH, "--birth", "2006-01-01", "--cost", "--headcount", "-3"], "--headcount"),
    (["compare", *BIRTH, "--cost", "--territory", "mayotte"], "Mayotte"),
    # A copy of the table shown, asked for with another format: nothing would be shown.
    (["schedule", *BIRTH, "--format", "md", "--svg", "x.svg"], "--svg : copie du tableau"),
    (["cost", *BIRTH, "--format", "json", "--html", "x.html"], "--html : copie du tableau"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_refused_cleanly(args: list[str], message: str) -> None:
    """Exit 2, the message names what is wrong, stdout stays empty, no traceback."""
    result = run_cli(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("Erreur : ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_missing_birth_is_a_usage_error() -> None:
    """Typer's own usage errors also exit 2 and name the missing option."""
    result = run_cli("schedule")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--birth" in result.stderr


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (["--birth", "2010-03-01"], "avant 16 ans"),
        (["--birth", "1990-01-01"], "au-delà de 29 ans"),
        (["--birth", "2005-05-10", "--months", "5"], "moins de 6 mois"),
        (["--birth", "2005-05-10", "--months", "48"], "plus de 3 ans"),
        (["--birth", "2005-05-10"], "projections"),
        (["--birth", "2008-02-10", "--grid", "sssms"], "moins de 18 ans"),
        (["--birth", "2006-01-01", "--smc", "1500"], "SMC sans effet"),
    ],
)
def test_allowed_exceptions_are_computed_with_a_warning(args: list[str], warning: str) -> None:
    """Cases the law allows by exception: exit 0, the warning on stderr and in the JSON."""
    table = run_cli("schedule", *args)
    assert table.exit_code == 0
    assert warning in table.stderr
    assert warning not in table.stdout
    as_json = run_cli("schedule", *args, "--format", "json")
    assert as_json.exit_code == 0
    assert any(warning in w for w in as_json.json()["warnings"])


def test_french_date_and_comma_amount_are_accepted() -> None:
    """10/05/2005 and 2100,50 read the same as 2005-05-10 and 2100.50."""
    french = run_cli("schedule", "--birth", "10/05/2005", "--smc", "2100,50", "--format", "json")
    iso = run_cli("schedule", "--birth", "2005-05-10", "--smc", "2100.50", "--format", "json")
    assert french.exit_code == iso.exit_code == 0
    assert french.stdout == iso.stdout
    assert '"smc": 2100.50' in iso.stdout
