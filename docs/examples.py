"""Re-captures the example outputs of docs/views.md from the command line itself.

    python docs/examples.py          # rewrite every captured example of docs/views.md
    python docs/examples.py --check  # exit 1 if one of them differs from what deis-pay prints

A captured example is a fenced block whose first line is `$ deis-pay …` and that holds no
other command: the block becomes that command followed by what it prints (stdout, then
stderr, as a terminal shows them), in French, 80 columns wide, without colour. Other blocks
(usage lines, excerpts such as the chart) are left as they are.

tests/test_docs.py runs `--check`. A view that names today's date (the schedule's aid line:
« fenêtre close le … ») is captured with `--today`, so that the captures do not depend on the
day they are made. Run this script after changing a view, and read the diff.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The terminal of docs/commands.py, its neighbour (found whether this file runs as a script or
# is loaded by a test).
sys.path.insert(0, str(ROOT / "docs"))
from commands import fixed_terminal  # noqa: E402

PAGES = [ROOT / "docs" / "views.md"]
WIDTH = 80
FENCE = re.compile(r"^```")


def capture(command: str) -> list[str]:
    """What `deis-pay …` prints, line by line, less the spaces that pad the tables."""
    args = shlex.split(command)
    assert args[0] == "deis-pay", command
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", *args[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=fixed_terminal(WIDTH),
        cwd=ROOT,
        check=False,
    )
    if result.returncode not in (0, 3):
        sys.exit(f"$ {command}\nexit {result.returncode}: {result.stderr}")
    lines = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def recaptured(text: str) -> str:
    out: list[str] = []
    block: list[str] | None = None
    for line in text.splitlines():
        if block is None:
            out.append(line)
            if FENCE.match(line):
                block = []
            continue
        if not FENCE.match(line):
            block.append(line)
            continue
        commands = [i for i, body in enumerate(block) if body.startswith("$ ")]
        if commands == [0] and block[0].startswith("$ deis-pay "):
            block = [block[0], *capture(block[0][2:])]
        out.extend([*block, line])
        block = None
    return "\n".join(out) + "\n"


def main() -> None:
    stale = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        new = recaptured(text)
        if new != text:
            stale.append(page)
            if "--check" not in sys.argv[1:]:
                page.write_text(new, encoding="utf-8")
    if stale and "--check" in sys.argv[1:]:
        names = ", ".join(str(page.relative_to(ROOT)) for page in stale)
        sys.exit(f"{names}: examples out of date: run python docs/examples.py")


if __name__ == "__main__":
    main()
