"""`deis-pay batch`: one schedule per contract of a CSV or JSON-lines file, streamed.

For every input record, exactly one output record, in input order, with the record's `id` and
`line`; a bad record becomes `"ok": false` with its `error`, `error_code` and `field`, and never
stops the run, whatever it holds. Only
a file that cannot be read as a whole (missing, no header, unknown columns) raises
`InputError` (exit 2), and it does so before any output. Records are read, computed and
written one at a time (one chunk at a time with workers): memory grows only by the 8 bytes per
record kept to count duplicate ids.
"""

from __future__ import annotations

import csv
import gc
import heapq
import io
import itertools
import json
import os
import re
import sys
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any, Literal, TypeVar

from deis_pay.core.errors import InputError
from deis_pay.core.notices import Notice, notice
from deis_pay.core.values import parse_date, parse_flag
from deis_pay.data.loader import default_dataset
from deis_pay.data.records import Dataset, key_of
from deis_pay.i18n.language import language, set_language
from deis_pay.i18n.messages import one_line, said_aids, say, spoken
from deis_pay.input.columns import ColumnPlan
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
    PayTotals,
    birth_terms,
    pay_totals,
    schedule_for,
    summary_terms,
    totals_for,
    totals_of,
)

InFormat = Literal["csv", "jsonl"]
OutFormat = Literal["jsonl", "csv"]
Detail = Literal["summary", "months"]

# The employer options of `deis-pay cost` as columns (used with --with net or cost), and the
# column each names when an error concerns it (an Employer's field names differ).
EMPLOYER_COLUMNS = (
    "signed",
    "employer",
    "headcount",
    "atmp_rate",
    "mobility_rate",
    "health_cover",
    "health_employer_share",
    "work_study_share",
    "diploma_level",
    "rqth",
    "overseas",
)
FIELD_COLUMNS = {
    "kind": "employer",
    "atmp_rate_percent": "atmp_rate",
    "mobility_rate_percent": "mobility_rate",
    "health_employer_share_percent": "health_employer_share",
    "work_study_share_percent": "work_study_share",
}
COLUMNS = (
    "id",
    "birth_date",
    "start",
    "end",
    "grid",
    "smc",
    "territory",
    "cycle_start_year",
    *HISTORY_FIELDS,
    *EMPLOYER_COLUMNS,
)
REQUIRED = ("id", "birth_date")


@dataclass(frozen=True, slots=True)
class Extras:
    """What `--with` adds to each contract: the apprentice's net pay (`schedule --net`), the
    employer's cost (`cost`); `employer`: the employer options given for every row, as text
    (a row's own columns of the same names win)."""

    net: bool = False
    cost: bool = False
    employer: tuple[tuple[str, str], ...] = ()


NO_EXTRAS = Extras()
NO_PLAN = ColumnPlan(COLUMNS)
ENCODINGS = ("utf-8", "cp1252", "latin-1")
CHUNK = 500  # records sent to a worker at a time

_K = TypeVar("_K")
_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Record:
    """One contract as read: its cells (None = not given) or why it could not be read."""

    line: int
    id: str
    cells: dict[str, str | None] | None
    error: Notice | None = None

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # Sent to workers by the thousand: as its fields, not through the dataclass's own
        # state methods (a Python call per record each way, four times the cost).
        return Record, (self.line, self.id, self.cells, self.error)


@dataclass(slots=True)
class Tally:
    records: int = 0
    ok: int = 0
    errors: int = 0
    duplicate_ids: int = 0

    def summary(self) -> str:
        return f"{self.records} records, {self.ok} ok, {self.errors} errors"


# A line of this many characters is not a contract (ten short cells): it is refused as a failed
# record, and never held in memory whole, whatever the line holds. A line that goes on past
# MAX_SKIPPED_CHARS (`batch /dev/zero`, a binary file) ends the reading: it is the last record,
# failed, rather than an endless read.
MAX_RECORD_CHARS = 64 * 1024
MAX_SKIPPED_CHARS = 64 * 1024 * 1024
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


class _Lines:
    """Lines of a byte stream, decoded as UTF-8 (a BOM dropped), counted. Any line ending is
    one (LF, CRLF, or CR alone, as old spreadsheets write); a line longer than
    MAX_RECORD_CHARS is read in pieces, dropped and remembered, as are lines that are not
    UTF-8."""

    def __init__(self, stream: IO[bytes], encoding: str = "utf-8") -> None:
        # newline=None: universal newlines; surrogateescape: bad bytes are found per line.
        self.encoding = encoding
        self._text = io.TextIOWrapper(
            stream,
            encoding="utf-8-sig" if encoding == "utf-8" else encoding,
            errors="surrogateescape",
            newline=None,
        )
        self.count = 0
        self.bad: set[int] = set()
        self.too_long: set[int] = set()
        self._done = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._done:
            raise StopIteration
        line = self._text.readline(MAX_RECORD_CHARS + 1)
        if not line:
            self._done = True
            self._text.detach()  # leave the byte stream open: its opener closes it
            raise StopIteration
        self.count += 1
        if len(line) > MAX_RECORD_CHARS and not line.endswith("\n"):
            self.too_long.add(self.count)
            skipped = len(line)
            while (rest := self._text.readline(MAX_RECORD_CHARS)) and not rest.endswith("\n"):
                skipped += len(rest)
                if skipped > MAX_SKIPPED_CHARS:
                    self._done = True  # no end to this line: the rest is not read
                    break
            return "\n"
        if not line.isascii() and _NOT_UTF8.search(line):  # (isascii: a flag, no scan)
            self.bad.add(self.count)
            raw = line.encode(self.encoding, "surrogateescape")
            return raw.decode(self.encoding, "replace")
        return line

    def problem(self, first: int, last: int) -> Notice | None:
        """Why the record on lines first..last cannot be read, if it cannot. Records are asked
        about in order: the lines up to `last` are then forgotten (memory stays flat on a file
        of bad lines)."""
        if not (self.too_long or self.bad):
            return None
        problem = None
        if any(first <= n <= last for n in self.too_long):
            problem = notice("record_too_large", None, line=first, limit=MAX_RECORD_CHARS)
        elif any(first <= n <= last for n in self.bad):
            problem = (
                notice("not_utf8", None, line=first)
                if self.encoding == "utf-8"
                else notice("undecodable_bytes", None, line=first, encoding=self.encoding)
            )
        self.too_long = {n for n in self.too_long if n > last}
        self.bad = {n for n in self.bad if n > last}
        return problem


def read_csv(
    stream: IO[bytes], plan: ColumnPlan = NO_PLAN, encoding: str = "utf-8"
) -> Iterator[Record]:
    """Records of a CSV file with a header; `,` or `;`, UTF-8 with or without BOM (or the
    `encoding` given); the headers matched as `plan` says (columns.py)."""
    lines = _Lines(stream, encoding)
    header_text = None
    for text in lines:
        if lines.too_long:  # (a header line too long to be one is refused, not skipped)
            raise InputError("record_too_large", "input", line=lines.count, limit=MAX_RECORD_CHARS)
        if text.strip():
            header_text = text
            break
    if header_text is None:
        raise InputError("empty_file", "input")
    if lines.bad:
        if encoding == "utf-8":
            raise InputError("header_not_utf8", "input")
        raise InputError("undecodable_bytes", "input", line=lines.count, encoding=encoding)
    # The delimiter is whichever of , and ; the header uses (French spreadsheets write ;).
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    try:
        names = [name.strip() for name in next(csv.reader([header_text], delimiter=delimiter))]
    except csv.Error as exc:
        raise InputError("malformed_csv_line", "input", line=lines.count, error=str(exc)) from None
    columns = plan.resolve(names)
    missing = tuple(name for name in REQUIRED if name not in columns)
    if missing:
        raise InputError("missing_columns", "input", names=missing)
    return _csv_records(lines, columns, delimiter)


def _csv_records(lines: _Lines, names: list[str | None], delimiter: str) -> Iterator[Record]:
    id_column = names.index("id")
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        first = lines.count + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            last = max(lines.count, first)
            error = (
                notice("malformed_csv_line", None, line=first, error=str(exc))
                if last == first
                else notice("malformed_csv", None, first=first, last=last, error=str(exc))
            )
            yield Record(first, "", None, lines.problem(first, last) or error)
            continue
        problem = lines.problem(first, lines.count)
        record_id = row[id_column].strip() if len(row) > id_column else ""
        if not record_id and problem is None and not "".join(row).strip():
            continue  # a blank line, or a row of empty cells left by a spreadsheet
        if problem is not None:
            yield Record(first, record_id, None, problem)
        elif len(row) != len(names):
            error = notice(
                "wrong_field_count", None, line=first, count=len(row), expected=len(names)
            )
            yield Record(first, record_id, None, error)
        else:
            cells = {
                name: (cell.strip() or None)
                for name, cell in zip(names, row, strict=True)
                if name is not None
            }
            yield Record(first, record_id, cells)


def read_jsonl(
    stream: IO[bytes], plan: ColumnPlan = NO_PLAN, encoding: str = "utf-8"
) -> Iterator[Record]:
    """Records of a JSON-lines file: one object per line with the columns as keys (matched as
    `plan` says)."""
    lines = _Lines(stream, encoding)
    for text in lines:
        line = lines.count
        problem = lines.problem(line, line)
        if problem is not None:
            yield Record(line, "", None, problem)
            continue
        if not text.strip():
            continue
        try:
            # Numbers are kept as their text, so that 2100.50 is read exactly.
            value = json.loads(text, parse_float=str, parse_int=str, parse_constant=str,
                               object_pairs_hook=_object_once)  # fmt: skip
        except _DuplicateKeys as exc:
            keys = tuple(one_line(key[:40]) for key in exc.keys[:10])
            yield Record(line, "", None, notice("duplicate_keys", None, line=line, keys=keys))
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nesting"
            yield Record(line, "", None, notice("invalid_json", None, line=line, error=reason))
            continue
        if not isinstance(value, dict):
            yield Record(line, "", None, notice("not_a_json_object", None, line=line))
            continue
        broken = _not_text(value)
        if broken is not None:
            key, shown = broken
            yield Record(line, "", None, notice("not_text", None, line=line, key=key, value=shown))
            continue
        id_key = next((key for key in value if plan.name_of(key) == "id"), None)
        record_id = value.get(id_key) if id_key is not None else None
        shown_id = record_id if isinstance(record_id, str) else ""
        try:
            names = plan.resolve(value)
        except InputError as exc:
            unknown = exc.code == "unknown_columns"
            listed = exc.params.get("unknown" if unknown else "names")
            keys = tuple(key[:40] for key in listed) if isinstance(listed, tuple) else ()
            code = "unknown_keys" if unknown else "duplicate_keys"
            yield Record(line, shown_id, None, notice(code, None, line=line, keys=keys[:10]))
            continue
        pairs = zip(names, value.values(), strict=True)
        # A yes/no column may hold JSON's own true and false.
        value = {name: _FLAGS.get(item, item) if isinstance(item, bool) else item
                 for name, item in pairs if name is not None}  # fmt: skip
        wrong = tuple(k for k, v in value.items() if v is not None and not isinstance(v, str))
        if wrong:
            error = notice("not_text_or_number", wrong[0], line=line, keys=wrong)
            yield Record(line, shown_id, None, error)
        else:
            cells = {
                key: (value[key].strip() or None) if value.get(key) else None for key in COLUMNS
            }
            yield Record(line, shown_id, cells)


_FLAGS = {True: "true", False: "false"}


class _DuplicateKeys(ValueError):
    def __init__(self, keys: list[str]) -> None:
        super().__init__("duplicate keys")
        self.keys = keys


def _object_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each given once: JSON itself would keep the last of two
    values silently, as a CSV file with two columns of one name is refused."""
    value = dict(pairs)
    if len(value) != len(pairs):
        keys = [key for key, _ in pairs]
        raise _DuplicateKeys(sorted({key for key in keys if keys.count(key) > 1}))
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_text(value: dict[str, Any]) -> tuple[str, str] | None:
    """A key or a text value of a JSON-lines record holding a lone surrogate (`"\\ud800"`:
    valid JSON, but no character, that no output could write), as (the key, the text quoted
    back on one line); None when all is text."""
    for key, item in value.items():
        for text in (key, item):
            if isinstance(text, str) and not text.isascii() and _SURROGATE.search(text):
                return one_line(key[:40]), one_line(text[:40])
    return None


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
    # `as_text`), without its objects.
    body: str | None = None

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
) -> Outcome:
    """A record's schedule, its warnings said in the current language; any failure, even a
    bug, becomes the record's error (a batch never stops on a record). With `summary` and no
    `extras`, only its totals (`totals_for`: the same figures, without building the months);
    with `as_text` too, whatever the `extras`, the line is written at once instead (its
    `Outcome.body`, for the summary JSON lines: `_summary_text`). `known`: the contract as
    already read from these cells (see `_SharedLines.read`)."""
    if record.cells is None:
        return Outcome(record, None, record.error)
    cells = record.cells
    try:
        if not cells.get("id"):
            raise InputError("empty_id", "id")
        inputs = known or contract_from_text(
            data,
            cells.get("birth_date") or "",
            cells.get("start"),
            cells.get("end"),
            None,
            cells.get("grid"),
            cells.get("smc"),
            cells.get("territory"),
            cells.get("cycle_start_year"),
            {name: cells.get(name) for name in HISTORY_FIELDS},
        )
        with_extras = extras.net or extras.cost
        if summary and as_text:
            body = _summary_text(cells, inputs, data, extras)
            return Outcome(record, None, None, inputs=inputs, body=body)
        if summary and not with_extras:
            return Outcome(record, _spoken_totals(totals_for(inputs, data)), None, inputs=inputs)
        if not with_extras:
            return Outcome(record, spoken(schedule_for(inputs, data)), None, inputs=inputs)
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
        return Outcome(record, schedule, None, net, cost, inputs)
    except InputError as exc:
        return Outcome(record, None, exc.notice)
    except Exception as exc:  # a bug: this record fails, the others are still computed
        error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return Outcome(record, None, notice("internal_error", None, error=error))


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
    return Outcome(record, _spoken_totals(totals), None, net, cost, inputs)


def _data_tail(data: Dataset) -> str:
    """The end of a summary line: the data used (`data`, as a line of months has it from its
    schedule) and the closing brace."""
    return ',"data":' + dumps_line(data.info) + "}\n"


def json_line(outcome: Outcome, detail: Detail, data_tail: str) -> str:
    """One JSON line: `id`, `line`, `ok`, then the result (or `error`, its `error_code` and the
    `field`: the column at fault, null when the line as a whole could not be read); a summary
    ends with `data_tail` (`_data_tail`, the same for every line of a run)."""
    if outcome.body is not None:
        return _summary_head(outcome.record) + outcome.body[:-2] + data_tail
    head: dict[str, Any] = {"id": outcome.record.id, "line": outcome.record.line}
    schedule = outcome.schedule
    if schedule is None:
        error = _error(outcome)
        field = FIELD_COLUMNS.get(error.field or "", error.field)
        failed = {"ok": False, "error": say(error, FIELD_COLUMNS), "error_code": error.code,
                  "field": field}  # fmt: skip
        return dumps_line({**head, **failed}) + "\n"
    extra = _extra(outcome, detail)
    if detail == "months":
        return dumps_line({**head, "ok": True, **to_plain(schedule), **extra}) + "\n"
    closing = "," + dumps_line(extra)[1:] if extra else "}"
    return _summary_head(outcome.record) + _summary_body(schedule, closing)[:-2] + data_tail


def _extra(outcome: Outcome, detail: Detail) -> dict[str, Any]:
    """What `--with` adds: all of it with the months, else its totals."""
    extra: dict[str, Any] = {}
    if outcome.net is not None:
        extra["net"] = outcome.net if detail == "months" else _net_totals(outcome.net)
    if outcome.cost is not None:
        extra["cost"] = outcome.cost if detail == "months" else _cost_totals(outcome.cost)
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
    cells: dict[str, str | None], inputs: ContractInputs, data: Dataset, extras: Extras
) -> str:
    """`_summary_body` of the contract's `totals_for`, said, with what `--with` adds
    (`_extras_text`), from the parts of its totals (`schedule.summary_terms`): the pay part kept
    written by pay key (`_PAY_WRITTEN`), the sentences said once for all the contracts that
    share them (`_said_text`). The same line (tests/test_shared_lines.py compares them)."""
    key, aid, age_notices = summary_terms(inputs, data)
    written = _recalled(_PAY_WRITTEN, (data, key))
    pay = None
    if written is None:
        pay = pay_totals(key, data)
        written = (_write_pay(pay), pay.notices, key)
        _keep(_PAY_WRITTEN, _PAY_WRITTEN_SIZE, (data, key), written)
    # (The key kept, an equal one: the `--with` texts' keys then share it, 0.2 KB each.)
    text, pay_notices, kept_key = written
    notices = (*age_notices, *pay_notices) if pay_notices else age_notices
    closing = "}"
    if extras.net or extras.cost:

        def totals() -> ScheduleTotals:  # (computed when a `--with` text is not kept)
            nonlocal pay
            if pay is None:
                pay = pay_totals(key, data)
            return totals_of(pay, aid, age_notices)

        closing = _extras_text(cells, inputs, kept_key, totals, data, extras)
    return text + _said_text(aid, notices) + closing + "\n"


def _employer_texts(
    cells: dict[str, str | None], extras: Extras, inputs: ContractInputs
) -> tuple[dict[str, str], date]:
    """The employer options of a row as text (those given for every row, its own cells
    winning) and the day the contract was signed (its start unless given)."""
    texts = dict(extras.employer)
    texts.update({name: value for name in EMPLOYER_COLUMNS if (value := cells.get(name))})
    signed = parse_date("signed", texts["signed"]) if "signed" in texts else inputs.start
    return texts, signed


# The `--with` parts of summary lines already written (or the error they gave), by all they
# read: the dataset, the pay key (`schedule.pay_key`: equal keys, equal months), the signing
# date and the row's employer options as text (and the language, for the cost's sentences).
# The contracts of a batch with the same pay often have the same employer. Bounded. A cost's
# text is kept in two parts (`_cost_json`), its end shared between contracts: ~1.1 KB each.
_Written = str | tuple[str, str] | Notice
_NET_TEXTS: OrderedDict[tuple[object, ...], _Written] = OrderedDict()
_COST_TEXTS: OrderedDict[tuple[object, ...], _Written] = OrderedDict()
_NET_TEXTS_SIZE = 2048
_COST_TEXTS_SIZE = 8192


def _extras_text(
    cells: dict[str, str | None],
    inputs: ContractInputs,
    pay: Hashable,
    totals: Callable[[], ScheduleTotals],
    data: Dataset,
    extras: Extras,
) -> str:
    """The end of a summary line: what `--with` adds (the totals of `_net_totals` and
    `_cost_totals`, as `json_line` writes them from the objects, computed without the months
    from the contract's totals, `totals()`, asked for only when a text is not kept:
    `net.net_totals`, `cost.cost_totals`) and the closing brace. `pay`: the contract's pay
    key. Raises the `InputError` that `compute` would report, in the same order."""
    if not (extras.net or extras.cost):
        return "}"
    texts, signed = _employer_texts(cells, extras, inputs)
    key = (data, pay, signed)

    def net() -> str:
        shares = health_of(texts, signed, data)
        net = net_totals(inputs, totals(), signed, data, shares)
        return '"net":' + dumps_line(_net_totals(net))

    def cost() -> tuple[str, str]:
        employer = employer_of(texts, signed, data)
        costed = cost_totals(inputs, totals(), employer, data)
        figures, end = _cost_json(costed, (data, signed, tuple(texts.items())))
        return '"cost":' + figures, end

    parts = []
    if extras.net:
        health = (texts.get("health_cover"), texts.get("health_employer_share"))
        parts.append(_remembered(_NET_TEXTS, _NET_TEXTS_SIZE, (*key, *health), net))
    if extras.cost:
        cost_key = (*key, tuple(texts.items()), language())
        parts.append(_remembered(_COST_TEXTS, _COST_TEXTS_SIZE, cost_key, cost))
    return "," + ",".join(parts) + "}"


def _remembered(memo: OrderedDict[tuple[object, ...], _Written], size: int, key: tuple[object, ...],
                write: Callable[[], str | tuple[str, str]]) -> str:  # fmt: skip
    known = _recalled(memo, key)
    if known is None:
        try:
            known = write()
        except InputError as exc:
            known = exc.notice
        _keep(memo, size, key, known)
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


# The end of a cost's summary JSON (`_cost_json`), by what it is written from: the employer
# options as given (the employer and its hiring aid follow from them; 2.5 and 2.50 are equal
# rates, but written as given), the notices, the language.
_COST_TAILS: dict[tuple[object, ...], str] = {}
_COST_TAILS_SIZE = 1024


def _cost_json(cost: CostTotals, employer: tuple[object, ...]) -> tuple[str, str]:
    """`dumps_line(_cost_totals(spoken(cost)))`, in two parts: its figures, written for each
    contract, and the rest (the employer, the hiring aid and the notes, the only parts said in
    the language), written once for the contracts that share it (the same object): `employer`,
    all the employer and the hiring aid are computed from (the dataset, the signing date, the
    options as text)."""
    totals = ",".join([key + scalar_line(getattr(cost, name)) for name, key in _COST_KEYS])
    years = ",".join(["{" + fields_line(year) + "}" for year in cost.contract_years])
    key = (*employer, cost.notices, language())
    tail = _COST_TAILS.get(key)
    if tail is None:
        said = _cost_totals(spoken(cost))
        # '{"employer":…}' → ',"employer":…}', to follow the figures
        tail = "," + dumps_line({name: said[name] for name in _SAID_COST})[1:]
        _make_room(_COST_TAILS, _COST_TAILS_SIZE)
        _COST_TAILS[key] = tail
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


# Parts of summary lines already written. Bounded: the oldest go first (the pay parts: the
# least recently used, `_keep`).
# The pay part (`_write_pay`) and the pay's notices, by dataset and pay key (equal keys, equal
# totals), about 1 KB each: as many as `_size_pay_texts` says.
_PAY_WRITTEN: OrderedDict[tuple[Dataset, Hashable], tuple[str, tuple[Notice, ...], Hashable]] = (
    OrderedDict()
)
_PAY_WRITTEN_SIZE = 16384
# The aids, and the warnings and notices, said (`_said_text`), by value and language.
_AIDS_TEXTS: dict[tuple[tuple[Aid, ...], str], str] = {}
_AIDS_TEXTS_SIZE = 8192  # (of ~600 characters each)
# In front of it, the same by the identity of the aid (with it, kept alive): contracts of the
# same dates get one object (`schedule._licence_aid`), found without hashing its fields.
_AIDS_BY_ID: dict[tuple[int, str], tuple[Aid, str]] = {}
_AIDS_BY_ID_SIZE = 4096
_NOTICES_TEXTS: dict[tuple[tuple[Notice, ...], str], str] = {}
# (the aids and warnings said), by the aid as computed, the notices and the language: for the
# CSV summary.
_Said = tuple[tuple[Aid, ...], tuple[str, ...]]
_SAID: dict[tuple[Aid, tuple[Notice, ...], str], _Said] = {}
_MEMO_SIZE = 4096


def _size_pay_texts(one_process: bool, extras: Extras) -> None:
    """16 384 pay texts in a worker (100 MB asked of each), twice as many in one process (150 MB
    asked); with `--with`, whose texts take the memory and where a new pay costs little beside
    a new cost, 8 192. (A worker is told: under the spawn and forkserver start methods, it
    does not inherit what the parent set.)"""
    global _PAY_WRITTEN_SIZE
    alone = 32768 if one_process else 16384
    _PAY_WRITTEN_SIZE = 8192 if extras.net or extras.cost else alone


def _recalled(memo: OrderedDict[_K, _V], key: _K) -> _V | None:
    """What `memo` keeps for `key`, if anything, now its most recently used entry."""
    known = memo.get(key)
    if known is not None:
        memo.move_to_end(key)
    return known


def _keep(memo: OrderedDict[_K, _V], size: int, key: _K, value: _V) -> None:
    """At `size` entries, the least recently used goes (`_recalled`): for the texts whose
    contracts come back over a whole batch (a pay key, a cost). A spread batch of 100 000
    contracts computed 46 100 pay totals with 16 384 texts kept so, 50 800 with `_make_room`."""
    while len(memo) >= size:
        memo.popitem(last=False)
    memo[key] = value


def _make_room(memo: dict[Any, Any], size: int) -> None:
    """At `size` entries, the oldest quarter goes (dicts keep their order of insertion)."""
    if len(memo) >= size:
        for key in list(itertools.islice(memo, size // 4)):
            del memo[key]


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


def _aids_text(aids: tuple[Aid, ...], tongue: str) -> str:
    known = _AIDS_TEXTS.get((aids, tongue))
    if known is None:
        _make_room(_AIDS_TEXTS, _AIDS_TEXTS_SIZE)
        known = _AIDS_TEXTS[aids, tongue] = _aids_json(said_aids(aids))
    return known


def _said_text(aid: Aid, notices: tuple[Notice, ...]) -> str:
    """`_said_fragment(spoken(totals))` of totals of this aid and these notices, in two parts
    kept apart: the aid's, by the aid (a value: the window of the aid or the reason there is
    none, shared by the contracts of the same dates; looked up by the aid's identity first,
    `_AIDS_BY_ID`), and the warnings' and notices', by the notices (a few sets in a whole
    batch); in the language."""
    tongue = language()
    known = _AIDS_BY_ID.get((id(aid), tongue))
    if known is not None and known[0] is aid:
        aids = known[1]
    else:
        aids = _aids_text((aid,), tongue)
        _make_room(_AIDS_BY_ID, _AIDS_BY_ID_SIZE)
        _AIDS_BY_ID[id(aid), tongue] = (aid, aids)
    said = _NOTICES_TEXTS.get((notices, tongue))
    if said is None:
        _make_room(_NOTICES_TEXTS, _MEMO_SIZE)
        totals = ScheduleTotals((), (), Decimal(0), (), (), notices)  # (what `spoken` reads)
        said = _NOTICES_TEXTS[notices, tongue] = _notices_json(spoken(totals))
    return aids + said


def _spoken_totals(totals: ScheduleTotals) -> ScheduleTotals:
    """`spoken(totals)`, with the sentences of contracts that have the same aid and notices
    said once and shared (most of a batch: the aid's window follows the contract's dates)."""
    key = (totals.aids[0], totals.notices, language())
    said = _SAID.get(key)
    if said is None:
        done = spoken(totals)
        said = (done.aids, done.warnings)
        _make_room(_SAID, _MEMO_SIZE)
        _SAID[key] = said
    return ScheduleTotals(totals.contract_years, totals.calendar_years, totals.total_gross,
                          said[0], said[1], totals.notices)  # fmt: skip


_Context = tuple[tuple[str, str | None], ...]


class _SharedLines:
    """Summary lines already written, by what they depend on: a record's cells but its id, and
    of its birth date only its `BirthTerms` (schedule.py: all that the pay, the aid and the
    notices read of it). A record with a history reads its birth date through the previous
    contract too (`previous_floor`): its line is shared only with the same birth date. In an
    employer's export of a few intakes, most records share an earlier one's line: only their
    head (`id`, `line`) is written. Bounded by the characters held."""

    LIMIT = 4_000_000  # characters of lines held, about 4 MB

    def __init__(self, data: Dataset) -> None:
        self.data = data
        # cells but id and birth date -> the contract they gave an earlier record
        self.contexts: dict[_Context, ContractInputs] = {}
        self.bodies: dict[tuple[object, object], str] = {}
        self.held = 0

    def read(self, record: Record) -> tuple[str | None, ContractInputs | None, _Context | None]:
        """The record's line when an earlier record's is known to be the same but the head;
        else, when only its birth date differs from an earlier record's, its contract (the
        other cells were read for that record, and read alike); and its cells but the id and
        birth date, for `keep`."""
        cells = record.cells
        if cells is None or not cells.get("id"):
            return None, None, None
        own = cells.copy()
        del own["id"], own["birth_date"]
        context = tuple(own.items())
        known = self.contexts.get(context)
        if known is None:
            return None, None, context
        try:
            birth = parse_date("birth_date", cells.get("birth_date") or "")
        except InputError:
            return None, None, context
        start, last_day = known.start, known.last_day
        if birth > start or known.history.previous_start is not None:
            # Refused (birth_after_start), or a previous contract whose start the birth date
            # is checked against (previous_start_too_young): computed whole, to say so.
            return None, None, context
        plain = known.history is NO_HISTORY
        key = birth_terms(birth, start, last_day, self.data) if plain else birth
        body = self.bodies.get((context, key))
        if body is not None:
            return _summary_head(record) + body, None, context
        inputs = ContractInputs(birth, start, known.end, known.grid, known.smc, known.territory,
                                known.cycle_start_year, known.history)  # fmt: skip
        return None, inputs, context

    def keep(self, context: _Context, inputs: ContractInputs, body: str) -> None:
        """The line body of a record of these cells, computed from `inputs`."""
        start, last_day = inputs.start, inputs.last_day
        if self.held + len(body) > self.LIMIT:
            self.contexts.clear()
            self.bodies.clear()
            self.held = 0
        self.contexts[context] = inputs
        birth = inputs.birth_date
        plain = inputs.history is NO_HISTORY
        key = birth_terms(birth, start, last_day, self.data) if plain else birth
        self.bodies[(context, key)] = body
        self.held += len(body)


# One per dataset, `--with` and language, for the process's life (a worker's chunks share it).
_SHARED: dict[tuple[Dataset, Extras, str], _SharedLines] = {}


def _shared_lines(data: Dataset, extras: Extras) -> _SharedLines:
    key = (data, extras, language())
    shared = _SHARED.get(key)
    if shared is None:
        if len(_SHARED) >= 4:
            _SHARED.clear()
        shared = _SHARED[key] = _SharedLines(data)
    return shared


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


def csv_columns(detail: Detail, extras: Extras = NO_EXTRAS) -> tuple[str, ...]:
    """The CSV header: the summary's (with the totals `--with` adds at the end) or the months'."""
    if detail == "months":
        return MONTHS_CSV
    return SUMMARY_CSV + (NET_CSV if extras.net else ()) + (COST_CSV if extras.cost else ())


def csv_rows(outcome: Outcome, detail: Detail, extras: Extras = NO_EXTRAS) -> list[tuple[Any, ...]]:
    """Summary: one row per contract; months: one row per month. A failed record: one row."""
    record, schedule = outcome.record, outcome.schedule
    if schedule is None:
        error = _error(outcome)
        head = (record.id, record.line, "false", say(error, FIELD_COLUMNS))
        base = SUMMARY_CSV if detail == "summary" else MONTHS_CSV
        added = len(csv_columns(detail, extras)) - len(base)
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
) -> Iterator[tuple[bool, str, str]]:
    """(ok, id, text) for each record, in input order; the text ends with a newline. CSV
    cells a spreadsheet would run as formulas are written `neutral` unless `csv_raw`."""
    summary = detail == "summary"
    if out_format == "jsonl":
        shared = _shared_lines(data, extras) if summary else None
        tail = _data_tail(data)
        for record in records:
            text, known, context = shared.read(record) if shared else (None, None, None)
            if text is not None:
                yield True, record.id, text[:-2] + tail
                continue
            outcome = compute(record, data, extras, summary=summary, known=known, as_text=True)
            text = json_line(outcome, detail, tail)
            inputs, body = outcome.inputs, outcome.body
            if shared is not None and context is not None and inputs and body is not None:
                shared.keep(context, inputs, body)
            yield outcome.ok, record.id, text
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in records:
        outcome = compute(record, data, extras, summary=summary)
        rows = csv_rows(outcome, detail, extras)
        # (The id, the error and the warnings quote what the file holds: `neutral` cells.)
        writer.writerows(rows if csv_raw else [[neutral(cell) for cell in row] for row in rows])
        yield outcome.ok, record.id, buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


# What a worker sends back for a chunk of records: their text, one string, and each record's
# (ok, id). (One string pickles as one copy; a string per record costs a call each way.)
_Done = tuple[str, list[tuple[bool, str]]]


def _chunk_worker(
    chunk: list[Record],
    detail: Detail,
    out_format: OutFormat,
    language: str,
    extras: Extras,
    csv_raw: bool,
) -> _Done:
    # A worker process does not inherit the parent's choice of language under the spawn and
    # forkserver start methods (forkserver: Linux's default from Python 3.14): it is sent.
    set_language(language)
    _size_pay_texts(False, extras)
    with rare_collections():
        rendered = render(chunk, default_dataset(), detail, out_format, extras, csv_raw)
        return next(_grouped(rendered, len(chunk)))  # (one result per record: one group)


@contextmanager
def rare_collections() -> Iterator[None]:
    """CPython's cycle collector runs every 700 objects allocated and not freed, and now and
    then walks every object alive. A batch allocates millions and keeps tens of thousands in
    its caches, none in a reference cycle: those walks find nothing (3.5 % of the instructions
    of 100 000 contracts, docs/performance.md). Run it a hundred times less often while a
    batch computes; cycles, if any, are still collected."""
    first, *older = gc.get_threshold()
    gc.set_threshold(max(first, 70_000), *older)
    try:
        yield
    finally:
        gc.set_threshold(first, *older)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(
    records: Iterable[Record],
    detail: Detail,
    out_format: OutFormat,
    workers: int,
    language: str,
    extras: Extras,
    csv_raw: bool,
) -> Iterator[_Done]:
    """Chunks computed by `workers` processes, yielded in input order, at most 2 × workers
    chunks in flight so that memory stays bounded however long the input. Stopped (Ctrl-C,
    SIGTERM, a failed write), the workers are stopped at once, not waited for."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        pending: deque[Future[_Done]] = deque()
        for chunk in _chunks(records):
            job = pool.submit(_chunk_worker, chunk, detail, out_format, language, extras, csv_raw)
            pending.append(job)
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


# Set when workers were stopped in the middle of their work: the process must then end without
# the interpreter's own exit, whose concurrent.futures hook would wait for the executor's
# thread, itself waiting forever for the rest of a result a killed worker was sending (the
# CLI ends it with os._exit, after flushing its streams: cli.main).
workers_abandoned = False


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    global workers_abandoned
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
    else:  # (the executor's own list of its processes, emptied by shutdown: read first)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with suppress(OSError, ValueError, AttributeError):
                process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    workers_abandoned = True


def _worker_start() -> None:
    """A worker's start: it leaves Ctrl-C to the parent (which stops it: no traceback from
    each worker when the whole process group gets SIGINT), and it ends when its parent ends,
    however the parent ends (SIGKILL included): on Linux the kernel kills it (parent-death
    signal), and everywhere a thread waiting on the parent's sentinel ends it."""
    import signal
    import threading
    from multiprocessing import parent_process

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    parent = parent_process()
    if parent is not None:

        def watch() -> None:
            from multiprocessing.connection import wait

            wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    default_dataset()


def header(out_format: OutFormat, detail: Detail, extras: Extras = NO_EXTRAS) -> str:
    if out_format == "jsonl":
        return ""
    return ",".join(csv_columns(detail, extras)) + "\n"


def prepare(
    stream: IO[bytes], in_format: InFormat, plan: ColumnPlan = NO_PLAN, encoding: str = "utf-8"
) -> Iterator[Record]:
    """The records of the input. Raises InputError (exit 2) here, before any output, when the
    input cannot be read at all (empty, no header, unknown or missing columns)."""
    if in_format == "csv":
        return _peek(read_csv(stream, plan, encoding))
    return _peek(read_jsonl(stream, plan, encoding))


def write(
    records: Iterable[Record],
    output: IO[str],
    *,
    out_format: OutFormat,
    detail: Detail,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    language: str = "fr",
    extras: Extras = NO_EXTRAS,
    csv_raw: bool = False,
) -> Tally:
    """Compute and write every record, in input order; return the counts."""
    _size_pay_texts(workers <= 1, extras)
    tally = Tally()
    seen = _IdCounter()
    output.write(header(out_format, detail, extras))
    # (On a terminal, each line as soon as it is computed.)
    group = 1 if output.isatty() else 64
    results = (
        _grouped(render(records, default_dataset(), detail, out_format, extras, csv_raw), group)
        if workers <= 1
        else _parallel(records, detail, out_format, workers, language, extras, csv_raw)
    )
    with rare_collections():
        for text, done in results:
            output.write(text)
            for ok, record_id in done:
                tally.records += 1
                if ok:
                    tally.ok += 1
                else:
                    tally.errors += 1
                if record_id:
                    seen.add(record_id)
            if progress is not None:
                progress(len(done))
    tally.duplicate_ids = seen.duplicates()
    return tally


def _grouped(results: Iterable[tuple[bool, str, str]], size: int) -> Iterator[_Done]:
    """Results in groups of `size`, their texts joined: one write each (a write per record
    costs more than its line, for a summary)."""
    texts: list[str] = []
    done: list[tuple[bool, str]] = []
    for ok, record_id, text in results:
        texts.append(text)
        done.append((ok, record_id))
        if len(done) == size:
            yield "".join(texts), done
            texts, done = [], []
    if done:
        yield "".join(texts), done


def _peek(records: Iterator[Record]) -> Iterator[Record]:
    try:
        first = next(records)
    except StopIteration:
        return iter(())

    def chained() -> Iterator[Record]:
        yield first
        yield from records

    return chained()


class _IdCounter:
    """Counts ids seen more than once with 8 bytes per record: the 64-bit hash of each id, kept
    in sorted runs of 65 536 and merged at the end (no list of a million Python ints). A false
    duplicate would need two ids with the same 64-bit hash."""

    RUN = 65_536

    def __init__(self) -> None:
        self._runs: list[array[int]] = []
        self._current: list[int] = []

    def add(self, record_id: str) -> None:
        self._current.append(hash(record_id))
        if len(self._current) == self.RUN:
            self._runs.append(array("q", sorted(self._current)))
            self._current = []

    def duplicates(self) -> int:
        merged = heapq.merge(*self._runs, sorted(self._current))
        return sum(1 for a, b in itertools.pairwise(merged) if a == b)


def health_of(texts: dict[str, str], signed: date, data: Dataset) -> tuple[Decimal, Decimal]:
    """`--with net`: the health-cover shares of a row, as `schedule --net --health-cover`
    reads them (only the health columns: the net does not depend on the other ones)."""
    if "health_cover" not in texts and "health_employer_share" not in texts:
        return Decimal(0), Decimal(0)
    # (A share without a premium is refused there, as everywhere.)
    employer = employer_from_text(
        data, None, None, None, None, texts.get("health_cover"),
        texts.get("health_employer_share"), None, None, False, signed,
    )  # fmt: skip
    return health_shares(employer)


def employer_of(texts: dict[str, str], signed: date, data: Dataset) -> Employer:
    """The employer options of a row, as `deis-pay cost` reads them (defaults the same)."""
    return _employer(tuple(texts.items()), signed, data)


# (Rows of a batch share their employer options and a few signing dates: each read once.)
@lru_cache(maxsize=1024)
def _employer(items: tuple[tuple[str, str], ...], signed: date, data: Dataset) -> Employer:
    texts = dict(items)
    return employer_from_text(
        data,
        texts.get("employer"),
        texts.get("headcount"),
        texts.get("atmp_rate"),
        texts.get("mobility_rate"),
        texts.get("health_cover"),
        texts.get("health_employer_share"),
        texts.get("work_study_share"),
        texts.get("diploma_level"),
        parse_flag("rqth", texts["rqth"]) if "rqth" in texts else False,
        signed,
        overseas=parse_flag("overseas", texts["overseas"]) if "overseas" in texts else False,
    )
