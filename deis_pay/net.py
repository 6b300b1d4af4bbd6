"""The apprentice's net pay, month by month (pure core).

Employee contributions and CSG/CRDS are due only on the part of gross pay above a share of the
month's SMIC, the share and the CSG/CRDS rule depending on the date the contract was concluded
(LFSS 2025 art. 22–23: 50 % and CSG/CRDS above it from 2025-03-01; 79 % and no CSG/CRDS
before). The threshold is prorated by calendar days for a month the contract starts or ends in.

Rounding follows the URSSAF model (modele-social): amounts are exact until each reported figure
is rounded half up to the cent; the contributions reported add up exactly to gross − net.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .data import ApprenticeExemption, CsgCrds, Dataset, EmployeeRates, in_force
from .dates import days_in_month
from .errors import InputError
from .models import JSON_KEYS, ContractInputs, Schedule, Segment, SourceRef
from .money import HUNDRED, round_cents
from .schedule import source_ref
from .tables import smic_in_force


@dataclass(frozen=True, slots=True)
class NetMonth:
    __pydantic_config__ = JSON_KEYS

    month: str
    gross: Decimal
    exemption_threshold: Decimal
    employee_contributions: Decimal
    csg_crds: Decimal
    net: Decimal


@dataclass(frozen=True, slots=True)
class NetContractYear:
    __pydantic_config__ = JSON_KEYS

    year: int
    from_: date
    to: date
    gross: Decimal
    employee_contributions: Decimal
    csg_crds: Decimal
    net: Decimal


@dataclass(frozen=True, slots=True)
class NetPay:
    """`schedule --net`: what the apprentice takes home (no income tax); the health cover only
    when its premium is given (`health_cover`, 0 otherwise: left out, as the views say)."""

    __pydantic_config__ = JSON_KEYS

    concluded_on: date
    threshold_percent_of_smic: Decimal
    csg_crds_due_above_threshold: bool
    months: tuple[NetMonth, ...]
    total_employee_contributions: Decimal
    total_csg_crds: Decimal
    total_net: Decimal
    sources: tuple[SourceRef, ...]
    # The monthly premium and its shares, as `cost --health-cover` (keys added, schema 1).
    health_cover: Decimal = Decimal(0)
    health_cover_employee: Decimal = Decimal(0)
    health_cover_employer: Decimal = Decimal(0)
    contract_years: tuple[NetContractYear, ...] = ()


def employee_rates_on(data: Dataset, on: date) -> EmployeeRates:
    records = data.contributions.employee_rates
    return in_force(records, on, "contributions.toml employee_rates")


def csg_crds_on(data: Dataset, on: date) -> CsgCrds:
    return in_force(data.contributions.csg_crds, on, "contributions.toml csg_crds")


def exemption_for(data: Dataset, concluded_on: date) -> ApprenticeExemption:
    records = data.contributions.apprentice_exemption
    first = records[0].concluded_from
    if concluded_on < first:
        raise InputError("signed_before_known_rules", "signed", day=concluded_on, first=first)
    return in_force(records, concluded_on, "contributions.toml apprentice_exemption",
                    lambda r: r.concluded_from)  # fmt: skip


def exemption_of_contract(
    inputs: ContractInputs, concluded_on: date, data: Dataset
) -> ApprenticeExemption:
    """The exemption regime of a contract concluded on that date, which cannot be after its
    start (shared by `schedule --net` and `cost`)."""
    if concluded_on > inputs.start:
        raise InputError("signed_after_start", "signed", signed=concluded_on, start=inputs.start)
    return exemption_for(data, concluded_on)


def month_net(
    gross: Decimal,
    smic_monthly: Decimal,
    share_of_month: tuple[int, int],
    exemption: ApprenticeExemption,
    rates: EmployeeRates,
    csg: CsgCrds,
    health: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0)),
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(threshold, employee contributions, CSG/CRDS, net) of one month's gross pay.

    `health`: the employee's and the employer's shares of the health-cover premium, in cents.
    The employee's share comes off the net; the employer's share is pay subject to CSG/CRDS
    (art. L136-1-1 CSS, without the 1.75 % allowance), where CSG/CRDS are due at all.
    """
    health_employee, health_employer = health
    days, month_days = share_of_month
    threshold = exemption.threshold_percent_of_smic * smic_monthly / HUNDRED * days / month_days
    excess = max(Decimal(0), gross - threshold)
    if excess > rates.band_1_ceiling:
        raise InputError(
            "net_above_band_1", "smc", amount=round_cents(excess), ceiling=rates.band_1_ceiling
        )
    contributions = excess * rates.total / HUNDRED
    csg_crds = Decimal(0)
    if exemption.csg_crds_due_above_threshold and excess > 0:
        base = excess * csg.base_percent / HUNDRED + health_employer
        csg_crds = base * csg.total / HUNDRED
    total = round_cents(contributions + csg_crds)
    csg_rounded = round_cents(csg_crds)
    net = gross - total - health_employee
    return round_cents(threshold), total - csg_rounded, csg_rounded, net


def net_pay(
    schedule: Schedule,
    concluded_on: date,
    data: Dataset,
    health: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0)),
) -> NetPay:
    """What the apprentice of `schedule` takes home each month, for a contract concluded on
    `concluded_on` (its start, usually): employee contributions and CSG/CRDS on the part of
    gross pay above the exemption threshold of that date (no income tax). `health`: the
    employee's and the employer's monthly shares of the mandatory health cover
    (`employer.health_shares`), counted exactly as `compute_cost` counts them, so that both
    give the same net.

    Raises `InputError` for Mayotte (its own rates), a contract concluded after its start or
    before the known exemption rules, and pay above the band 1 ceiling."""
    inputs = schedule.inputs
    if inputs.territory != "metropole":
        raise InputError("contributions_not_for_mayotte", "territory")
    exemption = exemption_of_contract(inputs, concluded_on, data)
    months = []
    source_ids = {exemption.source: None}
    for month in schedule.months:
        first = month.segments[0].from_
        rates, csg = employee_rates_on(data, first), csg_crds_on(data, first)
        source_ids.update({rates.source: None, csg.source: None})
        smic = smic_in_force(data, inputs.territory, first).monthly_amount
        days = sum(s.days for s in month.segments)
        threshold, contributions, csg_crds, net = month_net(
            month.gross, smic, (days, days_in_month(first)), exemption, rates, csg, health
        )
        months.append(NetMonth(month.month, month.gross, threshold, contributions, csg_crds, net))
    return NetPay(
        concluded_on=concluded_on,
        threshold_percent_of_smic=exemption.threshold_percent_of_smic,
        csg_crds_due_above_threshold=exemption.csg_crds_due_above_threshold,
        months=tuple(months),
        total_employee_contributions=sum((m.employee_contributions for m in months), Decimal(0)),
        total_csg_crds=sum((m.csg_crds for m in months), Decimal(0)),
        total_net=sum((m.net for m in months), Decimal(0)),
        sources=tuple(source_ref(data, source_id) for source_id in source_ids),
        health_cover=health[0] + health[1],
        health_cover_employee=health[0],
        health_cover_employer=health[1],
        contract_years=_contract_years(schedule, months),
    )


def _contract_years(schedule: Schedule, months: list[NetMonth]) -> tuple[NetContractYear, ...]:
    """Per contract year, the months' figures; a month with a contract anniversary is shared
    between its years in proportion of their gross pay, as `cost` shares it."""
    totals: dict[int, list[Decimal]] = {y.year: [Decimal(0)] * 3 for y in schedule.contract_years}
    for month, pay in zip(schedule.months, months, strict=True):
        for index, amount in enumerate((pay.employee_contributions, pay.csg_crds, pay.net)):
            for year, part in split_by_contract_year(
                segment_years(month.segments), month.gross, amount
            ).items():
                totals[year][index] += part
    return tuple(
        NetContractYear(y.year, y.from_, y.to, y.gross, *totals[y.year])
        for y in schedule.contract_years
    )


def split_by_contract_year(
    years: Sequence[tuple[int, Decimal]], gross: Decimal, amount: Decimal
) -> dict[int, Decimal]:
    """A month's amount split between the contract years of its segments (`years`: the
    contract year and gross of each, in order), in proportion of their gross pay; the last
    year takes the rounding remainder, so the parts add up."""
    if years[0][0] == years[-1][0] or not gross:  # (the contract years only go up)
        return {years[-1][0]: amount}
    parts: dict[int, Decimal] = {}
    ordered = sorted({year for year, _ in years})
    for year in ordered[:-1]:
        share = sum((part for y, part in years if y == year), Decimal(0))
        parts[year] = round_cents(amount * share / gross)
    parts[ordered[-1]] = amount - sum(parts.values(), Decimal(0))
    return parts


def segment_years(segments: tuple[Segment, ...]) -> tuple[tuple[int, Decimal], ...]:
    """The contract year and gross of each segment of a month (for `split_by_contract_year`)."""
    return tuple((s.contract_year, s.gross) for s in segments)
