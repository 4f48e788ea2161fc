"""What a slide kind's layout gives back: pages of body elements and its findings."""

from __future__ import annotations


from deckgen.layout.elements import Finding, Rect
from deckgen.records import field, record, replace


@record
class Pages:
    """The body of one outline slide, split into pages, and what had to be done.

    ``findings`` are what the kind wants the user to know beyond continuing or
    shrinking (a ``style:`` that could not be honoured, values without columns).
    """

    pages: list[list] = field(default_factory=list)
    at_minimum: bool = False
    findings: list[Finding] = field(default_factory=list)
    #: Why the slide continues when that is a choice of design, not text that would
    #: not fit (KPI cards on one slide, their table or checklist on the next).
    split_reason: str = ""

    @property
    def continued(self) -> bool:
        return len(self.pages) > 1


def centred(page: list, body: Rect) -> list:
    """``page`` moved down so that its elements stand in the middle of ``body``.

    A short list (four bullets, two items on a continued slide) would otherwise
    hang from the top of the body over an empty bottom half. Returns new elements;
    a page that fills the body, or runs past it, is returned as it is.
    """
    if not page:
        return page
    top = min(e.rect.y for e in page)
    bottom = max(e.rect.bottom for e in page)
    shift = ((body.bottom - bottom) - (top - body.y)) / 2
    if shift < 1.0:
        return page
    return [replace(e, rect=Rect(e.rect.x, e.rect.y + shift, e.rect.w, e.rect.h)) for e in page]
