"""Advance widths read from a CFF OpenType font's own tables, without rendering a glyph.

Pillow measures a character by loading and hinting its glyph through FreeType: about
12 µs a character, ~1,000 distinct characters in a small deck (12 ms of its first
build) and several thousand in a long one. For a font whose outlines are CFF
(``OTTO``: Noto Sans/Serif CJK, Source Han) with 1,000 units per em, FreeType's
answer at Pillow's 1,000 px reference size is the ``hmtx`` advance itself: CFF
hinting never moves advances, and at one pixel per unit nothing is rounded. Those
fonts are read here, through the Unicode ``cmap`` (format 12, as FreeType chooses it)
and ``hmtx``, from a memory map of the file. Any other font (TrueType outlines, whose
instructions may change advances; another units-per-em; no format 12 map) is left to
Pillow: :func:`cff_advances` returns None for it.
"""

from __future__ import annotations

import bisect
import mmap
import struct
import sys
from array import array

#: Units per em at which a CFF font's advances are Pillow's at the reference size.
UNITS_PER_EM = 1000


class CffAdvances:
    """A CFF face's advances in font units (= pixels at 1,000 px), by character."""

    __slots__ = ("_data", "_metrics_at", "_metrics", "_last_advance", "_starts", "_groups")

    def __init__(self, data: mmap.mmap | bytes, metrics_at: int, metrics: int, groups: array) -> None:
        self._data = data
        self._metrics_at, self._metrics = metrics_at, metrics
        (self._last_advance,) = struct.unpack_from(">H", data, metrics_at + 4 * (metrics - 1))
        self._groups = groups  # start, end, first glyph of each run of characters
        self._starts = groups[0::3]

    def getlength(self, char: str) -> float:
        """The advance of ``char`` (one character) at 1,000 px: of .notdef where the
        font has no glyph for it, as FreeType measures it."""
        code = ord(char)
        index = bisect.bisect_right(self._starts, code) - 1
        glyph = 0
        if index >= 0:
            start, end, first = self._groups[3 * index : 3 * index + 3]
            if code <= end:
                glyph = first + code - start
        if glyph >= self._metrics:
            return float(self._last_advance)
        return float(struct.unpack_from(">H", self._data, self._metrics_at + 4 * glyph)[0])


def cff_advances(path: str, index: int = 0) -> CffAdvances | None:
    """The advances of face ``index`` of the font file at ``path`` when it is a CFF
    font of 1,000 units per em with a full Unicode map; None for any other font or an
    unreadable file (measure it with Pillow then)."""
    try:
        with open(path, "rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        return _read(data, index)
    except (struct.error, ValueError, IndexError, OverflowError):
        return None


def _read(data: mmap.mmap, index: int) -> CffAdvances | None:
    face_at = 0
    if data[:4] == b"ttcf":
        (faces,) = struct.unpack_from(">I", data, 8)
        if not 0 <= index < faces:
            return None
        (face_at,) = struct.unpack_from(">I", data, 12 + 4 * index)
    elif index != 0:
        return None
    if data[face_at : face_at + 4] != b"OTTO":
        return None  # TrueType outlines: hinting may change advances
    (count,) = struct.unpack_from(">H", data, face_at + 4)
    tables: dict[bytes, tuple[int, int]] = {}
    for n in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, face_at + 12 + 16 * n)
        tables[tag] = (offset, length)
    if not {b"head", b"hhea", b"hmtx", b"cmap"} <= tables.keys():
        return None
    (units,) = struct.unpack_from(">H", data, tables[b"head"][0] + 18)
    (metrics,) = struct.unpack_from(">H", data, tables[b"hhea"][0] + 34)
    if units != UNITS_PER_EM or metrics == 0 or 4 * metrics > tables[b"hmtx"][1]:
        return None
    groups = _unicode_groups(data, tables[b"cmap"][0])
    if groups is None:
        return None
    return CffAdvances(data, tables[b"hmtx"][0], metrics, groups)


#: Unicode maps of full repertoire, in FreeType's order of preference.
_FULL_MAPS = ((3, 10), (0, 6), (0, 4))


def _unicode_groups(data: mmap.mmap, cmap_at: int) -> array | None:
    """The format 12 map's groups (start, end, first glyph; flat), or None."""
    (count,) = struct.unpack_from(">H", data, cmap_at + 2)
    found: dict[tuple[int, int], int] = {}
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_at + 4 + 8 * n)
        found.setdefault((platform, encoding), cmap_at + offset)
    for key in _FULL_MAPS:
        at = found.get(key)
        if at is None:
            continue
        (kind,) = struct.unpack_from(">H", data, at)
        if kind != 12:
            continue
        (groups,) = struct.unpack_from(">I", data, at + 12)
        table = array("I")
        if table.itemsize != 4:  # pragma: no cover - every platform Python runs on has 32-bit I
            return None
        table.frombytes(data[at + 16 : at + 16 + 12 * groups])
        if len(table) != 3 * groups:
            return None
        if sys.byteorder == "little":
            table.byteswap()
        return table
    return None
