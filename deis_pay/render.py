"""Terminal views (rich): the only module that imports rich.

French by default: amounts read `1 867,02 €` (no-break spaces), dates `JJ/MM/AAAA`. Rich turns
colour off by itself when the output is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .dates import ONE_DAY
from .errors import InputError
from .models import Change, Schedule

if TYPE_CHECKING:
    from .cerfa import CerfaBlock
    from .compare import Comparison
    from .tables import GridView, SmicView

NBSP = "\u00a0"
BRACKET_LABELS = {
    "<18": "< 18 ans",
    "18-20": "18-20 ans",
    "21-25": "21-25 ans",
    "26+": "26 ans et +",
}
GRID_LABELS = {"general": "grille légale", "sssms": "grille SSSMS"}
TERRITORY_LABELS = {"metropole": "métropole", "mayotte": "Mayotte"}
CHANGE_LABELS = {
    "contract_year": "année de contrat",
    "age_bracket": "tranche d'âge",
    "smic": "revalorisation du SMIC",
    "base": "base de calcul",
}


def euros(amount: Decimal) -> str:
    """`1 867,02 €`: French grouping and decimal comma, no-break spaces."""
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    groups.insert(0, whole)
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}€"


def percent(rate: Decimal) -> str:
    return f"{format(rate.normalize(), 'f').replace('.', ',')}{NBSP}%"


def fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@contextmanager
def output(svg: str | None = None, html: str | None = None) -> Iterator[Console]:
    """The console of a view; with --svg/--html, what it shows is also saved to those files
    exactly as shown (rich records the console). The files are opened first, so that a path
    that cannot be written is refused before anything is printed."""
    for option, path in (("--svg", svg), ("--html", html)):
        if path is not None:
            try:
                with open(path, "w", encoding="utf-8"):
                    pass
            except OSError as exc:
                raise InputError(
                    f"{option} : {path} impossible à écrire ({exc.strerror})"
                ) from None
    console = Console(highlight=False, record=svg is not None or html is not None)
    yield console
    if html is not None:
        console.save_html(html, clear=False)
    if svg is not None:
        console.save_svg(svg, title="deis-pay", clear=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _warn(warnings: tuple[str, ...]) -> None:
    console = _stderr()
    for warning in warnings:
        console.print(f"[yellow]Attention :[/] {escape(warning)}")


def schedule_table(schedule: Schedule) -> Table:
    inputs = schedule.inputs
    table = Table(
        title=(
            f"Salaire minimum brut · né(e) le {fr(inputs.birth_date)} · "
            f"{GRID_LABELS[inputs.grid]} · {TERRITORY_LABELS[inputs.territory]}"
        ),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("Période", no_wrap=True)
    table.add_column("Année", justify="right")
    table.add_column("Âge", no_wrap=True)
    table.add_column("Taux", justify="right", no_wrap=True)
    table.add_column("Base", no_wrap=True)
    table.add_column("Base mensuelle", justify="right", no_wrap=True)
    table.add_column("Brut", justify="right", no_wrap=True)
    year_totals = {y.year: y for y in schedule.contract_years}
    segments = [s for m in schedule.months for s in m.segments]
    projected = {m.month for m in schedule.months if m.projected}
    for i, segment in enumerate(segments):
        first, last = segment.from_, segment.to
        month_key = f"{first.year:04d}-{first.month:02d}"
        partial = first.day != 1 or (last + ONE_DAY).month == last.month
        period = f"{first.month:02d}/{first.year}"
        if partial:
            period = f"{first.day:02d}-{last.day:02d}/{period}"
        mark = "*" if month_key in projected else " "
        table.add_row(
            period,
            str(segment.contract_year),
            segment.age_bracket,
            percent(segment.rate_percent),
            segment.base.upper(),
            euros(segment.base_amount),
            euros(segment.gross) + mark,
        )
        last_of_year = (
            i + 1 == len(segments) or segments[i + 1].contract_year != segment.contract_year
        )
        if last_of_year:
            total = year_totals[segment.contract_year]
            table.add_row(
                f"[bold]Total année {total.year}[/]",
                *([""] * 5),
                f"[bold]{euros(total.gross)}[/] ",
                end_section=True,
            )
    table.add_row("[bold]Total contrat[/]", *([""] * 5), f"[bold]{euros(schedule.total_gross)}[/] ")
    return table


def show_schedule(
    console: Console, schedule: Schedule, *, explain: bool = False, chart: bool = False
) -> None:
    inputs = schedule.inputs
    console.print(schedule_table(schedule))
    console.print(
        f"Contrat du {fr(inputs.start)} au {fr(inputs.end)}"
        + (f" · SMC {euros(inputs.smc)}" if inputs.smc is not None else "")
        + (
            f" · débute en {inputs.cycle_start_year}e année du cycle"
            if inputs.cycle_start_year > 1
            else ""
        )
    )
    console.print(
        "Années de contrat : "
        + " · ".join(f"{y.year} du {fr(y.from_)} au {fr(y.to)}" for y in schedule.contract_years)
    )
    console.print(
        "Par année civile : "
        + " · ".join(f"{y.year} : {euros(y.gross)}" for y in schedule.calendar_years)
    )
    if schedule.projected_from is not None:
        console.print(f"* projection : SMIC inconnu après le {fr(schedule.data_verified_through)}")
    for aid in schedule.aids:
        status = "possible" if aid.eligible else "impossible"
        console.print(f"{escape(aid.name)} ({euros(aid.amount)}) : {status} · {escape(aid.reason)}")
    if chart:
        console.print()
        show_chart(console, schedule)
    if explain:
        console.print()
        show_changes(console, schedule)
    _warn(schedule.warnings)


def _describe(change: Change) -> str:
    label = CHANGE_LABELS[change.kind]
    if change.kind == "smic":
        before, after = euros(Decimal(change.before)), euros(Decimal(change.after))
    elif change.kind == "contract_year":
        before, after = f"année {change.before}", f"année {change.after}"
    else:
        before, after = change.before, change.after
        if change.kind == "base":
            before, after = before.upper(), after.upper()
    return f"{label} : {before} → {after}"


def show_changes(console: Console, schedule: Schedule) -> None:
    titles = {s.id: s.title for s in schedule.sources}
    console.print("[bold]Changements de taux pendant le contrat[/]")
    if not schedule.changes:
        console.print("aucun : le même taux s'applique du début à la fin")
    for change in schedule.changes:
        console.print(f"{fr(change.date_)}  {_describe(change)}")
        console.print(
            f"            taux mensuel {euros(change.monthly_rate_before)} → "
            f"{euros(change.monthly_rate_after)}"
        )
        console.print(f"            {escape(_short(titles.get(change.source, change.source)))}")


def _short(title: str) -> str:
    """The legal reference part of a source title (before its description)."""
    return title.split(" : ")[0].split(" portant ")[0].split(" relatif ")[0]


def show_comparison(console: Console, comparison: Comparison) -> None:
    inputs = comparison.inputs
    table = Table(
        title=f"Grille légale et grille SSSMS · né(e) le {fr(inputs.birth_date)}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Année de contrat", no_wrap=True)
    table.add_column("Légale", justify="right", no_wrap=True)
    table.add_column("SSSMS", justify="right", no_wrap=True)
    table.add_column("Écart", justify="right", no_wrap=True)
    for year in comparison.contract_years:
        table.add_row(
            f"{year.year} ({fr(year.from_)} → {fr(year.to)})",
            euros(year.general),
            euros(year.sssms),
            "+" + euros(year.difference) if year.difference > 0 else euros(year.difference),
            end_section=year is comparison.contract_years[-1],
        )
    diff = comparison.total_difference
    table.add_row(
        "[bold]Total[/]",
        f"[bold]{euros(comparison.total_general)}[/]",
        f"[bold]{euros(comparison.total_sssms)}[/]",
        f"[bold]{'+' if diff > 0 else ''}{euros(diff)}[/]",
    )
    console.print(table)
    console.print(f"Contrat du {fr(inputs.start)} au {fr(inputs.end)}")
    _warn(comparison.warnings)


def show_grid(console: Console, view: GridView) -> None:
    table = Table(
        title=(
            f"{view.name[:1].upper()}{view.name[1:]} au {fr(view.at)} · "
            f"SMIC mensuel {euros(view.smic_monthly)}"
        ),
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Âge", no_wrap=True)
    for year in ("1re année", "2e année", "3e année"):
        table.add_column(year, justify="right", no_wrap=True)
    for row in view.rows:
        label = BRACKET_LABELS[row.age_bracket] + ("¹" if row.from_general_grid else "")
        cells = [
            f"{percent(rate)} · {euros(amount)}"
            for rate, amount in zip(row.rate_percent, row.monthly_amount, strict=True)
        ]
        table.add_row(label + ("²" if row.smc_applies else ""), *cells)
    console.print(table)
    if view.note:
        console.print(f"¹ {escape(view.note)}")
    console.print("² du SMIC, ou du salaire minimum conventionnel (SMC) s'il est supérieur")
    console.print(f"Source : {escape(view.source.title)}")
    if view.projected:
        _warn((f"SMIC au {fr(view.at)} : projection au dernier SMIC connu",))


def show_smic(console: Console, view: SmicView) -> None:
    where = TERRITORY_LABELS[view.territory]
    if view.at is not None:
        entry = view.entries[0]
        console.print(
            f"SMIC brut ({where}) au {fr(view.at)} : {euros(entry.hourly)} de l'heure, "
            f"{euros(entry.monthly)} par mois (35 h), en vigueur depuis le {fr(entry.from_)}"
        )
        console.print(f"Texte : {escape(entry.source.title)}")
        if view.projected:
            _warn(
                (
                    f"données vérifiées jusqu'au {fr(view.data_verified_through)} : au "
                    f"{fr(view.at)}, c'est une projection au dernier SMIC connu",
                )
            )
        return
    table = Table(title=f"SMIC brut ({where})", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Depuis le", no_wrap=True)
    table.add_column("Horaire", justify="right", no_wrap=True)
    table.add_column("Mensuel", justify="right", no_wrap=True)
    table.add_column("Texte")
    for entry in view.entries:
        table.add_row(
            fr(entry.from_),
            euros(entry.hourly),
            euros(entry.monthly),
            escape(_short(entry.source.title)),
        )
    console.print(table)
    console.print(
        f"Mensuel = horaire × 35 × 52 / 12, arrondi au centime. Données vérifiées jusqu'au "
        f"{fr(view.data_verified_through)}."
    )


@contextmanager
def batch_progress() -> Iterator[Callable[[int], None]]:
    """A progress line on stderr for `deis-pay batch` (used only when stderr is a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} contrats"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=_stderr(), transient=True) as progress:
        task = progress.add_task("batch", total=None)
        yield lambda count: progress.advance(task, count)


def show_cerfa(console: Console, block: CerfaBlock) -> None:
    inputs = block.inputs
    table = Table(
        title=f"Rémunération (Cerfa FA13) · né(e) le {fr(inputs.birth_date)} · "
        f"{GRID_LABELS[inputs.grid]}",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Ligne", no_wrap=True)
    table.add_column("Du", no_wrap=True)
    table.add_column("Au", no_wrap=True)
    table.add_column("Taux", justify="right", no_wrap=True)
    table.add_column("du", no_wrap=True)
    table.add_column("Brut mensuel", justify="right", no_wrap=True)
    for line in block.lines:
        table.add_row(
            line.number,
            fr(line.from_),
            fr(line.to),
            percent(line.rate_percent),
            line.base.upper(),
            euros(line.monthly_amount),
        )
    console.print(table)
    console.print(
        f"Montants au SMIC en vigueur au début du contrat ({fr(inputs.start)} : "
        f"{euros(block.smic_at_start)} par mois)"
        + (f", SMC {euros(inputs.smc)}" if inputs.smc is not None else "")
        + "."
    )
    _warn(block.warnings)


CHART_WIDTH = 46  # bar characters at the largest month: label, bar, marker and amount fit 80


def show_chart(console: Console, schedule: Schedule) -> None:
    """Monthly gross as horizontal bars; ◆ where a rate changes, ▒ for projected months."""
    changed = {f"{c.date_.year:04d}-{c.date_.month:02d}" for c in schedule.changes}
    largest = max(month.gross for month in schedule.months)
    console.print(f"[bold]Salaire brut mensuel[/] (barre la plus longue : {euros(largest)})")
    for month in schedule.months:
        length = int(month.gross * CHART_WIDTH / largest) if largest > 0 else 0
        bar = ("▒" if month.projected else "█") * max(length, 1 if month.gross > 0 else 0)
        mark = "◆" if month.month in changed else " "
        label = f"{month.month[5:]}/{month.month[:4]}"
        console.print(f"{label} {bar:<{CHART_WIDTH}} {mark} {euros(month.gross):>11}")
    console.print("◆ changement de taux (détail : --explain) · ▒ projection au dernier SMIC connu")
