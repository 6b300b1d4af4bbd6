"""Both sides of every legal change: birthdays, contract anniversaries, SMIC revaluations."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from deis_pay import compute_schedule
from deis_pay.core.dates import add_months, add_years, age_on, end_after_months
from deis_pay.data.loader import load_dataset
from deis_pay.data.records import SmicRecord
from deis_pay.rules.models import Schedule, Segment


def segment_on(schedule: Schedule, day: date) -> Segment:
    for month in schedule.months:
        for segment in month.segments:
            if segment.from_ <= day <= segment.to:
                return segment
    raise AssertionError(f"{day} is outside the contract")


def test_bracket_changes_on_first_of_month_after_21st_birthday() -> None:
    """Born 10/05/2005: 18-20 through 31/05/2026, 21-25 from 01/06/2026 (art. D6222-31)."""
    schedule = compute_schedule(date(2005, 5, 10))
    assert segment_on(schedule, date(2026, 5, 10)).age_bracket == "18-20"
    assert segment_on(schedule, date(2026, 5, 31)).age_bracket == "18-20"
    assert segment_on(schedule, date(2026, 6, 1)).age_bracket == "21-25"
    assert segment_on(schedule, date(2026, 6, 1)).rate_percent == 53


def test_birthday_on_first_of_month_waits_for_next_month() -> None:
    """21 on 01/06/2026: still 18-20 in June, 21-25 from 01/07/2026."""
    schedule = compute_schedule(date(2005, 6, 1))
    assert segment_on(schedule, date(2026, 6, 30)).age_bracket == "18-20"
    assert segment_on(schedule, date(2026, 7, 1)).age_bracket == "21-25"


def test_turning_18_and_26_also_change_the_bracket() -> None:
    """18th birthday 10/02/2026 → 18-20 from 01/03/2026; 26th on 15/01/2026 → 26+ from 01/02."""
    young = compute_schedule(date(2008, 2, 10), end=date(2027, 8, 31))
    assert segment_on(young, date(2026, 2, 28)).age_bracket == "<18"
    assert segment_on(young, date(2026, 3, 1)).age_bracket == "18-20"
    older = compute_schedule(date(2000, 1, 15))
    assert segment_on(older, date(2026, 1, 31)).age_bracket == "21-25"
    assert segment_on(older, date(2026, 2, 1)).age_bracket == "26+"


def test_contract_year_changes_on_the_anniversary_not_the_eve() -> None:
    """Start 15/09/2025: year 1 on 14/09/2026, year 2 on 15/09/2026, the month split in two."""
    schedule = compute_schedule(date(2004, 6, 30), date(2025, 9, 15), date(2027, 9, 14))
    assert segment_on(schedule, date(2026, 9, 14)).contract_year == 1
    assert segment_on(schedule, date(2026, 9, 15)).contract_year == 2
    september = next(m for m in schedule.months if m.month == "2026-09")
    assert [s.days for s in september.segments] == [14, 16]
    assert september.gross == sum((s.gross for s in september.segments), Decimal(0))


def test_smic_revaluation_applies_from_its_first_day() -> None:
    """31/12/2025 uses 1 801,80 €; 01/01/2026 uses 1 823,03 €; 31/05 and 01/06/2026 likewise."""
    schedule = compute_schedule(date(1998, 3, 15))
    assert segment_on(schedule, date(2025, 12, 31)).base_amount == Decimal("1801.80")
    assert segment_on(schedule, date(2026, 1, 1)).base_amount == Decimal("1823.03")
    assert segment_on(schedule, date(2026, 5, 31)).base_amount == Decimal("1823.03")
    assert segment_on(schedule, date(2026, 6, 1)).base_amount == Decimal("1867.02")


def _smic_changes() -> list[tuple[str, SmicRecord, SmicRecord]]:
    """Every revaluation of `data/smic.toml`, with the record before it: adding a record to the
    data adds its boundary test."""
    data = load_dataset(use_cache=False)
    return [
        (territory, before, after)
        for territory in ("metropole", "mayotte")
        for before, after in itertools.pairwise(data.smic.records(territory))
    ]


@pytest.mark.parametrize(
    ("territory", "before", "after"),
    _smic_changes(),
    ids=lambda value: value.from_.isoformat() if isinstance(value, SmicRecord) else str(value),
)
def test_every_smic_revaluation_applies_from_its_first_day_not_its_eve(
    territory: str, before: SmicRecord, after: SmicRecord
) -> None:
    """A 30-year-old paid 100 % of the SMIC: the eve of the revaluation has the SMIC before it,
    its first day the new one."""
    eve = after.from_ - timedelta(days=1)
    schedule = compute_schedule(date(1990, 1, 1), start=eve, end=after.from_, territory=territory)
    assert segment_on(schedule, eve).base_amount == before.monthly_amount
    assert segment_on(schedule, after.from_).base_amount == after.monthly_amount


def test_smc_takes_over_only_while_above_the_smic() -> None:
    """SMC 1 810 €: above the 2025 SMIC (1 801,80 €), below the 2026 one (1 823,03 €)."""
    schedule = compute_schedule(date(1995, 5, 5), end=date(2026, 8, 31), smc=Decimal("1810"))
    assert segment_on(schedule, date(2025, 12, 31)).base == "smc"
    assert segment_on(schedule, date(2026, 1, 1)).base == "smic"
    kinds = [(c.date_, c.kind) for c in schedule.changes]
    assert (date(2026, 1, 1), "base") in kinds


def test_born_29_february_turns_18_on_28_february_in_common_years() -> None:
    """Born 29/02/2008: 17 on 27/02/2026, 18 on 28/02/2026 (art. 641 CPC: the last day of the
    month), so 18-20 from 01/03/2026, not a month later."""
    assert age_on(date(2008, 2, 29), date(2026, 2, 27)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 18
    schedule = compute_schedule(date(2008, 2, 29), end=date(2027, 8, 31))
    assert segment_on(schedule, date(2026, 2, 28)).age_bracket == "<18"
    assert segment_on(schedule, date(2026, 3, 1)).age_bracket == "18-20"


def test_anniversary_of_29_february_is_28_february_and_months_clip_to_month_end() -> None:
    """Yearly anniversaries of 29/02 fall on 28/02 in common years, as N months clip to the end
    of the month."""
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert end_after_months(date(2026, 1, 31), 1) == date(2026, 2, 27)
    assert end_after_months(date(2028, 1, 31), 1) == date(2028, 2, 28)
    assert end_after_months(date(2025, 9, 15), 24) == date(2027, 9, 14)


def test_months_option_ends_on_the_eve_of_the_same_day() -> None:
    """From 15/09/2025, 24 months end on 14/09/2027."""
    schedule = compute_schedule(date(2004, 6, 30), date(2025, 9, 15), months=24)
    assert schedule.inputs.end == date(2027, 9, 14)


def test_cycle_start_year_shifts_the_rate_not_the_contract_year() -> None:
    """Starting in cycle year 2: contract year 1 is paid at the year-2 rate (D6222-28-1)."""
    schedule = compute_schedule(date(2001, 5, 5), date(2026, 9, 1), date(2028, 8, 31),
                                cycle_start_year=2)  # fmt: skip
    first = segment_on(schedule, date(2026, 9, 1))
    assert first.contract_year == 1
    assert first.rate_percent == Decimal(61)
    assert "D6222-28-1" in {s.id for s in schedule.sources}


def test_driving_licence_window_edges() -> None:
    """The request window opens on the 18th birthday and closes on 20/02/2026, the eve of the
    loi de finances pour 2026's effect: 18 on that day is just in time, a day later is not."""
    turned_18 = compute_schedule(date(2007, 10, 20), end=date(2027, 8, 31))
    aid = turned_18.aids[0]
    assert (aid.request_from, aid.request_to) == (date(2025, 10, 20), date(2026, 2, 20))
    too_late = compute_schedule(date(2008, 2, 21), end=date(2027, 8, 31))
    assert not too_late.aids[0].eligible
    assert too_late.aids[0].request_from is None
    eve = compute_schedule(date(2008, 2, 20), end=date(2027, 8, 31)).aids[0]
    assert (eve.request_from, eve.request_to) == (date(2026, 2, 20), date(2026, 2, 20))


def test_births_in_the_same_month_share_the_pay_not_the_aid() -> None:
    """Born 03/10/2007 or 28/10/2007: same pay month by month, aid windows of their own."""
    early = compute_schedule(date(2007, 10, 3), end=date(2027, 8, 31))
    late = compute_schedule(date(2007, 10, 28), end=date(2027, 8, 31))
    assert early.months == late.months and early.total_gross == late.total_gross
    assert early.aids[0].request_from == date(2025, 10, 3)
    assert late.aids[0].request_from == date(2025, 10, 28)


def test_projection_starts_with_the_first_month_after_the_data_was_checked() -> None:
    """Data checked through 01/11/2026: November 2026 is known (its SMIC is the one in force on
    the 1st), December 2026 is the first projected month."""
    schedule = compute_schedule(date(2005, 5, 10))
    flags = {m.month: m.projected for m in schedule.months}
    assert schedule.data_verified_through == date(2026, 11, 1)
    assert (flags["2026-10"], flags["2026-11"], flags["2026-12"]) == (False, False, True)
    assert schedule.projected_from == date(2026, 12, 1)
    short = compute_schedule(date(2005, 5, 10), end=date(2026, 11, 30))
    assert short.projected_from is None
    assert not any("projections" in w for w in short.warnings)
