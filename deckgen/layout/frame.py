"""The page frame every content slide shares: title bar, logo, rule, body, footer.

Geometry is derived from the slide size, so a 4:3 deck is laid out for 4:3 (narrower
margins and body), never cropped from 16:9.
"""

from __future__ import annotations


from deckgen.layout.base import NUMBER_W, BasePlan, LayoutPlan, base_plan
from deckgen.records import record
from deckgen.typeset.display import display_breaks
from deckgen.layout.elements import Insets, Rect, Run, TextBox
from deckgen.typeset.typesetter import TITLE_PITCH, Spec, Typesetter, sizes_down
from deckgen.theme.model import Theme

TITLE_INSETS = Insets(7.2, 7.2, 3.6, 3.6)


@record
class Frame:
    """Page geometry in points of one layout: title, body and footer boxes.

    The boxes come from the base (:mod:`deckgen.layout.base`): the layouts we
    generate for a built-in theme, or the placeholders of an organisation's template.
    """

    width: float
    height: float
    margin_x: float
    title: Rect
    body: Rect
    footer: Rect | None
    number: Rect | None
    layout: LayoutPlan
    generated: bool = True

    @classmethod
    def for_theme(cls, theme: Theme, role: str = "content") -> Frame:
        return cls.for_layout(base_plan(theme), role)

    @classmethod
    def for_layout(cls, base: BasePlan, role: str = "content") -> Frame:
        layout = base.layouts[role]
        w, h = base.width, base.height
        title = layout.title.rect
        footer = layout.footer.rect if layout.footer else None
        number = layout.number.rect if layout.number else None
        if base.generated:
            mx = 48.0 if w > 800 else 36.0
            if layout.footer is not None and layout.role != "divider":
                # The footer placeholder leaves room for a date that slides do not use.
                footer = Rect(mx, h - 40, w - 2 * mx - NUMBER_W - 12, 28)
        else:
            mx = max(18.0, min(title.x, w - title.right))
        if layout.body is not None:
            body = layout.body.rect
        else:
            # No body placeholder: the space between the title and the footers.
            bottom = min([r.y for r in (footer, number) if r is not None] + [h * 0.92])
            top = title.bottom + 12
            body = Rect(title.x, top, title.w, bottom - top - 8)
        return cls(w, h, mx, title, body, footer, number, layout, base.generated)

    @property
    def title_insets(self) -> Insets:
        """The title's insets: a template's own (its title placeholder's), else ours."""
        if self.generated or self.layout.title.insets is None:
            return TITLE_INSETS
        return self.layout.title.insets

    @property
    def title_align(self) -> str:
        """The title's alignment: a template's own, else left."""
        return self.layout.title.align if not self.generated else "left"

    @property
    def title_anchor(self) -> str:
        """Where the title sits in its box: a template's own (nyush's section title at the
        bottom of its panel), else the middle."""
        return (self.layout.title.anchor or "middle") if not self.generated else "middle"


@record
class TitleFit:
    """How a title fits its box: the size chosen, its lines and height, and whether it fits."""

    size_pt: float
    lines: int
    height: float
    fits: bool


def fit_title(ts: Typesetter, text: str, width: float, max_height: float, max_pt: float, min_pt: float, *, insets: Insets = TITLE_INSETS) -> TitleFit:
    """Choose a title size: the largest at which it fits in one or two lines.

    A title too long for one line at the largest size wraps to two before it shrinks
    (two lines at 30 pt read better than one at 28). Never overflows: if even two
    lines at ``min_pt`` are too few, the caller gets the line count at ``min_pt`` and
    must make room (``fits`` is False).
    """
    ts = ts.for_role("title")  # measured with the template's title letter spacing
    inner = width - insets.left - insets.right
    # Width grows with size, so sizes whose text is clearly too wide for two lines
    # are skipped without wrapping (titles are measured on every slide).
    em_width = ts.measurer.width_em(text, bold=True)
    for size in sizes_down(max_pt, min_pt):
        if em_width * size > inner * 2 * 1.02:
            continue
        spec = Spec(text, size, bold=True, pitch=TITLE_PITCH)
        n = ts.count_lines(spec, width, insets)
        if n > 2:
            continue
        height = ts.height([spec], width, insets)
        if height <= max_height + 0.01:
            return TitleFit(size, n, height, True)
    # Too long for two lines at the title floor. The rule and accent under the title
    # live on the master at a fixed place, so a taller title would run across them:
    # it is set smaller instead, down to the body floor and in as many lines as fit,
    # and the caller reports it (see :func:`title_finding`).
    for size in sizes_down(min_pt - 1, min(min_pt, ts.theme.size("body").min_pt)):
        spec = Spec(text, size, bold=True, pitch=TITLE_PITCH)
        height = ts.height([spec], width, insets)
        if height <= max_height + 0.01:
            return TitleFit(size, ts.count_lines(spec, width, insets), height, True)
    spec = Spec(text, min_pt, bold=True, pitch=TITLE_PITCH)
    return TitleFit(min_pt, ts.count_lines(spec, width, insets), ts.height([spec], width, insets), False)


def title_finding(fit: TitleFit, min_pt: float) -> str | None:
    """What to tell the user about a title that needed more than two lines at the floor."""
    if not fit.fits:
        return "the title is too long for its place even at the body size and pushes the content down; shorten it"
    if fit.size_pt < min_pt:
        return f"the title is too long for two lines at {min_pt:g} pt and is set at {fit.size_pt:g} pt; shorten it"
    return None


def title_and_body(frame: Frame, fit: TitleFit) -> tuple[Rect, Rect]:
    """The title box and the body below it; a title taller than its box pushes the body down."""
    if fit.fits:
        return frame.title, frame.body
    extra = fit.height - frame.title.h
    title_rect = Rect(frame.title.x, frame.title.y, frame.title.w, fit.height)
    return title_rect, Rect(frame.body.x, frame.body.y + extra, frame.body.w, frame.body.h - extra)


def chrome(ts: Typesetter, frame: Frame, title: str, fit: TitleFit | None = None, *, mark: str = "", reserve: str = "") -> tuple[list, Rect]:
    """Return the title of a slide, and the body left for content.

    The accent, rule and logo live on the master, so a slide holds only its title
    (in the layout's title placeholder). A title needing more than two lines at the
    minimum size pushes the body down rather than overflowing its box.

    ``mark`` (（续）) is appended to the title after it is broken into lines, and
    ``reserve`` is the mark's text kept free on the last line of every page of the
    slide, shown or not: the title breaks the same way on the slide and on its
    continuations.
    """
    theme = ts.theme
    size = theme.size("title")
    insets = frame.title_insets
    fit = fit or fit_title(ts, title + mark, frame.title.w, frame.title.h, size.max_pt, size.min_pt, insets=insets)
    title_rect, body = title_and_body(frame, fit)
    # A title that wraps is balanced at phrase boundaries when the plan is written
    # (layout.breaks), as every display text is. A slide that continues breaks it here
    # once, with the mark's width kept free, so every page has the same lines.
    text = title
    if reserve and fit.lines == 2:
        text = _lines_with_room(ts.for_role("title"), title, fit.size_pt, title_rect.w - insets.left - insets.right, reserve)
    text += mark
    # On a template the title takes the template's colour; ours is the dark brand colour.
    color = theme.color("primary_dark") if frame.generated else None
    spec = Spec(text, fit.size_pt, bold=True, color=color, align=frame.title_align, pitch=TITLE_PITCH)
    return [TextBox(title_rect, ts.paras([spec]), anchor=frame.title_anchor, insets=insets, role="title", name="Title")], body


def _lines_with_room(ts: Typesetter, title: str, size: float, inner: float, tail: str) -> str:
    """``title`` with explicit breaks, balanced at phrases, its lines narrow enough that
    ``tail`` (（续）) fits after the last one."""
    room = inner - ts.one_line_width(tail, size, True)
    broken = display_breaks(ts, title, room, size, True, balance=True)
    if "\n" not in broken:
        broken = "\n".join(ts.lines(title, room, size, True))
    # Two lines as fitted, or the title as it is (it is then broken as written).
    return broken if broken.count("\n") == 1 else title


def footer(ts: Typesetter, frame: Frame, left_text: str, number_style: str, n: int, on_dark: bool = False) -> list:
    """Return the footer text and the slide number, in the layout's footer placeholders.

    The number is a slide-number field (``{n}`` in ``number_style``), so it stays
    right when slides are added, deleted or reordered. ``on_dark`` sets the footer in
    the on-primary colour (a section divider's panel).
    """
    theme = ts.theme
    size = theme.size("footer").max_pt
    out = []
    foot_slot, number_slot = frame.layout.footer, frame.layout.number
    insets, align, anchor = _footer_look(frame, foot_slot, "left")
    if left_text and frame.footer is not None:
        left_w = frame.footer.w
        color = (theme.color("on_primary") if on_dark else theme.color("muted")) if frame.generated else None
        fit_size = size
        for fit_size in sizes_down(size, theme.size("footer").min_pt, 0.5):
            if ts.count_lines(Spec(left_text, fit_size), left_w, insets) == 1:
                break
        spec = Spec(left_text, fit_size, color=color, align=align, pitch=1.25)
        if ts.count_lines(spec, left_w, insets) > 1:
            # Too long even at the smallest size: keep the organisation, cut with an
            # ellipsis (the full name is on the title slide).
            text = _cut_to_fit(ts, left_text.split("  ")[0], fit_size, left_w, insets)
            spec = Spec(text if text == left_text.split("  ")[0] else text.rstrip() + "…", fit_size, color=color, align=align, pitch=1.25)
        box = Rect(frame.footer.x, frame.footer.y, left_w, frame.footer.h)
        out.append(TextBox(box, ts.paras([spec]), anchor=anchor, insets=insets, role="footer", name="Footer"))
    if number_style and "{n}" in number_style and frame.number is not None:
        before, _, after = number_style.partition("{n}")
        insets, align, anchor = _footer_look(frame, number_slot, "right")
        spec = Spec(f"{before}{n}{after}", size, color=theme.color("muted") if frame.generated else None, align=align, pitch=1.25)
        para = ts.paras([spec])[0]
        look = para.runs[0]
        para.runs = [Run(t, look.bold, look.color, field=f) for t, f in ((before, None), (str(n), "slidenum"), (after, None)) if t]
        out.append(TextBox(frame.number, [para], anchor=anchor, insets=insets, role="number", name="Slide number"))
    return out


#: Our footer's and slide number's insets: none at the sides, so they line up with the body.
FOOTER_INSETS = Insets(0, 0, 2, 2)


def _footer_look(frame: Frame, slot, align: str) -> tuple[Insets, str, str]:
    """Insets, alignment and anchor of a footer or slide number: a template placeholder's
    own (shtu centres its footer, every template states or inherits 7.2 pt insets), ours
    on generated layouts."""
    if frame.generated or slot is None or slot.insets is None:
        return FOOTER_INSETS, align, "middle"
    return slot.insets, slot.align, slot.anchor or "middle"


def number_style(style: str) -> str:
    """The slide-number style to write, or "" for none.

    Themes cannot name ``{total}`` (refused when the theme is loaded: no field keeps a
    written total right), so the style is used as it is.
    """
    return "" if style == "none" else style


def _cut_to_fit(ts: Typesetter, text: str, size: float, width: float, insets: Insets) -> str:
    """The longest start of *text* (at least four characters) that fits one line with "…" after it.

    What dropping the last character until ``text + "…"`` fits would leave, found by
    bisection: a shorter start is never wider, so O(log n) measurements instead of n
    (a footer template thousands of characters long took a minute).
    """

    def fits(length: int) -> bool:
        return ts.count_lines(Spec(text[:length] + "…", size), width, insets) == 1

    if len(text) <= 4 or fits(len(text)):
        return text
    fitting, too_long = 4, len(text)  # fits(fitting) or fitting == 4; never fits(too_long)
    while too_long - fitting > 1:
        middle = (fitting + too_long) // 2
        if fits(middle):
            fitting = middle
        else:
            too_long = middle
    return text[:fitting]


def open_stage(frame: Frame) -> Rect | None:
    """Where a cover, divider or closing sets its display text large on a template layout
    whose title placeholder is a bar across the top (a content or title-only layout
    standing in for a title page, as on a template saved without one): the open area
    under the bar, down to the footers. None on generated layouts, section layouts and
    layouts whose title placeholder is already a display title."""
    if frame.generated or frame.layout.section:
        return None
    bar = frame.title
    if bar.h > frame.height * 0.14 or bar.y > frame.height * 0.3:
        return None
    bottom = min([r.y for r in (frame.footer, frame.number) if r is not None and r.y > bar.bottom] + [frame.height * 0.92])
    slot = frame.layout.subtitle or frame.layout.body
    x, w = (slot.rect.x, slot.rect.w) if slot is not None else (bar.x, bar.w)
    top = max(bar.bottom + 16, slot.rect.y if slot is not None else 0.0)
    if bottom - 8 - top < frame.height * 0.4:
        return None
    return Rect(x, top, w, bottom - 8 - top)
