"""Where the project's shared real material is: ``shared/`` beside the repository.

CI runs on a fresh clone with a copy of ``shared/`` beside it, as a developer's clone
has it (``../shared``); an engineer's worktree one folder further down finds it two
levels up. Tests of real templates and documents use :func:`shared` to find a file and
:func:`require` to use it: missing, it skips on a developer's machine and fails in CI
(``CI`` set), so a wrong path can never turn those tests into silent skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared(*parts: str) -> Path:
    """The path of ``shared/<parts>``, in the first place a ``shared/`` folder is found."""
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if base.is_dir():
            return base.joinpath(*parts)
    return (ROOT.parent / "shared").joinpath(*parts)


def require(path: Path) -> Path:
    """``path`` if it exists; else skip the test (fail it in CI)."""
    if path.exists():
        return path
    message = f"{path} not found: the shared templates and corpus live in shared/ beside the repository"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
    return path
