"""The "rémunération" block of the apprenticeship contract form, Cerfa FA13 (pure core).

The form asks, for each contract year, one line per age bracket the apprentice is in during that
year (1.1, 1.2, 2.1, …): from, to, percentage, and whether it is of the SMIC or of the SMC. The
amounts are those at the signature of the contract, i.e. at the SMIC in force on the start date
(later revaluations change the pay, not the form).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from deis_pay.core.money import percent_of
from deis_pay.core.notices import Notice, notice
from deis_pay.data.lookups import smic_in_force
from deis_pay.data.records import DataInfo, Dataset
from deis_pay.rules.models import (
    JSON_KEYS,
    SCHEMA_VERSION,
    Assumption,
    Base,
    ContractInputs,
    Rule,
    Segment,
    SourceRef,
)
from deis_pay.rules.pay import schedule_for


@dataclass(frozen=True, slots=True)
class CerfaLine:
    """One "rémunération" line of the apprenticeship contract form (Cerfa FA13)."""

    __pydantic_config__ = JSON_KEYS

    number: str
    contract_year: int
    from_: date
    to: date
    rate_percent: Decimal
    base: Base
    monthly_amount: Decimal
    rule: Rule


@dataclass(frozen=True, slots=True)
class CerfaBlock:
    """`deis-pay cerfa`: the lines to copy into the form, amounts at the SMIC of the start."""

    __pydantic_config__ = JSON_KEYS

    schema_version: int
    inputs: ContractInputs
    # "Type de contrat ou d'avenant", as the form's notice numbers them: 11 a first contract,
    # 21 / 22 a new contract after one that ended with the same / another employer, 33 / 34 the
    # prolongation after a failed exam / for a recognised disability.
    contract_type: str
    smic_at_start: Decimal
    lines: tuple[CerfaLine, ...]
    sources: tuple[SourceRef, ...]
    warnings: tuple[str, ...]  # the sentences of `notices`
    notices: tuple[Notice, ...]
    data: DataInfo
    # Every input and where it came from (rules/assumptions.py), filled by the edge that
    # knows what was given.
    assumptions: tuple[Assumption, ...] = ()


def cerfa_block(inputs: ContractInputs, data: Dataset) -> CerfaBlock:
    schedule = schedule_for(inputs, data)
    smic = smic_in_force(data, inputs.territory, inputs.start).monthly_amount
    grid = data.grids.in_force(inputs.grid, inputs.start)
    lines: list[CerfaLine] = []
    segments = [s for month in schedule.months for s in month.segments]
    start = 0
    for i, segment in enumerate(segments):
        following = segments[i + 1] if i + 1 < len(segments) else None
        if following is not None and _line_of(following) == _line_of(segment):
            continue
        first = segments[start]
        # The base written on the form: the SMC from 21 when it is above the SMIC at signature
        # (never for the floor of a previous contract, a % of the SMIC: D6222-29).
        base: Base = "smic"
        amount = smic
        if (
            inputs.smc is not None
            and segment.rule != "D6222-29"
            and segment.age_bracket in grid.smc_brackets
            and inputs.smc > smic
        ):
            base, amount = "smc", inputs.smc
        in_year = sum(1 for line in lines if line.contract_year == segment.contract_year) + 1
        lines.append(
            CerfaLine(
                number=f"{segment.contract_year}.{in_year}",
                contract_year=segment.contract_year,
                from_=first.from_,
                to=segment.to,
                rate_percent=segment.rate_percent,
                base=base,
                monthly_amount=percent_of(segment.rate_percent, amount),
                rule=segment.rule,
            )
        )
        start = i + 1
    code, guessed = contract_type(inputs)
    return CerfaBlock(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        contract_type=code,
        smic_at_start=smic,
        lines=tuple(lines),
        sources=schedule.sources,
        warnings=(),
        notices=(notice("contract_type_other_employer"),) * guessed + schedule.notices,
        data=data.info,
    )


def _line_of(segment: Segment) -> tuple[object, ...]:
    """What makes a new line on the form: the contract year, the age bracket, the rate."""
    return (segment.contract_year, segment.age_bracket, segment.rate_percent, segment.rule)


def contract_type(inputs: ContractInputs) -> tuple[str, bool]:
    """The form's contract-type code, and whether the employer had to be guessed. A percentage
    actually paid at the end of the previous contract means the same employer (D6222-29,
    "percevait"); a previous contract alone is taken as with another employer (22), with a
    notice saying 21 applies with the same one."""
    history = inputs.history
    if history.prolonged_to is not None:
        return ("34" if history.prolongation_reason == "rqth" else "33"), False
    if history.previous_percent is not None:
        return "21", False
    if history.previous_start is not None:
        return "22", True
    return "11", False
