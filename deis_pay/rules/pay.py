"""The minimum pay of an apprenticeship contract, month by month: the schedule.

Implements the adding up of docs/rules.md (gross pay, Amounts): the contract's stretches on the
same terms (rules/terms.py) are cut into month pieces (`month_pieces`: whole months in a row,
or the part of a month a stretch covers, prorated to the day) — the one place where a month's
pay is computed. The schedule's months, its totals by contract and calendar year, and the runs
of identical months that net and cost fold (`month_runs`) are all read from those pieces.

No I/O and no sentences: it takes dates, amounts and the loaded dataset, and returns a
`Schedule` whose warnings are `Notice` values; the edges say them in the user's language.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from deis_pay.core.dates import (
    ONE_DAY,
    days_in_month,
    end_after_months,
    first_of_next_month,
    last_of_month,
)
from deis_pay.core.money import prorate
from deis_pay.core.notices import Notice, notice
from deis_pay.data.records import (
    SOURCE_AGE_BRACKET,
    SOURCE_CYCLE_START,
    SOURCE_GRID,
    Dataset,
    Territory,
)
from deis_pay.rules.contract import MIN_MONTHS, USUAL_MAX_MONTHS
from deis_pay.rules.models import (
    SCHEMA_VERSION,
    Aid,
    CalendarYearTotal,
    Change,
    ChangeKind,
    ContractInputs,
    ContractYearTotal,
    Month,
    Rule,
    Schedule,
    ScheduleTotals,
    Segment,
    SourceRef,
)
from deis_pay.rules.terms import (
    SUB_SECTION_CAP,
    BirthTerms,
    Contract,
    PayKey,
    Stretch,
    Terms,
    birth_terms,
    pay_key,
)

_ZERO = Decimal(0)
# A contract of 6 months ends 180 to 183 days after its start, one of 36 months 1 094 to
# 1 095 days after (`end_after_months`; tests/test_pay_key.py checks every start from 1990
# to 2100): the duration warnings compute the exact end only near those.
DAYS_TO_END_OF_6_MONTHS = (180, 183)
DAYS_TO_END_OF_36_MONTHS = (1094, 1095)

# A piece of a stretch: (first day, last day, whole months, days, days of its month, gross,
# terms). Either `whole` months in a row from a 1st, each paid `gross` (the monthly rate), `days`
# and `month_days` those of the first; or (`whole` = 0) the `days` of one month a stretch
# covers in part, paid `gross`, the monthly rate prorated (art. L3242-1 monthly pay; prorating
# by calendar days is the convention of docs/rules.md, Partial months).
Piece = tuple[date, date, int, int, int, Decimal, Terms]


def month_pieces(stretches: Iterable[Stretch]) -> list[Piece]:
    """The pieces of `stretches`, in order: the month arithmetic of the whole package (the
    schedule's segments, its totals and the runs of net and cost all add these up). A stretch
    does not cross a 1st of January, so neither does a piece."""
    pieces: list[Piece] = []
    add = pieces.append
    for first, last, terms in stretches:
        monthly = terms.monthly_rate
        last_month = last.month
        ends_month = last.day == days_in_month(last)
        day = first
        while True:
            month_days = days_in_month(day)
            if day.day == 1 and (ends_month or day.month != last_month):
                # Whole months, up to the last one the stretch covers entirely.
                whole_to = last if ends_month else last.replace(day=1) - ONE_DAY
                add((day, whole_to, whole_to.month - day.month + 1, month_days, month_days,
                     monthly, terms))  # fmt: skip
                if whole_to is last:
                    break
                day = whole_to + ONE_DAY
                continue
            part_last = last if day.month == last_month else day.replace(day=month_days)
            days = part_last.day - day.day + 1
            add((day, part_last, 0, days, month_days, prorate(monthly, days, month_days), terms))
            if part_last is last:
                break
            day = part_last + ONE_DAY
    return pieces


def month_grosses(pieces: Iterable[Piece]) -> list[tuple[date, Decimal]]:
    """Each month's gross from its pieces: (its 1st, gross), in order; the grosses of
    `pay_of`'s months, without their segments (what the check of a batch line needs)."""
    found: list[tuple[date, Decimal]] = []
    add = found.append
    for first, _, whole, _, _, gross, _ in pieces:
        if whole:  # (from a 1st)
            day = first
            for _ in range(whole):
                add((day, _ZERO + gross))
                day = first_of_next_month(day)
            continue
        month = first.replace(day=1)
        if found and found[-1][0] == month:
            found[-1] = (month, found[-1][1] + gross)
        else:
            add((month, _ZERO + gross))
    return found


@dataclass(frozen=True, slots=True)
class Pay:
    """The part of a schedule that depends on the `PayKey` only: equal keys, equal pays."""

    months: tuple[Month, ...]
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    changes: tuple[Change, ...]
    sources: tuple[SourceRef, ...]
    projected_from: date | None
    notices: tuple[Notice, ...]


def schedule_for(inputs: ContractInputs, data: Dataset) -> Schedule:
    """The schedule of an already checked contract (see `check_contract`), with its notices as
    values: `warnings` and the aids' `reason` are filled in by `messages.spoken` (as
    `deis_pay.compute_schedule` does)."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    return schedule_of(inputs, data, birth, pay_of(pay_key(inputs, data, birth), data))


def schedule_of(inputs: ContractInputs, data: Dataset, birth: BirthTerms, pay: Pay) -> Schedule:
    """The schedule of `inputs` from its `birth_terms` and its pay (`pay_of` its key, or the
    pay of an equal key kept by the caller)."""
    return Schedule(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        months=pay.months,
        contract_years=pay.contract_years,
        calendar_years=pay.calendar_years,
        total_gross=pay.total_gross,
        aids=(licence_aid(data, birth.licence_age_from, inputs.start, inputs.last_day),),
        changes=pay.changes,
        sources=pay.sources,
        data_verified_through=data.verified_through,
        projected_from=pay.projected_from,
        warnings=(),
        notices=(*birth.age_notices, *pay.notices),
        data=data.info,
    )


def pay_of(key: PayKey, data: Dataset) -> Pay:
    """The months, totals, changes, sources and notices of the pay of `key`."""
    contract = Contract(key, data)
    stretches = contract.stretches()
    pieces = month_pieces(stretches)
    verified = data.verified_through
    months: list[Month] = []
    segments: list[Segment] = []  # of the month being filled, cut by a change of terms
    for first, last, whole, days, _, gross, terms in pieces:
        if segments and (whole or segments[0].from_.month != first.month):
            months.append(_month(segments, verified))
            segments = []
        if not whole:
            segments.append(_segment(first, last, days, gross, terms))
            continue
        for _ in range(whole):
            month_last = last_of_month(first)
            segment = _segment(first, month_last, month_last.day, gross, terms)
            months.append(_month([segment], verified))
            first = month_last + ONE_DAY
    if segments:
        months.append(_month(segments, verified))

    contract_years, calendar_years, total = _year_sums(contract, pieces)
    changes = _changes(stretches, contract)
    return Pay(
        months=tuple(months),
        contract_years=tuple([ContractYearTotal(*year) for year in contract_years]),
        calendar_years=tuple([CalendarYearTotal(*year) for year in calendar_years]),
        total_gross=total,
        changes=tuple(changes),
        sources=_sources(key, contract, stretches, changes, data),
        projected_from=projected_from(key.start, key.end, verified),
        notices=_pay_warnings(key, contract, stretches, data),
    )


def _segment(first: date, last: date, days: int, gross: Decimal, terms: Terms) -> Segment:
    return Segment(
        from_=first,
        to=last,
        days=days,
        contract_year=terms.contract_year,
        age_bracket=terms.age_bracket,
        rate_percent=terms.rate_percent,
        base=terms.base,
        base_amount=terms.base_amount,
        monthly_rate=terms.monthly_rate,
        gross=gross,
        pay_year=terms.pay_year,
        rule=terms.rule,
    )


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


def totals_for(inputs: ContractInputs, data: Dataset) -> ScheduleTotals:
    """The totals of `schedule_for(inputs, data)` (contract years, calendar years, total,
    aids, notices) without building its months: what `batch --detail summary` writes, several
    times faster. The same pieces (`month_pieces`); whole months are added up at once."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    pay = pay_totals(pay_key(inputs, data, birth), data)
    return totals_of(pay, licence_aid(data, birth.licence_age_from, inputs.start,
                                      inputs.last_day), birth.age_notices)  # fmt: skip


def totals_of(pay: PayTotals, aid: Aid, age_notices: tuple[Notice, ...]) -> ScheduleTotals:
    """`totals_for`, from its parts: the totals of its pay key, its aid and the notices on its
    age at the start."""
    return ScheduleTotals(
        contract_years=tuple([ContractYearTotal(*year) for year in pay.contract_years]),
        calendar_years=tuple([CalendarYearTotal(*year) for year in pay.calendar_years]),
        total_gross=pay.total_gross,
        aids=(aid,),
        warnings=(),
        notices=(*age_notices, *pay.notices),
    )


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


def pay_totals(key: PayKey, data: Dataset) -> PayTotals:
    """The totals of the pay of `key`: `pay_of`'s, without its months."""
    contract = Contract(key, data)
    stretches = contract.stretches()
    contract_years, calendar_years, total = _year_sums(contract, month_pieces(stretches))
    return PayTotals(
        contract_years=contract_years,
        calendar_years=calendar_years,
        total_gross=total,
        notices=_pay_warnings(key, contract, stretches, data),
    )


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


def month_runs(
    key: PayKey, data: Dataset, cuts: Iterable[date] | None = None
) -> tuple[MonthRun, ...]:
    """The months of the pay of `key`, whole months on the same terms gathered in runs that do
    not cross a 1st of January nor the 1st of the month a day of `cuts` falls in: the days a
    caller's own figures may change, by default those from which a record net or cost reads
    may change (`Dataset.record_days`: rates are read on a month's 1st, so a change within a
    month counts from the next). The same amounts as `pay_of`'s months (`month_pieces`), the
    pieces of a month cut by a change of terms gathered into one."""
    changes = data.record_days if cuts is None else cuts
    firsts = {day if day.day == 1 else first_of_next_month(day) for day in changes}
    runs: list[MonthRun] = []
    # The month being filled with the pieces of a month cut by a change of terms.
    open_first: date | None = None
    open_days, open_gross = 0, _ZERO
    open_years: list[tuple[int, Decimal]] = []
    for first, _, whole, days, month_days, gross, terms in month_pieces(
        Contract(key, data).stretches(firsts)
    ):
        month_first = first.replace(day=1)
        if open_first is not None and (whole or month_first != open_first):
            runs.append(MonthRun(open_first, 1, open_gross, open_days, days_in_month(open_first),
                                 tuple(open_years)))  # fmt: skip
            open_first = None
        if whole:
            runs.append(MonthRun(first, whole, _ZERO + gross, days, month_days,
                                 ((terms.contract_year, gross),)))  # fmt: skip
            continue
        if open_first is None:
            open_first, open_days, open_gross, open_years = month_first, 0, _ZERO, []
        open_days += days
        open_gross += gross
        open_years.append((terms.contract_year, gross))
    if open_first is not None:
        runs.append(MonthRun(open_first, 1, open_gross, open_days, days_in_month(open_first),
                             tuple(open_years)))  # fmt: skip
    return tuple(runs)


def _year_sums(
    contract: Contract, pieces: list[Piece]
) -> tuple[tuple[YearSum, ...], tuple[CalendarSum, ...], Decimal]:
    """The gross per contract year, per calendar year and in total, of the pieces of its
    months. The pieces come in order of their days and none crosses a contract year or a
    calendar year, so a year ends where the next begins."""
    years: list[tuple[int, Decimal]] = []
    calendar: list[CalendarSum] = []
    total = year_sum = calendar_sum = _ZERO
    year = calendar_year = 0
    for first, _, whole, _, _, each, terms in pieces:
        gross = each * whole if whole > 1 else each
        contract_year = terms.contract_year
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
    key = contract.key
    firsts = (key.start, *contract.anniversaries)
    lasts = [first - ONE_DAY for first in firsts[1:]] + [key.end]
    return (
        tuple([(y, firsts[y - 1], lasts[y - 1], gross) for y, gross in years]),
        tuple(calendar),
        total,
    )


def _changes(stretches: list[Stretch], contract: Contract) -> list[Change]:
    """Each change of rate or base during the contract, one entry per cause (for --explain)."""
    changes: list[Change] = []
    grid_source = contract.grid.source
    for (_, _, old), (day, _, new) in itertools.pairwise(stretches):
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
        if new.monthly_rate == old.monthly_rate and new.rule not in GRID_RULES:
            # A year or an age bracket that changes the grid's rate, not the pay: the amount
            # is still set by the rule above the grid (the floor of a previous contract, art.
            # D6222-29…), whose text is the one to cite.
            causes = [
                (kind, before, after, _rule_source(new.rule, grid_source))
                if kind in ("contract_year", "age_bracket")
                else (kind, before, after, source)
                for kind, before, after, source in causes
            ]
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
                    rule=new.rule,
                )
            )
    return changes


def _pay_warnings(
    key: PayKey, contract: Contract, stretches: list[Stretch], data: Dataset
) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    start, end = key.start, key.original_end
    days = (end - start).days
    if days < DAYS_TO_END_OF_6_MONTHS[1] and end < end_after_months(start, MIN_MONTHS):
        notices.append(notice("contract_under_6_months", "end"))
    if days > DAYS_TO_END_OF_36_MONTHS[0] and end > end_after_months(start, USUAL_MAX_MONTHS):
        notices.append(notice("contract_over_3_years", "end"))
    for since, _, terms in stretches:
        if terms.rule == "R6222-48" and terms.rate_percent > SUB_SECTION_CAP:
            # R6222-48 is read literally (outside the cap of D6222-31): say so where it shows.
            notices.append(notice("rqth_extension_above_100", None, percent=terms.rate_percent,
                                  since=since))  # fmt: skip
            break
    rates = contract.grid.rates
    if contract.grid.note and any(terms.age_bracket not in rates for _, _, terms in stretches):
        # The note is the data's own text (grids.toml), said in the language by the edges.
        notices.append(notice("grid_note", "grid", grid=key.grid, note=contract.grid.note))
    if key.smc is not None and all(terms.base == "smic" for _, _, terms in stretches):
        notices.append(notice("smc_without_effect", "smc"))
    # A month is a projection when it starts after the data was last checked (see `_month`):
    # the last one does when the contract ends after the month of that check.
    if key.end > last_of_month(data.verified_through):
        notices.append(_projection_notice(data, key.territory))
    return (*notices, *data_notices(data))


def _projection_notice(data: Dataset, territory: Territory) -> Notice:
    last = data.smic.records(territory)[-1]
    return notice(
        "projected_months", None, verified=data.verified_through, hourly=last.hourly,
        since=last.from_,
    )  # fmt: skip


def data_notices(data: Dataset) -> tuple[Notice, ...]:
    """The notice of a user's data overlay, if the data has one: every result says so."""
    overlay = data.info.overlay
    if overlay is None:
        return ()
    return (notice("data_overlay", None, path=overlay.path, digest=overlay.digest),)


# The code of the reason of a driving-licence aid and its days (`licence_aid_case`).
AidCase = tuple[str, *tuple[date, ...]]


def licence_aid(data: Dataset, adult: date, start: date, last_day: date) -> Aid:
    """The €500 driving-licence aid (docs/rules.md, Driving-licence aid) of a contract from
    `start` to `last_day`, its age condition met from `adult` (`BirthTerms`): the window in
    which it can be requested, or the reason there is none."""
    return aid_of(data, *licence_aid_case(data, adult, start, last_day))


def licence_aid_case(data: Dataset, adult: date, start: date, last_day: date) -> AidCase:
    """What `licence_aid` is made of: the code of its reason (the window, or why there is
    none) and its days, all that the aid depends on besides the dataset (a batch keeps the
    aid's text by it)."""
    aid = data.aids.driving_licence
    first = max(start, adult, aid.first_request)
    last = min(last_day, aid.last_request)
    if first <= last:
        return "licence_aid_window", first, last
    if start > aid.last_request:
        return ("licence_aid_ended",)
    if last_day < aid.first_request:
        return ("licence_aid_not_yet",)
    if adult > last_day:
        return "licence_aid_adult_after_end", adult
    return "licence_aid_adult_after_aid", adult


# (Each notice's code written out again: docs/codes.py reads the codes and their fields from
# the source.)
def aid_of(data: Dataset, code: str, *days: date) -> Aid:
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
    key: PayKey,
    contract: Contract,
    stretches: list[Stretch],
    changes: list[Change],
    data: Dataset,
) -> tuple[SourceRef, ...]:
    ids: list[str] = [SOURCE_GRID, contract.grid.source]
    if key.cycle_start_year > 1:
        ids.append(SOURCE_CYCLE_START)
    if any(c.kind == "age_bracket" for c in changes):
        ids.append(SOURCE_AGE_BRACKET)
    ids.extend(terms.smic.source for _, _, terms in stretches)
    ids.extend(
        _rule_source(terms.rule, contract.grid.source)
        for _, _, terms in stretches
        if terms.rule != contract.grid_rule
    )
    aid = data.aids.driving_licence
    ids.extend((aid.source, aid.end_source))
    return tuple(source_ref(data, source_id) for source_id in dict.fromkeys(ids))


def source_ref(data: Dataset, source_id: str) -> SourceRef:
    """The reference to a legal text as shown in results."""
    source = data.source(source_id)
    return SourceRef(id=source.id, title=source.title, url=source.url)


# The rules of a grid itself (the legal grid's article, the SSSMS accord): any other rule of a
# segment raises the pay above its grid.
GRID_RULES: frozenset[Rule] = frozenset({"D6222-26", "SSSMS"})


def _rule_source(rule: Rule, grid_source: str) -> str:
    """The legal text of a rule (the SSSMS grid's is its accord)."""
    return grid_source if rule == "SSSMS" else rule


__all__ = ["pay_key", "schedule_for", "totals_for"]
