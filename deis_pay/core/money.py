"""Exact money arithmetic: Decimal only, rounded to the cent where the rules say (docs/rules.md,
Amounts): a minimum pay is rounded up, the published SMIC and the contributions half up.
"""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_smic(hourly: Decimal) -> Decimal:
    """Official monthly SMIC: hourly × 35 h × 52 weeks / 12 months, rounded half up to the cent.

    (Not hourly × 151.67, which gives 1 823.07 instead of the published 1 823.03 for 12.02 €/h.)
    """
    return round_cents(hourly * 35 * 52 / 12)


def round_up_cents(amount: Decimal) -> Decimal:
    """A minimum is never below the exact amount: 774,774 € is owed as 774,78 € (the official
    Cerfa e-form rounds the same way, so amounts copied from `cerfa` pass its checks)."""
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def percent_of(rate_percent: Decimal, base: Decimal) -> Decimal:
    """A minimum monthly pay: rate % × base, rounded up to the cent."""
    return round_up_cents(rate_percent * base / HUNDRED)


def prorate(monthly: Decimal, days: int, month_days: int) -> Decimal:
    """Minimum pay of a segment shorter than its calendar month: monthly × days / days of the
    month, rounded up to the cent."""
    if days == month_days:
        return monthly
    return round_up_cents(monthly * days / month_days)
