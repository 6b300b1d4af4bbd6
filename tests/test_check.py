"""Checking what was paid (rules/check.py, deis_pay.check_pay): the worked cases of
check-cases.json, and worked examples whose figures are computed by hand in their comments."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay import check_pay
from deis_pay.core.dates import ONE_DAY, add_years
from deis_pay.core.errors import InputError
from deis_pay.data.loader import default_dataset
from deis_pay.input.text import history_from_text
from deis_pay.rules.check import STATUSES, PaidMonth, PayCheck, check_totals, claim_window
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import ContractInputs, History
from deis_pay.rules.pay import month_grosses, month_pieces, schedule_for
from deis_pay.rules.terms import Contract, birth_terms, pay_key

DATA = default_dataset()
CASES = json.loads((Path(__file__).parent / "check-cases.json").read_text(encoding="utf-8"))
SCHEDULE_CASES = json.loads(
    (Path(__file__).parent / "schedule-cases.json").read_text(encoding="utf-8")
)


def _inputs(args: dict[str, Any]) -> ContractInputs:
    history = args.get("history")
    return check_contract(
        args["birth_date"],
        args.get("start"),
        args.get("end"),
        grid=args.get("grid", "general"),
        history=History(
            prolonged_to=date.fromisoformat(history["prolonged_to"]),
            prolongation_reason=history["prolongation_reason"],
        )
        if history
        else None,
        data=DATA,
    )


def _schedule_case(args: dict[str, Any]) -> ContractInputs:
    """The contract of a shared schedule case (its history given as the options' text)."""
    given = args.get("history") or {}
    history = history_from_text({name: str(value) for name, value in given.items()})
    return check_contract(
        args["birth_date"], args.get("start"), args.get("end"),
        grid=args.get("grid", "general"), smc=args.get("smc"),
        territory=args.get("territory", "metropole"),
        cycle_start_year=args.get("cycle_start_year", 1), history=history, data=DATA,
    )  # fmt: skip


def _paid(rows: list[dict[str, Any]]) -> list[PaidMonth]:
    return [
        PaidMonth(date.fromisoformat(row["month"] + "-01"), Decimal(row["gross"]), row["absence"])
        for row in rows
    ]


def _same(got: object, expected: object) -> bool:
    if isinstance(got, Decimal):
        return expected is not None and got == Decimal(str(expected))
    return got == expected


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_worked_cases(case: dict[str, Any]) -> None:
    args = case["args"]
    result = check_pay(_inputs(args), _paid(args["paid"]), args["today"])
    expected = case["expected"]
    assert len(result.months) == len(expected["months"])
    for month, wanted in zip(result.months, expected["months"], strict=True):
        for key, value in wanted.items():
            assert _same(getattr(month, key), value), (month.month, key, getattr(month, key))
    for key in ("total_shortfall", "total_overpaid", "total_claimable"):
        assert getattr(result, key) == Decimal(expected[key]), key
    window = expected["claim_window"]
    assert result.claim_window is not None
    assert (result.claim_window.from_.isoformat(), result.claim_window.to.isoformat()) == (
        window["from"],
        window["to"],
    )


@pytest.mark.parametrize(
    "case", SCHEDULE_CASES["cases"], ids=[c["id"] for c in SCHEDULE_CASES["cases"]]
)
def test_due_is_the_schedule_month_gross(case: dict[str, Any]) -> None:
    """Every month's due is the schedule's gross of that month (a check adds nothing to it)."""
    inputs = _schedule_case(case["args"])
    schedule = schedule_for(inputs, DATA)
    result = check_pay(inputs, [], date(2026, 12, 6))
    assert [(m.month, m.due) for m in result.months] == [
        (m.month, m.gross) for m in schedule.months
    ]
    assert {m.status for m in result.months} == {"not_given"}
    assert result.total_due == result.total_paid == result.total_shortfall == 0


def _age_change_missed() -> PayCheck:
    # Born 15/02/2004: 21 on 15/02/2025, so the 21-25 bracket from 01/03/2025 (art. D6222-31).
    # Contract 01/09/2023–31/08/2026, legal grid; year 2 from 01/09/2024.
    inputs = check_contract("2004-02-15", "2023-09-01", "2026-08-31", data=DATA)
    paid = [
        # 02/2025, 18-20 year 2: 51 % × 1 801,80 = 918,918 → 918,92 (rounded up): right.
        PaidMonth(date(2025, 2, 1), Decimal("918.92")),
        # 03/2025, 21-25 year 2: 61 % × 1 801,80 = 1 099,098 → 1 099,10 due; paid at 51 %.
        PaidMonth(date(2025, 3, 1), Decimal("918.92")),
    ]
    return check_pay(inputs, paid, date(2026, 11, 15))


def test_the_age_change_missed_by_hand() -> None:
    result = _age_change_missed()
    february, march = (m for m in result.months if m.paid is not None)
    assert (february.status, february.difference) == ("ok", Decimal("0.00"))
    assert (march.due, march.difference, march.status) == (
        Decimal("1099.10"), Decimal("-180.18"), "underpaid",
    )  # fmt: skip
    (rule,) = march.rules
    assert (rule.code, rule.since, rule.before, rule.after, rule.source) == (
        "age_bracket", date(2025, 3, 1), "18-20", "21-25", "D6222-31",
    )  # fmt: skip
    # Ended 31/08/2026, claimed 15/11/2026 (within three years of the end): the three years
    # before the end (art. L3245-1).
    assert result.claim_window is not None
    assert (result.claim_window.from_, result.claim_window.to) == (date(2023, 8, 31),
                                                                   date(2026, 8, 31))  # fmt: skip
    assert result.total_claimable == result.total_shortfall == Decimal("180.18")
    assert result.total_due == Decimal("2018.02") and result.total_paid == Decimal("1837.84")


def test_a_smic_revaluation_missed_by_hand() -> None:
    # Born 20/06/2003: 21 at the start (21-25), SSSMS grid, year 1 = 65 % of the SMIC.
    # 11/2024: SMIC 1 801,80 € (décret 2024-951): 65 % = 1 171,17 due; paid 65 % of the SMIC
    # before, 1 766,92 €: 1 148,498 → 1 148,50. Short 22,67.
    inputs = check_contract("2003-06-20", "2024-09-01", "2027-08-31", grid="sssms", data=DATA)
    paid = [PaidMonth(date(2024, 10, 1), Decimal("1148.50")),
            PaidMonth(date(2024, 11, 1), Decimal("1148.50"))]  # fmt: skip
    result = check_pay(inputs, paid, date(2026, 11, 15))
    november = next(m for m in result.months if m.month == "2024-11")
    assert (november.due, november.difference) == (Decimal("1171.17"), Decimal("-22.67"))
    (rule,) = november.rules
    assert (rule.code, rule.since, rule.before, rule.after) == (
        "smic", date(2024, 11, 1), "1766.92", "1801.80",
    )  # fmt: skip
    assert rule.source == "decret-2024-951"


def test_the_previous_contract_floor_by_hand() -> None:
    # A previous contract paid 78 % of the SMIC at its end (art. D6222-29): the new contract
    # (21-25, year 1 of the legal grid: 53 %) pays at least 78 %: 78 % × 1 801,80 = 1 405,404
    # → 1 405,41 due in 09/2025; paid the grid's 53 %: 954,954 → 954,96. Short 450,45.
    history = History(previous_start=date(2023, 9, 1), previous_end=date(2025, 6, 30),
                      previous_percent=Decimal(78))  # fmt: skip
    inputs = check_contract("2003-03-10", "2025-09-01", "2027-08-31", history=history,
                            data=DATA)  # fmt: skip
    result = check_pay(inputs, [PaidMonth(date(2025, 9, 1), Decimal("954.96"))], "2026-12-06")
    september = result.months[0]
    assert (september.due, september.difference) == (Decimal("1405.41"), Decimal("-450.45"))
    (rule,) = september.rules
    assert (rule.code, rule.after, rule.source, rule.since) == (
        "rate", "D6222-29", "D6222-29", date(2025, 9, 1),
    )  # fmt: skip


def test_months_beyond_three_years_are_not_claimable() -> None:
    # Ongoing contract, claimed 15/11/2026: pay due from 15/11/2023 on can be claimed. 10/2023
    # fell due on 31/10/2023 (before): not claimable; 11/2023 on 30/11/2023: claimable.
    inputs = check_contract("2005-05-10", "2023-10-01", "2026-12-31", data=DATA)
    schedule = schedule_for(inputs, DATA)
    due = {m.month: m.gross for m in schedule.months}
    paid = [PaidMonth(date(2023, month, 1), due[f"2023-{month:02d}"] - 10) for month in (10, 11)]
    result = check_pay(inputs, paid, date(2026, 11, 15))
    october, november = (m for m in result.months if m.paid is not None)
    assert (october.claimable, november.claimable) == (False, True)
    assert result.total_shortfall == 20 and result.total_claimable == 10
    assert "claim_months_barred" in {n.code for n in result.notices}


def test_an_absence_month_is_not_judged_and_counts_in_no_total() -> None:
    inputs = check_contract("2005-05-10", data=DATA)
    result = check_pay(inputs, [PaidMonth(date(2025, 10, 1), Decimal("300"), absence=True)],
                       date(2026, 12, 6))  # fmt: skip
    october = next(m for m in result.months if m.month == "2025-10")
    assert (october.status, october.paid, october.difference, october.claimable) == (
        "absence", Decimal("300"), None, None,
    )  # fmt: skip
    assert result.total_due == result.total_paid == result.total_shortfall == 0
    assert "absence_not_judged" in {n.code for n in result.notices}


def test_overpaid_is_shown_apart_never_netted() -> None:
    inputs = check_contract("2005-05-10", data=DATA)
    due = {m.month: m.gross for m in schedule_for(inputs, DATA).months}
    paid = [PaidMonth(date(2025, 9, 1), due["2025-09"] + 100),
            PaidMonth(date(2025, 10, 1), due["2025-10"] - 40)]  # fmt: skip
    result = check_pay(inputs, paid, date(2026, 12, 6))
    totals = (result.total_overpaid, result.total_shortfall, result.total_claimable)
    assert totals == (Decimal(100), Decimal(40), Decimal(40))
    assert "overpaid_not_netted" in {n.code for n in result.notices}


@pytest.mark.parametrize(
    ("last_day", "today", "window"),
    [
        # Ongoing: the three years before the claim day (29 February → 28 February).
        (date(2027, 8, 31), date(2026, 11, 15), (date(2023, 11, 15), date(2026, 11, 15))),
        (date(2029, 8, 31), date(2028, 2, 29), (date(2025, 2, 28), date(2028, 2, 29))),
        # Ended, claimed within three years of the end: the three years before the end.
        (date(2026, 8, 31), date(2029, 8, 31), (date(2023, 8, 31), date(2026, 8, 31))),
        # Ended more than three years ago: nothing.
        (date(2026, 8, 31), date(2029, 9, 1), None),
    ],
)
def test_the_claim_window(last_day: date, today: date, window: tuple[date, date] | None) -> None:
    found = claim_window(last_day, today)
    assert (None if found is None else (found.from_, found.to)) == window


def test_nothing_claimable_more_than_three_years_after_the_end() -> None:
    inputs = check_contract("2001-05-10", "2019-09-01", "2021-08-31", data=DATA)
    result = check_pay(inputs, [PaidMonth(date(2020, 1, 1), Decimal(1))], date(2025, 1, 1))
    assert result.claim_window is None and result.total_claimable == 0
    assert result.total_shortfall > 0
    assert "claim_time_barred" in {n.code for n in result.notices}


@pytest.mark.parametrize(
    ("paid", "code"),
    [
        ([PaidMonth(date(2025, 8, 1), Decimal(800))], "paid_month_outside"),
        ([PaidMonth(date(2028, 3, 1), Decimal(800))], "paid_month_outside"),
        ([PaidMonth(date(2025, 9, 1), Decimal(800)), PaidMonth(date(2025, 9, 1), Decimal(1))],
         "paid_month_twice"),
        ([PaidMonth(date(2025, 9, 1), Decimal(-1))], "paid_negative"),
        ([PaidMonth(date(2025, 9, 1), Decimal("1e9"))], "paid_too_large"),
        ([PaidMonth(date(2025, 9, 1), Decimal("NaN"))], "paid_negative"),
    ],
)  # fmt: skip
def test_bad_paid_months_are_refused_naming_the_month(paid: list[PaidMonth], code: str) -> None:
    inputs = check_contract("2005-05-10", data=DATA)
    with pytest.raises(InputError) as caught:
        check_pay(inputs, paid, date(2026, 12, 6))
    assert caught.value.code == code
    assert caught.value.notice.params["month"] in {"08/2025", "03/2028", "09/2025"}


def test_the_library_takes_a_mapping_of_months_and_says_its_warnings() -> None:
    inputs = check_contract("2005-05-10", data=DATA)
    paid: dict[str, str | int] = {"09/2025": "774,78", "2025-10": 700}
    result = check_pay(inputs, paid, "06/12/2026", absences=["10/2025"])
    september, october = result.months[0], result.months[1]
    assert (september.status, october.status) == ("ok", "absence")
    assert any("absence" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    "case", SCHEDULE_CASES["cases"], ids=[c["id"] for c in SCHEDULE_CASES["cases"]]
)
def test_the_totals_without_months_are_those_of_the_check(case: dict[str, Any]) -> None:
    """`check_totals` (a batch line's check, which builds no month) gives `check_pay`'s totals,
    window, counts by status and own notices, on every shared case paid in five ways in turn
    (right, short, over, absent, not given), on three claim days."""
    inputs = _schedule_case(case["args"])
    schedule = schedule_for(inputs, DATA)
    shifts = (Decimal(0), Decimal("-13.37"), Decimal(5), None, None)
    paid = [
        PaidMonth(date.fromisoformat(m.month + "-01"), m.gross + (shift or 0), n % 5 == 3)
        for n, (m, shift) in enumerate(zip(schedule.months, shifts * 40, strict=False))
        if n % 5 != 4
    ]
    for today in (inputs.start, inputs.last_day, add_years(inputs.last_day, 3) - ONE_DAY):
        full = check_pay(inputs, paid, today)
        totals = check_totals(inputs, paid, today, DATA)
        for name in ("total_due", "total_paid", "total_shortfall", "total_overpaid"):
            assert getattr(totals, name) == getattr(full, name), name
        assert totals.total_claimable == full.total_claimable
        assert totals.claim_window == full.claim_window
        counts = {status: sum(m.status == status for m in full.months) for status in STATUSES}
        assert dict(totals.months_by_status) == counts
        assert totals.notices == full.notices[len(schedule.notices) :]
    assert [(g, d.isoformat()[:7]) for d, g in month_grosses(
        month_pieces(Contract(pay_key(inputs, DATA, birth_terms(
            inputs.birth_date, inputs.start, inputs.last_day, DATA)), DATA).stretches())
    )] == [(m.gross, m.month) for m in schedule.months]  # fmt: skip
