"""The terminal the CLI runs in: an encoding that is not UTF-8, absurd COLUMNS/LINES, narrow
consoles. Environment-level cases run the real entry point in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay.present.views import euros, figure

from .conftest import run_cli

BIRTH = ("--birth", "2005-05-10")


def _run(
    tmp_path: Path, *args: str, encoding: str | None = "ascii", **env: str
) -> subprocess.CompletedProcess[bytes]:
    """`python -m deis_pay ARGS` with stdout and stderr as pipes in the given encoding."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONIOENCODING", "COLUMNS", "LINES", "FORCE_COLOR")
    }
    environ.update(LANG="fr_FR.UTF-8", NO_COLOR="1", COLUMNS="80")
    environ.update(DEIS_PAY_CACHE_DIR=str(tmp_path / "cache"), **env)
    if encoding is not None:
        environ["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-m", "deis_pay", *args],
        env=environ,
        capture_output=True,
        timeout=60,
        check=False,
    )


# --- 1. a stdout/stderr that is not UTF-8 -------------------------------------------------

TABLE_RUNS = [
    ("schedule", *BIRTH),
    ("schedule", *BIRTH, "--explain", "--chart", "--net"),
    ("schedule", "--birth", "2004-06-30", "--start", "15/09/2025", "--grid", "sssms"),
    ("cost", *BIRTH, "--explain"),
    ("compare", *BIRTH),
    ("cerfa", *BIRTH),
    ("grid", "--grid", "sssms", "--at", "2026-06-01"),
    ("smic",),
    ("smic", "--at", "2026-01-15"),
    ("schedule", *BIRTH, "--lang", "en"),
]


@pytest.mark.parametrize("args", TABLE_RUNS, ids=" ".join)
def test_tables_degrade_on_an_ascii_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    """PYTHONIOENCODING=ascii: no UnicodeEncodeError, the tables are written in ASCII."""
    run = _run(tmp_path, *args)
    assert run.returncode == 0, run.stderr.decode("ascii", "replace")
    assert b"Traceback" not in run.stderr
    assert run.stdout.isascii() and run.stderr.isascii()
    assert run.stdout.strip()


def test_ascii_table_spells_the_euro_and_keeps_amounts(tmp_path: Path) -> None:
    """The choice for a terminal that cannot show them: `€` → `EUR`, no-break spaces → spaces,
    accented letters without their accent; amounts read the same."""
    text = _run(tmp_path, "schedule", *BIRTH).stdout.decode("ascii")
    assert "1 801,80 EUR" in text and "32 391,62 EUR" in text
    assert "Periode" in text and "?" not in text


def test_latin1_terminal_keeps_what_it_can_show(tmp_path: Path) -> None:
    text = _run(tmp_path, "schedule", *BIRTH, encoding="latin-1").stdout.decode("latin-1")
    assert "Période" in text and "774,78 EUR" in text


def test_help_and_errors_do_not_crash_on_an_ascii_terminal(tmp_path: Path) -> None:
    for args in (("--help",), ("schedule", "--help"), ("cost", "--help")):
        run = _run(tmp_path, *args)
        assert run.returncode == 0 and b"Traceback" not in run.stderr
        assert b"--birth" in run.stdout or b"schedule" in run.stdout
    bad = _run(tmp_path, "schedule", "--birth", "xx")
    assert bad.returncode == 2 and bad.stdout == b""
    assert bad.stderr.startswith(b"Erreur : --birth") and b"Traceback" not in bad.stderr
    missing = _run(tmp_path, "schedule")
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr


JSON_RUNS = [
    ("schedule", *BIRTH, "--format", "json"),
    ("schedule", *BIRTH, "--format", "json", "--net", "-o", "-"),
    ("cost", *BIRTH, "--format", "json"),
    ("compare", *BIRTH, "--format", "json"),
    ("cerfa", *BIRTH, "--format", "json"),
    ("grid", "--format", "json", "--at", "2026-06-01"),
    ("smic", "--format", "json"),
    ("schema",),
]


@pytest.mark.parametrize("args", JSON_RUNS, ids=" ".join)
def test_json_is_ascii_escaped_on_an_ascii_stdout(tmp_path: Path, args: tuple[str, ...]) -> None:
    """The same data as on a UTF-8 stdout, with \\uXXXX escapes instead of the characters."""
    ascii_run = _run(tmp_path, *args)
    utf8_run = _run(tmp_path, *args, encoding="utf-8")
    assert ascii_run.returncode == 0 == utf8_run.returncode
    assert ascii_run.stdout.isascii()
    assert b"\\u" in ascii_run.stdout
    assert not utf8_run.stdout.isascii()  # UTF-8 output is left as it was
    read = json.loads(ascii_run.stdout, parse_float=Decimal)
    assert read == json.loads(utf8_run.stdout.decode("utf-8"), parse_float=Decimal)


def test_batch_json_lines_are_escaped_and_csv_replaced(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nà1,2005-05-10\nx,bad\n", encoding="utf-8")
    lines = _run(tmp_path, "batch", str(source))
    assert lines.returncode == 3 and lines.stdout.isascii()
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert records[0]["id"] == "à1" and "«" in records[1]["error"]
    table = _run(tmp_path, "batch", str(source), "--out-format", "csv")
    assert table.returncode == 3 and table.stdout.isascii() and b"Traceback" not in table.stderr


@pytest.mark.parametrize("command", ["schedule", "cost"])
def test_csv_on_an_ascii_stdout_is_written(tmp_path: Path, command: str) -> None:
    run = _run(tmp_path, command, *BIRTH, "--format", "csv")
    assert run.returncode == 0 and run.stdout.isascii()
    assert run.stdout.startswith(b"month,")


def test_json_escapes_are_what_an_ascii_stdout_cannot_encode(tmp_path: Path) -> None:
    """On an ASCII stdout a JSON view is escaped (€ → \\u20ac, a character beyond the BMP as
    its surrogate pair) and reads back the same; a JSON file given with -o stays UTF-8."""
    import codecs

    from deis_pay.cli import app as cli

    codecs.register_error("deis-pay-json", cli._json_escape)
    value = "né · 1 867,02 € 𝄞"
    escaped = value.encode("ascii", errors="deis-pay-json")
    assert escaped.isascii() and b"\\u20ac" in escaped and b"\\ud834\\udd1e" in escaped
    assert json.loads(b'"' + escaped + b'"') == value
    target = tmp_path / "out.json"
    run = _run(tmp_path, "schedule", *BIRTH, "--lang", "fr", "--format", "json", "-o", str(target))
    assert run.returncode == 0
    assert "données" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["schedule", "--birth", "2005-05-10", "--format", "json"], True),
        (["cost", "--format=json", "--birth", "2005-05-10"], True),
        (["schedule", "--birth", "2005-05-10"], False),
        (["schedule", "--birth", "2005-05-10", "--format", "csv"], False),
        (["schema"], True),
        (["batch", "in.csv"], True),
        (["batch", "in.csv", "--out-format", "csv"], False),
        (["batch", "in.csv", "--out-format=csv"], False),
    ],
)
def test_which_commands_write_json_on_stdout(args: list[str], expected: bool) -> None:
    from deis_pay.cli.app import _writes_json

    assert _writes_json(args) is expected


# --- 2. COLUMNS and LINES ------------------------------------------------------------------


def test_huge_columns_is_clamped(tmp_path: Path) -> None:
    """COLUMNS=30000000 took 25 s and 2.5 GB for a help page; it now counts as 500 columns.
    (The timeout guards against a hang; it is not a timing assertion.)"""
    for args in (("schedule", "--help"), ("--help",)):
        run = _run(tmp_path, *args, encoding="utf-8", COLUMNS="30000000", LINES="30000000")
        assert run.returncode == 0
        text = run.stdout.decode("utf-8")
        assert "--birth" in text or "schedule" in text
        assert max(len(line) for line in text.splitlines()) <= 500


@pytest.mark.parametrize("columns", ["abc", "-5", "0", "99999999999999999999999", "3"])
def test_odd_columns_give_a_usable_table(tmp_path: Path, columns: str) -> None:
    run = _run(tmp_path, "schedule", *BIRTH, encoding="utf-8", COLUMNS=columns, LINES="x")
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    text = run.stdout.decode("utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    assert "32 391,62 €" in text


# --- 3. narrow consoles --------------------------------------------------------------------

# The amounts each view shows (by JSON key), and the keys of the dates it shows.
SHOWN = {
    "base_amount", "gross", "net", "csg_crds", "employee_contributions", "total_gross",
    "total_net", "total_csg_crds", "total_employee_contributions", "employer_contributions",
    "hiring_aid", "employer_cost", "total_employer_contributions", "total_aids",
    "total_employer_cost", "general", "sssms", "difference", "total_general", "total_sssms",
    "total_difference", "monthly_amount", "smic_at_start",
}  # fmt: skip
NARROW_RUNS = [
    ("schedule", *BIRTH),
    ("schedule", *BIRTH, "--net"),
    ("schedule", "--birth", "2004-06-30", "--start", "15/09/2025", "--grid", "sssms"),
    ("cost", *BIRTH),
    ("cost", *BIRTH, "--employer", "association", "--headcount", "30"),
    ("compare", *BIRTH),
    ("cerfa", *BIRTH),
]


def _shown(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The amounts of a JSON output under the keys SHOWN, with their path of keys."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _shown(item, (*path, name))
    elif isinstance(value, list):
        for item in value:
            yield from _shown(item, path)
    elif path and path[-1] in SHOWN and type(value) in (Decimal, int):
        yield path, value


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("columns", ["40", "30"])
@pytest.mark.parametrize("args", NARROW_RUNS, ids=" ".join)
def test_narrow_tables_never_cut_an_amount(args: tuple[str, ...], columns: str) -> None:
    """Below the width a table needs, each row is a block of `label : value` lines: every
    amount of the JSON output appears whole, nothing is cut with `…`, no line is too long."""
    data = run_cli(*args, "--format", "json").json()
    if args[0] == "schedule":  # a schedule's table shows segments; a cost's, whole months
        data["months"] = [{"segments": month["segments"]} for month in data["months"]]
    else:  # and its calendar years only for income tax
        data["months"] = [{**month, "segments": []} for month in data.get("months", [])]
        data.pop("calendar_years", None)
        if data.get("total", 0) is None:  # compare shows calendar years for a budget only
            for scenario in data.get("scenarios", []):
                scenario.pop("calendar_years", None)
    assert list(_shown(data))
    narrow = run_cli(*args, env={"COLUMNS": columns})
    assert narrow.exit_code == 0
    text = _plain(narrow.stdout)
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= int(columns)
    # A cost's table leaves the apprentice's contributions to the summary line (totals only).
    hidden = {"employee_contributions", "csg_crds"} if args[0] == "cost" else set()
    for key, value in _shown(data):
        if key[-1] in hidden:
            continue
        # The cost table writes its amounts without `€` (its title says `en €`).
        amount = _plain((figure if args[0] == "cost" else euros)(Decimal(value)))
        assert re.search(rf"(?<!\d){re.escape(amount)}(?!\d)", text), (key, amount)


@pytest.mark.parametrize("columns", ["40", "30"])
def test_narrow_cerfa_and_compare_keep_their_dates(columns: str) -> None:
    cerfa = run_cli("cerfa", *BIRTH, "--format", "json").json()
    text = run_cli("cerfa", *BIRTH, env={"COLUMNS": columns}).stdout
    for line in cerfa["lines"]:
        for day in (line["from"], line["to"]):
            assert f"{day[8:]}/{day[5:7]}/{day[:4]}" in text
    compare = run_cli("compare", *BIRTH, env={"COLUMNS": columns}).text
    for day in ("01/09/2025", "31/08/2026", "01/09/2027", "29/02/2028"):
        assert day in compare


def test_narrow_schedule_is_stacked_by_segment() -> None:
    text = run_cli("schedule", *BIRTH, env={"COLUMNS": "40"}).text
    assert "Période : 09/2025\n  Année : 1\n" in text
    assert "  Base mensuelle : 1 801,80 €\n  Brut : 774,78 €\n" in text
    assert "Total contrat\n  Brut : 32 391,62 €" in text
    english = run_cli("schedule", *BIRTH, "--lang", "en", env={"COLUMNS": "40"}).text
    assert "Period: 09/2025" in english or "Période: 09/2025" in english


@pytest.mark.parametrize(
    "args",
    [("grid", "--grid", "sssms", "--at", "2026-06-01"), ("smic",), ("schedule", *BIRTH, "--chart")],
    ids=" ".join,
)
def test_other_views_at_30_columns_cut_nothing(args: tuple[str, ...]) -> None:
    narrow = run_cli(*args, env={"COLUMNS": "30"})
    assert narrow.exit_code == 0 and "…" not in narrow.stdout
    assert re.search(r"\d,\d\d €", narrow.text)


def test_wide_enough_consoles_keep_the_table() -> None:
    """The stacked form is only for consoles narrower than the table: 80 columns (goldens)
    and wider keep the table as it was."""
    for columns in ("80", "200"):
        text = run_cli("schedule", *BIRTH, env={"COLUMNS": columns}).text
        assert " Période " in text and "Période :" not in text
