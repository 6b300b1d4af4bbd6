"""The repository speaks of the product, not of how it was made: no issue numbers, no "part 7",
no "this session", no development stages, no targets "asked", no commit hashes in prose.

How the work went belongs to the commit messages and CHANGELOG.md (which is left out here); a
page, a docstring or a comment says what the code does and why, in words that stay true. Every
text file of the repository is scanned: those git tracks and those not yet added (but not the
ignored ones), less CHANGELOG.md, binary files and this file, whose examples below are the
wording it forbids.

French is everywhere (data, help texts, goldens), and French uses some of the same words for
other things: « la part employeur », « un stage », « la session 2026 », « une issue ». So each
pattern matches a word only with the English words or the numbers that make it diary wording,
never the bare word; the examples at the end show what each one catches and lets through.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {"CHANGELOG.md", "tests/test_wording.py"}
# The repository holds about 160 text files: far fewer scanned means the listing went wrong
# (run from elsewhere, a sparse checkout), and a scan of nothing must not pass.
FILES_AT_LEAST = 120

# A space, or a line break inside a comment or a docstring (the line's indentation and a
# leading `#` are part of the gap): "150 MB\n    # asked" is one phrase.
_ = r"(?:\s*\n\s*#?\s*|\s+)"
ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
UNIT = r"(?:\s*(?:%|×|x\b|[kKMG]i?B\b|ms\b|µs\b|s\b))?"

PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "issue number": (
        re.compile(rf"\bissues?{_}#?\d+", re.IGNORECASE),
        # "issue 12", "issues 3 and 4". The French « issue » (way out, outcome) is never
        # followed by a bare number.
        "the project's tickets are not the reader's: say what the code does",
    ),
    "issue reference": (
        re.compile(r"(?:^|(?<=[\s(\[,]))#\d{1,5}(?=$|[\s).,:\]])"),
        # "#12" as a word: after a space or a bracket, before a space or a punctuation mark.
        # A colour (`color:#555;`, `solid #555}`), an HTML entity (`&#160;`), an anchor
        # (`#net-pay`) and a number format (`#,##0.00`) are not matched.
        "a ticket number means nothing to a reader of the repository",
    ),
    "the issue": (
        re.compile(
            rf"\bthe{_}issue(?:'s|’s)|\b(?:example|target|bound|baseline)s?{_}of{_}the{_}issue\b",
            re.IGNORECASE,
        ),
        # "the baseline", "the example of the issue": the ticket as the authority.
        "name the target or the example itself",
    ),
    "part N": (
        re.compile(
            rf"\bparts?{_}\d+(?:{_}?(?:,|and|&|to|–|-){_}?\d+)*\b(?!\s*(?:%|€|[.,]\d))",
            re.IGNORECASE,
        ),
        # "part 7", "parts 5 and 6", "(part 8)". The French « part » (a share) is followed by
        # « de », « employeur », « salariale », never by a bare number; an amount (« part 50 % »)
        # is let through all the same.
        "a part of the development plan: say what the feature is",
    ),
    "session": (
        re.compile(
            rf"\b(?:this|that|each|every|last|next|previous|earlier|later|same|{ORDINAL})"
            rf"{_}sessions?\b|\bsession(?:'s|’s)|\bsessions{_}ago\b|\bacross{_}(?:the{_})?sessions\b"
            r"|\bsession\s+\d{1,2}\b",
            re.IGNORECASE,
        ),
        # "this session", "the fourth session", "the session's start", "two sessions ago",
        # "session 3". The French « session » (an exam session: « la session 2026 ») comes
        # after « la », « une », « cette » and before a year, which are not matched; what a
        # person does with the guided mode is called a dialogue here, not a session.
        "a working session is no fact about the product",
    ),
    "development stage": (
        re.compile(
            rf"\b(?:development|project|refactoring|work){_}(?:stages?|steps?|phases?)\b"
            rf"|\bstage{_}\d+\b"
            rf"|\b(?:this|that|next|previous|earlier|later|current|last|{ORDINAL}){_}stage\b",
            re.IGNORECASE,
        ),
        # "development stages", "stage 3", "at this stage", "the first stage". The French
        # « stage » (an internship: « un stage », « le stage ») is preceded by French words.
        # "step" alone is left: "steps 4-6 above" is a procedure the reader follows.
        "the stages of the work are history: say what is",
    ),
    "asked": (
        re.compile(
            rf"(?:\d[\d.,]*{UNIT}|×){_}asked\b|\bas{_}asked\b|\b(?:targets?|bound|budget){_}asked\b",
            re.IGNORECASE,
        ),
        # "16× asked", "(100 MB asked)", "as asked", "the target asked". "The question is
        # asked", "asked for", "the language asked" are the product's own words and pass.
        "a target is the product's: say the target, not who asked for it",
    ),
    "commit hash": (
        re.compile(r"(?<![\w#-])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}(?![\w-])"),
        # Seven to forty lower-case hex digits, with a letter and a digit, standing alone: how
        # git abbreviates a commit. Colours (six digits, after `#`), digests (64), UUIDs (with
        # dashes) and words are not matched.
        "a commit is history: say what the code does now",
    ),
}


def _repository_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist): nothing to list the files with")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    return sorted({name for name in listed.split("\0") if name})


def _text(path: Path) -> str | None:
    """The file's text, or None for a binary file (a NUL byte, or not UTF-8)."""
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def hits(text: str) -> list[tuple[int, str, str]]:
    """(line number, pattern name, the words matched) of every diary wording in `text`."""
    found = []
    for name, (pattern, _reason) in PATTERNS.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, name, " ".join(match.group().split())))
    return sorted(found)


def test_no_file_speaks_of_the_project_s_own_development() -> None:
    scanned, offending = 0, []
    for name in _repository_files():
        path = ROOT / name
        if name in SKIPPED or not path.is_file():  # a file deleted but not yet committed
            continue
        text = _text(path)
        if text is None:
            continue
        scanned += 1
        for line, pattern, words in hits(text):
            offending.append(f"{name}:{line}: {pattern}: {words!r} ({PATTERNS[pattern][1]})")
    assert scanned >= FILES_AT_LEAST, f"only {scanned} text files scanned"
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("the target of issue 2 is at most 1.3×", "issue number"),
        ("# deis-pay cost (issue 3)", "issue number"),
        ("fixed in #12, see #7.", "issue reference"),
        ("against the issue's baseline", "the issue"),
        ('"""The example of the issue, with three scenarios', "the issue"),
        ("# batch on HR exports (part 7)", "part N"),
        ("after parts 5 and 6, on a slower day", "part N"),
        ("Against part 7's targets", "part N"),
        ("up to 3.8× at the session's earlier commits", "session"),
        ("(part 7, fifth session)", "session"),
        ("Where the targets stood after the fourth session:", "session"),
        ("97 MB two sessions ago", "session"),
        ("The development stages of the batch", "development stage"),
        ("done in stage 3", "development stage"),
        ("at this stage the cache was dropped", "development stage"),
        ("10.2×; 16× asked", "asked"),
        ("(100 MB asked of each), twice as many in one process (150 MB\n    asked)", "asked"),
        ("# (150 MB\n# asked)", "asked"),
        ("not the 25× asked", "asked"),
        ("the cost as asked", "asked"),
        ("git worktree add --detach /tmp/before b533503", "commit hash"),
        ("CPU time against the start (`83a1eb3`, a worktree)", "commit hash"),
    ],
)
def test_the_patterns_catch_diary_wording(text: str, pattern: str) -> None:
    assert pattern in {name for _line, name, _words in hits(text)}, hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "part employeur de 50 € au-delà de 12 € par mois",
        "la part du salaire de l'apprenti égale à 11 % du SMIC",
        "URSSAF, taux des cotisations du secteur privé (part salariale)",
        "the parts of a cost kept for the next contracts",
        "split the file into parts that each keep the header, part-K.csv",
        "la session 2026 du DEIS, une session d'examen",
        "un stage de 3 mois, le stage en entreprise",
        "une issue favorable",
        "The question is asked only for a contract of a year; said in the language asked.",
        "read only when English is asked for",
        "Then steps 4–6 above.",
        "line-height:1.4;color:#1b1b1b;background:#fff} border-top:2px solid #555}",
        "EUROS = '#,##0.00 \"€\"' and &#160; and [the rules](rules.md#net-pay)",
        "sha256 " + "0123456789abcdef" * 4,
        "a uuid 123e4567-e89b-12d3-a456-426614174000, a date 2025-05-10, 1175179179",
        "deadbeef facade decade accede",
    ],
)
def test_the_patterns_let_the_product_s_own_words_through(text: str) -> None:
    assert hits(text) == []
