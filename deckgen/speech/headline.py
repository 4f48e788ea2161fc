"""Short lines for slides: item headlines, key sentences, closing lines, titles.

Everything here picks or cuts text the speaker actually said; nothing is invented,
so an editor recognises every line of the outline in the speech.
"""

from __future__ import annotations

import re

from deckgen.speech.sentences import (
    HEADLINE_MAX,
    bare,
    clauses,
    detail_of,
    headline_and_rest,
    leading_clauses,
    sentences,
    shorten,
    without_address,
    without_setting,
)

_SLOGAN_RE = re.compile(r"^(?:同志们|同事们)?[，,：:！!]?\s*“(?P<slogan>[^“”]{4,24})”[。！!]?$")
_COMRADES_RE = re.compile(r"^(?:同志们|同事们|各位代表|各位委员|各位领导)[，,：:！!]\s*")
_THANKS_RE = re.compile(r"^谢谢(?:大家|各位)?[！!。]?$")
_REQUIREMENT_RE = re.compile(r"(?P<what>[^，。：；]{0,20}?(?:总体要求|指导思想|总体思路|基本思路))是[：:]")
# 做好今年工作，要坚持……: the paragraph that follows is the year's overall requirement.
_DO_WELL_RE = re.compile(r"(?:^|[。！])(?P<what>做好(?:今年|明年|[\d]{4}年)(?:政府|经济)?工作)[，,](?:要|必须)")
_ANNOUNCE_RE = re.compile(
    r"(?:讲|提|谈|强调)(?:以下|这么)?(?P<n>几|[一二三四五六七八九十两])(?P<unit>点|个方面的?|条)(?P<what>意见|希望|要求|看法|体会)"
)


def item_entry(text: str) -> dict:
    """An achievements/focus-area item from an item's text (marker already stripped).

    ``{"headline": …, "detail": …}``; the detail is left out when the item is one
    short sentence.
    """
    headline, rest = headline_and_rest(text)
    entry = {"headline": headline or shorten(text, HEADLINE_MAX)}
    detail = detail_of(rest)
    if detail:
        entry["detail"] = detail
    return entry


def bullet_of(text: str) -> str:
    """A bullet from a paragraph or dash point: its leading sentence, kept short."""
    headline, _ = headline_and_rest(text)
    return headline or shorten(text, HEADLINE_MAX)


def common_lead(points: list[str]) -> str:
    """The opening clause every point shares (五年来), or ''."""
    leads = {clauses(p)[0] if clauses(p) else "" for p in points}
    if len(points) < 2 or len(leads) != 1:
        return ""
    lead = leads.pop()
    # Only a short scene-setter counts; a shared long clause is content, not a lead.
    if not lead or len(lead) > 8 or not all(len(bare(p)) > len(lead) + 2 for p in points):
        return ""
    return lead


def strip_lead(text: str, lead: str) -> str:
    """``text`` without its leading clause ``lead`` and the comma after it."""
    if lead and text.startswith(lead):
        return text[len(lead):].lstrip("，,：: ")
    return text


# A sentence of parallel phrases is put up alone only when it is short: the phrases
# and at most one clause more (要准确识变、科学应变、主动求变，…).
PARALLEL_CLAUSES_MAX = 2


def key_sentence(paragraphs: list[str]) -> str:
    """The most quotable line of ``paragraphs``, for a statement slide.

    First choice: a clause of parallel phrases (准确识变、科学应变、主动求变) — the
    rhetoric a speech writer builds for the hall to remember; the one with most
    phrases wins, the earliest on ties. Then a short sentence opening a paragraph
    (新阶段开启新征程). Last, the first sentence, shortened.
    """
    paragraphs = [without_address(p) for p in paragraphs]
    best, best_score = "", 0
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            pieces = clauses(sentence)
            for clause in pieces:
                # A list inside running text (推迟开学、灵活复工、错峰出行) stays in the
                # text; a slogan (准确识变、科学应变、主动求变) stands alone (issue 16).
                if len(pieces) > PARALLEL_CLAUSES_MAX and not is_slogan(clause):
                    continue
                score = _parallel_score(clause)
                if score > best_score:
                    best, best_score = clause, score
    if best:
        return best
    # A sentence that only tells when or on what grounds (十八大召开至今已经十年了,
    # 根据《……的建议》) is no line a speaker puts up alone (issue 16 item 5): the first
    # sentence that says something else stands for the paragraphs, if there is one.
    said = [s for p in paragraphs for s in sentences(p)[:1] if not _SITUATION_RE.search(bare(s))]
    for opening in said:
        if 6 <= len(bare(opening)) <= 20:
            return bare(opening)
    if said:
        return _shortened(said[0])
    first = sentences(paragraphs[0]) if paragraphs else []
    return _shortened(first[0]) if first else ""


# The outcome a long sentence builds up to (……，社会主义现代化事业取得了举世瞩目的伟大成就).
_SINCE_RE = re.compile(r"以来|年来|过去")
_OUTCOME_VERB_RE = re.compile(r"取得|实现了|迈出|迈上|开创|发生了|上了")


def _shortened(sentence: str) -> str:
    """A long sentence cut for a statement. Cut after its first clauses it may keep
    only the setting and the actors (第八届全国人民代表大会第一次会议以来的五年，我国各族人民
    在中国共产党领导下，解放思想，开拓进取): when it opens with the time it looks back
    on (以来, 年来, 过去) and its last clause tells the outcome
    it builds up to, that clause is the line (社会主义现代化事业取得了举世瞩目的伟大成就)."""
    text = without_setting(sentence)
    cut = shorten(text)
    last = bare(clauses(text)[-1]) if clauses(text) else ""
    opens_with_time = bool(clauses(text)) and bool(_SINCE_RE.search(clauses(text)[0]))
    if opens_with_time and cut != bare(text) and _OUTCOME_VERB_RE.search(last) and 8 <= len(last) <= len(cut):
        return last
    return cut


def is_situation(sentence: str) -> bool:
    """True for a sentence that only tells when or on what grounds: 十八大召开至今已经
    十年了, 根据《……的建议》."""
    return bool(_SITUATION_RE.search(bare(sentence)))


_SITUATION_RE = re.compile(r"至今已经|已经.{1,4}年了$|^根据《|^按照《|^受.{2,8}委托")


def is_slogan(clause: str) -> bool:
    """True for parallel phrases that rhyme on a shared word: 准确识变、科学应变、主动求变,
    尊重自然、顺应自然、保护自然 (each phrase holds a character all the others hold)."""
    phrases = [bare(p) for p in clause.split("、")]
    if len(phrases) < 3 or not _parallel_score(clause):
        return False
    shared = set(phrases[0]).intersection(*map(set, phrases[1:]))
    return bool(shared)


def _parallel_score(clause: str) -> int:
    """Number of parallel phrases in ``clause`` (0 unless at least three)."""
    phrases = clause.split("、")
    if len(phrases) < 3:
        return 0
    rest_lengths = {len(p) for p in phrases[1:]}
    if len(rest_lengths) != 1:
        return 0
    size = rest_lengths.pop()
    # The first phrase may carry a short verb in front (着力稳态势、促改革、强基础).
    if not 2 <= size <= 6 or not size <= len(phrases[0]) <= size + 2:
        return 0
    return len(phrases)


def requirement_title(paragraphs: list[str]) -> str:
    """``今年工作的总体要求`` when a paragraph announces one, else ''."""
    for paragraph in paragraphs:
        match = _REQUIREMENT_RE.search(paragraph)
        if match:
            return bare(match.group("what"))
    for paragraph in paragraphs:
        match = _DO_WELL_RE.search(paragraph)
        if match:
            return f"{match.group('what')}的总体要求"
    return ""


_TOPIC_RE = re.compile(r"(?:^|[，。])(?:下面，)?就(?P<topic>[^，。；：]{4,20})[，,]我(?:再|就)?(?:讲|强调|提|谈)")


def announced_title(paragraphs: list[str]) -> str:
    """What the speaker announces: ``做好当前安全生产工作`` from ``就做好当前安全生产工作，
    我再强调几点``, else ``四点意见`` from ``我讲四点意见``, else ''."""
    for paragraph in paragraphs:
        topic = _TOPIC_RE.search(paragraph)
        if topic:
            return topic.group("topic")
    for paragraph in paragraphs:
        match = _ANNOUNCE_RE.search(paragraph)
        if match:
            return f"{match.group('n')}{match.group('unit')}{match.group('what')}"
    return ""


def closing_lines(paragraphs: list[str]) -> tuple[str, str]:
    """The closing slide's large line and smaller line, from the closing paragraphs.

    The large line is a quoted slogan (同志们，“征途漫漫，惟有奋斗”), else the short
    parallel clauses the closing opens with (新春伊始，万象更新), else a short first
    sentence, else the speaker's own thanks, else 谢谢！. The smaller line is the
    last complete exhortation sentence (让我们……！, ……而努力奋斗！), whole — never a
    clause cut at a comma — else a complete wish (希望……。); '' if there is none.
    Salutation-only paragraphs (各位代表！) are skipped.
    """
    paragraphs = [p for p in paragraphs if not _ONLY_SALUTATION_RE.match(p)]
    if not paragraphs:
        return "谢谢！", ""
    first = paragraphs[0]
    title = ""
    opening_sentence = sentences(first)[0] if sentences(first) else first
    slogan = _SLOGAN_RE.match(opening_sentence)
    if slogan:
        title = bare(slogan.group("slogan"))
    spoken = _COMRADES_RE.sub("", first)
    if not title:
        title = leading_clauses(spoken, max_clause=8)
    if not title and sentences(spoken) and len(bare(sentences(spoken)[0])) <= CLOSING_LINE_MAX:
        title = bare(sentences(spoken)[0])  # 安全生产责任重于泰山
    text = exhortation(paragraphs)
    if not title:
        thanks = [p for p in paragraphs if _THANKS_RE.match(p)]
        title = thanks[0] if thanks else "谢谢！"
    return title, text


# A closing's short first sentence is its large line: 安全生产责任重于泰山,
# 新时代党的建设任务艰巨、使命光荣.
CLOSING_LINE_MAX = 16
_ONLY_SALUTATION_RE = re.compile(r"^(?:同志们|同事们|各位代表|各位委员|各位领导|各位来宾)[，,：:！!]?$")
_EXHORT_END_RE = re.compile(r"(?:奋斗|努力|前进|贡献|篇章|新局面|新成绩|新胜利|新业绩|保证|保障|奋进|续写|谱写[^！]*)[！!]$")


def exhortation(paragraphs: list[str]) -> str:
    """The last complete exhortation sentence of ``paragraphs`` (让我们…！), or ''.

    Returned whole, from its first character to its ！ (a leading 同志们， dropped).
    """
    found = ""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            core = _COMRADES_RE.sub("", sentence.strip())
            if core.endswith(("！", "!")) and ("让我们" in core or _EXHORT_END_RE.search(core)):
                found = _from_cue(core, "让我们")
    if found:
        return found
    for cue in (r"让我们", r"(?:^|(?<=[，,；;]))(?:衷心|真诚)?希望"):
        for paragraph in paragraphs:
            for sentence in sentences(paragraph):
                core = _COMRADES_RE.sub("", sentence.strip())
                match = re.search(cue, core)
                if match:
                    return _from_cue(core, match.group(0))
    return ""


def _from_cue(sentence: str, cue: str) -> str:
    """The sentence from ``cue`` on when the cue opens a clause (…，让我们…！)."""
    position = sentence.find(cue)
    if position > 0 and sentence[position - 1] in "，,；;：:":
        return sentence[position:]
    return sentence


TOPIC_MAX = 16  # characters in a topic sentence (营商环境进一步改善。)
HEADING_LINE_MAX = 24  # a topic set as a line of its own (这是粤港澳大湾区建设纵深推进的五年。)
_TOPIC_NOT_RE = re.compile(r"^(?:同志们|各位|我们|这(?!是)|那|但|而|因此|所以|总之)|[是：:]$|[，,、；;\dX%％]")


_MARKER_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，、])")
# 重点产业进一步提升能级、优化布局: a subject and what became of it, in two aims joined
# by 、. Not a list of short phrases (推迟开学、灵活复工、错峰出行): the subject and its
# first aim are longer than a phrase of the list.
_PAIRED_AIMS_RE = re.compile(r"^(?P<first>[^、]{6,})、(?P<second>[^、]{2,6})$")


def _paired_aims(topic: str) -> str:
    """``topic`` with the 、 of two paired aims taken out, so it is read as one topic."""
    match = _PAIRED_AIMS_RE.match(topic)
    return f"{match.group('first')}{match.group('second')}" if match else topic



def topic_of(paragraph: str, *, longest: int = TOPIC_MAX) -> str:
    """The topic a paragraph opens with: a short first sentence that names what the
    rest is about (经济结构不断优化。消费拉动…), or ''.

    Not a topic: a salutation, a sentence with a comma, one that introduces a list
    (…的主要目标是：), or a paragraph with little after it.
    """
    parts = sentences(paragraph)
    if len(parts) < 2:
        return ""
    first = parts[0]
    # ——必须坚持人民至上。/（二）建设现代化产业体系。: the point, not its marker.
    topic = _MARKER_RE.sub("", bare(first).rstrip("。！").lstrip("—－-"))
    if not first.endswith(("。", "！")) or not 4 <= len(topic) <= longest or _TOPIC_NOT_RE.search(_paired_aims(topic)):
        return ""
    if len(bare("".join(parts[1:]))) < 20:
        return ""
    return topic
