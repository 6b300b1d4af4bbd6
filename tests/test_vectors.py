"""Every worked case of the shared vectors, through the CLI's JSON, to the cent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .conftest import cli_args, load_cases, run_cli

CASES = load_cases()


def _same(expected: Any, actual: Any, where: str) -> None:
    """Every key of the expected case is in the output with the same value (amounts exactly)."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            _same(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, not {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _same(e, a, f"{where}[{i}]")
    elif isinstance(expected, str) and isinstance(actual, Decimal | int):
        assert Decimal(expected) == actual, f"{where}: {actual} != {expected}"
        if isinstance(actual, Decimal):
            exponent = actual.as_tuple().exponent
            assert isinstance(exponent, int) and exponent >= -2, f"{where}: {actual}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_shared_case(case: dict[str, Any]) -> None:
    """The CLI's JSON carries exactly the expected months, totals and aid window of the case."""
    result = run_cli(*cli_args(case["args"]))
    assert result.exit_code == 0, result.stderr
    output = result.json()
    expected = dict(case["expected"])
    licence = expected.pop("driving_licence")
    _same(expected, output, case["id"])
    aid = next(a for a in output["aids"] if a["id"] == "driving_licence")
    _same(licence, aid, f"{case['id']}.driving_licence")
    assert output["inputs"]["birth_date"] == case["args"]["birth_date"]


def test_there_are_thirty_cases() -> None:
    """The copy of the shared vectors is whole."""
    assert len(CASES) == 30
    assert "deis-default-20yo" in {c["id"] for c in CASES}
