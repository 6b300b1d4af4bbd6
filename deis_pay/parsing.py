"""Reading the values a user types (CLI options, batch cells) into dates, amounts and integers.

Each failure raises `InputError` naming the field and the value, so that the CLI and the batch
output give the same one-line message.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from .errors import InputError
from .i18n import either, tr

if TYPE_CHECKING:
    from .data import Dataset
    from .employer import Employer
    from .models import ContractInputs

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_AMOUNT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_date(field: str, text: str) -> date:
    """`2005-05-10` (ISO) or `10/05/2005` (JJ/MM/AAAA)."""
    value = text.strip()
    if not value:
        raise InputError(
            tr(
                "{field} : valeur vide, une date est attendue (2005-05-10 ou 10/05/2005)",
                field=field,
            )
        )
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _FRENCH.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise InputError(
            tr(
                "{field} : « {value} » n'est pas une date (attendu 2005-05-10 ou 10/05/2005)",
                field=field,
                value=value,
            )
        )
    try:
        return date(year, month, day)
    except ValueError:
        message = tr(
            "{field} : « {value} » n'existe pas dans le calendrier", field=field, value=value
        )
        raise InputError(message) from None


def parse_amount(field: str, text: str) -> Decimal:
    """A positive amount in euros: `2100`, `2100.50` or `2100,50`."""
    value = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not value:
        raise InputError(
            tr("{field} : valeur vide, un montant en euros est attendu (2100,50)", field=field)
        )
    if not _AMOUNT.fullmatch(value):
        raise InputError(
            tr(
                "{field} : « {value} » n'est pas un montant (attendu 2100,50)",
                field=field,
                value=text.strip(),
            )
        )
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        message = tr("{field} : « {value} » n'est pas un montant", field=field, value=text)
        raise InputError(message) from None
    if amount <= 0:
        raise InputError(
            tr(
                "{field} : {value} €, un montant strictement positif est attendu",
                field=field,
                value=text.strip(),
            )
        )
    return amount


def parse_percent(field: str, text: str) -> Decimal:
    """A rate in percent between 0 and 100: `2.08`, `2,08` or `2,08 %`."""
    value = text.strip().rstrip("%").strip().replace(",", ".")
    if not _AMOUNT.fullmatch(value):
        raise InputError(
            tr(
                "{field} : « {value} » n'est pas un taux en % (attendu 2,08)",
                field=field,
                value=text.strip(),
            )
        )
    rate = Decimal(value)
    if not 0 <= rate <= 100:
        raise InputError(
            tr(
                "{field} : {value} %, un taux entre 0 et 100 est attendu",
                field=field,
                value=text.strip(),
            )
        )
    return rate


def parse_zero_or_amount(field: str, text: str) -> Decimal:
    """An amount in euros that may be 0 (`--health-cover 0`)."""
    value = text.strip()
    if _AMOUNT.fullmatch(value) and Decimal(value.replace(",", ".")) == 0:
        return Decimal(0)
    return parse_amount(field, text)


def parse_int(field: str, text: str, expected: str) -> int:
    """An integer; `expected` says what in the message ("un nombre de mois", already in the
    current language)."""
    value = text.strip()
    if not re.fullmatch(r"[+-]?\d+", value):
        shown = value or tr("valeur vide")
        raise InputError(
            tr(
                "{field} : « {value} » n'est pas {expected}",
                field=field,
                value=shown,
                expected=expected,
            )
        )
    return int(value)


def parse_choice(field: str, text: str, choices: tuple[str, ...]) -> str:
    value = text.strip().lower()
    if value not in choices:
        raise InputError(
            tr(
                "{field} : « {value} » inconnu, choisir {choices}",
                field=field,
                value=text.strip(),
                choices=either(choices),
            )
        )
    return value


def contract_from_text(
    data: Dataset,
    birth: str,
    start: str | None = None,
    end: str | None = None,
    months: str | None = None,
    grid: str | None = None,
    smc: str | None = None,
    territory: str | None = None,
    cycle_start_year: str | None = None,
) -> ContractInputs:
    """A contract from the text a user typed (CLI options or batch cells); None = default.

    The CLI and the batch command both go through here, so that the same input gets the same
    message, named after the CLI option.
    """
    from .schedule import GRIDS, TERRITORIES, check_contract

    return check_contract(
        parse_date("--birth", birth),
        parse_date("--start", start) if start is not None else None,
        parse_date("--end", end) if end is not None else None,
        months=parse_int("--months", months, tr("un nombre de mois"))
        if months is not None
        else None,
        grid=parse_choice("--grid", grid, GRIDS) if grid is not None else "general",
        smc=parse_amount("--smc", smc) if smc is not None else None,
        territory=(
            parse_choice("--territory", territory, TERRITORIES)
            if territory is not None
            else "metropole"
        ),
        cycle_start_year=(
            parse_int("--cycle-start-year", cycle_start_year, tr("1, 2 ou 3"))
            if cycle_start_year is not None
            else 1
        ),
        data=data,
    )


def employer_from_text(
    data: Dataset,
    kind: str,
    headcount: str,
    atmp_rate: str | None,
    mobility_rate: str,
    health_cover: str,
    health_employer_share: str,
    work_study_share: str,
    diploma_level: str | None,
    rqth: bool,
    signed: date,
) -> Employer:
    """The employer options of `deis-pay cost`, checked; None = default."""
    from .employer import EMPLOYER_KINDS, Employer

    count = parse_int("--headcount", headcount, tr("un nombre de salariés"))
    if count < 0:
        raise InputError(
            tr("--headcount : {count}, un effectif de 0 ou plus est attendu", count=count)
        )
    level = (
        parse_int("--diploma-level", diploma_level, tr("un niveau de diplôme (3 à 8)"))
        if diploma_level is not None
        else data.programme.level
    )
    if not 3 <= level <= 8:
        raise InputError(
            tr("--diploma-level : {level}, un niveau de 3 à 8 est attendu", level=level)
        )
    share = parse_percent("--health-employer-share", health_employer_share)
    premium = parse_zero_or_amount("--health-cover", health_cover)
    if premium > 0 and share < 50:
        raise InputError(
            tr(
                "--health-employer-share : {share} %, l'employeur paie au moins 50 % de la "
                "complémentaire santé (art. L911-7 CSS)",
                share=health_employer_share.strip(),
            )
        )
    return Employer(
        kind=parse_choice("--employer", kind, EMPLOYER_KINDS),  # type: ignore[arg-type]
        headcount=count,
        atmp_rate_percent=parse_percent("--atmp-rate", atmp_rate)
        if atmp_rate is not None
        else None,
        mobility_rate_percent=parse_percent("--mobility-rate", mobility_rate),
        health_cover=premium,
        health_employer_share_percent=share,
        work_study_share_percent=parse_percent("--work-study-share", work_study_share),
        diploma_level=level,
        rqth=rqth,
        signed=signed,
    )
