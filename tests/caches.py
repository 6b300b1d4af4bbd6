"""Every cache shared between contracts, emptied: a test that compares a result computed after
others with the same result computed alone starts from here."""

from __future__ import annotations

from deis_pay import batch, schedule


def clear_caches() -> None:
    for cached in (schedule._pay, schedule._totals, schedule._licence_aid, schedule.birth_terms):
        cached.cache_clear()
    schedule._SHARED_TERMS.clear()
    batch._SHARED.clear()
    batch._SAID.clear()
    batch._FRAGMENTS.clear()
