"""Reading a contracts file: CSV (its delimiter and encoding found) or JSON lines, one
`Record` per contract, its cells as text, or why it could not be read.

A record that cannot be read (a line too long, a JSON value that is not an object, text that
is not text) is a failed record, never the end of the run; only a file that cannot be read as
a whole (no header, unknown or missing columns) raises `InputError`, before any output.
Columns are matched by input/columns.py.

And the pay file of `--paid-file`, read whole before the run: its rows packed by contract id.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any, Literal

from deis_pay.core.errors import InputError
from deis_pay.core.notices import Notice, notice
from deis_pay.core.values import FIRST_YEAR, LAST_YEAR, as_amount, shown
from deis_pay.i18n.messages import one_line, say
from deis_pay.input.columns import ColumnPlan
from deis_pay.input.payslips import PAID_FILE_HEADERS, paid_month
from deis_pay.rules.check import PaidMonth
from deis_pay.rules.models import (
    HISTORY_FIELDS,
)

InFormat = Literal["csv", "jsonl"]

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


NO_PLAN = ColumnPlan(COLUMNS)
ENCODINGS = ("utf-8", "cp1252", "latin-1")


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
        self.last_bad = b""
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
            self.last_bad = raw  # (its bytes: a header is read again to say its encoding)
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
            raise _not_utf8(lines.last_bad)
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
    return _csv_records(lines, columns, delimiter, plan.translate if plan.values else None)


def _not_utf8(raw: bytes) -> InputError:
    """A header that is not UTF-8: read as Windows-1252 when it can be (most often an export
    saved by a Windows program, `é` as the byte E9), to say which option reads it."""
    try:
        shown = raw.decode("cp1252").strip()
    except UnicodeDecodeError:
        return InputError("header_not_utf8", "input")
    cut = shown if len(shown) <= 80 else shown[:79] + "…"
    return InputError("header_cp1252", "input", header=one_line(cut))


def _csv_records(
    lines: _Lines,
    names: list[str | None],
    delimiter: str,
    translate: Callable[[dict[str, str | None]], Notice | None] | None,
) -> Iterator[Record]:
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
            unmapped = translate(cells) if translate is not None else None
            yield Record(first, record_id, None if unmapped else cells, unmapped)


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
            if exc.code == "ignored_column_known":  # (the file's own error, on this record)
                yield Record(line, shown_id, None, notice(exc.code, None, **exc.params))
                continue
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
            # Only the keys the object holds: a key given blank or null is a blank cell (its
            # default said, `default_used`), an absent key a column the file does not have.
            cells = {
                key: (value[key].strip() or None) if value[key] else None
                for key in COLUMNS
                if key in value
            }
            unmapped = plan.translate(cells) if plan.values else None
            yield Record(line, shown_id, None if unmapped else cells, unmapped)


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


# --- `--paid-file`: what was paid, one row per contract and month, read whole before the run.

PAID_COLUMNS = ("id", "month", "gross", "absence")
PAID_REQUIRED = ("id", "month", "gross")
# The headers `check --paid-file` reads (`mois`, `brut`…), and `id` with its French names.
_PAID_PLAN = ColumnPlan(PAID_COLUMNS, PAID_FILE_HEADERS)
# One pay row, packed: its line in the pay file, its month (year × 12 + month − 1), its gross
# as the integer of its digits and, in its last byte, how many of them are decimals (× 2) and
# the absence (1): 11 bytes a row, where a tuple of Python objects would take about 150.
PAID_ROW = struct.Struct("<IHIB")
# The pay rows of each contract id, packed (`PAID_ROW`), or the error of its first bad row.
PaidRows = dict[str, bytes | Notice]
_PAID_MONTH = re.compile(r"(\d{4})-(\d\d)|(\d\d)/(\d{4})")
_PAID_AMOUNT = re.compile(r"(\d{1,6})(?:[.,](\d{1,2}))?")
# What an `absence` cell says, as `check --paid-file` reads it (any case; empty: no absence).
_ABSENT = frozenset({"oui", "yes", "x", "1", "true", "vrai"})
_PRESENT = frozenset({"", "non", "no", "0", "false", "faux"})


def read_paid(stream: IO[bytes], path: str) -> PaidRows:
    """The pay file of `--paid-file` (CSV, `,` or `;`, UTF-8 with or without BOM): its rows by
    contract id, in file order. A row whose month, gross or absence cannot be read becomes its
    id's error (naming the column, the file and the line), which fails that contract's record
    only. Raises InputError when the file cannot be read as a whole: no header, unknown,
    missing or repeated columns, a line that is not CSV, not UTF-8 or too long, a row of the
    wrong number of cells (whose id cannot be trusted)."""
    try:
        return _paid_rows(_Lines(stream), path)
    except OSError as exc:  # (a file that vanished or failed while read)
        raise InputError("paid_file_unreadable", "paid_file", path=path,
                         error=exc.strerror or str(exc)) from None  # fmt: skip


def _paid_rows(lines: _Lines, path: str) -> PaidRows:
    def unreadable(problem: Notice) -> InputError:
        return InputError("paid_file_unreadable", "paid_file", path=path, error=say(problem))

    header_text = next((text for text in lines if text.strip() or lines.too_long), None)
    if lines.too_long:
        raise unreadable(notice("record_too_large", None, line=lines.count, limit=MAX_RECORD_CHARS))
    if header_text is None:
        raise InputError("batch_paid_file_empty", "paid_file", path=path)
    if lines.bad:  # (the pay file has no --encoding: the batch's not_utf8 would name it)
        raise unreadable(notice("paid_file_line_not_utf8", None, line=lines.count))
    delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
    try:
        headers = next(csv.reader([header_text], delimiter=delimiter))
    except csv.Error as exc:
        raise InputError("paid_file_malformed", "paid_file", path=path, line=lines.count,
                         error=str(exc)) from None  # fmt: skip
    # An unnamed column (a trailing delimiter) holds nothing to read.
    named = [header.strip() for header in headers if header.strip()]
    try:
        found = iter(_PAID_PLAN.resolve(named))
    except InputError as exc:
        if exc.code == "unknown_columns":
            unknown = exc.params["unknown"]
            raise InputError("batch_paid_file_unknown_columns", "paid_file", path=path,
                             unknown=unknown) from None  # fmt: skip
        raise InputError("paid_file_duplicate_columns", "paid_file", path=path,
                         names=exc.params["names"]) from None  # fmt: skip
    columns = [next(found) if header.strip() else None for header in headers]
    missing = tuple(name for name in PAID_REQUIRED if name not in columns)
    if missing:
        raise InputError("batch_paid_file_missing_columns", "paid_file", path=path,
                         names=missing)  # fmt: skip
    at = {name: index for index, name in enumerate(columns) if name is not None}
    rows: PaidRows = {}
    # The rows of one id in a row (a pay export is most often sorted by id) are gathered here
    # and stored at once; an id met again later has its new rows added to its others.
    current, gathered = "", bytearray()

    def store() -> None:
        known = rows.get(current)
        if not isinstance(known, Notice):  # (else its record fails: its rows are not needed)
            rows[current] = (known or b"") + gathered

    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        first = lines.count + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError("paid_file_malformed", "paid_file", path=path, line=first,
                             error=str(exc)) from None  # fmt: skip
        problem = lines.problem(first, lines.count)
        if problem is not None and problem.code == "not_utf8":  # (as its header, above)
            problem = notice("paid_file_line_not_utf8", None, **problem.params)
        if problem is not None:
            raise unreadable(problem)
        if not "".join(row).strip():
            continue  # a blank line, or a row of empty cells
        if len(row) != len(columns):
            raise InputError("paid_file_field_count", "paid_file", path=path, line=first,
                             count=len(row), expected=len(columns))  # fmt: skip
        record_id = row[at["id"]].strip()
        if record_id != current:
            if gathered:
                store()
            current, gathered = record_id, bytearray()
        if isinstance(rows.get(record_id), Notice):
            continue  # its record fails with its first bad row already
        absence = row[at["absence"]] if "absence" in at else ""
        try:
            gathered += _paid_row(first, row[at["month"]], row[at["gross"]], absence)
        except InputError as exc:
            rows[record_id] = notice(exc.code, exc.field, **exc.params, path=path, line=first)
            gathered = bytearray()
    if gathered:
        store()
    return rows


def _paid_row(line: int, month_text: str, gross_text: str, absence_text: str) -> bytes:
    """One pay row packed (`PAID_ROW`): the plain forms read at once, any other as
    `paid_month` and `as_amount` read them; a wrong cell raises its `paid_file_bad_…` error
    (without the file and the line, which the caller adds), its column as its field."""
    match = _PAID_MONTH.fullmatch(month_text.strip())
    if match and match[1]:
        year, month = int(match[1]), int(match[2])
    elif match:
        year, month = int(match[4]), int(match[3])
    else:
        year = month = 0
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        try:  # (its error, or a form the pattern leaves out: `9/2025`)
            first = paid_month("month", month_text)
        except InputError:
            raise InputError("paid_file_bad_month", "month", value=shown(month_text)) from None
        year, month = first.year, first.month
    if match := _PAID_AMOUNT.fullmatch(gross_text.strip()):
        decimals = match[2] or ""
        digits, places = int(match[1] + decimals), len(decimals)
    else:
        try:
            amount = as_amount("gross", gross_text)
        except InputError:
            amount = Decimal(-1)
        if amount < 0:
            raise InputError("paid_file_bad_amount", "gross", value=shown(gross_text))
        places = max(0, -int(amount.as_tuple().exponent))
        digits = int(amount.scaleb(places))
    flag = absence_text.strip().lower()
    if flag not in _ABSENT and flag not in _PRESENT:
        raise InputError("paid_file_bad_absence", "absence", value=shown(absence_text))
    return PAID_ROW.pack(line, year * 12 + month - 1, digits, places * 2 + (flag in _ABSENT))


def paid_months(packed: bytes) -> list[tuple[int, PaidMonth]]:
    """The rows `read_paid` packed: (line in the pay file, `PaidMonth`), in file order."""
    found = []
    for line, month, digits, flags in PAID_ROW.iter_unpack(packed):
        gross = Decimal(digits).scaleb(-(flags >> 1)) if flags > 1 else Decimal(digits)
        first = date(month // 12, month % 12 + 1, 1)
        found.append((line, PaidMonth(first, gross, bool(flags & 1))))
    return found


def prepare(
    stream: IO[bytes], in_format: InFormat, plan: ColumnPlan = NO_PLAN, encoding: str = "utf-8"
) -> Iterator[Record]:
    """The records of the input. Raises InputError (exit 2) here, before any output, when the
    input cannot be read at all (empty, no header, unknown or missing columns)."""
    if in_format == "csv":
        return _peek(read_csv(stream, plan, encoding))
    return _peek(read_jsonl(stream, plan, encoding))


def _peek(records: Iterator[Record]) -> Iterator[Record]:
    try:
        first = next(records)
    except StopIteration:
        return iter(())

    def chained() -> Iterator[Record]:
        yield first
        yield from records

    return chained()
