"""The master's text styles (``p:txStyles``) of a generated base.

They decide how text looks that deckgen did not set: a slide added with New Slide in
PowerPoint, a title or bullet typed into a layout placeholder, a text box drawn by
hand. They match our own slides: left-aligned bold titles at the theme's largest
title size in the heading fonts and the brand's dark colour; body levels at body
sizes in the body fonts and text colour, with a brand-coloured square marker hung
in the margin (as our bullet slides draw it); Chinese line-breaking as our
paragraphs use it (``eaLnBrk="1"``, ``hangingPunct="0"``) and ``lang="zh-CN"``.
Templates keep their own styles; these are for built-in themes only.
"""

from __future__ import annotations

from deckgen.render import xml as X
from deckgen.theme.model import Theme

#: Indent of each body level and the hang of its marker (points), as our bullet
#: slides set the text 24 pt right of the marker's left edge.
LEVEL_INDENT_PT = 24.0
MARKER = "■"
MARKER_SIZE_PCT = 60  # of the text size: our markers are 10 pt beside 18–24 pt text
LEVELS = 9


def text_styles_xml(theme: Theme) -> str:
    """Return the ``p:txStyles`` element for ``theme`` (title, body and other styles)."""
    title_pt = theme.size("title").max_pt
    body = theme.size("body")
    title = _level(1, size_pt=title_pt, bold=True, color="tx2", fonts=X.HEADING_FONTS, algn="l", pitch_pct=100)
    body_levels = "".join(
        _level(
            n,
            size_pt=body.max_pt if n == 1 else max(body.min_pt, body.max_pt - 2 * (n - 1)),
            color="tx1",
            fonts=X.BODY_FONTS,
            marker=theme.east_asian_font,
            marker_color=theme.color("primary"),
            margin_pt=LEVEL_INDENT_PT * n,
            space_before_pt=10 if n == 1 else 4,
        )
        for n in range(1, LEVELS + 1)
    )
    other = "".join(
        _level(n, size_pt=body.min_pt, color="tx1", fonts=X.BODY_FONTS, margin_pt=LEVEL_INDENT_PT * (n - 1), hang=False)
        for n in range(1, LEVELS + 1)
    )
    return (
        f"<p:txStyles {X.NS}>"
        f'<p:titleStyle><a:defPPr><a:defRPr {X.LANG}/></a:defPPr>{title}</p:titleStyle>'
        f'<p:bodyStyle><a:defPPr><a:defRPr {X.LANG}/></a:defPPr>{body_levels}</p:bodyStyle>'
        f'<p:otherStyle><a:defPPr><a:defRPr {X.LANG}/></a:defPPr>{other}</p:otherStyle>'
        "</p:txStyles>"
    )


def _level(
    n: int,
    *,
    size_pt: float,
    color: str,
    fonts: X.Fonts,
    bold: bool = False,
    algn: str = "l",
    marker: str | None = None,
    marker_color: str = "",
    margin_pt: float = 0.0,
    hang: bool = True,
    space_before_pt: float = 0.0,
    pitch_pct: int = 110,
) -> str:
    """One ``a:lvlNpPr``: paragraph layout, bullet and default run properties."""
    # No indent is written where there is none (0 is the default): LibreOffice drops
    # the tab stops of every paragraph that inherits an indent, and table figures
    # line up at their decimal points on a tab stop.
    indent = f' indent="{-X.emu(LEVEL_INDENT_PT)}"' if marker and hang else ""
    if marker:
        bullet = (
            f'<a:buClr><a:srgbClr val="{marker_color}"/></a:buClr><a:buSzPct val="{MARKER_SIZE_PCT * 1000}"/>'
            f'<a:buFont typeface="{X.text(marker)}"/><a:buChar char="{MARKER}"/>'
        )
    else:
        bullet = "<a:buNone/>"
    b = ' b="1"' if bold else ""
    return (
        f'<a:lvl{n}pPr marL="{X.emu(margin_pt)}"{indent} algn="{algn}" defTabSz="{X.emu(36)}" rtl="0" '
        'eaLnBrk="1" fontAlgn="auto" latinLnBrk="0" hangingPunct="0">'
        f'<a:lnSpc><a:spcPct val="{pitch_pct * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(space_before_pt * 100)}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
        f"{bullet}"
        f'<a:defRPr {X.LANG} sz="{round(size_pt * 100)}" kern="1200"{b}><a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
        f"{fonts.xml}</a:defRPr></a:lvl{n}pPr>"
    )
