"""One layout per content-slide kind: content in, pages of body elements out.

Each function receives the body box left free by the page frame and returns a list
of pages (one list of elements per slide); more than one page means the content
continues on slides marked （续）. Each kind's layout lives in its own module of
:mod:`deckgen.kinds`; this table picks it by ``slide.kind``.
"""

from __future__ import annotations

from deckgen.kinds.achievements import layout_achievements
from deckgen.kinds.bullets import layout_bullets
from deckgen.kinds.chart import layout_chart
from deckgen.kinds.focus_area import layout_focus_area
from deckgen.kinds.focus_areas import layout_focus_areas
from deckgen.kinds.keywords import layout_keywords
from deckgen.kinds.metrics import layout_metrics
from deckgen.kinds.photos import layout_picture
from deckgen.kinds.statement import layout_statement
from deckgen.layout.elements import Rect
from deckgen.layout.pages import Pages
from deckgen.outline.model import Slide
from deckgen.typeset.typesetter import Typesetter


def layout_slide(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Dispatch to the layout of ``slide.kind``."""
    return KINDS[slide.kind](ts, slide, body)


KINDS = {
    "chart": layout_chart,
    "achievements": layout_achievements,
    "bullets": layout_bullets,
    "metrics": layout_metrics,
    "focus-areas": layout_focus_areas,
    "focus-area": layout_focus_area,
    "statement": layout_statement,
    "keywords": layout_keywords,
    "picture": layout_picture,
}
