"""`batch --with net,cost`: the apprentice's net and the employer's cost of every contract,
the same figures as `schedule --net` and `cost` give for it."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deis_pay.batch.lines import COST_TOTALS
from deis_pay.rules.models import HISTORY_FIELDS

from .conftest import cli_args, load_cases, run_cli

HEADER = "id,birth_date,start,end,grid,smc,territory,cycle_start_year"


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


def _cases_file(tmp_path: Path, cases: list[dict[str, Any]]) -> Path:
    rows = [HEADER + "," + ",".join(HISTORY_FIELDS)]
    for case in cases:
        a = case["args"]
        history = a.get("history", {})
        cells = [case["id"], a["birth_date"], a["start"], a["end"], a["grid"], a["smc"] or "",
                 a["territory"], str(a["cycle_start_year"])]  # fmt: skip
        cells += [{True: "oui", False: "non"}.get(v, str(v)) if (v := history.get(n)) is not None
                  else "" for n in HISTORY_FIELDS]  # fmt: skip
        rows.append(",".join(cells))
    source = tmp_path / "cases.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return source


def test_every_shared_case_gets_the_net_and_cost_of_the_cli(tmp_path: Path) -> None:
    """All 30 worked cases (history included): the batch's net totals are `schedule --net`'s,
    its cost totals and contract years are `cost`'s; a Mayotte contract fails as `cost` does."""
    cases = load_cases()
    result = run_cli("batch", str(_cases_file(tmp_path, cases)), "--with", "net,cost",
                     "--employer", "association", "--headcount", "30")  # fmt: skip
    records = _records(result.stdout)
    assert len(records) == len(cases)
    for case, record in zip(cases, records, strict=True):
        args = cli_args(case["args"])
        cost = run_cli("cost", *args[1:], "--employer", "association", "--headcount", "30")
        net = run_cli(*args, "--net")
        if case["args"]["territory"] == "mayotte":
            assert cost.exit_code == net.exit_code == 2
            assert record["error_code"] == "contributions_not_for_mayotte"
            continue
        if cost.exit_code == 2:  # employer rates start in 2024: the record fails as `cost` does
            assert record["error_code"] == "employer_rates_unknown", case["id"]
            assert record["error"] in cost.stderr
            continue
        alone_cost, alone_net = cost.json(), net.json()["net"]
        for key in ("total_employee_contributions", "total_csg_crds", "total_net"):
            assert record["net"][key] == alone_net[key], (case["id"], key)
        for key in COST_TOTALS:
            assert record["cost"][key] == alone_cost[key], (case["id"], key)
        assert record["cost"]["contract_years"] == alone_cost["contract_years"]
        assert record["cost"]["employer"]["kind"] == "association"
        assert record["total_gross"] == alone_cost["total_gross"]


def test_a_row_s_employer_columns_win_over_the_options(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,employer,headcount,health_cover,signed\n"
        "A,2005-05-10,,,,\n"
        "B,2005-05-10,public,,,\n"
        "C,2005-05-10,,300,40,2025-08-15\n",
        encoding="utf-8",
    )
    records = _records(run_cli("batch", str(source), "--with", "cost", "--headcount", "12").stdout)
    employers = [r["cost"]["employer"] for r in records]
    assert [(e["kind"], e["headcount"]) for e in employers] == [
        ("private", 12), ("public", 12), ("private", 300)
    ]  # fmt: skip
    assert records[1]["cost"]["total_net"] is None  # public: no checked rates, as `cost` says
    alone = run_cli("cost", "--birth", "2005-05-10", "--headcount", "300", "--health-cover", "40",
                    "--signed", "2025-08-15", "--format", "json").json()  # fmt: skip
    assert (
        records[2]["cost"]["total_employer_cost_after_aids"]
        == (alone["total_employer_cost_after_aids"])
    )


def test_months_detail_carries_the_whole_net_and_cost(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    [record] = _records(
        run_cli("batch", str(source), "--with", "net,cost", "--detail", "months").stdout
    )
    net = run_cli("schedule", "--birth", "2005-05-10", "--net", "--format", "json").json()["net"]
    cost = run_cli("cost", "--birth", "2005-05-10", "--format", "json").json()
    assert record["net"] == net
    # (A batch's lines do not depend on the day it runs: no `default_contract_started`, which
    # `cost` says of the default contract, begun before today.)
    started = [n for n in cost["notices"] if n["code"] == "default_contract_started"]
    assert len(started) == 1
    cost["notices"].remove(started[0])
    cost["warnings"] = [w for w in cost["warnings"] if "a commencé" not in w]
    assert record["cost"] == cost


def test_csv_summary_ends_with_the_added_totals(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\nB,2005-02-30\n", encoding="utf-8")
    lines = run_cli("batch", str(source), "--with", "net,cost", "--out-format", "csv")
    header, ok, failed = lines.stdout.splitlines()
    assert header.endswith(",error_code,field,total_net,cost_total_net,total_employer_cost,"
                           "total_aids,total_employer_cost_after_aids,defaults")  # fmt: skip
    # (The file has no column but the id and birth date: its defaults are said there only.)
    defaults = (",start;end;grid;territory;cycle_start_year;employer;headcount;atmp_rate;"
                "mobility_rate;health_cover;health_employer_share;work_study_share;"
                "diploma_level;rqth;overseas")  # fmt: skip
    assert ok.endswith(defaults)
    ok = ok.removesuffix(defaults)
    cost = run_cli("cost", "--birth", "2005-05-10", "--format", "json").json()
    added = ("total_net", "total_net", "total_employer_cost", "total_aids",
             "total_employer_cost_after_aids")  # fmt: skip
    assert ok.endswith("," + ",".join(str(cost[key]) for key in added))
    assert len(failed.split(",")) == len(header.split(","))
    assert ",no_such_day,birth_date," in failed


def test_a_bad_employer_cell_fails_its_record_naming_the_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,employer,headcount,atmp_rate\n"
        "A,2005-05-10,asociation,,\nB,2005-05-10,,-3,\nC,2005-05-10,,,2.123456\n"
        "D,2005-05-10,,,\n",
        encoding="utf-8",
    )
    result = run_cli("batch", str(source), "--with", "cost")
    records = _records(result.stdout)
    assert result.exit_code == 3
    assert [(r.get("error_code"), r.get("field")) for r in records] == [
        ("unknown_choice", "employer"),
        ("integer_out_of_range", "headcount"),
        ("rate_too_many_decimals", "atmp_rate"),
        (None, None),
    ]
    assert records[0]["error"].startswith("employer : ")


@pytest.mark.parametrize("extra", ["net", "cost"])
def test_an_employer_share_without_a_health_cover_fails_its_record(
    tmp_path: Path, extra: str
) -> None:
    """As `cost` and `schedule --net` refuse --health-employer-share without --health-cover:
    the share of no premium would change nothing, silently."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,health_cover,health_employer_share\n"
        "A,2005-05-10,,60\nB,2005-05-10,40,60\nC,2005-05-10,,\n",
        encoding="utf-8",
    )
    records = _records(run_cli("batch", str(source), "--with", extra).stdout)
    assert [(r.get("error_code"), r.get("field")) for r in records] == [
        ("health_share_needs_cover", "health_employer_share"),
        (None, None),
        (None, None),
    ]


def test_with_options_that_cannot_be_honoured_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    for options, word in (
        (("--with", "salaire"), "--with"),
        (("--headcount", "30"), "--with net ou --with cost"),
        (("--with", "cost", "--out-format", "csv", "--detail", "months"), "JSON lines"),
    ):
        result = run_cli("batch", str(source), *options)
        assert result.exit_code == 2 and result.stdout == "", options
        assert word in result.stderr and result.stderr.count("\n") == 1


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    starts=st.lists(st.integers(0, 2 * 365), min_size=3, max_size=3),
    ages=st.lists(st.integers(16 * 365, 30 * 365), min_size=3, max_size=3),
    employer=st.sampled_from(("private", "association")),
    headcount=st.sampled_from(("5", "60", "300")),
)  # fmt: skip
def test_random_contracts_cost_the_same_in_the_batch(
    tmp_path: Path, starts: list[int], ages: list[int], employer: str, headcount: str
) -> None:
    """Random 2024-2026 contracts: the batch's cost totals equal `cost`'s, one by one."""
    rows = ["id,birth_date,start,employer,headcount"]
    contracts = []
    for i, (offset, age) in enumerate(zip(starts, ages, strict=True)):
        start = date(2024, 1, 1) + timedelta(days=offset)
        birth = start - timedelta(days=age)
        contracts.append((birth, start))
        rows.append(f"C{i},{birth},{start},{employer},{headcount}")
    source = tmp_path / "random.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = _records(run_cli("batch", str(source), "--with", "cost").stdout)
    for (birth, start), record in zip(contracts, records, strict=True):
        alone = run_cli("cost", "--birth", str(birth), "--start", str(start), "--employer",
                        employer, "--headcount", headcount, "--format", "json").json()  # fmt: skip
        for key in COST_TOTALS:
            assert record["cost"][key] == alone[key], key


def test_with_cost_gives_the_same_lines_with_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The options reach the worker processes: one process or two, the same output."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two workers even on a one-core machine
    source = tmp_path / "in.csv"
    rows = [f"C{i},{1995 + i % 12}-0{1 + i % 9}-15,2025-0{1 + i % 9}-01" for i in range(700)]
    source.write_text("id,birth_date,start\n" + "\n".join(rows) + "\n", encoding="utf-8")
    options = ("--with", "net,cost", "--employer", "association", "--headcount", "40")
    one = run_cli("batch", str(source), *options, "--workers", "1")
    two = run_cli("batch", str(source), *options, "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 700


def test_with_net_counts_the_health_cover_as_schedule_net_does(tmp_path: Path) -> None:
    """A row's health_cover (or --health-cover for every row) is in its net, as in
    `schedule --net --health-cover`; a row without one has the net without it."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,health_cover,health_employer_share\n"
        "A,2005-05-10,,\n"
        "B,2005-05-10,40,\n"
        "C,2005-05-10,63.17,60\n",
        encoding="utf-8",
    )
    records = _records(run_cli("batch", str(source), "--with", "net").stdout)
    for record, health in zip(
        records, [(), ("--health-cover", "40"),
                  ("--health-cover", "63.17", "--health-employer-share", "60")], strict=True
    ):  # fmt: skip
        alone = run_cli("schedule", "--birth", "2005-05-10", "--net", *health, "--format", "json")
        assert record["net"]["total_net"] == alone.json()["net"]["total_net"], record["id"]
    assert records[0]["net"]["total_net"] > records[1]["net"]["total_net"]
    everyone = _records(
        run_cli("batch", str(source), "--with", "net", "--health-cover", "40").stdout
    )
    assert everyone[0]["net"]["total_net"] == records[1]["net"]["total_net"]


def test_summary_with_net_and_cost_is_that_of_the_whole_schedule() -> None:
    """A summary with `--with` (CSV rows and JSON lines alike) computes its net and cost by
    runs of months (`batch.lines._summary_with`): the same cells, or the same error, as from the
    whole schedule, its net and its cost (`compute` without `summary`)."""
    import random

    from deis_pay.batch.lines import Extras, compute, csv_rows, json_line
    from deis_pay.batch.read import COLUMNS, Record
    from deis_pay.data.loader import default_dataset

    data = default_dataset()
    rng = random.Random(20261130)
    failed = 0
    for line in range(2, 302):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        birth = start - timedelta(days=rng.randrange(16 * 365, 30 * 365))
        cells: dict[str, str | None] = dict.fromkeys(COLUMNS)
        cells.update(
            id=f"C{line}",
            birth_date=birth.isoformat(),
            start=start.isoformat(),
            end=(start + timedelta(days=rng.choice((364, 729, 1094)))).isoformat(),
            grid=rng.choice(("general", "sssms")),
            employer=rng.choice((None, "private", "association", "public")),
            headcount=rng.choice((None, "5", "300")),
            atmp_rate=rng.choice((None, None, "2.5", "dix")),
            health_cover=rng.choice((None, "40")),
            signed=rng.choice((None, (start - timedelta(days=10)).isoformat())),
        )
        extras = rng.choice((Extras(net=True), Extras(cost=True), Extras(net=True, cost=True)))
        record = Record(line, f"C{line}", cells)
        by_runs = compute(record, data, extras, summary=True)
        whole = compute(record, data, extras)
        assert csv_rows(by_runs, "summary", extras) == csv_rows(whole, "summary", extras)
        assert json_line(by_runs, "summary", "}\n") == json_line(whole, "summary", "}\n")
        failed += not by_runs.ok
    assert 10 < failed < 150  # bad AT/MP rates fail their record, in both paths
