"""Run the review over a laid-out deck, and say what it found in one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from deckgen import records
from deckgen.errors import Issue
from deckgen.layout.deck import DeckPlan
from deckgen.outline.loader import Outline
from deckgen.theme.model import Theme
from deckgen.review.stored import keep_findings, review_key, stored_findings
from deckgen.typeset import words

#: The kinds a reader sees on the slides (summarised by ``build``, refused by ``--strict``);
#: the others are what ``check`` reported before the review (placeholders, layout notes).
T = TypeVar("T")

READER = frozenset({"word-split", "stub-line", "duplicate-title", "fragment", "thin", "repeated-layout", "contrast", "covers-decoration"})


def review_plan(outline: Outline, plan: DeckPlan, *, theme: Theme | None = None) -> list[Issue]:
    """Every finding of every kind about ``plan`` (laid out from ``outline`` with
    ``theme``), sorted by slide, then by line in the outline.

    The findings of a deck reviewed before (the same plan, outline and theme) come
    from the persistent cache (:mod:`~deckgen.review.stored`)."""
    entry_key = review_key(outline, plan, theme)
    kept = _stored(entry_key)
    return kept if kept is not None else _judged(outline, plan, theme, entry_key)


def _stored(entry_key: str) -> list[Issue] | None:
    """The findings kept under ``entry_key``, the words layout read kept too (for the
    next check or build); None when none are kept."""
    kept = stored_findings(entry_key)
    if kept is not None:
        words.save()
    return kept


def review_beside(outline: Outline, plan: DeckPlan, meanwhile: Callable[[], T], *, theme: Theme | None = None) -> tuple[list[Issue], T]:
    """:func:`review_plan` and ``meanwhile()`` (rendering the deck), the review in a
    second process where there is one (:mod:`deckgen.forked`).

    The review reads the plan and changes nothing, so the two may run at once; the
    findings are the same either way (the child's, or, when it fails, this process's).
    On a long deck the child also makes the key of the stored findings and looks them
    up: pickling the plan for it takes ~0.15 s of a 1,000-slide deck, which this
    process spends rendering instead (a rebuild's child only reads the stored entry).
    """
    entry_key: str | None = None  # on a long deck, made where the deck is judged
    if len(plan.slides) < KEYED_BESIDE_FROM:
        entry_key = review_key(outline, plan, theme)
        kept = _stored(entry_key)
        if kept is not None:
            return kept, meanwhile()

    def review() -> list[Issue]:
        """The deck judged (a short deck's key made and looked up above, not again)."""
        return review_plan(outline, plan, theme=theme) if entry_key is None else _judged(outline, plan, theme, entry_key)

    from deckgen import forked

    def judge(send, _progress, _shared) -> None:
        send(review())  # keeps its words and findings itself

    helper = forked.start(judge) if len(plan.slides) >= REVIEWED_BESIDE_FROM else None
    if helper is None:
        return review(), meanwhile()
    with helper:
        made = meanwhile()
        # The review takes about as long as rendering: a child far slower than that
        # is stuck, and this process judges the deck itself.
        sent = [found for found in helper.wait(REVIEW_PATIENCE) if isinstance(found, list)]
        if sent and helper.succeeded():
            return sent[0], made
    return review(), made


#: Seconds this process waits for the review's child after rendering.
REVIEW_PATIENCE = 60.0
#: Slides from which the review runs beside rendering (below, forking costs more than it saves).
REVIEWED_BESIDE_FROM = 24
#: Slides from which the child makes the key of the stored findings too, even when they
#: are stored (below, the key takes a few milliseconds and a fork costs more).
KEYED_BESIDE_FROM = 200


def _judged(outline: Outline, plan: DeckPlan, theme: Theme | None, entry_key: str) -> list[Issue]:
    """:func:`review_plan` when nothing is stored: every kind judges the deck."""
    # The kinds and what they read are imported only when the deck is judged (~7 ms).
    from deckgen.review.registry import MODULES
    from deckgen.review.view import DeckView

    deck = DeckView(outline, plan, theme=theme)
    found: list[Issue] = []
    for module in MODULES:
        found.extend(module.review(deck))
    words.save()  # the words read, for the next check or build
    found.sort(key=lambda issue: (issue.slide or 10**9, issue.line, issue.col, issue.kind, issue.message))
    keep_findings(entry_key, found)
    return found


def on_slides(outline: Outline, plan: DeckPlan, issues: list[Issue]) -> list[Issue]:
    """``issues`` about the outline (blank slides, …), each given the slide it shows on."""
    from deckgen.review.view import DeckView

    deck = DeckView(outline, plan)
    return [records.replace(i, slide=deck.slide_of(i.path)) if i.path and not i.slide else i for i in issues]


#: What layout had to do, as ``build`` has always printed it (see :mod:`~deckgen.review.layout_notes`).
LAYOUT_KINDS = frozenset({"too-long", "continued", "shrunk", "layout"})


def reader_findings(issues: list[Issue]) -> list[Issue]:
    """The findings a reader of the deck would notice (see :data:`READER`)."""
    return [i for i in issues if i.kind in READER]


def summary(issues: list[Issue]) -> str:
    """``3 word splits, 2 repeated titles`` — each kind counted, in registry order."""
    counts: dict[str, int] = {}
    for issue in issues:
        counts[issue.kind] = counts.get(issue.kind, 0) + 1
    from deckgen.review.registry import nouns

    names = nouns()
    parts = []
    for kind, one_many in names.items():
        if counts.get(kind):
            n = counts.pop(kind)
            parts.append(f"{n} {one_many[0] if n == 1 else one_many[1]}")
    parts.extend(f"{n} {kind}" for kind, n in counts.items())  # a kind not registered (yet)
    return ", ".join(parts)
