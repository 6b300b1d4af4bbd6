"""deis-pay: the minimum pay of a French apprenticeship contract, month by month.

>>> from datetime import date
>>> from deis_pay import compute_schedule
>>> compute_schedule(date(2005, 5, 10)).total_gross
Decimal('32391.62')

The public names below are imported when first used (PEP 562): `deis-pay --help` and every
command import this package first, and must not pay for the library's modules. The employer's
cost, the net pay and the comparison of scenarios are here too (`compute_cost`, `net_pay`,
`compare_scenarios`, with `Employer` and `ScenarioSpec`): docs/library.md.
"""

# The example's figure, checked by hand: the default contract runs from 01/09/2025 to
# 29/02/2028 under the legal grid (art. D6222-26); born on 10/05/2005, the apprentice is in
# the 18-20 bracket until the month after her 21st birthday (art. D6222-31: from 01/06/2026),
# then 21-25 (data/grids.toml: 43 % of the SMIC in contract year 1 at 18-20; 53 %, 61 %, 78 %
# in years 1, 2, 3 at 21-25). Monthly SMIC (data/smic.toml): 1 801,80 €, 1 823,03 € from
# 01/01/2026, 1 867,02 € from 01/06/2026; each month's minimum rounded up to the cent
# (core/money.py):
#   4 × 774,78 (43 % × 1 801,80 = 774,774)    =  3 099,12
#   5 × 783,91 (43 % × 1 823,03 = 783,9029)   =  3 919,55
#   3 × 989,53 (53 % × 1 867,02 = 989,5206)   =  2 968,59
#  12 × 1 138,89 (61 % × 1 867,02 = 1 138,8822) = 13 666,68
#   6 × 1 456,28 (78 % × 1 867,02 = 1 456,2756) =  8 737,68
#   total                                        = 32 391,62

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from deis_pay.version import __version__ as __version__

# Each public name and the module that defines it.
_PUBLIC = {
    "DataError": "deis_pay.core.errors",
    "Dataset": "deis_pay.data.records",
    "Employer": "deis_pay.rules.employer",
    "History": "deis_pay.rules.models",
    "InputError": "deis_pay.core.errors",
    "PaidMonth": "deis_pay.rules.check",
    "PayCheck": "deis_pay.rules.check",
    "Notice": "deis_pay.core.notices",
    "ScenarioSpec": "deis_pay.rules.compare",
    "Schedule": "deis_pay.rules.models",
    "check_contract": "deis_pay.rules.contract",
    "check_pay": "deis_pay.api",
    "compare_scenarios": "deis_pay.api",
    "compute_cost": "deis_pay.api",
    "compute_schedule": "deis_pay.api",
    "net_pay": "deis_pay.api",
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
    from deis_pay.api import compare_scenarios as compare_scenarios
    from deis_pay.api import compute_cost as compute_cost
    from deis_pay.api import compute_schedule as compute_schedule
    from deis_pay.api import net_pay as net_pay
    from deis_pay.core.errors import DataError as DataError
    from deis_pay.core.errors import InputError as InputError
    from deis_pay.core.notices import Notice as Notice
    from deis_pay.data.loader import load_dataset as load_dataset
    from deis_pay.data.records import Dataset as Dataset
    from deis_pay.rules.check import PaidMonth as PaidMonth
    from deis_pay.rules.check import PayCheck as PayCheck
    from deis_pay.rules.compare import ScenarioSpec as ScenarioSpec
    from deis_pay.rules.contract import check_contract as check_contract
    from deis_pay.rules.employer import Employer as Employer
    from deis_pay.rules.models import History as History
    from deis_pay.rules.models import Schedule as Schedule
    from deis_pay.rules.pay import schedule_for as schedule_for
