"""Suite-wide set-up: builds never touch the user's own cache folder.

Every test process (and the deckgen processes tests start) uses one fresh cache
folder for the whole run, so the suite exercises the cache as a user's second build
would, and leaves nothing behind in ~/.cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_SUITE_CACHE: list[str] = []


def pytest_configure(config) -> None:
    folder = tempfile.mkdtemp(prefix="deckgen-test-cache-")
    _SUITE_CACHE.append(folder)
    os.environ["DECKGEN_CACHE_DIR"] = folder


def pytest_unconfigure(config) -> None:
    for folder in _SUITE_CACHE:
        shutil.rmtree(folder, ignore_errors=True)
