"""The page frame every content slide shares: title bar, logo, rule, body, footer.

Geometry is derived from the slide size, so a 4:3 deck is laid out for 4:3 (narrower
margins and body), never cropped from 16:9.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.layout.elements import Fill, Insets, Picture, Rect, TextBox
from deckgen.layout.typeset import TITLE_PITCH, Spec, Typesetter, sizes_down
from deckgen.theme.model import Theme

TITLE_INSETS = Insets(7.2, 7.2, 3.6, 3.6)
LOGO_PT = 40.0


@dataclass
class Frame:
    """Page geometry in points for one slide size."""

    width: float
    height: float
    margin_x: float
    title: Rect
    body: Rect
    footer: Rect

    @classmethod
    def for_theme(cls, theme: Theme) -> Frame:
        w, h = theme.slide_width_pt, theme.slide_height_pt
        mx = 48.0 if w > 800 else 36.0
        title = Rect(mx + 16, 26, w - 2 * mx - 16 - LOGO_PT - 16, 78)
        body = Rect(mx, 126, w - 2 * mx, h - 126 - 50)
        footer = Rect(mx, h - 40, w - 2 * mx, 28)
        return cls(w, h, mx, title, body, footer)


@dataclass
class TitleFit:
    size_pt: float
    lines: int
    height: float
    fits: bool


def fit_title(ts: Typesetter, text: str, width: float, max_height: float, max_pt: float, min_pt: float) -> TitleFit:
    """Choose a title size: the largest at which it fits in one or two lines.

    A title too long for one line at the largest size wraps to two before it shrinks
    (two lines at 30 pt read better than one at 28). Never overflows: if even two
    lines at ``min_pt`` are too few, the caller gets the line count at ``min_pt`` and
    must make room (``fits`` is False).
    """
    inner = width - TITLE_INSETS.left - TITLE_INSETS.right
    # Width grows with size, so sizes whose text is clearly too wide for two lines
    # are skipped without wrapping (titles are measured on every slide).
    em_width = ts.measurer.width_em(text, bold=True)
    for size in sizes_down(max_pt, min_pt):
        if em_width * size > inner * 2 * 1.02:
            continue
        spec = Spec(text, size, bold=True, pitch=TITLE_PITCH)
        n = ts.count_lines(spec, width, TITLE_INSETS)
        if n > 2:
            continue
        height = ts.height([spec], width, TITLE_INSETS)
        if height <= max_height + 0.01:
            return TitleFit(size, n, height, True)
    spec = Spec(text, min_pt, bold=True, pitch=TITLE_PITCH)
    return TitleFit(min_pt, ts.count_lines(spec, width, TITLE_INSETS), ts.height([spec], width, TITLE_INSETS), False)


BREAK_AFTER = "，；：、"
BREAK_BEFORE = "（《“"


def balanced_title(ts: Typesetter, title: str, size: float, inner: float) -> str:
    """Break a two-line title where a designer would: after a comma, lines even.

    ``坚持控疫情、保安全、稳末端，扎实做好平安寄递建设工作`` breaks after ，
    rather than leaving 作 alone on the second line. Without punctuation the break
    that makes the two lines most even is taken. A title that fits one line, or
    needs more than two, is returned unchanged.
    """
    from deckgen.layout.linebreak import break_opportunities

    if "\n" in title or len(ts.lines(title, inner, size, True)) != 2:
        return title
    best, best_score = title, None
    ruler = ts.measurer.ruler(title, size, bold=True)  # every cut measured in constant time
    for cut in break_opportunities(title):
        first, second = title[:cut], title[cut:]
        w1, w2 = ruler.width(0, cut), ruler.width(cut, len(title))
        if max(w1, w2) > inner * 0.98:
            continue
        # Prefer breaks after ，；：、 or before an opening bracket, then even lines.
        at_punctuation = first[-1] in BREAK_AFTER or second[0] in BREAK_BEFORE
        score = (0 if at_punctuation else 1, abs(w1 - w2))
        if best_score is None or score < best_score:
            best, best_score = f"{first}\n{second}", score
    return best


def title_and_body(frame: Frame, fit: TitleFit) -> tuple[Rect, Rect]:
    """The title box and the body below it; a title taller than its box pushes the body down."""
    if fit.fits:
        return frame.title, frame.body
    extra = fit.height - frame.title.h
    title_rect = Rect(frame.title.x, frame.title.y, frame.title.w, fit.height)
    return title_rect, Rect(frame.body.x, frame.body.y + extra, frame.body.w, frame.body.h - extra)


def chrome(ts: Typesetter, frame: Frame, title: str, fit: TitleFit | None = None) -> tuple[list, Rect]:
    """Return the title bar, logo and rule of a content slide, and the body left for content.

    A title needing more than two lines at the minimum size pushes the body down
    rather than overflowing its box.
    """
    theme = ts.theme
    size = theme.size("title")
    fit = fit or fit_title(ts, title, frame.title.w, frame.title.h, size.max_pt, size.min_pt)
    title_rect, body = title_and_body(frame, fit)
    # Only a two-line title is re-broken; one that fits one line is left alone.
    text = balanced_title(ts, title, fit.size_pt, title_rect.w - TITLE_INSETS.left - TITLE_INSETS.right) if fit.lines == 2 else title
    spec = Spec(text, fit.size_pt, bold=True, color=theme.color("primary_dark"), pitch=TITLE_PITCH)
    bar_h = min(44.0, title_rect.h - 20)
    elements: list = [
        Fill(Rect(frame.margin_x, title_rect.y + (title_rect.h - bar_h) / 2, 6, bar_h), theme.color("primary"), name="Title accent"),
        TextBox(title_rect, ts.paras([spec]), anchor="middle", insets=TITLE_INSETS, role="title", name="Title"),
        Fill(Rect(frame.margin_x, body.y - 16, frame.width - 2 * frame.margin_x, 1.25), theme.color("rule"), name="Title rule"),
    ]
    if theme.logo:
        logo = Rect(frame.width - frame.margin_x - LOGO_PT, frame.title.y + (frame.title.h - LOGO_PT) / 2, LOGO_PT, LOGO_PT)
        elements.append(Picture(logo, theme.logo, name="Logo"))
    return elements, body


def footer(ts: Typesetter, frame: Frame, left_text: str, number_text: str, on_dark_until: float = 0.0) -> list:
    """Return the footer: organisation and date at the left, slide number at the right.

    ``on_dark_until`` is the x up to which the slide is dark (a section divider's
    panel); footer text there is set in the on-primary colour.
    """
    theme = ts.theme
    size = theme.size("footer").max_pt
    out = []
    number_w = 90.0
    left_w = frame.footer.w - number_w - 12
    if on_dark_until:
        left_w = min(left_w, on_dark_until - frame.footer.x - 12)
    insets = Insets(0, 0, 2, 2)
    if left_text:
        color = theme.color("on_primary") if on_dark_until else theme.color("muted")
        fit_size = size
        for fit_size in sizes_down(size, theme.size("footer").min_pt, 0.5):
            if ts.count_lines(Spec(left_text, fit_size), left_w, insets) == 1:
                break
        spec = Spec(left_text, fit_size, color=color, pitch=1.25)
        if ts.count_lines(spec, left_w, insets) > 1:
            # Too long even at the smallest size: keep the organisation, cut with an
            # ellipsis (the full name is on the title slide).
            text = _cut_to_fit(ts, left_text.split("  ")[0], fit_size, left_w, insets)
            spec = Spec(text if text == left_text.split("  ")[0] else text.rstrip() + "…", fit_size, color=color, pitch=1.25)
        box = Rect(frame.footer.x, frame.footer.y, left_w, frame.footer.h)
        out.append(TextBox(box, ts.paras([spec]), anchor="middle", insets=insets, role="footer", name="Footer"))
    if number_text:
        spec = Spec(number_text, size, color=theme.color("muted"), align="right", pitch=1.25)
        box = Rect(frame.footer.right - number_w, frame.footer.y, number_w, frame.footer.h)
        out.append(TextBox(box, ts.paras([spec]), anchor="middle", insets=insets, role="number", name="Slide number"))
    return out


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
