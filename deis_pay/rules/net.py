"""The apprentice's net pay, month by month (pure core).

Employee contributions and CSG/CRDS are due only on the part of gross pay above a share of the
month's SMIC, the share and the CSG/CRDS rule depending on the date the contract was concluded
(LFSS 2025 art. 22–23: 50 % and CSG/CRDS above it from 2025-03-01; 79 % and no CSG/CRDS
before). The threshold is prorated by calendar days for a month the contract starts or ends in.

Rounding follows the URSSAF model (modele-social): amounts are exact until each reported figure
is rounded half up to the cent; the contributions reported add up exactly to gross − net.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from deis_pay.core.errors import InputError
from deis_pay.core.money import HUNDRED, round_cents
from deis_pay.data.lookups import csg_crds_on, employee_rates_on, smic_in_force
from deis_pay.data.records import ApprenticeExemption, CsgCrds, Dataset, EmployeeRates, in_force
from deis_pay.rules.models import (
    JSON_KEYS,
    ContractInputs,
    ContractYearTotal,
    Month,
    Schedule,
    ScheduleTotals,
    SourceRef,
)
from deis_pay.rules.pay import MonthRun, month_runs, source_ref
from deis_pay.rules.terms import pay_key


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
    runs = [MonthRun.of(month) for month in schedule.months]
    return _net(
        schedule.inputs, schedule.contract_years, concluded_on, data, health, runs, schedule.months
    )


def net_totals(
    inputs: ContractInputs,
    totals: ScheduleTotals,
    concluded_on: date,
    data: Dataset,
    health: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0)),
    runs: Sequence[MonthRun] | None = None,
) -> NetPay:
    """`net_pay(schedule_for(inputs, data), …)` but its months (`months` is empty), from the
    contract's totals (`pay.totals_for`): the same figures, each month that repeats the one
    before computed once (`runs`: the contract's `pay.month_runs`, computed if not given), as
    a batch's summary writes them. The same errors, in the same order."""
    if runs is None:
        runs = month_runs(pay_key(inputs, data), data)
    return _net(inputs, totals.contract_years, concluded_on, data, health, runs, None)


def _net(
    inputs: ContractInputs,
    contract_years: tuple[ContractYearTotal, ...],
    concluded_on: date,
    data: Dataset,
    health: tuple[Decimal, Decimal],
    runs: Sequence[MonthRun],
    months: tuple[Month, ...] | None,
) -> NetPay:
    """`net_pay` over runs of months with the same figures (one month each with `months`,
    whose `NetMonth`s are then built too): each figure a month's, times its run's months."""
    if inputs.territory != "metropole":
        raise InputError("contributions_not_for_mayotte", "territory")
    exemption = exemption_of_contract(inputs, concluded_on, data)
    net_months = []
    source_ids = {exemption.source: None}
    totals = [Decimal(0)] * 3  # employee contributions, CSG/CRDS, net
    by_year: dict[int, list[Decimal]] = {y.year: [Decimal(0)] * 3 for y in contract_years}
    for index, run in enumerate(runs):
        # The records in force on the month's first day of the contract.
        first = max(run.first, inputs.start)
        rates, csg = employee_rates_on(data, first), csg_crds_on(data, first)
        source_ids.update({rates.source: None, csg.source: None})
        smic = smic_in_force(data, inputs.territory, first).monthly_amount
        threshold, contributions, csg_crds, net = month_net(
            run.gross, smic, (run.days, run.month_days), exemption, rates, csg, health
        )
        for i, amount in enumerate((contributions, csg_crds, net)):
            totals[i] += amount * run.count
            add_by_contract_year(by_year, i, run, amount)
        if months is not None:
            month = months[index].month
            net_months.append(NetMonth(month, run.gross, threshold, contributions, csg_crds, net))
    return NetPay(
        concluded_on=concluded_on,
        threshold_percent_of_smic=exemption.threshold_percent_of_smic,
        csg_crds_due_above_threshold=exemption.csg_crds_due_above_threshold,
        months=tuple(net_months),
        total_employee_contributions=totals[0],
        total_csg_crds=totals[1],
        total_net=totals[2],
        sources=tuple(source_ref(data, source_id) for source_id in source_ids),
        health_cover=health[0] + health[1],
        health_cover_employee=health[0],
        health_cover_employer=health[1],
        contract_years=tuple(
            NetContractYear(y.year, y.from_, y.to, y.gross, *by_year[y.year])
            for y in contract_years
        ),
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


def add_by_contract_year(
    by_year: Mapping[int, list[Decimal]], index: int, run: MonthRun, amount: Decimal
) -> None:
    """Adds a month's `amount`, times the months of its run, to `by_year[year][index]`; a month
    with a contract anniversary shared between its years as `split_by_contract_year` shares it
    (`net` and `cost` alike)."""
    years = run.years
    if len(years) == 1:  # (most runs: the months of one contract year, nothing to split)
        by_year[years[0][0]][index] += amount * run.count
        return
    for year, part in split_by_contract_year(years, run.gross, amount).items():
        by_year[year][index] += part * run.count
