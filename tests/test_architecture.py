"""The layers of docs/architecture.md: checked here as well as by `lint-imports` in CI, so that the
README's test command alone catches an import running up the layers or closing a circle."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from .conftest import package_sources

PACKAGE = Path(__file__).resolve().parent.parent / "deis_pay"
ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"


def test_no_import_circle_between_any_two_modules() -> None:
    """Not only between siblings (the import-linter contract): anywhere in the package, imports
    made only for type checking and imports inside functions included."""
    graph = grimp.build_graph("deis_pay")
    circles = [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert len(graph.modules) == len(package_sources())
    assert circles == []


def test_the_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is a test dependency: pip install -e '.[test]'"
    done = subprocess.run(
        [lint, "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Contracts: (\d+) kept, 0 broken", done.stdout)


def test_subpackage_inits_hold_a_docstring_and_no_import() -> None:
    """An import in a subpackage's __init__ would run at every start-up (and hide the layer
    a name really comes from); the docstring says what the subpackage holds and may import."""
    inits = [path for path in package_sources() if path.name == "__init__.py"]
    subpackages = [path for path in inits if path.parent != PACKAGE]
    assert len(subpackages) >= 8
    for path in subpackages:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), path
        assert not [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]


def test_the_tree_is_the_one_docs_architecture_describes() -> None:
    """Every module of the package is named in docs/architecture.md, and every module it names
    exists: the map stays the territory."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z0-9_]+/)?[a-z0-9_]+\.py)`", text))
    modules = {
        str(path.relative_to(PACKAGE)) for path in package_sources() if path.name != "__init__.py"
    }
    assert modules - named == set(), "modules the architecture page does not name"
    assert named - modules == set(), "names on the architecture page that are no module"
