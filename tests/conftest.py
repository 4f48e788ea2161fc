"""Suite-wide set-up: builds never touch the user's own cache folder, and the
longest modules start first.

Every test process (and the deckgen processes tests start) uses one fresh cache
folder for the whole run, so the suite exercises the cache as a user's second build
would, and leaves nothing behind in ~/.cache. (With ``dev.py test``'s processes, one
per core, each process has its own.)

``dev.py test`` hands whole modules to the processes in collection order
(``--dist loadfile``): the modules that build and render most (:data:`LONGEST`) are
collected first, so no process is left with a long module at the end while the
other waits.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_SUITE_CACHE: list[str] = []

#: The modules that take longest, longest first (``--durations`` on 2 cores: their
#: module fixtures build decks and convert them with LibreOffice). A module missing
#: from the list only runs in its usual place.
LONGEST = (
    "tests/render/test_readable_templates.py",
    "tests/test_render_decks.py",
    "tests/test_derived_decks.py",
    "tests/render/test_templates.py",
    "tests/speech/test_office_documents.py",
    "tests/hostile/test_offline.py",
    "tests/test_long_text.py",
    "tests/review/test_contrast_and_decorations.py",
    "tests/test_cache.py",
    "tests/outline/test_properties.py",
)


def pytest_configure(config) -> None:
    folder = tempfile.mkdtemp(prefix="deckgen-test-cache-")
    _SUITE_CACHE.append(folder)
    os.environ["DECKGEN_CACHE_DIR"] = folder


def pytest_unconfigure(config) -> None:
    for folder in _SUITE_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(session, config, items) -> None:
    """The modules of :data:`LONGEST` first, in that order; the rest as collected."""
    rank = {module: n for n, module in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(LONGEST)))
