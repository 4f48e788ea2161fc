"""Find and load themes: built-in names or paths to theme YAML files."""

from __future__ import annotations

import os
import re
from pathlib import Path

from deckgen import cache
from deckgen import records
from deckgen.errors import InputError, Issue
from deckgen.files import MAX_INPUT_BYTES, is_regular_file, read_text
from deckgen.typeset.fonts import FontFile, measuring_problem
from deckgen.outline.validate import validate_text
from deckgen.theme.model import DEFAULT_SIZES, SLIDE_SIZES_PT, TEMPLATE_DEFAULT_COLORS, TEMPLATE_DEFAULT_FONTS, SizeRange, Theme
from deckgen.theme.spec import COLOR_ROLES, SIZE_FLOORS, THEME
from deckgen.theme.package import MAX_IMAGE_PIXELS

DEFAULT_THEME = "postal-green"
MAX_SIZE_PT = 400.0  # a glyph taller than a 7.5 in slide (540 pt) is never meant
MAX_FACE_NAME_CHARS = 31  # PowerPoint's (and Windows' LOGFONT) limit for a typeface name
_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")


def assets_dir() -> Path:
    """Return the folder holding built-in themes and logos.

    Installed, it is the package's ``deckgen/assets``; in a source checkout, the
    repository's top-level ``assets/``.
    """
    here = Path(__file__).resolve().parent.parent
    installed = here / "assets"
    if (installed / "themes").is_dir():
        return installed
    return here.parent / "assets"


def builtin_themes() -> dict[str, Path]:
    """Return the built-in themes as name -> file, sorted by name."""
    folder = assets_dir() / "themes"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def resolve_theme_path(ref: str, base_dir: Path | None = None) -> Path | None:
    """Turn a theme reference (built-in name or path) into a file, or None if unknown."""
    builtins = builtin_themes()
    if ref in builtins:
        return builtins[ref]
    candidate = Path(ref)
    if not candidate.is_absolute() and base_dir is not None:
        candidate = base_dir / candidate
    if candidate.suffix in (".yaml", ".yml") and is_regular_file(candidate):
        return candidate
    return None


def unknown_theme_message(ref: str) -> str:
    import difflib

    names = list(builtin_themes())
    close = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown theme {ref!r}{hint}; use a built-in theme ({', '.join(names)}) or a path to a theme .yaml file"


def load_theme(ref: str | None = None, base_dir: Path | None = None) -> Theme:
    """Load the theme ``ref`` (a built-in name or a path; None = the default).

    Raises :class:`InputError` for an unknown theme or a broken theme file, naming
    every problem with its line.
    """
    ref = ref or DEFAULT_THEME
    path = resolve_theme_path(ref, base_dir)
    if path is None:
        raise InputError([Issue(ref, 0, 0, unknown_theme_message(ref))])
    return load_theme_file(path)


def load_theme_file(path: Path) -> Theme:
    """Load and check one theme file; raises :class:`InputError` listing every problem."""
    validated = validate_text(read_text(path, what="theme"), THEME, str(path))
    issues = list(validated.issues)
    data = validated.data if isinstance(validated.data, dict) else {}

    def bad(key: str, message: str) -> None:
        line, col = validated.where(key)
        issues.append(Issue(str(path), line, col, message, path=key))

    colors = {}
    for role, value in (data.get("colors") or {}).items():
        if value is not None and not _HEX.match(str(value)):
            bad(f"colors.{role}", f"colour {role!r} must be #RRGGBB, not {value!r}")
        elif value is not None:
            colors[role] = str(value).lstrip("#").upper()
    size = str(data.get("slide_size") or "16:9")
    if size not in SLIDE_SIZES_PT:
        bad("slide_size", f"slide_size must be 16:9 or 4:3, not {size!r}")
    sizes = {k: SizeRange(*v) for k, v in DEFAULT_SIZES.items()}
    for role, pair in (data.get("sizes") or {}).items():
        numbers = [n for n in (_number(v) for v in pair or []) if n is not None]
        if len(numbers) != 2 or len(pair) != 2:
            bad(f"sizes.{role}", f"size {role!r} must be [min, max] in points, e.g. [18, 24]")
            continue
        low, high = numbers
        if not low <= high <= MAX_SIZE_PT or low < SIZE_FLOORS[role]:
            bad(f"sizes.{role}", f"size {role!r} must be [min, max] with min ≥ {SIZE_FLOORS[role]} pt, min ≤ max and max ≤ {MAX_SIZE_PT:g} pt")
            continue
        sizes[role] = SizeRange(low, high)
    logo = None
    if data.get("logo"):
        logo = Path(os.path.abspath(path.parent / data["logo"]))
        if not is_regular_file(logo):
            bad("logo", f"logo file not found: {logo}; fix the path (relative to the theme file) or remove 'logo'")
        else:
            problem = image_problem(logo)
            if problem:
                bad("logo", f"logo {problem}: {logo}")
    fonts = data.get("fonts") or {}
    for key in ("latin", "east_asian", "heading_latin", "heading_east_asian"):
        name = str(fonts.get(key) or "")
        if len(name) > MAX_FACE_NAME_CHARS:
            limit = MAX_FACE_NAME_CHARS
            bad(f"fonts.{key}", f"font name '{name[:20]}…' is {len(name):,} characters; PowerPoint takes at most {limit}: give the typeface's own name, e.g. 微软雅黑")
    body_from_pt = None
    if fonts.get("body_from_pt") is not None:
        body_from_pt = _number(fonts["body_from_pt"])
        if body_from_pt is None or not SIZE_FLOORS["body"] <= body_from_pt <= MAX_SIZE_PT:
            bad("fonts.body_from_pt", f"body_from_pt must be a size in points from {SIZE_FLOORS['body']} to {MAX_SIZE_PT:g}, e.g. 20")
            body_from_pt = None
    for key in ("latin_file", "east_asian_file"):
        if fonts.get(key):
            file_name, _, face = str(fonts[key]).partition("#")
            font_path = path.parent / file_name
            if os.path.isdir(font_path):
                bad(f"fonts.{key}", f"{fonts[key]} is a folder, not a font file; give the .ttf, .otf or .ttc file in it, or remove '{key}'")
            elif not is_regular_file(font_path):
                bad(f"fonts.{key}", f"font file not found: {fonts[key]}; fix the path or remove '{key}'")
            elif not _is_font_file(font_path):
                bad(f"fonts.{key}", f"{fonts[key]} is not a TrueType or OpenType font file (.ttf, .otf, .ttc); fix the path or remove '{key}'")
            else:
                index = int(face) if face.isdigit() else 0
                problem = measuring_problem(FontFile(str(font_path), index))
                if problem:
                    bad(f"fonts.{key}", f"font file {fonts[key]} is damaged: its glyphs cannot be measured ({problem}); replace it with an intact copy or remove '{key}'")
    for key, fields in (("footer", ("organisation", "date")), ("slide_number", ("n",))):
        template = data.get(key)
        if template and template != "none":
            problem = _total_problem(str(template)) if key == "slide_number" else None
            problem = problem or _template_problem(str(template), fields)
            if problem:
                bad(key, f"{key} {problem}; use only {', '.join('{' + f + '}' for f in fields)}")
    layouts = data.get("layouts") or {}
    if layouts.get("cover") and layouts.get("title"):
        bad("layouts.cover", f"layouts gives the title slide twice, as cover ({layouts['cover']!r}) and as title ({layouts['title']!r}); keep one")
    template = None
    if data.get("template"):
        template = (path.parent / str(data["template"])).resolve()
        if not template.is_file():
            bad("template", f"template file not found: {template}; fix the path (relative to the theme file) or remove 'template'")
    else:
        _require_palette_and_fonts(data, colors, bad)
    errors = [i for i in issues if i.is_error]
    if errors:
        raise InputError(errors)
    theme = Theme(
        name=data["name"],
        colors={**TEMPLATE_DEFAULT_COLORS, **colors},
        latin_font=fonts.get("latin") or TEMPLATE_DEFAULT_FONTS[0],
        east_asian_font=fonts.get("east_asian") or TEMPLATE_DEFAULT_FONTS[1],
        label=data.get("label") or data["name"],
        description=data.get("description") or "",
        slide_size=size,
        latin_file=str(path.parent / fonts["latin_file"]) if fonts.get("latin_file") else None,
        east_asian_file=str(path.parent / fonts["east_asian_file"]) if fonts.get("east_asian_file") else None,
        sizes=sizes,
        logo=logo,
        footer=data.get("footer") or "{organisation}  {date}",
        slide_number=data.get("slide_number") or "{n}",
        source=path,
        layouts={str(k): str(v) for k, v in (data.get("layouts") or {}).items() if v},
        heading_latin_font=fonts.get("heading_latin") or None,
        heading_east_asian_font=fonts.get("heading_east_asian") or None,
        body_from_pt=body_from_pt,
        motif=data.get("motif") or "band",
    )
    return with_template(theme, template) if template else theme


def _require_palette_and_fonts(data: dict, colors: dict, bad) -> None:
    """A theme without a template must give every colour role and both typefaces."""
    fix = "add it, or give a template: whose colours and fonts are used"
    if not data.get("colors"):
        bad("colors", f"the theme is missing the required key 'colors' (the palette, as #RRGGBB); {fix}")
    else:
        for role in COLOR_ROLES:
            if role not in colors and role not in (data.get("colors") or {}):
                bad("colors", f"colors is missing the role {role!r} ({COLOR_ROLES[role]}); {fix}")
    fonts = data.get("fonts") or {}
    if not data.get("fonts"):
        bad("fonts", f"the theme is missing the required key 'fonts' (latin and east_asian typefaces); {fix}")
    else:
        for key in ("latin", "east_asian"):
            if not fonts.get(key):
                bad("fonts", f"fonts is missing {key!r} (the {key.replace('_', '-')} typeface name); {fix}")


#: A logo is a small mark; more pixels than this is a mistake (or a decompression bomb).
MAX_LOGO_PIXELS = MAX_IMAGE_PIXELS


def image_problem(path: Path) -> str | None:
    """What keeps ``path`` from being embedded as a logo, or None when it is fine.

    It must be a complete PNG, JPEG, GIF or BMP image of at most
    :data:`MAX_LOGO_PIXELS` pixels; the size is checked before the pixels are
    decoded, and the pixels are decoded once so a truncated file is caught here.
    A logo found fine once is remembered in the persistent cache by its bytes
    (decoding it is a tenth of a small deck's build); problems are always found anew.
    """
    if _shipped_logo(path):
        return None
    from PIL import __version__ as pillow_version

    try:
        content = path.read_bytes() if path.stat().st_size <= MAX_INPUT_BYTES else None
    except OSError:
        content = None
    entry = cache.key("logo-ok", content, MAX_LOGO_PIXELS, pillow_version, cache.code_fingerprint(__file__)) if content else ""
    return cache.found_fine("logos", entry, lambda: _decoded_image_problem(path))


def _shipped_logo(path: Path) -> bool:
    """Whether ``path`` is one of deckgen's own logos (a test decodes each of them):
    checking it would import Pillow's PNG reader and decode it on every first build."""
    logos = assets_dir() / "logos"
    try:
        return path.resolve().parent == logos.resolve() and path.suffix == ".png"
    except OSError:
        return False


def _decoded_image_problem(path: Path) -> str | None:
    """:func:`image_problem` by opening and decoding the image (no cache)."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    convert = "convert it to PNG (SVG and other formats are not supported)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in ("PNG", "JPEG", "GIF", "BMP"):
                    return f"must be a PNG or JPEG image; {convert}"
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    return f"is {width}×{height} pixels, too large for a logo (at most {MAX_LOGO_PIXELS // 1_000_000} million); scale it down"
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "has too many pixels for a logo (a decompression bomb?); scale it down"
    except UnidentifiedImageError:
        return f"must be a PNG or JPEG image; {convert}"
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return f"is a broken or truncated image ({exc}); export it again"
    return None


def _is_font_file(path: Path) -> bool:
    """True when Pillow can load a face from ``path`` (as layout will, to measure)."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 12)
    except (OSError, ValueError):
        return False
    return True


def _total_problem(style: str) -> str | None:
    """Why ``{total}`` is refused in a slide-number style, or None without it.

    The number is a slide-number field that PowerPoint and LibreOffice keep right when
    slides are added, deleted or moved; there is no such field for the count of
    slides, so a written total would go wrong at the first edit.
    """
    import string

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(style)}
    except ValueError:
        return None  # reported as an invalid template
    if "total" not in names:
        return None
    return (
        "writes {total}, the number of slides, which would be wrong as soon as a slide is added or deleted "
        "(the slide number is a field that stays right, the total cannot be one); "
        "write the number alone, e.g. slide_number: \"{n}\" or \"第{n}页\""
    )


def _template_problem(template: str, fields: tuple[str, ...]) -> str | None:
    """What is wrong with a ``{field}`` template, or None.

    Only the documented fields, bare: no conversions (``{date!r}``), format specs
    (``{n:99999}``), attributes or indexes, which would fail or blow up at build time.
    """
    import string

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"is not a valid template ({exc}; write {{{{ and }}}} for literal braces)"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in fields:
            return f"names unknown field {{{name}}}"
        if conversion or spec:
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"writes {written}: conversions (!r) and formats (:10) are not supported, write {{{name}}}"
    return None


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def with_slide_size(theme: Theme, slide_size: str) -> Theme:
    """Return a copy of ``theme`` laid out for another slide size."""
    return records.replace(theme, slide_size=slide_size)


def template_for_outline(theme: Theme, outline, template: str | Path | None = None) -> Theme:
    """``theme`` built on ``--template`` if given, else on the outline's ``template:``
    (relative to the outline; a missing file is reported at its line)."""
    if template:
        return with_template(theme, Path(template))
    named = getattr(outline.deck, "template", None)
    if not named:
        return theme
    path = (outline.path.parent / str(named)).resolve()
    if not path.is_file():
        raise InputError([outline.issue("template", f"template file not found: {path}; fix the path (relative to the outline) or remove 'template'")])
    return with_template(theme, path)


#: Faces templates name as East-Asian that have no Chinese glyphs.
LATIN_FACES = frozenset(
    f.lower() for f in (
        "Arial", "Calibri", "Cambria", "Century Gothic", "DejaVu Sans", "DejaVu Serif", "Gill Sans MT", "Georgia",
        "Helvetica", "Liberation Sans", "Liberation Serif", "Segoe UI", "Tahoma", "Times New Roman", "Trebuchet MS", "Verdana",
    )
)


def latin_only(face: str) -> bool:
    """Whether ``face`` (named as a template's East-Asian font) has no Chinese glyphs:
    a known Latin family, or an installed face whose file has none."""
    if face.lower() in LATIN_FACES:
        return True
    from deckgen.typeset.fonts import covers_chinese, find_font_file

    found = find_font_file(face)
    return found is not None and not covers_chinese(found)


def with_template(theme: Theme, template: Path) -> Theme:
    """Return ``theme`` built on an organisation's template (.pptx/.potx).

    The deck takes the template's slide size, layouts, theme colours and theme fonts;
    the palette roles deckgen draws with (cards, table header, placeholders) are taken
    from the template's colour scheme, the theme's own colours filling any gaps.
    Raises :class:`InputError` when the file is not a presentation.
    """
    from deckgen.theme.template import read_template

    info = read_template(Path(template))
    scheme = info.colors
    roles = {
        "primary": "accent1",
        "primary_dark": "dk2",
        "accent": "accent2",
        "text": "dk1",
        "background": "lt1",
        "surface": "lt2",
        "on_primary": "lt1",
    }
    colors = dict(theme.colors)
    for role, slot in roles.items():
        if slot in scheme:
            colors[role] = scheme[slot]
    latin = info.minor_latin or theme.latin_font
    # A template that names no East-Asian face, or a Latin one (LibreOffice writes
    # DejaVu Sans), gets the face deckgen measures with written into the deck's font
    # scheme, so every viewer draws the lines as they were measured.
    named = [face for face in (info.minor_east_asian, info.major_east_asian) if face and not latin_only(face)]
    east_asian = named[0] if named else theme.east_asian_font
    heading_east_asian = info.major_east_asian if info.major_east_asian in named else None
    return records.replace(
        theme,
        colors=colors,
        latin_font=latin,
        east_asian_font=east_asian,
        latin_file=None,
        east_asian_file=None,
        heading_latin_font=info.major_latin or None,
        heading_east_asian_font=heading_east_asian,
        logo=None,  # the template carries its own emblem
        template=Path(template).resolve(),
        template_info=info,
    )
