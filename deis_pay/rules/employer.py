"""Employer contributions on an apprentice's pay, one month at a time (pure).

The perimeter is the URSSAF model's `salarié . cotisations . employeur` (modele-social): every
contribution and payroll levy the employer pays on the pay, health-cover share included, less
the general reduction — RGCP until 2025-12-31, RGDU from 2026-01-01 (décret 2025-887 as
amended by décret 2025-1446). Rates, thresholds and coefficients come from data/employer.toml.

Like the model, each figure is exact until the month's total is rounded to the cent. The
general reduction is computed on the month's pay against the SMIC of reference of the reduction
(the month's SMIC, or the one a text fixes for the year: in 2026 the SMIC of 01/01/2026, décret
2026-509; data/employer.toml `reduction_smic`), prorated by days for a month the contract
starts or ends in. The law computes it on the year to date, which gives the same coefficient
as long as it stays at its ceiling — under 1 SMIC, for the RGDU as for the RGCP; above, the
month's coefficient is the one of a year paid that month's pay throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from deis_pay.core.errors import InputError
from deis_pay.core.money import HUNDRED, monthly_smic, round_cents
from deis_pay.data.lookups import rates_on, reduction_on, reduction_smic_on
from deis_pay.data.records import JSON_KEYS, Dataset, GeneralReduction, ReductionSmic

EmployerKind = Literal["private", "association", "public"]
EMPLOYER_KINDS: tuple[EmployerKind, ...] = ("private", "association", "public")

# The components, in the order of the URSSAF model and of a French payslip.
COMPONENTS = (
    "sickness",
    "health_cover",
    "atmp",
    "old_age_capped",
    "old_age_uncapped",
    "agirc_arrco",
    "ceg",
    "family",
    "ags",
    "unemployment",
    "mobility",
    "fnal",
    "csa",
    "forfait_social",
    "apprenticeship_tax",
    "vocational_training",
    "construction_effort",
    "social_dialogue",
)

_COEFFICIENT = Decimal("0.0001")
_THIRTY = Decimal(30)


@dataclass(frozen=True, slots=True)
class Employer:
    """The employer options of `deis-pay cost` and the date the contract was concluded (the
    defaults: docs/views.md, "Employer cost"); written as the `employer` object of its JSON.

    The defaults are the CLI's. Built with a wrong value (a misspelt `kind`, a negative
    headcount, a share outside 0-100 %, a `signed` date that is not a date), it raises
    `InputError` naming the field, as the CLI would."""

    __pydantic_config__ = JSON_KEYS

    kind: EmployerKind = "private"
    headcount: int = 10
    atmp_rate_percent: Decimal | None = None  # None: the average rate of the year (data)
    mobility_rate_percent: Decimal = Decimal(0)
    health_cover: Decimal = Decimal(0)
    health_employer_share_percent: Decimal = Decimal(50)
    work_study_share_percent: Decimal = Decimal(0)
    diploma_level: int = 7  # the DEIS (data/programme.toml)
    rqth: bool = False
    signed: date | None = None  # None: the contract's start (set by compute_cost)
    # A contract in an overseas department or territory (art. L6522-4): the aide unique covers
    # diplomas up to level 5 there. The contributions are still mainland France's (a note).
    overseas: bool = False
    # Weeks at the employer in each contract year (`--employer-weeks 30,30`: 0 to 53, one per
    # contract year at most), for the cost per week in the company; None: the programme's
    # alternation on the programme's own contract, else no cost per week (rules/cost.py).
    employer_weeks: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        from deis_pay.core.values import (
            MAX_AMOUNT,
            as_amount,
            as_choice,
            as_date,
            as_flag,
            as_int,
            as_rate,
        )

        # What the command line takes, in Python's own types too (parsing.as_*): `headcount`
        # as 180 or "180", a rate as 2, 2.08, Decimal("2.08") or "2,08", an amount as 48, 48.5
        # or "48 €". A wrong value raises InputError naming the field; a type deis-pay does
        # not read, TypeError.
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        # `Association`, `privé`: read as the CLI reads them; `kind=3`, a WrongType.
        put("kind", as_choice("kind", self.kind, EMPLOYER_KINDS))
        put("headcount", as_int("headcount", self.headcount, "headcount"))
        put("diploma_level", as_int("diploma_level", self.diploma_level, "diploma_level"))
        _whole("headcount", self.headcount, 0, 10_000_000)
        _whole("diploma_level", self.diploma_level, 3, 8)
        for name in (
            "atmp_rate_percent",
            "mobility_rate_percent",
            "health_employer_share_percent",
            "work_study_share_percent",
        ):
            rate = getattr(self, name)
            if rate is not None:
                put(name, as_rate(name, rate))
        premium = as_amount("health_cover", self.health_cover)
        put("health_cover", premium)
        if premium < 0:
            raise InputError("amount_negative", "health_cover", value=str(premium))
        if premium > MAX_AMOUNT:
            raise InputError(
                "amount_too_large", "health_cover", value=str(premium), limit=MAX_AMOUNT
            )
        if premium > 0 and self.health_employer_share_percent < 50:
            # Art. L911-7 CSS: the employer pays at least half of the mandatory health cover.
            raise InputError(
                "health_employer_share_below_half",
                "health_employer_share_percent",
                share=self.health_employer_share_percent,
            )
        for flag in ("rqth", "overseas"):
            put(flag, as_flag(flag, getattr(self, flag)))
        if self.signed is not None:
            put("signed", as_date("signed", self.signed))
        if self.employer_weeks is not None:
            put("employer_weeks", weeks_of(self.employer_weeks))


# A year has 52 weeks and a day (53 weeks counted by the ISO calendar in some years).
MOST_WEEKS = 53


def weeks_of(value: object) -> tuple[int, ...]:
    """The weeks at the employer by contract year: `30,30` (or `30;30`, spaces allowed) as the
    command line and a batch cell give them, or a sequence of whole numbers; each 0 to 53."""
    from deis_pay.core.values import as_int

    if isinstance(value, str):
        parts: list[object] = [part.strip() for part in value.replace(";", ",").split(",")]
        if parts == [""]:
            raise InputError("employer_weeks_empty", "employer_weeks")
    elif isinstance(value, tuple | list):
        parts = list(value)
    else:
        parts = [value]  # a single year's weeks, as a number
    weeks = tuple(as_int("employer_weeks", part, "weeks") for part in parts)
    if not weeks:
        raise InputError("employer_weeks_empty", "employer_weeks")
    for count in weeks:
        _whole("employer_weeks", count, 0, MOST_WEEKS)
    return weeks


def _whole(field: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("not_an_integer", field, value=str(value), expected=field)
    if not low <= value <= high:
        raise InputError("integer_out_of_range", field, value=value, low=low, high=high)


@dataclass(frozen=True, slots=True)
class EmployerMonth:
    """One month: each component (exact), the reduction (exact), their rounded total."""

    components: dict[str, Decimal]
    coefficient: Decimal
    reduction: Decimal
    total: Decimal


def reduction_smic(record: ReductionSmic, smic_monthly: Decimal) -> Decimal:
    """The monthly SMIC of the general reduction (art. D241-7 CSS): the one `record` fixes, or
    else the month's."""
    return smic_monthly if record.hourly is None else monthly_smic(record.hourly)


def health_shares(employer: Employer) -> tuple[Decimal, Decimal]:
    """(employee share, employer share) of the monthly health-cover premium, to the cent."""
    share = employer.health_cover * employer.health_employer_share_percent / HUNDRED
    employer_share = share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return employer.health_cover - employer_share, employer_share


def coefficient(rule: GeneralReduction, headcount: int, gross: Decimal, smic: Decimal) -> Decimal:
    """The general reduction's coefficient for a month's gross pay and (prorated) SMIC."""
    if gross <= 0:
        return Decimal(0)
    return _coefficient(rule, headcount < 50, gross, smic)


def _coefficient(rule: GeneralReduction, under_50: bool, gross: Decimal, smic: Decimal) -> Decimal:
    t = rule.t_under_50 if under_50 else rule.t_50_plus
    if rule.kind == "rgcp":
        # Art. D241-7 CSS: T / 0.6 × (1.6 × SMIC / pay − 1), at most T.
        value = t / Decimal("0.6") * (Decimal("1.6") * smic / gross - 1)
        ceiling = t
    else:
        # RGDU (décret 2025-887): Tmin + Tdelta × (½ × (3 × SMIC / pay − 1)) ^ 1.75, at most
        # Tmin + Tdelta, nothing from 3 SMIC.
        assert rule.t_min is not None
        if gross >= 3 * smic:
            return Decimal(0)
        base = Decimal("0.5") * (3 * smic / gross - 1)
        value = rule.t_min + t * power_1_75(base)
        ceiling = rule.t_min + t
    rounded = value.quantize(_COEFFICIENT, rounding=ROUND_HALF_UP)
    return max(Decimal(0), min(ceiling, rounded))


def power_1_75(x: Decimal) -> Decimal:
    """x ** 1.75 as x × √x × √√x: Decimal's power of a fraction goes through its logarithm and
    exponential (about 100 µs), its square root is exact to the last digit (about 6 µs). The
    coefficient rounded to 4 decimals is the same (tests/test_cost.py compares them)."""
    root = x.sqrt()
    return x * root * root.sqrt()


def month_contributions(
    gross: Decimal,
    smic_monthly: Decimal,
    share_of_month: tuple[int, int],
    first_day: date,
    employer: Employer,
    data: Dataset,
) -> EmployerMonth:
    """Employer contributions on one month's gross pay (private employers and associations)."""
    days, month_days = share_of_month
    rates = rates_on(data, first_day)
    smic = smic_monthly * days / month_days
    # Art. R242-2 CSS: the ceiling of a month worked in part is prorated by calendar days / 30.
    ceiling = rates.social_security_ceiling
    if days < month_days:
        ceiling = min(ceiling, ceiling * days / _THIRTY)
    capped = min(gross, ceiling)
    n = employer.headcount
    _, health_employer = health_shares(employer)
    atmp = employer.atmp_rate_percent
    if atmp is None:
        atmp = rates.atmp_average

    def pct(rate: Decimal, base: Decimal = gross) -> Decimal:
        return base * rate / HUNDRED

    sickness = _reduced_or_full(
        rates.sickness, rates.sickness_reduced, rates.sickness_reduced_up_to_smic, gross, smic
    )
    family = _reduced_or_full(
        rates.family, rates.family_reduced, rates.family_reduced_up_to_smic, gross, smic
    )
    apprenticeship_tax = Decimal(0)
    # Art. L6241-1-1: no apprenticeship tax on apprentices' pay under 11 employees.
    liable = employer.kind != "association" or rates.associations_pay_apprenticeship_tax
    if n >= 11 and liable:
        apprenticeship_tax = pct(rates.apprenticeship_tax + rates.apprenticeship_tax_balance)
        if n >= 250:
            apprenticeship_tax += pct(_csa_supplement(employer, data))
    parts = {
        "sickness": pct(sickness),
        "health_cover": health_employer,
        "atmp": pct(atmp),
        "old_age_capped": pct(rates.old_age_capped, capped),
        "old_age_uncapped": pct(rates.old_age_uncapped),
        "agirc_arrco": pct(rates.agirc_arrco_band_1, capped),
        "ceg": pct(rates.ceg_band_1, capped),
        "family": pct(family),
        "ags": pct(rates.ags),
        "unemployment": pct(rates.unemployment),
        # Versement mobilité: employers of 11 or more, at the rate of the commune.
        "mobility": pct(employer.mobility_rate_percent) if n >= 11 else Decimal(0),
        "fnal": pct(rates.fnal_under_50, capped) if n < 50 else pct(rates.fnal_50_plus),
        "csa": pct(rates.csa),
        "forfait_social": (
            pct(rates.forfait_social_11_plus, health_employer) if n >= 11 else Decimal(0)
        ),
        "apprenticeship_tax": apprenticeship_tax,
        # Art. L6331-1: apprentices' pay is exempt under 11 employees.
        "vocational_training": pct(rates.vocational_training_11_plus) if n >= 11 else Decimal(0),
        "construction_effort": pct(rates.construction_effort_50_plus) if n >= 50 else Decimal(0),
        "social_dialogue": pct(rates.social_dialogue),
    }
    # The coefficient and its 3-SMIC threshold use the reduction's own SMIC (décret 2026-509:
    # the SMIC of 01/01/2026 for all of 2026), prorated as the month's is.
    reference = reduction_smic(reduction_smic_on(data, first_day), smic_monthly)
    coef = coefficient(reduction_on(data, first_day), n, gross, reference * days / month_days)
    reduction = coef * gross
    total = sum(parts.values(), Decimal(0)) - reduction
    return EmployerMonth(
        parts, coef, reduction, total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    )


def _reduced_or_full(
    full: Decimal, reduced: Decimal | None, up_to: Decimal | None, gross: Decimal, smic: Decimal
) -> Decimal:
    if reduced is None or up_to is None or gross > up_to * smic:
        return full
    return reduced


def _csa_supplement(employer: Employer, data: Dataset) -> Decimal:
    for band in data.employer.csa_supplement:
        if employer.work_study_share_percent < band.share_below:
            if employer.headcount >= 2000 and band.rate_2000_plus is not None:
                return band.rate_2000_plus
            return band.rate
    return Decimal(0)


def check_employer(employer: Employer, data: Dataset) -> None:
    """Refuse what the computation cannot honour, before any month is computed."""
    rates = data.employer.rates[-1]
    _, employer_share = health_shares(employer)
    # Art. L242-1 and D242-1 CSS: the employer's share of health cover is outside the base up to
    # 6 % of the PMSS + 1.5 % of pay; deis-pay keeps to the part always outside (6 % of the PMSS).
    limit = rates.social_security_ceiling * 6 / HUNDRED
    if employer_share > limit:
        raise InputError(
            "health_cover_share_too_high",
            "health_cover",
            amount=employer_share,
            limit=round_cents(limit),
        )
