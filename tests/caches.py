"""Every cache shared between contracts, emptied: a test that compares a result computed after
others with the same result computed alone starts from here."""

from __future__ import annotations

from deis_pay.batch import lines as batch
from deis_pay.rules import contract, cost, net
from deis_pay.rules import pay as schedule


def clear_caches() -> None:
    for cached in (
        schedule._pay,
        schedule._totals,
        schedule._licence_aid,
        schedule._aid_of,
        schedule.birth_terms,
        schedule._age_terms,
        schedule._projection_notice,
        schedule.month_runs,
        schedule._anniversaries,
        schedule._grids_on,
        schedule._year_bounds,
        contract._duration_ends,
        schedule._last_checked_month_end,
        net.record_days,
        cost.tax_exempt_limit,
        cost._aid_months,
    ):
        cached.cache_clear()
    schedule._SHARED_TERMS.clear()
    cost._MONTH_FIGURES.clear()
    batch._SHARED.clear()
    batch._SAID.clear()
    batch._PAY_WRITTEN.clear()
    batch._AIDS_TEXTS.clear()
    batch._AIDS_BY_ID.clear()
    batch._NOTICES_TEXTS.clear()
    batch._NET_TEXTS.clear()
    batch._COST_TEXTS.clear()
    batch._COST_TAILS.clear()
    batch._employer.cache_clear()
