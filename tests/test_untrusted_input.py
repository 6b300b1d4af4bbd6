"""What deis-pay promises whatever it is given: text that is not text, closed streams, signals,
outputs that clash with inputs, batch column rules, spreadsheet injection, library values.

Each class of hostile input has its tests here; tests/test_fuzz.py generates more of them.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import deis_pay
from deis_pay.core.errors import InputError
from deis_pay.i18n.messages import one_line
from deis_pay.present.export import dumps, dumps_line, neutral, quote
from deis_pay.rules.employer import Employer

from .conftest import run_cli

PYTHON = [sys.executable, "-m", "deis_pay"]


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    return {"PATH": "", "LANG": "fr_FR.UTF-8", "DEIS_PAY_CACHE_DIR": str(tmp_path / "c"),
            "COLUMNS": "80", **more}  # fmt: skip


def _run(args: list[str], tmp_path: Path, **options: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PYTHON, *args], capture_output=True, check=False, timeout=120, cwd=tmp_path,
        env=_env(tmp_path), **options,
    )  # fmt: skip


# --- 1. text that is not text -----------------------------------------------------------------


def test_a_lone_surrogate_in_a_json_line_fails_that_record_only(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id":"\\ud800","birth_date":"2005-05-10"}\n'
        '{"\\udcff":"x","id":"B","birth_date":"2005-05-10"}\n'
        '{"id":"C","birth_date":"2005-05-10","smc":"\\udcff"}\n'
        '{"id":"D","birth_date":"2005-05-10"}\n',
        encoding="utf-8",
    )
    result = _run(["batch", str(source)], tmp_path)
    assert result.returncode == 3
    lines = result.stdout.decode("utf-8").splitlines()  # valid UTF-8, one record per line
    records = [json.loads(line) for line in lines]
    assert [r["ok"] for r in records] == [False, False, False, True]
    assert {r["error_code"] for r in records[:3]} == {"not_text"}
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--birth", "2005-05-10", "--birth", "2006-01-01", "--label", "a\udcffb"],
        ["schedule", "--birth", "2005\udc85"],
        ["batch", "f\udcff.csv"],
        ["schedule", "--birth=2005-05-10", "--lang=\udcff"],
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_on_one_line(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "\\udc" in result.stderr
    assert "UTF-8" in result.stderr


def test_undecodable_bytes_in_a_real_argument_list(tmp_path: Path) -> None:
    """The same through the operating system: bytes that are not UTF-8 in argv."""
    result = subprocess.run(
        [*PYTHON, "compare", "--birth", "2005-05-10", "--birth", "2006-01-01", "--label",
         os.fsdecode(b"a\xffb"), "--label", "b", "--format", "json"],
        capture_output=True, check=False, timeout=60, env=_env(tmp_path),
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8").count("\n") == 1


@pytest.mark.parametrize("text", ["a\nb", "a\x85b", "a\u2028b", "a\u2029b", "a\x1bb", "a\udcffb"])
def test_every_quoted_value_stays_on_one_line(text: str) -> None:
    shown = one_line(text)
    assert len(shown.splitlines()) == 1 and shown.isprintable()
    result = run_cli("schedule", "--birth", text)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert len(result.stderr.splitlines()) == 1  # NEL, U+2028 included


def test_json_strings_keep_nel_and_the_unicode_separators_escaped() -> None:
    text = "x\x85y\u2028z\u2029é"
    assert quote(text) == '"x\\u0085y\\u2028z\\u2029é"'
    assert len(dumps_line({"id": text}).splitlines()) == 1
    assert len(dumps({"id": text}).splitlines()) == 3


def test_a_batch_id_with_line_separators_stays_one_json_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\na\u2028b\x85c,2005-05-10\n", encoding="utf-8")
    result = _run(["batch", str(source)], tmp_path)
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert len(text.splitlines()) == 1
    assert json.loads(text)["id"] == "a\u2028b\x85c"


def test_an_xlsx_holds_no_character_xml_forbids_and_no_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "out.xlsx"
    result = run_cli("compare", "--birth", "2005-05-10", "--birth", "2006-01-01", "--label",
                     '=HYPERLINK("http://x")', "--label", "b\x01c\x0bd", "--format", "xlsx",
                     "-o", str(target))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    labels = set()
    for sheet in load_workbook(target):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    labels.add(cell.value)
    assert '=HYPERLINK("http://x")' in labels
    assert "b\\x01c\\x0bd" in labels


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals")
def test_guided_answers_in_another_encoding_are_refused_and_asked_again(tmp_path: Path) -> None:
    """Latin-1 bytes typed under a strict UTF-8 terminal: one error line, the question again."""
    main, terminal = os.openpty()
    env = {**_env(tmp_path), "PYTHONIOENCODING": "utf-8:strict", "DEIS_PAY_CACHE_DIR": "off"}
    process = subprocess.Popen([*PYTHON], stdin=terminal, stdout=terminal, stderr=terminal,
                               env=env, cwd=tmp_path)  # fmt: skip
    os.close(terminal)
    # (then Enter for every other question: the health cover, the payslips)
    os.write(main, b"10/05/20\xe905\n10/05/2005\n\n\nn\n\n\n\n\n\n")
    written = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            written += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    status = process.wait(timeout=60)
    text = written.decode("utf-8", "replace")
    assert status == 0, text
    assert "\\udce9" in text and "Traceback" not in text
    assert text.count("Votre date de naissance") >= 2


# --- 3. workers die with their parent; SIGTERM and SIGHUP clean up --------------------------


def _contracts(path: Path, count: int) -> None:
    rows = [f"C{n},2005-0{1 + n % 9}-1{n % 10},2025-09-01,2027-08-31" for n in range(count)]
    path.write_text("id,birth_date,start,end\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"  # a zombie has ended; only its parent's reaping is left


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc")


@needs_proc
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_stopped_batch_leaves_no_worker_and_no_temporary_file(
    tmp_path: Path, stop: signal.Signals
) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.jsonl"
    _contracts(source, 300_000)
    target.write_text("previous\n", encoding="utf-8")
    process = subprocess.Popen(
        [*PYTHON, "batch", str(source), "--workers", "2", "--with", "cost", "-o", str(target)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(0.5)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (128 + stop, -stop), process.returncode
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its parent"
    assert b"Traceback" not in stderr
    if stop != signal.SIGKILL:  # (SIGKILL runs no code: its temporary file stays)
        assert target.read_text(encoding="utf-8") == "previous\n"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "c") == [
            "in.csv", "out.jsonl",
        ]  # fmt: skip
        assert stderr.decode("utf-8").count("\n") == 1


@needs_proc
def test_ctrl_c_to_the_process_group_prints_no_worker_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    _contracts(source, 300_000)

    def own_group_with_ctrl_c() -> None:
        os.setpgrp()
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    process = subprocess.Popen(
        [*PYTHON, "batch", str(source), "--workers", "2", "-o", str(tmp_path / "out.jsonl")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(tmp_path),
        preexec_fn=own_group_with_ctrl_c,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")[-2000:]
    assert not (tmp_path / "out.jsonl").exists()


# --- 4. standard streams closed ---------------------------------------------------------------


def _closed(fd: int) -> Any:
    return lambda: os.close(fd)


@pytest.mark.parametrize(
    ("args", "closed", "status", "says"),
    [
        (["schedule", "--birth", "2005-05-10"], 0, 0, None),  # `<&-`: stdin is not read
        (["batch", "-"], 0, 2, "entrée standard est fermée"),
        (["schedule", "--birth", "2005-05-10", "--format", "json"], 1, 2, "sortie standard"),
        (["schedule", "--birth", "2005-05-10"], 1, 2, "sortie standard"),
        (["data"], 1, 2, "sortie standard"),
        (["schema"], 1, 2, "sortie standard"),
        (["--version"], 1, 2, "sortie standard"),
        ([], 0, 2, None),  # no command, no terminal: the help, as before
    ],
)
def test_a_closed_stream_is_one_line_and_its_status(
    tmp_path: Path, args: list[str], closed: int, status: int, says: str | None
) -> None:
    result = _run(args, tmp_path, preexec_fn=_closed(closed))
    assert result.returncode == status, result.stderr
    assert b"Traceback" not in result.stderr
    if says is not None:
        assert says in result.stderr.decode("utf-8")
        assert result.stderr.count(b"\n") == 1


def test_a_batch_with_stderr_closed_still_writes_every_record(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\nB,x\n", encoding="utf-8")
    result = _run(["batch", str(source)], tmp_path, preexec_fn=_closed(2))
    assert result.returncode == 3
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["ok"] for r in records] == [True, False]


def test_a_batch_to_a_file_with_stdout_closed_writes_the_file(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    result = _run(["batch", str(source), "-o", str(tmp_path / "out.jsonl")], tmp_path,
                  preexec_fn=_closed(1))  # fmt: skip
    assert result.returncode == 0
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["ok"] is True


# --- 5. exit 2 means nothing written, every output checked together ---------------------------


def test_two_outputs_naming_one_file_are_refused_before_any_is_written(tmp_path: Path) -> None:
    target = tmp_path / "same.html"
    result = run_cli("schedule", "--birth", "2005-05-10", "--svg", str(target), "--html",
                     str(target))  # fmt: skip
    assert result.exit_code == 2 and result.stdout == ""
    assert "--html" in result.stderr and "--svg" in result.stderr
    assert not target.exists()


def test_an_output_over_the_columns_file_is_refused(tmp_path: Path) -> None:
    source, columns = tmp_path / "in.csv", tmp_path / "columns.toml"
    source.write_text("Matricule,birth_date\nA,2005-05-10\n", encoding="utf-8")
    columns.write_text('[columns]\nid = "Matricule"\n', encoding="utf-8")
    result = run_cli("batch", str(source), "--columns", str(columns), "-o", str(columns))
    assert result.exit_code == 2 and "--columns" in result.stderr
    assert columns.read_text(encoding="utf-8") == '[columns]\nid = "Matricule"\n'


def test_an_output_over_a_redirected_stdin_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    with source.open("rb") as stdin:
        result = _run(["batch", "-", "-o", str(source)], tmp_path, stdin=stdin)
    assert result.returncode == 2 and b"stdin" in result.stderr
    assert source.read_text(encoding="utf-8") == "id,birth_date\nA,2005-05-10\n"


def test_an_output_over_an_overlay_file_is_refused(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    smic = overlay / "sources.toml"
    smic.write_text('[[sources]]\nid = "x"\ntitle = "x"\n', encoding="utf-8")
    result = run_cli("schedule", "--birth", "2005-05-10", "--format", "json", "--data",
                     str(overlay), "-o", str(smic))  # fmt: skip
    assert result.exit_code == 2 and "--data" in result.stderr
    assert smic.read_text(encoding="utf-8") == '[[sources]]\nid = "x"\ntitle = "x"\n'


# --- 6. impossible histories -------------------------------------------------------------------


def test_a_previous_contract_before_the_apprentice_was_14_is_refused_everywhere(
    tmp_path: Path,
) -> None:
    cli = run_cli("schedule", "--birth", "2005-05-10", "--previous-start", "2019-01-01",
                  "--previous-end", "2020-08-31")  # fmt: skip
    assert cli.exit_code == 2 and "--previous-start" in cli.stderr and "14 ans" in cli.stderr
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date,previous_start,previous_end\n"
                      "A,2005-05-10,2019-01-01,2020-08-31\n"
                      "B,2005-05-10,2019-05-10,2020-08-31\n", encoding="utf-8")  # fmt: skip
    records = [json.loads(line) for line in run_cli("batch", str(source)).stdout.splitlines()]
    assert [(r["ok"], r.get("error_code"), r.get("field")) for r in records] == [
        (False, "previous_start_too_young", "previous_start"), (True, None, None),
    ]  # fmt: skip
    with pytest.raises(InputError) as caught:
        deis_pay.compute_schedule(date(2005, 5, 10), history=deis_pay.History(
            previous_start=date(2015, 1, 1), previous_end=date(2016, 1, 1)))  # fmt: skip
    assert caught.value.field == "previous_start"


def test_messages_about_the_previous_contract_name_its_options() -> None:
    result = run_cli("schedule", "--birth", "2005-05-10", "--previous-start", "2024-09-01",
                     "--previous-end", "2023-08-31")  # fmt: skip
    assert result.exit_code == 2
    assert "--previous-end" in result.stderr and "--previous-start" in result.stderr


# --- 7. batch column rules ----------------------------------------------------------------------


def _batch(tmp_path: Path, name: str, content: str, *args: str) -> list[dict[str, Any]]:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = run_cli("batch", str(source), *args)
    assert result.exit_code in (0, 3), result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_an_ignored_column_is_ignored_even_when_it_is_a_known_name(tmp_path: Path) -> None:
    [record] = _batch(tmp_path, "in.csv", "id,birth_date,grid\nA,2005-05-10,nonsense\n",
                      "--ignore-columns", "Grid")  # fmt: skip
    assert record["ok"] is True


def test_duplicate_keys_in_a_json_line_are_refused(tmp_path: Path) -> None:
    records = _batch(tmp_path, "in.jsonl",
                     '{"id":"A","birth_date":"2005-05-10","grid":"general","grid":"sssms"}\n'
                     '{"id":"B","birth_date":"2005-05-10"}\n')  # fmt: skip
    assert [(r["ok"], r.get("error_code")) for r in records] == [
        (False, "duplicate_keys"), (True, None),
    ]  # fmt: skip


def test_json_booleans_fill_a_flag_column(tmp_path: Path) -> None:
    [yes, no] = _batch(tmp_path, "in.jsonl",
                       '{"id":"A","birth_date":"2005-05-10","licence_pro":true}\n'
                       '{"id":"B","birth_date":"2005-05-10","licence_pro":false}\n')  # fmt: skip
    assert yes["ok"] and no["ok"]
    assert yes["total_gross"] > no["total_gross"]  # the licence pro's year-2 floor


def test_a_bom_in_the_columns_file_is_accepted(tmp_path: Path) -> None:
    columns = tmp_path / "columns.toml"
    columns.write_bytes(b'\xef\xbb\xbf[columns]\nid = "Matricule"\n')
    [record] = _batch(tmp_path, "in.csv", "Matricule,birth_date\nA,2005-05-10\n",
                      "--columns", str(columns))  # fmt: skip
    assert record["ok"] is True and record["id"] == "A"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_input_ends_with_exit_2_not_a_spin(tmp_path: Path) -> None:
    result = _run(["batch", "/dev/zero"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.count(b"\n") == 1


def test_a_header_over_the_record_limit_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("x" * 70_000 + ",id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    result = run_cli("batch", str(source))
    assert result.exit_code == 2 and "65536" in result.stderr.replace("\u202f", "")


def test_an_endless_line_after_the_header_is_one_failed_record(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("wb") as out:
        out.write(b"id,birth_date\nA,2005-05-10\n")
        out.write(b"0" * (70 * 1024 * 1024))
    result = _run(["batch", str(source)], tmp_path)
    assert result.returncode == 3
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [(r["ok"], r.get("error_code")) for r in records] == [
        (True, None), (False, "record_too_large"),
    ]  # fmt: skip


# --- 8. spreadsheet and CSV injection -------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+2", "+cmd|' /C calc'!A0", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_like_cell_is_neutralised(text: str) -> None:
    assert neutral(text) == "'" + text


@pytest.mark.parametrize("text", ["-14.78", "774.78", "A-001", "2025-09-01", "", "général"])
def test_numbers_and_plain_text_are_left_as_they_are(text: str) -> None:
    assert neutral(text) == text


def test_batch_csv_neutralises_ids_unless_raw(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\n=cmd|calc,2005-05-10\n", encoding="utf-8")
    safe = run_cli("batch", str(source), "--out-format", "csv").stdout.splitlines()
    raw = run_cli("batch", str(source), "--out-format", "csv", "--csv-raw").stdout.splitlines()
    assert safe[1].startswith("'=cmd|calc,") and raw[1].startswith("=cmd|calc,")


def test_compare_csv_neutralises_labels() -> None:
    out = run_cli("compare", "--birth", "2005-05-10", "--birth", "2006-01-01", "--label",
                  "@SUM(A1)", "--label", "b", "--format", "csv").stdout  # fmt: skip
    assert ",'@SUM(A1)," in out


# --- 9. big compares ------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "500"])
def test_hundreds_of_scenarios_show_every_amount(columns: str) -> None:
    births = [f"2005-{1 + n % 12:02d}-{1 + n % 28:02d}" for n in range(200)]
    args = [part for birth in births for part in ("--birth", birth)]
    result = run_cli("compare", *args, env={"COLUMNS": columns})
    assert result.exit_code == 0
    text = result.text
    assert "…" not in text
    for number in (1, 100, 200):  # a line for every scenario, with its amount
        assert any(
            (line.lstrip().startswith(f"{number} · ") and "€" in line)
            or line.lstrip().startswith(f"{number} · ")
            for line in text.splitlines()
        )
    assert text.count("€") >= 200 * 3  # every scenario's three contract years at least


# --- 10. library inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [datetime(2005, 5, 10, 23, 30), datetime(2005, 5, 10, 1, tzinfo=UTC)],
)
def test_a_datetime_is_read_as_its_date(value: datetime) -> None:
    assert deis_pay.compute_schedule(value).inputs.birth_date == date(2005, 5, 10)
    assert Employer(signed=value).signed == date(2005, 5, 10)


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"months": 12.0}, InputError),
        ({"months": 10**5000}, InputError),
        ({"cycle_start_year": 2.0}, InputError),
        ({"cycle_start_year": 10**400}, InputError),
        ({"smc": 10**5000}, InputError),
        ({"smc": float("nan")}, InputError),
        ({"smc": [2100]}, TypeError),
        ({"grid": 3}, InputError),
        ({"start": 20250901}, InputError),
    ],
)
def test_a_wrong_library_value_raises_an_error_whose_str_works(
    kwargs: dict[str, Any], kind: type[Exception]
) -> None:
    with pytest.raises(kind) as caught:
        deis_pay.compute_schedule(date(2005, 5, 10), **kwargs)
    text = str(caught.value)
    assert text and len(text.splitlines()) == 1 and len(text) < 300
    assert next(iter(kwargs)) in text


def test_amounts_and_rates_as_python_types() -> None:
    assert deis_pay.compute_schedule(date(2005, 5, 10), smc=2100.5).inputs.smc == Decimal("2100.5")
    # (Typed as the fields they become; the numbers and text people type are taken too.)
    employer = Employer(atmp_rate_percent=2, health_cover=48, headcount="180")  # type: ignore[arg-type]
    assert (employer.atmp_rate_percent, employer.health_cover, employer.headcount) == (
        Decimal(2), Decimal(48), 180,
    )  # fmt: skip
    with pytest.raises(TypeError, match="headcount"):
        Employer(headcount=[1])  # type: ignore[arg-type]


# --- 11. one line, always ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["e\u2028n", "f\x85r"])
def test_a_choice_with_a_line_break_is_refused_not_read_without_it(value: str) -> None:
    """Accents are dropped to read `Métropole`; a line break is not an accent."""
    result = run_cli("smic", "--lang", value)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "--lang" in result.stderr
