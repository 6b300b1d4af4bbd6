"""Date arithmetic with the conventions of docs/rules.md (anniversaries, months, ages)."""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def is_leap(year: int) -> bool:
    """The Gregorian rule (`calendar.isleap`, without importing `calendar` at start-up)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def add_years(day: date, years: int) -> date:
    """The anniversary of `day` after `years` years.

    A 29 February falls on 28 February in a common year, for birthdays and contract
    anniversaries alike: without the same day, a period counted in years ends on the last day
    of the month (art. 641 of the Code de procédure civile), as `add_months` counts.
    """
    year = day.year + years
    if day.month == 2 and day.day == 29 and not is_leap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: date, months: int) -> date:
    """The same day `months` months later, or the last day of that month when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day <= 28:
        return date(year, month + 1, day.day)
    return date(year, month + 1, min(day.day, days_in_month(date(year, month + 1, 1))))


def end_after_months(start: date, months: int) -> date:
    """Last day of a contract of `months` months: the eve of the same day N months later."""
    return add_months(start, months) - ONE_DAY


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day` (a 29 February birthday counts on 28 February in common
    years)."""
    age = day.year - birth.year
    if add_years(birth, age) > day:
        age -= 1
    return age


def first_of_next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def last_of_month(day: date) -> date:
    return first_of_next_month(day) - ONE_DAY


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(day: date) -> int:
    # (calendar.monthrange also computes a weekday: this is on the hot path of a batch)
    if day.month == 2 and is_leap(day.year):
        return 29
    return _DAYS_IN_MONTH[day.month - 1]


def days_between(first: date, last: date) -> int:
    """Calendar days from `first` to `last`, both included."""
    return (last - first).days + 1
