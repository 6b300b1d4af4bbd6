"""The `>>>` examples of the package's docstrings, of the README and of docs/*.md run, and give
what they show: an example whose figure went stale fails here.

Every `>>>` line found in those files must be an example that ran: one outside a docstring, or
in a page the finder would skip, fails the count, and so does a run of nothing.
"""

from __future__ import annotations

import doctest
import importlib
import io
import re
from pathlib import Path

from .conftest import PACKAGE, package_sources

ROOT = PACKAGE.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# The package's docstring and docs/library.md hold these at least; fewer means the examples
# were lost, not that they pass.
EXAMPLES_AT_LEAST = 15
PROMPT = re.compile(r"^[ \t]*>>> ", re.MULTILINE)
FENCE = re.compile(r"^[ \t]*```.*$", re.MULTILINE)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _run(tests: list[doctest.DocTest]) -> tuple[int, int, str]:
    """(failed, attempted, the report of the failures) of running these examples."""
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in tests:
        runner.run(test, out=out.write)
    failed, attempted = runner.summarize(verbose=False)
    return failed, attempted, out.getvalue()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _page_test(page: Path) -> doctest.DocTest:
    """A Markdown page as one doctest: its code fences become blank lines (so that an example's
    expected output ends with its block, line numbers kept), its blocks share their names."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    name = str(page.relative_to(ROOT))
    return doctest.DocTestParser().get_doctest(text, {}, name, str(page), 0)


def test_every_example_of_the_package_and_the_docs_runs_and_gives_what_it_shows() -> None:
    tests: list[doctest.DocTest] = []
    prompts = 0
    for path in package_sources():
        source = path.read_text(encoding="utf-8")
        if PROMPT.search(source):
            prompts += len(PROMPT.findall(source))
            module = importlib.import_module(_module_name(path))
            tests += doctest.DocTestFinder(exclude_empty=True).find(module, module.__name__)
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        if PROMPT.search(text):
            prompts += len(PROMPT.findall(text))
            tests.append(_page_test(page))
    failed, attempted, report = _run(tests)
    assert failed == 0, report
    assert attempted == prompts, f"{prompts} `>>>` lines, {attempted} examples run"
    assert attempted >= EXAMPLES_AT_LEAST, f"only {attempted} examples run"


def test_a_wrong_figure_fails() -> None:
    """The runner above reports a stale example (it would pass on examples it never checks)."""
    wrong = doctest.DocTestParser().get_doctest(">>> 1 + 1\n3\n", {}, "wrong", "wrong", 0)
    failed, attempted, report = _run([wrong])
    assert (failed, attempted) == (1, 1)
    assert "Expected:\n    3\nGot:\n    2" in report
