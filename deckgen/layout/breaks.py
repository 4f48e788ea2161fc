"""Write the lines layout measured: every wrapped paragraph gets explicit line breaks.

Layout sizes each box from the lines :meth:`Typesetter.lines` predicts: wrapped at 98 %
of the width (``measure.WIDTH_SAFETY``) and, where the theme's face is not installed,
with its stand-in's margin, then settled by the reading rules (:mod:`phrases`). A
renderer left to wrap on its own uses the whole width and its own face, so a line
that fills 98–100 % of the box stayed one line there while its box kept room for two:
the phantom line that made gaps between items uneven. Written as explicit breaks
(``a:br``), the measured lines are the lines every renderer draws: each fits with the
margin to spare, and the rules (no lone last character, figures and terms whole) hold
as rendered.

Display text (titles, closings, a divider's lead, agenda entries, KPI and keyword labels) is first
balanced at phrase boundaries (:func:`display.display_breaks`); running text keeps its
greedy lines, settled by the rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from deckgen.typeset.display import display_breaks
from deckgen.layout.elements import Insets, Para, SlidePlan, Table, TextBox
from deckgen.typeset.typesetter import Typesetter

#: Text boxes whose every paragraph is display text, by name (titles go by role).
DISPLAY_NAMES = ("Closing text", "Subtitle", "Part lead")
DISPLAY_PREFIXES = ("Agenda entry ", "Keyword ")
DISPLAY_SUFFIXES = (" caption",)  # photo captions, centred under their photo
#: Boxes whose first paragraph only is display text (a KPI card's indicator).
DISPLAY_HEAD_PREFIXES = ("KPI ",)


def write_breaks(ts: Typesetter, slides: Iterable[SlidePlan]) -> None:
    """Put the measured line breaks into every text box and table cell of ``slides``
    (once: a slide's breaks are written when its text is final)."""
    for slide in slides:
        for element in slide.elements:
            if isinstance(element, TextBox):
                _box_breaks(ts, element)
            elif isinstance(element, Table):
                _table_breaks(ts, element)


def _box_breaks(ts: Typesetter, box: TextBox) -> None:
    if box.role in ("footer", "number"):
        return  # one line by construction (cut to fit)
    ts = ts.for_role(box.role)  # a template's letter spacing in its placeholders
    inner = box.rect.w - box.insets.left - box.insets.right
    name = box.name
    display_all = box.role == "title" or name in DISPLAY_NAMES or name.startswith(DISPLAY_PREFIXES) or name.endswith(DISPLAY_SUFFIXES)
    display_head = name.startswith(DISPLAY_HEAD_PREFIXES)
    for index, para in enumerate(box.paras):
        # A hung paragraph (layout.hanging) keeps its lines' width inside its margin.
        _para_breaks(ts, para, inner - para.margin_left_pt, display=display_all or (display_head and index == 0))


def _table_breaks(ts: Typesetter, table: Table) -> None:
    insets: Insets = table.insets
    for row in table.rows:
        for width, cell in zip(table.col_widths, row):
            for para in cell.paras:
                _para_breaks(ts, para, width - insets.left - insets.right, display=False)


def _para_breaks(ts: Typesetter, para: Para, inner: float, *, display: bool) -> None:
    """Insert a break at each line end of ``para`` that is not already a hard break."""
    if para.decimal_tab_pt is not None or any(run.field or run.size_pt is not None for run in para.runs):
        return  # a figure on a decimal tab, a slide number, a KPI value with its unit: one line
    text = para.text
    if not text.strip():
        return
    if ts.on_one_line(text, inner, para.size_pt, para.bold):
        return  # known from its width, without breaking it (most titles and labels)
    lines = ts.lines(text, inner, para.size_pt, para.bold)
    if len(lines) < 2:
        return
    if display:
        balanced = display_breaks(ts, text, inner, para.size_pt, para.bold, balance=True)
        if balanced != text:
            text = balanced
            lines = ts.lines(text, inner, para.size_pt, para.bold)
    cuts = []
    position = 0
    for line in lines[:-1]:
        position += len(line)
        if text[position] == "\n":
            position += 1  # a break already there
        else:
            cuts.append(position)
    if text != para.text:
        _set_text(para, text)
    if cuts:
        _insert_breaks(para, cuts)


def _set_text(para: Para, text: str) -> None:
    """Give ``para`` the same characters with the line breaks of ``text`` (which holds
    the paragraph's text with some ``\\n`` added)."""
    cuts, removed = [], 0
    for index, char in enumerate(text):
        if char == "\n" and (index - removed >= len(para.text) or para.text[index - removed] != "\n"):
            cuts.append(index - removed)
            removed += 1
    _insert_breaks(para, cuts)


def _insert_breaks(para: Para, cuts: list[int]) -> None:
    """Insert ``\\n`` before each character offset in ``cuts`` (offsets in the text as
    it is now); a cut at the boundary of two runs goes to the end of the first."""
    pending = sorted(cuts)
    offset = 0
    for run in para.runs:
        length = len(run.text)
        mine = [cut - offset for cut in pending if offset < cut <= offset + length]
        if mine:
            pieces, start = [], 0
            for cut in mine:
                pieces.append(run.text[start:cut])
                start = cut
            pieces.append(run.text[start:])
            run.text = "\n".join(pieces)
        offset += length
