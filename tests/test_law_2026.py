"""The law of 2026–2027 on both sides of each of its dates: the hiring aids (aide unique,
décret 2026-168 and what follows it), the taxe sur les salaires note, overseas contracts.
(The general reduction's SMIC of 2026, décret 2026-509: tests/test_cost.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import run_cli

BIRTH = ("--birth", "2003-05-10")


def _cost(*options: str) -> dict[str, Any]:
    result = run_cli("cost", *BIRTH, *options, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = result.json()
    return data


def _codes(cost: dict[str, Any]) -> set[str]:
    return {n["code"] for n in cost["notices"]}


# (signed, start, options), the yearly aid, its source, the code of its reason.
AIDS = [
    # Décret 2025-174 until 31/12/2025, then the aide unique alone (levels up to 4, under 250).
    (("2025-12-31", "2026-01-05", ()), 5000, "decret-2025-174", "hiring_aid_under_250"),
    (("2026-01-01", "2026-01-05", ()), 0, "aide-unique", "hiring_aid_unique_level"),
    (("2026-01-01", "2026-01-05", ("--diploma-level", "4")), 5000, "aide-unique",
     "hiring_aid_unique"),
    # RQTH: 6 000 € under the aide unique's own two conditions only (not for level 7).
    (("2025-12-31", "2026-01-05", ("--rqth",)), 6000, "decret-2025-174", "hiring_aid_rqth"),
    (("2026-01-01", "2026-01-05", ("--rqth",)), 0, "aide-unique", "hiring_aid_unique_level"),
    (("2026-01-01", "2026-01-05", ("--rqth", "--diploma-level", "4")), 6000, "aide-unique",
     "hiring_aid_unique_rqth"),
    (("2026-01-01", "2026-01-05", ("--rqth", "--diploma-level", "4", "--headcount", "300")), 0,
     "aide-unique", "hiring_aid_unique_headcount"),
    # Overseas (art. L6522-4): up to level 5.
    (("2026-01-01", "2026-01-05", ("--diploma-level", "5", "--overseas")), 5000, "aide-unique",
     "hiring_aid_unique"),
    (("2026-01-01", "2026-01-05", ("--diploma-level", "6", "--overseas")), 0, "aide-unique",
     "hiring_aid_unique_level_overseas"),
    # Décret 2026-168 from 08/03/2026: levels 5-7, and levels 3-4 from 250 employees; levels
    # 3-4 under 250 stay with the aide unique.
    (("2026-03-07", "2026-03-09", ()), 0, "aide-unique", "hiring_aid_unique_level"),
    (("2026-03-08", "2026-03-09", ()), 2000, "decret-2026-168", "hiring_aid_under_250"),
    (("2026-03-08", "2026-03-09", ("--diploma-level", "5")), 4500, "decret-2026-168",
     "hiring_aid_under_250"),
    (("2026-03-08", "2026-03-09", ("--diploma-level", "4")), 5000, "aide-unique",
     "hiring_aid_unique"),
    (("2026-03-08", "2026-03-09", ("--diploma-level", "4", "--rqth")), 6000, "aide-unique",
     "hiring_aid_unique_rqth"),
    (("2026-03-08", "2026-03-09", ("--rqth",)), 6000, "decret-2026-168", "hiring_aid_rqth"),
    (("2026-03-08", "2026-03-09", ("--diploma-level", "4", "--headcount", "300",
                                   "--work-study-share", "5")), 2000, "decret-2026-168",
     "hiring_aid_250_with_work_study"),
    # Art. 1 I: started before 01/01/2027 only.
    (("2026-11-15", "2026-12-31", ()), 2000, "decret-2026-168", "hiring_aid_under_250"),
    (("2026-11-15", "2027-01-01", ()), 0, "aide-unique", "hiring_aid_unique_level"),
    (("2026-11-15", "2027-01-04", ("--diploma-level", "4")), 5000, "aide-unique",
     "hiring_aid_unique"),
    # From 01/01/2027: the aide unique, counted.
    (("2026-12-31", "2026-12-31", ("--diploma-level", "5")), 4500, "decret-2026-168",
     "hiring_aid_under_250"),
    (("2027-01-01", "2027-01-01", ("--diploma-level", "5")), 0, "aide-unique",
     "hiring_aid_unique_level"),
    (("2027-01-01", "2027-01-04", ("--diploma-level", "4")), 5000, "aide-unique",
     "hiring_aid_unique"),
]  # fmt: skip


@pytest.mark.parametrize(("contract", "annual", "source", "reason"), AIDS)
def test_hiring_aid_on_both_sides_of_each_date(
    contract: tuple[str, str, tuple[str, ...]], annual: int, source: str, reason: str
) -> None:
    signed, start, options = contract
    cost = _cost("--signed", signed, "--start", start, "--months", "24", *options)
    aid = cost["hiring_aid"]
    assert (aid["annual_amount"], aid["source"], aid["reason_notice"]["code"]) == (
        annual,
        source,
        reason,
    )
    assert cost["total_aids"] == annual
    assert source in {s["id"] for s in cost["sources"]}


def test_a_contract_started_in_2027_says_which_condition_of_the_decree_failed() -> None:
    """Signed in November 2026, started on 04/01/2027: décret 2026-168 covers only contracts
    started before 01/01/2027 (art. 1 I); the notice names the date and the start."""
    cost = _cost("--signed", "2026-11-15", "--start", "2027-01-04", "--months", "24")
    [late] = [n for n in cost["notices"] if n["code"] == "hiring_aid_started_too_late"]
    assert late["field"] == "start"
    assert late["params"] == {"source": "decret-2026-168", "start": "2027-01-04",
                              "before": "2027-01-01"}  # fmt: skip
    assert any("commencé avant le 01/01/2027" in w for w in cost["warnings"])
    on_time = _cost("--signed", "2026-11-15", "--start", "2026-12-31", "--months", "24")
    assert "hiring_aid_started_too_late" not in _codes(on_time)


def test_from_2027_the_aide_unique_is_counted_and_a_decree_may_follow() -> None:
    cost = _cost("--signed", "2027-01-01", "--start", "2027-01-04", "--months", "24",
                 "--diploma-level", "3")  # fmt: skip
    assert cost["total_aids"] == 5000
    assert "hiring_aid_exceptional_may_follow" in _codes(cost)
    before = _cost("--signed", "2026-12-31", "--start", "2027-01-04", "--months", "24")
    assert "hiring_aid_exceptional_may_follow" not in _codes(before)


@pytest.mark.parametrize(
    ("headcount", "code", "params"),
    [
        ("10", "association_payroll_tax_exempt", {"most": 10}),
        ("11", "association_payroll_tax", {"most": 10, "percent": 11}),
    ],
)
def test_payroll_tax_note_says_what_is_exempt(
    headcount: str, code: str, params: dict[str, int]
) -> None:
    """Art. 231 bis I CGI: an association of 10 employees or fewer pays no taxe sur les
    salaires on the apprentice's pay; above, the part equal to 11 % of the SMIC is exempt."""
    cost = _cost("--employer", "association", "--headcount", headcount)
    [note] = [n for n in cost["notices"] if n["code"].startswith("association_payroll_tax")]
    assert (note["code"], note["params"]) == (code, params)
    assert "cgi-231-bis" in {s["id"] for s in cost["sources"]}
    assert any("231 bis I" in n for n in cost["notes"])


def test_a_private_employer_gets_no_payroll_tax_note() -> None:
    cost = _cost("--headcount", "11")
    assert not any(c.startswith("association_payroll_tax") for c in _codes(cost))
    assert "cgi-231-bis" not in {s["id"] for s in cost["sources"]}


def test_overseas_contributions_are_said_to_be_mainland_ones() -> None:
    cost = _cost("--overseas")
    assert "overseas_mainland_rates" in _codes(cost)
    assert cost["employer"]["overseas"] is True
    assert "L6522-4" in {s["id"] for s in cost["sources"]}
    assert "overseas_mainland_rates" not in _codes(_cost())
