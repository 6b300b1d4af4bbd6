"""Exact money arithmetic: Decimal only, rounded half up to the cent where the rules say (README,
Rules and conventions)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_smic(hourly: Decimal) -> Decimal:
    """Official monthly SMIC: hourly × 35 h × 52 weeks / 12 months, rounded half up to the cent.

    (Not hourly × 151.67, which gives 1 823.07 instead of the published 1 823.03 for 12.02 €/h.)
    """
    return round_cents(hourly * 35 * 52 / 12)


def percent_of(rate_percent: Decimal, base: Decimal) -> Decimal:
    return round_cents(rate_percent * base / HUNDRED)


def prorate(monthly: Decimal, days: int, month_days: int) -> Decimal:
    """Pay of a segment shorter than its calendar month: monthly × days / days of the month."""
    if days == month_days:
        return monthly
    return round_cents(monthly * days / month_days)
