"""The result of a schedule computation: the public, documented shape of deis-pay's output.

The core builds these from values it has already checked, with `model_construct` (no second
validation); `defer_build` keeps the import cheap for a one-shot command (README, performance).
JSON keys are the field names, or the alias where the name is a Python keyword (`from`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .data import AgeBracket, GridId, Territory

Base = Literal["smic", "smc"]
ChangeKind = Literal["contract_year", "age_bracket", "smic", "base"]

SCHEMA_VERSION = 1


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True, populate_by_name=True)


class ContractInputs(_Result):
    """The contract as understood, after defaults were applied."""

    birth_date: date
    start: date
    end: date
    grid: GridId
    smc: Decimal | None
    territory: Territory
    cycle_start_year: int


class Segment(_Result):
    """A stretch of one calendar month with the same contract year, age bracket and base."""

    start: date = Field(alias="from")
    end: date = Field(alias="to")
    days: int
    contract_year: int
    age_bracket: AgeBracket
    rate_percent: Decimal
    base: Base
    base_amount: Decimal
    monthly_rate: Decimal
    gross: Decimal


class Month(_Result):
    month: str
    gross: Decimal
    projected: bool
    segments: tuple[Segment, ...]


class ContractYearTotal(_Result):
    year: int
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    gross: Decimal


class CalendarYearTotal(_Result):
    year: int
    gross: Decimal


class Aid(_Result):
    id: str
    name: str
    amount: Decimal
    eligible: bool
    request_from: date | None
    request_to: date | None
    reason: str
    source: str


class SourceRef(_Result):
    id: str
    title: str
    url: str | None


class Change(_Result):
    """A change of pay rate during the contract (for --explain)."""

    date: date
    kind: ChangeKind
    before: str
    after: str
    monthly_rate_before: Decimal
    monthly_rate_after: Decimal
    source: str


class Schedule(_Result):
    schema_version: int
    inputs: ContractInputs
    months: tuple[Month, ...]
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    aids: tuple[Aid, ...]
    changes: tuple[Change, ...]
    sources: tuple[SourceRef, ...]
    data_verified_through: date
    projected_from: date | None
    warnings: tuple[str, ...]


class ComparisonYear(_Result):
    year: int
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    general: Decimal
    sssms: Decimal
    difference: Decimal


class Comparison(_Result):
    """`deis-pay compare`: the same contract under the legal grid and the SSSMS grid."""

    schema_version: int
    inputs: ContractInputs
    contract_years: tuple[ComparisonYear, ...]
    total_general: Decimal
    total_sssms: Decimal
    total_difference: Decimal
    sources: tuple[SourceRef, ...]
    warnings: tuple[str, ...]


class GridRow(_Result):
    age_bracket: AgeBracket
    rate_percent: tuple[Decimal, ...]
    monthly_amount: tuple[Decimal, ...]
    smc_applies: bool
    from_general_grid: bool


class GridView(_Result):
    """`deis-pay grid`: the percentage grid and its euro amounts at a date."""

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


class SmicEntry(_Result):
    start: date = Field(alias="from")
    hourly: Decimal
    monthly: Decimal
    source: SourceRef


class SmicView(_Result):
    """`deis-pay smic`: the SMIC in force at a date, or the whole history."""

    territory: Territory
    at: date | None
    entries: tuple[SmicEntry, ...]
    data_verified_through: date
    projected: bool
