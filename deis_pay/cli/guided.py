"""The guided mode: `deis-pay` with no command, in a terminal, asks an apprentice what she knows
(her date of birth, her contract, her employer, her past apprenticeship, RQTH), then shows the
schedule and the net pay of `deis-pay schedule --net` and the command that gives them again.

The questions are data (`questions()`); `interview()` asks them through two functions, one that
reads an answer after a prompt and one that writes, so that a test drives the whole dialogue
without a terminal. Every answer is read by the parsers the options use (core/values.py,
input/text.py), and the contract is checked whole by `contract_from_text`, as `schedule`
checks it, at the points where a group of answers is complete: a wrong answer gets the
option's one-line message and its question again, never a traceback.

Imported only by the CLI's callback when no command is given (start-up time of the others).
"""

from __future__ import annotations

import contextlib
import shlex
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from deis_pay.core.dates import end_after_months, first_of_next_month
from deis_pay.core.errors import InputError
from deis_pay.core.values import (
    parse_date,
    parse_flag,
    parse_int,
    parse_number,
    parse_zero_or_amount,
)
from deis_pay.i18n.language import day, language, tr
from deis_pay.i18n.messages import say

if TYPE_CHECKING:
    from deis_pay.data.records import Programme
    from deis_pay.rules.models import ContractInputs

Answers = dict[str, object]
Read = Callable[[str], str]
Write = Callable[[str], None]
Kind = Literal["date", "yes_no", "percent", "years", "amount"]

# Exit statuses: the dialogue ended by Ctrl-D (end of input) or Ctrl-C, as a shell reports an
# interrupted command (128 + SIGINT).
ENDED_BY_EOF = 1
INTERRUPTED = 130
# The answers are written wrapped at the terminal's width, at most this (a long line is hard
# to read).
MAX_WIDTH = 100
# Short answers a person types at a yes/no question, on top of those parse_flag reads.
_SHORT_YES_NO = {"o": "oui", "y": "yes", "n": "non"}
# Art. D6222-30: the +15 points of a related diploma of the same level, for a contract of a
# year at most (longer, check_history refuses it: the question is not asked).
SAME_LEVEL_MONTHS = 12
# The answers that only serve the net of `schedule --net`, not `check`'s options.
NET_ONLY = frozenset({"health_cover"})


@dataclass(frozen=True)
class Question:
    """One question. `name` is the field the parsers and `check_contract` name in their
    errors (so that an error found later asks this question again), `label` how the messages
    name it, `default` the answer Enter gives (None: an answer is needed, unless `optional`),
    `when` whether it is asked given the answers so far, `check` whether the contract is
    checked whole once it is answered, `note` a plain-words explanation written before it."""

    name: str
    text: str
    label: str
    kind: Kind
    default: Callable[[Answers], object] = lambda answers: None
    when: Callable[[Answers], bool] = lambda answers: True
    optional: bool = False
    check: bool = False
    note: str | None = None


def questions(programme: Programme) -> tuple[Question, ...]:
    """The questions, in the current language, in the order they are asked."""

    def contract_end(answers: Answers) -> date:
        start = answers.get("start", programme.default_start)
        assert isinstance(start, date)
        return end_after_months(start, programme.duration_months)

    def short_contract(answers: Answers) -> bool:
        start, end = answers["start"], answers["end"]
        assert isinstance(start, date) and isinstance(end, date)
        return end <= end_after_months(start, SAME_LEVEL_MONTHS)

    def diploma(answers: Answers) -> bool:
        return answers.get("previous_diploma") is True

    return (
        Question(
            "birth_date",
            tr("Votre date de naissance (JJ/MM/AAAA)"),
            tr("date de naissance"),
            "date",
        ),
        Question(
            "start",
            tr("Premier jour du contrat"),
            tr("début du contrat"),
            "date",
            default=lambda answers: programme.default_start,
            note=tr(
                "Le contrat proposé est celui du DEIS : du {start} au {end}. Entrée garde la "
                "réponse proposée entre crochets.",
                start=day(programme.default_start),
                end=day(programme.default_end),
            ),
        ),
        Question(
            "end",
            tr("Dernier jour du contrat"),
            tr("fin du contrat"),
            "date",
            default=contract_end,
            check=True,
        ),
        Question(
            "grid",
            tr("Votre employeur est-il de ce secteur ?"),
            tr("employeur"),
            "yes_no",
            default=lambda answers: False,
            note=tr(
                "Le salaire minimum dépend de l'employeur. Une association ou une fondation à "
                "but non lucratif du secteur sanitaire, social ou médico-social (foyer, IME, "
                "ESAT, MECS… ; convention collective de 1966 ou de 1951, par exemple) applique "
                "la grille de sa branche (SSSMS), le plus souvent plus haute. Tout autre "
                "employeur applique la grille légale. En cas de doute, la convention collective "
                "est écrite sur le contrat et sur la fiche de paie."
            ),
        ),
        Question(
            "previous",
            tr("Avez-vous déjà eu un contrat d'apprentissage avant celui-ci ?"),
            tr("contrat précédent"),
            "yes_no",
            default=lambda answers: False,
        ),
        Question(
            "previous_diploma",
            tr("Ce contrat vous a-t-il mené au diplôme que vous prépariez ?"),
            tr("diplôme"),
            "yes_no",
            when=lambda answers: answers.get("previous") is True,
            note=tr(
                "Un contrat précédent qui a mené au diplôme fixe un minimum au nouveau : "
                "ce que la loi imposait à sa fin (art. D6222-29)."
            ),
        ),
        Question(
            "previous_start",
            tr("Premier jour de ce contrat précédent"),
            tr("début du contrat précédent"),
            "date",
            when=diploma,
        ),
        Question(
            "previous_end",
            tr("Dernier jour de ce contrat précédent"),
            tr("fin du contrat précédent"),
            "date",
            when=diploma,
        ),
        Question(
            "previous_grid",
            tr("Ce contrat précédent était-il chez un employeur de ce même secteur (SSSMS) ?"),
            tr("employeur précédent"),
            "yes_no",
            default=lambda answers: answers["grid"],
            when=diploma,
        ),
        Question(
            "previous_percent",
            tr(
                "Si vous restez chez le même employeur et qu'il vous payait plus que le "
                "minimum à la fin de ce contrat : le pourcentage du SMIC qu'il vous payait "
                "(Entrée sinon)"
            ),
            tr("pourcentage payé"),
            "percent",
            when=diploma,
            optional=True,
            check=True,
        ),
        Question(
            "same_level_related",
            tr(
                "Préparez-vous un diplôme de même niveau qu'un diplôme que vous avez, en "
                "rapport direct avec lui ?"
            ),
            tr("diplôme de même niveau"),
            "yes_no",
            default=lambda answers: False,
            when=short_contract,
            note=tr(
                "Pour un contrat d'un an au plus vers un diplôme de même niveau, en rapport "
                "direct avec celui que vous avez : 15 points de plus (art. D6222-30)."
            ),
        ),
        Question(
            "previous_diploma_years",
            tr("Ce diplôme que vous avez se préparait en combien d'années (1, 2 ou 3) ?"),
            tr("durée du diplôme précédent"),
            "years",
            when=lambda answers: answers.get("same_level_related") is True and not diploma(answers),
            check=True,
        ),
        Question(
            "licence_pro",
            tr("Préparez-vous une licence professionnelle ?"),
            tr("licence professionnelle"),
            "yes_no",
            default=lambda answers: False,
        ),
        Question(
            "rqth",
            tr("Êtes-vous reconnu(e) travailleur handicapé (RQTH) ?"),
            tr("RQTH"),
            "yes_no",
            default=lambda answers: False,
        ),
        Question(
            "prolonged_to",
            tr(
                "Si votre contrat est prolongé en raison du handicap : sa nouvelle date de fin "
                "(Entrée sinon)"
            ),
            tr("fin de la prolongation"),
            "date",
            when=lambda answers: answers.get("rqth") is True,
            optional=True,
            check=True,
        ),
        Question(
            "health_cover",
            tr(
                "Complémentaire santé de l'employeur : cotisation mensuelle totale en € "
                "(Entrée pour ne pas la compter)"
            ),
            tr("complémentaire santé"),
            "amount",
            optional=True,
            note=tr(
                "L'employeur doit une complémentaire santé et en paie au moins la moitié "
                "(art. L911-7 CSS) : votre part est retenue sur le net."
            ),
        ),
    )


def interview(read: Read, write: Write, programme: Programme | None = None) -> Answers:
    """Ask every question that applies, each until its answer is understood; the answers.

    `read(prompt)` returns what the person typed (EOFError at the end of the input); `write`
    writes a line. An error found when the contract is checked asks again the question it
    names, then the check is made again."""
    if programme is None:
        from deis_pay.data.loader import default_dataset

        programme = default_dataset().programme
    asked = questions(programme)
    by_name = {question.name: question for question in asked}
    answers: Answers = {}
    for question in asked:
        if not question.when(answers):
            continue
        if question.note:
            write(_wrapped(question.note))
        answers[question.name] = _answer(question, answers, read, write)
        while question.check:
            try:
                contract(answers, programme)
                break
            except InputError as error:
                write(_error(error, by_name))
                again = by_name.get(error.field or "", question)
                if again.name not in answers:
                    again = question
                answers[again.name] = _answer(again, answers, read, write)
    return answers


def _answer(question: Question, answers: Answers, read: Read, write: Write) -> object:
    """The question's answer, asked until it is understood."""
    default = question.default(answers)
    labels = {question.name: question.label}
    while True:
        typed = read(_prompt(question, default)).strip()
        if not typed:
            if default is not None:
                return default
            if question.optional:
                return None
        try:
            return _parse(question, typed)
        except InputError as error:
            write(tr("Erreur : {message}", message=say(error.notice, labels)))


def _parse(question: Question, typed: str) -> object:
    if question.kind == "date":
        return parse_date(question.name, typed)
    if question.kind == "yes_no":
        return parse_flag(question.name, _SHORT_YES_NO.get(typed.lower(), typed))
    if question.kind == "percent":
        return parse_number(question.name, typed)
    if question.kind == "amount":
        return parse_zero_or_amount(question.name, typed)
    return parse_int(question.name, typed, "diploma_years")


def _prompt(question: Question, default: object) -> str:
    if question.kind == "yes_no":
        if default is True:
            return tr("{question} (O/n) : ", question=question.text)
        if default is False:
            return tr("{question} (o/N) : ", question=question.text)
        return tr("{question} (o/n) : ", question=question.text)
    if isinstance(default, date):
        return tr("{question} [{default}] : ", question=question.text, default=day(default))
    return tr("{question} : ", question=question.text)


def _error(error: InputError, by_name: Mapping[str, Question]) -> str:
    labels = {name: question.label for name, question in by_name.items()}
    return tr("Erreur : {message}", message=say(error.notice, labels))


def _wrapped(text: str) -> str:
    import shutil

    width = min(shutil.get_terminal_size().columns, MAX_WIDTH)
    return textwrap.fill(text, width=max(width, 20))


def options(answers: Answers, programme: Programme) -> list[tuple[str, str | None]]:
    """The answers as the options of `deis-pay schedule` (a flag's value is None), those that
    only repeat a default left out, in the order of the command's help."""
    given: list[tuple[str, str | None]] = []
    birth, start, end = answers.get("birth_date"), answers.get("start"), answers.get("end")
    if isinstance(birth, date):
        given.append(("birth", day(birth)))
    if isinstance(start, date) and start != programme.default_start:
        given.append(("start", day(start)))
    if isinstance(end, date):
        assert isinstance(start, date)
        if end != end_after_months(start, programme.duration_months):
            given.append(("end", day(end)))
    grid = "sssms" if answers.get("grid") is True else "general"
    if grid != "general":
        given.append(("grid", grid))
    previous_start, previous_end = answers.get("previous_start"), answers.get("previous_end")
    if isinstance(previous_start, date) and isinstance(previous_end, date):
        given += [("previous_start", day(previous_start)), ("previous_end", day(previous_end))]
        previous_grid = "sssms" if answers.get("previous_grid") is True else "general"
        if "previous_grid" in answers and previous_grid != grid:
            given.append(("previous_grid", previous_grid))
    percent = answers.get("previous_percent")
    if percent is not None:
        given.append(("previous_percent", str(percent)))
    if answers.get("same_level_related") is True:
        given.append(("same_level_related", None))
    years = answers.get("previous_diploma_years")
    if years is not None:
        given.append(("previous_diploma_years", str(years)))
    if answers.get("licence_pro") is True:
        given.append(("licence_pro", None))
    prolonged_to = answers.get("prolonged_to")
    if isinstance(prolonged_to, date):
        given += [("prolonged_to", day(prolonged_to)), ("prolongation_reason", "rqth")]
    health_cover = answers.get("health_cover")
    if health_cover:  # (0 is not counting it, as Enter: schedule's default)
        given.append(("health_cover", str(health_cover)))
    return given


def contract(answers: Answers, programme: Programme) -> ContractInputs:
    """The contract of the answers so far, checked as `schedule` checks its options (the
    InputError of the first wrong one)."""
    from deis_pay.data.loader import default_dataset
    from deis_pay.input.text import contract_from_text
    from deis_pay.rules.models import HISTORY_FIELDS

    given = dict(options(answers, programme))
    history = {
        name: ("true" if name in given and given[name] is None else given.get(name))
        for name in HISTORY_FIELDS
    }
    texts = {"birth_date": str(given["birth"]), "start": given.get("start"),
             "end": given.get("end"), "grid": given.get("grid"), **history}  # fmt: skip
    return contract_from_text(default_dataset(), texts)


def command_line(
    given: list[tuple[str, str | None]],
    command: str = "schedule",
    more: Sequence[tuple[str, str | None]] = (),
) -> str:
    """The `deis-pay schedule --net` command of these options (or `command` with the options
    `more` after them), quoted for a POSIX shell."""
    words = ["deis-pay", command]
    for name, value in (*given, *more):
        words.append("--" + name.replace("_", "-"))
        if value is not None:
            words.append(value)
    if command == "schedule":
        words.append("--net")
    if language() != "fr":
        words += ["--lang", language()]
    return shlex.join(words)


def _write_out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _write_err(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _undecodable_bytes_as_text() -> None:
    """An answer typed in another encoding than the terminal's (Latin-1 bytes under a UTF-8
    locale) reads as text with its bad bytes kept apart (surrogateescape) instead of stopping
    the dialogue: the answer is then refused like any unreadable one, quoted on one line, and
    asked again."""
    import io

    if isinstance(sys.stdin, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError):
            sys.stdin.reconfigure(errors="surrogateescape")


def run(
    show: Callable[[Mapping[str, object]], None],
    read: Read = input,
    write: Write = _write_out,
    warn: Write = _write_err,
    check: Callable[[Mapping[str, object]], None] | None = None,
    today: date | None = None,
) -> int:
    """The guided mode, from the first question to the command to reuse; its exit status.
    `show` shows the schedule of `schedule`'s keyword arguments (the command line gives its
    `schedule` command: the same view, from the same code); `check`, if given, the check of
    `check`'s keyword arguments, after the payslips asked month by month up to `today`
    (default: today)."""
    from deis_pay.data.loader import default_dataset

    if read is input:
        _undecodable_bytes_as_text()
    programme = default_dataset().programme
    write(
        _wrapped(
            tr(
                "deis-pay calcule le salaire minimum d'un apprenti, mois par mois, et son net. "
                "Répondez aux questions ; Ctrl-D ou Ctrl-C pour quitter."
            )
        )
    )
    try:
        answers = interview(read, write, programme)
    except EOFError:
        warn("\n" + tr("Fin des réponses : rien n'est calculé."))
        return ENDED_BY_EOF
    except KeyboardInterrupt:
        warn("\n" + tr("Interrompu : rien n'est calculé."))
        return INTERRUPTED
    given = options(answers, programme)
    write("")
    show({**{name: True if value is None else value for name, value in given},
          "net": True, "lang": language()})  # fmt: skip
    write("")
    write(tr("La même chose en une commande, pour la refaire ou la compléter (--explain…) :"))
    write("  " + command_line(given))
    if check is None:
        return 0
    try:
        paid = payslips(answers, programme, today or date.today(), read, write)
    except (EOFError, KeyboardInterrupt):
        write("")
        return 0  # (the schedule is shown: leaving the optional comparison is no failure)
    if not paid:
        return 0
    write("")
    asked = {"today": day(today)} if today is not None else {}
    on_day = [("today", asked["today"])] if asked else []
    given = [(name, value) for name, value in given if name not in NET_ONLY]  # not check's
    check({**{name: True if value is None else value for name, value in given},
           "paid": paid, **asked, "lang": language()})  # fmt: skip
    write("")
    write(tr("La même comparaison en une commande (--letter lettre.html écrit la demande de "
             "régularisation) :"))  # fmt: skip
    more = [("paid", item) for item in paid] + on_day
    write("  " + command_line(given, "check", more))
    return 0


def payslips(
    answers: Answers, programme: Programme, today: date, read: Read, write: Write
) -> list[str]:
    """Asked after the schedule: the gross of each payslip of the contract up to `today`'s
    month, Enter skipping a month; as `--paid MM/AAAA=EUR` values. Nothing when declined."""
    question = Question("compare", tr("Voulez-vous comparer avec vos bulletins de paie ?"),
                        "", "yes_no", default=lambda answers: False)  # fmt: skip
    write("")
    if _answer(question, answers, read, write) is not True:
        return []
    write(_wrapped(tr(
        "Pour chaque mois, le brut du bulletin qui compte pour le minimum : salaire de base et "
        "primes du mois, sans les remboursements de frais, les heures supplémentaires ni la "
        "prime de transport (art. D3231-6). Entrée pour passer un mois."
    )))  # fmt: skip
    inputs = contract(answers, programme)
    month = inputs.start.replace(day=1)
    last = min(inputs.last_day, today).replace(day=1)
    paid: list[str] = []
    while month <= last:
        shown = f"{month.month:02d}/{month.year}"
        while True:
            typed = read(tr("Brut payé en {month} : ", month=shown)).strip()
            if not typed:
                break
            try:
                parse_zero_or_amount("paid", typed)
            except InputError as error:
                write(tr("Erreur : {message}", message=say(error.notice, {"paid": shown})))
                continue
            paid.append(f"{shown}={typed}")
            break
        month = first_of_next_month(month)
    return paid
