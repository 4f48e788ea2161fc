"""The short texts a deck derives from its outline: the cover's speaker and date
lines, whether a subtitle says anything the title does not, and a part's label in
the agenda progress of its divider."""

from __future__ import annotations

import re

from deckgen.outline.model import PLACEHOLDER_RE, Deck, Part

_ISO_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?\s*$")
_SPEECH_WORDS = ("讲话", "致辞", "报告", "发言", "主持", "讲", "作")
#: Clause ends at which a long part title may be cut for its short label.
_CLAUSE_END = "，,；;：:"


def speaker_line(presenter: str | None) -> str | None:
    """The cover's speaker line: ``XXX同志`` -> ``XXX同志讲话``; a line that already
    says what the person does (…讲话, …作报告, 主持人…) stays as written."""
    if not presenter or not presenter.strip():
        return None
    text = presenter.strip()
    if text.endswith("同志") and not any(word in text for word in _SPEECH_WORDS):
        return text + "讲话"
    return text


def display_date(date: str | None) -> str | None:
    """``2024-01-15``, ``2024.1`` or ``2024/01`` -> ``2024年1月``; other text as written."""
    if not date or not date.strip():
        return None
    match = _ISO_DATE.match(date)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1))}年{int(match.group(2))}月"
    return date.strip()


def _only_placeholder(text: str) -> bool:
    """True for a field that says nothing yet: ``X``, ``X年X月`` (placeholders and
    date words only). ``XXX同志`` names a person and is not."""
    return bool(PLACEHOLDER_RE.search(text)) and not re.sub(r"[\s年月日]", "", PLACEHOLDER_RE.sub("", text))


def cover_lines(deck: Deck) -> tuple[list[str], str | None]:
    """The cover's lines under the title: speaker line, organiser, date (those given),
    and one placeholder line for those still to come.

    A deck derived from a speech that names no speaker, organiser or date has ``X``
    in each; three bare X lines read as a broken cover, so they are said once, as
    ``讲话人、主办单位、日期待填（X）``. ``check`` still lists each field's X and a
    filled field shows as itself.
    """
    lines: list[str] = []
    missing: list[str] = []
    for what, text in (("讲话人", speaker_line(deck.presenter)), ("主办单位", deck.organisation), ("日期", display_date(deck.date))):
        if not text:
            continue
        if _only_placeholder(text):
            missing.append(what)
        else:
            lines.append(text)
    return lines, ("、".join(missing) + "待填（X）") if missing else None


def known(value: str | None) -> str | None:
    """``value`` unless it is only placeholders (``X``, ``XX``, ``××`` …) or empty.

    An organisation written as a bare ``X`` says nothing yet; printed in every footer
    it reads as a broken field ("X X年X月"), so footers leave it out.
    """
    if not value or not value.strip() or _only_placeholder(value):
        return None
    return value.strip()


def footer_text(template: str, *, organisation: str | None, date: str | None) -> str:
    """The footer line from the theme's template (``{organisation}  {date}``): an
    organisation or date that is only a placeholder (``X``, ``X年X月``) is left out
    (the cover's placeholder line and ``check`` still ask for it), the date is shown
    as on the cover (``2024-01`` -> ``2024年1月``), and no stray spaces remain."""
    filled = template.format(organisation=known(organisation) or "", date=known(display_date(date)) or "")
    return re.sub(r"\s{3,}", "  ", filled).strip()


def _bare(text: str) -> str:
    return re.sub(r"[\s“”\"'《》（）()，,。.、：:！!？?—-]", "", text)


def subtitle_shown(title: str, subtitle: str | None) -> str | None:
    """The subtitle, unless it only repeats (part of) the title (then None)."""
    if not subtitle or not subtitle.strip():
        return None
    bare_sub, bare_title = _bare(subtitle), _bare(title)
    if bare_sub and (bare_sub in bare_title or bare_title in bare_sub):
        return None
    return subtitle


def part_label(part: Part) -> str:
    """A part's label where room is short: its ``short:``, else its title up to the
    first clause end (贯彻落实……精神，为……开好局 -> 贯彻落实……精神), else the title."""
    if part.short:
        return part.short
    title = part.title.strip()
    for n, ch in enumerate(title):
        if ch in _CLAUSE_END and n >= 4:
            return title[:n]
    return title
