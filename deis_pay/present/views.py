"""What a person reads, as plain data: the tables of the views and the lines around them.

One model for every human format: render.py lays a `TableView` out for the terminal (rich),
report.py writes a `Document` as HTML or Markdown. So the rows, the yearly subtotals, the `*`
of the projected months, the notes and their wording are the same everywhere. Cells are plain
text in the current language (no markup); amounts are formatted by Babel (`1 867,02 €`).

No rich here, and Babel only when a number is formatted: report.py must not pay for rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from deis_pay.core.dates import ONE_DAY
from deis_pay.i18n.language import day as fr
from deis_pay.i18n.language import language, num, tr
from deis_pay.rules.models import Aid, Assumption, ContractInputs, Schedule, Segment, SourceRef

if TYPE_CHECKING:
    from deis_pay.rules.cerfa import CerfaBlock
    from deis_pay.rules.check import CheckMonth, CheckRule, PayCheck
    from deis_pay.rules.compare import (
        CalendarFigures,
        Comparison,
        ComparisonTotal,
        Figures,
        HistoryEffect,
        Scenario,
        ScenarioYear,
    )
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.net import NetPay

    # A figure (gross, net, cost after aids) read from a year, the totals or a difference.
    Measure = Callable[[Figures | ScenarioYear | CalendarFigures | ComparisonTotal], Decimal | None]

RowKind = Literal["row", "subtotal", "total", "heading"]

BRACKET_LABELS = {
    "<18": "< 18 ans",
    "18-20": "18-20 ans",
    "21-25": "21-25 ans",
    "26+": "26 ans et +",
}
GRID_LABELS = {"general": "grille légale", "sssms": "grille SSSMS"}
TERRITORY_LABELS = {"metropole": "métropole", "mayotte": "Mayotte"}
# What each rule is, for a person (docs/history.md).
RULE_LABELS = {
    "D6222-26": "grille légale",
    "SSSMS": "grille de la branche SSSMS",
    "D6222-28": "prolongation après un échec à l'examen : taux de la dernière année",
    "D6222-29": "plancher du contrat précédent qui a mené au diplôme",
    "D6222-30": "diplôme de même niveau en rapport direct : +15 points",
    "D6222-32": "licence professionnelle : au moins le taux de 2e année",
    "R6222-48": "apprenti handicapé (RQTH), contrat prolongé : +15 points",
}
RULE_MARKS = "¹²³⁴⁵⁶"
# The contract-type codes of the Cerfa FA13, worded as the official form generator words them
# (mission-apprentissage/contrat: getTypeContratApprentiOptions).
CONTRACT_TYPE_LABELS = {
    "11": "premier contrat d'apprentissage de l'apprenti",
    "21": "nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un "
    "même employeur",
    "22": "nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un "
    "autre employeur",
    "33": "prolongation du contrat suite à un échec à l'examen de l'apprenti",
    "34": "prolongation du contrat suite à la reconnaissance de l'apprenti comme travailleur "
    "handicapé",
}
EMPLOYER_LABELS = {
    "private": "employeur privé",
    "association": "association",
    "public": "employeur public",
}
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # may hold "\n" where the terminal breaks a two-line header
    numeric: bool = False  # right-aligned
    # The terminal may wrap its header and its text cells; a numeric column's cells (amounts)
    # are never cut: it is at least as wide as the widest of them.
    wrap: bool = False
    max_width: int | None = None  # terminal only: at most this many cells wide


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    # "heading": the name of the group of rows under it (its first cell), in a table of
    # several groups, each closed by its "total" (compare: a group per figure).
    kind: RowKind = "row"
    projected: bool = False  # its amounts rest on a SMIC projected past the data
    # To be seen at a glance (check: a month paid below its minimum): in red on a terminal,
    # shaded in HTML, in bold in Markdown.
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class TableView:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()  # the lines under the table, in order
    mark_column: int | None = None  # where the `*` of a projected row goes
    pad_edge: bool = True  # terminal only: a space at the table's left and right edges
    compact: bool = False  # terminal only: two spaces between columns instead of three


@dataclass(frozen=True, slots=True)
class Document:
    """A report: its tables with their notes, then the warnings and the legal sources."""

    title: str
    tables: tuple[TableView, ...]
    warnings: tuple[str, ...]
    sources: tuple[SourceRef, ...]


def euros(amount: Decimal) -> str:
    """`1 867,02 €` in French, `€1,867.02` in English (Babel, CLDR data)."""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=LOCALES[language()])


def figure(amount: Decimal) -> str:
    """An amount without its currency (`1 867,02`), for a table whose title says `en €`."""
    from babel.numbers import format_decimal

    return format_decimal(amount, format="#,##0.00", locale=LOCALES[language()])


def number(value: Decimal | int) -> str:
    """A number inside a sentence: `98,86`, `1 500` in French; `98.86`, `1,500` in English
    (i18n.num, written as Babel writes it)."""
    return num(Decimal(value))


def percent(rate: Decimal) -> str:
    from babel.numbers import format_decimal

    text = format_decimal(rate.normalize(), locale=LOCALES[language()])
    return f"{text}\u00a0%" if language() == "fr" else f"{text}%"


def month_label(key: str) -> str:
    """`2026-09` → `09/2026`."""
    return f"{key[5:]}/{key[:4]}"


def _signed(amount: Decimal) -> str:
    return "+" + euros(amount) if amount > 0 else euros(amount)


# --- schedule


def rule_marks(schedule: Schedule) -> dict[str, str]:
    """A mark for each rule other than the contract's grid that sets a rate, in order."""
    grid_rule = "D6222-26" if schedule.inputs.grid == "general" else "SSSMS"
    rules = dict.fromkeys(
        s.rule for m in schedule.months for s in m.segments if s.rule != grid_rule
    )
    return {rule: RULE_MARKS[i] for i, rule in enumerate(rules)}


def contract_dates(inputs: ContractInputs) -> str:
    text = tr("Contrat du {start} au {end}", start=fr(inputs.start), end=fr(inputs.end))
    history = inputs.history
    if history.prolonged_to is not None:
        reason = tr("échec à l'examen") if history.prolongation_reason == "exam" else "RQTH"
        text += tr(
            ", prolongé jusqu'au {day} ({reason})", day=fr(history.prolonged_to), reason=reason
        )
    return text


def shared_months_note(months: Iterable[tuple[str, tuple[Segment, ...]]]) -> str | None:
    """Under a month-by-month table with yearly subtotals: a month with a contract
    anniversary is listed under its last year, but its amounts are shared between both."""
    shared = [
        month_label(key) for key, segments in months if len({s.contract_year for s in segments}) > 1
    ]
    if not shared:
        return None
    return tr(
        "Mois à cheval sur deux années de contrat ({months}) : rangé sous la seconde, compté "
        "dans chaque sous-total au prorata de son brut.",
        months=", ".join(shared),
    )


def projection_note(verified: date) -> str:
    return tr("* projection : SMIC inconnu après le {day}", day=fr(verified))


def aid_status(aid: Aid, today: date) -> str:
    """`possible`, or why not, seen from `today`: a window already closed says so (human
    views only; the JSON keeps `eligible`, which does not depend on the day it is read)."""
    if not aid.eligible:
        return tr("impossible")
    if aid.request_to is not None and today > aid.request_to:
        return tr("fenêtre close le {day}", day=fr(aid.request_to))
    if aid.request_from is not None and today < aid.request_from:
        return tr("possible à partir du {day}", day=fr(aid.request_from))
    return tr("possible")


def schedule_view(schedule: Schedule, today: date) -> TableView:
    inputs = schedule.inputs
    columns = (
        Column(tr("Période")),
        Column(tr("Année"), numeric=True),
        Column(tr("Âge")),
        Column(tr("Taux"), numeric=True),
        Column(tr("Base")),
        Column(tr("Base mensuelle"), numeric=True),
        Column(tr("Brut"), numeric=True),
    )
    year_totals = {y.year: y for y in schedule.contract_years}
    projected = {m.month for m in schedule.months if m.projected}
    marks = rule_marks(schedule)
    segments = [s for m in schedule.months for s in m.segments]
    rows: list[Row] = []
    for i, segment in enumerate(segments):
        first, last = segment.from_, segment.to
        partial = first.day != 1 or (last + ONE_DAY).month == last.month
        period = f"{first.month:02d}/{first.year}"
        if partial:
            period = f"{first.day:02d}-{last.day:02d}/{period}"
        rows.append(
            Row(
                (
                    period,
                    str(segment.contract_year),
                    segment.age_bracket,
                    percent(segment.rate_percent) + marks.get(segment.rule, ""),
                    segment.base.upper(),
                    euros(segment.base_amount),
                    euros(segment.gross),
                ),
                projected=f"{first.year:04d}-{first.month:02d}" in projected,
            )
        )
        if i + 1 == len(segments) or segments[i + 1].contract_year != segment.contract_year:
            total = year_totals[segment.contract_year]
            label = tr("Total année {year}", year=total.year)
            rows.append(Row((label, *[""] * 5, euros(total.gross)), "subtotal"))
    rows.append(Row((tr("Total contrat"), *[""] * 5, euros(schedule.total_gross)), "total"))
    notes = [f"{mark} {rule_note(rule)}" for rule, mark in marks.items()]
    notes.append(
        contract_dates(inputs)
        + (f" · SMC {euros(inputs.smc)}" if inputs.smc is not None else "")
        + (
            tr(" · débute en {year}e année du cycle", year=inputs.cycle_start_year)
            if inputs.cycle_start_year > 1
            else ""
        )
    )
    notes.append(
        tr("Années de contrat : ")
        + " · ".join(
            tr("{year} du {start} au {end}", year=y.year, start=fr(y.from_), end=fr(y.to))
            for y in schedule.contract_years
        )
    )
    notes.append(
        tr("Par année civile : ")
        + " · ".join(
            tr("{year} : {amount}", year=y.year, amount=euros(y.gross))
            for y in schedule.calendar_years
        )
    )
    if schedule.projected_from is not None:
        notes.append(projection_note(schedule.data_verified_through))
    for aid in schedule.aids:
        reason = aid.reason
        opened, closed = aid.request_from, aid.request_to
        if aid.eligible and opened is not None and closed is not None and today > closed:
            # The reason says when the request was possible ("demande possible du …"): once the
            # window has closed, say that it was.
            reason = tr(
                "elle était ouverte du {first} au {last}", first=fr(opened), last=fr(closed)
            )
        notes.append(
            tr(
                "{name} ({amount}) : {status} · {reason}",
                name=aid.name,
                amount=euros(aid.amount),
                status=aid_status(aid, today),
                reason=reason,
            )
        )
    title = tr(
        "Salaire minimum brut · né(e) le {birth} · {grid} · {territory}",
        birth=fr(inputs.birth_date),
        grid=tr(GRID_LABELS[inputs.grid]),
        territory=tr(TERRITORY_LABELS[inputs.territory]),
    )
    return TableView(title, columns, tuple(rows), tuple(notes), mark_column=6, pad_edge=False)


def rule_note(rule: str) -> str:
    """What a mark of the rate column means, with its article."""
    article = "" if rule == "SSSMS" else tr(" (art. {article})", article=rule)
    return tr(RULE_LABELS[rule]) + article


# --- net


def net_view(net: NetPay, schedule: Schedule) -> TableView:
    """What the apprentice takes home, month by month, with each contract year's subtotal."""
    columns = (
        Column(tr("Mois")),
        Column(tr("Brut"), numeric=True),
        Column(tr("Cotisations"), numeric=True),
        Column("CSG/CRDS", numeric=True),
        Column(tr("Net"), numeric=True),
    )
    years = {y.year: y for y in net.contract_years}
    rows: list[Row] = []
    for i, (month, pay) in enumerate(zip(schedule.months, net.months, strict=True)):
        rows.append(
            Row(
                (
                    month_label(pay.month),
                    euros(pay.gross),
                    euros(pay.employee_contributions),
                    euros(pay.csg_crds),
                    euros(pay.net),
                ),
                projected=month.projected,
            )
        )
        year = month.segments[-1].contract_year
        following = (
            schedule.months[i + 1].segments[-1].contract_year
            if i + 1 < len(schedule.months)
            else None
        )
        if following != year and year in years:
            total = years[year]
            rows.append(
                Row(
                    (
                        tr("Année {year}", year=year),
                        euros(total.gross),
                        euros(total.employee_contributions),
                        euros(total.csg_crds),
                        euros(total.net),
                    ),
                    "subtotal",
                )
            )
    gross = sum((m.gross for m in net.months), Decimal(0))
    rows.append(
        Row(
            (
                tr("Total"),
                euros(gross),
                euros(net.total_employee_contributions),
                euros(net.total_csg_crds),
                euros(net.total_net),
            ),
            "total",
        )
    )
    notes: list[str] = []
    if schedule.projected_from is not None:
        notes.append(projection_note(schedule.data_verified_through))
    shared = shared_months_note((m.month, m.segments) for m in schedule.months)
    if shared is not None:
        notes.append(shared)
    if net.health_cover > 0:
        notes.append(
            tr(
                "Complémentaire santé : {premium} par mois, dont {employee} à la charge de "
                "l'apprenti (déduits du net) et {employer} de l'employeur (soumis à la "
                "CSG/CRDS), comme dans cost.",
                premium=euros(net.health_cover),
                employee=euros(net.health_cover_employee),
                employer=euros(net.health_cover_employer),
            )
        )
    else:
        notes.append(
            tr(
                "Complémentaire santé non comptée : le net réel est plus bas de la part de "
                "l'apprenti et de la CSG/CRDS sur celle de l'employeur ; la donner avec "
                "--health-cover EUR (cotisation mensuelle), comme pour cost."
            )
        )
    if not net.csg_crds_due_above_threshold:
        notes.append(tr("Contrat conclu avant le 01/03/2025 : ni CSG ni CRDS."))
    title = tr(
        "Net de l'apprenti · contrat conclu le {day} · exonération jusqu'à {share} du SMIC",
        day=fr(net.concluded_on),
        share=percent(net.threshold_percent_of_smic),
    )
    return TableView(title, columns, tuple(rows), tuple(notes), mark_column=4, pad_edge=False)


def schedule_document(schedule: Schedule, net: NetPay | None, today: date) -> Document:
    tables: tuple[TableView, ...] = (schedule_view(schedule, today),)
    sources = schedule.sources
    if net is not None:
        tables += (net_view(net, schedule),)
        sources = tuple(dict.fromkeys(sources + net.sources))
    title = tr("Salaire minimum · né(e) le {birth}", birth=fr(schedule.inputs.birth_date))
    document = Document(title, tables, schedule.warnings, sources)
    return with_assumptions(document, assumptions_view((("", schedule.assumptions),)))


# --- cost


def _maybe(amount: Decimal | None) -> str:
    return "—" if amount is None else figure(amount)


def cost_view(cost: Cost) -> TableView:
    """The employer's cost month by month. Amounts without their `€` (the title says `en €`):
    seven amount columns then fit 80 columns. The column after aids only when there is an aid:
    without one it would repeat the cost."""
    employer = cost.employer
    with_aid = cost.total_aids > 0
    columns = [
        Column(tr("Mois")),
        Column(tr("Brut"), numeric=True),
        Column(tr("Net"), numeric=True),
        Column(tr("Charges\npatronales"), numeric=True),
        Column(tr("Aide à\nl'embauche"), numeric=True),
        Column(tr("Coût\nemployeur"), numeric=True),
    ]
    if with_aid:
        columns.append(Column(tr("Coût après\naides"), numeric=True))
    years = {y.year: y for y in cost.contract_years}
    rows: list[Row] = []
    for i, month in enumerate(cost.months):
        cells = [
            month_label(month.month),
            figure(month.gross),
            _maybe(month.net),
            _maybe(month.employer_contributions),
            figure(month.hiring_aid),
            _maybe(month.employer_cost),
        ]
        if with_aid:
            after = None if month.employer_cost is None else month.employer_cost - month.hiring_aid
            cells.append(_maybe(after))
        rows.append(Row(tuple(cells), projected=month.projected))
        year = month.segments[-1].contract_year
        following = cost.months[i + 1].segments[-1].contract_year if i + 1 < len(cost.months) else 0
        if following != year and year in years:
            total = years[year]
            cells = [
                tr("Année {year}", year=year),
                figure(total.gross),
                _maybe(total.net),
                _maybe(total.employer_contributions),
                figure(total.hiring_aid),
                _maybe(total.employer_cost),
            ]
            if with_aid:
                cells.append(_maybe(total.employer_cost_after_aids))
            rows.append(Row(tuple(cells), "subtotal"))
    cells = [
        tr("Total"),
        figure(cost.total_gross),
        _maybe(cost.total_net),
        _maybe(cost.total_employer_contributions),
        figure(cost.total_aids),
        _maybe(cost.total_employer_cost),
    ]
    if with_aid:
        cells.append(_maybe(cost.total_employer_cost_after_aids))
    rows.append(Row(tuple(cells), "total"))
    title = tr(
        "Coût employeur (en €) · {kind} · {headcount} salariés · conclu le {day}",
        kind=tr(EMPLOYER_LABELS[employer.kind]),
        headcount=number(employer.headcount),
        day=fr(employer.signed or cost.inputs.start),
    )
    return TableView(
        title,
        tuple(columns),
        tuple(rows),
        cost_notes(cost),
        mark_column=len(columns) - 1,
        pad_edge=False,
        compact=with_aid,  # seven columns in 80
    )


def cost_notes(cost: Cost) -> tuple[str, ...]:
    """The lines under the cost table: the net, the aid, the cost after aids, per week, tax."""
    notes: list[str] = []
    if cost.projected_from is not None:
        notes.append(projection_note(cost.data_verified_through))
    shared = shared_months_note((m.month, m.segments) for m in cost.months)
    if shared is not None:
        notes.append(shared)
    if cost.total_net is not None:
        notes.append(
            tr(
                "Net de l'apprenti : {net} (cotisations {contributions}, CSG/CRDS {csg})",
                net=euros(cost.total_net),
                contributions=euros(cost.total_employee_contributions or Decimal(0)),
                csg=euros(cost.total_csg_crds or Decimal(0)),
            )
        )
    aid = cost.hiring_aid
    if aid.eligible:
        notes.append(
            tr(
                "Aide à l'embauche : {amount} sur la 1re année · {reason}",
                amount=euros(aid.annual_amount),
                reason=aid.reason,
            )
        )
    else:
        notes.append(tr("Aide à l'embauche : aucune · {reason}", reason=aid.reason))
    participation = cost.training_participation
    if participation is not None and participation > 0:
        notes.append(
            tr(
                "Participation de l'employeur à la formation : {amount}",
                amount=euros(participation),
            )
        )
    after = cost.total_employer_cost_after_aids
    if after is not None:
        if cost.total_aids > 0:
            notes.append(tr("Coût total après aides : {amount}", amount=euros(after)))
            if participation:
                notes.append(
                    tr(
                        "Coût après aides : coût employeur moins l'aide ; la participation à "
                        "la formation ({amount}) compte dans l'année 1.",
                        amount=euros(participation),
                    )
                )
        elif participation:
            notes.append(
                tr(
                    "Coût total, participation à la formation comprise : {amount}",
                    amount=euros(after),
                )
            )
    weeks = cost.employer_weeks
    if weeks is not None and cost.cost_per_employer_week is not None:
        per_week = tr(
            "{weeks} semaines en entreprise : {cost} par semaine",
            weeks=number(weeks.normalize()),
            cost=euros(cost.cost_per_employer_week),
        )
        after_week = cost.cost_per_employer_week_after_aids
        if after_week is not None and cost.total_aids > 0:
            per_week += tr(", {after} après aides", after=euros(after_week))
        elif after_week is not None and after_week != cost.cost_per_employer_week:
            per_week += tr(", {after} participation comprise", after=euros(after_week))
        notes.append(per_week)
    if cost.total_net is not None:
        notes.append(tr("Impôt sur le revenu, exonéré jusqu'au SMIC annuel (art. 81 bis CGI) :"))
    for year in cost.calendar_years:
        if year.net_taxable is None or year.taxable is None:
            continue
        verdict, sign = (
            (tr("rien d'imposable"), "≤")
            if year.taxable == 0
            else (tr("{amount} imposables", amount=euros(year.taxable)), ">")
        )
        notes.append(
            "  "
            + tr(
                "{year} : net imposable {net} {sign} {limit} : {verdict}",
                year=year.year,
                net=euros(year.net_taxable),
                sign=sign,
                limit=euros(year.income_tax_exempt_up_to),
                verdict=verdict,
            )
        )
    notes.extend(cost.notes)
    return tuple(notes)


def cost_document(cost: Cost) -> Document:
    title = tr("Coût employeur · né(e) le {birth}", birth=fr(cost.inputs.birth_date))
    document = Document(title, (cost_view(cost),), cost.warnings, cost.sources)
    return with_assumptions(document, assumptions_view((("", cost.assumptions),)))


# --- compare and cerfa


def _projected_after(notices: tuple[object, ...]) -> date | None:
    """The last verified day, when a result's notices say that some months are projected."""
    for item in notices:
        if getattr(item, "code", None) == "projected_months":
            verified = getattr(item, "params", {}).get("verified")
            if isinstance(verified, date):
                return verified
    return None


def comparison_view(comparison: Comparison) -> TableView:
    """One column per scenario, then one per difference from the first; a group of rows per
    figure (gross, net, cost after aids) with a row per contract year and the total. A year
    with months computed at the last known SMIC, in any scenario, is marked `*`."""
    scenarios = comparison.scenarios
    columns = [
        # At most 12 cells wide on a terminal ("Coût après" / "aides"): three scenarios and
        # two differences then fit in 80 columns.
        Column(tr("Année de contrat"), wrap=True, max_width=12),
        *(
            Column(f"{number} · {scenario.label}", numeric=True, wrap=True)
            for number, scenario in enumerate(scenarios, start=1)
        ),
        *(
            Column(tr("Écart {number} − 1", number=number), numeric=True)
            for number in range(2, len(scenarios) + 1)
        ),
    ]
    total = comparison.total  # the scenarios added up: a budget for different apprentices
    if total is not None:
        columns.append(Column(tr("Total"), numeric=True))
    # A figure of a year, of the totals or of a difference (all the same names).
    measures: list[tuple[str, Measure]] = [(tr("Brut"), lambda figures: figures.gross)]
    if any(s.total_net is not None for s in scenarios):
        measures.append((tr("Net"), lambda figures: figures.net))
    if comparison.with_cost:
        measures.append((tr("Coût après aides"), lambda figures: figures.employer_cost_after_aids))
    count = max(len(s.contract_years) for s in scenarios)
    projected = [
        any(
            number < len(s.contract_years)
            and s.projected_from is not None
            and s.contract_years[number].to >= s.projected_from
            for s in scenarios
        )
        for number in range(count)
    ]
    blank = ("",) * (len(columns) - 1)
    rows: list[Row] = []
    for name, value in measures:
        rows.append(Row((name, *blank), "heading"))
        for number in range(count):
            years = [s.contract_years[number] if number < len(s.contract_years) else None
                     for s in scenarios]  # fmt: skip
            amounts = ["" if y is None else _euros_or_dash(value(y)) for y in years]
            differences = [
                "" if y is None or y.difference is None else _signed_or_dash(value(y.difference))
                for y in years[1:]
            ]
            summed = []
            if total is not None:  # a contract year's sum when every scenario has the same
                summed = [
                    _sum_or_blank(
                        [None if y is None else value(y) for y in years], comparison.years_aligned
                    )
                ]
            rows.append(
                Row(
                    (str(number + 1), *amounts, *differences, *summed),
                    projected=projected[number],
                )
            )
        rows.append(_comparison_total_row(comparison, value))
    if total is not None:
        rows.extend(_calendar_rows(comparison, total, measures))
    title = tr("Comparaison de {count} scénarios", count=len(scenarios))
    notes = comparison_notes(comparison, len(measures) > 1)
    return TableView(
        title, tuple(columns), tuple(rows), notes, mark_column=0, pad_edge=False, compact=True
    )


def _comparison_total_row(
    comparison: Comparison,
    value: Measure,
) -> Row:
    """A figure's totals: each scenario's, its difference from the first, and their sum."""
    scenarios = comparison.scenarios
    summed = [] if comparison.total is None else [_euros_or_dash(value(comparison.total))]
    return Row(
        (
            tr("Total"),
            *[_euros_or_dash(value(_totals(s))) for s in scenarios],
            *[_signed_or_dash(_difference(value, s.difference)) for s in scenarios[1:]],
            *summed,
        ),
        "total",
    )


def _calendar_rows(
    comparison: Comparison,
    total: ComparisonTotal,
    measures: list[tuple[str, Measure]],
) -> list[Row]:
    """A group per figure with a row per calendar year (a budget is voted by calendar year):
    each scenario's months of that year, its difference from the first, their sum; closed
    by the same total as the contract years. Blank where a scenario has no month that year."""
    scenarios = comparison.scenarios
    blank = ("",) * (len(scenarios) * 2)
    projected = [s.projected_from for s in scenarios if s.projected_from is not None]
    rows: list[Row] = []
    for name, value in measures:
        rows.append(Row((tr("{figure} par année civile", figure=name), *blank), "heading"))
        for summed in total.calendar_years:
            years = [
                next((y for y in s.calendar_years if y.year == summed.year), None)
                for s in scenarios
            ]
            first = None if years[0] is None else value(years[0])
            amounts = ["" if y is None else _euros_or_dash(value(y)) for y in years]
            differences = [
                "" if y is None or years[0] is None else _signed_or_dash(_less(value(y), first))
                for y in years[1:]
            ]
            rows.append(
                Row(
                    (str(summed.year), *amounts, *differences, _euros_or_dash(value(summed))),
                    projected=bool(projected) and summed.year >= min(projected).year,
                )
            )
        rows.append(_comparison_total_row(comparison, value))
    return rows


def _less(amount: Decimal | None, base: Decimal | None) -> Decimal | None:
    return None if amount is None or base is None else amount - base


def _sum_or_blank(amounts: list[Decimal | None], aligned: bool) -> str:
    """The sum of one contract year over the scenarios, when their years align; exact."""
    if not aligned:
        return ""
    if any(amount is None for amount in amounts):
        return "—"
    return euros(sum((amount for amount in amounts if amount is not None), Decimal(0)))


def comparison_notes(comparison: Comparison, with_net: bool) -> tuple[str, ...]:
    """The lines under the comparison: the contracts and their years' dates (in the table's
    first column they would leave no room for three scenarios at 80 columns), the `*`, the
    notes with the scenarios they concern, and what the net and the cost are."""
    scenarios = comparison.scenarios
    notes: list[str] = []
    shown = scenarios[:1] if comparison.years_aligned else scenarios
    for number, scenario in enumerate(shown, start=1):
        dates = ", ".join(
            tr("{year} du {start} au {end}", year=y.year, start=fr(y.from_), end=fr(y.to))
            for y in scenario.contract_years
        )
        head = "" if comparison.years_aligned else f"{number} · {scenario.label} · "
        notes.append(head + contract_dates(scenario.inputs) + tr(" ; années de contrat : ") + dates)
    projected = [s.projected_from for s in scenarios if s.projected_from is not None]
    if projected:
        notes.append(
            tr(
                "* année projetée en partie au dernier SMIC connu (à partir de {month})",
                month=month_label(min(projected).isoformat()[:7]),
            )
        )
    if not comparison.years_aligned:
        notes.append(
            tr("Années de contrat différentes d'un scénario à l'autre : écarts sur les totaux.")
        )
    if comparison.total is not None:
        notes.append(
            tr(
                "Total : la somme des scénarios, le budget de tous ces apprentis ensemble ; "
                "années civiles du 1er janvier au 31 décembre."
            )
        )
    _, whose = comparison_whose(comparison)
    # (Strict=False: a comparison not said by messages.spoken has no sentences to show.)
    for note, numbers in zip(comparison.notes, whose, strict=False):
        notes.append(tr("Note : {note}", note=numbers + note))
    if comparison.with_cost:
        notes.append(
            tr(
                "Net et coût après aides : comme cost (complémentaire santé de --health-cover "
                "comprise)."
            )
        )
    elif with_net:
        notes.append(
            tr("Net : comme schedule --net (sans complémentaire santé ni impôt sur le revenu).")
        )
    return tuple(notes)


def comparison_whose(comparison: Comparison) -> tuple[list[str], list[str]]:
    """For each warning, then each note, of a comparison: `(2) ` when it concerns only some of
    its scenarios (by number), nothing when it concerns them all."""
    from deis_pay.i18n.messages import NOTES

    scenarios = comparison.scenarios
    warnings: list[str] = []
    notes: list[str] = []
    for notice in comparison.notices:
        numbers = [str(n) for n, s in enumerate(scenarios, start=1) if notice in s.notices]
        shown = "" if len(numbers) == len(scenarios) else f"({', '.join(numbers)}) "
        (notes if notice.code in NOTES else warnings).append(shown)
    return warnings, notes


def comparison_warnings(comparison: Comparison) -> tuple[str, ...]:
    """The comparison's warnings, each with the scenarios it concerns when not all."""
    whose, _ = comparison_whose(comparison)
    return tuple(numbers + text for text, numbers in zip(comparison.warnings, whose, strict=False))


def _euros_or_dash(amount: Decimal | None) -> str:
    return "—" if amount is None else euros(amount)


def _signed_or_dash(amount: Decimal | None) -> str:
    return "—" if amount is None else _signed(amount)


def _difference(value: Measure, difference: Figures | None) -> Decimal | None:
    return None if difference is None else value(difference)


def _totals(scenario: Scenario) -> Figures:
    """A scenario's totals, read by the same getters as its years."""
    from deis_pay.rules.compare import Figures

    return Figures(
        scenario.total_gross, scenario.total_net, scenario.total_employer_cost_after_aids
    )


def history_effect_line(effect: HistoryEffect) -> str:
    """« sans le contrat précédent : 40 575,30 € ; avec : 47 200,39 €… »: what the history
    raises the pay by over the contract (rules.compare.history_effect)."""
    from deis_pay.i18n.messages import say
    from deis_pay.rules.compare import history_effect_notice

    return say(history_effect_notice(effect))


def history_effect_document(document: Document, effect: HistoryEffect | None) -> Document:
    """A schedule's report with the history's effect under its first table."""
    from dataclasses import replace

    if effect is None or not document.tables:
        return document
    first, *rest = document.tables
    first = replace(first, notes=(*first.notes, history_effect_line(effect)))
    return replace(document, tables=(first, *rest))


def comparison_document(comparison: Comparison) -> Document:
    view = comparison_view(comparison)
    document = Document(view.title, (view,), comparison_warnings(comparison), comparison.sources)
    inputs = [(scenario.label, scenario.assumptions) for scenario in comparison.scenarios]
    return with_assumptions(document, assumptions_view(inputs))


def cerfa_view(block: CerfaBlock) -> TableView:
    """The form's lines. No yearly subtotals: a line is a monthly amount, not a sum. Marked
    when the SMIC of the start is itself a projection."""
    inputs = block.inputs
    verified = _projected_after(block.notices)
    projected = verified is not None and inputs.start > verified
    columns = (
        Column(tr("Ligne")),
        Column(tr("Du")),
        Column(tr("Au")),
        Column(tr("Taux"), numeric=True),
        Column(tr("du")),
        Column(tr("Brut mensuel"), numeric=True),
    )
    rows = tuple(
        Row(
            (
                line.number,
                fr(line.from_),
                fr(line.to),
                percent(line.rate_percent),
                line.base.upper(),
                euros(line.monthly_amount),
            ),
            projected=projected,
        )
        for line in block.lines
    )
    notes = [
        tr(
            "Type de contrat ou d'avenant : {code} ({label})",
            code=block.contract_type,
            label=tr(CONTRACT_TYPE_LABELS[block.contract_type]),
        ),
        tr(
            "Montants au SMIC en vigueur au début du contrat ({day} : {smic} par mois)",
            day=fr(inputs.start),
            smic=euros(block.smic_at_start),
        )
        + (f", SMC {euros(inputs.smc)}" if inputs.smc is not None else "")
        + ".",
    ]
    if projected and verified is not None:
        notes.append(projection_note(verified))
    title = tr(
        "Rémunération (Cerfa FA13) · né(e) le {birth} · {grid}",
        birth=fr(inputs.birth_date),
        grid=tr(GRID_LABELS[inputs.grid]),
    )
    return TableView(title, columns, rows, tuple(notes), mark_column=5)


def cerfa_document(block: CerfaBlock) -> Document:
    view = cerfa_view(block)
    document = Document(view.title, (view,), block.warnings, block.sources)
    return with_assumptions(document, assumptions_view((("", block.assumptions),)))


# --- check


def check_status(month: CheckMonth) -> str:
    """A month's status in words; an underpaid month whose pay can no longer be claimed says
    so (art. L3245-1)."""
    status = month.status
    if status == "ok":
        return tr("ok")
    if status == "underpaid":
        return tr("sous-payé") if month.claimable else tr("sous-payé, prescrit")
    if status == "overpaid":
        return tr("trop-payé")
    if status == "not_given":
        return tr("non donné")
    return tr("absence")


def legal_reference(source: str) -> str:
    """A legal text as a letter cites it, from its source id: `art. D6222-31`, `décret
    2024-951`, `arrêté du 22/05/2026`, `accord SSSMS de 2020`; any other id as it is."""
    import re

    if re.fullmatch(r"[LDR]\d{4}-\d+(-\d+)*", source):
        return tr("art. {article}", article=source)
    if match := re.fullmatch(r"decret-(\d{4}-\d+)", source):
        return tr("décret {number}", number=match[1])
    if match := re.fullmatch(r"arrete-(\d{4})-(\d{2})-(\d{2})", source):
        return tr("arrêté du {day}", day=f"{match[3]}/{match[2]}/{match[1]}")
    if match := re.fullmatch(r"accord-([a-z]+)-(\d{4})", source):
        return tr("accord {branch} de {year}", branch=match[1].upper(), year=match[2])
    return source


def contract_year_label(year: int) -> str:
    return tr("1re année") if year == 1 else tr("{year}e année", year=year)


def rate_rule_name(rule: str) -> str:
    """The rule a month's rate comes from, as an underpaid month's reason names it."""
    names = {
        "D6222-26": tr("taux de la grille"),
        "SSSMS": tr("taux de la grille SSSMS"),
        "D6222-28": tr("taux de la prolongation après un échec à l'examen"),
        "D6222-29": tr("plancher du contrat précédent"),
        "D6222-30": tr("taux majoré de 15 points (diplôme de même niveau)"),
        "D6222-32": tr("taux de la licence professionnelle"),
        "R6222-48": tr("taux majoré de 15 points (RQTH)"),
    }
    return names.get(rule, rule)


def check_reason(rule: CheckRule, *, reference: bool = True) -> str:
    """Why a month is underpaid, in words: the change its pay did not follow, or the rule of
    its rate; with its legal text unless `reference` is False (the letter cites it apart)."""
    since = fr(rule.since)
    cited = legal_reference(rule.source)
    if rule.code == "smic":
        detail = tr("{before} → {after} €", before=figure(Decimal(rule.before)),
                    after=figure(Decimal(rule.after)))  # fmt: skip
        detail += f", {cited}" if reference else ""
        return tr("SMIC du {day} non appliqué ({detail})", day=since, detail=detail)
    if rule.code == "age_bracket":
        bracket = tr(BRACKET_LABELS.get(rule.after, rule.after))
        text = tr("tranche {bracket} à partir du {day} non appliquée", bracket=bracket, day=since)
    elif rule.code == "contract_year":
        year = contract_year_label(int(rule.after))
        text = tr("{year} à partir du {day} non appliquée", year=year, day=since)
    elif rule.code == "base":
        text = tr("changement de base ({base}) au {day} non appliqué", base=rule.after.upper(),
                  day=since)  # fmt: skip
    elif rule.code == "rule":
        name = rate_rule_name(rule.after)
        text = tr("{rule} à partir du {day} non appliqué", rule=name, day=since)
    else:  # "rate": paid below the rate of its own rule
        text = rate_rule_name(rule.after)
    return f"{text} ({cited})" if reference else text


def check_reasons(month: CheckMonth, *, reference: bool = True) -> str:
    return " ; ".join(check_reason(rule, reference=reference) for rule in month.rules)


def paid_cell(amount: Decimal | None) -> str:
    return "—" if amount is None else euros(amount)


def difference_cell(amount: Decimal | None) -> str:
    return "—" if amount is None else _signed(amount)


def check_view(check: PayCheck) -> TableView:
    """Each month of the contract: what was due, what was paid, the difference, the status and,
    for a month paid below its minimum, why; then the totals over the judged months, the
    shortfall and the overpaid apart (never netted), and what can be claimed."""
    inputs = check.inputs
    columns = (
        Column(tr("Mois")),
        Column(tr("Dû"), numeric=True),
        Column(tr("Payé"), numeric=True),
        Column(tr("Écart"), numeric=True),
        Column(tr("Statut")),
        Column(tr("Raison"), wrap=True),
    )
    rows: list[Row] = []
    for month in check.months:
        rows.append(
            Row(
                (
                    month_label(month.month),
                    euros(month.due),
                    paid_cell(month.paid),
                    difference_cell(month.difference),
                    check_status(month),
                    check_reasons(month),
                ),
                projected=month.projected,
                flagged=month.status == "underpaid",
            )
        )
    short = [m for m in check.months if m.status == "underpaid"]
    over = [m for m in check.months if m.status == "overpaid"]
    # The totals are over the judged months; the overpaid is shown apart, never netted.
    rows += [
        Row((tr("Total"), euros(check.total_due), euros(check.total_paid), "", "", ""), "total"),
        Row((tr("Manque"), "", "", euros(-check.total_shortfall),
             tr("{months} mois", months=len(short)), ""), "total"),
        Row((tr("Trop-payé"), "", "", _signed(check.total_overpaid),
             tr("{months} mois", months=len(over)), tr("à part, non déduit du manque")), "total"),
        Row((tr("Réclamable"), "", "", euros(check.total_claimable), "",
             claim_window_text(check)), "total"),
    ]  # fmt: skip
    notes = [
        contract_dates(inputs)
        + f" · {tr(GRID_LABELS[inputs.grid])}"
        + (f" · SMC {euros(inputs.smc)}" if inputs.smc is not None else ""),
        tr(
            "Total : sur les mois jugés. Payé : le brut compté pour le minimum, salaire de base "
            "et compléments, sans les remboursements de frais, les majorations d'heures "
            "supplémentaires ni la prime de transport (art. D3231-6)."
        ),
    ]
    if any(not m.claimable for m in short):
        notes.append(barred_note(check))
    missing = sum(1 for m in check.months if m.status == "not_given")
    absent = sum(1 for m in check.months if m.status == "absence")
    if missing or absent:
        notes.append(
            tr(
                "Non jugés, hors des totaux : {missing} mois non donnés, {absent} avec une "
                "absence.",
                missing=missing,
                absent=absent,
            )
        )
    if any(m.projected for m in check.months):
        notes.append(projection_note(check.data_verified_through))
    title = tr(
        "Salaire payé et minimum · né(e) le {birth} · demande au {day}",
        birth=fr(inputs.birth_date),
        day=fr(check.today),
    )
    return TableView(
        title, columns, tuple(rows), tuple(notes), mark_column=1, pad_edge=False, compact=True
    )


def claim_window_text(check: PayCheck) -> str:
    """Which months can still be claimed on the day of the claim (art. L3245-1)."""
    window = check.claim_window
    if window is None:
        return tr("rien : contrat terminé depuis plus de trois ans (art. L3245-1)")
    return tr(
        "salaires dus du {first} au {last} (art. L3245-1)",
        first=fr(window.from_),
        last=fr(window.to),
    )


def barred_note(check: PayCheck) -> str:
    window = check.claim_window
    if window is None:
        return tr(
            "Prescrit : plus réclamable, le contrat est terminé depuis plus de trois ans "
            "(art. L3245-1)."
        )
    return tr(
        "Prescrit : salaire dû avant le {day}, plus réclamable (art. L3245-1).",
        day=fr(window.from_),
    )


def check_document(check: PayCheck) -> Document:
    title = tr("Vérification du salaire · né(e) le {birth}", birth=fr(check.inputs.birth_date))
    document = Document(title, (check_view(check),), check.warnings, check.sources)
    return with_assumptions(document, assumptions_view((("", check.assumptions),)))


# --- what a result assumed (rules/assumptions.py)

# Every input a result may state, in words: its row in the reports' table of inputs.
ASSUMPTION_LABELS = {
    "birth_date": "Date de naissance",
    "start": "Début du contrat",
    "end": "Fin du contrat",
    "grid": "Grille",
    "smc": "SMC mensuel",
    "territory": "Territoire",
    "cycle_start_year": "Année du cycle au début",
    "previous_start": "Début du contrat précédent",
    "previous_end": "Fin du contrat précédent",
    "previous_grid": "Grille du contrat précédent",
    "previous_cycle_start_year": "Année du cycle au début du contrat précédent",
    "previous_percent": "% du SMIC payé à la fin du contrat précédent",
    "same_level_related": "Diplôme de même niveau en rapport direct",
    "previous_diploma_years": "Durée du diplôme précédent, en années",
    "licence_pro": "Licence professionnelle",
    "prolonged_to": "Contrat prolongé jusqu'au",
    "prolongation_reason": "Motif de la prolongation",
    "kind": "Employeur",
    "headcount": "Effectif",
    "atmp_rate_percent": "Taux AT/MP",
    "mobility_rate_percent": "Versement mobilité",
    "health_cover": "Complémentaire santé, cotisation mensuelle",
    "health_employer_share_percent": "Part de l'employeur dans la complémentaire",
    "work_study_share_percent": "Alternants dans l'effectif",
    "diploma_level": "Niveau du diplôme",
    "rqth": "Apprenti reconnu travailleur handicapé (RQTH)",
    "signed": "Contrat conclu le",
    "overseas": "Contrat outre-mer",
    "employer_weeks": "Semaines en entreprise par année de contrat",
}
# The same, within the one line of the terminal.
ASSUMPTION_SHORT = {
    "birth_date": "naissance {value}",
    "start": "début {value}",
    "end": "fin {value}",
    "smc": "SMC {value}",
    "headcount": "{value} salariés",
    "atmp_rate_percent": "AT/MP {value}",
    "mobility_rate_percent": "versement mobilité {value}",
    "health_cover": "complémentaire santé {value}",
    "health_employer_share_percent": "part de l'employeur {value}",
    "work_study_share_percent": "alternants {value}",
    "diploma_level": "diplôme de niveau {value}",
    "signed": "conclu le {value}",
    "employer_weeks": "semaines en entreprise {value}",
}
ORIGIN_LABELS = {"default": "par défaut", "derived": "calculé", "given": "donné"}
PERCENT_FIELDS = frozenset(
    {
        "previous_percent",
        "atmp_rate_percent",
        "mobility_rate_percent",
        "health_employer_share_percent",
        "work_study_share_percent",
    }
)
REASON_LABELS = {"exam": "échec à l'examen", "rqth": "RQTH"}


def assumption_value(item: Assumption) -> str:
    """An input's value as a person reads it: a date `01/09/2026`, a grid `grille légale`,
    a rate `2,1 %`, an amount `48,00 €`, yes or no."""
    value, field = item.value, item.field
    if value is None:
        return tr("aucun") if field == "smc" else "—"
    if isinstance(value, bool):
        return tr("oui") if value else tr("non")
    if isinstance(value, date):
        return fr(value)
    if field in ("grid", "previous_grid") and isinstance(value, str):
        return tr(GRID_LABELS.get(value, value))
    if field == "territory" and isinstance(value, str):
        return tr(TERRITORY_LABELS.get(value, value))
    if field == "kind" and isinstance(value, str):
        return tr(EMPLOYER_LABELS.get(value, value))
    if field == "prolongation_reason" and isinstance(value, str):
        return tr(REASON_LABELS.get(value, value))
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value)
    if isinstance(value, Decimal) and field in PERCENT_FIELDS:
        return percent(value)
    if isinstance(value, Decimal):
        return euros(value)
    return str(value)


def _months_after(start: date, end: date) -> int | None:
    """N when `end` is the day before the Nth monthly anniversary of `start`, else None."""
    after = end + ONE_DAY
    months = (after.year - start.year) * 12 + after.month - start.month
    return months if months > 0 and after.day == start.day else None


def _short_item(item: Assumption, inputs: ContractInputs | None) -> str:
    """An input within the terminal's line: `naissance 07/11/2004`, `grille légale`,
    `fin 28/02/2029 (début + 30 mois)`."""
    field, value = item.field, assumption_value(item)
    if field == "cycle_start_year" and isinstance(item.value, int):
        year = item.value
        return tr("1re année du cycle") if year == 1 else tr("{year}e année du cycle", year=year)
    if field in ("grid", "territory", "kind"):
        return value
    if isinstance(item.value, bool):
        return tr(ASSUMPTION_LABELS[field]).lower() if field in ASSUMPTION_LABELS else field
    if field in ASSUMPTION_SHORT:
        text = tr(ASSUMPTION_SHORT[field], value=value)
    else:
        label = tr(ASSUMPTION_LABELS.get(field, field))
        text = f"{label[:1].lower()}{label[1:]} {value}"
    if field == "end" and item.origin == "derived" and inputs is not None:
        months = _months_after(inputs.start, inputs.end)
        if months is not None:
            text += " " + tr("(début + {months} mois)", months=months)
    if field == "atmp_rate_percent" and item.origin == "default":
        text += " " + tr("(taux moyen)")
    return text


def _shown_in_line(item: Assumption, items: Sequence[Assumption]) -> bool:
    """A default that is an absence (no SMC, no history, no health cover, a rate of 0) is
    left out of the terminal's line: the reports' table lists it."""
    if item.origin != "default":
        return True
    if item.value is None or item.value is False or item.value == 0:
        return False
    if item.field == "health_employer_share_percent":
        return any(i.field == "health_cover" and i.value for i in items)
    return True


def _joined(texts: list[str]) -> str:
    """The values of the scenarios, their common first words said once: `naissance
    14/03/2003 / 20/05/2006`."""
    words = [text.split(" ") for text in texts]
    common = 0
    while all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    head = " ".join(words[0][:common])
    rest = " / ".join(" ".join(w[common:]) for w in words)
    return f"{head} {rest}" if head else rest


def assumptions_lines(
    scenarios: Sequence[tuple[Sequence[Assumption], ContractInputs | None]],
) -> tuple[str, ...]:
    """The terminal's « Hypothèses » block: the defaults first, then what was computed, then
    what was given, each input once, with its values separated by ` / ` when the scenarios of
    a comparison differ. Empty when the result states no assumption."""
    order: dict[str, str] = {}  # field → its origin (the first scenario's)
    texts: dict[str, list[str]] = {}
    for assumptions, inputs in scenarios:
        for item in assumptions:
            if not _shown_in_line(item, assumptions):
                continue
            order.setdefault(item.field, item.origin)
            text = _short_item(item, inputs)
            if text not in texts.setdefault(item.field, []):
                texts[item.field].append(text)
    if not order:
        return ()
    groups = []
    for origin in ("default", "derived", "given"):
        items = [_joined(texts[field]) for field, kind in order.items() if kind == origin]
        if items:
            groups.append(tr(ORIGIN_LABELS[origin]) + " — " + ", ".join(items))
    separator = "; " if language() == "en" else " ; "
    return (tr("Hypothèses : ") + separator.join(groups),)


def assumptions_view(
    scenarios: Sequence[tuple[str, Sequence[Assumption]]],
) -> TableView | None:
    """The reports' table of every input of every scenario (`(label, assumptions)` each; one
    scenario: its label unused) with its value and where it came from. None when the result
    states no assumption."""
    fields: dict[str, str] = {}
    for _, assumptions in scenarios:
        for item in assumptions:
            fields.setdefault(item.field, tr(ASSUMPTION_LABELS.get(item.field, item.field)))
    if not fields:
        return None
    title = tr("Hypothèses : chaque entrée, sa valeur et son origine")
    found = [{item.field: item for item in assumptions} for _, assumptions in scenarios]
    columns: tuple[Column, ...]
    if len(scenarios) == 1:
        columns = (Column(tr("Entrée"), wrap=True), Column(tr("Valeur")), Column(tr("Origine")))
        rows = tuple(
            Row(
                (
                    label,
                    assumption_value(found[0][field]),
                    tr(ORIGIN_LABELS[found[0][field].origin]),
                )
            )
            for field, label in fields.items()
        )
        return TableView(title, columns, rows)
    columns = (
        Column(tr("Entrée"), wrap=True),
        *(Column(f"{number} · {label}", wrap=True) for number, (label, _) in
          enumerate(scenarios, start=1)),
    )  # fmt: skip
    rows = tuple(
        Row((label, *(
            f"{assumption_value(each[field])} ({tr(ORIGIN_LABELS[each[field].origin])})"
            if field in each else "—"
            for each in found
        )))
        for field, label in fields.items()
    )  # fmt: skip
    return TableView(title, columns, rows)


def with_assumptions(document: Document, view: TableView | None) -> Document:
    """The document with the table of its inputs after its own tables."""
    if view is None:
        return document
    return Document(document.title, (*document.tables, view), document.warnings, document.sources)


def comparison_assumptions(
    comparison: Comparison,
) -> list[tuple[Sequence[Assumption], ContractInputs | None]]:
    return [(scenario.assumptions, scenario.inputs) for scenario in comparison.scenarios]
