"""``thin``: a slide whose content fills less than a third of its body, or a （续）
slide holding one or two items that take less than a third of the page.

The content's extent is what is drawn: a text box counts down as far as its lines
reach (by their measured line count) and across its whole width (a list is read as
a column, short lines or long), cards and other shapes by their boxes; the body is
the layout's body box under the title.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.layout.elements import Rect, Table, TextBox
from deckgen.layout.frame import Frame
from deckgen.review.view import FRAME_ROLES, DeckView, SlideView

KINDS = {"thin": ("thin slide", "thin slides")}

#: Content under this share of the body's area is a thin slide.
MIN_FILL = 1 / 3
#: Slides whose sparseness is their design: the frame of the talk, and a statement
#: (one key sentence, alone on purpose).
SCAFFOLD_KINDS = frozenset({"title", "agenda", "divider", "closing", "statement"})
#: A continued slide with fewer items than this is thin unless they hold a third of the page.
MIN_CONTINUED_ITEMS = 3
_ITEM_PREFIXES = ("Item ", "Card ", "Bullet ", "Row ", "Step ")


def review(deck: DeckView) -> Iterator[Issue]:
    frames: dict[str, Frame] = {}
    for slide in deck.slides:
        if slide.kind in SCAFFOLD_KINDS or deck.base is None or slide.layout not in deck.base.layouts:
            continue
        if slide.layout not in frames:
            frames[slide.layout] = Frame.for_layout(deck.base, slide.layout)
        body = frames[slide.layout].body
        items = item_count(slide)
        if slide.plan.continued and 0 < items < MIN_CONTINUED_ITEMS and held_share(slide, body) < MIN_FILL:
            held = "one item" if items == 1 else f"{items} items"
            message = f"this （续） slide holds only {held}; shorten the slide so it fits on one, or rebalance its pages"
            yield deck.finding(slide, "thin", message)
            continue
        share = fill_share(slide, body)
        if share is not None and share < MIN_FILL:
            message = f"the content fills {share:.0%} of the slide's body; add to it, set it on a fuller layout, or merge it with a neighbouring slide"
            yield deck.finding(slide, "thin", message)


def item_count(slide: SlideView) -> int:
    """The items (list entries, cards, table rows) a slide shows."""
    count = 0
    for element in slide.plan.elements:
        if isinstance(element, TextBox) and element.name.startswith(_ITEM_PREFIXES) and element.role not in FRAME_ROLES:
            count += 1
        elif isinstance(element, Table):
            count += max(0, len(element.rows) - 1)
    return count


def held_share(slide: SlideView, body: Rect) -> float:
    """The share of ``body``'s height the slide's items take, the air between them not
    counted: two long items of a （续） slide can hold a third of a page, two short
    ones spread over it do not."""
    held = 0.0
    for element in slide.plan.elements:
        if isinstance(element, TextBox) and element.name.startswith(_ITEM_PREFIXES) and element.role not in FRAME_ROLES:
            extent = _text_extent(element)
            held += extent.h if extent is not None else 0.0
        elif isinstance(element, Table):
            held += element.rect.h
    return held / body.h if body.h > 0 else 1.0


def fill_share(slide: SlideView, body: Rect) -> float | None:
    """The share of ``body`` the bounding box of the slide's drawn content covers."""
    boxes = [box for box in (_extent(element) for element in slide.plan.elements) if box is not None and _inside(box, body)]
    if not boxes or body.w <= 0 or body.h <= 0:
        return None
    left = max(body.x, min(b.x for b in boxes))
    right = min(body.right, max(b.right for b in boxes))
    return max(0.0, right - left) * min(body.h, _drawn_height(boxes, body)) / (body.w * body.h)


#: Air between drawn content counted as part of it, at most: a short list spread over
#: the body (even air above, between and below its items) is as thin as it was.
GAP_COUNTED = 28.0


def _drawn_height(boxes: list[Rect], body: Rect) -> float:
    """How tall the content of ``boxes`` stands inside ``body``: the boxes' extents
    down the body, merged where they overlap, with the air between them counted up to
    :data:`GAP_COUNTED` each."""
    spans = sorted((max(body.y, b.y), min(body.bottom, b.bottom)) for b in boxes)
    height = 0.0
    top, bottom = spans[0]
    for start, stop in spans[1:]:
        if start <= bottom:
            bottom = max(bottom, stop)
            continue
        height += max(0.0, bottom - top) + min(GAP_COUNTED, start - bottom)
        top, bottom = start, stop
    return height + max(0.0, bottom - top)


def _inside(box: Rect, body: Rect) -> bool:
    """True when the centre of ``box`` lies within ``body`` (title and footer are not)."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    return body.x - 1 <= cx <= body.right + 1 and body.y - 1 <= cy <= body.bottom + 1


def _extent(element) -> Rect | None:
    if isinstance(element, TextBox):
        if element.role in FRAME_ROLES or element.role == "title":
            return None
        return _text_extent(element)
    rect = getattr(element, "rect", None)
    return rect if isinstance(rect, Rect) else None


def _text_extent(box: TextBox) -> Rect | None:
    paras = [p for p in box.paras if p.text.strip()]
    if not paras:
        return None
    insets = box.insets
    height = insets.top + insets.bottom
    for para in paras:
        height += para.space_before_pt + para.line_pitch_pt * len(para.text.split("\n"))
    height = min(box.rect.h, height) if box.rect.h > 0 else height
    y = box.rect.y + {"middle": (box.rect.h - height) / 2, "bottom": box.rect.h - height}.get(box.anchor, 0.0)
    return Rect(box.rect.x, y, box.rect.w, height)
