"""Contracts side by side: gross, net and employer cost of two or more scenarios (pure core).

A scenario is a contract (apprentice, dates, grid, SMC, history) with the date it was concluded
and, for the employer cost, the employer's options. `deis-pay compare` builds them from its
options (`scenarios_from_text`): an option given once applies to every scenario, an option
given N times gives one value to each of N scenarios; with no option repeated it compares the
legal grid with the SSSMS grid, as it always did.

Each scenario's figures are those of the commands run alone on it: the gross of `schedule`, the
net of `schedule --net` (or, with the cost, the net of `cost`, which also takes off the
apprentice's share of the health cover) and the cost after aids of `cost`. Differences are
each scenario minus the first. Contract years are compared year by year only when every
scenario has the same ones (same numbers, same dates, `years_aligned`); otherwise each
scenario keeps its own years and only the totals are compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal

from deis_pay.core.errors import InputError
from deis_pay.core.notices import Notice, notice
from deis_pay.data.records import DataInfo, Dataset
from deis_pay.rules.employer import Employer
from deis_pay.rules.models import (
    JSON_KEYS,
    Assumption,
    ContractInputs,
    History,
    Schedule,
    SourceRef,
)
from deis_pay.rules.pay import schedule_for

# Cannot cut the net: the net and cost of Mayotte (its own rates) and pay above the band-1
# ceiling. Without --cost, compare says so and leaves the net out instead of failing.
NET_NOT_COMPUTED = frozenset({"contributions_not_for_mayotte", "net_above_band_1"})


@dataclass(frozen=True, slots=True)
class ComparisonYear:
    __pydantic_config__ = JSON_KEYS
    year: int
    from_: date
    to: date
    general: Decimal
    sssms: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class Figures:
    """Gross, net and employer cost after aids (None: not computed, or no cost asked), or
    their differences from the first scenario (None: either side not computed)."""

    __pydantic_config__ = JSON_KEYS

    gross: Decimal
    net: Decimal | None
    employer_cost_after_aids: Decimal | None


@dataclass(frozen=True, slots=True)
class ScenarioYear:
    __pydantic_config__ = JSON_KEYS
    year: int
    from_: date
    to: date
    gross: Decimal
    net: Decimal | None
    employer_cost_after_aids: Decimal | None
    # From the first scenario's same contract year; None for the first scenario (the reference)
    # and when the years do not align.
    difference: Figures | None


@dataclass(frozen=True, slots=True)
class CalendarFigures:
    """A calendar year's gross, net and employer cost after aids (a budget is voted by calendar
    year): the sums of its months, as `schedule` and `cost` count them (None: not computed)."""

    __pydantic_config__ = JSON_KEYS
    year: int
    gross: Decimal
    net: Decimal | None
    employer_cost_after_aids: Decimal | None


@dataclass(frozen=True, slots=True)
class ComparisonTotal:
    """The scenarios added up, when they are different apprentices (a budget for all of them):
    their totals and each calendar year's, summed as they are (each scenario's figures are
    already rounded month by month: no rounding again). A figure is None when it is None in
    any scenario."""

    __pydantic_config__ = JSON_KEYS
    gross: Decimal
    net: Decimal | None
    employer_cost_after_aids: Decimal | None
    calendar_years: tuple[CalendarFigures, ...]


@dataclass(frozen=True, slots=True)
class HistoryEffect:
    """What a history raises the pay by over the contract: its total gross with no history
    (the same dates and prolongation, through the same rules) and with it. `code` names what
    the history was (`history_effect_previous`, `…_licence_pro`, `…_both`), its sentence."""

    __pydantic_config__ = JSON_KEYS
    total_without: Decimal
    total_with: Decimal
    difference: Decimal
    code: str


@dataclass(frozen=True, slots=True)
class ScenarioSpec:
    """What one scenario is: its contract, the day it was concluded (`signed`, the contract's
    start when not given) and, for the employer cost, the employer's options. `label`: the
    user's name for it, None for one built from what differs between the scenarios."""

    inputs: ContractInputs
    signed: date
    employer: Employer | None = None
    label: str | None = None
    # The fields the default label may name (the options repeated on the command line): a
    # contract's end or signing date that only follows from a repeated start is not named.
    # Empty: every field whose value differs between the scenarios.
    varies: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Scenario:
    __pydantic_config__ = JSON_KEYS
    label: str  # the user's label, else the sentence of `label_notices`, in the output's language
    label_notices: tuple[Notice, ...]  # what sets this scenario apart from the others
    inputs: ContractInputs
    signed: date
    employer: Employer | None  # with --cost only
    contract_years: tuple[ScenarioYear, ...]
    total_gross: Decimal
    total_net: Decimal | None
    total_employer_cost_after_aids: Decimal | None
    difference: Figures | None  # totals minus the first scenario's; None for the first
    projected_from: date | None
    # This scenario's warnings and notes, as codes; their sentences are the comparison's.
    notices: tuple[Notice, ...]
    calendar_years: tuple[CalendarFigures, ...]  # (added) as `schedule`'s, with net and cost
    # Every input and where it came from (rules/assumptions.py), filled by the edge that
    # knows what was given.
    assumptions: tuple[Assumption, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """`deis-pay compare`: two or more scenarios side by side (`scenarios`).

    The keys of the legal-versus-SSSMS comparison (`contract_years`, `total_general`,
    `total_sssms`, `total_difference`) are filled when the scenarios are the same contract
    under the legal grid then the SSSMS grid (the default); otherwise `contract_years` is
    empty and the totals are null. `inputs` is the first scenario's contract."""

    __pydantic_config__ = JSON_KEYS

    schema_version: int
    inputs: ContractInputs
    contract_years: tuple[ComparisonYear, ...]
    total_general: Decimal | None
    total_sssms: Decimal | None
    total_difference: Decimal | None
    sources: tuple[SourceRef, ...]
    warnings: tuple[str, ...]  # the sentences of `notices` that are not notes
    notices: tuple[Notice, ...]
    scenarios: tuple[Scenario, ...]
    notes: tuple[str, ...]  # the sentences of the cost's notes (messages.NOTES)
    data: DataInfo
    years_aligned: bool  # every scenario has the same contract years (numbers and dates)
    with_cost: bool
    # The scenarios added up when they are different apprentices (no two born the same day),
    # None when they are alternatives for one (grids, dates, employers of one apprentice).
    total: ComparisonTotal | None


def compare_grids(inputs: ContractInputs, data: Dataset) -> Comparison:
    """The same contract under the legal grid and under the SSSMS grid (gross and net)."""
    return compare_scenarios(
        tuple(
            ScenarioSpec(replace(inputs, grid=grid), inputs.start) for grid in ("general", "sssms")
        ),
        data,
    )


def compare_scenarios(specs: Sequence[ScenarioSpec], data: Dataset) -> Comparison:
    """Each scenario's gross and net (and, when every scenario has an employer, its cost after
    aids) per contract year and in total, and its differences from the first scenario.

    Raises `InputError` for fewer than two scenarios, or what `cost` would refuse for one of
    them; a net that cannot be computed (Mayotte, pay above the band-1 ceiling) is left out
    with a warning, unless the cost was asked for."""
    if len(specs) < 2:
        raise InputError("compare_needs_two", None)
    with_cost = all(spec.employer is not None for spec in specs)
    runs = [_run(spec, data) for spec in specs]
    first = runs[0]
    aligned = len({tuple((y.year, y.from_, y.to) for y in run.years) for run in runs}) == 1
    scenarios = []
    for index, (spec, run, parts) in enumerate(zip(specs, runs, _label_parts(specs), strict=True)):
        compared = index > 0
        years = tuple(
            replace(year, difference=_minus(year, base) if aligned and compared else None)
            for year, base in zip(run.years, first.years if aligned else run.years, strict=True)
        )
        scenarios.append(
            Scenario(
                label=spec.label or "",
                label_notices=() if spec.label else parts,
                inputs=spec.inputs,
                signed=spec.signed,
                employer=spec.employer,
                contract_years=years,
                total_gross=run.total.gross,
                total_net=run.total.net,
                total_employer_cost_after_aids=run.total.employer_cost_after_aids,
                difference=_minus(run.total, first.total) if compared else None,
                projected_from=run.schedule.projected_from,
                notices=tuple(dict.fromkeys(run.notices)),
                calendar_years=run.calendar_years,
            )
        )
    sources = {source.id: source for run in runs for source in run.sources}
    notices = tuple(dict.fromkeys(n for run in runs for n in run.notices))
    legacy = _grids_of_one_contract(specs, runs)
    return Comparison(
        schema_version=first.schedule.schema_version,
        inputs=specs[0].inputs,
        contract_years=legacy,
        total_general=first.total.gross if legacy else None,
        total_sssms=runs[1].total.gross if legacy else None,
        total_difference=runs[1].total.gross - first.total.gross if legacy else None,
        sources=tuple(sources.values()),
        warnings=(),
        notices=notices,
        scenarios=tuple(scenarios),
        notes=(),
        years_aligned=aligned,
        with_cost=with_cost,
        data=data.info,
        total=_sum(runs) if _apprentices(specs) else None,
    )


def history_effect(
    inputs: ContractInputs, data: Dataset, total_with: Decimal | None = None
) -> HistoryEffect | None:
    """What the history raises the pay by over the contract, when it does: the total gross of
    the contract with it and of the same contract with none (same dates, same prolongation:
    the prolongation is the contract's length, not what raises its rate), through the same
    rules. None when no history that can raise the rate is given (a previous contract, a
    diploma of the same level, a licence pro: art. D6222-29, -30, -32), or when it does not
    raise it (a floor below the grid). `total_with`: the total of `inputs`' own schedule, when
    already computed."""
    history = inputs.history
    given = [
        name
        for name, present in (
            ("previous", history.previous_start is not None),
            ("same_level", history.same_level_related),
            ("licence_pro", history.licence_pro),
        )
        if present
    ]
    if not given:
        return None
    kept = History(
        prolonged_to=history.prolonged_to, prolongation_reason=history.prolongation_reason
    )
    if total_with is None:  # (the caller's schedule has it already, most often)
        total_with = schedule_for(inputs, data).total_gross
    total_without = schedule_for(replace(inputs, history=kept), data).total_gross
    if total_with <= total_without:
        return None
    # Each code written out (docs/codes.md finds them).
    if len(given) > 1:
        code = "history_effect_history"
    elif given[0] == "previous":
        code = "history_effect_previous"
    elif given[0] == "same_level":
        code = "history_effect_same_level"
    else:
        code = "history_effect_licence_pro"
    return HistoryEffect(total_without, total_with, total_with - total_without, code)


def history_effect_notice(effect: HistoryEffect) -> Notice:
    """The sentence of a history's effect, as a notice: its code and figures (each code
    written out: docs/codes.md finds them)."""
    figures = {
        "total_without": effect.total_without,
        "total_with": effect.total_with,
        "difference": effect.difference,
    }
    match effect.code:
        case "history_effect_previous":
            return notice("history_effect_previous", None, **figures)
        case "history_effect_same_level":
            return notice("history_effect_same_level", None, **figures)
        case "history_effect_licence_pro":
            return notice("history_effect_licence_pro", None, **figures)
    return notice("history_effect_history", None, **figures)


def _apprentices(specs: Sequence[ScenarioSpec]) -> bool:
    """The scenarios are different apprentices (a budget: adding them up means something),
    not alternatives for one (two grids, dates or employers of the same apprentice): no two
    are born the same day."""
    return len({spec.inputs.birth_date for spec in specs}) == len(specs)


def _add(amounts: Sequence[Decimal | None]) -> Decimal | None:
    """Exact sum (Decimal, no rounding again); None when one of them is not computed."""
    if any(amount is None for amount in amounts):
        return None
    return sum((amount for amount in amounts if amount is not None), Decimal(0))


def _sum(runs: Sequence[_Run]) -> ComparisonTotal:
    """The scenarios' totals and calendar years added up. A scenario with no month in a
    calendar year counts 0 there; one whose figure is not computed makes the sum None."""
    years = sorted({y.year for run in runs for y in run.calendar_years})
    by_year = [{y.year: y for y in run.calendar_years} for run in runs]
    calendar = []
    for year in years:
        figures = [
            known.get(year)
            or CalendarFigures(
                year,
                Decimal(0),
                None if run.total.net is None else Decimal(0),
                None if run.total.employer_cost_after_aids is None else Decimal(0),
            )
            for known, run in zip(by_year, runs, strict=True)
        ]
        calendar.append(
            CalendarFigures(
                year,
                sum((f.gross for f in figures), Decimal(0)),
                _add([f.net for f in figures]),
                _add([f.employer_cost_after_aids for f in figures]),
            )
        )
    return ComparisonTotal(
        sum((run.total.gross for run in runs), Decimal(0)),
        _add([run.total.net for run in runs]),
        _add([run.total.employer_cost_after_aids for run in runs]),
        tuple(calendar),
    )


@dataclass(frozen=True, slots=True)
class _Run:
    schedule: Schedule
    years: tuple[ScenarioYear, ...]
    total: Figures
    sources: tuple[SourceRef, ...]
    notices: tuple[Notice, ...]
    calendar_years: tuple[CalendarFigures, ...]


def _run(spec: ScenarioSpec, data: Dataset) -> _Run:
    """One scenario's figures, computed as `schedule --net` and `cost` compute them."""
    # A year's net is `net_pay`'s, whose months with an anniversary are shared between their
    # contract years as `cost` shares them: the same with and without --cost (no health cover).
    from deis_pay.rules.cost import compute_cost
    from deis_pay.rules.net import net_pay

    schedule = schedule_for(spec.inputs, data)
    extra: tuple[Notice, ...] = ()
    if spec.employer is not None:
        cost = compute_cost(schedule, replace(spec.employer, signed=spec.signed), data)
        years = tuple(
            ScenarioYear(y.year, y.from_, y.to, y.gross, y.net, y.employer_cost_after_aids, None)
            for y in cost.contract_years
        )
        total = Figures(cost.total_gross, cost.total_net, cost.total_employer_cost_after_aids)
        calendar = tuple(
            CalendarFigures(y.year, y.gross, y.net, y.employer_cost_after_aids)
            for y in cost.calendar_years
        )
        return _Run(schedule, years, total, schedule.sources + cost.sources, cost.notices, calendar)
    net_by_year: dict[int, Decimal] | None = None
    net_by_calendar_year: dict[int, Decimal] | None = None
    total_net = None
    sources = schedule.sources
    try:
        net = net_pay(schedule, spec.signed, data)
    except InputError as exc:
        if exc.code not in NET_NOT_COMPUTED:
            raise
        extra = (exc.notice,)  # its sentence says the net is not computed, and why
    else:
        net_by_year = {year.year: year.net for year in net.contract_years}
        net_by_calendar_year = {}
        for month in net.months:  # "2026-09": the net of a calendar year is its months'
            year = int(month.month[:4])
            net_by_calendar_year[year] = net_by_calendar_year.get(year, Decimal(0)) + month.net
        total_net = net.total_net
        sources += net.sources
    years = tuple(
        ScenarioYear(y.year, y.from_, y.to, y.gross, _get(net_by_year, y.year), None, None)
        for y in schedule.contract_years
    )
    calendar = tuple(
        CalendarFigures(y.year, y.gross, _get(net_by_calendar_year, y.year), None)
        for y in schedule.calendar_years
    )
    return _Run(
        schedule, years, Figures(schedule.total_gross, total_net, None), sources,
        schedule.notices + extra, calendar,
    )  # fmt: skip


def _get(amounts: dict[int, Decimal] | None, year: int) -> Decimal | None:
    return None if amounts is None else amounts[year]


def _minus(figures: Figures | ScenarioYear, base: Figures | ScenarioYear) -> Figures:
    def less(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else a - b

    return Figures(
        figures.gross - base.gross,
        less(figures.net, base.net),
        less(figures.employer_cost_after_aids, base.employer_cost_after_aids),
    )


def _grids_of_one_contract(
    specs: Sequence[ScenarioSpec], runs: Sequence[_Run]
) -> tuple[ComparisonYear, ...]:
    """The legal-versus-SSSMS years of the historical `compare`, when the scenarios are one
    contract under the legal grid then the SSSMS grid; else none."""
    if len(specs) != 2:
        return ()
    general, sssms = specs
    if (general.inputs.grid, sssms.inputs.grid) != ("general", "sssms"):
        return ()
    if replace(sssms, inputs=replace(sssms.inputs, grid="general"), label=None) != replace(
        general, label=None
    ):  # (`varies` is the same for both)
        return ()
    return tuple(
        ComparisonYear(g.year, g.from_, g.to, g.gross, s.gross, s.gross - g.gross)
        for g, s in zip(runs[0].years, runs[1].years, strict=True)
    )


def _values(spec: ScenarioSpec) -> dict[str, object]:
    """What a scenario's label may name: its contract's fields, its history's, the date it was
    concluded and its employer's options."""
    inputs = spec.inputs
    values: dict[str, object] = {
        f.name: getattr(inputs, f.name) for f in fields(inputs) if f.name != "history"
    }
    values.update({f.name: getattr(inputs.history, f.name) for f in fields(inputs.history)})
    values["signed"] = spec.signed
    if spec.employer is not None:
        employer = spec.employer
        values.update({f.name: getattr(employer, f.name) for f in fields(employer)})
        values["signed"] = spec.signed  # the employer's copy may still be None
    return values


def _label_parts(specs: Sequence[ScenarioSpec]) -> list[tuple[Notice, ...]]:
    """For each scenario, what sets it apart: one `scenario_<field>` notice per field whose
    value is not the same in every scenario (`né(e) le 14/03/2003`, `grille SSSMS`);
    `scenario_number` where nothing does (the same scenario given twice)."""
    all_values = [_values(spec) for spec in specs]
    differing = [
        name for name in all_values[0] if len({repr(values.get(name)) for values in all_values}) > 1
    ]
    varies = frozenset().union(*(spec.varies for spec in specs))
    if varies and any(name in varies for name in differing):
        differing = [name for name in differing if name in varies]
    # The previous contract is one thing to a reader, its first and last days together:
    # « contrat précédent du 01/09/2023 au 31/08/2026 », « sans contrat précédent ».
    if "previous_end" in differing and "previous_start" not in differing:
        differing[differing.index("previous_end")] = "previous_start"
    differing = [name for name in differing if name != "previous_end"]
    parts = []
    for number, values in enumerate(all_values, start=1):
        found = tuple(
            _previous_contract(values)
            if name == "previous_start"
            else _label_notice(name, values.get(name))
            for name in differing
        )
        parts.append(found or (notice("scenario_number", None, number=number),))
    return parts


def _previous_contract(values: dict[str, object]) -> Notice:
    start, end = values.get("previous_start"), values.get("previous_end")
    if isinstance(start, date) and isinstance(end, date):
        return notice("scenario_previous_contract", "previous_start", start=start, end=end)
    return notice("scenario_previous_none", "previous_start")


def _label_notice(name: str, value: object) -> Notice:
    """What one field says of a scenario (each code written out: scripts and docs/codes.md
    find them)."""
    match name, value:
        case _, None:
            return notice("scenario_option_none", name)
        case "grid", "general":
            return notice("scenario_grid_general", name)
        case "grid", "sssms":
            return notice("scenario_grid_sssms", name)
        case "kind", "private":
            return notice("scenario_kind_private", name)
        case "kind", "association":
            return notice("scenario_kind_association", name)
        case "kind", "public":
            return notice("scenario_kind_public", name)
        case "territory", "metropole":
            return notice("scenario_territory_metropole", name)
        case "territory", "mayotte":
            return notice("scenario_territory_mayotte", name)
        case "birth_date", date():
            return notice("scenario_birth_date", name, value=value)
        case "start", date():
            return notice("scenario_start", name, value=value)
        case "end", date():
            return notice("scenario_end", name, value=value)
        case "signed", date():
            return notice("scenario_signed", name, value=value)
        case "smc", Decimal():
            return notice("scenario_smc", name, value=value)
        case "headcount", int():
            return notice("scenario_headcount", name, value=value)
        case "months", int():
            return notice("scenario_months", name, value=value)
        case "cycle_start_year", int():
            return notice("scenario_cycle_start_year", name, value=value)
        case "health_cover", Decimal():
            return notice("scenario_health_cover", name, value=value)
        case "atmp_rate_percent", Decimal():
            return notice("scenario_atmp_rate", name, value=value)
        case "diploma_level", int():
            return notice("scenario_diploma_level", name, value=value)
        case "previous_grid", "general":
            return notice("scenario_previous_grid_general", name)
        case "previous_grid", "sssms":
            return notice("scenario_previous_grid_sssms", name)
        case "previous_cycle_start_year", int():
            return notice("scenario_previous_cycle_start_year", name, value=value)
        case "previous_percent", Decimal():
            return notice("scenario_previous_percent", name, value=value)
        case "previous_diploma_years", int():
            return notice("scenario_previous_diploma_years", name, value=value)
        case "prolonged_to", date():
            return notice("scenario_prolonged_to", name, value=value)
        case "prolongation_reason", "exam":
            return notice("scenario_prolongation_exam", name)
        case "prolongation_reason", "rqth":
            return notice("scenario_prolongation_rqth", name)
        case "mobility_rate_percent", Decimal():
            return notice("scenario_mobility_rate", name, value=value)
        case "health_employer_share_percent", Decimal():
            return notice("scenario_health_employer_share", name, value=value)
        case "work_study_share_percent", Decimal():
            return notice("scenario_work_study_share", name, value=value)
        case _, str() | Decimal() | int() | date():  # bool is an int
            return notice("scenario_option", name, value=value)
    return notice("scenario_option", name, value=str(value))


__all__ = [
    "Comparison",
    "Scenario",
    "ScenarioSpec",
    "compare_grids",
    "compare_scenarios",
    "history_effect",
]
