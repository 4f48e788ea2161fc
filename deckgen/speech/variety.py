"""No more than three slides in a row that look the same (issue 16).

A report's task part gives ten focus-area slides in a row, a review part six
achievements slides: each is right, together they read as one slide shown ten
times. After derivation, a slide that would be the fourth of a run of look-alike
slides (same kind in the same style) is shown in another form where
its content allows: a list of two to six items or points as cards (``style:
cards``), KPI cards as a table, a long table as a strip of its short figures over
the rest (``style: cards+table``). The notes keep
every word; only the form changes.
"""

from __future__ import annotations

import os
import re

LOOK_ALIKE_MAX = 3
CARDS_MAX = 6  # a card grid of up to six reads at a glance (points)
ITEM_CARDS_MAX = 9  # items (headline and detail) fill a 3 × 3 grid


def vary_layouts(parts: list[dict]) -> None:
    """Re-form, in place, every slide that would make a run of more than
    :data:`LOOK_ALIKE_MAX` look-alike slides within a part, then every other part
    that repeats the shape of the part before it (:func:`vary_parts`)."""
    _vary_runs(parts)
    card_worded_figures(parts)
    card_short_lists(parts)
    vary_parts(parts)


# A figure worded as a target (稳定在49250万吨, 控制在3%以内): a card shows the words
# small beside the figure, as it does for 控制在3%以内.
_WORDED_FIGURE_RE = re.compile(r"^(?:稳定在|控制在|保持在|达到|超过)?\d[\d.]*(?:%|[万亿]?[吨元人个户台]|万吨)?(?:以上|以内|左右)?$")
WORDED_CARDS_MAX = 4


def card_worded_figures(parts: list[dict]) -> None:
    """Two to four figures of which some are worded (粮食总产量稳定在49250万吨, 棉花总产量
    稳定在400万吨) as KPI cards, not a two-row table in the middle of an empty slide."""
    for part in parts:
        slides = part.get("slides", [])
        for index, slide in enumerate(slides):
            rows = slide.get("metrics", [])
            if slide.get("kind") != "metrics" or "style" in slide or "columns" in slide or "headers" in slide:
                continue
            if not 2 <= len(rows) <= WORDED_CARDS_MAX or _metrics_form(slide) != "table":
                continue
            if all(not r.get("unit") and _WORDED_FIGURE_RE.match(str(r.get("value", ""))) for r in rows):
                slides[index] = _styled(slide, "cards")


PRINCIPLE_LEAD = 2  # characters the phrases of a list of principles open with alike
SHORT_ENTRY = 12  # characters of a bullet a card shows as a short phrase (必须坚持人民至上)


def card_short_lists(parts: list[dict]) -> None:
    """A list of three to six short phrases opening alike (必须坚持人民至上, 必须坚持自信自立, ...)
    shown as cards: a designer puts short principles side by side, not down a page
    with three quarters of it empty. Not next to a slide that already shows cards."""
    for part in parts:
        slides = part.get("slides", [])
        for index, slide in enumerate(slides):
            bullets = slide.get("bullets", [])
            if slide.get("kind") != "bullets" or "style" in slide or not 3 <= len(bullets) <= CARDS_MAX:
                continue
            if any(not isinstance(b, str) or len(b) > SHORT_ENTRY for b in bullets):
                continue
            if len(os.path.commonprefix(bullets)) < PRINCIPLE_LEAD:
                continue  # principles share their opening (必须坚持…); other short lists stay lists
            other = _styled(slide, "cards")
            neighbours = slides[max(0, index - 1) : index] + slides[index + 1 : index + 2]
            if not any(look_alike(other, n) for n in neighbours):
                slides[index] = other


def vary_parts(parts: list[dict]) -> None:
    """Break a rhythm repeated part after part (issue 16, the party congress report):
    fifteen parts of divider, key sentence and list read as one part shown fifteen
    times, although no run of slides looks alike. A part whose slides look like the
    previous part's, slide for slide, shows its first list that can in another form
    (cards); the next part of that shape then differs from this one and keeps its
    form, so the list forms alternate. A list is not re-formed next to a slide that
    already looks like its new form."""
    previous: list[tuple[str, str]] | None = None
    for part in parts:
        slides = part.get("slides", [])
        shape = [_look(s) for s in slides]
        if shape and shape == previous:
            for index, slide in enumerate(slides):
                other = _other_form(slide) if slide.get("kind") != "metrics" else None
                neighbours = slides[max(0, index - 1) : index] + slides[index + 1 : index + 2]
                if other is not None and not any(look_alike(other, n) for n in neighbours):
                    slides[index] = other
                    break
            shape = [_look(s) for s in slides]
        previous = shape


def _vary_runs(parts: list[dict]) -> None:
    for part in parts:
        slides = part.get("slides", [])
        run = 0  # slides in the current run, as built (a long list counts twice)
        start = 0  # where the run began
        for index, slide in enumerate(slides):
            if index and look_alike(slides[index - 1], slide):
                run += _pages(slide)
            else:
                run, start = _pages(slide), index
            if run <= LOOK_ALIKE_MAX:
                continue
            # This slide changes form, else the latest one before it in the run that
            # can (too many items for cards), so the run is cut where it can be.
            for back in range(index, start - 1, -1):
                other = _other_form(slides[back])
                if other is not None:
                    slides[back] = other
                    run = sum(_pages(s) for s in slides[back + 1 : index + 1])
                    start = back + 1
                    break


LONG_LIST = 3  # a list of more entries may continue on a （续） slide that looks the same


LONG_BULLETS = 6  # points, and
LONG_TABLE = 10  # table rows, past which a slide may continue


def _pages(slide: dict) -> int:
    """How many slides ``slide`` may take when built (a guess on the safe side)."""
    kind = slide.get("kind")
    if kind in ("achievements", "focus-area") and slide.get("style") != "cards":
        return 2 if len(slide.get("items", [])) > LONG_LIST else 1
    if kind == "bullets" and slide.get("style") != "cards":
        return max(1, -(-len(slide.get("bullets", [])) // LONG_BULLETS))
    if kind == "metrics":
        return 2 if len(slide.get("metrics", [])) > LONG_TABLE else 1
    return 1


def look_alike(one: dict, other: dict) -> bool:
    """True when two slides look the same: one kind in one style. A list of three
    items and one of five are the same picture; KPI cards and a table are not."""
    return _look(one) == _look(other)


def _look(slide: dict) -> tuple[str, str]:
    """What a slide looks like: its kind and the style it is shown in."""
    kind = slide.get("kind", "")
    style = slide.get("style", "")
    if kind == "metrics" and not style:
        style = _metrics_form(slide)
    return kind, style or "list"


CARD_VALUE_MAX = 8  # characters of a figure a KPI card shows (as the layout judges)


def _metrics_form(slide: dict) -> str:
    """Roughly what the layout makes of a metrics slide without a style: KPI cards for up
    to six short figures, cards over a table for 7–10 with two or more changes, else a
    table (see :func:`deckgen.kinds.metrics.metrics_form`)."""
    rows = slide.get("metrics", [])
    if "columns" in slide:
        return "table"
    if 7 <= len(rows) <= 10 and sum(1 for r in rows if r.get("change")) >= 2:
        return "cards+table"
    if len(rows) <= CARDS_MAX and all(len(str(r.get("value", ""))) <= CARD_VALUE_MAX for r in rows):
        return "cards"
    return "table"


def _other_form(slide: dict) -> dict | None:
    """The slide in another form its content allows, or None."""
    kind = slide.get("kind")
    items = slide.get("items", [])
    most = ITEM_CARDS_MAX if items else CARDS_MAX
    entries = items or slide.get("bullets", [])
    if kind in ("achievements", "focus-area", "bullets") and 2 <= len(entries) <= most and "style" not in slide:
        return _styled(slide, "cards")
    if kind == "metrics" and "style" not in slide and "columns" not in slide:
        # KPI cards can be a table; a long table can lead with its short figures as a
        # strip of cards over the rest (five tables in a row read as one).
        if _metrics_form(slide) != "table":
            return _styled(slide, "table")
        return _styled(slide, "cards+table") if _leads_with_cards(slide) else None
    return None


LEADING_CARDS_MIN = 3  # short figures a table needs to lead with a strip of cards
LEADING_REST_MIN = 2  # rows the table under the strip keeps


def _leads_with_cards(slide: dict) -> bool:
    """True when a table holds enough short figures for a strip of cards over the rest
    (see :func:`deckgen.kinds.figure_split.leading_split`)."""
    rows = slide.get("metrics", [])
    short = sum(1 for r in rows if 0 < len(str(r.get("value", ""))) <= CARD_VALUE_MAX)
    return short >= LEADING_CARDS_MIN and len(rows) - min(short, 4) >= LEADING_REST_MIN


def _styled(slide: dict, style: str) -> dict:
    """``slide`` with ``style`` set, right after its title (where a reader looks)."""
    out: dict = {}
    for key, value in slide.items():
        out[key] = value
        if key == "title":
            out["style"] = style
    out.setdefault("style", style)
    return out


