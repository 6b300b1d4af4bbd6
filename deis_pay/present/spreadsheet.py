"""Spreadsheet copies (`--format xlsx -o FILE`): numbers as numbers in euros, dates as dates.

One sheet per view, and one listing the inputs as understood, the aid, the warnings and the
legal sources, so that an HR file carries where each amount comes from. openpyxl is imported
only here, for this format.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from deis_pay.i18n.language import tr
from deis_pay.rules.models import Assumption, ContractInputs, Schedule, SourceRef

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from deis_pay.rules.check import PayCheck
    from deis_pay.rules.compare import Comparison
    from deis_pay.rules.cost import Cost
    from deis_pay.rules.net import NetPay

EUROS = '#,##0.00 "€"'
DAY = "DD/MM/YYYY"
MONTH = "MM/YYYY"
PERCENT = "0%"


# What XML 1.0 (the files of an xlsx) cannot hold: C0 controls but tab, newline and carriage
# return, lone surrogates, U+FFFE and U+FFFF. Shown escaped (`\\x01`), never dropped silently.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and _NOT_XML.search(value):
        return _NOT_XML.sub(lambda match: repr(match.group())[1:-1], value)
    return value


def _put(sheet: Worksheet, values: Sequence[Any]) -> None:
    """A row of cells. A text is a text even when it starts with `=` (a label or an id typed
    `=HYPERLINK(…)` is never a formula, which openpyxl would make of it)."""
    sheet.append([_cell(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _sheet(book: Workbook, title: str, header: Sequence[str]) -> Worksheet:
    sheet: Worksheet = book.create_sheet(title)
    _put(sheet, list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(12, len(name) + 2)
    return sheet


def _append(sheet: Worksheet, values: Sequence[Any], formats: Sequence[str | None]) -> None:
    _put(sheet, values)
    for cell, number_format in zip(sheet[sheet.max_row], formats, strict=False):
        if number_format is not None:
            cell.number_format = number_format


def _history_rows(inputs: ContractInputs) -> list[tuple[str, Any, str | None]]:
    """The history options given, under their command-line names (docs/history.md explains them)."""
    rows: list[tuple[str, Any, str | None]] = []
    for field in dataclasses.fields(inputs.history):
        value = getattr(inputs.history, field.name)
        if value is not None and value is not False:
            shown = tr("oui") if value is True else value
            rows.append(
                (
                    "--" + field.name.replace("_", "-"),
                    shown,
                    DAY if isinstance(value, date) else None,
                )
            )
    return rows


def _inputs_sheet(
    book: Workbook,
    inputs: ContractInputs,
    sources: Iterable[SourceRef],
    warnings: Iterable[str],
    extra: Iterable[tuple[str, Any, str | None]] = (),
) -> None:
    sheet = _sheet(book, tr("Entrées et sources"), (tr("Rubrique"), tr("Valeur"), tr("Détail")))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 90
    rows: list[tuple[str, Any, str | None]] = [
        (tr("Date de naissance"), inputs.birth_date, DAY),
        (tr("Début du contrat"), inputs.start, DAY),
        (tr("Fin du contrat"), inputs.end, DAY),
        (tr("Grille"), inputs.grid, None),
        (tr("SMC mensuel"), inputs.smc if inputs.smc is not None else tr("aucun"), EUROS),
        (tr("Territoire"), inputs.territory, None),
        (tr("Année du cycle au début"), inputs.cycle_start_year, None),
        *_history_rows(inputs),
        *extra,
    ]
    for label, value, number_format in rows:
        _append(sheet, (label, value), (None, number_format))
    for warning in warnings:
        _put(sheet, [tr("Attention"), None, warning])
    for source in sources:
        _put(
            sheet,
            [tr("Source"), source.id, source.title + (f" ({source.url})" if source.url else "")],
        )


def _assumptions_sheet(
    book: Workbook, scenarios: Sequence[tuple[str, Sequence[Assumption]]]
) -> None:
    """The sheet of every input of every scenario (one: its label unused), its value and
    where it came from: a row each, numbers and dates as such, the field's key beside its
    name for a script. No sheet when the result states no assumption."""
    from deis_pay.present.views import ASSUMPTION_LABELS, ORIGIN_LABELS, assumption_value

    if not any(assumptions for _, assumptions in scenarios):
        return
    many = len(scenarios) > 1
    header = (tr("Entrée"), tr("Champ"), tr("Valeur"), tr("Origine"))
    sheet = _sheet(book, tr("Hypothèses"), ((tr("Scénario"), tr("Nom")) if many else ()) + header)
    at = 2 if many else 0
    sheet.column_dimensions[chr(ord("A") + at)].width = 44
    sheet.column_dimensions[chr(ord("A") + at + 2)].width = 22
    for number, (label, assumptions) in enumerate(scenarios, start=1):
        for item in assumptions:
            value: Any = item.value
            # A number or a date as such; a choice, a yes/no, a list in words.
            if isinstance(value, bool) or not isinstance(value, int | Decimal | date):
                value = assumption_value(item)
            cells = (tr(ASSUMPTION_LABELS.get(item.field, item.field)), item.field, value,
                     tr(ORIGIN_LABELS[item.origin]))  # fmt: skip
            number_format = DAY if isinstance(value, date) else None
            if item.field in ("smc", "health_cover") and isinstance(value, Decimal):
                number_format = EUROS
            formats = (None,) * (at + 2) + (number_format, None)
            _append(sheet, ((number, label) if many else ()) + cells, formats)


def _empty_workbook() -> Workbook:
    """A workbook without the sheet openpyxl creates it with: each writer adds its own."""
    book = Workbook()
    book.remove(book.worksheets[0])
    return book


def schedule_workbook(schedule: Schedule, net: NetPay | None = None) -> Workbook:
    book = _empty_workbook()
    months = _sheet(
        book,
        tr("Échéancier"),
        (tr("Mois"), tr("Du"), tr("Au"), tr("Jours"), tr("Année de contrat"),
         tr("Tranche d'âge"), tr("Taux"), tr("Base"), tr("Base mensuelle"), tr("Taux mensuel"),
         tr("Brut"), tr("Projection")),
    )  # fmt: skip
    for month in schedule.months:
        for s in month.segments:
            _append(
                months,
                (date(s.from_.year, s.from_.month, 1), s.from_, s.to, s.days, s.contract_year,
                 s.age_bracket, s.rate_percent / 100, s.base.upper(), s.base_amount,
                 s.monthly_rate, s.gross, tr("oui") if month.projected else tr("non")),
                (MONTH, DAY, DAY, None, None, None, PERCENT, None, EUROS, EUROS, EUROS, None),
            )  # fmt: skip
    totals = _sheet(book, tr("Totaux"), (tr("Période"), tr("Du"), tr("Au"), tr("Brut")))
    for year in schedule.contract_years:
        label = tr("Année de contrat {year}", year=year.year)
        _append(totals, (label, year.from_, year.to, year.gross), (None, DAY, DAY, EUROS))
    for calendar_year in schedule.calendar_years:
        label = tr("Année civile {year}", year=calendar_year.year)
        _append(totals, (label, None, None, calendar_year.gross), (None, None, None, EUROS))
    _append(totals, (tr("Total du contrat"), schedule.inputs.start, schedule.inputs.end,
                     schedule.total_gross), (None, DAY, DAY, EUROS))  # fmt: skip
    if net is not None:
        _net_sheet(book, net)
    aid_rows: list[tuple[str, Any, str | None]] = [
        (aid.name, aid.amount if aid.eligible else tr("impossible"), EUROS) for aid in schedule.aids
    ]
    aid_rows += [(tr("Demande possible"), aid.reason, None) for aid in schedule.aids]
    aid_rows.append((tr("Données vérifiées jusqu'au"), schedule.data_verified_through, DAY))
    _inputs_sheet(book, schedule.inputs, schedule.sources, schedule.warnings, aid_rows)
    _assumptions_sheet(book, (("", schedule.assumptions),))
    return book


def _net_sheet(book: Workbook, net: NetPay) -> None:
    sheet = _sheet(
        book,
        tr("Net"),
        (tr("Mois"), tr("Brut"), tr("Seuil d'exonération"), tr("Cotisations"), "CSG/CRDS",
         tr("Net")),
    )  # fmt: skip
    for month in net.months:
        year, number = (int(part) for part in month.month.split("-"))
        _append(
            sheet,
            (date(year, number, 1), month.gross, month.exemption_threshold,
             month.employee_contributions, month.csg_crds, month.net),
            (MONTH, EUROS, EUROS, EUROS, EUROS, EUROS),
        )  # fmt: skip
    _append(
        sheet,
        (tr("Total"), None, None, net.total_employee_contributions, net.total_csg_crds,
         net.total_net),
        (None, None, None, EUROS, EUROS, EUROS),
    )  # fmt: skip


def comparison_workbook(comparison: Comparison) -> Workbook:
    """A row per contract year of each scenario and its total, as `--format csv`; a sheet
    describing the scenarios; the first scenario's inputs with the warnings and sources."""
    book = _empty_workbook()
    sheet = _sheet(
        book,
        tr("Comparaison"),
        (tr("Scénario"), tr("Nom"), tr("Année de contrat"), tr("Du"), tr("Au"), tr("Brut"),
         tr("Net"), tr("Coût après aides"), tr("Écart brut"), tr("Écart net"),
         tr("Écart coût après aides")),
    )  # fmt: skip
    formats = (None, None, None, DAY, DAY, *[EUROS] * 6)
    from deis_pay.present.export import comparison_rows

    # As the CSV's rows; for a budget, the calendar years and the scenarios' sum ("Total").
    for number, label, year, start, end, figures, differences in comparison_rows(comparison):
        if year == "calendar":
            year = tr("Année civile {year}", year=start.year)
        _append(
            sheet,
            (tr("Total") if number == "total" else number,
             tr("Total") if number == "total" else label,
             tr("Total") if year == "total" else year, start, end, *figures, *differences),
            formats,
        )  # fmt: skip
    sheet.column_dimensions["B"].width = 30
    described = _sheet(
        book,
        tr("Scénarios"),
        (tr("Scénario"), tr("Nom"), tr("Date de naissance"), tr("Début du contrat"),
         tr("Fin du contrat"), tr("Grille"), tr("SMC mensuel"), tr("Conclu le"),
         tr("Employeur"), tr("Effectif")),
    )  # fmt: skip
    for number, scenario in enumerate(comparison.scenarios, start=1):
        inputs, employer = scenario.inputs, scenario.employer
        _append(
            described,
            (number, scenario.label, inputs.birth_date, inputs.start, inputs.last_day,
             inputs.grid, inputs.smc, scenario.signed,
             employer.kind if employer is not None else None,
             employer.headcount if employer is not None else None),
            (None, None, DAY, DAY, DAY, None, EUROS, DAY, None, None),
        )  # fmt: skip
    described.column_dimensions["B"].width = 30
    _inputs_sheet(
        book,
        comparison.inputs,
        comparison.sources,
        (*comparison.warnings, *comparison.notes),
    )
    _assumptions_sheet(book, [(s.label, s.assumptions) for s in comparison.scenarios])
    return book


def cost_workbook(cost: Cost) -> Workbook:
    """`cost --format xlsx`: the months, the totals per year, the inputs and sources; empty
    cells where a figure is not computed (public employers)."""
    book = _empty_workbook()
    months = _sheet(
        book,
        tr("Coût"),
        (tr("Mois"), tr("Brut"), tr("Cotisations"), "CSG/CRDS", tr("Santé (salarié)"), tr("Net"),
         tr("Charges patronales"), tr("Réduction générale"), tr("Aide à l'embauche"),
         tr("Coût employeur"), tr("Projection")),
    )  # fmt: skip
    for month in cost.months:
        year, number = (int(part) for part in month.month.split("-"))
        _append(
            months,
            (date(year, number, 1), month.gross, month.employee_contributions, month.csg_crds,
             month.health_cover_employee, month.net, month.employer_contributions,
             month.general_reduction, month.hiring_aid, month.employer_cost,
             tr("oui") if month.projected else tr("non")),
            (MONTH, *([EUROS] * 9), None),
        )  # fmt: skip
    totals = _sheet(
        book,
        tr("Totaux"),
        (tr("Période"), tr("Brut"), tr("Net"), tr("Charges patronales"), tr("Coût employeur"),
         tr("Aide à l'embauche"), tr("Participation"), tr("Coût après aides"),
         tr("Semaines en entreprise"), tr("Coût par semaine")),
    )  # fmt: skip
    money = (None, EUROS, EUROS, EUROS, EUROS, EUROS, EUROS, EUROS, "0.00", EUROS)
    for y in cost.contract_years:
        _append(totals, (tr("Année de contrat {year}", year=y.year), y.gross, y.net,
                         y.employer_contributions, y.employer_cost, y.hiring_aid,
                         y.training_participation, y.employer_cost_after_aids, y.employer_weeks,
                         y.cost_per_employer_week), money)  # fmt: skip
    for c in cost.calendar_years:
        _append(totals, (tr("Année civile {year}", year=c.year), c.gross, c.net,
                         c.employer_contributions, c.employer_cost, c.hiring_aid,
                         c.training_participation, c.employer_cost_after_aids), money)  # fmt: skip
    _append(totals, (tr("Total du contrat"), cost.total_gross, cost.total_net,
                     cost.total_employer_contributions, cost.total_employer_cost, cost.total_aids,
                     cost.training_participation, cost.total_employer_cost_after_aids,
                     cost.employer_weeks, cost.cost_per_employer_week), money)  # fmt: skip
    employer = cost.employer
    rows: list[tuple[str, Any, str | None]] = [
        (tr("Employeur"), employer.kind, None),
        (tr("Effectif"), employer.headcount, None),
        (tr("Contrat conclu le"), employer.signed, DAY),
        (tr("Niveau du diplôme"), employer.diploma_level, None),
        (tr("Aide à l'embauche"), cost.hiring_aid.annual_amount, EUROS),
        (tr("Aide : motif"), cost.hiring_aid.reason, None),
        *((tr("Note"), note, None) for note in cost.notes),
        (tr("Données vérifiées jusqu'au"), cost.data_verified_through, DAY),
    ]
    _inputs_sheet(book, cost.inputs, cost.sources, cost.warnings, rows)
    _assumptions_sheet(book, (("", cost.assumptions),))
    return book


def check_workbook(check: PayCheck) -> Workbook:
    """`check --format xlsx`: a row per month (due, paid, difference, status, reason, as the
    table says them), the totals and the claim window, the inputs and sources."""
    from deis_pay.present.views import check_reasons, check_status

    book = _empty_workbook()
    months = _sheet(
        book,
        tr("Vérification"),
        (tr("Mois"), tr("Dû"), tr("Payé"), tr("Écart"), tr("Statut"), tr("Réclamable"),
         tr("Projection"), tr("Raison")),
    )  # fmt: skip
    months.column_dimensions["H"].width = 70
    for month in check.months:
        year, number = (int(part) for part in month.month.split("-"))
        claimable = None if month.claimable is None else tr("oui") if month.claimable else tr("non")
        _append(
            months,
            (date(year, number, 1), month.due, month.paid, month.difference, check_status(month),
             claimable, tr("oui") if month.projected else tr("non"), check_reasons(month)),
            (MONTH, EUROS, EUROS, EUROS, None, None, None, None),
        )  # fmt: skip
    totals = _sheet(book, tr("Totaux"), (tr("Total"), tr("Montant")))
    totals.column_dimensions["A"].width = 28
    for label, amount in (
        (tr("Dû (mois jugés)"), check.total_due),
        (tr("Payé (mois jugés)"), check.total_paid),
        (tr("Manque"), check.total_shortfall),
        (tr("Trop-payé, à part"), check.total_overpaid),
        (tr("Réclamable"), check.total_claimable),
    ):
        _append(totals, (label, amount), (None, EUROS))
    window = check.claim_window
    extra: list[tuple[str, Any, str | None]] = [(tr("Jour de la demande"), check.today, DAY)]
    if window is not None:
        extra += [(tr("Réclamable à partir du"), window.from_, DAY),
                  (tr("Réclamable jusqu'au"), window.to, DAY)]  # fmt: skip
    extra.append((tr("Données vérifiées jusqu'au"), check.data_verified_through, DAY))
    _inputs_sheet(book, check.inputs, check.sources, check.warnings, extra)
    _assumptions_sheet(book, (("", check.assumptions),))
    return book


def save(book: Workbook, path: str) -> None:
    """Write the workbook to `path` whole, or leave the previous file as it was."""
    from deis_pay.core.files import write_bytes

    # openpyxl writes a zip piece by piece: built in memory first, a failure cannot leave half
    # a spreadsheet on disk.
    content = io.BytesIO()
    book.save(content)
    write_bytes("output", path, content.getvalue())
