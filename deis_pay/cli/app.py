"""The `deis-pay` command: parse the options, call the core, hand the result to a writer.

Exit status: 0 done, 2 bad input (one line on stderr, nothing on stdout), 1 broken data file.
Rich is imported only by the table views (render.py), never for JSON or CSV output.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from datetime import date
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Annotated

import typer

from deis_pay.cli.usage import Group, adopt
from deis_pay.cli.usage import fail as _fail
from deis_pay.cli.usage import say_on_stderr as _say_on_stderr
from deis_pay.core.errors import DataError, InputError
from deis_pay.i18n.language import LANGUAGES, language, language_from_environment, set_language, tr
from deis_pay.i18n.messages import CLI_OPTIONS, one_line, say, spoken

if TYPE_CHECKING:
    from deis_pay.batch.lines import Extras
    from deis_pay.rules.models import ContractInputs
    from deis_pay.rules.net import NetPay

# The help texts below are written when this module is read, in the language of the
# environment (LANG=en_… gives English); --lang then applies to what a command prints.
set_language(language_from_environment())

# No `no_args_is_help`: with no command, the callback starts the guided mode in a terminal and
# shows the help otherwise, as no_args_is_help did (see _options).
app = typer.Typer(name="deis-pay", pretty_exceptions_enable=False, cls=Group)

Birth = Annotated[
    str, typer.Option("--birth", help=tr("Date de naissance : 2005-05-10 ou 10/05/2005."))
]
Start = Annotated[
    str | None, typer.Option("--start", help=tr("Début du contrat (défaut : 2025-09-01, DEIS)."))
]
End = Annotated[
    str | None, typer.Option("--end", help=tr("Dernier jour du contrat (défaut : 2028-02-29)."))
]
Months = Annotated[
    str | None, typer.Option("--months", help=tr("Durée en mois, au lieu de --end."))
]
GridOpt = Annotated[str, typer.Option("--grid", help=tr("general (légale) ou sssms (branche)."))]
Smc = Annotated[
    str | None,
    typer.Option(
        "--smc", help=tr("Salaire minimum conventionnel, mensuel brut : 2100 ou 2100,50.")
    ),
]
TerritoryOpt = Annotated[str, typer.Option("--territory", help=tr("metropole ou mayotte."))]
Cycle = Annotated[
    str,
    typer.Option(
        "--cycle-start-year", help=tr("Année du cycle où commence le contrat : 1, 2 ou 3.")
    ),
]
At = Annotated[str | None, typer.Option("--at", help=tr("Date : 2026-06-01 ou 01/06/2026."))]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help=tr("Langue des vues : fr (défaut) ou en ; sinon d'après LANG.")),
]
Svg = Annotated[
    str | None,
    typer.Option(
        "--svg", help=tr("Enregistrer aussi la vue telle qu'affichée (image SVG du terminal).")
    ),
]
Html = Annotated[
    str | None,
    typer.Option(
        "--html",
        help=tr(
            "Enregistrer aussi le rapport HTML (tableaux, notes, avertissements, sources), "
            "comme --format html -o FICHIER."
        ),
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help=tr(
            "Date du jour pour dire si une fenêtre de demande d'aide est close (défaut : "
            "aujourd'hui) ; vues seulement, le JSON n'en dépend pas."
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
# --format: the machine formats, and the documents to send (report.py).
REPORTS = ("html", "md")
Signed = Annotated[
    str | None,
    typer.Option("--signed", help=tr("Date de conclusion du contrat (défaut : son début).")),
]
PreviousStart = Annotated[
    str | None,
    typer.Option(
        "--previous-start",
        help=tr(
            "Début du contrat d'apprentissage précédent, s'il a mené au diplôme : son dernier "
            "taux devient un plancher (art. D6222-29)."
        ),
    ),
]
PreviousEnd = Annotated[
    str | None,
    typer.Option("--previous-end", help=tr("Fin de ce contrat précédent (avec --previous-start).")),
]
PreviousGrid = Annotated[
    str | None,
    typer.Option(
        "--previous-grid", help=tr("Grille de ce contrat : general ou sssms (défaut : --grid).")
    ),
]
PreviousCycle = Annotated[
    str | None,
    typer.Option(
        "--previous-cycle-start-year",
        help=tr("Année du cycle où ce contrat commençait : 1, 2 ou 3 (défaut : 1)."),
    ),
]
PreviousPercent = Annotated[
    str | None,
    typer.Option(
        "--previous-percent",
        help=tr("% du SMIC réellement payé à la fin du contrat précédent, s'il était plus haut."),
    ),
]
SameLevel = Annotated[
    bool,
    typer.Option(
        "--same-level-related",
        help=tr(
            "Contrat d'un an au plus pour un diplôme de même niveau, en rapport direct avec "
            "le précédent : +15 points (art. D6222-30)."
        ),
    ),
]
DiplomaYears = Annotated[
    str | None,
    typer.Option(
        "--previous-diploma-years",
        help=tr("Durée du diplôme précédent en années, sans contrat précédent : 1, 2 ou 3."),
    ),
]
LicencePro = Annotated[
    bool,
    typer.Option(
        "--licence-pro", help=tr("Licence professionnelle : au moins le taux de 2e année.")
    ),
]
ProlongedTo = Annotated[
    str | None,
    typer.Option(
        "--prolonged-to",
        help=tr("Contrat prolongé jusqu'à cette date (échec à l'examen ou RQTH)."),
    ),
]
ProlongationReasonOpt = Annotated[
    str | None,
    typer.Option(
        "--prolongation-reason",
        help=tr("Motif de la prolongation : exam (défaut) ou rqth."),
    ),
]
DataFolder = Annotated[
    str | None,
    typer.Option(
        "--data",
        help=tr(
            "Dossier de fichiers TOML ajoutés aux données (un SMIC publié avant une nouvelle "
            "version de deis-pay, docs/data.md) ; aussi la variable DEIS_PAY_DATA."
        ),
    ),
]
CsvRaw = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help=tr(
            "CSV : écrire tels quels les textes qui commencent par = + - @ (sinon précédés "
            "d'une apostrophe, qu'un tableur n'en fasse pas une formule)."
        ),
    ),
]
Overseas = typer.Option(
    "--overseas",
    help=tr(
        "Contrat outre-mer (Guadeloupe, Guyane, Martinique, La Réunion, Saint-Barthélemy, "
        "Saint-Martin, Saint-Pierre-et-Miquelon) : aide unique jusqu'au niveau 5 "
        "(art. L6522-4) ; cotisations aux taux de la métropole."
    ),
)
OutputFile = Annotated[
    str | None,
    typer.Option("--output", "-o", help=tr("Écrire dans ce fichier (obligatoire pour xlsx).")),
]


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Expected failures become one line on stderr and an exit status, never a traceback; an
    unexpected one says it is a bug (exit 1), with its traceback only under DEIS_PAY_DEBUG=1."""
    try:
        yield
    except InputError as exc:
        _fail(say(exc.notice, CLI_OPTIONS), 2)
    except DataError as exc:
        _fail(tr("fichier de données invalide : {error}", error=_one_line(str(exc))), 1)
    except (typer.Exit, typer.Abort, BrokenPipeError):
        raise  # BrokenPipeError: the reader closed stdout (`| head`); Click ends quietly
    except Exception as exc:
        if os.environ.get("DEIS_PAY_DEBUG"):
            raise
        error = _one_line(f"{type(exc).__name__}: {exc}")
        _fail(say(InputError("internal_error", None, error=error).notice), 1)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _use_language(lang: str | None) -> None:
    """--lang, or else the locale of the environment (LANG=en_… gives English)."""
    from deis_pay.core.values import parse_choice

    set_language(
        parse_choice("lang", lang, LANGUAGES) if lang is not None else language_from_environment()
    )


def _use_data(folder: str | None) -> None:
    """--data: the overlay folder, for this run and the batch's workers (DEIS_PAY_DATA)."""
    if folder is None:
        return
    from deis_pay.data.loader import OVERLAY_ENV

    if not os.path.isdir(folder):
        raise InputError("data_folder_not_found", "data", path=folder)
    os.environ[OVERLAY_ENV] = os.path.abspath(folder)


def _contract(
    birth: str,
    start: str | None,
    end: str | None,
    months: str | None,
    grid: str,
    smc: str | None,
    territory: str,
    cycle_start_year: str,
    history: dict[str, str | None],
) -> ContractInputs:
    from deis_pay.data.loader import default_dataset
    from deis_pay.input.text import contract_from_text

    return contract_from_text(
        default_dataset(), birth, start, end, months, grid, smc, territory, cycle_start_year,
        history,
    )  # fmt: skip


def _history(
    previous_start: str | None,
    previous_end: str | None,
    previous_grid: str | None,
    previous_cycle_start_year: str | None,
    previous_percent: str | None,
    same_level_related: bool,
    previous_diploma_years: str | None,
    licence_pro: bool,
    prolonged_to: str | None,
    prolongation_reason: str | None,
) -> dict[str, str | None]:
    """The history options as the text a batch column would hold (flags: "true" or absent)."""
    return {
        "previous_start": previous_start,
        "previous_end": previous_end,
        "previous_grid": previous_grid,
        "previous_cycle_start_year": previous_cycle_start_year,
        "previous_percent": previous_percent,
        "same_level_related": "true" if same_level_related else None,
        "previous_diploma_years": previous_diploma_years,
        "licence_pro": "true" if licence_pro else None,
        "prolonged_to": prolonged_to,
        "prolongation_reason": prolongation_reason,
    }


def _format(value: str, allowed: tuple[str, ...]) -> str:
    from deis_pay.core.values import parse_choice

    return parse_choice("format", value, allowed)


def _write(text: str) -> None:
    out = _stdout()
    out.write(text)
    out.flush()


def _stdout() -> IO[str]:
    """stdout, or the refusal of a run whose output has nowhere to go (`>&-` closed it)."""
    if sys.stdout is None:
        raise InputError("stdout_closed", "output")
    return sys.stdout


def _emit(
    result: object,
    fmt: str,
    view: str,
    svg: str | None = None,
    html: str | None = None,
    output: str | None = None,
    net: NetPay | None = None,
    today: date | None = None,
    csv_raw: bool = False,
    **options: object,
) -> None:
    """`--format json` (or csv, xlsx, html, md) on stdout or to `-o`, or the terminal view
    `render.<view>` (named, so that rich is imported only for a table), also saved as an SVG
    image and an HTML report when asked. `today` only changes what people read (the state of
    an aid's request window), never the JSON."""
    with _errors_to_exit():
        _outputs_apart(("output", output), ("svg", svg), ("html", html))
        if output in (None, "-"):
            _stdout()  # (`>&-`: refused before anything is written, as a bad -o would be)
        if fmt != "table":  # nothing is shown to copy: say so rather than write nothing
            for field, asked in (("svg", svg), ("html", html)):
                if asked is not None:
                    raise InputError("copy_needs_table", field)
        result = spoken(result, CLI_OPTIONS)
        if fmt in REPORTS:
            from deis_pay.present import report

            text = report.write(report.document_of(result, net, today), fmt)
            _text_out(text, output)
            return
        if fmt != "table":
            _save_or_write(result, fmt, output, net, csv_raw)
            return
        if output is not None:
            raise InputError("table_has_no_output", "output")
        from deis_pay.present import render

        def document() -> str:
            from deis_pay.present import report

            return report.write(report.document_of(result, net, today), "html")

        if view == "show_schedule":
            options["today"] = today
        with render.output(svg, html, document) as console:
            if net is not None:
                getattr(render, view)(console, result, net=net, **options)
            else:
                getattr(render, view)(console, result, **options)


def _text_out(text: str, output: str | None) -> None:
    if output is None or output == "-":
        _write(text)
        return
    from deis_pay.core.files import write_text

    write_text("output", output, text)


def _save_or_write(
    result: object, fmt: str, output: str | None, net: NetPay | None = None, csv_raw: bool = False
) -> None:
    if fmt == "xlsx":
        if output is None:
            raise InputError("xlsx_needs_output", "output")
        from deis_pay.present import spreadsheet
        from deis_pay.rules.models import Schedule

        if isinstance(result, Schedule):
            book = spreadsheet.schedule_workbook(result, net)
        elif type(result).__name__ == "Cost":
            book = spreadsheet.cost_workbook(result)  # type: ignore[arg-type]
        else:
            book = spreadsheet.comparison_workbook(result)  # type: ignore[arg-type]
        spreadsheet.save(book, output)
        return
    from deis_pay.present.export import cost_csv, dumps, schedule_csv, to_plain

    # By class name: importing the cost module would slow every schedule run
    # (docs/performance.md, start-up).
    if fmt == "csv" and type(result).__name__ == "Cost":
        text = cost_csv(result)  # type: ignore[arg-type]
    elif fmt == "csv" and type(result).__name__ == "Comparison":
        from deis_pay.present.export import comparison_csv

        text = comparison_csv(result, csv_raw)  # type: ignore[arg-type]
    elif fmt == "csv":
        text = schedule_csv(result, net)  # type: ignore[arg-type]
    else:
        text = dumps(result if net is None else {**to_plain(result), "net": net})
    _text_out(text, output)


@app.command(
    help=tr(
        "Salaire minimum brut de chaque mois du contrat, totaux par année, aide au permis.\n\n"
        "Exemple : deis-pay schedule --birth 2005-05-10 --grid sssms"
    )
)
def schedule(
    birth: Birth,
    start: Start = None,
    end: End = None,
    months: Months = None,
    grid: GridOpt = "general",
    smc: Smc = None,
    territory: TerritoryOpt = "metropole",
    cycle_start_year: Cycle = "1",
    previous_start: PreviousStart = None,
    previous_end: PreviousEnd = None,
    previous_grid: PreviousGrid = None,
    previous_cycle_start_year: PreviousCycle = None,
    previous_percent: PreviousPercent = None,
    same_level_related: SameLevel = False,
    previous_diploma_years: DiplomaYears = None,
    licence_pro: LicencePro = False,
    prolonged_to: ProlongedTo = None,
    prolongation_reason: ProlongationReasonOpt = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=tr("table, json, csv, xlsx (avec -o), html (rapport) ou md (Markdown)."),
        ),
    ] = "table",
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
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        fmt = _format(output_format, ("table", "json", "csv", "xlsx", *REPORTS))
        day = _today(today)
        inputs = _contract(
            birth,
            start,
            end,
            months,
            grid,
            smc,
            territory,
            cycle_start_year,
            _history(
                previous_start,
                previous_end,
                previous_grid,
                previous_cycle_start_year,
                previous_percent,
                same_level_related,
                previous_diploma_years,
                licence_pro,
                prolonged_to,
                prolongation_reason,
            ),
        )
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.pay import schedule_for

        result = schedule_for(inputs, default_dataset())
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
    _emit(
        result, fmt, "show_schedule", svg, html, output, take_home, day, explain=explain,
        chart=chart,
    )  # fmt: skip


def _today(text: str | None) -> date:
    """--today, the day the views judge an aid's request window from; default: today."""
    if text is None:
        return date.today()
    from deis_pay.core.values import parse_date

    return parse_date("today", text)


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

    employer = employer_from_text(
        default_dataset(), None, None, None, None, premium, employer_share, None, None, False,
        concluded,
    )  # fmt: skip
    return health_shares(employer)


@app.command(
    help=tr(
        "Coût du contrat pour l'employeur et net de l'apprenti, mois par mois : cotisations "
        "après réduction générale, aide à l'embauche, participation de 750 €, coût par "
        "semaine en entreprise.\n\n"
        "Exemple : deis-pay cost --birth 2005-05-10 --employer association --headcount 30"
    )
)
def cost(
    ctx: typer.Context,
    birth: Birth,
    start: Start = None,
    end: End = None,
    months: Months = None,
    grid: GridOpt = "general",
    smc: Smc = None,
    territory: TerritoryOpt = "metropole",
    cycle_start_year: Cycle = "1",
    previous_start: PreviousStart = None,
    previous_end: PreviousEnd = None,
    previous_grid: PreviousGrid = None,
    previous_cycle_start_year: PreviousCycle = None,
    previous_percent: PreviousPercent = None,
    same_level_related: SameLevel = False,
    previous_diploma_years: DiplomaYears = None,
    licence_pro: LicencePro = False,
    prolonged_to: ProlongedTo = None,
    prolongation_reason: ProlongationReasonOpt = None,
    signed: Signed = None,
    employer: Annotated[
        str, typer.Option("--employer", help=tr("private, association ou public."))
    ] = "private",
    headcount: Annotated[
        str,
        typer.Option("--headcount", help=tr("Effectif de l'employeur, en salariés.")),
    ] = "10",
    atmp_rate: Annotated[
        str | None,
        typer.Option(
            "--atmp-rate", help=tr("Taux AT/MP notifié, en % (défaut : taux moyen de l'année).")
        ),
    ] = None,
    mobility_rate: Annotated[
        str,
        typer.Option("--mobility-rate", help=tr("Versement mobilité de la commune, en %.")),
    ] = "0",
    health_cover: Annotated[
        str,
        typer.Option(
            "--health-cover",
            help=tr("Complémentaire santé, cotisation mensuelle en €."),
        ),
    ] = "0",
    health_employer_share: Annotated[
        str,
        typer.Option(
            "--health-employer-share",
            help=tr("Part de l'employeur dans la complémentaire, en %."),
        ),
    ] = "50",
    work_study_share: Annotated[
        str,
        typer.Option(
            "--work-study-share",
            help=tr("Alternants dans l'effectif, en % (250 salariés et plus)."),
        ),
    ] = "0",
    diploma_level: Annotated[
        str | None,
        typer.Option("--diploma-level", help=tr("Niveau du diplôme, 3 à 8 (défaut : 7, DEIS).")),
    ] = None,
    rqth: Annotated[
        bool, typer.Option("--rqth", help=tr("Apprenti reconnu travailleur handicapé."))
    ] = False,
    overseas: Annotated[bool, Overseas] = False,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=tr("table, json, csv, xlsx (avec -o), html (rapport) ou md (Markdown)."),
        ),
    ] = "table",
    explain: Annotated[
        bool,
        typer.Option("--explain", help=tr("Détailler les cotisations patronales par poste.")),
    ] = False,
    svg: Svg = None,
    html: Html = None,
    output: OutputFile = None,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        fmt = _format(output_format, ("table", "json", "csv", "xlsx", *REPORTS))
        inputs = _contract(
            birth,
            start,
            end,
            months,
            grid,
            smc,
            territory,
            cycle_start_year,
            _history(
                previous_start,
                previous_end,
                previous_grid,
                previous_cycle_start_year,
                previous_percent,
                same_level_related,
                previous_diploma_years,
                licence_pro,
                prolonged_to,
                prolongation_reason,
            ),
        )
        from deis_pay.core.values import parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.input.text import employer_from_text
        from deis_pay.rules.cost import compute_cost
        from deis_pay.rules.pay import schedule_for

        data = default_dataset()
        concluded = parse_date("signed", signed) if signed is not None else inputs.start
        options = employer_from_text(
            data, employer, headcount, atmp_rate, mobility_rate, health_cover,
            health_employer_share, work_study_share, diploma_level, rqth, concluded,
            overseas=overseas,
        )  # fmt: skip
        share = ctx.get_parameter_source("health_employer_share")
        if options.health_cover == 0 and share is not None and share.name == "COMMANDLINE":
            # A share of no premium changes nothing: said, as `schedule --net` and batch say it.
            raise InputError("health_share_needs_cover", "health_employer_share_percent")
        result = compute_cost(schedule_for(inputs, data), options, data)
    _emit(result, fmt, "show_cost", svg, html, output, explain=explain)


# compare: each contract or employer option may be repeated, one value per scenario.
Many = list[str] | None


def _repeated(option: object) -> typer.models.OptionInfo:
    """The typer.Option of an option type above (its name, help, metavar), for an option of
    `compare`, where its type (a list) makes it repeatable."""
    info = option.__metadata__[0]  # type: ignore[attr-defined]
    assert isinstance(info, typer.models.OptionInfo)
    return info


@app.command(
    help=tr(
        "Deux contrats ou plus côte à côte (apprentis, dates, grilles, SMC, historique, "
        "employeur) : brut, net et, avec --cost, coût employeur après aides, par année de "
        "contrat et au total, avec l'écart de chacun au premier. Une option donnée une fois "
        "vaut pour tous ; répétée, elle donne une valeur par scénario. Sans option répétée : "
        "grille légale et grille SSSMS.\n\n"
        "Exemple : deis-pay compare --cost --birth 14/03/2003 --birth 20/05/2006 "
        "--employer association"
    )
)
def compare(
    birth: Annotated[list[str], _repeated(Birth)],
    start: Annotated[Many, _repeated(Start)] = None,
    end: Annotated[Many, _repeated(End)] = None,
    months: Annotated[Many, _repeated(Months)] = None,
    grid: Annotated[Many, _repeated(GridOpt)] = None,
    smc: Annotated[Many, _repeated(Smc)] = None,
    territory: Annotated[Many, _repeated(TerritoryOpt)] = None,
    cycle_start_year: Annotated[Many, _repeated(Cycle)] = None,
    previous_start: Annotated[Many, _repeated(PreviousStart)] = None,
    previous_end: Annotated[Many, _repeated(PreviousEnd)] = None,
    previous_grid: Annotated[Many, _repeated(PreviousGrid)] = None,
    previous_cycle_start_year: Annotated[Many, _repeated(PreviousCycle)] = None,
    previous_percent: Annotated[Many, _repeated(PreviousPercent)] = None,
    same_level_related: SameLevel = False,
    previous_diploma_years: Annotated[Many, _repeated(DiplomaYears)] = None,
    licence_pro: LicencePro = False,
    prolonged_to: Annotated[Many, _repeated(ProlongedTo)] = None,
    prolongation_reason: Annotated[Many, _repeated(ProlongationReasonOpt)] = None,
    signed: Annotated[Many, _repeated(Signed)] = None,
    with_cost: Annotated[
        bool,
        typer.Option(
            "--cost",
            help=tr(
                "Ajouter le coût employeur après aides, calculé comme par cost, avec ses options."
            ),
        ),
    ] = False,
    employer: Annotated[
        Many, typer.Option("--employer", help=tr("Avec --cost : private, association ou public."))
    ] = None,
    headcount: Annotated[
        Many, typer.Option("--headcount", help=tr("Avec --cost : comme cost --headcount."))
    ] = None,
    atmp_rate: Annotated[
        Many, typer.Option("--atmp-rate", help=tr("Avec --cost : comme cost --atmp-rate."))
    ] = None,
    mobility_rate: Annotated[
        Many, typer.Option("--mobility-rate", help=tr("Avec --cost : comme cost --mobility-rate."))
    ] = None,
    health_cover: Annotated[
        Many, typer.Option("--health-cover", help=tr("Avec --cost : comme cost --health-cover."))
    ] = None,
    health_employer_share: Annotated[
        Many,
        typer.Option(
            "--health-employer-share", help=tr("Avec --cost : comme cost --health-employer-share.")
        ),
    ] = None,
    work_study_share: Annotated[
        Many,
        typer.Option("--work-study-share", help=tr("Avec --cost : comme cost --work-study-share.")),
    ] = None,
    diploma_level: Annotated[
        Many, typer.Option("--diploma-level", help=tr("Avec --cost : comme cost --diploma-level."))
    ] = None,
    rqth: Annotated[
        bool,
        typer.Option("--rqth", help=tr("Avec --cost : apprenti reconnu travailleur handicapé.")),
    ] = False,
    overseas: Annotated[bool, Overseas] = False,
    label: Annotated[
        Many,
        typer.Option(
            "--label",
            help=tr(
                "Nom d'un scénario, une fois par scénario (défaut : ce qui le distingue, "
                "« né(e) le 14/03/2003 »)."
            ),
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=tr("table, json, csv, xlsx (avec -o), html (rapport) ou md (Markdown)."),
        ),
    ] = "table",
    svg: Svg = None,
    html: Html = None,
    output: OutputFile = None,
    csv_raw: CsvRaw = False,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        fmt = _format(output_format, ("table", "json", "csv", "xlsx", *REPORTS))
        from deis_pay.data.loader import default_dataset
        from deis_pay.input.scenarios import scenarios_from_text
        from deis_pay.rules.compare import compare_scenarios

        data = default_dataset()
        given = {
            "birth_date": birth, "start": start, "end": end, "months": months, "grid": grid,
            "smc": smc, "territory": territory, "cycle_start_year": cycle_start_year,
            "previous_start": previous_start, "previous_end": previous_end,
            "previous_grid": previous_grid, "previous_cycle_start_year": previous_cycle_start_year,
            "previous_percent": previous_percent, "previous_diploma_years": previous_diploma_years,
            "prolonged_to": prolonged_to, "prolongation_reason": prolongation_reason,
            "signed": signed, "kind": employer, "headcount": headcount,
            "atmp_rate_percent": atmp_rate, "mobility_rate_percent": mobility_rate,
            "health_cover": health_cover, "health_employer_share_percent": health_employer_share,
            "work_study_share_percent": work_study_share, "diploma_level": diploma_level,
        }  # fmt: skip
        flags = {"same_level_related": same_level_related, "licence_pro": licence_pro,
                 "rqth": rqth, "overseas": overseas}  # fmt: skip
        specs = scenarios_from_text(
            data,
            {name: values or [] for name, values in given.items()},
            flags,
            label or [],
            with_cost=with_cost,
        )
        result = compare_scenarios(specs, data)
    _emit(result, fmt, "show_comparison", svg, html, output, csv_raw=csv_raw)


@app.command(
    help=tr(
        "Les lignes « rémunération » du Cerfa FA13, à recopier telles quelles.\n\n"
        "Exemple : deis-pay cerfa --birth 2005-05-10"
    )
)
def cerfa(
    birth: Birth,
    start: Start = None,
    end: End = None,
    months: Months = None,
    grid: GridOpt = "general",
    smc: Smc = None,
    territory: TerritoryOpt = "metropole",
    cycle_start_year: Cycle = "1",
    previous_start: PreviousStart = None,
    previous_end: PreviousEnd = None,
    previous_grid: PreviousGrid = None,
    previous_cycle_start_year: PreviousCycle = None,
    previous_percent: PreviousPercent = None,
    same_level_related: SameLevel = False,
    previous_diploma_years: DiplomaYears = None,
    licence_pro: LicencePro = False,
    prolonged_to: ProlongedTo = None,
    prolongation_reason: ProlongationReasonOpt = None,
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
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        fmt = _format(output_format, ("table", "json", *REPORTS))
        inputs = _contract(
            birth,
            start,
            end,
            months,
            grid,
            smc,
            territory,
            cycle_start_year,
            _history(
                previous_start,
                previous_end,
                previous_grid,
                previous_cycle_start_year,
                previous_percent,
                same_level_related,
                previous_diploma_years,
                licence_pro,
                prolonged_to,
                prolongation_reason,
            ),
        )
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.cerfa import cerfa_block

        result = cerfa_block(inputs, default_dataset())
    _emit(result, fmt, "show_cerfa", svg, html, output)


@app.command(
    help=tr(
        "La grille en pourcentages, comme sur la page du DEIS, avec les montants en euros à "
        "une date.\n\n"
        "Exemple : deis-pay grid --grid sssms --at 2026-06-01"
    )
)
def grid(
    grid: GridOpt = "general",
    at: At = None,
    output_format: Annotated[str, typer.Option("--format", help=tr("table ou json."))] = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        from deis_pay.core.values import parse_choice, parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.contract import GRIDS
        from deis_pay.rules.reference import grid_table

        fmt = _format(output_format, ("table", "json"))
        grid_id = parse_choice("grid", grid, GRIDS)
        day = parse_date("at", at) if at is not None else date.today()
        result = grid_table(default_dataset(), grid_id, day)  # type: ignore[arg-type]
    _emit(result, fmt, "show_grid")


@app.command(
    help=tr(
        "Le SMIC en vigueur à une date, avec son texte, ou tout l'historique.\n\n"
        "Exemple : deis-pay smic --at 2026-01-15"
    )
)
def smic(
    at: At = None,
    territory: TerritoryOpt = "metropole",
    output_format: Annotated[str, typer.Option("--format", help=tr("table ou json."))] = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        from deis_pay.core.values import parse_choice, parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.contract import TERRITORIES
        from deis_pay.rules.reference import smic_table

        fmt = _format(output_format, ("table", "json"))
        where = parse_choice("territory", territory, TERRITORIES)
        day = parse_date("at", at) if at is not None else None
        result = smic_table(default_dataset(), where, day)  # type: ignore[arg-type]
    _emit(result, fmt, "show_smic")


@app.command(
    name="data",
    help=tr(
        "Ce que contiennent les données et leur fraîcheur : date de vérification, SMIC en "
        "vigueur, dernière valeur de chaque série, mois projetés, textes attendus.\n\n"
        "Exemple : deis-pay data --format json"
    ),
)
def data_command(
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help=tr("Date du jour (défaut : aujourd'hui) pour le SMIC en vigueur.")
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help=tr("table ou json."))] = "table",
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with _errors_to_exit():
        _use_language(lang)
        _use_data(data_folder)
        from deis_pay.data.loader import default_dataset
        from deis_pay.rules.reference import data_table

        fmt = _format(output_format, ("table", "json"))
        result = data_table(default_dataset(), _today(today))
    _emit(result, fmt, "show_data")


@app.command(
    help=tr(
        "Un échéancier par contrat d'un fichier CSV ou JSON-lines, dans l'ordre, sans rien "
        "perdre.\n\n"
        'Sortie 0 : tout est calculé ; 3 : des contrats en erreur ("ok": false) ; 2 : fichier '
        "illisible.\n\n"
        "Exemple : deis-pay batch contrats.csv -o sortie.jsonl"
    )
)
def batch(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help=tr("Fichier CSV ou JSON-lines, ou - pour stdin."))
    ],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help=tr("Fichier de sortie (défaut : stdout)."))
    ] = None,
    in_format: Annotated[
        str | None,
        typer.Option(
            "--in-format", help=tr("csv ou jsonl (défaut : d'après l'extension, sinon csv).")
        ),
    ] = None,
    out_format: Annotated[str, typer.Option("--out-format", help=tr("jsonl ou csv."))] = "jsonl",
    detail: Annotated[
        str, typer.Option("--detail", help=tr("summary (totaux) ou months (tous les mois)."))
    ] = "summary",
    workers: Annotated[
        str,
        typer.Option(
            "--workers",
            help=tr(
                "Nombre de processus, ou auto : un par processeur pour un fichier de plus de "
                "2 Mo, un seul sinon."
            ),
        ),
    ] = "auto",
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help=tr(
                "Colonnes du fichier : nom=en-tête,… (birth_date=Date de naissance) ou un "
                "fichier .toml avec une table \\[columns]."
            ),
        ),
    ] = None,
    ignore_columns: Annotated[
        str | None,
        typer.Option("--ignore-columns", help=tr("En-têtes à ignorer, séparés par des virgules.")),
    ] = None,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option("--ignore-unknown-columns", help=tr("Ignorer toute colonne inconnue.")),
    ] = False,
    encoding: Annotated[
        str,
        typer.Option("--encoding", help=tr("Encodage du fichier : utf-8, cp1252 ou latin-1.")),
    ] = "utf-8",
    with_: Annotated[
        str | None,
        typer.Option(
            "--with",
            help=tr(
                "Ajouter à chaque contrat : net (le net de schedule --net), cost (le coût "
                "employeur de cost), ou net,cost."
            ),
        ),
    ] = None,
    signed: Signed = None,
    employer: Annotated[
        str | None, typer.Option("--employer", help=tr("Pour --with : comme cost --employer."))
    ] = None,
    headcount: Annotated[
        str | None, typer.Option("--headcount", help=tr("Pour --with : comme cost --headcount."))
    ] = None,
    atmp_rate: Annotated[
        str | None, typer.Option("--atmp-rate", help=tr("Pour --with : comme cost --atmp-rate."))
    ] = None,
    health_cover: Annotated[
        str | None,
        typer.Option("--health-cover", help=tr("Pour --with : comme cost --health-cover.")),
    ] = None,
    csv_raw: CsvRaw = False,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    from deis_pay.batch import lines as batching
    from deis_pay.core.values import parse_choice

    if sys.stderr.isatty():
        from deis_pay.present.render import batch_progress

    with _errors_to_exit(), ExitStack() as stack:
        _use_language(lang)
        _use_data(data_folder)
        guessed = "jsonl" if input_path.lower().endswith((".jsonl", ".ndjson")) else "csv"
        source_format = parse_choice("in_format", in_format or guessed, ("csv", "jsonl"))
        target_format = parse_choice("out_format", out_format, ("jsonl", "csv"))
        level = parse_choice("detail", detail, ("summary", "months"))
        processes = _workers(workers, input_path)
        charset = parse_choice("encoding", encoding, batching.ENCODINGS)
        from deis_pay.input.columns import plan_from_options

        plan = plan_from_options(columns, ignore_columns, ignore_unknown_columns, batching.COLUMNS)
        extras = _extras(with_, signed, employer, headcount, atmp_rate, health_cover)
        if (extras.net or extras.cost) and target_format == "csv" and level == "months":
            raise InputError("with_months_needs_jsonl", "with")
        read = [("INPUT" if input_path != "-" else "stdin", input_path)]
        if columns is not None and columns.strip().endswith(".toml"):  # (columns.py's test)
            read.append(("--columns", columns.strip()))
        _outputs_apart(("output", output), read=tuple(read))
        stream = _open_input(input_path)
        if stream is not getattr(sys.stdin, "buffer", None):
            stack.callback(stream.close)
        # Reading the header first: an unreadable input stops here, before the output exists.
        records = batching.prepare(stream, source_format, plan, charset)  # type: ignore[arg-type]
        out = stack.enter_context(_open_output(output))
        advance = stack.enter_context(batch_progress()) if sys.stderr.isatty() else None
        tally = batching.write(
            records,
            out,
            out_format=target_format,  # type: ignore[arg-type]
            detail=level,  # type: ignore[arg-type]
            workers=processes,
            progress=advance,
            language=language(),
            extras=extras,
            csv_raw=csv_raw,
        )
    sys.stderr.write(tally.summary() + "\n")
    if tally.duplicate_ids:
        sys.stderr.write(
            tr(
                "Attention : {count} enregistrement(s) reprennent un id déjà vu "
                "(traités quand même)",
                count=tally.duplicate_ids,
            )
            + "\n"
        )
    if tally.errors:
        raise typer.Exit(3)


def _extras(
    with_: str | None,
    signed: str | None,
    employer: str | None,
    headcount: str | None,
    atmp_rate: str | None,
    health_cover: str | None,
) -> Extras:
    """`--with net,cost` and the employer options given for every row (read for each row that
    uses them, as a row's own columns are, and with the same messages)."""
    from deis_pay.batch.lines import Extras
    from deis_pay.core.values import parse_choice

    wanted = {
        parse_choice("with", part, ("net", "cost"))
        for part in (with_ or "").split(",")
        if part.strip()
    }
    options = {
        "signed": signed,
        "employer": employer,
        "headcount": headcount,
        "atmp_rate": atmp_rate,
        "health_cover": health_cover,
    }
    given = tuple((name, value) for name, value in options.items() if value is not None)
    if given and not wanted:
        raise InputError("employer_options_need_with", "with")
    return Extras("net" in wanted, "cost" in wanted, given)


# `--workers auto`: below this input size (about 40 000 contracts) starting the processes
# costs more than they save (docs/batch.md, workers).
AUTO_WORKERS_FROM_BYTES = 2_000_000


def _workers(text: str, input_path: str) -> int:
    """--workers, at most the machine's processors: more processes than processors only add
    start-up time and memory (a mistyped --workers 1000 would start a thousand). `auto`: one
    per processor for an input file of 2 MB or more, one for a smaller file or stdin."""
    from deis_pay.core.values import parse_int

    most = os.cpu_count() or 1
    if text.strip().lower() == "auto":
        try:
            size = os.stat(input_path).st_size if input_path != "-" else 0
        except OSError:
            size = 0  # the input's own error comes when it is opened
        return most if size >= AUTO_WORKERS_FROM_BYTES else 1
    count = parse_int("workers", text, "workers")
    if count < 1:
        raise InputError("workers_out_of_range", "workers", count=count, most=most)
    if count > most:
        sys.stderr.write(
            tr(
                "--workers {count} : ramené à {most}, le nombre de processeurs",
                count=count,
                most=most,
            )
            + "\n"
        )
    return min(count, most)


def _outputs_apart(
    *outputs: tuple[str, str | None], read: tuple[tuple[str, str], ...] = ()
) -> None:
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


def _open_input(path: str) -> IO[bytes]:
    if path == "-":
        if sys.stdin is None:  # `<&-`
            raise InputError("stdin_closed", "input")
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("input_not_found", "input", path=path) from None
    except IsADirectoryError:
        raise InputError("input_is_folder", "input", path=path) from None
    except OSError as exc:
        raise InputError(
            "input_unreadable", "input", path=path, error=exc.strerror or str(exc)
        ) from None


def _open_output(path: str | None, option: str = "output") -> AbstractContextManager[IO[str]]:
    """stdout, or a file that appears (or is replaced) only once everything was written."""
    if path is None or path == "-":
        return nullcontext(_stdout())
    from deis_pay.core.files import open_text

    return open_text(option, path)


@app.command(
    help=tr(
        "Le JSON Schema de chaque sortie --format json (clé : la commande), généré par "
        "pydantic.\n\n"
        "Exemple : deis-pay schema > deis-pay.schema.json"
    )
)
def schema() -> None:
    import json

    from deis_pay.present.schema import json_schemas

    with _errors_to_exit():
        _write(json.dumps(json_schemas(), ensure_ascii=False, indent=2) + "\n")


def _show_version(value: bool) -> None:
    if value:
        from deis_pay.version import __version__

        with _errors_to_exit():
            _write(f"deis-pay {__version__}\n")
        raise typer.Exit()


@app.callback(
    invoke_without_command=True,
    help=tr(
        "Rémunération minimale d'un contrat d'apprentissage, mois par mois (DEIS ; grille "
        "légale et grille de la branche SSSMS).\n\nComplétion du shell : deis-pay "
        "--install-completion"
    ),
)
def _options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help=tr("Afficher la version.")
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=tr("Langue du mode guidé (sans commande) : fr ou en.")),
    ] = None,
    data_folder: DataFolder = None,
) -> None:
    """With no command: the guided mode (guided.py) when a person types at a terminal, else the
    help with status 2, as before it existed (a script or a pipe never waits for answers).
    `--data` before a command applies to it as after it."""
    with _errors_to_exit():
        _use_data(data_folder)
    if ctx.invoked_subcommand is not None:
        if lang is not None:  # the command's own --lang would silently win over it
            _fail(
                tr(
                    "--lang : avec une commande, se donne après elle (deis-pay {command} "
                    "--lang {lang})",
                    command=ctx.invoked_subcommand,
                    lang=one_line(lang),
                ),
                2,
            )
        return
    if not (_a_terminal(sys.stdin) and _a_terminal(sys.stdout)):
        with _errors_to_exit():  # `--lang xx`: refused as a command refuses it
            _use_language(lang)
        text = ctx.get_help()  # (rich prints the help itself and returns "")
        if text:
            _write(text + "\n")
        raise typer.Exit(2)
    with _errors_to_exit():  # a broken data file: one line, status 1, as for a command
        _use_language(lang)
        from deis_pay.cli.guided import run

        status = run(show=lambda arguments: schedule(**arguments))  # type: ignore[arg-type]
    raise typer.Exit(status)


# Terminal sizes believed from COLUMNS and LINES: rich lays a help page out at the full width
# it is told (COLUMNS=30000000 took 25 s and 2.5 GB), so COLUMNS counts as 20 to 500 columns
# and LINES as 5 to 1000 lines; a value that is not a positive integer is dropped (the
# terminal's own size, or 80 columns, then).
COLUMNS_BOUNDS = (20, 500)
LINES_BOUNDS = (5, 1000)


def _a_terminal(stream: IO[str] | None) -> bool:
    return stream is not None and stream.isatty()


def _sane_terminal() -> None:
    """Clamp COLUMNS and LINES, and make stdout and stderr replace what their encoding cannot
    show (PYTHONIOENCODING=ascii, a C locale) instead of failing; JSON is escaped instead."""
    import codecs
    import io
    import os

    for name, (low, high) in (("COLUMNS", COLUMNS_BOUNDS), ("LINES", LINES_BOUNDS)):
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            del os.environ[name]
        elif not low <= size <= high:
            os.environ[name] = str(min(max(size, low), high))
    # JSON on stdout: what it cannot encode is written \uXXXX, valid inside the JSON strings
    # that alone hold such characters; anything else is replaced by `?`.
    json_out = _writes_json(sys.argv[1:])
    codecs.register_error("deis-pay-json", _json_escape)
    for stream, errors in ((sys.stdout, "deis-pay-json" if json_out else "replace"),
                           (sys.stderr, "replace")):  # fmt: skip
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        except LookupError:
            utf8 = False
        if not utf8:
            stream.reconfigure(errors=errors)


def _writes_json(args: list[str]) -> bool:
    """Whether the command writes JSON on stdout: `schema`, `batch` (JSON lines unless
    --out-format csv), any other with --format json."""
    pairs = {f"{option}={value}" for option, value in itertools.pairwise(args)} | set(args)
    if args[:1] == ["schema"]:
        return True
    if args[:1] == ["batch"]:
        return "--out-format=csv" not in pairs
    return "--format=json" in pairs


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """The characters an encoding cannot write, as JSON escapes (`é` → `\\u00e9`)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import json

    part = error.object[error.start : error.end]
    return json.dumps(part)[1:-1], error.end


def main() -> None:
    """The entry point. Typer reads the signature of every command before running one (7 ms
    for all eight); a run that names its command gets an app holding only that command and
    the top-level options, which parses and behaves the same (docs/performance.md, start-up)."""
    if sys.stderr is None:  # `2>&-`: the results are still written; what stderr would say
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - is lost, the status still says it
    _sane_terminal()
    _stop_on_signals()
    status: int | str | None = 0
    try:
        with _errors_to_exit():  # (what escaped a command's own: one line all the same)
            _run()
    except typer.Exit as done:
        status = done.exit_code
    except SystemExit as done:
        status = done.code
    except _Stopped as stop:
        # Ctrl-C's way for SIGTERM and SIGHUP: every file being written was left as it was
        # (files.py), the batch's workers stopped; the usual status of a signal, 128 + its
        # number.
        _say_on_stderr(tr("Arrêté ({signal}) : les fichiers en cours d'écriture sont laissés "
                          "tels qu'ils étaient", signal=stop.name))  # fmt: skip
        status = 128 + stop.number
    batch = sys.modules.get("deis_pay.batch.lines")
    if batch is not None and getattr(batch, "workers_abandoned", False):
        for stream in (sys.stdout, sys.stderr):  # (os._exit flushes nothing)
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.flush()
        os._exit(status if isinstance(status, int) else 1)
    sys.exit(status)


class _Stopped(BaseException):
    """SIGTERM or SIGHUP received: raised where the program is, so that every `with` and
    `finally` on the way out runs (temporary files removed, workers stopped)."""

    def __init__(self, number: int, name: str) -> None:
        super().__init__(name)
        self.number, self.name = number, name


def _stop_on_signals() -> None:
    import signal

    def stopped(number: int, frame: object) -> None:
        raise _Stopped(number, signal.Signals(number).name)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stopped)


def _run() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.replace("_", "-") if callback else None)
        if name == wanted:
            alone = typer.Typer(
                name="deis-pay", no_args_is_help=True, pretty_exceptions_enable=False, cls=Group
            )
            alone.registered_commands = [info]
            alone.registered_callback = app.registered_callback
            alone.info.help = app.info.help
            alone(prog_name="deis-pay")
            return
    app(prog_name="deis-pay")


# Last, once every command is defined: each says typer's texts in the user's language and
# refuses a single-valued option given twice (usage.py).
adopt(app)
