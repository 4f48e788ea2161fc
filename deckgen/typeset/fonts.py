"""Locate font files for a family name: theme hint, then fontconfig, then font folders.

The layout layer measures text with the same font files LibreOffice will use, so
it must find the *right* file and, for a TrueType collection (``.ttc``), the
right face inside it ("Noto Sans CJK SC" is face 2 of ``NotoSansCJK-Regular.ttc``
on Debian). fontconfig always answers *something* — asking for a missing family
returns a fallback such as DejaVu Sans — so a match is accepted only when the
family it reports is the family that was asked for.

Without fontconfig (Windows, macOS) the usual font folders are read with fontTools,
matching every family name a font carries in any language, so 微软雅黑 finds
``msyh.ttc`` as Microsoft YaHei does. ``DECKGEN_FONT_DIRS`` (folders separated by
``os.pathsep``) adds folders of one's own, searched everywhere.

A face that is not installed has a declared stand-in (:func:`fallback_family`):
the Noto CJK face of the same style, used to measure and to render previews.

Nothing runs at import time; lookups are cached per (family, bold, hint) in the
process, and family lookups also between builds (:class:`_LookupTable`). fontconfig
is asked in the process through its library where it loads: four ``fc-match`` runs
were a tenth of a small deck's first build.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from deckgen import cache
from deckgen.records import record

FC_MATCH_TIMEOUT_S = 10.0


@record(frozen=True)
class FontFile:
    """A font face on disk: a file path and the face index inside it.

    ``index`` is 0 for plain ``.ttf``/``.otf`` files and the face number for a
    ``.ttc`` collection; pass it to ``PIL.ImageFont.truetype(path, size, index=...)``.
    """

    path: str
    index: int = 0



def _fc_match() -> str | None:
    """Where fontconfig's ``fc-match`` is, or None (shutil imported only when asked)."""
    import shutil

    return shutil.which("fc-match")

def find_font_file(
    family: str, bold: bool = False, hint_path: str | None = None
) -> FontFile | None:
    """Return the font file for *family* (bold or regular), or None if absent.

    A *hint_path* (from the theme) wins when the file exists; it may carry a
    face index as ``path.ttc#2``, else the face is looked up by family name
    inside the collection (index 0 if that fails). Otherwise fontconfig's
    ``fc-match`` is asked, and its answer is accepted only when one of the
    family names it reports equals *family* (case and spaces ignored), so a
    silent fallback to another typeface is reported as None. Never raises for
    a missing font or a missing ``fc-match``.
    """
    return _find_font_file_cached(family.strip(), bool(bold), hint_path)


def find_meanwhile(faces: list[tuple[str, str | None]]) -> Callable[[], None]:
    """Start :func:`find_font_file` for ``faces`` (family, hint path), regular and
    bold, on a thread; return the function that waits for it to end.

    fontconfig's first answer in a process reads its configuration and font caches
    (5-10 ms); its calls release the GIL, so a build asks while it imports the layout
    modules, and waits (at once, by then) before it measures. Answers land in
    :func:`find_font_file`'s memory; nothing else may look up fonts until the wait.
    """
    import threading

    def look_up() -> None:
        try:
            for family, hint in faces:
                for bold in (False, True):
                    find_font_file(family, bold=bold, hint_path=None if bold else hint)
        except Exception:  # noqa: BLE001 - asked again after the wait, where it is reported
            return

    thread = threading.Thread(target=look_up, name="deckgen-fonts", daemon=True)
    thread.start()
    return thread.join


@functools.lru_cache(maxsize=256)
def _find_font_file_cached(
    family: str, bold: bool, hint_path: str | None
) -> FontFile | None:
    if hint_path:
        hinted = _font_from_hint(hint_path, family)
        if hinted is not None:
            return hinted
    if not family:
        return None
    table = _lookup_table()
    entry = f"{family}\x00{int(bold)}"
    if entry in table.found:
        known = table.found[entry]
        if known is None:
            return None
        if os.path.isfile(known[0]):  # an uninstalled file is looked up again
            return FontFile(known[0], known[1])
    found = _font_from_fontconfig(family, bold)
    if found is None and (_fc_match() is None or os.environ.get(FONT_DIRS_ENV)):
        found = _font_from_folders(family, bold)
    table.found[entry] = None if found is None else (found.path, found.index)
    table.save()
    return found


class _LookupTable:
    """Family lookups (``fc-match`` runs, font-folder scans) remembered between builds.

    Kept in the persistent cache (:mod:`deckgen.cache`) under a key that changes
    whenever the answer could: the font folders' and fontconfig configuration's
    modification times (every folder, so a font installed anywhere beneath them
    counts), the environment variables that steer the lookup and the ``fc-match``
    in use. A found file that has since disappeared is looked up again.
    """

    NAMESPACE = "fonts"

    def __init__(self) -> None:
        self.key = cache.key("font-lookups", _font_environment(), cache.code_fingerprint(__file__))
        self.found: dict[str, tuple[str, int] | None] = {}
        stored = cache.get(self.NAMESPACE, self.key)
        if stored is not None:
            try:
                table = json.loads(stored)
                self.found = {k: (None if v is None else (str(v[0]), int(v[1]))) for k, v in table.items()}
            except (ValueError, TypeError, IndexError, AttributeError):
                self.found = {}

    def save(self) -> None:
        cache.put(self.NAMESPACE, self.key, json.dumps(self.found, sort_keys=True).encode("utf-8"))


@functools.lru_cache(maxsize=1)
def _lookup_table() -> _LookupTable:
    return _LookupTable()


def _font_environment() -> tuple:
    """Everything a family lookup's answer depends on besides the family (see :class:`_LookupTable`)."""
    env = tuple(os.environ.get(name) for name in (FONT_DIRS_ENV, "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "XDG_DATA_HOME", "XDG_CONFIG_HOME"))
    fc_match = _fc_match()
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    watched = [*font_dirs(), Path("/etc/fonts"), config_home / "fontconfig"]
    if fc_match:
        watched.append(Path(fc_match))
    stamps = []
    for top in watched:
        stamps.append((str(top), _mtime(top)))
        if os.path.isdir(top):  # False, not PermissionError, for a folder this user cannot look into
            for folder, subfolders, _files in os.walk(top):
                subfolders.sort()
                stamps.extend((os.path.join(folder, name), _mtime(Path(folder) / name)) for name in subfolders)
                if folder != str(top):
                    continue
                # fontconfig's own configuration files change without their folder changing.
                stamps.extend((os.path.join(folder, name), _mtime(Path(folder) / name)) for name in sorted(_files) if name.endswith(".conf"))
    return (env, fc_match, sys.platform, tuple(stamps))


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


FONT_DIRS_ENV = "DECKGEN_FONT_DIRS"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: Faces of a Chinese office PC and the Noto CJK face that stands in for each
#: where it is missing (Linux, CI, previews). CJK glyphs are one em in all of them.
SERIF_HINTS = ("宋", "仿宋", "楷", "serif", "song", "sun", "ming", "kai", "fang", "times", "georgia", "cambria", "小标宋")
SANS_FALLBACK = "Noto Sans CJK SC"
SERIF_FALLBACK = "Noto Serif CJK SC"


def fallback_family(family: str) -> str:
    """The declared stand-in for ``family``: Noto Serif CJK SC for serif faces
    (宋体, 仿宋, 楷体, Times …), Noto Sans CJK SC for the rest."""
    name = family.lower()
    return SERIF_FALLBACK if any(hint in name for hint in SERIF_HINTS) else SANS_FALLBACK


def font_dirs() -> list[Path]:
    """The folders searched for font files without fontconfig, on this system."""
    home = Path.home()
    extra = [Path(p) for p in os.environ.get(FONT_DIRS_ENV, "").split(os.pathsep) if p]
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        system = [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        system = [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        system = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts", home / ".fonts"]
    return extra + system


def _font_from_folders(family: str, bold: bool) -> FontFile | None:
    faces = _folder_index(tuple(str(d) for d in font_dirs())).get(_normalise(family), [])
    for want_bold in (bold, not bold):
        for path, index, is_bold in faces:
            if is_bold == want_bold:
                return FontFile(path, index)
    return None


@functools.lru_cache(maxsize=4)
def _folder_index(folders: tuple[str, ...]) -> dict[str, list[tuple[str, int, bool]]]:
    """Every family name (all languages, typographic and legacy) -> its faces."""
    index: dict[str, list[tuple[str, int, bool]]] = {}
    for folder in folders:
        root = Path(folder)
        if not os.path.isdir(root):  # missing, or not this user's to look into
            continue
        try:
            found = sorted(root.rglob("*"))
        except OSError:  # a folder below it that cannot be listed
            continue
        for path in found:
            if path.suffix.lower() in FONT_SUFFIXES and os.path.isfile(path):
                for face_index, names, is_bold in _face_names(path):
                    for name in names:
                        index.setdefault(_normalise(name), []).append((str(path), face_index, is_bold))
    return index


def _face_names(path: Path) -> list[tuple[int, set[str], bool]]:
    """(face index, family names, bold) of each face in a font file; [] if unreadable."""
    try:
        from fontTools.ttLib import TTCollection, TTFont

        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
        out = []
        for face_index, font in enumerate(fonts):
            names = {r.toUnicode() for r in font["name"].names if r.nameID in (1, 16)}
            style = " ".join(r.toUnicode() for r in font["name"].names if r.nameID in (2, 17)).lower()
            out.append((face_index, {n for n in names if n}, "bold" in style))
        return out
    except Exception:  # noqa: BLE001 - any unreadable file is simply not a font we can use
        return []


def _font_from_hint(hint_path: str, family: str) -> FontFile | None:
    """Resolve a theme-supplied path, optionally suffixed ``#index``."""
    path, _, index_text = hint_path.partition("#")
    path = os.path.expanduser(path)
    if not os.path.isfile(path):
        return None
    if index_text.isdigit():
        return FontFile(path, int(index_text))
    return FontFile(path, _face_index_for_family(path, family))


def _face_index_for_family(path: str, family: str) -> int:
    """Find the face of a collection whose family name is *family* (else 0)."""
    if not path.lower().endswith((".ttc", ".otc")) or not family:
        return 0
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow is a hard dependency
        return 0
    wanted = _normalise(family)
    for index in range(64):
        try:
            face = ImageFont.truetype(path, 10, index=index)
        except OSError:
            break
        name, _style = face.getname()
        if name and _normalise(name) == wanted:
            return index
    return 0


#: What a fontconfig match reports: file, face index and family names.
FC_FORMAT = "%{file}|%{index}|%{family}"


def _font_from_fontconfig(family: str, bold: bool) -> FontFile | None:
    """Ask fontconfig as ``fc-match`` does and accept only an answer of the requested
    family: in this process through the fontconfig library when it loads (a lookup
    costs a tenth of a millisecond where starting ``fc-match`` costs five), else by
    running ``fc-match``."""
    fc_match = _fc_match()
    if fc_match is None:
        return None
    style = "Bold" if bold else "Regular"
    pattern = f"{_escape_fc(family)}:style={style}"
    library = _fontconfig_library()
    if library is not None:
        answer = library.match(pattern)
        if answer is not None:
            return _parse_fc_answer(answer, family)
    import subprocess  # only when a lookup is not cached (see _LookupTable)

    try:
        completed = subprocess.run(
            [fc_match, "-f", FC_FORMAT, pattern],
            capture_output=True,
            text=True,
            timeout=FC_MATCH_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return _parse_fc_answer(completed.stdout, family)


class _Fontconfig:
    """The fontconfig library, called as ``fc-match PATTERN`` calls it: the pattern
    parsed, the configuration's and the default substitutions applied, the best font
    matched and reported in :data:`FC_FORMAT`."""

    def __init__(self, lib) -> None:
        import ctypes

        self._ctypes = ctypes
        pointer = ctypes.c_void_p
        lib.FcNameParse.restype = pointer
        lib.FcNameParse.argtypes = [ctypes.c_char_p]
        lib.FcConfigSubstitute.restype = ctypes.c_int
        lib.FcConfigSubstitute.argtypes = [pointer, pointer, ctypes.c_int]
        lib.FcDefaultSubstitute.restype = None
        lib.FcDefaultSubstitute.argtypes = [pointer]
        lib.FcFontMatch.restype = pointer
        lib.FcFontMatch.argtypes = [pointer, pointer, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternFormat.restype = pointer
        lib.FcPatternFormat.argtypes = [pointer, ctypes.c_char_p]
        lib.FcStrFree.restype = None
        lib.FcStrFree.argtypes = [pointer]
        lib.FcPatternDestroy.restype = None
        lib.FcPatternDestroy.argtypes = [pointer]
        self._lib = lib

    def match(self, pattern: str) -> str | None:
        """fontconfig's answer for ``pattern`` in :data:`FC_FORMAT`, or None when it gives none."""
        lib, ctypes = self._lib, self._ctypes
        parsed = lib.FcNameParse(pattern.encode("utf-8"))
        if not parsed:
            return None
        try:
            lib.FcConfigSubstitute(None, parsed, 0)  # FcMatchPattern
            lib.FcDefaultSubstitute(parsed)
            result = ctypes.c_int()
            matched = lib.FcFontMatch(None, parsed, ctypes.byref(result))
            if not matched:
                return None
            try:
                formatted = lib.FcPatternFormat(matched, FC_FORMAT.encode("ascii"))
                if not formatted:
                    return None
                try:
                    return ctypes.string_at(formatted).decode("utf-8", "replace")
                finally:
                    lib.FcStrFree(formatted)
            finally:
                lib.FcPatternDestroy(matched)
        finally:
            lib.FcPatternDestroy(parsed)


#: The fontconfig library's names on systems that have it (Linux, BSD; Homebrew's macOS).
FONTCONFIG_LIBRARIES = ("libfontconfig.so.1", "libfontconfig.1.dylib")


@functools.lru_cache(maxsize=1)
def _fontconfig_library() -> _Fontconfig | None:
    """The fontconfig library, loaded once; None where it cannot be (``fc-match`` is run then)."""
    import ctypes

    for name in FONTCONFIG_LIBRARIES:
        try:
            return _Fontconfig(ctypes.CDLL(name))
        except (OSError, AttributeError):
            continue
    return None


def _parse_fc_answer(answer: str, family: str) -> FontFile | None:
    """Parse ``file|index|family,family2`` and check the family really matches."""
    parts = answer.strip().split("|", 2)
    if len(parts) != 3:
        return None
    path, index_text, families = parts
    # fontconfig lists localized and style-qualified names separated by commas.
    reported = {_normalise(name) for name in families.split(",")}
    if _normalise(family) not in reported or not os.path.isfile(path):
        return None
    index = int(index_text) if index_text.strip().isdigit() else 0
    return FontFile(path, index)


def _normalise(name: str) -> str:
    """Compare family names ignoring case, spaces, hyphens and escapes."""
    return "".join(ch for ch in name.lower() if ch not in " -_\\")


def _escape_fc(family: str) -> str:
    """Escape characters that are syntax in a fontconfig pattern."""
    for special in ("\\", "-", ":", ","):
        family = family.replace(special, "\\" + special)
    return family


def clear_cache() -> None:
    """Forget cached lookups (for tests that change the font environment)."""
    _find_font_file_cached.cache_clear()
    _folder_index.cache_clear()
    _fontconfig_library.cache_clear()
    _lookup_table.cache_clear()


def _file_fact(kind: str, font_file: FontFile, *versions: str) -> str | None:
    """The cache key of a fact about a font file that holds while the file is the same
    (path, face, size, modification time, inode), or None when it cannot be read."""
    try:
        info = os.stat(font_file.path)
    except OSError:
        return None
    identity = (font_file.path, font_file.index, info.st_size, info.st_mtime_ns, info.st_ino)
    return cache.key(kind, identity, versions, cache.code_fingerprint(__file__))


@functools.lru_cache(maxsize=64)
def covers_chinese(font_file: FontFile) -> bool:
    """Whether the face has Chinese glyphs (an East-Asian face named in a template may
    be a Latin font, e.g. LibreOffice writes DejaVu Sans). Remembered between builds
    per file (opening a font with fontTools costs more than the lookup)."""
    entry = _file_fact("covers-chinese", font_file)
    stored = cache.get("fonts", entry) if entry else None
    if stored in (b"yes", b"no"):
        return stored == b"yes"
    covered = _covers_chinese(font_file)
    if entry:
        cache.put("fonts", entry, b"yes" if covered else b"no")
    return covered


def _covers_chinese(font_file: FontFile) -> bool:
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(font_file.path, fontNumber=font_file.index, lazy=True)
        cmap = font.getBestCmap() or {}
        return all(ord(ch) in cmap for ch in "中国的")
    except Exception:  # noqa: BLE001 - unreadable: treat as not covering
        return False


#: Characters of every class layout measures (CJK, Latin, digits, punctuation): a face
#: that cannot measure them all is damaged, whatever its headers say.
PROBE_TEXT = "中国的汉字，。、“”AaQgWz09%.,;:-"


@functools.lru_cache(maxsize=64)
def measuring_problem(font_file: FontFile) -> str | None:
    """Why Pillow cannot measure with this face as layout does, or None when it can.

    Loads the face at the reference size and measures :data:`PROBE_TEXT` glyph by
    glyph, so a file with valid headers but damaged glyph data (FreeType's
    "invalid outline") is caught before layout meets it. A face found fine is
    remembered between builds per file (loading Pillow alone costs ~30 ms).
    """
    from PIL import __version__ as pillow_version

    entry = _file_fact("measurable", font_file, pillow_version)
    return cache.found_fine("fonts", entry or "", lambda: _measuring_problem(font_file))


def _measuring_problem(font_file: FontFile) -> str | None:
    from PIL import ImageFont

    try:
        font = ImageFont.truetype(font_file.path, 1000, index=font_file.index, layout_engine=ImageFont.Layout.BASIC)
        for char in PROBE_TEXT:
            font.getlength(char)
    except (OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


@record(frozen=True)
class MeasuringFaces:
    """The faces text is measured with, and which named faces had to be stood in for."""

    latin: str
    east_asian: str
    latin_path: str | None
    east_asian_path: str | None
    substitutions: tuple[tuple[str, str], ...] = ()
    other_heading_faces: bool = False  # titles are set in other faces than those measured
    damaged: tuple[tuple[str, str, str], ...] = ()  # (family, file, problem) stood in for

    @property
    def substituted(self) -> bool:
        return bool(self.substitutions)

    @property
    def needs_margin(self) -> bool:
        """Whether some text will show in a face other than the one measured."""
        return self.substituted or self.other_heading_faces


def measuring_faces(
    latin: str,
    east_asian: str,
    latin_path: str | None = None,
    east_asian_path: str | None = None,
    *,
    headings: tuple[str | None, str | None] = (None, None),
) -> MeasuringFaces:
    """Choose the faces to measure with: the named ones where installed (or given as
    files), else their declared stand-ins (:func:`fallback_family`). ``headings``
    are the title faces when they differ (gov-red's 黑体 over 仿宋): text is measured
    in the body faces with the same margin as for a stand-in."""
    swaps: list[tuple[str, str]] = []
    damaged: list[tuple[str, str, str]] = []

    def usable(family: str, found: FontFile | None) -> bool:
        # A damaged file (found by lookup; a theme's own files are checked at load)
        # is stood in for like a missing one, with a note naming the file.
        problem = measuring_problem(found) if found is not None else None
        if problem:
            damaged.append((family, found.path if found else "", problem))
        return found is not None and not problem

    chosen_latin = latin
    if not usable(latin, find_font_file(latin, hint_path=latin_path)):
        chosen_latin = fallback_family(latin)
        swaps.append((latin, chosen_latin))
        latin_path = None
    chosen_ea = east_asian
    found = find_font_file(east_asian, hint_path=east_asian_path)
    if not usable(east_asian, found) or found is None or not covers_chinese(found):
        chosen_ea = fallback_family(east_asian)
        swaps.append((east_asian, chosen_ea))
        east_asian_path = None
    other = any(face and face != body for face, body in zip(headings, (latin, east_asian)))
    return MeasuringFaces(
        chosen_latin, chosen_ea, latin_path, east_asian_path, tuple(dict.fromkeys(swaps)), other, tuple(dict.fromkeys(damaged))
    )


#: Faces of Chinese office PCs whose stand-ins previews always declare.
OFFICE_FACES = (
    "微软雅黑", "Microsoft YaHei", "黑体", "SimHei", "宋体", "SimSun", "仿宋", "FangSong", "楷体", "KaiTi",
    "等线", "DengXian", "方正小标宋简体", "Arial", "Calibri", "Times New Roman",
)


def fontconfig_stand_ins(families: list[str]) -> str | None:
    """A fontconfig file that makes each family not installed here fall back to its
    declared stand-in (so a LibreOffice preview shows what layout measured), or None
    when nothing is missing or there is no fontconfig."""
    from xml.sax.saxutils import escape

    if _fc_match() is None:
        return None
    missing = [f for f in dict.fromkeys([*families, *OFFICE_FACES]) if f and not f.startswith("+") and find_font_file(f) is None]
    if not missing:
        return None
    aliases = "".join(
        f"<alias binding=\"same\"><family>{escape(f)}</family><accept><family>{escape(fallback_family(f))}</family></accept></alias>"
        for f in missing
    )
    return (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{escape(_system_fontconfig())}</include>{aliases}</fontconfig>'
    )


def _system_fontconfig() -> str:
    return os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
