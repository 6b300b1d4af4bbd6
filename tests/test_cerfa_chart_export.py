"""The Cerfa FA13 block, the chart, the SVG/HTML copies, --version and the JSON Schemas."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deis_pay.present.export import json_number
from deis_pay.version import __version__

from .conftest import run_cli
from .test_views import _golden


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (  # an age change inside contract year 1 (21 on 10/05/2026: 21-25 from 01/06/2026)
            ["--birth", "2005-05-10"],
            [
                ("1.1", "2025-09-01", "2026-05-31", 43, "smic", "774.78"),
                ("1.2", "2026-06-01", "2026-08-31", 53, "smic", "954.96"),
                ("2.1", "2026-09-01", "2027-08-31", 61, "smic", "1099.10"),
                ("3.1", "2027-09-01", "2028-02-29", 78, "smic", "1405.41"),
            ],
        ),
        (  # an SMC above the SMIC: 100 % of the SMC
            ["--birth", "1998-03-15", "--smc", "2100.00"],
            [
                ("1.1", "2025-09-01", "2026-08-31", 100, "smc", "2100.00"),
                ("2.1", "2026-09-01", "2027-08-31", 100, "smc", "2100.00"),
                ("3.1", "2027-09-01", "2028-02-29", 100, "smc", "2100.00"),
            ],
        ),
        (  # a mid-month start: the lines follow the contract years, not the calendar
            ["--birth", "2004-06-30", "--start", "2025-09-15", "--end", "2027-09-14"],
            [
                ("1.1", "2025-09-15", "2026-09-14", 53, "smic", "954.96"),
                ("2.1", "2026-09-15", "2027-09-14", 61, "smic", "1099.10"),
            ],
        ),
    ],
    ids=["deis-default-20yo", "deis-27yo-smc", "mid-month-start"],
)
def test_cerfa_lines_of_shared_cases(args: list[str], expected: list[tuple[Any, ...]]) -> None:
    """One line per contract year and age bracket, amounts at the SMIC of the start."""
    block = run_cli("cerfa", *args, "--format", "json").json()
    lines = [
        (x["number"], x["from"], x["to"], x["rate_percent"], x["base"], x["monthly_amount"])
        for x in block["lines"]
    ]
    assert lines == [(n, f, t, r, b, Decimal(a)) for n, f, t, r, b, a in expected]
    assert block["smic_at_start"] == Decimal("1801.80")


def test_cerfa_table_matches_golden_file() -> None:
    result = run_cli("cerfa", "--birth", "2005-05-10")
    assert result.exit_code == 0
    assert "1.2" in result.stdout and "954,96 €" in result.text
    _golden("cerfa-default-80.txt", result.stdout)


def test_chart_matches_golden_file_and_fits_80_columns() -> None:
    """Bars scaled to the largest month, ◆ on the months a rate changes, ▒ for projections."""
    result = run_cli("schedule", "--birth", "2005-05-10", "--chart")
    assert result.exit_code == 0
    chart = result.stdout[result.stdout.index("Salaire brut mensuel") :]
    lines = chart.splitlines()
    assert max(len(line) for line in lines) <= 80
    june = next(line for line in lines if line.startswith("06/2026"))
    may = next(line for line in lines if line.startswith("05/2026"))
    assert "◆" in june and "◆" not in may
    assert "▒" in next(line for line in lines if line.startswith("12/2027"))
    assert next(line for line in lines if line.startswith("09/2027")).count("▒") == 46
    _golden("chart-default-80.txt", chart)


def test_svg_and_html_keep_what_was_shown(tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    result = run_cli("schedule", "--birth", "2005-05-10", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    page = html.read_text(encoding="utf-8")
    assert "32\u202f391,62\u00a0€" in page
    assert "Total contrat" in page


def test_unwritable_svg_is_refused_before_printing(tmp_path: Path) -> None:
    result = run_cli("compare", "--birth", "2005-05-10", "--svg", str(tmp_path / "no" / "t.svg"))
    assert result.exit_code == 2
    assert result.stdout == "" and "--svg" in result.stderr


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout == f"deis-pay {__version__}\n"


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("schedule", ["--birth", "2005-05-10"]),
        ("compare", ["--birth", "2005-05-10"]),
        ("cerfa", ["--birth", "2005-05-10"]),
        ("grid", ["--at", "2026-06-01"]),
        ("smic", ["--at", "2026-06-01"]),
        ("data", ["--today", "2026-12-06"]),
    ],
)
def test_schema_describes_each_json_output(command: str, args: list[str]) -> None:
    """The schema of each command lists exactly the keys its JSON has, amounts as numbers."""
    schemas = json.loads(run_cli("schema").stdout)
    output = run_cli(command, *args, "--format", "json").json()
    schema = schemas[command]
    # (`history_effect`: only with a history that raises the pay, tests/test_history_effect.py)
    only_with_an_option = {"net", "history_effect"} if command == "schedule" else set()
    assert set(schema["properties"]) == set(output) | only_with_an_option
    assert set(schema["required"]) == set(output)
    if command == "schedule":
        segment = schema["$defs"]["Segment"]["properties"]
        assert "from" in segment and segment["gross"] == {"title": "Gross", "type": "number"}


def test_schema_describes_the_net_of_schedule_net() -> None:
    """`schedule --net` adds `net`: the schedule's schema names it (else an output with it
    would not validate: unknown keys are forbidden), with every key it always holds."""
    schemas = json.loads(run_cli("schema").stdout)
    args = ["--birth", "2005-05-10", "--net", "--health-cover", "40", "--format", "json"]
    output = run_cli("schedule", *args).json()
    schema = schemas["schedule"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(output) | {"history_effect"}
    assert "net" not in schema["required"]
    assert schema["properties"]["net"]["$ref"] == "#/$defs/NetPay"
    definitions = schema["$defs"]
    net = definitions["NetPay"]
    assert set(net["properties"]) == set(net["required"]) == set(output["net"])
    assert "health_cover_employee" in net["properties"]
    assert net["properties"]["total_net"] == {"title": "Total Net", "type": "number"}
    assert set(definitions["NetMonth"]["properties"]) == set(output["net"]["months"][0])
    year = output["net"]["contract_years"][0]
    assert set(definitions["NetContractYear"]["properties"]) == set(year)


def test_xlsx_round_trip_numbers_dates_and_sources(tmp_path: Path) -> None:
    """schedule --format xlsx: euro-formatted numbers, real dates, totals, inputs and sources."""
    from datetime import datetime

    import openpyxl

    path = tmp_path / "echeancier.xlsx"
    result = run_cli("schedule", "--birth", "2005-05-10", "--format", "xlsx", "-o", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Échéancier", "Totaux", "Entrées et sources", "Hypothèses"]
    first = [cell for cell in book["Échéancier"][2]]
    assert first[1].value == datetime(2025, 9, 1) and first[1].number_format == "DD/MM/YYYY"
    assert first[6].value == pytest.approx(0.43) and first[6].number_format == "0%"
    assert first[10].value == pytest.approx(774.78) and "€" in first[10].number_format
    grosses = [float(str(row[10].value)) for row in book["Échéancier"].iter_rows(min_row=2)]
    assert round(sum(grosses), 2) == pytest.approx(32391.62)
    total = list(book["Totaux"].iter_rows(min_row=2, values_only=True))[-1]
    assert total[0] == "Total du contrat" and total[3] == pytest.approx(32391.62)
    details = list(book["Entrées et sources"].iter_rows(min_row=2, values_only=True))
    assert ("Date de naissance", datetime(2005, 5, 10), None) in details
    assert any(row[0] == "Source" and row[1] == "D6222-26" for row in details)


def test_xlsx_with_net_has_a_net_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "net.xlsx"
    result = run_cli(
        "schedule", "--birth", "2005-05-10", "--net", "--format", "xlsx", "-o", str(path)
    )
    assert result.exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Échéancier", "Totaux", "Net", "Entrées et sources", "Hypothèses"]
    rows = list(book["Net"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "Total" and rows[-1][5] == pytest.approx(31189.31)


def test_xlsx_comparison_and_missing_output(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "comparaison.xlsx"
    assert (
        run_cli("compare", "--birth", "2005-05-10", "--format", "xlsx", "-o", str(path)).exit_code
        == 0
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Comparaison", "Scénarios", "Entrées et sources", "Hypothèses"]
    rows = list(book["Comparaison"].iter_rows(min_row=2, values_only=True))
    # A row per contract year of each scenario, then its total; the SSSMS grid's total is
    # 5 735,35 € above the legal grid's (tests/test_views.py), its year 1 1 814,65 € above.
    assert [row[:3] for row in rows] == [
        (scenario, label, year)
        for scenario, label in ((1, "grille légale"), (2, "grille SSSMS"))
        for year in (1, 2, 3, "Total")
    ]
    assert rows[3][5] == pytest.approx(32391.62) and rows[3][8] is None
    assert rows[-1][8] == pytest.approx(5735.35) and rows[4][8] == pytest.approx(1814.65)
    refused = run_cli("schedule", "--birth", "2005-05-10", "--format", "xlsx")
    assert refused.exit_code == 2 and "-o" in refused.stderr and refused.stdout == ""


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_json_number_is_the_plain_notation_of_any_amount(amount: Decimal) -> None:
    """`export.json_number` writes str() when it has no exponent: always `format(_, "f")`."""
    assert json_number(amount) == format(amount, "f")


@pytest.mark.parametrize("text", ["1E+2", "-0.00", "0E-7", "1.5E-9", "123456789.01", "0"])
def test_json_number_on_the_edges_of_scientific_notation(text: str) -> None:
    assert json_number(Decimal(text)) == format(Decimal(text), "f")
    assert "E" not in json_number(Decimal(text))


def test_json_number_refuses_what_json_cannot_hold() -> None:
    for text in ("NaN", "Infinity", "-Infinity", "sNaN"):
        with pytest.raises(ValueError, match="not a finite amount"):
            json_number(Decimal(text))
