"""What the apprentice's history changes: `schedule` says, under its tables and in its JSON
(`history_effect`), the contract's total gross without the history and with it.

The figures are docs/history.md's, each checked there by hand month by month."""

from __future__ import annotations

import json
from decimal import Decimal

from deis_pay.data.loader import default_dataset
from deis_pay.rules.compare import history_effect
from deis_pay.rules.models import History

from .conftest import run_cli


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_licence_pro_effect_in_json_and_under_the_table() -> None:
    """docs/history.md, example 4: 51 % instead of 43 % for a year. By hand, with 43 %:
    4 × 774,78 + 5 × 783,91 + 3 × 802,82 = 9 427,13 €; with 51 %: 4 × 918,92 + 5 × 929,75 +
    3 × 952,19 = 11 181,00 €; 1 753,87 € more."""
    args = ("schedule", "--birth", "2005-11-30", "--end", "2026-08-31", "--licence-pro")
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    effect = json.loads(result.stdout)["history_effect"]
    assert effect == {
        "total_without": 9427.13,
        "total_with": 11181.00,
        "difference": 1753.87,
        "code": "history_effect_licence_pro",
    }
    table = run_cli(*args)
    assert table.exit_code == 0
    assert (
        "sans la licence professionnelle : 9 427,13 € ; avec : 11 181,00 €, soit 1 753,87 € de "
        "plus sur le contrat" in _flat(table.stdout)
    )


def test_previous_contract_effect() -> None:
    """docs/history.md, example 1: 47 200,39 € with the previous contract's 85 % floor,
    40 575,30 € without (its table, year by year: 14 250,24 + 16 803,24 + 9 521,82)."""
    args = ("schedule", "--birth", "2003-03-14", "--grid", "sssms", "--previous-start",
            "2022-09-01", "--previous-end", "2025-08-31")  # fmt: skip
    table = run_cli(*args, "--net")
    assert table.exit_code == 0, table.stderr
    assert (
        "sans le contrat précédent : 40 575,30 € ; avec : 47 200,39 €, soit 6 625,09 € de plus "
        "sur le contrat" in _flat(table.stdout)
    )
    english = run_cli(*args, "--lang", "en")
    assert "without the previous contract: €40,575.30; with it: €47,200.39" in _flat(english.stdout)
    for fmt in ("md", "html"):
        report = run_cli(*args, "--format", fmt)
        assert report.exit_code == 0
        assert "sans le contrat précédent : 40 575,30 €" in _flat(report.stdout)
    data = json.loads(run_cli(*args, "--format", "json", "--net").stdout)
    assert data["history_effect"]["difference"] == 6625.09
    assert "net" in data  # both added keys together
    # The schema of `deis-pay schema` describes it (unknown keys are forbidden there).
    schema = json.loads(run_cli("schema").stdout)["schedule"]
    effect = schema["$defs"]["HistoryEffect"]
    assert set(effect["properties"]) == set(data["history_effect"]) == set(effect["required"])
    assert "history_effect" not in schema["required"]


def test_no_history_no_effect() -> None:
    """Without history (or with only a prolongation, the contract's length), nothing is added:
    the JSON keeps its keys and the terminal its lines."""
    plain = run_cli("schedule", "--birth", "2005-05-10", "--format", "json")
    assert "history_effect" not in json.loads(plain.stdout)
    prolonged = run_cli("schedule", "--birth", "2007-02-14", "--end", "2027-08-31",
                        "--prolonged-to", "2028-08-31")  # fmt: skip
    assert prolonged.exit_code == 0, prolonged.stderr
    assert "36 760,49 €" not in prolonged.stdout  # (the rqth case: not this one)
    assert "de plus sur le contrat" not in _flat(prolonged.stdout)


def test_a_history_that_does_not_raise_the_pay_says_nothing() -> None:
    """A previous contract whose floor is below this contract's grid (43 % at its end, the
    new contract at a higher age and year) raises nothing: no line."""
    from deis_pay.input.text import contract_from_text

    data = default_dataset()
    inputs = contract_from_text(
        data,
        {"birth_date": "2000-01-15", "start": "2025-09-01", "end": "2026-08-31",
         "previous_start": "2019-09-01", "previous_end": "2020-08-31"},
    )  # fmt: skip
    assert inputs.history != History()
    assert history_effect(inputs, data) is None


def test_effect_is_the_same_contract_without_history() -> None:
    """The library's figures: `total_without` is the schedule of the same contract with the
    history taken off; the prolongation is kept (it is the contract's length)."""
    from dataclasses import replace

    from deis_pay.input.text import contract_from_text
    from deis_pay.rules.pay import schedule_for

    data = default_dataset()
    inputs = contract_from_text(
        data,
        {"birth_date": "2005-11-30", "start": "2025-09-01", "end": "2026-08-31",
         "licence_pro": "true"},
    )  # fmt: skip
    effect = history_effect(inputs, data)
    assert effect is not None
    without = schedule_for(replace(inputs, history=History()), data).total_gross
    assert effect.total_without == without == Decimal("9427.13")
    assert effect.difference == effect.total_with - effect.total_without
