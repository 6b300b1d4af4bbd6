"""The dated legal data as frozen records: one class per kind of fact in data/*.toml.

Each record carries the date it takes effect and the key of its legal text in sources.toml;
`in_force` picks the record of a given day. The classes are plain standard-library dataclasses
so that the rules can read them without pydantic: checking the files against them is the
loader's work (loader.py), keeping a checked dataset is the cache's (cache.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar

from deis_pay.core.errors import DataError
from deis_pay.core.money import monthly_smic

AgeBracket = Literal["<18", "18-20", "21-25", "26+"]
Territory = Literal["metropole", "mayotte"]
GridId = Literal["general", "sssms"]

M = TypeVar("M")
D = TypeVar("D")

# Legal texts the code names itself (the data files name the others): each must be in
# sources.toml, checked at load, so that renaming one there fails the load, not a command.
SOURCE_GRID = "D6222-26"
SOURCE_CYCLE_START = "D6222-28-1"
SOURCE_AGE_BRACKET = "D6222-31"
SOURCE_TAX_EXEMPTION = "cgi-81-bis"
SOURCE_OVERSEAS_AID = "L6522-4"
SOURCE_SOCIAL_SECURITY_CEILING = "pss"
SOURCE_WAGE_CLAIM = "L3245-1"  # three years to claim unpaid wages
SOURCE_PAY_COMPARED = "D3231-6"  # what pay counts against a minimum
# The average AT/MP rate of a year's rates record: cited only when no rate was given.
SOURCE_ATMP_AVERAGE = "atmp-average"
# The rules of the apprentice's history are named after their articles (models.Rule).
RULE_SOURCES = ("D6222-28", "D6222-29", "D6222-30", "D6222-32", "R6222-48")
NAMED_IN_CODE = (
    SOURCE_GRID,
    SOURCE_CYCLE_START,
    SOURCE_AGE_BRACKET,
    SOURCE_TAX_EXEMPTION,
    SOURCE_OVERSEAS_AID,
    SOURCE_SOCIAL_SECURITY_CEILING,
    SOURCE_WAGE_CLAIM,
    SOURCE_PAY_COMPARED,
    SOURCE_ATMP_AVERAGE,
    *RULE_SOURCES,
)
# The first contract start the code computes (schedule.FIRST_SUPPORTED_START): every series a
# contract's pay depends on must be in force from then.
FIRST_COVERED_DAY = date(2019, 1, 1)


def key_of(name: str) -> str:
    """The file or JSON key of a field: its name less a trailing underscore (`from_` → `from`)."""
    return name.rstrip("_")


# The data records are frozen dataclasses that pydantic validates on a cache miss only (see the
# module docstring): unknown keys refused, types checked, then each __post_init__ checks the
# rules of the data.
_STRICT = {"extra": "forbid", "alias_generator": key_of}
# For the results (pydantic's validation, serialisation and JSON Schema): the JSON's keys.
JSON_KEYS = {"alias_generator": key_of, "serialize_by_alias": True, "extra": "forbid"}


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _increasing(name: str, days: Sequence[date]) -> None:
    """A dated series: at least one record, dates strictly increasing (the lookups rely on it)."""
    _require(bool(days), f"{name}: no record")
    for i in range(1, len(days)):
        _require(days[i] > days[i - 1], f"{name}.{i}: dates must increase ({days[i]})")


def _within(name: str, value: Decimal, low: Decimal | int, high: Decimal | int) -> None:
    _require(value.is_finite() and low <= value <= high, f"{name} {value}: outside {low}-{high}")


def _percentages(record: object, high: int = 100, skip: tuple[str, ...] = ()) -> None:
    """Every Decimal field of a record of rates in percent is between 0 and `high`."""
    for item in fields(record):  # type: ignore[arg-type]
        value = getattr(record, item.name)
        if isinstance(value, Decimal) and item.name not in skip:
            _within(item.name, value, 0, high)


def _from(record: Any) -> date:
    return record.from_  # type: ignore[no-any-return]


def in_force(records: Sequence[D], day: date, what: str, key: Callable[[D], date] = _from) -> D:
    """The record of a dated series in force on `day`: the last one dated on or before it.
    The series is strictly increasing (checked at load); a day before its first record is a
    gap in the data (`DataError`): callers refuse earlier user dates before asking."""
    index = bisect_right(records, day, key=key) - 1
    if index < 0:
        first = key(records[0]) if records else None
        raise DataError(f"{what}: no record in force on {day.isoformat()} (first: {first})")
    return records[index]


@dataclass(frozen=True, slots=True)
class Source:
    __pydantic_config__ = _STRICT
    id: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SmicRecord:
    __pydantic_config__ = _STRICT
    from_: date
    hourly: Decimal
    source: str
    monthly: Decimal | None = None

    def __post_init__(self) -> None:
        _within("hourly", self.hourly, Decimal("0.01"), 1000)
        _require(self.from_.day == 1, f"from {self.from_}: a SMIC change falls on the 1st")
        expected = monthly_smic(self.hourly)
        _require(
            self.monthly is None or self.monthly == expected,
            f"monthly {self.monthly} does not match hourly {self.hourly} "
            f"(× 35 × 52 / 12 = {expected})",
        )

    @property
    def monthly_amount(self) -> Decimal:
        return self.monthly if self.monthly is not None else monthly_smic(self.hourly)


@dataclass(frozen=True, slots=True)
class SmicData:
    __pydantic_config__ = _STRICT
    metropole: tuple[SmicRecord, ...]
    mayotte: tuple[SmicRecord, ...]

    def __post_init__(self) -> None:
        for territory in ("metropole", "mayotte"):
            records: tuple[SmicRecord, ...] = getattr(self, territory)
            _increasing(territory, [r.from_ for r in records])

    def records(self, territory: Territory) -> tuple[SmicRecord, ...]:
        return self.metropole if territory == "metropole" else self.mayotte


@dataclass(frozen=True, slots=True)
class Grid:
    __pydantic_config__ = _STRICT
    from_: date
    name: str
    source: str
    smc_brackets: tuple[AgeBracket, ...]
    rates: dict[AgeBracket, tuple[Decimal, Decimal, Decimal]]
    missing_rows_from: GridId | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        for bracket, row in self.rates.items():
            _require(all(0 < rate <= 100 for rate in row), f"rates.{bracket}: outside 0-100 %")


@dataclass(frozen=True, slots=True)
class GridData:
    __pydantic_config__ = _STRICT
    general: tuple[Grid, ...]
    sssms: tuple[Grid, ...]

    def __post_init__(self) -> None:
        for name in ("general", "sssms"):
            records: tuple[Grid, ...] = getattr(self, name)
            _increasing(name, [r.from_ for r in records])
            _require(
                records[0].from_ <= FIRST_COVERED_DAY,
                f"{name}.0.from: {records[0].from_}, after {FIRST_COVERED_DAY} (contracts from "
                "then on are computed)",
            )
        for i, grid in enumerate(self.general):
            missing = {"<18", "18-20", "21-25", "26+"} - set(grid.rates)
            _require(not missing, f"general.{i}.rates: missing rows {sorted(missing)}")
        for i, grid in enumerate(self.sssms):
            _require(
                len(grid.rates) == 4 or grid.missing_rows_from is not None,
                f"sssms.{i}: rows missing and no missing_rows_from",
            )

    def records(self, grid: GridId) -> tuple[Grid, ...]:
        return self.general if grid == "general" else self.sssms

    def in_force(self, grid: GridId, on: date) -> Grid:
        return in_force(self.records(grid), on, f"grids.toml {grid}")


@dataclass(frozen=True, slots=True)
class DrivingLicenceAid:
    __pydantic_config__ = _STRICT
    name: str
    amount: Decimal
    min_age: int
    first_request: date
    last_request: date
    source: str
    end_source: str

    def __post_init__(self) -> None:
        _within("amount", self.amount, Decimal("0.01"), 100_000)
        _require(0 <= self.min_age <= 30, f"min_age {self.min_age}: outside 0-30")
        _require(self.last_request >= self.first_request, "last_request: before first_request")


@dataclass(frozen=True, slots=True)
class AidData:
    __pydantic_config__ = _STRICT
    driving_licence: DrivingLicenceAid


@dataclass(frozen=True, slots=True)
class ProgrammeYear:
    __pydantic_config__ = _STRICT
    year: int
    employer_weeks: int
    centre_weeks: int

    def __post_init__(self) -> None:
        _require(1 <= self.year <= 4, f"year {self.year}: outside 1-4")
        _require(
            0 <= self.employer_weeks + self.centre_weeks <= 53 and min(
                self.employer_weeks, self.centre_weeks) >= 0,
            "weeks: 0 or more, 53 at most in a year",
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Programme:
    __pydantic_config__ = _STRICT
    id: str
    name: str
    provider: str
    level: int
    rncp: str
    source: str
    default_start: date
    duration_months: int
    default_end: date
    years: tuple[ProgrammeYear, ...]

    def __post_init__(self) -> None:
        _require(3 <= self.level <= 8, f"level {self.level}: outside 3-8")
        _require(6 <= self.duration_months <= 48, "duration_months: outside 6-48 (art. L6222-7-1)")
        _require(
            FIRST_COVERED_DAY <= self.default_start <= date(2100, 12, 31),
            f"default_start {self.default_start}: outside {FIRST_COVERED_DAY}-2100",
        )


@dataclass(frozen=True, slots=True)
class ApprenticeExemption:
    __pydantic_config__ = _STRICT
    concluded_from: date
    threshold_percent_of_smic: Decimal
    csg_crds_due_above_threshold: bool
    source: str

    def __post_init__(self) -> None:
        _require(0 < self.threshold_percent_of_smic <= 100, "threshold_percent_of_smic: 0-100")


@dataclass(frozen=True, slots=True)
class EmployeeRates:
    __pydantic_config__ = _STRICT
    from_: date
    old_age_capped: Decimal
    old_age_uncapped: Decimal
    agirc_arrco_band_1: Decimal
    ceg_band_1: Decimal
    band_1_ceiling: Decimal
    source: str

    def __post_init__(self) -> None:
        _percentages(self, skip=("band_1_ceiling",))
        _within("band_1_ceiling", self.band_1_ceiling, 1, 100_000)

    @property
    def total(self) -> Decimal:
        return (
            self.old_age_capped + self.old_age_uncapped + self.agirc_arrco_band_1 + self.ceg_band_1
        )


@dataclass(frozen=True, slots=True)
class CsgCrds:
    __pydantic_config__ = _STRICT
    from_: date
    csg_deductible: Decimal
    csg_non_deductible: Decimal
    crds: Decimal
    base_percent: Decimal
    source: str

    def __post_init__(self) -> None:
        _percentages(self)

    @property
    def total(self) -> Decimal:
        return self.csg_deductible + self.csg_non_deductible + self.crds


@dataclass(frozen=True, slots=True)
class ContributionData:
    __pydantic_config__ = _STRICT
    apprentice_exemption: tuple[ApprenticeExemption, ...]
    employee_rates: tuple[EmployeeRates, ...]
    csg_crds: tuple[CsgCrds, ...]

    def __post_init__(self) -> None:
        _increasing("apprentice_exemption", [r.concluded_from for r in self.apprentice_exemption])
        for name in ("employee_rates", "csg_crds"):
            records = getattr(self, name)
            _increasing(name, [r.from_ for r in records])
            _require(
                records[0].from_ <= FIRST_COVERED_DAY,
                f"{name}.0.from: after {FIRST_COVERED_DAY} (net pay is computed from then on)",
            )


@dataclass(frozen=True, slots=True)
class EmployerRates:
    """Employer rates in force from a date, in percent of gross pay (data/employer.toml)."""

    __pydantic_config__ = _STRICT
    from_: date
    sickness: Decimal
    family: Decimal
    old_age_capped: Decimal
    old_age_uncapped: Decimal
    agirc_arrco_band_1: Decimal
    ceg_band_1: Decimal
    unemployment: Decimal
    ags: Decimal
    csa: Decimal
    fnal_under_50: Decimal
    fnal_50_plus: Decimal
    social_dialogue: Decimal
    apprenticeship_tax: Decimal
    apprenticeship_tax_balance: Decimal
    associations_pay_apprenticeship_tax: bool
    vocational_training_11_plus: Decimal
    construction_effort_50_plus: Decimal
    forfait_social_11_plus: Decimal
    atmp_average: Decimal
    social_security_ceiling: Decimal
    sources: tuple[str, ...]
    sickness_reduced: Decimal | None = None
    sickness_reduced_up_to_smic: Decimal | None = None
    family_reduced: Decimal | None = None
    family_reduced_up_to_smic: Decimal | None = None

    def __post_init__(self) -> None:
        _require(self.from_.day == 1, f"from {self.from_}: rates change on the 1st of a month")
        for name in ("sickness", "family"):
            reduced = getattr(self, f"{name}_reduced")
            up_to = getattr(self, f"{name}_reduced_up_to_smic")
            _require(
                (reduced is None) == (up_to is None),
                f"{name}_reduced and {name}_reduced_up_to_smic: give both or neither",
            )
        _within("social_security_ceiling", self.social_security_ceiling, 1, 100_000)
        _percentages(self, skip=("social_security_ceiling",))
        _require(bool(self.sources), "sources: at least one")


@dataclass(frozen=True, slots=True)
class CsaSupplement:
    __pydantic_config__ = _STRICT
    share_below: Decimal
    rate: Decimal
    rate_2000_plus: Decimal | None = None


@dataclass(frozen=True, slots=True)
class GeneralReduction:
    """RGCP (`t` and the 1.6 SMIC slope) or RGDU (`t_min` + `t_delta`, 3 SMIC, power 1.75)."""

    __pydantic_config__ = _STRICT
    from_: date
    kind: Literal["rgcp", "rgdu"]
    t_under_50: Decimal
    t_50_plus: Decimal
    source: str
    t_min: Decimal | None = None

    def __post_init__(self) -> None:
        _require((self.kind == "rgdu") == (self.t_min is not None), "t_min: given for rgdu only")
        _require(0 < self.t_under_50 < 1 and 0 < self.t_50_plus < 1, "t: between 0 and 1")


@dataclass(frozen=True, slots=True)
class AidLevel:
    __pydantic_config__ = _STRICT
    up_to: int
    under_250: Decimal
    from_250: Decimal

    def __post_init__(self) -> None:
        _within("under_250", self.under_250, 0, 100_000)
        _within("from_250", self.from_250, 0, 100_000)


@dataclass(frozen=True, slots=True)
class HiringAid:
    """An exceptional hiring aid: contracts concluded in a window (and, when the text says so,
    started before a date). A level's amount of 0 for under 250 employees means the text
    leaves those contracts to the aide unique (`AideUnique`)."""

    __pydantic_config__ = _STRICT
    concluded_from: date
    levels: tuple[AidLevel, ...]
    source: str
    concluded_to: date | None = None
    started_before: date | None = None
    disabled: Decimal | None = None
    disabled_up_to: int | None = None

    def __post_init__(self) -> None:
        _require(
            self.concluded_to is None or self.concluded_to >= self.concluded_from,
            "concluded_to: before concluded_from",
        )
        if self.disabled is not None:
            _within("disabled", self.disabled, 0, 100_000)
        ups = [level.up_to for level in self.levels]
        _require(bool(ups) and ups == sorted(set(ups)), "levels: up_to must increase")


@dataclass(frozen=True, slots=True)
class AideUnique:
    """The aide unique à l'embauche d'un apprenti (art. L6243-1, D6243-1 and D6243-2 code du
    travail), permanent law, by the date the contract is concluded: employers under
    `headcount_below`, diplomas up to `up_to` (`overseas_up_to` in the overseas departments and
    territories, art. L6522-4 and D6522-2), `amount` for the first year, `disabled` for an
    apprentice with a recognised disability under the same conditions."""

    __pydantic_config__ = _STRICT
    concluded_from: date
    amount: Decimal
    up_to: int
    overseas_up_to: int
    headcount_below: int
    source: str
    disabled: Decimal | None = None

    def __post_init__(self) -> None:
        _within("amount", self.amount, 0, 100_000)
        if self.disabled is not None:
            _within("disabled", self.disabled, 0, 100_000)
        _require(3 <= self.up_to <= self.overseas_up_to <= 8, "up_to, overseas_up_to: 3-8")


@dataclass(frozen=True, slots=True)
class ReductionSmic:
    """The SMIC the general reduction is computed with (coefficient and 3-SMIC threshold,
    art. L241-13 III and D241-7 CSS), from a date: `hourly` when a text fixes it for a period
    (décret 2026-509: the SMIC of 01/01/2026 for the whole of 2026), otherwise (no `hourly`)
    the SMIC in force in the month."""

    __pydantic_config__ = _STRICT
    from_: date
    source: str
    hourly: Decimal | None = None

    def __post_init__(self) -> None:
        _require(self.from_.day == 1, f"from {self.from_}: falls on the 1st of a month")
        if self.hourly is not None:
            _within("hourly", self.hourly, Decimal("0.01"), 1000)


@dataclass(frozen=True, slots=True)
class PayrollTax:
    """Taxe sur les salaires on apprentices' pay (employers not liable to VAT), art. 231 bis I
    CGI: exempt up to `exempt_up_to_headcount` employees; above, the part of the pay equal to
    `exempt_percent_of_smic` % of the SMIC is exempt."""

    __pydantic_config__ = _STRICT
    exempt_up_to_headcount: int
    exempt_percent_of_smic: Decimal
    source: str

    def __post_init__(self) -> None:
        _within("exempt_percent_of_smic", self.exempt_percent_of_smic, 0, 100)


@dataclass(frozen=True, slots=True)
class TrainingParticipation:
    __pydantic_config__ = _STRICT
    amount: Decimal
    levels: tuple[int, ...]
    concluded_from: date
    source: str

    def __post_init__(self) -> None:
        _within("amount", self.amount, 0, 100_000)


@dataclass(frozen=True, slots=True)
class EmployerData:
    __pydantic_config__ = _STRICT
    rates: tuple[EmployerRates, ...]
    csa_supplement: tuple[CsaSupplement, ...]
    general_reduction: tuple[GeneralReduction, ...]
    reduction_smic: tuple[ReductionSmic, ...]
    hiring_aid: tuple[HiringAid, ...]
    aide_unique: tuple[AideUnique, ...]
    training_participation: TrainingParticipation
    payroll_tax: PayrollTax

    def __post_init__(self) -> None:
        for name in ("rates", "general_reduction", "reduction_smic"):
            _increasing(name, [r.from_ for r in getattr(self, name)])
        _increasing("hiring_aid", [aid.concluded_from for aid in self.hiring_aid])
        _increasing("aide_unique", [aid.concluded_from for aid in self.aide_unique])
        _require(
            self.reduction_smic[0].from_ <= self.rates[0].from_,
            "reduction_smic: none in force on the first rates' date",
        )
        for i in range(1, len(self.hiring_aid)):
            before = self.hiring_aid[i - 1].concluded_to
            _require(
                before is not None and before < self.hiring_aid[i].concluded_from,
                f"hiring_aid.{i}: overlaps the window before it",
            )
        _require(
            self.general_reduction[0].from_ <= self.rates[0].from_,
            "general_reduction: none in force on the first rates' date",
        )


@dataclass(frozen=True, slots=True)
class ExpectedText:
    """A text that is expected to change the data, and when it usually comes (`deis-pay
    data`): the SMIC decree in December, the social security financing law, the PSS arrêté."""

    __pydantic_config__ = _STRICT
    what: str
    usually: str
    effective: date
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceData:
    __pydantic_config__ = _STRICT
    verified_through: date
    sources: tuple[Source, ...]
    expected: tuple[ExpectedText, ...] = ()


@dataclass(frozen=True, slots=True)
class Overlay:
    """A user's data overlay as used: its folder, its files and a SHA-256 digest of them."""

    __pydantic_config__ = JSON_KEYS
    path: str
    files: tuple[str, ...]
    digest: str


@dataclass(frozen=True, slots=True)
class DataInfo:
    """What data a result was computed with (the JSON's `data`): the version of deis-pay whose
    data files were read, their `verified_through`, and the overlay added to them, if any."""

    __pydantic_config__ = JSON_KEYS
    package_version: str
    verified_through: date
    overlay: Overlay | None


# eq=False: a dataset is hashed and compared by identity, so that computations can be cached
# per dataset (a test or a DEIS_PAY_DATA_DIR may load another one).
@dataclass(frozen=True, slots=True, eq=False)
class Dataset:
    """Everything deis-pay knows of the law, as checked by `load_dataset`."""

    verified_through: date
    sources: dict[str, Source]
    smic: SmicData
    grids: GridData
    aids: AidData
    programme: Programme
    contributions: ContributionData
    employer: EmployerData
    expected: tuple[ExpectedText, ...]
    info: DataInfo
    # Derived from the records above once, when the dataset is made (not read from the files,
    # not kept in the cache): the first days of the SMIC records by territory, which each
    # contract bisects; and the days from which a record that a month's net or cost reads may
    # change (the SMIC, the employee's and the employer's rates, the CSG/CRDS, the general
    # reduction), where runs of identical months are cut.
    smic_starts: dict[Territory, tuple[date, ...]] = field(init=False, repr=False)
    record_days: tuple[date, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.derive()

    def derive(self) -> None:
        """Set the fields derived from the others (also for a dataset read from the cache,
        which is built without running its checks)."""
        smic = self.smic
        starts = {t: tuple([r.from_ for r in smic.records(t)]) for t in ("metropole", "mayotte")}
        object.__setattr__(self, "smic_starts", starts)
        series: tuple[Sequence[Any], ...] = (
            smic.metropole,
            self.contributions.employee_rates,
            self.contributions.csg_crds,
            self.employer.rates,
            self.employer.general_reduction,
        )
        days = sorted({record.from_ for records in series for record in records})
        object.__setattr__(self, "record_days", tuple(days))

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]
