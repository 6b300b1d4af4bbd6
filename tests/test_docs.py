"""The documentation: a short README, pages in docs/ that exist where they are linked, a
command reference that says what the command line does today, and nothing pointing outside
the repository."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]

# The two set-up commands of the README, byte for byte: people copy them, and .ci/run runs the
# second one.
MAIN_JOB = (
    "python3 -m venv .venv && .venv/bin/pip install . && "
    ".venv/bin/deis-pay schedule --birth 2005-05-10"
)
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"

LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*```")


def _prose(text: str) -> str:
    """The text less its fenced code blocks (a `[x](y)` in a captured output is no link)."""
    kept, in_code = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            kept.append(line)
    return "\n".join(kept)


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer such as GitHub's gives a heading: lower case, no
    punctuation but `-` and `_`, spaces as hyphens (`Net pay: --net` → `net-pay---net`)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    found: set[str] = set()
    for line in _prose(page.read_text(encoding="utf-8")).splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*$", line)
        if match:
            slug = _slug(match.group(1))
            n = 0
            while (slug if n == 0 else f"{slug}-{n}") in found:
                n += 1
            found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def test_the_readme_is_under_10_kb() -> None:
    assert README.stat().st_size < 10_240, f"README.md is {README.stat().st_size} bytes"


def test_the_readme_keeps_its_two_set_up_commands() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert MAIN_JOB in lines
    assert TEST_COMMAND in lines


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run installs and tests as the README says (it only adds --quiet to pip)."""
    script = ROOT / ".ci" / "run"
    if not script.is_file():
        pytest.skip(".ci/run is not shipped in the sdist")
    ci = script.read_text(encoding="utf-8")
    commands = {line.replace(" --quiet", "").strip() for line in ci.splitlines()}
    # .ci/run creates the virtual environment on a line of its own.
    assert "python3 -m venv .venv" in commands
    assert TEST_COMMAND.removeprefix("python3 -m venv .venv && ") in commands


def test_nothing_refers_to_texts_outside_the_repository() -> None:
    """The rules were first written in documents that are not part of this repository: the
    code, the data and the docs name the project's own pages instead."""
    banned = ("pay-rules.md", "shared/spec", "../shared")
    places = [ROOT / "deis_pay", ROOT / "data", README, DOCS]
    offending = []
    for place in places:
        files = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # bytecode, images: no references in them
            for number, line in enumerate(text.splitlines(), 1):
                if any(name in line for name in banned):
                    offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(page: Path) -> None:
    broken = []
    for target in LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path_part, _, anchor = target.partition("#")
        destination = (page.parent / path_part).resolve() if path_part else page
        if ROOT not in destination.parents and destination != ROOT:
            broken.append(f"{target}: outside the repository")
        elif not destination.exists():
            broken.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination):
            broken.append(f"{target}: no heading #{anchor} in {destination.name}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_the_link_checker_sees_a_broken_link(tmp_path: Path) -> None:
    """The checks above would pass on pages without links: show that they catch one."""
    assert LINK.findall("see [the rules](rules.md#net-pay) and ![x](a.svg)") == [
        "rules.md#net-pay",
        "a.svg",
    ]
    assert LINK.findall(_prose("```\n[no](link.md)\n```\n")) == []
    page = tmp_path / "page.md"
    page.write_text("# Net pay: `deis-pay schedule --net`\n## Net pay: `deis-pay schedule --net`\n")
    slug = "net-pay-deis-pay-schedule---net"
    assert _anchors(page) == {slug, f"{slug}-1"}


def _up_to_date(script: str) -> None:
    """`docs/<script> --check` finds nothing to write again."""
    result = subprocess.run(
        [sys.executable, str(DOCS / script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_command_reference_is_up_to_date() -> None:
    """docs/commands.md is what docs/commands.py writes from the command line today."""
    _up_to_date("commands.py")


def test_the_captured_examples_are_up_to_date() -> None:
    """The `$ deis-pay …` blocks of docs/views.md are what the command prints today; the one
    whose aid line depends on the day is captured with --today, so the date of the run does
    not matter."""
    _up_to_date("examples.py")


def test_the_example_capture_replaces_a_stale_output() -> None:
    """docs/examples.py rewrites what follows a `$ deis-pay …` line, and leaves other blocks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_examples", DOCS / "examples.py")
    assert spec is not None and spec.loader is not None
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    stale = "```\n$ deis-pay smic --at 2026-01-15\nSMIC brut : 1 000,00 €\n```\n"
    kept = "```\ndeis-pay smic --at DATE\n```\n"
    new = examples.recaptured(stale + kept)
    assert "1 000,00" not in new and "823,03" in new and "par mois" in new
    assert new.startswith("```\n$ deis-pay smic --at 2026-01-15\nSMIC brut (métropole)")
    assert new.endswith(kept)


def test_the_command_reference_has_every_command_and_option() -> None:
    """Every command of the app has its section, and every option of a command its line."""
    import typer

    from deis_pay.cli.app import app

    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert {"schedule", "cost", "batch"} <= set(commands)
    for name, command in commands.items():
        if command.hidden:
            continue
        assert f"\n## deis-pay {name}\n" in text, name
        section = text.split(f"\n## deis-pay {name}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and not getattr(param, "hidden", False):
                    assert option in section, f"{name}: {option} missing from docs/commands.md"
