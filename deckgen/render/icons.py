"""Icons as native DrawingML shapes: one custom-geometry shape per icon.

Each icon path becomes an ``a:path`` of the shape's ``a:custGeom`` in a 2400 × 2400
coordinate space; stroked paths have ``fill="none"``, filled ones take the shape's
fill. The stroke is the shape's own line (round caps and joins), so recolouring the
icon in PowerPoint is one click on Shape Outline and Shape Fill.
"""

from __future__ import annotations

import functools

from deckgen.kinds.icons import GRID, ICONS, parse_path
from deckgen.render.xml import emu, text, xfrm
from deckgen.layout.elements import Rect

PATH_UNITS = 2400  # path coordinate space: a grid unit is 100 path units
_SCALE = PATH_UNITS / GRID


def _pt(x: float, y: float) -> str:
    return f'<a:pt x="{int(round(x * _SCALE))}" y="{int(round(y * _SCALE))}"/>'


def _path_xml(commands: str, filled: bool) -> str:
    out = []
    for seg in parse_path(commands):
        if seg.op == "M":
            out.append(f"<a:moveTo>{_pt(*seg.points[0])}</a:moveTo>")
        elif seg.op == "L":
            out.append(f"<a:lnTo>{_pt(*seg.points[0])}</a:lnTo>")
        elif seg.op == "C":
            out.append("<a:cubicBezTo>" + "".join(_pt(*p) for p in seg.points) + "</a:cubicBezTo>")
        else:
            out.append("<a:close/>")
    fill = "" if filled else ' fill="none"'
    return f'<a:path w="{PATH_UNITS}" h="{PATH_UNITS}"{fill}>{"".join(out)}</a:path>'


@functools.lru_cache(maxsize=64)
def icon_geometry(name: str) -> str:
    """The ``a:custGeom`` of icon ``name``."""
    paths = "".join(_path_xml(p.commands, p.filled) for p in ICONS[name].paths)
    return (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
        f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst>{paths}</a:pathLst></a:custGeom>'
    )


def stroke_width_pt(size_pt: float) -> float:
    """Line width for an icon drawn ``size_pt`` wide: 1.7 grid units, at least 1 pt."""
    return max(1.0, size_pt * 1.7 / GRID)


def icon_shape(name: str, rect: Rect, color: str, shape_id: int) -> str:
    """A ``p:sp`` drawing icon ``name`` in ``rect`` in colour ``color`` (RRGGBB)."""
    width = emu(stroke_width_pt(min(rect.w, rect.h)))
    label = text(f"图标：{ICONS[name].label}")
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Icon {text(name)}" descr="{label}"/>'
        f"<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
        f"<p:spPr>{xfrm(rect)}{icon_geometry(name)}"
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        f'<a:ln w="{width}" cap="rnd"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        f"<a:round/></a:ln></p:spPr></p:sp>"
    )
