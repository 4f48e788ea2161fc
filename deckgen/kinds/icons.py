"""deckgen's own icon set, as line drawings on a 24 × 24 grid, and the word chooser.

Each icon is a few strokes (and an optional filled area) described with a tiny subset
of SVG path syntax: ``M x y``, ``L x y``, ``C x1 y1 x2 y2 x y``, ``Z`` and
``O cx cy r`` (a circle). Render turns them into native DrawingML custom geometry, so
an icon is a vector shape: recolourable, sharp at any size and editable in PowerPoint
and WPS. The drawings are ours (no third-party icon font or trademark).

Which icon a text gets is decided in :mod:`deckgen.kinds.icon_choice`.
"""

from __future__ import annotations

import re

from deckgen.records import record

GRID = 24.0


@record(frozen=True)
class IconPath:
    """One path of an icon: grid-unit commands, stroked and, with ``filled``, filled."""

    commands: str
    filled: bool = False


@record(frozen=True)
class IconDrawing:
    """An icon: its name, what it shows, and its paths."""

    name: str
    label: str
    paths: tuple[IconPath, ...]


def _icon(name: str, label: str, *paths: str | tuple[str, bool]) -> IconDrawing:
    made = tuple(IconPath(p) if isinstance(p, str) else IconPath(p[0], p[1]) for p in paths)
    return IconDrawing(name, label, made)


# The drawings. Coordinates keep a 2-unit margin so a stroke never touches the frame.
ICONS: dict[str, IconDrawing] = {
    icon.name: icon
    for icon in (
        _icon(
            "flag", "红旗",
            "M5 21.5 L5 2.5",
            ("M5 3.5 C8 2 10.5 5 14 3.8 C16 3.1 17.6 3.2 19.5 3.8 L19.5 13 "
             "C17.6 12.4 16 12.3 14 13 C10.5 14.2 8 11.2 5 12.7 Z", True),
        ),
        _icon(
            "shield", "盾牌",
            "M12 2.5 L20 5.5 L20 11 C20 16.3 16.6 20 12 21.5 C7.4 20 4 16.3 4 11 L4 5.5 Z",
            "M8.3 11.8 L11 14.5 L15.8 9.3",
        ),
        _icon(
            "leaf", "绿叶",
            "M4.5 19.5 C4.5 10.5 10.5 4.5 19.5 4.5 C19.5 13.5 13.5 19.5 4.5 19.5 Z",
            "M4.5 19.5 L13.5 10.5",
            "M3 21 L4.5 19.5",
        ),
        _icon(
            "scales", "天平",
            "M12 3 L12 20",
            "M7.5 21 L16.5 21",
            "M4.5 6.5 L19.5 6.5",
            "M4.5 6.5 L2 13 M4.5 6.5 L7 13",
            ("M2 13 C2 15.8 7 15.8 7 13 Z", True),
            "M19.5 6.5 L17 13 M19.5 6.5 L22 13",
            ("M17 13 C17 15.8 22 15.8 22 13 Z", True),
        ),
        _icon(
            "hands", "托举爱心",
            ("M12 13 C8.6 10.6 6.8 8.9 6.8 6.8 C6.8 5.1 8 4 9.5 4 C10.6 4 11.4 4.6 12 5.5 "
             "C12.6 4.6 13.4 4 14.5 4 C16 4 17.2 5.1 17.2 6.8 C17.2 8.9 15.4 10.6 12 13 Z", True),
            "M2.5 15.5 L6 15.5 C7.4 15.5 8.4 16.6 9.8 16.6 L13.4 16.6 C14.6 16.6 14.6 18.3 13.4 18.3 L10 18.3",
            "M13.4 18.3 L18.6 15.9 C19.9 15.3 21 16.6 20 17.6 L16.6 20.6 C16 21.2 15.2 21.5 14.4 21.5 L2.5 21.5",
        ),
        _icon(
            "bulb", "灯泡",
            "M9 17.5 C9 14.8 6 13.4 6 9.5 C6 6 8.7 3 12 3 C15.3 3 18 6 18 9.5 C18 13.4 15 14.8 15 17.5 Z",
            "M9.5 20 L14.5 20",
            "M10.5 22 L13.5 22",
            "M10.3 13.5 L12 10.5 L13.7 13.5",
        ),
        _icon(
            "magnifier", "放大镜",
            "O 10.5 10.5 6.5",
            "M15.3 15.3 L21 21",
        ),
        _icon(
            "chart", "柱状图",
            "M3 21 L21 21",
            ("M5 14 L8 14 L8 19 L5 19 Z", True),
            ("M10.5 9.5 L13.5 9.5 L13.5 19 L10.5 19 Z", True),
            ("M16 5 L19 5 L19 19 L16 19 Z", True),
        ),
        _icon(
            "people", "人群",
            "O 9 8 3.5",
            "M2.5 20.5 C2.5 16 5.4 13.8 9 13.8 C12.6 13.8 15.5 16 15.5 20.5",
            "M15.2 4.9 C17.2 4.9 18.6 6.3 18.6 8 C18.6 9.8 17.2 11.1 15.6 11.1",
            "M17.6 13.9 C20 14.5 21.5 16.4 21.5 20.5",
        ),
        _icon(
            "gear", "齿轮",
            "M9.83 5.13 L10.5 2.52 L13.5 2.52 L14.17 5.13 L15.32 5.61 L17.64 4.23 L19.77 6.36 "
            "L18.39 8.68 L18.87 9.83 L21.48 10.5 L21.48 13.5 L18.87 14.17 L18.39 15.32 L19.77 17.64 "
            "L17.64 19.77 L15.32 18.39 L14.17 18.87 L13.5 21.48 L10.5 21.48 L9.83 18.87 L8.68 18.39 "
            "L6.36 19.77 L4.23 17.64 L5.61 15.32 L5.13 14.17 L2.52 13.5 L2.52 10.5 L5.13 9.83 "
            "L5.61 8.68 L4.23 6.36 L6.36 4.23 L8.68 5.61 Z",
            "O 12 12 3.2",
        ),
        _icon(
            "truck", "货车",
            "M2 5.5 L14 5.5 L14 16.5 L2 16.5 Z",
            "M14 9.5 L18 9.5 L21.5 13 L21.5 16.5 L14 16.5",
            ("O 6 18.5 2", True),
            ("O 17.5 18.5 2", True),
        ),
        _icon(
            "envelope", "信封",
            "M3 5.5 L21 5.5 L21 18.5 L3 18.5 Z",
            "M3 6 L12 13 L21 6",
        ),
        _icon(
            "building", "楼宇",
            "M4.5 21 L4.5 4 L14 4 L14 21",
            "M14 9.5 L19.5 9.5 L19.5 21",
            "M2.5 21 L21.5 21",
            "M7.5 8 L11 8 M7.5 11.5 L11 11.5 M7.5 15 L11 15",
            "M16.5 13 L17.5 13 M16.5 16.5 L17.5 16.5",
        ),
        _icon(
            "globe", "地球",
            "O 12 12 9",
            "M12 3 C7.8 6.5 7.8 17.5 12 21 C16.2 17.5 16.2 6.5 12 3",
            "M3 12 L21 12",
        ),
        _icon(
            "target", "靶心",
            "O 12 12 9",
            "O 12 12 5.3",
            ("O 12 12 1.8", True),
        ),
        _icon(
            "book", "书本",
            "M12 6.2 C9.6 4.6 6.2 4.1 3 4.6 L3 18.8 C6.2 18.3 9.6 18.8 12 20.4 "
            "C14.4 18.8 17.8 18.3 21 18.8 L21 4.6 C17.8 4.1 14.4 4.6 12 6.2 Z",
            "M12 6.2 L12 20.4",
        ),
        _icon(
            "house", "房屋",
            "M2.5 11.5 L12 3.5 L21.5 11.5",
            "M5.5 9 L5.5 20.5 L18.5 20.5 L18.5 9",
            "M10 20.5 L10 14.5 L14 14.5 L14 20.5",
        ),
        _icon(
            "star", "五角星",
            ("M12 2.8 L14.6 9.1 L21.4 9.6 L16.2 14 L17.8 20.7 L12 17.1 L6.2 20.7 L7.8 14 "
             "L2.6 9.6 L9.4 9.1 Z", True),
        ),
        _icon(
            "coin", "资金",
            "O 12 12 9",
            "M8.8 6.8 L12 11 L15.2 6.8",
            "M12 11 L12 17.5",
            "M8.8 12 L15.2 12 M8.8 14.8 L15.2 14.8",
        ),
        _icon(
            "clipboard", "清单",
            "M8 4.5 L5.5 4.5 L5.5 21.5 L18.5 21.5 L18.5 4.5 L16 4.5",
            "M9 2.8 L15 2.8 L15 6.2 L9 6.2 Z",
            "M8.8 13.4 L11.2 15.8 L15.5 10.8",
        ),
        _icon(
            "briefcase", "公文包",
            "M3 7.5 L21 7.5 L21 20 L3 20 Z",
            "M9 7.5 L9 5.2 C9 4.5 9.5 4 10.2 4 L13.8 4 C14.5 4 15 4.5 15 5.2 L15 7.5",
            "M3 12.8 L10.5 12.8 M13.5 12.8 L21 12.8",
            ("M10.5 11.3 L13.5 11.3 L13.5 14.5 L10.5 14.5 Z", True),
        ),
        _icon(
            "gavel", "法槌",
            ("M11.98 3.9 L15.1 7.02 L8.02 14.1 L4.9 10.98 Z", True),
            "M11.6 10.6 L19.5 18.5",
            "M3 21 L13 21",
            "M5 21 L5 18.5 L11 18.5 L11 21",
        ),
        _icon(
            "ship", "货轮",
            "M2.5 13.5 L21.5 13.5 L18.5 18.5 L5.5 18.5 Z",
            "M6.5 13.5 L6.5 9 L15.5 9 L15.5 13.5",
            "M9.5 9 L9.5 5 L12.5 5 L12.5 9",
            "M2.5 21.5 C4 20.5 5.5 20.5 7 21.5 C8.5 22.5 10 22.5 11.5 21.5 C13 20.5 14.5 20.5 16 21.5 "
            "C17.5 22.5 19 22.5 21 21.3",
        ),
        _icon(
            "parcel", "包裹",
            "M12 2.8 L20.5 7 L20.5 17 L12 21.2 L3.5 17 L3.5 7 Z",
            "M3.5 7 L12 11.2 L20.5 7",
            "M12 11.2 L12 21.2",
            "M7.75 4.9 L16.25 9.1 L16.25 12.5",
        ),
        _icon(
            "cart", "购物车",
            "M2 3.5 L5 3.5 L7.4 15 L18.6 15 L20.8 7 L5.9 7",
            ("O 9 19.2 1.7", True),
            ("O 17 19.2 1.7", True),
        ),
        _icon(
            "cross", "医疗",
            "M9.5 3 L14.5 3 L14.5 9.5 L21 9.5 L21 14.5 L14.5 14.5 L14.5 21 L9.5 21 L9.5 14.5 "
            "L3 14.5 L3 9.5 L9.5 9.5 Z",
        ),
        _icon(
            "factory", "工厂",
            "M2.5 21 L21.5 21",
            "M3.5 21 L3.5 11.5 L8.5 14.5 L8.5 11.5 L13.5 14.5 L13.5 11.5 L15.5 11.5 L15.5 3.5 "
            "L19.5 3.5 L19.5 21",
            "M6.5 17.5 L8 17.5 M11 17.5 L12.5 17.5",
        ),
        _icon(
            "handshake", "握手",
            "M1.8 7.5 L4.8 7.5 L4.8 15 L1.8 15",
            "M22.2 7.5 L19.2 7.5 L19.2 15 L22.2 15",
            "M4.8 14 L10.2 19 C10.9 19.6 11.9 19.6 12.6 19 L19.2 13.6",
            "M4.8 9 L8.6 7.6 C9.6 7.2 10.6 7.4 11.4 8 L12.6 9",
            "M19.2 9 L15.6 7.5 C14.6 7.1 13.5 7.3 12.7 7.9 L8.9 10.9 C8 11.6 8.9 13 10 12.5 L13.2 10.7",
            "M13.2 10.7 L17.4 14.2",
            "M11.2 14 L14.6 17",
            "M9.2 15.6 L12 18.2",
        ),
    )
}

_TOKEN = re.compile(r"[MLCZO]|-?\d+(?:\.\d+)?")


def icon_names() -> list[str]:
    """Every icon's name, in the order of the set."""
    return list(ICONS)


@record(frozen=True)
class Segment:
    """One drawing command in grid units: ``op`` is M, L, C or Z; ``points`` its points."""

    op: str
    points: tuple[tuple[float, float], ...]


# A circle as four cubic Béziers (the standard kappa approximation).
_KAPPA = 0.5522847498


def _circle(cx: float, cy: float, r: float) -> list[Segment]:
    k = r * _KAPPA
    return [
        Segment("M", ((cx + r, cy),)),
        Segment("C", ((cx + r, cy + k), (cx + k, cy + r), (cx, cy + r))),
        Segment("C", ((cx - k, cy + r), (cx - r, cy + k), (cx - r, cy))),
        Segment("C", ((cx - r, cy - k), (cx - k, cy - r), (cx, cy - r))),
        Segment("C", ((cx + k, cy - r), (cx + r, cy - k), (cx + r, cy))),
        Segment("Z", ()),
    ]


def parse_path(commands: str) -> list[Segment]:
    """Parse the icon path mini-language into segments; raise ValueError on a typo."""
    tokens = _TOKEN.findall(commands)
    if "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", commands):
        raise ValueError(f"icon path has characters outside M L C Z O and numbers: {commands!r}")
    counts = {"M": 2, "L": 2, "C": 6, "Z": 0, "O": 3}
    segments: list[Segment] = []
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op not in counts:
            raise ValueError(f"icon path: expected a command at {op!r} in {commands!r}")
        numbers = [float(t) for t in tokens[i + 1 : i + 1 + counts[op]]]
        if len(numbers) != counts[op] or any(t in counts for t in tokens[i + 1 : i + 1 + counts[op]]):
            raise ValueError(f"icon path: {op} needs {counts[op]} numbers in {commands!r}")
        i += 1 + counts[op]
        if op == "O":
            segments.extend(_circle(*numbers))
        else:
            pts = tuple((numbers[j], numbers[j + 1]) for j in range(0, len(numbers), 2))
            segments.append(Segment(op, pts))
    return segments
