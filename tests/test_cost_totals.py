"""The batch's `--with cost` and `--with net` summary path (`cost.cost_totals`,
`net.net_totals`) against `compute_cost` and `net_pay`.

They compute each run of identical months once (`pay.month_runs`) instead of every month
of the full schedule: they must give exactly the `NetPay` of the full path, the months apart,
the totals of its `Cost` (`CostTotals`, all of it but the months, calendar years, detail of
contributions and sources), and the same errors, whatever the contract and the employer."""

from __future__ import annotations

import random
from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deis_pay.batch.lines import _cost_json, _cost_totals
from deis_pay.core.dates import add_months, days_in_month, first_of_next_month
from deis_pay.core.errors import InputError
from deis_pay.i18n.messages import spoken
from deis_pay.present.export import dumps_line
from deis_pay.rules.contract import check_contract
from deis_pay.rules.cost import CostTotals, compute_cost, cost_totals
from deis_pay.rules.employer import Employer, health_shares
from deis_pay.rules.models import ContractInputs, History
from deis_pay.rules.net import net_pay, net_totals
from deis_pay.rules.pay import month_runs, schedule_for, totals_for
from deis_pay.rules.terms import pay_key

from .test_summary_path import DATA, _random_contract


def _months_of_runs(inputs: ContractInputs, cuts: tuple[date, ...]) -> list[tuple[object, ...]]:
    """The runs laid out month by month, as (month, gross, days, days of the month, years)."""
    months: list[tuple[object, ...]] = []
    for run in month_runs(pay_key(inputs, DATA), DATA, cuts):
        last = add_months(run.first, run.count - 1)
        assert last.year == run.first.year  # a run stays within a calendar year
        # (A change within a month is read from the next month.)
        firsts = (cut if cut.day == 1 else first_of_next_month(cut) for cut in cuts)
        assert not any(run.first < cut <= last for cut in firsts), run
        assert run.count == 1 or len(run.years) == 1, run
        for k in range(run.count):
            first = add_months(run.first, k)
            month_days = days_in_month(first)
            days = run.days if run.count == 1 else month_days
            years = tuple((year, str(gross)) for year, gross in run.years)
            months.append((first.isoformat()[:7], str(run.gross), days, month_days, years))
    return months


def _schedule_months(inputs: ContractInputs) -> list[tuple[object, ...]]:
    return [
        (
            m.month,
            str(m.gross),
            sum(s.days for s in m.segments),
            days_in_month(m.segments[0].from_),
            tuple((s.contract_year, str(s.gross)) for s in m.segments),
        )
        for m in schedule_for(inputs, DATA).months
    ]


def test_month_runs_are_the_months_of_the_schedule() -> None:
    rng = random.Random(20261130)
    checked = gathered = 0
    while checked < 1500:
        inputs = _random_contract(rng)
        if inputs is None:
            continue
        # The rates' days, or any days.
        cuts = DATA.record_days if rng.random() < 0.5 else tuple(
            sorted(inputs.start + timedelta(days=rng.randrange(0, 1500)) for _ in range(3))
        )  # fmt: skip
        runs = _months_of_runs(inputs, cuts)
        assert runs == _schedule_months(inputs), inputs
        gathered += len(runs) > len(month_runs(pay_key(inputs, DATA), DATA, cuts))
        checked += 1
    assert gathered > 1000  # most contracts have runs of several months


def _employer(rng: random.Random, start: date) -> Employer:
    return Employer(
        kind=rng.choice(("private", "association", "public")),
        headcount=rng.choice((5, 10, 11, 60, 300, 3000)),
        atmp_rate_percent=rng.choice((None, Decimal("1.5"))),
        health_cover=rng.choice((Decimal(0), Decimal("45.50"))),
        work_study_share_percent=rng.choice((Decimal(0), Decimal(6))),
        diploma_level=rng.choice((5, 7)),
        rqth=rng.random() < 0.1,
        signed=rng.choice((None, None, start - timedelta(days=rng.randrange(0, 400)))),
    )


def _net_json(compute: object) -> object:
    """The net as `--format json` writes it, but its months; or the error's notice."""
    assert callable(compute)
    try:
        return dumps_line(replace(spoken(compute()), months=()))
    except InputError as exc:
        return exc.notice


def _totals_json(compute: object) -> object:
    """The fields of `CostTotals` of a cost (or of its totals), said and written as JSON; or
    the error's notice."""
    assert callable(compute)
    try:
        costed = spoken(compute())
    except InputError as exc:
        return exc.notice
    return dumps_line({field.name: getattr(costed, field.name) for field in fields(CostTotals)})


def _same_cost(inputs: ContractInputs, employer: Employer) -> bool:
    """Asserts the two paths agree, for the cost and for the net; True when they gave a cost,
    not an error."""
    schedule, totals = schedule_for(inputs, DATA), totals_for(inputs, DATA)
    full = _totals_json(lambda: compute_cost(schedule, employer, DATA))
    fast = _totals_json(lambda: cost_totals(inputs, totals, employer, DATA))
    assert fast == full, (inputs, employer)
    signed, health = employer.signed or inputs.start, health_shares(employer)
    full_net = _net_json(lambda: net_pay(schedule, signed, DATA, health))
    fast_net = _net_json(lambda: net_totals(inputs, totals, signed, DATA, health))
    assert fast_net == full_net, (inputs, employer)
    if isinstance(full, str):
        # The batch writes a cost's JSON itself: the text the JSON writer gives of its objects.
        costed = cost_totals(inputs, totals, employer, DATA)
        written = "".join(_cost_json(costed, (DATA, signed, employer)))
        assert written == dumps_line(_cost_totals(spoken(costed))), (inputs, employer)
    return isinstance(full, str)


def test_cost_totals_equal_compute_cost_on_1500_random_contracts() -> None:
    rng = random.Random(20261201)
    checked = costed = public = 0
    while checked < 1500:
        # From 2024: employer rates are known from 1 January 2024 only.
        inputs = _random_contract(rng)
        if inputs is None or inputs.start < date(2024, 1, 1):
            continue
        employer = _employer(rng, inputs.start)
        costed += _same_cost(inputs, employer)
        public += employer.kind == "public"
        checked += 1
    # The draw must cost most contracts (errors are compared too, but prove less).
    assert costed > 900 and public > 300


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=4 * 366),
    age_days=st.integers(min_value=15 * 365, max_value=31 * 365),
    smc=st.one_of(st.none(), st.decimals(min_value=1500, max_value=4000, places=2)),
    prolonged_days=st.one_of(st.none(), st.integers(min_value=1, max_value=400)),
    kind=st.sampled_from(("private", "association", "public")),
    headcount=st.integers(min_value=0, max_value=3000),
    signed_before=st.integers(min_value=0, max_value=500),
)
def test_cost_totals_equal_compute_cost_whatever_the_dates(
    start: date,
    days: int,
    age_days: int,
    smc: Decimal | None,
    prolonged_days: int | None,
    kind: str,
    headcount: int,
    signed_before: int,
) -> None:
    """Mid-month starts and ends, an anniversary inside a month, the hiring aid prorated from
    November 2025, 29 February, prolongations…"""
    end = start + timedelta(days=days)
    history = (
        History(prolonged_to=end + timedelta(days=prolonged_days), prolongation_reason="exam")
        if prolonged_days is not None
        else History()
    )
    try:
        inputs = check_contract(
            start - timedelta(days=age_days), start, end, smc=smc, history=history
        )
    except InputError:
        return
    employer = Employer(
        kind=kind,  # type: ignore[arg-type]  # (Employer reads a kind as the CLI does)
        headcount=headcount,
        signed=start - timedelta(signed_before),
    )
    _same_cost(inputs, employer)
