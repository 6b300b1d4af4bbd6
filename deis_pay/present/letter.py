"""The letter of `deis-pay check` (`--format letter`, `--letter FILE`): a request to the employer
to pay what is still owed, ready to sign, in Markdown or as a standalone HTML page.

It says the contract (its dates, the apprentice's birth date, the grid), lists each month paid
below its minimum that can still be claimed with what was due, what was paid, the difference
and the legal text of the rule not applied, and the total; the months paid below it that can
no longer be claimed (art. L3245-1: three years) are listed apart and not claimed. With
nothing to claim it says so instead of asking for money. Its last line says where the amounts
come from and that they are not legal advice. The sentences go through `tr` (French by default,
English with --lang en); the amounts and reasons are those of the table view (views.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Literal

from deis_pay.i18n.language import day as fr
from deis_pay.i18n.language import language, tr
from deis_pay.present.report import _inline, _md
from deis_pay.present.views import (
    GRID_LABELS,
    check_reasons,
    difference_cell,
    euros,
    legal_reference,
    month_label,
    projection_note,
)
from deis_pay.rules.check import CheckMonth, PayCheck

LetterKind = Literal["md", "html"]


@dataclass(frozen=True, slots=True)
class _Table:
    """Months paid below their minimum: one row each, then their total."""

    months: tuple[CheckMonth, ...]
    total: Decimal  # the sum of their differences (negative)


@dataclass(frozen=True, slots=True)
class _Text:
    """A line of the letter: its subject, a paragraph, a place to fill in, the last line."""

    kind: Literal["subject", "paragraph", "placeholder", "footer"]
    text: str


@dataclass(frozen=True, slots=True)
class _List:
    items: tuple[str, ...]


# A letter is a few kinds of block, written as Markdown or HTML alike.
_Block = _Text | _List | _Table


def write(check: PayCheck, kind: LetterKind) -> str:
    """The letter of `check` (said in the current language) as Markdown or HTML."""
    blocks = _blocks(check)
    return _html(blocks) if kind == "html" else _markdown(blocks)


def _blocks(check: PayCheck) -> list[_Block]:
    short = [m for m in check.months if m.status == "underpaid"]
    claimed = tuple(m for m in short if m.claimable)
    barred = tuple(m for m in short if not m.claimable)
    window = check.claim_window
    asking = check.total_claimable > 0

    def paragraph(text: str) -> None:
        blocks.append(_Text("paragraph", text))

    subject = (
        tr("Objet : demande de régularisation de salaire")
        if asking
        else tr("Objet : vérification de mon salaire d'apprenti(e)")
    )
    blocks: list[_Block] = [
        _Text("placeholder", tr("[vos nom, prénom et adresse]")),
        _Text("placeholder", tr("[nom et adresse de l'employeur]")),
        _Text("subject", subject),
        _Text("paragraph", tr("Madame, Monsieur,")),
        _Text("paragraph", tr("Mon contrat d'apprentissage :")),
        _List(_contract(check)),
    ]
    compared = tr(
        "J'ai comparé mes bulletins de paie (le brut compté pour le minimum, art. D3231-6 du "
        "code du travail) au salaire minimum de l'apprenti prévu pour ce contrat."
    )
    if asking:
        paragraph(compared + " " + tr("Les mois suivants ont été payés en dessous de ce minimum :"))
        blocks.append(_table(claimed))
        if window is not None:
            paragraph(
                tr(
                    "Le total qui reste dû s'élève à {amount} : les salaires dus du {first} au "
                    "{last}, dans la limite de trois ans de l'art. L3245-1 du code du travail.",
                    amount=euros(check.total_claimable),
                    first=fr(window.from_),
                    last=fr(window.to),
                )
            )
    elif short:
        paragraph(
            compared
            + " "
            + tr(
                "Des mois ont été payés en dessous de ce minimum, mais leur salaire ne peut plus "
                "être réclamé (prescription de trois ans, art. L3245-1) : je ne vous demande "
                "donc rien à ce titre."
            )
        )
    elif any(m.paid is not None for m in check.months):
        paragraph(
            compared
            + " "
            + tr("Aucun mois n'a été payé en dessous de ce minimum : il n'y a rien à régulariser.")
        )
    else:
        paragraph(tr("Aucun bulletin de paie n'a été comparé au minimum : rien n'est réclamé."))
    if barred:
        if asking:
            lost = -sum((m.difference or Decimal(0) for m in barred), Decimal(0))
            paragraph(
                _barred_sentence(check)
                + " "
                + tr("Ils ne sont pas réclamés ici ({amount} en tout) :", amount=euros(lost))
            )
        blocks.append(_table(barred))
    unjudged = sum(1 for m in check.months if m.status in ("absence", "not_given"))
    if unjudged and short:
        paragraph(
            tr(
                "{months} mois n'ont pas été comparés (absence, ou bulletin non donné) et ne "
                "sont pas comptés ici.",
                months=unjudged,
            )
        )
    if any(m.projected for m in short):
        paragraph(projection_note(check.data_verified_through))
    if asking:
        paragraph(
            tr(
                "Je vous remercie de bien vouloir régulariser cette somme sur mon prochain "
                "bulletin de paie, et je reste à votre disposition pour en parler."
            )
        )
    paragraph(
        tr("Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.")
    )
    paragraph(tr("Fait le {day}.", day=fr(check.today)))
    blocks.append(_Text("placeholder", tr("[signature]")))
    blocks.append(
        _Text(
            "footer",
            tr(
                "Montants calculés avec deis-pay {version} (données vérifiées jusqu'au {day}) à "
                "partir des bulletins saisis ; ils ne constituent pas un conseil juridique : en "
                "cas de désaccord, un conseiller (inspection du travail, CFA, syndicat, défenseur "
                "syndical) peut aider.",
                version=check.data.package_version,
                day=fr(check.data_verified_through),
            ),
        )
    )
    return blocks


def _contract(check: PayCheck) -> tuple[str, ...]:
    inputs = check.inputs
    dates = tr("du {start} au {end}", start=fr(inputs.start), end=fr(inputs.end))
    history = inputs.history
    if history.prolonged_to is not None:
        reason = tr("échec à l'examen") if history.prolongation_reason == "exam" else "RQTH"
        dates += tr(
            ", prolongé jusqu'au {day} ({reason})", day=fr(history.prolonged_to), reason=reason
        )
    grid = tr("salaire minimum de la {grid}", grid=tr(GRID_LABELS[inputs.grid]))
    if inputs.grid == "general":
        grid += tr(" (art. {article})", article="D6222-26")
    if inputs.smc is not None:
        grid += tr(", salaire minimum conventionnel de {amount} par mois", amount=euros(inputs.smc))
    return (dates, tr("apprenti(e) né(e) le {day}", day=fr(inputs.birth_date)), grid)


def _barred_sentence(check: PayCheck) -> str:
    window = check.claim_window
    if window is None:
        return tr(
            "D'autres mois ont été payés en dessous du minimum, mais le contrat est terminé "
            "depuis plus de trois ans : leur salaire ne peut plus être réclamé (art. L3245-1)."
        )
    return tr(
        "D'autres mois ont été payés en dessous du minimum, mais leur salaire était dû avant le "
        "{day} : il ne peut plus être réclamé (art. L3245-1).",
        day=fr(window.from_),
    )


def _table(months: tuple[CheckMonth, ...]) -> _Table:
    total = sum((m.difference or Decimal(0) for m in months), Decimal(0))
    return _Table(months, total)


def _header() -> tuple[str, ...]:
    return (tr("Mois"), tr("Dû"), tr("Payé"), tr("Écart"), tr("Motif"), tr("Texte"))


_NUMERIC = (False, True, True, True, False, False)
# The HTML class of each column: amounts right-aligned, the legal text kept on one line.
_CLASSES = ("", "num", "num", "num", "", "ref")


def _cells(month: CheckMonth) -> tuple[str, ...]:
    references = dict.fromkeys(legal_reference(rule.source) for rule in month.rules)
    return (
        month_label(month.month),
        euros(month.due) + ("*" if month.projected else ""),
        euros(month.paid or Decimal(0)),
        difference_cell(month.difference),
        check_reasons(month, reference=False),
        ", ".join(references),
    )


def _total_cells(table: _Table) -> tuple[str, ...]:
    return (tr("Total"), "", "", difference_cell(table.total), "", "")


# --- Markdown


def _markdown(blocks: list[_Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, _Table):
            lines.append("| " + " | ".join(_inline(cell) for cell in _header()) + " |")
            lines.append("|" + "|".join("---:" if n else ":---" for n in _NUMERIC) + "|")
            for month in block.months:
                lines.append("| " + " | ".join(_inline(c) for c in _cells(month)) + " |")
            total = [f"**{_inline(c)}**" if c else "" for c in _total_cells(block)]
            lines.append("| " + " | ".join(total) + " |")
        elif isinstance(block, _List):
            lines += [f"- {_md(item)}" for item in block.items]
        elif block.kind == "subject":
            lines.append(f"**{_inline(block.text)}**")
        elif block.kind == "footer":
            lines += ["---", "", f"*{_inline(block.text)}*"]
        else:
            lines.append(_md(block.text))
        lines.append("")
    return "\n".join(lines)


# --- HTML

# A letter on a screen or on paper: a page's width, a serif type, the table in small print.
_STYLE = """
body{font-family:Georgia,"Times New Roman",serif;margin:0;padding:1.5rem;color:#1b1b1b;
background:#fff;line-height:1.5}
main{max-width:44rem;margin:auto}
.placeholder{color:#666}
.subject{font-weight:bold;margin-top:2rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums;margin:1rem 0}
th,td{padding:.2rem .5rem;border-bottom:1px solid #ccc;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #555}
.num{text-align:right;white-space:nowrap}
.ref{white-space:nowrap}
tfoot th,tfoot td{font-weight:bold;border-top:2px solid #555}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.85rem;color:#555}
@media print{body{padding:0}}
""".strip()


def _html(blocks: list[_Block]) -> str:
    subject = next(b.text for b in blocks if isinstance(b, _Text) and b.kind == "subject")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="deis-pay">',
        f"<title>{escape(subject)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for block in blocks:
        if isinstance(block, _Table):
            parts += _html_table(block)
        elif isinstance(block, _List):
            parts.append("<ul>")
            parts += [f"<li>{escape(item)}</li>" for item in block.items]
            parts.append("</ul>")
        elif block.kind == "footer":
            parts.append(f"<footer>{escape(block.text)}</footer>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{escape(block.text)}</p>")
        else:  # the subject, a place to fill in
            parts.append(f'<p class="{block.kind}">{escape(block.text)}</p>')
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def _html_row(cells: tuple[str, ...]) -> str:
    shown = []
    for index, (cell, name) in enumerate(zip(cells, _CLASSES, strict=True)):
        tag, scope = ("th", ' scope="row"') if index == 0 else ("td", "")
        shown.append(f"<{tag}{scope}{_class(name)}>{escape(cell)}</{tag}>")
    return "<tr>" + "".join(shown) + "</tr>"


def _html_table(table: _Table) -> list[str]:
    head = "".join(
        f'<th scope="col"{_class(name)}>{escape(label)}</th>'
        for label, name in zip(_header(), _CLASSES, strict=True)
    )
    return [
        '<div class="scroll">',
        "<table>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *(_html_row(_cells(month)) for month in table.months),
        "</tbody>",
        f"<tfoot>{_html_row(_total_cells(table))}</tfoot>",
        "</table>",
        "</div>",
    ]
