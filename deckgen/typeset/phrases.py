"""Where Chinese text reads well broken, beyond the renderers' line-breaking rules.

:mod:`deckgen.typeset.linebreak` knows where PowerPoint and LibreOffice *may* break a
line; this module knows where a reader would rather it did not:

* inside a figure and its unit (``3.5万件``, ``X个百分点``, ``2024年``), a short quoted
  term or title (``“十三五”``, ``《…》``), or a planning-period name written without
  quotes (``十三五``, ``十四五``) or a plenum (``十九届五中全会``): :func:`protected_cuts`;
* with one character alone on the last line (``选``, ``年。``): :func:`visible`.

:func:`settle` applies both rules to greedily wrapped body text, keeping the line count
where it can; :mod:`deckgen.typeset.display` uses the same rules to balance display text.
Breaks after punctuation read best (:data:`PHRASE_END`), then breaks around a function
word (:data:`SOFT_AFTER`, :data:`SOFT_BEFORE`), then any other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from deckgen.typeset.linebreak import is_cjk
from deckgen.typeset import words

_UNIT = r"(?:个百分点|周年|[万亿千百]?(?:件|元|人次|人|户|家|个|台|辆|吨|次|组|处|倍|份|笔|公里|千米|米|项|天)|%|％|年|月|日)"
_CN_NUMBER = "一二两三四五六七八九十百千"
#: Set phrases of work-conference speeches that read badly split (高质/量, 全覆/盖).
#: Few and short on purpose: each is kept whole in every text.
TERMS = (
    "习近平", "新时代", "党中央", "国务院", "总书记", "新发展理念", "新发展格局", "高质量", "现代化",
    "全覆盖", "一体化", "信息化", "数字化", "智能化", "标准化", "规范化", "法治化", "市场化",
    "新冠肺炎", "疫情防控", "全面从严治党", "党风廉政", "主体责任", "快递小哥", "最后一公里",
    "党组织", "两个确立", "两个维护", "四个意识", "四个自信", "中国式现代化", "乡村振兴", "共同富裕",
    "一带一路", "放管服", "营商环境", "稳中求进", "党的建设", "持之以恒",
)
#: Spans a line must not break inside: a figure with its unit, or a figure range (X-X).
FIGURES = re.compile(rf"[0-9０-９XＸ][0-9０-９XＸ.．,%％\-~～/]*{_UNIT}?")
#: Also whole: short quoted terms and titles, each term of a quoted list, planning
#: periods (十三五) and plenums (十九届五中全会), anniversaries written in Chinese numerals (一百周年),
#: ordinals (第十五次), the :data:`TERMS`.
PROTECTED = re.compile(
    FIGURES.pattern
    + r"|“[^”]{1,8}”|《[^》]{1,12}》|「[^」]{1,8}」"
    # each term of up to 6 characters in a quoted list (“政府主导、……、部门共治”)
    + r"|(?<=[“、，])[^“”、，]{2,6}(?=”|[、，][^“”]*”)"
    + rf"|十[一二三四五六七八九]五|[{_CN_NUMBER}]+届[{_CN_NUMBER}]+中全会|[{_CN_NUMBER}]+周年"
    # an ordinal in Chinese numerals with its measure word (第十五次, 第二届)
    + rf"|第[{_CN_NUMBER}]+[次届个批轮]?"
    + "|" + "|".join(sorted(TERMS, key=len, reverse=True))
)
#: Common two-character words of work-conference speeches: a break inside one (发/展,
#: 迎/接, 结/果) reads worse than one between words, and words holding a function
#: character (把握, 以及) are not broken after it. Not a dictionary: where no word is
#: known, every break between two characters ranks the same.
WORDS = frozenset(
    """
    发展 推进 建设 工作 服务 管理 改革 创新 安全 监管 行业 企业 快递 邮政 全面 加强 提升 推动
    落实 深化 完善 健全 提高 实现 坚持 做好 加快 强化 持续 积极 不断 开展 组织 领导 责任 制度
    体系 机制 能力 水平 质量 效率 效益 规划 目标 任务 重点 基础 保障 市场 经济 社会 政治 思想
    理论 学习 贯彻 精神 会议 要求 部署 党建 党风 廉政 纪律 作风 队伍 干部 人才 群众 人民 基层
    网点 农村 城市 地区 国家 政府 部门 单位 协同 合作 治理 法治 依法 执法 检查 整治 问题 风险
    隐患 防控 疫情 应急 物流 寄递 末端 网络 渠道 设施 平台 信息 数据 科技 技术 绿色 环保 包装
    标准 规范 政策 文件 意见 方案 措施 项目 工程 资金 投入 收入 业务 总量 增长 同比 年均 规模
    结构 转型 升级 优化 调整 环境 消费 需求 民生 就业 稳定 统筹 协调 融合 高效 便捷 普惠 覆盖
    示范 试点 典型 先进 表彰 评选 荣誉 成效 成绩 成果 结果 经验 做法 特色 优势 短板 困难 挑战
    机遇 形势 局面 开局 起步 迎接 庆祝 纪念 周年 历史 时期 阶段 未来 今后 当前 全年 今年 同志
    代表 讲话 报告 总结 回顾 展望 奋斗 努力 团结 拼搏 担当 作为 实干 奋进 征程 方向 遵循 指引
    引领 带动 支撑 支持 关心 关爱 宣传 教育 培训 考核 评估 督查 巡察 整改 问责 监督 审计 预算
    运行 经营 生产 投资 开放 跨境 电商 中央 全市 全省 全国 省委 市委 总局 主要 指标 中心 时代
    主义 大会 中期 意义 指导 原则 方针 路线 战略 全局 主动 科学 准确 文明 新风
    正气 形象 故事 氛围 政务 办公 窗口 投诉 申诉 满意 寄件 派送 揽收 运输 仓储 分拣 车辆
    中国 突破 把握 作为 成为 认为 以及 以上 以下 以来 可以 难以 予以 加以 得以 所以 对于 关于
    由于 在于 为了 了解 是否 从严 从而 及时 并且 或者 之前 之后 之间 之一 目的 地方 得到 取得
    获得 着力 着重 着眼 和平 和谐 隐形 变异 消费 循环 颁布 智能 解决 交流 交往 交融 冷链 普服
    选拔 任用 专项 公开 合作 协议 批示 各项 结合 统计 邮件 快件 包裹
    """.split()
)
#: Characters after which a break reads as a phrase boundary.
PHRASE_END = frozenset("，、；：。！？,;:!?）》”")
#: Function words after which a break reads as a soft boundary (的 | 发展, 为 | 指导).
SOFT_AFTER = frozenset("的地得之和与及并或在为以把对向从将于了是等")
#: Conjunctions before which a break reads as a soft boundary (推进 | 和 …).
SOFT_BEFORE = frozenset("和与及并或")
_PUNCT = frozenset("，、；：。！？,;:!?）》”“（《")

SpanFits = Callable[[int, int], bool]
"""Whether ``text[start:end]`` fits on one line (trailing spaces hang, unmeasured)."""


@functools.lru_cache(maxsize=4096)
def _cuts(text: str, pattern: re.Pattern[str]) -> frozenset[int]:
    cuts: set[int] = set()
    for match in pattern.finditer(text):
        if match.end() - match.start() > 1:
            cuts.update(range(match.start() + 1, match.end()))
    return frozenset(cuts)


def protected_cuts(text: str, pattern: re.Pattern[str] = PROTECTED) -> frozenset[int]:
    """Cut positions (a new line starting at ``text[i]``) that would split a protected
    span. Cached: wrapping asks for one text at many sizes.

    With the default :data:`PROTECTED` the reading rules count too
    (:func:`reading_cuts`): no break inside a dictionary word, none before 的/地/得/了 or
    after 的/以/为.
    """
    cuts = _cuts(text, pattern)
    return cuts | reading_cuts(text) if pattern is PROTECTED else cuts


def fallback_cuts(text: str) -> tuple[frozenset[int], ...]:
    """The cuts to avoid, in order, where a line cannot keep every reading rule: words,
    figures and terms whole (的/以/为 may end a line); words and figures whole (a
    title too long for a line, 《快递末端网点备案暂行规定》, breaks between its words);
    figures and terms whole."""
    words_and_figures = words.inner_positions(text) | _cuts(text, FIGURES)
    return span_cuts(text, whole_words=True), frozenset(words_and_figures), span_cuts(text)


def span_cuts(text: str, *, whole_words: bool = False) -> frozenset[int]:
    """:func:`protected_cuts` without the reading rules: figures and terms only (the
    fallback where a line cannot avoid a word break); with ``whole_words``, dictionary
    words too (the fallback where only 的/以/为 rules cannot be kept)."""
    cuts = _cuts(text, PROTECTED)
    return cuts | words.inner_positions(text) if whole_words else cuts


#: A line never starts with these particles (…发展/的目标, …取得/了成就) …
NO_LINE_START_WORDS = frozenset("的地得了")
#: … nor ends with these (…目标的/, 以/人民为中心, 为/人民服务).
NO_LINE_END_WORDS = frozenset("的以为")


@functools.lru_cache(maxsize=4096)
def reading_cuts(text: str) -> frozenset[int]:
    """Cuts a reader sees as broken words: inside a word of jieba's dictionary (by the
    text's best reading, :mod:`deckgen.typeset.words`: 消费/者, 可/持续性), before
    的/地/得/了 and after 的/以/为."""
    cuts = set(words.inner_positions(text))
    for index in range(1, len(text)):
        if text[index] in NO_LINE_START_WORDS or text[index - 1] in NO_LINE_END_WORDS:
            cuts.add(index)
    return frozenset(cuts)


#: A last line of this many characters or fewer is a stub under a long line above it.
STUB_MAX = 2
#: A line above of at least this many characters makes a short last line a stub.
LONG_LINE = 6


def stub_last(text: str, ends: Sequence[int]) -> bool:
    """Whether the last line of ``text`` broken at ``ends`` is a stub: one character, or
    two under a line of :data:`LONG_LINE` characters or more (治党责任/链条)."""
    if len(ends) < 2:
        return False
    last = visible(text[ends[-2] :])
    above = visible(text[(ends[-3] if len(ends) >= 3 else 0) : ends[-2]])
    return last < 2 or last <= STUB_MAX and above >= LONG_LINE


def visible(line: str) -> int:
    """How many characters of ``line`` a reader counts: not punctuation, not spaces."""
    return len(line) - len(_UNCOUNTED.findall(line))


#: What :func:`visible` does not count: punctuation and white space (``\s`` is
#: ``str.isspace`` for text patterns).
_UNCOUNTED = re.compile("[\\s" + "".join(re.escape(ch) for ch in sorted(_PUNCT)) + "]")


def break_penalty(text: str, cut: int) -> int:
    """How badly a line break before ``text[cut]`` reads: 0 after punctuation (or at
    the end), 1 around a function word, 3 inside one of the :data:`WORDS`, 2 anywhere
    else."""
    if cut >= len(text) or text[cut - 1] in PHRASE_END:
        return 0
    if text[cut - 1 : cut + 1] in WORDS:
        return 3
    if text[cut - 1] in SOFT_AFTER or text[cut] in SOFT_BEFORE:
        return 1
    return 2


#: How many characters a line end may move back to leave a word whole.
WORD_REACH = 3


def word_penalty(text: str, cut: int) -> int:
    """How badly a line break before ``text[cut]`` reads in running text: 0 after
    punctuation, 1 around a function word, 2 between words, 3 likely inside a word,
    4 inside one of the :data:`WORDS` or a term.

    Without a dictionary, a run of Chinese characters between punctuation and
    function words is read as two-character words from its start (提升|农村|邮政|
    普服|能力): a break at an odd offset into the run likely splits one (普/服), unless
    a known word ends or starts there.
    """
    penalty = break_penalty(text, cut)
    if penalty < 2:
        return penalty
    if not (is_cjk(text[cut - 1]) and is_cjk(text[cut])):
        return 2
    if penalty == 3:
        return 4
    if text[cut - 2 : cut] in WORDS or text[cut : cut + 2] in WORDS:
        return 2
    start = cut - 1
    while start > 0 and is_cjk(text[start - 1]) and text[start - 1] not in PHRASE_END and text[start - 1] not in SOFT_AFTER:
        start -= 1
    return 3 if (cut - start) % 2 else 2


#: How many characters back a lone last character may pull a better break from.
PULL_REACH = 4


#: Longer paragraphs keep their greedy breaks at protected spans (only a lone last
#: character is fixed): re-wrapping them costs a whole second wrap at every size
#: tried, and such text is cut into slide-sized pieces whose own lines are settled.
SETTLE_SPANS_UP_TO = 4000


def settle(text: str, ends: Sequence[int], opportunities: Sequence[int], fits: SpanFits) -> list[int]:
    """Line ends of ``text`` (one paragraph) with the reading rules applied.

    ``ends`` are the greedy line ends (the last is ``len(text)``), ``opportunities``
    the positions where the renderers may break, ``fits`` whether a span fits a line.
    A line that ends inside a protected span makes the text wrap again greedily
    through the other opportunities (a figure or term that cannot fit a line of its
    own keeps the greedy breaks); a line end that likely splits a word (:func:`word_penalty`)
    moves back to a better break within :data:`WORD_REACH` characters when the text
    still takes as many lines; a last line of one character then pulls the nearest
    break of the line before down, within :data:`PULL_REACH` characters preferring a
    break after punctuation or at a function word, if the last line still fits. The
    line count changes only when keeping a protected span whole needs a line more.
    Past :data:`SETTLE_SPANS_UP_TO` characters only the last line is looked at.
    """
    ends = list(ends)
    if len(ends) < 2:
        return ends
    forbidden = protected_cuts(text) if len(text) <= SETTLE_SPANS_UP_TO else frozenset()
    allowed = [c for c in opportunities if c not in forbidden]
    if forbidden and any(end in forbidden for end in ends[:-1]):
        rewrapped = _greedy(text, allowed, fits)
        for fallback in fallback_cuts(text):
            if rewrapped is None:
                # A line too narrow for every rule: keep what it can (see fallback_cuts).
                allowed = [c for c in opportunities if c not in fallback]
                rewrapped = _greedy(text, allowed, fits)
        ends = rewrapped or ends
    if len(text) <= SETTLE_SPANS_UP_TO and splits_word(text, ends):
        ends = _keep_words(text, ends, allowed, fits)
    if len(ends) == 2 and visible(text[ends[0] :]) <= SHORT_LAST:
        ends = _even_two_lines(text, ends, allowed, fits)
    if stub_last(text, ends):
        ends = _pull_down(text, ends, allowed, fits)
    return ends


#: A two-line paragraph whose last line holds this many characters or fewer (评选)
#: breaks at its last phrase end instead, if that splits it more evenly.
SHORT_LAST = 2


def _even_two_lines(text: str, ends: list[int], cuts: Sequence[int], fits: SpanFits) -> list[int]:
    """Break a two-line paragraph with a stub of a last line at its last phrase end
    (after punctuation) that leaves the first line at least as long as the second."""
    for cut in reversed(cuts):
        if cut >= ends[0]:
            continue
        if visible(text[:cut]) < visible(text[cut:]) or not fits(cut, len(text)):
            break
        if break_penalty(text, cut) == 0:
            return [cut, len(text)]
    return ends


def splits_word(text: str, ends: Sequence[int]) -> bool:
    """Whether a line end of ``ends`` likely splits a word (:func:`word_penalty` 3 or more)."""
    return any(word_penalty(text, end) >= 3 for end in ends[:-1])


def _keep_words(text: str, ends: list[int], cuts: Sequence[int], fits: SpanFits) -> list[int]:
    """Move each line end that likely splits a word back, within :data:`WORD_REACH`
    characters, to the best break that reads better, when the rest of the text still
    wraps (greedily) into as many lines."""
    out = list(ends)
    index = 0
    while index < len(out) - 1:
        end, start = out[index], out[index - 1] if index else 0
        here = word_penalty(text, end)
        if here >= 3:
            better = [
                cut for cut in cuts
                if max(start, end - WORD_REACH) < cut < end and visible(text[start:cut]) >= 2 and word_penalty(text, cut) < here
            ]
            for cut in sorted(better, key=lambda c: (word_penalty(text, c), end - c)):
                rest = _greedy(text, cuts, fits, start=cut)
                if rest is not None and index + 1 + len(rest) <= len(ends):
                    out = [*out[:index], cut, *rest]
                    break
        index += 1
    return out


def _greedy(text: str, cuts: Sequence[int], fits: SpanFits, *, start: int = 0) -> list[int] | None:
    """Greedy line ends through ``cuts`` only from ``start``, or None when some line
    cannot fit."""
    positions = [*cuts, len(text)]
    ends: list[int] = []
    index = 0
    while start < len(text):
        while positions[index] <= start:
            index += 1
        best = None
        for position in positions[index:]:
            if not fits(start, position):
                break
            best = position
        if best is None:
            return None
        ends.append(best)
        start = best
    return ends


def _pull_down(text: str, ends: list[int], cuts: Sequence[int], fits: SpanFits) -> list[int]:
    """Move the last break earlier so the last line holds two characters or more."""
    line_start = ends[-3] if len(ends) >= 3 else 0
    last_cut = ends[-2]
    choices = []
    for cut in reversed(cuts):
        if cut >= last_cut:
            continue
        if cut <= line_start or visible(text[line_start:cut]) < 2:
            break  # the line above would be left (nearly) empty
        if not fits(cut, len(text)):
            break  # earlier cuts make the last line longer still
        if not stub_last(text, [cut, len(text)]) and visible(text[cut:]) > STUB_MAX:
            choices.append(cut)
        if last_cut - cut >= PULL_REACH and choices:
            break
    if not choices:
        return ends
    # The nearest break that reads best: after punctuation, at a function word, else any.
    best = min(choices, key=lambda cut: (break_penalty(text, cut), last_cut - cut))
    return [*ends[:-2], best, len(text)]
