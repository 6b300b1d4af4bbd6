"""The employer's side: `deis-pay cost` (what a contract costs the employer after aids, and the
apprentice's net) and `deis-pay compare` (two contracts or more side by side, with --cost their
costs too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from deis_pay.cli.common import checked_format, command_run
from deis_pay.cli.options import (
    SIGNED,
    ContractText,
    CsvRaw,
    DataFolder,
    Format,
    Html,
    Lang,
    OutputFile,
    Overseas,
    RepeatedContract,
    Signed,
    Svg,
    contract_given,
    contract_inputs,
    contract_options,
    flag_text,
    repeated_contract_options,
)
from deis_pay.cli.output import REPORTS, Target, comparison_writers, cost_writers, write
from deis_pay.core.errors import InputError
from deis_pay.i18n.language import tr

if TYPE_CHECKING:
    from deis_pay.rules.compare import Comparison
    from deis_pay.rules.cost import Cost

FORMATS = ("table", "json", "csv", "xlsx", *REPORTS)

COST_HELP = tr(
    "Coût du contrat pour l'employeur et net de l'apprenti, mois par mois : cotisations "
    "après réduction générale, aide à l'embauche, participation de 750 €, coût par "
    "semaine en entreprise.\n\n"
    "Exemple : deis-pay cost --birth 2005-05-10 --employer association --headcount 30"
)


@contract_options
def cost(
    ctx: typer.Context,
    contract: ContractText,
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
    overseas: Overseas = False,
    employer_weeks: Annotated[
        str | None,
        typer.Option(
            "--employer-weeks",
            metavar="N,N,N",
            help=tr(
                "Semaines en entreprise par année de contrat, 32,42,25 (défaut : l'alternance "
                "du DEIS, pour son seul contrat), pour le coût par semaine."
            ),
        ),
    ] = None,
    output_format: Format = "table",
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
    with command_run(lang, data_folder):
        fmt = checked_format(output_format, FORMATS)
        inputs = contract_inputs(contract)
        from deis_pay.core.values import parse_date
        from deis_pay.data.loader import default_dataset
        from deis_pay.input.text import employer_from_text
        from deis_pay.rules.cost import compute_cost
        from deis_pay.rules.pay import schedule_for

        data = default_dataset()
        concluded = parse_date("signed", signed) if signed is not None else inputs.start
        texts = {
            "kind": employer, "headcount": headcount, "atmp_rate_percent": atmp_rate,
            "mobility_rate_percent": mobility_rate, "health_cover": health_cover,
            "health_employer_share_percent": health_employer_share,
            "work_study_share_percent": work_study_share, "diploma_level": diploma_level,
            "rqth": flag_text(rqth), "overseas": flag_text(overseas),
        }  # fmt: skip
        options = employer_from_text(data, texts, concluded)
        if employer_weeks is not None:
            from deis_pay.rules.employer import weeks_of

            options = replace(options, employer_weeks=weeks_of(employer_weeks))
        share = ctx.get_parameter_source("health_employer_share")
        if options.health_cover == 0 and share is not None and share.name == "COMMANDLINE":
            # A share of no premium changes nothing: said, as `schedule --net` and batch say it.
            raise InputError("health_share_needs_cover", "health_employer_share_percent")
        result = compute_cost(schedule_for(inputs, data), options, data,
                              level_assumed=diploma_level is None)  # fmt: skip
        result = _cost_assumed(ctx, result, contract)
    write(result, Target(fmt, output, svg, html), cost_writers(explain=explain))


# cost's options of the employer, by parameter, and the field of `Employer` each sets.
EMPLOYER_OPTIONS = {
    "employer": "kind", "headcount": "headcount", "atmp_rate": "atmp_rate_percent",
    "mobility_rate": "mobility_rate_percent", "health_cover": "health_cover",
    "health_employer_share": "health_employer_share_percent",
    "work_study_share": "work_study_share_percent", "diploma_level": "diploma_level",
    "rqth": "rqth", "overseas": "overseas", "signed": "signed",
    "employer_weeks": "employer_weeks",
}  # fmt: skip


def _cost_assumed(ctx: typer.Context, cost: Cost, contract: ContractText) -> Cost:
    """The cost with the assumptions of its contract and employer and the notices of their
    defaults. An employer option is given when typed: most have a default in the signature,
    so that the help shows it, and only click knows where a value came from."""
    from datetime import date

    from deis_pay.data.loader import default_dataset
    from deis_pay.rules.assumptions import assumed, contract_assumptions, employer_assumptions

    data = default_dataset()
    typed = set()
    for parameter, field in EMPLOYER_OPTIONS.items():
        source = ctx.get_parameter_source(parameter)
        if source is not None and source.name != "DEFAULT":
            typed.add(field)
    found, said = contract_assumptions(cost.inputs, contract_given(contract), data, date.today())
    codes = {item.code for item in cost.notices}
    employer, notes = employer_assumptions(cost.employer, typed, cost.inputs, data, codes)
    return assumed(cost, found + employer, said + notes)


def _compare_assumed(
    comparison: Comparison,
    given: Mapping[str, Sequence[str]],
    flags: Mapping[str, bool],
    labels: Sequence[str],
) -> Comparison:
    """The comparison with each scenario's assumptions: what the user typed for it (an option
    given once counts for every scenario; an empty value in a repeated one, for none), the
    grids of the default comparison being deis-pay's choice."""
    from datetime import date

    from deis_pay.data.loader import default_dataset
    from deis_pay.input.scenarios import EMPLOYER_FIELDS, expand_scenarios
    from deis_pay.rules.assumptions import (
        assumed_comparison,
        contract_assumptions,
        employer_assumptions,
    )

    data, today = default_dataset(), date.today()
    each = []
    texts = expand_scenarios(given, labels)
    for scenario, text in zip(comparison.scenarios, texts, strict=True):
        typed = {name for name, value in text.items() if value is not None}
        typed |= {name for name, value in flags.items() if value}
        if not given.get("grid"):
            typed.discard("grid")  # legal grid against SSSMS grid: the comparison's default
        found, said = contract_assumptions(scenario.inputs, typed, data, today)
        if scenario.employer is not None:
            codes = {item.code for item in scenario.notices}
            typed_employer = typed & {*EMPLOYER_FIELDS, "signed"}
            employer, notes = employer_assumptions(
                scenario.employer, typed_employer, scenario.inputs, data, codes
            )
            found, said = found + employer, said + notes
        each.append((found, said))
    return assumed_comparison(comparison, each)


# compare: each contract or employer option may be repeated, one value per scenario.
Many = list[str] | None

COMPARE_HELP = tr(
    "Deux contrats ou plus côte à côte (apprentis, dates, grilles, SMC, historique, "
    "employeur) : brut, net et, avec --cost, coût employeur après aides, par année de "
    "contrat et au total, avec l'écart de chacun au premier. Une option donnée une fois "
    "vaut pour tous ; répétée, elle donne une valeur par scénario. Sans option répétée : "
    "grille légale et grille SSSMS.\n\n"
    "Exemple : deis-pay compare --cost --birth 14/03/2003 --birth 20/05/2006 "
    "--employer association"
)


@repeated_contract_options
def compare(
    contract: RepeatedContract,
    signed: Annotated[Many, SIGNED] = None,
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
    overseas: Overseas = False,
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
    output_format: Format = "table",
    svg: Svg = None,
    html: Html = None,
    output: OutputFile = None,
    csv_raw: CsvRaw = False,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    with command_run(lang, data_folder):
        fmt = checked_format(output_format, FORMATS)
        from deis_pay.data.loader import default_dataset
        from deis_pay.input.scenarios import scenarios_from_text
        from deis_pay.rules.compare import compare_scenarios

        data = default_dataset()
        # By field name, in the order of the options: of several wrong counts, the first
        # option is the one named.
        employers = {
            "signed": signed, "kind": employer, "headcount": headcount,
            "atmp_rate_percent": atmp_rate, "mobility_rate_percent": mobility_rate,
            "health_cover": health_cover, "health_employer_share_percent": health_employer_share,
            "work_study_share_percent": work_study_share, "diploma_level": diploma_level,
        }  # fmt: skip
        given = {**contract.values, **{name: values or [] for name, values in employers.items()}}
        flags = {**contract.flags, "rqth": rqth, "overseas": overseas}
        specs = scenarios_from_text(data, given, flags, label or [], with_cost=with_cost)
        result = _compare_assumed(compare_scenarios(specs, data), given, flags, label or [])
    write(result, Target(fmt, output, svg, html), comparison_writers(csv_raw=csv_raw))
