"""``repeated-layout``: four or more consecutive slides that look the same.

Slides look the same when they are of one kind on one layout in one form (five
achievement lists in a row, six focus areas; items as cards or KPI figures as a
table are another form). A divider, the agenda or the closing ends a run.
Reported once per run, on its first slide.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.review.view import DeckView, SlideView

KINDS = {"repeated-layout": ("run of look-alike slides", "runs of look-alike slides")}

#: A run of this many look-alike slides is one too many.
MAX_RUN = 3
_BREAKS_RUN = frozenset({"title", "agenda", "divider", "closing"})


def review(deck: DeckView) -> Iterator[Issue]:
    run: list[SlideView] = []
    for slide in [*deck.slides, None]:
        if slide is not None and run and _look(slide) == _look(run[0]) and slide.kind not in _BREAKS_RUN:
            run.append(slide)
            continue
        if len(run) > MAX_RUN:
            first, last = run[0], run[-1]
            message = (
                f"slides {first.number}–{last.number} all look the same ({len(run)} {first.kind} slides in a row); "
                f"give some of them another layout (two columns, cards, KPI figures) or another kind, so no more than {MAX_RUN} in a row look alike"
            )
            yield deck.finding(first, "repeated-layout", message)
        run = [slide] if slide is not None and slide.kind not in _BREAKS_RUN else []


def _look(slide: SlideView) -> tuple[str, str, str]:
    # A list shown as cards (style: cards), KPI cards and a table of figures look different.
    return slide.kind, slide.layout, slide.plan.form
