"""The options of the commands, each declared once: its name, its help and what it holds.

The options several commands share are the typed aliases below (`Svg`, `Lang`, `DataFolder`…),
which a command lists with its default (`svg: Svg = None`). The contract and its history, the
18 options that `schedule`, `cost`, `cerfa` and `compare` all take, are one group: a command
names a parameter `contract` and is decorated with `contract_options` (`compare`:
`repeated_contract_options`); the decorator puts the 18 options in its place, in this order,
and hands the command their text by field name (input/scenarios.py's CONTRACT_FIELDS), the
mapping `input.text.contract_from_text` reads. An option only one command takes is declared in
that command's signature.

Every help text goes through `tr` when this module is read, in the language of the environment
(LANG=en_… gives English); usage.py says it again in the language a command's --lang chooses.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.models import OptionInfo

from deis_pay.i18n.language import language_from_environment, set_language, tr

if TYPE_CHECKING:
    from datetime import date

    from deis_pay.rules.models import ContractInputs

set_language(language_from_environment())

# --- The contract and its history ------------------------------------------------------------

BIRTH = typer.Option("--birth", help=tr("Date de naissance : 2005-05-10 ou 10/05/2005."))
START = typer.Option(
    "--start", help=tr("Début du contrat (défaut : la rentrée du DEIS, 01/09/2025).")
)
END = typer.Option(
    "--end", help=tr("Dernier jour du contrat (défaut : début + 30 mois, la durée du DEIS).")
)
MONTHS = typer.Option("--months", help=tr("Durée en mois, au lieu de --end."))
GRID = typer.Option("--grid", help=tr("general (légale) ou sssms (branche)."))
SMC = typer.Option(
    "--smc", help=tr("Salaire minimum conventionnel, mensuel brut : 2100 ou 2100,50.")
)
TERRITORY = typer.Option("--territory", help=tr("metropole ou mayotte."))
CYCLE_START_YEAR = typer.Option(
    "--cycle-start-year", help=tr("Année du cycle où commence le contrat : 1, 2 ou 3.")
)
PREVIOUS_START = typer.Option(
    "--previous-start",
    help=tr(
        "Début du contrat d'apprentissage précédent, s'il a mené au diplôme : son dernier "
        "taux devient un plancher (art. D6222-29)."
    ),
)
PREVIOUS_END = typer.Option(
    "--previous-end", help=tr("Fin de ce contrat précédent (avec --previous-start).")
)
PREVIOUS_GRID = typer.Option(
    "--previous-grid", help=tr("Grille de ce contrat : general ou sssms (défaut : --grid).")
)
PREVIOUS_CYCLE_START_YEAR = typer.Option(
    "--previous-cycle-start-year",
    help=tr("Année du cycle où ce contrat commençait : 1, 2 ou 3 (défaut : 1)."),
)
PREVIOUS_PERCENT = typer.Option(
    "--previous-percent",
    help=tr("% du SMIC réellement payé à la fin du contrat précédent, s'il était plus haut."),
)
SAME_LEVEL_RELATED = typer.Option(
    "--same-level-related",
    help=tr(
        "Contrat d'un an au plus pour un diplôme de même niveau, en rapport direct avec "
        "le précédent : +15 points (art. D6222-30)."
    ),
)
PREVIOUS_DIPLOMA_YEARS = typer.Option(
    "--previous-diploma-years",
    help=tr("Durée du diplôme précédent en années, sans contrat précédent : 1, 2 ou 3."),
)
LICENCE_PRO = typer.Option(
    "--licence-pro", help=tr("Licence professionnelle : au moins le taux de 2e année.")
)
PROLONGED_TO = typer.Option(
    "--prolonged-to", help=tr("Contrat prolongé jusqu'à cette date (échec à l'examen ou RQTH).")
)
PROLONGATION_REASON = typer.Option(
    "--prolongation-reason", help=tr("Motif de la prolongation : exam (défaut) ou rqth.")
)


class _Member:
    """An option of the contract group: its parameter, the field whose text it holds, its
    declaration, and its default when given once (`REQUIRED`: none); `flag`: a yes/no option,
    whose text is "true" or None, as a batch column holds it. (A plain class: a dataclass
    costs every run its start-up time.)"""

    __slots__ = ("default", "field", "flag", "info", "parameter")

    def __init__(
        self,
        parameter: str,
        field: str,
        info: OptionInfo,
        default: object = None,
        *,
        flag: bool = False,
    ) -> None:
        self.parameter, self.field, self.info = parameter, field, info
        self.default, self.flag = default, flag


REQUIRED = inspect.Parameter.empty

# In the order of the commands' help, which is also the order the fields are read in (of
# several wrong values, the first is the one named).
CONTRACT_GROUP = (
    _Member("birth", "birth_date", BIRTH, REQUIRED),
    _Member("start", "start", START),
    _Member("end", "end", END),
    _Member("months", "months", MONTHS),
    _Member("grid", "grid", GRID, "general"),
    _Member("smc", "smc", SMC),
    _Member("territory", "territory", TERRITORY, "metropole"),
    _Member("cycle_start_year", "cycle_start_year", CYCLE_START_YEAR, "1"),
    _Member("previous_start", "previous_start", PREVIOUS_START),
    _Member("previous_end", "previous_end", PREVIOUS_END),
    _Member("previous_grid", "previous_grid", PREVIOUS_GRID),
    _Member("previous_cycle_start_year", "previous_cycle_start_year", PREVIOUS_CYCLE_START_YEAR),
    _Member("previous_percent", "previous_percent", PREVIOUS_PERCENT),
    _Member("same_level_related", "same_level_related", SAME_LEVEL_RELATED, False, flag=True),
    _Member("previous_diploma_years", "previous_diploma_years", PREVIOUS_DIPLOMA_YEARS),
    _Member("licence_pro", "licence_pro", LICENCE_PRO, False, flag=True),
    _Member("prolonged_to", "prolonged_to", PROLONGED_TO),
    _Member("prolongation_reason", "prolongation_reason", PROLONGATION_REASON),
)

# What a command decorated with `contract_options` receives as `contract`: the text of each
# field (None: not given), as `input.text.contract_from_text` takes it.
ContractText = Mapping[str, str | None]


class RepeatedContract:
    """What `compare` receives as `contract`: the values typed for each field (an empty list:
    not given), as `input.scenarios.scenarios_from_text` takes them, and the yes/no options,
    which apply to every scenario."""

    __slots__ = ("flags", "values")

    def __init__(self, values: dict[str, list[str]], flags: dict[str, bool]) -> None:
        self.values, self.flags = values, flags


def contract_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with the options of the contract group in place of its parameter `contract`,
    which receives their text (`ContractText`)."""

    def parameter(member: _Member) -> inspect.Parameter:
        kind = bool if member.flag else str if member.default is not None else str | None
        return inspect.Parameter(
            member.parameter,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=member.default,
            annotation=Annotated[kind, member.info],
        )

    def text(values: dict[str, Any]) -> ContractText:
        return {
            member.field: flag_text(values[member.parameter])
            if member.flag
            else values[member.parameter]
            for member in CONTRACT_GROUP
        }

    return _Grouped(command, lambda: [parameter(member) for member in CONTRACT_GROUP], text)


def repeated_contract_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` (compare) with the options of the contract group in place of its parameter
    `contract`, each repeatable (one value per scenario) but the yes/no ones; `contract`
    receives a `RepeatedContract`."""

    def parameter(member: _Member) -> inspect.Parameter:
        if member.flag:
            kind: Any = bool
        else:
            kind = list[str] if member.default is REQUIRED else list[str] | None
        default = member.default if member.flag or member.default is REQUIRED else None
        return inspect.Parameter(
            member.parameter,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=default,
            annotation=Annotated[kind, member.info],
        )

    def repeated(values: dict[str, Any]) -> RepeatedContract:
        return RepeatedContract(
            {m.field: values[m.parameter] or [] for m in CONTRACT_GROUP if not m.flag},
            {m.field: bool(values[m.parameter]) for m in CONTRACT_GROUP if m.flag},
        )

    return _Grouped(command, lambda: [parameter(member) for member in CONTRACT_GROUP], repeated)


def flag_text(value: bool) -> str | None:
    """A yes/no option as the text of a batch column: "true", or None when not given."""
    return "true" if value else None


def contract_inputs(contract: ContractText) -> ContractInputs:
    """The contract of the group's text, checked as a batch row's is (the InputError of its
    first wrong field)."""
    from deis_pay.data.loader import default_dataset
    from deis_pay.input.text import contract_from_text

    return contract_from_text(default_dataset(), contract)


def contract_given(contract: ContractText) -> frozenset[str]:
    """The fields of the group the user gave (a yes/no option: given when set), which
    rules/assumptions.py states as `given`, the others as defaults or derived."""
    return frozenset(name for name, text in contract.items() if text is not None)


R = TypeVar("R")


def contract_assumed(result: R, inputs: ContractInputs, contract: ContractText, today: date) -> R:
    """`result` (a schedule, a Cerfa block, a check of pay) with the assumptions of its
    contract and the notices of its defaults: the DEIS's intake as the contract (already begun
    on `today`), its end from the DEIS's duration."""
    from deis_pay.data.loader import default_dataset
    from deis_pay.rules.assumptions import assumed, contract_assumptions

    given = contract_given(contract)
    assumptions, notices = contract_assumptions(inputs, given, default_dataset(), today)
    return assumed(result, assumptions, notices)


_CONTEXT = "group_context"  # the context parameter added to a grouped command without one


class _Grouped:
    """`command` with the parameters of a group of options in place of its `contract`.

    Typer reads a command's options from its signature and type hints: those of `command`,
    with the group's in place of `contract`, worked out when typer first asks, so that only the
    command that runs pays for them. Called with the options by name (as typer calls it), it
    calls `command` with `contract=collect(the group's values)`; an option left out takes its
    default. An option whose default the help shows (`--grid general`) and that was not typed
    is collected as None, "not given", as the others: click says where a value came from,
    through the command's context (its own `typer.Context` parameter, or one added here);
    called without one (the guided mode), a value equal to the default is taken as not typed."""

    def __init__(
        self,
        command: Callable[..., None],
        group: Callable[[], list[inspect.Parameter]],
        collect: Callable[[dict[str, Any]], object],
    ) -> None:
        if "contract" not in inspect.signature(command).parameters:
            raise TypeError(f"{command.__name__} has no parameter `contract` for its options")
        self._command, self._make_group, self._collect = command, group, collect
        self._group: list[inspect.Parameter] | None = None
        self._signature: inspect.Signature | None = None
        self._context = _CONTEXT  # the name of the parameter typer passes its context in
        self.__name__, self.__qualname__ = command.__name__, command.__qualname__
        self.__module__, self.__doc__ = command.__module__, command.__doc__
        self.__wrapped__ = command

    def _parameters(self) -> list[inspect.Parameter]:
        """The group's parameters, made the first time they are needed."""
        if self._group is None:
            self._group = self._make_group()
        return self._group

    @property
    def __signature__(self) -> inspect.Signature:
        if self._signature is None:
            hints = typing.get_type_hints(self._command, include_extras=True)
            parameters: list[inspect.Parameter] = []
            context = None
            for own in inspect.signature(self._command).parameters.values():
                if own.name == "contract":
                    parameters += self._parameters()
                else:
                    annotation = hints.get(own.name, own.annotation)
                    if annotation is typer.Context:
                        context = own.name
                    parameters.append(own.replace(annotation=annotation))
            if context is None:
                parameters.append(
                    inspect.Parameter(
                        _CONTEXT, inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context
                    )
                )
            self._context = context or _CONTEXT
            self._signature = inspect.Signature(parameters, return_annotation=None)
        return self._signature

    @property
    def __annotations__(self) -> dict[str, Any]:
        """The type hints typer reads beside the signature: its parameters' annotations."""
        parameters = self.__signature__.parameters.values()
        return {parameter.name: parameter.annotation for parameter in parameters}

    @__annotations__.setter
    def __annotations__(self, value: dict[str, Any]) -> None:
        raise AttributeError("the annotations of a grouped command are its signature's")

    def __call__(self, **given: Any) -> None:
        context = (
            given.pop(_CONTEXT, None) if self._context == _CONTEXT else given.get(self._context)
        )
        values: dict[str, Any] = {}
        for parameter in self._parameters():
            if parameter.name in given:
                values[parameter.name] = given.pop(parameter.name)
            elif parameter.default is REQUIRED:
                raise TypeError(f"{self.__name__}() needs {parameter.name}")
            else:
                values[parameter.name] = parameter.default
            if isinstance(parameter.default, str):
                if context is None:
                    # Called directly (the guided mode): a default value is one not typed, as
                    # the command it prints leaves it out.
                    typed = values[parameter.name] != parameter.default
                else:
                    source = context.get_parameter_source(parameter.name)
                    typed = source is None or source.name != "DEFAULT"
                if not typed:
                    values[parameter.name] = None
        self._command(**given, contract=self._collect(values))


# --- Options several commands share ----------------------------------------------------------

SIGNED = typer.Option("--signed", help=tr("Date de conclusion du contrat (défaut : son début)."))
Signed = Annotated[str | None, SIGNED]
Grid = Annotated[str, GRID]
Territory = Annotated[str, TERRITORY]
At = Annotated[str | None, typer.Option("--at", help=tr("Date : 2026-06-01 ou 01/06/2026."))]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help=tr("Langue des vues : fr (défaut) ou en ; sinon d'après LANG.")),
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
Overseas = Annotated[
    bool,
    typer.Option(
        "--overseas",
        help=tr(
            "Contrat outre-mer (Guadeloupe, Guyane, Martinique, La Réunion, Saint-Barthélemy, "
            "Saint-Martin, Saint-Pierre-et-Miquelon) : aide unique jusqu'au niveau 5 "
            "(art. L6522-4) ; cotisations aux taux de la métropole."
        ),
    ),
]

# Where the result goes: --format, -o, and the copies of a table view.
Format = Annotated[
    str,
    typer.Option(
        "--format", help=tr("table, json, csv, xlsx (avec -o), html (rapport) ou md (Markdown).")
    ),
]
TableOrJson = Annotated[str, typer.Option("--format", help=tr("table ou json."))]
OutputFile = Annotated[
    str | None,
    typer.Option("--output", "-o", help=tr("Écrire dans ce fichier (obligatoire pour xlsx).")),
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
