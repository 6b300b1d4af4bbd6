"""The library's entry points: the rules' results, said in the current language.

The rules return notices as values and no sentence; a library caller expects a schedule (or a
check of pay) whose `warnings` and aid reasons read as the CLI prints them, so this edge says
them (i18n/messages.py), like the CLI and the batch do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from deis_pay.core.values import as_amount, as_date
from deis_pay.data.loader import default_dataset
from deis_pay.data.records import Dataset
from deis_pay.i18n.messages import spoken
from deis_pay.rules.check import PaidMonth, PayCheck
from deis_pay.rules.check import check_pay as pay_check
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import ContractInputs, History, Schedule
from deis_pay.rules.pay import schedule_for


def compute_schedule(
    birth_date: date | str,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    months: int | str | None = None,
    grid: str = "general",
    smc: Decimal | int | float | str | None = None,
    territory: str = "metropole",
    cycle_start_year: int | str = 1,
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
    to the caller and gives the `notices` only.
    """
    data = data if data is not None else default_dataset()
    inputs = check_contract(
        birth_date,
        start,
        end,
        months=months,
        grid=grid,
        smc=smc,
        territory=territory,
        cycle_start_year=cycle_start_year,
        history=history,
        data=data,
    )
    return spoken(schedule_for(inputs, data))


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
