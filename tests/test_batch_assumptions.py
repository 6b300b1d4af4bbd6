"""Batch records say what they assumed: `assumptions` on every record computed, a
`default_used` note for each blank cell that took a default, the CSV `defaults` column."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from deis_pay.batch.lines import Extras, record_assumed
from deis_pay.data.loader import default_dataset
from deis_pay.input.text import contract_from_text
from deis_pay.present.export import dumps_line
from deis_pay.rules.assumptions import contract_assumptions

from .conftest import run_cli

DATA = default_dataset()
HEADER = "id,birth_date,start,end,grid,territory\n"


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _batch(tmp_path: Path, content: str, *options: str, name: str = "in.csv") -> str:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = run_cli("batch", str(source), *options)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _notes(record: dict[str, Any]) -> dict[str, Any]:
    return {
        n["field"]: n["params"]["value"] for n in record["notices"] if n["code"] == "default_used"
    }


# Written by hand: a contract from 01/09/2026 whose end is blank ends after the DEIS's 30 months,
# on 28/02/2029 (01/09/2026 + 30 months = 01/03/2029, less a day; 2029 is no leap year). Its
# grid and territory cells are blank: the legal grid, mainland France. The file has no `smc`
# and no `cycle_start_year` column: stated as defaults (no SMC, year 1), with no note.
BLANKS: list[dict[str, Any]] = [
    {"field": "birth_date", "value": "2004-11-07", "origin": "given", "notice": None},
    {"field": "start", "value": "2026-09-01", "origin": "given", "notice": None},
    {"field": "end", "value": "2029-02-28", "origin": "derived", "notice": "end_derived"},
    {"field": "grid", "value": "general", "origin": "default", "notice": "default_used"},
    {"field": "smc", "value": None, "origin": "default", "notice": None},
    {"field": "territory", "value": "metropole", "origin": "default", "notice": "default_used"},
    {"field": "cycle_start_year", "value": 1, "origin": "default", "notice": None},
]


def test_blank_cells_are_notes_and_assumptions_say_default_or_derived(tmp_path: Path) -> None:
    [record] = _records(_batch(tmp_path, HEADER + "A,2004-11-07,2026-09-01,,,\n"))
    assert record["assumptions"] == BLANKS
    # One note per blank cell of a column the file has, naming the column and the value used.
    assert _notes(record) == {"end": "2029-02-28", "grid": "general", "territory": "metropole"}
    codes = [n["code"] for n in record["notices"]]
    # The end from the DEIS's duration is a warning, said first (as `schedule` says it).
    assert codes[0] == "end_derived"
    assert record["warnings"][0].startswith("fin le 28/02/2029 : la durée du programme")
    assert not any("vide" in warning for warning in record["warnings"])  # (notes, not warnings)
    # Keys only added: `assumptions` after `notices`, before `data`.
    assert list(record)[-3:] == ["notices", "assumptions", "data"]


def test_a_record_whose_every_cell_is_given_assumes_nothing(tmp_path: Path) -> None:
    content = (
        "id,birth_date,start,end,grid,smc,territory,cycle_start_year\n"
        "A,2004-11-07,2026-09-01,2029-02-28,general,2100,metropole,1\n"
    )
    [record] = _records(_batch(tmp_path, content))
    assert [a["origin"] for a in record["assumptions"]] == ["given"] * 7
    assert [a["field"] for a in record["assumptions"]] == [a["field"] for a in BLANKS]
    assert record["assumptions"][4]["value"] == 2100  # (the SMC as given)
    assert not {"default_used", "end_derived", "default_contract"} & {
        n["code"] for n in record["notices"]
    }
    [row] = csv.DictReader(io.StringIO(_batch(tmp_path, content, "--out-format", "csv")))
    assert row["defaults"] == ""


def test_blank_dates_are_the_default_contract_said(tmp_path: Path) -> None:
    [record] = _records(_batch(tmp_path, HEADER + "A,2004-11-07,,,sssms,\n"))
    by_field = {a["field"]: a for a in record["assumptions"]}
    # The DEIS's intake of 01/09/2025, 30 months (data/programme.toml): to 29/02/2028.
    assert by_field["start"] == {"field": "start", "value": "2025-09-01", "origin": "default",
                                 "notice": "default_contract"}  # fmt: skip
    assert by_field["end"]["value"] == "2028-02-29"
    assert by_field["grid"]["origin"] == "given"
    assert record["notices"][0]["code"] == "default_contract"
    # (A batch's lines do not depend on the day it runs.)
    assert "default_contract_started" not in {n["code"] for n in record["notices"]}
    assert _notes(record) == {"start": "2025-09-01", "end": "2028-02-29", "territory": "metropole"}


def test_an_absent_column_is_stated_but_not_noted(tmp_path: Path) -> None:
    """The file has no `start` column: the default contract is said all the same (a warning),
    but no `default_used` note repeats the header on every record."""
    [record] = _records(_batch(tmp_path, "id,birth_date\nA,2004-11-07\n"))
    assert _notes(record) == {}
    assert record["notices"][0]["code"] == "default_contract"
    assert [a["origin"] for a in record["assumptions"][1:]] == ["default"] * 6


def test_summary_months_and_csv_agree(tmp_path: Path) -> None:
    content = HEADER + "A,2004-11-07,2026-09-01,,,\nB,2003-01-15,,,sssms,mayotte\n"
    summary = _records(_batch(tmp_path, content))
    months = _records(_batch(tmp_path, content, "--detail", "months"))
    rows = list(csv.DictReader(io.StringIO(_batch(tmp_path, content, "--out-format", "csv"))))
    for line, whole, row in zip(summary, months, rows, strict=True):
        assert line["assumptions"] == whole["assumptions"]
        assert line["notices"] == whole["notices"]
        assert line["warnings"] == whole["warnings"]
        defaults = [a["field"] for a in line["assumptions"]
                    if (a["origin"] == "default" and a["value"] is not None)
                    or a["notice"] in ("end_derived",)]  # fmt: skip
        assert row["defaults"] == ";".join(defaults)
    assert rows[0]["defaults"] == "end;grid;territory;cycle_start_year"
    assert rows[1]["defaults"] == "start;end;cycle_start_year"


def test_records_of_the_same_cells_share_their_assumptions_but_the_birth_date(
    tmp_path: Path,
) -> None:
    """Apprentices of one intake (lines shared but the head): each line states its own birth
    date, and equals the line of the same record alone."""
    births = ("2004-11-07", "2004-11-08", "2004-12-01", "2001-03-03", "2004-11-07")
    content = HEADER + "".join(f"R{n},{b},2026-09-01,,,\n" for n, b in enumerate(births))
    together = _records(_batch(tmp_path, content))
    for n, (birth, record) in enumerate(zip(births, together, strict=True)):
        assert record["assumptions"][0]["value"] == birth
        [alone] = _records(_batch(tmp_path, HEADER + f"R{n},{birth},2026-09-01,,,\n"))
        assert record == dict(alone, line=n + 2)


def test_one_worker_and_two_give_the_same_lines(tmp_path: Path) -> None:
    rows = []
    for n in range(1200):
        start = ("2025-09-01", "", "2026-10-01")[n % 3]
        end = ("", "2028-08-31")[n % 2] if start else ""
        rows.append(f"C{n},{1996 + n % 10}-0{1 + n % 9}-1{n % 10},{start},{end},"
                    f"{('', 'sssms', 'general')[n % 3]},{('', 'metropole')[n % 2]}")  # fmt: skip
    content = HEADER + "\n".join(rows) + "\n"
    for options in ((), ("--out-format", "csv"), ("--with", "cost", "--headcount", "12")):
        one = _batch(tmp_path, content, *options)
        two = _batch(tmp_path, content, *options, "--workers", "2")
        assert one == two
    # Every record has a blank cell but those from 01/10/2026 with an end and a territory
    # (n % 3 == 2, n odd: n % 6 == 5), 200 of 1 200.
    assert sum("default_used" in line for line in one.splitlines()) == 1000


def test_the_assumptions_are_those_of_contract_assumptions() -> None:
    """The contract part of a record's assumptions is `contract_assumptions` of the same
    contract, its blank cells' notes added (checked by hand above, BLANKS)."""
    cells: dict[str, str | None] = {"id": "A", "birth_date": "2004-11-07",
                                    "start": "2026-09-01", "end": None, "grid": None,
                                    "territory": None}  # fmt: skip
    inputs = contract_from_text(DATA, cells)
    found, told = contract_assumptions(inputs, ("id", "birth_date", "start"), DATA)
    assumed = record_assumed(cells, inputs, DATA, Extras())
    noted = {"grid", "territory", "end"}
    expected = [dict(a, notice=a["notice"] or ("default_used" if a["field"] in noted else None))
                for a in json.loads(dumps_line(found))]  # fmt: skip
    assert json.loads(dumps_line(assumed.assumptions)) == expected == BLANKS
    assert assumed.leading == told
    assert [(n.code, n.field) for n in assumed.notes] == [
        ("default_used", "end"),
        ("default_used", "grid"),
        ("default_used", "territory"),
    ]
    assert assumed.notes[0].params == {"value": date(2029, 2, 28)}
    json_text = '{"a":0' + assumed.json(inputs.birth_date) + "}"
    assert json.loads(json_text)["assumptions"] == BLANKS


def test_json_lines_a_null_key_is_a_blank_cell_an_absent_key_no_column(tmp_path: Path) -> None:
    content = '{"id": "A", "birth_date": "2004-11-07", "start": "2026-09-01", "grid": null}\n'
    [record] = _records(_batch(tmp_path, content, name="in.jsonl"))
    assert _notes(record) == {"grid": "general"}  # (no `end` key: no note; its warning, yes)
    assert record["notices"][0]["code"] == "end_derived"
    assert record["assumptions"] == [
        dict(a, notice=None) if a["field"] == "territory" else a for a in BLANKS
    ]


def test_with_cost_the_employer_fields_given_by_a_cell_or_an_option(tmp_path: Path) -> None:
    content = (
        "id,birth_date,start,end,headcount,atmp_rate,diploma_level\n"
        "A,2004-11-07,2025-09-01,2028-02-29,,,\n"
        "B,2004-11-07,2025-09-01,2028-02-29,300,1.5,5\n"
    )
    first, second = _records(_batch(tmp_path, content, "--with", "cost", "--employer",
                                    "association"))  # fmt: skip
    employer = {a["field"]: a for a in first["assumptions"][7:]}
    assert list(employer)[:3] == ["kind", "headcount", "atmp_rate_percent"]
    assert employer["kind"] == {"field": "kind", "value": "association", "origin": "given",
                                "notice": None}  # fmt: skip
    assert employer["headcount"]["origin"] == "default"
    assert employer["headcount"]["value"] == 10  # (`cost`'s default)
    # The average AT/MP rate in force on 01/09/2025 (data/employer.toml, from 01/05/2025).
    assert employer["atmp_rate_percent"]["value"] == 2.12
    assert employer["signed"] == {"field": "signed", "value": "2025-09-01", "origin": "derived",
                                  "notice": None}  # fmt: skip
    # Blank cells: notes naming the column (not the field: `atmp_rate`).
    assert _notes(first) == {"headcount": 10, "atmp_rate": 2.12, "diploma_level": 7}
    assert any(
        note.startswith("effectif : 10 salariés par défaut") for note in first["cost"]["notes"]
    )
    given = {a["field"]: a for a in second["assumptions"][7:]}
    assert given["headcount"]["value"] == 300 and given["headcount"]["origin"] == "given"
    assert given["atmp_rate_percent"]["value"] == 1.5
    assert given["diploma_level"]["origin"] == "given"
    assert _notes(second) == {}
    assert not any(note.startswith("effectif") for note in second["cost"]["notes"])


def test_with_net_only_the_fields_the_net_reads(tmp_path: Path) -> None:
    content = "id,birth_date,health_cover\nA,2004-11-07,\n"
    [record] = _records(_batch(tmp_path, content, "--with", "net"))
    fields = [a["field"] for a in record["assumptions"][7:]]
    assert fields == ["health_cover", "health_employer_share_percent", "signed"]
    assert _notes(record) == {"health_cover": 0}


def test_a_failed_record_has_no_assumptions(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "A,2005-02-30,,,,\n", encoding="utf-8")
    [record] = _records(run_cli("batch", str(source)).stdout)
    assert record["ok"] is False and "assumptions" not in record


def test_assumptions_written_from_pieces_are_those_of_each_record_alone() -> None:
    """The summary writes a record's assumptions from the pieces of earlier records of the
    same cells (`_SharedLines.assumed`): each line equals the line of its record alone."""
    import random

    from deis_pay.batch.lines import render
    from deis_pay.batch.read import Record
    from deis_pay.core.memo import clear_all

    rng = random.Random(11)
    columns = ("id", "birth_date", "start", "end", "grid", "smc", "territory", "cycle_start_year")
    records = []
    for n in range(400):
        cells: dict[str, str | None] = dict.fromkeys(rng.sample(columns[2:], rng.randrange(7)))
        start = rng.choice(("2025-09-01", "01/09/2025", "2026-10-15"))
        values = {
            "start": start,
            "end": rng.choice(("2028-08-31", "31/08/2028")),
            "grid": rng.choice(("general", "sssms", "Légale")),
            "smc": "2100,50",
            "territory": rng.choice(("metropole", "mayotte")),
            "cycle_start_year": "2",
        }
        for name in cells:
            if rng.random() < 0.6:
                cells[name] = values[name]
        cells.update(
            id=f"R{n}", birth_date=f"{rng.randrange(1995, 2009)}-0{rng.randrange(1, 10)}-15"
        )
        records.append(Record(n + 2, f"R{n}", cells))
    clear_all()
    together = [text for _, _, text in render(records, DATA, "summary", "jsonl")]
    pieces = sum(1 for record in records if record.cells and record.cells.get("start"))
    assert pieces > 100  # (records the pieces can write)
    for record, text in zip(records, together, strict=True):
        clear_all()
        [(_, _, alone)] = list(render([record], DATA, "summary", "jsonl"))
        assert text == alone, record
