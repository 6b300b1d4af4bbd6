"""`deis-pay check`: what an apprentice was paid against the minimum, month by month, what can
still be claimed, and the letter that claims it.

The contract and its history are the options of `schedule` (options.py's group); what was paid
comes from `--paid MM/AAAA=EUR` (repeated), `--absence MM/AAAA` and a pay file
(`--paid-file`, CSV or xlsx), read by input/payslips.py; the rule is rules/check.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from deis_pay.cli.common import checked_format, command_run, today_from
from deis_pay.cli.options import (
    ContractText,
    DataFolder,
    Html,
    Lang,
    OutputFile,
    Svg,
    contract_assumed,
    contract_inputs,
    contract_options,
)
from deis_pay.cli.output import REPORTS, Target, check_writers, letter_kind, write
from deis_pay.i18n.language import tr

FORMATS = ("table", "json", "csv", "xlsx", *REPORTS, "letter")

CHECK_HELP = tr(
    "Ce qui a été payé à l'apprenti comparé au minimum, mois par mois, ce qui peut encore "
    "être réclamé, et la lettre qui le demande.\n\n"
    "Payé : le brut de chaque bulletin compté pour le minimum, c'est-à-dire le salaire de base "
    "et ses compléments (primes, avantages en nature), sans les remboursements de frais, les "
    "majorations pour heures supplémentaires ni la prime de transport (art. D3231-6 du code du "
    "travail).\n\n"
    "Réclamable : les salaires dus pendant les trois ans avant le jour de la demande (--today) "
    "ou, le contrat terminé, pendant les trois ans avant sa fin (art. L3245-1) ; le salaire "
    "d'un mois est dû le dernier jour du mois.\n\n"
    "Exemple : deis-pay check --birth 2004-02-15 --start 2023-09-01 --end 2026-08-31 "
    "--paid-file bulletins.csv --letter lettre.html"
)

Paid = Annotated[
    list[str] | None,
    typer.Option(
        "--paid",
        help=tr(
            "Brut payé un mois, compté pour le minimum (base et compléments, sans frais, "
            "heures supplémentaires ni prime de transport) : 09/2025=774,78 ou "
            "2025-09=774.78 ; à répéter pour chaque mois."
        ),
    ),
]
Absence = Annotated[
    list[str] | None,
    typer.Option(
        "--absence",
        help=tr(
            "Mois avec une absence qui baisse la paie (congé sans solde, maladie…) : payé "
            "mais non jugé ; à répéter."
        ),
    ),
]
PaidFile = Annotated[
    str | None,
    typer.Option(
        "--paid-file",
        help=tr(
            "Fichier des bulletins, CSV (, ou ;) ou xlsx : colonnes month (ou mois), gross "
            "(ou brut) et, au choix, absence (oui ou non) ; un mois par ligne, 09/2025 ou "
            "2025-09."
        ),
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help=tr(
            "Jour de la demande (défaut : aujourd'hui) : ce qui est réclamable en dépend "
            "(trois ans, art. L3245-1)."
        ),
    ),
]
CheckFormat = Annotated[
    str,
    typer.Option(
        "--format",
        help=tr(
            "table, json, csv, xlsx (avec -o), html (rapport), md (Markdown) ou letter (la "
            "lettre de demande, en Markdown)."
        ),
    ),
]
Letter = Annotated[
    str | None,
    typer.Option(
        "--letter",
        help=tr(
            "Écrire aussi la lettre de demande de régularisation dans ce fichier : .html "
            "(page à imprimer) ou .md (Markdown)."
        ),
    ),
]


@contract_options
def check(
    contract: ContractText,
    paid: Paid = None,
    absence: Absence = None,
    paid_file: PaidFile = None,
    today: Today = None,
    output_format: CheckFormat = "table",
    output: OutputFile = None,
    letter: Letter = None,
    svg: Svg = None,
    html: Html = None,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        fmt = checked_format(output_format, FORMATS)
        if letter is not None:
            letter_kind(letter)  # a wrong name refused before the pay file is read
        day = today_from(today)
        inputs = contract_inputs(contract)
        from deis_pay.data.loader import default_dataset
        from deis_pay.input.payslips import paid_given
        from deis_pay.rules.check import check_pay

        given = paid_given(paid or (), absence or (), paid_file)
        checked = check_pay(inputs, given, day, default_dataset())
        result = contract_assumed(checked, inputs, contract, day)
    reads = (("--paid-file", paid_file),) if paid_file is not None else ()
    target = Target(fmt, output, svg, html, letter=letter, reads=reads)
    write(result, target, check_writers())
