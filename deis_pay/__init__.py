"""deis-pay: the minimum pay of a French apprenticeship contract, month by month.

>>> from datetime import date
>>> from deis_pay import compute_schedule
>>> compute_schedule(date(2005, 5, 10)).total_gross
Decimal('32391.38')
"""

from .api import compute_schedule
from .data import Dataset, load_dataset
from .errors import DataError, InputError
from .models import History, Schedule
from .notices import Notice
from .schedule import check_contract, schedule_for
from .version import __version__

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
