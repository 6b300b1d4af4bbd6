"""One contract of a batch computed and written as one line (JSON) or row (CSV): its
schedule or its totals, what `--with` adds, the check of what it was paid (`--paid-file`), or
its error.

For every input record, exactly one output record, in input order, with the record's `id` and
`line`; a bad record becomes `"ok": false` with its `error`, `error_code` and `field`, whatever
it holds. A summary line is written directly from what the rules give, and what contracts
share (the pay of equal pay keys, the sentences, the employer) is kept in the tables below
(core/memo.py) and written once.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from deis_pay.batch.read import EMPLOYER_COLUMNS, FIELD_COLUMNS, Record, paid_months
from deis_pay.core.errors import InputError
from deis_pay.core.memo import Memo
from deis_pay.core.notices import Notice, notice
from deis_pay.core.values import parse_date
from deis_pay.data.records import Dataset, key_of
from deis_pay.i18n.language import language, tr
from deis_pay.i18n.messages import NOTES, one_line, said_aids, say, spoken
from deis_pay.input.columns import CATEGORIES
from deis_pay.input.scenarios import EMPLOYER_FIELDS
from deis_pay.input.text import contract_from_text, employer_from_text
from deis_pay.present.export import (
    CSV_COLUMNS,
    dumps_line,
    fields_line,
    json_number,
    month_row,
    neutral,
    quote,
    scalar_line,
    to_plain,
)
from deis_pay.rules.assumptions import (
    CONTRACT_FIELDS,
    Assumption,
    contract_assumptions,
    employer_assumptions,
)
from deis_pay.rules.assumptions import (
    assumed as with_assumptions,
)
from deis_pay.rules.check import (
    STATUSES,
    CheckTotals,
    PaidMonth,
    PayCheck,
    check_pay,
    check_totals,
)
from deis_pay.rules.cost import Cost, CostTotals, compute_cost, cost_totals
from deis_pay.rules.employer import Employer, health_shares
from deis_pay.rules.models import (
    HISTORY_FIELDS,
    NO_HISTORY,
    Aid,
    ContractInputs,
    Schedule,
    ScheduleTotals,
)
from deis_pay.rules.net import NetPay, net_pay, net_totals
from deis_pay.rules.pay import (
    MonthRun,
    PayTotals,
    aid_of,
    licence_aid,
    licence_aid_case,
    month_runs,
    pay_totals,
    schedule_for,
    totals_for,
    totals_of,
)
from deis_pay.rules.terms import BirthTerms, PayKey, birth_terms, pay_key

OutFormat = Literal["jsonl", "csv"]
Detail = Literal["summary", "months"]


@dataclass(frozen=True, slots=True)
class Extras:
    """What `--with` adds to each contract: the apprentice's net pay (`schedule --net`), the
    employer's cost (`cost`); `employer`: the employer options given for every row, as text
    (a row's own columns of the same names win)."""

    net: bool = False
    cost: bool = False
    employer: tuple[tuple[str, str], ...] = ()


NO_EXTRAS = Extras()


@dataclass(frozen=True, slots=True)
class Audit:
    """`--paid-file`: the file's name, the day of the claim (`--today`) and the pay rows by
    contract id (`read.read_paid`: the whole file's in one process, only those of a chunk's
    ids sent to a worker with the chunk)."""

    path: str
    today: date
    paid: Mapping[str, bytes | Notice]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one record: its schedule, or the notice saying why there is none."""

    record: Record
    schedule: Schedule | ScheduleTotals | None  # the totals only for a summary without --with
    error: Notice | None
    net: NetPay | None = None
    cost: Cost | CostTotals | None = None
    inputs: ContractInputs | None = None
    # A summary JSON line after its head (`_summary_head`), written at once (`compute` with
    # `as_text`), without its objects, and what it read of the birth date (`_SharedLines`).
    # Left open (no closing brace, no newline): its assumptions, the check of `--paid-file`
    # and the data follow it (`json_line`), with no copy of it cut short for each line.
    body: str | None = None
    birth: object = None
    check: dict[str, Any] | None = None  # with `--paid-file`: `audited`
    assumed: Assumed | None = None  # what it assumed (`record_assumed`), when computed

    @property
    def ok(self) -> bool:
        return self.schedule is not None or self.body is not None


def compute(
    record: Record,
    data: Dataset,
    extras: Extras = NO_EXTRAS,
    *,
    summary: bool = False,
    known: ContractInputs | None = None,
    as_text: bool = False,
    terms: BirthTerms | None = None,
    audit: Audit | None = None,
    assumed: Assumed | None = None,
) -> Outcome:
    """A record's schedule, its warnings said in the current language; any failure, even a
    bug, becomes the record's error (a batch never stops on a record). With `summary` and no
    `extras`, only its totals (`totals_for`: the same figures, without building the months);
    with `as_text` too, whatever the `extras`, the line is written at once instead (its
    `Outcome.body`, for the summary JSON lines: `_summary_text`). `known`: the contract as
    already read from these cells (see `_SharedLines.read`). With `audit` (`--paid-file`),
    its `check` too (`audited`): a bad pay row of its id fails the record. `assumed`: what
    a record of the same cells but the id and birth date assumed (`_SharedLines.read`)."""
    outcome = _computed(record, data, extras, summary, known, as_text, terms, assumed)
    if audit is None or outcome.inputs is None or not outcome.ok:
        return outcome
    # (The schedule's notices, when the outcome has them: the check gives them first.)
    # (With its months: the schedule's notices, which the check gives first, are the line's;
    # those of its assumptions, which the check does not give, follow them.)
    added = len(outcome.assumed.notices) if outcome.assumed is not None else 0
    told = None if summary or outcome.schedule is None else len(outcome.schedule.notices) - added
    try:
        check = audited(record.id, outcome.inputs, data, audit, told)
    except Exception as exc:  # (a bug too: this record fails, the others are still computed)
        return failed_outcome(record, exc)
    return dataclasses.replace(outcome, check=check)


def _computed(
    record: Record,
    data: Dataset,
    extras: Extras,
    summary: bool,
    known: ContractInputs | None,
    as_text: bool,
    terms: BirthTerms | None,
    assumed: Assumed | None = None,
) -> Outcome:
    """`compute` but the check of `--paid-file`. Each result carries what the record assumed
    (`record_assumed`, computed after the figures: a bad cell fails the record with the
    message it always had) and the notices of its defaults, after its own."""
    if record.cells is None:
        return Outcome(record, None, record.error)
    cells = record.cells
    try:
        if not cells.get("id"):
            raise InputError("empty_id", "id")
        inputs = known or contract_from_text(data, cells)
        with_extras = extras.net or extras.cost
        if summary and as_text:
            body, birth, assumed = _summary_text(cells, inputs, data, extras, terms, assumed)
            return Outcome(record, None, None, inputs=inputs, body=body, birth=birth,
                           assumed=assumed)  # fmt: skip
        if summary and not with_extras:
            totals = totals_for(inputs, data)
            assumed = assumed or record_assumed(cells, inputs, data, extras)
            totals = dataclasses.replace(totals, notices=assumed.around(totals.notices))
            return Outcome(record, _spoken_totals(totals), None, inputs=inputs, assumed=assumed)
        if not with_extras:
            schedule = schedule_for(inputs, data)
            assumed = assumed or record_assumed(cells, inputs, data, extras)
            schedule = dataclasses.replace(schedule, notices=assumed.around(schedule.notices),
                                           assumptions=assumed.assumptions)  # fmt: skip
            return Outcome(record, spoken(schedule), None, inputs=inputs, assumed=assumed)
        if summary:  # (CSV) the totals of the schedule, net and cost, without their months
            return _summary_with(record, inputs, data, extras)
        schedule = spoken(schedule_for(inputs, data))
        texts, signed = _employer_texts(cells, extras, inputs)
        net = (
            net_pay(schedule, signed, data, health_of(texts, signed, data)) if extras.net else None
        )
        cost = (
            spoken(compute_cost(schedule, employer_of(texts, signed, data), data))
            if extras.cost
            else None
        )
        assumed = assumed or record_assumed(cells, inputs, data, extras)
        noticed = assumed.around(schedule.notices)
        schedule = spoken(
            dataclasses.replace(schedule, notices=noticed, assumptions=assumed.assumptions)
        )
        if isinstance(cost, Cost):  # (stated as `deis-pay cost` states them)
            notices = assumed.leading + assumed.employer[1]
            cost = spoken(with_assumptions(cost, assumed.assumptions, notices))
        return Outcome(record, schedule, None, net, cost, inputs, assumed=assumed)
    except Exception as exc:
        return failed_outcome(record, exc)


def failed_outcome(record: Record, exc: Exception) -> Outcome:
    """A record failed: an `InputError` says why; any other exception is a bug, and still
    fails this record only (the others are computed)."""
    if isinstance(exc, InputError):
        return Outcome(record, None, exc.notice)
    error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return Outcome(record, None, notice("internal_error", None, error=error))


# --- What a record assumed (rules/assumptions.py): its `assumptions`, and a note for each blank
# cell that took a default (`default_used`: field = the column, `value` = what was used).

# With `--with net` alone, the employer's fields a record states: those the net reads.
_NET_ASSUMED = ("health_cover", "health_employer_share_percent", "signed")
_BIRTH_HEAD = ',"assumptions":[{"field":"birth_date","value":"'
_BIRTH_TAIL = '","origin":"given","notice":null}'


@dataclass(frozen=True, slots=True)
class Assumed:
    """What a record assumed: `assumptions` (rules/assumptions.py: the contract's, then the
    employer's with `--with`), the notices of its defaults: `leading`, those of
    `contract_assumptions` (the default contract: said before the schedule's own, as
    `deis-pay schedule` says them) and `notes`, a `default_used` for each blank cell that took
    one (after them); the CSV `defaults` cell (the columns whose value deis-pay chose,
    `;`-separated); `after_birth`: the JSON of the assumptions after the birth date's, the
    same for every record of the same cells but the id and birth date (`json`); `notes_json`:
    the JSON of `notes`, added to a summary line's notices (`_PayWritten.said`); `employer`:
    with `--with cost`, the employer's assumptions and the notes of its defaults, for the
    `cost` object (as `deis-pay cost` gives them)."""

    assumptions: tuple[Assumption, ...]
    leading: tuple[Notice, ...]
    notes: tuple[Notice, ...]
    defaults: str
    after_birth: str
    notes_json: str = ""
    employer: tuple[tuple[Assumption, ...], tuple[Notice, ...]] = ((), ())

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.leading + self.notes

    def around(self, notices: tuple[Notice, ...]) -> tuple[Notice, ...]:
        """A result's own `notices` with those of the record's defaults around them."""
        return self.leading + notices + self.notes if self.leading or self.notes else notices

    def json(self, birth: date) -> str:
        """`,"assumptions":[…]` of a record born on `birth` (always given: the first one)."""
        return f"{_BIRTH_HEAD}{birth.isoformat()}{_BIRTH_TAIL}{self.after_birth}"


def record_assumed(
    cells: Mapping[str, str | None], inputs: ContractInputs, data: Dataset, extras: Extras
) -> Assumed:
    """What a record of these `cells` (its contract read as `inputs`) assumed: given = a cell
    that is not blank, or an employer option of `extras` (a row's cell wins over it, a blank
    one does not). A blank cell of a column the file has, that took a default or a value
    derived from the other cells, is a `default_used` note naming its column; a column the
    file does not have is stated in `assumptions` only (a note on every record would say the
    file's header again), but for the default contract, which `contract_assumptions` always
    says (`default_contract`, `end_derived`: warnings). A value of None is nothing assumed (no
    SMC: the legal minimum)."""
    given = [name for name, value in cells.items() if value is not None]
    found, told = contract_assumptions(inputs, given, data)
    assumptions, notices, notes, defaults = _stated(found, cells)
    assert assumptions[0].field == "birth_date"  # (`json` writes it for each record)
    texts = [_assumption_json(item) for item in assumptions[1:]]
    employer: tuple[tuple[Assumption, ...], tuple[Notice, ...]] = ((), ())
    if extras.net or extras.cost:
        stated = _employer_assumed(cells, inputs, data, extras)
        employer = stated.assumptions, stated.notes
        assumptions += stated.stated
        notices += stated.blank
        notes += stated.blank_json
        defaults += stated.defaults
        texts.append(stated.json)
    return Assumed(tuple(assumptions), told, tuple(notices), ";".join(defaults),
                   "".join(texts) + "]", ",".join(notes), employer)  # fmt: skip


def _stated(
    found: Sequence[Assumption], cells: Mapping[str, str | None]
) -> tuple[list[Assumption], list[Notice], list[str], list[str]]:
    """`found` as a record states them: a blank cell of a column the file has that took a
    default (or a value derived from other cells) gets a `default_used` note, and its
    assumption that note's code when it had none; with the notes as `dumps_line` writes them
    (tests/test_batch_assumptions.py compares), written directly (a column is a name of
    deis-pay's, nothing to escape), and the columns whose value deis-pay chose."""
    assumptions = list(found)
    notices: list[Notice] = []
    notes: list[str] = []
    defaults: list[str] = []
    for index, assumed in enumerate(assumptions):
        value, origin = assumed.value, assumed.origin
        if origin == "given" or value is None:
            continue
        field = assumed.field
        column = FIELD_COLUMNS.get(field, field)
        if origin == "default" or assumed.notice is not None:
            defaults.append(column)
        if column in cells:  # (blank: a cell given is `given`)
            notices.append(Notice("default_used", column, {"value": value}))
            notes.append('{"code":"default_used","field":"' + column + '","params":{"value":'
                         + scalar_line(value) + "}}")  # fmt: skip
            if assumed.notice is None:
                assumptions[index] = Assumption(field, value, origin, "default_used")
    return assumptions, notices, notes, defaults


def _assumption_json(item: Assumption) -> str:
    """`,` and `dumps_line` of an assumption: its field, origin and notice are names of
    deis-pay's (no character to escape); its value as `dumps_line` writes it. (Written each
    time: kept in `SAID`, it took longer to find than to write.)"""
    notice = "null" if item.notice is None else '"' + item.notice + '"'
    return (f',{{"field":"{item.field}","value":{scalar_line(item.value)},'
            f'"origin":"{item.origin}","notice":{notice}}}')  # fmt: skip


def _employer_assumed(
    cells: Mapping[str, str | None], inputs: ContractInputs, data: Dataset, extras: Extras
) -> _EmployerStated:
    """The employer's part of `record_assumed` (`employer_assumptions`, as `deis-pay cost`
    states it: a field is given by a row's cell or an option), once its figures were computed
    (the cells were read then, and read alike: `employer_of`, kept, or the health cover of the
    net); with `--with net` alone, only the fields the net reads, and no notes (they are the
    cost's). Kept in `EXTRAS` by all it reads: the employer's options as written and the
    conclusion date, the contract's start (the AT/MP rate of that day) and which employer
    columns the file has (`_stated`): a few employers and starts in a batch."""
    texts, signed = _employer_texts(cells, extras, inputs)
    columns = tuple([name for name in _EMPLOYER_COLUMN_NAMES if name in cells])
    # (The options as written, not the employer they give: 2.5 and 2.50 are one rate, each
    # written as given.)
    key = ("employer assumed", data, tuple(texts.items()), signed, inputs.start, extras.cost,
           columns)  # fmt: skip
    kept = EXTRAS.get(key)
    if isinstance(kept, _EmployerStated):
        return kept
    if extras.cost:
        employer = employer_of(texts, signed, data)
    else:
        health = {"health_cover": texts.get("health_cover"),
                  "health_employer_share_percent": texts.get("health_employer_share")}  # fmt: skip
        employer = employer_from_text(data, health, signed)
    given = tuple([name for name in _EMPLOYER_NAMES if FIELD_COLUMNS.get(name, name) in texts])
    found, notes = employer_assumptions(employer, given, inputs, data)
    if not extras.cost:
        found, notes = tuple([item for item in found if item.field in _NET_ASSUMED]), ()
    stated, blank, blank_json, defaults = _stated(found, cells)
    json = "".join([_assumption_json(item) for item in stated])
    made = _EmployerStated(found, notes, tuple(stated), tuple(blank), tuple(blank_json),
                           tuple(defaults), json)  # fmt: skip
    EXTRAS.put(key, made)
    return made


@dataclass(frozen=True, slots=True)
class _EmployerStated:
    """What `_employer_assumed` found, as kept in `EXTRAS`: the employer's assumptions and the
    notes of its defaults (`employer_assumptions`), then as the record states them
    (`_stated`: `stated`, the `default_used` notes of its blank cells and their JSON, the
    columns defaulted) and the JSON of `stated`."""

    assumptions: tuple[Assumption, ...]
    notes: tuple[Notice, ...]
    stated: tuple[Assumption, ...]
    blank: tuple[Notice, ...]
    blank_json: tuple[str, ...]
    defaults: tuple[str, ...]
    json: str


_EMPLOYER_NAMES = tuple(field.name for field in dataclasses.fields(Employer))
_EMPLOYER_COLUMN_NAMES = tuple(FIELD_COLUMNS.get(name, name) for name in _EMPLOYER_NAMES)


def _assumed_json(outcome: Outcome) -> str:
    """`,"assumptions":[…]` of a record computed, or nothing (a failed record)."""
    if outcome.assumed is None or outcome.inputs is None:
        return ""
    return outcome.assumed.json(outcome.inputs.birth_date)


# --- `--paid-file`: what each contract was paid, against its minimum (rules/check.py).

CHECK_TOTALS = ("total_due", "total_paid", "total_shortfall", "total_overpaid", "total_claimable")
# The errors the check raises on a month given, and the column of the pay file at fault.
_ROW_ERRORS = {"paid_month_outside": "month", "paid_month_twice": "month",
               "paid_negative": "gross", "paid_too_large": "gross"}  # fmt: skip


def audited(
    record_id: str,
    inputs: ContractInputs,
    data: Dataset,
    audit: Audit,
    told: int | None = None,
) -> dict[str, Any]:
    """The `check` of a record: its pay rows against its minimum, as `deis-pay check`
    computes them: the day of the claim, the totals, the claim window, the count of months of
    each status, the warnings and notices of the check itself; with `told` (the count of its
    schedule's notices, which the line has already, and which `check_pay` gives first) its
    months too (`check_pay`), else without building them (`check_totals`). A contract without
    pay rows has all its months `not_given`. Raises the error of the id's first bad pay row,
    or the one the check raises, naming the pay row at fault."""
    entry = audit.paid.get(record_id, b"")
    if isinstance(entry, Notice):
        raise InputError(entry.code, entry.field, **entry.params)
    rows = paid_months(entry)
    given = [paid for _, paid in rows]
    try:
        if told is None:
            totals = check_totals(inputs, given, audit.today, data)
            found: CheckTotals | PayCheck = totals
            window = totals.claim_window
            counts = dict(totals.months_by_status)
            own = totals.notices
        else:
            check = check_pay(inputs, given, audit.today, data)
            found, window = check, check.claim_window
            counts = dict.fromkeys(STATUSES, 0)
            for month in check.months:
                counts[month.status] += 1
            own = check.notices[told:]
    except InputError as exc:
        raise _at_row(exc, rows, audit.path) from None
    plain: dict[str, Any] = {"today": audit.today}
    for name in CHECK_TOTALS:
        plain[name] = getattr(found, name)
    plain["claim_window"] = window
    plain["months_by_status"] = counts
    plain["warnings"] = _check_warnings(own)
    plain["notices"] = own
    if told is not None:
        plain["months"] = check.months
    return plain


def check_json(check: dict[str, Any]) -> str:
    """`,"check":` and `dumps_line` of a summary's `audited`, written directly (a batch writes
    one per contract): its sentences as kept in `SAID` (`_notices_text`)."""
    window = check["claim_window"]
    counts = ",".join([f'"{status}":{n}' for status, n in check["months_by_status"].items()])
    return (
        f',"check":{{"today":"{check["today"].isoformat()}",'
        + ",".join([f'"{name}":{json_number(check[name])}' for name in CHECK_TOTALS])
        + ',"claim_window":'
        + ("null" if window is None else f'{{"from":"{window.from_}","to":"{window.to}"}}')
        + f',"months_by_status":{{{counts}}}'
        + _notices_text(check["notices"], language())
        + "}"
    )


def _at_row(exc: InputError, rows: list[tuple[int, PaidMonth]], path: str) -> InputError:
    """`check_pay`'s error on a month given, with the column, the file and the line of its
    row (the second one of a month given twice), said by `said_error`."""
    column = _ROW_ERRORS.get(exc.code)
    month = exc.params.get("month")  # (as `check_pay` shows it: 09/2025)
    lines = [line for line, paid in rows if paid.month.strftime("%m/%Y") == month]
    if column is None or not lines:
        return exc
    line = lines[1] if exc.code == "paid_month_twice" and len(lines) > 1 else lines[0]
    return InputError(exc.code, column, **exc.params, path=path, paid_line=line)


def _check_warnings(notices: tuple[Notice, ...]) -> tuple[str, ...]:
    """The warnings of a check's own notices, said as `spoken` says them, kept in `SAID` (a
    claim window, a count of months: few sets in a batch)."""
    key = ("check", notices, language())
    said = SAID.get(key)
    if said is None:
        said = SAID.put(key, ((), tuple([say(n) for n in notices if n.code not in NOTES])))
    assert isinstance(said, tuple)
    return said[1]


def said_error(error: Notice) -> str:
    """A failed record's `error`: its sentence, its field named as a column; for a month of the
    pay file the check refused, after the column, the file and the line (`_at_row`)."""
    text = say(error, FIELD_COLUMNS)
    column = FIELD_COLUMNS.get(error.field or "", error.field or "")
    if error.code == "unknown_choice" and column in CATEGORIES:
        # An export's own word for a known value (`CCN 66` for sssms): --values maps it.
        return tr("{error} ; un libellé de l'export se lit avec --values "
                  "\"{column}:{value}=VALEUR\"", error=text, column=column,
                  value=error.params.get("value", ""))  # fmt: skip
    line = error.params.get("paid_line")
    if line is None:
        return text
    path = one_line(str(error.params.get("path")))
    return tr("{field} : {path}, ligne {line} : {error}", field=error.field, path=path,
              line=line, error=text)  # fmt: skip


def _summary_with(record: Record, inputs: ContractInputs, data: Dataset, extras: Extras) -> Outcome:
    """`compute`'s outcome of a summary with `--with`, its net and cost computed by runs of
    months (`net.net_totals`, `cost.cost_totals`: the same totals and errors, in the same
    order, as `net_pay` and `compute_cost` of the whole schedule)."""
    assert record.cells is not None
    totals = totals_for(inputs, data)
    texts, signed = _employer_texts(record.cells, extras, inputs)
    net = (
        net_totals(inputs, totals, signed, data, health_of(texts, signed, data))
        if extras.net
        else None
    )
    cost = (
        spoken(cost_totals(inputs, totals, employer_of(texts, signed, data), data))
        if extras.cost
        else None
    )
    assumed = record_assumed(record.cells, inputs, data, extras)
    if cost is not None:  # (the notes of the employer's defaults, as `deis-pay cost` says them)
        cost = spoken(dataclasses.replace(cost, notices=assumed.employer[1] + cost.notices))
    totals = dataclasses.replace(totals, notices=assumed.around(totals.notices))
    return Outcome(record, _spoken_totals(totals), None, net, cost, inputs, assumed=assumed)


def _data_tail(data: Dataset) -> str:
    """The end of a summary line: the data used (`data`, as a line of months has it from its
    schedule) and the closing brace."""
    return ',"data":' + dumps_line(data.info) + "}\n"


def json_line(outcome: Outcome, detail: Detail, data_tail: str) -> str:
    """One JSON line: `id`, `line`, `ok`, then the result (or `error`, its `error_code` and the
    `field`: the column at fault, null when the line as a whole could not be read); a summary
    ends with `data_tail` (`_data_tail`, the same for every line of a run), after the check of
    `--paid-file` if any."""
    assumed = _assumed_json(outcome)
    if outcome.body is not None:
        check = "" if outcome.check is None else check_json(outcome.check)
        first = _summary_head(outcome.record)
        return f"{first}{outcome.body}{assumed}{check}{data_tail}"  # (one string built)
    head: dict[str, Any] = {"id": outcome.record.id, "line": outcome.record.line}
    schedule = outcome.schedule
    if schedule is None:
        error = _error(outcome)
        field = FIELD_COLUMNS.get(error.field or "", error.field)
        failed = {"ok": False, "error": said_error(error), "error_code": error.code,
                  "field": field}  # fmt: skip
        return dumps_line({**head, **failed}) + "\n"
    extra = _extra(outcome, detail)
    if detail == "months":
        # (Its `assumptions` are the schedule's, where `deis-pay schedule` writes them.)
        return dumps_line({**head, "ok": True, **to_plain(schedule), **extra}) + "\n"
    check = extra.pop("check", None)
    closing = ("," + dumps_line(extra)[1:] if extra else "}")[:-1] + assumed
    closing += "," + dumps_line({"check": check})[1:] if check is not None else "}"
    return _summary_head(outcome.record) + _summary_body(schedule, closing)[:-2] + data_tail


def _extra(outcome: Outcome, detail: Detail) -> dict[str, Any]:
    """What `--with` adds: all of it with the months, else its totals; then the check of
    `--paid-file`."""
    extra: dict[str, Any] = {}
    if outcome.net is not None:
        extra["net"] = outcome.net if detail == "months" else _net_totals(outcome.net)
    if outcome.cost is not None:
        extra["cost"] = outcome.cost if detail == "months" else _cost_totals(outcome.cost)
    if outcome.check is not None:
        extra["check"] = outcome.check
    return extra


def _summary_head(record: Record) -> str:
    return f'{{"id":{quote(record.id)},"line":{record.line},"ok":true,'


def _summary_body(schedule: Schedule | ScheduleTotals, closing: str) -> str:
    """What follows the head of a summary line, from a schedule said (`spoken`) or its totals
    (`_spoken_totals`): the same for contracts that differ only by their id and line, or by
    birth dates of equal `BirthTerms` (see `_SharedLines`). `closing`: what `--with` adds, if
    anything, and the closing brace."""
    return _write_totals(schedule) + _said_fragment(schedule) + closing + "\n"


def _summary_text(
    cells: dict[str, str | None],
    inputs: ContractInputs,
    data: Dataset,
    extras: Extras,
    birth: BirthTerms | None = None,
    assumed: Assumed | None = None,
) -> tuple[str, object, Assumed]:
    """`_summary_body` of the contract's `totals_for`, said, with what `--with` adds
    (`_extras_text`), left open (`Outcome.body`): the pay part kept written by pay key
    (`PAYS`), the sentences said once for all the contracts that share them
    (`_PayWritten.said`). The same line (tests/test_shared_lines.py compares them). And what
    the line read of the birth date: its `BirthTerms`, or the date itself when a previous
    contract reads it too (`previous_floor`); and what the record assumed (`assumed` if
    known, else `record_assumed`), its notices said with the line's."""
    start, last_day = inputs.start, inputs.last_day
    if birth is None:
        birth = birth_terms(inputs.birth_date, start, last_day, data)
    key = pay_key(inputs, data, birth)
    written = PAYS.get((data, key))
    pay = None
    if written is None:
        pay = pay_totals(key, data)
        written = PAYS.put((data, key), _PayWritten(_write_pay(pay), pay.notices, key))
    age_notices = birth.age_notices
    closing = ""
    if extras.net or extras.cost:

        def totals() -> tuple[ScheduleTotals, tuple[MonthRun, ...]]:
            # (computed when a `--with` text is not kept)
            nonlocal pay
            if pay is None:
                pay = pay_totals(key, data)
            aid = licence_aid(data, birth.licence_age_from, start, last_day)
            return totals_of(pay, aid, age_notices), month_runs(key, data)

        # (The key kept, an equal one: the `--with` texts' keys then share it, 0.2 KB each.)
        closing = _extras_text(cells, inputs, written.key, totals, data, extras)
    if assumed is None:
        assumed = record_assumed(cells, inputs, data, extras)
    said = written.said(data, birth.licence_age_from, age_notices, language(), assumed)
    read = birth if inputs.history is NO_HISTORY else inputs.birth_date
    return f"{written.text}{said}{closing}", read, assumed


def _employer_texts(
    cells: Mapping[str, str | None], extras: Extras, inputs: ContractInputs
) -> tuple[dict[str, str], date]:
    """The employer options of a row as text (those given for every row, its own cells
    winning) and the day the contract was signed (its start unless given)."""
    texts = dict(extras.employer)
    texts.update({name: value for name in EMPLOYER_COLUMNS if (value := cells.get(name))})
    signed = parse_date("signed", texts["signed"]) if "signed" in texts else inputs.start
    return texts, signed


# What a batch keeps of the lines it wrote, for the contracts that come back (core/memo.py),
# each table by all its texts depend on, at most so many entries: with the batch's own
# bound on what it holds (`batch.run`), a worker stays under 100 MB and one process under
# 150 MB for a million contracts (docs/performance.md).
#
# The pay part of a summary line (`_write_pay`), the pay's notices and the key (an equal one),
# by dataset and pay key (`rules.terms.PayKey`: equal keys, equal totals), about 1 KB each:
# as many as `size_pay_texts` says.
class _PayWritten:
    """What a batch keeps of a pay: its totals written (`_write_pay`), its notices, its key (an
    equal one), and the rest of its lines said in a language: the aids, by the day the aid's
    age condition is met (`BirthTerms.licence_age_from`: the contract's dates are the key's),
    and the warnings and notices, by the notices on the age at the start and those of the
    record's defaults (`Assumed.notices`). The same for all its contracts but a few ages and
    blank cells, found without hashing a key."""

    __slots__ = ("_said", "key", "notices", "text")

    def __init__(self, text: str, notices: tuple[Notice, ...], key: PayKey) -> None:
        self.text, self.notices, self.key = text, notices, key
        self._said: dict[tuple[object, ...], str] = {}

    def said(
        self,
        data: Dataset,
        adult: date,
        age_notices: tuple[Notice, ...],
        tongue: str,
        assumed: Assumed,
    ) -> str:
        said = self._said
        aid = said.get((adult, tongue))
        if aid is None:
            aid = said[adult, tongue] = _aid_text(data, adult, self.key, tongue)
        # (The notes of blank cells, many values, are added to the text said, not kept in it.)
        leading = assumed.leading
        key = (age_notices, leading, tongue) if leading else (age_notices, tongue)
        told = said.get(key)
        if told is None:
            told = said[key] = _notices_text((*leading, *age_notices, *self.notices), tongue)
        notes = assumed.notes_json
        if notes:  # '…,"notices":[…]' → '…,"notices":[…,notes]' (one string built)
            return f"{aid}{told[:-1]}{'' if told.endswith('[]') else ','}{notes}]"
        return aid + told


def _notices_text(notices: tuple[Notice, ...], tongue: str) -> str:
    """The warnings and notices of a summary line, said; kept by the notices in `SAID` (a few
    sets in a whole batch)."""
    text = SAID.get(("notices", notices, tongue))
    if text is None:
        totals = ScheduleTotals((), (), Decimal(0), (), (), notices)  # (what `spoken` reads)
        text = SAID.put(("notices", notices, tongue), _notices_json(spoken(totals)))
    assert isinstance(text, str)
    return text


PAYS: Memo[tuple[Dataset, PayKey], _PayWritten] = Memo("batch: pay texts by pay key", 16384)
# Texts said in the language, by what they say: the aids of a summary line by what the aid is
# made of ("aid", dataset, its reason's code and days, language); its warnings and notices by
# the notices ("notices", notices, language); the aids and warnings of a CSV summary
# ("spoken", aid, notices, language); the end of a cost's summary JSON ("cost end", …:
# `_cost_json`). Few distinct values in a whole batch.
_Said = tuple[tuple[Aid, ...], tuple[str, ...]]
SAID: Memo[tuple[object, ...], str | _Said] = Memo("batch: texts said", 8192)
# What `--with` adds, by all it reads: the employer of a row's employer options as text and
# signing date ("employer", dataset, options, date: few in a batch), and the `--with` parts of
# summary lines already written, or the error they gave ("net" or "cost", dataset, pay key,
# signing date, then the row's health options as text for the net; all its employer options
# as text and the language for the cost). The contracts of a batch with the same pay often
# have the same employer. A cost's text is kept in two parts (`_cost_json`), its end shared
# between contracts: ~1.1 KB each. And what an employer assumed ("employer assumed", …:
# `_employer_assumed`).
_Written = str | tuple[str, str] | Notice
_Extra = _Written | Employer | _EmployerStated
EXTRAS: Memo[tuple[object, ...], _Extra] = Memo("batch: --with texts, employers", 10240)


def _extras_text(
    cells: dict[str, str | None],
    inputs: ContractInputs,
    pay: PayKey,
    totals: Callable[[], tuple[ScheduleTotals, tuple[MonthRun, ...]]],
    data: Dataset,
    extras: Extras,
) -> str:
    """The end of a summary line: what `--with` adds (the totals of `_net_totals` and
    `_cost_totals`, as `json_line` writes them from the objects, computed without the months
    from the contract's totals and month runs, `totals()`, asked for only when a text is not
    kept: `net.net_totals`, `cost.cost_totals`), after a comma, the line left open
    (`Outcome.body`). `pay`: the contract's pay key. Raises the `InputError` that `compute`
    would report, in the same order."""
    texts, signed = _employer_texts(cells, extras, inputs)
    known: tuple[ScheduleTotals, tuple[MonthRun, ...]] | None = None

    def totals_and_runs() -> tuple[ScheduleTotals, tuple[MonthRun, ...]]:
        nonlocal known
        if known is None:
            known = totals()
        return known

    def net() -> str:
        shares = health_of(texts, signed, data)
        done, runs = totals_and_runs()
        net = net_totals(inputs, done, signed, data, shares, runs)
        return '"net":' + dumps_line(_net_totals(net))

    def cost() -> tuple[str, str]:
        employer = employer_of(texts, signed, data)
        done, runs = totals_and_runs()
        costed = cost_totals(inputs, done, employer, data, runs)
        # The notes of the employer's defaults first, as `deis-pay cost` says them.
        notes = _employer_assumed(cells, inputs, data, extras).notes
        costed = dataclasses.replace(costed, notices=notes + costed.notices)
        figures, end = _cost_json(costed, (data, signed, tuple(texts.items())))
        return '"cost":' + figures, end

    parts = []
    if extras.net:
        health = (texts.get("health_cover"), texts.get("health_employer_share"))
        parts.append(_remembered(("net", data, pay, signed, *health), net))
    if extras.cost:
        parts.append(_remembered(("cost", data, pay, signed, tuple(texts.items()), language()),
                                 cost))  # fmt: skip
    return "," + ",".join(parts)


def _remembered(key: tuple[object, ...], write: Callable[[], str | tuple[str, str]]) -> str:
    """The `--with` text kept for `key` in `EXTRAS`, written if absent; the error it gave,
    raised again."""
    known = EXTRAS.get(key)
    if known is None:
        try:
            known = write()
        except InputError as exc:
            known = exc.notice
        EXTRAS.put(key, known)
    assert not isinstance(known, (Employer, _EmployerStated))
    if isinstance(known, Notice):
        raise InputError(known.code, known.field, **known.params)
    return known if isinstance(known, str) else known[0] + known[1]


def _net_totals(net: NetPay) -> dict[str, Any]:
    """`--with net`, summary: the totals of `schedule --net`, under its keys."""
    return {
        "concluded_on": net.concluded_on,
        "total_employee_contributions": net.total_employee_contributions,
        "total_csg_crds": net.total_csg_crds,
        "total_net": net.total_net,
    }


COST_TOTALS = (
    "total_gross",
    "total_employee_contributions",
    "total_csg_crds",
    "total_net",
    "total_employer_contributions",
    "total_employer_cost",
    "total_aids",
    "training_participation",
    "total_employer_cost_after_aids",
    "employer_weeks",
    "cost_per_employer_week",
    "cost_per_employer_week_after_aids",
)


def _cost_json(cost: CostTotals, employer: tuple[object, ...]) -> tuple[str, str]:
    """`dumps_line(_cost_totals(spoken(cost)))`, in two parts: its figures, written for each
    contract, and the rest (the employer, the hiring aid and the notes, the only parts said in
    the language), written once for the contracts that share it (`SAID`): `employer`, all the
    employer and the hiring aid are computed from (the dataset, the signing date, the options
    as text; 2.5 and 2.50 are equal rates, but written as given)."""
    totals = ",".join([key + scalar_line(getattr(cost, name)) for name, key in _COST_KEYS])
    years = ",".join(["{" + fields_line(year) + "}" for year in cost.contract_years])
    key = ("cost end", *employer, cost.notices, language())
    tail = SAID.get(key)
    if tail is None:
        said = _cost_totals(spoken(cost))
        # '{"employer":…}' → ',"employer":…}', to follow the figures
        tail = SAID.put(key, "," + dumps_line({name: said[name] for name in _SAID_COST})[1:])
    assert isinstance(tail, str)
    return "{" + totals + ',"contract_years":[' + years + "]", tail


_COST_KEYS = tuple((name, quote(key_of(name)) + ":") for name in COST_TOTALS)


def _cost_totals(cost: Cost | CostTotals) -> dict[str, Any]:
    """`--with cost`, summary: the totals of `cost --format json` under its keys, its contract
    years, the employer as understood and the hiring aid."""
    return {
        **{name: getattr(cost, name) for name in COST_TOTALS},
        "contract_years": cost.contract_years,
        "employer": cost.employer,
        "hiring_aid": cost.hiring_aid,
        "notes": cost.notes,
    }


_SAID_COST = ("employer", "hiring_aid", "notes")  # the end of `_cost_totals`, in its order


def size_pay_texts(one_process: bool, extras: Extras) -> None:
    """How many pay texts `PAYS` keeps: 16 384 in a worker, twice as many in one process
    (each about 1 KB: within the memory targets of docs/performance.md); with `--with`,
    whose texts take the memory and where a new pay costs little beside a new cost, 8 192.
    (A worker is told: under the spawn and forkserver start methods, it does not inherit
    what the parent set.)"""
    alone = 32768 if one_process else 16384
    PAYS.resize(8192 if extras.net or extras.cost else alone)


def _write_pay(pay: PayTotals) -> str:
    """The totals written directly: the text `dumps_line` gives of the totals objects
    (`_write_totals`), without building them or walking over their fields (a batch writes
    millions)."""
    years = ",".join(
        f'{{"year":{year},"from":"{first.isoformat()}","to":"{last.isoformat()}",'
        f'"gross":{json_number(gross)}}}'
        for year, first, last, gross in pay.contract_years
    )
    calendar = ",".join(
        f'{{"year":{year},"gross":{json_number(gross)}}}' for year, gross in pay.calendar_years
    )
    return (
        f'"total_gross":{json_number(pay.total_gross)},'
        f'"contract_years":[{years}],"calendar_years":[{calendar}]'
    )


def _write_totals(schedule: Schedule | ScheduleTotals) -> str:
    """`_write_pay` of a schedule's totals."""
    years = tuple([(y.year, y.from_, y.to, y.gross) for y in schedule.contract_years])
    calendar = tuple([(y.year, y.gross) for y in schedule.calendar_years])
    return _write_pay(PayTotals(years, calendar, schedule.total_gross, ()))


def _said_fragment(schedule: Schedule | ScheduleTotals) -> str:
    """The aids, warnings and notices of a summary line, said."""
    return _aids_json(schedule.aids) + _notices_json(schedule)


def _aids_json(said: tuple[Aid, ...]) -> str:
    return ',"aids":' + dumps_line(said)


def _notices_json(said: Schedule | ScheduleTotals) -> str:
    return ',"warnings":' + dumps_line(said.warnings) + ',"notices":' + dumps_line(said.notices)


def _aid_text(data: Dataset, adult: date, key: PayKey, tongue: str) -> str:
    """The aids of a summary line, said (`pay.licence_aid`), kept in `SAID` by what the aid is
    made of (`licence_aid_case`): contracts of other dates often have the same window, or the
    same reason for none."""
    case = licence_aid_case(data, adult, key.start, key.end)
    text = SAID.get(("aid", data, case, tongue))
    if text is None:
        aid = aid_of(data, *case)
        text = SAID.put(("aid", data, case, tongue), _aids_json(said_aids((aid,))))
    assert isinstance(text, str)
    return text


def _spoken_totals(totals: ScheduleTotals) -> ScheduleTotals:
    """`spoken(totals)`, with the sentences of contracts that have the same aid and notices
    said once and shared (most of a batch: the aid's window follows the contract's dates)."""
    key = ("spoken", totals.aids[0], totals.notices, language())
    said = SAID.get(key)
    if said is None:
        done = spoken(totals)
        said = SAID.put(key, (done.aids, done.warnings))
    assert isinstance(said, tuple)
    return ScheduleTotals(totals.contract_years, totals.calendar_years, totals.total_gross,
                          said[0], said[1], totals.notices)  # fmt: skip


_Context = tuple[tuple[str, str | None], ...]


_NOT_SHARED = (None, None, None, None, None)


class _SharedLines:
    """Summary lines already written, by what they depend on: a record's cells but its id, and
    of its birth date only its `BirthTerms` (rules/terms.py: all that the pay, the aid and the
    notices read of it). A record with a history reads its birth date through the previous
    contract too (`previous_floor`): its line is shared only with the same birth date. In an
    employer's export of a few intakes, most records share an earlier one's line: only their
    head (`id`, `line`) is written. What a record assumed depends on the same cells (which are
    blank is part of the key): kept with the contract, only the birth date written for each
    record (`Assumed.json`). Bounded by the characters held."""

    # Characters of lines held, about 5.5 MB: 4 MB of lines before they carried their
    # assumptions (about 0.55 KB a context, and 0.1 KB of notes a line in benchmarks/batch.py's
    # file), as many lines as then. At 4 MB, a batch cleared them 8 times instead of 5 and
    # computed 4 % more lines (30 000 contracts); 5.5 MB: 3 MB more at the peak of 100 000
    # contracts in one process (119 MB).
    LIMIT = 5_500_000

    PIECES = 10_000  # pieces of assumptions held (`assumed`), a few hundred in most batches

    def __init__(self, data: Dataset, extras: Extras = NO_EXTRAS) -> None:
        self.data = data
        self.plain = not (extras.net or extras.cost)
        # With `--with`, whose kept texts take the memory (`EXTRAS`, `PAYS` resized: see
        # `size_pay_texts`) and where a line shared saves less, 1 MB of lines: a worker's
        # peak within the 100 MB of docs/performance.md.
        self.limit = self.LIMIT if self.plain else 1_000_000
        # field -> its cell (`_ABSENT`: the file has no such column) -> its assumption
        # written, and the note of its blank cell if any (`assumed`). By field, the cell
        # alone the key: no key built for each field of each record. (Emptied in place.)
        self.pieces: dict[str, dict[object, tuple[str, str]]] = {
            field: {} for field in _PIECE_FIELDS
        }
        self.pieces_held = 0
        # The fields after the dates, each with its pieces (the dates' are written from the
        # cell: `_given`).
        self.rest = tuple([(field, self.pieces[field]) for field in _PIECE_FIELDS[2:]])
        # cells but id and birth date -> the contract they gave an earlier record, and what
        # that record assumed
        self.contexts: dict[_Context, tuple[ContractInputs, Assumed]] = {}
        self.bodies: dict[tuple[object, object], str] = {}
        self.held = 0

    def read(self, record: Record, with_inputs: bool = False) -> tuple[
        str | None, ContractInputs | None, _Context | None, BirthTerms | None, Assumed | None
    ]:  # fmt: skip
        """The record's line when an earlier record's is known to be the same but the head
        (its assumptions in, `json_line`'s order; left open, as `Outcome.body`: the check of
        `--paid-file` and the data to follow); else, when only its birth date differs from an
        earlier record's, its contract (the other cells were read for that record, and read
        alike); and its cells but the id and birth date, for `keep`; and the `BirthTerms` of
        a contract given, when known; and what it assumed, when known. With `with_inputs`,
        its contract with its line too (`--paid-file` checks it)."""
        cells = record.cells
        if cells is None or not cells.get("id"):
            return None, None, None, None, None
        own = cells.copy()
        del own["id"]
        own.pop("birth_date", None)  # (a JSON-lines record may lack the key: it fails)
        context = tuple(own.items())
        found = self.contexts.get(context)
        if found is None:
            return None, None, context, None, None
        try:
            birth = parse_date("birth_date", cells.get("birth_date") or "")
        except InputError:
            return None, None, context, None, None
        known, assumed = found
        start, last_day = known.start, known.last_day
        if birth > start or known.history.previous_start is not None:
            # Refused (birth_after_start), or a previous contract whose start the birth date
            # is checked against (previous_start_too_young): computed whole, to say so.
            return None, None, context, None, None
        plain = known.history is NO_HISTORY
        read = birth_terms(birth, start, last_day, self.data) if plain else birth
        body = self.bodies.get((context, read))
        if body is not None:
            text = f"{_summary_head(record)}{body}{assumed.json(birth)}"  # (left open)
            if not with_inputs:
                return text, None, context, None, assumed
        inputs = ContractInputs(birth, start, known.end, known.grid, known.smc, known.territory,
                                known.cycle_start_year, known.history)  # fmt: skip
        if body is not None:
            return text, inputs, context, None, assumed
        return None, inputs, context, read if isinstance(read, BirthTerms) else None, assumed

    def assumed(self, cells: Mapping[str, str | None]) -> Assumed | None:
        """What a record of these cells assumed, written from the pieces of earlier records
        (`learn`), when it is a contract of given dates and no history, without `--with`: then
        each of its fields' assumption depends on its own cell only, and on whether the file
        has its column. None when a piece is not known yet, or for another record:
        `record_assumed` then (what the line needs only: the other parts are the CSV's and
        the months', which do not come here)."""
        if not self.plain:
            return None
        get = cells.get
        start, end = get("start"), get("end")
        if start is None or end is None:
            return None
        if not _HISTORY.isdisjoint(cells) and not self._writable(cells):
            return None
        pieces = self.pieces
        # A date given is stated as read (`parse_date`, as `contract_from_text` reads it): its
        # piece written at once, not left to `record_assumed` for each new date of a file.
        first = pieces["start"].get(start) or self._given("start", start)
        last = pieces["end"].get(end) or self._given("end", end)
        if first is None or last is None:
            return None
        parts, notes = [first[0], last[0]], []
        for field, known in self.rest:
            piece = known.get(get(field, _ABSENT))
            if piece is None:
                return None
            parts.append(piece[0])
            if piece[1]:
                notes.append(piece[1])
        parts.append("]")
        return Assumed((), (), (), "", "".join(parts), ",".join(notes))

    def _given(self, field: str, text: str) -> tuple[str, str] | None:
        """The piece of a date given as `text` (`start` or `end`), kept; None when it is not
        a date (the record fails: `contract_from_text` says why)."""
        try:
            day = parse_date(field, text)
        except InputError:
            return None
        self._make_room()
        piece = (_assumption_json(Assumption(field, day, "given")), "")
        self.pieces[field][text] = piece
        self.pieces_held += 1
        return piece

    def _make_room(self) -> None:
        """All the pieces dropped when `PIECES` are held, before more are kept."""
        if self.pieces_held >= self.PIECES:
            for known in self.pieces.values():
                known.clear()
            self.pieces_held = 0

    def learn(self, cells: Mapping[str, str | None], assumed: Assumed) -> None:
        """The pieces of `assumed`, the full assumptions of a record of these cells, for
        `assumed` (when it is a record it would write)."""
        if not assumed.assumptions or not self._writable(cells):
            return
        self._make_room()
        pieces = self.pieces
        for item in assumed.assumptions[1:]:
            field = item.field
            note = (
                '{"code":"default_used","field":"' + field + '","params":{"value":'
                + scalar_line(item.value) + "}}"
                if item.notice == "default_used"
                else ""
            )  # fmt: skip
            known, cell = pieces[field], cells.get(field, _ABSENT)
            self.pieces_held += cell not in known
            known[cell] = (_assumption_json(item), note)

    def _writable(self, cells: Mapping[str, str | None]) -> bool:
        """Whether `assumed` can write the assumptions of a record of these cells."""
        if not self.plain or cells.get("start") is None or cells.get("end") is None:
            return False
        if _HISTORY.isdisjoint(cells):  # (a file without history columns: most)
            return True
        return all(cells.get(name) is None for name in HISTORY_FIELDS)

    def keep(
        self, context: _Context, inputs: ContractInputs, read: object, body: str, assumed: Assumed
    ) -> None:
        """The line body of a record of these cells, computed from `inputs`, which read `read`
        of its birth date (`Outcome.birth`), and what it assumed."""
        if self.held + len(body) > self.limit:
            self.contexts.clear()
            self.bodies.clear()
            self.held = 0
        contexts = self.contexts
        count = len(contexts)  # (no second look-up of the context: its tuple is hashed anew)
        contexts[context] = (inputs, assumed)
        if len(contexts) > count:  # (its assumptions' text, held once per context)
            self.held += len(assumed.after_birth) + len(assumed.notes_json)
        self.bodies[(context, read)] = body
        self.held += len(body)


# The fields `_SharedLines.assumed` writes, after the birth date, as `contract_assumptions`
# states them for a contract of given dates and no history.
_PIECE_FIELDS = CONTRACT_FIELDS[1:]
_HISTORY = frozenset(HISTORY_FIELDS)
_ABSENT = object()  # the cell of a column the file does not have (a blank one is None)

# The shared lines of each dataset, `--with` and language (a worker's chunks share them).
LINES: Memo[tuple[Dataset, Extras, str], _SharedLines] = Memo("batch: summary lines", 4)


SUMMARY_CSV = (
    "id",
    "line",
    "ok",
    "error",
    "total_gross",
    "year_1",
    "year_2",
    "year_3",
    "year_4",
    "aid_eligible",
    "aid_request_from",
    "aid_request_to",
    "warnings",
    "error_code",
    "field",
)
MONTHS_CSV = ("id", "line", "ok", "error", *CSV_COLUMNS, "error_code", "field")


NET_CSV = ("total_net",)
COST_CSV = ("cost_total_net", "total_employer_cost", "total_aids", "total_employer_cost_after_aids")
CHECK_CSV = ("check_shortfall", "check_claimable", "check_overpaid")


DEFAULTS_CSV = ("defaults",)


def csv_columns(detail: Detail, extras: Extras = NO_EXTRAS, check: bool = False) -> tuple[str, ...]:
    """The CSV header: the summary's (with the totals `--with` adds, then those of the check
    of `--paid-file`, then the columns that took a default, at the end) or the months'."""
    if detail == "months":
        return MONTHS_CSV
    added = (NET_CSV if extras.net else ()) + (COST_CSV if extras.cost else ())
    return SUMMARY_CSV + added + (CHECK_CSV if check else ()) + DEFAULTS_CSV


def csv_rows(
    outcome: Outcome, detail: Detail, extras: Extras = NO_EXTRAS, check: bool = False
) -> list[tuple[Any, ...]]:
    """Summary: one row per contract; months: one row per month. A failed record: one row.
    `check`: the columns of `--paid-file` are written (the record's `check`)."""
    record, schedule = outcome.record, outcome.schedule
    if schedule is None:
        error = _error(outcome)
        head = (record.id, record.line, "false", said_error(error))
        base = SUMMARY_CSV if detail == "summary" else MONTHS_CSV
        added = len(csv_columns(detail, extras, check)) - len(base)
        field = FIELD_COLUMNS.get(error.field or "", error.field) or ""
        return [(*head, *("",) * (len(base) - len(head) - 2), error.code, field, *("",) * added)]
    head = (record.id, record.line, "true", "")
    if detail == "months":
        assert isinstance(schedule, Schedule)  # compute builds the months for this detail
        return [(*head, *month_row(month), "", "") for month in schedule.months]
    years = {y.year: format(y.gross, "f") for y in schedule.contract_years}
    aid = schedule.aids[0]
    return [
        (
            *head,
            format(schedule.total_gross, "f"),
            *(years.get(k, "") for k in (1, 2, 3, 4)),
            "true" if aid.eligible else "false",
            aid.request_from.isoformat() if aid.request_from else "",
            aid.request_to.isoformat() if aid.request_to else "",
            " | ".join(schedule.warnings),
            "",
            "",
            *((format(outcome.net.total_net, "f"),) if outcome.net is not None else ()),
            *(
                (
                    _cell(outcome.cost.total_net),
                    _cell(outcome.cost.total_employer_cost),
                    format(outcome.cost.total_aids, "f"),
                    _cell(outcome.cost.total_employer_cost_after_aids),
                )
                if outcome.cost is not None
                else ()
            ),
            *(
                (
                    format(outcome.check["total_shortfall"], "f"),
                    format(outcome.check["total_claimable"], "f"),
                    format(outcome.check["total_overpaid"], "f"),
                )
                if outcome.check is not None
                else ()
            ),
            outcome.assumed.defaults if outcome.assumed is not None else "",
        )
    ]


def _cell(amount: Decimal | None) -> str:
    return "" if amount is None else format(amount, "f")


def _error(outcome: Outcome) -> Notice:
    return outcome.error or notice("internal_error", None, error="no result")


def render(
    records: Iterable[Record],
    data: Dataset,
    detail: Detail,
    out_format: OutFormat,
    extras: Extras = NO_EXTRAS,
    csv_raw: bool = False,
    audit: Audit | None = None,
) -> Iterator[tuple[bool, str, str]]:
    """(ok, id, text) for each record, in input order; the text ends with a newline. CSV
    cells a spreadsheet would run as formulas are written `neutral` unless `csv_raw`. With
    `audit` (`--paid-file`), each contract's check too."""
    summary = detail == "summary"
    if out_format == "jsonl":
        shared = (
            LINES.recall((data, extras, language()), lambda: _SharedLines(data, extras))
            if summary
            else None
        )
        tail = _data_tail(data)
        checked = audit is not None
        for record in records:
            text, known, context, terms, assumed = (
                shared.read(record, checked) if shared else _NOT_SHARED
            )
            if assumed is None and shared is not None and record.cells is not None:
                assumed = shared.assumed(record.cells)
            if text is not None and audit is None:
                yield True, record.id, text + tail
                continue
            if text is not None and audit is not None:
                # The line of an earlier contract but the head; the check is its own.
                assert known is not None  # (`read` gives the contract too when asked)
                try:
                    check = check_json(audited(record.id, known, data, audit))
                except Exception as exc:
                    yield False, record.id, json_line(failed_outcome(record, exc), detail, tail)
                    continue
                yield True, record.id, f"{text}{check}{tail}"
                continue
            outcome = compute(record, data, extras, summary=summary, known=known, as_text=True,
                              terms=terms, audit=audit, assumed=assumed)  # fmt: skip
            text = json_line(outcome, detail, tail)
            inputs, body, given = outcome.inputs, outcome.body, assumed
            assumed = outcome.assumed
            if shared is not None and context is not None and inputs and body is not None:
                assert assumed is not None  # (a line written carries its assumptions)
                shared.keep(context, inputs, outcome.birth, body, assumed)
                # Written whole (`record_assumed`): its pieces for the next records, once.
                if assumed.assumptions and assumed is not given:
                    assert record.cells is not None
                    shared.learn(record.cells, assumed)
            yield outcome.ok, record.id, text
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in records:
        outcome = compute(record, data, extras, summary=summary, audit=audit)
        rows = csv_rows(outcome, detail, extras, audit is not None)
        # (The id, the error and the warnings quote what the file holds: `neutral` cells.)
        writer.writerows(rows if csv_raw else [[neutral(cell) for cell in row] for row in rows])
        yield outcome.ok, record.id, buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def health_of(texts: dict[str, str], signed: date, data: Dataset) -> tuple[Decimal, Decimal]:
    """`--with net`: the health-cover shares of a row, as `schedule --net --health-cover`
    reads them (only the health columns: the net does not depend on the other ones)."""
    if "health_cover" not in texts and "health_employer_share" not in texts:
        return Decimal(0), Decimal(0)
    # (A share without a premium is refused there, as everywhere.)
    health = {
        "health_cover": texts.get("health_cover"),
        "health_employer_share_percent": texts.get("health_employer_share"),
    }
    employer = employer_from_text(data, health, signed)
    return health_shares(employer)


def employer_of(texts: dict[str, str], signed: date, data: Dataset) -> Employer:
    """The employer options of a row, as `deis-pay cost` reads them (defaults the same); rows
    of a batch share their employer options and a few signing dates: each read once
    (`EXTRAS`)."""
    key = ("employer", data, tuple(texts.items()), signed)
    known = EXTRAS.get(key)
    if isinstance(known, Employer):
        return known
    # (The columns by the names of the fields: `employer` holds the `kind`…)
    fields = {field: texts.get(FIELD_COLUMNS.get(field, field)) for field in EMPLOYER_FIELDS}
    employer = employer_from_text(data, fields, signed)
    EXTRAS.put(key, employer)
    return employer
