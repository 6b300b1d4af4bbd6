"""What was paid against the minimum, month by month, and what can still be claimed.

Each month of the contract: due = the month's gross of the schedule (rules/pay.py, history
included); paid = the gross the user gives, counted as the minimum counts it (base pay and the
complements of pay, not expense allowances, overtime majorations or the transport bonus: art.
D3231-6 Code du travail); difference = paid − due. A month marked as an absence is not judged,
a month without an amount is not given: neither counts in any total. An underpaid month names
the change the pay did not follow (a SMIC revaluation, an age bracket, a contract year…) or
the rule its rate comes from.

What can still be claimed (art. L3245-1 Code du travail): the sums due for the three years
before the claim day (`today`) or, the contract ended, for the three years before its end when
the claim day is within three years of it. Convention: a month's pay is due on its last day.
Overpaid months are shown apart, never subtracted from a shortfall.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from deis_pay.core.dates import ONE_DAY, add_years, last_of_month
from deis_pay.core.errors import InputError
from deis_pay.core.notices import Notice, notice
from deis_pay.data.records import SOURCE_PAY_COMPARED, SOURCE_WAGE_CLAIM, DataInfo, Dataset
from deis_pay.rules.models import (
    JSON_KEYS,
    SCHEMA_VERSION,
    Assumption,
    Change,
    ChangeKind,
    ContractInputs,
    Month,
    Schedule,
    SourceRef,
)
from deis_pay.rules.pay import month_grosses, month_pieces, pay_of, schedule_of, source_ref
from deis_pay.rules.terms import BRACKETS, Contract, birth_terms, pay_key

CheckStatus = Literal["ok", "underpaid", "overpaid", "not_given", "absence"]
# What an underpaid month's explanation names: a change of the schedule the pay did not follow
# (its kind, as `Change.kind`), or the rule the month's rate comes from ("rate").
CheckRuleCode = Literal["contract_year", "age_bracket", "smic", "base", "rule", "rate"]

# A month's gross above this is not a pay of an apprentice but a typing mistake (ten times the
# highest minimum of the law, 100 % of an SMC of 10 000 €, would still be below it).
MOST_PAID = Decimal(100_000)
CLAIM_YEARS = 3  # art. L3245-1
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class PaidMonth:
    """What a payslip says of a month: its gross counted for the minimum (art. D3231-6), and
    whether the month had an absence that lowers the pay (unpaid leave, sickness…), which is
    then not judged."""

    month: date  # its 1st
    gross: Decimal
    absence: bool = False


@dataclass(frozen=True, slots=True)
class CheckRule:
    """Why a month is underpaid: a change from `since` (`before` → `after`, as `Change` says
    them) that the pay did not follow, or ("rate") the rule `after` the month's rate comes
    from, in force since `since`; `source`: its legal text."""

    __pydantic_config__ = JSON_KEYS

    code: CheckRuleCode
    since: date
    before: str
    after: str
    source: str


@dataclass(frozen=True, slots=True)
class CheckMonth:
    __pydantic_config__ = JSON_KEYS

    month: str  # YYYY-MM
    due: Decimal
    paid: Decimal | None
    difference: Decimal | None  # paid − due; None when not judged
    status: CheckStatus
    claimable: bool | None  # None when not judged
    projected: bool  # its SMIC is a projection (the data not yet checked for that month)
    rules: tuple[CheckRule, ...]


@dataclass(frozen=True, slots=True)
class ClaimWindow:
    """The days on which the months whose pay can still be claimed fall due (both included)."""

    __pydantic_config__ = JSON_KEYS

    from_: date
    to: date


@dataclass(frozen=True, slots=True)
class PayCheck:
    """`deis-pay check`: the months, the totals over the judged months, the claim window."""

    __pydantic_config__ = JSON_KEYS

    schema_version: int
    inputs: ContractInputs
    today: date
    months: tuple[CheckMonth, ...]
    total_due: Decimal  # over the judged months (ok, underpaid, overpaid)
    total_paid: Decimal  # the same months
    total_shortfall: Decimal
    total_overpaid: Decimal
    total_claimable: Decimal
    claim_window: ClaimWindow | None  # None: the contract ended more than three years ago
    sources: tuple[SourceRef, ...]
    data_verified_through: date
    warnings: tuple[str, ...]  # the sentences of `notices`, in the language of the output
    notices: tuple[Notice, ...]
    data: DataInfo
    # Every input and where it came from (rules/assumptions.py), filled by the edge that
    # knows what was given.
    assumptions: tuple[Assumption, ...] = ()


def claim_window(last_day: date, today: date) -> ClaimWindow | None:
    """Art. L3245-1: the three years before `today`, or, the contract ended on `last_day`,
    the three years before its end when `today` is within three years of it; else None."""
    if today <= last_day:
        return ClaimWindow(add_years(today, -CLAIM_YEARS), today)
    if today <= add_years(last_day, CLAIM_YEARS):
        return ClaimWindow(add_years(last_day, -CLAIM_YEARS), last_day)
    return None


# A month judged: its 1st, its due, what was paid (None: not given), its status and whether it
# can still be claimed (None when not judged).
Judged = tuple[date, Decimal, Decimal | None, CheckStatus, bool | None]


@dataclass(frozen=True, slots=True)
class CheckTotals:
    """A check without its months (what a batch line carries): the totals over the judged
    months, the claim window, how many months have each status, and the notices of the check
    itself (not those of the schedule)."""

    total_due: Decimal
    total_paid: Decimal
    total_shortfall: Decimal
    total_overpaid: Decimal
    total_claimable: Decimal
    claim_window: ClaimWindow | None
    months_by_status: tuple[tuple[CheckStatus, int], ...]  # every status, in `STATUSES` order
    notices: tuple[Notice, ...]


STATUSES: tuple[CheckStatus, ...] = ("ok", "underpaid", "overpaid", "not_given", "absence")


def check_pay(
    inputs: ContractInputs, paid: Iterable[PaidMonth], today: date, data: Dataset
) -> PayCheck:
    """What `paid` is against the minimum of the checked contract `inputs` (see
    `check_contract`), and what can be claimed on `today`. Raises `InputError` for a month
    outside the contract or given twice, and an amount below zero or absurd."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    key = pay_key(inputs, data, birth)
    schedule = schedule_of(inputs, data, birth, pay_of(key, data))
    window = claim_window(inputs.last_day, today)
    dues = [(month.segments[0].from_.replace(day=1), month.gross) for month in schedule.months]
    judged = _judge(dues, paid, window)
    totals = _totals(inputs, judged, window, today)
    contract = Contract(key, data)
    months: list[CheckMonth] = []
    last_right: date | None = None  # the last day of the last month paid at least its due
    for month, (first, due, amount, status, claimable) in zip(schedule.months, judged, strict=True):
        difference = None if claimable is None or amount is None else amount - due
        rules: tuple[CheckRule, ...] = ()
        if status == "underpaid" and amount is not None:
            rules = _causes(month, amount, schedule.changes, last_right, contract, schedule)
        elif claimable is not None:
            last_right = last_of_month(first)
        months.append(CheckMonth(month.month, due, amount, difference, status, claimable,
                                 month.projected, rules))  # fmt: skip
    rule_sources = [rule.source for m in months for rule in m.rules]
    ids = dict.fromkeys([SOURCE_PAY_COMPARED, SOURCE_WAGE_CLAIM, *rule_sources])
    sources = (*(source_ref(data, i) for i in ids), *schedule.sources)
    return PayCheck(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        today=today,
        months=tuple(months),
        total_due=totals.total_due,
        total_paid=totals.total_paid,
        total_shortfall=totals.total_shortfall,
        total_overpaid=totals.total_overpaid,
        total_claimable=totals.total_claimable,
        claim_window=window,
        sources=tuple({ref.id: ref for ref in sources}.values()),
        data_verified_through=data.verified_through,
        warnings=(),
        notices=(*schedule.notices, *totals.notices),
        data=data.info,
    )


def check_totals(
    inputs: ContractInputs, paid: Iterable[PaidMonth], today: date, data: Dataset
) -> CheckTotals:
    """`check_pay`'s totals, window and own notices, without building the schedule's months
    (the month grosses read from the same pieces: `month_grosses`): what a batch line of
    `--paid-file` writes. The same errors."""
    birth = birth_terms(inputs.birth_date, inputs.start, inputs.last_day, data)
    dues = month_grosses(month_pieces(Contract(pay_key(inputs, data, birth), data).stretches()))
    window = claim_window(inputs.last_day, today)
    return _totals(inputs, _judge(dues, paid, window), window, today)


def _judge(
    dues: Sequence[tuple[date, Decimal]], paid: Iterable[PaidMonth], window: ClaimWindow | None
) -> list[Judged]:
    """Each month of the contract (its 1st and its due) against what was paid."""
    given = _paid_by_month(paid, dues[0][0], dues[-1][0])
    judged: list[Judged] = []
    for first, due in dues:
        entry = given.get(first)
        if entry is None:
            judged.append((first, due, None, "not_given", None))
        elif entry.absence:
            judged.append((first, due, entry.gross, "absence", None))
        else:
            amount = entry.gross
            status: CheckStatus = (
                "ok" if amount == due else "underpaid" if amount < due else "overpaid"
            )
            # The pay of a month is due on its last day (convention of docs/check.md).
            claimable = window is not None and window.from_ <= last_of_month(first) <= window.to
            judged.append((first, due, amount, status, claimable))
    return judged


def _totals(
    inputs: ContractInputs, judged: Sequence[Judged], window: ClaimWindow | None, today: date
) -> CheckTotals:
    """The sums over the judged months (ok, underpaid, overpaid), and the check's notices."""
    due = paid = shortfall = overpaid = claim = _ZERO
    counts = dict.fromkeys(STATUSES, 0)
    for _, month_due, amount, status, claimable in judged:
        counts[status] += 1
        if claimable is None or amount is None:
            continue
        due += month_due
        paid += amount
        if status == "underpaid":
            shortfall += month_due - amount
            if claimable:
                claim += month_due - amount
        elif status == "overpaid":
            overpaid += amount - month_due
    return CheckTotals(
        total_due=due,
        total_paid=paid,
        total_shortfall=shortfall,
        total_overpaid=overpaid,
        total_claimable=claim,
        claim_window=window,
        months_by_status=tuple(counts.items()),
        notices=tuple(_notices(inputs, judged, window, shortfall, overpaid, today)),
    )


def _paid_by_month(paid: Iterable[PaidMonth], first: date, last: date) -> dict[date, PaidMonth]:
    """The months given, by their 1st, each checked: within the contract's months (`first` to
    `last`), once, and an amount a payslip can hold."""
    found: dict[date, PaidMonth] = {}
    for entry in paid:
        month = entry.month.replace(day=1)
        if not first <= month <= last:
            raise InputError("paid_month_outside", "paid", month=_shown(month),
                             first=_shown(first), last=_shown(last))  # fmt: skip
        if month in found:
            raise InputError("paid_month_twice", "paid", month=_shown(month))
        gross = entry.gross
        if not gross.is_finite() or gross < 0:
            raise InputError("paid_negative", "paid", month=_shown(month), value=str(gross))
        if gross > MOST_PAID:
            raise InputError("paid_too_large", "paid", month=_shown(month), value=str(gross),
                             limit=MOST_PAID)  # fmt: skip
        found[month] = entry
    return found


def _shown(month: date) -> str:
    """A month as people write it on a payslip: `09/2025`."""
    return f"{month.month:02d}/{month.year}"


def _causes(
    month: Month,
    paid: Decimal,
    changes: Sequence[Change],
    last_right: date | None,
    contract: Contract,
    schedule: Schedule,
) -> tuple[CheckRule, ...]:
    """Why a month is underpaid. The changes of the schedule since the last month paid at least
    its due (or since the start) are the suspects; the answer is the fewest kinds of them
    (SMIC, age bracket, contract year) whose not being applied gives exactly what was paid,
    within `_SAME`: the pay "as if" the employer had kept the SMIC, the bracket or the year of
    before. A month whose pay matches none is paid below its own rate: the rule of that rate
    is named (or a change of base or rule among the suspects, which cannot be undone alone)."""
    first = month.segments[0].from_
    end = last_of_month(first)
    since = last_right or date.min
    suspects = [change for change in changes if since < change.date_ <= end]
    whole = len(month.segments) == 1 and month.segments[0].days == end.day
    if suspects and whole:
        for kinds in _KIND_SETS:
            chosen = [c for c in suspects if c.kind in kinds]
            if {c.kind for c in chosen} != set(kinds):
                continue
            rate = _rate_without(chosen, first, contract)
            if rate is not None and abs(paid - rate) <= _SAME:
                return tuple(_rule_of(c) for c in chosen)
    others = [c for c in suspects if c.kind in ("base", "rule")]
    if others or (suspects and not whole):
        return tuple(_rule_of(c) for c in (others or suspects))
    segment = month.segments[-1]
    start = _rule_since(segment.rule, changes, end, schedule.inputs.start)
    source = contract.grid.source if segment.rule == "SSSMS" else segment.rule
    return (CheckRule("rate", start, "", segment.rule, source),)


# What a payslip may differ by from an exact computation of the same rate (rounding).
_SAME = Decimal("0.10")
# The kinds of change whose not being applied is tried, fewest first.
_KIND_SETS: tuple[tuple[ChangeKind, ...], ...] = (
    ("smic",), ("age_bracket",), ("contract_year",),
    ("smic", "age_bracket"), ("smic", "contract_year"), ("age_bracket", "contract_year"),
    ("smic", "age_bracket", "contract_year"),
)  # fmt: skip


def _rule_of(change: Change) -> CheckRule:
    return CheckRule(change.kind, change.date_, change.before, change.after, change.source)


def _rate_without(chosen: Sequence[Change], day: date, contract: Contract) -> Decimal | None:
    """The monthly rate of `day` had none of the `chosen` changes been applied: each kind back
    to its value before the first of them."""
    year, age, smic_index, prolonged = contract.index_on(day)
    for kind in {c.kind for c in chosen}:
        earliest = min((c for c in chosen if c.kind == kind), key=lambda c: c.date_)
        if kind == "contract_year":
            year = int(earliest.before)
        elif kind == "age_bracket":
            age = next(first for first, label in BRACKETS if label == earliest.before)
        else:  # smic
            smic_index = contract.index_on(earliest.date_ - ONE_DAY)[2]
            if smic_index < 0:
                return None
    return contract.terms_at(year, age, smic_index, prolonged).monthly_rate


def _rule_since(rule: str, changes: Sequence[Change], end: date, start: date) -> date:
    """The day the rule of a month's rate took effect: its last change to it, or the start."""
    days = [c.date_ for c in changes if c.kind == "rule" and c.after == rule and c.date_ <= end]
    return max(days, default=start)


def _notices(
    inputs: ContractInputs,
    judged: Sequence[Judged],
    window: ClaimWindow | None,
    shortfall: Decimal,
    overpaid: Decimal,
    today: date,
) -> list[Notice]:
    found: list[Notice] = []
    if window is None:
        found.append(notice("claim_time_barred", "today", end=inputs.last_day,
                            until=add_years(inputs.last_day, CLAIM_YEARS)))  # fmt: skip
    barred = [due - (paid or _ZERO) for _, due, paid, status, claimable in judged
              if status == "underpaid" and not claimable]  # fmt: skip
    if barred and window is not None:
        found.append(notice("claim_months_barred", None, months=len(barred),
                            amount=sum(barred, _ZERO), first=window.from_))  # fmt: skip
    if shortfall and overpaid:
        found.append(notice("overpaid_not_netted", None, overpaid=overpaid))
    absences = sum(1 for month in judged if month[3] == "absence")
    if absences:
        found.append(notice("absence_not_judged", None, months=absences))
    this_month = today.replace(day=1)
    later = sum(1 for month in judged if month[2] is not None and month[0] > this_month)
    if later:
        found.append(notice("paid_after_today", "today", months=later, today=today))
    if not any(month[2] is not None for month in judged):
        found.append(notice("nothing_paid_given", "paid"))
    # The convention of L3245-1's window, said wherever a window is computed.
    if window is not None:
        found.append(notice("claim_window_rule", None, first=window.from_, last=window.to))
    return found
