"""`compare` as a budget: with different apprentices, a "Total" column (the scenarios added
up) and calendar-year rows, in every format; labels in words, never option names.

Hand check of the figures used (contract 01/09/2026 to 28/02/2029, legal grid, the SMIC of
01/06/2026, 1 867,02 € a month, each month rounded up to the cent as docs/rules.md says):
- born 07/11/2004, 21 at the start: 53 % → 1 867,02 × 0,53 = 989,5206 → 989,53 € a month;
  calendar year 2026 (09 to 12): 4 × 989,53 = 3 958,12 €;
- born 14/03/2006, 20 at the start: 43 % → 1 867,02 × 0,43 = 802,8186 → 802,82 €;
  2026: 4 × 802,82 = 3 211,28 €;
- the budget's 2026: 3 958,12 + 3 211,28 = 7 169,40 €.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

from .conftest import run_cli

TWO = ("compare", "--birth", "07/11/2004", "--birth", "14/03/2006", "--start", "01/09/2026")


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)  # type: ignore[no-any-return]


def test_json_total_and_calendar_years() -> None:
    data = _json(*TWO)
    first, second = data["scenarios"]
    assert first["calendar_years"][0] == {
        "year": 2026, "gross": Decimal("3958.12"), "net": first["calendar_years"][0]["net"],
        "employer_cost_after_aids": None,
    }  # fmt: skip
    assert second["calendar_years"][0]["gross"] == Decimal("3211.28")
    total = data["total"]
    assert total["calendar_years"][0]["year"] == 2026
    assert total["calendar_years"][0]["gross"] == Decimal("7169.40")
    # Sums, exact: overall and per calendar year; each scenario's years add up to its total.
    assert total["gross"] == first["total_gross"] + second["total_gross"]
    assert total["net"] == first["total_net"] + second["total_net"]
    assert total["employer_cost_after_aids"] is None  # no --cost
    for scenario in data["scenarios"]:
        assert sum(y["gross"] for y in scenario["calendar_years"]) == scenario["total_gross"]
        assert sum(y["net"] for y in scenario["calendar_years"]) == scenario["total_net"]
    for index, year in enumerate(total["calendar_years"]):
        assert year["gross"] == sum(s["calendar_years"][index]["gross"] for s in data["scenarios"])


def test_calendar_years_are_those_of_schedule() -> None:
    """A scenario's calendar years are `schedule`'s for its contract alone."""
    data = _json(*TWO)
    alone = _json("schedule", "--birth", "14/03/2006", "--start", "01/09/2026")
    assert [(y["year"], y["gross"]) for y in data["scenarios"][1]["calendar_years"]] == [
        (y["year"], y["gross"]) for y in alone["calendar_years"]
    ]


def test_alternatives_for_one_apprentice_are_not_added_up() -> None:
    """The legal grid against the SSSMS grid, or one apprentice with and without a history:
    no total (null), no Total column; the scenarios still have their calendar years."""
    data = _json("compare", "--birth", "07/11/2004")
    assert data["total"] is None
    assert data["scenarios"][0]["calendar_years"]
    table = run_cli("compare", "--birth", "07/11/2004")
    assert "Total" not in table.stdout.splitlines()[3]  # the header's last line
    assert "année civile" not in table.stdout


def test_mayotte_net_not_computed_makes_the_summed_net_null() -> None:
    data = _json(*TWO, "--territory", "mayotte")
    assert data["scenarios"][0]["total_net"] is None
    assert data["total"]["net"] is None
    assert data["total"]["calendar_years"][0]["net"] is None
    assert data["total"]["gross"] == sum(s["total_gross"] for s in data["scenarios"])


def test_terminal_total_column_and_calendar_rows() -> None:
    result = run_cli(*TWO)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[3].rstrip().endswith("Total")  # after « Écart 2 − 1 »
    text = _flat(result.stdout)
    assert "Brut par année civile" in text
    assert "2026* 3 958,12 € 3 211,28 € -746,84 € 7 169,40 €" in text
    assert "Total : la somme des scénarios" in text


def test_reports_csv_and_xlsx_have_the_budget(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        report = run_cli(*TWO, "--format", fmt)
        assert report.exit_code == 0
        assert "Brut par année civile" in report.stdout
        assert "7 169,40" in _flat(report.stdout)
    csv = run_cli(*TWO, "--format", "csv").stdout.splitlines()
    assert "total,total,calendar,2026-09-01,2026-12-31,7169.40" in "\n".join(csv)
    assert "2,né(e) le 14/03/2006,calendar,2026-09-01,2026-12-31,3211.28" in "\n".join(csv)
    path = tmp_path / "budget.xlsx"
    assert run_cli(*TWO, "--format", "xlsx", "-o", str(path)).exit_code == 0
    from openpyxl import load_workbook

    rows = list(
        load_workbook(io.BytesIO(path.read_bytes()))["Comparaison"].iter_rows(values_only=True)
    )
    budget = [row for row in rows if row[0] == "Total" and row[2] == "Année civile 2026"]
    assert len(budget) == 1 and Decimal(str(budget[0][5])) == Decimal("7169.40")


def test_labels_say_the_history_in_words() -> None:
    data = _json("compare", "--birth", "07/11/2004", "--start", "01/09/2026",
                 "--previous-start", "01/09/2023", "--previous-start", "",
                 "--previous-end", "31/08/2026", "--previous-end", "")  # fmt: skip
    labels = [s["label"] for s in data["scenarios"]]
    assert labels == ["contrat précédent du 01/09/2023 au 31/08/2026", "sans contrat précédent"]
    assert [n["code"] for s in data["scenarios"] for n in s["label_notices"]] == [
        "scenario_previous_contract", "scenario_previous_none"
    ]  # fmt: skip
    other = _json("compare", "--birth", "07/11/2004", "--start", "01/09/2026",
                  "--prolonged-to", "31/08/2029", "--prolonged-to", "",
                  "--smc", "2100", "--smc", "")  # fmt: skip
    labels = [_flat(s["label"]) for s in other["scenarios"]]
    assert labels == ["SMC de 2 100 €, prolongé jusqu'au 31/08/2029", "sans SMC, sans prolongation"]
    english = run_cli("compare", "--birth", "07/11/2004", "--start", "01/09/2026",
                      "--prolonged-to", "31/08/2029", "--prolonged-to", "", "--lang", "en",
                      "--format", "json")  # fmt: skip
    labels = [s["label"] for s in json.loads(english.stdout)["scenarios"]]
    assert labels == ["prolonged to 31/08/2029", "without prolongation"]
    for label in labels:
        assert "--" not in label
