"""What a metrics table must show, worked out from the outline alone (a test oracle).

Columns, in order: the indicator; the value (when any row has one); one column per
title in ``columns``; the unit and the change (each when any row has one). A row's
missing ``values`` are empty cells. Headers come from ``headers`` (default
指标/数值/单位/同比) and ``columns``.
"""

from __future__ import annotations

DEFAULT_TITLES = ["指标", "数值", "单位", "同比"]


def expected_table(slide) -> tuple[list[str], list[list[str]]]:
    """(header row, body rows) the table of a metrics ``slide`` must show."""
    titles = list(slide.headers or DEFAULT_TITLES)
    metrics = slide.metrics
    columns = [(titles[0], [m.indicator for m in metrics])]
    columns.append((titles[1], [m.value or "" for m in metrics]))
    for k, title in enumerate(slide.columns):
        columns.append((title, [m.values[k] if k < len(m.values) else "" for m in metrics]))
    columns.append((titles[2], [m.unit or "" for m in metrics]))
    columns.append((titles[3], [m.change or "" for m in metrics]))
    kept = [columns[0]] + [c for c in columns[1:] if any(cell.strip() for cell in c[1])]
    header = [title for title, _ in kept]
    rows = [[cells[r] for _, cells in kept] for r in range(len(metrics))]
    return header, rows
