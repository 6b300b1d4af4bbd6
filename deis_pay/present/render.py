"""Terminal views (rich): the only module that imports rich.

In the current language (French by default): amounts formatted by Babel for fr_FR
(`1 867,02 €`) or en_GB (`€1,867.02`), dates JJ/MM/AAAA, labels through `tr`. Rich turns colour
off by itself when the output is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.markup import escape
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from deis_pay.i18n.language import day as fr
from deis_pay.i18n.language import language, tr
from deis_pay.present.views import (
    BRACKET_LABELS,
    RULE_LABELS,
    TERRITORY_LABELS,
    TableView,
    euros,
    number,
    percent,
)
from deis_pay.present.views import month_label as _month_label
from deis_pay.rules.models import Assumption, Change, ContractInputs, Schedule

if TYPE_CHECKING:
    from deis_pay.data.records import DataInfo
    from deis_pay.rules.cerfa import CerfaBlock
    from deis_pay.rules.check import PayCheck
    from deis_pay.rules.compare import Comparison
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.net import NetPay
    from deis_pay.rules.reference import DataView, GridView, SeriesValue, SmicView

# The console a view is drawn on, by a name of this module: the command line types its table
# writers with it and imports no rich type itself (rich is this module's alone).
Screen: TypeAlias = Console

CHANGE_LABELS = {
    "contract_year": "année de contrat",
    "age_bracket": "tranche d'âge",
    "smic": "revalorisation du SMIC",
    "base": "base de calcul",
    "rule": "règle",
}
YEAR_LABELS = ("1re année", "2e année", "3e année")
COMPONENT_LABELS = {
    "sickness": "maladie",
    "health_cover": "complémentaire santé (part employeur)",
    "atmp": "accidents du travail (AT/MP)",
    "old_age_capped": "vieillesse plafonnée",
    "old_age_uncapped": "vieillesse déplafonnée",
    "agirc_arrco": "retraite complémentaire AGIRC-ARRCO",
    "ceg": "contribution d'équilibre général (CEG)",
    "family": "allocations familiales",
    "ags": "garantie des salaires (AGS)",
    "unemployment": "assurance chômage",
    "mobility": "versement mobilité",
    "fnal": "FNAL",
    "csa": "contribution solidarité autonomie",
    "forfait_social": "forfait social",
    "apprenticeship_tax": "taxe d'apprentissage",
    "vocational_training": "formation professionnelle",
    "construction_effort": "effort de construction (PEEC)",
    "social_dialogue": "dialogue social",
}

# Rich wraps lines at any Unicode space, the no-break spaces of French amounts included
# (`1 867,02 €` could end a line after `1`): they are laid out as these private-use characters
# (one cell wide, not spaces) and put back in what is written.
_NO_BREAK = {"\u00a0": "\ue000", "\u202f": "\ue001"}
_HIDE_NO_BREAK = str.maketrans(_NO_BREAK)
_SHOW_NO_BREAK = str.maketrans({hidden: space for space, hidden in _NO_BREAK.items()})
_ASCII_NO_BREAK = str.maketrans({hidden: " " for hidden in _NO_BREAK.values()})
# What a terminal that cannot show a character reads instead (PYTHONIOENCODING=ascii, a C
# locale); accented letters lose their accent, anything else becomes `?` on writing.
_FALLBACKS = {
    "€": "EUR", "→": "->", "—": "-", "–": "-", "·": "-", "…": "...", "≤": "<=", "×": "x",
    "¹": "1", "²": "2", "°": "o", "«": '"', "»": '"', "’": "'", "█": "#", "▒": ":", "◆": "*",
}  # fmt: skip


def _fallback(char: str, encoding: str) -> str:
    """`char` as the terminal's encoding can write it: itself, a spelling, or its letter."""
    for candidate in (char, _FALLBACKS.get(char), unicodedata.normalize("NFKD", char)[:1]):
        if candidate:
            try:
                candidate.encode(encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            return candidate
    return char


class _Console(Console):
    """A console that never breaks a line inside an amount, and that writes to a terminal
    that is not UTF-8 what it can show (`EUR` for `€`, plain spaces, unaccented letters)."""

    def _can_write_all(self) -> bool:
        return self.encoding.replace("_", "-") in ("utf-8", "utf8")

    def render_str(self, text: str, **options: Any) -> Text:
        if not self._can_write_all() and not text.isascii():
            encoding = self.encoding
            shown = {char: _fallback(char, encoding) for char in set(text)
                     if not char.isascii() and char not in _NO_BREAK}  # fmt: skip
            text = "".join([shown.get(char, char) for char in text])
        return super().render_str(text.translate(_HIDE_NO_BREAK), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        table = _SHOW_NO_BREAK if self._can_write_all() else _ASCII_NO_BREAK
        for segment in super().render(renderable, options):
            yield segment._replace(text=segment.text.translate(table))


@contextmanager
def output(
    svg: str | None = None, html: str | None = None, report: Callable[[], str] | None = None
) -> Iterator[Console]:
    """The console of a view; with --svg, what it shows is also saved as an SVG image exactly
    as shown (rich records the console); with --html, the view's report (`report()`, the
    document of `--format html`) is saved too. Both destinations are checked first, so that
    a path that cannot be written is refused before anything is printed or written; each file
    is then replaced whole, or left as it was."""
    from deis_pay.core.files import check_destination, write_text

    saves = [(option, path) for option, path in (("svg", svg), ("html", html)) if path]
    for option, path in saves:
        check_destination(option, path)
    console = _Console(highlight=False, record=svg is not None)
    yield console
    if svg:
        write_text("svg", svg, console.export_svg(title="deis-pay", clear=False))
    if html and report is not None:
        write_text("html", html, report())


def _table(title: str, *, pad_edge: bool = True) -> Table:
    """A view's table: the title on the left, over a simple rule under the header."""
    return Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=pad_edge)


def _stderr() -> Console:
    return _Console(stderr=True, highlight=False)


def _needed_width(console: Console, table: Table) -> int:
    """The narrowest width at which `table` shows every cell whole: its columns that do not
    wrap at their full width, the others at their longest word (rich's own measure of the
    table counts every column at its full width)."""
    options = console.options.update_width(10_000)
    width = Measurement.get(console, options, table).maximum
    for column in table.columns:
        if not column.no_wrap:
            sizes = [
                Measurement.get(console, options, cell) for cell in (column.header, *column.cells)
            ]
            # (A column of a `max_width` is measured at most that wide: no wider to give back.
            # Compare's first column, « Coût après aides par année civile », is 12 cells.)
            widest = max(s.maximum for s in sizes)
            if column.max_width is not None:
                widest = min(widest, column.max_width)
            width -= max(0, widest - max(s.minimum for s in sizes))
    return width


def _print_table(console: Console, table: Table) -> None:
    """The table as is when the console is wide enough for it; narrower, rich would cut
    amounts and dates (`774,…`), so each row becomes a block of `label : value` lines."""
    if console.width >= _needed_width(console, table):
        console.print(table)
        return
    separator = " : " if language() == "fr" else ": "
    if table.title:
        console.print(table.title)
        console.print()
    labels = [escape(str(column.header).replace("\n", " ")) for column in table.columns]
    columns = [[str(cell).strip() for cell in column.cells] for column in table.columns]
    for index, row in enumerate(table.rows):
        values = [cells[index] for cells in columns]
        head = values[0]
        # A total's first cell names it (in bold); a row's first cell is its key (month, line).
        console.print(head if head.startswith("[bold]") else labels[0] + separator + head)
        for label, value in zip(labels[1:], values[1:], strict=True):
            if not value:
                continue
            line = f"  {label}{separator}{value}"
            if cell_len(console.render_str(line).plain) <= console.width:
                console.print(line)
            else:
                console.print(f"  {label}{separator.rstrip()}")
                console.print(f"    {value}")
        if row.end_section:
            console.print()


def _warn(warnings: tuple[str, ...]) -> None:
    console = _stderr()
    for warning in warnings:
        console.print(f"[yellow]{tr('Attention :')}[/] {escape(warning)}")


def _assumptions(
    console: Console, scenarios: Sequence[tuple[Sequence[Assumption], ContractInputs | None]]
) -> None:
    """The « Hypothèses » block under the tables: what was defaulted, computed, given."""
    from deis_pay.present.views import assumptions_lines

    for line in assumptions_lines(scenarios):
        console.print(escape(line))


def view_table(view: TableView) -> Table:
    """A view's rich table: a subtotal ends its section, a total starts one (in a table of
    groups, a heading starts one instead and the total closes its group); their first and
    last cells in bold; the `*` of a projected row after its `mark_column` cell (a space
    elsewhere, so that the amounts stay aligned)."""
    table = _table(view.title, pad_edge=view.pad_edge)
    table.collapse_padding = view.compact
    grouped = any(row.kind == "heading" for row in view.rows)
    for index, column in enumerate(view.columns):
        # A numeric column whose header wraps is at least as wide as its widest amount:
        # rich would otherwise cut them (`11 619,48…`).
        widest = None
        if column.numeric and column.wrap:
            widest = max((cell_len(row.cells[index]) for row in view.rows), default=0)
            widest += 1 if view.mark_column == index else 0
        table.add_column(
            escape(column.label),
            justify="right" if column.numeric else "left",
            no_wrap=not column.wrap,
            max_width=column.max_width,
            min_width=widest or None,
        )
    last = len(view.columns) - 1
    for index, row in enumerate(view.rows):
        cells = [escape(cell) for cell in row.cells]
        if row.kind != "row":
            # In a table of groups every cell of a total is one (compare: each scenario's).
            every = grouped and row.kind == "total"
            for at in range(last + 1) if every else {0, last}:
                if cells[at].strip():
                    cells[at] = f"[bold]{cells[at]}[/]"
        if view.mark_column is not None:
            cells[view.mark_column] += "*" if row.projected else " "
        if grouped:
            if row.kind == "heading" and index > 0:
                table.add_section()
        elif row.kind == "total" and index > 0 and view.rows[index - 1].kind == "row":
            table.add_section()
        style = "bold red" if row.flagged else None
        table.add_row(*cells, end_section=row.kind == "subtotal", style=style)
    return table


def show_view(console: Console, view: TableView) -> None:
    """A view's table, then its notes, one line each."""
    _print_table(console, view_table(view))
    for note in view.notes:
        console.print(escape(note))


def show_schedule(
    console: Console,
    schedule: Schedule,
    *,
    explain: bool = False,
    chart: bool = False,
    net: NetPay | None = None,
    today: date | None = None,
) -> None:
    from deis_pay.present.views import net_view, schedule_view

    show_view(console, schedule_view(schedule, today or date.today()))
    if net is not None:
        console.print()
        show_view(console, net_view(net, schedule))
    if chart:
        console.print()
        show_chart(console, schedule)
    _assumptions(console, ((schedule.assumptions, schedule.inputs),))
    if explain:
        console.print()
        show_changes(console, schedule)
    _warn(schedule.warnings)


def _describe(change: Change) -> str:
    label = tr(CHANGE_LABELS[change.kind])
    if change.kind == "rule":
        before = f"{change.before} ({tr(RULE_LABELS[change.before])})"
        after = f"{change.after} ({tr(RULE_LABELS[change.after])})"
    elif change.kind == "smic":
        before, after = euros(Decimal(change.before)), euros(Decimal(change.after))
    elif change.kind == "contract_year":
        before = tr("année {year}", year=change.before)
        after = tr("année {year}", year=change.after)
    else:
        before, after = change.before, change.after
        if change.kind == "base":
            before, after = before.upper(), after.upper()
    return tr("{label} : {before} → {after}", label=label, before=before, after=after)


def show_changes(console: Console, schedule: Schedule) -> None:
    titles = {s.id: s.title for s in schedule.sources}
    first = schedule.months[0].segments[0]
    if first.rule not in ("D6222-26", "SSSMS"):
        console.print(
            tr(
                "Dès le début, taux fixé par l'art. {article} : {label}",
                article=first.rule,
                label=tr(RULE_LABELS[first.rule]),
            )
        )
        console.print("  " + escape(_short(titles.get(first.rule, first.rule))))
    console.print(f"[bold]{tr('Changements de taux pendant le contrat')}[/]")
    if not schedule.changes:
        console.print(tr("aucun : le même taux s'applique du début à la fin"))
    # The detail lines sit under the description, or just indented on a narrow console.
    indent = " " * 12 if console.width >= 64 else "  "
    day = None
    for change in schedule.changes:
        console.print(f"{fr(change.date_)}  {_describe(change)}")
        if change.date_ != day:  # the causes of one day share its rates: said once
            console.print(indent + _rates(change))
        day = change.date_
        console.print(indent + escape(_short(titles.get(change.source, change.source))))


def _rates(change: Change) -> str:
    """The monthly rate before and after a change; only the one when it did not change, with
    the rule that kept it (the floor of a previous contract above the grid's new year…)."""
    if change.monthly_rate_before != change.monthly_rate_after:
        return tr(
            "taux mensuel {before} → {after}",
            before=euros(change.monthly_rate_before),
            after=euros(change.monthly_rate_after),
        )
    if change.rule is None or change.rule in ("D6222-26", "SSSMS"):
        return tr("taux mensuel inchangé : {amount}", amount=euros(change.monthly_rate_after))
    return tr(
        "taux mensuel inchangé : {amount}, fixé par l'art. {article} ({label})",
        amount=euros(change.monthly_rate_after),
        article=change.rule,
        label=tr(RULE_LABELS[change.rule]),
    )


def _short(title: str) -> str:
    """The legal reference part of a source title (before its description)."""
    return title.split(" : ")[0].split(" portant ")[0].split(" relatif ")[0]


def show_comparison(console: Console, comparison: Comparison) -> None:
    """The table of views.comparison_view, its notes, and the warnings on stderr with the
    scenarios they concern."""
    from deis_pay.present.views import comparison_view, comparison_warnings

    show_view(console, comparison_view(comparison))
    _assumptions(console, [(s.assumptions, s.inputs) for s in comparison.scenarios])
    _warn(comparison_warnings(comparison))


def show_grid(console: Console, view: GridView) -> None:
    table = _table(
        tr(
            "{name} au {day} · SMIC mensuel {smic}",
            name=tr(view.name)[:1].upper() + tr(view.name)[1:],
            day=fr(view.at),
            smic=euros(view.smic_monthly),
        ),
    )
    table.add_column(tr("Âge"), no_wrap=True)
    for year in YEAR_LABELS:
        table.add_column(tr(year), justify="right", no_wrap=True)
    for row in view.rows:
        label = tr(BRACKET_LABELS[row.age_bracket]) + ("¹" if row.from_general_grid else "")
        cells = [
            f"{percent(rate)} · {euros(amount)}"
            for rate, amount in zip(row.rate_percent, row.monthly_amount, strict=True)
        ]
        table.add_row(label + ("²" if row.smc_applies else ""), *cells)
    _print_table(console, table)
    if view.note:
        console.print(f"¹ {escape(tr(view.note))}")
    console.print(tr("² du SMIC, ou du salaire minimum conventionnel (SMC) s'il est supérieur"))
    console.print(tr("Source : {title}", title=escape(view.source.title)))
    if view.projected:
        _warn((tr("SMIC au {day} : projection au dernier SMIC connu", day=fr(view.at)),))
    _overlay_line(console, view.data)


def show_smic(console: Console, view: SmicView) -> None:
    where = tr(TERRITORY_LABELS[view.territory])
    if view.at is not None:
        entry = view.entries[0]
        console.print(
            tr(
                "SMIC brut ({where}) au {day} : {hourly} de l'heure, {monthly} par mois (35 h), "
                "en vigueur depuis le {since}",
                where=where,
                day=fr(view.at),
                hourly=euros(entry.hourly),
                monthly=euros(entry.monthly),
                since=fr(entry.from_),
            )
        )
        console.print(tr("Texte : {title}", title=escape(entry.source.title)))
        if view.projected:
            _warn(
                (
                    tr(
                        "données vérifiées jusqu'au {verified} : au {day}, c'est une projection "
                        "au dernier SMIC connu",
                        verified=fr(view.data_verified_through),
                        day=fr(view.at),
                    ),
                )
            )
        _overlay_line(console, view.data)
        return
    table = _table(tr("SMIC brut ({where})", where=where))
    table.add_column(tr("Depuis le"), no_wrap=True)
    table.add_column(tr("Horaire"), justify="right", no_wrap=True)
    table.add_column(tr("Mensuel"), justify="right", no_wrap=True)
    table.add_column(tr("Texte"))
    for entry in view.entries:
        table.add_row(
            fr(entry.from_),
            euros(entry.hourly),
            euros(entry.monthly),
            escape(_short(entry.source.title)),
        )
    _print_table(console, table)
    console.print(
        tr(
            "Mensuel = horaire × 35 × 52 / 12, arrondi au centime. Données vérifiées jusqu'au "
            "{day}.",
            day=fr(view.data_verified_through),
        )
    )
    _overlay_line(console, view.data)


@contextmanager
def batch_progress() -> Iterator[Callable[[int], None]]:
    """A progress line on stderr for `deis-pay batch` (used only when stderr is a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} " + tr("contrats")),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=_stderr(), transient=True) as progress:
        task = progress.add_task("batch", total=None)
        yield lambda count: progress.advance(task, count)


def show_check(console: Console, check: PayCheck) -> None:
    """What was paid against the minimum, month by month, and what can be claimed; the
    warnings on stderr."""
    from deis_pay.present.views import check_view

    show_view(console, check_view(check))
    _assumptions(console, ((check.assumptions, check.inputs),))
    _warn(check.warnings)


def show_cerfa(console: Console, block: CerfaBlock) -> None:
    from deis_pay.present.views import cerfa_view

    show_view(console, cerfa_view(block))
    _assumptions(console, ((block.assumptions, block.inputs),))
    _warn(block.warnings)


CHART_WIDTH = 46  # bar characters at the largest month: label, bar, marker and amount fit 80


def show_chart(console: Console, schedule: Schedule) -> None:
    """Monthly gross as horizontal bars; ◆ where a rate changes, ▒ for projected months."""
    changed = {
        f"{c.date_.year:04d}-{c.date_.month:02d}"
        for c in schedule.changes
        if c.monthly_rate_before != c.monthly_rate_after
    }
    largest = max(month.gross for month in schedule.months)
    console.print(
        f"[bold]{tr('Salaire brut mensuel')}[/] "
        + tr("(barre la plus longue : {amount})", amount=euros(largest))
    )
    # Narrower than the 68 columns of a full line, the bars shrink (the amounts stay whole).
    width = max(1, min(CHART_WIDTH, console.width - 22))
    for month in schedule.months:
        length = int(month.gross * width / largest) if largest > 0 else 0
        bar = ("▒" if month.projected else "█") * max(length, 1 if month.gross > 0 else 0)
        mark = "◆" if month.month in changed else " "
        label = _month_label(month.month)
        console.print(f"{label} {bar:<{width}} {mark} {euros(month.gross):>11}")
    console.print(
        tr("◆ changement de taux (détail : --explain) · ▒ projection au dernier SMIC connu")
    )


def show_cost(console: Console, cost: Cost, *, explain: bool = False) -> None:
    """What the contract costs the employer and what the apprentice takes home."""
    from deis_pay.present.views import cost_view

    show_view(console, cost_view(cost))
    _assumptions(console, ((cost.assumptions, cost.inputs),))
    if explain:
        _cost_detail(console, cost)
    _warn(cost.warnings)


def _cost_detail(console: Console, cost: Cost) -> None:
    """--explain: the employer contributions item by item, and the sources."""
    console.print()
    if cost.employer_contributions_detail is not None:
        console.print(f"[bold]{tr('Cotisations patronales sur tout le contrat, par poste')}[/]")
        for name, amount in cost.employer_contributions_detail.items():
            if amount:
                console.print(f"  {tr(COMPONENT_LABELS[name]):<44} {euros(amount):>12}")
        reduction = sum((m.general_reduction or Decimal(0) for m in cost.months), Decimal(0))
        console.print(
            f"  {tr('réduction générale (RGCP, puis RGDU en 2026)'):<44} {euros(-reduction):>12}"
        )
    console.print(tr("Sources : ") + " · ".join(escape(_short(s.title)) for s in cost.sources))


def _overlay_line(console: Console, info: DataInfo) -> None:
    """A view without notices says too that a user's overlay was added to the data."""
    if info.overlay is not None:
        _warn((tr("données de deis-pay complétées par le dossier {path} (empreinte {digest})",
                  path=info.overlay.path, digest=info.overlay.digest),))  # fmt: skip


# `deis-pay data`: each series' label, and its last values as a person reads them.
SERIES_LABELS = {
    "smic.metropole": "SMIC (métropole)",
    "smic.mayotte": "SMIC (Mayotte)",
    "employer.social_security_ceiling": "Plafond de la sécurité sociale",
    "grids.general": "Grille légale",
    "grids.sssms": "Grille SSSMS",
    "employer.general_reduction": "Réduction générale",
    "employer.reduction_smic": "SMIC de la réduction générale",
    "employer.hiring_aid": "Aide exceptionnelle à l'embauche",
    "employer.aide_unique": "Aide unique à l'embauche",
    "employer.training_participation": "Participation à la formation",
    "contributions.apprentice_exemption": "Exonération de l'apprenti",
    "employer.payroll_tax": "Taxe sur les salaires (apprentis)",
    "aids.driving_licence": "Aide au permis de conduire",
}


def _series_value(series: SeriesValue) -> str:
    v = series.values

    def amount(key: str) -> str:
        value = v.get(key)
        return euros(value) if isinstance(value, Decimal) else "—"

    def day(key: str) -> str:
        value = v.get(key)
        return fr(value) if isinstance(value, date) else "—"

    name = series.series
    if name.startswith("smic."):
        return tr("{hourly} de l'heure, {monthly} par mois", hourly=amount("hourly"),
                  monthly=amount("monthly"))  # fmt: skip
    if name == "employer.social_security_ceiling":
        return tr("{amount} par mois", amount=amount("monthly"))
    if name.startswith("grids."):
        return tr(str(v["name"]))
    if name == "employer.general_reduction":
        return tr("{kind} : T {under} (moins de 50 salariés), {over} (50 et plus)",
                  kind=str(v["kind"]).upper(), under=_number(v["t_under_50"]),
                  over=_number(v["t_50_plus"]))  # fmt: skip
    if name == "employer.reduction_smic":
        if v["hourly"] is None:
            return tr("le SMIC du mois")
        return tr("{hourly} de l'heure, toute l'année", hourly=amount("hourly"))
    if name == "employer.hiring_aid":
        return tr("contrats conclus jusqu'au {to}, commencés avant le {before}",
                  to=day("concluded_to"), before=day("started_before"))  # fmt: skip
    if name == "employer.aide_unique":
        return tr("{amount} ({disabled} RQTH), moins de {below} salariés, niveau {up_to} au plus "
                  "({overseas} outre-mer)", amount=amount("amount"), disabled=amount("disabled"),
                  below=str(v["headcount_below"]), up_to=str(v["up_to"]),
                  overseas=str(v["overseas_up_to"]))  # fmt: skip
    if name == "employer.training_participation":
        levels = v["levels"]
        shown = ", ".join(str(level) for level in levels) if isinstance(levels, tuple) else ""
        return tr("{amount}, niveaux {levels}", amount=amount("amount"), levels=shown)
    if name == "contributions.apprentice_exemption":
        return tr("jusqu'à {percent} du SMIC", percent=_percent(v["threshold_percent_of_smic"]))
    if name == "employer.payroll_tax":
        return tr("exonérée jusqu'à {most} salariés ; au-delà, {percent} du SMIC exonérés",
                  most=_number(v["exempt_up_to_headcount"]),
                  percent=_percent(v["exempt_percent_of_smic"]))  # fmt: skip
    return tr(
        "{amount}, demandes jusqu'au {last}", amount=amount("amount"), last=day("last_request")
    )


def _number(value: object) -> str:
    return number(value) if isinstance(value, Decimal | int) else "—"


def _percent(value: object) -> str:
    return percent(Decimal(value)) if isinstance(value, Decimal | int) else "—"


def _shortest(title: str) -> str:
    """A source's reference without its identifiers in brackets (a table's narrow column)."""
    return _short(title).split(" (")[0]


def show_data(console: Console, view: DataView) -> None:
    info = view.data
    console.print(tr("Données de deis-pay {version}, vérifiées jusqu'au {day}",
                     version=info.package_version, day=fr(view.verified_through)))  # fmt: skip
    smic = view.smic_today["metropole"]
    console.print(tr("SMIC en vigueur le {day} : {hourly} de l'heure, {monthly} par mois, depuis "
                     "le {since} ({text})", day=fr(view.today), hourly=euros(smic.hourly),
                     monthly=euros(smic.monthly), since=fr(smic.from_),
                     text=escape(_short(smic.source.title))))  # fmt: skip
    console.print(tr("Mois projetés : à partir de {month} (les dernières valeurs connues y sont "
                     "prolongées, marquées *)", month=_month_label(view.projected_from.isoformat()
                                                                    [:7])))  # fmt: skip
    table = _table(tr("Dernière valeur de chaque série"))
    table.add_column(tr("Série"))
    table.add_column(tr("Depuis le"), no_wrap=True)
    table.add_column(tr("Valeur"))
    table.add_column(tr("Texte"))
    for series in view.latest:
        table.add_row(
            tr(SERIES_LABELS.get(series.series, series.series)),
            fr(series.from_) if series.from_ is not None else "—",
            escape(_series_value(series)),
            escape(_shortest(series.source.title)),
        )
    _print_table(console, table)
    if view.expected:
        console.print(tr("Textes attendus (à ajouter par --data ou une nouvelle version) :"))
        for text in view.expected:
            line = tr("{what} : {usually} ({files})", what=tr(text.what),
                      usually=tr(text.usually), files=", ".join(text.files))  # fmt: skip
            console.print("- " + escape(line))
    _overlay_line(console, info)
