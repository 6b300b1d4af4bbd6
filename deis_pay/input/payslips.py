"""What was paid, as a user gives it: months and gross amounts from `--paid MM/AAAA=EUR` options
(or `AAAA-MM=EUR`), or from a pay file (`--paid-file`), for `deis-pay check`.

A month is written `09/2025` (as on a payslip) or `2025-09`; an amount as everywhere
(`774,78`, `1 205,50 €`); a wrong one names the option and the text, as the other options do.
An amount below zero or absurd is left to the rule (rules/check.py), which names its month.

A pay file is a CSV (`,` or `;`, UTF-8 with or without BOM, or cp1252 as older spreadsheets
save it) or an .xlsx workbook (its first sheet), one row per month under a header: `month`
(`mois`), `gross` (`brut`) and, optionally, `absence`; a wrong row names its line. openpyxl is
imported only to read a workbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from deis_pay.core.errors import InputError
from deis_pay.core.values import FIRST_YEAR, LAST_YEAR, as_amount, shown
from deis_pay.rules.check import PaidMonth

_SLASHED = re.compile(r"(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})")


def paid_month(field: str, value: object) -> date:
    """The 1st of a month written `09/2025` or `2025-09` (or a `date`: its month)."""
    if isinstance(value, date):
        return value.replace(day=1)
    if not isinstance(value, str):
        raise InputError("not_a_month", field, value=shown(value))
    text = value.strip()
    if match := _SLASHED.fullmatch(text):
        month, year = int(match[1]), int(match[2])
    elif match := _ISO.fullmatch(text):
        year, month = int(match[1]), int(match[2])
    else:
        raise InputError("not_a_month", field, value=shown(text))
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("not_a_month", field, value=shown(text))
    return date(year, month, 1)


def paid_from_options(items: Iterable[str], absences: Iterable[str] = ()) -> list[PaidMonth]:
    """`--paid MM/AAAA=EUR` as typed, each once; the months of `absences` (`--absence
    MM/AAAA`) marked as months with an absence."""
    marked = {paid_month("absence", month) for month in absences}
    found = []
    for item in items:
        month, equals, amount = item.partition("=")
        if not equals:
            raise InputError("not_a_paid_month", "paid", value=shown(item))
        first = paid_month("paid", month)
        found.append(PaidMonth(first, as_amount("paid", amount), first in marked))
    unmatched = marked - {entry.month for entry in found}
    if unmatched:
        day = min(unmatched)
        raise InputError("absence_without_paid", "absence", month=f"{day.month:02d}/{day.year}")
    return found


def paid_given(
    items: Iterable[str], absences: Iterable[str], path: str | None = None
) -> list[PaidMonth]:
    """What `check` was given: the months of the pay file `path` (if any), then those of
    `--paid`. A month of `--absence` is marked in either; one in neither is refused. A month
    in both is left to the rule, which refuses it as given twice."""
    from_file = paid_from_file(path) if path is not None else []
    in_file = {entry.month for entry in from_file}
    marked = [(month, paid_month("absence", month)) for month in absences]
    elsewhere = [text for text, first in marked if first not in in_file]
    from_options = paid_from_options(items, elsewhere)
    absent = {first for _, first in marked}
    return [
        PaidMonth(entry.month, entry.gross, entry.absence or entry.month in absent)
        for entry in from_file
    ] + from_options


# The headers of a pay file, compared without case, accents or spaces around them, and the
# column each names (the French names as a French payroll export writes them).
PAID_FILE_HEADERS = {"month": "month", "mois": "month", "gross": "gross", "brut": "gross",
                     "absence": "absence"}  # fmt: skip
_REQUIRED = ("month", "gross")
# A contract lasts four years at most: a file of more rows than this (a hundred years of
# months), or of more bytes, is not a pay file, and is refused before it fills the memory.
MAX_PAID_ROWS = 1200
MAX_PAID_BYTES = 10 << 20
# What a workbook holds once unzipped, at most: a small zip can unpack to gigabytes.
MAX_WORKBOOK_BYTES = 50 << 20
# What an `absence` cell says (any case; an empty cell is no absence).
_ABSENT = frozenset({"oui", "yes", "x", "1", "true", "vrai"})
_PRESENT = frozenset({"", "non", "no", "0", "false", "faux"})

Row = tuple[int, Sequence[object]]  # (its line in the file, its cells)


def paid_from_file(path: str) -> list[PaidMonth]:
    """The months of a pay file (see the module's docstring), in the file's order, each once."""
    data = _file_bytes(path)
    # An xlsx workbook is a zip archive: told apart by its first bytes, whatever its name.
    rows = _workbook_rows(path, data) if data.startswith(b"PK\x03\x04") else _csv_rows(path, data)
    return _paid_rows(path, rows)


def _file_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PAID_BYTES + 1)
    except FileNotFoundError:
        raise InputError("paid_file_not_found", "paid_file", path=path) from None
    except IsADirectoryError:
        raise InputError("paid_file_is_folder", "paid_file", path=path) from None
    except OSError as exc:
        raise InputError("paid_file_unreadable", "paid_file", path=path,
                         error=exc.strerror or str(exc)) from None  # fmt: skip
    if len(data) > MAX_PAID_BYTES:
        raise InputError("paid_file_too_large", "paid_file", path=path, limit=MAX_PAID_ROWS)
    return data


def _csv_rows(path: str, data: bytes) -> list[Row]:
    import csv
    import io

    if b"\0" in data:  # a binary file (an old .xls, an image): no CSV has a NUL byte
        raise InputError("paid_file_not_table", "paid_file", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # what Excel saves as "CSV (séparateur : point-virgule)" on a French Windows
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError("paid_file_unreadable", "paid_file", path=path,
                             error=str(exc)[:80]) from None  # fmt: skip
    header = next((line for line in text.splitlines() if line.strip()), None)
    if header is None:
        raise InputError("paid_file_empty", "paid_file", path=path)
    # The delimiter is whichever of , and ; the header uses (French spreadsheets write ;).
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError("paid_file_malformed", "paid_file", path=path, line=line,
                             error=str(exc)) from None  # fmt: skip
        _keep(path, rows, line, cells)
    return rows


def _workbook_rows(path: str, data: bytes) -> list[Row]:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError("paid_file_unreadable", "paid_file", path=path,
                         error=str(exc)[:80]) from None  # fmt: skip
    if unpacked > MAX_WORKBOOK_BYTES:
        raise InputError("paid_file_too_large", "paid_file", path=path, limit=MAX_PAID_ROWS)
    from openpyxl import load_workbook

    rows: list[Row] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                _keep(path, rows, line, cells)
        finally:
            book.close()
    except InputError:
        raise
    # Whatever a damaged or hostile workbook makes openpyxl raise (a missing part, bad XML,
    # a sheet that is a chart): the file cannot be read, and the message says why.
    except Exception as exc:
        raise InputError("paid_file_unreadable", "paid_file", path=path,
                         error=f"{type(exc).__name__}: {exc}"[:80]) from None  # fmt: skip
    return rows


def _keep(path: str, rows: list[Row], line: int, cells: Sequence[object]) -> None:
    """A row read, kept unless empty (a blank line, a row of empty cells); refused past a
    header and MAX_PAID_ROWS months."""
    if all(_blank(cell) for cell in cells):
        return
    if len(rows) > MAX_PAID_ROWS:
        raise InputError("paid_file_too_large", "paid_file", path=path, limit=MAX_PAID_ROWS)
    rows.append((line, cells))


def _header_key(cell: object) -> str:
    import unicodedata

    text = "" if cell is None else str(cell)
    decomposed = unicodedata.normalize("NFKD", text.strip().strip("\ufeff").strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _paid_rows(path: str, rows: Sequence[Row]) -> list[PaidMonth]:
    """The months of a pay file's non-empty rows: the first is the header."""
    if not rows:
        raise InputError("paid_file_empty", "paid_file", path=path)
    (_, header), body = rows[0], rows[1:]
    columns: dict[str, int] = {}
    unknown: list[str] = []
    twice: list[str] = []
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if not key:  # an unnamed column (a trailing delimiter, an empty cell): nothing to read
            continue
        name = PAID_FILE_HEADERS.get(key)
        if name is None:
            unknown.append(shown(str(cell).strip()))
        elif name in columns:
            twice.append(shown(str(cell).strip()))
        else:
            columns[name] = index
    if unknown:
        raise InputError("paid_file_unknown_columns", "paid_file", path=path,
                         unknown=tuple(unknown))  # fmt: skip
    if twice:
        raise InputError("paid_file_duplicate_columns", "paid_file", path=path, names=tuple(twice))
    missing = tuple(name for name in _REQUIRED if name not in columns)
    if missing:
        raise InputError("paid_file_missing_columns", "paid_file", path=path, names=missing)
    found: list[PaidMonth] = []
    first_line: dict[date, int] = {}
    for line, cells in body:
        extra = [cell for cell in cells[len(header) :] if not _blank(cell)]
        if extra:
            raise InputError("paid_file_field_count", "paid_file", path=path, line=line,
                             count=len(cells), expected=len(header))  # fmt: skip

        def cell(name: str, cells: Sequence[object] = cells) -> object:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        month = _file_month(path, line, cell("month"))
        if month in first_line:
            raise InputError("paid_file_month_twice", "paid_file", path=path, line=line,
                             month=f"{month.month:02d}/{month.year}",
                             first=first_line[month])  # fmt: skip
        first_line[month] = line
        gross = _file_amount(path, line, cell("gross"))
        found.append(PaidMonth(month, gross, _file_absence(path, line, cell("absence"))))
    if not found:
        raise InputError("paid_file_no_months", "paid_file", path=path)
    return found


def _file_month(path: str, line: int, value: object) -> date:
    if isinstance(value, datetime):  # a date cell of a workbook (openpyxl reads datetimes)
        value = value.date()
    try:
        return paid_month("paid_file", value.strip() if isinstance(value, str) else value)
    except InputError:
        raise InputError("paid_file_bad_month", "paid_file", path=path, line=line,
                         value=_cell_text(value)) from None  # fmt: skip


def _file_amount(path: str, line: int, value: object) -> Decimal:
    if isinstance(value, float) and abs(value - round(value, 2)) < 1e-6:
        # A workbook's computed cell (=A2*0,53) holds a binary float such as 387.39000000000004:
        # the cents it means.
        value = round(value, 2)
    try:
        amount = as_amount("paid_file", value)
    except (InputError, TypeError):
        raise InputError("paid_file_bad_amount", "paid_file", path=path, line=line,
                         value=_cell_text(value)) from None  # fmt: skip
    if amount < 0:
        raise InputError("paid_file_bad_amount", "paid_file", path=path, line=line,
                         value=_cell_text(value))  # fmt: skip
    return amount


def _file_absence(path: str, line: int, value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    text = str(value).strip().lower()
    if text in _ABSENT:
        return True
    if text in _PRESENT:
        return False
    raise InputError("paid_file_bad_absence", "paid_file", path=path, line=line,
                     value=_cell_text(value))  # fmt: skip


def _cell_text(value: object) -> str:
    return "" if value is None else shown(value)
