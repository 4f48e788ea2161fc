"""A target said on its own joins the part's other targets (issue 16, fifth round).

The Zhejiang report names its 2030 targets (居民人均可支配收入9万元左右, 常住人口城镇化率
78%左右) where it states the plan's goals, and one more (海洋生产总值占GDP比重14%左右)
in the middle of a task group: a slide of one lone KPI card. A target whose slide
would hold it alone joins the nearest earlier table of targets in the same part; its
notes stay where they were said, with the slide before it.
"""

from __future__ import annotations

CARDS_MAX = 6  # KPI cards a slide shows as cards before they become a table
_TARGETS = "目标"  # in the title of a table of targets (2030年主要预期目标, “十五五”时期主要目标)


def merge_lone_targets(parts: list[dict]) -> None:
    """Move, in place, every one-figure table of targets into the nearest earlier
    table of targets of its part that has room for one more card; the lone slide's
    notes join the slide before it."""
    for part in parts:
        slides = part.get("slides", [])
        index = 1
        while index < len(slides):
            slide = slides[index]
            host = _host(slides[:index]) if _lone_target(slide) else None
            if host is None:
                index += 1
                continue
            host["metrics"].append(slide["metrics"][0])
            previous = slides[index - 1]
            previous["notes"] = previous.get("notes", "") + slide.get("notes", "")
            del slides[index]


def _lone_target(slide: dict) -> bool:
    return _table_of_targets(slide) and len(slide["metrics"]) == 1


def _table_of_targets(slide: dict) -> bool:
    return (
        slide.get("kind") == "metrics"
        and _TARGETS in slide.get("title", "")
        and not slide.get("columns")
        and slide.get("style") in (None, "auto", "cards")
    )


def _host(before: list[dict]) -> dict | None:
    for slide in reversed(before):
        if _table_of_targets(slide):
            return slide if len(slide["metrics"]) < CARDS_MAX else None
    return None
