"""The base a deck is built on: its layouts and, for each slide kind, the boxes it may fill.

A built-in theme and an organisation's template become the same thing here, a
:class:`BasePlan`: named layouts (封面, 目录, 章节页, 标题和内容, 数据, 卡片, 结束页 for
the themes we generate; whatever the template has otherwise), each with its title,
body and footer boxes. Layout asks the base for boxes instead of holding geometry of
its own; render writes the generated master and layouts (or keeps the template's)
and places slides on them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import InputError, Issue
from deckgen.layout.elements import Fill, Insets, Picture, Rect
from deckgen.records import field, record, replace
from deckgen.theme.model import Theme
from deckgen.theme.scenery import Scenery

if TYPE_CHECKING:  # only for typing: a build without a template does not read one
    from deckgen.theme.template import Placeholder, TemplateInfo, TemplateLayout

#: Layout roles in deck order, with the Chinese layout names of generated bases.
ROLE_NAMES = {
    "cover": "封面",
    "agenda": "目录",
    "divider": "章节页",
    "content": "标题和内容",
    "data": "数据",
    "cards": "卡片",
    "closing": "结束页",
}
#: Which layout role each slide kind is placed on.
KIND_ROLES = {
    "title": "cover",
    "agenda": "agenda",
    "divider": "divider",
    "achievements": "content",
    "bullets": "content",
    "focus-area": "content",
    "statement": "content",
    "keywords": "content",
    "picture": "content",
    "metrics": "data",
    "chart": "data",
    "focus-areas": "cards",
    "closing": "closing",
}
#: The kinds placed on each role's layout, in order.
ROLE_KINDS = {role: tuple(k for k, r in KIND_ROLES.items() if r == role) for role in ROLE_NAMES}
#: Other names a theme's ``layouts:`` may use for a slide kind.
LAYOUT_KEY_ALIASES = {"cover": "title"}
LOGO_PT = 40.0
NUMBER_W = 90.0
#: Placeholder indices of the generated master's date, footer and slide number
#: (the values PowerPoint itself uses).
DATE_IDX, FOOTER_IDX, NUMBER_IDX, BODY_IDX = 10, 11, 12, 1


@record(frozen=True)
class Slot:
    """A placeholder a slide fills: its type (title, ctrTitle, body …), index and box."""

    type: str
    idx: int
    rect: Rect
    #: A template placeholder's own insets and alignment (left, center, right), which
    #: text set in it keeps and is measured with; None on generated layouts.
    insets: Insets | None = None
    align: str = "left"
    anchor: str = ""  # a template placeholder's own: top, middle, bottom ("" on generated layouts)


@record
class LayoutPlan:
    """One layout of the base: its name and the placeholders slides on it fill."""

    role: str
    name: str
    title: Slot
    body: Slot | None = None
    subtitle: Slot | None = None
    date: Slot | None = None
    footer: Slot | None = None
    number: Slot | None = None
    show_master: bool = True
    background: str | None = None
    elements: list = field(default_factory=list)  # decorations drawn on the layout (generated bases)
    position: int = 0  # a template layout's place in its master's list
    scenery: Scenery | None = None  # templates: what the master and layout draw under slides
    section: bool = False  # a template's section layout (节标题/Section Header), not a stand-in for one


@record
class BasePlan:
    """Master and layouts: generated for a built-in theme, or an organisation's template."""

    width: float
    height: float
    layouts: dict[str, LayoutPlan]
    template: Path | None = None
    master: LayoutPlan | None = None  # generated bases only: the master's own placeholders
    master_elements: list = field(default_factory=list)
    template_master: int = 0  # templates only: the master (its place in the list) the layouts are on

    @property
    def generated(self) -> bool:
        return self.template is None

    def layout_key(self, kind: str) -> str:
        """The key in :attr:`layouts` of the layout slides of ``kind`` go on: the
        kind's own layout where the theme maps it explicitly, else its role's."""
        return layout_key(kind, self.layouts)

    def for_kind(self, kind: str) -> LayoutPlan:
        return self.layouts[self.layout_key(kind)]


def layout_key(kind: str, layouts) -> str:
    """``kind`` when ``layouts`` holds a layout of its own for it, else the kind's role."""
    return kind if kind in layouts and kind not in ROLE_NAMES else KIND_ROLES[kind]


def base_plan(theme: Theme) -> BasePlan:
    """Return the base of ``theme``: its template's layouts, or the ones we generate."""
    if theme.template_info is not None:
        return template_base(theme)
    return generated_base(theme)


# ---------------------------------------------------------------- generated base


def generated_base(theme: Theme) -> BasePlan:
    """The master and seven named layouts of a built-in (YAML) theme.

    The master carries the content chrome (title accent, rule, logo) and the footer,
    date and slide-number placeholders; cover, section and closing layouts hide it
    and draw their own brand surfaces.
    """
    w, h = theme.slide_width_pt, theme.slide_height_pt
    mx = 48.0 if w > 800 else 36.0
    title = Rect(mx + 16, 26, w - 2 * mx - 16 - LOGO_PT - 16, 78)
    body = Rect(mx, 126, w - 2 * mx, h - 126 - 50)
    footer = Rect(mx, h - 40, w - 2 * mx - NUMBER_W - 12, 28)
    number = Rect(w - mx - NUMBER_W, h - 40, NUMBER_W, 28)
    date = Rect(footer.right - 160, h - 40, 160, 28)
    date_slot = Slot("dt", DATE_IDX, date)
    footer_slot = Slot("ftr", FOOTER_IDX, Rect(footer.x, footer.y, footer.w - 172, footer.h))
    number_slot = Slot("sldNum", NUMBER_IDX, number)
    bar_h = 44.0
    master_elements: list = [
        Fill(Rect(mx, title.y + (title.h - bar_h) / 2, 6, bar_h), theme.color("primary"), name="Title accent"),
        Fill(Rect(mx, body.y - 16, w - 2 * mx, 1.25), theme.color("rule"), name="Title rule"),
    ]
    if theme.logo:
        logo = Rect(w - mx - LOGO_PT, title.y + (title.h - LOGO_PT) / 2, LOGO_PT, LOGO_PT)
        master_elements.append(Picture(logo, theme.logo, name="Logo"))
    master = LayoutPlan("master", "deckgen", Slot("title", 0, title), Slot("body", BODY_IDX, body), date=date_slot, footer=footer_slot, number=number_slot)

    band_h = round(h * 0.62)
    cover_elements: list = [Fill(Rect(0, 0, w, band_h), theme.color("primary"), name="Title band")]
    if theme.logo:
        cover_elements.append(Picture(Rect(w - mx - 76, band_h + 30, 76, 76), theme.logo, name="Logo"))
    panel_w = round(w * 0.34)
    layouts = {
        "cover": LayoutPlan(
            "cover", ROLE_NAMES["cover"], Slot("ctrTitle", 0, Rect(mx, h * 0.08, w - 2 * mx, band_h - 60 - h * 0.08)),
            subtitle=Slot("subTitle", BODY_IDX, Rect(mx, band_h + 28, w - 2 * mx - 96, h - band_h - 56)),
            show_master=False, elements=cover_elements,
        ),
        "divider": LayoutPlan(
            "divider", ROLE_NAMES["divider"], Slot("title", 0, Rect(panel_w + 48, h * 0.14, w - panel_w - 48 - mx, h * 0.40)),
            show_master=False, elements=[Fill(Rect(0, 0, panel_w, h), theme.color("primary"), name="Section panel")],
            footer=Slot("ftr", FOOTER_IDX, Rect(mx, h - 40, panel_w - mx - 12, 28)), number=number_slot,
        ),
        "closing": LayoutPlan(
            "closing", ROLE_NAMES["closing"], Slot("title", 0, Rect(mx, h * 0.20, w - 2 * mx, h * 0.36)),
            show_master=False, background=theme.color("primary"),
        ),
    }
    for role in ("agenda", "content", "data", "cards"):
        layouts[role] = LayoutPlan(
            role, ROLE_NAMES[role], Slot("title", 0, title), Slot("body", BODY_IDX, body), date=date_slot, footer=footer_slot, number=number_slot
        )
    if theme.motif == "ribbon":
        _add_ribbons(layouts, theme, band_h=band_h, panel_w=panel_w)
    ordered = {role: layouts[role] for role in ROLE_NAMES}
    return BasePlan(w, h, ordered, None, master, master_elements)


def _double_rule(rect: Rect, color: str, name: str, *, vertical: bool = False) -> list[Fill]:
    """A heavy and a fine rule side by side (as on red-headed official documents)."""
    heavy, gap, fine = 4.0, 3.0, 1.25
    if vertical:
        return [
            Fill(Rect(rect.x, rect.y, heavy, rect.h), color, name=f"{name} heavy"),
            Fill(Rect(rect.x + heavy + gap, rect.y, fine, rect.h), color, name=f"{name} fine"),
        ]
    return [
        Fill(Rect(rect.x, rect.y, rect.w, heavy), color, name=f"{name} heavy"),
        Fill(Rect(rect.x, rect.y + heavy + gap, rect.w, fine), color, name=f"{name} fine"),
    ]


def _add_ribbons(layouts: dict[str, LayoutPlan], theme: Theme, *, band_h: float, panel_w: float) -> None:
    """The ribbon motif: gold double rules under the cover band, along the section
    panel's edge and framing the closing slide."""
    w, h = theme.slide_width_pt, theme.slide_height_pt
    gold = theme.color("accent")
    layouts["cover"].elements += _double_rule(Rect(0, band_h - 14, w, 8.25), gold, "Ribbon")
    layouts["divider"].elements += _double_rule(Rect(panel_w - 16, 0, 8.25, h), gold, "Ribbon", vertical=True)
    layouts["closing"].elements += _double_rule(Rect(36, 16, w - 72, 8.25), gold, "Ribbon top")
    layouts["closing"].elements += _double_rule(Rect(36, h - 22.25, w - 72, 8.25), gold, "Ribbon bottom")


# ---------------------------------------------------------------- template base

#: Names (lower case, any language a template may come in) that mark a layout's role.
ROLE_HINTS = {
    "cover": ("封面", "标题幻灯片", "title slide", "标题页", "cover"),
    "agenda": ("目录", "agenda", "contents"),
    "divider": ("章节", "节标题", "section", "过渡"),
    "content": ("标题和内容", "title and content", "title, content", "正文"),
    "data": ("数据", "表格", "table", "data"),
    "cards": ("卡片", "cards"),
    "closing": ("结束", "结尾", "致谢", "谢谢", "closing", "end", "thank"),
}


def template_base(theme: Theme) -> BasePlan:
    """Map the template's layouts to the roles slide kinds need.

    An explicit ``layouts:`` mapping in the theme wins; otherwise a layout is chosen
    by its name, then by its placeholders (a centred title for the cover, a title
    and a body for content). Raises :class:`InputError` when a kind cannot be
    placed, naming the layouts the template has and how to map them.
    """
    info = theme.template_info
    assert info is not None, "template_base needs a theme built on a template"
    problems: list[str] = []
    chosen: dict[str, TemplateLayout] = {}
    explicit = _explicit_mapping(theme, info, problems)
    own: dict[str, TemplateLayout] = {}  # kinds mapped to a layout of their own
    for kind, layout in explicit.items():
        role = KIND_ROLES[kind]
        if len(ROLE_KINDS[role]) == 1:
            chosen[role] = layout  # the role's only kind: its layout is the role's
        else:
            own[kind] = layout
    for role in ROLE_NAMES:
        unmapped = [kind for kind in ROLE_KINDS[role] if kind not in own]
        if role in chosen or not unmapped:
            continue
        found = _by_name(info, role) or _by_placeholders(info, role, chosen)
        if found is None or not found.of_type("title", "ctrTitle"):
            problems.append(f"no layout with a title placeholder for {', '.join(unmapped)} (role {ROLE_NAMES[role]})")
            continue
        chosen[role] = found
    if problems and not any(lay.of_type("title", "ctrTitle") for lay in info.layouts):
        problems = [p for p in problems if p.startswith("layouts:")]
        problems.append("none of its layouts has a title placeholder, which every slide kind needs")
    if problems:
        listing = "; ".join(f"{lay.name} [{', '.join(ph.type for ph in lay.placeholders) or 'no placeholders'}]" for lay in info.layouts)
        where = str(info.path)
        message = (
            "cannot build on this template: " + "; ".join(problems) + f". Its layouts: {listing or 'none'}. "
            "Add a title placeholder in PowerPoint (View > Slide Master), or map kinds to layouts in the theme, "
            "e.g. layouts: {achievements: 标题和内容, title: 标题幻灯片}"
        )
        raise InputError([Issue(where, 0, 0, message)])
    for role in BODY_ROLES:
        if role in chosen and not any(KIND_ROLES[kind] == role for kind in explicit):
            chosen[role] = _roomier(chosen[role], role, info)
    layouts = {role: _template_layout(role, layout, info) for role, layout in chosen.items()}
    layouts.update({kind: _template_layout(KIND_ROLES[kind], layout, info) for kind, layout in own.items()})
    return BasePlan(info.width_pt, info.height_pt, layouts, info.path, template_master=info.master)


def _explicit_mapping(theme: Theme, info: TemplateInfo, problems: list[str]) -> dict[str, TemplateLayout]:
    """The theme's ``layouts:`` as slide kind -> template layout.

    Each key names one slide kind (``cover`` is another name for ``title``); the
    theme loader has refused unknown and conflicting keys at their lines. A layout
    the template lacks, or one without a title placeholder, is a problem here, where
    the template (from the theme or ``--template``) is known.
    """
    out: dict[str, TemplateLayout] = {}
    for key, name in (theme.layouts or {}).items():
        kind = LAYOUT_KEY_ALIASES.get(key, key)
        if kind not in KIND_ROLES:
            problems.append(f"layouts: unknown slide kind {key!r} (kinds: {', '.join(KIND_ROLES)})")
            continue
        layout = info.layout(str(name))
        if layout is None:
            problems.append(f"layouts: {key}: the template has no layout named {name!r}")
        elif not layout.of_type("title", "ctrTitle"):
            problems.append(f"layouts: {key}: layout {name!r} has no title placeholder, which every slide needs")
        else:
            out[kind] = layout
    return out


def _names_match(hint: str, name: str) -> bool:
    """A Chinese hint anywhere in the name; a Latin hint as whole words ("end" is
    not in "Agenda")."""
    if not hint.isascii():
        return hint in name
    return re.search(rf"(?<![a-z]){re.escape(hint)}(?![a-z])", name.lower()) is not None


def _by_name(info: TemplateInfo, role: str) -> TemplateLayout | None:
    for hint in ROLE_HINTS[role]:
        for layout in info.layouts:
            if _names_match(hint, layout.name) and layout.of_type("title", "ctrTitle"):
                if role == "content" and not _body(layout):
                    continue
                return layout
    return None


def _by_placeholders(info: TemplateInfo, role: str, chosen: dict[str, TemplateLayout]) -> TemplateLayout | None:
    with_title = [lay for lay in info.layouts if lay.of_type("title", "ctrTitle")]
    if role == "cover":
        # A title layout; else the section layout, whose title is set large on the
        # template's brand art; a content layout's title bar only as the last resort.
        return (
            next((lay for lay in with_title if lay.of_type("ctrTitle") or lay.layout_type == "title"), None)
            or next((lay for lay in with_title if lay.layout_type == "secHead"), None)
            or (with_title[0] if with_title else None)
        )
    if role == "divider":
        return next((lay for lay in with_title if lay.layout_type == "secHead"), None) or chosen.get("cover")
    if role == "closing":
        return chosen.get("cover")
    # Content: a title and one body or content placeholder, the largest such body first.
    single = [lay for lay in with_title if lay.of_type("title") and _body(lay) and len(lay.of_type("body", "obj")) == 1]
    content = max(single, key=lambda lay: _area(_body(lay)), default=None)
    if role == "content":
        return content or next((lay for lay in with_title if lay.of_type("title")), None)
    return chosen.get("content") or content


def _body(layout: TemplateLayout) -> Placeholder | None:
    """The layout's largest body or content placeholder."""
    bodies = [ph for ph in layout.of_type("body", "obj") if ph.box is not None]
    return max(bodies, key=_area, default=None)


def _area(placeholder: Placeholder | None) -> float:
    box = placeholder.box if placeholder is not None else None
    return box.w * box.h if box is not None else 0.0


#: OOXML paragraph alignments as deckgen's (justified and distributed text reads as left).
ALIGNMENTS = {"l": "left", "ctr": "center", "r": "right"}
#: OOXML text anchors as deckgen's (justified and distributed read as middle).
ANCHORS = {"t": "top", "ctr": "middle", "b": "bottom"}


def _slot(ph: Placeholder | None) -> Slot | None:
    if ph is None or ph.box is None:
        return None
    left, right, top, bottom = ph.insets
    left += ph.margin  # a title's own margin: its lines start there, so they are measured from there
    return Slot(ph.type, ph.idx, Rect(ph.box.x, ph.box.y, ph.box.w, ph.box.h), Insets(left, right, top, bottom), ALIGNMENTS.get(ph.align, "left"),
                ANCHORS.get(ph.anchor, "middle"))


#: Roles whose slides fill a body with their content.
BODY_ROLES = ("agenda", "content", "data", "cards")
#: A layout whose emblems and stamps leave its body less than this share of its room
#: gives way to another layout of the master with more room (issue 15, point 4).
ROOM_KEPT = 0.6
#: Layouts never used for a body: vertical text, pictures, two or more bodies.
NOT_FOR_BODIES = ("vertTx", "vertTitleAndTx", "picTx", "twoObj", "twoTxTwoObj", "objTx")


def _roomier(layout: TemplateLayout, role: str, info: TemplateInfo) -> TemplateLayout:
    """``layout``, or where the template's decorations on it (a stamp, an emblem in the
    middle of the page) leave its body too little room, the layout of the same master
    with a title and at most one body that leaves the most room (a Title Only layout
    without the stamp). Text set around a stamp in a sliver of the page reads worse
    than the same text on the master's plainer layout."""
    room = _area_of(_template_layout(role, layout, info).body)
    if room >= ROOM_KEPT * _area_of(_open_body(layout, info)):
        return layout
    best, best_room = layout, room
    for other in info.layouts:
        if other is layout or not other.of_type("title") or other.layout_type in NOT_FOR_BODIES or other.layout_type == "secHead":
            continue
        if len(other.of_type("body", "obj")) > 1 or other.of_type("pic", "subTitle"):
            continue
        other_room = _area_of(_template_layout(role, other, info).body or _open_body(other, info))
        if other_room > best_room:
            best, best_room = other, other_room
    return best if best_room >= room * 1.25 else layout


def _area_of(slot: Slot | None) -> float:
    return slot.rect.w * slot.rect.h if slot is not None and slot.rect.w > 0 and slot.rect.h > 0 else 0.0


def _open_body(layout: TemplateLayout, info: TemplateInfo) -> Slot | None:
    """The room a layout gives content before its decorations are stepped around: its
    body placeholder, or without one the page between its title and its footers."""
    body = _slot(_body(layout))
    if body is not None:
        return body
    titles = layout.of_type("title")
    title = _slot(titles[0]) if titles else None
    if title is None:
        return None
    feet = [ph.box.y for ph in layout.of_type("ftr", "sldNum") if ph.box is not None and ph.box.y > title.rect.bottom]
    bottom = min(feet + [info.height_pt * 0.92])
    top = title.rect.bottom + 12
    return Slot("body", 0, Rect(title.rect.x, top, title.rect.w, bottom - top - 8))


def _template_layout(role: str, layout: TemplateLayout, info: TemplateInfo) -> LayoutPlan:
    titles = layout.of_type("ctrTitle", "title")
    title = _slot(titles[0])
    if title is None:  # a title placeholder with no box anywhere: a sensible band at the top
        title = Slot(titles[0].type, titles[0].idx, Rect(info.width_pt * 0.06, info.height_pt * 0.05, info.width_pt * 0.88, info.height_pt * 0.15),
                     Insets(titles[0].insets[0] + titles[0].margin, *titles[0].insets[1:]), ALIGNMENTS.get(titles[0].align, "left"),
                     ANCHORS.get(titles[0].anchor, "middle"))
    first = lambda *types: _slot(next(iter(layout.of_type(*types)), None))  # noqa: E731
    footer, number, date = first("ftr"), first("sldNum"), first("dt")
    subtitle = _clear_of(first("subTitle"), title, footer, number)
    body = _clear_of(_slot(_body(layout)), title, footer, number)
    if body is None and role in BODY_ROLES and layout.scenery is not None and any(_is_mark(d, info) for d in layout.scenery.decorations):
        body = _open_body(layout, info)  # the page under the title, which marks may shrink below
    if layout.scenery is not None:
        marks = [d for d in layout.scenery.decorations if _is_mark(d, info)]
        body = _off_marks(body, marks)
        subtitle = _off_marks(subtitle, marks)
        title = _off_marks(title, marks) or title
    section = layout.layout_type == "secHead" or any(_names_match(hint, layout.name) for hint in ROLE_HINTS["divider"])
    return LayoutPlan(
        role, layout.name, title, body, subtitle, date=date, footer=footer, number=number,
        position=layout.position, scenery=layout.scenery, section=section,
    )


def _is_mark(decoration, info: TemplateInfo) -> bool:
    """A picture or fixed text the template sets somewhere on the slide (an emblem, a
    stamp, "Your Name"): small enough that text boxes can step around it. Bands and
    full-slide art are left to the contrast of the text set over them."""
    small = decoration.w < info.width_pt * 0.5 and decoration.h < info.height_pt * 0.5
    picture = decoration.paint is not None and decoration.paint.kind == "picture"
    return small and (picture or bool(decoration.text))


def _off_marks(slot: Slot | None, marks: list) -> Slot | None:
    """``slot`` shrunk so no mark lies in it: cut at the side that keeps the most area."""
    if slot is None:
        return None
    rect = slot.rect
    for mark in marks:
        m = Rect(mark.x - 4, mark.y - 4, mark.w + 8, mark.h + 8)
        if not _overlaps(rect, m):
            continue
        cuts = [
            Rect(rect.x, rect.y, m.x - rect.x, rect.h),  # keep the left part
            Rect(m.right, rect.y, rect.right - m.right, rect.h),  # the right part
            Rect(rect.x, rect.y, rect.w, m.y - rect.y),  # above
            Rect(rect.x, m.bottom, rect.w, rect.bottom - m.bottom),  # below
        ]
        rect = max(cuts, key=lambda r: max(r.w, 0) * max(r.h, 0))
    if rect.h < 24 or rect.w < 48:
        return None
    return replace(slot, rect=rect)


def _clear_of(slot: Slot | None, title: Slot, *others: Slot | None) -> Slot | None:
    """``slot`` cut back so it does not overlap the title or the footers.

    Templates re-saved by LibreOffice can place a layout's body over its title
    (its masters have one title position for every layout); text set in both would
    collide, so the body keeps the larger part above or below the title.
    """
    if slot is None:
        return None
    rect = slot.rect
    t = title.rect
    if _overlaps(rect, t):
        above = Rect(rect.x, rect.y, rect.w, t.y - 8 - rect.y)
        below = Rect(rect.x, t.bottom + 8, rect.w, rect.bottom - t.bottom - 8)
        rect = max((above, below), key=lambda r: r.h)
    for other in others:
        if other is not None and _overlaps(rect, other.rect) and other.rect.y > rect.y:
            rect = Rect(rect.x, rect.y, rect.w, other.rect.y - 4 - rect.y)
    if rect.h < 24 or rect.w < 48:
        return None
    return replace(slot, rect=rect)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom
