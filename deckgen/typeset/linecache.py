"""Line breaks found in earlier builds, kept in the persistent cache.

Breaking a paragraph into lines is a pure function of its text, the box width, the
size, the weight, the font files and the code that measures and breaks; rebuilding a
deck after editing one slide asks the same questions again for every other slide.
:class:`StoredLines` answers them from the cache (:mod:`deckgen.cache`), under a key
naming the font files (path, size, time, inode), the measuring faces and stand-ins,
Pillow's version and the source of the modules involved; widths are part of each
entry's key exactly (not rounded), so a stored answer is the one a fresh build gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from deckgen import cache

NAMESPACE = "lines"
#: Entries kept per set of fonts: this build's, then earlier ones up to the limit.
MAX_ENTRIES = 60_000
#: The modules whose code makes the breaks (the split renamed typeset.py to typesetter.py,
#: and words.py decides where a word ends): an edit to any of them makes the stored
#: breaks stale.
_CODE = ("typesetter.py", "measure.py", "linebreak.py", "phrases.py", "words.py", "fonts.py", "linecache.py", "display.py")


class StoredLines:
    """The stored line breaks for one typesetter's fonts; :meth:`save` keeps new ones."""

    def __init__(self, identity: object) -> None:
        from PIL import __version__ as pillow_version

        here = Path(__file__).parent
        self.key = cache.key(NAMESPACE, identity, pillow_version, cache.code_fingerprint(*(str(here / name) for name in _CODE)))
        self._table: dict[str, list[str]] = {}
        stored = cache.get(NAMESPACE, self.key)
        if stored is not None:
            try:
                table = json.loads(stored)
                if isinstance(table, dict):
                    self._table = table
            except ValueError:
                pass
        #: How many answers earlier builds left (0 with the cache off or cold).
        self.loaded = len(self._table)
        self._loaded_entries = tuple(self._table)  # those of earlier builds
        self._stored_texts: set[str] | None = None
        self._used: dict[str, list[str]] = {}
        self._since: dict[str, list[str]] = {}  # worked out since the last drain()
        self._changed = False

    def known_share(self, texts: list[str]) -> float:
        """The share of ``texts`` earlier builds broke into lines (at any width and
        size; 1.0 for none): whether the deck being built is one they laid out."""
        if not texts:
            return 1.0
        if self._stored_texts is None:
            # The texts of the stored answers, read from their entries once, and only
            # when asked: ``0|size|width|text`` or ``kind|0|size|width|text``.
            found = set()
            for entry in self._loaded_entries:
                head, _, rest = entry.partition("|")
                found.add(rest.split("|", 2 if head in ("0", "1") else 3)[-1])
            self._stored_texts = found
        return sum(1 for text in texts if text in self._stored_texts) / len(texts)

    @staticmethod
    def entry(text: str, width_pt: float, size_pt: float, bold: bool) -> str:
        return f"{int(bold)}|{size_pt!r}|{width_pt!r}|{text}"

    def get(self, entry: str) -> list[str] | None:
        lines = self._table.get(entry)
        if isinstance(lines, list) and all(isinstance(line, str) for line in lines):
            self._used[entry] = lines
            return list(lines)
        return None

    def add(self, entry: str, lines: list[str]) -> None:
        self._since[entry] = self._used[entry] = self._table[entry] = list(lines)
        self._changed = True

    def drain(self) -> dict[str, list[str]]:
        """The answers worked out since the last call (for another process to :meth:`learn`)."""
        since, self._since = self._since, {}
        return since

    def learn(self, entries: dict[str, list[str]]) -> None:
        """Take answers another process worked out (:meth:`drain`) as if stored by an
        earlier build: :meth:`get` finds them, :meth:`save` keeps those used."""
        for entry, lines in entries.items():
            if entry not in self._table:
                self._table[entry] = lines
                self._changed = True

    def save(self) -> None:
        """Keep this build's answers (and earlier ones, up to :data:`MAX_ENTRIES`)."""
        if not self._changed or cache.cache_dir() is None:
            return  # nothing new, or nowhere to keep it (not worth serialising)
        kept = dict(self._used)
        for entry, lines in self._table.items():
            if len(kept) >= MAX_ENTRIES:
                break
            kept.setdefault(entry, lines)
        cache.put(NAMESPACE, self.key, json.dumps(kept).encode("utf-8"))
        self._changed = False
