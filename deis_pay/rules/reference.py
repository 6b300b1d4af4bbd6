"""Reference views of the data: the grid at a date, the SMIC history, what the data holds and
how fresh it is (pure core)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from deis_pay.core.errors import InputError
from deis_pay.core.money import percent_of
from deis_pay.data.lookups import smic_in_force
from deis_pay.data.records import (
    SOURCE_SOCIAL_SECURITY_CEILING,
    AgeBracket,
    DataInfo,
    Dataset,
    ExpectedText,
    GridId,
    SmicRecord,
    Territory,
)
from deis_pay.rules.contract import FIRST_SUPPORTED_START, GRIDS, TERRITORIES
from deis_pay.rules.models import JSON_KEYS, SourceRef
from deis_pay.rules.pay import source_ref
from deis_pay.rules.terms import BRACKETS


@dataclass(frozen=True, slots=True)
class GridRow:
    __pydantic_config__ = JSON_KEYS
    age_bracket: AgeBracket
    rate_percent: tuple[Decimal, ...]
    monthly_amount: tuple[Decimal, ...]
    smc_applies: bool
    from_general_grid: bool


@dataclass(frozen=True, slots=True)
class GridView:
    """`deis-pay grid`: the percentage grid and its euro amounts at a date."""

    __pydantic_config__ = JSON_KEYS

    grid: GridId
    name: str
    at: date
    territory: Territory
    smic_monthly: Decimal
    smic_source: str
    projected: bool
    rows: tuple[GridRow, ...]
    note: str | None
    source: SourceRef
    data: DataInfo


@dataclass(frozen=True, slots=True)
class SmicEntry:
    __pydantic_config__ = JSON_KEYS
    from_: date
    hourly: Decimal
    monthly: Decimal
    source: SourceRef


@dataclass(frozen=True, slots=True)
class SmicView:
    """`deis-pay smic`: the SMIC in force at a date, or the whole history."""

    __pydantic_config__ = JSON_KEYS

    territory: Territory
    at: date | None
    entries: tuple[SmicEntry, ...]
    data_verified_through: date
    projected: bool
    data: DataInfo


def grid_table(
    data: Dataset, grid: GridId, day: date, territory: Territory = "metropole"
) -> GridView:
    if day < FIRST_SUPPORTED_START:
        raise InputError("grid_before_2019", "at", day=day, first=FIRST_SUPPORTED_START)
    smic = smic_in_force(data, territory, day)
    record = data.grids.in_force(grid, day)
    general = data.grids.in_force("general", day)
    monthly = smic.monthly_amount
    rows = []
    for _, bracket in BRACKETS:
        rates = record.rates.get(bracket)
        borrowed = rates is None
        if rates is None:
            rates = general.rates[bracket]
        rows.append(
            GridRow(
                age_bracket=bracket,
                rate_percent=tuple(rates),
                monthly_amount=tuple(percent_of(rate, monthly) for rate in rates),
                smc_applies=bracket in record.smc_brackets,
                from_general_grid=borrowed,
            )
        )
    return GridView(
        grid=grid,
        name=record.name,
        at=day,
        territory=territory,
        smic_monthly=monthly,
        smic_source=smic.source,
        projected=day > data.verified_through,
        rows=tuple(rows),
        note=record.note,
        source=source_ref(data, record.source),
        data=data.info,
    )


def smic_table(data: Dataset, territory: Territory, day: date | None) -> SmicView:
    records = (smic_in_force(data, territory, day),) if day else data.smic.records(territory)
    return SmicView(
        territory=territory,
        at=day,
        entries=tuple(
            SmicEntry(
                from_=r.from_,
                hourly=r.hourly,
                monthly=r.monthly_amount,
                source=source_ref(data, r.source),
            )
            for r in records
        ),
        data_verified_through=data.verified_through,
        projected=day is not None and day > data.verified_through,
        data=data.info,
    )


# --- `deis-pay data`: what the data holds and how fresh it is

DataValue = Decimal | int | bool | str | date | tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class SeriesValue:
    """The last known record of a dated series (its values as the data file names them)."""

    __pydantic_config__ = JSON_KEYS
    series: str
    from_: date | None
    values: dict[str, DataValue]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class DataView:
    """`deis-pay data`: how fresh the data is — its verified-through date, the SMIC in force
    on `today`, the last value of every dated series, from when months are projections, and
    the texts expected next with their usual dates."""

    __pydantic_config__ = JSON_KEYS
    today: date
    verified_through: date
    # A month that starts after `verified_through` is a projection (the last known values).
    projected_from: date
    smic_today: dict[Territory, SmicEntry]
    latest: tuple[SeriesValue, ...]
    expected: tuple[ExpectedText, ...]
    data: DataInfo


def data_table(data: Dataset, today: date) -> DataView:
    """What the data holds on `today`: of each dated series, the record in force then and
    those after it (a revaluation already known, the reduction's SMIC of next year)."""
    employer = data.employer
    smic = {t: _from_today(data.smic.records(t), today, _from) for t in TERRITORIES}
    latest = [
        *(_series(f"smic.{t}", r.from_, {"hourly": r.hourly, "monthly": r.monthly_amount},
                  r.source, data) for t in TERRITORIES for r in smic[t]),
        _pss(data),
        *(_series(f"grids.{g}", r.from_, {"name": r.name}, r.source, data)
          for g in GRIDS for r in _from_today(data.grids.records(g), today, _from)),
        *(_series("employer.general_reduction", r.from_, {"kind": r.kind, "t_min": r.t_min,
                  "t_under_50": r.t_under_50, "t_50_plus": r.t_50_plus}, r.source, data)
          for r in _from_today(employer.general_reduction, today, _from)),
        *(_series("employer.reduction_smic", r.from_, {"hourly": r.hourly}, r.source, data)
          for r in _from_today(employer.reduction_smic, today, _from)),
        *(_series("employer.hiring_aid", r.concluded_from, {"concluded_to": r.concluded_to,
                  "started_before": r.started_before}, r.source, data)
          for r in employer.hiring_aid[-1:]),
        *(_series("employer.aide_unique", r.concluded_from, {"amount": r.amount,
                  "disabled": r.disabled, "up_to": r.up_to, "overseas_up_to": r.overseas_up_to,
                  "headcount_below": r.headcount_below}, r.source, data)
          for r in _from_today(employer.aide_unique, today, _concluded)),
        _series("employer.training_participation", employer.training_participation.concluded_from,
                {"amount": employer.training_participation.amount,
                 "levels": employer.training_participation.levels},
                employer.training_participation.source, data),
        *(_series("contributions.apprentice_exemption", r.concluded_from,
                  {"threshold_percent_of_smic": r.threshold_percent_of_smic,
                   "csg_crds_due_above_threshold": r.csg_crds_due_above_threshold}, r.source, data)
          for r in _from_today(data.contributions.apprentice_exemption, today, _concluded)),
        _series("employer.payroll_tax", None,
                {"exempt_up_to_headcount": employer.payroll_tax.exempt_up_to_headcount,
                 "exempt_percent_of_smic": employer.payroll_tax.exempt_percent_of_smic},
                employer.payroll_tax.source, data),
        _series("aids.driving_licence", data.aids.driving_licence.first_request,
                {"amount": data.aids.driving_licence.amount,
                 "last_request": data.aids.driving_licence.last_request},
                data.aids.driving_licence.end_source, data),
    ]  # fmt: skip
    verified = data.verified_through
    return DataView(
        today=today,
        verified_through=verified,
        projected_from=date(verified.year + verified.month // 12, verified.month % 12 + 1, 1),
        smic_today={t: _smic_entry(data, smic_in_force(data, t, today)) for t in TERRITORIES},
        latest=tuple(latest),
        expected=tuple(text for text in data.expected if text.effective > verified),
        data=data.info,
    )


R = TypeVar("R")


def _from(record: Any) -> date:
    return record.from_  # type: ignore[no-any-return]


def _concluded(record: Any) -> date:
    return record.concluded_from  # type: ignore[no-any-return]


def _from_today(records: Sequence[R], today: date, key: Callable[[R], date]) -> Sequence[R]:
    """The record in force on `today` and those after it (all of them before the first)."""
    index = bisect_right(records, today, key=key) - 1
    return records[max(index, 0) :]


def _series(
    name: str, since: date | None, values: dict[str, DataValue], source: str, data: Dataset
) -> SeriesValue:
    return SeriesValue(name, since, values, source_ref(data, source))


def _pss(data: Dataset) -> SeriesValue:
    """The monthly social security ceiling, from the first record that has its last value
    (a record repeats every rate: the ceiling may be older than the record)."""
    records = data.employer.rates
    index = len(records) - 1
    ceiling = records[index].social_security_ceiling
    while index > 0 and records[index - 1].social_security_ceiling == ceiling:
        index -= 1
    return _series("employer.social_security_ceiling", records[index].from_,
                   {"monthly": ceiling}, SOURCE_SOCIAL_SECURITY_CEILING, data)  # fmt: skip


def _smic_entry(data: Dataset, record: SmicRecord) -> SmicEntry:
    return SmicEntry(record.from_, record.hourly, record.monthly_amount,
                     source_ref(data, record.source))  # fmt: skip
