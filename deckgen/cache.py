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
  folder, permissions) is ignored;
* it stays in its folder: no link inside it is followed, for reading, writing or
  deleting, and only files it wrote itself are read or trimmed (a regular file with
  one link, owned by this user, named and headed as an entry), so a folder shared
  with others or writable by them cannot make it read or delete their files.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import sys
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


def get(namespace: str, entry_key: str) -> bytes | None:
    """The stored value of ``entry_key``, or None (no cache, no entry, a damaged one,
    or a file this user did not write)."""
    folder = _open_entry_folder(namespace, entry_key, create=False)
    if folder is None:
        return None
    try:
        raw = _read_own(folder, entry_key, touch=True)
    finally:
        _close(folder)
    if raw is None or len(raw) < 36 or raw[:4] != _MAGIC:
        return None
    payload = raw[36:]
    if hashlib.sha256(payload).digest() != raw[4:36]:
        return None
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


def put(namespace: str, entry_key: str, value: bytes) -> None:
    """Store ``value`` under ``entry_key``; silently does nothing when it cannot."""
    folder = _open_entry_folder(namespace, entry_key, create=True)
    if folder is None:
        return
    temp = f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"  # secrets and random: ~2 ms of imports
    try:
        fd = _open_file(folder, temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + hashlib.sha256(value).digest() + value)
        # rename never follows a link in the entry's place: it replaces the link itself
        if isinstance(folder, int):
            os.replace(temp, entry_key, src_dir_fd=folder, dst_dir_fd=folder)
        else:
            os.replace(os.path.join(folder, temp), os.path.join(folder, entry_key))
        temp = ""
    except (OSError, ValueError):
        pass
    else:
        root = cache_dir()
        if root is not None:
            trim(root)
    finally:
        if temp:
            _unlink(folder, temp)
        _close(folder)


# --- staying inside the folder ---------------------------------------------------------
#
# Every step below the cache folder is taken without following links: relative to an
# open folder (``dir_fd``) with ``O_NOFOLLOW`` where the system has them (Linux,
# macOS), else by path after checking each step is no link (nor, on Windows, a
# junction) and that the file opened is the one checked. A symlink planted in place
# of a namespace, a key folder or an entry is never followed, for reading, writing or
# deleting. A file counts as the cache's own only when it is a regular file with one
# link (a hard link to a file elsewhere is not), owned by this user (where files have
# owners), named as the cache names files and, for an entry, starting with the entry
# header.

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_TEMP_PREFIX = ".tmp-"
_KEY_RE = re.compile(r"[0-9a-f]{64}")
_NAMESPACE_RE = re.compile(r"[a-z][a-z0-9_-]{0,40}")
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT: a Windows symlink or junction
#: Whether folders are held open and steps taken relative to them.
_DIR_FD = (
    bool(_NOFOLLOW and _DIRECTORY)
    and {os.open, os.mkdir, os.unlink, os.rename, os.stat} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
    and os.utime in os.supports_fd
)
_Folder = int | str  # an open folder (dir_fd systems), or the path of a checked one


def _at(folder: _Folder, name: str) -> tuple[str, dict]:
    """The path and keyword arguments that name ``name`` in ``folder``."""
    if isinstance(folder, int):
        return name, {"dir_fd": folder}
    return os.path.join(folder, name), {}


def _close(folder: _Folder) -> None:
    if isinstance(folder, int):
        os.close(folder)


def _not_a_link(info: os.stat_result) -> bool:
    return not stat.S_ISLNK(info.st_mode) and not getattr(info, "st_file_attributes", 0) & _REPARSE_POINT


def _this_users(info: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _own(info: os.stat_result) -> bool:
    """Whether ``info`` (from lstat/fstat) is a file this user wrote: regular, one
    link, owned by this user."""
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and _this_users(info) and _not_a_link(info)


def _open_file(folder: _Folder, name: str, flags: int) -> int:
    """``os.open`` of file ``name`` in ``folder``, never through a link; OSError else."""
    path, kw = _at(folder, name)
    before = None
    if not isinstance(folder, int):
        try:
            before = os.lstat(path)
        except FileNotFoundError:
            pass
        if before is not None and not _not_a_link(before):
            raise OSError(f"{path} is a link")
    fd = os.open(path, flags | _NOFOLLOW | _BINARY, 0o600, **kw)
    if before is not None:
        after = os.fstat(fd)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):  # swapped meanwhile
            os.close(fd)
            raise OSError(f"{path} changed while it was opened")
    return fd


def _unlink(folder: _Folder, name: str) -> bool:
    path, kw = _at(folder, name)
    try:
        os.unlink(path, **kw)
        return True
    except OSError:
        return False


def _open_root(*, create: bool) -> _Folder | None:
    """The cache folder (it may itself be a link the user set up), or None."""
    root = cache_dir()
    if root is None:
        return None
    try:
        if create:
            root.mkdir(parents=True, exist_ok=True)
        if _DIR_FD:
            return os.open(root, os.O_RDONLY | _DIRECTORY)
        return str(root) if os.path.isdir(root) else None
    except OSError:
        return None


def _open_subfolder(parent: _Folder, name: str, *, create: bool) -> _Folder | None:
    """Folder ``name`` in ``parent`` when it is a real folder of this user's (never a
    link); made (private) when missing and ``create``."""
    path, kw = _at(parent, name)
    if create:
        try:
            os.mkdir(path, 0o700, **kw)
        except FileExistsError:
            pass
        except OSError:
            return None
    if not isinstance(parent, int):
        try:
            info = os.lstat(path)
        except OSError:
            return None
        return path if stat.S_ISDIR(info.st_mode) and _not_a_link(info) and _this_users(info) else None
    try:
        fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and _this_users(info):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _open_entry_folder(namespace: str, entry_key: str, *, create: bool) -> _Folder | None:
    """The folder that holds ``entry_key`` of ``namespace``, or None."""
    if not _NAMESPACE_RE.fullmatch(namespace) or not _KEY_RE.fullmatch(entry_key):
        return None
    root = _open_root(create=create)
    if root is None:
        return None
    try:
        return _open_path(root, (namespace, entry_key[:2]), create=create)
    finally:
        _close(root)


def _open_path(root: _Folder, names: tuple[str, ...], *, create: bool) -> _Folder | None:
    """The folder ``root/names[0]/names[1]/…``, opened a step at a time without
    following links (each parent closed once its child is open), or None."""
    folder: _Folder | None = root
    for depth, name in enumerate(names):
        assert folder is not None
        try:
            child = _open_subfolder(folder, name, create=create)
        finally:
            if depth:
                _close(folder)
        if child is None:
            return None
        folder = child
    return folder


def _touch(folder: _Folder, name: str, fd: int, when: tuple[float, float] | None = None) -> None:
    """Set the times of the open file ``fd`` (``name`` in ``folder``)."""
    try:
        if os.utime in os.supports_fd:
            os.utime(fd, when)
        else:
            path, _ = _at(folder, name)
            if _not_a_link(os.lstat(path)):
                os.utime(path, when)
    except OSError:
        pass


#: An entry larger than this is not one of ours (prepared photos are well under it).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def _read_own(folder: _Folder, name: str, *, touch: bool = False, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of file ``name`` in ``folder`` if it is this user's own regular file
    of sane size, else None; never follows a link and never blocks (a FIFO planted in
    the cache folder is not read). ``touch`` marks it recently used."""
    try:
        fd = _open_file(folder, name, os.O_RDONLY | _NONBLOCK)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not _own(info) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if touch:
            _touch(folder, name, fd)  # recently used: trimmed last
        return data
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


#: The folder is trimmed back to three quarters of this when it grows past it.
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: How often a write may walk the folder to trim it.
TRIM_INTERVAL_S = 3600.0
_STAMP = ".trimmed"


def trim(folder: Path, *, limit: int = MAX_TOTAL_BYTES, now: float | None = None) -> int:
    """Delete the least recently used entries of ``folder`` once it holds more than
    ``limit`` bytes, down to three quarters of it; returns the bytes freed.

    Walks the folder at most once per :data:`TRIM_INTERVAL_S` (a stamp file says
    when it last did), so builds do not pay for it; never raises. Only the cache's
    own entries are counted and deleted (see above): links are not followed, and
    files it did not write — another user's, hard links, anything not named and
    headed as an entry — are left alone. Temporary files a killed build left are
    deleted once they are an hour old.
    """
    now = time.time() if now is None else now
    try:
        root: _Folder | None = os.open(folder, os.O_RDONLY | _DIRECTORY) if _DIR_FD else str(folder)
    except OSError:
        return 0
    if root is None:
        return 0
    try:
        if not _stamp_due(root, now):
            return 0
        entries, stale = _own_entries(root, now)
        for where in stale:
            _unlink_own(root, where)
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, where in sorted(entries):
            if total - freed <= limit * 3 // 4 or total <= limit:
                break
            if _unlink_own(root, where):
                freed += size
        return freed
    finally:
        _close(root)


def _stamp_due(root: _Folder, now: float) -> bool:
    """Whether a walk is due (no stamp, or one older than the interval); restamps.
    The stamp is this user's own file or nothing: a link there is never touched."""
    try:
        fd = _open_file(root, _STAMP, os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        try:
            fd = _open_file(root, _STAMP, os.O_RDONLY | os.O_CREAT | os.O_EXCL)
        except OSError:
            return False
        due = True
    except OSError:
        return False
    else:
        due = False
    try:
        info = os.fstat(fd)
        if not _own(info):
            return False
        if not due and now - info.st_mtime < TRIM_INTERVAL_S:
            return False
        _touch(root, _STAMP, fd, (now, now))
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


_Where = tuple[str, str, str]  # namespace, key folder, file name


def _own_entries(root: _Folder, now: float) -> tuple[list[tuple[float, int, _Where]], list[_Where]]:
    """(mtime, size, where) of every entry of this user's, and where the temporary
    files a killed process left are."""
    entries: list[tuple[float, int, _Where]] = []
    stale: list[_Where] = []
    for space_name in _subfolders(root, _NAMESPACE_RE):
        space = _open_subfolder(root, space_name, create=False)
        if space is None:
            continue
        try:
            for sub_name in _subfolders(space, _SUB_RE):
                sub = _open_subfolder(space, sub_name, create=False)
                if sub is None:
                    continue
                try:
                    for name, info in _files(sub):
                        where = (space_name, sub_name, name)
                        if name.startswith(_TEMP_PREFIX):
                            if now - info.st_mtime > TRIM_INTERVAL_S:
                                stale.append(where)
                        elif name.startswith(sub_name) and _KEY_RE.fullmatch(name) and _headed(sub, name):
                            entries.append((info.st_mtime, info.st_size, where))
                finally:
                    _close(sub)
        finally:
            _close(space)
    return entries, stale


_SUB_RE = re.compile(r"[0-9a-f]{2}")


def _subfolders(folder: _Folder, pattern: re.Pattern) -> list[str]:
    """Names of the real folders (not links) in ``folder`` that match ``pattern``."""
    try:
        return sorted(e.name for e in os.scandir(folder) if pattern.fullmatch(e.name) and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def _files(folder: _Folder) -> list[tuple[str, os.stat_result]]:
    """This user's own files in ``folder`` (see :func:`_own`), with their lstat."""
    found = []
    try:
        for entry in os.scandir(folder):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if _own(info):
                found.append((entry.name, info))
    except OSError:
        pass
    return found


def _headed(folder: _Folder, name: str) -> bool:
    """Whether file ``name`` starts with the entry header (it is one of ours)."""
    try:
        fd = _open_file(folder, name, os.O_RDONLY | _NONBLOCK)
    except OSError:
        return False
    try:
        return os.read(fd, len(_MAGIC)) == _MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


def _unlink_own(root: _Folder, where: _Where) -> bool:
    """Delete one of the cache's own files, found again step by step without
    following links (the folder may have changed since it was listed)."""
    space_name, sub_name, name = where
    sub = _open_path(root, (space_name, sub_name), create=False)
    if sub is None:
        return False
    try:
        path, kw = _at(sub, name)
        if not _own(os.stat(path, follow_symlinks=False, **kw)):
            return False
        return _unlink(sub, name)
    except OSError:
        return False
    finally:
        _close(sub)
