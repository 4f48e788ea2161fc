"""The theme model: palette, fonts, sizes, logo, footer and slide size."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.records import field, record
from deckgen.theme.colour import contrast, mix

if TYPE_CHECKING:  # only for typing: a build without a template does not read one
    from deckgen.theme.template import TemplateInfo

# Slide sizes in points (1 in = 72 pt); both are 7.5 in tall so type sizes carry over.
SLIDE_SIZES_PT = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}

DEFAULT_SIZES = {
    "title": (28.0, 36.0),
    "body": (18.0, 24.0),
    "table": (14.0, 20.0),
    "footer": (10.0, 12.0),
    "display": (32.0, 44.0),
}

#: Colours of a theme built on a template that leaves them out. The template's colour
#: scheme replaces primary, primary_dark, accent, text, background, surface and
#: on_primary (see :func:`~deckgen.theme.loader.with_template`); the rest are neutral:
#: Office's grey for muted text and hairlines, our orange-red for X placeholders.
TEMPLATE_DEFAULT_COLORS = {
    "primary": "1F4E79",
    "primary_dark": "17375E",
    "accent": "C00000",
    "text": "262626",
    "muted": "595959",
    "background": "FFFFFF",
    "surface": "F2F2F2",
    "on_primary": "FFFFFF",
    "placeholder": "D2400A",
    "rule": "D9D9D9",
}
#: Latin and East-Asian faces of a template theme that gives no fonts and whose
#: template has no theme fonts: what every Chinese Windows PC has.
TEMPLATE_DEFAULT_FONTS = ("Microsoft YaHei", "微软雅黑")


@record(frozen=True)
class SizeRange:
    """A font size range in points: fitting picks a size in [min_pt, max_pt]."""

    min_pt: float
    max_pt: float


@record
class Theme:
    """A loaded theme. Colours are ``RRGGBB`` hex strings without ``#``."""

    name: str
    colors: dict[str, str]
    latin_font: str
    east_asian_font: str
    label: str = ""
    description: str = ""
    slide_size: str = "16:9"
    latin_file: str | None = None
    east_asian_file: str | None = None
    sizes: dict[str, SizeRange] = field(default_factory=dict)
    logo: Path | None = None
    footer: str = "{organisation}  {date}"
    slide_number: str = "{n}"
    source: Path | None = None
    template: Path | None = None  # an organisation's .pptx/.potx the deck is built on
    template_info: TemplateInfo | None = None  # read once when the theme is loaded
    layouts: dict[str, str] = field(default_factory=dict)  # slide kind -> template layout name
    heading_latin_font: str | None = None  # titles' faces (the theme's major fonts); None: as body
    heading_east_asian_font: str | None = None
    body_from_pt: float | None = None  # bold runs and runs below this size take the heading faces
    motif: str = "band"  # decoration of cover, section and closing layouts (theme.spec.MOTIFS)

    @property
    def slide_width_pt(self) -> float:
        if self.template_info is not None:
            return self.template_info.width_pt
        return SLIDE_SIZES_PT[self.slide_size][0]

    @property
    def slide_height_pt(self) -> float:
        if self.template_info is not None:
            return self.template_info.height_pt
        return SLIDE_SIZES_PT[self.slide_size][1]

    def size(self, role: str) -> SizeRange:
        """Return the size range for ``role`` (title, body, table, footer, display)."""
        return self.sizes[role]

    def color(self, role: str) -> str:
        return self.colors[role]

    def highlight_on_brand(self) -> str:
        """The X placeholder highlight for text reversed out of the brand colour.

        The ``accent``, lightened towards ``on_primary`` only as far as it needs to reach
        WCAG AA for small text (4.5:1) on both brand colours (``primary`` and
        ``primary_dark``), so an X in a divider's footer or on the closing slide stays
        readable (postal-green's gold on its green was 2.7:1).
        """
        accent, light = self.colors["accent"], self.colors["on_primary"]
        grounds = (self.colors["primary"], self.colors["primary_dark"])
        for step in range(11):
            candidate = mix(accent, light, step / 10)
            if min(contrast(candidate, ground) for ground in grounds) >= 4.5:
                return candidate
        return accent

    def detail_color(self, size_pt: float) -> str:
        """The colour of secondary text (item details, card summaries) at ``size_pt``.

        ``muted``, except where that text is set in a thin body face (a theme with
        ``body_from_pt``, e.g. gov-red's 仿宋, at or above that size): a grey lighter
        than the body text reads poorly there, so it is taken halfway to ``text``.
        """
        muted, body = self.colors["muted"], self.colors["text"]
        if self.body_from_pt is None or size_pt < self.body_from_pt or _luminance(muted) <= _luminance(body):
            return muted
        mixed = (round((int(muted[i:i + 2], 16) + int(body[i:i + 2], 16)) / 2) for i in (0, 2, 4))
        return "".join(f"{channel:02X}" for channel in mixed)


def _luminance(hex_color: str) -> float:
    """Relative luminance (sRGB weights) of an ``RRGGBB`` colour, 0 black to 1 white."""
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
