"""A contract, its history and an employer from the text of options or batch cells.

The CLI and the batch hand over the same mapping of field name to text (None = not given), so a
wrong value gets the same code and the same field name whichever way it came in; the rules only
ever see typed values (dates, Decimal, Literal choices).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from deis_pay.core.errors import InputError
from deis_pay.core.values import (
    parse_amount,
    parse_choice,
    parse_date,
    parse_flag,
    parse_int,
    parse_number,
    parse_percent,
    parse_zero_or_amount,
)
from deis_pay.rules.contract import GRIDS, PROLONGATION_REASONS, TERRITORIES, check_contract
from deis_pay.rules.models import HISTORY_FIELDS

if TYPE_CHECKING:
    from deis_pay.data.records import Dataset
    from deis_pay.rules.employer import Employer
    from deis_pay.rules.models import ContractInputs, History


def history_from_text(cells: Mapping[str, str | None]) -> History:
    """The history from the text of its options or columns (None or absent = not given)."""
    from deis_pay.rules.models import History

    def text(name: str) -> str | None:
        return cells.get(name)

    def day(name: str) -> date | None:
        value = text(name)
        return parse_date(name, value) if value is not None else None

    def whole(name: str, expected: str) -> int | None:
        value = text(name)
        return parse_int(name, value, expected) if value is not None else None

    def flag(name: str) -> bool:
        value = text(name)
        return parse_flag(name, value) if value is not None else False

    grid, reason, percent = (
        text("previous_grid"),
        text("prolongation_reason"),
        text("previous_percent"),
    )
    return History(
        previous_start=day("previous_start"),
        previous_end=day("previous_end"),
        previous_grid=parse_choice("previous_grid", grid, GRIDS) if grid is not None else None,
        previous_cycle_start_year=whole("previous_cycle_start_year", "cycle_year"),
        previous_percent=parse_number("previous_percent", percent) if percent is not None else None,
        same_level_related=flag("same_level_related"),
        previous_diploma_years=whole("previous_diploma_years", "diploma_years"),
        licence_pro=flag("licence_pro"),
        prolonged_to=day("prolonged_to"),
        prolongation_reason=(
            parse_choice("prolongation_reason", reason, PROLONGATION_REASONS)
            if reason is not None
            else None
        ),
    )


def contract_from_text(data: Dataset, texts: Mapping[str, str | None]) -> ContractInputs:
    """A contract from the text a user typed (CLI options, batch cells, a compare scenario), by
    field name (input/scenarios.py's CONTRACT_FIELDS: `birth_date`, `start`… and the history's);
    None or absent = the default, and a yes/no field holds "true" or "false".

    The CLI and the batch command both go through here, so that the same input gets the same
    message, about the same field.
    """
    start, end, months = texts.get("start"), texts.get("end"), texts.get("months")
    grid, smc, territory = texts.get("grid"), texts.get("smc"), texts.get("territory")
    cycle_start_year = texts.get("cycle_start_year")
    history = {name: texts.get(name) for name in HISTORY_FIELDS}
    return check_contract(
        parse_date("birth_date", texts.get("birth_date") or ""),
        parse_date("start", start) if start is not None else None,
        parse_date("end", end) if end is not None else None,
        months=parse_int("months", months, "months") if months is not None else None,
        grid=parse_choice("grid", grid, GRIDS) if grid is not None else "general",
        smc=parse_amount("smc", smc) if smc is not None else None,
        territory=(
            parse_choice("territory", territory, TERRITORIES)
            if territory is not None
            else "metropole"
        ),
        cycle_start_year=(
            parse_int("cycle_start_year", cycle_start_year, "cycle_year")
            if cycle_start_year is not None
            else 1
        ),
        # (Most contracts have no history: nothing to read, the default is shared.)
        history=history_from_text(history)
        if any(value is not None for value in history.values())
        else None,
        data=data,
    )


def employer_from_text(data: Dataset, texts: Mapping[str, str | None], signed: date) -> Employer:
    """The employer options of `deis-pay cost` (or a batch row, or a compare scenario) from
    their text by field name (input/scenarios.py's EMPLOYER_FIELDS: `kind`, `headcount`,
    `atmp_rate_percent`…; `rqth` and `overseas` hold "true" or "false"), checked; None or
    absent leaves `Employer`'s own default (the CLI's), the diploma level being the
    programme's."""
    from deis_pay.rules.employer import Employer

    # The yes/no fields first (a batch row's wrong `rqth` is named before its other cells).
    rqth, overseas = texts.get("rqth"), texts.get("overseas")
    given: dict[str, Any] = {
        "rqth": parse_flag("rqth", rqth) if rqth is not None else False,
        "overseas": parse_flag("overseas", overseas) if overseas is not None else False,
        "signed": signed,
    }
    kind, headcount = texts.get("kind"), texts.get("headcount")
    if kind is not None:
        given["kind"] = parse_choice("kind", kind, ("private", "association", "public"))
    if headcount is not None:
        given["headcount"] = parse_int("headcount", headcount, "headcount")
    # In the order of the options, so that the first wrong one is the one named.
    for name in (
        "atmp_rate_percent",
        "mobility_rate_percent",
        "health_cover",
        "health_employer_share_percent",
        "work_study_share_percent",
    ):
        text = texts.get(name)
        if text is None:
            continue
        parse = parse_zero_or_amount if name == "health_cover" else parse_percent
        given[name] = parse(name, text)
    if texts.get("health_employer_share_percent") is not None and texts.get("health_cover") is None:
        # The employer's share of no premium: it would change nothing, silently.
        raise InputError("health_share_needs_cover", "health_employer_share_percent")
    diploma_level = texts.get("diploma_level")
    given["diploma_level"] = (
        parse_int("diploma_level", diploma_level, "diploma_level")
        if diploma_level is not None
        else data.programme.level
    )
    return Employer(**given)
