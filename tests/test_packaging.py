"""What `pip install .` puts in place: every package of deckgen, not only in an editable install.

pyproject.toml lists deckgen's packages by hand (the assets and samples travel as
packages from other folders); a package missing from that list works in the editable
install the tests use and is absent from a normal install, where `deckgen check`
would then fail on import.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_deckgen_package_is_installed_by_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "deckgen").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    missing = sorted(on_disk - listed)
    assert not missing, f"packages not in pyproject.toml [tool.setuptools] packages: {missing}"
