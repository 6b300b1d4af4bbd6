"""The contract options, declared once (cli/options.py) and given to four commands: the same
fields as the batch columns and the compare scenarios, in the same order, and the same options
in each command's help."""

from __future__ import annotations

import inspect
from collections.abc import Mapping

import pytest

from deis_pay.cli import employer, pay
from deis_pay.cli.options import CONTRACT_GROUP, ContractText, contract_options
from deis_pay.input.scenarios import CONTRACT_FIELDS


def test_the_group_fills_the_fields_compare_and_the_batch_read() -> None:
    assert tuple(member.field for member in CONTRACT_GROUP) == CONTRACT_FIELDS


@pytest.mark.parametrize("command", [pay.schedule, pay.cerfa, employer.cost, employer.compare])
def test_each_command_takes_the_group_in_its_place(command: object) -> None:
    """The 18 options stand where the command's `contract` parameter stood, in the group's
    order (the help lists them so), and no `contract` is left for typer to read."""
    assert callable(command)
    names = list(inspect.signature(command).parameters)
    first = names.index("birth")
    expected = [member.parameter for member in CONTRACT_GROUP]
    assert names[first : first + len(expected)] == expected
    assert "contract" not in names


def test_the_command_receives_the_text_by_field() -> None:
    received: list[Mapping[str, str | None]] = []

    @contract_options
    def command(contract: ContractText, lang: str | None = None) -> None:
        received.append(contract)

    command(birth="2005-05-10", licence_pro=True, lang="en")
    (texts,) = received
    assert texts["birth_date"] == "2005-05-10"
    assert texts["licence_pro"] == "true" and texts["same_level_related"] is None
    # Not typed, an option whose default the help shows is collected as not given (None), so
    # that the result states it as a default; a value typed is kept.
    assert texts["grid"] is None and texts["cycle_start_year"] is None
    assert texts["start"] is None
    command(birth="2005-05-10", grid="sssms", cycle_start_year="2")
    assert received[-1]["grid"] == "sssms" and received[-1]["cycle_start_year"] == "2"
    with pytest.raises(TypeError):
        command(lang="en")  # no --birth: what Python says of a missing argument
