"""No two slides of a derived deck share a title (issue 16).

Paragraph after paragraph a report gives tables titled 2026年主要指标 and statements
titled by their part; a deck with the same title on thirteen slides tells the audience
nothing. After the outline is derived, every title that an earlier slide already
carries is replaced by what its own slide holds: the topic its paragraph opens with
(内需拉动明显增强), else the part's title with the slide's first point or figure
(2018年工作回顾：发展新动能快速成长). A slide that continues the one before it, on
the same subject, says （续）.
"""

from __future__ import annotations

import re

from deckgen.speech.headline import topic_of
from deckgen.speech.sentences import bare, clauses, is_setting

CONTINUED = "（续）"
SUBJECT_MAX = 14  # characters of a point named after a title's colon
TITLE_MAX = 30


def distinct_titles(parts: list[dict]) -> None:
    """Retitle, in place, every content slide of ``parts`` whose title is taken.

    With more than one part every part has a divider showing its title, so a slide
    repeating its part's title is retitled too.
    """
    seen: set[str] = set()
    for part in parts:
        if len(parts) > 1 and part.get("title"):
            seen.add(_key(part["title"]))
        for slide in part.get("slides", []):
            title = slide.get("title", "")
            if not title or CONTINUED in title:
                continue
            if _key(title) in seen:
                slide["title"] = _own_title(slide, title, seen)
            seen.add(_key(slide["title"]))


def _key(title: str) -> str:
    return bare(title).rstrip("：:")


def _own_title(slide: dict, taken: str, seen: set[str]) -> str:
    base = re.split(r"[：:]", taken)[0]
    lead = bare(clauses(base)[0]) if clauses(base) else base
    candidates = []
    entries = len(slide.get("items", []) or slide.get("areas", []) or slide.get("bullets", []))
    if entries >= ASPECTS_MIN:
        # 八个方面 of a review: the list's size, not its first entry, says what it holds.
        candidates.append(f"{lead}：{_number(entries)}个方面")
    candidates += [topic_of(line) for line in slide.get("notes", "").split("\n")[:2] if line]
    if lead != base:
        candidates.append(lead)
    candidates += [f"{base}：{subject}" for subject in _subjects(slide)]
    shown = _key(slide.get("text", ""))
    for candidate in candidates:
        # A statement's title never says its text again (成绩来之不易 over 成绩来之不易).
        if shown and (_key(candidate).endswith(shown) or shown.startswith(_key(candidate))):
            continue
        if candidate and _key(candidate) not in seen and len(candidate) <= TITLE_MAX:
            return candidate
    if len(f"{lead}：{OVERVIEW}") <= TITLE_MAX and _key(f"{lead}：{OVERVIEW}") not in seen:
        # The part's opening slide, after the divider that shows the part's title.
        return f"{lead}：{OVERVIEW}"
    number = 2
    while _key(f"{base}（{_ordinal(number)}）") in seen:
        number += 1
    return f"{base}（{_ordinal(number)}）"


def _subjects(slide: dict) -> list[str]:
    """What the slide holds first, as short phrases: a headline, bullet, text or figure."""
    texts = [i.get("headline", "") if isinstance(i, dict) else str(i) for i in slide.get("items", [])]
    texts += [b for b in slide.get("bullets", []) if isinstance(b, str)]
    texts += [slide.get("text", "")]
    texts += [str(row.get("indicator", "")) for row in slide.get("metrics", [])]
    subjects = []
    for text in [t for t in texts if t][:1]:  # the first entry stands for the slide
        pieces = [p for p in clauses(text) if not is_setting(p)] if text else []
        phrase = bare(pieces[0]) if pieces else ""
        if 2 <= len(phrase) <= SUBJECT_MAX:
            subjects.append(phrase)
    return subjects


ASPECTS_MIN = 3
OVERVIEW = "概述"  # the title of a part's opening statement (2025年工作回顾：概述)
_DIGITS = "一二三四五六七八九十"


def _number(count: int) -> str:
    return _DIGITS[count - 1] if count <= 10 else f"十{_DIGITS[count - 11]}" if count < 20 else str(count)


def _ordinal(number: int) -> str:
    return _DIGITS[number - 1] if number <= 10 else str(number)
