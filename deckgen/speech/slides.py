"""Slides from pieces of a speech: one function per slide kind.

Each function takes speech paragraphs (or pieces of the structure tree) and returns
the slide as plain outline data, keys in the documented order, with the paragraphs
it came from as ``notes``. None of them returns a slide without its required content.
"""

from __future__ import annotations

import re

from deckgen.speech import headline, markers
from deckgen.speech.metrics import Metric
from deckgen.speech.sentences import bare, clauses, is_setting, sentences
from deckgen.speech.structure import TAIL_TITLE, TAIL_TOPIC_MIN, TAIL_TOPICS, Container, DashRun, Item, ItemRun, Para, passage_title

# Bullets per slide when paragraphs are turned into bullets; more would not be read.
BULLETS_PER_SLIDE = 6


def notes_of(paragraphs: list[str]) -> str:
    """Speaker notes: the paragraphs as spoken, one per line."""
    return "\n".join(p for p in paragraphs if p) + "\n"


def achievements(title: str, items: list[Item], notes: list[str]) -> dict | None:
    """An achievements slide: headline + detail per item (None without items)."""
    if not items:
        return None
    return {
        "kind": "achievements",
        "title": title,
        "items": [headline.item_entry(item.text) for item in items],
        "notes": notes_of(notes),
    }


def bullets(title: str, points: list[str], notes: list[str]) -> dict | None:
    """A bullets slide from dash points or paragraphs (None without points)."""
    lines = [headline.bullet_of(p) for p in points if bare(p) and not markers.is_spoken_only(p)]
    if not lines:
        return None
    return {"kind": "bullets", "title": title, "bullets": lines, "notes": notes_of(notes)}


def dash_bullets(run: DashRun, fallback_title: str, intro: list[str], trailing: list[str]) -> dict | None:
    """The bullets slide of a dash run; a lead they all share (五年来) becomes the title."""
    lead = headline.common_lead(run.points)
    points = [headline.strip_lead(p, lead) for p in run.points]
    title = lead_title(lead) or fallback_title
    return bullets(title, points, intro + run.sources + trailing)


def lead_title(lead: str) -> str:
    """``五年来的成就`` from the lead ``五年来``; any other lead is the title as is."""
    if not lead:
        return ""
    return f"{lead}的成就" if lead.endswith("来") else lead


def statement(title: str, paragraphs: list[str]) -> dict | None:
    """A statement slide: the key sentence of ``paragraphs``, all of them in notes."""
    text = headline.key_sentence([p for p in paragraphs if not markers.is_spoken_only(p)])
    if not text:
        return None
    slide: dict = {"kind": "statement"}
    title = headline.requirement_title(paragraphs) or title
    if title:
        slide["title"] = title
    slide["text"] = text
    slide["notes"] = notes_of(paragraphs)
    return slide


def metrics_slides(
    rows: list[Metric], notes: list[str], fallback_title: str = "", context_year: str = "", result_year: str = ""
) -> list[dict]:
    """Metrics slides for ``rows``: results, comparisons with a base year, and targets.

    Rows fall in three tables because their columns mean different things: a result
    (完成X亿元，同比增长X%), a multiple of a base year (是“十二五”末的X倍), and a target
    (预计…左右). Each table is one slide; a table of one row is left out unless the
    rows are targets (a single target is still the year's target). Titles name the
    year the figures speak of: the sentence's own year, else ``result_year`` (from
    the part title, 2023年工作回顾) for results and ``context_year`` (from the speech
    title) for targets.
    """
    targets = [r for r in rows if r.target]
    based = [r for r in rows if not r.target and r.base]
    results = [r for r in rows if not r.target and not r.base]
    slides = []  # (position of the first row, slide): tables come in the speech's order
    if len(results) >= 2:
        year = results[0].year
        period = _period(results[0].sentence, notes)
        if period and not year and not fallback_title:
            title = f"“{period}”时期主要指标"  # 这五年…: the plan period's results
        elif year or not fallback_title:
            year = year or result_year
            title = f"{year}年{_results_name(year, context_year)}" if year else "主要指标"
        else:
            title = fallback_title
        slides.append((rows.index(results[0]), _metrics_slide(title, results, notes)))
    if len(based) >= 2:
        base = based[0].base
        quoted = re.match(r"^(“[^”]+”)(?:期间|时期)", based[0].change or "")
        title = f"{quoted.group(1)}时期发展速度" if quoted else f"较{base}增长情况"
        headers = ["指标", f"为{base}的", "单位", "年均增长" if all("年均" in r.change for r in based) else "变化"]
        slides.append((rows.index(based[0]), _metrics_slide(title, based, notes, headers)))
    if targets:
        year = targets[0].year or context_year
        period = _period(targets[0].sentence, notes)
        if period and not targets[0].year:
            title = f"“{period}”时期主要目标"  # “十五五”时期…的主要目标是：…
        else:
            title = f"{year}年主要预期目标" if year else "主要预期目标"
        position = rows.index(targets[0])
        if any(not r.unit and isinstance(r.value, str) for r in targets):
            # Most goals read as one phrase (5.5%左右, 7万人以上): give every row that form.
            targets = [_unit_in_value(r) for r in targets]
        slides.append((position, _metrics_slide(title, targets, notes)))
    return [slide for _, slide in sorted(slides, key=lambda pair: pair[0])]


def _results_name(year: str, context_year: str) -> str:
    """主要成绩 for the results of a year before the one the speech is about (2023年主要
    成绩 in a 2024 report), else 主要指标: this year's figures may be plans."""
    return "主要成绩" if context_year and year < context_year else "主要指标"


_PERIOD_RE = re.compile(r"“(十[一二三四五六七八九]五)”(?:时期|期间|规划)?|(十[一二三四五六七八九]五)时期")


_PERIOD_OPENING_RE = re.compile(r"^“(十[一二三四五六七八九]五)”(?:时期|期间)")


def _period(sentence: str, notes: list[str]) -> str:
    """The plan period (十五五) the figures' sentence, or its paragraph's start, speaks
    of; '' when the sentence speaks of this year (今年…的主要预期目标是)."""
    if re.search(r"今年|明年|本年|当年", sentence or ""):
        return ""
    match = _PERIOD_RE.search(sentence or "")
    if match:
        return match.group(1) or match.group(2)
    # “十四五”时期，上海发展历程…这五年，…: a paragraph about the period as a whole.
    match = _PERIOD_OPENING_RE.match(notes[0] if notes else "")
    return match.group(1) if match else ""


def _metrics_slide(title: str, rows: list[Metric], notes: list[str], headers: list[str] | None = None) -> dict:
    slide: dict = {"kind": "metrics", "title": title}
    if headers:
        slide["headers"] = headers
        if headers[3] == "年均增长":
            rows = [_without_lead(r) for r in rows]
    slide["metrics"] = [r.as_data() for r in rows]
    slide["notes"] = notes_of(notes)
    return slide


def _unit_in_value(row: Metric) -> Metric:
    """``4`` and ``%`` as the one value ``4%``, as written in the speech."""
    if not row.unit or row.unit == "倍":
        return row
    clone = Metric(**{**row.__dict__})
    clone.value, clone.unit = f"{row.value}{row.unit}", ""
    return clone


def _without_lead(row: Metric) -> Metric:
    """``增长X%`` from ``“十三五”期间年均增长X%`` when the column header says the rest."""
    clone = Metric(**{**row.__dict__})
    clone.change = re.sub(r"^.*?年均", "", row.change)
    return clone


def focus_grid(title: str, groups: list[Container], *, summaries: list[str] | None = None) -> dict | None:
    """The focus-areas grid: one card per group, first clause as title, rest as summary.

    ``summaries`` (one per group) stand in where a group's title has no rest: the
    lead of what a group of one paragraph says, when it gets no slide of its own.
    """
    areas = []
    for index, group in enumerate(groups):
        pieces = clauses(group.title)
        if not pieces:
            continue
        area = {"title": pieces[0]}
        summary = "，".join(pieces[1:]) or (summaries[index] if summaries else "")
        if summary:
            area["summary"] = summary
        areas.append(area)
    if not areas:
        return None
    return {"kind": "focus-areas", "title": title, "areas": areas, "notes": notes_of([g.heading for g in groups])}


def focus_detail(group: Container, number: int) -> dict | None:
    """One focus area in detail: its items (or dash points, or paragraph leads)."""
    items = [headline.item_entry(item.text) for run in group.item_runs() for item in run.items]
    if not items:
        items = [headline.item_entry(p) for b in group.body if isinstance(b, DashRun) for p in b.points]
    if not items:
        items = [headline.item_entry(b.text) for b in group.body if isinstance(b, Para) and not b.spoken_only]
    if not items:
        return None
    return {
        "kind": "focus-area",
        "title": group.title,
        "number": number,
        "items": items,
        "notes": notes_of([group.heading, *spoken(group.body)]),
    }


def spoken(blocks: list) -> list[str]:
    """Every paragraph of ``blocks`` as spoken, markers included, in order."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines.append(block.text)
        elif isinstance(block, ItemRun):
            lines.extend(item.source for item in block.items)
        elif isinstance(block, DashRun):
            lines.extend(block.sources)
        elif isinstance(block, Container):
            lines.append(block.heading)
            body = block.body
            if body and isinstance(body[0], Para) and block.heading.endswith(body[0].text):
                body = body[1:]  # （一）标题。正文…: the text after the heading was said with it
            lines.extend(spoken(body))
    return lines


def chunked_bullets(title: str, paragraphs: list[str]) -> list[dict]:
    """Bullets slides for plain paragraphs, at most :data:`BULLETS_PER_SLIDE` each."""
    slides = []
    for start in range(0, len(paragraphs), BULLETS_PER_SLIDE):
        chunk = paragraphs[start : start + BULLETS_PER_SLIDE]
        slide = bullets(title, chunk, chunk)
        if slide:
            slides.append(slide)
    return slides


# 我们也清醒看到，发展中还存在不少困难和问题：有效需求不足，…；科技创新能力不强，…
_PROBLEMS_RE = re.compile(
    r"(?P<what>困难和问题|问题和不足|不足和问题|问题和短板|短板和不足|差距和不足|存在的问题|突出问题|困难挑战|困难和挑战|问题和挑战|风险和挑战)"
    r"[^：:。]{0,12}[：:]"
)
_SEEING_RE = re.compile(r"(?:清醒(?:地)?看到|清醒认识到|也要看到)[，,：:]")
# 我们前进道路上还面临不少问题和挑战。A仍较突出，B存在短板，…
_FACING_RE = re.compile(r"(?:面临|存在)着?的?(?:不少|一些|诸多|许多)?(?P<what>问题和挑战|困难和挑战|风险和挑战|困难和问题|问题和不足)[。：:]")
PROBLEMS_TITLE = "困难和问题"
_EXIST_RE = re.compile(r"(?:存在|面临|还有|仍有)着?(?:不少|一些|许多|诸多)?的?(?:矛盾|问题|困难|挑战|不足)")
# 主要是：A。B。: the lead-in to the problems named; 这些问题，…: a sentence about them.
_NAMED_LEAD_RE = re.compile(r"^(?:主要是|主要有|主要表现在|具体表现为|突出表现在)[：:，,]?")
_ABOUT_THEM_RE = re.compile(r"^(?:这些|上述|对此|对这些)")


def problems(paragraph: str) -> dict | None:
    """A bullets slide of the problems a paragraph lists, or None.

    Speeches name their shortcomings in one sentence after a cue: the problems
    separated by ； after a colon (…困难和问题：有效需求不足，…；科技创新能力不强，…),
    or one a clause after 清醒看到， or after 面临不少问题和挑战。 Each becomes a
    bullet; the paragraph's resolve (我们一定直面问题…) stays in the notes.
    """
    match = _PROBLEMS_RE.search(paragraph) or _SEEING_RE.search(paragraph) or _FACING_RE.search(paragraph)
    if not match:
        return None
    following = sentences(paragraph[match.end():])
    listed = following[0] if following else ""
    if _EXIST_RE.search(listed) and len(following) > 2:
        # 我们清醒地看到，在…中，还存在着不少矛盾和问题。A…。B…。: the sentences after
        # the one saying there are problems name them.
        named = [
            headline.bullet_of(piece)
            for p in following[1:]
            if not _ABOUT_THEM_RE.match(p)
            for piece in re.split(r"[；;]", _NAMED_LEAD_RE.sub("", p))
            if bare(piece)
        ]
        return {"kind": "bullets", "title": match.groupdict().get("what") or PROBLEMS_TITLE, "bullets": named[:BULLETS_PER_SLIDE], "notes": notes_of([paragraph])}
    pieces = [bare(p) for p in re.split(r"[；;]", listed) if bare(p)]
    if len(pieces) < 2 and not match.group(0).endswith(("：", ":")):
        # 我们也要清醒看到，A还不够强，B意识不足，C仍有发生: the clauses are the problems.
        pieces = [bare(p) for p in clauses(listed) if len(bare(p)) >= 6]
    if len(pieces) < 2:
        return None
    title = match.groupdict().get("what") or PROBLEMS_TITLE
    return {"kind": "bullets", "title": title, "bullets": [headline.bullet_of(p) for p in pieces[:BULLETS_PER_SLIDE]], "notes": notes_of([paragraph])}


# 推进制造业高质量发展。新增…: a paragraph opening with a short heading sentence.
HEADED_MAX = 20


def headed_items(title: str, paragraphs: list[str]) -> dict | None:
    """An achievements slide when every paragraph opens with a short heading sentence."""
    if len(paragraphs) < 2:
        return None
    items = []
    for paragraph in paragraphs:
        parts = sentences(paragraph)
        if len(parts) < 2 or not parts[0].endswith("。") or len(bare(parts[0])) > HEADED_MAX or "，" in parts[0]:
            return None
        items.append(headline.item_entry(paragraph))
    return {"kind": "achievements", "title": title, "items": items, "notes": notes_of(paragraphs)}


def topic_slide(paragraph: str, topic: str) -> dict | None:
    """One topic paragraph (营商环境进一步改善。…) as a slide titled by its topic.

    What it goes on to say gives the points (a bullet per sentence, or per clause of
    one long sentence); with too little for points it is a statement under its topic.
    """
    slide = point_detail(topic, paragraph, spoken_as=paragraph)
    if slide:
        return slide
    rest = "".join(sentences(paragraph)[1:])
    return {"kind": "statement", "title": topic, "text": headline.key_sentence([rest]) or rest, "notes": notes_of([paragraph])}


_FIGURE_RE = re.compile(r"\d")
WORDED_MIN = 3  # points a group told in figures needs for a slide of its own


# A clause that says how, not what (以市场为导向, 采取有效措施, 在不放松粮食生产的同时).
_MEANS_RE = re.compile(r"(?:为导向|为主线|为重点|为抓手|有效措施|的同时)$")


def worded_points(title: str, paragraphs: list[str], notes: str) -> dict | None:
    """A bullets slide of the sentences of ``paragraphs`` that state no figure (the
    clauses of each, up to :data:`BULLETS_PER_SLIDE`), or None with fewer than
    :data:`WORDED_MIN`. The figures have their own table."""
    lines = []
    for sentence in [s for p in paragraphs for s in sentences(p)]:
        if _FIGURE_RE.search(sentence):
            continue
        pieces = [bare(c) for c in clauses(sentence)]
        first = pieces[:1]
        if len(pieces) > 1 and _MEANS_RE.search(pieces[0]):
            # 要以市场为导向 / 今年要继续采取有效措施 say how, not what: the clause after
            # them is the point (以市场为导向，调整和优化农业结构; 确保农业再有一个好收成).
            first = [pieces[1] if pieces[0].endswith("措施") else f"{pieces[0]}，{pieces[1]}"]
        lines.extend(_point_lines(first))
    lines = list(dict.fromkeys(lines))
    if len(lines) < WORDED_MIN:
        return None
    return {"kind": "bullets", "title": title, "bullets": lines[:BULLETS_PER_SLIDE], "notes": notes}


# A run-in heading names an action (提升科技创新质效。, 加快推进文化惠民。, 做优开放平台。):
# a manner word, then a verb a work report heads its measures with. A sentence that
# reports a fact (海康威视获…奖。, 专门学校建设实现设区市全覆盖。) starts otherwise.
_RUN_IN_HEADING_RE = re.compile(
    r"^(?:大力|积极|持续|切实|扎实|深入|全面|充分|加快|加力|着力|稳步|不断|进一步|认真|有效|统筹)?"
    r"(?:提升|提高|加快|发挥|推进|促进|提振|扩大|加强|支持|做优|做强|做大|做好|做实|建强|营造|激发|深化|优化|"
    r"培育|强化|发展|推动|完善|健全|构建|打造|实施|落实|抓好|巩固|保障|筑牢|守牢|防范|统筹|繁荣|坚持|拓展|增强|"
    r"改善|保护|夯实|加大|用好)"
)


def _run_in_heading(sentence: str) -> bool:
    """True for a short action sentence with no clause in it: 提升科技创新质效。"""
    text = bare(sentence)
    return (
        sentence.rstrip().endswith("。")
        and 4 <= len(text) <= HEADED_MAX
        and not any(stop in text for stop in "，,；;：:")
        and bool(_RUN_IN_HEADING_RE.match(text))
    )


def run_in_sections(paragraph: str) -> list[tuple[str, list[str]]]:
    """The run-in headings of ``paragraph`` with the sentences each heads, or [].

    提升科技创新质效。完善…。首期…。加快人工智能创新发展。人工智能…: a paragraph that
    opens with a heading and sets further headings inside gives (heading, its
    sentences) in order. A heading heads at least one sentence, so the paragraph's
    last sentence is never one. [] when the paragraph does not open with a heading.
    """
    parts = sentences(paragraph)
    sections: list[tuple[str, list[str]]] = []
    for index, sentence in enumerate(parts):
        if index < len(parts) - 1 and _run_in_heading(sentence) and (not sections or sections[-1][1]):
            sections.append((bare(sentence), []))
        elif sections:
            sections[-1][1].append(sentence)
        else:
            return []
    return sections


def _worded(sentences_: list[str]) -> str:
    """``sentences_`` with the clauses that state a figure left out (the figures have
    their table): 阿里千问、DeepSeek等通用模型性能全球领先，… from 人工智能核心产业营收
    6800亿元左右、增长20%以上，阿里千问…; '' when every clause states a figure."""
    kept = []
    for sentence in sentences_:
        pieces = [c for c in clauses(sentence) if not _FIGURE_RE.search(c) and not is_setting(c)]
        if pieces:
            kept.append("，".join(pieces) + "。")
    return "".join(kept)


def run_in_items(title: str, paragraphs: list[str], notes: str) -> dict | None:
    """An achievements slide of a group set as run-in headings (（一）强化创新驱动发展…。
    提升科技创新质效。完善全口径科技创新投入机制，…。加快人工智能创新发展。…): the
    heading bold, what it goes on to say in words as its detail, shortened at a clause
    like any item's detail. None unless every paragraph opens with a heading, there
    are at least two, and each says something besides figures (those groups keep the
    points :func:`worded_points` gives)."""
    sections = [section for p in paragraphs for section in run_in_sections(p)]
    if any(not run_in_sections(p) for p in paragraphs) or len(sections) < 2:
        return None
    items = []
    for heading, said in sections:
        detail = headline.detail_of(_worded(said))
        if not detail:
            return None
        items.append({"headline": heading, "detail": detail})
    return {"kind": "achievements", "title": title, "items": items, "notes": notes}


WE_MUST_RE = re.compile(r"^(?:我们|各级政府|全市上下|全县上下)?(?:必须|要|将|务必)?")


def clause_bullets(title: str, paragraph: str, notes: list[str]) -> dict | None:
    """Bullets from the clauses a paragraph goes on with after its first sentence.

    ``做好今年工作，必须持续加强政府自身建设。我们要坚持党的全面领导，深入推进依法
    行政，…`` gives 坚持党的全面领导 / 深入推进依法行政 / …; None when fewer than three.
    """
    rest = sentences(paragraph)[1:]
    lines = [WE_MUST_RE.sub("", c) for sentence in rest for c in clauses(sentence) if not is_setting(c)]
    lines = [line for line in lines if 4 <= len(line) <= headline.HEADLINE_MAX]
    if len(lines) < 3:
        return None
    return {"kind": "bullets", "title": title, "bullets": lines[: BULLETS_PER_SLIDE], "notes": notes_of(notes)}


def look_back(paragraph: str) -> dict | None:
    """A passage that looks back on the whole year again after the last group
    (过去一年，民族宗教、外事侨务、港澳台……等工作有力推进，……): a bullet per clause, titled
    by what it speaks of (其他重要工作 when it names several fields, 政府自身建设 when
    one), else by what its first sentence says was done; None with fewer than two."""
    fields = [title for title, _, cue in TAIL_TOPICS.values() if len(cue.findall(paragraph)) >= TAIL_TOPIC_MIN]
    title = fields[0] if len(fields) == 1 else TAIL_TITLE if fields else passage_title(paragraph)
    lines = [WE_MUST_RE.sub("", c) for sentence in sentences(paragraph) for c in clauses(sentence) if not is_setting(c)]
    # Its clauses are lists of fields (退役军人事务、审计统计、……等工作成效明显): a bullet
    # may take two lines.
    lines = [line for line in lines if 4 <= len(line) <= 2 * headline.HEADLINE_MAX and bare(line) != title]
    if not title or len(lines) < 2:
        return None
    return {"kind": "bullets", "title": title, "bullets": lines[:BULLETS_PER_SLIDE], "notes": notes_of([paragraph])}


def point_detail(title: str, text: str, *, spoken_as: str) -> dict | None:
    """A point's own slide: what it goes on to say after its headline sentence.

    A short sentence is one bullet (创新，是社会进步的动力); a long one gives a bullet
    per clause, a clause too short to stand alone joined to the next.
    """
    rest = sentences(text)[1:]
    lines = _point_lines(_spoken_lines(rest))
    if len(lines) < 2:
        # One short sentence (紧盯重要节点，坚决纠治“四风”，…): its clauses are the points.
        lines = _point_lines([c for sentence in rest for c in clauses(sentence)])
    if len(lines) < 2:
        return None
    return {"kind": "bullets", "title": title, "bullets": lines[:BULLETS_PER_SLIDE], "notes": notes_of([spoken_as])}


# A clause that goes on from the one before it (…迎合了市场的需求，也增强自身实力).
_CONTINUING_RE = re.compile(r"^(?:也|并且?|而且?|又|还|同时|从而|进而|以及)")


def _point_lines(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in [line for line in lines if not is_setting(line)]:
        if joined and _CONTINUING_RE.match(line):
            joined[-1] = f"{joined[-1]}，{line}"
        else:
            joined.append(line)
    lines = [WE_MUST_RE.sub("", line) for line in joined]
    return [line for line in lines if 4 <= len(line) <= headline.HEADLINE_MAX]


SHORT_CLAUSE = 8


def _spoken_lines(rest: list[str]) -> list[str]:
    lines: list[str] = []
    for sentence in rest:
        if len(bare(sentence)) <= headline.HEADLINE_MAX:
            lines.append(bare(sentence))
            continue
        carry = ""
        for clause in clauses(sentence):
            if _CONNECTIVE_RE.match(clause) and lines and not carry and len(lines[-1]) + len(clause) < headline.HEADLINE_MAX:
                lines[-1] = f"{lines[-1]}，{clause}"  # 无论是A，还是B，都是C: one thought
                continue
            clause = f"{carry}，{clause}" if carry else clause
            if len(clause) < SHORT_CLAUSE or _SETTING_RE.match(clause):
                carry = clause  # too short, or only sets the scene (xx邮政在发展中，…)
                continue
            lines.append(clause)
            carry = ""
        if carry:
            lines.append(carry)
    return lines


# xx邮政在发展中, 面对深刻复杂变化的发展环境, 围绕推动高质量发展首要任务……: a clause
# that only sets the scene or the aim, carried into the clause after it.
_SETTING_RE = re.compile(r"^(?:[^，]{0,10}在[^，]{1,10}[中时后前下上里]|面对[^，]{2,16}|围绕[^，]{2,30})$")
_CONNECTIVE_RE = re.compile(r"^(?:还是|都是|也是|而是|并且|而且|但是?|却|就|才|从而|进而|以便|使|让|否则|因此|所以)")
