"""Fuzzing the whole command line in-process: whatever it is given, deis-pay keeps its promises.

The invariants (README, *Exit status*; docs/batch.md):

- never a traceback: the run ends in `SystemExit` or returns, nothing else escapes;
- the exit status is 0, 2, 1 (a broken data file only) or 3 (`batch` with failed records only);
- exit 2: nothing on stdout, exactly one non-empty line on stderr, an existing `-o` file keeps
  its bytes (and `batch` creates no output file);
- exit 0 with `--format json`: the output is JSON;
- `batch`: unless the whole input is refused (exit 2), exactly one output record per input
  record, in input order, each with `id`, `line` and `ok`, a failed one with its `error`;
- a mutated data folder (DEIS_PAY_DATA_DIR) gives a result or one line on stderr (exit 1, or
  2 when the mutated data makes the contract fall outside what the data covers).

Generated argument lists mix valid and hostile values for every option of every command
(tests/fuzz_strategies.py). They always give `--birth` and a value to every option, each
once, so that the runs go past the parsing of the command line (its errors: tests/test_usage.py).

Hypothesis profiles (registered in tests/conftest.py):

- `ci` (default): few examples, `derandomize=True`, no example database, no deadline, no
  shrinking: the same examples on every run, and a failing run as short as a passing one;
- `fuzz`: many more examples, random, with the example database, for hunting:
  `DEIS_PAY_FUZZ=long .venv/bin/pytest tests/test_fuzz.py` or
  `.venv/bin/pytest tests/test_fuzz.py --hypothesis-profile=fuzz`
  (add `-x --hypothesis-show-statistics` to taste; `DEIS_PAY_FUZZ_EXAMPLES=N` sets the
  number of examples of the `fuzz` profile, 1 000 by default).

`--workers` is generated only among values that start at most one process, or with a
nonexistent input (a 5 000-digit count); the one run with 2 workers is an example-based test.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from deis_pay import compute_schedule
from deis_pay.batch.read import COLUMNS
from deis_pay.cli.app import app
from deis_pay.core.errors import InputError
from deis_pay.data.loader import DATA_FILES, _dataset_with, data_dir
from deis_pay.rules.employer import Employer

from . import fuzz_strategies as fs

# --- settings -------------------------------------------------------------------------------

# Read here, after the hypothesis plugin has loaded --hypothesis-profile.
FUZZ_PROFILE = (
    "fuzz"
    if os.environ.get("DEIS_PAY_FUZZ") == "long" or settings.get_current_profile_name() == "fuzz"
    else "ci"
)


def fuzz_settings(share: float) -> settings:
    """The active fuzz profile, with `share` of its examples for this test (each test costs
    differently: a data mutation re-checks every file, an argument list runs in 30 ms)."""
    profile = settings.get_profile(FUZZ_PROFILE)
    return settings(
        profile,
        max_examples=max(1, round(profile.max_examples * share)),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- running the CLI ---------------------------------------------------------------------------

ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A private folder per example, also the working directory (`-o -` with xlsx, relative
    paths): hypothesis runs many examples in one test, so tmp_path would be shared."""
    with tempfile.TemporaryDirectory(prefix="deis-pay-fuzz-") as folder, contextlib.chdir(folder):
        yield Path(folder)


def invoke(argv: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, argv, env={**ENV, **(env or {})})


def show(argv: list[str]) -> str:
    """The command line, shortened where a value is thousands of characters long."""
    parts = []
    for arg in argv:
        parts.append(arg if len(arg) <= 60 else f"{arg[:20]}…<{len(arg)} chars>")
    return "deis-pay " + " ".join(repr(p) if not p or " " in p else p for p in parts)


def check_run(
    result: Result,
    argv: list[str],
    *,
    batch: bool = False,
    data_broken: bool = False,
) -> None:
    """The invariants every run keeps, whatever its input."""
    where = show(argv)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"traceback: {type(exc).__name__}: {exc}\n{where}") from exc
    allowed = {0, 2} | ({3} if batch else set()) | ({1} if data_broken else set())
    assert result.exit_code in allowed, (where, result.exit_code, result.stderr[-500:])
    if result.exit_code in (1, 2):
        assert result.stdout == "", (where, result.stdout[:500])
        one_line(result.stderr, where)


def one_line(stderr: str, where: str) -> None:
    assert stderr.strip(), (where, "empty stderr")
    assert stderr.endswith("\n") and stderr.count("\n") == 1, (where, stderr[:1000])


# --- argument lists --------------------------------------------------------------------------

Values = st.SearchStrategy[str]
FLAG = st.just("")  # a flag: no value
PATHS = st.sampled_from(
    ("{tmp}/out", "{tmp}/out.json", "{tmp}/out.xlsx", "{tmp}/no/such/dir/out", "{tmp}", "-", "")
)

CONTRACT: dict[str, Values] = {
    "--start": fs.dates,
    "--end": fs.dates,
    "--months": fs.integers,
    "--grid": fs.choices("general", "sssms"),
    "--smc": fs.amounts,
    "--territory": fs.choices("metropole", "mayotte"),
    "--cycle-start-year": fs.small_integers,
    # The apprentice's history.
    "--previous-start": fs.dates,
    "--previous-end": fs.dates,
    "--previous-grid": fs.choices("general", "sssms"),
    "--previous-cycle-start-year": fs.small_integers,
    "--previous-percent": fs.percents,
    "--same-level-related": FLAG,
    "--previous-diploma-years": fs.small_integers,
    "--licence-pro": FLAG,
    "--prolonged-to": fs.dates,
    "--prolongation-reason": fs.choices("exam", "rqth"),
}
VIEW: dict[str, Values] = {"--svg": PATHS, "--html": PATHS, "--lang": fs.choices("fr", "en")}
# Outputs that may name one file together (-o, --svg, --html) or a file the run reads.
CLASHING = st.sampled_from(("{tmp}/same", "{tmp}/same", "{tmp}/out", "{tmp}/data/smic.toml"))
FORMATS_4 = fs.choices("table", "json", "csv", "xlsx")

OPTIONS: dict[str, dict[str, Values]] = {
    "schedule": {
        **CONTRACT,
        **VIEW,
        "--format": FORMATS_4,
        "-o": PATHS,
        "--explain": FLAG,
        "--chart": FLAG,
        "--net": FLAG,
        "--signed": fs.dates,
    },
    "cost": {
        **CONTRACT,
        **VIEW,
        "--format": FORMATS_4,
        "-o": PATHS,
        "--explain": FLAG,
        "--signed": fs.dates,
        "--employer": fs.choices("private", "association", "public"),
        "--headcount": fs.integers,
        "--atmp-rate": fs.percents,
        "--mobility-rate": fs.percents,
        "--health-cover": fs.amounts,
        "--health-employer-share": fs.percents,
        "--work-study-share": fs.percents,
        "--diploma-level": fs.integers,
        "--rqth": FLAG,
        "--overseas": FLAG,
    },
    # compare: a repeated option gives one value per scenario (tests/test_compare.py).
    "compare": {
        **CONTRACT,
        **VIEW,
        "--format": FORMATS_4,
        "-o": PATHS,
        "--label": st.one_of(
            st.text(max_size=8),
            fs.broken(st.just("étiquette")),
            st.sampled_from(("=1+2", "@SUM(A1)", "-1+2")),
        ),
        "--csv-raw": FLAG,
        "--cost": FLAG,
        "--signed": fs.dates,
        "--employer": fs.choices("private", "association", "public"),
        "--headcount": fs.integers,
        "--rqth": FLAG,
        "--overseas": FLAG,
    },
    "cerfa": {**CONTRACT, **VIEW, "--format": fs.choices("table", "json")},
    "grid": {
        "--grid": fs.choices("general", "sssms"),
        "--at": fs.dates,
        "--format": fs.choices("table", "json"),
        "--lang": fs.choices("fr", "en"),
    },
    "smic": {
        "--at": fs.dates,
        "--territory": fs.choices("metropole", "mayotte"),
        "--format": fs.choices("table", "json"),
        "--lang": fs.choices("fr", "en"),
    },
    "schema": {},
}
FLAGS = {"--explain", "--chart", "--net", "--rqth", "--same-level-related", "--licence-pro",
         "--cost", "--overseas", "--csv-raw"}  # fmt: skip
NEEDS_BIRTH = {"schedule", "cost", "compare", "cerfa"}


@st.composite
def argument_lists(draw: st.DrawFn, command: str) -> list[str]:
    """`command`, then --birth (if it takes one) and a few options, repeated ones included
    (Click keeps the last), each with a value, long options often as `--opt=value`."""
    options = OPTIONS[command]
    argv = [command]
    names = draw(st.lists(st.sampled_from(sorted(options)), max_size=4)) if options else []
    if command in NEEDS_BIRTH:
        names.insert(draw(st.integers(0, len(names))), "--birth")
    for name in names:
        if name in FLAGS:
            argv.append(name)
            continue
        value = draw(fs.births if name == "--birth" else options[name])
        if name.startswith("--") and (value.startswith("-") or draw(st.booleans())):
            argv.append(f"{name}={value}")
        else:
            argv += [name, value]
    return argv


def last_value(argv: list[str], name: str) -> str | None:
    """The value Click keeps for `name`: its last occurrence."""
    value = None
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1 :]
    return value


SENTINEL = b"kept: written before the run\n"


def run_arguments(argv: list[str]) -> None:
    with scratch() as tmp:
        argv = [a.replace("{tmp}", str(tmp)) for a in argv]
        for name in ("out", "out.json", "out.xlsx"):
            (tmp / name).write_bytes(SENTINEL)
        result = invoke(argv)
        check_run(result, argv)
        output = last_value(argv, "-o")
        target = Path(output) if output not in (None, "", "-") else None
        if result.exit_code != 0 and target is not None and target.is_file():
            assert target.read_bytes() == SENTINEL, (show(argv), "-o file changed on failure")
        fmt = (last_value(argv, "--format") or "table").strip().lower()
        if result.exit_code == 0 and fmt == "json":
            text = target.read_text(encoding="utf-8") if target is not None else result.stdout
            json.loads(text)
        if argv[0] == "schema":
            json.loads(result.stdout)


@pytest.mark.parametrize("command", ["schedule", "cost"])
@fuzz_settings(0.6)
@given(data=st.data())
def test_contract_commands_never_crash(command: str, data: st.DataObject) -> None:
    run_arguments(data.draw(argument_lists(command), label="argv"))


@pytest.mark.parametrize("command", ["compare", "cerfa", "grid", "smic", "schema"])
@fuzz_settings(0.3)
@given(data=st.data())
def test_other_commands_never_crash(command: str, data: st.DataObject) -> None:
    run_arguments(data.draw(argument_lists(command), label="argv"))


# --- batch options ---------------------------------------------------------------------------

# Values of --workers that start at most one process (a count that parses to 2 or more
# is only given with an input that does not exist, see below).
SAFE_WORKERS = ("1", "0", "-1", "+1", " 1 ", "", "un", "1.5", "-" + "9" * 40)
SMALL_CSV = "id,birth_date,smc\nA,2005-05-10,\nB,2005-02-30,\n"


@fuzz_settings(0.3)
@given(
    in_format=st.one_of(st.none(), fs.choices("csv", "jsonl")),
    out_format=st.one_of(st.none(), fs.choices("jsonl", "csv")),
    detail=st.one_of(st.none(), fs.choices("summary", "months")),
    workers=st.one_of(st.none(), st.sampled_from(SAFE_WORKERS), fs.huge_integers),
    lang=st.one_of(st.none(), fs.choices("fr", "en")),
    input_name=st.sampled_from(("in.csv", "in.jsonl", "in.txt", "missing.csv", "folder")),
)
def test_batch_options_never_crash(
    in_format: str | None,
    out_format: str | None,
    detail: str | None,
    workers: str | None,
    lang: str | None,
    input_name: str,
) -> None:
    with scratch() as tmp:
        (tmp / "in.csv").write_text(SMALL_CSV, encoding="utf-8")
        (tmp / "in.txt").write_text(SMALL_CSV, encoding="utf-8")
        (tmp / "in.jsonl").write_text('{"id": "A", "birth_date": "2005-05-10"}\n', "utf-8")
        (tmp / "folder").mkdir()
        if workers is not None and workers not in SAFE_WORKERS:
            input_name = "missing.csv"  # a huge count of processes must never start one
        argv = ["batch", input_name, "-o", "out"]
        for name, value in (
            ("--in-format", in_format),
            ("--out-format", out_format),
            ("--detail", detail),
            ("--workers", workers),
            ("--lang", lang),
        ):
            if value is not None:
                argv.append(f"{name}={value}")
        result = invoke(argv)
        check_run(result, argv, batch=True)
        if result.exit_code == 2:
            assert not (tmp / "out").exists(), (show(argv), "output written on exit 2")


# --- batch files -----------------------------------------------------------------------------


@dataclass
class BatchFile:
    """An input file and what reading it must give: `records` data records, or a refusal of
    the whole file (exit 2) when `refused`; `maybe_refused` when either is right."""

    content: bytes
    suffix: str
    records: int
    refused: bool = False
    maybe_refused: bool = False
    kinds: list[str] = field(default_factory=list)


def _csv_line(cells: list[str], delimiter: str, ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerow(cells)
    return buffer.getvalue()


# Blank lines ("{d}": the file's delimiter; `"",""` is not CSV in a `;` file).
BLANK_LINES = ("", "   ", "\t", " {d} ", "{d}{d}{d}", '""', '""{d}""')
NOT_UTF8 = (b"\xff", b"\xc3\x28", b"\xe9t\xe9", b"\xed\xa0\x80", b"\x80\x80")


@st.composite
def csv_files(draw: st.DrawFn) -> BatchFile:
    others = [c for c in COLUMNS if c not in ("id", "birth_date")]
    names = ["id", "birth_date", *draw(st.lists(st.sampled_from(others), unique=True))]
    names = draw(st.permutations(names))
    delimiter = draw(st.sampled_from((",", ";")))
    ending = draw(st.sampled_from(("\n", "\r\n")))
    header_kind = draw(
        st.sampled_from(
            ("ok",) * 6 + ("unknown", "missing", "doubled", "empty", "spaces", "unclosed")
        )
    )
    refused = header_kind != "ok"
    header_names = list(names)
    if header_kind == "unknown":
        header_names.append(draw(st.sampled_from(("ID ", "naissance", "", "birth-date", "é"))))
        # (each is refused: "" and "é" match no column, the others name one the header has)
    elif header_kind == "missing":
        header_names.remove(draw(st.sampled_from(("id", "birth_date"))))
    elif header_kind == "doubled":
        header_names.append(draw(st.sampled_from(names)))
    parts: list[bytes] = []
    if draw(st.booleans()):
        parts.append(b"\xef\xbb\xbf")
    if header_kind == "empty":
        pass
    elif header_kind == "spaces":
        parts.append(b"  \n\n \t\n")
    elif header_kind == "unclosed":
        parts.append(('"' + _csv_line(header_names, delimiter, ending)).encode())
    else:
        parts.append(_csv_line(header_names, delimiter, ending).encode())
    count = 0
    kinds = draw(
        st.lists(
            st.sampled_from(
                ("row",) * 6 + ("wrong_count", "bad_quote", "not_utf8", "nul", "blank", "multiline")
            ),
            max_size=8,
        )
    )
    for kind in kinds:
        if kind in ("row", "multiline"):
            cells = [draw(fs.COLUMN_CELLS[name]).replace("\x00", "") for name in names]
            if kind == "multiline":
                cells[names.index("id")] = "multi\nline" + ending + "id"
            # (A lone surrogate of a generated cell is written as the bytes it stands for:
            # not UTF-8, a failed record.)
            parts.append(_csv_line(cells, delimiter, ending).encode("utf-8", "surrogatepass"))
            count += any(cell.strip() for cell in cells)
        elif kind == "wrong_count":
            width = draw(
                st.sampled_from([n for n in (1, 2, len(names) + 1, 12) if n != len(names)])
            )
            cells = ["W", "2005-05-10", *["x"] * (width - 2)][:width]
            parts.append(_csv_line(cells, delimiter, ending).encode())
            count += 1
        elif kind == "bad_quote":
            cells = ["Q", "2005-05-10", *[""] * (len(names) - 2)]
            line = _csv_line(cells, delimiter, ending)
            parts.append(('"Q"x' + line[1:]).encode())
            count += 1
        elif kind == "not_utf8":
            cells = ["U", "2005-05-10", *[""] * (len(names) - 2)]
            raw = _csv_line(cells, delimiter, ending).encode()
            parts.append(draw(st.sampled_from(NOT_UTF8)) + raw)
            count += 1
        elif kind == "nul":
            cells = ["N\x00", "2005-05-10", *[""] * (len(names) - 2)]
            parts.append(delimiter.join(cells).encode() + ending.encode())
            count += 1
        else:
            blank = draw(st.sampled_from(BLANK_LINES)).replace("{d}", delimiter)
            parts.append((blank + ending).encode())
    if draw(st.integers(0, 9)) == 0:  # an unclosed quote: it swallows the rest of the file
        parts.append(f'"Z{delimiter}2005-05-10{ending}'.encode())
        count += 1
        kinds.append("unclosed_quote")
    content = b"".join(parts)
    maybe = False
    if draw(st.integers(0, 9)) == 0:  # CR-only line endings (old Mac): the same records
        content = content.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        kinds.append("cr_only")
        maybe = True
    return BatchFile(content, draw(st.sampled_from((".csv", ".txt"))), count, refused, maybe, kinds)


RAW_JSON_LINES = (
    "[1, 2]",
    '["id", "birth_date"]',
    '"2005-05-10"',
    "null",
    "42",
    "true",
    "{",
    '{"id": }',
    "}{",
    "{}",
    '{"id": "A"} {"id": "B"}',
    '{"id": "A", "id": "B", "birth_date": "2005-05-10"}',
    "NaN",
    '{"id": "X", "birth_date": 20050510}',
    '{"id": "X", "birth_date": "2005-05-10", "cycle_start_year": 1e400}',
    '{"id": "X", "birth_date": "2005-05-10", "smc": -1E-400}',
    '{"id": "X", "birth_date": {"date": "2005-05-10"}}',
    '{"id": ["X"], "birth_date": "2005-05-10"}',
    '{"id": "X", "birth_date": "2005-05-10", "extra": 1}',
    "\ufeff{}",
    "'single quotes'",
    # Text that is not text: lone surrogate escapes, valid JSON that no output could write.
    '{"id": "\\ud800", "birth_date": "2005-05-10"}',
    '{"\\udcff": "x", "id": "S", "birth_date": "2005-05-10"}',
    '{"id": "S", "birth_date": "2005-05-10", "smc": "\\udfff"}',
    # JSON's own booleans in a yes/no column, and elsewhere.
    '{"id": "F", "birth_date": "2005-05-10", "licence_pro": true, "same_level_related": false}',
    '{"id": "F", "birth_date": true}',
)


@st.composite
def jsonl_records(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(COLUMNS), unique=True, max_size=len(COLUMNS)))
    record: dict[str, Any] = {}
    for key in keys:
        record[key] = draw(st.one_of(fs.COLUMN_CELLS[key], fs.COLUMN_CELLS[key], fs.json_values))
    if draw(st.integers(0, 5)) == 0:
        record[draw(st.text(max_size=5))] = draw(fs.json_values)
    return json.dumps(record, ensure_ascii=draw(st.booleans()))


@st.composite
def jsonl_files(draw: st.DrawFn) -> BatchFile:
    ending = draw(st.sampled_from(("\n", "\r\n")))
    parts: list[bytes] = []
    if draw(st.booleans()):
        parts.append(b"\xef\xbb\xbf")
    count = 0
    kinds = draw(
        st.lists(st.sampled_from(("record",) * 6 + ("raw", "not_utf8", "blank")), max_size=8)
    )
    for kind in kinds:
        if kind == "record":
            parts.append((draw(jsonl_records()) + ending).encode("utf-8", "surrogatepass"))
            count += 1
        elif kind == "raw":
            parts.append((draw(st.sampled_from(RAW_JSON_LINES)) + ending).encode())
            count += 1
        elif kind == "not_utf8":
            bad = draw(st.sampled_from(NOT_UTF8))
            parts.append(b'{"id": "U' + bad + b'", "birth_date": "2005-05-10"}' + ending.encode())
            count += 1
        else:
            parts.append((draw(st.sampled_from(("", "  ", "\t"))) + ending).encode())
    suffix = draw(st.sampled_from((".jsonl", ".ndjson")))
    # A file without records may be read as nothing (exit 0) or refused as empty (exit 2).
    return BatchFile(b"".join(parts), suffix, count, maybe_refused=count == 0, kinds=kinds)


def run_batch(case: BatchFile, *extra: str) -> list[dict[str, Any]]:
    """Run `batch` on the file, check every invariant, return the output records."""
    with scratch() as tmp:
        source = tmp / f"in{case.suffix}"
        source.write_bytes(case.content)
        out = tmp / "out.jsonl"
        in_format = ["--in-format", "csv"] if case.suffix == ".txt" else []
        argv = ["batch", str(source), "-o", str(out), *in_format, *extra]
        where = f"{show(argv)}\ninput ({case.kinds}): {case.content[:2000]!r}"
        result = invoke(argv)
        check_run(result, argv, batch=True)
        if result.exit_code == 2:
            assert case.refused or case.maybe_refused, (where, result.stderr)
            assert not out.exists(), (where, "output file written although the input is refused")
            return []
        assert not case.refused, (where, "a file that should be refused was read")
        text = out.read_text(encoding="utf-8")
        assert text == "" or text.endswith("\n"), (where, text[-200:])
        lines = text.split("\n")[:-1]
        records = [json.loads(line) for line in lines]
        assert len(records) == case.records, (where, len(records), case.records, lines[:10])
        for line in lines:  # one record per line for every reader (NEL, U+2028 escaped)
            assert len(line.splitlines()) == 1, (where, line[:200])
        for record in records:
            assert {"id", "line", "ok"} <= record.keys(), (where, record)
            assert isinstance(record["line"], int) and isinstance(record["id"], str), record
            if record["ok"] is not True:
                assert record["ok"] is False, (where, record)
                assert isinstance(record.get("error"), str) and record["error"], (where, record)
        numbers = [r["line"] for r in records]
        assert numbers == sorted(set(numbers)), (where, "records out of input order", numbers)
        failed = sum(1 for r in records if not r["ok"])
        assert result.exit_code == (3 if failed else 0), (where, result.exit_code, failed)
        last = result.stderr.rstrip("\n").rsplit("\n", 1)[-1]
        summary = f"{len(records)} records, {len(records) - failed} ok, {failed} errors"
        assert summary in result.stderr, (where, last)
        return records


@fuzz_settings(1.0)
@given(case=csv_files(), detail=st.sampled_from(((), ("--detail", "months"))))
def test_batch_csv_one_output_record_per_input_record(
    case: BatchFile, detail: tuple[str, ...]
) -> None:
    run_batch(case, *detail)


@fuzz_settings(1.0)
@given(case=jsonl_files(), detail=st.sampled_from(((), ("--detail", "months"))))
def test_batch_jsonl_one_output_record_per_input_record(
    case: BatchFile, detail: tuple[str, ...]
) -> None:
    run_batch(case, *detail)


# --- batch: example-based cases --------------------------------------------------------------

HEADER = ",".join(COLUMNS[:8]) + "\n"  # the contract columns, no history
GOOD_ROWS = [
    "A-001,2005-05-10,2025-09-01,2028-02-29,general,,metropole,1",
    'A-002,10/05/2005,,,sssms,"2100,50",,',
    "A-003,2005-02-30,,,,,,",
]
# Each of these is one record the tool must answer with "ok": false (or compute), not a crash.
HOSTILE_ROWS = [
    "H-start,2005-05-10,9999-12-31,,,,,",
    "H-cycle,2005-05-10,,,,,," + "9" * 5000,
    "H-smc,2005-05-10,,,,9999999999999999999999999,,",
    "H-smc30,2005-05-10,,,,999999999999999999999999999999.99,,",
    "H-end,2005-05-10,2025-09-01,9999-12-31,,,,",
    "H-year1,0001-01-01,,,,,,",
]


def test_batch_workers_2_gives_the_same_records_as_one_process() -> None:
    """With --workers 2, the same records in the same order; a hostile record is one failed
    line, not the end of the run."""
    rows = GOOD_ROWS * 3 + HOSTILE_ROWS + GOOD_ROWS
    case = BatchFile((HEADER + "\n".join(rows) + "\n").encode(), ".csv", len(rows))
    one = run_batch(case)
    two = run_batch(case, "--workers", "2")
    assert one == two


def test_batch_workers_2_on_good_records() -> None:
    rows = GOOD_ROWS * 4
    case = BatchFile((HEADER + "\n".join(rows) + "\n").encode(), ".csv", len(rows))
    records = run_batch(case, "--workers", "2")
    assert [r["ok"] for r in records] == [True, True, False] * 4


@pytest.mark.parametrize("row", HOSTILE_ROWS, ids=lambda r: r.split(",")[0])
def test_batch_hostile_record_is_one_failed_line(row: str) -> None:
    rows = [GOOD_ROWS[0], row, GOOD_ROWS[1]]
    case = BatchFile((HEADER + "\n".join(rows) + "\n").encode(), ".csv", 3)
    records = run_batch(case)
    assert [r["id"] for r in records] == ["A-001", row.split(",")[0], "A-002"]


BIG = 1_500_000  # one deliberate large cell, about 1.5 MB


def test_batch_huge_cell_is_one_failed_record() -> None:
    rows = [GOOD_ROWS[0], "BIG," + "9" * BIG + ",,,,,,", GOOD_ROWS[1]]
    csv_case = BatchFile((HEADER + "\n".join(rows) + "\n").encode(), ".csv", 3)
    assert [r["ok"] for r in run_batch(csv_case)] == [True, False, True]
    lines = [
        '{"id": "A", "birth_date": "2005-05-10"}',
        json.dumps({"id": "BIG", "birth_date": "2005-05-10", "smc": "1" * BIG}),
        '{"id": "B", "birth_date": "2005-05-10"}',
    ]
    jsonl_case = BatchFile(("\n".join(lines) + "\n").encode(), ".jsonl", 3)
    assert [r["ok"] for r in run_batch(jsonl_case)] == [True, False, True]


def test_batch_cr_only_line_endings() -> None:
    """An old-Mac file (CR only): its records, or a refusal of the whole file."""
    rows = [HEADER.rstrip("\n"), *GOOD_ROWS]
    case = BatchFile("\r".join(rows).encode() + b"\r", ".csv", 3, maybe_refused=True)
    run_batch(case)


def test_batch_bom_semicolons_and_crlf() -> None:
    rows = [HEADER.rstrip("\n").replace(",", ";"), "A;2005-05-10;;;;2100,50;;"]
    case = BatchFile(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n", ".csv", 1)
    assert [r["ok"] for r in run_batch(case)] == [True]


# --- files untouched on failure ----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule", "--birth", "2005-02-30", "--format", "json", "-o", "{out}"],
        ["schedule", "--birth", "2005-05-10", "--smc", "abc", "--format", "csv", "-o", "{out}"],
        ["cost", "--birth", "2005-05-10", "--headcount", "-1", "--format", "xlsx", "-o", "{out}"],
        ["compare", "--birth", "2005-05-10", "--format", "xml", "-o", "{out}"],
        ["schedule", "--birth", "2005-05-10", "-o", "{out}"],
        ["batch", "{empty}", "-o", "{out}"],
        ["batch", "{unknown_columns}", "-o", "{out}"],
        ["batch", "{missing}", "-o", "{out}"],
        ["batch", "{good}", "-o", "{out}", "--workers", "0"],
        ["batch", "{good}", "-o", "{out}", "--detail", "all"],
    ],
    ids=lambda argv: " ".join(argv[:4]),
)
def test_existing_output_keeps_its_bytes_when_the_command_fails(argv: list[str]) -> None:
    with scratch() as tmp:
        files = {
            "out": tmp / "out.bin",
            "empty": tmp / "empty.csv",
            "unknown_columns": tmp / "unknown.csv",
            "missing": tmp / "missing.csv",
            "good": tmp / "good.csv",
        }
        files["out"].write_bytes(SENTINEL)
        files["empty"].write_bytes(b"")
        files["unknown_columns"].write_text("id,birth_date,naissance\nA,2005-05-10,x\n", "utf-8")
        files["good"].write_text(HEADER + GOOD_ROWS[0] + "\n", "utf-8")
        argv = [re.sub(r"\{(\w+)\}", lambda m: str(files[m.group(1)]), a) for a in argv]
        result = invoke(argv)
        check_run(result, argv, batch=argv[0] == "batch")
        assert result.exit_code == 2, (show(argv), result.stderr)
        assert files["out"].read_bytes() == SENTINEL


# --- outputs that clash: two naming one file, or one naming a file the run reads ---------------


@fuzz_settings(0.3)
@given(
    command=st.sampled_from(("schedule", "cost", "compare", "cerfa")),
    fmt=st.sampled_from(("table", "json", "html")),
    outputs=st.lists(st.tuples(st.sampled_from(("-o", "--svg", "--html")), CLASHING),
                     min_size=1, max_size=3),
    overlay=st.booleans(),
)  # fmt: skip
def test_clashing_outputs_change_no_file(
    command: str, fmt: str, outputs: list[tuple[str, str]], overlay: bool
) -> None:
    """Every output is checked before any is written: refused (exit 2), every file keeps its
    bytes; accepted or not, the overlay's files always do."""
    with scratch() as tmp:
        (tmp / "data").mkdir()
        (tmp / "data" / "smic.toml").write_text("# nothing added\n", encoding="utf-8")
        for name in ("same", "out"):
            (tmp / name).write_bytes(SENTINEL)
        argv = [command, "--birth", "2005-05-10", "--format", fmt]
        for option, path in outputs:
            argv += [option, path.replace("{tmp}", str(tmp))]
        if overlay:
            argv += ["--data", str(tmp / "data")]
        before = {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()}
        result = invoke(argv, env={"DEIS_PAY_DATA": ""})
        check_run(result, argv)
        assert (tmp / "data" / "smic.toml").read_bytes() == b"# nothing added\n"
        if result.exit_code != 0:
            after = {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()}
            assert after == before, (show(argv), "a file changed on a refusal")


# --- batch column rules -----------------------------------------------------------------------


@fuzz_settings(0.3)
@given(
    ignored=st.lists(st.sampled_from(("grid", "Grid", "smc", " territory ", "unknown")),
                     max_size=3),
    columns_bom=st.booleans(),
    grid=fs.COLUMN_CELLS["grid"],
    smc=fs.COLUMN_CELLS["smc"],
)  # fmt: skip
def test_batch_column_rules(ignored: list[str], columns_bom: bool, grid: str, smc: str) -> None:
    """A column named in --ignore-columns is never read, known name or not; a BOM in the
    --columns file is no error; the invariants of every batch run hold."""
    with scratch() as tmp:
        source = tmp / "in.csv"
        cells = ["A", "2005-05-10", grid.replace("\x00", ""), smc.replace("\x00", "")]
        rows = _csv_line(["Matricule", "birth_date", "grid", "smc"], ",", "\n")
        source.write_bytes((rows + _csv_line(cells, ",", "\n")).encode("utf-8", "surrogatepass"))
        columns = tmp / "columns.toml"
        bom = b"\xef\xbb\xbf" if columns_bom else b""
        columns.write_bytes(bom + b'[columns]\nid = "Matricule"\n')
        argv = ["batch", str(source), "--columns", str(columns), "-o", str(tmp / "out.jsonl")]
        if ignored:
            argv += ["--ignore-columns", ",".join(ignored)]
        result = invoke(argv)
        check_run(result, argv, batch=True)
        assert result.exit_code in (0, 3), (show(argv), result.stderr)
        text = (tmp / "out.jsonl").read_text("utf-8")
        [record] = [json.loads(line) for line in text.splitlines()]
        if {"grid", "smc"} <= {name.strip().lower() for name in ignored}:
            assert record["ok"] is True, (show(argv), record)


# --- closed standard streams ------------------------------------------------------------------

STREAM_COMMANDS = (
    ("schedule", "--birth", "2005-05-10"),
    ("schedule", "--birth", "2005-05-10", "--format", "json"),
    ("cost", "--birth", "2005-05-10", "--format", "csv"),
    ("data",),
    ("schema",),
    ("--version",),
    ("batch", "-"),
    ("batch", "{in}"),
    ("batch", "{in}", "-o", "{out}"),
    (),
)


@fuzz_settings(0.15)
@given(argv=st.sampled_from(STREAM_COMMANDS), closed=st.sets(st.sampled_from((0, 1, 2))))
def test_closed_standard_streams_never_give_a_traceback(
    argv: tuple[str, ...], closed: set[int]
) -> None:
    """Run as its own process with some of stdin, stdout and stderr closed: the documented
    status, at most one line on stderr, and records written when only stderr is closed."""
    with scratch() as tmp:
        source, target = tmp / "in.csv", tmp / "out.jsonl"
        source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
        args = [a.replace("{in}", str(source)).replace("{out}", str(target)) for a in argv]
        errors = tmp / "stderr"

        def close() -> None:
            for fd in sorted(closed):
                os.close(fd)

        with errors.open("wb") as sink:
            result = subprocess.run(
                [sys.executable, "-m", "deis_pay", *args], stdout=subprocess.PIPE,
                stderr=sink, stdin=subprocess.DEVNULL, preexec_fn=close, timeout=120,
                check=False, env={**os.environ, **ENV, "DEIS_PAY_CACHE_DIR": str(tmp / "c")},
            )  # fmt: skip
        said = errors.read_bytes()
        assert b"Traceback" not in said, (args, closed, said[-2000:])
        assert result.returncode in (0, 1, 2), (args, closed, result.returncode, said)
        if result.returncode in (1, 2) and args:
            assert said.count(b"\n") <= 1, (args, closed, said)
        if closed == {2} and args[:1] == ["batch"] and args[1:2] != ["-"]:
            written = target.read_bytes() if "-o" in args else result.stdout
            assert json.loads(written)["ok"] is True, (args, written[:200])


# --- the library: values of every Python type ------------------------------------------------

PY_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30, max_value=10**5000),
    st.floats(), st.decimals(), st.text(max_size=10), st.dates(), st.datetimes(),
    st.datetimes(timezones=st.just(UTC)), st.lists(st.integers(), max_size=2),
    st.sampled_from(("2100,50", "48 €", "1 500", "oui", "2,08", "180")),
)  # fmt: skip
SCHEDULE_KEYS = ("start", "end", "months", "grid", "smc", "territory", "cycle_start_year")
EMPLOYER_KEYS = ("kind", "headcount", "atmp_rate_percent", "health_cover", "diploma_level",
                 "rqth", "signed", "overseas")  # fmt: skip


@fuzz_settings(0.3)
@given(
    schedule=st.dictionaries(st.sampled_from(SCHEDULE_KEYS), PY_VALUES),
    employer=st.dictionaries(st.sampled_from(EMPLOYER_KEYS), PY_VALUES),
    birth=st.one_of(st.dates(), st.datetimes(), PY_VALUES),
)
def test_the_library_takes_any_value_or_names_what_is_wrong(
    schedule: dict[str, Any], employer: dict[str, Any], birth: Any
) -> None:
    """compute_schedule and Employer return, or raise InputError or TypeError whose str() is
    one line; never another exception."""
    calls = (
        lambda: compute_schedule(birth, **schedule),
        lambda: Employer(**employer),
    )
    for call in calls:
        try:
            call()
        except (InputError, TypeError) as error:
            text = str(error)
            assert text and len(text.splitlines()) == 1 and len(text) < 500, text


# --- data-file mutations -------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.\-:])-?\d+(?:\.\d+)?(?![\w.\-:])")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
KEY_LINE = re.compile(r"^[ \t]*[\w\"<+-]+[ \t]*=.*$", re.MULTILINE)
SOURCE_ID = re.compile(r'^(id\s*=\s*")([^"]+)(")', re.MULTILINE)
BAD_NUMBERS = ("-5", "1e9", "0", "-0.0", "1e400", "nan", "inf", "-inf", "9" * 30, "9" * 5000)
BAD_DATES = (
    "2026-13-45",
    "2026-02-30",
    '"2026-01-01"',
    "garbage",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2026-06-15",
    "2026-06-01T00:00:00",
)


def _swap_tables(text: str, pick: int) -> str | None:
    """Swap two [[array]] tables of the same name (two dated records change order)."""
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    by_name: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.startswith("[["):
            by_name.setdefault(block.split("]]", 1)[0], []).append(i)
    pairs = [(a, b) for idx in by_name.values() for a, b in itertools.pairwise(idx)]
    if not pairs:
        return None
    a, b = pairs[pick % len(pairs)]
    blocks[a], blocks[b] = blocks[b], blocks[a]
    return "".join(blocks)


def _replace_nth(
    pattern: re.Pattern[str], text: str, pick: int, new: Callable[[str], str]
) -> str | None:
    found = list(pattern.finditer(text))
    if not found:
        return None
    match = found[pick % len(found)]
    return text[: match.start()] + new(match.group(0)) + text[match.end() :]


MUTATIONS = ("swap", "number", "delete_key", "rename_source", "date", "truncate", "not_utf8")


def mutate(text: str, kind: str, pick: int, value: int) -> str | bytes | None:
    if kind == "swap":
        return _swap_tables(text, pick)
    if kind == "number":
        return _replace_nth(NUMBER, text, pick, lambda _: BAD_NUMBERS[value % len(BAD_NUMBERS)])
    if kind == "delete_key":
        return _replace_nth(KEY_LINE, text, pick, lambda _: "")
    if kind == "rename_source":
        return _replace_nth(SOURCE_ID, text, pick, lambda m: m[:-1] + '-renamed"')
    if kind == "date":
        return _replace_nth(DATE, text, pick, lambda _: BAD_DATES[value % len(BAD_DATES)])
    if kind == "truncate":
        return text[: pick % max(1, len(text))]
    raw = text.encode()
    at = pick % max(1, len(raw))
    return raw[:at] + b"\xff\xfe" + raw[at:]


DATA_COMMANDS = (
    ["schedule", "--birth", "2005-05-10", "--format", "json"],
    ["schedule", "--birth", "2001-02-28", "--grid", "sssms", "--net", "--explain"],
    ["schedule", "--birth", "2005-05-10", "--start", "2019-03-01", "--territory", "mayotte"],
    ["cost", "--birth", "2005-05-10", "--format", "json"],
    ["cost", "--birth", "2000-01-01", "--employer", "association", "--headcount", "300"],
    ["cost", "--birth", "2005-05-10", "--start", "2024-01-15", "--rqth", "--explain"],
)


@fuzz_settings(1.5)
@given(
    file=st.sampled_from(DATA_FILES),
    kind=st.sampled_from(MUTATIONS),
    pick=st.integers(min_value=0, max_value=10_000),
    value=st.integers(min_value=0, max_value=100),
    argv=st.sampled_from(DATA_COMMANDS),
)
def test_mutated_data_gives_a_result_or_one_line(
    file: str, kind: str, pick: int, value: int, argv: list[str]
) -> None:
    with scratch() as tmp:
        folder = tmp / "data"
        shutil.copytree(data_dir(), folder)
        path = folder / file
        mutated = mutate(path.read_text(encoding="utf-8"), kind, pick, value)
        if mutated is None:
            return  # nothing of that kind in this file
        if isinstance(mutated, bytes):
            path.write_bytes(mutated)
        else:
            path.write_text(mutated, encoding="utf-8")
        env = {"DEIS_PAY_DATA_DIR": str(folder), "DEIS_PAY_CACHE_DIR": str(tmp / "cache")}
        _dataset_with.cache_clear()
        try:
            result = invoke(list(argv), env=env)
        finally:
            _dataset_with.cache_clear()
        check_run(result, [*argv, f"# {file}: {kind} {pick} {value}"], data_broken=True)


# --- the terminal's encoding -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule", "--birth", "2005-05-10"],
        ["schedule", "--birth", "2005-02-30"],
    ],
)
def test_ascii_terminal_gets_no_traceback(argv: list[str]) -> None:
    """PYTHONIOENCODING=ascii (a C locale, a CI log): an answer or one line, no traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "DEIS_PAY_CACHE_DIR": "off", **ENV}
    done = subprocess.run(
        [sys.executable, "-m", "deis_pay", *argv],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr[-2000:]
    assert done.returncode in (0, 2), (done.returncode, stderr)
    if done.returncode == 2:
        assert done.stdout == b""
        one_line(stderr, show(argv))
