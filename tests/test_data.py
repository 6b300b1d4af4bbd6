"""The dated data files: strict loading, errors naming file and key, official SMIC formula."""

from __future__ import annotations

import ast
import itertools
import shutil
import subprocess
import sys
import typing
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from deis_pay.core.errors import DataError
from deis_pay.core.money import monthly_smic
from deis_pay.data.loader import data_dir, load_dataset
from deis_pay.data.records import NAMED_IN_CODE, SmicRecord, in_force
from deis_pay.rules.models import Rule

from .conftest import package_sources


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RULES = set(typing.get_args(Rule))

# A second legal grid dated before the first one: out of date order.
EARLIER_GENERAL_GRID = """
[[general]]
from = 2018-06-01
name = "grille légale"
source = "D6222-26"
smc_brackets = ["21-25", "26+"]

[general.rates]
"<18" = [27, 39, 55]
"18-20" = [43, 51, 67]
"21-25" = [53, 61, 78]
"26+" = [100, 100, 100]

"""


def test_official_monthly_smic_is_not_hourly_times_151_67() -> None:
    """12,02 €/h gives the published 1 823,03 € (× 35 × 52 / 12), not 1 823,07 (× 151,67)."""
    assert monthly_smic(Decimal("12.02")) == Decimal("1823.03")
    assert Decimal("12.02") * Decimal("151.67") != Decimal("1823.03")


def test_every_stored_monthly_smic_agrees_with_its_hourly_rate() -> None:
    data = load_dataset(use_cache=False)
    for territory in ("metropole", "mayotte"):
        for record in data.smic.records(territory):
            assert record.monthly_amount == monthly_smic(record.hourly)
    assert all(isinstance(r.hourly, Decimal) for r in data.smic.metropole)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("smic.toml", "monthly = 1823.03", "monthly = 1823.07", "smic.toml: key metropole.11"),
        ("smic.toml", "hourly = 12.02", "hourly = 12.02\nhourly_net = 9.5", "hourly_net"),
        ("smic.toml", "from = 2026-06-01", "from = 2026-06-15", "falls on the 1st"),
        ("smic.toml", 'source = "decret-2024-951"', 'source = "decret-2099"', "unknown source"),
        ("grids.toml", '"18-20" = [43, 51, 67]', '"18-20" = [43, 51]', "key general.0.rates"),
        (
            "grids.toml",
            '"26+" = [100, 100, 100]\n\n[[sssms]]',
            '"26+" = [100, 100, 101]\n\n[[sssms]]',
            "rates.26+: outside 0-100 %",
        ),
        ("aids.toml", "min_age = 18", "min_age = -1", "min_age -1: outside 0-30"),
        ("programme.toml", "duration_months = 30", "duration_months = 31", "key default_end"),
        (
            "sources.toml",
            "verified_through = 2026-11-01",
            "verified_through = 2026-13-01",
            "invalid TOML",
        ),
        ("sources.toml", 'id = "D6222-31"', 'id = "D6222-26"', "duplicate"),
        ("employer.toml", "sickness_reduced_up_to_smic = 2.5\n", "", "give both or neither"),
        ("employer.toml", "ags = 0.20", "ags = 0.20\nagss = 0.2", "key rates.0.agss"),
        ("employer.toml", 'source = "rgcp"', 'source = "rgcp-2099"', "unknown source"),
        ("employer.toml", "t_under_50 = 0.3194", "t_under_50 = 31.94", "between 0 and 1"),
        ("employer.toml", "from = 2025-05-01\nsickness", "from = 2025-05-02\nsickness", "1st"),
        ("employer.toml", "concluded_to = 2024-12-31", "concluded_to = 2025-03-01", "overlaps"),
        # Values the code assumes, each refused at load with the file and the key:
        (
            "grids.toml",
            "[sssms.rates]",
            EARLIER_GENERAL_GRID + "[sssms.rates]",
            "dates must increase",
        ),
        (
            "grids.toml",
            "[[sssms]]\nfrom = 2019-01-01",
            "[[sssms]]\nfrom = 2020-01-01",
            "after 2019",
        ),
        ("employer.toml", "ags = 0.20", "ags = -5", "ags -5: outside 0-100"),
        ("employer.toml", "ags = 0.20", "ags = 1e9", "outside 0-100"),
        ("contributions.toml", "csg_deductible = 6.80", "csg_deductible = 680", "outside 0-100"),
        ("smic.toml", "hourly = 12.02\nmonthly = 1823.03", "hourly = 0", "hourly 0: outside"),
        ("programme.toml", "duration_months = 30", "duration_months = 300", "outside 6-48"),
        ("sources.toml", 'id = "cgi-81-bis"', 'id = "cgi-81-ter"', "named in deis-pay's code"),
    ],
)
def test_broken_data_names_the_file_and_the_key(
    data_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(data_copy / file, old, new)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy, use_cache=False)
    assert file in str(caught.value)
    assert message in str(caught.value)


def test_missing_data_file_is_named(data_copy: Path) -> None:
    (data_copy / "aids.toml").unlink()
    with pytest.raises(DataError, match=r"aids\.toml"):
        load_dataset(data_copy, use_cache=False)


def test_cli_stops_with_exit_1_and_no_traceback_on_broken_data(data_copy: Path) -> None:
    _edit(
        data_copy / "grids.toml",
        'smc_brackets = ["21-25", "26+"]\n\n[general',
        'smc_bracket = ["21-25", "26+"]\n\n[general',
    )
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", "schedule", "--birth", "2005-05-10"],
        capture_output=True,
        text=True,
        env={"DEIS_PAY_DATA_DIR": str(data_copy), "DEIS_PAY_CACHE_DIR": "off", "PATH": ""},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "grids.toml" in result.stderr and "smc_bracket" in result.stderr
    assert "Traceback" not in result.stderr


def test_cache_is_keyed_on_content(data_copy: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A checked dataset is reused; a changed file is checked again, never served stale."""
    monkeypatch.setenv("DEIS_PAY_CACHE_DIR", str(tmp_path / "c"))
    first = load_dataset(data_copy)
    assert len(list((tmp_path / "c").glob("dataset-*.json"))) == 1
    again = load_dataset(data_copy)
    assert (again.smic, again.grids, again.sources) == (first.smic, first.grids, first.sources)
    _edit(data_copy / "smic.toml", "monthly = 1823.03", "monthly = 1823.07")
    with pytest.raises(DataError):
        load_dataset(data_copy)


def test_in_force_takes_the_record_of_the_day_and_refuses_a_day_before_the_data() -> None:
    """The eve of a SMIC revaluation has the old SMIC, its 1st the new one; a day before the
    first record is a gap in the data (DataError), never an IndexError."""
    data = load_dataset(use_cache=False)
    records = data.smic.metropole

    def day_of(record: SmicRecord) -> date:
        return record.from_

    for before, after in itertools.pairwise(records):
        assert in_force(records, after.from_, "smic", day_of) is after
        assert in_force(records, after.from_ - timedelta(days=1), "smic", day_of) is before
    with pytest.raises(DataError, match="no record in force on 2018-12-31"):
        in_force(records, records[0].from_ - timedelta(days=1), "smic", day_of)


def test_source_ids_named_in_code_are_the_checked_ones() -> None:
    """A legal text the code names itself goes through data.NAMED_IN_CODE, which the loader
    checks against sources.toml: no module writes a source id as a bare string."""
    known = {source.id for source in load_dataset(use_cache=False).sources.values()}
    bare = set()
    for path in package_sources():
        if path.parent.name == "data" and path.name == "records.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # "rgcp" is also the general reduction's kind (employer.toml `kind = "rgcp"`); the
            # rules of a segment are named after their articles (models.Rule).
            if isinstance(node, ast.Constant) and node.value in known - {"rgcp", *RULES}:
                bare.add(f"{path.name}: {node.value}")
    assert sorted(bare) == []
    assert set(NAMED_IN_CODE) <= known
    assert RULES - {"SSSMS"} <= set(NAMED_IN_CODE)
