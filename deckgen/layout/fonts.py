"""Locate font files for a family name: theme hint first, then fontconfig.

The layout layer measures text with the same font files LibreOffice will use, so
it must find the *right* file and, for a TrueType collection (``.ttc``), the
right face inside it ("Noto Sans CJK SC" is face 2 of ``NotoSansCJK-Regular.ttc``
on Debian). fontconfig always answers *something* — asking for a missing family
returns a fallback such as DejaVu Sans — so a match is accepted only when the
family it reports is the family that was asked for.

Nothing runs at import time; lookups are cached per (family, bold, hint).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass

FC_MATCH_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class FontFile:
    """A font face on disk: a file path and the face index inside it.

    ``index`` is 0 for plain ``.ttf``/``.otf`` files and the face number for a
    ``.ttc`` collection; pass it to ``PIL.ImageFont.truetype(path, size, index=...)``.
    """

    path: str
    index: int = 0


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
    return _font_from_fontconfig(family, bold)


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


def _font_from_fontconfig(family: str, bold: bool) -> FontFile | None:
    """Ask ``fc-match`` and accept only an answer of the requested family."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    style = "Bold" if bold else "Regular"
    pattern = f"{_escape_fc(family)}:style={style}"
    try:
        completed = subprocess.run(
            [fc_match, "-f", "%{file}|%{index}|%{family}", pattern],
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
