"""What deis-pay knows, apart from any contract: `deis-pay grid` (the grid at a date), `smic`
(the SMIC in force, or its history), `data` (what the data holds and how fresh it is) and
`schema` (the JSON Schema of every JSON output).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from deis_pay.cli.common import checked_format, command_run, errors_to_exit, today_from
from deis_pay.cli.options import At, DataFolder, Grid, Lang, TableOrJson, Territory
from deis_pay.cli.output import Target, data_writers, grid_writers, smic_writers, write, write_out
from deis_pay.i18n.language import tr

GRID_HELP = tr(
    "La grille en pourcentages, comme sur la page du DEIS, avec les montants en euros à "
    "une date.\n\n"
    "Exemple : deis-pay grid --grid sssms --at 2026-06-01"
)


def grid(
    grid: Grid = "general",
    at: At = None,
    output_format: TableOrJson = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        from deis_pay.core.values import parse_choice, parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.contract import GRIDS
        from deis_pay.rules.reference import grid_table

        fmt = checked_format(output_format, ("table", "json"))
        grid_id = parse_choice("grid", grid, GRIDS)
        day = parse_date("at", at) if at is not None else date.today()
        result = grid_table(default_dataset(), grid_id, day)
    write(result, Target(fmt), grid_writers())


SMIC_HELP = tr(
    "Le SMIC en vigueur à une date, avec son texte, ou tout l'historique.\n\n"
    "Exemple : deis-pay smic --at 2026-01-15"
)


def smic(
    at: At = None,
    territory: Territory = "metropole",
    output_format: TableOrJson = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        from deis_pay.core.values import parse_choice, parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.contract import TERRITORIES
        from deis_pay.rules.reference import smic_table

        fmt = checked_format(output_format, ("table", "json"))
        where = parse_choice("territory", territory, TERRITORIES)
        day = parse_date("at", at) if at is not None else None
        result = smic_table(default_dataset(), where, day)
    write(result, Target(fmt), smic_writers())


DATA_HELP = tr(
    "Ce que contiennent les données et leur fraîcheur : date de vérification, SMIC en "
    "vigueur, dernière valeur de chaque série, mois projetés, textes attendus.\n\n"
    "Exemple : deis-pay data --format json"
)


def data_command(
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help=tr("Date du jour (défaut : aujourd'hui) pour le SMIC en vigueur.")
        ),
    ] = None,
    output_format: TableOrJson = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.reference import data_table

        fmt = checked_format(output_format, ("table", "json"))
        result = data_table(default_dataset(), today_from(today))
    write(result, Target(fmt), data_writers())


SCHEMA_HELP = tr(
    "Le JSON Schema de chaque sortie --format json (clé : la commande), généré par "
    "pydantic.\n\n"
    "Exemple : deis-pay schema > deis-pay.schema.json"
)


def schema() -> None:
    import json

    from deis_pay.present.schema import json_schemas

    with errors_to_exit():
        write_out(json.dumps(json_schemas(), ensure_ascii=False, indent=2) + "\n")
