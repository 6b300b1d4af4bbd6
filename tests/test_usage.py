"""The command line itself speaks French by default (cli/usage.py): typer's help texts, click's
usage errors in one line, metavars that say what to type, each default stated once, a
single-valued option given twice refused, and value aliases on every path."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.rich_utils
from typer.core import TyperArgument, TyperOption
from typer.main import get_command

from deis_pay import History, InputError, compute_schedule
from deis_pay.cli.app import app
from deis_pay.cli.usage import Group, _metavars, adopt
from deis_pay.rules.employer import Employer

from .conftest import run_cli
from .test_languages import ENGLISH_TEXTS
from .test_views import _golden


def test_required_and_default_are_said_in_french() -> None:
    page = run_cli("cost", "--help").stdout
    assert "[obligatoire]" in page
    assert "[défaut : private]" in page and "[défaut : 10]" in page
    assert "Commandes" in run_cli("--help").stdout


def test_help_in_english_with_lang_or_the_environment() -> None:
    """--lang en (read before the help is drawn) and LANG=en give typer's texts in English,
    the options' own help too."""
    wide: dict[str, str | None] = {"COLUMNS": "200"}
    option = run_cli("schedule", "--help", "--lang", "en", env=wide).stdout
    environment = run_cli("schedule", "--help", env={"LANG": "en_US.UTF-8", **wide}).stdout
    for page in (option, environment):
        assert "Usage: deis-pay schedule" in page and "[required]" in page
        assert "[default: general]" in page and "DD/MM/YYYY" in page
        assert "Date of birth" in page and "Show this help and exit." in page
        assert "Utilisation" not in page and "JJ/MM/AAAA" not in page
    french = run_cli(
        "schedule", "--help", "--lang", "fr", env={"LANG": "en_US.UTF-8", **wide}
    ).stdout
    assert "Utilisation : deis-pay schedule" in french and "Date de naissance" in french


def test_the_top_level_lang_is_read_before_its_help_and_checked() -> None:
    """`deis-pay --lang en --help` (and `deis-pay --lang en` in a pipe, which shows the help)
    in English; `--lang xx` refused like a command's; the refusal of `--lang` before a command
    said in the language asked."""
    wide: dict[str, str | None] = {"COLUMNS": "200", "LANG": "fr_FR.UTF-8"}
    for args in (("--lang", "en", "--help"), ("--lang", "en")):
        page = run_cli(*args, env=wide).stdout
        assert "Usage: deis-pay" in page and "Utilisation" not in page, args
    unknown = run_cli("--lang", "xx", env=wide)
    assert unknown.exit_code == 2 and "« xx »" in unknown.stderr and not unknown.stdout
    before = run_cli("--lang", "en", "schedule", "--birth", "2005-05-10", env=wide)
    assert before.exit_code == 2 and before.stderr.startswith("Error: --lang")


def test_help_in_a_fresh_english_process() -> None:
    """Help texts written when the CLI loads under LANG=en, typer's texts with them."""
    process = subprocess.run(
        [sys.executable, "-m", "deis_pay", "cost", "--help"],
        capture_output=True,
        text=True,
        env={"LANG": "en_US.UTF-8", "COLUMNS": "200", "PATH": "", "DEIS_PAY_CACHE_DIR": "off"},
        check=False,
    )
    assert process.returncode == 0
    assert "Usage: deis-pay cost" in process.stdout and "[required]" in process.stdout
    assert "[default: private]" in process.stdout and "Show this help" in process.stdout


def test_grid_help_matches_golden_file_at_80_columns() -> None:
    result = run_cli("grid", "--help")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    _golden("help-grid-80.txt", result.stdout)


def _options() -> list[tuple[str, TyperOption]]:
    group = get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if isinstance(param, TyperOption):
                found.append((name, param))
    return found


def test_every_option_with_a_value_says_what_to_type() -> None:
    """A date JJ/MM/AAAA, an amount EUR, a number N, a file, or the choices: never `<str>`."""
    metavars = _metavars()
    missing = sorted(
        {
            f"{command} {max(param.opts, key=len)}"
            for command, param in _options()
            if not param.is_flag and max(param.opts, key=len) not in metavars
        }
    )
    assert missing == []
    arguments = [
        param.human_readable_name
        for command in get_command(app).commands.values()  # type: ignore[attr-defined]
        for param in command.params
        if isinstance(param, TyperArgument)
    ]
    assert arguments and all(name in metavars for name in arguments)
    from deis_pay.i18n.language import LANGUAGES
    from deis_pay.rules.contract import GRIDS, PROLONGATION_REASONS

    # The choices listed are those accepted.
    assert metavars["--grid"] == metavars["--previous-grid"] == "|".join(GRIDS)
    assert metavars["--prolongation-reason"] == "|".join(PROLONGATION_REASONS)
    assert metavars["--lang"] == "|".join(LANGUAGES)
    batch = run_cli("batch", "--help").stdout
    assert "INPUT" in batch and "FICHIER" in batch and "<str>" not in batch
    page = run_cli("cost", "--help").stdout
    assert "--birth" in page and "JJ/MM/AAAA" in page and "EUR" in page and " N " in page
    assert "general|sssms" in page and "<str>" not in page


def test_each_default_is_stated_once() -> None:
    """typer prints `[défaut : X]` for every option that has a default; its help text must
    not say it again (it said "(défaut : 0)" and "[default: 0]")."""
    doubled = [
        f"{command} {param.opts[0]}: {param.help}"
        for command, param in _options()
        if param.default is not None
        and not param.is_flag
        and param.show_default is not False
        and "défaut" in (param.help or "")
    ]
    assert doubled == []
    page = run_cli("cost", "--help").text
    assert "(défaut : 0)" not in page and "[défaut : 0]" in page


# --- click's usage errors: one line, in French, exit 2, naming the option --------------------


USAGE_ERRORS = [
    (["schedule"], "option --birth manquante (aide : deis-pay schedule --help)"),
    (
        ["schedule", "--birth", "2005-05-10", "--grille", "légale"],
        "option inconnue : --grille ; vouliez-vous dire --grid ? (aide : deis-pay schedule --help)",
    ),
    (["schedule", "--birth", "2005-05-10", "--zzzzzz"], "option inconnue : --zzzzzz (aide"),
    (["schedule", "--birth"], "l'option --birth attend une valeur (aide : deis-pay schedule"),
    (["schedule", "--birth", "2005-05-10", "--net=oui"], "l'option --net ne prend pas de valeur"),
    (["schedule", "--birth", "2005-05-10", "extra"], "argument(s) en trop : extra"),
    (["batch"], "argument INPUT manquant (aide : deis-pay batch --help)"),
    (["shedule"], "commande inconnue : shedule ; vouliez-vous dire schedule ?"),
    (["zzz"], "commande inconnue : zzz ; choisir schedule, cost, compare"),
    (["--grille"], "option inconnue : --grille (aide : deis-pay --help)"),
]


@pytest.mark.parametrize(
    ("args", "message"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS]
)
def test_usage_errors_are_one_french_line(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Erreur : ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    for text in ENGLISH_TEXTS:
        assert text not in result.stderr, text


def test_usage_errors_in_english() -> None:
    option = run_cli("schedule", "--lang", "en", "--grille", "x")
    assert option.exit_code == 2
    assert option.stderr == (
        "Error: unknown option: --grille; did you mean --grid? (help: deis-pay schedule --help)\n"
    )
    environment = run_cli("cost", env={"LANG": "en_US.UTF-8"})
    assert environment.stderr == "Error: missing option --birth (help: deis-pay cost --help)\n"


def test_usage_errors_through_the_entry_point(tmp_path: Path) -> None:
    """main() builds an app of the named command alone: the same one-line errors."""
    process = subprocess.run(
        [sys.executable, "-m", "deis_pay", "cost", "--birth", "2005-05-10", "--bith", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"LANG": "fr_FR.UTF-8", "PATH": "", "DEIS_PAY_CACHE_DIR": "off"},
        check=False,
    )
    assert process.returncode == 2 and process.stdout == ""
    assert process.stderr == (
        "Erreur : option inconnue : --bith ; vouliez-vous dire --birth ou --rqth ? "
        "(aide : deis-pay cost --help)\n"
    )


# --- a single-valued option given twice ------------------------------------------------------


REPEATED = [
    (
        ["cost", "--birth", "14/03/2003", "--birth", "20/05/2006"],
        "l'option --birth est donnée 2 fois (14/03/2003, 20/05/2006)",
    ),
    (
        ["schedule", "--birth=14/03/2003", "--net", "--birth", "20/05/2006"],
        "l'option --birth est donnée 2 fois (14/03/2003, 20/05/2006)",
    ),
    (
        ["cost", "--birth", "14/03/2003", "-o", "a.xlsx", "--output=b.xlsx"],
        "l'option --output est donnée 2 fois (a.xlsx, b.xlsx)",
    ),
    (
        ["schedule", "--birth", "14/03/2003", "-oa.csv", "-o", "b.csv"],
        "l'option -o est donnée 2 fois (a.csv, b.csv)",
    ),
    (["cerfa", "--birth", "2005-05-10", "--grid", "sssms", "--grid", "general"], "--grid"),
    (["grid", "--at", "2026-01-01", "--at", "2026-06-01"], "--at"),
    (["smic", "--format", "json", "--format=table"], "--format"),
    (["batch", "in.csv", "--detail", "months", "--detail", "summary"], "--detail"),
    (["schedule", "--birth", "2005-05-10", "--lang", "fr", "--lang", "fr"], "(fr, fr)"),
]


@pytest.mark.parametrize(("args", "message"), REPEATED, ids=[" ".join(a) for a, _ in REPEATED])
def test_a_single_valued_option_given_twice_is_refused(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Erreur : l'option ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "une seule valeur est possible" in result.stderr


def test_repeated_values_are_quoted_back_on_one_line() -> None:
    """A newline inside a value is shown escaped; a very long value is cut."""
    result = run_cli("cerfa", "--birth", "2005-05-10", "--grid=a\nb", "--grid", "x" * 5000)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "(a\\nb, " + "x" * 37 + "…)" in result.stderr


def test_an_unknown_option_is_quoted_back_on_one_line() -> None:
    typed = run_cli("schedule", "--birth", "2005-05-10", "--a\nb")
    assert typed.stderr == "Erreur : option inconnue : --a\\nb (aide : deis-pay schedule --help)\n"
    long = run_cli("schedule", "--birth", "2005-05-10", "--" + "z" * 5000)
    assert long.exit_code == 2 and len(long.stderr) < 200


def test_repeated_option_in_english() -> None:
    result = run_cli("cost", "--birth", "14/03/2003", "--birth", "20/05/2006", "--lang", "en")
    assert result.stderr == (
        "Error: option --birth is given 2 times (14/03/2003, 20/05/2006): only one value is "
        "allowed (help: deis-pay cost --help)\n"
    )


def test_what_is_not_a_repeated_option() -> None:
    """A flag said twice the same way; a value that looks like an option (it is the value);
    anything after `--` (arguments, refused as such); `--help` anywhere (the help wins)."""
    flags = run_cli("schedule", "--birth", "2005-05-10", "--net", "--net", "--format", "json")
    assert flags.exit_code == 0 and flags.json()["total_gross"] == Decimal("32391.62")
    value = run_cli("schedule", "--birth", "2005-05-10", "--months", "--birth")
    assert value.exit_code == 2 and "--months" in value.stderr and "2 fois" not in value.stderr
    after = run_cli("schedule", "--birth", "2005-05-10", "--", "--birth", "2006-01-01")
    assert after.exit_code == 2 and "argument(s) en trop" in after.stderr
    assert "2 fois" not in after.stderr
    helped = run_cli("cost", "--birth", "14/03/2003", "--birth", "20/05/2006", "--help")
    assert helped.exit_code == 0 and "Utilisation : deis-pay cost" in helped.stdout


def test_an_option_declared_multiple_may_be_repeated() -> None:
    """The refusal reads each parameter's `multiple`: a list option (compare's scenarios)
    passes, a single-valued one beside it is still refused."""
    demo = typer.Typer(cls=Group)

    @demo.command()
    def show(
        birth: Annotated[list[str], typer.Option("--birth")],
        grid: Annotated[str, typer.Option("--grid")] = "general",
    ) -> None:
        sys.stdout.write(" ".join(birth) + " " + grid + "\n")

    @demo.callback()
    def _main() -> None:
        pass

    adopt(demo)
    runner = typer.testing.CliRunner()
    passed = runner.invoke(demo, ["show", "--birth", "a", "--birth=b", "--grid", "sssms"])
    assert passed.exit_code == 0 and passed.stdout == "a b sssms\n"
    refused = runner.invoke(demo, ["show", "--birth", "a", "--grid", "x", "--grid", "y"])
    assert refused.exit_code == 2 and "l'option --grid est donnée 2 fois" in refused.stderr


# --- a date with its month and day swapped ---------------------------------------------------


def test_month_and_day_swapped_get_a_hint() -> None:
    french = run_cli("cost", "--birth", "05/14/2003")
    assert french.exit_code == 2
    assert french.stderr == (
        "Erreur : --birth : « 05/14/2003 » n'existe pas dans le calendrier, mois 14 impossible ; "
        "vouliez-vous dire 14/05/2003 ?\n"
    )
    english = run_cli("schedule", "--birth", "5/14/2003", "--lang", "en")
    assert english.stderr == (
        "Error: --birth: “5/14/2003” does not exist in the calendar, there is no month 14; "
        "did you mean 14/05/2003?\n"
    )


@pytest.mark.parametrize(
    "text", ["02/30/2003", "31/02/2003", "13/13/2003", "02/29/2023", "2003-14-05"]
)
def test_no_hint_when_swapping_gives_no_date(text: str) -> None:
    """30/02 and 29/02/2023 do not exist either way round; 13/13 has no month in either; an
    ISO date is never written day before month."""
    result = run_cli("schedule", "--birth", text)
    assert result.stderr == f"Erreur : --birth : « {text} » n'existe pas dans le calendrier\n"


def test_month_day_hint_in_the_batch_and_the_library(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,05/14/2003\n", encoding="utf-8")
    result = run_cli("batch", str(source))
    record = result.json()
    assert record["error_code"] == "month_day_swapped" and record["field"] == "birth_date"
    assert "vouliez-vous dire 14/05/2003" in record["error"]
    with pytest.raises(InputError) as caught:
        compute_schedule("02/29/2024")
    assert caught.value.code == "month_day_swapped"
    assert caught.value.params == {"value": "02/29/2024", "month": 29, "swapped": "29/02/2024"}


# --- value aliases on every path -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "grid"),
    [
        ("Légale", "general"),
        ("legale", "general"),
        ("LÉGALE", "general"),
        ("general", "general"),
        ("Générale", "general"),
        ("branche", "sssms"),
        ("Branche", "sssms"),
        ("SSSMS", "sssms"),
    ],
)
def test_grid_aliases_on_the_cli_and_in_the_library(typed: str, grid: str) -> None:
    canonical = compute_schedule("2005-05-10", grid=grid)
    library = compute_schedule("2005-05-10", grid=typed)
    assert library.inputs.grid == grid and library.total_gross == canonical.total_gross
    cli = run_cli("schedule", "--birth", "2005-05-10", "--grid", typed, "--format", "json")
    assert cli.exit_code == 0 and cli.json()["inputs"]["grid"] == grid


def test_other_aliases_in_the_library() -> None:
    """Territory, the previous contract's grid, the prolongation's reason, the employer."""
    assert compute_schedule("2005-05-10", territory="Métropole").inputs.territory == "metropole"
    history = History(
        previous_start="2023-09-01",  # type: ignore[arg-type]
        previous_end="2025-06-30",  # type: ignore[arg-type]
        previous_grid="Branche",  # type: ignore[arg-type]
        prolonged_to="2028-06-30",  # type: ignore[arg-type]
        prolongation_reason="Examen",  # type: ignore[arg-type]
    )
    understood = compute_schedule("2005-05-10", history=history).inputs.history
    assert understood.previous_grid == "sssms" and understood.prolongation_reason == "exam"
    assert Employer(kind="Association").kind == "association"  # type: ignore[arg-type]
    assert Employer(kind="privé").kind == "private"  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        compute_schedule("2005-05-10", grid="nationale")
    assert caught.value.code == "unknown_choice" and caught.value.field == "grid"
    with pytest.raises(InputError):
        Employer(kind=3)  # type: ignore[arg-type]


def test_employer_alias_on_the_cli_and_in_the_batch(tmp_path: Path) -> None:
    typed = run_cli(
        "cost", "--birth", "2005-05-10", "--employer", "Association", "--format", "json"
    )
    assert typed.exit_code == 0 and typed.json()["employer"]["kind"] == "association"
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,employer,rqth\nA,2005-05-10,Association,oui\n", encoding="utf-8"
    )
    record = run_cli("batch", str(source), "--with", "cost").json()
    assert record["ok"] is True, record
    assert record["cost"]["employer"]["kind"] == "association"
    assert record["cost"]["employer"]["rqth"] is True


def test_an_unanswered_question_is_abandoned_in_french() -> None:
    """typer says "Aborted." when a prompt gets no answer (end of input): said in French."""
    demo = typer.Typer(cls=Group)

    @demo.command()
    def ask() -> None:
        typer.prompt("Date de naissance")

    @demo.callback()
    def _main() -> None:
        pass

    adopt(demo)
    result = typer.testing.CliRunner().invoke(demo, ["ask"], input="")
    assert result.exit_code == 1
    assert "Abandon." in result.stderr and "Aborted" not in result.stderr


def test_every_command_of_the_cli_speaks_french() -> None:
    """adopt() gives every command the class that translates typer's texts and refuses
    repeated options (a command added later must not escape it)."""
    from deis_pay.cli.usage import Command

    commands = get_command(app).commands  # type: ignore[attr-defined]
    assert set(commands) >= {"schedule", "cost", "compare", "cerfa", "batch"}
    assert all(isinstance(command, Command) for command in commands.values())
