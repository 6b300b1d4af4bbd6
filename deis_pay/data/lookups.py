"""Dated lookups: the record of a series in force on a day (the SMIC, the employee's and the
employer's rates, the CSG/CRDS, the general reduction and its SMIC).

Every series is strictly increasing by date (checked at load): the record in force is the last
one dated on or before the day, found by bisection.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from deis_pay.core.errors import InputError
from deis_pay.data.records import in_force

if TYPE_CHECKING:
    from deis_pay.data.records import (
        CsgCrds,
        Dataset,
        EmployeeRates,
        EmployerRates,
        GeneralReduction,
        ReductionSmic,
        SmicRecord,
        Territory,
    )

D = TypeVar("D")


def smic_in_force(data: Dataset, territory: Territory, day: date) -> SmicRecord:
    records = data.smic.records(territory)
    if day < records[0].from_:
        raise InputError("smic_unknown", "at", territory=territory, day=day,
                         first=records[0].from_)  # fmt: skip
    return in_force(records, day, f"smic.toml {territory}")


def rates_on(data: Dataset, on: date) -> EmployerRates:
    records = data.employer.rates
    if on < records[0].from_:
        raise InputError("employer_rates_unknown", "start", first=records[0].from_, day=on)
    return in_force(records, on, "employer.toml rates")


def reduction_on(data: Dataset, on: date) -> GeneralReduction:
    # The loader requires a reduction in force from the first rates' date.
    return in_force(data.employer.general_reduction, on, "employer.toml general_reduction")


def reduction_smic_on(data: Dataset, on: date) -> ReductionSmic:
    # The loader requires one in force from the first rates' date.
    return in_force(data.employer.reduction_smic, on, "employer.toml reduction_smic")


def employee_rates_on(data: Dataset, on: date) -> EmployeeRates:
    records = data.contributions.employee_rates
    return in_force(records, on, "contributions.toml employee_rates")


def csg_crds_on(data: Dataset, on: date) -> CsgCrds:
    return in_force(data.contributions.csg_crds, on, "contributions.toml csg_crds")
