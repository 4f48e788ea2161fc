"""Parts deflated in earlier builds, kept in the persistent cache (:mod:`deckgen.cache`).

Deflating the parts is most of the cost of saving a long deck (25 MB of XML for
1,000 slides), and a rebuild after editing a few slides writes the same bytes for
every other part. :class:`DeflatedParts` keeps each part's deflated bytes under the
SHA-256 of its bytes, so an unchanged part is stored into the zip as it was deflated
before (:mod:`deckgen.render.zipped` writes the zip): the very bytes deflating it
again gives, with the same zlib (its version is part of the cache key), level and window.
"""

from __future__ import annotations

import hashlib
import io
import sys
import zlib

from deckgen import cache

NAMESPACE = "deflated"
#: Bytes of deflated parts kept: this build's, then earlier ones up to the limit.
MAX_BYTES = 32 * 1024 * 1024
_DIGEST = 32
_LENGTH = 4


def deflate(blob: bytes) -> bytes:
    """``blob`` deflated as ``zipfile`` deflates a member written in one piece."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(blob) + compressor.flush()


class DeflatedParts:
    """Deflated parts by the SHA-256 of their bytes: those of earlier builds (one cache
    entry for this zlib and this code) and this build's; :meth:`save` keeps them."""

    def __init__(self) -> None:
        self.key = cache.key(NAMESPACE, zlib.ZLIB_RUNTIME_VERSION, zlib.ZLIB_VERSION, sys.version, cache.code_fingerprint(__file__))
        self._stored = _parse(cache.get(NAMESPACE, self.key) or b"")
        self._used: dict[bytes, bytes] = {}
        self._changed = False
        #: What deflate_all worked out of each blob it saw, by the blob's identity (the
        #: blob kept with it, so an identity is never another blob's): digest and CRC.
        self._measured: dict[int, tuple[bytes, bytes, int]] = {}

    def deflate_all(self, blobs: list[bytes]) -> None:
        """Deflate every one of ``blobs`` not kept yet, on two threads where there are
        many: zlib and SHA-256 let other threads run while they work, so the parts of a
        long deck are deflated on two cores (:meth:`deflated` then finds them)."""
        if len(blobs) < THREADED_FROM:
            return
        from deckgen.forked import cores

        if cores() < 2:
            return
        import threading

        found: list[list[tuple[bytes, bytes | None]]] = [[], []]
        measured = self._measured

        def work(share: list[bytes], out: list[tuple[bytes, bytes | None]]) -> None:
            for blob in share:
                digest = hashlib.sha256(blob).digest()
                # Its digest and CRC are kept for writing the zip, which would
                # otherwise work both out again, on one thread.
                measured[id(blob)] = (blob, digest, zlib.crc32(blob))
                if digest in self._stored or digest in self._used:
                    out.append((digest, None))
                else:
                    out.append((digest, deflate(blob)))

        # Every other blob to each thread: both get large and small parts alike.
        threads = [threading.Thread(target=work, args=(blobs[k::2], found[k])) for k in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for digest, data in found[0] + found[1]:
            if data is not None and digest not in self._used:
                self._used[digest] = data
                self._changed = True

    def deflated(self, blob: bytes) -> bytes:
        """``blob`` deflated (:func:`deflate`): kept from an earlier build, or now."""
        seen = self._seen(blob)
        digest = seen[0] if seen is not None else hashlib.sha256(blob).digest()
        known = self._used.get(digest)
        if known is None:
            known = self._stored.get(digest)
            if known is None:
                known = deflate(blob)
                self._changed = True
            self._used[digest] = known
        return known

    def crc32(self, blob: bytes) -> int:
        """``zlib.crc32(blob)``, worked out by :meth:`deflate_all` where it saw ``blob``."""
        seen = self._seen(blob)
        return seen[1] if seen is not None else zlib.crc32(blob)

    def _seen(self, blob: bytes) -> tuple[bytes, int] | None:
        """The digest and CRC :meth:`deflate_all` worked out of ``blob`` (None: it did not see it)."""
        seen = self._measured.get(id(blob))
        return (seen[1], seen[2]) if seen is not None and seen[0] is blob else None

    def save(self) -> None:
        """Keep this build's deflated parts (and earlier ones, up to :data:`MAX_BYTES`)."""
        if not self._changed or cache.cache_dir() is None:
            return  # nothing new, or nowhere to keep it (not worth serialising)
        kept = dict(self._used)
        size = sum(len(data) for data in kept.values())
        for digest, data in self._stored.items():
            if size + len(data) > MAX_BYTES:
                break
            if digest not in kept:
                kept[digest] = data
                size += len(data)
        out = io.BytesIO()
        for digest, data in kept.items():
            out.write(digest)
            out.write(len(data).to_bytes(_LENGTH, "little"))
            out.write(data)
        cache.put(NAMESPACE, self.key, out.getvalue())
        self._changed = False


#: Parts from which :meth:`DeflatedParts.deflate_all` uses two threads.
THREADED_FROM = 200


def _parse(table: bytes) -> dict[bytes, bytes]:
    """The entries of a stored table; what follows a damaged one is dropped."""
    out: dict[bytes, bytes] = {}
    view = memoryview(table)
    at = 0
    while at + _DIGEST + _LENGTH <= len(table):
        digest = bytes(view[at:at + _DIGEST])
        length = int.from_bytes(view[at + _DIGEST:at + _DIGEST + _LENGTH], "little")
        start = at + _DIGEST + _LENGTH
        if start + length > len(table):
            break
        out[digest] = bytes(view[start:start + length])
        at = start + length
    return out
