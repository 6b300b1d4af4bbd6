"""The library's entry point: the core's result, said in the current language.

The core (schedule.py) returns notices as values and no sentence; a library caller expects a
schedule whose `warnings` and aid reasons read as the CLI prints them, so this edge says them
(messages.py), like the CLI and the batch do.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from deis_pay.data.loader import default_dataset
from deis_pay.data.records import Dataset
from deis_pay.i18n.messages import spoken
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import History, Schedule
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
