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
