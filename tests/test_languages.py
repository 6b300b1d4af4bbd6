"""French by default, English on request: every human text has its translation."""

from __future__ import annotations

import ast
import inspect
import string
from pathlib import Path

import pytest
import typer.rich_utils

import deis_pay
from deis_pay.cli.usage import _typer_constants
from deis_pay.data.loader import load_dataset
from deis_pay.i18n import messages
from deis_pay.i18n.english import ENGLISH
from deis_pay.i18n.language import language_from_environment, set_language
from deis_pay.present import render, views

from .conftest import package_sources, run_cli
from .test_views import _golden

PACKAGE = Path(deis_pay.__file__).parent


def _literal_templates() -> set[str]:
    """Every first argument of tr("…") written in the package's code."""
    found: set[str] = set()
    for path in package_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _translated_values() -> set[str]:
    """Texts passed to tr() through a variable: the label tables and the data files."""
    data = load_dataset(use_cache=False)
    labels = {
        *messages.TEMPLATES.values(),
        *messages.EXPECTED.values(),
        *messages.SCENARIO_WORDS.values(),
        *views.BRACKET_LABELS.values(),
        *views.GRID_LABELS.values(),
        *views.TERRITORY_LABELS.values(),
        *render.CHANGE_LABELS.values(),
        *render.YEAR_LABELS,
        *views.EMPLOYER_LABELS.values(),
        *render.COMPONENT_LABELS.values(),
        *render.SERIES_LABELS.values(),
        *(text.what for text in data.expected),
        *(text.usually for text in data.expected),
        *views.RULE_LABELS.values(),
        *views.CONTRACT_TYPE_LABELS.values(),
        *views.ASSUMPTION_LABELS.values(),
        *views.ASSUMPTION_SHORT.values(),
        *views.ORIGIN_LABELS.values(),
        *views.REASON_LABELS.values(),
        data.aids.driving_licence.name,
    }
    labels.discard("{note}")  # grid_note: the note itself, below
    for grid in (*data.grids.general, *data.grids.sssms):
        labels.add(grid.name)
        if grid.note:
            labels.add(grid.note)
    return labels


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_french_text_has_an_english_one() -> None:
    needed = _literal_templates() | _translated_values()
    assert sorted(needed - set(ENGLISH)) == []


def test_translations_keep_the_same_placeholders() -> None:
    for french, english in ENGLISH.items():
        assert _fields(french) == _fields(english), french


def test_no_english_text_is_left_unused() -> None:
    used = _literal_templates() | _translated_values()
    assert sorted(set(ENGLISH) - used) == []


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({}, "fr"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ],
)
def test_language_from_the_locale(environment: dict[str, str], expected: str) -> None:
    assert language_from_environment(environment) == expected


def test_english_table_and_chart_match_golden_files() -> None:
    result = run_cli("schedule", "--birth", "2005-05-10", "--explain", "--chart", "--lang", "en",
                     "--today", "2025-10-01")  # fmt: skip
    assert result.exit_code == 0
    assert "Contract total" in result.stdout and "€32,391.62" in result.stdout
    assert "Warning:" in result.stderr and "projections" in result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    _golden("schedule-default-en-80.txt", result.stdout)


def test_lang_environment_and_option() -> None:
    """LANG=en… gives English; --lang fr wins over it; an unknown language is refused."""
    english = run_cli("cerfa", "--birth", "2005-05-10", env={"LANG": "en_US.UTF-8"})
    assert "Pay (Cerfa FA13 form)" in english.stdout
    french = run_cli("cerfa", "--birth", "2005-05-10", "--lang", "fr", env={"LANG": "en_US.UTF-8"})
    assert "Rémunération (Cerfa FA13)" in french.stdout
    refused = run_cli("schedule", "--birth", "2005-05-10", "--lang", "de")
    assert refused.exit_code == 2 and "--lang" in refused.stderr and refused.stdout == ""


def test_english_errors_and_warnings_same_json_keys() -> None:
    error = run_cli("schedule", "--birth", "2005-02-30", "--lang", "en")
    assert error.exit_code == 2
    assert error.stderr == "Error: --birth: “2005-02-30” does not exist in the calendar\n"
    english = run_cli("schedule", "--birth", "1990-01-01", "--format", "json", "--lang", "en")
    french = run_cli("schedule", "--birth", "1990-01-01", "--format", "json")
    assert english.json().keys() == french.json().keys()
    assert english.json()["total_gross"] == french.json()["total_gross"]
    assert any("over 29" in w for w in english.json()["warnings"])
    assert any("au-delà de 29 ans" in w for w in french.json()["warnings"])


def test_english_batch_messages(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-02-30\nB,2005-05-10,x\n", encoding="utf-8")
    result = run_cli("batch", str(source), "--lang", "en")
    assert result.exit_code == 3
    assert "does not exist in the calendar" in result.stdout
    assert "line 3: 3 fields instead of 2" in result.stdout


COMMANDS = ("schedule", "compare", "cerfa", "grid", "smic", "batch", "schema")
ALL_COMMANDS = ("schedule", "cost", "compare", "cerfa", "grid", "smic", "batch", "schema")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_a_summary_and_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Exemple : deis-pay " + command in result.stdout


def test_help_follows_lang_of_the_environment() -> None:
    """Help texts are written when the CLI loads, in the language of LANG."""
    import subprocess
    import sys

    process = subprocess.run(
        [sys.executable, "-m", "deis_pay", "schedule", "--help"],
        capture_output=True,
        text=True,
        env={"LANG": "en_US.UTF-8", "COLUMNS": "100", "PATH": "", "DEIS_PAY_CACHE_DIR": "off"},
        check=False,
    )
    assert process.returncode == 0
    assert "Example: deis-pay schedule" in process.stdout
    assert "Date of birth" in process.stdout


# --- typer's and click's own texts (deis_pay/cli/usage.py) -----------------------------------


def _typer_translatable() -> dict[str, str]:
    """typer.rich_utils's own `NAME = _("text")` constants, read from its source (the values in
    the module may already be ours): the texts typer itself means to be translated."""
    tree = ast.parse(inspect.getsource(typer.rich_utils))
    found: dict[str, str] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "_"
            and isinstance(node.value.args[0], ast.Constant)
        ):
            found[node.targets[0].id] = str(node.value.args[0].value)  # type: ignore[attr-defined]
    return found


# The English texts of click and typer a French page must not show (the panel titles
# "Options" and "Arguments" are the same words in French).
ENGLISH_TEXTS = (
    "Usage:",
    "[required]",
    "[default:",
    "Show this message",
    "Install completion",
    "Show completion",
    "Commands",
    "COMMAND [ARGS]",
    "Try '",
    "for help",
    "<str>",
    "TEXT",
    "Missing",
    "No such",
    "Possible options",
    "Did you mean",
    "Invalid value",
    "requires an argument",
    "does not take a value",
    "Got unexpected",
    "Error",
)


def test_every_translatable_typer_text_is_in_the_catalogue() -> None:
    """Each of typer's `_()` constants is set from the French catalogue (a typer upgrade that
    adds or renames one fails here), and each still exists in typer.rich_utils."""
    own = _typer_translatable()
    assert own, "typer.rich_utils no longer marks its texts with _(): read it again"
    assert sorted(own) == sorted(_typer_constants())
    for name in _typer_constants():
        assert hasattr(typer.rich_utils, name), name
    set_language("en")
    english = _typer_constants()
    set_language("fr")
    # In English the catalogue gives typer's own texts back (only the help hint is ours).
    for name, text in own.items():
        if name != "RICH_HELP":
            assert english[name] == text, name


@pytest.mark.parametrize("command", ("", *ALL_COMMANDS))
def test_help_pages_are_in_french(command: str) -> None:
    result = run_cli(*([command] if command else []), "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"Utilisation : deis-pay {command}".rstrip() in result.stdout
    assert "Afficher cette aide et quitter." in result.stdout
    for text in ENGLISH_TEXTS:
        assert text not in result.stdout, (command, text)
    for name, text in _typer_translatable().items():
        if ENGLISH.get(_typer_constants()[name]) != _typer_constants()[name]:
            assert text.split("{")[0] not in result.stdout, (command, text)


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "une table [columns]"), ("en", "a [columns] table")]
)
def test_a_bracketed_word_of_a_help_text_is_shown(lang: str, expected: str) -> None:
    """The help goes through rich, which reads `[columns]` as a style and drops it unless the
    text escapes it: the TOML table's name must reach the reader, in both languages."""
    result = run_cli("batch", "--help", "--lang", lang, env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert expected in result.stdout
