"""The review's findings kept in the persistent cache (:mod:`deckgen.cache`), by content.

The review reads only the laid-out deck (its slides, base and what layout found),
the outline (its fields and where each sits in the file), the theme and the word
table, and what it finds follows from them alone. A rebuild that lays out the same
deck from the same outline (the case of a build run again, or a check after a
build) takes the findings from the cache instead of judging every paragraph again
(~0.45 s of a 1,000-slide deck).

The key names all of it by content: the pickled plan and outline (plain data,
pickled the same way in every process; anything that is not, such as a set, only
makes the key miss), the theme's repr, the word table's identity and every deckgen
module's source file by size and time (any edited module, of the review or of what it
calls, misses).
Any error making the key or reading the entry is a miss; a damaged entry is one too.
"""

from __future__ import annotations

import json
import os
import sys

from deckgen import cache
from deckgen.errors import Issue
from deckgen.layout.deck import DeckPlan
from deckgen.outline.loader import Outline
from deckgen.theme.model import Theme

NAMESPACE = "review"
_FIELDS = ("file", "line", "col", "message", "severity", "path", "slide", "kind")


def review_key(outline: Outline, plan: DeckPlan, theme: Theme | None) -> str:
    """The cache key of the review of ``plan`` (from ``outline``, with ``theme``), or
    ``""`` when it cannot be made (then nothing is kept)."""
    if cache.cache_dir() is None:
        return ""
    try:
        import io
        import pickle

        from deckgen.typeset import words

        validated = outline.validated
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=5)
        # By value only: with the memo, an object met twice is written once, so equal
        # plans whose parts are shared differently (a text measured in an earlier
        # build and taken from the cache, or measured now) gave different keys and a
        # rebuild missed the findings of the build before it.
        pickler.fast = True
        pickler.dump(
            (
                plan.slides,
                plan.width_pt,
                plan.height_pt,
                plan.base,
                plan.findings,
                outline.deck,
                str(outline.path),
                validated.positions,
                validated.aliases,
                sorted(validated.used_at),
            ),
        )
        content = out.getvalue()
        return cache.key(NAMESPACE, content, repr(theme), words._dictionary_identity(), _code(), sys.version)
    except Exception:  # noqa: BLE001 - anything that cannot be keyed is simply reviewed anew
        return ""


def stored_findings(entry_key: str) -> list[Issue] | None:
    """The findings kept under ``entry_key``, or None (none kept, or a damaged entry)."""
    if not entry_key:
        return None
    raw = cache.get(NAMESPACE, entry_key)
    if raw is None:
        return None
    try:
        rows = json.loads(raw)
        return [Issue(**dict(zip(_FIELDS, row, strict=True))) for row in rows]
    except (ValueError, TypeError):
        return None


def keep_findings(entry_key: str, found: list[Issue]) -> None:
    """Keep ``found`` under ``entry_key`` (an empty key: not kept)."""
    if entry_key:
        rows = [[getattr(issue, name) for name in _FIELDS] for issue in found]
        cache.put(NAMESPACE, entry_key, json.dumps(rows, ensure_ascii=False).encode("utf-8"))


def _code() -> tuple[tuple[str, int, int], ...]:
    """Every file of deckgen (modules and data) by path, size and time (an edit changes
    them), found without reading the files: reading them all took ~10 ms a build."""
    found: list[tuple[str, int, int]] = []
    folders = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif not entry.name.endswith((".pyc", ".pyo")):
                    info = entry.stat()
                    found.append((entry.path, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))
