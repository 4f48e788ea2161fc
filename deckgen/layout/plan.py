"""Lay out a whole deck: outline + theme -> :class:`DeckPlan`, slide by slide.

The deck's shape is fixed here: title, agenda, then per part a section divider and
its content slides, then the closing. A deck of one part with content slides has no
agenda and no divider (:func:`has_agenda`). Footers and slide numbers are added last,
when the total is known.
"""

from __future__ import annotations

import functools

from typing import TYPE_CHECKING, cast

from deckgen.layout.backdrop import make_readable
from deckgen.layout.base import base_plan, layout_key
from deckgen.layout.breaks import write_breaks
from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Fill, Finding, Icon, Insets, Rect, SlidePlan, TextBox
from deckgen.layout.hanging import hang_display_text, hang_item_text
from deckgen.kinds.icon_choice import part_icons
from deckgen.kinds.photos import divider_photo, image_beside, photo_findings, split_for_image
from deckgen.layout.labels import cover_lines, footer_text, part_label, subtitle_shown
from deckgen.layout.frame import Frame, chrome, fit_title, footer, number_style, open_stage, title_and_body, title_finding
from deckgen.kinds.metrics import metrics_form
from deckgen.kinds.registry import layout_slide
from deckgen.layout.limits import length_errors
from deckgen.layout.pages import centred
from deckgen.layout.paginate import even_pages
from deckgen.typeset.display import display_breaks
from deckgen.typeset.phrases import PHRASE_END
from deckgen.typeset.typesetter import TITLE_PITCH, Spec, Typesetter, chinese_number, sizes_down
from deckgen.outline.model import Deck, Part, Slide
from deckgen.theme.model import Theme

if TYPE_CHECKING:
    from deckgen.forked import Helper

CONTINUED = "（续）"
#: Kinds whose items stack from the top of the body: a short page is centred in it.
CENTRED_KINDS = frozenset({"bullets", "achievements", "focus-area"})


def plan_deck(deck: Deck, theme: Theme, ts: Typesetter | None = None) -> DeckPlan:
    """Return the laid-out deck. Pure: reads fonts to measure, writes nothing."""
    ts = ts or Typesetter(theme)
    base = base_plan(theme)
    frames = {role: Frame.for_layout(base, role) for role in base.layouts}
    plan = DeckPlan([], base.width, base.height, base=base)
    work = [(slide, part_label(part)) for part in deck.parts for slide in part.slides]
    # The helper lays out content slides only: it starts first, and the checks, cover,
    # agenda and divider icons below are made beside it.
    helper = _helper_from_the_end(ts, frames, work)
    sent: dict[int, _Laid] = {}  # content slides the helper laid out, by position in ``work``
    dividers: list[SlidePlan] = []
    position = 0
    try:
        # Text too long for any slide is refused before layout spends time on it.
        plan.findings.extend(length_errors(deck))
        if plan.findings:
            return plan
        scaffolded = has_agenda(deck)
        cover = title_slide(ts, frames["cover"], deck, plan.findings)
        cover.section = "封面与目录" if scaffolded else "封面"
        plan.slides.append(cover)
        agenda = agenda_slides(ts, frames["agenda"], deck) if scaffolded else []
        if len(agenda) > 1:
            message = f"the agenda of {len(deck.parts)} parts continues on {len(agenda)} slides marked （续）; consider fewer or shorter part titles"
            plan.findings.append(Finding("parts", message, kind="continued"))
        if agenda:
            agenda[0].anchor = "agenda"
        plan.slides.extend(agenda)
        # The lines measured are the lines drawn (layout.breaks): written as each slide's
        # text is final, here while the helper lays out content beside this process.
        write_breaks(ts, [cover, *agenda])
        icons = divider_icons(deck) if scaffolded else []  # chosen together, once per deck
        for index, part in enumerate(deck.parts):
            first = len(plan.slides)
            if scaffolded:
                divider = divider_slide(ts, frames["divider"], deck, index, plan.findings, icon=icons[index])
                divider.anchor = f"part:{index}"
                plan.slides.append(divider)
                dividers.append(divider)
                write_breaks(ts, [divider])  # even_progress below only drops whole rows
            elif part.image is not None:
                message = "a one-part talk has no section divider, so its image is not shown; put it on a slide (image: or a picture slide)"
                plan.findings.append(Finding(f"{part.image.path}.file", message))
            for slide in part.slides:
                if helper is not None:
                    _learn_from(helper, ts, position, sent)
                slides, found = sent.pop(position) if position in sent else _laid_out(ts, frames, slide, part_label(part))
                plan.slides.extend(slides)
                plan.findings.extend(found)
                position += 1
            if len(plan.slides) > first:  # each part is a section, from its divider (or first slide)
                plan.slides[first].section = f"{chinese_number(index + 1)}、{part.title}"
    finally:
        if helper is not None:
            helper.close()
    even_progress(dividers, len(deck.parts))
    closing = closing_slides(ts, frames, deck, plan.findings)
    closing[0].section = "结束"
    plan.slides.extend(closing)
    write_breaks(ts, closing)
    add_footers(ts, frames, deck, plan)
    make_readable(plan, theme)  # text colours that stand out from what is behind them
    hang_display_text(plan)
    hang_item_text(plan)
    plan.warnings.extend(ts.warnings)
    plan.stand_ins.extend(ts.stand_ins)
    return plan


#: Content slides from which a second process lays out the deck from its end (below
#: that, forking costs more than it saves).
HELPED_FROM = 20


#: A content slide laid out: its pages, and what layout found on the way.
_Laid = tuple[list[SlidePlan], list[Finding]]


def _laid_out(ts: Typesetter, frames: dict[str, Frame], slide: Slide, part_title: str) -> _Laid:
    """:func:`content_slides` of ``slide``, with its line breaks written: final."""
    findings: list[Finding] = []
    slides = content_slides(ts, frames, slide, findings, part_title=part_title)
    write_breaks(ts, slides)
    return slides, findings


def _helper_from_the_end(ts: Typesetter, frames: dict[str, Frame], work: list[tuple[Slide, str]]) -> Helper | None:
    """A second process laying out the content slides ``work`` from the last one back,
    while this one lays them out from the first, until the two meet; None when there is
    no second core (:func:`deckgen.forked.available`) or too few slides.

    It runs :func:`_from_the_end`. This process shares with it the answers it works
    out meanwhile (:func:`_learn_from`), so neither works out what the other did.
    """
    if len(work) < HELPED_FROM:
        return None
    from deckgen import forked

    if ts.stored_answers >= len(work) and ts.known_share([slide.title for slide, _ in work if slide.title]) > 0.5:
        return None  # built before: the cache answers most questions, a fork only costs
    return forked.start(functools.partial(_from_the_end, ts, frames, work))


def _from_the_end(ts: Typesetter, frames: dict[str, Frame], work: list[tuple[Slide, str]], send, progress, shared) -> None:
    """The helper's work: lay out ``work`` from its last slide back, until ``progress()``
    (where this process has come) reaches it.

    It sends, slide by slide, the slide laid out (the pages and findings this process
    would make the same way: layout reads only the outline slide, the frames and pure
    answers about text) with the line breaks and word readings it worked out (the
    entries the persistent cache keeps, so the next build finds them). A slide whose
    layout made the typesetter warn (a damaged or missing font) is sent without its
    pages, and this process lays it out itself and gives the warning. Before each slide
    it takes the answers this process has ``shared()`` since (a deck repeats its
    units, labels and headings: what one process has broken into lines, the other
    need not break again).
    """
    from deckgen.typeset import words

    warned = (ts.warnings, ts.stand_ins)
    for position in range(len(work) - 1, -1, -1):
        if position <= progress():
            return  # this process has come this far itself
        for lines, readings in cast("list[tuple[dict[str, list[str]], dict[str, str]]]", shared()):
            ts.learn(lines)
            words.learn(readings)
        slide, part_title = work[position]
        laid = _laid_out(ts, frames, slide, part_title)
        send((position, laid if (ts.warnings, ts.stand_ins) == warned else None, ts.worked_out(), words.read_since()))


def _learn_from(helper: Helper, ts: Typesetter, position: int, sent: dict[int, _Laid]) -> None:
    """Take what the helper process sent so far (its slides into ``sent``); tell it
    this process is at ``position``, and share the answers worked out here since."""
    from deckgen.typeset import words

    helper.tell(position)
    lines, readings = ts.worked_out(), words.read_since()
    if lines or readings:
        helper.share((lines, readings))
    for message in helper.received():
        at, laid, lines, readings = cast("tuple[int, _Laid | None, dict[str, list[str]], dict[str, str]]", message)
        if laid is not None and at >= position:
            sent[at] = laid
        ts.learn(lines)
        words.learn(readings)


def has_agenda(deck: Deck) -> bool:
    """True unless the deck is one part with content: a short talk needs no agenda or divider.

    A one-entry agenda and a lone divider would be scaffolding around the talk's few
    content slides (issue 10). A single part without slides keeps its divider, so the
    deck still shows the part.
    """
    return len(deck.parts) != 1 or not deck.parts[0].slides


def _display_fit(ts: Typesetter, text: str, width: float, height: float, max_lines: int = 3, *, insets: Insets | None = None) -> float:
    """The largest display size at which ``text`` fits ``height`` in ``max_lines`` lines.

    Up to :data:`DISPLAY_SHRINK_FOR_WORDS` smaller where the balanced lines then end
    between words rather than inside one. Goes down to the title floor (the theme's
    title minimum) with more lines before giving up, then, for extreme text only, down to the body minimum, so a title,
    divider or closing line is smaller rather than spilling. Callers report a size
    below the title floor (see :func:`_check_display`).
    """
    ts = ts.for_role("title")  # measured with the template's title letter spacing
    low = min(ts.theme.size("display").min_pt, ts.theme.size("title").min_pt)
    box = insets or Insets()
    inner = width - box.left - box.right
    largest = None
    for size in sizes_down(ts.theme.size("display").max_pt, low, 2.0):
        if largest is not None and size < largest - DISPLAY_SHRINK_FOR_WORDS:
            break
        spec = Spec(text, size, bold=True, pitch=TITLE_PITCH)
        lines = ts.count_lines(spec, width, insets)
        if ts.height([spec], width, insets) <= height and lines <= max_lines:
            if lines < 2 or not _breaks_a_word(display_breaks(ts, text, inner, size, True, balance=True)):
                return size
            # A step or two smaller where the lines then break between words, not
            # inside one (新时代新征程中国 / 共产党…, 铸就社会 / 主义… at 4:3 on a divider).
            largest = largest or size
    if largest is not None:
        return largest
    for size in sizes_down(low + 4, ts.theme.size("body").min_pt):
        if ts.height([Spec(text, size, bold=True, pitch=TITLE_PITCH)], width, insets) <= height:
            return size
    return ts.theme.size("body").min_pt


#: How much smaller (pt) a display text is set where that keeps its words whole.
DISPLAY_SHRINK_FOR_WORDS = 8.0


def _breaks_a_word(broken: str) -> bool:
    """True when a line of ``broken`` ends inside a word of the dictionary, compounds
    included (中国/共产党, 社会/主义), other than after punctuation."""
    from deckgen.typeset import words

    text = broken.replace("\n", "")
    inside = words.inner_positions(text) | words.joints(text)
    end = 0
    for line in broken.split("\n")[:-1]:
        end += len(line)
        if end in inside and text[end - 1] not in PHRASE_END:
            return True
    return False


def _check_display(ts: Typesetter, size: float, path: str, what: str, findings: list[Finding]) -> None:
    if size < ts.theme.size("title").min_pt:
        findings.append(Finding(path, f"{what} is too long: set at {size:g} pt, below the {ts.theme.size('title').min_pt:g} pt title minimum; shorten it", kind="shrunk"))


def _fit_lines(ts: Typesetter, text: str, width: float, high: float, low: float, max_lines: int, *, insets: Insets | None = None, **look) -> Spec:
    """A paragraph spec at the largest size in [low, high] that keeps to ``max_lines``."""
    spec = Spec(text, low, **look)
    for size in sizes_down(high, low):
        spec = Spec(text, size, **look)
        if ts.count_lines(spec, width, insets) <= max_lines:
            break
    return spec


def title_slide(ts: Typesetter, frame: Frame, deck: Deck, findings: list[Finding]) -> SlidePlan:
    """Title on the cover's brand band (subtitle under a gold rule), organisation below.

    On a template the title fills the cover layout's title placeholder and the
    subtitle and organisation its subtitle (or body) placeholder.
    """
    if not frame.generated:
        return _template_title_slide(ts, frame, deck, findings)
    theme = ts.theme
    w, h, mx = frame.width, frame.height, frame.margin_x
    band_h = round(h * 0.62)
    elements: list = []
    bottom: float = band_h - 22 - (14 if theme.motif == "ribbon" else 0)  # above the ribbon
    subtitle = subtitle_shown(deck.title, deck.subtitle)
    if subtitle:
        sub = _fit_lines(ts, subtitle, w - 2 * mx, 22, 18, 2, color=theme.color("on_primary"), pitch=1.3)
        sub_h = ts.height([sub], w - 2 * mx)
        elements.append(TextBox(Rect(mx, bottom - sub_h, w - 2 * mx, sub_h), ts.paras([sub]), "top", role="body", name="Subtitle"))
        bottom -= sub_h + 10
    elements.append(Fill(Rect(mx + 7.2, bottom - 5, 72, 5), theme.color("accent"), name="Title accent"))
    title_box = Rect(mx, h * 0.08, w - 2 * mx, bottom - 17 - h * 0.08)
    size = _display_fit(ts, deck.title, title_box.w, title_box.h)
    _check_display(ts, size, "title", "the deck title", findings)
    spec = Spec(deck.title, size, bold=True, color=theme.color("on_primary"), pitch=TITLE_PITCH)
    elements.insert(0, TextBox(title_box, ts.paras([spec]), "bottom", role="title", name="Title"))
    # Speaker line first (XXX同志讲话), then the organiser, then the date (2024年1月);
    # the fields still X are said once, in one calm line.
    given, to_come = cover_lines(deck)
    lines = []
    for n, text in enumerate(given):
        lead = n == 0
        lines.append(Spec(text, 22 if lead else 20, bold=lead, color=theme.color("text" if lead else "muted"), space_before_pt=0 if lead else 4))
    if to_come:
        lines.append(Spec(to_come, 20, color=theme.color("muted"), space_before_pt=4 if lines else 0))
    logo_w = 76.0 if theme.logo else 0.0
    if lines:
        box = Rect(mx, band_h + 28, w - 2 * mx - logo_w - 20, h - band_h - 56)
        for spec in lines:  # long names shrink to one line each where they can
            spec.size_pt = _fit_lines(ts, spec.text, box.w, spec.size_pt, 18, 1, bold=spec.bold).size_pt
        elements.append(TextBox(box, ts.paras(lines), "top", role="subtitle", name="Organisation"))
    return SlidePlan("title", deck.title, elements, notes=deck.notes, source_path="", layout="cover")


def _template_title_slide(ts: Typesetter, frame: Frame, deck: Deck, findings: list[Finding]) -> SlidePlan:
    title_box, insets = frame.title, frame.title_insets
    stage = open_stage(frame)
    if stage is not None:
        # The layout's title is a bar across the top: the deck title is set large in
        # the open area under it, the speaker, organiser and date below a rule.
        area = Rect(stage.x, stage.y + stage.h * 0.12, stage.w, stage.h * 0.45)
        size = _display_fit(ts, deck.title, area.w, area.h, insets=insets)
        title_box = Rect(area.x, area.y, area.w, min(area.h, _display_height(ts, deck.title, size, area.w, insets)))
    else:
        size = _display_fit(ts, deck.title, title_box.w, title_box.h, insets=insets)
    _check_display(ts, size, "title", "the deck title", findings)
    title_spec = Spec(deck.title, size, bold=True, align=frame.title_align, pitch=TITLE_PITCH)
    elements: list = [TextBox(title_box, ts.paras([title_spec]), frame.title_anchor if stage is None else "middle", insets, role="title", name="Title")]
    given, to_come = cover_lines(deck)
    lines = [Spec(x, 20) for x in (subtitle_shown(deck.title, deck.subtitle), *given, to_come) if x]
    layout = frame.layout
    slot = layout.subtitle or layout.body
    ts = ts.for_role("subtitle" if slot else "body")
    box = slot.rect if slot else Rect(title_box.x, title_box.bottom + 12, title_box.w, max(40.0, frame.height - title_box.bottom - 40))
    sub_insets = _slot_insets(slot)
    if stage is not None:
        rule_x = title_box.x + insets.left if frame.title_align == "left" else title_box.x + (title_box.w - 72) / 2
        elements.append(Fill(Rect(rule_x, title_box.bottom + 14, 72, 5), ts.theme.color("primary"), name="Title accent"))
        box = Rect(stage.x, title_box.bottom + 36, stage.w, stage.bottom - title_box.bottom - 36)
        sub_insets = insets
    if lines:
        for spec in lines:
            spec.size_pt = _fit_lines(ts, spec.text, box.w, 20, 18, 1, insets=sub_insets).size_pt
            spec.align = frame.title_align if stage is not None else slot.align if slot else "left"
        while len(lines) > 1 and ts.height(lines, box.w, sub_insets) > box.h:
            lines.pop()  # a small placeholder keeps the first lines (organisation and date are in the footers too)
        held = _holding_box(ts, lines, box, frame, insets=sub_insets)
        if held is not None:
            if stage is not None:  # as tall as its lines, so the group can be placed
                held = Rect(held.x, held.y, held.w, min(held.h, ts.height(lines, held.w, sub_insets)))
            elements.append(TextBox(held, ts.paras(lines), "top", sub_insets, role="subtitle" if slot else "body", name="Subtitle"))
    if stage is not None:
        _settle(elements, stage)
    return SlidePlan("title", deck.title, elements, notes=deck.notes, source_path="", layout="cover")


def _settle(elements: list, stage: Rect) -> None:
    """Move a cover's title group (title, rule, speaker lines) down so it sits a little
    above the middle of the open area, as a title page's text does."""
    top = min(e.rect.y for e in elements)
    bottom = max(e.rect.bottom for e in elements)
    shift = stage.y + (stage.h - (bottom - top)) * 0.4 - top
    if shift <= 0:
        return
    for element in elements:
        r = element.rect
        element.rect = Rect(r.x, r.y + shift, r.w, r.h)


def _slot_insets(slot) -> Insets:
    """The insets of a template placeholder text is set in (PowerPoint's defaults without one)."""
    return slot.insets if slot is not None and slot.insets is not None else Insets()


def _holding_box(ts: Typesetter, specs: list[Spec], box: Rect, frame: Frame, *, insets: Insets | None = None) -> Rect | None:
    """``box``, grown downwards (within the slide) when ``specs`` need more height; None
    when they cannot be held at all. Template placeholders may be small."""
    need = ts.height(specs, box.w, insets)
    if need <= box.h + 0.01:
        return box
    if box.y + need <= frame.height - 8:
        return Rect(box.x, box.y, box.w, need)
    return None


AGENDA_ROWS = 7  # rows per column; more parts go to a second column, then a second slide


def agenda_slides(ts: Typesetter, frame: Frame, deck: Deck) -> list[SlidePlan]:
    """The agenda: one numbered row per part; two columns past six parts, continued past 14."""
    theme = ts.theme
    n = len(deck.parts)
    cols = 1 if n <= 6 else 2
    fit = fit_title(ts, "目录" + CONTINUED, frame.title.w, frame.title.h, theme.size("title").max_pt, theme.size("title").min_pt, insets=frame.title_insets)
    _, body = chrome(ts, frame, "目录", fit)
    gap = 32.0
    col_w = (body.w - gap * (cols - 1)) / cols
    badge = 44.0 if cols == 1 else 36.0
    text_w = col_w - badge - 20
    insets = Insets(4, 4, 2, 2)
    size_range = theme.size("body")
    wanted_rows = min(AGENDA_ROWS, -(-n // cols)) if cols > 1 else n
    row_h = min(76.0, body.h / max(1, wanted_rows))
    size = size_range.min_pt
    for size in sizes_down(26 if cols == 1 else 22, size_range.min_pt):
        if all(ts.height([Spec(p.short or p.title, size)], text_w, insets) <= row_h - 4 for p in deck.parts):
            break
    # Long part titles at the minimum size: taller rows, fewer per column, more slides.
    need = max(ts.height([Spec(p.short or p.title, size)], text_w, insets) for p in deck.parts) + 4
    row_h = max(row_h, need)
    rows = max(1, min(wanted_rows, int(body.h // row_h)))
    per_page = rows * cols
    pages = even_pages(n, per_page)
    plans = []
    for page_no, page in enumerate(pages):
        title = "目录" + (CONTINUED if page_no else "")
        elements, _ = chrome(ts, frame, title, fit)
        page_rows = min(rows, -(-len(page) // cols))  # columns filled evenly
        top = body.y + (body.h - row_h * page_rows) / 2
        for k, i in enumerate(page):
            c, r = divmod(k, page_rows)
            x = body.x + c * (col_w + gap)
            y = top + r * row_h
            badge_rect = Rect(x, y + (row_h - badge) / 2, badge, badge)
            elements.append(Fill(badge_rect, theme.color("primary"), "rounded", name=f"Agenda badge {i + 1}", link=f"part:{i}"))
            number = Spec(f"{i + 1:02d}", 20 if cols == 1 else 18, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2)
            elements.append(TextBox(badge_rect, ts.paras([number]), "middle", Insets(0, 0, 0, 0), "label", f"Agenda number {i + 1}"))
            # The part's short label where it has one: the agenda lists, the divider titles.
            spec = Spec(deck.parts[i].short or deck.parts[i].title, size, color=theme.color("text"))
            elements.append(TextBox(Rect(x + badge + 20, y, text_w, row_h), ts.paras([spec]), "middle", insets, "body", f"Agenda entry {i + 1}", link=f"part:{i}"))
        plans.append(SlidePlan("agenda", title, elements, notes=None, continued=page_no > 0, layout="agenda"))
    return plans


def divider_slide(ts: Typesetter, frame: Frame, deck: Deck, index: int, findings: list[Finding], *, icon: str | None = None) -> SlidePlan:
    """A section divider: part number on a brand panel, title, agenda progress and
    ``icon`` (this part's entry of :func:`divider_icons`)."""
    if not frame.generated:
        return _template_divider(ts, frame, deck, index, findings)
    theme = ts.theme
    part: Part = deck.parts[index]
    w, h, mx = frame.width, frame.height, frame.margin_x
    panel_w = round(w * 0.34)
    elements: list = []  # the brand panel is on the 章节页 layout
    if part.image is not None:
        image_errors = photo_findings([part.image])
        findings.extend(image_errors)
        if not image_errors:
            # The photo stops above the footer, which stays on the brand colour.
            elements.extend(divider_photo(ts, part.image, Rect(0, 0, panel_w - (16 if theme.motif == "ribbon" else 0), h - 52)))
    label = Spec(f"第{chinese_number(index + 1)}部分", 24, color=theme.color("on_primary"), align="center", pitch=1.3)
    number = Spec(f"{index + 1:02d}", 80, bold=True, color=theme.color("on_primary"), align="center", pitch=1.15, space_before_pt=6)
    elements.append(TextBox(Rect(24, h * 0.26, panel_w - 48, 150), ts.paras([label, number]), "top", role="label", name="Part number", link="agenda"))
    if icon:
        size = DIVIDER_ICON_PT
        elements.append(Icon(Rect((panel_w - size) / 2, h * 0.26 - size - 18, size, size), icon, theme.color("on_primary")))
    right_x = panel_w + 48
    right_w = w - right_x - mx
    led = any(p.lead for p in deck.parts)  # every divider of a deck with leads alike: title higher
    title_box = Rect(right_x, h * (0.10 if led else 0.14), right_w, h * 0.40)
    size = _display_fit(ts, part.title, right_w, title_box.h)
    if size < ts.theme.size("display").min_pt:
        # A long part title takes the room of most of the agenda progress below it.
        title_box = Rect(right_x, 40, right_w, h - 40 - 52 - 40 - 2 * 26)
        size = _display_fit(ts, part.title, right_w, title_box.h, max_lines=8)
        title_box = Rect(right_x, 40, right_w, max(h * 0.40 + h * 0.14 - 40, ts.height([Spec(part.title, size, bold=True, pitch=TITLE_PITCH)], right_w)))
    _check_display(ts, size, part.path, "the part title", findings)
    spec = Spec(part.title, size, bold=True, color=theme.color("primary_dark"), pitch=TITLE_PITCH)
    elements.append(TextBox(title_box, ts.paras([spec]), "bottom", role="title", name="Title"))
    elements.append(Fill(Rect(right_x + 7.2, title_box.bottom + 14, 64, 5), theme.color("accent"), name="Title accent"))
    below = title_box.bottom + 40
    if part.lead:
        room = Rect(right_x, title_box.bottom + 30, right_w, h - title_box.bottom - 30 - 52)
        keep = 20 + 26 * min(len(deck.parts), LEAD_PROGRESS_ROWS)
        largest = _lead_size(ts, deck, right_w, room.h - keep)
        lead = _lead_box(ts, part, room, findings, largest=largest, keep=keep)
        if lead is not None:
            elements.append(lead)
            below = lead.rect.bottom + 20
    # With leads, the progress keeps to the parts around this one, on every divider.
    rows = LEAD_PROGRESS_ROWS if led else PROGRESS_ROWS
    elements.extend(_progress(ts, deck, index, Rect(right_x, below, right_w, h - below - 52), most=rows))
    return SlidePlan("divider", part.title, elements, notes=part.notes, source_path=part.path, layout="divider")


#: A part's lead on its divider: set from this size down to the body minimum.
LEAD_MAX_PT = 24.0
LEAD_PITCH = 1.3
LEAD_INSETS = Insets(7.2, 7.2, 2, 2)
LEAD_LINES = 3  # lines the longest lead of a deck may take at the deck's lead size
LEAD_PROGRESS_ROWS = 3  # agenda entries a divider with a lead shows: the part and its neighbours


def _lead_size(ts: Typesetter, deck: Deck, width: float, height: float) -> float:
    """One size for the leads of all dividers of a deck: the largest at which every
    lead keeps to :data:`LEAD_LINES` lines and ``height`` in ``width`` (the body
    minimum at least)."""
    leads = [part.lead for part in deck.parts if part.lead]
    low = ts.theme.size("body").min_pt
    for size in sizes_down(max(LEAD_MAX_PT, low), low):
        specs = [Spec(text, size, pitch=LEAD_PITCH) for text in leads]
        if all(ts.count_lines(spec, width, LEAD_INSETS) <= LEAD_LINES and ts.height([spec], width, LEAD_INSETS) <= height for spec in specs):
            return size
    return low


def _lead_box(
    ts: Typesetter,
    part: Part,
    room: Rect,
    findings: list[Finding],
    *,
    align: str = "left",
    insets: Insets = LEAD_INSETS,
    keep: float = 0.0,
    at_least: float = 0.0,
    role: str = "body",
    themed: bool = True,
    largest: float = LEAD_MAX_PT,
) -> TextBox | None:
    """The part's lead (its key sentence) under the divider's title, as tall as its
    lines: at the largest size (from :data:`LEAD_MAX_PT` down to the body minimum) that
    leaves ``keep`` points of ``room`` free (for the agenda progress under it), else
    ``at_least`` points (a shorter progress), else the largest that fits ``room``. None, with a finding, when it does not fit even
    at the minimum size. ``themed`` sets the theme's text colour; on a template the
    lead takes the colour of the ``role`` it is set in, as the label beside it does."""
    theme = ts.theme
    text = part.lead or ""
    sizes = list(sizes_down(max(largest, theme.size("body").min_pt), theme.size("body").min_pt))
    for spare in (keep, at_least, 0.0):
        for size in sizes:
            spec = Spec(text, size, color=theme.color("text") if themed else None, align=align, pitch=LEAD_PITCH)
            need = ts.height([spec], room.w, insets)
            if need <= room.h - spare:
                return TextBox(Rect(room.x, room.y, room.w, need), ts.paras([spec]), "top", insets, role=role, name="Part lead")
    findings.append(Finding(f"{part.path}.lead", "the part's lead does not fit on its divider under the title; shorten it (the rest can go in the part's notes)", kind="shrunk"))
    return None


def divider_icons(deck: Deck) -> list[str | None]:
    """Each part's divider icon, chosen for the deck's dividers together (no repeats,
    none missing); a part without a cue in its title borrows one from its slides' titles."""
    contents = ["\n".join(slide.title or "" for slide in part.slides) for part in deck.parts]
    return part_icons([part.title for part in deck.parts], [part.icon for part in deck.parts], contents)


def _template_divider(ts: Typesetter, frame: Frame, deck: Deck, index: int, findings: list[Finding]) -> SlidePlan:
    """A divider on the template's section layout: the part's number large (01) over
    its title in the title placeholder, 第X部分，共Y部分 in its body placeholder when it
    has one (linked to the agenda). On a template without a section layout (the divider
    borrows the cover or content layout) the number and title are set large in the open
    area under the title bar (:func:`open_stage`) and the parts follow as progress, the
    current one highlighted, where there is room: the divider still says where the talk is."""
    part: Part = deck.parts[index]
    total = len(deck.parts)
    insets, align = frame.title_insets, frame.title_align
    stage = open_stage(frame)
    title_box = frame.title
    numeral: Rect | None = None
    numeral_size = 0.0
    if stage is not None:
        numeral_size = NUMERAL_SIZES[0]
        numeral_h = _numeral_height(ts, numeral_size, stage.w, insets)
        area = Rect(stage.x, stage.y + numeral_h, stage.w, stage.h * 0.36)
        size = _display_fit(ts, part.title, area.w, area.h, insets=insets)
        title_box = Rect(area.x, area.y, area.w, min(area.h, _display_height(ts, part.title, size, area.w, insets)))
        numeral = Rect(stage.x, stage.y, stage.w, numeral_h)
    else:
        size = _display_fit(ts, part.title, title_box.w, title_box.h, insets=insets)
        numeral, numeral_size, title_box = _numeral_over_title(ts, frame, title_box, _display_height(ts, part.title, size, title_box.w, insets))
    _check_display(ts, size, part.path, "the part title", findings)
    elements: list = []
    numeral_insets = insets
    title = Spec(part.title, size, bold=True, align=align, pitch=TITLE_PITCH)
    elements.insert(0, TextBox(title_box, ts.paras([title]), frame.title_anchor if stage is None else "middle", insets, role="title", name="Title"))
    place = f"，共{chinese_number(total)}部分" if total > 1 else ""
    label = Spec(f"第{chinese_number(index + 1)}部分{place}", 24, align=align, pitch=1.3)
    slot = frame.layout.body or frame.layout.subtitle
    body_ts = ts
    label_role = "subtitle" if slot else "label"
    ts = ts.for_role(label_role)
    label_insets = _slot_insets(slot) if stage is None else insets
    lead: TextBox | None = None
    if stage is not None:
        top = title_box.bottom + 16
        if part.lead:
            # The key sentence right under the title; the label and progress follow it.
            room = Rect(stage.x, title_box.bottom + 8, stage.w, stage.bottom - title_box.bottom - 8)
            lead = _lead_box(ts, part, room, findings, align=align, insets=insets, keep=60 + 26 * min(total, 3), role="label", themed=False)
            top = lead.rect.bottom + 16 if lead is not None else top
        box = Rect(stage.x, top, stage.w, stage.bottom - top)
    else:
        box = slot.rect if slot else Rect(frame.title.x, max(8.0, frame.title.y - 48), frame.title.w, 44)
    if ts.height([label], box.w, label_insets) > box.h or ts.count_lines(label, box.w, label_insets) > 1:
        label.size_pt = 18
    if numeral is None and stage is None and slot is not None and box.bottom <= frame.title.y + 1:
        # The label's placeholder sits over the title (PowerPoint's default section
        # header): the numeral takes its upper part, the label the lines over the title.
        need = ts.height([label], box.w, label_insets)
        for numeral_size in NUMERAL_SIZES:
            height = _numeral_height(ts, numeral_size, box.w, label_insets)
            if box.h - need >= height + 4:
                numeral = Rect(box.x, box.bottom - need - height - 4, box.w, height)
                box, numeral_insets = Rect(box.x, box.bottom - need, box.w, need), label_insets
                break
    if numeral is not None:
        spec = Spec(f"{index + 1:02d}", numeral_size, bold=True, color=ts.theme.color("primary"), align=align, pitch=NUMERAL_PITCH)
        elements.append(TextBox(numeral, ts.paras([spec]), "bottom", numeral_insets, role="label", name="Part numeral", link="agenda"))
    held = _holding_box(ts, [label], box, frame, insets=label_insets)
    progress: list = []
    if held is not None and total > 1 and not frame.layout.section and held.y >= frame.title.bottom - 0.01:
        # The label takes the lines it needs; the parts follow under it, down to the footers.
        need = ts.height([label], held.w, label_insets)
        bottom = min([r.y for r in (frame.footer, frame.number) if r is not None and r.y > held.y] + [held.bottom, frame.height * 0.92])
        start = held.y + need + 16
        if part.lead:
            # The key sentence under the label, the parts after it where room is left:
            # a long lead is set smaller (down to the body's smallest size) rather than
            # leave no room for two parts, the one before and this one.
            room = Rect(held.x, held.y + need + 12, held.w, bottom - held.y - need - 12 - 8)
            lead = _lead_box(
                ts, part, room, findings, align=align, insets=label_insets,
                keep=16 + 26 * min(total, 3), at_least=8 + PROGRESS_TIGHT_ROW * min(total, PROGRESS_MIN_ROWS), role="label", themed=False,
            )
            if lead is not None:
                roomy = bottom - lead.rect.bottom - 16 - 8 >= PROGRESS_ROW * min(total, 3)
                start = lead.rect.bottom + (16 if roomy else 8)
        region = Rect(held.x, start, held.w, bottom - start - 8)
        if region.h >= PROGRESS_TIGHT_ROW * min(total, PROGRESS_MIN_ROWS) or lead is not None:
            held = Rect(held.x, held.y, held.w, need)
        if region.h >= PROGRESS_TIGHT_ROW * min(total, PROGRESS_MIN_ROWS):
            # Rows a little closer only where a long lead leaves room for no more.
            tight = region.h < PROGRESS_ROW * min(total, PROGRESS_MIN_ROWS)
            progress = _progress(body_ts, deck, index, region, row_min=PROGRESS_TIGHT_ROW if tight else PROGRESS_ROW)
    if part.lead and lead is None and stage is None:
        said = Rect(held.x, held.y, held.w, ts.height([label], held.w, label_insets)) if held is not None else None
        lead_insets = label_insets if said is not None else insets
        lead, short = _lead_under(ts, frame, part, title_box, said, findings, insets=lead_insets, align=align, role="label")
        if lead is None and short > 0:
            # A section layout that sets its title low (PowerPoint's own): the numeral,
            # label and title move up by what the lead needs, where the slide is free.
            group = [e for e in elements if isinstance(e, TextBox)]
            tops = [e.rect.y for e in group] + ([held.y] if held is not None else [])
            scenery = frame.layout.scenery.decorations if frame.layout.scenery else ()
            marks = [Rect(d.x, d.y, d.w, d.h) for d in scenery if d.w < frame.width * 0.5 and d.h < frame.height * 0.5]  # emblems, not backgrounds
            moved = [Rect(r.x, r.y - short, r.w, r.h) for r in [e.rect for e in group] + ([held] if held is not None else [])]
            clear = not any(m.x < d.right and d.x < m.right and m.y < d.bottom and d.y < m.bottom for m in moved for d in marks)
            if tops and min(tops) - short >= frame.height * 0.06 and clear:
                for moving in group:
                    moving.rect = Rect(moving.rect.x, moving.rect.y - short, moving.rect.w, moving.rect.h)
                title_box = Rect(title_box.x, title_box.y - short, title_box.w, title_box.h)
                held = Rect(held.x, held.y - short, held.w, held.h) if held is not None else None
                said = Rect(said.x, said.y - short, said.w, said.h) if said is not None else None
                lead, short = _lead_under(ts, frame, part, title_box, said, findings, insets=lead_insets, align=align, role="label")
        if lead is None:
            message = "the template's section layout leaves no room for the part's lead under its title, so it is not shown; shorten it or put it on a statement slide"
            findings.append(Finding(f"{part.path}.lead", message, kind="shrunk"))
        if lead is not None and held is not None and said is not None and lead.rect.y >= said.bottom:
            held = said  # the label's box as tall as its lines: the lead is set under them
    if held is not None:
        elements.append(TextBox(held, ts.paras([label]), "top", label_insets, role=label_role, name="Part number", link="agenda"))
    if lead is not None:
        elements.append(lead)
    elements.extend(progress)
    return SlidePlan("divider", part.title, elements, notes=part.notes, source_path=part.path, layout="divider")


def _lead_under(
    ts: Typesetter, frame: Frame, part: Part, title_box: Rect, label: Rect | None, findings: list[Finding], *, insets: Insets, align: str, role: str
) -> tuple[TextBox | None, float]:
    """The part's lead on a template's section layout: under the title (and under the
    lines of the label when that is set below the title), as wide as the title, down
    to the footers. With no room, None and how many points more it needs at the
    minimum size (the caller may make room and try again)."""
    top, column = title_box.bottom + 8, title_box
    if label is not None and label.y >= title_box.bottom - 0.01:
        top, column = max(top, label.bottom + 12), label  # lined up with the label over it
    bottom = min([r.y for r in (frame.footer, frame.number) if r is not None and r.y > top] + [frame.height * 0.92])
    least = Spec(part.lead or "", ts.theme.size("body").min_pt, pitch=LEAD_PITCH)
    short = ts.height([least], column.w, insets) - (bottom - top)
    if short > 0:
        return None, short + 1
    return _lead_box(ts, part, Rect(column.x, top, column.w, bottom - top), findings, align=align, insets=insets, role=role, themed=False), 0.0


#: Sizes of a divider's part numeral (01) on a template, largest first.
NUMERAL_SIZES = (72.0, 60.0, 48.0)
NUMERAL_PITCH = 1.1


def _numeral_height(ts: Typesetter, size: float, width: float, insets: Insets) -> float:
    return ts.height([Spec("01", size, bold=True, pitch=NUMERAL_PITCH)], width, insets)


def _display_height(ts: Typesetter, text: str, size: float, width: float, insets: Insets) -> float:
    return ts.for_role("title").height([Spec(text, size, bold=True, pitch=TITLE_PITCH)], width, insets)


def _numeral_over_title(ts: Typesetter, frame: Frame, title: Rect, need: float) -> tuple[Rect | None, float, Rect]:
    """Room for the part's numeral on a section layout: in the title placeholder above
    the title's lines (the title then takes the lower part of its box; not when the
    placeholder has a fill of its own, whose panel keeps its size), else just
    above the box where no emblem or fixed text of the template lies. Returns the
    numeral's box (None when there is no room), its size, and the title's box."""
    scenery = frame.layout.scenery
    filled = scenery is not None and "title" in scenery.placeholder_fills
    # A title placeholder with its own fill (nyush's grey panel) keeps its whole box.
    free = 0.0 if filled else title.h - need
    marks = [Rect(d.x, d.y, d.w, d.h) for d in (frame.layout.scenery.decorations if frame.layout.scenery else ()) if d.w < frame.width * 0.5 and d.h < frame.height * 0.5]
    marks += [slot.rect for slot in (frame.layout.body, frame.layout.subtitle) if slot is not None]  # where the label goes
    for size in NUMERAL_SIZES:
        height = _numeral_height(ts, size, title.w, frame.title_insets)
        if free >= height + 4:
            lower = Rect(title.x, title.bottom - need, title.w, need)
            return Rect(title.x, lower.y - height, title.w, height), size, lower
        above = Rect(title.x, title.y - height, title.w, height)
        clear = not any(above.x < d.right and d.x < above.right and above.y < d.bottom and d.y < above.bottom for d in marks)
        if above.y >= frame.height * 0.05 and clear:
            return above, size, title
    return None, 0.0, title


DIVIDER_ICON_PT = 52.0
PROGRESS_ROWS = 7  # a divider shows at most this many agenda entries around the current one
PROGRESS_MIN_ROWS = 2  # fewer than this (the current part alone) says nothing: no progress
PROGRESS_ROW = 26.0  # the least height of a progress row (18 pt text)
PROGRESS_TIGHT_ROW = 23.0  # … under a long lead that leaves room for two rows only so


def _progress(ts: Typesetter, deck: Deck, index: int, box: Rect, *, most: int = PROGRESS_ROWS, row_min: float = PROGRESS_ROW) -> list:
    """The agenda with the current part highlighted, at most ``most`` entries around
    it, each at least ``row_min`` points tall: where we are in the talk."""
    theme = ts.theme
    n = len(deck.parts)
    if box.h < row_min:
        return []  # a very long part title took the room
    shown = min(n, most, int(box.h // row_min))
    first = min(max(0, index - shown // 2), n - shown)
    row_h = min(30.0, box.h / max(1, shown))
    size = 18.0
    insets = Insets(4, 4, 0, 0)
    # The numbers in a column of their own, as wide as the widest bold number, and
    # the labels in one column after it: a label starting with a digit ("2024年…")
    # or a letter lines up with the one starting with a Chinese character.
    numbers = [f"{i + 1:02d}" for i in range(first, first + shown)]
    number_w = max(ts.width(number, size, True) for number in numbers) + insets.left + insets.right + 6
    label_x = box.x + 28 + number_w
    label_w = box.x + box.w - label_x
    out: list = []
    for k, i in enumerate(range(first, first + shown)):
        part = deck.parts[i]
        current = i == index
        y = box.y + k * row_h
        marker = theme.color("primary") if current else theme.color("rule")
        color = theme.color("primary_dark") if current else theme.color("muted")
        out.append(Fill(Rect(box.x + 8, y + row_h / 2 - 4, 8, 8), marker, name=f"Progress marker {i + 1}"))
        number = Spec(numbers[k], size, bold=current, color=color, pitch=1.25)
        out.append(TextBox(Rect(box.x + 28, y, number_w, row_h), ts.paras([number]), "middle", insets, "body", f"Progress number {i + 1}", link=f"part:{i}"))
        text = part_label(part)
        spec = Spec(text, size, bold=current, color=color, pitch=1.25)
        # One line per entry: a long part title is cut with an ellipsis here only;
        # the full title is on its own divider and in the agenda.
        if ts.count_lines(spec, label_w, insets) > 1:
            # Cut inside CJK text (an ellipsis after Latin sets badly) until the entry is
            # one line as measured, so the line written is the line drawn.
            while len(text) > 6 and (text[-1].isascii() or ts.count_lines(Spec(text + "…", size, bold=current), label_w, insets) > 1):
                text = text[:-1]
            spec.text = text + "…"
        out.append(TextBox(Rect(label_x, y, label_w, row_h), ts.paras([spec]), "middle", insets, "body", f"Progress {i + 1}", link=f"part:{i}"))
    return out


def even_progress(dividers: list[SlidePlan], parts: int) -> None:
    """Every divider of a deck lists as many parts in its progress: as many as the
    divider with the least room lists (on a template, a long lead left one divider no
    room while the others listed three parts and those without a lead six), the
    current part and its neighbours, from the top of where the list was."""
    shown: list[list[int]] = []
    for divider in dividers:
        shown.append(sorted(int(e.name.rsplit(" ", 1)[1]) - 1 for e in divider.elements if getattr(e, "name", "").startswith("Progress marker ")))
    if len({len(rows) for rows in shown}) <= 1:
        return
    fewest = min(len(rows) for rows in shown)
    for divider, rows in zip(dividers, shown):
        if len(rows) == fewest:
            continue
        index = int(divider.anchor.removeprefix("part:")) if divider.anchor.startswith("part:") else rows[0]
        first = min(max(rows[0], index - fewest // 2), rows[-1] + 1 - fewest, max(0, parts - fewest))
        first = max(first, rows[0])
        kept = set(range(first, first + fewest))
        markers = {int(e.name.rsplit(" ", 1)[1]) - 1: e.rect.y for e in divider.elements if getattr(e, "name", "").startswith("Progress marker ")}
        shift = markers[first] - markers[rows[0]] if kept else 0.0
        elements = []
        for element in divider.elements:
            name = getattr(element, "name", "")
            if name.startswith("Progress "):
                row = int(name.rsplit(" ", 1)[1]) - 1
                if row not in kept:
                    continue
                element.rect = Rect(element.rect.x, element.rect.y - shift, element.rect.w, element.rect.h)
            elements.append(element)
        divider.elements = elements


def content_slides(ts: Typesetter, frames: dict[str, Frame], slide: Slide, findings: list[Finding], *, part_title: str = "") -> list[SlidePlan]:
    """Lay out one outline slide on its kind's layout; more than one plan when it continues.

    An untitled statement is headed by its part's title (``part_title``) rather than
    leaving the top of the slide empty.
    """
    role = layout_key(slide.kind, frames)
    frame = frames[role]
    title = slide.title or (part_title if slide.kind in ("statement", "keywords") else "")
    size = ts.theme.size("title")
    # Fit the longest title this slide can have (with （续）) so every page shares one body.
    longest = title + CONTINUED if title else title
    fit = fit_title(ts, longest, frame.title.w, frame.title.h, size.max_pt, size.min_pt, insets=frame.title_insets)
    title_problem = title_finding(fit, size.min_pt) if title else None
    if title_problem:
        findings.append(Finding(slide.path, title_problem, kind="shrunk"))
    _, body = title_and_body(frame, fit)
    beside: list = []
    if slide.image is not None and slide.kind in ("achievements", "statement"):
        image_errors = photo_findings([slide.image])
        findings.extend(image_errors)
        if not image_errors:
            body, frame_rect = split_for_image(body)
            beside = image_beside(ts, slide.image, frame_rect)
    pages = layout_slide(ts, slide, body)
    if slide.kind in CENTRED_KINDS:
        pages.pages = [centred(page, body) for page in pages.pages]
    for page in pages.pages:
        page[:0] = beside
    findings.extend(pages.findings)
    if pages.continued:
        reason = pages.split_reason or "does not fit on one slide even at the minimum size"
        findings.append(Finding(slide.path, f"{reason}; continued on {len(pages.pages)} slides marked （续）", kind="continued"))
    elif pages.at_minimum:
        findings.append(Finding(slide.path, "set at the minimum font size to fit; consider shortening the text", kind="shrunk"))
    out = []
    for n, page in enumerate(pages.pages):
        page_title = title + CONTINUED if n else title
        # Every page uses the size fitted for the longest title and keeps room for
        # （续） on its last line, so the title breaks alike on every page.
        reserve = CONTINUED if pages.continued else ""
        elements = list(chrome(ts, frame, title, fit, mark=CONTINUED if n else "", reserve=reserve)[0]) if page_title else []
        elements.extend(page)
        notes = slide.notes if n == 0 else ("（续上页）" if slide.notes else None)
        out.append(SlidePlan(slide.kind, page_title, elements, notes, source_path=slide.path, continued=n > 0, layout=role, form=_form(slide)))
    return out


def _form(slide: Slide) -> str:
    """How the slide's kind shows its content (a review tells look-alike slides by it)."""
    if slide.kind == "metrics":
        return metrics_form(slide)
    return slide.style or ""


CLOSING_TEXT_TITLE = "结语"  # a closing text too long for the closing slide, set before it


def closing_slides(ts: Typesetter, frames: dict[str, Frame], deck: Deck, findings: list[Finding]) -> list[SlidePlan]:
    """The closing line large on the brand colour, a smaller line under it.

    A closing text too long for the space under the closing line is set on a
    statement slide titled 结语 just before the closing slide, rather than shrunk or
    cut. On a
    template the closing line fills the closing layout's title placeholder.
    """
    theme = ts.theme
    frame = frames["closing"]
    w, h, mx = frame.width, frame.height, frame.margin_x
    closing = deck.closing
    generated = frame.generated
    on_brand = theme.color("on_primary") if generated else None
    box = Rect(mx, h * 0.20, w - 2 * mx, h * 0.36) if generated else frame.title
    insets = frame.title_insets if not generated else None
    stage = open_stage(frame)
    if stage is not None:  # a title bar only: the closing line large in the open area under it
        box = Rect(stage.x, stage.y + stage.h * 0.18, stage.w, stage.h * 0.34)
    size = _display_fit(ts, closing.title, box.w, box.h, max_lines=2, insets=insets)
    _check_display(ts, size, "closing", "the closing line", findings)
    elements: list = [
        TextBox(box, ts.paras([Spec(closing.title, size, True, on_brand, align="center", pitch=TITLE_PITCH)]), "bottom" if generated or stage else frame.title_anchor,
                insets or Insets(), role="title", name="Title"),
    ]
    if generated or stage is not None:
        elements.append(Fill(Rect(w / 2 - 40, box.bottom + 16, 80, 5), theme.color("accent"), name="Closing accent"))
    slot = None if generated else (frame.layout.subtitle or frame.layout.body)
    before: list[SlidePlan] = []
    body_ts = ts
    ts = ts.for_role("subtitle" if slot else "body")  # the closing text and sign-off
    if closing.text:
        if generated:
            text_box = Rect(mx + 40, box.bottom + 36, w - 2 * mx - 80, h - box.bottom - 36 - 70)
        elif stage is not None:
            text_box = Rect(stage.x, box.bottom + 36, stage.w, stage.bottom - box.bottom - 36 - 40)
        else:
            text_box = slot.rect if slot else Rect(box.x, box.bottom + 12, box.w, max(0.0, h * 0.9 - box.bottom - 12))
        spec = Spec(closing.text, 18, color=on_brand)
        for text_size in sizes_down(24, 18):
            spec = Spec(closing.text, text_size, color=on_brand)
            if ts.height([spec], text_box.w) <= text_box.h:
                break
        if ts.height([spec], text_box.w) <= text_box.h:
            spec.align = "center"  # under a centred closing line
            elements.append(TextBox(text_box, ts.paras([spec]), "top", role="subtitle" if slot else "body", name="Closing text"))
            slot = None  # taken
        else:
            # Titled as the call it is, not as the closing line: a deck never shows
            # one title twice (the closing slide follows with the closing line).
            statement = Slide("statement", title=CLOSING_TEXT_TITLE, text=closing.text, path="closing")
            before = content_slides(body_ts, frames, statement, [])
    # Signed as the footers are: an organisation that is only a placeholder is left out.
    sign = footer_text("{organisation}  {date}", organisation=deck.organisation, date=deck.date)
    sign_box = Rect(mx, h - 62, w - 2 * mx, 34) if generated else slot.rect if slot else None
    if stage is not None:
        sign_box = Rect(stage.x, stage.bottom - 34, stage.w, 34)
    if sign and sign_box is not None:
        sign_spec = _fit_lines(ts, sign, sign_box.w, 18, 14, 1, color=on_brand, align="center")
        if ts.height([sign_spec], sign_box.w) <= sign_box.h + 0.01:
            elements.append(TextBox(sign_box, ts.paras([sign_spec]), "middle", role="label" if generated or stage is not None else "subtitle", name="Sign-off"))
    closing_plan = SlidePlan("closing", closing.title, elements, notes=closing.notes, source_path="closing", layout="closing")
    return before + [closing_plan]


def add_footers(ts: Typesetter, frames: dict[str, Frame], deck: Deck, plan: DeckPlan) -> None:
    """Add the footer text and a slide-number field to every slide but title and closing."""
    theme = ts.theme
    left = footer_text(theme.footer, organisation=deck.organisation, date=deck.date)
    style = number_style(theme.slide_number)
    for n, slide in enumerate(plan.slides, start=1):
        if slide.kind in ("title", "closing"):
            continue
        frame = frames[slide.layout]
        on_dark = frame.generated and slide.kind == "divider"
        slide.elements.extend(footer(ts, frame, left, style, n, on_dark=on_dark))
