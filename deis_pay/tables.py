"""Reference views of the data: the grid at a date and the SMIC history (pure core)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .data import AgeBracket, DataInfo, Dataset, GridId, SmicRecord, Territory, in_force
from .errors import InputError
from .models import JSON_KEYS, SourceRef
from .money import percent_of
from .schedule import BRACKETS, FIRST_SUPPORTED_START, source_ref


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


def smic_in_force(data: Dataset, territory: Territory, day: date) -> SmicRecord:
    records = data.smic.records(territory)
    if day < records[0].from_:
        raise InputError("smic_unknown", "at", territory=territory, day=day,
                         first=records[0].from_)  # fmt: skip
    return in_force(records, day, f"smic.toml {territory}")


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
