"""`deis-pay batch`: a schedule for every contract of a CSV or JSON-lines file, in order, with
the options that read the file (its columns, its encoding), the workers, what `--with` adds
to each line, and the check of what was paid (`--paid-file`). The work itself is
deis_pay/batch's.
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, Annotated

import typer

from deis_pay.cli.common import errors_to_exit, today_from, use_data, use_language
from deis_pay.cli.options import CsvRaw, DataFolder, Lang, Signed
from deis_pay.cli.output import open_output, outputs_apart
from deis_pay.core.errors import InputError
from deis_pay.i18n.language import language, tr

if TYPE_CHECKING:
    from datetime import date

    from deis_pay.batch.lines import Audit, Detail, Extras, OutFormat
    from deis_pay.batch.read import InFormat

BATCH_HELP = tr(
    "Un échéancier par contrat d'un fichier CSV ou JSON-lines, dans l'ordre, sans rien "
    "perdre.\n\n"
    'Sortie 0 : tout est calculé ; 3 : des contrats en erreur ("ok": false) ; 2 : fichier '
    "illisible.\n\n"
    "Exemple : deis-pay batch contrats.csv -o sortie.jsonl"
)


def batch(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help=tr("Fichier CSV ou JSON-lines, ou - pour stdin."))
    ],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help=tr("Fichier de sortie (défaut : stdout)."))
    ] = None,
    in_format: Annotated[
        str | None,
        typer.Option(
            "--in-format", help=tr("csv ou jsonl (défaut : d'après l'extension, sinon csv).")
        ),
    ] = None,
    out_format: Annotated[str, typer.Option("--out-format", help=tr("jsonl ou csv."))] = "jsonl",
    detail: Annotated[
        str, typer.Option("--detail", help=tr("summary (totaux) ou months (tous les mois)."))
    ] = "summary",
    workers: Annotated[
        str,
        typer.Option(
            "--workers",
            help=tr(
                "Nombre de processus, ou auto : un par processeur pour un fichier de plus de "
                "2 Mo, un seul sinon."
            ),
        ),
    ] = "auto",
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help=tr(
                "Colonnes du fichier : nom=en-tête,… (birth_date=Date de naissance) ou un "
                "fichier .toml avec une table \\[columns]."
            ),
        ),
    ] = None,
    ignore_columns: Annotated[
        str | None,
        typer.Option("--ignore-columns", help=tr("En-têtes à ignorer, séparés par des virgules.")),
    ] = None,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help=tr(
                "Ignorer toute colonne inconnue (son nom dit sur stderr), sauf une qui "
                "ressemble à une colonne connue."
            ),
        ),
    ] = False,
    values: Annotated[
        list[str] | None,
        typer.Option(
            "--values",
            help=tr(
                "Valeurs d'une colonne lues autrement : colonne:texte=valeur;… (grid:CCN "
                "66=sssms), une colonne par option, à répéter ; ou des tables \\[values.grid] "
                "du fichier .toml de --columns."
            ),
        ),
    ] = None,
    encoding: Annotated[
        str,
        typer.Option("--encoding", help=tr("Encodage du fichier : utf-8, cp1252 ou latin-1.")),
    ] = "utf-8",
    with_: Annotated[
        str | None,
        typer.Option(
            "--with",
            help=tr(
                "Ajouter à chaque contrat : net (le net de schedule --net), cost (le coût "
                "employeur de cost), ou net,cost."
            ),
        ),
    ] = None,
    signed: Signed = None,
    employer: Annotated[
        str | None, typer.Option("--employer", help=tr("Pour --with : comme cost --employer."))
    ] = None,
    headcount: Annotated[
        str | None, typer.Option("--headcount", help=tr("Pour --with : comme cost --headcount."))
    ] = None,
    atmp_rate: Annotated[
        str | None, typer.Option("--atmp-rate", help=tr("Pour --with : comme cost --atmp-rate."))
    ] = None,
    health_cover: Annotated[
        str | None,
        typer.Option("--health-cover", help=tr("Pour --with : comme cost --health-cover.")),
    ] = None,
    paid_file: Annotated[
        str | None,
        typer.Option(
            "--paid-file",
            help=tr(
                "Fichier de paie (CSV : id, mois, brut, absence) : chaque contrat gagne la "
                "vérification de ce qui a été payé, comme deis-pay check."
            ),
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help=tr(
                "Pour --paid-file : jour de la demande (défaut : aujourd'hui), pour ce qui peut "
                "encore être réclamé."
            ),
        ),
    ] = None,
    csv_raw: CsvRaw = False,
    lang: Lang = None,
    data_folder: DataFolder = None,
) -> None:
    from deis_pay.batch import read as reading
    from deis_pay.batch import run
    from deis_pay.core.values import parse_choice

    if sys.stderr.isatty():
        from deis_pay.present.render import batch_progress

    with errors_to_exit(), ExitStack() as stack:
        use_language(lang)
        use_data(data_folder)
        guessed = "jsonl" if input_path.lower().endswith((".jsonl", ".ndjson")) else "csv"
        source_format: InFormat = parse_choice("in_format", in_format or guessed, ("csv", "jsonl"))
        target_format: OutFormat = parse_choice("out_format", out_format, ("jsonl", "csv"))
        level: Detail = parse_choice("detail", detail, ("summary", "months"))
        processes = _workers(workers, input_path)
        charset = parse_choice("encoding", encoding, reading.ENCODINGS)
        from deis_pay.input.columns import plan_from_options

        plan = plan_from_options(
            columns, ignore_columns, ignore_unknown_columns, reading.COLUMNS, values or ()
        )
        extras = _extras(with_, signed, employer, headcount, atmp_rate, health_cover)
        if (extras.net or extras.cost) and target_format == "csv" and level == "months":
            raise InputError("with_months_needs_jsonl", "with")
        if today is not None and paid_file is None:
            raise InputError("batch_today_needs_paid_file", "today")
        if paid_file is not None and target_format == "csv" and level == "months":
            raise InputError("batch_paid_months_needs_jsonl", "paid_file")
        claim_day = today_from(today)
        read = [("INPUT" if input_path != "-" else "stdin", input_path)]
        if columns is not None and columns.strip().endswith(".toml"):  # (columns.py's test)
            read.append(("--columns", columns.strip()))
        if paid_file is not None:
            read.append(("--paid-file", paid_file))
        outputs_apart(("output", output), read=tuple(read))
        stream = _open_input(input_path)
        if stream is not getattr(sys.stdin, "buffer", None):
            stack.callback(stream.close)
        # Reading the header first: an unreadable input stops here, before the output exists.
        records = reading.prepare(stream, source_format, plan, charset)
        said = _say_dropped(plan.dropped, 0)  # (a CSV header's, or the first JSON line's)
        # The pay file read whole, before the run: unreadable, nothing is written either.
        audit = _audit(paid_file, claim_day) if paid_file is not None else None
        out = stack.enter_context(open_output(output))
        advance = stack.enter_context(batch_progress()) if sys.stderr.isatty() else None
        tally = run.write(
            records,
            out,
            out_format=target_format,
            detail=level,
            workers=processes,
            progress=advance,
            language=language(),
            extras=extras,
            csv_raw=csv_raw,
            audit=audit,
        )
    _say_dropped(plan.dropped, said)  # (keys of later JSON lines)
    sys.stderr.write(tally.summary() + "\n")
    if tally.without_paid:
        sys.stderr.write(
            tr(
                "{count} contrat(s) sans ligne dans le fichier de paie : tous leurs mois sont "
                "« non donnés »",
                count=tally.without_paid,
            )
            + "\n"
        )
    if tally.unmatched_paid:
        from deis_pay.i18n.messages import one_line

        # Never dropped silently: a pay row of a mistyped id would otherwise go unchecked.
        shown = ", ".join(one_line(i) or '""' for i in tally.unmatched_examples)
        more = "…" if tally.unmatched_paid > len(tally.unmatched_examples) else ""
        sys.stderr.write(
            tr(
                "Attention : {count} id(s) du fichier de paie sans contrat dans l'entrée, non "
                "vérifiés : {ids}",
                count=tally.unmatched_paid,
                ids=shown + more,
            )
            + "\n"
        )
    if tally.duplicate_ids:
        sys.stderr.write(
            tr(
                "Attention : {count} enregistrement(s) reprennent un id déjà vu "
                "(traités quand même)",
                count=tally.duplicate_ids,
            )
            + "\n"
        )
    if tally.errors or tally.unmatched_paid:
        raise typer.Exit(3)


def _say_dropped(dropped: list[str], said: int) -> int:
    """The headers --ignore-unknown-columns dropped, said once on stderr (those from `said`
    on): never silently. Returns how many are said in all."""
    from deis_pay.i18n.messages import one_line
    from deis_pay.input.columns import MAX_DROPPED

    if len(dropped) <= said or said > MAX_DROPPED:
        return said
    names = ", ".join(one_line(name) or '""' for name in dropped[said:MAX_DROPPED])
    more = "…" if len(dropped) > MAX_DROPPED else ""
    sys.stderr.write(tr("--ignore-unknown-columns : colonnes ignorées : {names}",
                        names=names + more) + "\n")  # fmt: skip
    return len(dropped)


def _audit(path: str, today: date) -> Audit:
    """`--paid-file`: the pay file read whole (its rows by contract id), and the claim day."""
    from deis_pay.batch.lines import Audit
    from deis_pay.batch.read import read_paid

    try:
        with open(path, "rb") as stream:
            return Audit(path, today, read_paid(stream, path))
    except FileNotFoundError:
        raise InputError("paid_file_not_found", "paid_file", path=path) from None
    except IsADirectoryError:
        raise InputError("paid_file_is_folder", "paid_file", path=path) from None
    except OSError as exc:
        raise InputError("paid_file_unreadable", "paid_file", path=path,
                         error=exc.strerror or str(exc)) from None  # fmt: skip


def _extras(
    with_: str | None,
    signed: str | None,
    employer: str | None,
    headcount: str | None,
    atmp_rate: str | None,
    health_cover: str | None,
) -> Extras:
    """`--with net,cost` and the employer options given for every row (read for each row that
    uses them, as a row's own columns are, and with the same messages)."""
    from deis_pay.batch.lines import Extras
    from deis_pay.core.values import parse_choice

    wanted = {
        parse_choice("with", part, ("net", "cost"))
        for part in (with_ or "").split(",")
        if part.strip()
    }
    options = {
        "signed": signed,
        "employer": employer,
        "headcount": headcount,
        "atmp_rate": atmp_rate,
        "health_cover": health_cover,
    }
    given = tuple((name, value) for name, value in options.items() if value is not None)
    if given and not wanted:
        raise InputError("employer_options_need_with", "with")
    return Extras("net" in wanted, "cost" in wanted, given)


# `--workers auto`: below this input size (about 40 000 contracts) starting the processes
# costs more than they save (docs/batch.md, workers).
AUTO_WORKERS_FROM_BYTES = 2_000_000


def _workers(text: str, input_path: str) -> int:
    """--workers, at most the machine's processors: more processes than processors only add
    start-up time and memory (a mistyped --workers 1000 would start a thousand). `auto`: one
    per processor for an input file of 2 MB or more, one for a smaller file or stdin."""
    from deis_pay.core.values import parse_int

    most = os.cpu_count() or 1
    if text.strip().lower() == "auto":
        try:
            size = os.stat(input_path).st_size if input_path != "-" else 0
        except OSError:
            size = 0  # the input's own error comes when it is opened
        return most if size >= AUTO_WORKERS_FROM_BYTES else 1
    count = parse_int("workers", text, "workers")
    if count < 1:
        raise InputError("workers_out_of_range", "workers", count=count, most=most)
    if count > most:
        sys.stderr.write(
            tr(
                "--workers {count} : ramené à {most}, le nombre de processeurs",
                count=count,
                most=most,
            )
            + "\n"
        )
    return min(count, most)


def _open_input(path: str) -> IO[bytes]:
    if path == "-":
        if sys.stdin is None:  # `<&-`
            raise InputError("stdin_closed", "input")
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("input_not_found", "input", path=path) from None
    except IsADirectoryError:
        raise InputError("input_is_folder", "input", path=path) from None
    except OSError as exc:
        raise InputError(
            "input_unreadable", "input", path=path, error=exc.strerror or str(exc)
        ) from None
