"""The batch summary's fast path (`pay.totals_for`) against the full schedule.

`totals_for` adds up stretches of identical months instead of building every month: it must
give exactly the totals, aids and notices of `schedule_for`, whatever the contract."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deis_pay.batch.lines import _write_pay, compute, json_line
from deis_pay.batch.read import Record
from deis_pay.core.dates import add_years, end_after_months
from deis_pay.core.errors import InputError
from deis_pay.core.memo import clear_all
from deis_pay.data.loader import default_dataset
from deis_pay.present.export import dumps_line, to_plain
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import ContractInputs, History, Schedule, ScheduleTotals
from deis_pay.rules.pay import licence_aid, pay_totals, schedule_for, totals_for
from deis_pay.rules.terms import birth_terms, pay_key

DATA = default_dataset()
FIELDS = ("contract_years", "calendar_years", "total_gross", "aids", "notices")
CASES = json.loads((Path(__file__).parent / "schedule-cases.json").read_text(encoding="utf-8"))


def _same_totals(inputs: ContractInputs) -> None:
    # The aid is computed once per window: an adult's birthday must not change it.
    adult = add_years(inputs.birth_date, DATA.aids.driving_licence.min_age)
    terms = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, DATA)
    assert licence_aid(DATA, terms.licence_age_from, inputs.start, inputs.last_day) == (
        licence_aid(DATA, adult, inputs.start, inputs.last_day)
    )
    full = schedule_for(inputs, DATA)
    fast = totals_for(inputs, DATA)
    for name in FIELDS:
        assert getattr(fast, name) == getattr(full, name), (name, inputs)
    # Equal Decimals may still print differently (30.0 vs 30.00): the JSON must be the same.
    assert str(fast.total_gross) == str(full.total_gross)
    for fast_year, full_year in zip(fast.contract_years, full.contract_years, strict=True):
        assert str(fast_year.gross) == str(full_year.gross)


def _random_contract(rng: random.Random) -> ContractInputs | None:
    """A contract as the batch benchmark draws them, with a history one time in three; None
    when the draw is one deis-pay refuses."""
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 9 * 365))
    end = start + timedelta(days=rng.randrange(1, 4 * 365))
    birth = start - timedelta(days=rng.randrange(14 * 365, 35 * 365))
    history: dict[str, Any] = {}
    if rng.random() < 1 / 3:
        if rng.random() < 0.5 and start.year > 2019:
            previous_end = start - timedelta(days=rng.randrange(1, 300))
            history["previous_end"] = previous_end
            history["previous_start"] = max(
                date(2019, 1, 1), previous_end - timedelta(days=rng.randrange(180, 3 * 365))
            )
            history["previous_grid"] = rng.choice(("general", "sssms"))
        if rng.random() < 0.3:
            history["previous_percent"] = Decimal(rng.randrange(100, 12000)) / 100
        if rng.random() < 0.3:
            history["licence_pro"] = True
        if end <= end_after_months(start, 12) and rng.random() < 0.5:
            history["same_level_related"] = True
            history["previous_diploma_years"] = rng.randrange(1, 4)
        if rng.random() < 0.3:
            history["prolonged_to"] = end + timedelta(days=rng.randrange(1, 366))
            history["prolongation_reason"] = rng.choice(("exam", "rqth"))
    try:
        return check_contract(
            birth,
            start,
            end,
            grid=rng.choice(("general", "sssms")),
            smc=rng.choice((None, None, Decimal("1500"), Decimal(rng.randrange(1800, 2600)))),
            territory=rng.choice(("metropole",) * 9 + ("mayotte",)),
            cycle_start_year=rng.choice((1, 1, 2, 3)),
            history=History(**history),
        )
    except InputError:
        return None


def test_fast_totals_equal_the_full_schedule_on_3000_random_contracts() -> None:
    rng = random.Random(20261130)
    checked = 0
    with_history = 0
    while checked < 3000:
        inputs = _random_contract(rng)
        if inputs is None:
            continue
        _same_totals(inputs)
        checked += 1
        with_history += inputs.history != History()
    assert with_history > 500  # the draw did exercise the history rules


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31)),
    days=st.integers(min_value=0, max_value=4 * 366),
    age_days=st.integers(min_value=13 * 365, max_value=36 * 365),
    grid=st.sampled_from(("general", "sssms")),
    smc=st.one_of(st.none(), st.decimals(min_value=1000, max_value=4000, places=2)),
    territory=st.sampled_from(("metropole", "mayotte")),
    cycle=st.integers(min_value=1, max_value=3),
    prolonged_days=st.one_of(st.none(), st.integers(min_value=1, max_value=400)),
)
def test_fast_totals_equal_the_full_schedule_whatever_the_dates(
    start: date,
    days: int,
    age_days: int,
    grid: str,
    smc: Decimal | None,
    territory: str,
    cycle: int,
    prolonged_days: int | None,
) -> None:
    """Ends on the last day of a month, on a 29 February, across New Year, one-day contracts…"""
    end = start + timedelta(days=days)
    history = (
        History(prolonged_to=end + timedelta(days=prolonged_days), prolongation_reason="rqth")
        if prolonged_days is not None
        else History()
    )
    try:
        inputs = check_contract(
            start - timedelta(days=age_days),
            start,
            end,
            grid=grid,
            smc=smc,
            territory=territory,
            cycle_start_year=cycle,
            history=history,
        )
    except InputError:
        return
    _same_totals(inputs)


def _case_record(case: dict[str, Any]) -> Record:
    """A shared case as a batch row: its arguments (and its history's) as cells."""
    args = case["args"]
    cells: dict[str, str | None] = {
        key: None if value is None else str(value)
        for key, value in {**args, **args.get("history", {})}.items()
        if key != "history"
    }
    cells["id"] = "x"
    return Record(line=2, id="x", cells=cells)


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_summary_line_is_the_same_from_either_path_on_the_shared_cases(
    case: dict[str, Any],
) -> None:
    """The batch writes the fast path's summary: byte for byte what the full schedule gives."""
    fast = compute(_case_record(case), DATA, summary=True)
    full = compute(_case_record(case), DATA)
    assert isinstance(fast.schedule, ScheduleTotals)
    assert isinstance(full.schedule, Schedule)
    assert json_line(fast, "summary", "}\n") == json_line(full, "summary", "}\n")
    assert json.loads(json_line(fast, "summary", "}\n"))["total_gross"] == float(
        case["expected"]["total_gross"]
    )


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_the_pay_part_of_a_summary_line_is_the_json_of_the_schedule_totals(
    case: dict[str, Any],
) -> None:
    """The batch writes the totals itself, from the plain sums of `pay_totals`
    (`batch.lines._write_pay`): the text the JSON writer gives of the schedule's totals."""
    full = compute(_case_record(case), DATA)
    assert isinstance(full.schedule, Schedule) and full.inputs is not None
    plain = to_plain(full.schedule)
    names = ("total_gross", "contract_years", "calendar_years")
    key = pay_key(full.inputs, DATA)
    assert _write_pay(pay_totals(key, DATA)) == dumps_line({n: plain[n] for n in names})[1:-1]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ({"smc": Decimal("2500.0")}, {"smc": Decimal("2500")}),
        ({"smc": Decimal("2500")}, {"smc": Decimal("2500.00")}),
        (
            {"history": History(previous_percent=Decimal("90.0"))},
            {"history": History(previous_percent=Decimal("90"))},
        ),
    ],
)
def test_a_contract_computed_after_another_is_written_as_if_alone(
    first: dict[str, Any], then: dict[str, Any]
) -> None:
    """The caches shared between contracts key on what a result depends on, down to how an
    amount was written: 2500 and 2500.0 are equal, but a segment writes its base as given."""
    from deis_pay.present.export import dumps

    def written(start: str, options: dict[str, Any]) -> str:
        inputs = check_contract("2003-03-14", start, "2027-08-31", grid="sssms", **options)
        return dumps(schedule_for(inputs, DATA))

    clear_all()
    alone = written("2025-10-01", then)
    clear_all()
    written("2025-09-01", first)  # another contract on the same terms, the amount written otherwise
    written("2025-10-01", first)  # the same contract, the amount written otherwise
    assert written("2025-10-01", then) == alone
