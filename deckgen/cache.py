"""A persistent cache of results that are slow to make and never change for the same
inputs: prepared photos, logo checks, font lookups, chart parts.

Where: ``$DECKGEN_CACHE_DIR`` if set (set it empty to switch the cache off), else
``$XDG_CACHE_HOME/deckgen``, else ``~/.cache/deckgen`` (on Windows
``%LOCALAPPDATA%\\deckgen\\cache``). Safe to delete at any time.

A cache can only make a build faster, never different and never fail it:

* a key names everything the value depends on: the input's content (a hash of the
  bytes, not its name or time), every parameter, the versions of the libraries that
  make the value and a fingerprint of deckgen's own code that makes it
  (:func:`code_fingerprint`), and :data:`FORMAT`;
* each entry holds a SHA-256 of its payload: a truncated, corrupt or foreign file is
  treated as a miss (and the value is made again);
* entries are written to a temporary file and renamed into place, so a reader never
  sees half an entry; any error reading or writing (read-only or full disk, no home
  folder, permissions) is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: Bump when the layout of entries changes; old entries then simply miss.
FORMAT = "deckgen-cache-1"
ENV = "DECKGEN_CACHE_DIR"
_MAGIC = b"DGC1"


def cache_dir() -> Path | None:
    """The cache folder in use, or None when caching is switched off (``DECKGEN_CACHE_DIR=``)."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "deckgen"
    if sys.platform.startswith("win") and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "deckgen" / "cache"
    try:
        return Path.home() / ".cache" / "deckgen"
    except RuntimeError:  # no home folder: no cache
        return None


def key(*parts: object) -> str:
    """A cache key (hex SHA-256) of ``parts``: bytes are hashed as they are, anything
    else by its ``repr`` (so give tuples, numbers and strings, not objects whose repr
    holds an address)."""
    digest = hashlib.sha256(FORMAT.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def code_fingerprint(*module_files: str | None) -> str:
    """A hash of the source files of the modules that make a cached value, so an
    edited deckgen (a developer's checkout, an upgrade) never reads values its old
    code made. Read once per process (the code running does not change under it)."""
    digest = hashlib.sha256()
    for name in module_files:
        try:
            digest.update(Path(name or "").read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def _entry(namespace: str, entry_key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / namespace / entry_key[:2] / entry_key


def get(namespace: str, entry_key: str) -> bytes | None:
    """The stored value of ``entry_key``, or None (no cache, no entry, or a damaged one)."""
    path = _entry(namespace, entry_key)
    if path is None:
        return None
    raw = _read_regular(path)
    if raw is None:
        return None
    if len(raw) < 36 or raw[:4] != _MAGIC:
        return None
    payload = raw[36:]
    if hashlib.sha256(payload).digest() != raw[4:36]:
        return None
    try:
        os.utime(path)  # recently used: trimmed last
    except OSError:
        pass
    return payload


def found_fine(namespace: str, entry_key: str, check: Callable[[], str | None]) -> str | None:
    """``check()`` (a problem, or None when the thing checked is fine), with a fine
    answer remembered under ``entry_key`` (an empty key: not remembered); problems
    are always found anew, so their messages stay exact."""
    if entry_key and get(namespace, entry_key) == b"ok":
        return None
    problem = check()
    if problem is None and entry_key:
        put(namespace, entry_key, b"ok")
    return problem


#: An entry larger than this is not one of ours (prepared photos are well under it).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def _read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of sane size, else None; never
    blocks (a FIFO planted in the cache folder is not read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def put(namespace: str, entry_key: str, value: bytes) -> None:
    """Store ``value`` under ``entry_key``; silently does nothing when it cannot."""
    path = _entry(namespace, entry_key)
    if path is None:
        return
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + hashlib.sha256(value).digest() + value)
        os.replace(temp, path)
        temp = None
    except (OSError, ValueError):
        pass
    else:
        trim(path.parents[2])
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


#: The folder is trimmed back to three quarters of this when it grows past it.
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: How often a write may walk the folder to trim it.
TRIM_INTERVAL_S = 3600.0
_STAMP = ".trimmed"


def trim(folder: Path, *, limit: int = MAX_TOTAL_BYTES, now: float | None = None) -> int:
    """Delete the least recently used entries of ``folder`` once it holds more than
    ``limit`` bytes, down to three quarters of it; returns the bytes freed.

    Walks the folder at most once per :data:`TRIM_INTERVAL_S` (a stamp file says
    when it last did), so builds do not pay for it; never raises.
    """
    now = time.time() if now is None else now
    stamp = folder / _STAMP
    try:
        if now - stamp.stat().st_mtime < TRIM_INTERVAL_S:
            return 0
    except OSError:
        pass
    try:
        stamp.touch()
        os.utime(stamp, (now, now))
        entries = []
        for path in folder.glob("*/*/*"):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime, info.st_size, path))
    except OSError:
        return 0
    total = sum(size for _, size, _ in entries)
    freed = 0
    for _, size, path in sorted(entries):
        if total - freed <= limit * 3 // 4 or total <= limit:
            break
        try:
            path.unlink()
            freed += size
        except OSError:
            pass
    return freed
