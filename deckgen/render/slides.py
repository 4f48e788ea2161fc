"""Turn each :class:`SlidePlan` into slide XML; no layout decisions are made here."""

from __future__ import annotations

from deckgen.layout.base import LayoutPlan
from deckgen.kinds.chart_box import ChartBox
from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Fill, Icon, Picture, SlidePlan, Table, TextBox
from deckgen.outline.model import Deck
from deckgen.render import xml as X
from deckgen.render.icons import icon_shape
from deckgen.render.package import DeckWriter, fixed_time
from deckgen.theme.model import Theme


def render_deck(plan: DeckPlan, deck: Deck, theme: Theme) -> bytes:
    """Return the .pptx bytes of ``plan``: slides placed on the base's layouts, with
    notes, sections, links between slides and fixed properties."""
    assert plan.base is not None, "plan_deck sets the base"
    writer = DeckWriter(plan.base, theme)
    fonts = writer.fonts
    for slide in plan.slides:
        layout = plan.base.layouts[slide.layout]
        writer.add_slide(
            lambda relate, link, chart, s=slide, lay=layout: _shapes(s, lay, fonts, relate, link, chart),
            slide.layout,
            slide.notes,
            section=slide.section,
            anchor=slide.anchor,
        )
    writer.finish()
    writer.set_properties(
        title=deck.title,
        author=deck.organisation or "",
        subject=deck.subtitle or "",
        keywords="; ".join(p.title for p in deck.parts),
        when=fixed_time(deck.date),
    )
    return writer.to_bytes()


#: Which placeholder of the layout a text box of each role fills.
PLACEHOLDER_ROLES = {"title": "title", "subtitle": "subtitle", "footer": "footer", "number": "number"}


def _shapes(slide: SlidePlan, layout: LayoutPlan, fonts: X.Fonts, relate, link, chart) -> str:
    out = []
    for shape_id, element in enumerate(slide.elements, start=2):
        link_rid = link(element.link) if getattr(element, "link", "") else None
        if isinstance(element, TextBox):
            slot = getattr(layout, PLACEHOLDER_ROLES[element.role]) if element.role in PLACEHOLDER_ROLES else None
            ph = (slot.type, slot.idx) if slot is not None else None
            out.append(X.text_box(element, shape_id, fonts, ph, link_rid))
        elif isinstance(element, Fill):
            out.append(X.fill_shape(element, shape_id, link_rid))
        elif isinstance(element, Table):
            out.append(X.table(element, shape_id, fonts))
        elif isinstance(element, Icon):
            out.append(icon_shape(element.name, element.rect, element.color, shape_id))
        elif isinstance(element, ChartBox):
            out.append(X.chart_frame(element, shape_id, chart(element)))
        elif isinstance(element, Picture):
            out.append(X.picture(element, shape_id, relate(element)))
        else:  # pragma: no cover - a new element type without a renderer
            raise TypeError(f"cannot render {type(element).__name__}")
    return "".join(out)
