"""`deis-pay batch --paid-file`: each contract's `check` is what `check_pay` gives for the same
contract and pay rows, with one worker or two; the pay file is read whole before the run, a
bad row fails its contract's record only (naming its line), its ids without a contract are
reported and fail the run, and an unreadable pay file stops it before any output."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from deis_pay.api import check_pay
from deis_pay.batch.lines import CHECK_TOTALS, Audit, audited, check_json
from deis_pay.batch.read import paid_months, read_paid
from deis_pay.data.loader import default_dataset
from deis_pay.input.text import contract_from_text
from deis_pay.present.export import dumps_line
from deis_pay.rules.check import PayCheck
from deis_pay.rules.contract import check_contract
from deis_pay.rules.models import ContractInputs
from deis_pay.rules.pay import schedule_for

from .conftest import Run, run_cli

CASES = json.loads((Path(__file__).parent / "check-cases.json").read_text(encoding="utf-8"))
TODAY = "2026-11-15"
COLUMNS = ("id", "birth_date", "start", "end", "grid", "prolonged_to", "prolongation_reason")

Contract = dict[str, str]  # a row of the contracts file, by column
PaidRow = tuple[str, str, str]  # (month, gross, absence) as the pay file writes them


def _plain(value: Any) -> Any:
    """A value as a batch line reads back: JSON, its numbers as Decimals."""
    return json.loads(dumps_line(value), parse_float=Decimal)


def _files(
    tmp_path: Path, contracts: list[Contract], paid: list[tuple[str, PaidRow]]
) -> tuple[Path, Path]:
    source = tmp_path / "contrats.csv"
    rows = [",".join(COLUMNS)] + [",".join(c.get(n, "") for n in COLUMNS) for c in contracts]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    pay = tmp_path / "paie.csv"
    lines = ["id;mois;brut;absence"] + [f"{i};{m};{g};{a}" for i, (m, g, a) in paid]
    pay.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source, pay


def _records(result: Run) -> list[dict[str, Any]]:
    return [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]


def _inputs(contract: Contract) -> ContractInputs:
    return contract_from_text(default_dataset(), {k: v or None for k, v in contract.items()})


def _expected(contract: Contract, paid: list[tuple[str, PaidRow]]) -> PayCheck:
    """`deis_pay.check_pay` of a contract and its rows of the pay file."""
    own = [(m, g, a) for i, (m, g, a) in paid if i == contract["id"]]
    result = check_pay(
        _inputs(contract),
        {m: g.replace(",", ".") for m, g, _ in own},
        TODAY,
        absences=[m for m, _, a in own if a],
    )
    assert isinstance(result, PayCheck)
    return result


def _same_check(record: dict[str, Any], expected: PayCheck, months: bool = False) -> None:
    """The record's check is `expected`: its totals, claim window, months by status, its own
    notices (after its schedule's, which are the line's) and, with `months`, its months."""
    check = record["check"]
    for name in CHECK_TOTALS:
        assert check[name] == getattr(expected, name), (record["id"], name)
    assert check["today"] == TODAY
    assert check["claim_window"] == _plain(expected.claim_window)
    statuses = [month.status for month in expected.months]
    assert check["months_by_status"] == {
        s: statuses.count(s) for s in ("ok", "underpaid", "overpaid", "not_given", "absence")
    }
    schedule = schedule_for(expected.inputs, default_dataset())
    own = expected.notices[len(schedule.notices) :]
    assert check["notices"] == _plain(own)
    assert check["warnings"] == list(expected.warnings[len(schedule.notices) :])
    assert ("months" in check) is months
    if months:
        assert check["months"] == _plain(expected.months)


def _pay_rows(contract: Contract, count: int, seed: int) -> list[tuple[str, PaidRow]]:
    """`count` months of the contract from its first: paid their due, or 30 € less (one in
    four), 50 € more (one in seven), an absence (one in eleven), or not given (one in
    thirteen); French amounts (decimal comma)."""
    months = schedule_for(_inputs(contract), default_dataset()).months[:count]
    rows = []
    for n, month in enumerate(months):
        k = n + seed
        if k % 13 == 5:
            continue
        gross = month.gross - 30 if k % 4 == 1 else month.gross + 50 if k % 7 == 3 else month.gross
        absence = "oui" if k % 11 == 7 else ""
        rows.append((contract["id"], (month.month, str(gross).replace(".", ","), absence)))
    return rows


def _mixed() -> tuple[list[Contract], list[tuple[str, PaidRow]]]:
    """Contracts of every kind, with pay rows given in any order: the worked cases, contracts
    of the two grids, two contracts that differ only by their id (a batch shares their line,
    not their check), one without any pay row."""
    contracts: list[Contract] = []
    paid: list[tuple[str, PaidRow]] = []
    for case in CASES["cases"]:
        args = case["args"]
        history = args.get("history", {})
        contracts.append({"id": case["id"], **{n: args.get(n, "") for n in COLUMNS[1:5]},
                          **history})  # fmt: skip
        for row in args["paid"]:
            paid.append((case["id"], (row["month"], row["gross"], "x" if row["absence"] else "")))
    plain = [
        {"id": "G-1", "birth_date": "2006-03-20", "start": "2024-09-01", "end": "2027-08-31"},
        {"id": "S-1", "birth_date": "2001-07-02", "start": "2025-01-15", "end": "2026-07-14",
         "grid": "sssms"},
        {"id": "T-1", "birth_date": "2005-05-10", "start": "2024-09-01", "end": "2026-08-31"},
        {"id": "T-2", "birth_date": "2005-05-10", "start": "2024-09-01", "end": "2026-08-31"},
        {"id": "T-3", "birth_date": "2005-05-10", "start": "2024-09-01", "end": "2026-08-31"},
    ]  # fmt: skip
    contracts += plain
    for n, contract in enumerate(plain[:-1]):
        paid += _pay_rows(contract, 14 + n, n)
    paid.sort(key=lambda row: row[1][0])  # (a pay file in any order: by month, ids mixed)
    contracts.append({"id": "NONE", "birth_date": "2004-01-01", "start": "2025-09-01"})
    return contracts, paid


@pytest.mark.parametrize("out_format", ["jsonl", "csv"])
def test_each_check_is_that_of_check_pay(tmp_path: Path, out_format: str) -> None:
    """Every record's check equals `deis_pay.check_pay` for its contract and its pay rows, in
    JSON lines and in the CSV summary's columns."""
    contracts, paid = _mixed()
    source, pay = _files(tmp_path, contracts, paid)
    result = run_cli("batch", str(source), "--paid-file", str(pay), "--today", "15/11/2026",
                     "--out-format", out_format)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    if out_format == "jsonl":
        records = _records(result)
        assert [r["id"] for r in records] == [c["id"] for c in contracts]
        for contract, record in zip(contracts, records, strict=True):
            assert record["ok"] is True, record
            _same_check(record, _expected(contract, paid))
        assert records[-1]["check"]["notices"][0]["code"] == "nothing_paid_given"
        assert records[-4]["check"] != records[-3]["check"]  # (T-1, T-2: one line, two checks)
    else:
        import csv

        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert list(rows[0])[-4:] == ["check_shortfall", "check_claimable", "check_overpaid",
                                      "defaults"]  # fmt: skip
        for contract, row in zip(contracts, rows, strict=True):
            expected = _expected(contract, paid)
            assert Decimal(row["check_shortfall"]) == expected.total_shortfall
            assert Decimal(row["check_claimable"]) == expected.total_claimable
            assert Decimal(row["check_overpaid"]) == expected.total_overpaid
    assert "2 contrat(s) sans ligne dans le fichier de paie" in result.stderr  # (T-3, NONE)
    assert result.stderr.splitlines()[0] == (
        f"{len(contracts)} records, {len(contracts)} ok, 0 errors, 0 pay file ids unmatched"
    )


def test_months_detail_carries_the_months_of_the_check(tmp_path: Path) -> None:
    contracts, paid = _mixed()
    source, pay = _files(tmp_path, contracts, paid)
    result = run_cli("batch", str(source), "--paid-file", str(pay), "--today", TODAY,
                     "--detail", "months")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for contract, record in zip(contracts, _records(result), strict=True):
        _same_check(record, _expected(contract, paid), months=True)
        assert "months" in record  # (the schedule's own months, before the check)


def test_two_workers_get_the_pay_rows_of_their_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 200 contracts (three chunks): two workers write what one process writes, and each
    record's check is `check_pay`'s: the rows of a chunk's ids reach its worker."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two workers even on a one-core machine
    contracts = [
        {"id": f"C{i:04d}", "birth_date": f"{1996 + i % 11}-{1 + i % 12:02d}-{1 + i % 27:02d}",
         "start": f"{2023 + i % 3}-{1 + i % 12:02d}-01", "grid": ("general", "sssms")[i % 2]}
        for i in range(1200)
    ]  # fmt: skip
    paid = [row for n, c in enumerate(contracts) for row in _pay_rows(c, 4 + n % 9, n)]
    source, pay = _files(tmp_path, contracts, paid)
    for out_format in ("jsonl", "csv"):
        options = ("--paid-file", str(pay), "--today", TODAY, "--out-format", out_format)
        one = run_cli("batch", str(source), *options, "--workers", "1")
        two = run_cli("batch", str(source), *options, "--workers", "2")
        assert one.exit_code == two.exit_code == 0, two.stderr
        assert one.stdout == two.stdout
    records = _records(run_cli("batch", str(source), "--paid-file", str(pay), "--today", TODAY,
                               "--workers", "2"))  # fmt: skip
    assert len(records) == 1200
    by_id: dict[str, list[tuple[str, PaidRow]]] = {}
    for row in paid:
        by_id.setdefault(row[0], []).append(row)
    for contract, record in list(zip(contracts, records, strict=True))[::7]:
        _same_check(record, _expected(contract, by_id.get(contract["id"], [])))


@pytest.mark.parametrize("detail", ["summary", "months"])
def test_the_worked_cases_give_their_totals(tmp_path: Path, detail: str) -> None:
    """The worked cases of check-cases.json, as rows of a contracts file and a pay file."""
    contracts, paid = _mixed()
    cases = {case["id"]: case for case in CASES["cases"]}
    source, pay = _files(tmp_path, [c for c in contracts if c["id"] in cases], paid)
    result = run_cli("batch", str(source), "--paid-file", str(pay), "--today", "15/11/2026",
                     "--detail", detail)  # fmt: skip
    assert result.exit_code == 3  # (the rows of the other contracts: ids without a contract)
    records = _records(result)
    assert [r["id"] for r in records] == list(cases)
    for record in records:
        expected, check = cases[record["id"]]["expected"], record["check"]
        for name in ("total_shortfall", "total_overpaid", "total_claimable"):
            assert check[name] == Decimal(expected[name]), (record["id"], name)
        assert check["claim_window"] == expected["claim_window"]
        if detail == "months":
            for month, wanted in zip(check["months"], expected["months"], strict=True):
                for key, value in wanted.items():
                    got = month[key]
                    assert (got == Decimal(value)) if isinstance(got, Decimal) else got == value
        else:
            statuses = [m["status"] for m in expected["months"]]
            assert check["months_by_status"] == {s: statuses.count(s)
                                                 for s in check["months_by_status"]}  # fmt: skip


def _bad_file(tmp_path: Path) -> tuple[Path, Path]:
    contracts = [
        {"id": f"K{n}", "birth_date": "2005-05-10", "start": "2025-09-01", "end": "2027-08-31"}
        for n in range(10)
    ]
    paid_text = (
        "id,month,gross,absence\n"
        "K0,2025-09,1000,\n"  # line 2: good
        "K1,13/2025,1000,\n"  # 3: no such month
        "K2,2025-09,mille,\n"  # 4: not an amount
        "K3,2025-09,-5,\n"  # 5: below zero
        "K4,2025-09,1000,peut-être\n"  # 6: not a yes or no
        "K5,2025-09,1000,\n"  # 7
        "K5,2025-09,1001,\n"  # 8: the same month again
        "K6,2024-09,1000,\n"  # 9: before the contract
        "K7,2025-10,150000,\n"  # 10: not a monthly gross
        "K8,2025-09,1000,\n"  # 11
        "K8,2025-10,1,2\n"  # 12: bad, after a good row of the same id
        "K9,2025-09,1000,\n"  # 13: good
    )
    source, pay = _files(tmp_path, contracts, [])
    pay.write_text(paid_text, encoding="utf-8")
    return source, pay


def test_a_bad_pay_row_fails_its_contract_only_naming_its_line(tmp_path: Path) -> None:
    source, pay = _bad_file(tmp_path)
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 3
    records = {r["id"]: r for r in _records(result)}
    assert records["K0"]["ok"] is records["K9"]["ok"] is True
    failed = {
        "K1": ("paid_file_bad_month", "month", 3),
        "K2": ("paid_file_bad_amount", "gross", 4),
        "K3": ("paid_file_bad_amount", "gross", 5),
        "K4": ("paid_file_bad_absence", "absence", 6),
        "K5": ("paid_month_twice", "month", 8),
        "K6": ("paid_month_outside", "month", 9),
        "K7": ("paid_too_large", "gross", 10),
        "K8": ("paid_file_bad_absence", "absence", 12),
    }
    for record_id, (code, field, line) in failed.items():
        record = records[record_id]
        assert record["ok"] is False
        assert (record["error_code"], record["field"]) == (code, field), record
        assert record["error"].startswith(f"{field} : {pay}, ligne {line} : "), record["error"]
    assert records["K5"]["error"].endswith("mois payé 09/2025 donné deux fois")
    assert result.stderr.splitlines()[0] == "10 records, 2 ok, 8 errors, 0 pay file ids unmatched"
    english = run_cli("batch", str(source), "--paid-file", str(pay), "--lang", "en")
    errors = {r["id"]: r["error"] for r in _records(english) if not r["ok"]}
    assert errors["K5"].startswith(f"month: {pay}, line 8: ")
    assert errors["K1"].startswith(f"month: {pay}, line 3: ")


def test_pay_ids_without_a_contract_are_reported_and_fail_the_run(tmp_path: Path) -> None:
    contracts = [{"id": "A", "birth_date": "2005-05-10", "start": "2025-09-01"}]
    paid = [(i, ("2025-09", "500", "")) for i in ("A", "ZZ-1", "ZZ-2", "ZZ-1")]
    paid += [(f"Y{n}", ("2025-09", "1000", "")) for n in range(6)]
    source, pay = _files(tmp_path, contracts, paid)
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 3
    [record] = _records(result)
    assert record["ok"] is True and record["check"]["months_by_status"]["underpaid"] == 1
    summary, warning = result.stderr.splitlines()
    assert summary == "1 records, 1 ok, 0 errors, 8 pay file ids unmatched"
    assert warning == ("Attention : 8 id(s) du fichier de paie sans contrat dans l'entrée, non "
                       "vérifiés : ZZ-1, ZZ-2, Y0, Y1, Y2…")  # fmt: skip


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("mois;brut", "batch_paid_file_missing_columns"),
        ("id;brut", "batch_paid_file_missing_columns"),
        ("id;mois", "batch_paid_file_missing_columns"),
        ("id;mois;brut;nom", "batch_paid_file_unknown_columns"),
        ("id;mois;brut;month", "paid_file_duplicate_columns"),
        ("", "batch_paid_file_empty"),
    ],
)
def test_an_unreadable_pay_file_stops_before_any_output(
    tmp_path: Path, header: str, code: str
) -> None:
    source, pay = _files(tmp_path, [{"id": "A", "birth_date": "2005-05-10"}], [])
    pay.write_text(header + "\nA;2025-09;1000\n" if header else "", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(source), "--paid-file", str(pay), "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == "" and not out.exists()
    assert result.stderr.startswith(f"Erreur : --paid-file : {pay}"), result.stderr
    from deis_pay.i18n.messages import TEMPLATES

    wanted = TEMPLATES[code].split("{path}")[1].split("{")[0]
    assert wanted in result.stderr


def test_a_pay_file_that_cannot_be_read_stops_the_run(tmp_path: Path) -> None:
    source, pay = _files(tmp_path, [{"id": "A", "birth_date": "2005-05-10"}], [])
    cases = {
        "missing": (tmp_path / "nowhere.csv", "introuvable"),
        "folder": (tmp_path, "est un dossier"),
    }
    for path, said in cases.values():
        result = run_cli("batch", str(source), "--paid-file", str(path))
        assert result.exit_code == 2 and result.stdout == "" and said in result.stderr
    pay.write_text('id,month,gross\nA,2025-09,"1000\n', encoding="utf-8")
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 2 and "ligne 2 : CSV mal formé" in result.stderr
    pay.write_text("id,month,gross\nA,2025-09\n", encoding="utf-8")
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 2 and "ligne 2 : 2 champs au lieu de 3" in result.stderr
    pay.write_bytes(b"id,month,gross\nA,2025-09,1000\xe9\n")
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 2 and "octets non UTF-8" in result.stderr


def test_options_that_cannot_be_honoured_are_refused(tmp_path: Path) -> None:
    source, pay = _files(tmp_path, [{"id": "A", "birth_date": "2005-05-10"}], [])
    alone = run_cli("batch", str(source), "--today", TODAY)
    assert alone.exit_code == 2 and "--today" in alone.stderr and "--paid-file" in alone.stderr
    months = run_cli("batch", str(source), "--paid-file", str(pay), "--detail", "months",
                     "--out-format", "csv")  # fmt: skip
    assert months.exit_code == 2 and "--out-format jsonl" in months.stderr
    same = run_cli("batch", str(source), "--paid-file", str(pay), "-o", str(pay))
    assert same.exit_code == 2 and pay.read_text(encoding="utf-8").startswith("id;mois")


def test_the_pay_file_is_read_as_people_write_it() -> None:
    """Headers of any case and accents (French or English), `;` or `,`, a BOM, blank lines, a
    trailing delimiter; months 09/2025, 9/2025 or 2025-09; amounts as everywhere, kept as
    written (918,9 stays 918.9); the absence as oui, x, 1, true or empty."""
    text = (
        "\ufeffIdentifiant;MOIS;Brut;Absence;\r\n"
        "A;09/2025;918,9;;\r\n"
        "\r\n"
        "A;2025-10;1 205,50 €;x;\r\n"
        "B;9/2025;0;Oui;\r\n"
        "A;11/2025;774;non;\r\n"
        "B;2025-10;12,5;true;\r\n"
    )
    rows = read_paid(io.BytesIO(text.encode("utf-8")), "paie.csv")
    assert set(rows) == {"A", "B"}
    packed = {key: paid_months(value) for key, value in rows.items() if isinstance(value, bytes)}
    assert [(line, str(p.gross), p.month.isoformat(), p.absence) for line, p in packed["A"]] == [
        (2, "918.9", "2025-09-01", False),
        (4, "1205.50", "2025-10-01", True),
        (6, "774", "2025-11-01", False),
    ]
    assert [(line, str(p.gross), p.absence) for line, p in packed["B"]] == [
        (5, "0", True),
        (7, "12.5", True),
    ]
    english = read_paid(io.BytesIO(b"id,month,gross\nA,2025-09,1000.5\n"), "pay.csv")["A"]
    assert isinstance(english, bytes)
    assert [p.gross for _, p in paid_months(english)] == [Decimal("1000.5")]


def test_the_written_check_is_that_of_its_object() -> None:
    """`check_json`, the check of a summary line written directly, is `dumps_line` of it."""
    data = default_dataset()
    inputs = check_contract(date(2004, 2, 15), date(2023, 9, 1), date(2026, 8, 31), data=data)
    text = "id,mois,brut,absence\nx,09/2023,700,\nx,10/2023,751.30,\nx,11/2023,800,oui\n"
    audit = Audit("p.csv", date(2026, 11, 15), read_paid(io.BytesIO(text.encode()), "p.csv"))
    check = audited("x", inputs, data, audit)
    assert check_json(check) == ',"check":' + dumps_line(check)
    assert check["months_by_status"]["underpaid"] == 1
