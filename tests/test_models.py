"""The result types: pydantic validates, serialises and describes them with the JSON's keys."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from deis_pay import Schedule, compute_schedule
from deis_pay.present.export import dumps


def _isoformat(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _isoformat(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_isoformat(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def _plain(text: str) -> Any:
    """JSON read with exact numbers (1801.8 == 1801.80)."""
    return json.loads(text, parse_float=Decimal)


def test_pydantic_dump_equals_the_cli_json() -> None:
    """TypeAdapter(Schedule) writes the same keys and values as `--format json`."""
    schedule = compute_schedule(date(2004, 6, 30), date(2025, 9, 15), date(2027, 9, 14),
                                smc=Decimal("2100.50"))  # fmt: skip
    ours = json.loads(dumps(schedule), parse_float=Decimal)
    theirs = _isoformat(TypeAdapter(Schedule).dump_python(schedule, mode="python"))
    assert theirs == ours
    assert ours["months"][0]["segments"][0]["from"] == "2025-09-15"


def test_pydantic_validates_a_schedule_read_back_from_json() -> None:
    """A script can load the JSON back into the typed result, and a bad key is refused."""
    schedule = compute_schedule(date(2005, 5, 10))
    adapter = TypeAdapter(Schedule)
    read_back = adapter.validate_json(dumps(schedule))
    # The notices' params are plain JSON values (dates as ISO text): the JSON is what round-trips.
    assert _plain(dumps(read_back)) == _plain(dumps(schedule))
    assert read_back.months == schedule.months and read_back.warnings == schedule.warnings
    broken = json.loads(dumps(schedule))
    broken["months"][0]["segments"][0]["form"] = "2025-09-01"
    with pytest.raises(ValidationError):
        adapter.validate_python(broken)


def test_json_schema_names_the_json_keys() -> None:
    schema = TypeAdapter(Schedule).json_schema(by_alias=True)
    segment = schema["$defs"]["Segment"]["properties"]
    assert "from" in segment and "from_" not in segment


def test_cost_json_is_pydantic_s_dump_and_validates_back() -> None:
    """The cost result too: same keys and values as `cost --format json`, read back typed."""
    from deis_pay.data.loader import default_dataset
    from deis_pay.rules.cost import Cost, compute_cost
    from deis_pay.rules.employer import Employer

    data = default_dataset()
    schedule = compute_schedule(date(2005, 5, 10))
    employer = Employer("association", 30, None, Decimal(2), Decimal(40), Decimal(50),
                        Decimal(0), 7, False, date(2025, 9, 1))  # fmt: skip
    cost = compute_cost(schedule, employer, data)
    ours = json.loads(dumps(cost), parse_float=Decimal)
    adapter = TypeAdapter(Cost)
    assert _isoformat(adapter.dump_python(cost, mode="python")) == ours
    assert _plain(dumps(adapter.validate_json(dumps(cost)))) == _plain(dumps(cost))
    assert "cost" in __import__("deis_pay.present.schema", fromlist=["json_schemas"]).json_schemas()
