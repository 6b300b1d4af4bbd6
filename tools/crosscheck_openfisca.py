"""Cross-check deis-pay's dated legal data against the parameters of OpenFisca-France.

A maintainers' tool, not part of deis-pay and not run by CI: it needs the PyPI registry. It
creates a scratch virtual environment (in a temporary folder, or in the folder given with
`--venv DIR`, kept and reused), installs `openfisca-france` into it (the latest release, or
`--version X`), and runs a small child program inside that environment which loads the
parameters (`CountryTaxBenefitSystem().parameters`) and prints, as JSON, the dated values and
the reference metadata of the parameters compared here. deis-pay's own data is read from the
repository's data/ folder with the standard library alone (tomllib), so deis-pay need not be
installed.

Then it compares, date by date, the SMIC (mainland and Mayotte, hourly and monthly), the
monthly social security ceiling, the general reduction (RGCP then RGDU, the 2026 reference
SMIC), the apprentices' exemption ceilings, the employer and employee rates, CSG/CRDS, the
hiring aid and the driving-licence aid, and prints one line per finding:

    DIFF <series> <date> <field>: deis-pay <value> (<source>) / openfisca <value> (<path>; <ref>)
    ONLY deis-pay|openfisca <series> <date> <field>: a change on one side only
    SAME <series> <field>: every shared date agrees
    NONE <series> <field>: OpenFisca-France has no parameter for it
    INFO ...: context (derived values, what OpenFisca-France has instead)

Records of a side that repeat the value before them are folded; the comparison starts at
deis-pay's first date for the series (OpenFisca-France's value in force that day counts as a
shared date). Differences are findings, not failures.

Run it from the repository (any Python >= 3.11):

    python tools/crosscheck_openfisca.py
    python tools/crosscheck_openfisca.py --venv /tmp/of-venv --version 176.1.8

Exit status: 0 when the comparison ran, 1 when OpenFisca-France could not be installed or
loaded (the reason on one line), 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

DATA = Path(__file__).resolve().parent.parent / "data"
PACKAGE = "openfisca-france"
INSTALL_TIMEOUT = 1800  # seconds, for pip
LOAD_TIMEOUT = 600  # seconds, for the child program
TITLE_WIDTH = 160
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Runs inside the scratch environment. Input (stdin): {"paths": [...]}. Output (stdout): JSON
# with the versions, every requested parameter (values, bracket values, reference metadata,
# found by walking up to the nearest node that carries one) and the list of all parameter paths.
CHILD = r"""
import json
import sys
from importlib.metadata import version

from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale
from openfisca_france import CountryTaxBenefitSystem

request = json.load(sys.stdin)
root = CountryTaxBenefitSystem().parameters


def find(path):
    node = root
    for part in path.split("."):
        children = getattr(node, "children", None)
        if not isinstance(children, dict) or part not in children:
            return None
        node = children[part]
    return node


def values(parameter):
    return [[v.instant_str, v.value] for v in reversed(parameter.values_list)]


def reference(path):
    parts = path.split(".")
    while parts:
        node = find(".".join(parts))
        metadata = getattr(node, "metadata", None) or {}
        if metadata.get("reference"):
            return {"from": ".".join(parts), "reference": metadata["reference"]}
        parts.pop()
    return None


def dump(path):
    node = find(path)
    entry = {"description": getattr(node, "description", None), "reference": reference(path)}
    if isinstance(node, Parameter):
        entry.update(kind="parameter", values=values(node))
    elif isinstance(node, ParameterScale):
        brackets = []
        for bracket in node.brackets:
            brackets.append({key: values(child) for key, child in bracket.children.items()})
        entry.update(kind="scale", brackets=brackets)
    elif isinstance(node, ParameterNode):
        entry.update(kind="node", children=sorted(node.children))
    else:
        entry.update(kind="missing")
    return entry


def walk(node, prefix, out):
    if isinstance(node, (Parameter, ParameterScale)):
        out.append(prefix)
    elif isinstance(node, ParameterNode):
        for name, child in node.children.items():
            walk(child, prefix + "." + name if prefix else name, out)


all_paths = []
walk(root, "", all_paths)
result = {
    "openfisca_france": version("openfisca-france"),
    "openfisca_core": version("openfisca-core"),
    "parameters": {path: dump(path) for path in request["paths"]},
    "all_paths": sorted(all_paths),
}
json.dump(result, sys.stdout, default=str)
"""


class Failure(Exception):
    """OpenFisca-France could not be installed or loaded (exit status 1)."""


# --- deis-pay's side -----------------------------------------------------------------------


@dataclass(frozen=True)
class DpPoint:
    value: Decimal | None
    source: str  # source ids, "+"-joined, or a note for values taken from deis-pay's code


DpSeries = dict[date, DpPoint]


@dataclass(frozen=True)
class DeisData:
    smic: dict[str, Any]
    employer: dict[str, Any]
    contributions: dict[str, Any]
    aids: dict[str, Any]
    titles: dict[str, str]
    verified_through: date | None


def load_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


def load_deis(folder: Path) -> DeisData:
    sources = load_toml(folder / "sources.toml")
    titles = {str(s["id"]): str(s.get("title", "")) for s in sources.get("sources", [])}
    verified = sources.get("verified_through")
    return DeisData(
        smic=load_toml(folder / "smic.toml"),
        employer=load_toml(folder / "employer.toml"),
        contributions=load_toml(folder / "contributions.toml"),
        aids=load_toml(folder / "aids.toml"),
        titles=titles,
        verified_through=verified if isinstance(verified, date) else None,
    )


def dec(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(repr(value))
    raise TypeError(f"not a number: {value!r}")


def source_of(record: dict[str, Any]) -> str:
    if "sources" in record:
        return "+".join(str(s) for s in record["sources"])
    return str(record.get("source", "?"))


def preferring(wanted: str) -> Callable[[dict[str, Any]], str]:
    """The record's source `wanted` first when the record lists it, the others after it."""

    def source(record: dict[str, Any]) -> str:
        ids = source_of(record).split("+")
        return (
            "+".join([wanted, *(i for i in ids if i != wanted)]) if wanted in ids else "+".join(ids)
        )

    return source


def series_from(
    records: Iterable[dict[str, Any]],
    value: Callable[[dict[str, Any]], Decimal | None],
    *,
    key: str = "from",
    source: Callable[[dict[str, Any]], str] = source_of,
) -> DpSeries:
    return {record[key]: DpPoint(value(record), source(record)) for record in records}


def field_of(name: str) -> Callable[[dict[str, Any]], Decimal | None]:
    return lambda record: dec(record.get(name))


def mayotte_monthly(record: dict[str, Any]) -> Decimal | None:
    hourly = dec(record["hourly"])
    assert hourly is not None
    return (hourly * 35 * 52 / 12).quantize(CENT, rounding=ROUND_HALF_UP)


def difference(full: str, reduced: str) -> Callable[[dict[str, Any]], Decimal | None]:
    def value(record: dict[str, Any]) -> Decimal | None:
        if full not in record or reduced not in record:
            return None
        return Decimal(record[full]) - Decimal(record[reduced])

    return value


def reduction_field(kind: str, name: str) -> Callable[[dict[str, Any]], Decimal | None]:
    return lambda record: dec(record.get(name)) if record["kind"] == kind else None


def reduction_constant(
    values: dict[str, Decimal | None],
) -> Callable[[dict[str, Any]], Decimal | None]:
    return lambda record: values.get(str(record["kind"]))


def driving_licence(aid: dict[str, Any]) -> DpSeries:
    amount = dec(aid["amount"])
    series = {aid["first_request"]: DpPoint(amount, str(aid["source"]))}
    last = aid.get("last_request")
    if isinstance(last, date):
        series[last + timedelta(days=1)] = DpPoint(Decimal(0), str(aid["end_source"]))
    return series


def smic_used_by_reduction(deis: DeisData, start: date) -> DpSeries:
    """The hourly SMIC deis-pay puts in the general reduction (employer.toml `reduction_smic`):
    the one a record fixes, else the month's SMIC (smic.toml) while that record is in force."""
    records = sorted(deis.employer.get("reduction_smic", []), key=lambda r: r["from"])
    series: DpSeries = {}
    for i, record in enumerate(records):
        begin = record["from"]
        end = records[i + 1]["from"] if i + 1 < len(records) else date.max
        if "hourly" in record:
            series[begin] = DpPoint(dec(record["hourly"]), source_of(record))
            continue
        note = ", the month's SMIC (reduction_smic without hourly)"
        months = [r for r in deis.smic["metropole"] if r["from"] < end]
        in_force = [r for r in months if r["from"] <= begin][-1:]
        later = [r for r in months if r["from"] > begin]
        for smic in in_force + later:
            day = max(smic["from"], begin)
            series[day] = DpPoint(dec(smic["hourly"]), source_of(smic) + note)
    return {day: point for day, point in series.items() if day >= start}


# --- OpenFisca-France's side ---------------------------------------------------------------


@dataclass(frozen=True)
class OfRef:
    """An OpenFisca-France parameter, or one bracket's rate/threshold of a scale, brought to
    deis-pay's unit as offset + scale × value."""

    path: str
    bracket: int | None = None
    part: str = "rate"
    scale: Decimal = Decimal(1)
    offset: Decimal = Decimal(0)

    def label(self) -> str:
        if self.bracket is None:
            return self.path
        return f"{self.path}[{self.bracket}].{self.part}"


@dataclass(frozen=True)
class OfPoint:
    value: Decimal | None
    ref: OfRef


OfSeries = dict[date, OfPoint]


@dataclass
class Openfisca:
    version: str
    core_version: str
    parameters: dict[str, dict[str, Any]]
    all_paths: list[str]

    def raw(self, ref: OfRef) -> list[tuple[date, Decimal | None]] | None:
        entry = self.parameters.get(ref.path)
        if entry is None:
            return None
        if entry.get("kind") == "parameter" and ref.bracket is None:
            pairs = entry["values"]
        elif entry.get("kind") == "scale" and ref.bracket is not None:
            brackets = entry["brackets"]
            if ref.bracket >= len(brackets) or ref.part not in brackets[ref.bracket]:
                return None
            pairs = brackets[ref.bracket][ref.part]
        else:
            return None
        return [(date.fromisoformat(str(day)), dec(value)) for day, value in pairs]

    def series(self, refs: Sequence[OfRef]) -> OfSeries | None:
        merged: OfSeries = {}
        found = False
        for ref in refs:
            pairs = self.raw(ref)
            if pairs is None:
                continue
            found = True
            for day, value in pairs:
                converted = None if value is None else ref.offset + ref.scale * value
                if day not in merged or merged[day].value is None:
                    merged[day] = OfPoint(converted, ref)
        return merged if found else None

    def reference(self, ref: OfRef, on: date) -> str:
        entry = self.parameters.get(ref.path) or {}
        found = entry.get("reference")
        if not isinstance(found, dict):
            return "no reference"
        text = describe_reference(found.get("reference"), on)
        origin = found.get("from")
        if origin != ref.path:
            text += f" (metadata of the parent node {origin})"
        return text


def describe_reference(reference: object, on: date) -> str:
    """The reference entry for `on` (or the last one before), as 'title <href>'."""
    if isinstance(reference, dict) and reference:
        dated: list[tuple[date, object]] = []
        for key, value in reference.items():
            try:
                dated.append((date.fromisoformat(str(key)[:10]), value))
            except ValueError:
                return describe_entries(reference)
        dated.sort(key=lambda pair: pair[0])
        chosen = [value for day, value in dated if day <= on]
        return describe_entries(chosen[-1] if chosen else dated[0][1])
    return describe_entries(reference)


def describe_entries(entries: object) -> str:
    if isinstance(entries, list):
        return " | ".join(describe_entries(entry) for entry in entries) or "no reference"
    if isinstance(entries, dict):
        if "title" in entries or "href" in entries:
            title = str(entries.get("title", "")).strip()
            href = entries.get("href")
            return f"{title} <{href}>" if href else title
        return "; ".join(f"{key}: {describe_entries(value)}" for key, value in entries.items())
    return "no reference" if entries is None else str(entries)


# --- the scratch environment ---------------------------------------------------------------


def venv_python(folder: Path) -> Path:
    if os.name == "nt":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or ["no output"])[-1]


def prepare_venv(folder: Path, version: str | None) -> Path:
    python = venv_python(folder)
    if not python.exists():
        print(f"creating a virtual environment in {folder}", file=sys.stderr)
        try:
            venv.EnvBuilder(with_pip=True, clear=False).create(folder)
        except Exception as error:
            raise Failure(f"could not create a virtual environment in {folder}: {error}") from error
    requirement = f"{PACKAGE}=={version}" if version else PACKAGE
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if not version:
        command.append("--upgrade")
    command.append(requirement)
    print(f"installing {requirement} (may take several minutes)", file=sys.stderr)
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise Failure(f"pip install {requirement} took more than {INSTALL_TIMEOUT} s") from error
    except OSError as error:
        raise Failure(f"could not run pip in {folder}: {error}") from error
    if done.returncode != 0:
        raise Failure(f"pip install {requirement} failed: {last_line(done.stderr + done.stdout)}")
    return python


def run_child(python: Path, paths: Sequence[str]) -> Openfisca:
    print("loading the OpenFisca-France parameters", file=sys.stderr)
    try:
        done = subprocess.run(
            [str(python), "-c", CHILD],
            input=json.dumps({"paths": list(paths)}),
            capture_output=True,
            text=True,
            timeout=LOAD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise Failure(f"loading the parameters took more than {LOAD_TIMEOUT} s") from error
    except OSError as error:
        raise Failure(f"could not run {python}: {error}") from error
    if done.returncode != 0:
        raise Failure(f"loading the OpenFisca-France parameters failed: {last_line(done.stderr)}")
    try:
        result = json.loads(done.stdout, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise Failure(f"the child program printed no JSON: {error}") from error
    if not isinstance(result, dict):
        raise Failure("the child program printed JSON of an unexpected shape")
    return Openfisca(
        version=str(result.get("openfisca_france", "?")),
        core_version=str(result.get("openfisca_core", "?")),
        parameters=dict(result.get("parameters", {})),
        all_paths=[str(path) for path in result.get("all_paths", [])],
    )


# --- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    series: str
    field: str
    deis: DpSeries
    refs: tuple[OfRef, ...]
    unit: str = ""
    start: date | None = None
    end: date | None = None
    # When OpenFisca-France has no such parameter: its parameter paths that contain all the
    # words of one of these groups are listed.
    search: tuple[tuple[str, ...], ...] = ()
    note: str = ""


@dataclass
class Report:
    deis: DeisData
    lines: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> None:
        self.lines.append(f"{kind} {text}")
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def source(self, ids: str) -> str:
        first, *others = ids.split("+")
        title = self.deis.titles.get(first.split(",", 1)[0].strip())
        text = f"{first}: {shorten(title)}" if title else first
        return " + ".join([text, *others])


def shorten(text: str, width: int = TITLE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def show(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "none"
    return f"{format(value.normalize(), 'f')}{unit}"


class Valued(Protocol):
    @property
    def value(self) -> Decimal | None: ...


P = TypeVar("P", bound=Valued)


def fold(series: dict[date, P]) -> dict[date, P]:
    """Drop the points that repeat the value before them, and leading 'none' points."""
    folded: dict[date, P] = {}
    previous: Decimal | None = None
    for day in sorted(series):
        point = series[day]
        if (folded and point.value == previous) or (not folded and point.value is None):
            continue
        folded[day] = point
        previous = point.value
    return folded


def in_force(series: dict[date, P], on: date) -> tuple[date, P] | None:
    before = [day for day in series if day <= on]
    return (max(before), series[max(before)]) if before else None


def compare(report: Report, check: Check, of: Openfisca) -> None:
    name = f"{check.series} {check.field}"
    raw = of.series(check.refs)
    if raw is None:
        missing = ", ".join(ref.label() for ref in check.refs) or "no candidate path known"
        text = f"{name}: OpenFisca-France {of.version} has no parameter for it (looked for: "
        text += f"{missing})"
        if check.search:
            found = [
                path
                for path in of.all_paths
                if any(all(word in path.lower() for word in group) for group in check.search)
            ]
            words = " or ".join("+".join(group) for group in check.search)
            text += f"; parameter paths with {words}: " + (", ".join(found) or "none")
        report.add("NONE", text + (f"; {check.note}" if check.note else ""))
        return
    deis = fold(check.deis)
    if not deis:
        report.add("NONE", f"{name}: no value in deis-pay's data")
        return
    start = check.start or min(deis)
    end = check.end or date.max
    ofs: OfSeries = {}
    since: dict[date, date] = {}  # OpenFisca's own date of a value carried to `start`
    for day, point in fold(raw).items():
        if start <= day <= end:
            ofs[day] = point
    carried = in_force(fold(raw), start)
    if carried is not None and start not in ofs:
        ofs[start] = carried[1]
        since[start] = carried[0]
    deis = {day: point for day, point in deis.items() if start <= day <= end}
    if start not in deis:
        before = in_force(fold(check.deis), start)
        if before is not None:
            deis[start] = before[1]

    def of_text(day: date, point: OfPoint) -> str:
        origin = since.get(day, day)
        ref = of.reference(point.ref, origin)
        when = f", since {origin}" if origin != day else ""
        return f"{show(point.value, check.unit)} ({point.ref.label()}{when}; ref {ref})"

    def dp_text(point: DpPoint) -> str:
        return f"{show(point.value, check.unit)} ({report.source(point.source)})"

    shared = differing = one_sided = lagging = 0
    for day in sorted(set(deis) | set(ofs)):
        dp_now = in_force(deis, day)
        of_now = in_force(ofs, day)
        dp_value = dp_now[1].value if dp_now else None
        of_value = of_now[1].value if of_now else None
        if day in deis and day in ofs:
            shared += 1
            if dp_value != of_value:
                differing += 1
                report.add(
                    "DIFF",
                    f"{check.series} {day} {check.field}: deis-pay {dp_text(deis[day])}"
                    f" / openfisca {of_text(day, ofs[day])}",
                )
            continue
        one_sided += 1
        if dp_value != of_value:
            lagging += 1
        if day in deis:
            other = f"in force {of_text(of_now[0], of_now[1])}" if of_now else "no value yet (none)"
            agree = " [same value]" if dp_value == of_value else ""
            report.add(
                "ONLY",
                f"deis-pay {check.series} {day} {check.field}: {dp_text(deis[day])}"
                f" / openfisca has no change that day, {other}{agree}",
            )
        else:
            other = (
                f"in force {show(dp_value, check.unit)} since {dp_now[0]}"
                f" ({report.source(dp_now[1].source)})"
                if dp_now
                else "no value yet (none)"
            )
            agree = " [same value]" if dp_value == of_value else ""
            report.add(
                "ONLY",
                f"openfisca {check.series} {day} {check.field}: {of_text(day, ofs[day])}"
                f" / deis-pay has no change that day, {other}{agree}",
            )
    paths = ", ".join(sorted({ref.label() for ref in check.refs}))
    days = sorted(set(deis) & set(ofs))
    span = f" ({days[0]} .. {days[-1]})" if days else ""
    text = f"{name}: {shared - differing} of {shared} shared date(s) agree{span}"
    if one_sided:
        text += f"; {one_sided} date(s) on one side only"
        if lagging:
            text += f", {lagging} of them with another value in force on the other side"
    text += f"; openfisca: {paths}" + (f"; {check.note}" if check.note else "")
    report.add("DIFFERS" if differing or lagging else "SAME", text)


# --- what is compared ----------------------------------------------------------------------

SMIC = "marche_travail.salaire_minimum.smic"
PSS = "prelevements_sociaux.pss.plafond_securite_sociale_mensuel"
RG = "prelevements_sociaux.reductions_cotisations_sociales.allegement_general"
RGDU = f"{RG}.ensemble_des_entreprises"
ALLEG = "prelevements_sociaux.reductions_cotisations_sociales"
CSS = "prelevements_sociaux.cotisations_securite_sociale_regime_general"
CHOMAGE = "prelevements_sociaux.cotisations_regime_assurance_chomage"
RETRAITE = "prelevements_sociaux.regimes_complementaires_retraite_secteur_prive"
TAXES = "prelevements_sociaux.autres_taxes_participations_assises_salaires"
CSG = "prelevements_sociaux.contributions_sociales"
PERMIS = "prestations_sociales.transport.permis_de_conduire.aide_financement_permis_apprenti"
EXO_IR = "impot_revenu.calcul_revenus_imposables.exo_ir.conditions_ressources_exoneration_ir"
PERCENT = Decimal(100)


def rate(path: str, bracket: int = 0) -> OfRef:
    """The rate of a scale's bracket, in percent."""
    return OfRef(path, bracket, "rate", PERCENT)


def percent(path: str) -> OfRef:
    return OfRef(path, scale=PERCENT)


def checks(deis: DeisData) -> list[Check]:
    smic = deis.smic
    employer = deis.employer
    rates = employer["rates"]
    reduction = employer["general_reduction"]
    contributions = deis.contributions
    aid = deis.aids["driving_licence"]
    rgdu_from = min((r["from"] for r in reduction if r["kind"] == "rgdu"), default=date(2026, 1, 1))
    code = "deis_pay/rules/employer.py (code)"
    found: list[Check] = [
        Check(
            "smic.metropole",
            "hourly",
            series_from(smic["metropole"], field_of("hourly")),
            (OfRef(f"{SMIC}.smic_b_horaire"),),
            " EUR",
        ),
        Check(
            "smic.metropole",
            "monthly",
            series_from(smic["metropole"], field_of("monthly")),
            (OfRef(f"{SMIC}.smic_b_mensuel"),),
            " EUR",
        ),
        Check(
            "smic.mayotte",
            "hourly",
            series_from(smic["mayotte"], field_of("hourly")),
            (
                OfRef(f"{SMIC}.smic_b_horaire_mayotte"),
                OfRef(f"{SMIC}.mayotte.smic_b_horaire"),
            ),
            " EUR",
            search=(("mayotte", "smic"), ("mayotte", "salaire_minimum")),
        ),
        Check(
            "smic.mayotte",
            "monthly (hourly × 35 × 52 / 12)",
            series_from(smic["mayotte"], mayotte_monthly),
            (
                OfRef(f"{SMIC}.smic_b_mensuel_mayotte"),
                OfRef(f"{SMIC}.mayotte.smic_b_mensuel"),
            ),
            " EUR",
        ),
        Check(
            "employer.rates",
            "social_security_ceiling",
            series_from(rates, field_of("social_security_ceiling"), source=preferring("pss")),
            (OfRef(PSS),),
            " EUR",
        ),
        Check(
            "general_reduction.rgcp",
            "t_under_50",
            series_from(reduction, reduction_field("rgcp", "t_under_50")),
            (OfRef(f"{RGDU}.entreprises_de_moins_de_50_salaries"),),
        ),
        Check(
            "general_reduction.rgcp",
            "t_50_plus",
            series_from(reduction, reduction_field("rgcp", "t_50_plus")),
            (OfRef(f"{RGDU}.entreprises_de_50_salaries_et_plus"),),
        ),
        Check(
            "general_reduction.rgdu",
            "t_min",
            series_from(reduction, reduction_field("rgdu", "t_min")),
            (OfRef(f"{RGDU}.t_min"),),
        ),
        Check(
            "general_reduction.rgdu",
            "t_under_50 (Tdelta)",
            series_from(reduction, reduction_field("rgdu", "t_under_50")),
            (OfRef(f"{RGDU}.t_delta_petites_entreprises"),),
        ),
        Check(
            "general_reduction.rgdu",
            "t_50_plus (Tdelta)",
            series_from(reduction, reduction_field("rgdu", "t_50_plus")),
            (OfRef(f"{RGDU}.t_delta_grandes_entreprises"),),
        ),
        Check(
            "general_reduction",
            "ceiling in SMIC (1.6 rgcp, 3 rgdu)",
            series_from(
                reduction,
                reduction_constant({"rgcp": Decimal("1.6"), "rgdu": Decimal(3)}),
                source=lambda record: f"{record['source']}, {code}",
            ),
            (OfRef(f"{RGDU}.plafond"),),
        ),
        Check(
            "general_reduction",
            "power (rgdu 1.75)",
            series_from(
                reduction,
                reduction_constant({"rgdu": Decimal("1.75")}),
                source=lambda record: f"{record['source']}, {code}",
            ),
            (OfRef(f"{RGDU}.puissance"),),
        ),
        Check(
            "general_reduction",
            "reference hourly SMIC (2026)",
            smic_used_by_reduction(deis, rgdu_from),
            (OfRef(f"{RGDU}.smic_reference"),),
            " EUR",
            start=rgdu_from,
            end=date(rgdu_from.year, 12, 31),
            note="décret 2026-509: the SMIC of 1 January 2026 for all of 2026",
        ),
        Check(
            "apprentice_exemption",
            "threshold_percent_of_smic",
            series_from(
                contributions["apprentice_exemption"],
                field_of("threshold_percent_of_smic"),
                key="concluded_from",
            ),
            (),
            " %",
            search=(("apprenti", "exoner"), ("apprenti", "salari")),
            note="openfisca's exoneration_cotisations_salariales_apprenti formula, if present, "
            "is not read by this tool",
        ),
        Check(
            "apprentice_exemption",
            "csg_crds_due_above_threshold",
            series_from(
                contributions["apprentice_exemption"],
                field_of("csg_crds_due_above_threshold"),
                key="concluded_from",
            ),
            (),
        ),
        Check(
            "hiring_aid",
            "amounts",
            {},
            (),
            search=(("embauche",), ("aide_unique",), ("apprenti", "aide")),
        ),
        Check(
            "driving_licence",
            "amount (0 after last_request)",
            driving_licence(aid),
            (OfRef(f"{PERMIS}.montant"),),
            " EUR",
        ),
        Check(
            "driving_licence",
            "min_age",
            {aid["first_request"]: DpPoint(dec(aid["min_age"]), str(aid["source"]))},
            (OfRef(f"{PERMIS}.age_min"),),
        ),
    ]
    employer_fields: list[tuple[str, tuple[OfRef, ...]]] = [
        ("sickness", (rate(f"{CSS}.mmid.employeur.maladie"),)),
        ("family", (rate(f"{CSS}.famille.employeur.famille"),)),
        ("old_age_capped", (rate(f"{CSS}.cnav.employeur.vieillesse_plafonnee"),)),
        ("old_age_uncapped", (rate(f"{CSS}.cnav.employeur.vieillesse_deplafonnee"),)),
        ("agirc_arrco_band_1", (rate(f"{RETRAITE}.agirc_arrco.employeur.agirc_arrco"),)),
        ("ceg_band_1", (rate(f"{RETRAITE}.ceg.employeur.ceg"),)),
        ("unemployment", (rate(f"{CHOMAGE}.chomage.employeur.chomage"),)),
        ("ags", (rate(f"{CHOMAGE}.ags.employeur.ags"),)),
        ("csa", (rate(f"{CSS}.csa.employeur.csa"),)),
        ("fnal_under_50", (rate(f"{TAXES}.fnal.contribution_moins_de_50_salaries"),)),
        ("fnal_50_plus", (rate(f"{TAXES}.fnal.contribution_plus_de_50_salaries"),)),
        (
            "social_dialogue",
            (rate(f"{TAXES}.fin_syndic.financement_organisations_syndicales"),),
        ),
        (
            "vocational_training_11_plus",
            (
                percent(
                    f"{TAXES}.contribution_unique_formation.contrib_formation_pro"
                    ".onze_et_plus_salaries"
                ),
            ),
        ),
        ("construction_effort_50_plus", (rate(f"{TAXES}.construction.plus_50_salaries"),)),
        (
            "forfait_social_11_plus",
            (
                percent(
                    "prelevements_sociaux.contributions_assises_specifiquement_accessoires_salaire"
                    ".forfait_social.taux_reduit_1"
                ),
            ),
        ),
        (
            "sickness_reduced_up_to_smic",
            (
                OfRef(f"{ALLEG}.alleg_gen.mmid.plafond"),
                OfRef(f"{ALLEG}.alleg_gen.mmid.plafond_smic_2023_12_31"),
                OfRef(f"{ALLEG}.alleg_gen.mmid.plafond_smic_2025_01_01"),
            ),
        ),
        (
            "family_reduced_up_to_smic",
            (
                OfRef(f"{ALLEG}.allegement_cotisation_allocations_familiales.plafond_smic"),
                OfRef(
                    f"{ALLEG}.allegement_cotisation_allocations_familiales.plafond_smic_2023_12_31"
                ),
                OfRef(
                    f"{ALLEG}.allegement_cotisation_allocations_familiales.plafond_smic_2025_01_01"
                ),
            ),
        ),
    ]
    for name, refs in employer_fields:
        unit = "" if name.endswith("_smic") else " %"
        found.append(Check("employer.rates", name, series_from(rates, field_of(name)), refs, unit))
    found += [
        Check(
            "employer.rates",
            "apprenticeship_tax + apprenticeship_tax_balance",
            series_from(
                rates, lambda r: dec(r["apprenticeship_tax"] + r["apprenticeship_tax_balance"])
            ),
            (percent(f"{TAXES}.contribution_unique_formation.taxe_apprentissage.general"),),
            " %",
        ),
        Check(
            "employer.rates",
            "sickness - sickness_reduced",
            series_from(rates, difference("sickness", "sickness_reduced")),
            (percent(f"{ALLEG}.alleg_gen.mmid.taux"),),
            " %",
        ),
        Check(
            "employer.rates",
            "family - family_reduced",
            series_from(rates, difference("family", "family_reduced")),
            (percent(f"{ALLEG}.allegement_cotisation_allocations_familiales.reduction"),),
            " %",
        ),
    ]
    employee = contributions["employee_rates"]
    for name, path in [
        ("old_age_capped", f"{CSS}.cnav.salarie.vieillesse_plafonnee"),
        ("old_age_uncapped", f"{CSS}.cnav.salarie.vieillesse_deplafonnee"),
        ("agirc_arrco_band_1", f"{RETRAITE}.agirc_arrco.salarie.agirc_arrco"),
        ("ceg_band_1", f"{RETRAITE}.ceg.salarie.ceg"),
    ]:
        found.append(
            Check(
                "employee_rates", name, series_from(employee, field_of(name)), (rate(path),), " %"
            )
        )
    csg = contributions["csg_crds"]
    found += [
        Check(
            "csg_crds",
            "csg_deductible",
            series_from(csg, field_of("csg_deductible")),
            (percent(f"{CSG}.csg.activite.deductible"),),
            " %",
        ),
        Check(
            "csg_crds",
            "csg_non_deductible",
            series_from(csg, field_of("csg_non_deductible")),
            (percent(f"{CSG}.csg.activite.imposable"),),
            " %",
        ),
        Check(
            "csg_crds",
            "crds",
            series_from(csg, field_of("crds")),
            (percent(f"{CSG}.crds"),),
            " %",
        ),
        Check(
            "csg_crds",
            "base_percent (100 - allowance)",
            series_from(csg, field_of("base_percent")),
            (OfRef(f"{CSG}.csg.activite.abattement", 0, "rate", -PERCENT, PERCENT),),
            " %",
        ),
        Check(
            "income_tax",
            "apprentices' exemption, in annual SMIC",
            {date(2019, 1, 1): DpPoint(Decimal(1), "cgi-81-bis, deis_pay/rules/cost.py (code)")},
            (OfRef(f"{EXO_IR}.apprentis_a_partir_2005"),),
        ),
    ]
    return found


def requested_paths(all_checks: Iterable[Check]) -> list[str]:
    paths = {ref.path for check in all_checks for ref in check.refs}
    paths |= {PSS, f"{SMIC}.nb_heures_travail_mensuel", f"{RGDU}.smic_reference"}
    return sorted(paths)


def extra_findings(report: Report, of: Openfisca) -> None:
    """Context lines: the ceiling deis-pay takes for the employee band, and the monthly SMIC
    OpenFisca-France's RGDU formula builds from its reference SMIC."""
    deis = report.deis
    band = deis.contributions["employee_rates"][0]
    ceiling = dec(band.get("band_1_ceiling"))
    start = band["from"]
    pss = of.series((OfRef(PSS),))
    if ceiling is not None and pss:
        points = [(day, p.value) for day, p in fold(pss).items() if p.value is not None]
        carried = in_force(fold(pss), start)
        if carried is not None and carried[1].value is not None:
            points.append((start, carried[1].value))
        later = [(value, day) for day, value in points if day >= start]
        if later:
            lowest, day = min(later)
            kind = "SAME" if lowest == ceiling else "DIFF"
            report.add(
                kind,
                f"employee_rates band_1_ceiling: deis-pay {show(ceiling, ' EUR')} "
                f"({report.source(source_of(band))}) / openfisca lowest monthly ceiling since "
                f"{start}: {show(lowest, ' EUR')} on {day} ({PSS})",
            )
    hours = of.series((OfRef(f"{SMIC}.nb_heures_travail_mensuel"),))
    reference = of.series((OfRef(f"{RGDU}.smic_reference"),))
    if hours and reference:
        for day, point in sorted(fold(reference).items()):
            held = in_force(fold(hours), day)
            if point.value is None or held is None or held[1].value is None:
                continue
            product = point.value * held[1].value
            official = (point.value * 35 * 52 / 12).quantize(CENT, rounding=ROUND_HALF_UP)
            report.add(
                "INFO",
                f"general_reduction {day}: openfisca's taux_allegement_general builds the "
                f"monthly SMIC as smic_reference × nb_heures_travail_mensuel = "
                f"{show(point.value, '')} × {show(held[1].value, '')} = {show(product, ' EUR')}; "
                f"hourly × 35 × 52 / 12 rounded to the cent, as deis-pay's smic.toml stores "
                f"it, is {show(official, ' EUR')}",
            )


# --- the command ---------------------------------------------------------------------------

VERSION = re.compile(r"[0-9][0-9A-Za-z.+!-]*")


def version_argument(text: str) -> str:
    if not VERSION.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a version number: {text!r}")
    return text


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare deis-pay's data/ with the parameters of OpenFisca-France "
        "(installed from PyPI into a scratch virtual environment).",
        epilog="Exit status: 0 ran (differences are findings), 1 OpenFisca-France could not "
        "be installed or loaded, 2 bad arguments.",
    )
    parser.add_argument(
        "--venv",
        type=Path,
        metavar="DIR",
        help="virtual environment to create or reuse (kept); default: a temporary one",
    )
    parser.add_argument(
        "--version",
        type=version_argument,
        metavar="X",
        help=f"{PACKAGE} version to install (default: the latest)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        metavar="DIR",
        help="deis-pay's data folder (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    folder: Path | None = args.venv
    if folder is not None and folder.exists():
        if not folder.is_dir():
            parser.error(f"--venv {folder}: not a folder")
        if any(folder.iterdir()) and not (folder / "pyvenv.cfg").exists():
            parser.error(f"--venv {folder}: a non-empty folder that is not a virtual environment")
    data: Path = args.data
    if not (data / "smic.toml").is_file():
        parser.error(f"--data {data}: no smic.toml there")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    deis = load_deis(args.data)
    all_checks = checks(deis)
    try:
        if args.venv is not None:
            python = prepare_venv(args.venv, args.version)
            of = run_child(python, requested_paths(all_checks))
        else:
            with tempfile.TemporaryDirectory(prefix="crosscheck-openfisca-") as scratch:
                python = prepare_venv(Path(scratch) / "venv", args.version)
                of = run_child(python, requested_paths(all_checks))
    except Failure as error:
        print(f"crosscheck_openfisca: {error}", file=sys.stderr)
        return 1
    report = Report(deis)
    for check in all_checks:
        compare(report, check, of)
    extra_findings(report, of)
    print(
        f"# {PACKAGE} {of.version} (openfisca-core {of.core_version}) vs deis-pay data in "
        f"{args.data} (verified_through {deis.verified_through})"
    )
    print(
        "# values in deis-pay's units (openfisca rates × 100 for percents); repeated records "
        "folded; each series compared from deis-pay's first date"
    )
    for line in report.lines:
        print(line)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(report.counts.items()))
    print(f"# {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
