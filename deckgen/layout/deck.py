"""The plan of a whole deck: its slides' elements, the base they sit on, what layout found.

Apart from :mod:`deckgen.layout.elements` because it holds the base (master and
layouts, :mod:`deckgen.layout.base`), which is itself built of elements.
"""

from __future__ import annotations


from deckgen.layout.base import BasePlan
from deckgen.layout.elements import Finding, SlidePlan
from deckgen.records import field, record


@record
class DeckPlan:
    """A laid-out deck: its slides, slide size and base, and what layout found worth a word."""

    slides: list[SlidePlan]
    width_pt: float
    height_pt: float
    base: BasePlan | None = None  # master and layouts the slides are placed on
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stand_ins: list[str] = field(default_factory=list)  # fonts measured with a stand-in
    pictures: object = field(default=None, repr=False, compare=False)  # backdrop's decoded template pictures, once per plan
