"""`deis-pay cost`: what the contract costs the employer and what the apprentice takes home.

Pure core over a schedule: the apprentice's net (net.py), the employer's contributions
(employer.py), the hiring aid, the employer's participation in the training cost, the
income-tax position per calendar year (art. 81 bis CGI) and the cost per week spent at the
employer (the programme's alternation weeks). Every amount is rounded to the cent once, when
its month or its share is; totals are sums of rounded months.

Public employers: apprentices' pay is exempt from most employer contributions and the State
takes over other ones (art. L6227-8-1, L6243-3 code du travail), with IRCANTEC instead of
AGIRC-ARRCO; deis-pay has no checked rates for what remains, so it gives the gross pay, says
what differs, and leaves the net and the employer side empty (null) rather than guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TypeVar

from deis_pay.core.dates import (
    ONE_DAY,
    add_months,
    add_years,
    days_between,
    days_in_month,
    first_of_next_month,
    last_of_month,
)
from deis_pay.core.errors import InputError
from deis_pay.core.memo import Memo
from deis_pay.core.money import round_cents
from deis_pay.core.notices import Notice, notice
from deis_pay.data.lookups import (
    csg_crds_on,
    employee_rates_on,
    rates_on,
    reduction_on,
    reduction_smic_on,
    smic_in_force,
)
from deis_pay.data.records import (
    SOURCE_ATMP_AVERAGE,
    SOURCE_OVERSEAS_AID,
    SOURCE_TAX_EXEMPTION,
    AideUnique,
    CsgCrds,
    DataInfo,
    Dataset,
    EmployeeRates,
    EmployerRates,
    GeneralReduction,
    HiringAid,
    ReductionSmic,
    SmicRecord,
)
from deis_pay.rules.employer import (
    COMPONENTS,
    Employer,
    EmployerMonth,
    check_employer,
    health_shares,
    month_contributions,
)
from deis_pay.rules.models import (
    JSON_KEYS,
    SCHEMA_VERSION,
    Assumption,
    ContractInputs,
    ContractYearTotal,
    Month,
    Schedule,
    ScheduleTotals,
    Segment,
    SourceRef,
)
from deis_pay.rules.net import add_by_contract_year, exemption_of_contract, month_net
from deis_pay.rules.pay import MonthRun, month_runs, source_ref
from deis_pay.rules.terms import pay_key

ZERO = Decimal(0)
TWELVE = Decimal(12)
PRORATED_AID_FROM = date(2025, 11, 1)


@dataclass(frozen=True, slots=True)
class CostMonth:
    __pydantic_config__ = JSON_KEYS
    month: str
    gross: Decimal
    employee_contributions: Decimal | None
    csg_crds: Decimal | None
    health_cover_employee: Decimal | None
    net: Decimal | None
    employer_contributions: Decimal | None
    general_reduction: Decimal | None
    hiring_aid: Decimal
    employer_cost: Decimal | None
    projected: bool
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class CostContractYear:
    __pydantic_config__ = JSON_KEYS
    year: int
    from_: date
    to: date
    gross: Decimal
    net: Decimal | None
    employer_contributions: Decimal | None
    employer_cost: Decimal | None
    hiring_aid: Decimal
    training_participation: Decimal | None
    employer_cost_after_aids: Decimal | None
    employer_weeks: Decimal | None
    cost_per_employer_week: Decimal | None
    cost_per_employer_week_after_aids: Decimal | None


@dataclass(frozen=True, slots=True)
class CostCalendarYear:
    __pydantic_config__ = JSON_KEYS
    year: int
    gross: Decimal
    net: Decimal | None
    employer_contributions: Decimal | None
    employer_cost: Decimal | None
    hiring_aid: Decimal
    training_participation: Decimal | None
    employer_cost_after_aids: Decimal | None
    net_taxable: Decimal | None
    income_tax_exempt_up_to: Decimal
    taxable: Decimal | None


@dataclass(frozen=True, slots=True)
class HiringAidTerms:
    __pydantic_config__ = JSON_KEYS
    annual_amount: Decimal
    eligible: bool
    reason: str  # the sentence of `reason_notice`, in the language of the output
    source: str | None
    reason_notice: Notice


@dataclass(frozen=True, slots=True)
class CostTotals:
    """What `batch --with cost` writes of a contract's `Cost` in its summary (`cost_totals`):
    the totals and contract years, the employer and the hiring aid. The months, calendar
    years, detail of the contributions and sources, which only `compute_cost` fills, are
    left out: a batch's summary never writes them."""

    __pydantic_config__ = JSON_KEYS
    employer: Employer
    contract_years: tuple[CostContractYear, ...]
    total_gross: Decimal
    total_employee_contributions: Decimal | None
    total_csg_crds: Decimal | None
    total_net: Decimal | None
    total_employer_contributions: Decimal | None
    total_employer_cost: Decimal | None
    total_aids: Decimal
    training_participation: Decimal | None
    total_employer_cost_after_aids: Decimal | None
    employer_weeks: Decimal | None
    cost_per_employer_week: Decimal | None
    cost_per_employer_week_after_aids: Decimal | None
    hiring_aid: HiringAidTerms
    notes: tuple[str, ...]  # as in `Cost`
    warnings: tuple[str, ...]
    notices: tuple[Notice, ...]


_TOTALS_FIELDS = tuple(f.name for f in fields(CostTotals))


@dataclass(frozen=True, slots=True)
class Cost:
    __pydantic_config__ = JSON_KEYS
    schema_version: int
    inputs: ContractInputs
    employer: Employer
    months: tuple[CostMonth, ...]
    contract_years: tuple[CostContractYear, ...]
    calendar_years: tuple[CostCalendarYear, ...]
    total_gross: Decimal
    total_employee_contributions: Decimal | None
    total_csg_crds: Decimal | None
    total_net: Decimal | None
    total_employer_contributions: Decimal | None
    employer_contributions_detail: dict[str, Decimal] | None
    total_employer_cost: Decimal | None
    total_aids: Decimal
    training_participation: Decimal | None
    total_employer_cost_after_aids: Decimal | None
    employer_weeks: Decimal | None
    cost_per_employer_week: Decimal | None
    cost_per_employer_week_after_aids: Decimal | None
    hiring_aid: HiringAidTerms
    notes: tuple[str, ...]  # sentences of the `notices` that are notes (messages.NOTES)
    sources: tuple[SourceRef, ...]
    data_verified_through: date
    projected_from: date | None
    warnings: tuple[str, ...]  # sentences of the other `notices`
    notices: tuple[Notice, ...]
    data: DataInfo
    # Every input and where it came from (rules/assumptions.py), filled by the edge that
    # knows what was given.
    assumptions: tuple[Assumption, ...] = ()


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def hiring_aid_terms(
    employer: Employer, signed: date, start: date, data: Dataset
) -> tuple[HiringAidTerms, tuple[Notice, ...]]:
    """The hiring aid's yearly amount for a contract concluded on `signed` and started on
    `start`, and why; with the notices of the exceptional aid that does not apply when that
    is by a condition of date, and of an exceptional aid that may yet come.

    An exceptional aid (a decree for a window of conclusion dates) replaces the aide unique
    where it applies; where it does not — outside its window, a contract started too late,
    levels it leaves to the aide unique —, the aide unique (permanent law) is what is due."""
    if employer.kind == "public":
        return _aid_terms(ZERO, notice("hiring_aid_private_only"), None), ()
    notes: list[Notice] = []
    window = _window(data.employer.hiring_aid, signed)
    if window is not None and window.started_before is not None and start >= window.started_before:
        notes.append(notice("hiring_aid_started_too_late", "start", source=window.source,
                            start=start, before=window.started_before))  # fmt: skip
        window = None
    windows = data.employer.hiring_aid
    if windows and signed > (windows[-1].concluded_to or signed):
        notes.append(notice("hiring_aid_exceptional_may_follow", "signed",
                            last=windows[-1].concluded_to))  # fmt: skip
    if window is not None:
        terms = _exceptional_terms(employer, window)
        if terms is not None:
            return terms, tuple(notes)
    unique = [aid for aid in data.employer.aide_unique if aid.concluded_from <= signed]
    if not unique:
        return _aid_terms(ZERO, notice("hiring_aid_unknown", "signed", day=signed), None), ()
    return _unique_terms(employer, unique[-1]), tuple(notes)


def _window(windows: tuple[HiringAid, ...], signed: date) -> HiringAid | None:
    for aid in windows:
        if aid.concluded_from <= signed <= (aid.concluded_to or signed):
            return aid
    return None


def _exceptional_terms(employer: Employer, aid: HiringAid) -> HiringAidTerms | None:
    """The exceptional aid's terms, or None where it leaves the contract to the aide unique
    (a level with no amount for employers under 250)."""
    level = employer.diploma_level
    rows = [row for row in aid.levels if level <= row.up_to]
    under_250 = employer.headcount < 250
    if rows and under_250 and rows[0].under_250 == 0:
        return None
    if employer.rqth and aid.disabled is not None and level <= (aid.disabled_up_to or level):
        return _aid_terms(aid.disabled, notice("hiring_aid_rqth", "rqth"), aid.source)
    if not rows:
        up_to = aid.levels[-1].up_to
        reason = notice("hiring_aid_level", "diploma_level", level=level, up_to=up_to)
        return _aid_terms(ZERO, reason, aid.source)
    row = rows[0]
    if under_250:
        amount, reason = row.under_250, notice("hiring_aid_under_250", "headcount")
    elif employer.work_study_share_percent >= 5:
        amount = row.from_250
        reason = notice("hiring_aid_250_with_work_study", "work_study_share_percent")
    else:
        amount = ZERO
        reason = notice("hiring_aid_250_without_work_study", "work_study_share_percent")
    if amount == 0 and not under_250 and employer.work_study_share_percent >= 5:
        reason = notice("hiring_aid_250_level", "diploma_level")
    return _aid_terms(amount, reason, aid.source)


def _unique_terms(employer: Employer, aid: AideUnique) -> HiringAidTerms:
    """The aide unique (art. L6243-1, D6243-2): under 250 employees, diplomas up to level 4
    (5 overseas, art. L6522-4 and D6522-2); an RQTH apprentice's amount under the same two."""
    if employer.headcount >= aid.headcount_below:
        reason = notice("hiring_aid_unique_headcount", "headcount", below=aid.headcount_below)
        return _aid_terms(ZERO, reason, aid.source)
    up_to = aid.overseas_up_to if employer.overseas else aid.up_to
    if employer.diploma_level > up_to:
        code = "hiring_aid_unique_level" + ("_overseas" if employer.overseas else "")
        reason = notice(code, "diploma_level", level=employer.diploma_level, up_to=up_to)
        return _aid_terms(ZERO, reason, aid.source)
    if employer.rqth and aid.disabled is not None:
        return _aid_terms(aid.disabled, notice("hiring_aid_unique_rqth", "rqth"), aid.source)
    return _aid_terms(aid.amount, notice("hiring_aid_unique", "headcount"), aid.source)


def _aid_terms(amount: Decimal, reason: Notice, source: str | None) -> HiringAidTerms:
    return HiringAidTerms(amount, amount > 0, "", source, reason)


def aid_by_month(annual: Decimal, first_year: tuple[date, date]) -> dict[date, Decimal]:
    """The hiring aid paid for each month of the contract's first year: a twelfth of the yearly
    amount per month, 12 payments at most; from 01/11/2025 a month the first year starts or ends
    in is paid in proportion of its days (décret 2025-1031), before that in full.

    Each payment is the rounded running total less the payments before it, so that twelve
    whole months pay the yearly amount to the cent (416.67, 416.66, 416.67…)."""
    start, end = first_year
    paid: dict[date, Decimal] = {}
    month = date(start.year, start.month, 1)
    exact = ZERO
    while month <= end and annual > 0:
        days = days_between(max(start, month), min(end, last_of_month(month)))
        if month >= PRORATED_AID_FROM:
            exact += annual / TWELVE * days / days_in_month(month)
        elif len(paid) < 12:
            exact += annual / TWELVE
        else:
            break
        # Never more than the yearly amount, even for a first year that straddles 11/2025
        # (a first month paid in full, then a last month paid by days).
        exact = min(exact, annual)
        paid[month] = round_cents(exact) - sum(paid.values(), ZERO)
        month = first_of_next_month(month)
    return paid


def tax_exempt_limit(data: Dataset, year: int) -> Decimal:
    """Art. 81 bis CGI: the annual SMIC, i.e. the monthly SMIC of each month of the year added
    up and rounded to the euro (BOI-RSA-CHAMP-20-50-50)."""
    total = sum(
        (smic_in_force(data, "metropole", date(year, m, 1)).monthly_amount for m in range(1, 13)),
        ZERO,
    )
    return total.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def is_programme_contract(inputs: ContractInputs, employer: Employer, data: Dataset) -> bool:
    """Whether the contract is the programme's own (the DEIS ARFASS intake of data/
    programme.toml): its dates, and its diploma's level. Only such a contract has a known
    alternation: another diploma, or another intake, has its own calendar of weeks."""
    programme = data.programme
    dates = (programme.default_start, programme.default_end)
    return (inputs.start, inputs.end) == dates and employer.diploma_level == programme.level


def employer_weeks_by_year(
    contract_years: tuple[ContractYearTotal, ...], cycle_start_year: int, data: Dataset
) -> dict[int, Decimal | None]:
    """Weeks at the employer in each contract year: the programme's alternation for that year
    of the cycle, in proportion when the contract covers part of it (for the programme's own
    contract: `is_programme_contract`)."""
    weeks: dict[int, Decimal | None] = {}
    by_year = {y.year: y for y in data.programme.years}
    for total in contract_years:
        programme_year = by_year.get(cycle_start_year + total.year - 1)
        if programme_year is None:
            weeks[total.year] = None
            continue
        span = (total.to - total.from_).days + 1
        full = 7 * (programme_year.employer_weeks + programme_year.centre_weeks)
        share = min(Decimal(1), Decimal(span) / Decimal(full)) if full else Decimal(0)
        weeks[total.year] = (programme_year.employer_weeks * share).quantize(Decimal("0.01"))
    return weeks


# The records in force in a month: the SMIC, the employee's and the employer's rates, the
# CSG/CRDS, the general reduction and its SMIC.
_Records = tuple[SmicRecord, EmployeeRates, CsgCrds, EmployerRates, GeneralReduction, ReductionSmic]


def _records_on(data: Dataset, first: date) -> _Records:
    return (
        smic_in_force(data, "metropole", first),
        employee_rates_on(data, first),
        csg_crds_on(data, first),
        rates_on(data, first),
        reduction_on(data, first),
        reduction_smic_on(data, first),
    )


_Figures = tuple[tuple[Decimal, Decimal, Decimal, Decimal], EmployerMonth, Decimal]
_K = TypeVar("_K")
_V = TypeVar("_V")


class _Known:
    """What the months of an employer's contracts share: the records in force by month, the
    hiring aid by month by (annual amount, first contract year), and a month's figures
    (`month_net`, `month_contributions`, the deductible part of its CSG) by all they read
    besides the employer (gross, SMIC, share of the month, the records in force by identity:
    the dataset, part of the key, keeps them alive). Each table at most `SIZE` entries."""

    SIZE = 512  # (a spread batch finds 86 % of its runs' figures)
    __slots__ = ("aids", "figures", "records")

    def __init__(self) -> None:
        self.records: dict[date, _Records] = {}
        self.aids: dict[tuple[Decimal, tuple[date, date]], Mapping[date, Decimal]] = {}
        self.figures: dict[tuple[object, ...], _Figures] = {}


# `_Known` by dataset, exemption, health-cover shares and employer but its signing date: the
# contracts of a batch meet the same months again and again. Kept here because it saves
# 21 % of `batch --with cost`'s time (`benchmarks/against.py --contracts 100000 -- --with
# cost`, against a copy without it: 13.3 s against 16.8 s).
MONTHS: Memo[tuple[object, ...], _Known] = Memo("cost figures by employer context", 16)
# (The weeks at the employer change no month's figures, only the cost per week.)
_EMPLOYER_FIGURE_FIELDS = tuple(
    f.name for f in fields(Employer) if f.name not in ("signed", "employer_weeks")
)


def _known(
    data: Dataset, exemption: object, health: tuple[Decimal, Decimal], employer: Employer
) -> _Known:
    context = (data, id(exemption), health,
               *(getattr(employer, name) for name in _EMPLOYER_FIGURE_FIELDS))  # fmt: skip
    return MONTHS.recall(context, _Known)


def _keep(table: dict[_K, _V], key: _K, value: _V) -> _V:
    """`value` kept in `table` for `key` (the table emptied first when full); returned."""
    if len(table) >= _Known.SIZE:
        table.clear()
    table[key] = value
    return value


def compute_cost(
    schedule: Schedule, employer: Employer, data: Dataset, *, level_assumed: bool = False
) -> Cost:
    """What the contract of `schedule` costs `employer` and what the apprentice takes home,
    month by month, per contract year, per calendar year and in total (see the module's
    docstring for the perimeter). An `employer.signed` of None means the contract's start.
    `level_assumed`: the diploma level was not given but taken from the programme (the
    DEIS's 7): on another contract, a warning says so and what levels 3 to 5 would get.

    Raises `InputError` for what cannot be computed: Mayotte (its own rates), a contract
    concluded after its start or before the known exemption rules, months before the first
    known employer rates, an employer's health-cover share above what is handled."""
    months = schedule.months
    runs = [MonthRun.of(month) for month in months]
    totals, rest = _cost(schedule.contract_years, schedule.total_gross, schedule.notices,
                         schedule.inputs, employer, data, runs, months,
                         level_assumed=level_assumed)  # fmt: skip
    assert rest is not None
    return Cost(
        schema_version=SCHEMA_VERSION,
        inputs=schedule.inputs,
        months=rest.months,
        calendar_years=rest.calendar_years,
        employer_contributions_detail=rest.detail,
        sources=rest.sources,
        data_verified_through=schedule.data_verified_through,
        projected_from=schedule.projected_from,
        data=schedule.data,
        **{name: getattr(totals, name) for name in _TOTALS_FIELDS},
    )


def cost_totals(
    inputs: ContractInputs,
    totals: ScheduleTotals,
    employer: Employer,
    data: Dataset,
    runs: Sequence[MonthRun] | None = None,
) -> CostTotals:
    """The totals of `compute_cost(schedule_for(inputs, data), employer, data)` (what a batch's
    summary writes, `CostTotals`), from the contract's totals (`pay.totals_for`): the same
    figures, each month that repeats the one before computed once (`runs`: the contract's
    `pay.month_runs`, computed if not given). The same errors, in the same order."""
    if runs is None:
        runs = month_runs(pay_key(inputs, data), data)
    costed, _ = _cost(totals.contract_years, totals.total_gross, totals.notices, inputs,
                      employer, data, runs, None)  # fmt: skip
    return costed


@dataclass(frozen=True, slots=True)
class _Whole:
    """What `compute_cost` has besides the totals of `CostTotals`."""

    months: tuple[CostMonth, ...]
    calendar_years: tuple[CostCalendarYear, ...]
    detail: dict[str, Decimal] | None
    sources: tuple[SourceRef, ...]


class _Sums:
    """Running totals of a contract's months, per contract year and calendar year."""

    def __init__(self) -> None:
        self.contributions = ZERO  # the employee's
        self.csg_crds = ZERO
        self.net = ZERO
        self.employer_contributions = ZERO
        self.employer_cost = ZERO
        self.aids = ZERO
        self.by_contract_year: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * 3)
        self.by_calendar_year: dict[int, list[Decimal]] = {}

    def calendar(self, year: int) -> list[Decimal]:
        """gross, net, employer contributions, employer cost, hiring aid, taxable pay."""
        known = self.by_calendar_year.get(year)
        if known is None:
            known = self.by_calendar_year[year] = [ZERO] * 6
        return known


def _cost(
    pay_years: tuple[ContractYearTotal, ...],
    total_gross: Decimal,
    pay_notices: tuple[Notice, ...],
    inputs: ContractInputs,
    employer: Employer,
    data: Dataset,
    runs: Sequence[MonthRun],
    months: tuple[Month, ...] | None,
    *,
    level_assumed: bool = False,
) -> tuple[CostTotals, _Whole | None]:
    """`compute_cost` over runs of months with the same figures (one month each with `months`)
    and the contract's years, total gross and notices. The totals; with `months`, the rest of
    a `Cost` too (its `CostMonth`s, calendar years, detail of contributions, sources), which a
    batch's summary does without (`cost_totals`). Every figure is a month's, rounded, times
    the months of its run: the totals are the sums of the rounded months."""
    if employer.signed is None:
        employer = replace(employer, signed=inputs.start)
    signed = employer.signed
    assert signed is not None
    if inputs.territory != "metropole":
        raise InputError("contributions_not_for_mayotte", "territory")
    exemption = exemption_of_contract(inputs, signed, data)
    check_employer(employer, data)
    public = employer.kind == "public"
    aid_terms, aid_notices = hiring_aid_terms(employer, signed, inputs.start, data)
    if level_assumed and not public:
        aid_notices += _level_assumed(inputs, employer, signed, aid_terms, data)
    weeks, week_notices = _weeks(pay_years, inputs, employer, data)
    first_year = (inputs.start, min(inputs.last_day, add_years(inputs.start, 1) - ONE_DAY))
    health_employee, health_employer = health_shares(employer)
    health = (health_employee, health_employer)
    known = _known(data, exemption, health, employer)
    annual = aid_terms.annual_amount
    aids = known.aids.get((annual, first_year))
    if aids is None:
        aids = _keep(known.aids, (annual, first_year),
                     MappingProxyType(aid_by_month(annual, first_year)))  # fmt: skip
    source_ids: dict[str, None] = {} if public else {exemption.source: None}
    cost_months: list[CostMonth] = []
    sums = _Sums()
    records = known.records
    figures_of = known.figures
    charged: dict[int, tuple[EmployerMonth, int]] = {}  # months with the same charges, counted
    calendar: list[Decimal] = []  # the sums of the run's calendar year (with `months` only)
    for index, run in enumerate(runs):
        first, count, gross = run.first, run.count, run.gross
        share = (run.days, run.month_days)
        aid = aids.get(first, ZERO) if count == 1 else _aids_of(aids, first, count)
        # (The aid goes to the contract year of the month's first day in the contract.)
        sums.by_contract_year[run.years[0][0]][2] += aid
        sums.aids += aid
        if months is not None:
            calendar = sums.calendar(first.year)
            calendar[0] += gross * count
            calendar[4] += aid
        if public:
            if months is not None:
                month = months[index]
                empty = (None,) * 6  # no contributions, net or employer cost computed
                cost_months.append(CostMonth(month.month, gross, *empty, aid, None,
                                             month.projected, month.segments))  # fmt: skip
            continue
        # (After the public employer's months: it pays no contributions, so the rates, known
        # from 2024 only, are not looked up for it.)
        in_force = records.get(first)
        if in_force is None:
            in_force = _keep(records, first, _records_on(data, first))
        smic_record, rates, csg, employer_rates, reduction, reference = in_force
        smic = smic_record.monthly_amount
        # Months with the same pay under the same records have the same figures (a contract
        # has a few distinct months): computed once each (see `_Known`).
        same = (gross, smic, share, id(rates), id(csg), id(employer_rates), id(reduction),
                id(reference))  # fmt: skip
        figures = figures_of.get(same)
        if figures is None:
            paid = month_net(gross, smic, share, exemption, rates, csg, health)
            figures = (
                paid,
                month_contributions(gross, smic, share, first, employer, data),
                round_cents(paid[2] * csg.csg_deductible / csg.total),  # of its CSG/CRDS
            )
            _keep(figures_of, same, figures)
        (_, contributions, csg_crds, net), charges, deductible = figures
        employer_cost = gross + charges.total
        sums.contributions += contributions * count
        sums.csg_crds += csg_crds * count
        sums.net += net * count
        sums.employer_contributions += charges.total * count
        sums.employer_cost += employer_cost * count
        add_by_contract_year(sums.by_contract_year, 0, run, net)
        add_by_contract_year(sums.by_contract_year, 1, run, charges.total)
        if months is None:
            continue
        source_ids[rates.source] = None
        source_ids[csg.source] = None
        seen = charged.get(id(charges))
        charged[id(charges)] = (charges, count if seen is None else seen[1] + count)
        calendar[1] += net * count
        calendar[2] += charges.total * count
        calendar[3] += employer_cost * count
        # Art. 83 CGI: gross less the contributions, the deductible CSG and the employee's
        # share of the mandatory health cover; the employer's share of health cover is taxable
        # pay (art. 83 1° quater since 2014). I.e. net + non-deductible CSG/CRDS + that share.
        calendar[5] += (net + csg_crds - deductible + health_employer) * count
        month = months[index]
        cost_months.append(
            CostMonth(
                month=month.month,
                gross=gross,
                employee_contributions=contributions,
                csg_crds=csg_crds,
                health_cover_employee=health_employee,
                net=net,
                employer_contributions=charges.total,
                general_reduction=round_cents(charges.reduction),
                hiring_aid=aid,
                employer_cost=employer_cost,
                projected=month.projected,
                segments=month.segments,
            )
        )
    participation = _training_participation(employer, signed, data)
    total_cost = None if public else sums.employer_cost
    after_aids = None
    if total_cost is not None and participation is not None:
        after_aids = total_cost + participation - sums.aids
    all_weeks = _sum(list(weeks.values()))
    totals = CostTotals(
        employer=employer,
        contract_years=_contract_years(pay_years, sums, participation, weeks),
        total_gross=total_gross,
        total_employee_contributions=None if public else sums.contributions,
        total_csg_crds=None if public else sums.csg_crds,
        total_net=None if public else sums.net,
        total_employer_contributions=None if public else sums.employer_contributions,
        total_employer_cost=total_cost,
        total_aids=sums.aids,
        training_participation=participation,
        total_employer_cost_after_aids=after_aids,
        employer_weeks=all_weeks,
        cost_per_employer_week=_per_week(total_cost, all_weeks),
        cost_per_employer_week_after_aids=_per_week(after_aids, all_weeks),
        hiring_aid=aid_terms,
        notes=(),
        warnings=(),
        notices=_notes(employer, data) + pay_notices + aid_notices + week_notices,
    )
    if months is None:
        return totals, None
    detail = dict.fromkeys(COMPONENTS, ZERO)
    for charges, count in charged.values():
        for name, amount in charges.components.items():
            detail[name] += amount * count
    if participation is not None and participation > 0:
        source_ids[data.employer.training_participation.source] = None
    if not public:
        # Rates change on a 1st: a record in force by the end is in force in the last month.
        # The year's average AT/MP rate only when it was used: a rate given is the
        # employer's own (notified on its AT/MP account), the average's source not cited.
        unused = None if employer.atmp_rate_percent is None else SOURCE_ATMP_AVERAGE
        for rates_record in data.employer.rates:
            if rates_record.from_ <= inputs.last_day:
                source_ids.update(dict.fromkeys(s for s in rates_record.sources if s != unused))
        for rule in data.employer.general_reduction:
            source_ids[rule.source] = None
    if aid_terms.source is not None:
        source_ids[aid_terms.source] = None
    if employer.overseas:
        source_ids[SOURCE_OVERSEAS_AID] = None
    if employer.kind == "association":
        source_ids[data.employer.payroll_tax.source] = None
    source_ids[SOURCE_TAX_EXEMPTION] = None
    return totals, _Whole(
        months=tuple(cost_months),
        calendar_years=_calendar_years(sums, participation, public, data),
        detail=None if public else {name: round_cents(amount) for name, amount in detail.items()},
        sources=tuple(source_ref(data, source_id) for source_id in source_ids),
    )


def _aids_of(aids: Mapping[date, Decimal], first: date, count: int) -> Decimal:
    """The hiring aid paid for `count` months from `first`."""
    if not aids:
        return ZERO
    last = add_months(first, count - 1)
    return sum((amount for month, amount in aids.items() if first <= month <= last), ZERO)


def _training_participation(employer: Employer, signed: date, data: Dataset) -> Decimal | None:
    """The €750 of décret 2025-585; None for a public employer (training cost on quote)."""
    if employer.kind == "public":
        return None
    rule = data.employer.training_participation
    if signed >= rule.concluded_from and employer.diploma_level in rule.levels:
        return rule.amount
    return ZERO


def _per_week(cost: Decimal | None, weeks: Decimal | None) -> Decimal | None:
    if cost is None or not weeks:
        return None
    return round_cents(cost / weeks)


def _contract_years(
    totals: tuple[ContractYearTotal, ...],
    sums: _Sums,
    participation: Decimal | None,
    weeks: dict[int, Decimal | None],
) -> tuple[CostContractYear, ...]:
    public = participation is None
    result = []
    for total in totals:
        year = total.year
        net, contributions, aid = sums.by_contract_year[year]
        cost = None if public else total.gross + contributions
        year_participation = None if public else (participation if year == 1 else ZERO)
        after = None
        if cost is not None and year_participation is not None:
            after = cost + year_participation - aid
        year_weeks = weeks.get(year)
        result.append(
            CostContractYear(
                year=year,
                from_=total.from_,
                to=total.to,
                gross=total.gross,
                net=None if public else net,
                employer_contributions=None if public else contributions,
                employer_cost=cost,
                hiring_aid=aid,
                training_participation=year_participation,
                employer_cost_after_aids=after,
                employer_weeks=year_weeks,
                cost_per_employer_week=_per_week(cost, year_weeks),
                cost_per_employer_week_after_aids=_per_week(after, year_weeks),
            )
        )
    return tuple(result)


def _calendar_years(
    sums: _Sums, participation: Decimal | None, public: bool, data: Dataset
) -> tuple[CostCalendarYear, ...]:
    first_year = min(sums.by_calendar_year)
    result = []
    for year, figures in sorted(sums.by_calendar_year.items()):
        gross, net, contributions, cost, aid, taxable = figures
        year_participation = (
            None if participation is None else (participation if year == first_year else ZERO)
        )
        after = None
        if not public and year_participation is not None:
            after = cost + year_participation - aid
        limit = tax_exempt_limit(data, year)
        taxable_pay = None if public else round_cents(taxable)
        result.append(
            CostCalendarYear(
                year=year,
                gross=gross,
                net=None if public else net,
                employer_contributions=None if public else contributions,
                employer_cost=None if public else cost,
                hiring_aid=aid,
                training_participation=year_participation,
                employer_cost_after_aids=after,
                net_taxable=taxable_pay,
                income_tax_exempt_up_to=limit,
                taxable=None if taxable_pay is None else max(ZERO, taxable_pay - limit),
            )
        )
    return tuple(result)


def _notes(employer: Employer, data: Dataset) -> tuple[Notice, ...]:
    if employer.kind == "public":
        return (notice("public_employer", "kind"), notice("training_cost_on_quote", "kind"))
    notes = [notice("training_cost_opco", "kind")]
    if employer.kind == "association":
        # Art. 231 bis I CGI: exempt up to 10 employees; above, only the part of the pay up to
        # 11 % of the SMIC is, and the rest depends on the whole payroll (not computed).
        tax = data.employer.payroll_tax
        if employer.headcount <= tax.exempt_up_to_headcount:
            notes.append(notice("association_payroll_tax_exempt", "headcount",
                                most=tax.exempt_up_to_headcount))  # fmt: skip
        else:
            notes.append(notice("association_payroll_tax", "headcount",
                                most=tax.exempt_up_to_headcount,
                                percent=tax.exempt_percent_of_smic))  # fmt: skip
    if employer.overseas:
        notes.append(notice("overseas_mainland_rates", "overseas"))
    if employer.health_cover == 0:
        notes.append(notice("health_cover_not_counted", "health_cover"))
    return tuple(notes)


def _weeks(
    pay_years: tuple[ContractYearTotal, ...],
    inputs: ContractInputs,
    employer: Employer,
    data: Dataset,
) -> tuple[dict[int, Decimal | None], tuple[Notice, ...]]:
    """The weeks at the employer by contract year, and the notices of what is not known.

    The weeks given (`employer.employer_weeks`, one per contract year, used as given);
    else the programme's alternation, for the programme's own contract only: the DEIS's
    32 + 42 + 25 weeks are not a 2-year BTS's, whose cost per week is left out (None) with
    a note saying how to have it."""
    given = employer.employer_weeks
    if given is not None:
        if len(given) > len(pay_years):
            raise InputError("employer_weeks_too_many", "employer_weeks", count=len(given),
                             years=len(pay_years), start=inputs.start,
                             end=inputs.last_day)  # fmt: skip
        weeks = {
            total.year: Decimal(given[total.year - 1]) if total.year <= len(given) else None
            for total in pay_years
        }
        missing = tuple(str(year) for year, value in weeks.items() if value is None)
        if not missing:
            return weeks, ()
        return weeks, (notice("employer_weeks_missing", "employer_weeks", years=missing),)
    if not is_programme_contract(inputs, employer, data):
        weeks = dict.fromkeys((total.year for total in pay_years), None)
        if employer.kind == "public":  # no cost, so no cost per week to speak of
            return weeks, ()
        programme = data.programme
        alternation = tuple(str(year.employer_weeks) for year in programme.years)
        return weeks, (notice("employer_weeks_not_programme", "employer_weeks",
                              programme=programme.name, start=programme.default_start,
                              weeks=alternation, years=len(pay_years)),)  # fmt: skip
    weeks = employer_weeks_by_year(pay_years, inputs.cycle_start_year, data)
    missing = tuple(str(year) for year, value in weeks.items() if value is None)
    if not missing:
        return weeks, ()
    return weeks, (notice("employer_weeks_unknown", "cycle_start_year", years=missing),)


# The levels an apprentice's diploma most often has outside the DEIS (CAP 3, bac pro 4, BTS 5):
# what a warning says the aids would be when the level was the DEIS's by default.
OTHER_LEVELS = (3, 4, 5)


def _level_assumed(
    inputs: ContractInputs,
    employer: Employer,
    signed: date,
    terms: HiringAidTerms,
    data: Dataset,
) -> tuple[Notice, ...]:
    """The warning that the aids were computed for the programme's level (the DEIS: 7) on a
    contract that is not the programme's own, and what they would be at levels 3 to 5: the
    hiring aid by `hiring_aid_terms` (décret 2026-168: 4 500 € at level 5 under 250
    employees, 2 000 € at levels 6-7; levels 3-4 under 250 left to the aide unique, art.
    D6243-2) and the participation in the training cost (décret 2025-585: levels 6 and 7
    only), for the same employer and dates."""
    programme = data.programme
    if (inputs.start, inputs.end) == (programme.default_start, programme.default_end):
        return ()
    others: dict[int, Decimal] = {}
    for level in OTHER_LEVELS:
        at_level = replace(employer, diploma_level=level)
        others[level] = hiring_aid_terms(at_level, signed, inputs.start, data)[0].annual_amount
    participation = _training_participation(employer, signed, data)
    low = _training_participation(replace(employer, diploma_level=OTHER_LEVELS[-1]), signed, data)
    if low == participation and set(others.values()) == {terms.annual_amount}:
        return ()  # the same aids at every level: the level changes no figure
    said = notice("aids_at_programme_level", "diploma_level", level=employer.diploma_level,
                  programme=programme.name, aid=terms.annual_amount, participation=participation,
                  aid_3=others[3], aid_4=others[4], aid_5=others[5],
                  participation_low=low)  # fmt: skip
    return (said,)
