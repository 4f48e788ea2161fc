"""The markers Chinese work-conference speeches use to show their structure.

A speech is built from a handful of conventions every office writer knows:

* ``第二篇：…`` — a collection header (several speeches in one file);
* ``在…会议上的讲话`` — the title line;
* ``同志们：`` — the salutation;
* ``一、…`` — a part; ``（一）…`` — a group inside a part;
* ``一是…`` / ``一是要…`` / ``一要…`` / ``第一，…`` / ``首先…其次…最后`` / ``1．…`` / ``（1）…`` /
  ``①…`` — items;
* ``——…`` — a dash point (a run of parallel statements).

This module only recognises a marker at the start of a line and says what it is;
:mod:`deckgen.speech.structure` decides whether it really starts a new unit (an item
numbered 三 with no 二 before it is just a paragraph that happens to begin with 三是).
"""

from __future__ import annotations

import re

from deckgen.records import record

CN_DIGITS = "零一二三四五六七八九十"
_CN = "[一二三四五六七八九十]{1,3}"
_CN_HEADING = "[一二三四五六七八九十百零]{1,7}"  # headings may pass 九十九、: 一百、 一百零一、

HEADER_RE = re.compile(r"^第[一二三四五六七八九十百\d]+篇\s*[：:、．.]?\s*(?P<title>.*)$")
TITLE_RE = re.compile(
    r"^(?:——|—|--)?\s*(?P<title>(?:[^。！？!?，,；;]{0,30}在[^。！？!?；;]{2,50}上的"
    r"(?:讲话|发言|致辞|报告|工作报告|总结讲话|主持词|动员讲话)(?:（[^）]*）)?"
    r"|[^。！？!?，,；;]{0,24}政府工作报告))\s*$"
)
SALUTATION_RE = re.compile(r"^(?:同志们|各位(?:领导|代表|来宾|同志)[^。！？]{0,20}|女士们、先生们|同事们)[：:！!，,]?$")
PART_RE = re.compile(rf"^(?P<ord>{_CN_HEADING})、\s*(?P<text>.+)$")
GROUP_RE = re.compile(rf"^[（(](?P<ord>{_CN_HEADING})[）)]\s*(?P<text>.+)$")
DASH_RE = re.compile(r"^(?:——|—|－－|--)\s*(?P<text>.+)$")

# Item markers, by family. The family matters for numbering: 二是 continues 一是 (or
# 一是要), 第二 continues 第一, 其次 continues 首先.
_ITEM_PATTERNS = (
    ("shi", re.compile(rf"^(?P<ord>{_CN})(?:是要|是|要)(?![求素点])(?P<text>.+)$")),
    ("di", re.compile(rf"^第(?P<ord>{_CN})(?:[，,、：:]|是要|是|要)\s*(?P<text>.+)$")),
    ("num", re.compile(r"^(?P<ord>\d{1,2})[．.、](?!\d)\s*(?P<text>.+)$")),
    ("pnum", re.compile(r"^[（(](?P<ord>\d{1,2})[）)]\s*(?P<text>.+)$")),
    ("circ", re.compile(r"^(?P<ord>[\u2460-\u2473])\s*(?P<text>.+)$")),
    ("seq", re.compile(r"^(?P<ord>首先|其次|再次|再者|最后)[，,：:]?\s*(?P<text>.+)$")),
)
_SEQ_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "再者": 3}

# “最后，预祝大会圆满成功” closes a speech; it is not the last of 首先…其次… items.
_FAREWELL_RE = re.compile(r"^最后[，,]?\s*(?:预祝|祝|衷心祝|再次|向|我代表|谢谢)")

_LEADING_YAO_RE = re.compile(r"^要(?![素求害闻点务])")

# Sentence-final punctuation: a line ending in one of these ends its paragraph.
SENTENCE_END = "。！？!?：:；;…”’」』）)"


@record(frozen=True)
class ItemMarker:
    """An item marker found at the start of a paragraph."""

    family: str  # "shi" (一是/一要), "di" (第一), "num" (1．), "pnum" (（1）), "circ" (①), "seq" (首先/其次/最后)
    ordinal: int  # 1-based; 0 for 最后 (the last of a 首先 series, whatever its number)
    text: str  # the paragraph with the marker stripped


def cn_number(text: str) -> int:
    """Return the value of a Chinese numeral (一 … 九百九十九), or 0 if it is not one."""
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        rest = rest.removeprefix("零") if len(rest) == 2 and rest[0] == "零" else rest
        value = cn_number(hundreds) if len(hundreds) == 1 else 0
        tail = cn_number("一" + rest if rest.startswith("十") else rest) if rest else 0
        return value * 100 + tail if value and (tail or not rest) and tail < 100 else 0
    if not text or any(ch not in CN_DIGITS for ch in text):
        return 0
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    if len(text) == 1:
        return CN_DIGITS.index(text)
    return 0


def chinese_ordinal(number: int) -> str:
    """Return ``number`` (1 … 99) as a Chinese numeral: 1 -> 一, 10 -> 十, 23 -> 二十三."""
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens <= 1 else CN_DIGITS[tens]) + ("十" if tens else "")
    return text + (CN_DIGITS[ones] if ones else "")


def item_marker(line: str) -> ItemMarker | None:
    """Return the item marker that ``line`` starts with, or None."""
    for family, pattern in _ITEM_PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        word = match.group("ord")
        if family == "seq":
            if _FAREWELL_RE.match(line):
                return None
            ordinal = _SEQ_ORDINALS.get(word, 0)
        elif family in ("num", "pnum"):
            ordinal = int(word)
        elif family == "circ":
            ordinal = ord(word) - 0x2460 + 1  # ① is 1
        else:
            ordinal = cn_number(word)
            if ordinal == 0:
                continue
        text = match.group("text").lstrip("，,、：: ")
        if family in ("seq", "di"):
            # 首先，要提高… reads as 一是要提高…: the 要 belongs to the marker.
            text = _LEADING_YAO_RE.sub("", text)
        if text:
            return ItemMarker(family, ordinal, text)
    return None


def part_heading(line: str) -> tuple[int, str] | None:
    """Return ``(ordinal, text)`` when ``line`` is a part heading ``一、…``."""
    match = PART_RE.match(line)
    if not match or not cn_number(match.group("ord")):
        return None
    return cn_number(match.group("ord")), match.group("text").strip()


def group_heading(line: str) -> tuple[int, str] | None:
    """Return ``(ordinal, text)`` when ``line`` is a group heading ``（一）…``."""
    match = GROUP_RE.match(line)
    if not match or not cn_number(match.group("ord")):
        return None
    return cn_number(match.group("ord")), match.group("text").strip()


def dash_point(line: str) -> str | None:
    """Return the text of a dash point ``——…`` (marker stripped), or None."""
    if TITLE_RE.match(line):
        return None  # "——在…上的讲话" is a subtitle, not a dash point
    match = DASH_RE.match(line)
    return match.group("text").strip() if match else None


def header_title(line: str) -> str | None:
    """Return the title of a collection header ``第二篇：…`` ('' if it has none)."""
    match = HEADER_RE.match(line)
    if not match or len(line) > 60:
        return None
    return match.group("title").strip()


def title_line(line: str) -> str | None:
    """Return the title when ``line`` is a speech title line (在…上的讲话), else None."""
    if len(line) > 60:
        return None
    match = TITLE_RE.match(line)
    return match.group("title").strip() if match else None


def is_salutation(line: str) -> bool:
    """True for a line that is only a salutation: 同志们：, 各位代表：…"""
    return bool(SALUTATION_RE.match(line))


def is_structural(line: str) -> bool:
    """True when ``line`` starts with any marker that can open a new paragraph.

    Used when joining lines broken mid-sentence: a line starting with a marker is
    never glued onto the line before it.
    """
    return bool(
        header_title(line) is not None
        or title_line(line)
        or is_salutation(line)
        or part_heading(line)
        or group_heading(line)
        or DASH_RE.match(line)
        or item_marker(line)
    )


_TRANSITION_RE = re.compile(r"^[^。！？!?]{0,30}(?:以下|如下|几点|几个方面|下面)[^。！？!?：:]{0,12}(?:[：:]|(?:工作|几点|意见)。)$")


def is_transition(line: str) -> bool:
    """True for a paragraph that only announces what follows (我们主要做了以下工作：)."""
    return bool(_TRANSITION_RE.match(line))


_STAGE_RE = re.compile(r"^[（(](?:全场)?(?:热烈)?(?:掌声|鼓掌|笑声|起立|长时间鼓掌)[^）)]{0,8}[）)][。]?$")


def is_stage_direction(line: str) -> bool:
    """True for a stage direction alone on its line: （掌声）, （热烈鼓掌）."""
    return bool(_STAGE_RE.match(line))


def is_spoken_only(line: str) -> bool:
    """True for a paragraph that is said (or happens) but is never slide content."""
    return is_salutation(line) or is_stage_direction(line)
