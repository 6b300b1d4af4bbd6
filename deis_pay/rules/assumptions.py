"""What a result assumed: every input that shapes it, its value, and where the value came from.

A figure exact for inputs the user never chose is a wrong answer to her question. Each input is
`given` (typed by the user, a cell of the file, an argument), `default` (deis-pay chose it: the
DEIS's intake, the legal grid, mainland France…) or `derived` (computed from other inputs: the
end from the start and a duration). A default that changes a figure also names the notice that
says it (`notice`), so that a script can act on the code and a reader sees the sentence.

Pure: the contract as checked (`ContractInputs`) and the names of the fields the caller gave.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from deis_pay.core.notices import Notice, notice
from deis_pay.data.lookups import rates_on
from deis_pay.data.records import Dataset
from deis_pay.rules.models import HISTORY_FIELDS, Assumption, ContractInputs, Origin

if TYPE_CHECKING:
    from deis_pay.rules.compare import Comparison
    from deis_pay.rules.employer import Employer

__all__ = [
    "Assumption",
    "assumed",
    "assumed_comparison",
    "contract_assumptions",
    "employer_assumptions",
]

# The codes of rules/cost.py's notices that say a default of the employer (see
# `employer_assumptions`).
LEVEL_SAID = "aids_at_programme_level"
WEEKS_SAID = "employer_weeks_not_programme"

# The fields of a contract, in the order of `inputs` (the history's follow, when given).
CONTRACT_FIELDS = ("birth_date", "start", "end", "grid", "smc", "territory", "cycle_start_year")


def contract_assumptions(
    inputs: ContractInputs,
    given: Collection[str],
    data: Dataset,
    today: date | None = None,
) -> tuple[tuple[Assumption, ...], tuple[Notice, ...]]:
    """The assumptions of a contract whose fields `given` were given (the names of
    `ContractInputs` and `History`; `months` for a duration given instead of an end), and the
    notices of its defaults: the DEIS's intake used as the contract (said as such, and as
    already begun when it starts before `today`), its end derived from the DEIS's duration."""
    programme = data.programme
    found: list[Assumption] = [Assumption("birth_date", inputs.birth_date, "given")]
    notices: list[Notice] = []
    if "start" in given:
        found.append(Assumption("start", inputs.start, "given"))
    else:
        found.append(Assumption("start", inputs.start, "default", "default_contract"))
        notices.append(notice("default_contract", "start", programme=programme.name,
                              provider=programme.provider, start=inputs.start,
                              end=inputs.end))  # fmt: skip
        if today is not None and inputs.start < today:
            notices.append(notice("default_contract_started", "start", start=inputs.start))
    if "end" in given:
        found.append(Assumption("end", inputs.end, "given"))
    elif "months" in given:
        found.append(Assumption("end", inputs.end, "derived"))
    elif "start" not in given:
        found.append(Assumption("end", inputs.end, "default", "default_contract"))
    else:
        found.append(Assumption("end", inputs.end, "derived", "end_derived"))
        notices.append(notice("end_derived", "end", end=inputs.end,
                              months=programme.duration_months,
                              programme=programme.name))  # fmt: skip
    for name in CONTRACT_FIELDS[3:]:
        value = getattr(inputs, name)
        found.append(Assumption(name, value, "given" if name in given else "default"))
    history = inputs.history
    for name in HISTORY_FIELDS:
        value = getattr(history, name)
        if name in given:
            found.append(Assumption(name, value, "given"))
        elif value not in (None, False):
            # A history value not typed: the contract's grid for the previous one's, its
            # first year, the previous diploma's length from its contract, the exam reason.
            origin: Origin = "default" if name == "prolongation_reason" else "derived"
            found.append(Assumption(name, value, origin))
    return tuple(found), tuple(notices)


def employer_assumptions(
    employer: Employer,
    given: Collection[str],
    inputs: ContractInputs,
    data: Dataset,
    said: Collection[str] = (),
) -> tuple[tuple[Assumption, ...], tuple[Notice, ...]]:
    """The assumptions of the employer options of `cost` (or a compare scenario with --cost),
    `given` naming the fields of `Employer` the user gave, and the notes of the defaults that
    change a figure: the AT/MP rate (the year's average, where an employer's own rate is the
    one its CARSAT notified), the headcount (the general reduction, the hiring aid and the
    training participation depend on it) and the diploma level (the DEIS's: the hiring aid
    and the training participation depend on it). The conclusion date not given is the
    contract's start (`derived`). Every field of `Employer` is stated, in its order.

    `said`: the codes of the notices the cost already holds. The cost's own warning on the
    diploma level (aids computed for the DEIS's level, on a contract that is not the DEIS's)
    and its note on the weeks at the employer (the DEIS's alternation, on another contract)
    say those defaults: the assumption names them, and no second note is added."""
    found: list[Assumption] = []
    notices: list[Notice] = []
    for field in dataclasses.fields(employer):
        name = field.name
        value: Any = getattr(employer, name)
        if name in given:
            found.append(Assumption(name, value, "given"))
        elif name == "signed":
            found.append(Assumption(name, value if value is not None else inputs.start, "derived"))
        elif name == "atmp_rate_percent" and value is None and employer.kind == "public":
            # A public employer's contributions are not computed (rules/cost.py): no rate used.
            found.append(Assumption(name, None, "default"))
        elif name == "atmp_rate_percent" and value is None:
            # Each month counts the average rate in force that month (rules/employer.py); the
            # one of the start is the one stated.
            rate = rates_on(data, inputs.start).atmp_average
            found.append(Assumption(name, rate, "default", "default_atmp_rate"))
            notices.append(
                notice("default_atmp_rate", "atmp_rate_percent", rate=rate, day=inputs.start)
            )
        elif name == "headcount":
            found.append(Assumption(name, value, "default", "default_headcount"))
            notices.append(notice("default_headcount", "headcount", headcount=value))
        elif name == "diploma_level" and LEVEL_SAID in said:
            found.append(Assumption(name, value, "default", LEVEL_SAID))
        elif name == "diploma_level":
            found.append(Assumption(name, value, "default", "default_diploma_level"))
            notices.append(notice("default_diploma_level", "diploma_level", level=value,
                                  programme=data.programme.name))  # fmt: skip
        elif name == "employer_weeks" and WEEKS_SAID in said:
            found.append(Assumption(name, value, "default", WEEKS_SAID))
        else:
            found.append(Assumption(name, value, "default"))
    return tuple(found), tuple(notices)


R = TypeVar("R")


def assumed(result: R, assumptions: Sequence[Assumption], notices: Sequence[Notice] = ()) -> R:
    """`result` (a schedule, a cost, a Cerfa block, a check of pay) with its `assumptions`,
    and the notices that say them before its own (the default contract first: what a reader
    must see before any figure)."""
    own: tuple[Notice, ...] = getattr(result, "notices")  # noqa: B009 - any result type
    added = tuple(item for item in notices if item not in own)
    return dataclasses.replace(  # type: ignore[type-var]
        result, assumptions=tuple(assumptions), notices=added + own
    )


def assumed_comparison(
    comparison: Comparison,
    each: Sequence[tuple[Sequence[Assumption], Sequence[Notice]]],
) -> Comparison:
    """A comparison whose scenarios hold their assumptions (`each`: one pair of assumptions
    and notices per scenario, in order), their notices added to the scenario's and to the
    comparison's (which a scenario's note or warning is said from, once)."""
    scenarios = tuple(
        assumed(scenario, assumptions, notices)
        for scenario, (assumptions, notices) in zip(comparison.scenarios, each, strict=True)
    )
    added = tuple(dict.fromkeys(n for _, notices in each for n in notices))
    own = comparison.notices
    return dataclasses.replace(
        comparison,
        scenarios=scenarios,
        notices=tuple(n for n in added if n not in own) + own,
    )
