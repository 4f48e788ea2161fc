"""What a JPEG's headers tell without decoding a pixel: its size, whether it is upright
and of a kind every viewer shows, and its bytes without metadata.

Used to embed a photo as it is (:mod:`deckgen.render.photos`) and to know its size when
laying it out (:mod:`deckgen.kinds.photos`): neither needs Pillow for such a JPEG.
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path

ORIENTATION = 0x0112  # the EXIF tag of a camera's orientation
#: A JPEG embedded as it is has a file of at most this size: heavier files are
#: prepared (re-encoded) to keep decks light, so only these are read for their facts.
MAX_KEPT_BYTES = 1024 * 1024


#: Segments kept in a JPEG embedded as it is: what decoders need to show its colours
#: (JFIF APP0, the ICC profile in APP2, Adobe APP14) and the image itself; APP1 (EXIF,
#: XMP), the other APPn (a camera's second pictures, MPF) and comments are metadata.
_KEPT_APPS = frozenset({0xE0, 0xE2, 0xEE})
#: Start-of-frame markers of JPEGs every viewer shows: baseline, extended, progressive (Huffman).
_PLAIN_FRAMES = frozenset({0xC0, 0xC1, 0xC2})


@functools.lru_cache(maxsize=16)
def upright_jpeg(path: Path, size: int, mtime_ns: int) -> tuple[bytes, int, int] | None:
    """(bytes without metadata, width, height) of a JPEG that can be embedded as it is,
    else None: not a JPEG, damaged, turned by its EXIF orientation, CMYK, or of an
    uncommon kind. The last few are remembered per file, size and time (a picture asks
    three times: its part's key, its bytes, its crop; ``deckgen watch`` builds again
    in one process when a photo changes; a long-running studio holds at most 16 MB)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:2] != b"\xff\xd8":
        return None
    kept = [data[:2]]
    pos, size = 2, len(data)
    width = height = 0
    try:
        while True:
            while pos < size and data[pos] == 0xFF and pos + 1 < size and data[pos + 1] == 0xFF:
                pos += 1  # fill bytes before a marker
            if pos + 4 > size or data[pos] != 0xFF:
                return None
            marker = data[pos + 1]
            (length,) = struct.unpack_from(">H", data, pos + 2)
            end = pos + 2 + length
            if length < 2 or end > size:
                return None
            segment = data[pos:end]
            if marker == 0xDA:  # start of scan: the image data follows, kept to its end (EOI)
                eoi = data.find(b"\xff\xd9", pos)  # FF is escaped in the image data, so the first is the end
                if eoi < 0:
                    return None  # truncated
                kept.append(data[pos : eoi + 2])
                break
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                if marker not in _PLAIN_FRAMES or length < 8:
                    return None
                height, width = struct.unpack_from(">HH", data, pos + 5)
                if data[pos + 9] not in (1, 3):  # grey or YCbCr/RGB; CMYK is converted when prepared
                    return None
            elif marker == 0xE1 and segment[4:10] == b"Exif\x00\x00" and _exif_orientation(segment[10:]) not in (None, 1):
                return None
            metadata = 0xE0 <= marker <= 0xEF and (marker not in _KEPT_APPS or (marker == 0xE2 and segment[4:16] != b"ICC_PROFILE\x00"))
            if metadata or marker == 0xFE:
                pos = end
                continue
            kept.append(segment)
            pos = end
    except (struct.error, IndexError):
        return None
    if not width or not height:
        return None
    return b"".join(kept), width, height


def _exif_orientation(tiff: bytes) -> int | None:
    """The orientation tag of an EXIF block's first image (None when absent or unreadable)."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    try:
        (first,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, first)
        for index in range(count):
            tag, kind, _n, value = struct.unpack_from(order + "HHI4s", tiff, first + 2 + 12 * index)
            if tag == ORIENTATION and kind == 3:  # SHORT, stored in the first two bytes
                return struct.unpack_from(order + "H", value)[0]
    except struct.error:
        return 0  # unreadable: prepared, as Pillow would read what it can
    return None
