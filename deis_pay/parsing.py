"""Reading the values a user types (CLI options, batch cells) into dates, amounts and integers.

Each failure raises `InputError` naming the field and the value, so that the CLI and the batch
output give the same one-line message.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import InputError

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_AMOUNT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_date(field: str, text: str) -> date:
    """`2005-05-10` (ISO) or `10/05/2005` (JJ/MM/AAAA)."""
    value = text.strip()
    if not value:
        raise InputError(f"{field} : valeur vide, une date est attendue (2005-05-10 ou 10/05/2005)")
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _FRENCH.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise InputError(
            f"{field} : « {value} » n'est pas une date (attendu 2005-05-10 ou 10/05/2005)"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{field} : « {value} » n'existe pas dans le calendrier") from None


def parse_amount(field: str, text: str) -> Decimal:
    """A positive amount in euros: `2100`, `2100.50` or `2100,50`."""
    value = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not value:
        raise InputError(f"{field} : valeur vide, un montant en euros est attendu (2100,50)")
    if not _AMOUNT.fullmatch(value):
        raise InputError(f"{field} : « {text.strip()} » n'est pas un montant (attendu 2100,50)")
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        raise InputError(f"{field} : « {text.strip()} » n'est pas un montant") from None
    if amount <= 0:
        raise InputError(f"{field} : {text.strip()} €, un montant strictement positif est attendu")
    return amount


def parse_int(field: str, text: str, choices: str = "un nombre entier") -> int:
    value = text.strip()
    if not re.fullmatch(r"[+-]?\d+", value):
        shown = value or "valeur vide"
        raise InputError(f"{field} : « {shown} » n'est pas {choices}")
    return int(value)


def parse_choice(field: str, text: str, choices: tuple[str, ...]) -> str:
    value = text.strip().lower()
    if value not in choices:
        raise InputError(f"{field} : « {text.strip()} » inconnu, choisir {' ou '.join(choices)}")
    return value
