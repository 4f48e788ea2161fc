"""Hang a leading opening quote or bracket into the margin of titles and display text.

A full-width opening mark (“ 《 （ …) is set one em wide with its ink in the right
half, so a title that starts with one seems to start half a character to the right
of the grid every other title starts on (review item 8, sample slides 12–14, 18).
Its blank half is hung into the margin instead: the box grows to the left by that
much, every line keeps its place (``margin_left_pt``) and the first line starts
that much further left (``first_indent_pt``). PowerPoint and LibreOffice both read
this as a hanging indent, so the quote's ink lines up with the lines below it.

The first line gains the hung width and the other lines keep theirs, so text that
was measured to fit still fits (at worst a first line holds a little more).

Item headlines and details (“快递进村”工作深入推进) hang the same way, paragraph by
paragraph, but only where the item's box may grow to the left by the hung width
without reaching into another shape (its badge) or out of the shape holding it: no
glyph ever stands outside its box or on another shape.
"""

from __future__ import annotations

from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Rect, SlidePlan, TextBox

#: Opening marks that hang, with the blank share of their em on the left: measured on
#: LibreOffice's PDF of 34 pt bold titles in Noto Sans CJK SC (the mark's ink against
#: the ink of a title starting with a Chinese character), rounded down to 0.05 em so
#: the ink never stands left of the grid.
HANG_EM: dict[str, float] = {
    "“": 0.55, "‘": 0.75, "《": 0.45, "〈": 0.5, "（": 0.6, "「": 0.6, "『": 0.55, "【": 0.6,
    "〔": 0.65, "［": 0.65, "｛": 0.6,
}

#: Text boxes whose text is display text: titles by role, these by name.
DISPLAY_NAMES = ("Statement", "Closing text")


def hang_width_pt(text: str, size_pt: float) -> float:
    """How far a paragraph starting with ``text`` hangs at ``size_pt`` (0 if it does not)."""
    return HANG_EM.get(text[:1], 0.0) * size_pt


def hang_box(box: TextBox) -> None:
    """Hang the opening mark of ``box``'s first paragraph, in place, if it has one.

    Only boxes set flush left hang: in centred or right-aligned text there is no
    edge for the mark to line up with.
    """
    if not box.paras or any(p.align != "left" for p in box.paras):
        return
    first = box.paras[0]
    hang = hang_width_pt(first.text, first.size_pt)
    if hang <= 0 or any(p.margin_left_pt or p.first_indent_pt for p in box.paras):
        return
    if box.rect.x + box.insets.left - hang < 0:
        return  # a template's title box at the slide's edge: the mark would hang off the slide
    box.rect = Rect(box.rect.x - hang, box.rect.y, box.rect.w + hang, box.rect.h)
    for para in box.paras:
        para.margin_left_pt = hang
    first.first_indent_pt = -hang


def hang_display_text(plan: DeckPlan) -> None:
    """Hang the opening marks of every title and display text of ``plan``."""
    for slide in plan.slides:
        for element in slide.elements:
            if isinstance(element, TextBox) and (element.role == "title" or element.name in DISPLAY_NAMES):
                hang_box(element)


#: Text boxes whose paragraphs hang where there is room: an item's headline and detail.
ITEM_PREFIX = "Item "


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _contains(outer: Rect, inner: Rect) -> bool:
    eps = 0.01
    return outer.x - eps <= inner.x and inner.right <= outer.right + eps and outer.y - eps <= inner.y and inner.bottom <= outer.bottom + eps


def _room_left(slide: SlidePlan, box: TextBox, grow: float) -> bool:
    """True when ``box`` may grow ``grow`` pt to the left: on the slide, touching no
    shape it did not touch, and still inside every shape that held it (a card)."""
    grown = Rect(box.rect.x - grow, box.rect.y, box.rect.w + grow, box.rect.h)
    if grown.x < 0:
        return False
    for other in slide.elements:
        rect = getattr(other, "rect", None)
        if other is box or rect is None:
            continue
        if _contains(rect, box.rect):
            if not _contains(rect, grown):
                return False
        elif _overlaps(rect, grown) and not _overlaps(rect, box.rect):
            return False
    return True


def hang_paragraphs(slide: SlidePlan, box: TextBox) -> bool:
    """Hang every paragraph of ``box`` that opens with a mark, in place, where the
    box has room to grow left by the widest hang; True when it did."""
    paras = box.paras
    if not paras or any(p.align != "left" or p.margin_left_pt or p.first_indent_pt or p.decimal_tab_pt is not None for p in paras):
        return False
    hangs = [hang_width_pt(p.text, p.size_pt) for p in paras]
    grow = max(hangs)
    if grow <= 0 or not _room_left(slide, box, grow):
        return False
    box.rect = Rect(box.rect.x - grow, box.rect.y, box.rect.w + grow, box.rect.h)
    for para, hang in zip(paras, hangs):
        para.margin_left_pt = grow
        para.first_indent_pt = -hang if hang else 0.0
    return True


def hang_item_text(plan: DeckPlan) -> None:
    """Hang the opening marks of item headlines and details of ``plan`` where they fit."""
    for slide in plan.slides:
        for element in slide.elements:
            if isinstance(element, TextBox) and element.name.startswith(ITEM_PREFIX):
                hang_paragraphs(slide, element)
