"""The `deis-pay` command: parse the options, call the core, hand the result to a writer.

Exit status: 0 done, 2 bad input (one line on stderr, nothing on stdout), 1 broken data file.
Rich is imported only by the table views (render.py), never for JSON or CSV output.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .errors import DataError, InputError

if TYPE_CHECKING:
    from .models import ContractInputs

app = typer.Typer(
    name="deis-pay",
    help="Rémunération minimale d'un contrat d'apprentissage, mois par mois (DEIS ; grille "
    "légale et grille de la branche SSSMS).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

Birth = Annotated[
    str, typer.Option("--birth", help="Date de naissance : 2005-05-10 ou 10/05/2005.")
]
Start = Annotated[
    str | None, typer.Option("--start", help="Début du contrat (défaut : 2025-09-01, DEIS).")
]
End = Annotated[
    str | None, typer.Option("--end", help="Dernier jour du contrat (défaut : 2028-02-29).")
]
Months = Annotated[str | None, typer.Option("--months", help="Durée en mois, au lieu de --end.")]
GridOpt = Annotated[str, typer.Option("--grid", help="general (légale) ou sssms (branche).")]
Smc = Annotated[
    str | None,
    typer.Option("--smc", help="Salaire minimum conventionnel, mensuel brut : 2100 ou 2100,50."),
]
TerritoryOpt = Annotated[str, typer.Option("--territory", help="metropole ou mayotte.")]
Cycle = Annotated[
    str,
    typer.Option("--cycle-start-year", help="Année du cycle où commence le contrat : 1, 2 ou 3."),
]
At = Annotated[str | None, typer.Option("--at", help="Date : 2026-06-01 ou 01/06/2026.")]


def _fail(message: str, status: int) -> NoReturn:
    sys.stderr.write(f"Erreur : {message}\n")
    raise typer.Exit(status)


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Expected failures become one line on stderr and an exit status, never a traceback."""
    try:
        yield
    except InputError as exc:
        _fail(str(exc), 2)
    except DataError as exc:
        _fail(f"fichier de données invalide : {exc}", 1)


@dataclass(frozen=True)
class _ContractOptions:
    birth: str
    start: str | None
    end: str | None
    months: str | None
    grid: str
    smc: str | None
    territory: str
    cycle_start_year: str

    def check(self) -> ContractInputs:
        """The contract as the core understands it (raises InputError)."""
        from .data import default_dataset
        from .parsing import parse_amount, parse_choice, parse_date, parse_int
        from .schedule import GRIDS, TERRITORIES, check_contract

        return check_contract(
            parse_date("--birth", self.birth),
            parse_date("--start", self.start) if self.start is not None else None,
            parse_date("--end", self.end) if self.end is not None else None,
            months=parse_int("--months", self.months, "un nombre de mois")
            if self.months is not None
            else None,
            grid=parse_choice("--grid", self.grid, GRIDS),
            smc=parse_amount("--smc", self.smc) if self.smc is not None else None,
            territory=parse_choice("--territory", self.territory, TERRITORIES),
            cycle_start_year=parse_int("--cycle-start-year", self.cycle_start_year, "1, 2 ou 3"),
            data=default_dataset(),
        )


def _format(value: str, allowed: tuple[str, ...]) -> str:
    from .parsing import parse_choice

    return parse_choice("--format", value, allowed)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def schedule(
    birth: Birth,
    start: Start = None,
    end: End = None,
    months: Months = None,
    grid: GridOpt = "general",
    smc: Smc = None,
    territory: TerritoryOpt = "metropole",
    cycle_start_year: Cycle = "1",
    output_format: Annotated[str, typer.Option("--format", help="table, json ou csv.")] = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="Détailler chaque changement de taux et sa source.")
    ] = False,
) -> None:
    """Salaire minimum brut de chaque mois du contrat, totaux par année, aide au permis.

    Exemple : deis-pay schedule --birth 2005-05-10 --grid sssms
    """
    with _errors_to_exit():
        fmt = _format(output_format, ("table", "json", "csv"))
        options = _ContractOptions(
            birth, start, end, months, grid, smc, territory, cycle_start_year
        )
        inputs = options.check()
        from .data import default_dataset
        from .schedule import schedule_for

        result = schedule_for(inputs, default_dataset())
    if fmt == "json":
        from .export import dumps

        _write(dumps(result))
    elif fmt == "csv":
        from .export import schedule_csv

        _write(schedule_csv(result))
    else:
        from .render import show_schedule

        show_schedule(result, explain=explain)


@app.command()
def compare(
    birth: Birth,
    start: Start = None,
    end: End = None,
    months: Months = None,
    smc: Smc = None,
    territory: TerritoryOpt = "metropole",
    cycle_start_year: Cycle = "1",
    output_format: Annotated[str, typer.Option("--format", help="table ou json.")] = "table",
) -> None:
    """Grille légale et grille SSSMS côte à côte, par année de contrat et au total.

    Exemple : deis-pay compare --birth 2005-05-10
    """
    with _errors_to_exit():
        fmt = _format(output_format, ("table", "json"))
        options = _ContractOptions(
            birth, start, end, months, "general", smc, territory, cycle_start_year
        )
        inputs = options.check()
        from .compare import compare_grids
        from .data import default_dataset

        result = compare_grids(inputs, default_dataset())
    if fmt == "json":
        from .export import dumps

        _write(dumps(result))
    else:
        from .render import show_comparison

        show_comparison(result)


@app.command()
def grid(
    grid: GridOpt = "general",
    at: At = None,
    output_format: Annotated[str, typer.Option("--format", help="table ou json.")] = "table",
) -> None:
    """La grille en pourcentages, comme sur la page du DEIS, avec les montants en euros à une date.

    Exemple : deis-pay grid --grid sssms --at 2026-06-01
    """
    with _errors_to_exit():
        from .data import default_dataset
        from .parsing import parse_choice, parse_date
        from .schedule import GRIDS
        from .tables import grid_table

        fmt = _format(output_format, ("table", "json"))
        grid_id = parse_choice("--grid", grid, GRIDS)
        day = parse_date("--at", at) if at is not None else date.today()
        result = grid_table(default_dataset(), grid_id, day)  # type: ignore[arg-type]
    if fmt == "json":
        from .export import dumps

        _write(dumps(result))
    else:
        from .render import show_grid

        show_grid(result)


@app.command()
def smic(
    at: At = None,
    territory: TerritoryOpt = "metropole",
    output_format: Annotated[str, typer.Option("--format", help="table ou json.")] = "table",
) -> None:
    """Le SMIC en vigueur à une date, avec son texte, ou tout l'historique.

    Exemple : deis-pay smic --at 2026-01-15
    """
    with _errors_to_exit():
        from .data import default_dataset
        from .parsing import parse_choice, parse_date
        from .schedule import TERRITORIES
        from .tables import smic_table

        fmt = _format(output_format, ("table", "json"))
        where = parse_choice("--territory", territory, TERRITORIES)
        day = parse_date("--at", at) if at is not None else None
        result = smic_table(default_dataset(), where, day)  # type: ignore[arg-type]
    if fmt == "json":
        from .export import dumps

        _write(dumps(result))
    else:
        from .render import show_smic

        show_smic(result)


def main() -> None:
    app()
