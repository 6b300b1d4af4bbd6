"""The language of the human texts: French by default, English on request.

Every sentence a person reads goes through `tr(template, **values)` (the core's notices and
errors through messages.py, which calls it), whose template is the
French text itself; the English catalogue (`english.py`, read only when English is chosen) maps
it to its translation. JSON and CSV keys never change. Numbers inside sentences are written by
`num()` (a decimal comma in French); the tables format money with Babel (present/views.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

LANGUAGES = ("fr", "en")
_language = "fr"
_catalogue: Mapping[str, str] = {}


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """English when the locale asks for it (LC_ALL, LC_MESSAGES or LANG = en…), else French."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def set_language(language: str) -> None:
    global _language, _catalogue
    if language == _language:
        return
    _language = language
    if language == "en":
        from deis_pay.i18n.english import ENGLISH

        _catalogue = ENGLISH
    else:
        _catalogue = {}


def language() -> str:
    return _language


def tr(template: str, **values: object) -> str:
    """The sentence in the current language, with its values put in."""
    text = _catalogue.get(template, template)
    return text.format(**values) if values else text


def again(text: str) -> str:
    """A text translated when the CLI was read (its help, in the language of the environment)
    said in the language chosen since (`--lang`): English from its French, or back."""
    from deis_pay.i18n.english import ENGLISH, FRENCH

    if _language == "en":
        return ENGLISH.get(text, text)
    return FRENCH.get(text, text)


def num(amount: Decimal) -> str:
    """A number inside a sentence, written as Babel writes it for fr_FR / en_GB (the tables'
    formatter, views.number), without importing Babel on the way of every error message:
    `1 234,5` (a narrow no-break space between thousands) in French, `1,234.5` in English."""
    text = format(amount, "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    groups.insert(0, whole)
    french = _language == "fr"
    joined = ("\u202f" if french else ",").join(groups)
    return sign + joined + ((("," if french else ".") + fraction) if dot else "")


def day(value: date) -> str:
    """Dates read JJ/MM/AAAA in both languages (the British order in English). (Formatted by
    hand: strftime costs a batch several µs a date, three dates a contract.)"""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def either(choices: Iterable[str]) -> str:
    """`a ou b`, `a, b ou c`."""
    *first, last = choices
    return f"{', '.join(first)}{tr(' ou ')}{last}" if first else last
