"""`deis-pay batch`: one schedule per contract of a CSV or JSON-lines file, streamed.

For every input record, exactly one output record, in input order, with the record's `id` and
`line`; a bad record becomes `"ok": false` with the CLI's message and never stops the run. Only
a file that cannot be read as a whole (missing, no header, unknown columns) raises
`InputError` (exit 2), and it does so before any output. Records are read, computed and
written one at a time (one chunk at a time with workers): memory grows only by the 8 bytes per
record kept to count duplicate ids.
"""

from __future__ import annotations

import csv
import heapq
import io
import itertools
import json
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import IO, Any, Literal

from .data import Dataset, default_dataset
from .errors import InputError
from .export import CSV_COLUMNS, dumps_line, month_row, to_plain
from .i18n import tr
from .models import Schedule
from .parsing import contract_from_text
from .schedule import schedule_for

InFormat = Literal["csv", "jsonl"]
OutFormat = Literal["jsonl", "csv"]
Detail = Literal["summary", "months"]

COLUMNS = ("id", "birth_date", "start", "end", "grid", "smc", "territory", "cycle_start_year")
REQUIRED = ("id", "birth_date")
CHUNK = 500  # records sent to a worker at a time


@dataclass(frozen=True, slots=True)
class Record:
    """One contract as read: its cells (None = not given) or why it could not be read."""

    line: int
    id: str
    cells: dict[str, str | None] | None
    error: str | None = None


@dataclass(slots=True)
class Tally:
    records: int = 0
    ok: int = 0
    errors: int = 0
    duplicate_ids: int = 0

    def summary(self) -> str:
        return f"{self.records} records, {self.ok} ok, {self.errors} errors"


class _Lines:
    """Decoded lines of a byte stream, counted, remembering which ones were not UTF-8."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.bad: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = next(self._stream)
        self.count += 1
        if self.count == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.bad.add(self.count)
            return raw.decode("utf-8", errors="replace")

    def had_bad_bytes(self, first: int, last: int) -> bool:
        return any(first <= n <= last for n in self.bad)


def _not_utf8(first: int) -> str:
    return tr("ligne {line} : octets non UTF-8 (le fichier doit être en UTF-8)", line=first)


def read_csv(stream: IO[bytes]) -> Iterator[Record]:
    """Records of a CSV file with a header; `,` or `;`, UTF-8 with or without BOM."""
    lines = _Lines(stream)
    header_text = next((text for text in lines if text.strip()), None)
    if header_text is None:
        raise InputError(tr("fichier vide : une ligne d'en-tête est attendue (id,birth_date,…)"))
    if lines.bad:
        raise InputError(tr("en-tête illisible : octets non UTF-8 (le fichier doit être en UTF-8)"))
    # The delimiter is whichever of , and ; the header uses (French spreadsheets write ;).
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    names = [name.strip() for name in next(csv.reader([header_text], delimiter=delimiter))]
    _check_columns(names)
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
            where = (
                tr("ligne {line}", line=first)
                if last == first
                else tr("lignes {first} à {last}", first=first, last=last)
            )
            message = tr("{where} : CSV mal formé ({error})", where=where, error=exc)
            yield Record(first, "", None, message)
            continue
        if not any(cell.strip() for cell in row):
            continue  # a blank line, or a row of empty cells left by a spreadsheet
        record_id = row[id_column].strip() if len(row) > id_column else ""
        if lines.had_bad_bytes(first, lines.count):
            yield Record(first, record_id, None, _not_utf8(first))
        elif len(row) != len(names):
            message = tr(
                "ligne {line} : {count} champs au lieu de {expected}",
                line=first,
                count=len(row),
                expected=len(names),
            )
            yield Record(first, record_id, None, message)
        else:
            cells = {name: (cell.strip() or None) for name, cell in zip(names, row, strict=True)}
            yield Record(first, record_id, cells)


def _check_columns(names: list[str]) -> None:
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise InputError(
            tr(
                "colonnes inconnues : {unknown} (colonnes possibles : {known})",
                unknown=", ".join(unknown),
                known=", ".join(COLUMNS),
            )
        )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InputError(tr("colonnes obligatoires absentes : {names}", names=", ".join(missing)))
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise InputError(tr("colonnes en double : {names}", names=", ".join(doubled)))


def read_jsonl(stream: IO[bytes]) -> Iterator[Record]:
    """Records of a JSON-lines file: one object per line with the columns as keys."""
    lines = _Lines(stream)
    for text in lines:
        line = lines.count
        if not text.strip():
            continue
        if line in lines.bad:
            yield Record(line, "", None, _not_utf8(line))
            continue
        try:
            # Numbers are kept as their text, so that 2100.50 is read exactly.
            value = json.loads(text, parse_float=str, parse_int=str)
        except json.JSONDecodeError as exc:
            message = tr("ligne {line} : JSON invalide ({error})", line=line, error=exc.msg)
            yield Record(line, "", None, message)
            continue
        if not isinstance(value, dict):
            yield Record(line, "", None, tr("ligne {line} : un objet JSON est attendu", line=line))
            continue
        record_id = value.get("id")
        shown_id = record_id if isinstance(record_id, str) else ""
        unknown = [key for key in value if key not in COLUMNS]
        wrong = [k for k, v in value.items() if v is not None and not isinstance(v, str)]
        if unknown:
            message = tr(
                "ligne {line} : clés inconnues : {keys}", line=line, keys=", ".join(unknown)
            )
            yield Record(line, shown_id, None, message)
        elif wrong:
            message = tr(
                "ligne {line} : {keys} : un texte ou un nombre est attendu",
                line=line,
                keys=", ".join(wrong),
            )
            yield Record(line, shown_id, None, message)
        else:
            cells = {
                key: (value[key].strip() or None) if value.get(key) else None for key in COLUMNS
            }
            yield Record(line, shown_id, cells)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one record: its schedule, or the message saying why there is none."""

    record: Record
    schedule: Schedule | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.schedule is not None


def compute(record: Record, data: Dataset) -> Outcome:
    if record.cells is None:
        return Outcome(record, None, record.error)
    cells = record.cells
    try:
        if not cells.get("id"):
            raise InputError(tr("id : valeur vide, un identifiant est attendu"))
        inputs = contract_from_text(
            data,
            cells.get("birth_date") or "",
            cells.get("start"),
            cells.get("end"),
            None,
            cells.get("grid"),
            cells.get("smc"),
            cells.get("territory"),
            cells.get("cycle_start_year"),
        )
        return Outcome(record, schedule_for(inputs, data), None)
    except InputError as exc:
        return Outcome(record, None, str(exc))


def json_line(outcome: Outcome, detail: Detail) -> str:
    """One JSON line: `id`, `line`, `ok`, then the result (or `error`)."""
    head: dict[str, Any] = {"id": outcome.record.id, "line": outcome.record.line}
    schedule = outcome.schedule
    if schedule is None:
        return dumps_line({**head, "ok": False, "error": outcome.error}) + "\n"
    if detail == "months":
        return dumps_line({**head, "ok": True, **to_plain(schedule)}) + "\n"
    return (
        dumps_line(head)[:-1]
        + ',"ok":true,'
        + _pay_fragment(schedule)
        + ',"aids":'
        + dumps_line(schedule.aids)
        + ',"warnings":'
        + dumps_line(schedule.warnings)
        + "}\n"
    )


_FRAGMENTS: dict[int, tuple[object, str]] = {}


def _pay_fragment(schedule: Schedule) -> str:
    """The totals part of a summary line. Schedules with the same pay share their totals
    objects (see schedule._pay), so each one is written once; the entry keeps the object alive
    so that its id cannot be reused by another."""
    totals = schedule.contract_years
    known = _FRAGMENTS.get(id(totals))
    if known is not None and known[0] is totals:
        return known[1]
    text = dumps_line(
        {
            "total_gross": schedule.total_gross,
            "contract_years": schedule.contract_years,
            "calendar_years": schedule.calendar_years,
        }
    )[1:-1]
    if len(_FRAGMENTS) >= 4096:
        _FRAGMENTS.clear()
    _FRAGMENTS[id(totals)] = (totals, text)
    return text


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
)
MONTHS_CSV = ("id", "line", "ok", "error", *CSV_COLUMNS)


def csv_rows(outcome: Outcome, detail: Detail) -> list[tuple[Any, ...]]:
    """Summary: one row per contract; months: one row per month. A failed record: one row."""
    record, schedule = outcome.record, outcome.schedule
    head = (record.id, record.line, "false" if schedule is None else "true", outcome.error or "")
    if schedule is None:
        width = len(SUMMARY_CSV if detail == "summary" else MONTHS_CSV) - len(head)
        return [head + ("",) * width]
    if detail == "months":
        return [head + month_row(month) for month in schedule.months]
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
        )
    ]


def render(
    records: Iterable[Record], data: Dataset, detail: Detail, out_format: OutFormat
) -> Iterator[tuple[bool, str, str]]:
    """(ok, id, text) for each record, in input order; the text ends with a newline."""
    if out_format == "jsonl":
        for record in records:
            outcome = compute(record, data)
            yield outcome.ok, record.id, json_line(outcome, detail)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in records:
        outcome = compute(record, data)
        writer.writerows(csv_rows(outcome, detail))
        yield outcome.ok, record.id, buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _chunk_worker(
    chunk: list[Record], detail: Detail, out_format: OutFormat
) -> list[tuple[bool, str, str]]:
    return list(render(chunk, default_dataset(), detail, out_format))


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
    records: Iterable[Record], detail: Detail, out_format: OutFormat, workers: int
) -> Iterator[tuple[bool, str, str]]:
    """Chunks computed by `workers` processes, yielded in input order, at most 2 × workers
    chunks in flight so that memory stays bounded however long the input."""
    with ProcessPoolExecutor(max_workers=workers, initializer=default_dataset) as pool:
        pending: deque[Future[list[tuple[bool, str, str]]]] = deque()
        for chunk in _chunks(records):
            pending.append(pool.submit(_chunk_worker, chunk, detail, out_format))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def header(out_format: OutFormat, detail: Detail) -> str:
    if out_format == "jsonl":
        return ""
    return ",".join(SUMMARY_CSV if detail == "summary" else MONTHS_CSV) + "\n"


def prepare(stream: IO[bytes], in_format: InFormat) -> Iterator[Record]:
    """The records of the input. Raises InputError (exit 2) here, before any output, when the
    input cannot be read at all (empty, no header, unknown or missing columns)."""
    reader = read_csv(stream) if in_format == "csv" else read_jsonl(stream)
    return _peek(reader)


def write(
    records: Iterable[Record],
    output: IO[str],
    *,
    out_format: OutFormat,
    detail: Detail,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Compute and write every record, in input order; return the counts."""
    tally = Tally()
    seen = _IdCounter()
    output.write(header(out_format, detail))
    results = (
        render(records, default_dataset(), detail, out_format)
        if workers <= 1
        else _parallel(records, detail, out_format, workers)
    )
    for ok, record_id, text in results:
        output.write(text)
        tally.records += 1
        if ok:
            tally.ok += 1
        else:
            tally.errors += 1
        if record_id:
            seen.add(record_id)
        if progress is not None:
            progress(1)
    tally.duplicate_ids = seen.duplicates()
    return tally


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
