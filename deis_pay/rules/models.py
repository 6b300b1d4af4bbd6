"""The result types of a schedule: the public, documented shape of deis-pay's main output.

Frozen standard-library dataclasses, which pydantic validates, serialises and describes as JSON
Schema (`pydantic.TypeAdapter(Schedule)`) when asked, without the ~30 ms that importing
`pydantic.BaseModel` costs every one-shot command (docs/performance.md). JSON keys are the field
names, less a trailing underscore (`from_` is written `from`). The other commands' results sit
next to the code that builds them (compare.py, reference.py, cerfa.py, check.py), so that a
schedule does not pay for defining them.

What a person reads is said by the edges, not by the core: a result holds its warnings and
notes as `Notice` values (`notices`: code, field, params), and its sentence fields (`warnings`,
an aid's `reason`) are empty until `messages.spoken` fills them in the chosen language, as
every writer does before writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from deis_pay.core.notices import Notice
from deis_pay.data.records import JSON_KEYS as JSON_KEYS
from deis_pay.data.records import AgeBracket, DataInfo, GridId, Territory

Base = Literal["smic", "smc"]
ChangeKind = Literal["contract_year", "age_bracket", "smic", "base", "rule"]
# Which rule set a segment's rate (art. of the Code du travail, or the SSSMS branch grid): the
# grid ("D6222-26" or "SSSMS"), a prolongation after a failed exam ("D6222-28"), the floor of a
# previous contract ("D6222-29"), +15 points for a related diploma ("D6222-30"), the
# licence professionnelle ("D6222-32"), the RQTH extension ("R6222-48").
Rule = Literal["D6222-26", "SSSMS", "D6222-28", "D6222-29", "D6222-30", "D6222-32", "R6222-48"]
ProlongationReason = Literal["exam", "rqth"]

SCHEMA_VERSION = 1

Origin = Literal["given", "default", "derived"]
AssumedValue = str | int | Decimal | date | bool | None


@dataclass(frozen=True, slots=True)
class Assumption:
    """One input of a result: `field` is its key in `inputs` (or `employer`), `value` what was
    used, `origin` where it came from (`given` by the user, a `default` deis-pay chose, or
    `derived` from other inputs), `notice` the code of the notice that says a default or a
    derived value that changes a figure (None when nothing needs saying). Built by
    rules/assumptions.py; here so that every result type can hold a tuple of them."""

    __pydantic_config__ = JSON_KEYS

    field: str
    value: AssumedValue
    origin: Origin
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    """What the apprentice did before this contract, and its prolongation: what raises the
    minimum above the grid of a first contract (docs/history.md).

    - `previous_start`, `previous_end` (with `previous_grid`, default the contract's, and
      `previous_cycle_start_year`, default 1): a previous apprenticeship contract that led to
      its diploma — its last day's minimum is a floor (art. D6222-29);
    - `previous_percent`: the % of the SMIC actually paid at its end, when higher;
    - `same_level_related`: a contract of 12 months at most for a diploma of the same level,
      in direct relation with the previous one: +15 points (art. D6222-30), the previous
      diploma lasting `previous_diploma_years` (default: from the previous contract);
    - `licence_pro`: a licence professionnelle, paid at least the year-2 rate (art. D6222-32);
    - `prolonged_to`: the contract prolonged to that day, after a failed exam
      (`prolongation_reason` "exam", the default: art. L6222-11, D6222-28) or for a recognised
      disability ("rqth": art. R6222-48).
    """

    __pydantic_config__ = JSON_KEYS

    previous_start: date | None = None
    previous_end: date | None = None
    previous_grid: GridId | None = None
    previous_cycle_start_year: int | None = None
    previous_percent: Decimal | None = None
    same_level_related: bool = False
    previous_diploma_years: int | None = None
    licence_pro: bool = False
    prolonged_to: date | None = None
    prolongation_reason: ProlongationReason | None = None


NO_HISTORY = History()


@dataclass(frozen=True, slots=True)
class ContractInputs:
    """The contract as understood, after defaults were applied. `end` is the contract's end as
    concluded; a prolongation (`history.prolonged_to`) moves its last day (`last_day`)."""

    __pydantic_config__ = JSON_KEYS

    birth_date: date
    start: date
    end: date
    grid: GridId
    smc: Decimal | None
    territory: Territory
    cycle_start_year: int
    history: History = NO_HISTORY

    @property
    def last_day(self) -> date:
        return self.history.prolonged_to or self.end


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one calendar month with the same contract year, age bracket and base."""

    __pydantic_config__ = JSON_KEYS

    from_: date
    to: date
    days: int
    contract_year: int
    age_bracket: AgeBracket
    rate_percent: Decimal
    base: Base
    base_amount: Decimal
    monthly_rate: Decimal
    gross: Decimal
    pay_year: int  # the year of the grid the rate is taken from
    rule: Rule


@dataclass(frozen=True, slots=True)
class Month:
    __pydantic_config__ = JSON_KEYS
    month: str
    gross: Decimal
    projected: bool
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class ContractYearTotal:
    __pydantic_config__ = JSON_KEYS
    year: int
    from_: date
    to: date
    gross: Decimal


@dataclass(frozen=True, slots=True)
class CalendarYearTotal:
    __pydantic_config__ = JSON_KEYS
    year: int
    gross: Decimal


@dataclass(frozen=True, slots=True)
class Aid:
    __pydantic_config__ = JSON_KEYS
    id: str
    name: str
    amount: Decimal
    eligible: bool
    request_from: date | None
    request_to: date | None
    reason: str  # the sentence of `reason_notice`, in the language of the output
    source: str
    reason_notice: Notice


@dataclass(frozen=True, slots=True)
class SourceRef:
    __pydantic_config__ = JSON_KEYS
    id: str
    title: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """A change of pay rate during the contract (for --explain)."""

    __pydantic_config__ = JSON_KEYS

    date_: date  # JSON key "date"; the underscore keeps the name apart from the type
    kind: ChangeKind
    before: str
    after: str
    monthly_rate_before: Decimal
    monthly_rate_after: Decimal
    source: str
    # The rule that sets the monthly rate from that day (as `Segment.rule`): a contract year
    # that changes under the floor of a previous contract leaves the rate to art. D6222-29,
    # not to the grid (then `source` is that rule's too).
    rule: Rule | None = None


@dataclass(frozen=True, slots=True)
class ScheduleTotals:
    """A schedule's totals without its months, changes and sources: what `batch --detail
    summary` writes. Computed without the months (`pay.totals_for`), equal to the
    same fields of the `Schedule` (a property test checks it)."""

    __pydantic_config__ = JSON_KEYS
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    aids: tuple[Aid, ...]
    warnings: tuple[str, ...]
    notices: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class Schedule:
    __pydantic_config__ = JSON_KEYS
    schema_version: int
    inputs: ContractInputs
    months: tuple[Month, ...]
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    aids: tuple[Aid, ...]
    changes: tuple[Change, ...]
    sources: tuple[SourceRef, ...]
    data_verified_through: date
    projected_from: date | None
    warnings: tuple[str, ...]  # the sentences of `notices`, in the language of the output
    notices: tuple[Notice, ...]
    data: DataInfo  # the data used: its version, verified-through date, a user's overlay
    # Every input of the contract, its value and where it came from (rules/assumptions.py);
    # filled by the edge that knows what was given (the CLI, the library, the batch).
    assumptions: tuple[Assumption, ...] = ()


# The history's fields, as CLI options (--previous-start…) and batch columns (previous_start…).
HISTORY_FIELDS = (
    "previous_start",
    "previous_end",
    "previous_grid",
    "previous_cycle_start_year",
    "previous_percent",
    "same_level_related",
    "previous_diploma_years",
    "licence_pro",
    "prolonged_to",
    "prolongation_reason",
)
