"""The input a hostile or careless user gives: one line on stderr and the documented exit
status, never a traceback; a batch never stops on a record; the core speaks in codes."""

from __future__ import annotations

import ast
import json
import multiprocessing
import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay import InputError, compute_schedule
from deis_pay.i18n.messages import TEMPLATES, say
from deis_pay.rules.employer import Employer

from .conftest import package_sources, run_cli

BIRTH = ("--birth", "2005-05-10")
HEADER = "id,birth_date,start,end,grid,smc,territory,cycle_start_year\n"
CONTRACT_COMMANDS = ("schedule", "cost", "compare", "cerfa")


def _refused(args: tuple[str, ...], *words: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.mark.parametrize("command", CONTRACT_COMMANDS)
@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--months", "100000", ("100000 mois", "plus de 4 ans")),
        ("--start", "9999-12-31", ("--start", "entre 1900 et 2100")),
        ("--start", "2032-01-01", ("trop loin des données",)),
        ("--months", "1" * 5000, ("--months", "trop grand")),
        ("--cycle-start-year", "9" * 5000, ("--cycle-start-year", "trop grand")),
        ("--smc", "1" * 25, ("--smc", "au plus 999\u202f999,99 €")),
        ("--end", "31/12/9999", ("--end", "entre 1900 et 2100")),
    ],
)
def test_numbers_out_of_bounds_are_refused_at_parse_time(
    command: str, option: str, value: str, words: tuple[str, ...]
) -> None:
    """`--months 100000`, `--start 9999-12-31`, 5 000-digit integers, a 25-digit SMC: exit 2 and
    one line, for every command that takes a contract (they were ValueError tracebacks)."""
    message = _refused((command, *BIRTH, option, value), *words)
    assert len(message) < 300  # a 5 000-digit value is not echoed whole


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--health-cover", "9" * 30, ("--health-cover", "au plus")),
        ("--health-cover", "40.005", ("--health-cover", "au plus deux décimales")),
        ("--health-cover", "-40", ("--health-cover", "0 ou plus")),
        ("--headcount", "1" * 5000, ("--headcount", "trop grand")),
        ("--headcount", "-1", ("--headcount", "de 0 à 10000000")),
        ("--diploma-level", "9" * 5000, ("--diploma-level", "trop grand")),
        ("--diploma-level", "9", ("--diploma-level", "de 3 à 8")),
        ("--atmp-rate", "2.123456", ("--atmp-rate", "au plus 4 décimales")),
        ("--atmp-rate", "1" * 400, ("--atmp-rate", "n'est pas un taux")),
        ("--employer", "associaton", ("--employer", "choisir private, association ou public")),
    ],
)
def test_employer_options_out_of_bounds_are_refused(
    option: str, value: str, words: tuple[str, ...]
) -> None:
    """A 30-digit `--health-cover` was decimal.InvalidOperation, 40.005 € gave amounts with
    three decimals: each is now refused with the option it concerns."""
    _refused(("cost", *BIRTH, option, value), *words)


def test_internal_error_is_one_line_saying_it_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception: exit 1 and one line naming it a bug, no traceback; with
    DEIS_PAY_DEBUG=1 the exception itself comes out."""
    from deis_pay.rules import pay as schedule

    def broken(*_: object) -> None:
        raise ZeroDivisionError("simulated")

    monkeypatch.setattr(schedule, "schedule_for", broken)
    result = run_cli("schedule", *BIRTH)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "ZeroDivisionError: simulated" in result.stderr and "bogue" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setenv("DEIS_PAY_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_cli("schedule", *BIRTH)


# --- batch ----------------------------------------------------------------------------------


def _batch(tmp_path: Path, text: str | bytes, *args: str) -> tuple[int, list[dict[str, Any]]]:
    source = tmp_path / "in.csv"
    if isinstance(text, str):
        source.write_text(text, encoding="utf-8")
    else:
        source.write_bytes(text)
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(source), "-o", str(out), *args)
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return result.exit_code, records


HOSTILE_ROWS = (
    "A,2005-05-10,,,,,,\n"
    f"B,2005-05-10,,,,{'1' * 25},,\n"
    f"C,2005-05-10,,,,,,{'9' * 5000}\n"
    "D,2005-05-10,9999-12-31,,,,,\n"
    "E,2005-05-10,,,,,,\n"
)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_hostile_record_never_stops_the_batch(tmp_path: Path, workers: str) -> None:
    """A 25-digit SMC, a 5 000-digit cycle year, a start in 9999: each is a failed record with
    its code and column, and the records after them are still computed (one worker or two;
    with two, nothing at all used to be written)."""
    status, records = _batch(tmp_path, HEADER + HOSTILE_ROWS, "--workers", workers)
    assert status == 3
    assert [(r["id"], r["ok"]) for r in records] == [
        ("A", True), ("B", False), ("C", False), ("D", False), ("E", True)
    ]  # fmt: skip
    assert [(r["error_code"], r["field"]) for r in records if not r["ok"]] == [
        ("amount_too_large", "smc"),
        ("integer_too_large", "cycle_start_year"),
        ("date_out_of_range", "start"),
    ]
    assert records[1]["error"].startswith("smc : ")


def test_a_bug_on_one_record_fails_that_record_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an unexpected exception is the record's error (internal_error), not the run's end."""
    from deis_pay.batch import lines as batch
    from deis_pay.rules import pay as schedule
    from deis_pay.rules.terms import pay_key

    def flaky(real: Any) -> Any:
        def compute(inputs: Any, data: Any, *rest: Any) -> Any:
            if inputs.birth_date.year == 2004:
                raise KeyError("simulated")
            return real(inputs, data, *rest)

        return compute

    # The summary JSON lines start from pay_key, the CSV summary from totals_for; the other
    # views build the schedule_for.
    monkeypatch.setattr(batch, "schedule_for", flaky(schedule.schedule_for))
    monkeypatch.setattr(batch, "totals_for", flaky(schedule.totals_for))
    monkeypatch.setattr(batch, "pay_key", flaky(pay_key))
    rows = HEADER + "A,2005-05-10,,,,,,\nB,2004-05-10,,,,,,\nC,2005-05-10,,,,,,\n"
    status, records = _batch(tmp_path, rows)
    assert status == 3
    assert [r["ok"] for r in records] == [True, False, True]
    assert records[1]["error_code"] == "internal_error" and "KeyError" in records[1]["error"]


def test_an_absurd_line_is_a_failed_record_and_memory_stays_bounded(tmp_path: Path) -> None:
    """A 2 MB line (no contract is that long) is one failed record, record_too_large; the
    lines around it are computed."""
    huge = "X," + "9" * 2_000_000 + ",,,,,,\n"
    status, records = _batch(
        tmp_path, HEADER + "A,2005-05-10,,,,,,\n" + huge + "B,2005-05-10,,,,,,\n"
    )
    assert status == 3
    assert [(r["id"], r["ok"]) for r in records] == [("A", True), ("", False), ("B", True)]
    assert records[1]["error_code"] == "record_too_large" and records[1]["line"] == 3


def test_a_file_with_cr_line_endings_is_read(tmp_path: Path) -> None:
    """Old spreadsheets end lines with CR alone: each is still a line (and a record)."""
    text = (HEADER + "A,2005-05-10,,,,,,\nB,10/05/2005,,,sssms,,,\n").replace("\n", "\r")
    status, records = _batch(tmp_path, text.encode("utf-8"))
    assert status == 0
    assert [(r["id"], r["line"], r["ok"]) for r in records] == [("A", 2, True), ("B", 3, True)]


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    """`batch in.csv -o in.csv` overwrote its input (and could read its own output until the
    disk was full): exit 2, the input unchanged, also through another path to the same file."""
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "A,2005-05-10,,,,,,\n", encoding="utf-8")
    before = source.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    for target in (source, tmp_path / "." / "in.csv", link):
        result = run_cli("batch", str(source), "-o", str(target))
        assert result.exit_code == 2 and "est aussi le fichier lu" in result.stderr
        assert source.read_bytes() == before


def test_workers_are_capped_at_the_processors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--workers 1000` started a thousand processes: it is brought down to the processor
    count, with a line saying so, and the output is complete."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "A,2005-05-10,,,,,,\n", encoding="utf-8")
    result = run_cli("batch", str(source), "--workers", "1000")
    assert result.exit_code == 0
    assert "--workers 1000 : ramené à 2, le nombre de processeurs" in result.stderr
    assert json.loads(result.stdout)["ok"] is True


@pytest.fixture
def spawned_workers() -> Iterator[None]:
    """Workers started as under Python 3.14's forkserver default: nothing inherited."""
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    yield
    multiprocessing.set_start_method(before, force=True)


@pytest.mark.usefixtures("spawned_workers")
def test_lang_reaches_the_batch_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`batch --workers 2 --lang en` wrote French errors: the workers now get the language."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    rows = HEADER + "A,2005-02-30,,,,,,\n" + "B,2005-05-10,,,,,,\n"
    status, records = _batch(tmp_path, rows, "--workers", "2", "--lang", "en")
    assert status == 3
    assert records[0]["error"] == "birth_date: “2005-02-30” does not exist in the calendar"


# --- the core speaks in codes ---------------------------------------------------------------

# The layers below the language (the import-linter contracts of pyproject.toml say it too).
CORE = [path for path in package_sources()
        if path.parent.name in ("core", "data", "rules", "input")]  # fmt: skip


@pytest.mark.parametrize("path", CORE, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_core_imports_no_language_module(path: Path) -> None:
    """The computation builds no sentence: it imports nothing of deis_pay.i18n, anywhere (the
    one exception, InputError's str(), names the module as text: core/errors.py)."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(alias.name for alias in node.names)
    assert not any(name.startswith("deis_pay.i18n") for name in imported), path
    assert "tr" not in imported


def test_the_layers_below_the_language_are_all_scanned() -> None:
    assert len(CORE) >= 20


def test_library_errors_carry_code_field_and_values() -> None:
    """A library caller gets the code, the field under its own name and the values; its
    message names the field as the library does (`birth_date`, not `--birth`)."""
    with pytest.raises(InputError) as caught:
        compute_schedule(date(2026, 1, 1))
    error = caught.value
    assert (error.code, error.field) == ("birth_after_start", "birth_date")
    assert error.params == {"birth": date(2026, 1, 1), "start": date(2025, 9, 1)}
    assert "postérieure au début du contrat (01/09/2025)" in str(error)
    with pytest.raises(InputError) as caught:
        compute_schedule("2005-05-10", start="31/02/2026")
    assert (caught.value.code, caught.value.field) == ("no_such_day", "start")
    assert str(caught.value).startswith("start : ")


def test_library_dates_as_text_are_read_like_the_cli() -> None:
    assert (
        compute_schedule("10/05/2005").total_gross
        == compute_schedule(date(2005, 5, 10)).total_gross
    )


@pytest.mark.parametrize(
    ("options", "code", "field"),
    [
        ({"kind": "asociation"}, "unknown_choice", "kind"),
        ({"headcount": -3}, "integer_out_of_range", "headcount"),
        ({"headcount": True}, "not_an_integer", "headcount"),
        ({"diploma_level": 9}, "integer_out_of_range", "diploma_level"),
        ({"mobility_rate_percent": Decimal(120)}, "rate_out_of_range", "mobility_rate_percent"),
        ({"health_cover": Decimal("40.005")}, "too_many_decimals", "health_cover"),
        ({"health_cover": Decimal(40), "health_employer_share_percent": Decimal(30)},
         "health_employer_share_below_half", "health_employer_share_percent"),
        ({"signed": "2025-13-01"}, "no_such_day", "signed"),
    ],
)  # fmt: skip
def test_employer_validates_like_the_cli(options: dict[str, Any], code: str, field: str) -> None:
    """`Employer` has the CLI's defaults and refuses what the CLI refuses."""
    assert Employer().kind == "private" and Employer().headcount == 10
    with pytest.raises(InputError) as caught:
        Employer(**options)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_employer_signed_as_text_is_a_date() -> None:
    """A caller without a type checker may give the date as text: it is read as the CLI does."""
    assert Employer(signed="01/09/2025").signed == date(2025, 9, 1)  # type: ignore[arg-type]


def test_every_warning_is_a_notice_in_the_json() -> None:
    """`notices[]` holds code, field and params for each sentence of `warnings[]`, in order."""
    result = run_cli("schedule", "--birth", "2010-05-10", "--months", "5", "--smc", "2100",
                     "--format", "json")  # fmt: skip
    document = result.json()
    codes = [n["code"] for n in document["notices"]]
    # No --start: the default contract (the DEIS's intake of 01/09/2025, begun before today)
    # is said first.
    assert codes == ["default_contract", "default_contract_started", "age_under_16",
                     "contract_under_6_months", "smc_without_effect"]  # fmt: skip
    assert len(document["warnings"]) == len(codes)
    assert document["notices"][2] == {"code": "age_under_16", "field": "birth_date",
                                       "params": {"age": 15}}  # fmt: skip
    assert document["aids"][0]["reason_notice"]["code"] == "licence_aid_adult_after_end"


def test_every_code_has_a_sentence() -> None:
    """Each code the package raises or returns has a template (else the code itself shows)."""
    codes: set[str] = set()
    for path in package_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in {"InputError", "notice"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(str(node.args[0].value))
    assert len(codes) > 50
    assert sorted(codes - set(TEMPLATES)) == []
    assert say(InputError("no_such_code").notice) == "no_such_code"


def test_a_reader_closing_the_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    """`deis-pay batch big.csv | head -1`: no traceback and no "bug" line when the reader goes."""
    import subprocess
    import sys

    source = tmp_path / "in.csv"
    source.write_text(HEADER + "A,2005-05-10,,,,,,\n" * 3000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "deis_pay", "batch", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b'{"id":"A"')
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    process.wait(timeout=60)
    assert process.returncode == 1
    assert b"Traceback" not in errors and b"bogue" not in errors


def test_the_codes_document_is_up_to_date() -> None:
    """docs/codes.md lists every code with its sentences, as docs/codes.py writes it."""
    import subprocess
    import sys

    script = Path(__file__).parent.parent / "docs" / "codes.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_workers_auto_uses_every_processor_for_a_large_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--workers auto` (the default): one process per processor from 2 MB of input, one below
    and for stdin; an explicit count is kept (capped)."""
    from deis_pay.cli import batch as cli

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    small = tmp_path / "small.csv"
    small.write_text(HEADER + "A,2005-05-10,,,,,,\n", encoding="utf-8")
    large = tmp_path / "large.csv"
    large.write_text(HEADER + "A,2005-05-10,,,,,,\n" * 110_000, encoding="utf-8")
    assert large.stat().st_size >= cli.AUTO_WORKERS_FROM_BYTES > small.stat().st_size
    assert cli._workers("auto", str(small)) == 1
    assert cli._workers("auto", str(large)) == 2
    assert cli._workers("AUTO", "-") == 1
    assert cli._workers("auto", str(tmp_path / "missing.csv")) == 1
    assert cli._workers("1", str(large)) == 1
    result = run_cli("batch", str(small))
    assert result.exit_code == 0 and "ramené" not in result.stderr
