"""The scenarios of `compare` from the options as typed: an option given once applies to every
scenario, an option given N times gives one value to each of N scenarios (`--smc 1900 --smc
2100`); with none repeated, the legal grid is compared with the SSSMS grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from deis_pay.core.errors import InputError
from deis_pay.data.records import Dataset
from deis_pay.rules.compare import ScenarioSpec
from deis_pay.rules.models import HISTORY_FIELDS

# The options a scenario may set, by field name (the CLI's option, the batch's column), in the
# order of the command's options: of several wrong values, the first is the one named.
CONTRACT_FIELDS = (
    "birth_date", "start", "end", "months", "grid", "smc", "territory", "cycle_start_year",
    *HISTORY_FIELDS,
)  # fmt: skip


EMPLOYER_FIELDS = (
    "kind", "headcount", "atmp_rate_percent", "mobility_rate_percent", "health_cover",
    "health_employer_share_percent", "work_study_share_percent", "diploma_level", "rqth",
    "overseas",
)  # fmt: skip


SCENARIO_FIELDS = (*CONTRACT_FIELDS, "signed", *EMPLOYER_FIELDS)


def expand_scenarios(
    given: Mapping[str, Sequence[str]], labels: Sequence[str] = ()
) -> tuple[dict[str, str | None], ...]:
    """The text of each scenario's options, from the values of each option as typed (field →
    values; an empty sequence for an option not given).

    An option given once applies to every scenario; given N times, it gives one value to each
    of N scenarios, in order; every repeated option must be repeated as many times. With no
    option repeated, the scenarios are the legal grid then the SSSMS grid (`--grid` not given)
    — a single scenario is refused, there is nothing to compare. `labels`, if any, name the
    scenarios: one each."""
    repeated = {name: len(values) for name, values in given.items() if len(values) > 1}
    if len(set(repeated.values())) > 1:
        raise InputError(
            "scenario_counts_differ",
            next(iter(repeated)),
            fields=tuple(repeated),
            counts=tuple(str(count) for count in repeated.values()),
        )
    # In a repeated option, an empty value leaves that option out of its scenario
    # (`--previous-start 2023-09-01 --previous-start ""`: only the first had a previous contract).
    values: dict[str, tuple[str | None, ...]] = {
        name: tuple(v if len(typed) < 2 or v.strip() else None for v in typed)
        for name, typed in given.items()
    }
    if not repeated and not values.get("grid"):
        values["grid"] = ("general", "sssms")
    count = max((len(v) for v in values.values()), default=1)
    if count < 2:
        raise InputError("compare_needs_two", next((n for n in values if values[n]), None))
    if labels and len(labels) != count:
        raise InputError("labels_count", "label", labels=len(labels), scenarios=count)
    return tuple(
        {name: (v[index] if len(v) > 1 else v[0]) if v else None for name, v in values.items()}
        for index in range(count)
    )


def scenarios_from_text(
    data: Dataset,
    given: Mapping[str, Sequence[str]],
    flags: Mapping[str, bool],
    labels: Sequence[str] = (),
    *,
    with_cost: bool = False,
) -> tuple[ScenarioSpec, ...]:
    """The scenarios of `deis-pay compare`, checked: `given` maps a field of SCENARIO_FIELDS
    to the values typed for it, `flags` the yes/no options (`same_level_related`,
    `licence_pro`, `rqth`, `overseas`), which apply to every
    scenario. The employer's options only serve
    the cost: given without `with_cost`, they are refused (the first one is named)."""
    from deis_pay.core.values import parse_date
    from deis_pay.input.text import contract_from_text, employer_from_text

    unknown = set(given) - set(SCENARIO_FIELDS)
    if unknown:  # a caller's mistake, not the user's
        raise ValueError(f"not a scenario option: {sorted(unknown)}")
    if not with_cost:
        for name in EMPLOYER_FIELDS:
            if given.get(name) or flags.get(name):
                raise InputError("employer_options_need_cost", name)
    repeated = {name for name, values in given.items() if len(values) > 1} or {"grid"}
    varies = frozenset({"end" if name == "months" else name for name in repeated})
    specs = []
    for index, text in enumerate(expand_scenarios(given, labels)):
        for flag in ("same_level_related", "licence_pro", "rqth", "overseas"):
            text[flag] = "true" if flags.get(flag) else None
        inputs = contract_from_text(data, text)
        signed_text = text.get("signed")
        signed = parse_date("signed", signed_text) if signed_text is not None else inputs.start
        employer = None
        if with_cost:
            employer = employer_from_text(data, text, signed)
        label = labels[index] if labels else None
        specs.append(ScenarioSpec(inputs, signed, employer, label, varies))
    return tuple(specs)
