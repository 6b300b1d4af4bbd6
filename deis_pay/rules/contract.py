"""The contract as the law allows it: defaults applied, and refused what deis-pay cannot compute.

`check_contract` (and `check_history`, the apprentice's past) turn what a caller gives into a
`ContractInputs`, or raise `InputError` naming the field and the rule it breaks (art.
L6222-7-1 for the duration, the 2019 grid's start, the history's articles D6222-28 to -32 and
R6222-48). Pure: no I/O, no sentence.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

from deis_pay.core.dates import add_years, end_after_months
from deis_pay.core.errors import InputError
from deis_pay.core.money import round_cents
from deis_pay.data.loader import default_dataset
from deis_pay.data.records import Dataset, GridId, Territory
from deis_pay.rules.models import NO_HISTORY, ContractInputs, History, ProlongationReason

# Duration limits (art. L6222-7-1: 6 months to 3 years; 4 years with a recognised disability).
MIN_MONTHS, USUAL_MAX_MONTHS, ABSOLUTE_MAX_MONTHS = 6, 36, 48

# Contracts concluded before this date had the pre-2019 grid (art. D6222-26 in its former wording).
FIRST_SUPPORTED_START = date(2019, 1, 1)


# Contracts may start up to the end of this many years after the data's last check.
PROJECTION_YEARS = 5


def check_contract(
    birth_date: date | str,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    months: int | str | None = None,
    grid: str = "general",
    smc: Decimal | int | float | str | None = None,
    territory: str = "metropole",
    cycle_start_year: int | str = 1,
    history: History | None = None,
    data: Dataset | None = None,
) -> ContractInputs:
    """Apply the defaults of the seed's programme and refuse what deis-pay cannot compute.

    Dates may be given as `date` objects or as text (`2005-05-10`, `10/05/2005`). Raises
    `InputError` with a code and the field concerned (`birth_date`, `start`, `end`, `months`,
    `grid`, `smc`, `territory`, `cycle_start_year`, or a field of `History`)."""
    from deis_pay.core.values import as_amount, as_int

    data = data if data is not None else default_dataset()
    programme = data.programme
    birth_date = _as_date("birth_date", birth_date)
    start = _as_date("start", start) if start is not None else None
    end = _as_date("end", end) if end is not None else None
    grid_id = _choice("grid", grid, GRIDS)
    where = _choice("territory", territory, TERRITORIES)
    cycle_start_year = as_int("cycle_start_year", cycle_start_year, "cycle_year")
    if cycle_start_year not in (1, 2, 3):
        raise InputError("cycle_start_year_out_of_range", "cycle_start_year", year=cycle_start_year)
    if smc is not None:
        smc = as_amount("smc", smc)
        _check_smc(smc)
    if end is not None and months is not None:
        raise InputError("end_and_months", "months")
    if months is not None:
        months = as_int("months", months, "months")
        if months <= 0:
            raise InputError("months_not_positive", "months", months=str(months))
        if months > ABSOLUTE_MAX_MONTHS:
            raise InputError(
                "months_over_maximum", "months", months=months, most=ABSOLUTE_MAX_MONTHS
            )
    start = start if start is not None else programme.default_start
    if start < FIRST_SUPPORTED_START:
        raise InputError("start_before_2019", "start", start=start, first=FIRST_SUPPORTED_START)
    # Far beyond the data, a projection at the last known SMIC says nothing useful (and 4 more
    # years of contract must stay within the calendar).
    last_start = date(data.verified_through.year + PROJECTION_YEARS, 12, 31)
    if start > last_start:
        raise InputError(
            "start_too_late", "start", start=start, last=last_start, verified=data.verified_through
        )
    if end is None:
        end = end_after_months(start, months if months is not None else programme.duration_months)
    first_smic = data.smic.records(where)[0].from_
    if start < first_smic:
        raise InputError("start_before_smic", "start", start=start, territory=where,
                         first=first_smic)  # fmt: skip
    if end < start:
        raise InputError("end_before_start", "end", end=end, start=start)
    if birth_date > start:
        raise InputError("birth_after_start", "birth_date", birth=birth_date, start=start)
    longest = end_after_months(start, ABSOLUTE_MAX_MONTHS)
    if end > longest:
        raise InputError("contract_over_4_years", "end", start=start, end=end, longest=longest)
    understood = (
        check_history(history, start, end, grid_id, birth_date)
        if history is not None
        else NO_HISTORY
    )
    return ContractInputs(
        birth_date=birth_date,
        start=start,
        end=end,
        grid=grid_id,
        smc=smc,
        territory=where,
        cycle_start_year=cycle_start_year,
        history=understood,
    )


# No apprenticeship starts before 15 (art. L6222-1, by exception): a previous contract that
# starts before its apprentice's 14th birthday is a typing mistake, refused.
YOUNGEST_PREVIOUS_AGE = 14


def check_history(
    history: History, start: date, end: date, grid: str, birth_date: date | None = None
) -> History:
    """The history as understood (defaults applied where an option needs them), or the
    InputError naming the field and the rule it breaks (docs/history.md)."""
    if not isinstance(history, History):
        raise InputError("not_a_history", "history", value=type(history).__name__)
    previous_start, previous_end = history.previous_start, history.previous_end
    given = previous_start is not None or previous_end is not None
    if given:
        if previous_start is None or previous_end is None:
            missing = "previous_start" if previous_start is None else "previous_end"
            raise InputError("previous_contract_incomplete", missing)
        previous_start = _as_date("previous_start", previous_start)
        previous_end = _as_date("previous_end", previous_end)
        if birth_date is not None and previous_start < add_years(birth_date, YOUNGEST_PREVIOUS_AGE):
            raise InputError("previous_start_too_young", "previous_start", start=previous_start,
                             birth=birth_date, age=YOUNGEST_PREVIOUS_AGE)  # fmt: skip
        if previous_start < FIRST_SUPPORTED_START:
            raise InputError("previous_start_before_2019", "previous_start",
                             start=previous_start, first=FIRST_SUPPORTED_START)  # fmt: skip
        if previous_end < previous_start:
            raise InputError("previous_end_before_previous_start", "previous_end",
                             end=previous_end, start=previous_start,
                             other="previous_start")  # fmt: skip
        if previous_end >= start:
            raise InputError("previous_end_not_before_start", "previous_end",
                             end=previous_end, start=start)  # fmt: skip
        longest = end_after_months(previous_start, ABSOLUTE_MAX_MONTHS)
        if previous_end > longest:
            raise InputError("contract_over_4_years", "previous_end", start=previous_start,
                             end=previous_end, longest=longest)  # fmt: skip
    else:
        for name in ("previous_grid", "previous_cycle_start_year"):
            if getattr(history, name) is not None:
                raise InputError("needs_previous_contract", name)
    previous_grid = history.previous_grid
    if previous_grid is not None:
        previous_grid = _choice("previous_grid", previous_grid, GRIDS)
    from deis_pay.core.values import as_flag, as_int, as_number

    previous_cycle = history.previous_cycle_start_year
    if previous_cycle is not None:
        previous_cycle = as_int("previous_cycle_start_year", previous_cycle, "cycle_year")
        if previous_cycle not in (1, 2, 3):
            raise InputError("cycle_start_year_out_of_range", "previous_cycle_start_year",
                             year=previous_cycle)  # fmt: skip
    percent = history.previous_percent
    if percent is not None:
        percent = as_number("previous_percent", percent)
        if not (percent.is_finite() and 0 < percent <= 200):
            raise InputError(
                "previous_percent_out_of_range", "previous_percent", value=str(percent)
            )
        if percent.as_tuple().exponent < -2:  # type: ignore[operator]
            raise InputError("previous_percent_decimals", "previous_percent", value=str(percent))
    years = history.previous_diploma_years
    if years is not None:
        years = as_int("previous_diploma_years", years, "diploma_years")
        if years not in (1, 2, 3):
            raise InputError("previous_diploma_years_out_of_range", "previous_diploma_years",
                             value=str(years))  # fmt: skip
    same_level_related = as_flag("same_level_related", history.same_level_related)
    licence_pro = as_flag("licence_pro", history.licence_pro)
    if same_level_related:
        # Art. D6222-30: a contract of one year at most, the original end (not a prolongation).
        if end > end_after_months(start, 12):
            raise InputError("same_level_related_over_12_months", "same_level_related",
                             start=start, end=end)  # fmt: skip
        if years is None and not given:
            raise InputError("same_level_related_without_duration", "same_level_related")
    elif years is not None:
        raise InputError("needs_same_level_related", "previous_diploma_years")
    prolonged_to, reason = history.prolonged_to, history.prolongation_reason
    if prolonged_to is not None:
        prolonged_to = _as_date("prolonged_to", prolonged_to)
        latest = add_years(end, 1)
        if not end < prolonged_to <= latest:
            raise InputError("prolongation_out_of_range", "prolonged_to", day=prolonged_to,
                             end=end, latest=latest)  # fmt: skip
        if reason is not None:
            reason = _choice("prolongation_reason", reason, PROLONGATION_REASONS)
        reason = reason or "exam"
    elif reason is not None:
        raise InputError("needs_prolongation", "prolongation_reason")
    return History(
        previous_start=previous_start,
        previous_end=previous_end,
        previous_grid=(previous_grid or grid) if given else None,  # type: ignore[arg-type]
        previous_cycle_start_year=(previous_cycle or 1) if given else None,
        previous_percent=percent,
        same_level_related=same_level_related,
        previous_diploma_years=years,
        licence_pro=licence_pro,
        prolonged_to=prolonged_to,
        prolongation_reason=reason,
    )


C = TypeVar("C", bound=str)


def _choice(field: str, value: object, choices: tuple[C, ...]) -> C:
    """A library caller's choice, read as the CLI and the batch read it (`Légale`, `branche`,
    any case); a value of another type (`grid=3`) is a `WrongType` (TypeError and InputError)."""
    if isinstance(value, str) and value in choices:
        return value
    from deis_pay.core.values import as_choice

    return as_choice(field, value, choices)


def _as_date(field: str, value: object) -> date:
    """A library caller's date: a `date`, a `datetime`'s date, or text read as the CLI reads
    it."""
    if type(value) is date:
        return value
    from deis_pay.core.values import as_date

    return as_date(field, value)


def _check_smc(smc: Decimal) -> None:
    from deis_pay.core.values import MAX_AMOUNT

    if not (isinstance(smc, Decimal) and smc.is_finite() and smc > 0):
        raise InputError("amount_not_positive", "smc", value=str(smc)[:40])
    if smc > MAX_AMOUNT:
        raise InputError("amount_too_large", "smc", value=str(smc)[:40], limit=MAX_AMOUNT)
    if smc != round_cents(smc):
        raise InputError("too_many_decimals", "smc", value=str(smc))


GRIDS: tuple[GridId, ...] = ("general", "sssms")


TERRITORIES: tuple[Territory, ...] = ("metropole", "mayotte")


PROLONGATION_REASONS: tuple[ProlongationReason, ...] = ("exam", "rqth")
