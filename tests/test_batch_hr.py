"""`deis-pay batch` on an HR export as it comes: its own headers (`Matricule`, `Date début
contrat`, `Convention`, `Effectif`, `Taux AT/MP`, `Mutuelle`…), Windows-1252, `;`, its own
values (`CCN 66`) through `--values`, and every refusal and hint on the way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from deis_pay.batch.read import COLUMNS
from deis_pay.core.errors import InputError
from deis_pay.input.columns import FRENCH, ColumnPlan, _key, plan_from_options

from .conftest import run_cli

# Every header the way HR software and payroll exports write it, accents in headers and names.
HR_EXPORT = (
    "Matricule;Nom;Prénom;Date de naissance;Date début contrat;Date fin contrat;Convention;"
    "Effectif;Taux AT/MP;Mutuelle\n"
    "A-001;Lefèvre;Hélène;10/05/2005;01/09/2025;29/02/2028;CCN 66;180;2,1;48\n"
    "A-002;Brûlé;Loïc;14/03/2003;01/09/2025;29/02/2028;Syntec;8;1,5;\n"
    "A-003;Crémieux;Zoé;20/06/2004;01/09/2025;31/08/2027;ccn-51;12;;30\n"
    "A-004;Noël;Gaëlle;30/02/2005;01/09/2025;;CCN 66;12;;\n"
)
# The same contracts in deis-pay's own names and values (CCN 66 and CCN 51: the SSSMS
# branch grid; Syntec: the legal grid), UTF-8, `,`.
OWN_NAMES = (
    "id,birth_date,start,end,grid,headcount,atmp_rate,health_cover\n"
    "A-001,2005-05-10,2025-09-01,2028-02-29,sssms,180,2.1,48\n"
    "A-002,2003-03-14,2025-09-01,2028-02-29,general,8,1.5,\n"
    "A-003,2004-06-20,2025-09-01,2027-08-31,sssms,12,,30\n"
    "A-004,30/02/2005,2025-09-01,,sssms,12,,\n"
)
VALUES = "grid:CCN 66=sssms;CCN 51=sssms;Syntec=general"


def _records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def _without_place(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in ("id", "line")}


@pytest.mark.parametrize("extra", [(), ("--with", "net,cost")])
def test_an_hr_export_reads_without_columns_like_the_same_contracts_in_deis_pay_s_names(
    tmp_path: Path, extra: tuple[str, ...]
) -> None:
    """An export of a Windows payroll system (cp1252, `;`, HR headers, `CCN 66` in the
    Convention column) read with --encoding cp1252 --values … and no --columns (Nom and Prénom
    dropped by name): the same figures as the same contracts in deis-pay's own names."""
    export = tmp_path / "export-rh.csv"
    export.write_bytes(HR_EXPORT.encode("cp1252"))
    plain = tmp_path / "contrats.csv"
    plain.write_text(OWN_NAMES, encoding="utf-8")
    ours = run_cli("batch", str(export), "--encoding", "cp1252", "--values", VALUES,
                   "--ignore-columns", "Nom,Prénom", *extra)  # fmt: skip
    theirs = run_cli("batch", str(plain), *extra)
    assert ours.exit_code == theirs.exit_code == 3, ours.stderr  # A-004 is born on 30/02
    mine, own = _records(ours.stdout), _records(theirs.stdout)
    assert [r["id"] for r in mine] == ["A-001", "A-002", "A-003", "A-004"]
    assert [_without_place(r) for r in mine] == [_without_place(r) for r in own]
    assert [r["ok"] for r in mine] == [True, True, True, False]
    # The map was applied: on the legal grid, A-001 (born 10/05/2005, 01/09/2025 to
    # 29/02/2028) earns 32 391,62 € (docs/batch.md's example); on the SSSMS grid, more.
    assert mine[0]["total_gross"] > 32391.62
    assert (mine[3]["error_code"], mine[3]["field"]) == ("no_such_day", "birth_date")
    if extra:
        # Effectif, Taux AT/MP and Mutuelle were read: without them, another cost.
        bare = tmp_path / "bare.csv"
        bare.write_text(OWN_NAMES.replace(",180,2.1,48", ",,,"), encoding="utf-8")
        [first, *_] = _records(run_cli("batch", str(bare), *extra).stdout)
        assert first["cost"]["total_employer_cost"] != mine[0]["cost"]["total_employer_cost"]


# The headers of the issue, and more, with the column each must name (as the issue says).
HR_HEADERS = [
    ("Matricule", "id"),
    ("Date début contrat", "start"),
    ("Date debut", "start"),
    ("DATE_DEBUT_CONTRAT", "start"),
    ("date-début-contrat", "start"),
    ("Date fin contrat", "end"),
    ("Date naissance", "birth_date"),
    ("Date de naissance", "birth_date"),
    ("Convention", "grid"),
    ("CCN", "grid"),
    ("Effectif", "headcount"),
    ("Taux AT", "atmp_rate"),
    ("Taux AT/MP", "atmp_rate"),
    ("taux_at_mp", "atmp_rate"),
    ("Mutuelle", "health_cover"),
    ("Complémentaire santé", "health_cover"),
    ("Type d'employeur", "employer"),
    ("Date de signature", "signed"),
    ("Niveau de diplôme", "diploma_level"),
    ("Versement mobilité", "mobility_rate"),
    ("Part employeur mutuelle", "health_employer_share"),
    ("RQTH", "rqth"),
    ("Outre-mer", "overseas"),
    ("Salaire minimum conventionnel", "smc"),
]


@pytest.mark.parametrize(("header", "column"), HR_HEADERS)
def test_hr_headers_name_their_column_out_of_the_box(header: str, column: str) -> None:
    assert ColumnPlan(COLUMNS).name_of(header) == column


def test_headers_are_compared_without_accents_case_spaces_or_punctuation() -> None:
    same = {_key(h) for h in ("Date début contrat", "date_debut_contrat", "DATE-DEBUT-CONTRAT",
                              "DateDébutContrat", " date  début  contrat ")}  # fmt: skip
    assert same == {"datedebutcontrat"}


def test_every_batch_column_has_french_names_and_no_alias_names_two_columns() -> None:
    assert set(FRENCH) == set(COLUMNS)
    owner: dict[str, str] = {}
    for column in COLUMNS:
        for alias in (column, *FRENCH[column]):
            assert owner.setdefault(_key(alias), column) == column, (alias, owner[_key(alias)])


def test_two_headers_of_one_column_are_refused_naming_both(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Matricule;Date naissance;Convention;CCN\nA;10/05/2005;sssms;sssms\n",
                      encoding="utf-8")  # fmt: skip
    result = run_cli("batch", str(source))
    assert result.exit_code == 2 and result.stdout == ""
    assert "grid" in result.stderr and "Convention, CCN" in result.stderr


def test_unknown_columns_error_names_the_three_options(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date,Service\nA,2005-05-10,RH\n", encoding="utf-8")
    result = run_cli("batch", str(source))
    assert result.exit_code == 2 and result.stdout == ""
    for option in ("Service", "--columns", "--ignore-columns", "--ignore-unknown-columns"):
        assert option in result.stderr


def test_ignore_unknown_columns_says_what_it_drops_once(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date,Nom,Service\nA,2005-05-10,X,RH\nB,2005-05-10,Y,RH\n",
                      encoding="utf-8")  # fmt: skip
    result = run_cli("batch", str(source), "--ignore-unknown-columns")
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if "--ignore-unknown-columns" in line]
    assert said == ["--ignore-unknown-columns : colonnes ignorées : Nom, Service"]
    # JSON lines: each dropped key said once, whichever line brings it.
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"id": "A", "birth_date": "2005-05-10", "Nom": "X"}\n'
        '{"id": "B", "birth_date": "2005-05-10", "Nom": "Y", "Poste": "Z"}\n'
        '{"id": "C", "birth_date": "2005-05-10", "Poste": "Z"}\n',
        encoding="utf-8",
    )
    result = run_cli("batch", str(lines), "--ignore-unknown-columns")
    assert result.exit_code == 0
    assert result.stderr.count("Nom") == 1 and result.stderr.count("Poste") == 1


@pytest.mark.parametrize(
    ("header", "column"),
    [("Date de fin de période d'essai", "end"), ("Taux AT 2026", "atmp_rate"),
     ("Convention collective nationale", "grid"), ("Effectif moyen", "headcount")],
)  # fmt: skip
def test_ignore_unknown_columns_refuses_a_header_that_looks_like_a_known_column(
    tmp_path: Path, header: str, column: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id;birth_date;{header};Nom\nA;2005-05-10;x;X\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(source), "--ignore-unknown-columns", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1
    assert f"{header} → {column}" in result.stderr and "--columns" in result.stderr
    # Named, it is dropped; mapped, it is read.
    named = run_cli("batch", str(source), "--ignore-unknown-columns", "--ignore-columns", header)
    assert named.exit_code == 0


def test_a_cp1252_header_read_as_utf8_suggests_the_encoding(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(HR_EXPORT.encode("cp1252"))
    result = run_cli("batch", str(export), "--values", VALUES)
    assert result.exit_code == 2 and result.stdout == ""
    assert "--encoding cp1252" in result.stderr and "Date début contrat" in result.stderr
    # Bytes no Windows-1252 text holds (0x81): no such hint, the file is just not UTF-8.
    other = tmp_path / "other.csv"
    other.write_bytes(b"id,birth_date,x\x81\xff\nA,2005-05-10,1\n")
    result = run_cli("batch", str(other))
    assert result.exit_code == 2 and "cp1252" not in result.stderr and "UTF-8" in result.stderr


def test_a_cp1252_row_read_as_utf8_fails_with_the_hint(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes("id,birth_date\nHélène,2005-05-10\nB,2005-05-10\n".encode("cp1252"))
    result = run_cli("batch", str(source))
    first, second = _records(result.stdout)
    assert first["error_code"] == "not_utf8" and "--encoding cp1252" in first["error"]
    assert second["ok"] is True


def test_the_pay_file_not_utf8_names_no_encoding_option(tmp_path: Path) -> None:
    """The pay file has no --encoding: its error must not send the user to one."""
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    pay = tmp_path / "paie.csv"
    pay.write_bytes("id;mois;brut\nA;09/2025;918,92\nA;10/2025;9\xe9\n".encode("latin-1"))
    result = run_cli("batch", str(source), "--paid-file", str(pay))
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert "--encoding" not in result.stderr


def test_an_unmapped_unknown_value_fails_its_record_naming_the_value_and_the_map(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "Matricule;Date naissance;Convention\n"
        "A;10/05/2005;CCN 99\nB;10/05/2005;ccn66\nC;10/05/2005;Branche\nD;10/05/2005;\n",
        encoding="utf-8",
    )
    result = run_cli("batch", str(source), "--values", "grid:CCN 66=sssms;Syntec=general")
    assert result.exit_code == 3
    bad, mapped, known, blank = _records(result.stdout)
    assert (bad["error_code"], bad["field"]) == ("value_not_mapped", "grid")
    for words in ("CCN 99", "CCN 66, Syntec", "general ou sssms"):
        assert words in bad["error"]
    # `ccn66` is `CCN 66` (compared as headers are); `Branche` is known without the map.
    assert mapped["ok"] and known["ok"] and blank["ok"]
    assert mapped["total_gross"] == known["total_gross"] != blank["total_gross"]


def test_values_from_the_toml_file_and_from_a_header_name(tmp_path: Path) -> None:
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text(
        '[columns]\nid = "Code"\n\n[values.grid]\n"CCN 66" = "sssms"\n\n'
        '[values."Type d\'employeur"]\nAsso = "association"\n',
        encoding="utf-8",
    )
    source = tmp_path / "in.csv"
    source.write_text("Code;Date naissance;Convention;Type d'employeur\nA;10/05/2005;CCN 66;"
                      "Asso\n", encoding="utf-8")  # fmt: skip
    plain = tmp_path / "plain.csv"
    plain.write_text("id,birth_date,grid,employer\nA,2005-05-10,sssms,association\n", "utf-8")
    ours = run_cli("batch", str(source), "--columns", str(mapping), "--with", "cost")
    theirs = run_cli("batch", str(plain), "--with", "cost")
    assert ours.exit_code == theirs.exit_code == 0, ours.stderr
    assert ours.stdout == theirs.stdout


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ("grid", ("--values", "grid:CCN 66=sssms")),
        ("grid:CCN 66", ("--values", "grid:CCN 66")),
        ("grid:=sssms", ("--values",)),
        ("start:Rentrée=01/09/2025", ("--values", "start", "grid")),
        ("grid:CCN 66=syntec", ("--values", "syntec", "general ou sssms")),
        ("employer:Asso=associatif", ("--values", "associatif", "association")),
    ],
)
def test_bad_value_maps_are_refused_before_any_output(
    tmp_path: Path, values: str, words: tuple[str, ...]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date\nA,2005-05-10\n", encoding="utf-8")
    result = run_cli("batch", str(source), "--values", values)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr


def test_a_value_map_is_read_once_per_text() -> None:
    """The cells of a million-line file: after the first of each text, a dict lookup (the
    remembered outcome is the very object handed back)."""
    plan = plan_from_options(None, None, False, COLUMNS, ["grid:CCN 66=sssms"])
    first: dict[str, str | None] = {"grid": "CCN 66"}
    assert plan.translate(first) is None and first["grid"] == "sssms"
    again: dict[str, str | None] = {"grid": "CCN 66"}
    assert plan.translate(again) is None and again["grid"] is first["grid"]
    with pytest.raises(InputError):
        plan_from_options(None, None, False, COLUMNS, ["nothing:a=b"])


def test_an_export_s_own_label_without_a_map_names_the_values_option(tmp_path: Path) -> None:
    """`CCN 66` in a grid column and no `--values`: the record fails with the choices and how
    to map the export's label; English too."""
    source = tmp_path / "in.csv"
    source.write_text("id,birth_date,grid\nA,2005-05-10,CCN 66\n", encoding="utf-8")
    (french,) = _records(run_cli("batch", str(source)).stdout)
    assert (french["error_code"], french["field"]) == ("unknown_choice", "grid")
    assert french["error"].endswith('--values "grid:CCN 66=VALEUR"')
    assert "general ou sssms" in french["error"]
    (english,) = _records(run_cli("batch", str(source), "--lang", "en").stdout)
    assert english["error"].endswith('--values "grid:CCN 66=VALUE"')
