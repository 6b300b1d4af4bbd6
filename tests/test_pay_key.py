"""The pay key (rules/terms.py): everything the pay reads of a contract is in it.

Contracts with equal keys share one pay wherever results are kept by key (the batch): a field
of the contract inputs that the rules read but the key left out would make two different
contracts silently share a wrong result. So every field of `ContractInputs` and `History` must
be declared — in `PAY_INPUTS`, with the key fields it enters, or in `NOT_IN_PAY_KEY` — and a
change of each declared field, alone, must change exactly some of the key fields declared.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from deis_pay.data.loader import default_dataset
from deis_pay.rules.models import ContractInputs, History
from deis_pay.rules.pay import pay_of
from deis_pay.rules.terms import NOT_IN_PAY_KEY, PAY_INPUTS, PayKey, pay_key

DATA = default_dataset()

# A contract that reads every rule: a previous contract (D6222-29), a related diploma
# (D6222-30), a prolongation (D6222-28), so that each field has an effect to change.
BASE = ContractInputs(
    birth_date=date(2003, 5, 10),
    start=date(2025, 9, 1),
    end=date(2027, 8, 31),
    grid="general",
    smc=None,
    territory="metropole",
    cycle_start_year=1,
    history=History(
        previous_start=date(2023, 9, 1),
        previous_end=date(2025, 6, 30),
        previous_grid="general",
        previous_cycle_start_year=1,
        previous_percent=Decimal(60),
        same_level_related=True,
        previous_diploma_years=None,
        licence_pro=False,
        prolonged_to=date(2027, 12, 31),
        prolongation_reason="exam",
    ),
)

# Another value of each field, which the rules read differently from BASE's.
VARIATIONS: dict[str, Any] = {
    "birth_date": date(2006, 5, 10),
    "start": date(2025, 10, 1),
    "end": date(2027, 6, 30),
    "grid": "sssms",
    "smc": Decimal(3000),
    "territory": "mayotte",
    "cycle_start_year": 2,
    "history.previous_start": date(2022, 9, 1),
    "history.previous_end": date(2024, 6, 30),
    "history.previous_grid": "sssms",
    "history.previous_cycle_start_year": 3,
    "history.previous_percent": Decimal(99),
    "history.same_level_related": False,
    "history.previous_diploma_years": 1,
    "history.licence_pro": True,
    "history.prolonged_to": None,
    "history.prolongation_reason": "rqth",
}


def _input_fields() -> set[str]:
    contract = {f.name for f in dataclasses.fields(ContractInputs) if f.name != "history"}
    history = {f"history.{f.name}" for f in dataclasses.fields(History)}
    return contract | history


def _varied(name: str, value: Any) -> ContractInputs:
    if name.startswith("history."):
        history = dataclasses.replace(BASE.history, **{name.removeprefix("history."): value})
        return dataclasses.replace(BASE, history=history)
    return dataclasses.replace(BASE, **{name: value})


def test_every_input_field_is_declared_once() -> None:
    fields = _input_fields()
    assert len(fields) >= 17
    declared = set(PAY_INPUTS) | set(NOT_IN_PAY_KEY)
    assert fields - declared == set(), "fields of the inputs neither in the key nor declared out"
    assert declared - fields == set(), "declared fields that the inputs do not have"
    assert set(PAY_INPUTS) & set(NOT_IN_PAY_KEY) == set()
    for name, why in NOT_IN_PAY_KEY.items():
        assert why.strip(), f"{name}: say why the pay does not read it"


def test_every_key_field_comes_from_a_declared_input() -> None:
    entered = {key_field for key_fields in PAY_INPUTS.values() for key_field in key_fields}
    assert entered <= set(PayKey._fields)
    # (`written` is how the SMC and the floor were written: it follows from them.)
    assert set(PayKey._fields) == entered


@pytest.mark.parametrize("name", sorted(PAY_INPUTS))
def test_changing_a_declared_field_changes_the_key_where_declared(name: str) -> None:
    assert name in VARIATIONS, f"give {name} another value in VARIATIONS"
    before = pay_key(BASE, DATA)
    after = pay_key(_varied(name, VARIATIONS[name]), DATA)
    changed = {field for field in PayKey._fields if getattr(before, field) != getattr(after, field)}
    assert changed, f"{name} changed and the key did not: a pay would be shared wrongly"
    assert changed <= set(PAY_INPUTS[name]), (name, changed)


@pytest.mark.parametrize("name", sorted(NOT_IN_PAY_KEY) or ["(none)"])
def test_a_field_declared_out_of_the_key_changes_no_pay(name: str) -> None:
    if name == "(none)":
        # Nothing declared out today: every input field is read by the pay.
        assert NOT_IN_PAY_KEY == {}
        return
    assert name in VARIATIONS, f"give {name} another value in VARIATIONS"
    varied = _varied(name, VARIATIONS[name])
    assert pay_key(varied, DATA) == pay_key(BASE, DATA)
    assert pay_of(pay_key(varied, DATA), DATA) == pay_of(pay_key(BASE, DATA), DATA)


def test_equal_keys_give_equal_pays_for_birthdays_in_the_same_month() -> None:
    """What the key leaves out of the birth date (the day within its month, when no previous
    contract reads it) does not change the pay: the sharing the key allows is sound."""
    plain = dataclasses.replace(BASE, history=History())
    keys = {pay_key(dataclasses.replace(plain, birth_date=date(2003, 5, day)), DATA)
            for day in range(2, 29)}  # fmt: skip
    assert len(keys) == 1
    pays = {pay_of(key, DATA).total_gross for key in keys}
    assert len(pays) == 1


def test_the_duration_warnings_bounds_hold_for_every_start() -> None:
    """rules/pay.py computes the end of 6 and 36 months only for contracts near those
    lengths: the bounds it relies on, over every start of 1990 to 2099 (29 Februarys too)."""
    from deis_pay.core.dates import end_after_months
    from deis_pay.rules.pay import DAYS_TO_END_OF_6_MONTHS, DAYS_TO_END_OF_36_MONTHS

    six, thirty_six = set(), set()
    day = date(1990, 1, 1)
    while day.year < 2100:
        six.add((end_after_months(day, 6) - day).days)
        thirty_six.add((end_after_months(day, 36) - day).days)
        day = date.fromordinal(day.toordinal() + 1)
    assert (min(six), max(six)) == DAYS_TO_END_OF_6_MONTHS
    assert (min(thirty_six), max(thirty_six)) == DAYS_TO_END_OF_36_MONTHS
