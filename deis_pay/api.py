"""The library's entry points: the rules' results, said in the current language.

The rules return notices as values and no sentence; a library caller expects a schedule (or a
check of pay) whose `warnings` and aid reasons read as the CLI prints them, so this edge says
them (i18n/messages.py), like the CLI and the batch do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from deis_pay.core.values import as_amount, as_date
from deis_pay.data.loader import default_dataset
from deis_pay.data.records import Dataset
from deis_pay.i18n.messages import spoken
from deis_pay.rules.check import PaidMonth, PayCheck
from deis_pay.rules.check import check_pay as pay_check
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import HISTORY_FIELDS, ContractInputs, History, Schedule
from deis_pay.rules.pay import schedule_for

if TYPE_CHECKING:  # (imported by the functions that use them: a schedule alone loads none)
    from deis_pay.rules.compare import Comparison, ScenarioSpec
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.employer import Employer
    from deis_pay.rules.net import NetPay


def compute_schedule(
    birth_date: date | str,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    months: int | str | None = None,
    grid: str | None = None,
    smc: Decimal | int | float | str | None = None,
    territory: str | None = None,
    cycle_start_year: int | str | None = None,
    history: History | None = None,
    data: Dataset | None = None,
) -> Schedule:
    """Minimum gross pay of every month of the contract, with totals, aids, changes and sources.

    Defaults are the seed's DEIS contract (01/09/2025 → 29/02/2028), the legal grid and mainland
    France; `history` (a `deis_pay.History`) is the apprentice's past and the contract's
    prolongation, which can raise the minimum. Values are taken as the command line takes them:
    a `datetime`'s date, an amount as a Decimal, int, float (its shortest repr) or text
    (`"2100,50"`). Raises `InputError` for a contract deis-pay cannot compute (see
    `check_contract`), `TypeError` for a value of a type it does not read.
    Its `warnings` are said in the current language (messages.py); `schedule_for` leaves them
    to the caller and gives the `notices` only. Its `assumptions` state every input, `given`
    (an argument that is not None), `default` or `derived` (the end from the DEIS's 30
    months), with the notices of the default contract (already begun today) and of the end.
    """
    from deis_pay.rules.assumptions import assumed, contract_assumptions

    data = data if data is not None else default_dataset()
    inputs = check_contract(
        birth_date,
        start,
        end,
        months=months,
        grid=grid if grid is not None else "general",
        smc=smc,
        territory=territory if territory is not None else "metropole",
        cycle_start_year=cycle_start_year if cycle_start_year is not None else 1,
        history=history,
        data=data,
    )
    arguments = {"start": start, "end": end, "months": months, "grid": grid, "smc": smc,
                 "territory": territory, "cycle_start_year": cycle_start_year}  # fmt: skip
    given = {name for name, value in arguments.items() if value is not None}
    if history is not None:
        given |= {name for name in HISTORY_FIELDS if getattr(history, name) not in (None, False)}
    found, notices = contract_assumptions(inputs, given, data, date.today())
    return spoken(assumed(schedule_for(inputs, data), found, notices))


def check_pay(
    inputs: ContractInputs,
    paid: Iterable[PaidMonth] | Mapping[str, Decimal | int | float | str],
    today: date | str | None = None,
    *,
    absences: Iterable[str] = (),
    data: Dataset | None = None,
) -> PayCheck:
    """What was paid against the minimum of a contract (`check_contract`'s `inputs`), month by
    month, and what can still be claimed on `today` (default: today), as `deis-pay check
    --format json` gives it. `paid`: `PaidMonth`s, or a mapping of month (`"2025-09"` or
    `"09/2025"`) to the gross of the payslip, the months of `absences` then marked as months
    with an absence (not judged). Raises `InputError` for a month outside the contract or
    given twice, an amount below zero or absurd. Its `warnings` are said in the current
    language."""
    from deis_pay.input.payslips import paid_month

    data = data if data is not None else default_dataset()
    day = as_date("today", today) if today is not None else date.today()
    if isinstance(paid, Mapping):
        marked = {paid_month("paid", month) for month in absences}
        entries = [
            PaidMonth(first, as_amount("paid", amount), first in marked)
            for first, amount in (
                (paid_month("paid", month), amount) for month, amount in paid.items()
            )
        ]
    else:
        entries = list(paid)
    return spoken(pay_check(inputs, entries, day, data))


def compute_cost(
    schedule: Schedule, employer: Employer | None = None, *, data: Dataset | None = None
) -> Cost:
    """What the contract of `schedule` costs `employer` (default: `Employer()`, the CLI's
    defaults) and what the apprentice takes home, as `deis-pay cost --format json` gives it.
    The employer's options are read as the command line reads them:
    `Employer(atmp_rate_percent="2,1", health_cover=48, headcount="180")`. Raises `InputError`
    for what `cost` refuses; its `warnings` and `notes` are said in the current language."""
    from deis_pay.rules.cost import compute_cost as cost_of
    from deis_pay.rules.employer import Employer

    schedule = _schedule("schedule", schedule)
    employer = Employer() if employer is None else employer
    if not isinstance(employer, Employer):
        raise _not_a("employer", employer, "Employer")
    return spoken(cost_of(schedule, employer, data if data is not None else default_dataset()))


def net_pay(
    schedule: Schedule,
    signed: date | str | None = None,
    *,
    health_cover: Decimal | int | float | str = 0,
    health_employer_share_percent: Decimal | int | float | str = 50,
    data: Dataset | None = None,
) -> NetPay:
    """What the apprentice of `schedule` takes home each month, as `deis-pay schedule --net`:
    for a contract concluded on `signed` (default: its start), with the monthly premium of the
    mandatory health cover and the employer's share of it in % (`--health-cover`,
    `--health-employer-share`), each read as the command line reads it (`"48 €"`, `"2,5"`).
    Raises `InputError` for what `--net` refuses."""
    from deis_pay.rules.employer import Employer, health_shares
    from deis_pay.rules.net import net_pay as net_of

    schedule = _schedule("schedule", schedule)
    # Read and checked as `cost` reads them (the same defaults, the same messages): Employer
    # takes the text and numbers the command line takes (typed as the fields they become).
    options = Employer(
        health_cover=health_cover,  # type: ignore[arg-type]
        health_employer_share_percent=health_employer_share_percent,  # type: ignore[arg-type]
        signed=signed,  # type: ignore[arg-type]
    )
    concluded = options.signed if options.signed is not None else schedule.inputs.start
    data = data if data is not None else default_dataset()
    return net_of(schedule, concluded, data, health_shares(options))


def compare_scenarios(
    scenarios: Iterable[ScenarioSpec | ContractInputs | Schedule],
    *,
    employer: Employer | None = None,
    data: Dataset | None = None,
) -> Comparison:
    """Two or more scenarios side by side, as `deis-pay compare --format json`: each a
    `ScenarioSpec` (a contract, its signing date, its employer, a label), or a contract
    (`check_contract`'s inputs, or a schedule's) concluded at its start, with `employer`'s cost
    when one is given (`employer.signed` then sets the signing date). Raises `InputError` for
    fewer than two scenarios or what `cost` refuses for one; its `warnings`, `notes` and the
    default names of the scenarios are said in the current language."""
    from deis_pay.rules.compare import ScenarioSpec
    from deis_pay.rules.compare import compare_scenarios as compared
    from deis_pay.rules.employer import Employer

    if employer is not None and not isinstance(employer, Employer):
        raise _not_a("employer", employer, "Employer")
    if isinstance(scenarios, str | bytes) or not isinstance(scenarios, Iterable):
        raise _not_a("scenarios", scenarios, "scenarios")
    specs: list[ScenarioSpec] = []
    for scenario in scenarios:
        if isinstance(scenario, Schedule):
            scenario = scenario.inputs
        if isinstance(scenario, ContractInputs):
            signed = employer.signed if employer is not None else None
            scenario = ScenarioSpec(scenario, signed or scenario.start, employer)
        if not isinstance(scenario, ScenarioSpec):
            raise _not_a("scenarios", scenario, "scenarios")
        specs.append(scenario)
    return spoken(compared(specs, data if data is not None else default_dataset()))


def _schedule(field: str, value: object) -> Schedule:
    if not isinstance(value, Schedule):
        raise _not_a(field, value, "Schedule")
    return value


def _not_a(field: str, value: object, expected: str) -> TypeError:
    """A value of a type the entry point does not take (WrongType: a TypeError and an
    InputError naming the field and what it accepts)."""
    from deis_pay.core.values import WrongType

    return WrongType("wrong_type", field, kind=type(value).__name__, expected=expected)
