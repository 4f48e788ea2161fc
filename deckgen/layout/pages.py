"""What a slide kind's layout gives back: pages of body elements and its findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.layout.elements import Finding


@dataclass
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
