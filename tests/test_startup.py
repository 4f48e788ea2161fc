"""What every command pays at start-up, kept small by rules a test can check."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_makes_dataclasses():
    # dataclasses writes and compiles five or six methods per class at import (about
    # 0.6 ms a class, ~30 ms of every command for deckgen's ~90 classes) and imports
    # inspect; deckgen.records makes the same classes with one compiled __init__ each.
    found = []
    for path in sorted((ROOT / "deckgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) else []
            if "dataclasses" in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "use deckgen.records (@record, field, replace) instead of dataclasses"


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


def test_a_first_build_of_the_sample_loads_no_module_it_does_not_use(tmp_path):
    """A first build (no cache) measures with Pillow's FreeType module and sizes its
    JPEG photos from their headers: PIL.Image (with its EXIF tables), the JPEG decoder
    and dataclasses (code generated per class) are ~25 ms of start-up it never uses."""
    import os
    import subprocess
    import sys

    unused = ["dataclasses", "PIL.Image", "PIL.ImageFont", "PIL.JpegImagePlugin"]
    code = (
        "import sys\n"
        "from deckgen.build import build\n"
        f"build({str(ROOT / 'decks' / 'postal-2024.yaml')!r}, {str(tmp_path / 'x.pptx')!r})\n"
        f"print([name for name in {unused!r} if name in sys.modules])\n"
    )
    env = {**os.environ, "DECKGEN_CACHE_DIR": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]"
