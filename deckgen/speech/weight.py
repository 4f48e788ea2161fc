"""Statements only for sentences a speaker would put up alone (issue 16 item 5).

A statement slide sets one sentence large. A report's paragraph often opens with a
sentence that names what it goes on to tell (过去一年，坚如磐石的军政军民团结巩固发展。
跨军地改革持续深化，……; “十五五”时期具有承前启后的重要地位。2035年上海要……): set
alone, that sentence hides everything the paragraph says. Such a statement becomes
the paragraph's points slide, titled by the sentence. A call to act (我们要……,
积极促进……) and the year's overall requirement keep their statement.
"""

from __future__ import annotations

import re

from deckgen.speech.sentences import bare, without_address
from deckgen.speech.titles import heading_slide

# 我们要……, 必须……, 让我们……, 积极促进乡镇企业……的发展, 继续积极、合理、有效地利用
# 外资: a call to act, which a speaker puts up alone.
_CALL_RE = re.compile(
    r"^(?:[^，。]{0,8}[，,])?(?:我们)?(?:要|必须|务必|让我们|一定要|积极|继续|大力|努力|坚持|加强|加快|推进|推动|促进|深化)"
)
# 做好今年工作的总体要求, 主要目标: a statement a speaker puts up under its name.
_NAMED_RE = re.compile(r"要求|目标|指导思想|总基调|任务")


def weigh_statements(parts: list[dict]) -> None:
    """Replace, in place, each statement of ``parts`` whose sentence only heads its
    paragraph by the paragraph's points slide (bullets titled by the sentence, the
    statement's notes kept). Statements that call to act, are named for what they set
    (总体要求, 目标) or head no paragraph that goes on stay."""
    for part in parts:
        slides = part.get("slides", [])
        for index, slide in enumerate(slides):
            if slide.get("kind") != "statement" or _weighty(slide):
                continue
            points = heading_slide(slide)
            if points is not None and points.get("kind") == "bullets":
                slides[index] = points


def _weighty(statement: dict) -> bool:
    text = bare(without_address(statement.get("text", "")))
    if _CALL_RE.match(text) or _NAMED_RE.search(statement.get("title", "")):
        return True
    # 蓝图已绘就，奋进正当时。我们要……新业绩！: a paragraph that ends on a rallying cry.
    said = [line for line in statement.get("notes", "").split("\n") if text and text in bare(line)]
    return any(line.rstrip().endswith(("！", "!")) for line in said)
