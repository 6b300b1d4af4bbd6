"""Reading and checking the data files (data/*.toml) into a `Dataset`, with a user's overlay
added to them, through the cache of checked datasets.

Every error names the file and the key (`DataError`, exit status 1): a broken data file is
fixed in a minute. A user's overlay folder (`--data DIR`, `DEIS_PAY_DATA`) adds records to the
shipped files before the checks (overlay.py). Checking the files means importing pydantic and
building its validators, which costs more than the rest of a one-contract run: a dataset that
passed the checks is kept in the user's cache, under a key made of everything it was made from
(the data and overlay files' bytes, the records' source, the deis-pay version), and used only
for that same key (cache.py).
"""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from deis_pay.core.errors import DataError
from deis_pay.data import records
from deis_pay.data.records import (
    NAMED_IN_CODE,
    AidData,
    AideUnique,
    AidLevel,
    ApprenticeExemption,
    ContributionData,
    CsaSupplement,
    CsgCrds,
    DataInfo,
    Dataset,
    DrivingLicenceAid,
    EmployeeRates,
    EmployerData,
    EmployerRates,
    ExpectedText,
    GeneralReduction,
    Grid,
    GridData,
    HiringAid,
    Overlay,
    PayrollTax,
    Programme,
    ProgrammeYear,
    ReductionSmic,
    SmicData,
    SmicRecord,
    Source,
    SourceData,
    TrainingParticipation,
)

if TYPE_CHECKING:
    from pydantic import ValidationError

    from deis_pay.data.overlay import Loc, Merged

M = TypeVar("M")

# The environment variable naming a user's overlay folder (overlay.py); `--data` sets it.
OVERLAY_ENV = "DEIS_PAY_DATA"


DATA_FILES = (
    "sources.toml",
    "smic.toml",
    "grids.toml",
    "aids.toml",
    "programme.toml",
    "contributions.toml",
    "employer.toml",
)


def data_dir() -> Path:
    """The data folder: inside the installed package, or data/ at the top of a source checkout.

    (A plain path rather than importlib.resources: wheels install unzipped, and importing
    importlib.resources costs a one-shot run several milliseconds.) DEIS_PAY_DATA_DIR points
    to another folder holding all the files, to try a change on a copy; an overlay
    (DEIS_PAY_DATA, `--data`) adds to them instead (overlay.py).
    """
    configured = os.environ.get("DEIS_PAY_DATA_DIR")
    if configured:
        return Path(configured)
    # The wheel puts the files in this package's own folder (pyproject's force-include); a
    # source checkout has them in data/ at the top of the repository.
    here = Path(__file__).resolve().parent
    if (here / DATA_FILES[0]).is_file():
        return here
    return here.parent.parent / "data"


def _read_toml(path: Path, content: bytes) -> dict[str, Any]:
    import tomllib  # only on a cache miss

    try:
        # parse_float=Decimal: money stays exact from the file on.
        return tomllib.loads(content.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: invalid TOML: {exc}") from None
    except ValueError as exc:  # a number too long to read (over 4 300 digits)
        raise DataError(f"{path}: unreadable value: {exc}") from None


def _where(error: ValidationError, merged: Merged) -> str:
    first = error.errors()[0]
    return f"{merged.where(tuple(first['loc']))}: {first['msg']}"


def _validate(model: type[M], merged: Merged) -> M:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(model).validate_python(merged.content)
    except ValidationError as exc:
        raise DataError(_where(exc, merged)) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the data file ({exc.strerror})") from None


def load_dataset(
    directory: Path | None = None, *, overlay: Path | None = None, use_cache: bool = True
) -> Dataset:
    """Read and check every data file, with the records of the `overlay` folder added to them
    (overlay.py); raise DataError naming the file and key on any problem."""
    from deis_pay.data import cache as datacache
    from deis_pay.version import __version__

    folder = directory if directory is not None else data_dir()
    paths = {name: folder / name for name in DATA_FILES}
    contents = {name: _read_bytes(path) for name, path in paths.items()}
    extra: dict[str, tuple[Path, bytes]] = {}
    if overlay is not None:
        from deis_pay.data.overlay import overlay_files

        extra = {
            name: (path, _read_bytes(path))
            for name, path in overlay_files(overlay, DATA_FILES).items()
        }
    # The key is everything the checked dataset depends on, this module's source included (a
    # changed record class never meets an old cache).
    key = datacache.blake2b(digest_size=32)
    # (The records' module and this one: a changed record class never meets an old cache.)
    sources = (Path(__file__).read_bytes(), Path(records.__file__).read_bytes())
    for part in (__version__.encode(), *sources, str(overlay).encode()):
        key.update(len(part).to_bytes(8, "big") + part)
    for name, content in [*contents.items(), *((n, c) for n, (_, c) in extra.items())]:
        for part in (name.encode(), content):
            key.update(len(part).to_bytes(8, "big") + part)
    whole_key = key.hexdigest()
    cache = datacache.cache_dir() if use_cache else None
    name = f"dataset-{whole_key[:16]}.json"
    if cache is not None:
        known = datacache.load(cache, name, whole_key, RECORD_CLASSES)
        if isinstance(known, Dataset):
            return known
    dataset = _check(paths, contents, overlay, extra, __version__)
    if cache is not None:
        datacache.store(cache, name, whole_key, dataset)
    return dataset


def _check(
    paths: dict[str, Path],
    contents: dict[str, bytes],
    overlay: Path | None,
    extra: dict[str, tuple[Path, bytes]],
    version: str,
) -> Dataset:
    from deis_pay.data.overlay import Merged, merge

    files: dict[str, Merged] = {}
    for name, path in paths.items():
        files[name] = Merged(path, _read_toml(path, contents[name]))
    for name, (path, content) in extra.items():
        merge(files[name], _read_toml(path, content), path)

    def read(model: type[M], name: str) -> M:
        return _validate(model, files[name])

    sources = read(SourceData, "sources.toml")
    smic = read(SmicData, "smic.toml")
    grids = read(GridData, "grids.toml")
    aids = read(AidData, "aids.toml")
    programme = read(Programme, "programme.toml")
    contributions = read(ContributionData, "contributions.toml")
    employer = read(EmployerData, "employer.toml")
    catalogue: dict[str, Source] = {}
    for i, source in enumerate(sources.sources):
        if source.id in catalogue:
            where = files["sources.toml"].where(("sources", i, "id"))
            raise DataError(f"{where}: duplicate {source.id!r}")
        catalogue[source.id] = source
    _check_references(files, catalogue, smic, grids, aids, programme, contributions, employer)
    return Dataset(
        verified_through=sources.verified_through,
        sources=catalogue,
        smic=smic,
        grids=grids,
        aids=aids,
        programme=programme,
        contributions=contributions,
        employer=employer,
        expected=sources.expected,
        info=DataInfo(version, sources.verified_through, _overlay_info(overlay, extra)),
    )


def _overlay_info(folder: Path | None, extra: dict[str, tuple[Path, bytes]]) -> Overlay | None:
    if folder is None:
        return None
    import hashlib

    digest = hashlib.sha256()
    for name, (_, content) in sorted(extra.items()):
        for part in (name.encode(), content):
            digest.update(len(part).to_bytes(8, "big") + part)
    return Overlay(str(folder), tuple(sorted(extra)), "sha256:" + digest.hexdigest())


def _check_references(
    files: dict[str, Merged],
    catalogue: dict[str, Source],
    smic: SmicData,
    grids: GridData,
    aids: AidData,
    programme: Programme,
    contributions: ContributionData,
    employer: EmployerData,
) -> None:
    from deis_pay.core.dates import end_after_months

    refs: list[tuple[str, Loc, str]] = []
    for territory in ("metropole", "mayotte"):
        for i, record in enumerate(smic.records(territory)):
            refs.append(("smic.toml", (territory, i, "source"), record.source))
    for grid_id in ("general", "sssms"):
        for i, grid in enumerate(getattr(grids, grid_id)):
            refs.append(("grids.toml", (grid_id, i, "source"), grid.source))
    licence = aids.driving_licence
    refs.append(("aids.toml", ("driving_licence", "source"), licence.source))
    refs.append(("aids.toml", ("driving_licence", "end_source"), licence.end_source))
    refs.append(("programme.toml", ("source",), programme.source))
    for name in ("apprentice_exemption", "employee_rates", "csg_crds"):
        for i, record in enumerate(getattr(contributions, name)):
            refs.append(("contributions.toml", (name, i, "source"), record.source))
    for i, rates in enumerate(employer.rates):
        for j, source_id in enumerate(rates.sources):
            refs.append(("employer.toml", ("rates", i, "sources", j), source_id))
    for name in ("general_reduction", "reduction_smic", "hiring_aid", "aide_unique"):
        for i, record in enumerate(getattr(employer, name)):
            refs.append(("employer.toml", (name, i, "source"), record.source))
    for name in ("training_participation", "payroll_tax"):
        refs.append(("employer.toml", (name, "source"), getattr(employer, name).source))
    for file, loc, source_id in refs:
        if source_id not in catalogue:
            raise DataError(f"{files[file].where(loc)}: unknown source {source_id!r}")
    for source_id in NAMED_IN_CODE:
        if source_id not in catalogue:
            raise DataError(
                f"{files['sources.toml'].path}: key (named in deis-pay's code): unknown source "
                f"{source_id!r}"
            )
    if licence.last_request < licence.first_request:
        where = files["aids.toml"].where(("driving_licence", "last_request"))
        raise DataError(f"{where}: before first_request")
    expected_end = end_after_months(programme.default_start, programme.duration_months)
    if programme.default_end != expected_end:
        raise DataError(
            f"{files['programme.toml'].where(('default_end',))}: {programme.default_end} does not "
            f"match {programme.duration_months} months from default_start ({expected_end})"
        )


# What the cache may build (cache.py): these record classes and nothing else.
RECORD_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Source, SmicRecord, SmicData, Grid, GridData, DrivingLicenceAid, AidData, ProgrammeYear,
        Programme, ApprenticeExemption, EmployeeRates, CsgCrds, ContributionData, EmployerRates,
        CsaSupplement, GeneralReduction, AidLevel, HiringAid, AideUnique, ReductionSmic,
        PayrollTax, TrainingParticipation, EmployerData, ExpectedText, Overlay, DataInfo, Dataset,
    )
}  # fmt: skip


def default_dataset() -> Dataset:
    """The shipped data, with the overlay named by DEIS_PAY_DATA (or `--data`) if any."""
    return _dataset_with(os.environ.get(OVERLAY_ENV) or None)


@cache
def _dataset_with(overlay: str | None) -> Dataset:
    return load_dataset(overlay=Path(overlay) if overlay is not None else None)
