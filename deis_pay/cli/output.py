"""How a command's result is written: `--format` on stdout or to `-o`, or the terminal view,
also saved as an SVG image (`--svg`) and an HTML report (`--html`).

Each kind of result has its writers, typed for it (`schedule_writers`, `cost_writers`…): the
command that computed the result picks them, so nothing here looks at a result's class. Each
writer imports its module of present/ when it runs, so that a JSON run never loads rich or
openpyxl and a schedule never loads the cost module (docs/performance.md, start-up).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import IO, TYPE_CHECKING, Generic, TypeVar

from deis_pay.cli.common import errors_to_exit
from deis_pay.core.errors import InputError
from deis_pay.i18n.messages import CLI_OPTIONS, spoken

if TYPE_CHECKING:
    from deis_pay.present.render import Screen
    from deis_pay.present.views import Document
    from deis_pay.rules.cerfa import CerfaBlock
    from deis_pay.rules.check import PayCheck
    from deis_pay.rules.compare import Comparison, HistoryEffect
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.models import Schedule
    from deis_pay.rules.net import NetPay
    from deis_pay.rules.reference import DataView, GridView, SmicView

# --format: the machine formats, and the documents to send (present/report.py).
REPORTS = ("html", "md")

R = TypeVar("R")


# (Plain classes, not dataclasses: each dataclass costs every run its start-up time.)
class Target:
    """Where a result goes: its --format, and -o, --svg and --html as given (None: not given);
    `fmt` is one the command takes (`common.checked_format` checked it). `letter`: check's
    `--letter FILE`, the letter also written there (HTML or Markdown by its extension);
    `reads`: the files the run reads, by option, which no output may overwrite."""

    __slots__ = ("fmt", "html", "letter", "output", "reads", "svg")

    def __init__(
        self,
        fmt: str,
        output: str | None = None,
        svg: str | None = None,
        html: str | None = None,
        *,
        letter: str | None = None,
        reads: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.fmt, self.output, self.svg, self.html = fmt, output, svg, html
        self.letter, self.reads = letter, reads


class Writers(Generic[R]):
    """One kind of result's writer for each format: `table` draws it on the terminal's
    console, `json` writes it as JSON, `document` gives the views of `--format html` and `md`
    (and of the `--html` copy), `csv` its CSV, `workbook` saves it as an xlsx file at a path,
    `letter` writes it as a letter in Markdown ("md": `--format letter`) or HTML ("html").
    None: a format the command does not take (its --format refuses it first)."""

    __slots__ = ("csv", "document", "json", "letter", "table", "workbook")

    def __init__(
        self,
        table: Callable[[Screen, R], None],
        json: Callable[[R], str],
        document: Callable[[R], Document] | None = None,
        csv: Callable[[R], str] | None = None,
        workbook: Callable[[R, str], None] | None = None,
        letter: Callable[[R, str], str] | None = None,
    ) -> None:
        self.table, self.json, self.document = table, json, document
        self.csv, self.workbook, self.letter = csv, workbook, letter


def write(result: R, target: Target, writers: Writers[R]) -> None:
    """The result, said in the current language, in `target.fmt`. Every destination is
    checked before anything is written: two of them that are one file, a file the run reads,
    a copy of a view that is not shown, a closed stdout (`>&-`)."""
    with errors_to_exit():
        fmt, output = target.fmt, target.output
        outputs_apart(("output", output), ("svg", target.svg), ("html", target.html),
                      ("letter", target.letter), read=target.reads)  # fmt: skip
        if output in (None, "-"):
            stdout()  # (`>&-`: refused before anything is written, as a bad -o would be)
        if fmt != "table":  # nothing is shown to copy: say so rather than write nothing
            for field, asked in (("svg", target.svg), ("html", target.html)):
                if asked is not None:
                    raise InputError("copy_needs_table", field)
        if target.letter is not None:
            from deis_pay.core.files import check_destination

            letter_kind(target.letter)
            check_destination("letter", target.letter)
        result = spoken(result, CLI_OPTIONS)
        if fmt == "letter":
            text_out(_needed(writers.letter, fmt)(result, "md"), output)
        elif fmt in REPORTS:
            from deis_pay.present import report

            document = _needed(writers.document, fmt)
            text_out(report.write(document(result), fmt), output)
        elif fmt == "xlsx":
            if output is None:
                raise InputError("xlsx_needs_output", "output")
            _needed(writers.workbook, fmt)(result, output)
        elif fmt == "csv":
            text_out(_needed(writers.csv, fmt)(result), output)
        elif fmt != "table":
            text_out(writers.json(result), output)
        else:
            _show(result, target, writers)
        if target.letter is not None:
            from deis_pay.core.files import write_text

            letter = _needed(writers.letter, "letter")(result, letter_kind(target.letter))
            write_text("letter", target.letter, letter)


def letter_kind(path: str) -> str:
    """`--letter FILE`: "html" for a .html (or .htm) file, "md" for a .md (or .markdown) one;
    any other name is refused, before anything is written."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    raise InputError("letter_extension", "letter", path=path)


def _show(result: R, target: Target, writers: Writers[R]) -> None:
    """The terminal view, and its copies."""
    if target.output is not None:
        raise InputError("table_has_no_output", "output")
    from deis_pay.present import render

    document = writers.document

    def report() -> str:
        from deis_pay.present import report

        return report.write(_needed(document, "html")(result), "html")

    with render.output(target.svg, target.html, report) as console:
        writers.table(console, result)


W = TypeVar("W")


def _needed(writer: W | None, fmt: str) -> W:
    if writer is None:  # a command offering a format it has no writer for: a bug
        raise ValueError(f"no writer for --format {fmt}")
    return writer


def _json(result: object) -> str:
    from deis_pay.present.export import dumps

    return dumps(result)


def schedule_writers(
    net: NetPay | None,
    today: date,
    *,
    explain: bool,
    chart: bool,
    effect: HistoryEffect | None = None,
) -> Writers[Schedule]:
    """A schedule (`schedule`), with the apprentice's net pay if `net`; `today`: the day an
    aid's request window is judged from (never in the JSON); `effect`: what the history
    raises the pay by, a line under the tables and `history_effect` in the JSON."""

    def table(console: Screen, schedule: Schedule) -> None:
        from deis_pay.present.render import show_schedule

        show_schedule(console, schedule, explain=explain, chart=chart, net=net, today=today)
        if effect is not None:
            from deis_pay.present.views import history_effect_line

            console.print(history_effect_line(effect), markup=False, highlight=False)

    def json(schedule: Schedule) -> str:
        from deis_pay.present.export import dumps, to_plain

        if net is None and effect is None:
            return dumps(schedule)
        added = {"net": net, "history_effect": effect}
        return dumps({**to_plain(schedule), **{k: v for k, v in added.items() if v is not None}})

    def document(schedule: Schedule) -> Document:
        from deis_pay.present.views import history_effect_document, schedule_document

        return history_effect_document(schedule_document(schedule, net, today), effect)

    def csv(schedule: Schedule) -> str:
        from deis_pay.present.export import schedule_csv

        return schedule_csv(schedule, net)

    def workbook(schedule: Schedule, path: str) -> None:
        from deis_pay.present import spreadsheet

        spreadsheet.save(spreadsheet.schedule_workbook(schedule, net), path)

    return Writers(table, json, document, csv, workbook)


def cost_writers(*, explain: bool) -> Writers[Cost]:
    """The employer's cost (`cost`); `explain`: its contributions item by item, on the
    terminal."""

    def table(console: Screen, cost: Cost) -> None:
        from deis_pay.present.render import show_cost

        show_cost(console, cost, explain=explain)

    def document(cost: Cost) -> Document:
        from deis_pay.present.views import cost_document

        return cost_document(cost)

    def csv(cost: Cost) -> str:
        from deis_pay.present.export import cost_csv

        return cost_csv(cost)

    def workbook(cost: Cost, path: str) -> None:
        from deis_pay.present import spreadsheet

        spreadsheet.save(spreadsheet.cost_workbook(cost), path)

    return Writers(table, _json, document, csv, workbook)


def comparison_writers(*, csv_raw: bool) -> Writers[Comparison]:
    """Scenarios side by side (`compare`); `csv_raw`: the CSV's texts as they are, even those
    a spreadsheet would read as a formula."""

    def table(console: Screen, comparison: Comparison) -> None:
        from deis_pay.present.render import show_comparison

        show_comparison(console, comparison)

    def document(comparison: Comparison) -> Document:
        from deis_pay.present.views import comparison_document

        return comparison_document(comparison)

    def csv(comparison: Comparison) -> str:
        from deis_pay.present.export import comparison_csv

        return comparison_csv(comparison, csv_raw)

    def workbook(comparison: Comparison, path: str) -> None:
        from deis_pay.present import spreadsheet

        spreadsheet.save(spreadsheet.comparison_workbook(comparison), path)

    return Writers(table, _json, document, csv, workbook)


def cerfa_writers() -> Writers[CerfaBlock]:
    """The Cerfa FA13's pay lines (`cerfa`): no CSV and no spreadsheet."""

    def table(console: Screen, block: CerfaBlock) -> None:
        from deis_pay.present.render import show_cerfa

        show_cerfa(console, block)

    def document(block: CerfaBlock) -> Document:
        from deis_pay.present.views import cerfa_document

        return cerfa_document(block)

    return Writers(table, _json, document)


def check_writers() -> Writers[PayCheck]:
    """What was paid against the minimum (`check`), and its letter."""

    def table(console: Screen, check: PayCheck) -> None:
        from deis_pay.present.render import show_check

        show_check(console, check)

    def document(check: PayCheck) -> Document:
        from deis_pay.present.views import check_document

        return check_document(check)

    def csv(check: PayCheck) -> str:
        from deis_pay.present.export import check_csv

        return check_csv(check)

    def workbook(check: PayCheck, path: str) -> None:
        from deis_pay.present import spreadsheet

        spreadsheet.save(spreadsheet.check_workbook(check), path)

    def letter(check: PayCheck, kind: str) -> str:
        from deis_pay.present.letter import write

        return write(check, "html" if kind == "html" else "md")

    return Writers(table, _json, document, csv, workbook, letter)


def grid_writers() -> Writers[GridView]:
    """The grid at a date (`grid`): a table or JSON."""

    def table(console: Screen, view: GridView) -> None:
        from deis_pay.present.render import show_grid

        show_grid(console, view)

    return Writers(table, _json)


def smic_writers() -> Writers[SmicView]:
    """The SMIC at a date, or its history (`smic`): a table or JSON."""

    def table(console: Screen, view: SmicView) -> None:
        from deis_pay.present.render import show_smic

        show_smic(console, view)

    return Writers(table, _json)


def data_writers() -> Writers[DataView]:
    """What the data holds and how fresh it is (`data`): a table or JSON."""

    def table(console: Screen, view: DataView) -> None:
        from deis_pay.present.render import show_data

        show_data(console, view)

    return Writers(table, _json)


# --- stdout, files ---------------------------------------------------------------------------


def write_out(text: str) -> None:
    """`text` on stdout, at once."""
    out = stdout()
    out.write(text)
    out.flush()


def stdout() -> IO[str]:
    """stdout, or the refusal of a run whose output has nowhere to go (`>&-` closed it)."""
    if sys.stdout is None:
        raise InputError("stdout_closed", "output")
    return sys.stdout


def text_out(text: str, output: str | None) -> None:
    """`text` on stdout, or in the file `-o` names (replaced whole, or left as it was)."""
    if output is None or output == "-":
        write_out(text)
        return
    from deis_pay.core.files import write_text

    write_text("output", output, text)


def open_output(path: str | None, option: str = "output") -> AbstractContextManager[IO[str]]:
    """stdout, or a file that appears (or is replaced) only once everything was written."""
    if path is None or path == "-":
        return nullcontext(stdout())
    from deis_pay.core.files import open_text

    return open_text(option, path)


def outputs_apart(*outputs: tuple[str, str | None], read: tuple[tuple[str, str], ...] = ()) -> None:
    """Refused before anything is written: two outputs that are one file, an output that is a
    file the run reads (`read`, and the files of a `--data` overlay): writing it would destroy
    it (and a batch reading its own output would never end)."""
    from deis_pay.core.files import refuse_clashes

    overlay = os.environ.get("DEIS_PAY_DATA")
    inputs = list(read)
    if overlay and os.path.isdir(overlay):
        inputs += [("--data", os.path.join(overlay, name)) for name in sorted(os.listdir(overlay))
                   if name.endswith(".toml")]  # fmt: skip
    refuse_clashes([(name, path) for name, path in outputs if path is not None], inputs)
