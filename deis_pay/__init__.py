"""deis-pay: the minimum pay of a French apprenticeship contract, month by month.

>>> from datetime import date
>>> from deis_pay import compute_schedule
>>> compute_schedule(date(2005, 5, 10)).total_gross
Decimal('32391.38')
"""

from deis_pay.api import compute_schedule
from deis_pay.core.errors import DataError, InputError
from deis_pay.core.notices import Notice
from deis_pay.data.loader import load_dataset
from deis_pay.data.records import Dataset
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import History, Schedule
from deis_pay.rules.pay import schedule_for
from deis_pay.version import __version__

__all__ = [
    "DataError",
    "Dataset",
    "History",
    "InputError",
    "Notice",
    "Schedule",
    "__version__",
    "check_contract",
    "compute_schedule",
    "load_dataset",
    "schedule_for",
]
