"""The files a user gives and the files deckgen writes.

One place decides how an input file is opened and decoded, and how an output is
written, so every command keeps the same promises:

* an input must be a regular file: a folder, a device (``/dev/zero``) or a FIFO is
  refused before a byte is read, and opening never blocks;
* text is UTF-8 (BOM or not) or UTF-16 with a BOM, and for the files people save on
  Chinese Windows (speeches, figures) also GB18030; anything else is refused with the
  line where decoding failed;
* an output is never one of the command's inputs (same path, a link to it, or the same
  name in another case), and it is written to a temporary file that is flushed,
  fsynced and renamed into place, and removed on every failure, Ctrl-C included.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from deckgen.errors import DeckgenError, InputError, Issue

#: Inputs larger than this are refused before reading (a speech is ~100 KB).
MAX_INPUT_BYTES = 64 * 1024 * 1024

# Control characters other than tab, newline, form feed and carriage return: a text
# file never holds many of them, a binary file (docx, pdf, png) always does.
_CONTROL = {b for b in range(32) if b not in (9, 10, 12, 13)}

# A GB18030 reading whose share of unusual characters exceeds this is taken as
# garbage: GB18030 accepts most byte sequences, so "it decoded" alone proves little.
_MAX_ODD_SHARE = 0.02

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _refuse(name: str, message: str) -> InputError:
    return InputError([Issue(name, 0, 0, message)])


def read_bytes(path: str | Path, *, what: str = "file", limit: int = MAX_INPUT_BYTES) -> bytes:
    """Return the bytes of the regular file at ``path``.

    Raises :class:`InputError` (``file: message``) when it is missing, a folder, not
    a regular file (device, FIFO, socket), larger than ``limit`` or unreadable. The
    file is opened without blocking, so a FIFO cannot hang the command.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _refuse(name, "file not found; check the path") from None
    except IsADirectoryError:
        raise _refuse(name, f"is a folder; give the {what} file") from None
    except OSError as exc:
        raise _refuse(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(name, f"is a folder; give the {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(name, f"is not a regular file (a device, pipe or socket); give the {what} file")
        if info.st_size > limit:
            raise _refuse(name, f"is too large to be the {what} ({info.st_size / 2**20:.0f} MB; deckgen reads up to {limit / 2**20:.0f} MB)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _refuse(name, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _refuse(name, f"is too large to be the {what} (deckgen reads up to {limit / 2**20:.0f} MB)")
    return data


#: A zipped office file (.docx, .odt) is refused when its parts unpack to more than
#: this: a speech with its pictures is a few MB, a zip of zeros is a bomb.
MAX_UNPACKED_DOCUMENT_BYTES = 200 * 1024 * 1024


def check_unpacked_size(archive: bytes | str | Path, *, name: str, limit: int = MAX_UNPACKED_DOCUMENT_BYTES) -> None:
    """Refuse a zip (bytes or a file) whose members unpack to more than ``limit`` bytes,
    from the sizes its directory declares, before any member is decompressed.

    Python's zipfile never unpacks more than a member declares (a member that lies
    fails its CRC check), so the declared sizes bound what reading can cost. A file
    that is not a zip passes (its reader says what is wrong). Raises :class:`InputError`.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(archive) if isinstance(archive, bytes) else archive) as opened:
            total = sum(info.file_size for info in opened.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if total > limit:
        raise _refuse(
            name,
            f"unpacks to {total / 2**20:,.0f} MB, more than the {limit / 2**20:.0f} MB deckgen reads "
            "(a damaged file or a zip bomb?); open it in Word or WPS and save it again",
        )


def read_text(path: str | Path, *, what: str = "outline", legacy_chinese: bool = False) -> str:
    """Return the text of the file at ``path`` (see :func:`decode_text`)."""
    return decode_text(read_bytes(path, what=what), name=str(path), what=what, legacy_chinese=legacy_chinese)


def decode_text(raw: bytes, *, name: str, what: str = "outline", legacy_chinese: bool = False) -> str:
    """Decode the bytes of a user's text file.

    UTF-8 (BOM dropped) and UTF-16 with a BOM always; with ``legacy_chinese`` also
    GB18030 (GBK, GB2312: what Notepad, Excel and WPS save on Chinese Windows), and
    binary files (Word, PDF, images) are recognised as such. Raises
    :class:`InputError` naming the file (and the line where UTF-8 failed).
    """
    encodings = "UTF-8 or GB18030" if legacy_chinese else "UTF-8"
    hint = f"save the {what} as plain text ({encodings})" + (", e.g. in WPS: 另存为 → 纯文本" if legacy_chinese else "")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise _refuse(name, f"starts with a {encoding.upper()} mark but is not valid {encoding.upper()}; {hint}") from None
    if legacy_chinese and _looks_binary(raw):
        raise _refuse(name, f"is a binary file (a Word, PDF or image file?), not plain text; {hint}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    if legacy_chinese:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _refuse(name, f"is neither UTF-8 nor GB18030 text; {hint}") from None
        if _odd_share(text) <= _MAX_ODD_SHARE:
            return text
        raise _refuse(name, f"does not read as Chinese text in UTF-8 or GB18030; {hint}")
    raise InputError([Issue(name, line, 1, f"not UTF-8 text; {hint}")])


def _looks_binary(raw: bytes) -> bool:
    """True when ``raw`` holds NUL bytes or many control characters."""
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def _odd_share(text: str) -> float:
    """Share of characters that are neither CJK, ASCII nor common punctuation."""
    if not text:
        return 0.0
    odd = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
            continue
        if 0x2000 <= code <= 0x206F or 0x3400 <= code <= 0x4DBF or ch in "·—…“”‘’《》、":
            continue
        odd += 1
    return odd / len(text)


def is_regular_file(path: str | Path) -> bool:
    """True when ``path`` is an existing regular file; False for anything else,
    including names the system refuses (too long, holding NUL)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` name the same file.

    The same inode (hard links, symlinks, ``./x`` and ``x``), or the same resolved
    path compared case-insensitively: on Windows and macOS ``Talk.yaml`` and
    ``talk.yaml`` are one file, and a deck must not be written over an outline there.
    """
    try:
        first, second = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        pass
    else:
        if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
            return True
    try:
        return _canonical(a).casefold() == _canonical(b).casefold()
    except (OSError, ValueError, RuntimeError):
        return False


def _canonical(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve(strict=False)))


def refuse_overwriting_inputs(output: str | Path, inputs: Iterable[tuple[str, str | Path | None]]) -> None:
    """Raise :class:`DeckgenError` when ``output`` is one of ``inputs``.

    ``inputs`` are ``(role, path)`` pairs such as ``("outline", talk.yaml)``; a
    ``None`` path is skipped. Nothing is written or read.
    """
    for role, path in inputs:
        if path is not None and same_file(output, path):
            raise DeckgenError(
                f"{output}: this is the {role} ({path}); writing there would destroy it. "
                "Choose another output name (-o)"
            )


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    The temporary file is flushed and fsynced before the rename and removed on any
    failure, KeyboardInterrupt included, so ``path`` holds either the old or the new
    content. A read-only existing file (a deck marked read-only, or open in an office
    suite that locks it) is refused rather than silently replaced, and an existing
    file keeps its permissions. Raises :class:`DeckgenError`.
    """
    path = Path(path)
    mode = 0o644
    try:
        if path.is_dir():
            raise DeckgenError(f"{path}: is a folder; give a file name")
        if path.exists():
            current = path.stat().st_mode
            if not stat.S_ISREG(current):
                raise DeckgenError(f"{path}: is not a regular file; give a file name")
            if not current & stat.S_IWUSR:
                raise DeckgenError(f"{path}: is read-only (open in PowerPoint or WPS?); close it or make it writable, then build again")
            mode = stat.S_IMODE(current)
        path.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(path.parent)
        fd, tmp = _new_private_file(path.parent, temp_prefix(), ".tmp")
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot write: {exc.strerror or exc}; check the name and that the folder is writable") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a deck is a document to share.
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DeckgenError(f"{path}: cannot write: {exc.strerror or exc}; is the file open in PowerPoint?") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMP_PREFIX = ".deckgen-"
_swept: set[str] = set()


def _new_private_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """``tempfile.mkstemp(prefix=, suffix=, dir=folder)``: a new file only this user may
    read, opened for writing (importing tempfile cost every build ~2 ms)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name in {folder}")


def temp_prefix(kind: str = "") -> str:
    """The name prefix of a temporary file or folder deckgen makes beside an output
    (``.deckgen-<pid>-`` or ``.deckgen-<kind>-<pid>-``): :func:`clear_leftovers`
    tells by the process id whether the write that made it still runs."""
    return f"{_TEMP_PREFIX}{kind + '-' if kind else ''}{os.getpid()}-"


#: Kinds of temporary folders made beside outputs (PDF and PNG staging).
_TEMP_KINDS = ("pdf", "png")


def clear_leftovers(folder: Path) -> None:
    """Delete what writes killed before they finished (``kill -9``, a power cut) left
    in ``folder``: ``.deckgen-<pid>-….tmp`` files and ``.deckgen-pdf-<pid>-…`` /
    ``.deckgen-png-<pid>-…`` staging folders of this user's whose process no longer
    runs. Once per folder and process; never raises.

    What a write still running made (another build into the same folder) is kept,
    and so is anything that is not this user's, and links are never followed.
    """
    key = os.path.realpath(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(_TEMP_PREFIX)]
    except OSError:
        return
    for entry in entries:
        rest = entry.name[len(_TEMP_PREFIX):]
        kind, _, after_kind = rest.partition("-")
        is_folder = kind in _TEMP_KINDS
        pid_text = (after_kind if is_folder else rest).split("-", 1)[0]
        if not pid_text.isdigit() or (not is_folder and not entry.name.endswith(".tmp")) or _running(int(pid_text)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
                continue
            if is_folder and stat.S_ISDIR(info.st_mode):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)  # rmtree does not follow links inside
            elif not is_folder and stat.S_ISREG(info.st_mode):
                os.unlink(entry.path)
        except OSError:
            pass


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (a process of another user counts as running)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no cheap check: keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
