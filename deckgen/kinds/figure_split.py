"""Which figures of a metrics slide lead as KPI cards, and what is left for under them.

Two combined forms of the metrics kind split one outline slide in two:

* ``cards+table`` — seven to ten headline figures: the leading ones (those with a
  change, 同比, then the first ones) as a row of KPI cards, the rest as a compact
  table under them;
* ``cards+checklist`` — numeric targets mixed with qualitative ones (持续提高,
  取得积极成效): the numbers as KPI cards, the words as a checklist.

The outline stays one slide with one list of metrics; only the layout splits it, so
``style: table`` brings the table back. Every metric keeps its outline number (1 …),
which names its card or checklist entry.
"""

from __future__ import annotations

import re

from deckgen.outline.model import PLACEHOLDER_RE, Metric, Slide

#: The combined forms take this many figures at most (more read better as a table).
MAX_COMBINED = 10
#: ``cards+table`` is chosen for this many figures or more (fewer are all cards).
MIN_COMBINED = 7
#: How many leading figures become cards at most: one row of four.
LEADING_CARDS = 4
#: The fewest short figures that make ``cards+table`` worth choosing.
MIN_LEADING = 3
#: A figure short enough for a card: "41.6", "近X", "12,345", "X-X".
MAX_CARD_VALUE_CHARS = 8
_DIGIT = re.compile(r"[0-9０-９]")


def card_worthy(metric: Metric) -> bool:
    """True for a figure short enough to stand large on a card."""
    return bool(metric.value) and len(metric.value or "") <= MAX_CARD_VALUE_CHARS


def is_figure(metric: Metric) -> bool:
    """True when the value is a figure (it has a digit or an X), not words (持续提高)."""
    value = metric.value or ""
    return bool(_DIGIT.search(value) or PLACEHOLDER_RE.search(value))


def leading_split(metrics: list[Metric], *, limit: int = LEADING_CARDS) -> tuple[list[int], list[int]]:
    """(card indices, table indices) for ``cards+table``, both in outline order.

    The figures with a change (同比) lead, then the first short figures, up to
    ``limit`` cards (one row); a figure too long for a card stays in the table.
    """
    worthy = [i for i, m in enumerate(metrics) if card_worthy(m)]
    chosen = [i for i in worthy if (metrics[i].change or "").strip()][:limit]
    chosen += [i for i in worthy if i not in chosen][: limit - len(chosen)]
    cards = sorted(chosen)
    return cards, [i for i in range(len(metrics)) if i not in cards]


def mixed_split(metrics: list[Metric]) -> tuple[list[int], list[int]]:
    """(figure indices, worded indices) for ``cards+checklist``, in outline order."""
    figures = [i for i, m in enumerate(metrics) if is_figure(m)]
    return figures, [i for i in range(len(metrics)) if i not in figures]


def clearly_mixed(slide: Slide) -> bool:
    """True when a slide mixes two to six short figures with two or more worded
    targets (4 figures and 持续提高, 取得积极成效 …): cards and a checklist read
    better than a table with empty cells."""
    metrics = slide.metrics
    if slide.columns or len(metrics) > MAX_COMBINED:
        return False
    figures, words = mixed_split(metrics)
    return 2 <= len(figures) <= 6 and len(words) >= 2 and all(card_worthy(metrics[i]) for i in figures)


def clearly_leading(slide: Slide) -> bool:
    """True for 7–10 single figures of which two or more carry a change and three or
    more are short enough for cards: headline figures, not a list of targets."""
    metrics = slide.metrics
    if slide.columns or not MIN_COMBINED <= len(metrics) <= MAX_COMBINED:
        return False
    with_change = [m for m in metrics if (m.change or "").strip() and card_worthy(m)]
    return len(with_change) >= 2 and sum(card_worthy(m) for m in metrics) >= MIN_LEADING
