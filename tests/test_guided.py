"""The guided mode: `deis-pay` with no command, in a terminal, asks and then shows.

The dialogue is driven through its prompts by a scripted reader (guided.run's `read`), and the
real command through a pseudo-terminal; a run whose stdin or stdout is not a terminal keeps
showing the help. The expected totals are those of docs/history.md, computed there by the
options the guided mode must end up giving.
"""

from __future__ import annotations

import os
import select
import shlex
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from deis_pay.cli import guided
from deis_pay.cli.pay import schedule
from deis_pay.i18n.language import set_language

from .conftest import run_cli


@dataclass
class Script:
    """Types the answers one by one, keeps the prompts; then the end of the input (Ctrl-D)."""

    answers: list[str]
    prompts: list[str] = field(default_factory=list)

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@dataclass
class Dialogue:
    status: int
    script: Script
    lines: list[str]
    warnings: list[str]
    stdout: str

    @property
    def command(self) -> str:
        """The command line printed at the end (after the line that announces it)."""
        return self.lines[-1].strip()

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)


def _schedule(arguments: Mapping[str, object]) -> None:
    """What the CLI passes as `show`: the real `schedule` command with these arguments."""
    schedule(**arguments)


def _guided(
    answers: Iterable[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Dialogue:
    """The whole guided mode, the schedule shown by the real `schedule` command (on stdout,
    80 columns, as run_cli shows it)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    capsys.readouterr()
    script = Script(list(answers))
    lines: list[str] = []
    warnings: list[str] = []
    status = guided.run(_schedule, read=script, write=lines.append, warn=warnings.append)
    return Dialogue(status, script, lines, warnings, capsys.readouterr().out)


def _same_as_its_command(dialogue: Dialogue) -> None:
    """The printed command, split as a shell splits it, gives exactly what was shown."""
    words = shlex.split(dialogue.command)
    assert words[:2] == ["deis-pay", "schedule"]
    again = run_cli(*words[1:])
    assert again.exit_code == 0, again.stderr
    assert again.stdout == dialogue.stdout


def _text(stdout: str) -> str:
    return stdout.replace("\u00a0", " ").replace("\u202f", " ")


def test_default_contract_with_enter_everywhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # birth, start, end, SSSMS employer, previous contract, licence pro, RQTH, health cover
    dialogue = _guided(["10/05/2005", "", "", "", "", "", "", ""], capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert dialogue.script.prompts == [
        "Votre date de naissance (JJ/MM/AAAA) : ",
        "Premier jour du contrat [01/09/2025] : ",
        "Dernier jour du contrat [29/02/2028] : ",
        "Votre employeur est-il de ce secteur ? (o/N) : ",
        "Avez-vous déjà eu un contrat d'apprentissage avant celui-ci ? (o/N) : ",
        "Préparez-vous une licence professionnelle ? (o/N) : ",
        "Êtes-vous reconnu(e) travailleur handicapé (RQTH) ? (o/N) : ",
        "Complémentaire santé de l'employeur : cotisation mensuelle totale en € (Entrée pour "
        "ne pas la compter) : ",
    ]
    assert dialogue.said("grille de sa branche (SSSMS)")  # the grid explained before it
    assert dialogue.command == "deis-pay schedule --birth 10/05/2005 --net"
    # The default contract's total (test_entry_point) and its net.
    assert "Total contrat" in _text(dialogue.stdout)
    assert "32 391,62 €" in _text(dialogue.stdout)
    assert "Net de l'apprenti" in _text(dialogue.stdout)
    _same_as_its_command(dialogue)


def test_sssms_employer_with_a_previous_apprenticeship(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/history.md, example 1: a 3-year SSSMS contract that led to its diploma makes the
    85 % of its last day a floor: 47 200,39 € instead of 40 575,30 €."""
    answers = [
        "14/03/2003",
        "",
        "",
        "o",  # employer of the sector: SSSMS grid
        "oui",  # a previous apprenticeship
        "o",  # that led to the diploma
        "01/09/2022",
        "31/08/2025",
        "",  # previous employer of the same sector: the default, yes
        "",  # no higher percentage paid
        "n",
        "non",
        "",  # no health cover
    ]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert dialogue.script.prompts[5:10] == [
        "Ce contrat vous a-t-il mené au diplôme que vous prépariez ? (o/n) : ",
        "Premier jour de ce contrat précédent : ",
        "Dernier jour de ce contrat précédent : ",
        "Ce contrat précédent était-il chez un employeur de ce même secteur (SSSMS) ? (O/n) : ",
        "Si vous restez chez le même employeur et qu'il vous payait plus que le minimum à la "
        "fin de ce contrat : le pourcentage du SMIC qu'il vous payait (Entrée sinon) : ",
    ]
    assert dialogue.command == (
        "deis-pay schedule --birth 14/03/2003 --grid sssms --previous-start 01/09/2022 "
        "--previous-end 31/08/2025 --net"
    )
    assert "47 200,39 €" in _text(dialogue.stdout)
    assert "85 %¹" in _text(dialogue.stdout)
    # What the previous contract changes, said by the schedule it shows (docs/history.md,
    # example 1: 40 575,30 € without it).
    assert "sans le contrat précédent : 40 575,30 € ; avec : 47 200,39 €, soit 6 625,09 € de" in (
        " ".join(_text(dialogue.stdout).split())
    )
    _same_as_its_command(dialogue)


def test_previous_contract_on_the_other_grid_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SSSMS employer now, legal grid before: --previous-grid general (its default would be
    --grid), and a percentage actually paid."""
    answers = ["01/06/2006", "", "31/08/2026", "o", "o", "o", "01/09/2023", "31/08/2025", "n"]
    dialogue = _guided([*answers, "55", "n", "n", "n", ""], capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert dialogue.command == (
        "deis-pay schedule --birth 01/06/2006 --end 31/08/2026 --grid sssms --previous-start "
        "01/09/2023 --previous-end 31/08/2025 --previous-grid general --previous-percent 55 --net"
    )
    _same_as_its_command(dialogue)


def test_related_diploma_of_the_same_level_on_a_one_year_contract(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/history.md, example 3: 21 291,32 €. The question is asked only for a contract of a
    year at most (it is refused on a longer one), with the diploma's length when no previous
    contract gives it."""
    answers = ["15/01/2000", "", "31/08/2026", "n", "n", "o", "3", "n", "n", ""]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert dialogue.command == (
        "deis-pay schedule --birth 15/01/2000 --end 31/08/2026 --same-level-related "
        "--previous-diploma-years 3 --net"
    )
    assert "21 291,32 €" in _text(dialogue.stdout)
    _same_as_its_command(dialogue)


def test_rqth_with_a_prolongation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/history.md, example 5 (rqth): 36 760,49 €."""
    answers = ["14/02/2007", "", "31/08/2027", "n", "n", "n", "o", "31/08/2028", ""]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert dialogue.script.prompts[-2].startswith("Si votre contrat est prolongé")
    assert dialogue.command == (
        "deis-pay schedule --birth 14/02/2007 --end 31/08/2027 --prolonged-to 31/08/2028 "
        "--prolongation-reason rqth --net"
    )
    assert "36 760,49 €" in _text(dialogue.stdout)
    _same_as_its_command(dialogue)


def test_invalid_answers_are_said_and_asked_again(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        "31/02/2005",  # no such day
        "10/05/2005",
        "",
        "01/01/2025",  # before the start: found when the contract is checked
        "",
        "peut-être",
        "n",
        "",
        "",
        "",
        "",
    ]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    birth = "Votre date de naissance (JJ/MM/AAAA) : "
    end = "Dernier jour du contrat [29/02/2028] : "
    grid = "Votre employeur est-il de ce secteur ? (o/N) : "
    assert dialogue.script.prompts[:7] == [birth, birth, "Premier jour du contrat [01/09/2025] : ",
                                           end, end, grid, grid]  # fmt: skip
    errors = [line for line in dialogue.lines if line.startswith("Erreur")]
    assert errors == [
        "Erreur : date de naissance : « 31/02/2005 » n'existe pas dans le calendrier",
        "Erreur : la fin du contrat (01/01/2025) précède son début (01/09/2025)",
        "Erreur : employeur : « peut-être », oui ou non est attendu",
    ]
    assert dialogue.command == "deis-pay schedule --birth 10/05/2005 --net"


def test_a_contract_error_asks_again_the_question_it_names(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Born after the start: the contract check names the date of birth, which is asked
    again (not the end, the question just answered)."""
    answers = ["10/05/2026", "", "", "10/05/2005", "", "", "", "", ""]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.prompts[3] == "Votre date de naissance (JJ/MM/AAAA) : "
    assert (
        dialogue.lines.count(
            "Erreur : date de naissance (10/05/2026) postérieure au début du contrat (01/09/2025)"
        )
        == 1
    )
    assert dialogue.command == "deis-pay schedule --birth 10/05/2005 --net"


def test_end_of_input_midway_exits_cleanly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogue = _guided(["10/05/2005", ""], capsys, monkeypatch)
    assert dialogue.status == 1
    assert len(dialogue.script.prompts) == 3  # the third question met the end of the input
    assert [line.strip() for line in dialogue.warnings] == [
        "Fin des réponses : rien n'est calculé."
    ]
    assert dialogue.stdout == ""  # nothing computed
    assert not dialogue.said("deis-pay schedule")


def test_ctrl_c_exits_with_130() -> None:
    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    warnings: list[str] = []
    shown: list[object] = []
    status = guided.run(read=interrupted, write=lambda _: None, warn=warnings.append,
                        show=shown.append)  # fmt: skip
    assert status == 130
    assert [line.strip() for line in warnings] == ["Interrompu : rien n'est calculé."]
    assert shown == []


def test_in_english(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    dialogue = _guided(["10/05/2005", "", "", "y", "no", "n", "N", ""], capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.prompts[0] == "Your date of birth (DD/MM/YYYY): "
    assert dialogue.script.prompts[3] == "Is your employer in this sector? (y/N): "
    assert dialogue.command == "deis-pay schedule --birth 10/05/2005 --grid sssms --net --lang en"
    _same_as_its_command(dialogue)


def test_health_cover_answer_is_the_net_s_health_cover(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The premium answered is `--health-cover` (the net then takes off the apprentice's half
    of it); a wrong amount is said and asked again; Enter skips it (the tests above)."""
    answers = ["10/05/2005", "", "", "", "", "", "", "quarante", "48"]
    dialogue = _guided(answers, capsys, monkeypatch)
    assert dialogue.status == 0
    assert dialogue.script.answers == []
    assert any("« quarante »" in line for line in dialogue.lines if line.startswith("Erreur"))
    assert dialogue.command == "deis-pay schedule --birth 10/05/2005 --health-cover 48 --net"
    # The half of 48 € a month the apprentice pays (the default share of the employer: 50 %)
    # is 24 €: shown in the net's table.
    assert "24,00 €" in _text(dialogue.stdout)
    _same_as_its_command(dialogue)


def test_command_line_is_quoted_for_the_shell() -> None:
    given: list[tuple[str, str | None]] = [("birth", "10/05/2005"), ("previous_percent", "5 5")]
    line = guided.command_line(given)
    assert line == "deis-pay schedule --birth 10/05/2005 --previous-percent '5 5' --net"
    assert shlex.split(line)[5] == "5 5"


# --- the real command: a terminal, or not


def test_no_command_in_a_pipe_still_shows_the_help() -> None:
    """As before the guided mode: the help on stdout, status 2, nothing asked."""
    bare = run_cli()
    helped = run_cli("--help")
    assert bare.exit_code == 2
    assert bare.stderr == ""
    assert "Utilisation :" in bare.stdout
    assert bare.stdout.rstrip() == helped.stdout.rstrip()
    assert "Votre date de naissance" not in bare.stdout


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "LANG": "fr_FR.UTF-8",
        "DEIS_PAY_CACHE_DIR": "off",
    }


def test_no_command_with_stdin_from_a_pipe_shows_the_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay"],
        input="10/05/2005\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Utilisation :" in result.stdout
    assert "Votre date de naissance" not in result.stdout
    assert result.stderr == ""


def _has_pseudo_terminals() -> bool:
    try:
        main, terminal = os.openpty()
    except (AttributeError, OSError):  # Windows, or a container without /dev/ptmx
        return False
    os.close(main)
    os.close(terminal)
    return True


needs_pty = pytest.mark.skipif(not _has_pseudo_terminals(), reason="no pseudo-terminals here")


def _in_a_terminal(
    typed: bytes, *args: str, cwd: Path, stdout_to_pipe: bool = False
) -> tuple[int, str]:
    """`python -m deis_pay ARGS` with a pseudo-terminal as stdin (and stdout, unless
    `stdout_to_pipe`), `typed` typed into it; its status and all it wrote."""
    main, terminal = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "deis_pay", *args],
        stdin=terminal,
        stdout=subprocess.PIPE if stdout_to_pipe else terminal,
        stderr=terminal,
        cwd=cwd,
        env=_environment(),
    )
    os.close(terminal)
    os.write(main, typed)
    written = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: every process using it ended
                break
            if not chunk:
                break
            written += chunk
        elif process.poll() is not None:
            break
    if stdout_to_pipe:
        assert process.stdout is not None
        written += process.stdout.read()
        process.stdout.close()
    os.close(main)
    status = process.wait(timeout=60)
    return status, written.decode("utf-8", "replace").replace("\r\n", "\n")


@needs_pty
def test_no_command_in_a_terminal_asks_and_shows(tmp_path: Path) -> None:
    # (the last Enters: no health cover, no comparison with payslips)
    status, written = _in_a_terminal(b"10/05/2005\n\n\nn\n\n\n\n\n\n", cwd=tmp_path)
    assert status == 0, written
    assert "Votre date de naissance (JJ/MM/AAAA) : " in written
    assert "32 391,62" in _text(written)
    assert "deis-pay schedule --birth 10/05/2005 --net" in written
    assert "Traceback" not in written


@needs_pty
def test_ctrl_d_in_a_terminal_ends_with_one_line(tmp_path: Path) -> None:
    status, written = _in_a_terminal(b"10/05/2005\n\x04", cwd=tmp_path)
    assert status == 1, written
    assert "Fin des réponses : rien n'est calculé." in written
    assert "Traceback" not in written
    assert "Total" not in written


@needs_pty
def test_lang_en_in_a_terminal(tmp_path: Path) -> None:
    status, written = _in_a_terminal(b"\x04", "--lang", "en", cwd=tmp_path)
    assert status == 1, written
    assert "Your date of birth (DD/MM/YYYY): " in written
    assert "End of the answers: nothing is computed." in written


@needs_pty
def test_terminal_input_but_stdout_to_a_pipe_shows_the_help(tmp_path: Path) -> None:
    status, written = _in_a_terminal(b"10/05/2005\n", cwd=tmp_path, stdout_to_pipe=True)
    assert status == 2, written
    assert "Utilisation :" in written
    assert "Votre date de naissance" not in written


def test_schedule_does_not_import_the_guided_mode(tmp_path: Path) -> None:
    """The guided mode is read only when it runs: not on `schedule` (start-up time)."""
    code = (
        "import sys\n"
        "sys.argv = ['deis-pay', 'schedule', '--birth', '2005-05-10', '--format', 'json']\n"
        "from deis_pay.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str('deis_pay.cli.guided' in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=60,
        check=False,
    )
    assert '"total_gross": 32391.62' in result.stdout
    assert result.stderr == "False"


def test_lang_before_a_command_is_refused_not_ignored() -> None:
    """`deis-pay --lang en schedule …`: the top-level --lang is the guided mode's; before a
    command it would be overridden by the command's own, so it is refused (one line, 2)."""
    result = run_cli("--lang", "en", "schedule", "--birth", "2005-05-10")
    assert result.exit_code == 2
    assert result.stdout == ""
    # (Said in the language asked for: the group reads its --lang before anything is written.)
    assert result.stderr == (
        "Error: --lang: with a command, it comes after it (deis-pay schedule --lang en)\n"
    )


def test_payslips_compared_after_the_schedule(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the schedule, « comparer avec vos bulletins » asks each month up to the claim
    day (Enter skips one, a wrong amount is asked again), shows the check, and prints its
    command, which gives the same check again."""
    from deis_pay.cli.check import check

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    capsys.readouterr()
    # The default contract (01/09/2025 to 29/02/2028), checked on 15/11/2025: September,
    # October and November are asked. September right (43 % × 1 801,80 = 774,78), October
    # skipped, November 50 € short.
    script = Script(["10/05/2005", "", "", "", "", "", "", "", "o", "774,78", "", "abc", "724,78"])
    lines: list[str] = []
    status = guided.run(_schedule, read=script, write=lines.append, warn=lines.append,
                        check=lambda arguments: check(**arguments),
                        today=date(2025, 11, 15))  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0 and script.answers == []
    assert script.prompts[-5:] == [
        "Voulez-vous comparer avec vos bulletins de paie ? (o/N) : ",
        "Brut payé en 09/2025 : ", "Brut payé en 10/2025 : ",
        "Brut payé en 11/2025 : ", "Brut payé en 11/2025 : ",
    ]  # fmt: skip
    assert any("« abc »" in line for line in lines)  # asked again, with why
    check_part = _text(out.split("Salaire payé et minimum")[1])
    assert "-50,00 €" in check_part and "sous-payé" in check_part
    command = lines[-1].strip()
    assert command == ("deis-pay check --birth 10/05/2005 --paid 09/2025=774,78 "
                       "--paid 11/2025=724,78 --today 15/11/2025")  # fmt: skip
    again = run_cli(*shlex.split(command)[1:])
    assert again.exit_code == 0, again.stderr
    assert _text(again.stdout) in _text(out)
