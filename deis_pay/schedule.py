"""The pure computation core: the minimum pay of an apprenticeship contract, month by month.

Implements the rules of the README (Rules and conventions). No I/O and no sentences: it takes
dates, amounts and the loaded dataset, and returns a `Schedule` whose warnings are `Notice`
values; bad input raises `InputError` with a code and the field concerned. The edges say both
in the user's language (messages.py).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .data import (
    SOURCE_AGE_BRACKET,
    SOURCE_CYCLE_START,
    SOURCE_GRID,
    AgeBracket,
    Dataset,
    GridId,
    SmicRecord,
    Territory,
    default_dataset,
)
from .dates import (
    ONE_DAY,
    add_years,
    age_on,
    days_between,
    days_in_month,
    end_after_months,
    first_of_next_month,
)
from .errors import InputError
from .models import (
    SCHEMA_VERSION,
    Aid,
    Base,
    CalendarYearTotal,
    Change,
    ChangeKind,
    ContractInputs,
    ContractYearTotal,
    Month,
    Schedule,
    Segment,
    SourceRef,
)
from .money import percent_of, prorate, round_cents
from .notices import Notice, notice

# Age brackets of art. D6222-26: (first age of the bracket, label). A new bracket takes effect
# on the 1st of the month after the birthday that reaches it (art. D6222-31).
BRACKETS: tuple[tuple[int, AgeBracket], ...] = (
    (0, "<18"),
    (18, "18-20"),
    (21, "21-25"),
    (26, "26+"),
)
_BRACKET_OF_FIRST_AGE: dict[int, AgeBracket] = dict(BRACKETS)
GRIDS: tuple[GridId, ...] = ("general", "sssms")
TERRITORIES: tuple[Territory, ...] = ("metropole", "mayotte")
# Contracts concluded before this date had the pre-2019 grid (art. D6222-26 in its former wording).
FIRST_SUPPORTED_START = date(2019, 1, 1)
# Duration limits (art. L6222-7-1: 6 months to 3 years; 4 years with a recognised disability).
MIN_MONTHS, USUAL_MAX_MONTHS, ABSOLUTE_MAX_MONTHS = 6, 36, 48
# Age at the start of the contract (art. L6222-1): 16 to 29, with exceptions on both sides.
MIN_USUAL_AGE, MAX_USUAL_AGE = 16, 29
LAST_CYCLE_YEAR = 3
# Contracts may start up to the end of this many years after the data's last check.
PROJECTION_YEARS = 5


@dataclass(frozen=True, slots=True)
class _Terms:
    """What sets the pay rate on a given day."""

    contract_year: int
    age_bracket: AgeBracket
    rate_percent: Decimal
    base: Base
    base_amount: Decimal
    smic: SmicRecord
    monthly_rate: Decimal


@dataclass(frozen=True, slots=True)
class _PayKey:
    """All that the pay of a contract depends on. The birth date enters only through the age
    bracket on the start date and the days a higher bracket takes effect, so contracts of
    people born in the same month often share a key (and, in a batch, the computation)."""

    start: date
    end: date
    grid: GridId
    smc: Decimal | None
    territory: Territory
    cycle_start_year: int
    first_age_of_bracket_at_start: int
    bracket_changes: tuple[tuple[date, int], ...]

    @classmethod
    def of(cls, inputs: ContractInputs) -> _PayKey:
        age = age_on(inputs.birth_date, inputs.start)
        # Days on which a higher age bracket takes effect during the contract (D6222-31).
        changes = []
        for first_age, _ in BRACKETS[1:]:
            birthday = add_years(inputs.birth_date, first_age)
            effective = first_of_next_month(birthday)
            if birthday > inputs.start and effective <= inputs.end:
                changes.append((effective, first_age))
        return cls(
            inputs.start,
            inputs.end,
            inputs.grid,
            inputs.smc,
            inputs.territory,
            inputs.cycle_start_year,
            max(first_age for first_age, _ in BRACKETS if age >= first_age),
            tuple(changes),
        )


@dataclass(frozen=True, slots=True)
class _Pay:
    """The part of a schedule that depends on the `_PayKey` only."""

    months: tuple[Month, ...]
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    changes: tuple[Change, ...]
    sources: tuple[SourceRef, ...]
    projected_from: date | None
    notices: tuple[Notice, ...]


class _Contract:
    """A checked contract and the lookups the day-by-day rules need."""

    def __init__(self, key: _PayKey, data: Dataset) -> None:
        self.key = key
        self.grid = data.grids.in_force(key.grid, key.start)
        self.general = data.grids.in_force("general", key.start)
        self.smic_records = data.smic.records(key.territory)
        self.smic_starts = [r.from_ for r in self.smic_records]
        self.bracket_changes = key.bracket_changes
        self._terms: dict[tuple[int, int, int], _Terms] = {}
        self.anniversaries: list[date] = []
        k = 1
        while (anniversary := add_years(key.start, k)) <= key.end:
            self.anniversaries.append(anniversary)
            k += 1

    def cut_points(self) -> list[date]:
        """Every day on which a segment may begin."""
        start, end = self.key.start, self.key.end
        cuts = {start}
        month = first_of_next_month(start)
        while month <= end:
            cuts.add(month)
            month = first_of_next_month(month)
        cuts.update(self.anniversaries)
        cuts.update(d for d, _ in self.bracket_changes)
        cuts.update(d for d in self.smic_starts if start < d <= end)
        return sorted(cuts)

    def terms_on(self, day: date) -> _Terms:
        contract_year = bisect_right(self.anniversaries, day) + 1
        age = self.key.first_age_of_bracket_at_start
        for effective, first_age in self.bracket_changes:
            if effective <= day and first_age > age:
                age = first_age
        smic_index = bisect_right(self.smic_starts, day) - 1
        # Most days of a contract share their terms with the day before: compute each once.
        known = self._terms.get((contract_year, age, smic_index))
        if known is None:
            known = self._terms_for(contract_year, age, self.smic_records[smic_index])
            self._terms[(contract_year, age, smic_index)] = known
        return known

    def _terms_for(self, contract_year: int, age: int, smic: SmicRecord) -> _Terms:
        bracket = _BRACKET_OF_FIRST_AGE[age]
        # Contract year k is paid at the rate of cycle year k + offset, capped at year 3
        # (art. D6222-28-1 for a contract that starts after year 1 of the cycle).
        cycle_year = min(contract_year + self.key.cycle_start_year - 1, LAST_CYCLE_YEAR)
        row = self.grid.rates.get(bracket)
        if row is None:  # SSSMS publishes no under-18 row: the legal row applies.
            row = self.general.rates[bracket]
        rate = row[cycle_year - 1]
        smc = self.key.smc
        base: Base = "smic"
        amount = smic.monthly_amount
        if smc is not None and bracket in self.grid.smc_brackets and smc > amount:
            base, amount = "smc", smc
        return _Terms(contract_year, bracket, rate, base, amount, smic, percent_of(rate, amount))


def check_contract(
    birth_date: date | str,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    months: int | None = None,
    grid: str = "general",
    smc: Decimal | None = None,
    territory: str = "metropole",
    cycle_start_year: int = 1,
    data: Dataset | None = None,
) -> ContractInputs:
    """Apply the defaults of the seed's programme and refuse what deis-pay cannot compute.

    Dates may be given as `date` objects or as text (`2005-05-10`, `10/05/2005`). Raises
    `InputError` with a code and the field concerned (`birth_date`, `start`, `end`, `months`,
    `grid`, `smc`, `territory`, `cycle_start_year`)."""
    data = data if data is not None else default_dataset()
    programme = data.programme
    birth_date = _as_date("birth_date", birth_date)
    start = _as_date("start", start) if start is not None else None
    end = _as_date("end", end) if end is not None else None
    if grid not in GRIDS:
        raise InputError("unknown_choice", "grid", value=str(grid), choices=GRIDS)
    if territory not in TERRITORIES:
        raise InputError("unknown_choice", "territory", value=str(territory), choices=TERRITORIES)
    if isinstance(cycle_start_year, bool) or cycle_start_year not in (1, 2, 3):
        raise InputError("cycle_start_year_out_of_range", "cycle_start_year", year=cycle_start_year)
    if smc is not None:
        _check_smc(smc)
    if end is not None and months is not None:
        raise InputError("end_and_months", "months")
    if months is not None:
        if isinstance(months, bool) or not isinstance(months, int) or months <= 0:
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
    first_smic = data.smic.records(territory)[0].from_
    if start < first_smic:
        raise InputError("start_before_smic", "start", start=start, territory=territory,
                         first=first_smic)  # fmt: skip
    if end < start:
        raise InputError("end_before_start", "end", end=end, start=start)
    if birth_date > start:
        raise InputError("birth_after_start", "birth_date", birth=birth_date, start=start)
    longest = end_after_months(start, ABSOLUTE_MAX_MONTHS)
    if end > longest:
        raise InputError("contract_over_4_years", "end", start=start, end=end, longest=longest)
    return ContractInputs(
        birth_date=birth_date,
        start=start,
        end=end,
        grid=grid,
        smc=smc,
        territory=territory,
        cycle_start_year=cycle_start_year,
    )


def _as_date(field: str, value: date | str) -> date:
    """A library caller's date: a `date`, or text read as the CLI reads it."""
    if isinstance(value, str):
        from .parsing import parse_date

        return parse_date(field, value)
    if not isinstance(value, date):
        raise InputError("not_a_date", field, value=str(value)[:40])
    return value


def _check_smc(smc: Decimal) -> None:
    from .parsing import MAX_AMOUNT

    if not (isinstance(smc, Decimal) and smc.is_finite() and smc > 0):
        raise InputError("amount_not_positive", "smc", value=str(smc)[:40])
    if smc > MAX_AMOUNT:
        raise InputError("amount_too_large", "smc", value=str(smc)[:40], limit=MAX_AMOUNT)
    if smc != round_cents(smc):
        raise InputError("too_many_decimals", "smc", value=str(smc))


def schedule_for(inputs: ContractInputs, data: Dataset) -> Schedule:
    """The schedule of an already checked contract (see `check_contract`), with its notices as
    values: `warnings` and the aids' `reason` are filled in by `messages.spoken` (as
    `deis_pay.compute_schedule` does)."""
    pay = _pay(_PayKey.of(inputs), data)
    return Schedule(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        months=pay.months,
        contract_years=pay.contract_years,
        calendar_years=pay.calendar_years,
        total_gross=pay.total_gross,
        aids=(_driving_licence(inputs, data),),
        changes=pay.changes,
        sources=pay.sources,
        data_verified_through=data.verified_through,
        projected_from=pay.projected_from,
        warnings=(),
        notices=(*_age_warnings(age_on(inputs.birth_date, inputs.start)), *pay.notices),
    )


# Results are immutable, so contracts with the same key share one computation (a batch of
# contracts starting on the same days with the same options computes each key once).
@lru_cache(maxsize=1024)
def _pay(key: _PayKey, data: Dataset) -> _Pay:
    contract = _Contract(key, data)
    cuts = contract.cut_points()
    spans: list[tuple[date, date, _Terms]] = []
    for i, first in enumerate(cuts):
        last = cuts[i + 1] - ONE_DAY if i + 1 < len(cuts) else key.end
        spans.append((first, last, contract.terms_on(first)))

    verified = data.verified_through
    months: list[Month] = []
    segments: list[Segment] = []
    for first, last, terms in spans:
        days = days_between(first, last)
        segment = Segment(
            from_=first,
            to=last,
            days=days,
            contract_year=terms.contract_year,
            age_bracket=terms.age_bracket,
            rate_percent=terms.rate_percent,
            base=terms.base,
            base_amount=terms.base_amount,
            monthly_rate=terms.monthly_rate,
            gross=prorate(terms.monthly_rate, days, days_in_month(first)),
        )
        if segments and segments[0].from_.month != first.month:
            months.append(_month(segments, verified))
            segments = []
        segments.append(segment)
    months.append(_month(segments, verified))

    all_segments = [s for m in months for s in m.segments]
    projected = any(m.projected for m in months)
    changes = _changes(spans, contract)
    return _Pay(
        months=tuple(months),
        contract_years=tuple(_contract_year_totals(key, contract.anniversaries, all_segments)),
        calendar_years=tuple(
            CalendarYearTotal(year=year, gross=gross)
            for year, gross in _sum_by((s.from_.year, s.gross) for s in all_segments).items()
        ),
        total_gross=sum((m.gross for m in months), Decimal(0)),
        changes=tuple(changes),
        sources=_sources(key, contract, spans, changes, data),
        projected_from=next(
            (m.segments[0].from_.replace(day=1) for m in months if m.projected), None
        ),
        notices=tuple(_pay_warnings(key, contract, all_segments, projected, data)),
    )


def _month(segments: list[Segment], verified: date) -> Month:
    first = segments[0].from_
    return Month(
        month=f"{first.year:04d}-{first.month:02d}",
        gross=sum((s.gross for s in segments), Decimal(0)),
        # The SMIC of a month is the one in force on its 1st (revaluations fall on the 1st):
        # a month is a projection when it starts after the data was last checked.
        projected=first.replace(day=1) > verified,
        segments=tuple(segments),
    )


def _sum_by(pairs: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for key, amount in pairs:
        totals[key] = totals.get(key, Decimal(0)) + amount
    return totals


def _contract_year_totals(
    key: _PayKey, anniversaries: list[date], segments: list[Segment]
) -> list[ContractYearTotal]:
    bounds = [key.start, *anniversaries]
    totals = _sum_by((s.contract_year, s.gross) for s in segments)
    return [
        ContractYearTotal(
            year=year,
            from_=bounds[year - 1],
            to=min(bounds[year] - ONE_DAY, key.end) if year < len(bounds) else key.end,
            gross=gross,
        )
        for year, gross in totals.items()
    ]


def _changes(spans: list[tuple[date, date, _Terms]], contract: _Contract) -> list[Change]:
    """Each change of rate or base during the contract, one entry per cause (for --explain)."""
    changes: list[Change] = []
    grid_source = contract.grid.source
    for (_, _, old), (day, _, new) in itertools.pairwise(spans):
        causes: list[tuple[ChangeKind, str, str, str]] = []
        if new.contract_year != old.contract_year:
            source = SOURCE_CYCLE_START if contract.key.cycle_start_year > 1 else grid_source
            causes.append(("contract_year", str(old.contract_year), str(new.contract_year), source))
        if new.age_bracket != old.age_bracket:
            causes.append(("age_bracket", old.age_bracket, new.age_bracket, SOURCE_AGE_BRACKET))
        if new.base != old.base:
            causes.append(("base", old.base, new.base, grid_source))
        elif new.base == "smic" and new.base_amount != old.base_amount:
            causes.append(("smic", str(old.base_amount), str(new.base_amount), new.smic.source))
        for kind, before, after, source in causes:
            changes.append(
                Change(
                    date_=day,
                    kind=kind,
                    before=before,
                    after=after,
                    monthly_rate_before=old.monthly_rate,
                    monthly_rate_after=new.monthly_rate,
                    source=source,
                )
            )
    return changes


def _age_warnings(age: int) -> tuple[Notice, ...]:
    if age < MIN_USUAL_AGE:
        return (notice("age_under_16", "birth_date", age=age),)
    if age > MAX_USUAL_AGE:
        return (notice("age_over_29", "birth_date", age=age),)
    return ()


def _pay_warnings(
    key: _PayKey,
    contract: _Contract,
    segments: list[Segment],
    projected: bool,
    data: Dataset,
) -> list[Notice]:
    notices: list[Notice] = []
    if key.end < end_after_months(key.start, MIN_MONTHS):
        notices.append(notice("contract_under_6_months", "end"))
    if key.end > end_after_months(key.start, USUAL_MAX_MONTHS):
        notices.append(notice("contract_over_3_years", "end"))
    if contract.grid.note and any(s.age_bracket not in contract.grid.rates for s in segments):
        # The note is the data's own text (grids.toml), said in the language by the edges.
        notices.append(notice("grid_note", "grid", grid=key.grid, note=contract.grid.note))
    if key.smc is not None and all(s.base == "smic" for s in segments):
        notices.append(notice("smc_without_effect", "smc"))
    if projected:
        last = contract.smic_records[-1]
        notices.append(
            notice(
                "projected_months",
                None,
                verified=data.verified_through,
                hourly=last.hourly,
                since=last.from_,
            )
        )
    return notices


def _driving_licence(inputs: ContractInputs, data: Dataset) -> Aid:
    """Window in which the €500 driving-licence aid could be requested (README, Rules and
    conventions)."""
    aid = data.aids.driving_licence
    adult = add_years(inputs.birth_date, aid.min_age)
    first = max(inputs.start, adult, aid.first_request)
    last = min(inputs.end, aid.last_request)
    deadline = aid.last_request
    if first <= last:
        reason = notice(
            "licence_aid_window", None, first=first, last=last, age=aid.min_age, deadline=deadline
        )
        window: tuple[date | None, date | None] = (first, last)
    else:
        if inputs.start > deadline:
            reason = notice("licence_aid_ended", "start", deadline=deadline)
        elif inputs.end < aid.first_request:
            reason = notice("licence_aid_not_yet", "end", first=aid.first_request)
        elif adult > inputs.end:
            reason = notice("licence_aid_adult_after_end", "birth_date", age=aid.min_age,
                            birthday=adult)  # fmt: skip
        else:
            reason = notice("licence_aid_adult_after_aid", "birth_date", age=aid.min_age,
                            birthday=adult, deadline=deadline)  # fmt: skip
        window = (None, None)
    return Aid(
        id="driving_licence",
        name=aid.name,
        amount=aid.amount,
        eligible=window[0] is not None,
        request_from=window[0],
        request_to=window[1],
        reason="",
        source=aid.source,
        reason_notice=reason,
    )


def _sources(
    key: _PayKey,
    contract: _Contract,
    spans: list[tuple[date, date, _Terms]],
    changes: list[Change],
    data: Dataset,
) -> tuple[SourceRef, ...]:
    ids: list[str] = [SOURCE_GRID, contract.grid.source]
    if key.cycle_start_year > 1:
        ids.append(SOURCE_CYCLE_START)
    if any(c.kind == "age_bracket" for c in changes):
        ids.append(SOURCE_AGE_BRACKET)
    ids.extend(terms.smic.source for _, _, terms in spans)
    aid = data.aids.driving_licence
    ids.extend((aid.source, aid.end_source))
    return tuple(source_ref(data, source_id) for source_id in dict.fromkeys(ids))


@lru_cache(maxsize=256)
def source_ref(data: Dataset, source_id: str) -> SourceRef:
    """The reference to a legal text as shown in results (one object per text and dataset)."""
    source = data.source(source_id)
    return SourceRef(id=source.id, title=source.title, url=source.url)


__all__ = ["check_contract", "schedule_for"]
