"""deis-pay: the minimum pay of a French apprenticeship contract, month by month.

>>> from datetime import date
>>> from deis_pay import compute_schedule
>>> compute_schedule(date(2005, 5, 10)).total_gross
Decimal('32391.62')

The public names below are imported when first used (PEP 562): `deis-pay --help` and every
command import this package first, and must not pay for the library's modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from deis_pay.version import __version__ as __version__

# Each public name and the module that defines it.
_PUBLIC = {
    "DataError": "deis_pay.core.errors",
    "Dataset": "deis_pay.data.records",
    "History": "deis_pay.rules.models",
    "InputError": "deis_pay.core.errors",
    "PaidMonth": "deis_pay.rules.check",
    "PayCheck": "deis_pay.rules.check",
    "Notice": "deis_pay.core.notices",
    "Schedule": "deis_pay.rules.models",
    "check_contract": "deis_pay.rules.contract",
    "check_pay": "deis_pay.api",
    "compute_schedule": "deis_pay.api",
    "load_dataset": "deis_pay.data.loader",
    "schedule_for": "deis_pay.rules.pay",
}

__all__ = sorted([*_PUBLIC, "__version__"])


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'deis_pay' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # (found directly from now on)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


if TYPE_CHECKING:
    from deis_pay.api import check_pay as check_pay
    from deis_pay.api import compute_schedule as compute_schedule
    from deis_pay.core.errors import DataError as DataError
    from deis_pay.core.errors import InputError as InputError
    from deis_pay.core.notices import Notice as Notice
    from deis_pay.data.loader import load_dataset as load_dataset
    from deis_pay.data.records import Dataset as Dataset
    from deis_pay.rules.check import PaidMonth as PaidMonth
    from deis_pay.rules.check import PayCheck as PayCheck
    from deis_pay.rules.contract import check_contract as check_contract
    from deis_pay.rules.models import History as History
    from deis_pay.rules.models import Schedule as Schedule
    from deis_pay.rules.pay import schedule_for as schedule_for
