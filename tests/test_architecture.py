"""Stage boundaries (DESIGN.md §2): each module imports only from stages above it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newstables"

# Stage rank of each top-level module or subpackage; a module may import only lower or equal ranks.
STAGES = {
    "models": 0,
    "edtf": 0,
    "schema": 1,
    "inputs": 2,
    "corpus": 2,
    "registry": 2,
    "curation": 3,
    "nlp": 4,
    "extract": 5,
    "assemble": 6,
    "validate": 7,
    "publish": 8,
    "executor": 9,
    "stamp": 9,
    "build": 9,
    "load": 10,
    "diff": 11,
    "release": 11,
    "evaluate": 11,
    "serve": 11,
    "init": 11,
    "benchmark": 12,
    "hostile": 12,
    "cli": 13,
    "__init__": 13,
    "__main__": 13,
}


def stage_of(relative: str) -> str:
    return relative.split(".")[0]


def imported_modules(path: Path) -> set[str]:
    """newstables-internal modules imported by a file, as top-level stage names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_parts = path.relative_to(PACKAGE).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("newstables."):
                    found.add(stage_of(node.module.removeprefix("newstables.")))
                continue
            base = list(package_parts[: len(package_parts) - (node.level - 1)])
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.add(target[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newstables."):
                    found.add(stage_of(alias.name.removeprefix("newstables.")))
    return found


def test_every_module_has_a_stage() -> None:
    for path in PACKAGE.rglob("*.py"):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        assert top in STAGES, f"{path}: place this module in a stage (tests/test_architecture.py)"


def test_imports_flow_one_direction() -> None:
    for path in PACKAGE.rglob("*.py"):
        own = STAGES[path.relative_to(PACKAGE).parts[0].removesuffix(".py")]
        for module in imported_modules(path):
            assert module in STAGES, f"{path}: unknown module {module}"
            assert STAGES[module] <= own, (
                f"{path.relative_to(PACKAGE)} imports later stage {module}"
            )


def test_loader_does_not_pull_in_the_engine() -> None:
    for module in ("load",):
        path = PACKAGE / f"{module}.py"
        assert path.exists(), f"the loader module {module}.py is missing"
        source = path.read_text(encoding="utf-8")
        for heavy in ("spacy", "frictionless", "datasette", "yaml"):
            assert f"import {heavy}" not in source, f"{module}.py imports {heavy}"
