"""`deis-pay check` on the command line: the worked cases of tests/check-cases.json, the due of
every month equal to the schedule's gross, the pay file (CSV and xlsx) read as the options,
each bad input refused in one line with exit 2, every output format, and the letter (Markdown,
and HTML parsed as a browser would, then drawn by a headless browser when there is one)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from deis_pay.i18n.language import set_language
from deis_pay.present.views import check_reason
from deis_pay.rules.check import CheckRule

from .conftest import TESTS, cli_args, load_cases, run_cli

NBSP, NNBSP = "\u00a0", "\u202f"


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def _check_cases() -> list[dict[str, Any]]:
    with (TESTS / "check-cases.json").open(encoding="utf-8") as handle:
        cases: list[dict[str, Any]] = json.load(handle)["cases"]
    return cases


CASES = {case["id"]: case for case in _check_cases()}


def _contract(args: dict[str, Any]) -> list[str]:
    """The contract and history options of a check case, and its --today."""
    argv = ["--birth", args["birth_date"], "--start", args["start"], "--end", args["end"],
            "--grid", args["grid"], "--today", args["today"]]  # fmt: skip
    for name, value in args.get("history", {}).items():
        argv += ["--" + name.replace("_", "-"), str(value)]
    return argv


def _paid_options(args: dict[str, Any]) -> list[str]:
    argv: list[str] = []
    for entry in args["paid"]:
        argv += ["--paid", f"{entry['month']}={entry['gross']}"]
        if entry["absence"]:
            argv += ["--absence", entry["month"]]
    return argv


def _run_check(*args: str) -> dict[str, Any]:
    result = run_cli("check", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def _same(expected: Any, found: Any) -> bool:
    """A value of the shared vectors (amounts as strings) against the JSON's (exact decimals)."""
    if isinstance(expected, str) and isinstance(found, Decimal):
        return Decimal(expected) == found
    if isinstance(expected, dict) and isinstance(found, dict):
        return expected.keys() <= found.keys() and all(
            _same(value, found[key]) for key, value in expected.items()
        )
    return bool(expected == found)


# --- the worked cases


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_the_worked_cases_give_their_months_and_totals(case_id: str) -> None:
    case = CASES[case_id]
    args, expected = case["args"], case["expected"]
    document = _run_check(*_contract(args), *_paid_options(args))
    months = document["months"]
    assert [m["month"] for m in months] == [m["month"] for m in expected["months"]]
    for wanted, found in zip(expected["months"], months, strict=True):
        for key, value in wanted.items():
            assert _same(value, found[key]), (wanted["month"], key, value, found[key])
    for key in ("total_shortfall", "total_overpaid", "total_claimable"):
        assert Decimal(expected[key]) == document[key], key
    assert document["claim_window"] == expected["claim_window"]
    # The totals over the judged months are the sums of their months.
    judged = [m for m in months if m["difference"] is not None]
    assert document["total_due"] == sum((m["due"] for m in judged), Decimal(0))
    assert document["total_paid"] == sum((m["paid"] for m in judged), Decimal(0))


def test_the_json_has_its_stable_keys() -> None:
    case = CASES["check-smic-revaluation-missed"]
    document = _run_check(*_contract(case["args"]), *_paid_options(case["args"]))
    assert list(document) == [
        "schema_version", "inputs", "today", "months", "total_due", "total_paid",
        "total_shortfall", "total_overpaid", "total_claimable", "claim_window", "sources",
        "data_verified_through", "warnings", "notices", "data", "assumptions",
    ]  # fmt: skip
    month = next(m for m in document["months"] if m["status"] == "underpaid")
    assert list(month) == ["month", "due", "paid", "difference", "status", "claimable",
                           "projected", "rules"]  # fmt: skip
    assert month["rules"][0] == {
        "code": "smic", "since": "2024-11-01", "before": "1766.92", "after": "1801.80",
        "source": "decret-2024-951",
    }  # fmt: skip
    assert document["today"] == "2026-11-15"
    assert {"L3245-1", "D3231-6", "decret-2024-951"} <= {s["id"] for s in document["sources"]}


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case["id"])
def test_due_is_the_schedule_gross_of_every_month(case: dict[str, Any]) -> None:
    """With nothing paid, every month is `not_given` and its due is the schedule's gross."""
    argv = cli_args(case["args"])
    schedule = run_cli(*argv)
    assert schedule.exit_code == 0, schedule.stderr
    check = run_cli("check", *argv[1:], "--today", "2026-12-06")
    assert check.exit_code == 0, check.stderr
    months = check.json()["months"]
    assert [(m["month"], m["due"]) for m in months] == [
        (m["month"], m["gross"]) for m in schedule.json()["months"]
    ]
    assert {m["status"] for m in months} == {"not_given"}
    assert all(m["paid"] is None and m["claimable"] is None for m in months)
    document = check.json()
    assert document["total_due"] == document["total_claimable"] == 0
    assert "nothing_paid_given" in {n["code"] for n in document["notices"]}


# --- the pay file, read as the options


SMIC_CASE = CASES["check-smic-revaluation-missed"]


def _rows(month_style: str = "slash") -> list[tuple[str, str, bool]]:
    rows = []
    for entry in SMIC_CASE["args"]["paid"]:
        year, month = entry["month"].split("-")
        shown = f"{month}/{year}" if month_style == "slash" else entry["month"]
        rows.append((shown, entry["gross"], entry["absence"]))
    return rows


def _expected_json() -> dict[str, Any]:
    args = SMIC_CASE["args"]
    return _run_check(*_contract(args), *_paid_options(args))


def _from_file(path: Path, *extra: str) -> dict[str, Any]:
    return _run_check(*_contract(SMIC_CASE["args"]), "--paid-file", str(path), *extra)


def test_a_csv_with_commas_and_english_headers(tmp_path: Path) -> None:
    lines = ["month,gross,absence"]
    lines += [f"{m},{g},{'yes' if a else ''}" for m, g, a in _rows("iso")]
    path = tmp_path / "paid.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _from_file(path) == _expected_json()


def test_a_csv_with_semicolons_french_headers_and_a_bom(tmp_path: Path) -> None:
    lines = ["Mois ; BRUT ; Absence"]
    lines += [f"{m};{g.replace('.', ',')} €;{'oui' if a else 'non'}" for m, g, a in _rows()]
    path = tmp_path / "paie.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    assert _from_file(path) == _expected_json()


def test_a_csv_saved_in_cp1252_and_an_absence_given_as_an_option(tmp_path: Path) -> None:
    """Excel's "CSV (point-virgule)" of a French Windows: cp1252 (`€` is byte 0x80); the
    month with an absence marked by --absence instead of a column."""
    lines = ["mois;brut"] + [f"{m};{g.replace('.', ',')} €" for m, g, _ in _rows()]
    path = tmp_path / "paie.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    assert b"\x80" in path.read_bytes()
    absent = [m for m, _, a in _rows() if a]
    extra = [item for month in absent for item in ("--absence", month)]
    assert _from_file(path, *extra) == _expected_json()


def test_an_xlsx_with_date_cells_numbers_and_text(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mois", "Brut", "Absence"])
    for index, (month, gross, absence) in enumerate(_rows("iso")):
        year, number = (int(part) for part in month.split("-"))
        # Months as date cells and as text, amounts as numbers and as French text.
        cell: object = date(year, number, 1) if index % 2 else month
        amount: object = float(gross) if index % 3 else gross.replace(".", ",")
        sheet.append([cell, amount, "X" if absence else None])
    path = tmp_path / "paie.xlsx"
    book.save(path)
    assert _from_file(path) == _expected_json()


def test_a_month_in_the_file_and_in_an_option_is_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "paie.csv"
    path.write_text("mois;brut\n11/2024;1148,50\n", encoding="utf-8")
    result = run_cli("check", *_contract(SMIC_CASE["args"]), "--paid-file", str(path),
                     "--paid", "2024-11=1148.50")  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "11/2024" in result.stderr and "deux fois" in result.stderr


# --- bad input: exit 2, one line naming what is wrong, in French or in English

CONTRACT = ["--birth", "2004-02-15", "--start", "2023-09-01", "--end", "2026-08-31",
            "--today", "2026-11-15"]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "french", "english"),
    [
        (
            ["--paid", "08/2023=700"],
            "mois payé 08/2023 hors du contrat",
            "paid month 08/2023 outside the contract",
        ),
        (
            ["--paid", "2026-09=700"],
            "09/2026 hors du contrat (de 09/2023 à 08/2026)",
            "09/2026 outside the contract (09/2023 to 08/2026)",
        ),
        (
            ["--paid", "09/2023=700", "--paid", "2023-09=700"],
            "mois payé 09/2023 donné deux fois",
            "paid month 09/2023 given twice",
        ),
        (
            ["--paid", "10/2023=-5"],
            "mois payé 10/2023 : -5 €, un montant de 0 ou plus",
            "paid month 10/2023: €-5, an amount of 0 or more",
        ),
        (
            ["--paid", "10/2023=250000"],
            "mois payé 10/2023 : 250000 €, un brut mensuel d'au plus",
            "paid month 10/2023: €250000, a monthly gross of at most",
        ),
        (
            ["--paid", "13/2023=700"],
            "--paid : « 13/2023 » n'est pas un mois",
            "--paid: “13/2023” is not a month",
        ),
        (
            ["--paid", "10/2023"],
            "--paid : « 10/2023 », attendu MM/AAAA=MONTANT",
            "--paid: “10/2023”, expected MM/YYYY=AMOUNT",
        ),
        (
            ["--paid", "10/2023=abc"],
            "--paid : « abc » n'est pas un montant",
            "--paid: “abc” is not an amount",
        ),
        (
            ["--absence", "10/2023"],
            "--absence : mois 10/2023 marqué absent sans montant payé",
            "--absence: month 10/2023 marked absent without a paid amount",
        ),
        (
            ["--letter", "lettre.pdf"],
            "--letter : lettre.pdf, un fichier .html ou .md est attendu",
            "--letter: lettre.pdf, an .html or .md file is expected",
        ),
        (["--format", "pdf"], "--format : « pdf » inconnu", "--format: “pdf” unknown"),
    ],
)
def test_bad_options_are_refused_in_one_line(args: list[str], french: str, english: str) -> None:
    for lang, wanted in (("fr", french), ("en", english)):
        result = run_cli("check", *CONTRACT, *args, "--lang", lang)
        assert result.exit_code == 2, result.stdout
        assert result.stdout == ""
        message = _plain(result.stderr)
        assert message.count("\n") == 1 and "Traceback" not in message
        assert wanted in message, message


PAY_FILES: list[tuple[str, bytes, str, str]] = [
    ("empty.csv", b"", "est vide : une ligne d'en-tête est attendue", "is empty: a header line"),
    ("blank.csv", b"\n  \n", "est vide", "is empty"),
    ("header.csv", b"mois;brut\n", "ne donne aucun mois", "gives no month"),
    ("no-gross.csv", b"mois\n09/2023\n", "colonnes obligatoires absentes : gross",
     "required columns missing: gross"),
    ("no-month.csv", b"gross,absence\n700,\n", "colonnes obligatoires absentes : month",
     "required columns missing: month"),
    ("unknown.csv", b"mois;brut;net\n09/2023;700;600\n", "colonnes inconnues : net",
     "unknown columns: net"),
    ("twice.csv", b"month;mois;brut\n", "colonnes en double : mois", "columns given twice: mois"),
    ("bad-month.csv", b"mois;brut\n09/2023;700\n\nseptembre;700\n",
     "ligne 4 : « septembre » n'est pas un mois", "line 4: “septembre” is not a month"),
    ("bad-amount.csv", b"mois;brut\n09/2023;sept cents\n", "ligne 2 : « sept cents » n'est pas un",
     "line 2: “sept cents” is not a gross"),
    ("negative.csv", b"mois;brut\n09/2023;700\n10/2023;-12,50\n", "ligne 3 : « -12,50 »",
     "line 3: “-12,50”"),
    ("no-amount.csv", b"mois;brut\n09/2023;\n", "ligne 2 : «  » n'est pas un brut",
     "line 2: “” is not a gross"),
    ("bad-absence.csv", b"mois;brut;absence\n09/2023;700;peut-etre\n",
     "ligne 2 : absence « peut-etre », attendu oui ou non", "line 2: absence “peut-etre”"),
    ("same-month.csv", b"mois;brut\n09/2023;700\n2023-09;700\n",
     "ligne 3 : mois 09/2023 déjà donné ligne 2", "line 3: month 09/2023 already given on line 2"),
    ("cells.csv", b"mois;brut\n09/2023;700;12\n", "ligne 2 : 3 champs au lieu de 2",
     "line 2: 3 fields instead of 2"),
    ("quote.csv", b'mois;brut\n"09/2023;700\n', "ligne 2 : CSV mal formé", "line 2: malformed CSV"),
    ("binary.csv", b"\xd0\xcf\x11\xe0\x00\x00", "n'est ni un fichier CSV ni un classeur .xlsx",
     "is neither a CSV file nor an .xlsx workbook"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "illisible", "cannot read"),
    ("outside.csv", b"mois;brut\n09/2029;700\n", "mois payé 09/2029 hors du contrat",
     "paid month 09/2029 outside the contract"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "french", "english"), PAY_FILES, ids=[row[0] for row in PAY_FILES]
)
def test_a_bad_pay_file_is_refused_naming_the_file_and_line(
    tmp_path: Path, name: str, content: bytes, french: str, english: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for lang, wanted in (("fr", french), ("en", english)):
        result = run_cli("check", *CONTRACT, "--paid-file", str(path), "--lang", lang)
        assert result.exit_code == 2, result.stdout
        assert result.stdout == ""
        message = _plain(result.stderr)
        assert message.count("\n") == 1 and "Traceback" not in message
        assert wanted in message, message
        if "hors du contrat" not in french:
            assert "--paid-file" in message and name in message


def test_a_missing_or_folder_pay_file_is_refused(tmp_path: Path) -> None:
    missing = run_cli("check", *CONTRACT, "--paid-file", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2 and "none.csv introuvable" in missing.stderr
    folder = run_cli("check", *CONTRACT, "--paid-file", str(tmp_path), "--lang", "en")
    assert folder.exit_code == 2 and "is a folder, a file is expected" in folder.stderr


def test_a_huge_pay_file_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"mois;brut\n" + b"09/2023;700\n" * 200_000)
    result = run_cli("check", *CONTRACT, "--paid-file", str(path))
    assert result.exit_code == 2 and "trop grand" in result.stderr


def test_no_output_overwrites_the_pay_file_or_another_output(tmp_path: Path) -> None:
    path = tmp_path / "paie.csv"
    path.write_text("mois;brut\n09/2023;751,30\n", encoding="utf-8")
    over = run_cli("check", *CONTRACT, "--paid-file", str(path), "--format", "csv",
                   "-o", str(path))  # fmt: skip
    assert over.exit_code == 2 and "--paid-file" in over.stderr
    assert path.read_text(encoding="utf-8") == "mois;brut\n09/2023;751,30\n"
    letter = tmp_path / "lettre.md"
    same = run_cli("check", *CONTRACT, "--format", "letter", "-o", str(letter),
                   "--letter", str(letter))  # fmt: skip
    assert same.exit_code == 2 and not letter.exists()


# --- the outputs


def _age_case(*extra: str) -> Any:
    args = CASES["check-age-change-missed"]["args"]
    return run_cli("check", *_contract(args), *_paid_options(args), *extra)


def test_the_table_shows_each_status_reason_and_the_totals() -> None:
    result = _age_case()
    assert result.exit_code == 0, result.stderr
    text = _plain(result.stdout)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    march = next(line for line in lines if line.lstrip().startswith("03/2025"))
    assert "1 099,10 €" in march and "918,92 €" in march and "-180,18 €" in march
    assert "sous-payé" in march
    assert "trop-payé" in next(line for line in lines if "12/2024" in line)
    assert " ok" in next(line for line in lines if "09/2023" in line)
    flat = " ".join(text.split())
    assert "tranche 21-25 ans à partir du 01/03/2025 non appliquée (art. D6222-31)" in flat
    assert "Total 38 256,31 € 36 081,37 €" in flat
    assert "Manque -2 274,94 € 12 mois" in flat
    assert "Trop-payé +100,00 € 1 mois à part, non déduit du manque" in flat
    assert "Réclamable 2 274,94 € salaires dus du 31/08/2023 au 31/08/2026" in flat
    warnings = " ".join(_plain(result.stderr).split())
    assert "Attention : 100,00 € payés en plus certains mois" in warnings
    assert "non déduits du manque" in warnings


def test_the_table_in_english() -> None:
    result = _age_case("--lang", "en")
    assert result.exit_code == 0
    flat = " ".join(result.text.split())
    assert "underpaid" in flat and "overpaid" in flat
    assert "age bracket 21-25 from 01/03/2025 not applied (art. D6222-31)" in flat
    assert "Shortfall -€2,274.94 12 month(s)" in flat
    assert "Warning:" in result.stderr


def test_time_barred_months_are_marked() -> None:
    args = CASES["check-time-barred"]["args"]
    result = run_cli("check", *_contract(args), *_paid_options(args), "--format", "md")
    assert result.exit_code == 0
    rows = {line.split(" | ")[0].strip("| *"): line for line in _plain(result.stdout).splitlines()
            if line.startswith("| ")}  # fmt: skip
    assert "sous-payé, prescrit" in rows["09/2023"] and "sous-payé, prescrit" in rows["10/2023"]
    assert "prescrit" not in rows["11/2023"] and "sous-payé" in rows["11/2023"]
    assert "taux de la grille (art. D6222-26)" in rows["11/2023"]
    assert "Prescrit : salaire dû avant le 15/11/2023, plus réclamable" in result.text


def test_the_reasons_name_the_change_or_the_rule_and_its_text() -> None:
    smic = CheckRule("smic", date(2024, 11, 1), "1766.92", "1801.80", "decret-2024-951")
    year = CheckRule("contract_year", date(2026, 9, 1), "1", "2", "D6222-26")
    base = CheckRule("base", date(2025, 3, 1), "smic", "smc", "D6222-26")
    floor = CheckRule("rate", date(2025, 9, 1), "", "D6222-29", "D6222-29")
    rule = CheckRule("rule", date(2026, 9, 1), "D6222-26", "D6222-28", "D6222-28")
    sssms = CheckRule("rate", date(2025, 9, 1), "", "SSSMS", "accord-sssms-2020")
    said = {rule.code + rule.after: _plain(check_reason(rule))
            for rule in (smic, year, base, floor, rule, sssms)}  # fmt: skip
    assert said == {
        "smic1801.80": "SMIC du 01/11/2024 non appliqué (1 766,92 → 1 801,80 €, décret 2024-951)",
        "contract_year2": "2e année à partir du 01/09/2026 non appliquée (art. D6222-26)",
        "basesmc": "changement de base (SMC) au 01/03/2025 non appliqué (art. D6222-26)",
        "rateD6222-29": "plancher du contrat précédent (art. D6222-29)",
        "ruleD6222-28": "taux de la prolongation après un échec à l'examen à partir du "
        "01/09/2026 non appliqué (art. D6222-28)",
        "rateSSSMS": "taux de la grille SSSMS (accord SSSMS de 2020)",
    }
    set_language("en")
    assert _plain(check_reason(smic)) == (
        "SMIC of 01/11/2024 not applied (€1,766.92 → €1,801.80, decree 2024-951)"
    )


def test_a_contract_year_not_applied_is_named() -> None:
    """The 2nd year of a DEIS contract (01/09/2026) paid at the rate of the 1st."""
    birth = ["--birth", "2005-05-10"]
    schedule = run_cli("schedule", *birth, "--format", "json").json()
    gross = {m["month"]: m["gross"] for m in schedule["months"]}
    result = run_cli("check", *birth, "--today", "2026-12-06", "--paid",
                     f"2026-08={gross['2026-08']}", "--paid", f"2026-09={gross['2026-08']}",
                     "--format", "json")  # fmt: skip
    month = next(m for m in result.json()["months"] if m["month"] == "2026-09")
    assert month["status"] == "underpaid"
    assert [r["code"] for r in month["rules"]] == ["contract_year"]
    table = run_cli("check", *birth, "--today", "2026-12-06", "--paid",
                    f"2026-09={gross['2026-08']}", "--format", "md")  # fmt: skip
    assert "2e année à partir du 01/09/2026 non appliquée" in table.text


def test_csv_has_one_row_per_month() -> None:
    result = _age_case("--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("month,due,paid,difference,status,claimable,projected,rules,"
                        "rule_since,rule_sources")  # fmt: skip
    assert len(lines) == 1 + 36
    march = "2025-03,1099.10,918.92,-180.18,underpaid,true,false,age_bracket,2025-03-01,D6222-31"
    assert march in lines
    assert "2024-12,918.92,1018.92,100.00,overpaid,true,false,,," in lines


def test_xlsx_holds_the_months_the_totals_and_the_sources(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "check.xlsx"
    assert _age_case("--format", "xlsx", "-o", str(path)).exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["Vérification", "Totaux", "Entrées et sources", "Hypothèses"]
    months = list(book["Vérification"].iter_rows(values_only=True))
    assert len(months) == 1 + 36
    march = next(row for row in months if str(row[0]).startswith("2025-03-01"))
    assert [Decimal(str(cell)) for cell in march[1:4]] == [
        Decimal("1099.10"), Decimal("918.92"), Decimal("-180.18")
    ]  # fmt: skip
    assert march[4:6] == ("sous-payé", "oui")
    assert "tranche 21-25 ans" in str(march[7])
    totals = {row[0]: row[1] for row in book["Totaux"].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(totals["Réclamable"])) == Decimal("2274.94")
    assert Decimal(str(totals["Trop-payé, à part"])) == Decimal("100")
    sources = [row for row in book["Entrées et sources"].iter_rows(values_only=True)
               if row[0] == "Source"]  # fmt: skip
    assert {"L3245-1", "D6222-31"} <= {row[1] for row in sources}


def test_html_and_markdown_reports_flag_the_short_months() -> None:
    page = _age_case("--format", "html").stdout
    assert page.count('<tr class="flagged">') == 12
    assert "tr.flagged" in page
    markdown = _age_case("--format", "md").text
    assert "| **03/2025** | **1 099,10 €** | **918,92 €** | **-180,18 €** | **sous-payé** |" in (
        markdown
    )
    assert "## Avertissements" in markdown and "L3245-1" in markdown


def test_the_schema_describes_the_check_output() -> None:
    schemas = json.loads(run_cli("schema").stdout)
    output = _age_case("--format", "json").json()
    schema = schemas["check"]
    assert set(schema["properties"]) == set(output) == set(schema["required"])
    month = schema["$defs"]["CheckMonth"]["properties"]
    assert set(month) == set(output["months"][0])
    assert month["due"] == {"title": "Due", "type": "number"}
    assert set(schema["$defs"]["ClaimWindow"]["properties"]) == {"from", "to"}


# --- the letter


def test_the_markdown_letter_lists_the_short_months_and_the_total() -> None:
    result = _age_case("--format", "letter")
    assert result.exit_code == 0, result.stderr
    text = result.text
    assert "**Objet : demande de régularisation de salaire**" in text
    assert "- du 01/09/2023 au 31/08/2026" in text and "né(e) le 15/02/2004" in text
    assert "grille légale (art. D6222-26)" in text
    short = [line for line in text.splitlines() if line.startswith("| ") and "€" in line
             and "Total" not in line]  # fmt: skip
    assert [line.split(" | ")[0][2:] for line in short] == [
        "03/2025", "04/2025", "05/2025", "06/2025", "07/2025", "08/2025", "09/2025", "10/2025",
        "11/2025", "12/2025", "01/2026", "02/2026",
    ]  # fmt: skip
    assert short[0] == ("| 03/2025 | 1 099,10 € | 918,92 € | -180,18 € | tranche 21-25 ans à "
                        "partir du 01/03/2025 non appliquée | art. D6222-31 |")  # fmt: skip
    assert "| **Total** |  |  | **-2 274,94 €** |  |  |" in text
    assert "Le total qui reste dû s'élève à 2 274,94 €" in text
    assert "régulariser cette somme sur mon prochain bulletin de paie" in text
    assert "ne constituent pas un conseil juridique" in text.rstrip().splitlines()[-1]
    assert "12/2024" not in text  # an overpaid month is no part of the claim


def test_the_letter_puts_the_time_barred_months_apart() -> None:
    args = CASES["check-time-barred"]["args"]
    text = run_cli("check", *_contract(args), *_paid_options(args), "--format", "letter").text
    claimed, barred = text.split("Ils ne sont pas réclamés ici (50,00 € en tout) :")
    assert "| 11/2023 |" in claimed and "| 09/2023 |" not in claimed
    assert "| 09/2023 |" in barred and "| 10/2023 |" in barred and "| 11/2023 |" not in barred
    assert "Le total qui reste dû s'élève à 900,00 €" in claimed


def test_with_nothing_to_claim_the_letter_asks_for_nothing() -> None:
    args = CASES["check-age-change-missed"]["args"]
    right = [item for e in args["paid"][:12] for item in ("--paid", f"{e['month']}={e['gross']}")]
    text = run_cli("check", *_contract(args), *right, "--format", "letter").text
    assert "Objet : vérification de mon salaire" in text
    assert "il n'y a rien à régulariser" in text
    assert "régulariser cette somme" not in text and "| Mois |" not in text
    # Short months all out of the claim window: shown, and nothing asked.
    barred = ["--birth", "2003-01-10", "--start", "2019-09-01", "--end", "2021-08-31",
              "--today", "2026-11-15", "--paid", "09/2019=100"]  # fmt: skip
    late = run_cli("check", *barred, "--format", "letter")
    assert late.exit_code == 0, late.stderr
    assert "ne peut plus être réclamé" in late.text and "| 09/2019 |" in late.text
    assert "régulariser cette somme" not in late.text


def test_the_letter_in_english(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    result = _age_case("--lang", "en", "--letter", str(path))
    assert result.exit_code == 0
    text = _plain(path.read_text(encoding="utf-8"))
    assert "**Subject: request for the payment of wages owed**" in text
    assert "The total still owed is €2,274.94" in text
    assert "they are not legal advice" in text


class _Page(HTMLParser):
    """What a browser builds of the letter: the elements met (in order), the title, and the
    rows of each table's body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.title = ""
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "br"):
            self.open.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and "tbody" in self.open:
            self.tables[-1].append([])
        elif tag in ("td", "th") and "tbody" in self.open:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "title":
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


def test_the_html_letter_is_a_real_page(tmp_path: Path) -> None:
    args = CASES["check-time-barred"]["args"]
    path = tmp_path / "lettre.html"
    result = run_cli("check", *_contract(args), *_paid_options(args), "--letter", str(path),
                     "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json()["total_claimable"] == Decimal("900.00")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="fr">')
    page = _Page()
    page.feed(text)
    page.close()
    assert page.open == []  # every element closed, in order
    assert page.tags[:4] == ["html", "head", "meta", "meta"] and "body" in page.tags
    assert page.tags.index("title") < page.tags.index("body")
    assert page.title == "Objet : demande de régularisation de salaire"
    expected = CASES["check-time-barred"]["expected"]["months"]
    short = [m for m in expected if m["status"] == "underpaid"]
    claimed, barred = page.tables
    assert [row[0] for row in claimed] == [
        f"{m['month'][5:]}/{m['month'][:4]}" for m in short if m["claimable"]
    ]
    assert [row[0] for row in barred] == ["09/2023", "10/2023"]
    assert len(claimed) + len(barred) == len(short) == 38
    assert _plain(claimed[0][3]) == "-25,00 €" and claimed[0][5] == "art. D6222-26"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium to draw the letter with (the page itself was checked)")
    shot = tmp_path / "lettre.png"
    drawn = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400",
         f"--screenshot={shot}", path.as_uri()],
        capture_output=True, timeout=180, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr[-500:]
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        ("fr", ["D3231-6", "L3245-1", "prime de transport", "heures supplémentaires",
                "dernier jour du mois", "remboursements de frais"]),
        ("en", ["D3231-6", "L3245-1", "transport bonus", "overtime", "on its last day",
                "expense allowances"]),
    ],
)  # fmt: skip
def test_the_help_says_what_to_enter_and_the_claim_window(lang: str, wanted: list[str]) -> None:
    result = run_cli("check", "--help", "--lang", lang, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for text in wanted:
        assert text in flat, text
    for option in ("--paid", "--absence", "--paid-file", "--today", "--letter", "--format"):
        assert option in flat
    main = " ".join(run_cli("--help", env={"COLUMNS": "100"}).stdout.split())
    assert main.index(" cerfa ") < main.index(" check ") < main.index(" grid ")
