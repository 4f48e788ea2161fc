"""What every command pays at start-up, kept small by rules a test can check."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _is_dataclass(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Name) and target.id == "dataclass") or (isinstance(target, ast.Attribute) and target.attr == "dataclass")


def test_every_dataclass_has_a_docstring():
    # Python makes a docstring for a dataclass without one from its signature
    # (inspect.signature), at import: about a millisecond per class on every command.
    missing = []
    for path in sorted((ROOT / "deckgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(map(_is_dataclass, node.decorator_list)) and ast.get_docstring(node) is None:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert missing == []


def test_a_build_without_a_template_imports_no_template_reader(tmp_path):
    """The template reader (and lxml-heavy scenery parsing behind it) is for builds on
    an organisation's template; a build on a built-in theme never needs it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from deckgen.build import build\n"
        f"build({str(ROOT / 'tests' / 'data' / 'valid' / 'small.yaml')!r}, {str(tmp_path / 'x.pptx')!r})\n"
        "print('deckgen.theme.template' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip().splitlines()[-1] == "False"
