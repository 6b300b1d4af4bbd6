"""The pure computation core: the minimum pay of an apprenticeship contract, month by month.

Implements the rules of docs/rules.md (gross pay). No I/O and no sentences: it takes
dates, amounts and the loaded dataset, and returns a `Schedule` whose warnings are `Notice`
values; bad input raises `InputError` with a code and the field concerned. The edges say both
in the user's language (messages.py).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from deis_pay.core.dates import (
    ONE_DAY,
    add_years,
    age_on,
    days_between,
    days_in_month,
    first_of_next_month,
    last_of_month,
)
from deis_pay.core.money import percent_of, prorate
from deis_pay.core.notices import Notice, notice
from deis_pay.data.records import (
    SOURCE_AGE_BRACKET,
    SOURCE_CYCLE_START,
    SOURCE_GRID,
    AgeBracket,
    Dataset,
    Grid,
    GridId,
    SmicRecord,
    Territory,
)
from deis_pay.rules.contract import _duration_ends
from deis_pay.rules.models import (
    NO_HISTORY,
    SCHEMA_VERSION,
    Aid,
    Base,
    CalendarYearTotal,
    Change,
    ChangeKind,
    ContractInputs,
    ContractYearTotal,
    Month,
    ProlongationReason,
    Rule,
    Schedule,
    ScheduleTotals,
    Segment,
    SourceRef,
)

# Age brackets of art. D6222-26: (first age of the bracket, label). A new bracket takes effect
# on the 1st of the month after the birthday that reaches it (art. D6222-31).
BRACKETS: tuple[tuple[int, AgeBracket], ...] = (
    (0, "<18"),
    (18, "18-20"),
    (21, "21-25"),
    (26, "26+"),
)
_BRACKET_OF_FIRST_AGE: dict[int, AgeBracket] = dict(BRACKETS)
_FIRST_AGES_DOWN = tuple(sorted(_BRACKET_OF_FIRST_AGE, reverse=True))
# Age at the start of the contract (art. L6222-1): 16 to 29, with exceptions on both sides.
MIN_USUAL_AGE, MAX_USUAL_AGE = 16, 29
LAST_CYCLE_YEAR = 3


# The RQTH extension of art. R6222-48 and the related-diploma majoration of art. D6222-30 add
# 15 points; D6222-31 (2nd sentence) caps the majorations of its sub-section (D6222-26 to -33)
# at 100 % of the SMIC, R6222-48 being outside it is not capped.
MAJORATION = Decimal(15)
SUB_SECTION_CAP = Decimal(100)
LICENCE_PRO_YEAR = 2  # art. D6222-32: at least the rate of the 2nd year of execution
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class _Terms:
    """What sets the pay rate on a given day: the winning rule and its amounts."""

    contract_year: int
    age_bracket: AgeBracket
    rate_percent: Decimal
    base: Base
    base_amount: Decimal
    smic: SmicRecord
    monthly_rate: Decimal
    pay_year: int
    rule: Rule


# (first day, last day, terms): a stretch of the contract on the same terms.
_Span = tuple[date, date, _Terms]


class _PayKey(NamedTuple):
    """All that the pay of a contract depends on. The birth date enters only through the age
    bracket on the start date and the days a higher bracket takes effect (and the history
    through the few values below), so contracts of people born in the same month often share a
    key (and, in a batch, the computation). (A tuple: hashed and compared in C, as cache keys
    are, once per contract of a batch.)"""

    start: date
    end: date  # the last day paid: the prolongation's end when there is one
    grid: GridId
    smc: Decimal | None
    territory: Territory
    cycle_start_year: int
    first_age_of_bracket_at_start: int
    bracket_changes: tuple[tuple[date, int], ...]
    original_end: date
    prolongation_reason: ProlongationReason | None
    floor_percent: Decimal | None  # D6222-29
    related_year: int | None  # D6222-30: the year of the legal grid the +15 points apply to
    licence_pro: bool  # D6222-32
    # The SMC and the floor as written: 2500 and 2500.0 are equal keys, but a segment writes its
    # base amount and rate as the contract gave them, so they must not share a result.
    written: tuple[object, object]

    @classmethod
    def of(cls, inputs: ContractInputs, data: Dataset, birth: BirthTerms) -> _PayKey:
        history = inputs.history
        floor = None if history is NO_HISTORY else previous_floor(inputs, data)
        return cls(
            inputs.start,
            inputs.last_day,
            inputs.grid,
            inputs.smc,
            inputs.territory,
            inputs.cycle_start_year,
            birth.first_age,
            birth.bracket_changes,
            inputs.end,
            history.prolongation_reason if history.prolonged_to else None,
            floor,
            related_diploma_year(inputs) if history.same_level_related else None,
            history.licence_pro,
            (_as_written(inputs.smc), _as_written(floor)),
        )


class BirthTerms(NamedTuple):
    """All that a schedule reads of the birth date, besides a history's previous contract
    (`previous_floor`): the age bracket on the start date, the days a higher one takes effect
    (D6222-31), the warnings on the age at the start, and the first day the driving-licence
    aid's age condition is met within the contract. Apprentices with equal terms get the same
    pay, aid and notices (the batch shares its lines between them)."""

    first_age: int
    age_notices: tuple[Notice, ...]
    bracket_changes: tuple[tuple[date, int], ...]
    licence_age_from: date


# (A batch asks for the terms of a contract up to three times: see batch._SharedLines.)
@lru_cache(maxsize=1024)
def birth_terms(birth: date, start: date, last_day: date, data: Dataset) -> BirthTerms:
    age = age_on(birth, start)
    min_age = data.aids.driving_licence.min_age
    # Of age at the start, the day one came of age changes nothing: one value for all.
    adult = start if age >= min_age else max(add_years(birth, min_age), start)
    first_age, warnings = _age_terms(age)
    return BirthTerms(first_age, warnings, _bracket_changes(birth, age, last_day), adult)


# (A batch meets a few ages: one pair, and one set of warning objects, per age.)
@lru_cache(maxsize=128)
def _age_terms(age: int) -> tuple[int, tuple[Notice, ...]]:
    """The first age of the bracket of `age`, and the warnings on an age at the start."""
    return _first_age(age), _age_warnings(age)


def _as_written(amount: Decimal | None) -> object:
    return None if amount is None else amount.as_tuple()


def _first_age(age: int) -> int:
    for first_age in _FIRST_AGES_DOWN:
        if age >= first_age:
            return first_age
    raise ValueError(f"no age bracket for the age {age}")


def _bracket_changes(birth: date, age: int, last: date) -> tuple[tuple[date, int], ...]:
    """Days on which a higher age bracket takes effect from the start of a contract, the
    apprentice then `age`, to `last` (D6222-31): the birthdays that reach a bracket come after
    the start."""
    changes = []
    for first_age, _ in BRACKETS[1:]:
        if first_age <= age:
            continue
        # The 1st of the month after the birthday (in its birth month whatever the year, a 29
        # February included: add_years keeps the month).
        year = birth.year + first_age
        effective = date(year + 1, 1, 1) if birth.month == 12 else date(year, birth.month + 1, 1)
        if effective > last:  # and so are the later brackets'
            break
        changes.append((effective, first_age))
    return tuple(changes)


def _bracket_on(birth: date, start: date, day: date) -> AgeBracket:
    """The age bracket of a contract started on `start`, on `day` (D6222-31)."""
    age = age_on(birth, start)
    first_age = _first_age(age)
    for _, reached in _bracket_changes(birth, age, day):
        first_age = max(first_age, reached)
    return _BRACKET_OF_FIRST_AGE[first_age]


def _contract_year_on(start: date, day: date) -> int:
    """Contract year k runs from the (k-1)th anniversary of the start to the eve of the kth."""
    year = 1
    while add_years(start, year) <= day:
        year += 1
    return year


def pay_year_of(contract_year: int, cycle_start_year: int) -> tuple[int, bool]:
    """(pay year, RQTH extension): contract years 1-3 are paid at cycle year k + offset capped at
    3 (D6222-28-1); a 4th contract year is the extension of R6222-48 (year 3 + 15 points)."""
    if contract_year > LAST_CYCLE_YEAR:
        return LAST_CYCLE_YEAR, True
    return min(contract_year + cycle_start_year - 1, LAST_CYCLE_YEAR), False


def _grid_percent(grid: Grid, general: Grid, bracket: AgeBracket, year: int) -> Decimal:
    row = grid.rates.get(bracket)
    if row is None:  # SSSMS publishes no under-18 row: the legal row applies.
        row = general.rates[bracket]
    return row[year - 1]


def previous_floor(inputs: ContractInputs, data: Dataset) -> Decimal | None:
    """Art. D6222-29: the minimum % of the previous contract on its last day (its pay year, the
    age bracket of that day counted from its own start, its grid), or the % actually paid at
    its end when higher; None without either."""
    history = inputs.history
    candidates = [history.previous_percent] if history.previous_percent is not None else []
    if history.previous_start is not None and history.previous_end is not None:
        start, last = history.previous_start, history.previous_end
        grid_id = history.previous_grid or inputs.grid
        grid = data.grids.in_force(grid_id, start)
        general = data.grids.in_force("general", start)
        bracket = _bracket_on(inputs.birth_date, start, last)
        year, extended = pay_year_of(
            _contract_year_on(start, last), history.previous_cycle_start_year or 1
        )
        percent = _grid_percent(grid, general, bracket, year)
        candidates.append(percent + MAJORATION if extended else percent)
    return max(candidates) if candidates else None


def related_diploma_year(inputs: ContractInputs) -> int:
    """Art. D6222-30: the previous diploma's duration in years (1-3), given, or else the pay
    year of the previous contract's last day, at most 3 (check_contract requires one)."""
    history = inputs.history
    if history.previous_diploma_years is not None:
        return history.previous_diploma_years
    assert history.previous_start is not None and history.previous_end is not None
    contract_year = _contract_year_on(history.previous_start, history.previous_end)
    return pay_year_of(contract_year, history.previous_cycle_start_year or 1)[0]


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


# Terms already computed, by all they depend on (the contract's `_terms_context`, then the day's
# index): in a batch, most contracts share the terms of others (same grid, year, bracket and
# SMIC). Bounded: SMCs and histories vary without limit.
_TermsIndex = tuple[int, int, int, bool]
# 1 January of the years contracts run in (`_new_years`).
_NEW_YEARS_FROM = 2000
_NEW_YEARS = tuple(date(year, 1, 1) for year in range(_NEW_YEARS_FROM, 2100))
_SHARED_TERMS: dict[tuple[object, ...], dict[_TermsIndex, _Terms]] = {}
_SHARED_TERMS_SIZE = 8192  # contexts, of a few terms each


class _Contract:
    """A checked contract and the lookups the day-by-day rules need."""

    def __init__(self, key: _PayKey, data: Dataset) -> None:
        self.key = key
        self.grid, self.general = _grids_on(data, key.grid, key.start)
        self.grid_rule: Rule = "D6222-26" if key.grid == "general" else "SSSMS"
        self.smic_records = data.smic.records(key.territory)
        self.smic_starts = _smic_starts(self.smic_records)
        self.bracket_changes = key.bracket_changes
        self.first_age = key.first_age_of_bracket_at_start
        self.original_end = key.original_end
        self.anniversaries = _anniversaries(key.start, key.end)
        # A prolongation keeps the pay year of the original contract's last day (D6222-28);
        # its contract year, as `_contract_year_on` counts it, from the anniversaries.
        self.end_pay_year = pay_year_of(
            bisect_right(self.anniversaries, key.original_end) + 1, key.cycle_start_year
        )
        # What `_terms_for` reads besides its arguments: contracts that agree on it share their
        # terms (see `_SHARED_TERMS`).
        context: tuple[object, ...] = (
            data, key.grid, self.grid.from_, self.general.from_, key.territory, key.smc,
            key.cycle_start_year, key.prolongation_reason, key.licence_pro, key.related_year,
            key.floor_percent, key.written,
        )  # fmt: skip
        if key.original_end < key.end:
            context += (self.end_pay_year,)
        terms = _SHARED_TERMS.get(context)
        if terms is None:
            if len(_SHARED_TERMS) >= _SHARED_TERMS_SIZE:
                _SHARED_TERMS.clear()
            terms = _SHARED_TERMS[context] = {}
        self._terms = terms

    def cut_points(self, every_month: bool = True, extra: Iterable[date] = ()) -> list[date]:
        """Every day on which a segment may begin: the days the terms may change, and the 1st of
        every month (or, without `every_month`, of every January: enough for yearly totals),
        and the days of `extra` within the contract."""
        start, end = self.key.start, self.key.end
        cuts = {start, *self.anniversaries}
        if extra:
            cuts.update(day for day in extra if start < day <= end)
        if every_month:
            month = first_of_next_month(start)
            while month <= end:
                cuts.add(month)
                month = first_of_next_month(month)
        else:
            cuts.update(_new_years(start.year + 1, end.year))
        for day, _ in self.bracket_changes:
            cuts.add(day)
        starts = self.smic_starts
        cuts.update(starts[bisect_right(starts, start) : bisect_right(starts, end)])
        if self.key.original_end < end:
            cuts.add(self.key.original_end + ONE_DAY)
        return sorted(cuts)

    def spans(self, every_month: bool = True, extra: Iterable[date] = ()) -> list[_Span]:
        """The contract cut at `cut_points`, each stretch with its terms."""
        cuts = self.cut_points(every_month, extra)
        ends = [cut - ONE_DAY for cut in cuts[1:]] + [self.key.end]
        return [(first, last, self.terms_on(first)) for first, last in zip(cuts, ends, strict=True)]

    def terms_on(self, day: date) -> _Terms:
        contract_year = bisect_right(self.anniversaries, day) + 1
        age = self.first_age
        for effective, first_age in self.bracket_changes:
            if effective <= day and first_age > age:
                age = first_age
        smic_index = bisect_right(self.smic_starts, day) - 1
        prolonged = day > self.original_end
        # Most days of a contract share their terms with the day before, and with days of
        # other contracts of the same context: compute each once.
        index = (contract_year, age, smic_index, prolonged)
        known = self._terms.get(index)
        if known is None:
            smic = self.smic_records[smic_index]
            known = self._terms[index] = self._terms_for(contract_year, age, smic, prolonged)
        return known

    def _terms_for(self, contract_year: int, age: int, smic: SmicRecord, prolonged: bool) -> _Terms:
        """The highest of the rules that apply on a day (docs/history.md); on
        a tie, the first: the grid, the licence pro, the related diploma, the previous floor."""
        key = self.key
        bracket = _BRACKET_OF_FIRST_AGE[age]
        smic_amount = smic.monthly_amount
        if prolonged:
            year, extended = self.end_pay_year
            extended = extended or key.prolongation_reason == "rqth"
            rule: Rule = "R6222-48" if extended else "D6222-28"
        else:
            year, extended = pay_year_of(contract_year, key.cycle_start_year)
            rule = "R6222-48" if extended else self.grid_rule
        percent = _grid_percent(self.grid, self.general, bracket, year)
        candidates = [(rule, year, percent + MAJORATION if extended else percent, self.grid)]
        if key.licence_pro:
            licence_year = max(year, LICENCE_PRO_YEAR)
            legal = self.general.rates[bracket][licence_year - 1]
            candidates.append(("D6222-32", licence_year, legal, self.general))
        if key.related_year is not None:
            legal = self.general.rates[bracket][key.related_year - 1]
            related = min(legal + MAJORATION, SUB_SECTION_CAP)
            candidates.append(("D6222-30", key.related_year, related, self.general))
        best: _Terms | None = None
        for name, pay_year, rate, grid in candidates:
            base: Base = "smic"
            amount = smic_amount
            if key.smc is not None and bracket in grid.smc_brackets and key.smc > amount:
                base, amount = "smc", key.smc
            terms = _Terms(contract_year, bracket, rate, base, amount, smic,
                           percent_of(rate, amount), pay_year, name)  # fmt: skip
            if best is None or terms.monthly_rate > best.monthly_rate:
                best = terms
        assert best is not None
        if key.floor_percent is not None:
            # D6222-29: the previous contract's percentage, of the SMIC (its SMC is not known).
            floor = percent_of(key.floor_percent, smic_amount)
            if floor > best.monthly_rate:
                best = _Terms(contract_year, bracket, key.floor_percent, "smic", smic_amount,
                              smic, floor, best.pay_year, "D6222-29")  # fmt: skip
        return best


# (Contracts of a batch share a few dates.)
@lru_cache(maxsize=256)
def _grids_on(data: Dataset, grid: GridId, start: date) -> tuple[Grid, Grid]:
    """The contract's grid and the legal one, as in force on its start."""
    return data.grids.in_force(grid, start), data.grids.in_force("general", start)


@lru_cache(maxsize=1024)
def _anniversaries(start: date, end: date) -> tuple[date, ...]:
    """The anniversaries of `start` up to `end`: the first days of contract years 2, 3…"""
    anniversaries = []
    k = 1
    while (anniversary := add_years(start, k)) <= end:
        anniversaries.append(anniversary)
        k += 1
    return tuple(anniversaries)


# The first days of a dataset's SMIC records, by the identity of the records (with them).
_SMIC_STARTS: dict[int, tuple[tuple[SmicRecord, ...], list[date]]] = {}


def _smic_starts(records: tuple[SmicRecord, ...]) -> list[date]:
    known = _SMIC_STARTS.get(id(records))
    if known is None or known[0] is not records:
        if len(_SMIC_STARTS) >= 16:
            _SMIC_STARTS.clear()
        known = _SMIC_STARTS[id(records)] = (records, [record.from_ for record in records])
    return known[1]


def _new_years(first: int, last: int) -> tuple[date, ...]:
    """1 January of each year from `first` to `last`."""
    if first >= _NEW_YEARS_FROM and last < _NEW_YEARS_FROM + len(_NEW_YEARS):
        return _NEW_YEARS[first - _NEW_YEARS_FROM : last - _NEW_YEARS_FROM + 1]
    return tuple(date(year, 1, 1) for year in range(first, last + 1))


def schedule_for(inputs: ContractInputs, data: Dataset) -> Schedule:
    """The schedule of an already checked contract (see `check_contract`), with its notices as
    values: `warnings` and the aids' `reason` are filled in by `messages.spoken` (as
    `deis_pay.compute_schedule` does)."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    pay = _pay(_PayKey.of(inputs, data, birth), data)
    return Schedule(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        months=pay.months,
        contract_years=pay.contract_years,
        calendar_years=pay.calendar_years,
        total_gross=pay.total_gross,
        aids=(_licence_aid(data, birth.licence_age_from, inputs.start, inputs.last_day),),
        changes=pay.changes,
        sources=pay.sources,
        data_verified_through=data.verified_through,
        projected_from=pay.projected_from,
        warnings=(),
        notices=(*birth.age_notices, *pay.notices),
        data=data.info,
    )


def data_notices(data: Dataset) -> tuple[Notice, ...]:
    """The notice of a user's data overlay, if the data has one: every result says so."""
    overlay = data.info.overlay
    if overlay is None:
        return ()
    return (notice("data_overlay", None, path=overlay.path, digest=overlay.digest),)


# Results are immutable, so contracts with the same key share one computation (a batch of
# contracts starting on the same days with the same options computes each key once).
@lru_cache(maxsize=1024)
def _pay(key: _PayKey, data: Dataset) -> _Pay:
    contract = _Contract(key, data)
    spans = contract.spans()

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
            pay_year=terms.pay_year,
            rule=terms.rule,
        )
        if segments and segments[0].from_.month != first.month:
            months.append(_month(segments, verified))
            segments = []
        segments.append(segment)
    months.append(_month(segments, verified))

    contract_years, calendar_years, total = _year_totals(
        key,
        ((s.from_, s.contract_year, s.gross) for m in months for s in m.segments),
    )
    changes = _changes(spans, contract)
    return _Pay(
        months=tuple(months),
        contract_years=contract_years,
        calendar_years=calendar_years,
        total_gross=total,
        changes=tuple(changes),
        sources=_sources(key, contract, spans, changes, data),
        projected_from=projected_from(key.start, key.end, verified),
        notices=_pay_warnings(key, contract, spans, data),
    )


def totals_for(inputs: ContractInputs, data: Dataset) -> ScheduleTotals:
    """The totals of `schedule_for(inputs, data)` (contract years, calendar years, total,
    aids, notices) without building its months: what `batch --detail summary` writes, several
    times faster. The same rules (`_Contract.terms_on`); only the adding up differs."""
    key, aid, age_notices = summary_terms(inputs, data)
    return totals_of(_totals(key, data), aid, age_notices)


def summary_terms(inputs: ContractInputs, data: Dataset) -> tuple[_PayKey, Aid, tuple[Notice, ...]]:
    """What `totals_for` reads of a contract: the key of its pay (`pay_totals`), its aid and
    the notices on its age at the start. Apart, so that a batch keeps what it writes of a pay
    by its key, without the totals objects (batch._PAY_WRITTEN)."""
    last_day = inputs.last_day
    birth = birth_terms(inputs.birth_date, inputs.start, last_day, data)
    return (
        _PayKey.of(inputs, data, birth),
        _licence_aid(data, birth.licence_age_from, inputs.start, last_day),
        birth.age_notices,
    )


def totals_of(pay: PayTotals, aid: Aid, age_notices: tuple[Notice, ...]) -> ScheduleTotals:
    """`totals_for`, from the parts `summary_terms` and `pay_totals` give."""
    return ScheduleTotals(
        contract_years=tuple([ContractYearTotal(*year) for year in pay.contract_years]),
        calendar_years=tuple([CalendarYearTotal(*year) for year in pay.calendar_years]),
        total_gross=pay.total_gross,
        aids=(aid,),
        warnings=(),
        notices=(*age_notices, *pay.notices),
    )


def pay_key(inputs: ContractInputs, data: Dataset) -> Hashable:
    """What the months, years and totals of `schedule_for(inputs, data)` depend on, as a key:
    two contracts with equal keys in the same dataset have the same months (the birth date
    enters only through `BirthTerms`), so a batch shares what it derives from them, their net
    and cost for the same employer (`batch._extras_text`)."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    return _PayKey.of(inputs, data, birth)


# (contract year, its first day, its last day, gross), (calendar year, gross): as plain tuples,
# which a batch writes without building the objects (`PayTotals`).
YearSum = tuple[int, date, date, Decimal]
CalendarSum = tuple[int, Decimal]


@dataclass(frozen=True, slots=True)
class PayTotals:
    """What a pay key gives `totals_for`: its totals (as `_year_sums`) and the notices on the
    pay."""

    contract_years: tuple[YearSum, ...]
    calendar_years: tuple[CalendarSum, ...]
    total_gross: Decimal
    notices: tuple[Notice, ...]


def pay_totals(key: _PayKey, data: Dataset) -> PayTotals:
    """The totals of the pay of `key` (`summary_terms`), computed anew: `totals_for` keeps
    the last ones computed (`_totals`), a batch what it wrote of them."""
    contract = _Contract(key, data)
    # Cut only where the terms may change and on each 1st of January: within a stretch, every
    # whole month is paid its monthly rate and the first and last months are prorated, exactly
    # as the segments of `_pay` are.
    spans = contract.spans(every_month=False)
    contract_years, calendar_years, total = _year_sums(
        key,
        [(first, terms.contract_year, _stretch_gross(terms.monthly_rate, first, last))
         for first, last, terms in spans],
    )  # fmt: skip
    return PayTotals(
        contract_years=contract_years,
        calendar_years=calendar_years,
        total_gross=total,
        notices=_pay_warnings(key, contract, spans, data),
    )


# (The pay totals of the contracts of `totals_for`: a batch of spread contracts meets a key again
# often, an employer's export of intakes mostly.)
_totals = lru_cache(maxsize=8192)(pay_totals)


def _stretch_gross(monthly: Decimal, first: date, last: date) -> Decimal:
    """The gross of a stretch within one calendar year: the segments' amounts of `_pay`
    (prorate), the whole months in between at the monthly rate."""
    if first.month == last.month:
        return prorate(monthly, last.day - first.day + 1, days_in_month(first))
    # Most stretches run from a 1st to a month's end: whole months, `prorate` of all its days.
    months = last.month - first.month + 1
    if first.day == 1 and last.day == days_in_month(last):
        return monthly * months
    head_days = days_in_month(first)
    head = prorate(monthly, head_days - first.day + 1, head_days)
    tail = prorate(monthly, last.day, days_in_month(last))
    return head + monthly * (months - 2) + tail


def projected_from(start: date, last_day: date, verified: date) -> date | None:
    """The 1st of the first month of the contract that starts after the data was last checked
    (a projection: see `_month`), if any."""
    first = max(start.replace(day=1), first_of_next_month(verified))
    return first if first <= last_day else None


@dataclass(frozen=True, slots=True)
class MonthRun:
    """Months of a schedule in a row with the same pay: `count` months from `first` (a 1st),
    in one calendar year, each paid `gross` for `days` of its `month_days` (all of them, for
    whole months of any length), and the contract years of its segments with their gross
    (one year when `count` > 1)."""

    first: date
    count: int
    gross: Decimal
    days: int
    month_days: int
    years: tuple[tuple[int, Decimal], ...]

    @classmethod
    def of(cls, month: Month) -> MonthRun:
        """A month of a schedule, as a run of one."""
        segments = month.segments
        first = segments[0].from_.replace(day=1)
        days = segments[0].days if len(segments) == 1 else sum(s.days for s in segments)
        years = tuple((s.contract_year, s.gross) for s in segments)
        return cls(first, 1, month.gross, days, days_in_month(first), years)


# (A batch asks twice for a contract with `--with net,cost`.)
@lru_cache(maxsize=16)
def month_runs(
    inputs: ContractInputs, data: Dataset, cuts: tuple[date, ...]
) -> tuple[MonthRun, ...]:
    """The months of `schedule_for(inputs, data)`, whole months on the same terms gathered in
    runs that do not cross a 1st of January nor the 1st of the month a day of `cuts` falls in
    (the days a caller's own figures may change: rates read on a month's 1st; a day within a
    month changes them from the next). The same segments and amounts as `_pay` (a test
    compares them): the stretches of `_Contract.spans`, cut at the 1st of each month, prorated
    alike."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    contract = _Contract(_PayKey.of(inputs, data, birth), data)
    firsts = {day if day.day == 1 else first_of_next_month(day) for day in cuts}
    runs: list[MonthRun] = []
    # The month being filled with the segments of a month cut by a change of terms.
    open_first: date | None = None
    open_days, open_gross = 0, _ZERO
    open_years: list[tuple[int, Decimal]] = []

    def close() -> None:
        if open_first is not None:
            month_days = days_in_month(open_first)
            runs.append(MonthRun(open_first, 1, open_gross, open_days, month_days,
                                 tuple(open_years)))  # fmt: skip

    for first, last, terms in contract.spans(every_month=False, extra=firsts):
        monthly, year = terms.monthly_rate, terms.contract_year
        day = first
        while day <= last:
            month_first = day.replace(day=1)
            month_last = last_of_month(day)
            if day.day == 1 and last >= month_last:
                # Whole months up to the last one the stretch covers entirely.
                whole_to = last if last == last_of_month(last) else last.replace(day=1) - ONE_DAY
                count = whole_to.month - day.month + 1  # (a stretch is within one year)
                month_days = days_in_month(day)
                close()
                open_first = None
                runs.append(MonthRun(month_first, count, _ZERO + monthly, month_days,
                                     month_days, ((year, monthly),)))  # fmt: skip
                day = whole_to + ONE_DAY
                continue
            segment_last = min(last, month_last)
            days = segment_last.day - day.day + 1
            gross = prorate(monthly, days, days_in_month(day))
            if month_first != open_first:
                close()
                open_first, open_days, open_gross, open_years = month_first, 0, _ZERO, []
            open_days += days
            open_gross += gross
            open_years.append((year, gross))
            day = segment_last + ONE_DAY
    close()
    return tuple(runs)


def _month(segments: list[Segment], verified: date) -> Month:
    first = segments[0].from_
    return Month(
        month=first.isoformat()[:7],
        gross=_ZERO + segments[0].gross
        if len(segments) == 1
        else sum((s.gross for s in segments), _ZERO),
        # The SMIC of a month is the one in force on its 1st (revaluations fall on the 1st):
        # a month is a projection when it starts after the data was last checked.
        projected=first.replace(day=1) > verified,
        segments=tuple(segments),
    )


# (first day, contract year, gross) of each segment of `_pay` or stretch of `_totals`, in order.
_Gross = tuple[date, int, Decimal]


def _year_totals(
    key: _PayKey, grosses: Iterable[_Gross]
) -> tuple[tuple[ContractYearTotal, ...], tuple[CalendarYearTotal, ...], Decimal]:
    """The gross per contract year, per calendar year and in total."""
    contract_years, calendar_years, total = _year_sums(key, grosses)
    return (
        tuple([ContractYearTotal(*year) for year in contract_years]),
        tuple([CalendarYearTotal(*year) for year in calendar_years]),
        total,
    )


def _year_sums(
    key: _PayKey, grosses: Iterable[_Gross]
) -> tuple[tuple[YearSum, ...], tuple[CalendarSum, ...], Decimal]:
    """`_year_totals` as plain tuples. The grosses come in order of their days, so a contract
    year or a calendar year ends where the next begins."""
    years: list[tuple[int, Decimal]] = []
    calendar: list[CalendarSum] = []
    total = year_sum = calendar_sum = _ZERO
    year = calendar_year = 0
    for first, contract_year, gross in grosses:
        total += gross
        if contract_year == year:
            year_sum += gross
        else:
            if year:
                years.append((year, year_sum))
            year, year_sum = contract_year, gross
        if first.year == calendar_year:
            calendar_sum += gross
        else:
            if calendar_year:
                calendar.append((calendar_year, calendar_sum))
            calendar_year, calendar_sum = first.year, gross
    years.append((year, year_sum))
    calendar.append((calendar_year, calendar_sum))
    bounds = _year_bounds(key.start, key.end)
    return tuple([(y, *bounds[y - 1], gross) for y, gross in years]), tuple(calendar), total


@lru_cache(maxsize=1024)
def _year_bounds(start: date, end: date) -> tuple[tuple[date, date], ...]:
    """The first and last day of each contract year of a contract from `start` to `end`."""
    firsts = (start, *_anniversaries(start, end))
    lasts = [min(first - ONE_DAY, end) for first in firsts[1:]] + [end]
    return tuple(zip(firsts, lasts, strict=True))


def _changes(spans: list[_Span], contract: _Contract) -> list[Change]:
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
        if new.rule != old.rule:
            causes.append(("rule", old.rule, new.rule, _rule_source(new.rule, grid_source)))
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
    key: _PayKey, contract: _Contract, spans: list[_Span], data: Dataset
) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    shortest, longest, _ = _duration_ends(key.start)
    if key.original_end < shortest:
        notices.append(notice("contract_under_6_months", "end"))
    if key.original_end > longest:
        notices.append(notice("contract_over_3_years", "end"))
    for since, _, terms in spans:
        if terms.rule == "R6222-48" and terms.rate_percent > SUB_SECTION_CAP:
            # R6222-48 is read literally (outside the cap of D6222-31): say so where it shows.
            notices.append(notice("rqth_extension_above_100", None, percent=terms.rate_percent,
                                  since=since))  # fmt: skip
            break
    rates = contract.grid.rates
    if contract.grid.note and any(terms.age_bracket not in rates for _, _, terms in spans):
        # The note is the data's own text (grids.toml), said in the language by the edges.
        notices.append(notice("grid_note", "grid", grid=key.grid, note=contract.grid.note))
    if key.smc is not None and all(terms.base == "smic" for _, _, terms in spans):
        notices.append(notice("smc_without_effect", "smc"))
    # A month is a projection when it starts after the data was last checked (see `_month`):
    # the last one does when the contract ends after the month of that check.
    if key.end > _last_checked_month_end(data):
        notices.append(_projection_notice(data, key.territory))
    return (*notices, *data_notices(data))


@lru_cache(maxsize=16)
def _last_checked_month_end(data: Dataset) -> date:
    return last_of_month(data.verified_through)


@lru_cache(maxsize=16)
def _projection_notice(data: Dataset, territory: Territory) -> Notice:
    """The same for every contract that runs past the data's last check (one object)."""
    last = data.smic.records(territory)[-1]
    return notice(
        "projected_months", None, verified=data.verified_through, hourly=last.hourly,
        since=last.from_,
    )  # fmt: skip


# Window in which the €500 driving-licence aid could be requested (docs/rules.md,
# Driving-licence aid), from the day its age condition is met (`BirthTerms`). (Kept by the
# contract's dates: a batch meets them again.)
@lru_cache(maxsize=4096)
def _licence_aid(data: Dataset, adult: date, start: date, last_day: date) -> Aid:
    aid = data.aids.driving_licence
    first = max(start, adult, aid.first_request)
    last = min(last_day, aid.last_request)
    if first <= last:
        return _aid_of(data, "licence_aid_window", first, last)
    if start > aid.last_request:
        return _aid_of(data, "licence_aid_ended")
    if last_day < aid.first_request:
        return _aid_of(data, "licence_aid_not_yet")
    if adult > last_day:
        return _aid_of(data, "licence_aid_adult_after_end", adult)
    return _aid_of(data, "licence_aid_adult_after_aid", adult)


# One object per aid (the window, or the reason there is none): contracts with the same aid
# share it, and a batch finds its text by the object (batch._said_text). (Each notice's code
# written out again: docs/codes.py reads the codes and their fields from the source.)
@lru_cache(maxsize=4096)
def _aid_of(data: Dataset, code: str, *days: date) -> Aid:
    aid = data.aids.driving_licence
    window: tuple[date | None, date | None] = (None, None)
    deadline = aid.last_request
    if code == "licence_aid_window":
        first, last = days
        reason = notice(
            "licence_aid_window", None, first=first, last=last, age=aid.min_age, deadline=deadline
        )
        window = (first, last)
    elif code == "licence_aid_ended":
        reason = notice("licence_aid_ended", "start", deadline=deadline)
    elif code == "licence_aid_not_yet":
        reason = notice("licence_aid_not_yet", "end", first=aid.first_request)
    elif code == "licence_aid_adult_after_end":
        reason = notice("licence_aid_adult_after_end", "birth_date", age=aid.min_age,
                        birthday=days[0])  # fmt: skip
    else:
        reason = notice("licence_aid_adult_after_aid", "birth_date", age=aid.min_age,
                        birthday=days[0], deadline=deadline)  # fmt: skip
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
    spans: list[_Span],
    changes: list[Change],
    data: Dataset,
) -> tuple[SourceRef, ...]:
    ids: list[str] = [SOURCE_GRID, contract.grid.source]
    if key.cycle_start_year > 1:
        ids.append(SOURCE_CYCLE_START)
    if any(c.kind == "age_bracket" for c in changes):
        ids.append(SOURCE_AGE_BRACKET)
    ids.extend(terms.smic.source for _, _, terms in spans)
    ids.extend(
        _rule_source(terms.rule, contract.grid.source)
        for _, _, terms in spans
        if terms.rule != contract.grid_rule
    )
    aid = data.aids.driving_licence
    ids.extend((aid.source, aid.end_source))
    return tuple(source_ref(data, source_id) for source_id in dict.fromkeys(ids))


@lru_cache(maxsize=256)
def source_ref(data: Dataset, source_id: str) -> SourceRef:
    """The reference to a legal text as shown in results (one object per text and dataset)."""
    source = data.source(source_id)
    return SourceRef(id=source.id, title=source.title, url=source.url)


__all__ = ["pay_key", "schedule_for", "totals_for"]


def _rule_source(rule: Rule, grid_source: str) -> str:
    """The legal text of a rule (the SSSMS grid's is its accord)."""
    return grid_source if rule == "SSSMS" else rule
