"""core/memo.py: the one table class for results kept between contracts, and how many tables
the package keeps (docs/architecture.md, Memo)."""

from __future__ import annotations

import ast
import importlib
import re

import pytest

from deis_pay.core.memo import Memo, clear_all, memos

from .conftest import PACKAGE, package_sources

# The caches and memo tables the package may keep, all kinds counted: `Memo` tables,
# functools caches, module-level tables filled as they go.
MOST_TABLES = 8
# Module-level dicts made empty that keep no results, and why.
NOT_TABLES = {
    ("i18n/language.py", "_catalogue"): "the sentences of the language in use (set_language)",
}


def test_the_least_recently_used_goes_first() -> None:
    memo: Memo[str, int] = Memo("test: lru", 2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # now the most recently used
    memo.put("c", 3)
    assert memo.get("b") is None
    assert (memo.get("a"), memo.get("c"), len(memo)) == (1, 3, 2)


def test_recall_computes_once() -> None:
    memo: Memo[int, list[int]] = Memo("test: recall", 4)
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = memo.recall(7, compute)
    assert memo.recall(7, compute) is first
    assert calls == [1]


def test_resize_drops_the_oldest_now() -> None:
    memo: Memo[int, int] = Memo("test: resize", 4)
    for n in range(4):
        memo.put(n, n)
    memo.resize(2)
    assert [memo.get(n) for n in range(4)] == [None, None, 2, 3]
    with pytest.raises(ValueError, match="size 0"):
        memo.resize(0)
    with pytest.raises(ValueError, match="size 0"):
        Memo("test: empty", 0)


def test_clear_all_empties_every_table() -> None:
    one: Memo[int, int] = Memo("test: one", 4)
    other: Memo[int, int] = Memo("test: other", 4)
    one.put(1, 1)
    other.put(2, 2)
    assert one in memos() and other in memos()
    clear_all()
    assert (len(one), len(other)) == (0, 0)


def _tables_in_sources() -> list[tuple[str, str, str]]:
    """Every place the package keeps results, as (module, name, kind): a `Memo(...)` made at
    module level, a functools cache, or a module-level dict or OrderedDict made empty (a table
    filled as it goes)."""
    found: list[tuple[str, str, str]] = []
    for path in package_sources():
        if path.name == "memo.py" and path.parent.name == "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    text = ast.unparse(decorator)
                    if re.search(r"\b(lru_cache|cache|cached_property)\b", text):
                        found.append((where, node.name, text))
        for node in tree.body:
            if isinstance(node, ast.Assign):
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                if ast.unparse(node.annotation).startswith("Mapping"):
                    continue  # (read-only: a declaration, not a table)
                target, value = node.target, node.value
            else:
                continue
            text = ast.unparse(value)
            if re.fullmatch(r"Memo\(.*\)|\{\}|dict\(\)|OrderedDict\(\)", text, re.DOTALL):
                if (where, ast.unparse(target)) in NOT_TABLES:
                    continue
                kind = "Memo" if text.startswith("Memo(") else "table"
                found.append((where, ast.unparse(target), kind))
    return found


def test_the_package_keeps_at_most_eight_tables() -> None:
    tables = _tables_in_sources()
    assert len(tables) <= MOST_TABLES, "\n".join(map(str, tables))
    # The scan sees what the modules make: every `Memo` of the package, once imported.
    for path in package_sources():
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if not name.endswith("__main__"):  # (which runs the CLI)
            importlib.import_module(name.removesuffix(".__init__"))
    made = [memo for memo in memos() if not memo.name.startswith("test: ")]
    assert len(made) == sum(kind == "Memo" for _, _, kind in tables) >= 5
