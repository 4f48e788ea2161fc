"""Turn each :class:`SlidePlan` into slide XML; no layout decisions are made here."""

from __future__ import annotations

from deckgen.layout.elements import DeckPlan, Fill, Picture, SlidePlan, Table, TextBox
from deckgen.outline.model import Deck
from deckgen.render import xml as X
from deckgen.render.package import DeckWriter, fixed_time
from deckgen.theme.model import Theme


def render_deck(plan: DeckPlan, deck: Deck, theme: Theme) -> bytes:
    """Return the .pptx bytes of ``plan``: native shapes, notes, fixed properties."""
    writer = DeckWriter(plan.width_pt, plan.height_pt, theme.latin_font, theme.east_asian_font, theme.colors)
    fonts = writer.fonts
    for slide in plan.slides:
        writer.add_slide(lambda relate, s=slide: _shapes(s, fonts, relate), slide.background, slide.notes)
    writer.set_properties(
        title=deck.title,
        author=deck.organisation or "",
        subject=deck.subtitle or "",
        keywords="; ".join(p.title for p in deck.parts),
        when=fixed_time(deck.date),
    )
    return writer.to_bytes()


def _shapes(slide: SlidePlan, fonts: X.Fonts, relate) -> str:
    out = []
    for shape_id, element in enumerate(slide.elements, start=2):
        if isinstance(element, TextBox):
            out.append(X.text_box(element, shape_id, fonts))
        elif isinstance(element, Fill):
            out.append(X.fill_shape(element, shape_id))
        elif isinstance(element, Table):
            out.append(X.table(element, shape_id, fonts))
        elif isinstance(element, Picture):
            out.append(X.picture(element, shape_id, relate(element.path)))
        else:  # pragma: no cover - a new element type without a renderer
            raise TypeError(f"cannot render {type(element).__name__}")
    return "".join(out)
