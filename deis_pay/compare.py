"""Legal grid and SSSMS branch grid side by side for the same contract (pure core)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .data import Dataset
from .models import JSON_KEYS, ContractInputs, SourceRef
from .notices import Notice
from .schedule import schedule_for


@dataclass(frozen=True, slots=True)
class ComparisonYear:
    __pydantic_config__ = JSON_KEYS
    year: int
    from_: date
    to: date
    general: Decimal
    sssms: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class Comparison:
    """`deis-pay compare`: the same contract under the legal grid and the SSSMS grid."""

    __pydantic_config__ = JSON_KEYS

    schema_version: int
    inputs: ContractInputs
    contract_years: tuple[ComparisonYear, ...]
    total_general: Decimal
    total_sssms: Decimal
    total_difference: Decimal
    sources: tuple[SourceRef, ...]
    warnings: tuple[str, ...]  # the sentences of `notices`
    notices: tuple[Notice, ...]


def compare_grids(inputs: ContractInputs, data: Dataset) -> Comparison:
    """Gross pay per contract year and in total under each grid, and the difference in euros."""
    general = schedule_for(replace(inputs, grid="general"), data)
    sssms = schedule_for(replace(inputs, grid="sssms"), data)
    years = [
        ComparisonYear(
            year=g.year,
            from_=g.from_,
            to=g.to,
            general=g.gross,
            sssms=s.gross,
            difference=s.gross - g.gross,
        )
        for g, s in zip(general.contract_years, sssms.contract_years, strict=True)
    ]
    return Comparison(
        schema_version=general.schema_version,
        inputs=inputs,
        contract_years=tuple(years),
        total_general=general.total_gross,
        total_sssms=sssms.total_gross,
        total_difference=sssms.total_gross - general.total_gross,
        sources=tuple(dict.fromkeys(general.sources + sssms.sources)),
        warnings=(),
        notices=tuple(dict.fromkeys(general.notices + sssms.notices)),
    )


__all__ = ["compare_grids"]
