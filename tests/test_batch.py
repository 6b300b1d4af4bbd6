"""`deis-pay batch`: every record out, in order, the same results as `schedule`, nothing lost."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay.batch import lines, read, run
from deis_pay.rules.models import HISTORY_FIELDS

from .conftest import Run, cli_args, load_cases, run_cli

HEADER = "id,birth_date,start,end,grid,smc,territory,cycle_start_year\n"


def _write(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def _lines(result: Run) -> list[dict[str, Any]]:
    return [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]


def test_shared_vectors_give_the_same_json_as_schedule(tmp_path: Path) -> None:
    """Each shared case through `batch --detail months` equals `schedule --format json`, its
    history given in the columns of the same names as the options (flags as oui/non)."""
    cases = load_cases()
    rows = [HEADER.strip() + "," + ",".join(HISTORY_FIELDS)]
    for case in cases:
        a = case["args"]
        history = a.get("history", {})
        cells = [case["id"], a["birth_date"], a["start"], a["end"], a["grid"],
                 a["smc"] or "", a["territory"], str(a["cycle_start_year"])]  # fmt: skip
        for name in HISTORY_FIELDS:
            value = history.get(name)
            cells.append("oui" if value is True else "non" if value is False else str(value or ""))
        rows.append(",".join(cells))
    source = _write(tmp_path, "\n".join(rows) + "\n")
    result = run_cli("batch", str(source), "--detail", "months")
    assert result.exit_code == 0, result.stderr
    outputs = _lines(result)
    assert [o["id"] for o in outputs] == [c["id"] for c in cases]
    assert [o["line"] for o in outputs] == list(range(2, len(cases) + 2))
    for case, output in zip(cases, outputs, strict=True):
        alone = run_cli(*cli_args(case["args"])).json()
        # What the history changes, `schedule`'s own line and key (rules.compare.history_effect,
        # tests/test_history_effect.py), is not a batch record's.
        alone.pop("history_effect", None)
        assert output.pop("ok") is True
        output.pop("id"), output.pop("line")
        # The same but the blank cells of the file (notes `default_used`, tested in
        # test_batch_assumptions.py) and the flags given "non" that the options leave out.
        assumed = _said_alike(output)
        stated = {item["field"]: item for item in alone.pop("assumptions")}
        for field, item in stated.items():
            assert assumed[field]["value"] == item["value"], (case["id"], field)
        assert output == alone, case["id"]
    assert result.stderr.splitlines()[-1] == f"{len(cases)} records, {len(cases)} ok, 0 errors"


def test_summary_matches_the_schedule_totals(tmp_path: Path) -> None:
    source = _write(tmp_path, HEADER + "A-1,2005-05-10,,,,,,\n")
    [summary] = _lines(run_cli("batch", str(source)))
    # (A batch's lines do not depend on the day it runs: no `default_contract_started`.)
    alone = run_cli("schedule", "--birth", "2005-05-10", "--format", "json",
                    "--today", "01/08/2025").json()  # fmt: skip
    assert set(summary) == {"id", "line", "ok", "total_gross", "contract_years",
                            "calendar_years", "aids", "warnings", "notices", "assumptions",
                            "data"}  # fmt: skip
    stated = {item["field"]: item for item in alone["assumptions"]}
    assumed = _said_alike(summary)
    assert assumed == stated
    for key in ("total_gross", "contract_years", "calendar_years", "aids", "warnings", "notices",
                "data"):  # fmt: skip
        assert summary[key] == alone[key], key


def _said_alike(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A batch record as `deis-pay schedule` says the same contract: without the notes of its
    blank cells (`default_used`), which the command line has not; and its assumptions by
    field, those notes' code taken out, popped from the record."""
    record["notices"] = [n for n in record["notices"] if n["code"] != "default_used"]
    assumed = {}
    for item in record.pop("assumptions"):
        if item["notice"] == "default_used":
            item["notice"] = None
        assumed[item["field"]] = item
    return assumed


def test_french_csv_semicolons_bom_quotes_commas_and_defaults(tmp_path: Path) -> None:
    """`;`, a BOM, quoted cells, JJ/MM/AAAA dates, decimal commas; empty cells take defaults."""
    text = (
        "\ufeffid;birth_date;start;end;grid;smc;territory;cycle_start_year\r\n"
        'A-001;10/05/2005;;;sssms;"2100,50";;\r\n'
        '"B;002";1998-03-15;01/09/2025;29/02/2028;general;2100;metropole;1\r\n'
    )
    result = run_cli("batch", str(_write(tmp_path, text)))
    assert result.exit_code == 0, result.stderr
    first, second = _lines(result)
    assert (first["id"], first["line"], second["id"]) == ("A-001", 2, "B;002")
    alone = run_cli("schedule", "--birth", "2005-05-10", "--grid", "sssms", "--smc", "2100.50",
                    "--format", "json").json()  # fmt: skip
    assert first["total_gross"] == alone["total_gross"]


def test_line_numbers_follow_physical_lines(tmp_path: Path) -> None:
    """Blank lines are skipped; a quoted cell over two lines keeps the next record's line right."""
    text = (
        HEADER
        + "\nA,2005-05-10,,,,,,\n\n,,,,,,,\n"
        + 'B,2005-05-10,,,"gen\neral",,,\nC,2005-05-10,,,,,,\n'
    )
    outputs = _lines(run_cli("batch", str(_write(tmp_path, text))))
    assert [(o["id"], o["line"], o["ok"]) for o in outputs] == [
        ("A", 3, True),
        ("B", 6, False),
        ("C", 8, True),
    ]
    assert outputs[1]["error"].startswith("grid : ")
    assert (outputs[1]["error_code"], outputs[1]["field"]) == ("unknown_choice", "grid")


def test_record_errors_carry_the_cli_message_and_never_stop_the_run(tmp_path: Path) -> None:
    """Impossible date, too many and too few fields, missing id: one error record each, exit 3;
    the message is the CLI's, naming the column instead of the option, with its code."""
    text = HEADER + (
        "A,2005-02-30,,,,,,\n"
        "B,2005-05-10,,,,,,,extra\n"
        "C,2005-05-10\n"
        ",2005-05-10,,,,,,\n"
        "D,2005-05-10,,,,,,\n"
    )
    result = run_cli("batch", str(_write(tmp_path, text)))
    assert result.exit_code == 3
    outputs = _lines(result)
    assert [o["ok"] for o in outputs] == [False, False, False, False, True]
    cli = run_cli("schedule", "--birth", "2005-02-30")
    cli_message = cli.stderr.removeprefix("Erreur : ").rstrip("\n")
    assert outputs[0]["error"] == cli_message.replace("--birth", "birth_date", 1)
    assert (outputs[0]["error_code"], outputs[0]["field"]) == ("no_such_day", "birth_date")
    assert (outputs[1]["error_code"], outputs[1]["field"]) == ("wrong_field_count", None)
    assert (outputs[3]["error_code"], outputs[3]["field"]) == ("empty_id", "id")
    assert outputs[1]["error"] == "ligne 3 : 9 champs au lieu de 8"
    assert outputs[2]["error"] == "ligne 4 : 2 champs au lieu de 8"
    assert outputs[3]["error"].startswith("id : valeur vide")
    assert result.stderr.splitlines()[-1] == "5 records, 1 ok, 4 errors"


def test_non_utf8_bytes_spoil_only_their_record(tmp_path: Path) -> None:
    raw = (HEADER + "A,2005-05-10,,,,,,\n").encode() + b"B\xe9,2005-05-10,,,,,,\n"
    raw += b"C,2005-05-10,,,,,,\n"
    outputs = _lines(run_cli("batch", str(_write(tmp_path, raw))))
    assert [o["ok"] for o in outputs] == [True, False, True]
    assert "UTF-8" in outputs[1]["error"] and outputs[1]["line"] == 3


def test_unbalanced_quote_is_reported_with_the_lines_it_swallowed(tmp_path: Path) -> None:
    text = HEADER + 'A,2005-05-10,,,,,,\nB,"2005-05-10,,,,,,\nC,2005-05-10,,,,,,\n'
    result = run_cli("batch", str(_write(tmp_path, text)))
    outputs = _lines(result)
    assert [o["ok"] for o in outputs] == [True, False]
    assert outputs[1]["error"].startswith("lignes 3 à 4 : CSV mal formé")
    assert result.exit_code == 3


def test_duplicate_ids_are_processed_and_counted(tmp_path: Path) -> None:
    text = (
        HEADER + "A,2005-05-10,,,,,,\nA,2006-05-10,,,,,,\nB,2005-05-10,,,,,,\nA,2004-01-01,,,,,,\n"
    )
    result = run_cli("batch", str(_write(tmp_path, text)))
    assert result.exit_code == 0
    assert len(_lines(result)) == 4
    assert "2 enregistrement(s) reprennent un id déjà vu" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "fichier vide"),
        ("\n\n", "fichier vide"),
        ("id,brith_date\nA,2005-05-10\n", "colonnes inconnues : brith_date"),
        ("id,start\nA,2025-09-01\n", "colonnes obligatoires absentes : birth_date"),
        ("id,birth_date,id\nA,2005-05-10,B\n", "colonnes en double : id"),
        ("%PDF-1.7 binary stuff\n", "colonnes inconnues"),
    ],
)
def test_unreadable_input_exits_2_before_any_output(
    tmp_path: Path, text: str, message: str
) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(_write(tmp_path, text)), "-o", str(out))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == "" and not out.exists()


def test_missing_file_and_bad_options_exit_2(tmp_path: Path) -> None:
    assert run_cli("batch", str(tmp_path / "none.csv")).exit_code == 2
    source = _write(tmp_path, HEADER)
    for option, value in (("--workers", "0"), ("--detail", "all"), ("--out-format", "xml"),
                          ("--in-format", "xlsx")):  # fmt: skip
        result = run_cli("batch", str(source), option, value)
        assert result.exit_code == 2 and option in result.stderr and result.stdout == ""


def test_header_only_is_zero_records(tmp_path: Path) -> None:
    result = run_cli("batch", str(_write(tmp_path, HEADER)))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "0 records, 0 ok, 0 errors"


def test_jsonl_input_numbers_unknown_keys_and_broken_lines(tmp_path: Path) -> None:
    text = (
        '{"id": "A", "birth_date": "2005-05-10", "smc": 2100.50, "cycle_start_year": 1}\n'
        "\n"
        '{"id": "B", "birth_date": "2005-05-10", "colour": "blue"}\n'
        "not json\n"
        '["id", "C"]\n'
        '{"id": "D", "birth_date": "10/05/2005", "grid": null}\n'
    )
    result = run_cli("batch", str(_write(tmp_path, text, "in.jsonl")))
    outputs = _lines(result)
    assert [(o["id"], o["line"], o["ok"]) for o in outputs] == [
        ("A", 1, True),
        ("B", 3, False),
        ("", 4, False),
        ("", 5, False),
        ("D", 6, True),
    ]
    assert "colour" in outputs[1]["error"]
    assert result.exit_code == 3


def test_csv_output_one_row_per_contract_or_month(tmp_path: Path) -> None:
    source = _write(tmp_path, HEADER + "A,2005-05-10,,,,,,\nB,2005-02-30,,,,,,\n")
    summary = run_cli("batch", str(source), "--out-format", "csv")
    lines = summary.stdout.splitlines()
    assert lines[0].startswith("id,line,ok,error,total_gross,year_1")
    assert lines[1].startswith("A,2,true,,32391.62,9987.26,13666.68,8737.68,,true,2025-09-01")
    assert lines[2].startswith("B,3,false,birth_date : ")
    assert lines[2].endswith(",no_such_day,birth_date,")  # (then `defaults`, blank)
    months = run_cli("batch", str(source), "--out-format", "csv", "--detail", "months")
    rows = months.stdout.splitlines()
    assert len(rows) == 1 + 30 + 1
    assert rows[1] == "A,2,true,,2025-09,30,774.78,false,1,1,18-20,43,smic,1801.80,774.78,,"


def test_workers_keep_the_input_order(tmp_path: Path) -> None:
    """With 2 processes and chunks of a few records, the output is that of one process."""
    rows = [f"C{n:04d},{1996 + n % 12}-0{1 + n % 9}-1{n % 10},,,{('general', 'sssms')[n % 2]},,,"
            for n in range(1300)]  # fmt: skip
    rows[700] = "BAD,2005-02-30,,,,,,"
    source = _write(tmp_path, HEADER + "\n".join(rows) + "\n")
    one = run_cli("batch", str(source))
    two = run_cli("batch", str(source), "--workers", "2")
    assert one.exit_code == two.exit_code == 3
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 1300


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    process = subprocess.run(
        [sys.executable, "-m", "deis_pay", "batch", "-", "-o", str(out)],
        input=(HEADER + "A,2005-05-10,,,,,,\n").encode(),
        capture_output=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    assert process.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["total_gross"] == 32391.62


def test_output_streams_before_the_input_ends() -> None:
    """The first result is written while the input is still open: nothing is held back."""
    with subprocess.Popen(
        [sys.executable, "-m", "deis_pay", "batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        stdout = process.stdout
        process.stdin.write((HEADER + "A,2005-05-10,,,,,,\n" * 2000).encode())
        process.stdin.flush()
        first: list[bytes] = []
        reader = threading.Thread(target=lambda: first.append(stdout.readline()))
        reader.start()
        reader.join(timeout=30)
        assert first and first[0].startswith(b'{"id":"A","line":2,"ok":true')
        process.stdin.close()
        stdout.read()
        assert process.wait(timeout=60) == 0


def test_reader_yields_records_lazily() -> None:
    """read_csv reads the input only as records are asked for, a buffer at a time (flat memory
    on an endless input)."""

    class Endless(io.RawIOBase):
        pulled = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = HEADER.encode() if self.pulled == 0 else b"A,2005-05-10,,,,,,\n" * 64
            self.pulled += len(chunk)
            buffer[: len(chunk)] = chunk
            return len(chunk)

    source = Endless()
    records = read.read_csv(io.BufferedReader(source))
    for _ in range(3):
        next(records)
    assert source.pulled <= 64 * 1024  # one buffer or a few, never the endless rest


def test_duplicate_count_across_sorted_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids repeated across the sorted runs of the counter are all counted, once per repeat."""
    monkeypatch.setattr(run._IdCounter, "RUN", 3)
    counter = run._IdCounter()
    for record_id in ["a", "b", "a", "c", "d", "a", "e", "b", "f", "g"]:
        counter.add(record_id)
    assert counter.duplicates() == 3


def test_the_cycle_collector_runs_rarely_during_a_batch_and_as_before_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`batch.run.rare_collections`: while records are computed the collector's first threshold
    is raised; after the batch, even one that fails, it is what it was."""
    import gc

    before = gc.get_threshold()
    during: list[int] = []
    real_render = lines.render

    def spying(*args: Any, **kwargs: Any) -> Any:
        for result in real_render(*args, **kwargs):
            during.append(gc.get_threshold()[0])
            yield result

    monkeypatch.setattr(run, "render", spying)
    source = io.BytesIO(b"id,birth_date\na,2005-05-10\nb,2006-01-31\n")
    tally = run.write(
        read.prepare(source, "csv"), io.StringIO(), out_format="jsonl", detail="summary"
    )
    assert tally.ok == 2
    assert during == [70_000, 70_000]
    assert gc.get_threshold() == before

    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            if text:  # (the JSON-lines header is empty)
                during.append(gc.get_threshold()[0])
                raise OSError("disk full")
            return 0

    source = io.BytesIO(b"id,birth_date\na,2005-05-10\n")
    with pytest.raises(OSError, match="disk full"):
        run.write(read.prepare(source, "csv"), Broken(), out_format="jsonl", detail="summary")
    assert during[-1] == 70_000  # (it failed within the batch, on writing its first lines)
    assert gc.get_threshold() == before
