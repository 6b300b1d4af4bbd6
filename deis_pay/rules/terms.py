"""What sets the minimum pay on a given day of a contract: the terms (rule, rate, base) and the
stretches of the contract on the same terms.

A day's terms come from its contract year (anniversaries of the start, art. D6222-26, shifted
by the cycle's first year, D6222-28-1), the apprentice's age bracket (changing on the 1st of
the month after a birthday, D6222-31), the SMIC in force, the SMC when higher (SSSMS branch),
and the rules of a previous contract or a prolongation (D6222-28 to -32, R6222-48): the
highest of those that apply wins (docs/rules.md, docs/history.md).

Everything the terms read of a contract is in its `PayKey`, built by `pay_key` alone; the
declaration `PAY_INPUTS` says which input enters the key through which field, and a test holds
every field of `ContractInputs` and `History` against it, so that a new input cannot make two
contracts share a pay that is not theirs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from deis_pay.core.dates import ONE_DAY, add_years, age_on, first_of_next_month
from deis_pay.core.memo import Memo
from deis_pay.core.money import percent_of
from deis_pay.core.notices import Notice, notice
from deis_pay.data.records import AgeBracket, Dataset, Grid, GridId, SmicRecord, Territory
from deis_pay.rules.models import (
    NO_HISTORY,
    Base,
    ContractInputs,
    ProlongationReason,
    Rule,
)

# Age brackets of art. D6222-26: (first age of the bracket, label). A new bracket takes effect
# on the 1st of the month after the birthday that reaches it (art. D6222-31).
BRACKETS: tuple[tuple[int, AgeBracket], ...] = (
    (0, "<18"),
    (18, "18-20"),
    (21, "21-25"),
    (26, "26+"),
)
BRACKET_OF_FIRST_AGE: dict[int, AgeBracket] = dict(BRACKETS)
_FIRST_AGES_DOWN = tuple(sorted(BRACKET_OF_FIRST_AGE, reverse=True))
# Age at the start of the contract (art. L6222-1): 16 to 29, with exceptions on both sides.
MIN_USUAL_AGE, MAX_USUAL_AGE = 16, 29
LAST_CYCLE_YEAR = 3

# The RQTH extension of art. R6222-48 and the related-diploma majoration of art. D6222-30 add
# 15 points; D6222-31 (2nd sentence) caps the majorations of its sub-section (D6222-26 to -33)
# at 100 % of the SMIC, R6222-48 being outside it is not capped.
MAJORATION = Decimal(15)
SUB_SECTION_CAP = Decimal(100)
LICENCE_PRO_YEAR = 2  # art. D6222-32: at least the rate of the 2nd year of execution

# 1 January of the years contracts run in (`_new_years`).
_NEW_YEARS_FROM = 2000
_NEW_YEARS = tuple(date(year, 1, 1) for year in range(_NEW_YEARS_FROM, 2100))


@dataclass(frozen=True, slots=True)
class Terms:
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
Stretch = tuple[date, date, Terms]


class BirthTerms(NamedTuple):
    """All that a schedule reads of the birth date, besides a history's previous contract
    (`previous_floor`): the age bracket on the start date, the days a higher one takes effect
    (D6222-31), the warnings on the age at the start, and the first day the driving-licence
    aid's age condition is met within the contract. Apprentices with equal terms get the same
    pay, aid and notices (a batch shares its lines between them)."""

    first_age: int
    age_notices: tuple[Notice, ...]
    bracket_changes: tuple[tuple[date, int], ...]
    licence_age_from: date


def birth_terms(birth: date, start: date, last_day: date, data: Dataset) -> BirthTerms:
    age = age_on(birth, start)
    min_age = data.aids.driving_licence.min_age
    # Of age at the start, the day one came of age changes nothing: one value for all.
    adult = start if age >= min_age else max(add_years(birth, min_age), start)
    return BirthTerms(_first_age(age), _age_warnings(age), _bracket_changes(birth, age, last_day),
                      adult)  # fmt: skip


class PayKey(NamedTuple):
    """All that the pay of a contract depends on (`pay_key` builds it; `PAY_INPUTS` says where
    each input goes). The birth date enters only through the age bracket on the start date and
    the days a higher bracket takes effect (and the history through the few values below), so
    contracts of people born in the same month often share a key, and a caller that keeps pays
    by key (the batch) computes each once. (A tuple: hashed and compared in C.)"""

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


# The floor of a previous contract (D6222-29), and how it is written.
_FLOOR = ("floor_percent", "written")
# Each field of the contract inputs (a history's as `history.<field>`), and the fields of
# `PayKey` it enters: the pay reads nothing else. A field that the pay does not read is named
# in `NOT_IN_PAY_KEY`, with why. tests/test_pay_key.py fails on a field named in neither, and
# on a change of a field here that leaves the key unchanged.
PAY_INPUTS: Mapping[str, tuple[str, ...]] = {
    "birth_date": ("first_age_of_bracket_at_start", "bracket_changes", *_FLOOR),
    "start": ("start",),
    "end": ("end", "original_end"),
    "grid": ("grid", *_FLOOR),
    "smc": ("smc", "written"),
    "territory": ("territory",),
    "cycle_start_year": ("cycle_start_year",),
    "history.previous_start": (*_FLOOR, "related_year"),
    "history.previous_end": (*_FLOOR, "related_year"),
    "history.previous_grid": _FLOOR,
    "history.previous_cycle_start_year": (*_FLOOR, "related_year"),
    "history.previous_percent": _FLOOR,
    "history.same_level_related": ("related_year",),
    "history.previous_diploma_years": ("related_year",),
    "history.licence_pro": ("licence_pro",),
    "history.prolonged_to": ("end", "prolongation_reason"),
    "history.prolongation_reason": ("prolongation_reason",),
}
NOT_IN_PAY_KEY: Mapping[str, str] = {}


def pay_key(inputs: ContractInputs, data: Dataset, birth: BirthTerms | None = None) -> PayKey:
    """The key of the pay of a checked contract: two contracts with equal keys have the same
    months, years and totals in the same dataset. `birth`: its `birth_terms`, if known."""
    if birth is None:
        birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    history = inputs.history
    floor = None if history is NO_HISTORY else previous_floor(inputs, data)
    return PayKey(
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


def _as_written(amount: Decimal | None) -> object:
    return None if amount is None else amount.as_tuple()


def _first_age(age: int) -> int:
    for first_age in _FIRST_AGES_DOWN:
        if age >= first_age:
            return first_age
    raise ValueError(f"no age bracket for the age {age}")


def _age_warnings(age: int) -> tuple[Notice, ...]:
    if age < MIN_USUAL_AGE:
        return (notice("age_under_16", "birth_date", age=age),)
    if age > MAX_USUAL_AGE:
        return (notice("age_over_29", "birth_date", age=age),)
    return ()


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
    return BRACKET_OF_FIRST_AGE[first_age]


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


# The terms of a day, by all they read besides the day (`Contract.context`), then by the
# day's index (contract year, age, SMIC record, prolonged): most contracts of a batch share
# the terms of others (same grid, year, bracket and SMIC). Kept here because it saves 7 % of
# a batch summary's time (`benchmarks/against.py --contracts 100000`, against a copy without
# it). Bounded: SMCs and histories vary without limit.
_TermsIndex = tuple[int, int, int, bool]
TERMS: Memo[tuple[object, ...], dict[_TermsIndex, Terms]] = Memo("terms by contract context", 8192)


class Contract:
    """A contract's pay key and the lookups the day-by-day rules need: its stretches on the
    same terms (`stretches`) are what the pay adds up (rules/pay.py)."""

    __slots__ = (
        "_terms",
        "anniversaries",
        "end_pay_year",
        "general",
        "grid",
        "grid_rule",
        "key",
        "smic_records",
        "smic_starts",
    )  # fmt: skip

    def __init__(self, key: PayKey, data: Dataset) -> None:
        self.key = key
        self.grid = data.grids.in_force(key.grid, key.start)
        self.general = data.grids.in_force("general", key.start)
        self.grid_rule: Rule = "D6222-26" if key.grid == "general" else "SSSMS"
        self.smic_records = data.smic.records(key.territory)
        self.smic_starts = data.smic_starts[key.territory]
        self.anniversaries = anniversaries(key.start, key.end)
        # A prolongation keeps the pay year of the original contract's last day (D6222-28);
        # its contract year, as `_contract_year_on` counts it, from the anniversaries.
        self.end_pay_year = pay_year_of(
            bisect_right(self.anniversaries, key.original_end) + 1, key.cycle_start_year
        )
        # What `_terms_for` reads besides its arguments: contracts that agree on it share their
        # terms (`TERMS`).
        context: tuple[object, ...] = (
            data, key.grid, self.grid.from_, self.general.from_, key.territory, key.smc,
            key.cycle_start_year, key.prolongation_reason, key.licence_pro, key.related_year,
            key.floor_percent, key.written,
        )  # fmt: skip
        if key.original_end < key.end:
            context += (self.end_pay_year,)
        terms = TERMS.get(context)
        self._terms = TERMS.put(context, {}) if terms is None else terms

    def cut_points(self, extra: Iterable[date] = ()) -> list[date]:
        """Every day on which a stretch begins: the days the terms may change, each 1st of
        January (calendar years are totalled apart) and the days of `extra` within the
        contract."""
        key = self.key
        start, end = key.start, key.end
        cuts = {start, *self.anniversaries, *_new_years(start.year + 1, end.year)}
        if extra:
            cuts.update(day for day in extra if start < day <= end)
        for day, _ in key.bracket_changes:
            cuts.add(day)
        starts = self.smic_starts
        cuts.update(starts[bisect_right(starts, start) : bisect_right(starts, end)])
        if key.original_end < end:
            cuts.add(key.original_end + ONE_DAY)
        return sorted(cuts)

    def stretches(self, extra: Iterable[date] = ()) -> list[Stretch]:
        """The contract cut at `cut_points`, each stretch with its terms: within one, every day
        is paid on the same terms, and no stretch crosses a 1st of January."""
        cuts = self.cut_points(extra)
        ends = [cut - ONE_DAY for cut in cuts[1:]] + [self.key.end]
        return [(first, last, self.terms_on(first)) for first, last in zip(cuts, ends, strict=True)]

    def terms_on(self, day: date) -> Terms:
        key = self.key
        contract_year = bisect_right(self.anniversaries, day) + 1
        age = key.first_age_of_bracket_at_start
        for effective, first_age in key.bracket_changes:
            if effective <= day and first_age > age:
                age = first_age
        smic_index = bisect_right(self.smic_starts, day) - 1
        return self.terms_at(contract_year, age, smic_index, day > key.original_end)

    def terms_at(self, contract_year: int, age: int, smic_index: int, prolonged: bool) -> Terms:
        """The terms of a day of this contract year, age bracket (its first age), SMIC record
        (its index in the territory's series) and prolongation, whether or not the contract
        has such a day (a check of pay asks what a month would have been had a change not
        been applied)."""
        # Most days of a contract share their terms with the day before, and with days of
        # other contracts of the same context: compute each once.
        index = (contract_year, age, smic_index, prolonged)
        known = self._terms.get(index)
        if known is None:
            smic = self.smic_records[smic_index]
            known = self._terms[index] = self._terms_for(contract_year, age, smic, prolonged)
        return known

    def index_on(self, day: date) -> tuple[int, int, int, bool]:
        """(contract year, first age of the bracket, index of the SMIC record, prolonged) on
        `day`: what `terms_on` reads of it."""
        key = self.key
        age = key.first_age_of_bracket_at_start
        for effective, first_age in key.bracket_changes:
            if effective <= day and first_age > age:
                age = first_age
        return (bisect_right(self.anniversaries, day) + 1, age,
                bisect_right(self.smic_starts, day) - 1, day > key.original_end)  # fmt: skip

    def _terms_for(self, contract_year: int, age: int, smic: SmicRecord, prolonged: bool) -> Terms:
        """The highest of the rules that apply on a day (docs/history.md); on
        a tie, the first: the grid, the licence pro, the related diploma, the previous floor."""
        key = self.key
        bracket = BRACKET_OF_FIRST_AGE[age]
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
        best: Terms | None = None
        for name, pay_year, rate, grid in candidates:
            base: Base = "smic"
            amount = smic_amount
            if key.smc is not None and bracket in grid.smc_brackets and key.smc > amount:
                base, amount = "smc", key.smc
            terms = Terms(contract_year, bracket, rate, base, amount, smic,
                          percent_of(rate, amount), pay_year, name)  # fmt: skip
            if best is None or terms.monthly_rate > best.monthly_rate:
                best = terms
        assert best is not None
        if key.floor_percent is not None:
            # D6222-29: the previous contract's percentage, of the SMIC (its SMC is not known).
            floor = percent_of(key.floor_percent, smic_amount)
            if floor > best.monthly_rate:
                best = Terms(contract_year, bracket, key.floor_percent, "smic", smic_amount,
                             smic, floor, best.pay_year, "D6222-29")  # fmt: skip
        return best


def anniversaries(start: date, end: date) -> tuple[date, ...]:
    """The anniversaries of `start` up to `end`: the first days of contract years 2, 3…"""
    if start.month == 2 and start.day == 29:  # (28 February in common years: add_years)
        found = []
        k = 1
        while (anniversary := add_years(start, k)) <= end:
            found.append(anniversary)
            k += 1
        return tuple(found)
    years = [start.replace(year=year) for year in range(start.year + 1, end.year + 1)]
    return tuple(years if not years or years[-1] <= end else years[:-1])


def _new_years(first: int, last: int) -> tuple[date, ...]:
    """1 January of each year from `first` to `last`."""
    if first >= _NEW_YEARS_FROM and last < _NEW_YEARS_FROM + len(_NEW_YEARS):
        return _NEW_YEARS[first - _NEW_YEARS_FROM : last - _NEW_YEARS_FROM + 1]
    return tuple(date(year, 1, 1) for year in range(first, last + 1))


def first_of_months(days: Iterable[date]) -> frozenset[date]:
    """The 1st of the month each day's change takes effect in a month's figures: rates are read
    on a month's 1st, so a change within a month counts from the next."""
    return frozenset(day if day.day == 1 else first_of_next_month(day) for day in days)
