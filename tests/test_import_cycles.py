"""No import cycle anywhere in deckgen/ (STYLE.md: one job per module, no cycles).

Imports are read with :mod:`ast` from the source, so an import inside a function
counts as much as one at the top: a cycle hidden in a function is still two modules
that cannot be understood, tested or moved one without the other. Imports under
``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "deckgen"


def module_name(path: Path, *, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, *, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The deckgen modules ``module`` imports anywhere outside TYPE_CHECKING blocks."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in modules and name != module}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(path, base=root.parent): path for path in sorted(root.rglob("*.py"))}
    modules = set(files)
    return {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), module=name, is_package=path.name == "__init__.py", modules=modules)
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(_loop(graph, sorted(group)))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def _loop(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One concrete import loop through the group, for the failure message."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    return group


def test_no_import_cycle_in_deckgen():
    found = cycles(import_graph())
    assert not found, "import cycles in deckgen/: " + "; ".join(" -> ".join(loop) for loop in found)


def test_a_cycle_is_caught_and_named(tmp_path):
    """The check itself: two modules importing each other, one only inside a function."""
    package = tmp_path / "deckgen" / "speech"
    package.mkdir(parents=True)
    (tmp_path / "deckgen" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "documents.py").write_text("def read():\n    from deckgen.speech.pdffile import read_pdf\n    return read_pdf\n")
    (package / "pdffile.py").write_text("from deckgen.speech.documents import read\n")
    (package / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from deckgen.speech.alone import x\n"
    )
    (package / "alone.py").write_text("from . import typed\n")
    found = cycles(import_graph(tmp_path / "deckgen"))
    assert found == [["deckgen.speech.documents", "deckgen.speech.pdffile", "deckgen.speech.documents"]]


@pytest.mark.parametrize("folder", sorted(p for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists()))
def test_no_folder_holds_more_than_about_twenty_modules(folder):
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 20, f"{folder.relative_to(ROOT)} holds {len(modules)} modules: split it by role"
