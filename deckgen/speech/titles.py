"""No two slides of a derived deck share a title (issue 16).

Paragraph after paragraph a report gives tables titled 2026年主要指标 and statements
titled by their part; a deck with the same title on thirteen slides tells the audience
nothing. After the outline is derived, every title that an earlier slide already
carries is replaced by what its own slide holds: the topic its paragraph opens with
(内需拉动明显增强), else the part's title with the slide's first point or figure
(2018年工作回顾：发展新动能快速成长). A slide that continues the one before it, on
the same subject, says （续）.

Before that, a statement whose sentence only heads its paragraph becomes the points
slide that sentence titles (:func:`weigh_statements`).
"""

from __future__ import annotations

import re

from deckgen.speech.headline import key_sentence, topic_of
from deckgen.speech.markers import cn_number, dash_point
from deckgen.speech.sentences import bare, clauses, is_setting, sentences, without_address, without_setting
from deckgen.speech.slides import point_detail
from deckgen.typeset.words import splits_word

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
        before = ""  # the notes of the slide before: what it announces (办好十方面民生实事)
        for slide in part.get("slides", []):
            said_before, before = before, slide.get("notes", "")
            title = slide.get("title", "")
            if not title or CONTINUED in title:
                continue
            if title == "主要指标" and (topic := topic_clause(slide)) and _key(topic) not in seen:
                # A table titled 主要指标 says nothing; its paragraph opens with what the
                # figures show (对外开放继续扩大，形成了……).
                slide["title"] = title = topic
            if _key(title) in seen or _key(title) in _entries(slide):
                # Taken, or the slide's own first point again (基本民生保障水平持续提升
                # over 基本民生保障水平持续提升, 教育卫生服务提质增效).
                own = _own_title(slide, title, seen, before=said_before)
                headed = heading_slide(slide) if slide.get("kind") == "statement" and _says_nothing(own) else None
                if headed is not None and _key(headed["title"]) not in seen:
                    # Nothing names the sentence because it is a heading itself (“十四五”
                    # 发展成就来之不易。根本在于……): its paragraph's slide, titled by it.
                    slide.clear()
                    slide.update(headed)
                else:
                    slide["title"] = own
            seen.add(_key(slide["title"]))


# 办好十方面民生实事, 实施十件民生实事: a list announced by its count and name.
_COUNTED_RE = re.compile(r"(?:办好|做好|抓好|实施|推进|落实|完成)(?P<what>(?P<n>[一二三四五六七八九十两]+)(?:个)?(?:方面|件|项)[^，。；、！：]{2,10})")


def _says_nothing(title: str) -> bool:
    """True for the last resorts of :func:`_own_title`: …：概述, …（二）."""
    return title.endswith(f"：{OVERVIEW}") or bool(re.search(r"（[二三四五六七八九十\d]+）$", title))


def heading_slide(statement: dict) -> dict | None:
    """The slide of the paragraph a statement's sentence opens, when the paragraph goes
    on: titled by that sentence (without its address and setting, 各位代表，过去一年，),
    its points what the paragraph goes on to say; the statement's notes kept. None
    otherwise."""
    shown = bare(statement.get("text", ""))
    for line in statement.get("notes", "").split("\n"):
        said = sentences(line)
        if len(said) < 2 or not shown or shown not in bare(said[0]):
            continue
        title = bare(without_setting(bare(without_address(said[0]))))
        rest = [sentence for sentence in said[1:] if not _THANKS_RE.search(sentence)]  # thanks are spoken, not shown
        if len(title) > TITLE_MAX or not rest or _ENUMERATED_RE.search("".join(rest)):
            return None  # 一是……二是……: points cut from clauses would split its items
        slide = point_detail(title, said[0] + "".join(rest), spoken_as=line)
        if slide is not None and len(rest) == 1 and len(slide["bullets"]) < 3:
            slide = None  # 这是……的结果，是……的结果: one sentence, said whole
        if slide is None:
            # One sentence more (成绩来之不易。这是全市人民团结奋斗的结果。): the statement
            # is that sentence, under the heading it explains.
            slide = {"kind": "statement", "title": title, "text": key_sentence(["".join(rest)]) or bare(rest[0])}
        slide["notes"] = statement.get("notes", "")
        return slide
    return None


_ENUMERATED_RE = re.compile(r"[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]")
# 在此，我代表市人民政府，向全市人民……致以崇高的敬意！ — said to the hall, not a point.
_THANKS_RE = re.compile(r"(?:致以|表示)[^。！!]*(?:敬意|感谢|谢意|问候)")


def _key(title: str) -> str:
    return bare(title).rstrip("：:")


def _own_title(slide: dict, taken: str, seen: set[str], *, before: str = "") -> str:
    base = re.split(r"[：:]", taken)[0]
    if re.fullmatch(r"附[件录]\d*", base) and len(re.split(r"[：:]", taken)) > 1:
        # 附件：2026年省十件民生实事 — the annex is named by what it is.
        base = re.split(r"[：:]", taken)[1]
    lead = bare(clauses(base)[0]) if clauses(base) else base
    candidates = [topic] if slide.get("metrics") and (topic := topic_clause(slide)) else []
    entries = len(slide.get("items", []) or slide.get("areas", []) or slide.get("bullets", []))
    if entries >= 2:
        # 继续认真办好十方面民生实事。 before a list of ten: the list is what was announced.
        candidates += [m.group("what") for m in _COUNTED_RE.finditer(before) if cn_number(m.group("n")) == entries][:1]
    if entries >= ASPECTS_MIN:
        # 八个方面 of a review: the list's size, not its first entry, says what it holds.
        candidates.append(f"{lead}：{_number(entries)}个方面")
        # 提出了今后五年经济社会发展的主要任务，突出了以下四个方面: under a part title too
        # long to lead, what the list was announced as.
        candidates += [f"{m.group('what')}：{_number(entries)}个方面" for m in _ASPECTS_OF_RE.finditer(before)][-1:]
    candidates += [topic_of(line) for line in slide.get("notes", "").split("\n")[:2] if line]
    if slide.get("kind") == "statement":
        candidates += statement_titles(slide.get("text", "")) + _aim(slide.get("text", "")) + _acted_on(slide.get("text", ""))
        candidates += _slogan_name(slide.get("text", "")) + _marked(slide.get("text", ""))
        candidates += [m.group(0) for m in [_OUTCOME_RE.search(bare(slide.get("notes", "").split("\n")[0]))] if m]
    if lead != base:
        candidates.append(lead)
    if slide.get("kind") != "statement":
        # A statement's first clause is its own text again (过去一年，中国特色大国外交取得新成就).
        candidates += [f"{base}：{subject}" for subject in _subjects(slide)]
    if 2 <= entries <= 3 and (joined := _joined(slide)):
        candidates.insert(0, joined)
    if entries >= 2:
        candidates[:0] = [f"{lead}：{what}" for what in _ANNOUNCED_RE.findall(slide.get("notes", ""))[:1]]
    if slide.get("metrics"):
        candidates += [f"{base}：{subject}" for subject in _indicators(slide)]
    shown = _key(slide.get("text", ""))
    own = _entries(slide)
    candidates = [c for c in candidates if _key(c) not in own]
    for candidate in candidates:
        # A statement's title never says its text again (成绩来之不易 over 成绩来之不易).
        if shown and (_key(candidate).endswith(shown) or shown.startswith(_key(candidate)) and len(candidate) * 2 > len(shown)):
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


TOPIC_CLAUSE = (4, 16)  # characters of a paragraph's opening clause that names its topic
# How a topic clause ends: what became of its subject (对外开放继续扩大, ……得到加强).
_RESULT_END_RE = re.compile(r"(?:扩大|增加|增长|提高|提升|加强|增强|前进|改善|巩固|下降|降低|优化|完善|突破|发展|成效|进展|变化|好转|稳定)$")
_TOPIC_CLAUSE_NOT_RE = re.compile(r"\d|^(?:第[一二三四五六七八九十]|[一二三四五六七八九十]是)")


def topic_clause(slide: dict) -> str:
    """The clause a slide's paragraph opens with when it names what the paragraph
    is about, before a comma (城乡居民收入显著增加，生活水平进一步提高。…), or ''.
    Not a setting (五年来), a figure, a sentence led by 我们/今年, or a marker."""
    line = slide.get("notes", "").split("\n")[0]
    first = bare(dash_point(line) or line)  # ——发展质效不断提高，…: the point, not its dash
    pieces = clauses(first.split("。")[0]) if first else []
    if len(pieces) < 2:
        return ""
    clause = bare(pieces[0])
    low, high = TOPIC_CLAUSE
    if not low <= len(clause) <= high or is_setting(clause) or _TOPIC_CLAUSE_NOT_RE.search(clause):
        return ""
    if clause.startswith(_NOT_SUBJECT + ("今年", "明年", "去年")) or not _RESULT_END_RE.search(clause):
        return ""  # 系统梳理全面优化涉企审批备案服务: an action, not what the figures show
    return clause


_ESPECIALLY_RE = re.compile(r"、(?:特别|尤其)是[^，。、的]*")
_AIM_RE = re.compile(r"^(?:积极|大力|加快|进一步|继续)*(?:促进|推进|推动|加强|支持|发展)(?P<aim>.{2,8})的(?P<what>发展|建设|改革)$")


def _aim(text: str) -> list[str]:
    """What a call to act names, without the act and its 特别是 aside:
    积极促进乡镇企业、特别是中西部地区乡镇企业的发展 -> 乡镇企业发展."""
    match = _AIM_RE.match(_ESPECIALLY_RE.sub("", bare(text)))
    return [match.group("aim") + match.group("what")] if match else []


# 今年我们要坚持和完善为民办实事长效机制，…: who acts and how, before what is acted on.
_ACTOR_RE = re.compile(r"^(?:今年|明年|下一步|今后)?(?:我们|全省|全市|全区|全县|各地|各级)?(?:还|也|将|要|必须|继续|要继续|将继续)*")
_ACTION_RE = re.compile(
    r"^(?:(?:坚持|完善|健全|加强|强化|深化|推进|推动|落实|实施|建立|构建|优化|提升|提高|做好|抓好|办好|用好|守好|扩大|促进|加快|巩固)[和、与并及]?)+"
)


def _acted_on(text: str) -> list[str]:
    """What a call to act is about, named by its first clause without who acts and
    the verbs (今年我们要坚持和完善为民办实事长效机制，… -> 为民办实事长效机制)."""
    pieces = clauses(bare(without_setting(bare(text))))
    if not pieces:
        return []
    clause = _ACTOR_RE.sub("", bare(pieces[0]))
    acted = _ACTION_RE.sub("", clause)
    if acted == clause or not 4 <= len(acted) <= SUBJECT_MAX or splits_word(clause, len(clause) - len(acted)):
        return []
    return [acted]


# ……的圆满完成，标志着“十四五”胜利收官: what the sentence says the facts mean.
_MARKS_RE = re.compile(r"[，,](?:标志着|意味着|表明|宣告)(?P<what>[^，。；]{4,14})$")


def _marked(text: str) -> list[str]:
    """What a sentence says its facts mean (……，标志着“十四五”胜利收官 -> “十四五”胜利收官)."""
    match = _MARKS_RE.search(bare(text))
    return [match.group("what")] if match else []


_NUMBER_WORDS = "一二三四五六七八九十"


def _slogan_name(text: str) -> list[str]:
    """A run of parallel phrases led by one character, named as a speech names it:
    着力稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期 -> “六稳”."""
    phrases = [bare(p) for p in bare(text).split("、")]
    if not 3 <= len(phrases) <= len(_NUMBER_WORDS) or not all(2 <= len(p) <= 5 for p in phrases[1:]):
        return []
    lead = phrases[1][0]
    first = phrases[0]
    # The first phrase may carry the verb that governs them all (着力稳就业).
    start = first.find(lead)
    if start < 0 or start > 2 or any(p[0] != lead for p in phrases[1:]) or len(first) - start > 5:
        return []
    return [f"“{_NUMBER_WORDS[len(phrases) - 1]}{lead}”"]


_VERB_RE = re.compile(r"(?=(就是|是|具有))")
_YEAR_RE = re.compile(r"\d{4}年|今年|明年|去年")
_NOT_BEFORE_IS = ("特别", "也", "还", "都", "正", "而", "即", "但", "或", "不", "只", "总", "却", "尤其", "主要", "首先", "关键")
_NOT_SUBJECT = ("我们", "这", "那", "今天", "当前", "目前", "我国", "我省", "我市")
# A predicate that closes a topic sentence (军政军民团结巩固发展): the title keeps the noun.
_PREDICATE_RE = re.compile(
    r"(?:(?:持续|不断|稳步|深入|加快|进一步|全面|扎实|有效|显著|明显)"
    r"(?:提升|加强|推进|完善|深化|改善|增强|释放|落实|发展|建设|提高|实施)"
    r"|巩固发展|提质增效|深化建设|取得新(?:进展|成效|突破)|成效明显)$"
)
# A paragraph that ends by naming its outcome (……，政府自身建设取得新成效。).
_OUTCOME_RE = re.compile(r"(?<=，)[^，。；]{2,10}取得新(?:成效|进展|成就|突破)(?=。?$)")
TAIL_MAX = 14  # characters of what a statement says of its subject, in its title


def statement_titles(text: str) -> list[str]:
    """Titles that say what a statement holds, from its sentence (issue 16 item 3).

    The subject of a 是/就是/具有 sentence (马克思主义是……的根本指导思想 ->
    马克思主义：根本指导思想, 中国共产党的中心任务就是…… -> 中国共产党的中心任务); a year
    takes what it was (2025年是……很不平凡的一年 -> 2025年：很不平凡的一年); a topic
    sentence its noun (坚如磐石的军政军民团结巩固发展 -> 军政军民团结). '' for a
    sentence led by 我们 or a verb: nothing in it names its subject.
    """
    text = bare(without_setting(bare(text)))
    for match in _VERB_RE.finditer(text[: SUBJECT_MAX + 2]):
        subject = text[: match.start()].removesuffix("，")
        if len(subject) < 4 and not _YEAR_RE.fullmatch(subject) or splits_word(text, match.start()) or "，" in subject:
            continue
        if "、" in subject or subject.endswith(_NOT_BEFORE_IS):
            return []  # 积极促进乡镇企业、特别是……: 是 inside a phrase, no subject before it
        if subject.startswith(_NOT_SUBJECT):
            return _goal(text)
        tail = _tail(text[match.start() + len(match.group(1)):].split("，")[0])
        if _YEAR_RE.fullmatch(subject):
            return [f"{subject}：{tail}"] if tail else []
        if not tail or len(subject) + len(tail) >= len(text) * 0.8:
            # 十九大以来的五年：极不寻常、极不平凡的五年 over that very sentence says it
            # twice; its subject alone names it.
            return [subject]
        return [f"{subject}：{tail}", subject]
    if text.startswith(_NOT_SUBJECT):
        return _goal(text)
    modifier, of, noun = text.rpartition("的")
    noun = _PREDICATE_RE.sub("", noun)
    if of and modifier and "，" not in noun and 4 <= len(noun) <= SUBJECT_MAX and noun != text:
        return [noun]
    return []


_GOAL_RE = re.compile(r"(?:实现|完成|达到|建成)([^，。；、]{4,16}(?:目标|任务|梦想))$")


def _goal(text: str) -> list[str]:
    """A sentence led by 我们 that ends on the goal it is about, titled by that goal
    (我们比历史上任何时期都更接近……实现中华民族伟大复兴的目标 -> 中华民族伟大复兴的目标),
    else nothing: its subject names nothing."""
    match = _GOAL_RE.search(text.rstrip("。！!"))
    return [match.group(1)] if match else []


def _tail(rest: str) -> str:
    """What a 是 clause says of its subject, short: the whole of it, else its noun after
    the last 的 (……兴党兴国的根本指导思想 -> 根本指导思想), else the phrase after the
    last 中/上 (……进程中具有重要意义的一年 -> 具有重要意义的一年), else its last
    phrase of a list (……、“十五五”规划谋篇布局之年)."""
    if rest.endswith("的"):
        return ""
    for tail in (rest, rest.rpartition("的")[2], re.split(r"[中上里]", rest)[-1], rest.rpartition("、")[2]):
        if 4 <= len(tail) <= TAIL_MAX:
            return tail
    return ""


# 必须牢牢把握以下重大原则：the list's own name for what it holds.
_ASPECTS_OF_RE = re.compile(r"(?P<what>主要任务|重点任务|主要目标|重点工作|主要举措)[^。]{0,8}以下[一二三四五六七八九十几]个方面")
_ANNOUNCED_RE = re.compile(r"(?:把握|坚持|做到|遵循|抓好|做好)以下(?:几[个项条点])?([^，。：；]{2,8}?)[：:。]")


def _entries(slide: dict) -> set[str]:
    """The headlines and bullets of a slide of two or more entries, as keys."""
    texts = [i.get("headline", "") if isinstance(i, dict) else str(i) for i in slide.get("items", [])]
    texts += [b for b in slide.get("bullets", []) if isinstance(b, str)]
    return {_key(t) for t in texts if t} if len(texts) >= 2 else set()


def _joined(slide: dict) -> str:
    """Two or three headlines named together without their predicates:
    自贸试验区及临港新片区深化建设 + 长三角一体化发展加快推进 ->
    自贸试验区及临港新片区和长三角一体化发展; '' when that is too long."""
    heads = [i.get("headline", "") for i in slide.get("items", []) if isinstance(i, dict)]
    nouns = [_PREDICATE_RE.sub("", bare(h)) for h in heads]
    if len(nouns) < 2 or any(n == bare(h) or len(n) < 2 for n, h in zip(nouns, heads)):
        return ""
    joined = "、".join(nouns[:-1]) + "和" + nouns[-1]
    return joined if len(joined) <= TITLE_MAX - 6 else ""


def _indicators(slide: dict) -> list[str]:
    """The first indicator of a metrics slide short enough to name it."""
    names = [bare(str(row.get("indicator", ""))) for row in slide.get("metrics", [])]
    return [n for n in names if 2 <= len(n) <= SUBJECT_MAX][:1]


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


# -- statements only for sentences a speaker would put up alone (issue 16 item 5) ----
#
# A statement slide sets one sentence large. A report's paragraph often opens with a
# sentence that names what it goes on to tell (过去一年，坚如磐石的军政军民团结巩固发展。
# 跨军地改革持续深化，……; “十五五”时期具有承前启后的重要地位。2035年上海要……): set
# alone, that sentence hides everything the paragraph says. Such a statement becomes
# the paragraph's points slide, titled by the sentence (:func:`heading_slide`). A call
# to act (我们要……, 积极促进……) and the year's overall requirement keep their statement.

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
