"""What the review sees: the deck as build lays it out, slide by slide, text by text.

A finding kind (one module of :mod:`deckgen.review`) gets one :class:`DeckView` and
reads what it needs from it: the :class:`~deckgen.layout.elements.DeckPlan` (the same
plan ``build`` renders, measured line breaks written in), the base it is placed on
(master, layouts, background), each slide's elements and each paragraph of text with
its box, lines, size, weight and colour. It turns what it finds into
:class:`~deckgen.errors.Issue` values with :meth:`DeckView.finding`, which points at
the outline line the slide (or the very field) comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from deckgen import records
from deckgen.errors import Issue
from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Rect, SlidePlan, Table, TextBox
from deckgen.outline.fields import TextField, text_fields
from deckgen.outline.loader import Outline
from deckgen.records import field, record
from deckgen.theme.model import Theme
from deckgen.typeset.paragraphs import Para

#: Text boxes that are the slide's frame, not its content (footer line, page number).
FRAME_ROLES = ("footer", "number")


@record(frozen=True)
class TextView:
    """One paragraph of text as laid out: where it is drawn and how it looks.

    ``lines`` are the lines every renderer draws (the measured breaks); ``color`` is
    RRGGBB, or None where the text takes its colour from the theme or template (the
    placeholder's own style); ``box`` is the text box (or table cell) it sits in.
    """

    slide: int  # 1-based number in the built deck
    box: Rect
    para: Para
    role: str  # title, subtitle, body, label, footer, number, cell
    name: str  # the element's name ("Item 2", "KPI 1 text", "Title", …)
    element: TextBox | Table

    @property
    def text(self) -> str:
        """The paragraph's characters, line breaks removed."""
        return self.para.text.replace("\n", "")

    @property
    def lines(self) -> list[str]:
        return self.para.text.split("\n")

    @property
    def size_pt(self) -> float:
        return self.para.size_pt

    @property
    def bold(self) -> bool:
        return self.para.bold or any(run.bold for run in self.para.runs if run.text.strip())

    @property
    def color(self) -> str | None:
        for run in self.para.runs:
            if run.text.strip():
                return run.color
        return None


@record
class SlideView:
    """One slide of the built deck, with the outline node it comes from."""

    number: int  # 1-based; the cover is 1
    plan: SlidePlan
    texts: list[TextView] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.plan.kind

    @property
    def layout(self) -> str:
        """The base layout role it is placed on (see :mod:`deckgen.layout.base`)."""
        return self.plan.layout

    @property
    def title(self) -> str:
        return self.plan.title

    @property
    def source_path(self) -> str:
        """Outline path of what the slide shows: ``parts[1].slides[2]``, ``parts[0]`` for
        a divider, ``closing``, or ``title`` for the cover and agenda (the deck's title)."""
        return self.plan.source_path or "title"

    @property
    def content_texts(self) -> list[TextView]:
        """Its text, the title and the frame (footer, page number) left out."""
        return [t for t in self.texts if t.role not in FRAME_ROLES and t.role != "title"]

    @property
    def title_texts(self) -> list[TextView]:
        return [t for t in self.texts if t.role == "title"]


class DeckView:
    """The deck as laid out, for the finding kinds to read."""

    def __init__(self, outline: Outline, plan: DeckPlan, *, theme: Theme | None = None) -> None:
        self.outline = outline
        self.plan = plan
        #: The theme the deck was laid out with (colours of text whose ``color`` is None
        #: come from it, or from its template); None when the caller had none to give.
        self.theme = theme
        self.slides = [SlideView(n, slide, list(_texts(n, slide))) for n, slide in enumerate(plan.slides, start=1)]

    @property
    def base(self):
        """The master and layouts the slides are placed on (:class:`~deckgen.layout.base.BasePlan`)."""
        return self.plan.base

    @property
    def width_pt(self) -> float:
        return self.plan.width_pt

    @property
    def height_pt(self) -> float:
        return self.plan.height_pt

    def finding(self, slide: SlideView | int | None, kind: str, message: str, *, path: str | None = None, severity: str = "warning") -> Issue:
        """An Issue on ``slide`` (a view, a number, or None for the deck as a whole) at
        the outline line of ``path`` (default: the slide's own node)."""
        number = slide if isinstance(slide, int) else slide.number if slide is not None else 0
        if path is None:
            path = self.slides[number - 1].source_path if number else ""
        issue = self.outline.issue(path, message, severity)
        return records.replace(issue, slide=number, kind=kind)

    def slide_of(self, path: str, text: str = "") -> int:
        """The number of the slide showing the outline node at ``path`` (0: none).

        The slide whose source is the longest prefix of ``path`` wins (an item's slide
        over its part's divider); of the pages of a continued slide, the first one
        showing ``text`` (when given), else the first.
        """
        best, best_len = 0, -1
        wanted = " ".join(text.split())
        # Only the slides whose source is ``path`` or a node above it can show it: looked
        # up by source (asking every slide made the review quadratic in long decks).
        sources = [path[:i] for i, ch in enumerate(path) if ch in ".["] + [path]
        candidates = [view for source in dict.fromkeys(sources) if source for view in self._slides_by_source.get(source, ())]
        if path.startswith(("title", "subtitle", "organisation", "presenter", "date")):
            candidates += self._slides_by_source.get("", [])
        for view in sorted(candidates, key=lambda v: v.number):
            source = view.plan.source_path
            if len(source) > best_len:
                best, best_len = view.number, len(source)
            elif len(source) == best_len and wanted and not _shows(self.slides[best - 1], wanted) and _shows(view, wanted):
                best = view.number
        return best

    @cached_property
    def _slides_by_source(self) -> dict[str, list[SlideView]]:
        found: dict[str, list[SlideView]] = {}
        for view in self.slides:
            found.setdefault(view.plan.source_path, []).append(view)
        return found

    @cached_property
    def field_values(self) -> dict[str, str]:
        """The text of every visible field by its outline path (the first field at a path)."""
        values: dict[str, str] = {}
        for text_field in self.fields:
            values.setdefault(text_field.path, str(text_field.value))
        return values

    @cached_property
    def fields(self) -> list[TextField]:
        """Every visible text field of the outline (deck, parts, slides, closing)."""
        return list(text_fields(self.outline.deck))

    @cached_property
    def _paths_by_text(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for text_field in self.fields:
            value = " ".join(str(text_field.value or "").split())
            if value:
                found.setdefault(value, []).append(text_field.path)
        return found

    def path_of(self, text: TextView, slide: SlideView) -> str:
        """The outline path of the field a paragraph shows: the field of this slide whose
        text is the paragraph's (or holds it), else the slide's own node."""
        wanted = " ".join(text.text.split())
        source = slide.plan.source_path
        for path in self._paths_by_text.get(wanted, ()):
            if not source or path == source or path.startswith((source + ".", source + "[")):
                return path
        if wanted and source:
            for text_field in self._fields_under.get(source, ()):
                if wanted in " ".join(str(text_field.value or "").split()):
                    return text_field.path
        return slide.source_path

    @cached_property
    def _fields_under(self) -> dict[str, list[TextField]]:
        """The fields below each node (``parts[0].slides[2]`` holds
        ``parts[0].slides[2].items[1].headline``), in the order of :attr:`fields`."""
        found: dict[str, list[TextField]] = {}
        for text_field in self.fields:
            path = text_field.path
            for boundary in _NODE_END.finditer(path, 1):
                found.setdefault(path[:boundary.start()], []).append(text_field)
        return found


_NODE_END = re.compile(r"[.\[]")


def _shows(view: SlideView, wanted: str) -> bool:
    return any(wanted in " ".join(t.text.split()) for t in view.texts)


def _texts(number: int, slide: SlidePlan) -> Iterator[TextView]:
    for element in slide.elements:
        if isinstance(element, TextBox):
            for para in element.paras:
                if para.text.strip():
                    yield TextView(number, element.rect, para, element.role, element.name, element)
        elif isinstance(element, Table):
            y = element.rect.y
            for row, height in zip(element.rows, element.row_heights):
                x = element.rect.x
                for cell, width in zip(row, element.col_widths):
                    for para in cell.paras:
                        if para.text.strip():
                            yield TextView(number, Rect(x, y, width, height), para, "cell", element.name, element)
                    x += width
                y += height
