"""The apprentice's history: a previous contract's floor (D6222-29), +15 points for a related
diploma (D6222-30), the licence pro (D6222-32), prolongations (D6222-28, R6222-48)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deis_pay import History, InputError, compute_schedule
from deis_pay.core.dates import add_years, end_after_months
from deis_pay.rules.models import Schedule, Segment

from .conftest import run_cli

BIRTH = ("--birth", "2005-05-10")
ONE_DAY = timedelta(days=1)


def segment_on(schedule: Schedule, day: date) -> Segment:
    return next(s for m in schedule.months for s in m.segments if s.from_ <= day <= s.to)


def _refused(*args: str) -> str:
    result = run_cli("schedule", *args)
    assert result.exit_code == 2, (args, result.stdout[:200], result.stderr)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    return result.stderr


def test_a_previous_contract_before_2019_is_refused_naming_the_option() -> None:
    message = _refused("--birth", "2002-05-10", "--previous-start", "2018-09-01",
                       "--previous-end", "2020-08-31")  # fmt: skip
    assert "--previous-start" in message and "01/01/2019" in message


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--previous-start", "2023-09-01", "--previous-end", "2025-09-01"),
         ("--previous-end", "pas avant le début")),
        (("--previous-start", "2019-05-09", "--previous-end", "2020-08-31"),
         ("--previous-start", "avant les 14 ans", "10/05/2005")),
        (("--previous-start", "2024-09-01", "--previous-end", "2023-08-31"),
         ("--previous-end", "avant son début (--previous-start : 01/09/2024)")),
        (("--previous-start", "2023-09-01"), ("--previous-end", "début et sa fin")),
        (("--previous-percent", "0"), ("--previous-percent", "plus de 0")),
        (("--previous-percent", "-5"), ("--previous-percent",)),
        (("--previous-percent", "200.01"), ("--previous-percent", "au plus 200")),
        (("--previous-percent", "55,555"), ("--previous-percent", "deux décimales")),
        (("--previous-percent", "beaucoup"), ("--previous-percent",)),
        (("--same-level-related", "--previous-diploma-years", "2"), ("D6222-30", "12 mois")),
        (("--end", "2026-08-31", "--same-level-related"), ("--same-level-related", "durée")),
        (("--previous-diploma-years", "2"), ("--previous-diploma-years", "15 points")),
        (("--end", "2026-08-31", "--same-level-related", "--previous-diploma-years", "4"),
         ("--previous-diploma-years", "1, 2 ou 3")),
        (("--prolonged-to", "2028-02-29"), ("--prolonged-to", "après la fin du contrat")),
        (("--prolonged-to", "2029-03-01"), ("--prolonged-to", "28/02/2029")),
        (("--prolonged-to", "2028-08-31", "--prolongation-reason", "maladie"),
         ("--prolongation-reason", "exam ou rqth")),
        (("--prolongation-reason", "rqth"), ("--prolongation-reason", "prolongation")),
        (("--previous-grid", "sssms"), ("--previous-grid", "contrat précédent")),
        (("--previous-start", "2023-09-01", "--previous-end", "2025-08-31",
          "--previous-cycle-start-year", "4"), ("--previous-cycle-start-year",)),
    ],
)  # fmt: skip
def test_history_that_breaks_a_rule_is_refused_naming_the_option(
    args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    """Exit 2, one line naming the option (and the rule where one is broken)."""
    message = _refused(*BIRTH, *args)
    for word in words:
        assert word in message, message


def test_related_diploma_contract_of_exactly_12_months_but_not_a_day_more() -> None:
    """D6222-30 holds for a contract of one year at most: 01/09/2025 → 31/08/2026 is 12 months,
    → 01/09/2026 is 12 months and a day (a prolongation is not counted)."""
    related = History(same_level_related=True, previous_diploma_years=2)
    year = compute_schedule(date(2004, 1, 1), date(2025, 9, 1), date(2026, 8, 31),
                            history=related)  # fmt: skip
    assert segment_on(year, date(2025, 9, 1)).rule == "D6222-30"
    with pytest.raises(InputError) as caught:
        compute_schedule(date(2004, 1, 1), date(2025, 9, 1), date(2026, 9, 1), history=related)
    assert caught.value.code == "same_level_related_over_12_months"
    prolonged = History(same_level_related=True, previous_diploma_years=2,
                        prolonged_to=date(2027, 8, 31))  # fmt: skip
    assert compute_schedule(date(2004, 1, 1), date(2025, 9, 1), date(2026, 8, 31),
                            history=prolonged).inputs.last_day == date(2027, 8, 31)  # fmt: skip


def test_prolongation_starts_the_day_after_the_original_end_even_mid_month() -> None:
    """Failed exam, contract ending 15/08/2027: the 15th is still the grid's, the 16th is the
    prolongation's (D6222-28), August split in two segments; the pay year stays 2."""
    schedule = compute_schedule(date(2006, 1, 10), date(2025, 8, 16), date(2027, 8, 15),
                                history=History(prolonged_to=date(2028, 2, 15)))  # fmt: skip
    eve, day = segment_on(schedule, date(2027, 8, 15)), segment_on(schedule, date(2027, 8, 16))
    assert (eve.rule, eve.pay_year, eve.to) == ("D6222-26", 2, date(2027, 8, 15))
    assert (day.rule, day.pay_year, day.from_) == ("D6222-28", 2, date(2027, 8, 16))
    assert day.rate_percent == eve.rate_percent
    august = next(m for m in schedule.months if m.month == "2027-08")
    assert len(august.segments) == 2
    assert schedule.months[-1].segments[-1].to == date(2028, 2, 15)


def test_age_bracket_still_rises_inside_a_prolongation() -> None:
    """Born 14/02/2007, prolonged after a failed exam: 21 on 14/02/2028, so 21-25 from
    01/03/2028 at the frozen pay year 2 (61 %), 18-20 (51 %) the day before."""
    schedule = compute_schedule(date(2007, 2, 14), end=date(2027, 8, 31),
                                history=History(prolonged_to=date(2028, 8, 31)))  # fmt: skip
    before, after = segment_on(schedule, date(2028, 2, 29)), segment_on(schedule, date(2028, 3, 1))
    assert (before.age_bracket, before.rule, before.pay_year) == ("18-20", "D6222-28", 2)
    assert (after.age_bracket, after.rule, after.pay_year) == ("21-25", "D6222-28", 2)
    assert (before.rate_percent, after.rate_percent) == (Decimal(51), Decimal(61))


def test_prolongation_of_at_most_one_year() -> None:
    """A year after the end is the last day a prolongation can reach (L6222-11)."""
    end = date(2027, 8, 31)
    last = compute_schedule(date(2005, 5, 10), end=end,
                            history=History(prolonged_to=date(2028, 8, 31)))  # fmt: skip
    assert last.inputs.last_day == date(2028, 8, 31)
    with pytest.raises(InputError) as caught:
        compute_schedule(date(2005, 5, 10), end=end, history=History(prolonged_to=date(2028, 9, 1)))
    assert (caught.value.code, caught.value.field) == ("prolongation_out_of_range", "prolonged_to")


@pytest.mark.parametrize(
    ("previous_end", "floor", "rule"),
    [
        # 21 on 15/07/2025: the previous contract's last day in 18-20 (year 2: 51 %) is below
        # the new grid (21-25, year 1: 53 %); its last day in 21-25 (61 %) is above it.
        (date(2025, 7, 31), Decimal(53), "D6222-26"),
        (date(2025, 8, 1), Decimal(61), "D6222-29"),
    ],
)
def test_previous_floor_is_the_rate_of_its_last_day(
    previous_end: date, floor: Decimal, rule: str
) -> None:
    """D6222-29: the age bracket of the previous contract's last day counts, from its own start."""
    history = History(previous_start=date(2023, 9, 1), previous_end=previous_end)
    schedule = compute_schedule(date(2004, 7, 15), date(2025, 9, 1), date(2027, 8, 31),
                                history=history)  # fmt: skip
    first = schedule.months[0].segments[0]
    assert (first.rate_percent, first.rule, first.base) == (floor, rule, "smic")


def test_a_percentage_paid_above_the_minimum_is_the_floor() -> None:
    """`previous_percent` wins over the previous contract's minimum when it is higher."""
    both = History(previous_start=date(2023, 9, 1), previous_end=date(2025, 8, 31),
                   previous_percent=Decimal("72.5"))  # fmt: skip
    first = compute_schedule(date(2005, 6, 15), end=date(2027, 8, 31), history=both).months[0]
    assert (first.segments[0].rate_percent, first.segments[0].rule) == (Decimal("72.5"), "D6222-29")
    assert first.gross == Decimal("1306.31")  # 72,5 % of 1 801,80 € = 1 306,305 €, rounded up


def test_the_history_is_echoed_as_understood_and_each_segment_names_its_rule() -> None:
    output = run_cli("schedule", *BIRTH, "--previous-start", "01/09/2023", "--previous-end",
                     "31/08/2025", "--format", "json").json()  # fmt: skip
    assert output["inputs"]["history"] == {
        "previous_start": "2023-09-01", "previous_end": "2025-08-31", "previous_grid": "general",
        "previous_cycle_start_year": 1, "previous_percent": None, "same_level_related": False,
        "previous_diploma_years": None, "licence_pro": False, "prolonged_to": None,
        "prolongation_reason": None,
    }  # fmt: skip
    segments = [s for m in output["months"] for s in m["segments"]]
    assert {s["rule"] for s in segments} == {"D6222-29", "D6222-26"}
    assert all(1 <= s["pay_year"] <= 3 for s in segments)
    plain = run_cli("schedule", *BIRTH, "--format", "json").json()
    assert plain["inputs"]["history"]["prolonged_to"] is None
    assert plain["total_gross"] < output["total_gross"]


def test_rqth_extension_above_100_percent_is_said() -> None:
    """R6222-48 is not capped (D6222-31 caps its own sub-section): 115 % once 26+, with a note."""
    output = run_cli("schedule", "--birth", "2003-07-07", "--end", "2029-08-31", "--grid",
                     "sssms", "--format", "json").json()  # fmt: skip
    assert output["months"][-1]["segments"][-1]["rate_percent"] == 115
    assert "rqth_extension_above_100" in [n["code"] for n in output["notices"]]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), "11"),
        (("--previous-percent", "55"), "21"),
        (("--previous-start", "2023-09-01", "--previous-end", "2025-08-31"), "22"),
        (("--end", "2027-08-31", "--prolonged-to", "2028-08-31"), "33"),
        (("--end", "2027-08-31", "--prolonged-to", "2028-08-31", "--prolongation-reason",
          "rqth"), "34"),
    ],
)  # fmt: skip
def test_cerfa_gives_the_contract_type_code(args: tuple[str, ...], code: str) -> None:
    output = run_cli("cerfa", *BIRTH, *args, "--format", "json").json()
    assert output["contract_type"] == code
    guessed = "contract_type_other_employer" in [n["code"] for n in output["notices"]]
    assert guessed == (code == "22")


def test_batch_reads_history_columns_and_refuses_a_bad_flag(tmp_path: Path) -> None:
    """The history columns, flags as oui/non; a bad one fails its record, naming the column."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,birth_date,end,licence_pro,prolonged_to\n"
        "A,2005-11-30,2026-08-31,oui,\n"
        "B,2005-11-30,2026-08-31,peut-être,\n"
        "C,2005-11-30,2026-08-31,non,2027-08-31\n",
        encoding="utf-8",
    )
    result = run_cli("batch", str(source), "--detail", "months")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 3
    assert records[0]["months"][0]["segments"][0]["rule"] == "D6222-32"
    assert (records[1]["error_code"], records[1]["field"]) == ("not_a_flag", "licence_pro")
    assert records[2]["inputs"]["history"]["prolongation_reason"] == "exam"


def test_library_history_with_text_dates() -> None:
    history = History(previous_start="2023-09-01", previous_end="31/08/2025")  # type: ignore[arg-type]
    schedule = compute_schedule("2005-06-15", end="2027-08-31", history=history)
    assert schedule.inputs.history.previous_end == date(2025, 8, 31)
    assert schedule.months[0].segments[0].rule == "D6222-29"


# --- properties -----------------------------------------------------------------------------

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@st.composite
def contracts(draw: st.DrawFn) -> dict[str, Any]:
    start = date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 6 * 365)))
    months = draw(st.integers(6, 36))
    birth = start - timedelta(days=draw(st.integers(15 * 365, 32 * 365)))
    end = start + timedelta(days=months * 30)
    return {"birth_date": birth, "start": start, "end": end,
            "grid": draw(st.sampled_from(("general", "sssms"))),
            "smc": draw(st.sampled_from((None, Decimal("2100"), Decimal("1500"))))}  # fmt: skip


@st.composite
def histories(draw: st.DrawFn, contract: dict[str, Any]) -> History:
    start, end = contract["start"], contract["end"]
    options: dict[str, Any] = {}
    if draw(st.booleans()) and start.year > 2019:
        previous_end = start - timedelta(days=draw(st.integers(1, 200)))
        length = draw(st.integers(180, 3 * 365))
        # (From the apprentice's 14th birthday: earlier is refused, previous_start_too_young.)
        earliest = max(date(2019, 1, 1), add_years(contract["birth_date"], 14))
        previous_start = max(earliest, previous_end - timedelta(days=length))
        if previous_start > previous_end:
            return History(**options)
        options.update(previous_start=previous_start, previous_end=previous_end,
                       previous_grid=draw(st.sampled_from(("general", "sssms"))))  # fmt: skip
    if draw(st.booleans()):
        options["previous_percent"] = Decimal(draw(st.integers(1, 20000))) / 100
    if draw(st.booleans()):
        options["licence_pro"] = True
    if end <= end_after_months(start, 12) and draw(st.booleans()):
        options["same_level_related"] = True
        options["previous_diploma_years"] = draw(st.integers(1, 3))
    return History(**options)


def _rates(schedule: Schedule) -> dict[date, Decimal]:
    """The monthly rate of every segment, by its first day."""
    return {s.from_: s.monthly_rate for m in schedule.months for s in m.segments}


def _rate_on(schedule: Schedule, day: date) -> Decimal:
    return segment_on(schedule, day).monthly_rate


@PROPERTY
@given(data=st.data())
def test_a_history_never_lowers_any_day_s_pay(data: st.DataObject) -> None:
    """On every day, the pay with a history is at least the pay of a first contract."""
    contract = data.draw(contracts())
    history = data.draw(histories(contract))
    first = compute_schedule(**contract)
    with_history = compute_schedule(**contract, history=history)
    for day, rate in _rates(first).items():
        assert _rate_on(with_history, day) >= rate, (day, history)
    for day in _rates(with_history):
        assert _rate_on(with_history, day) >= _rate_on(first, day)


@PROPERTY
@given(data=st.data())
def test_the_pay_is_the_highest_of_the_competing_rules(data: st.DataObject) -> None:
    """With several history options, each day's pay is the highest of the pays each option
    gives alone (and of the grid's): the rules compete, they do not add up."""
    contract = data.draw(contracts())
    history = data.draw(histories(contract))
    combined = compute_schedule(**contract, history=history)
    alone = [compute_schedule(**contract)]
    if history.previous_start is not None or history.previous_percent is not None:
        alone.append(
            compute_schedule(
                **contract,
                history=History(
                    previous_start=history.previous_start,
                    previous_end=history.previous_end,
                    previous_grid=history.previous_grid,
                    previous_percent=history.previous_percent,
                ),
            )
        )
    if history.licence_pro:
        alone.append(compute_schedule(**contract, history=History(licence_pro=True)))
    if history.same_level_related:
        alone.append(
            compute_schedule(
                **contract,
                history=History(
                    same_level_related=True, previous_diploma_years=history.previous_diploma_years
                ),
            )
        )
    for day, rate in _rates(combined).items():
        assert rate == max(_rate_on(schedule, day) for schedule in alone), (day, history)


@PROPERTY
@given(data=st.data(), reason=st.sampled_from(("exam", "rqth")), extra=st.integers(1, 365))
def test_totals_still_add_up_with_a_history_and_a_prolongation(
    data: st.DataObject, reason: str, extra: int
) -> None:
    """Segments, months, contract years and calendar years add up to the total; the
    prolongation is paid to its last day, never less than the original contract's last rate."""
    contract = data.draw(contracts())
    history = data.draw(histories(contract))
    prolonged_to = min(contract["end"] + timedelta(days=extra), add_years(contract["end"], 1))
    full = History(**{name: getattr(history, name) for name in History.__dataclass_fields__}
                   | {"prolonged_to": prolonged_to, "prolongation_reason": reason})  # fmt: skip
    if full.same_level_related:
        return  # (valid: D6222-30 measures the original contract; covered above)
    schedule = compute_schedule(**contract, history=full)
    segments = [s for m in schedule.months for s in m.segments]
    total = sum((s.gross for s in segments), Decimal(0))
    assert total == schedule.total_gross
    assert sum((m.gross for m in schedule.months), Decimal(0)) == total
    assert sum((y.gross for y in schedule.contract_years), Decimal(0)) == total
    assert sum((y.gross for y in schedule.calendar_years), Decimal(0)) == total
    assert segments[-1].to == prolonged_to
    assert sum(s.days for s in segments) == (prolonged_to - contract["start"]).days + 1
    eve = segment_on(schedule, contract["end"])
    day = segment_on(schedule, contract["end"] + ONE_DAY)
    assert day.monthly_rate >= eve.monthly_rate
