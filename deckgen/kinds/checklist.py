"""Worded targets as a checklist: a tick, then the indicator and its goal in one line.

The qualitative targets of a metrics slide (邮政、快递服务满意度和服务质量 · 持续提高)
read as one sentence each, the goal in bold: ✓ 邮政、快递服务满意度和服务质量**持续提高**.
Entries stand on pale tiles, in two columns on a wide slide, row by row in outline
order, at one size for all (the largest body size at which they fit).
"""

from __future__ import annotations


from deckgen.layout.elements import Fill, Insets, Rect, TextBox
from deckgen.records import record
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down

CHECK = "✓"
ENTRY_INSETS = Insets(6, 12, 8, 8)
MARK_INSETS = Insets(12, 0, 8, 8)
COLUMN_GAP = 20.0
PITCH = 1.3


@record(frozen=True)
class Target:
    """One checklist entry: its outline number (1 …), indicator and worded goal."""

    number: int
    indicator: str
    goal: str


def layout_checklist(ts: Typesetter, targets: list[Target], box: Rect) -> list | None:
    """Tiles of ``targets`` in ``box``, from its top; None when they cannot fit even
    at the smallest body size."""
    theme = ts.theme
    cols = 2 if box.w > 700 and len(targets) >= 4 else 1
    col_w = (box.w - COLUMN_GAP * (cols - 1)) / cols
    rows = [targets[r : r + cols] for r in range(0, len(targets), cols)]
    body = theme.size("body")
    for size in sizes_down(body.max_pt, body.min_pt):
        mark_w = MARK_INSETS.left + size * 1.4
        text_w = col_w - mark_w
        # Measured as if all bold: the goal is, and bold is never narrower.
        heights = [max(ts.height([Spec(t.indicator + t.goal, size, bold=True, pitch=PITCH)], text_w, ENTRY_INSETS) for t in row) for row in rows]
        gap = min(size * 0.8, max(8.0, (box.h - sum(heights)) / max(1, len(rows))))
        if sum(heights) + gap * (len(rows) - 1) <= box.h:
            break
    else:
        return None
    page: list = []
    top = box.y
    for row, height in zip(rows, heights):
        for c, target in enumerate(row):
            tile = Rect(box.x + c * (col_w + COLUMN_GAP), top, col_w, height)
            page.append(Fill(tile, theme.color("surface"), "rect", theme.color("rule"), name=f"Target {target.number}"))
            mark = ts.paras([Spec(CHECK, size, bold=True, color=theme.color("primary"), pitch=PITCH)])
            page.append(TextBox(Rect(tile.x, tile.y, mark_w, height), mark, "middle", MARK_INSETS, "body", f"Target {target.number} mark"))
            text = ts.paras([Spec(target.indicator, size, color=theme.color("text"), pitch=PITCH)])
            text[0].runs += ts.paras([Spec(target.goal, size, bold=True, color=theme.color("primary_dark"), pitch=PITCH)])[0].runs
            page.append(TextBox(Rect(tile.x + mark_w, tile.y, text_w, height), text, "middle", ENTRY_INSETS, "body", f"Target {target.number} text"))
        top += height + gap
    return page
