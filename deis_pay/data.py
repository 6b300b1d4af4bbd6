"""Loading of the dated legal data (data/*.toml) into strict, frozen pydantic models.

Every error names the file and the key, so that a broken data file is fixed in a minute.

Checking the files means building pydantic validators, which costs more than the whole rest of
a one-contract run. So a dataset that passed the checks is kept in a cache file named after the
SHA-256 of the data files' bytes (and the versions of deis-pay and pydantic): any change to a
file changes the name, and the new content is checked again before it is used. Only data that
passed every check is ever cached.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import DataError
from .money import monthly_smic

AgeBracket = Literal["<18", "18-20", "21-25", "26+"]
Territory = Literal["metropole", "mayotte"]
GridId = Literal["general", "sssms"]

M = TypeVar("M", bound="BaseModel")

DATA_FILES = ("sources.toml", "smic.toml", "grids.toml", "aids.toml", "programme.toml")


class _Strict(BaseModel):
    # defer_build: validators are built on first validation only, i.e. on a cache miss.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


Percent = Annotated[Decimal, Field(ge=0, le=100)]
PositiveMoney = Annotated[Decimal, Field(gt=0)]


class Source(_Strict):
    id: str
    title: str
    url: str | None = None


class SmicRecord(_Strict):
    start: date = Field(alias="from")
    hourly: PositiveMoney
    monthly: PositiveMoney | None = None
    source: str

    @model_validator(mode="after")
    def _monthly_agrees(self) -> SmicRecord:
        expected = monthly_smic(self.hourly)
        if self.monthly is not None and self.monthly != expected:
            raise ValueError(
                f"monthly {self.monthly} does not match hourly {self.hourly} "
                f"(× 35 × 52 / 12 = {expected})"
            )
        return self

    @property
    def monthly_amount(self) -> Decimal:
        return self.monthly if self.monthly is not None else monthly_smic(self.hourly)


class SmicData(_Strict):
    metropole: tuple[SmicRecord, ...] = Field(min_length=1)
    mayotte: tuple[SmicRecord, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _sorted_and_on_firsts(self) -> SmicData:
        for territory in ("metropole", "mayotte"):
            records: tuple[SmicRecord, ...] = getattr(self, territory)
            for i, record in enumerate(records):
                if record.start.day != 1:
                    raise ValueError(f"{territory}[{i}].from: a SMIC change falls on the 1st")
                if i and record.start <= records[i - 1].start:
                    raise ValueError(f"{territory}[{i}].from: dates must increase")
        return self

    def records(self, territory: Territory) -> tuple[SmicRecord, ...]:
        return self.metropole if territory == "metropole" else self.mayotte


class Grid(_Strict):
    start: date = Field(alias="from")
    name: str
    source: str
    smc_brackets: tuple[AgeBracket, ...]
    rates: dict[AgeBracket, tuple[Percent, Percent, Percent]]
    missing_rows_from: GridId | None = None
    note: str | None = None


class GridData(_Strict):
    general: tuple[Grid, ...] = Field(min_length=1)
    sssms: tuple[Grid, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> GridData:
        for i, grid in enumerate(self.general):
            missing = {"<18", "18-20", "21-25", "26+"} - set(grid.rates)
            if missing:
                raise ValueError(f"general[{i}].rates: missing rows {sorted(missing)}")
        for i, grid in enumerate(self.sssms):
            if len(grid.rates) < 4 and grid.missing_rows_from is None:
                raise ValueError(f"sssms[{i}]: rows missing and no missing_rows_from")
        return self

    def in_force(self, grid: GridId, on: date) -> Grid:
        records = self.general if grid == "general" else self.sssms
        chosen = [r for r in records if r.start <= on]
        if not chosen:
            raise DataError(f"grids.toml: no {grid} grid in force on {on.isoformat()}")
        return chosen[-1]


class DrivingLicenceAid(_Strict):
    name: str
    amount: Decimal
    min_age: int = Field(ge=0)
    first_request: date
    last_request: date
    source: str
    end_source: str


class AidData(_Strict):
    driving_licence: DrivingLicenceAid


class ProgrammeYear(_Strict):
    year: int = Field(ge=1, le=4)
    employer_weeks: int = Field(ge=0)
    centre_weeks: int = Field(ge=0)


class Programme(_Strict):
    id: str
    name: str
    provider: str
    level: int = Field(ge=3, le=8)
    rncp: str
    source: str
    default_start: date
    duration_months: int = Field(gt=0)
    default_end: date
    years: tuple[ProgrammeYear, ...]


class SourceData(_Strict):
    verified_through: date
    sources: tuple[Source, ...]


class Dataset(_Strict):
    verified_through: date
    sources: dict[str, Source]
    smic: SmicData
    grids: GridData
    aids: AidData
    programme: Programme

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]


def data_dir() -> Path:
    """The data folder: inside the installed package, or data/ at the top of a source checkout.

    (A plain path rather than importlib.resources: wheels install unzipped, and importing
    importlib.resources costs a one-shot run several milliseconds.) DEIS_PAY_DATA_DIR points
    to another folder of the same files, e.g. to try a SMIC revaluation before a release.
    """
    configured = os.environ.get("DEIS_PAY_DATA_DIR")
    if configured:
        return Path(configured)
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def cache_dir() -> Path | None:
    """Where checked datasets are cached; DEIS_PAY_CACHE_DIR=off disables the cache."""
    configured = os.environ.get("DEIS_PAY_CACHE_DIR")
    if configured is not None:
        return None if configured in ("", "off", "0") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deis-pay"


def _read_toml(path: Path, content: bytes) -> dict[str, Any]:
    try:
        # parse_float=Decimal: money stays exact from the file on (pay-rules.md §4.5).
        return tomllib.loads(content.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: invalid TOML: {exc}") from None


def _where(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"key {key}: {first['msg']}"


def _validate(model: type[M], path: Path, raw: dict[str, Any]) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise DataError(f"{path}: {_where(exc)}") from None


def load_dataset(directory: Path | None = None, *, use_cache: bool = True) -> Dataset:
    """Read and check every data file; raise DataError naming the file and key on any problem."""
    from pydantic.version import VERSION as PYDANTIC_VERSION

    from .version import __version__

    folder = directory if directory is not None else data_dir()
    paths = {name: folder / name for name in DATA_FILES}
    contents: dict[str, bytes] = {}
    digest = hashlib.sha256(f"{__version__}|{PYDANTIC_VERSION}".encode())
    for name, path in paths.items():
        try:
            contents[name] = path.read_bytes()
        except OSError as exc:
            raise DataError(f"{path}: cannot read the data file ({exc.strerror})") from None
        digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    folder_for_cache = cache_dir() if use_cache else None
    cached = folder_for_cache / f"dataset-{digest.hexdigest()}.pickle" if folder_for_cache else None
    if cached is not None:
        try:
            with cached.open("rb") as handle:
                dataset = pickle.load(handle)
            if isinstance(dataset, Dataset):
                return dataset
        except Exception:
            pass
    dataset = _check(paths, contents)
    if cached is not None:
        _store(cached, dataset)
    return dataset


def _store(path: Path, dataset: Dataset) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
    except OSError:
        pass  # a read-only home only costs the speed-up


def _check(paths: dict[str, Path], contents: dict[str, bytes]) -> Dataset:
    def read(model: type[M], name: str) -> M:
        return _validate(model, paths[name], _read_toml(paths[name], contents[name]))

    sources = read(SourceData, "sources.toml")
    smic = read(SmicData, "smic.toml")
    grids = read(GridData, "grids.toml")
    aids = read(AidData, "aids.toml")
    programme = read(Programme, "programme.toml")
    catalogue: dict[str, Source] = {}
    for i, source in enumerate(sources.sources):
        if source.id in catalogue:
            raise DataError(f"{paths['sources.toml']}: key sources.{i}.id: duplicate {source.id!r}")
        catalogue[source.id] = source
    _check_references(paths, catalogue, smic, grids, aids, programme)
    return Dataset.model_construct(
        verified_through=sources.verified_through,
        sources=catalogue,
        smic=smic,
        grids=grids,
        aids=aids,
        programme=programme,
    )


def _check_references(
    paths: dict[str, Path],
    catalogue: dict[str, Source],
    smic: SmicData,
    grids: GridData,
    aids: AidData,
    programme: Programme,
) -> None:
    from .dates import end_after_months

    refs: list[tuple[str, str, str]] = []
    for territory in ("metropole", "mayotte"):
        for i, record in enumerate(smic.records(territory)):
            refs.append(("smic.toml", f"{territory}.{i}.source", record.source))
    for grid_id in ("general", "sssms"):
        for i, grid in enumerate(getattr(grids, grid_id)):
            refs.append(("grids.toml", f"{grid_id}.{i}.source", grid.source))
    licence = aids.driving_licence
    refs.append(("aids.toml", "driving_licence.source", licence.source))
    refs.append(("aids.toml", "driving_licence.end_source", licence.end_source))
    refs.append(("programme.toml", "source", programme.source))
    for file, key, source_id in refs:
        if source_id not in catalogue:
            raise DataError(f"{paths[file]}: key {key}: unknown source {source_id!r}")
    if licence.last_request < licence.first_request:
        raise DataError(
            f"{paths['aids.toml']}: key driving_licence.last_request: before first_request"
        )
    expected_end = end_after_months(programme.default_start, programme.duration_months)
    if programme.default_end != expected_end:
        raise DataError(
            f"{paths['programme.toml']}: key default_end: {programme.default_end} does not match "
            f"{programme.duration_months} months from default_start ({expected_end})"
        )


@cache
def default_dataset() -> Dataset:
    return load_dataset()
