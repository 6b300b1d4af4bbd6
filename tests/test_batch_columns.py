"""`deis-pay batch` on real HR exports: their own column names, extra columns, Windows-1252."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli

FRENCH_EXPORT = (
    "Matricule;Nom;Date de naissance;Début;Fin;Grille;Territoire\n"
    "A-001;Hélène Lefèvre;10/05/2005;01/09/2025;29/02/2028;Légale;Métropole\n"
    "A-002;Loïc Brûlé;14/03/2003;01/09/2025;29/02/2028;Branche;\n"
    "A-003;Zoé Crémieux;30/02/2005;;;;\n"
)
SAME_IN_DEIS_PAY_NAMES = (
    "id,birth_date,start,end,grid,territory\n"
    "A-001,2005-05-10,2025-09-01,2028-02-29,general,metropole\n"
    "A-002,2003-03-14,2025-09-01,2028-02-29,sssms,\n"
    "A-003,30/02/2005,,,,\n"
)


def _records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_a_french_cp1252_export_reads_like_the_same_file_in_deis_pay_s_names(
    tmp_path: Path,
) -> None:
    """One --columns, one --ignore-columns, --encoding cp1252: the same output, record for
    record, as the UTF-8 file with deis-pay's own column names and values."""
    export = tmp_path / "export.csv"
    export.write_bytes(FRENCH_EXPORT.encode("cp1252"))
    plain = tmp_path / "plain.csv"
    plain.write_text(SAME_IN_DEIS_PAY_NAMES, encoding="utf-8")
    ours = run_cli("batch", str(export), "--columns", "id=Matricule", "--ignore-columns", "Nom",
                   "--encoding", "cp1252", "--detail", "months")  # fmt: skip
    theirs = run_cli("batch", str(plain), "--detail", "months")
    assert ours.exit_code == theirs.exit_code == 3  # A-003 is born on 30/02
    assert ours.stdout == theirs.stdout
    records = _records(ours.stdout)
    assert [r["ok"] for r in records] == [True, True, False]
    assert records[0]["total_gross"] == 32391.62 and records[1]["inputs"]["grid"] == "sssms"
    assert (records[2]["error_code"], records[2]["field"]) == ("no_such_day", "birth_date")


def test_the_same_export_in_utf8_without_the_encoding_option(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(FRENCH_EXPORT, encoding="utf-8-sig")
    result = run_cli("batch", str(export), "--columns", "id=Matricule", "--ignore-columns", "Nom")
    assert [r["ok"] for r in _records(result.stdout)] == [True, True, False]


def test_cp1252_read_as_utf8_fails_row_by_row_and_says_which_option(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(FRENCH_EXPORT.replace("Début", "Debut").encode("cp1252"))
    result = run_cli("batch", str(export), "--columns", "id=Matricule", "--ignore-columns", "Nom")
    records = _records(result.stdout)
    assert records[0]["error_code"] == "not_utf8"
    undecodable = tmp_path / "undecodable.csv"
    undecodable.write_bytes(b"id,birth_date\nA,2005-05-10\nB\x81,2005-05-10\n")
    result = run_cli("batch", str(undecodable), "--encoding", "cp1252")
    records = _records(result.stdout)
    assert [r["ok"] for r in records] == [True, False]
    assert records[1]["error_code"] == "undecodable_bytes" and "cp1252" in records[1]["error"]


def test_an_unknown_column_still_refuses_the_file_unless_ignored(tmp_path: Path) -> None:
    """A misspelt optional column must not be dropped silently: it refuses the whole file,
    naming it; --ignore-columns names it, --ignore-unknown-columns drops any."""
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date,grdi,Service\nA,2005-05-10,sssms,RH\n", encoding="utf-8")
    refused = run_cli("batch", str(source))
    assert refused.exit_code == 2 and "grdi, Service" in refused.stderr
    named = run_cli("batch", str(source), "--ignore-columns", "grdi,service")
    assert named.exit_code == 0
    assert _records(named.stdout)[0]["total_gross"] == 32391.62
    everything = run_cli("batch", str(source), "--ignore-unknown-columns")
    assert everything.stdout == named.stdout


def test_columns_from_a_toml_file_and_jsonl_keys(tmp_path: Path) -> None:
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text('[columns]\nid = "Matricule"\nbirth_date = "Né le"\n', encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text('{"Matricule": "A", "Né le": "2005-05-10", "grille": "SSSMS"}\n',
                      encoding="utf-8")  # fmt: skip
    result = run_cli("batch", str(source), "--columns", str(mapping))
    [record] = _records(result.stdout)
    assert result.exit_code == 0 and record["id"] == "A"
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text('{"id": "B", "birth_date": "2005-05-10", "grdi": "x"}\n', "utf-8")
    [failed] = _records(run_cli("batch", str(unknown)).stdout)
    assert failed["error_code"] == "unknown_keys" and "grdi" in failed["error"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (("--columns", "birth_date"), ("--columns", "nom=en-tête")),
        (("--columns", "naissance=Date"), ("--columns", "naissance")),
        (("--columns", "id=Matricule,id=Code"), ("en double : id",)),
        (("--encoding", "ebcdic"), ("--encoding", "cp1252")),
        (("--columns", "missing.toml"), ("--columns", "missing.toml")),
    ],
)
def test_bad_column_options_are_refused(
    tmp_path: Path, options: tuple[str, ...], words: tuple[str, ...]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Matricule,Code,birth_date\nA,B,2005-05-10\n", encoding="utf-8")
    result = run_cli("batch", str(source), *options)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr


def test_value_aliases_on_the_command_line_too() -> None:
    """`Légale`, `BRANCHE`, `Métropole`: the names people write, as in the exports."""
    legal = run_cli("schedule", "--birth", "2005-05-10", "--grid", "Légale", "--territory",
                    "Métropole", "--format", "json").json()  # fmt: skip
    assert (legal["inputs"]["grid"], legal["inputs"]["territory"]) == ("general", "metropole")
    branch = run_cli("schedule", "--birth", "2005-05-10", "--grid", "BRANCHE", "--format", "json")
    assert branch.json()["inputs"]["grid"] == "sssms"
