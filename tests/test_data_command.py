"""`deis-pay data`: what the data holds and how fresh it is, in a table and in JSON."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from .conftest import run_cli


def _json(*args: str) -> dict[str, Any]:
    result = run_cli("data", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = result.json()
    return data


def _series(view: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [s for s in view["latest"] if s["series"] == name]


def test_the_smic_in_force_on_both_sides_of_the_june_2026_revaluation() -> None:
    may = _json("--today", "2026-05-31")["smic_today"]
    june = _json("--today", "2026-06-01")["smic_today"]
    assert isinstance(may, dict) and isinstance(june, dict)
    assert may["metropole"]["hourly"] == Decimal("12.02")
    assert june["metropole"]["hourly"] == Decimal("12.31")
    assert june["mayotte"]["hourly"] == Decimal("9.56")
    assert june["metropole"]["source"]["id"] == "arrete-2026-05-22"


def test_freshness_projections_and_expected_texts() -> None:
    view = _json("--today", "2026-12-06")
    assert view["verified_through"] == "2026-11-01"
    assert view["projected_from"] == "2026-12-01"
    expected = view["expected"]
    assert isinstance(expected, list)
    assert any("SMIC" in text["what"] and text["effective"] == "2027-01-01" for text in expected)
    data = view["data"]
    assert isinstance(data, dict) and data["overlay"] is None


def test_the_reduction_smic_of_2026_and_of_2027_are_both_shown_in_december() -> None:
    """On 06/12/2026 the reduction uses 12,02 €/h (décret 2026-509), and from 01/01/2027 the
    month's SMIC: the table shows the record in force and the one to come."""
    records = _series(_json("--today", "2026-12-06"), "employer.reduction_smic")
    assert [(r["from"], r["values"]["hourly"]) for r in records] == [
        ("2026-01-01", Decimal("12.02")),
        ("2027-01-01", None),
    ]
    after = _series(_json("--today", "2027-02-01"), "employer.reduction_smic")
    assert [r["from"] for r in after] == ["2027-01-01"]


def test_every_dated_series_the_data_holds_is_listed() -> None:
    names = {s["series"] for s in _json()["latest"]}
    assert names >= {
        "smic.metropole", "smic.mayotte", "employer.social_security_ceiling",
        "employer.general_reduction", "employer.reduction_smic", "employer.hiring_aid",
        "employer.aide_unique", "contributions.apprentice_exemption", "employer.payroll_tax",
    }  # fmt: skip


def test_the_table_is_french_and_names_the_overlay(tmp_path: Path) -> None:
    table = run_cli("data", "--today", "2026-12-06")
    assert table.exit_code == 0
    assert "vérifiées jusqu'au 01/11/2026" in table.stdout
    assert "Mois projetés : à partir de 12/2026" in table.stdout
    assert "12,02 €" in table.text and "1 867,02 €" in table.text
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "smic.toml").write_text(
        '[[metropole]]\nfrom = 2027-01-01\nhourly = 12.50\nsource = "arrete-2026-05-22"\n',
        encoding="utf-8",
    )
    with_overlay = run_cli("data", "--data", str(folder))
    assert str(folder) in with_overlay.stderr
    view = run_cli("data", "--format", "json", "--today", "2027-01-02", "--data", str(folder))
    assert view.json()["smic_today"]["metropole"]["hourly"] == Decimal("12.50")


def test_bad_today_is_exit_2() -> None:
    result = run_cli("data", "--today", "hier")
    assert result.exit_code == 2 and "--today" in result.stderr
