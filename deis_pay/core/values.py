"""Reading the values a user types (CLI options, batch cells) into dates, amounts and integers.

Each failure raises `InputError` with a code and the field (`birth_date`, `smc`…), so that the
CLI (which names its options) and the batch output (which names its columns) give the same
message. Every number is bounded here, before any conversion or arithmetic: a value of 5 000
digits or a date in year 9999 is refused with a message, never met by the computation.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TypeVar

from deis_pay.core.errors import InputError

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# 10/05/2005, and as people also type it: 10.05.2005, 10-05-2005 (one separator throughout).
_FRENCH = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
# 10/05/05: a year of two digits is refused, never guessed as 0005 or 2005 in silence.
_SHORT_YEAR = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2})")
# At most 9 digits before the decimal mark: bounded before Decimal() ever sees the text.
_AMOUNT = re.compile(r"[+-]?(\d{1,9}([.,]\d*)?|[.,]\d+)")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
# A count written with spaces of thousands (`1 500`, also no-break, narrow no-break or thin):
# only whole groups of three, so that `3 0` is not read as 30.
_GROUPED = re.compile(r"\d{1,3}([ \u00a0\u202f\u2009]\d{3})+")

# Dates outside these years are typing mistakes, whatever the field (the contract's own
# bounds, from the data, are checked by check_contract).
FIRST_YEAR, LAST_YEAR = 1900, 2100
# No amount deis-pay takes (SMC, health-cover premium) comes near a million euros a month.
MAX_AMOUNT = Decimal("999999.99")
MAX_INT_DIGITS = 9
# Rates in percent are published with at most 4 decimals (AT/MP notifications: 2 or 3).
MAX_RATE_DECIMALS = 4


def parse_date(field: str, text: str) -> date:
    """`2005-05-10` (ISO) or `10/05/2005` (JJ/MM/AAAA, also `10.05.2005` and `10-05-2005`),
    years 1900 to 2100; `10/05/05` is refused with the four-digit year as a hint."""
    # A batch reads millions: the usual ISO date of a program, read in C.
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:
            read = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            if FIRST_YEAR <= read.year <= LAST_YEAR:
                return read
    value = text.strip()
    if not value:
        raise InputError("empty_date", field)
    iso = bool(match := _ISO.fullmatch(value))
    if match:
        year, month, day = map(int, match.groups())
    elif match := _FRENCH.fullmatch(value):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _SHORT_YEAR.fullmatch(value):
        # The hint follows POSIX's reading of %y (00-68: 2000s, 69-99: 1900s): a birth year
        # 98 is 1998, a contract year 25 is 2025. A hint only: the user writes the year.
        short = int(match[4])
        century = 2000 if short < 69 else 1900
        suggested = f"{int(match[1]):02d}/{int(match[3]):02d}/{century + short}"
        raise InputError("two_digit_year", field, value=value, suggested=suggested)
    else:
        raise InputError("not_a_date", field, value=_shown(value))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("date_out_of_range", field, value=value, first=FIRST_YEAR, last=LAST_YEAR)
    try:
        return date(year, month, day)
    except ValueError:
        pass
    # 05/14/2003, the American order (MM/DD/YYYY): no month 14, but the 14th of May exists.
    if not iso and month > 12 and 1 <= day <= 12 and month <= _days_in(year, day):
        swapped = f"{month:02d}/{day:02d}/{year}"
        raise InputError("month_day_swapped", field, value=value, month=month, swapped=swapped)
    raise InputError("no_such_day", field, value=value)


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def parse_amount(field: str, text: str) -> Decimal:
    """A positive amount in euros: `2100`, `2100.50` or `2100,50`; two decimals at most."""
    amount = _amount(field, text)
    if amount <= 0:
        raise InputError("amount_not_positive", field, value=text.strip())
    return amount


def parse_zero_or_amount(field: str, text: str) -> Decimal:
    """An amount in euros that may be 0 (`--health-cover 0`)."""
    amount = _amount(field, text)
    if amount < 0:
        raise InputError("amount_negative", field, value=text.strip())
    return amount


_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")  # (thousands, as people type them)


def _amount(field: str, text: str) -> Decimal:
    # `2100,50`, `2 100,50`, `1 500`, `48€`, `48 €`, `48 EUR`: the euro sign and the spaces of
    # thousands (space, no-break, narrow no-break, thin) as people type them.
    value = text.strip()
    for unit in ("€", "EUR", "eur", "Eur"):
        value = value.removesuffix(unit)
    value = value.translate(_SPACES)
    if not value:
        raise InputError("empty_amount", field)
    if not _AMOUNT.fullmatch(value):
        if _NUMBER.fullmatch(value):
            raise InputError("amount_too_large", field, value=_shown(value), limit=MAX_AMOUNT)
        raise InputError("not_an_amount", field, value=_shown(text.strip()))
    amount = Decimal(value.replace(",", "."))
    if abs(amount) > MAX_AMOUNT:
        raise InputError("amount_too_large", field, value=_shown(value), limit=MAX_AMOUNT)
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InputError("too_many_decimals", field, value=_shown(value))
    return amount


def parse_percent(field: str, text: str) -> Decimal:
    """A rate in percent between 0 and 100: `2.08`, `2,08` or `2,08 %`."""
    value = text.strip().rstrip("%").strip().replace(",", ".")
    if not _NUMBER.fullmatch(value) or len(value) > 20:
        raise InputError("not_a_rate", field, value=_shown(text.strip()))
    rate = Decimal(value)
    if not 0 <= rate <= 100:
        raise InputError("rate_out_of_range", field, value=_shown(text.strip()))
    if rate.as_tuple().exponent < -MAX_RATE_DECIMALS:  # type: ignore[operator]
        raise InputError(
            "rate_too_many_decimals", field, value=_shown(text.strip()), decimals=MAX_RATE_DECIMALS
        )
    return rate


def parse_int(field: str, text: str, expected: str = "integer") -> int:
    """An integer of at most 9 digits (checked on the text, before any conversion); `expected`
    is the code of what is wanted (`months`, `headcount`…), for the message."""
    value = text.strip()
    if _GROUPED.fullmatch(value):  # `1 500` as people write it: groups of three digits only
        value = value.translate(_SPACES)
    if not _INTEGER.fullmatch(value):
        raise InputError("not_an_integer", field, value=_shown(value), expected=expected)
    if len(value.lstrip("+-")) > MAX_INT_DIGITS:
        raise InputError("integer_too_large", field, value=_shown(value), expected=expected)
    return int(value)


# --- values a library caller passes: what the command line takes, in Python's own types too.
# Each raises InputError (the value is of a right kind but wrong) or WrongType, a TypeError (a
# kind deis-pay does not read) that is an InputError too, both naming the field; their str()
# is a sentence.


def as_date(field: str, value: object) -> date:
    """A `date`, the date part of a `datetime` (naive or aware: its own calendar day), or text
    read as the command line reads it."""
    from datetime import datetime

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(field, value)
    raise _wrong_type(field, value, "date")


def as_int(field: str, value: object, expected: str = "integer") -> int:
    """An `int` of at most 9 digits (not a bool, not a float: 2.0 is refused, a count is
    written whole), or its text."""
    if isinstance(value, str):
        return parse_int(field, value, expected)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, bool | float | Decimal):
            raise InputError("not_an_integer", field, value=_shown_value(value), expected=expected)
        raise _wrong_type(field, value, "int_or_text")
    if abs(value) >= 10**MAX_INT_DIGITS:  # (compared, never written: str() of 10**5000 fails)
        raise InputError("integer_too_large", field, value=_shown_value(value), expected=expected)
    return value


def as_amount(field: str, value: object) -> Decimal:
    """An amount in euros as a `Decimal`, an `int`, a `float` (read through its shortest
    representation: 2100.5 is 2100.50 €, never 2100.4999…) or text as the command line takes
    it (`2100,50`, `1 500`, `48 €`)."""
    if isinstance(value, str):
        return _amount(field, value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _wrong_type(field, value, "amount")
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite():
        raise InputError("not_an_amount", field, value=_shown_value(value))
    if abs(amount) > MAX_AMOUNT:
        raise InputError("amount_too_large", field, value=_shown_value(value), limit=MAX_AMOUNT)
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InputError("too_many_decimals", field, value=_shown_value(value))
    return amount


def as_rate(field: str, value: object) -> Decimal:
    """A rate in percent between 0 and 100: a number (float through its shortest
    representation) or text (`2,08`, `2,08 %`)."""
    if isinstance(value, str):
        return parse_percent(field, value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _wrong_type(field, value, "rate")
    rate = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not (rate.is_finite() and 0 <= rate <= 100):
        raise InputError("rate_out_of_range", field, value=_shown_value(value))
    if rate.as_tuple().exponent < -MAX_RATE_DECIMALS:  # type: ignore[operator]
        raise InputError("rate_too_many_decimals", field, value=_shown_value(value),
                         decimals=MAX_RATE_DECIMALS)  # fmt: skip
    return rate


def as_number(field: str, value: object) -> Decimal:
    """A number (a percentage of the SMIC: `72.5`), its range left to the rule that uses it."""
    if isinstance(value, str):
        return parse_number(field, value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _wrong_type(field, value, "number")
    if isinstance(value, int) and abs(value) >= 10**MAX_INT_DIGITS:
        raise InputError("not_a_rate", field, value=_shown_value(value))
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def as_flag(field: str, value: object) -> bool:
    """True or False, or their text (`oui`, `non`, `true`…)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return parse_flag(field, value)
    raise _wrong_type(field, value, "flag")


def shown(value: object) -> str:
    """Any value a library caller passed, quoted back in a message: text as it is, anything
    else as Python writes it, cut to a readable length (`_shown_value` for numbers)."""
    if isinstance(value, str):
        return _shown(value)
    if isinstance(value, int | float | Decimal):
        return _shown_value(value)
    try:
        return _shown(repr(value))
    except Exception:  # a repr that fails (an object's own __repr__): its type will do
        return type(value).__name__


def _shown_value(value: object) -> str:
    """A number quoted back: an integer of more than 40 digits as its power of ten (str() of
    a 5 000-digit integer fails in Python ≥ 3.11, and no one reads it)."""
    if isinstance(value, int) and abs(value) >= 10**40:
        return f"~10^{int(value.bit_length() * 0.30103)}"
    return _shown(str(value))


class WrongType(InputError, TypeError):
    """A value of a type deis-pay does not read (a list for an amount, an int for a date): a
    `TypeError` to the caller's code, and an `InputError` (code `wrong_type`: field, the type
    given, what is accepted) whose str() is one sentence, like every other."""


def _wrong_type(field: str, value: object, expected: str) -> WrongType:
    """`expected`: the code of what the field accepts (i18n/messages.py's EXPECTED)."""
    return WrongType("wrong_type", field, kind=type(value).__name__, expected=expected)


def as_choice(field: str, value: object, choices: tuple[Choice, ...]) -> Choice:
    """A choice a library caller passes: text read as `parse_choice` reads it; any other type
    (`grid=3`) is a `WrongType`."""
    if not isinstance(value, str):
        raise _wrong_type(field, value, "choice")
    return parse_choice(field, value, choices)


# Other ways users write a choice (any case, with or without accents): an HR export writes
# "Légale" or "Branche", a French user "métropole".
VALUE_ALIASES = {
    "legale": "general",
    "legal": "general",
    "loi": "general",
    "generale": "general",
    "branche": "sssms",
    "examen": "exam",
    "prive": "private",
    "privee": "private",
    "publique": "public",
    "utf8": "utf-8",
    "windows_1252": "cp1252",
    "windows1252": "cp1252",
    "latin1": "latin-1",
    "latin_1": "latin-1",
    "iso_8859_1": "latin-1",
}


Choice = TypeVar("Choice", bound=str)


def parse_choice(field: str, text: str, choices: tuple[Choice, ...]) -> Choice:
    """The one of `choices` that `text` names, in any case, with or without accents, or by one
    of VALUE_ALIASES. Typed as the choices are: from `GRIDS: tuple[GridId, ...]`, a `GridId`
    (the `Literal` of the grids), so that the rules get the type they declare."""
    value = text.strip().lower()
    if value not in choices:
        plain = _plain(value)
        value = plain if plain in choices else VALUE_ALIASES.get(plain.replace("-", "_"), plain)
    for choice in choices:
        if choice == value:
            return choice
    raise InputError("unknown_choice", field, value=_shown(text.strip()), choices=choices)


def _plain(text: str) -> str:
    """`Métropole` → `metropole`: no case, no accents. Only the accents go: any other
    character stays, so that `e\u2028n` is not `en`."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _shown(value: str) -> str:
    """A value quoted back to the user, cut to a readable length (a 5 000-digit number or a
    1 MB cell is not repeated whole in a one-line message)."""
    return value if len(value) <= 40 else value[:37] + "…"


_YES = ("true", "oui", "1", "yes", "vrai")
_NO = ("false", "non", "0", "no", "faux")


def parse_flag(field: str, text: str) -> bool:
    """A yes/no cell: `true`/`false`, `oui`/`non`, `1`/`0`."""
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InputError("not_a_flag", field, value=_shown(text.strip()))


def parse_number(field: str, text: str) -> Decimal:
    """A number as typed (`72,5`), its range left to the rule that uses it."""
    value = text.strip().rstrip("%").strip().replace(",", ".")
    if not _NUMBER.fullmatch(value) or len(value) > 20:
        raise InputError("not_a_rate", field, value=_shown(text.strip()))
    return Decimal(value)
