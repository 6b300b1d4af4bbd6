"""Properties that hold for every contract (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from deis_pay import compute_schedule
from deis_pay.core.dates import days_between
from deis_pay.data.loader import default_dataset
from deis_pay.rules.terms import BRACKETS

starts = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
ages = st.integers(min_value=14, max_value=35)
lengths = st.integers(min_value=1, max_value=48 * 31)
grids = st.sampled_from(["general", "sssms"])
smcs = st.one_of(st.none(), st.decimals(min_value=1000, max_value=4000, places=2))
cycle_years = st.integers(min_value=1, max_value=3)


def _contract(start: date, age: int, extra_days: int, birth_day: int) -> tuple[date, date, date]:
    birth = date(start.year - age, 1, 1) + timedelta(days=birth_day)
    end = min(start + timedelta(days=extra_days), start.replace(year=start.year + 4) - timedelta(1))
    return min(birth, start), start, end


@settings(max_examples=150, deadline=None)
@given(starts, ages, lengths, st.integers(0, 364), grids, smcs, cycle_years)
def test_days_and_totals_add_up(
    start: date, age: int, length: int, birth_day: int, grid: str, smc: Decimal | None, cycle: int
) -> None:
    """Segment days sum to the contract's days; every total is the sum of its parts."""
    birth, start, end = _contract(start, age, length, birth_day)
    s = compute_schedule(birth, start, end, grid=grid, smc=smc, cycle_start_year=cycle)
    segments = [seg for m in s.months for seg in m.segments]
    assert sum(seg.days for seg in segments) == days_between(start, end)
    assert segments[0].from_ == start and segments[-1].to == end
    for earlier, later in itertools.pairwise(segments):
        assert later.from_ == earlier.to + timedelta(days=1)
        assert (earlier.from_.year, earlier.from_.month) == (earlier.to.year, earlier.to.month)
    for month in s.months:
        assert month.gross == sum((seg.gross for seg in month.segments), Decimal(0))
    for year in s.contract_years:
        parts = [seg.gross for seg in segments if seg.contract_year == year.year]
        assert year.gross == sum(parts, Decimal(0))
    assert sum((y.gross for y in s.contract_years), Decimal(0)) == s.total_gross
    assert sum((y.gross for y in s.calendar_years), Decimal(0)) == s.total_gross
    assert s.total_gross == sum((m.gross for m in s.months), Decimal(0))


@settings(max_examples=150, deadline=None)
@given(starts, ages, lengths, st.integers(0, 364), smcs, cycle_years)
def test_sssms_never_pays_less_than_the_legal_grid(
    start: date, age: int, length: int, birth_day: int, smc: Decimal | None, cycle: int
) -> None:
    """The branch grid is at least the legal one, month by month."""
    birth, start, end = _contract(start, age, length, birth_day)
    general = compute_schedule(birth, start, end, smc=smc, cycle_start_year=cycle)
    sssms = compute_schedule(birth, start, end, grid="sssms", smc=smc, cycle_start_year=cycle)
    for g, b in zip(general.months, sssms.months, strict=True):
        assert b.gross >= g.gross, g.month


@settings(max_examples=150, deadline=None)
@given(starts, ages, lengths, st.integers(0, 364), grids, smcs)
def test_pay_never_falls_as_year_or_bracket_rises_at_constant_smic(
    start: date, age: int, length: int, birth_day: int, grid: str, smc: Decimal | None
) -> None:
    """Between two whole months with the same base amount, the monthly rate never goes down."""
    birth, start, end = _contract(start, age, length, birth_day)
    s = compute_schedule(birth, start, end, grid=grid, smc=smc)
    segments = [seg for m in s.months for seg in m.segments]
    for earlier, later in itertools.pairwise(segments):
        if earlier.base_amount == later.base_amount:
            assert later.monthly_rate >= earlier.monthly_rate
            assert later.contract_year >= earlier.contract_year


def test_rates_rise_with_year_and_bracket_in_both_grids() -> None:
    """In the data, no rate decreases along a row (year) or down a column (age bracket)."""
    data = default_dataset()
    general = data.grids.in_force("general", date(2025, 9, 1))
    for grid in (general, data.grids.in_force("sssms", date(2025, 9, 1))):
        rows = [grid.rates.get(label, general.rates[label]) for _, label in BRACKETS]
        for row in rows:
            assert list(row) == sorted(row)
        for lower, upper in itertools.pairwise(rows):
            assert all(a <= b for a, b in zip(lower, upper, strict=True))


@settings(max_examples=150, deadline=None)
@given(
    st.decimals(min_value=0, max_value=3300, places=2),  # + 10 stays under the band 1 ceiling
    st.sampled_from(["1801.80", "1823.03", "1867.02"]),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=1, max_value=31),
)
def test_net_pay_parts_add_up_and_never_exceed_gross(
    gross: Decimal, smic: str, concluded: date, days: int
) -> None:
    """gross = net + contributions + CSG/CRDS exactly; nothing is negative; net ≤ gross."""
    from deis_pay.rules.net import exemption_for, month_net

    data = default_dataset()
    exemption = exemption_for(data, concluded)
    rates, csg = data.contributions.employee_rates[-1], data.contributions.csg_crds[-1]
    _, contributions, csg_crds, net = month_net(
        gross, Decimal(smic), (min(days, 30), 30), exemption, rates, csg
    )
    assert contributions >= 0 and csg_crds >= 0 and net <= gross
    assert net + contributions + csg_crds == gross
    if not exemption.csg_crds_due_above_threshold:
        assert csg_crds == 0
    more = month_net(
        gross + Decimal("10"), Decimal(smic), (min(days, 30), 30), exemption, rates, csg
    )
    assert more[3] >= net  # a higher gross never gives a lower net


employers = st.sampled_from(["private", "association"])
headcounts = st.sampled_from([0, 10, 11, 49, 50, 249, 250, 2000])


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    ages,
    st.integers(min_value=180, max_value=3 * 366),
    st.integers(0, 364),
    grids,
    employers,
    headcounts,
    st.sampled_from([Decimal(0), Decimal(40), Decimal("55.55")]),
    st.booleans(),
)
def test_cost_parts_add_up_whatever_the_contract(
    start: date, age: int, length: int, birth_day: int, grid: str, kind: str, headcount: int,
    premium: Decimal, rqth: bool,
) -> None:  # fmt: skip
    """Per month: employer cost = gross + contributions, net = gross − what the apprentice
    pays, nothing negative. Contract years, calendar years and the totals agree to the cent,
    mid-month starts included; the aid never exceeds its yearly amount."""
    from deis_pay.rules.cost import compute_cost
    from deis_pay.rules.employer import Employer

    birth, start, end = _contract(start, age, length, birth_day)
    schedule = compute_schedule(birth, start, end, grid=grid)
    employer = Employer(kind, headcount, None, Decimal(1), premium, Decimal(50), Decimal(0), 7,  # type: ignore[arg-type]
                        rqth, start)  # fmt: skip
    cost = compute_cost(schedule, employer, default_dataset())
    for m in cost.months:
        assert m.net is not None and m.employer_contributions is not None
        assert m.employer_cost == m.gross + m.employer_contributions
        assert m.employer_contributions >= 0 and m.hiring_aid >= 0
        assert m.health_cover_employee == premium - (premium / 2).quantize(Decimal("0.01"))
        assert m.net == (m.gross - (m.employee_contributions or 0) - (m.csg_crds or 0)
                         - m.health_cover_employee)  # fmt: skip
    assert cost.total_aids <= cost.hiring_aid.annual_amount
    for key in ("gross", "net", "employer_contributions", "employer_cost", "hiring_aid"):
        total = getattr(cost, f"total_{key}", None) if key != "hiring_aid" else cost.total_aids
        if key == "gross":
            total = cost.total_gross
        assert sum(getattr(y, key) for y in cost.contract_years) == total, key
        assert sum(getattr(y, key) for y in cost.calendar_years) == total, key
