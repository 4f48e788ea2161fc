"""Word tables as metrics slides, placed where the table stood in the speech.

A table whose first column names indicators and whose rows hold figures is a
metrics table already: the column holding the figures is the value, a column headed
单位 the unit, and a column of rates or headed 增长/同比 the change. Figures are kept
as written (3012.6 stays the text ``3012.6``), so every digit on the slide is the
document's.
"""

from __future__ import annotations

import re

from deckgen.speech import slides as S
from deckgen.speech.document import MetricsTable

_FIGURE_RE = re.compile(r"^(?:约|近|超过|突破)?(?:X|\d+(?:\.\d+)?)(?:%|‰)?(?:左右|以上)?$")
_CHANGE_HEAD_RE = re.compile(r"增长|增速|同比|变化|增减|比上年|较上年")
_UNIT_HEAD_RE = re.compile(r"单位")
DEFAULT_TITLE = "主要指标"


def table_slide(table: MetricsTable) -> dict | None:
    """A metrics slide from a Word table, or None when it is no table of figures."""
    if len(table.rows) < 2 or max(len(r) for r in table.rows) < 2:
        return None
    header, *body = table.rows
    width = len(header)
    body = [row for row in body if len(row) == width]
    if not body:
        return None
    unit_col = next((i for i, h in enumerate(header) if i and _UNIT_HEAD_RE.search(h)), None)
    change_col = next((i for i, h in enumerate(header) if i and _CHANGE_HEAD_RE.search(h)), None)
    value_col = next(
        (i for i in range(1, width) if i not in (unit_col, change_col) and all(_FIGURE_RE.match(r[i].replace(" ", "")) for r in body)),
        None,
    )
    if value_col is None:
        return None
    rows = []
    for row in body:
        metric: dict = {"indicator": row[0], "value": row[value_col]}
        if unit_col is not None and row[unit_col]:
            metric["unit"] = row[unit_col]
        if change_col is not None and row[change_col]:
            change = row[change_col]
            metric["change"] = change if re.search(r"[\u4e00-\u9fff]", change) else f"{header[change_col]}{change}"
        rows.append(metric)
    headers = [header[0] or "指标", header[value_col] or "数值", "单位", header[change_col] if change_col is not None else "同比"]
    slide = {"kind": "metrics", "title": table.caption or DEFAULT_TITLE, "headers": headers, "metrics": rows}
    slide["notes"] = S.notes_of([table.caption or table.after, *("　".join(r) for r in table.rows)])
    return slide


def place_tables(data: dict, tables: list[MetricsTable]) -> None:
    """Insert each table's slide after the slide whose notes hold the paragraph before it.

    A table before any slide's text opens the first part.
    """
    for table in tables:
        slide = table_slide(table)
        if slide is None:
            continue
        placed = False
        for part in data.get("parts", []):
            slides = part.setdefault("slides", [])
            for index, other in enumerate(slides):
                if table.after and table.after in other.get("notes", ""):
                    slides.insert(index + 1, slide)
                    placed = True
                    break
            if placed:
                break
        if not placed and data.get("parts"):
            data["parts"][0].setdefault("slides", []).insert(0, slide)
