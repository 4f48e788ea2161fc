"""The package's zip, written in one pass: the very bytes ``zipfile`` writes.

``zipfile`` spends about 14 µs on each member (a ``ZipInfo``, a writer object, its
header written, then sought back to and written again with the sizes): 55 ms of a
1,000-slide deck's 4,000 members, in the last step of a build, when the other core
has nothing left to do. Each member's deflated bytes are known before it is written
(:mod:`deckgen.render.deflated`), so its header can be written once, with its sizes.

The layout is ``zipfile``'s for an archive written to a seekable file, member after
member: a local header (no data descriptor, no extra field), the deflated bytes; then
the central directory and its end record (tested against ``zipfile`` byte for byte).
An archive beyond the classic format's limits (65,535 members, 4 GiB) is left to
``zipfile``, which writes the ZIP64 records it needs.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DEFLATED = 8
_VERSION = 20  # what a deflated member needs to be read
_UTF8_NAME = 0x800
#: The system ``zipfile`` names as the archive's maker (0: MS-DOS, on Windows; 3: Unix).
_SYSTEM = 0 if sys.platform == "win32" else 3
_LIMIT = 0xFFFFFFFF
_MAX_MEMBERS = 0xFFFF


def zip_bytes(members: list[tuple[str, bytes]], zip_time: tuple[int, int, int, int, int, int],
              deflated: Callable[[bytes], bytes], *, mode: int = 0o644,
              crc32: Callable[[bytes], int] = zlib.crc32) -> bytes:
    """The zip of ``members`` (name, bytes), in order, each deflated by ``deflated``
    (raw deflate, as :func:`deckgen.render.deflated.deflate`), stamped ``zip_time``
    and given the Unix permissions ``mode``; ``crc32``: each member's CRC-32 (where
    the caller has worked it out already)."""
    if len(members) >= _MAX_MEMBERS:
        return _by_zipfile(members, zip_time, mode)
    year, month, day, hour, minute, second = zip_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | second // 2
    attributes = mode << 16
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, blob in members:
        if name.isascii():
            encoded, flags = name.encode("ascii"), 0
        else:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        data = deflated(blob)
        crc = crc32(blob)
        if len(blob) > _LIMIT or len(data) > _LIMIT or offset > _LIMIT:
            return _by_zipfile(members, zip_time, mode)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, dostime, dosdate, crc, len(data), len(blob), len(encoded), 0)
        central.append(_CENTRAL.pack(
            b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, flags, _DEFLATED, dostime, dosdate, crc,
            len(data), len(blob), len(encoded), 0, 0, 0, 0, attributes, offset,
        ))
        central.append(encoded)
        out += (header, encoded, data)
        offset += len(header) + len(encoded) + len(data)
    directory = b"".join(central)
    if offset > _LIMIT or len(directory) > _LIMIT:
        return _by_zipfile(members, zip_time, mode)
    out.append(directory)
    out.append(_END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0))
    return b"".join(out)


def _by_zipfile(members: list[tuple[str, bytes]], zip_time: tuple[int, int, int, int, int, int], mode: int) -> bytes:
    """:func:`zip_bytes` by ``zipfile`` (for archives that need ZIP64 records), which
    deflates every member itself, at the same level."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members:
            info = zipfile.ZipInfo(name, zip_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = mode << 16
            archive.writestr(info, blob)
    return out.getvalue()
