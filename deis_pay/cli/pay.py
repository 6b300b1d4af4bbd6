"""The apprentice's pay: `deis-pay schedule` (the minimum gross pay month by month, and with
--net what the apprentice takes home) and `deis-pay cerfa` (the pay lines of the Cerfa FA13).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import typer

from deis_pay.cli.common import checked_format, command_run, today_from
from deis_pay.cli.options import (
    ContractText,
    DataFolder,
    Format,
    Html,
    Lang,
    OutputFile,
    Signed,
    Svg,
    contract_assumed,
    contract_inputs,
    contract_options,
)
from deis_pay.cli.output import REPORTS, Target, cerfa_writers, schedule_writers, write
from deis_pay.core.errors import InputError
from deis_pay.i18n.language import tr

if TYPE_CHECKING:
    from datetime import date

# schedule's own options.
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help=tr(
            "Date du jour pour dire si une fenêtre de demande d'aide est close et si le contrat "
            "par défaut a déjà commencé (défaut : aujourd'hui)."
        ),
    ),
]
HealthCover = Annotated[
    str | None,
    typer.Option(
        "--health-cover",
        help=tr(
            "Avec --net : complémentaire santé, cotisation mensuelle en €, comptée comme "
            "dans cost (défaut : non comptée)."
        ),
    ),
]
HealthEmployerShare = Annotated[
    str | None,
    typer.Option(
        "--health-employer-share",
        help=tr("Avec --health-cover : part de l'employeur, en % (défaut : 50)."),
    ),
]

SCHEDULE_HELP = tr(
    "Salaire minimum brut de chaque mois du contrat, totaux par année, aide au permis.\n\n"
    "Exemple : deis-pay schedule --birth 2005-05-10 --grid sssms"
)


@contract_options
def schedule(
    contract: ContractText,
    output_format: Format = "table",
    explain: Annotated[
        bool,
        typer.Option("--explain", help=tr("Détailler chaque changement de taux et sa source.")),
    ] = False,
    chart: Annotated[
        bool, typer.Option("--chart", help=tr("Dessiner le brut de chaque mois en barres."))
    ] = False,
    net: Annotated[
        bool,
        typer.Option("--net", help=tr("Ajouter le net de l'apprenti (cotisations, CSG/CRDS).")),
    ] = False,
    signed: Signed = None,
    health_cover: HealthCover = None,
    health_employer_share: HealthEmployerShare = None,
    today: Today = None,
    svg: Svg = None,
    html: Html = None,
    output: OutputFile = None,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        fmt = checked_format(output_format, ("table", "json", "csv", "xlsx", *REPORTS))
        day = today_from(today)
        inputs = contract_inputs(contract)
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.pay import schedule_for

        result = contract_assumed(schedule_for(inputs, default_dataset()), inputs, contract, day)
        take_home = None
        if net:
            from deis_pay.core.values import parse_date
            from deis_pay.rules.net import net_pay

            concluded = parse_date("signed", signed) if signed is not None else inputs.start
            health = _health(health_cover, health_employer_share, concluded)
            take_home = net_pay(result, concluded, default_dataset(), health)
        else:
            for name, value in (
                ("signed", signed),
                ("health_cover", health_cover),
                ("health_employer_share_percent", health_employer_share),
            ):
                if value is not None:
                    raise InputError("signed_needs_net", name)
        history, effect = inputs.history, None
        if history.previous_start or history.same_level_related or history.licence_pro:
            from deis_pay.rules.compare import history_effect

            # What the history raises the pay by over the contract (the same contract without
            # it); read only for a history that can raise it (start-up of the others).
            effect = history_effect(inputs, default_dataset(), result.total_gross)
    writers = schedule_writers(take_home, day, explain=explain, chart=chart, effect=effect)
    write(result, Target(fmt, output, svg, html), writers)


def _health(
    premium: str | None, employer_share: str | None, concluded: date
) -> tuple[Decimal, Decimal]:
    """`schedule --net --health-cover`: the (employee, employer) monthly shares, read and
    checked as `cost` reads them (same defaults, same messages), so both give the same net."""
    from deis_pay.input.text import employer_from_text
    from deis_pay.rules.employer import health_shares

    if premium is None and employer_share is None:
        return Decimal(0), Decimal(0)
    # (A share without a premium is refused by employer_from_text, as for cost and batch.)
    from deis_pay.data.loader import default_dataset

    texts = {"health_cover": premium, "health_employer_share_percent": employer_share}
    return health_shares(employer_from_text(default_dataset(), texts, concluded))


CERFA_HELP = tr(
    "Les lignes « rémunération » du Cerfa FA13, à recopier telles quelles.\n\n"
    "Exemple : deis-pay cerfa --birth 2005-05-10"
)


@contract_options
def cerfa(
    contract: ContractText,
    output_format: Annotated[
        str,
        typer.Option("--format", help=tr("table, json, html (rapport) ou md (Markdown).")),
    ] = "table",
    svg: Svg = None,
    html: Html = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help=tr("Écrire dans ce fichier."))
    ] = None,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        fmt = checked_format(output_format, ("table", "json", *REPORTS))
        inputs = contract_inputs(contract)
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.cerfa import cerfa_block

        block = cerfa_block(inputs, default_dataset())
        result = contract_assumed(block, inputs, contract, today_from(None))
    write(result, Target(fmt, output, svg, html), cerfa_writers())
