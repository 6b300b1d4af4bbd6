"""Machine output: JSON and CSV writers (standard library only, no rich).

Amounts leave as JSON numbers written from their exact decimal form (`774.77`, never a binary
float), dates as ISO 8601 strings, keys as the models' field names or aliases.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring as _c_quote  # the C string quoting of json
from typing import TYPE_CHECKING, Any

from deis_pay.data.records import key_of
from deis_pay.rules.models import Month, Schedule

if TYPE_CHECKING:
    from deis_pay.rules.check import PayCheck
    from deis_pay.rules.compare import Comparison
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.net import NetPay


# Line breaks that JSON leaves raw in a string but that Python's str.splitlines (and some
# JavaScript parsers) take for the end of a line: NEL, and the Unicode line and paragraph
# separators. Written escaped, so that a JSON-lines record stays one line for every reader.
_RAW_BREAKS = re.compile("[\x85\u2028\u2029]")


def quote(text: str) -> str:
    """A JSON string: the C quoting of json, with NEL, U+2028 and U+2029 escaped too."""
    quoted = _c_quote(text)
    if text.isascii() or not _RAW_BREAKS.search(quoted):
        return quoted
    return _RAW_BREAKS.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def to_plain(value: Any) -> Any:
    """Result dataclasses → dicts (`from_` → `from`), tuples → lists; dates and Decimals kept."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            key_of(field.name): to_plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_plain(item) for key, item in value.items()}
    return value


def json_number(amount: Decimal) -> str:
    """The amount in plain notation, as many decimals as it has (`format(amount, "f")`)."""
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {amount}")
    # str() writes the same, 3 times faster, but for a positive exponent or a very small
    # amount, which it writes in scientific notation (1E+2): a batch writes millions.
    text = str(amount)
    return text if "E" not in text else format(amount, "f")


def _encode(value: Any, indent: str, step: str) -> Iterator[str]:
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        inner = indent + step
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + "\n" + inner + quote(key) + ": "
            yield from _encode(item, inner, step)
        yield "\n" + indent + "}"
    elif isinstance(value, list):
        if not value:
            yield "[]"
            return
        inner = indent + step
        yield "["
        for i, item in enumerate(value):
            yield ("," if i else "") + "\n" + inner
            yield from _encode(item, inner, step)
        yield "\n" + indent + "]"
    elif isinstance(value, Decimal):
        yield json_number(value)
    elif isinstance(value, date):
        yield '"' + value.isoformat() + '"'
    elif isinstance(value, str):
        yield quote(value)
    elif value is None or isinstance(value, bool | int):
        yield json.dumps(value)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text of models, dicts, lists, Decimals (as numbers) and dates (as ISO strings)."""
    return "".join(_encode(to_plain(value), "", " " * indent)) + "\n"


# Field names and quoted JSON keys per result class, computed once (a batch writes millions).
_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _keys_of(cls: type) -> tuple[tuple[str, str], ...]:
    keys = _KEYS.get(cls)
    if keys is None:
        keys = tuple(
            (field.name, quote(key_of(field.name)) + ":") for field in dataclasses.fields(cls)
        )
        _KEYS[cls] = keys
    return keys


def _date_text(day: date) -> str:
    return '"' + day.isoformat() + '"'


# The writers of the scalars by their exact type (subclasses go the long way below): most of
# what a line holds, found in one lookup instead of a chain of isinstance.
_SCALARS: dict[type, Callable[[Any], str]] = {
    Decimal: json_number,
    str: quote,
    int: str,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
    date: _date_text,
}


def _compact(value: Any, out: list[str]) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        out.append(scalar(value))
    elif isinstance(value, str):
        out.append(quote(value))
    elif isinstance(value, Decimal):
        out.append(json_number(value))
    elif value is None:
        out.append("null")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, date):
        out.append('"' + value.isoformat() + '"')
    elif isinstance(value, tuple | list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _compact(item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + quote(str(key)) + ":")
            _compact(item, out)
        out.append("}")
    elif dataclasses.is_dataclass(value):
        out.append("{")
        for i, (name, key) in enumerate(_keys_of(type(value))):
            out.append("," + key if i else key)
            _compact(getattr(value, name), out)
        out.append("}")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def scalar_line(value: Any) -> str:
    """`dumps_line` of a number, date, text, boolean or None (KeyError on another type)."""
    return _SCALARS[type(value)](value)


def fields_line(value: Any) -> str:
    """`dumps_line` of a dataclass whose fields are all numbers, dates, text, booleans or None,
    without its braces, in one pass (a batch writes one per contract year of each cost).
    Raises KeyError on a field of another type."""
    parts = []
    for name, key in _keys_of(type(value)):
        item = getattr(value, name)
        parts.append(key + _SCALARS[type(item)](item))
    return ",".join(parts)


def dumps_line(value: Any) -> str:
    """The same JSON as `dumps`, on one line without spaces: a record of a JSON-lines file."""
    out: list[str] = []
    _compact(value, out)
    return "".join(out)


CSV_COLUMNS = (
    "month",
    "days",
    "gross",
    "projected",
    "segments",
    "contract_year",
    "age_bracket",
    "rate_percent",
    "base",
    "base_amount",
    "monthly_rate",
)


def month_row(month: Month) -> tuple[str | int, ...]:
    """The CSV cells of one month (columns `CSV_COLUMNS`). Where a month holds several segments
    (a contract anniversary inside it), the rate columns are those in force on the last day of
    the month and `segments` says how many there were; `gross` is the whole month's pay."""
    last = month.segments[-1]
    return (
        month.month,
        sum(s.days for s in month.segments),
        json_number(month.gross),
        "true" if month.projected else "false",
        len(month.segments),
        last.contract_year,
        last.age_bracket,
        json_number(last.rate_percent),
        last.base,
        json_number(last.base_amount),
        json_number(last.monthly_rate),
    )


# A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, or a tab
# or carriage return before one) is written with a `'` before it, as OWASP's "CSV injection"
# page recommends: a spreadsheet then shows the text, and runs nothing. Numbers (`-14.78`) are
# left as they are; `--csv-raw` writes every cell as it is, for programs reading the CSV.
_FORMULA_START = tuple("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutral(cell: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula (see above)."""
    if (
        isinstance(cell, str)
        and cell.startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(cell)
    ):
        return "'" + cell
    return cell


NET_CSV_COLUMNS = ("employee_contributions", "csg_crds", "net")


def schedule_csv(schedule: Schedule, net: NetPay | None = None) -> str:
    """One row per month, with a header (see `month_row`); with `net`, three more columns."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + (NET_CSV_COLUMNS if net is not None else ()))
    if net is None:
        writer.writerows(month_row(month) for month in schedule.months)
    else:
        for month, pay in zip(schedule.months, net.months, strict=True):
            extra = (
                json_number(pay.employee_contributions),
                json_number(pay.csg_crds),
                json_number(pay.net),
            )
            writer.writerow(month_row(month) + extra)
    return buffer.getvalue()


COST_CSV_COLUMNS = (
    "month",
    "days",
    "gross",
    "employee_contributions",
    "csg_crds",
    "health_cover_employee",
    "net",
    "employer_contributions",
    "general_reduction",
    "hiring_aid",
    "employer_cost",
    "projected",
    "contract_year",
    "age_bracket",
    "rate_percent",
)


def cost_csv(cost: Cost) -> str:
    """One row per month of `deis-pay cost`; empty cells where a figure is not computed (public
    employers); rate columns as in `month_row`."""
    import csv
    import io

    def cell(amount: Decimal | None) -> str:
        return "" if amount is None else json_number(amount)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COST_CSV_COLUMNS)
    for month in cost.months:
        last = month.segments[-1]
        writer.writerow(
            (
                month.month,
                sum(s.days for s in month.segments),
                json_number(month.gross),
                cell(month.employee_contributions),
                cell(month.csg_crds),
                cell(month.health_cover_employee),
                cell(month.net),
                cell(month.employer_contributions),
                cell(month.general_reduction),
                json_number(month.hiring_aid),
                cell(month.employer_cost),
                "true" if month.projected else "false",
                last.contract_year,
                last.age_bracket,
                json_number(last.rate_percent),
            )
        )
    return buffer.getvalue()


COMPARISON_CSV_COLUMNS = (
    "scenario",
    "label",
    "contract_year",
    "from",
    "to",
    "gross",
    "net",
    "employer_cost_after_aids",
    "difference_gross",
    "difference_net",
    "difference_employer_cost_after_aids",
)


# (scenario number or "total", its label, contract year or "total" or "calendar", year, first
# and last day, (gross, net, cost after aids), their differences from the first scenario)
Amounts = tuple[Decimal | None, Decimal | None, Decimal | None]
ComparisonRow = tuple[int | str, str, int | str, date, date, Amounts, Amounts]
NONE3: Amounts = (None, None, None)


def comparison_rows(comparison: Comparison) -> list[ComparisonRow]:
    """The rows of `compare --format csv` and of its xlsx sheet: each scenario's contract years
    and total; for a budget (different apprentices, `comparison.total`), each scenario's
    calendar years (`calendar`, from its first to its last day in that year), then their sum
    (scenario `total`): its contract years when they align, its total, its calendar years.
    Sums exact, as the scenarios' figures are (no rounding again)."""

    def three(figures: Any) -> Amounts:
        if figures is None:
            return NONE3
        return figures.gross, figures.net, figures.employer_cost_after_aids

    def less(a: Amounts, b: Amounts) -> Amounts:
        def minus(x: Decimal | None, y: Decimal | None) -> Decimal | None:
            return None if x is None or y is None else x - y

        return minus(a[0], b[0]), minus(a[1], b[1]), minus(a[2], b[2])

    rows: list[ComparisonRow] = []
    scenarios = comparison.scenarios
    total = comparison.total
    first_calendar = {y.year: three(y) for y in scenarios[0].calendar_years}
    for number, scenario in enumerate(scenarios, start=1):
        inputs = scenario.inputs
        for y in scenario.contract_years:
            rows.append((number, scenario.label, y.year, y.from_, y.to, three(y),
                         three(y.difference)))  # fmt: skip
        totals = (scenario.total_gross, scenario.total_net, scenario.total_employer_cost_after_aids)
        rows.append((number, scenario.label, "total", inputs.start, inputs.last_day, totals,
                     three(scenario.difference)))  # fmt: skip
        if total is None:
            continue
        for c in scenario.calendar_years:
            base = first_calendar.get(c.year)
            difference = NONE3 if number == 1 or base is None else less(three(c), base)
            rows.append((number, scenario.label, "calendar", *_within(c.year, inputs), three(c),
                         difference))  # fmt: skip
    if total is None:
        return rows
    first, last = min(s.inputs.start for s in scenarios), max(s.inputs.last_day for s in scenarios)
    if comparison.years_aligned:
        for years in zip(*(s.contract_years for s in scenarios), strict=True):
            each = [three(y) for y in years]
            summed = (
                _add([a[0] for a in each]),
                _add([a[1] for a in each]),
                _add([a[2] for a in each]),
            )
            rows.append(("total", "total", years[0].year, years[0].from_, years[0].to,
                         summed, NONE3))  # fmt: skip
    rows.append(("total", "total", "total", first, last, three(total), NONE3))
    for c in total.calendar_years:
        rows.append(("total", "total", "calendar", max(first, date(c.year, 1, 1)),
                     min(last, date(c.year, 12, 31)), three(c), NONE3))  # fmt: skip
    return rows


def _within(year: int, inputs: Any) -> tuple[date, date]:
    """A contract's first and last day in a calendar year."""
    return max(inputs.start, date(year, 1, 1)), min(inputs.last_day, date(year, 12, 31))


def _add(amounts: list[Decimal | None]) -> Decimal | None:
    if any(amount is None for amount in amounts):
        return None
    return sum((amount for amount in amounts if amount is not None), Decimal(0))


def comparison_csv(comparison: Comparison, raw: bool = False) -> str:
    """The rows of `comparison_rows`: one per contract year of each scenario, then its total
    (`contract_year` = total), and for a budget its calendar years (`calendar`) and the
    scenarios' sum (`scenario` = total); the differences are from the first scenario, empty
    where not computed (a net or a cost not computed, or contract years that do not align
    between the scenarios). The labels, the user's text, are `neutral` unless `raw`."""
    import csv
    import io

    def cell(amount: Decimal | None) -> str:
        return "" if amount is None else json_number(amount)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COMPARISON_CSV_COLUMNS)
    for number, label, year, start, end, figures, differences in comparison_rows(comparison):
        label = label if raw else neutral(label)
        writer.writerow(
            (number, label, year, start.isoformat(), end.isoformat(),
             *(cell(amount) for amount in figures + differences))
        )  # fmt: skip
    return buffer.getvalue()


CHECK_CSV_COLUMNS = (
    "month",
    "due",
    "paid",
    "difference",
    "status",
    "claimable",
    "projected",
    "rules",
    "rule_since",
    "rule_sources",
)


def check_csv(check: PayCheck) -> str:
    """One row per month of `deis-pay check`: empty cells where a month is not judged (`paid`
    empty too when not given); an underpaid month's reasons as their codes, days and sources,
    `;` between several (as `rules[]` of the JSON)."""
    import csv
    import io

    def cell(amount: Decimal | None) -> str:
        return "" if amount is None else json_number(amount)

    def flag(value: bool | None) -> str:
        return "" if value is None else "true" if value else "false"

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CHECK_CSV_COLUMNS)
    for month in check.months:
        writer.writerow(
            (
                month.month,
                json_number(month.due),
                cell(month.paid),
                cell(month.difference),
                month.status,
                flag(month.claimable),
                flag(month.projected),
                ";".join(rule.code for rule in month.rules),
                ";".join(rule.since.isoformat() for rule in month.rules),
                ";".join(rule.source for rule in month.rules),
            )
        )
    return buffer.getvalue()
