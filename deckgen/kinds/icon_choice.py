"""Which icon each item, card and divider shows: the outline's ``icon:``, else one
chosen from the words, or none.

The words are matched against a lexicon of cues, each a whole term with a weight
(党建 → flag 3, 政治 → flag 2 …). A cue found inside a longer cue (服务 inside 服务业,
安全 inside 安全感) does not count, and some longer terms are listed only to block
their parts (服务业 is no picture of 服务). A picture that is wrong is worse than none,
so the cues are terms whose picture is plain, and texts without one get no icon.

Siblings on one slide are chosen together: no icon is repeated, the strongest cues
win, and when one entry cannot get an icon of its own the slide shows none of the
chosen icons (its numbered badges instead), so a slide never mixes pictures with
numbers or with a generic mark.
"""

from __future__ import annotations

import functools

from deckgen.records import record

# Cues: icon → terms and their weights (3 the term names the picture, 2 it suggests
# it, 1 it fits when nothing better does). ``None`` blocks a term's parts.
_CUES: dict[str | None, dict[str, int]] = {
    "flag": {
        "党建": 3, "党的建设": 3, "党组织": 3, "党员": 3, "支部": 3, "从严治党": 3, "讲政治": 3,
        "两个维护": 3, "两个确立": 3, "初心": 3, "旗帜": 3, "党性": 3, "党的": 2, "党风": 2,
        "政治": 2, "使命": 2, "红色": 2, "党中央": 2, "全会": 3,
    },
    "shield": {
        "安全": 3, "平安": 3, "风险": 3, "防控": 3, "应急": 3, "保密": 3, "维稳": 3, "防范": 2,
        "底线": 2, "稳定": 1,
    },
    "cross": {"疫情": 2, "防疫": 3, "抗疫": 3, "新冠": 3, "医疗": 3, "卫生": 3, "健康": 3, "医保": 3},
    "leaf": {
        "绿色": 3, "生态": 3, "环保": 3, "低碳": 3, "节能": 3, "减排": 3, "双碳": 3, "碳达峰": 3,
        "污染": 3, "美丽": 1,
    },
    "scales": {"法治": 3, "依法": 3, "法律": 3, "司法": 3, "公正": 3, "公平": 2, "合规": 2, "权益": 2, "秩序": 2},
    "gavel": {
        "执法": 3, "纪律": 3, "执纪": 3, "肃纪": 3, "廉政": 3, "廉洁": 3, "反腐": 3, "违纪": 3,
        "正风": 2,
    },
    "magnifier": {
        "监管": 3, "监督": 3, "督查": 3, "检查": 3, "审计": 3, "巡视": 3, "巡察": 3, "排查": 3,
        "调研": 2, "整改": 2, "考核": 2,
    },
    "hands": {
        "惠民": 3, "为民": 3, "便民": 3, "关爱": 3, "帮扶": 3, "扶贫": 3, "社保": 3, "养老": 3,
        "救助": 3, "服务": 2,
    },
    "people": {
        "民生": 3, "以人为本": 3, "群众": 3, "人才": 3, "队伍": 3, "干部": 3, "班子": 3, "团队": 3,
        "员工": 3, "职工": 3, "青年": 3, "工会": 3, "群团": 3, "小哥": 3, "人民": 2,
    },
    "briefcase": {"就业": 3, "岗位": 3, "稳岗": 3, "创业": 3, "招聘": 3, "营商": 2, "履职": 2},
    "bulb": {
        "创新": 3, "科技": 3, "研发": 3, "新质": 3, "改革": 2, "数字": 2, "智能": 2, "智慧": 2,
        "信息化": 2, "转型": 2,
    },
    "gear": {"机制": 3, "体制": 3, "流程": 3, "制度": 2, "治理": 2, "标准": 2, "效能": 2, "体系": 2, "管理": 1},
    "truck": {
        "物流": 3, "快递": 3, "寄递": 3, "运输": 3, "配送": 3, "供应链": 3, "车辆": 3,
        "交通": 2, "末端": 2,
    },
    "parcel": {"快件": 3, "包裹": 3, "包装": 3, "邮包": 3},
    "envelope": {"邮件": 3, "信函": 3, "报刊": 3, "集邮": 3, "邮务": 3, "机要": 3, "邮政": 2, "通信": 2},
    "building": {
        "网点": 3, "设施": 3, "工程": 3, "园区": 3, "基层": 2, "项目": 2, "平台": 2, "堡垒": 2,
        "城市": 2, "基础": 1,
    },
    "globe": {"开放": 3, "国际": 3, "外资": 3, "一带一路": 3, "全球": 3, "对外": 2, "区域": 1},
    "ship": {"外贸": 3, "进出口": 3, "跨境": 3, "港口": 3, "航运": 3, "口岸": 3},
    "handshake": {"合作": 3, "协作": 3, "协同": 3, "合力": 3, "联动": 3, "共建": 2, "协调": 2, "统筹": 2},
    "house": {"乡村": 3, "农村": 3, "住房": 3, "社区": 3, "三农": 3, "进村": 3, "城乡": 2, "农业": 2},
    "book": {"学习": 3, "教育": 3, "培训": 3, "理论": 3, "读书": 3, "宣传": 2, "文化": 2, "思想": 2},
    "chart": {
        "增长": 3, "营收": 3, "利润": 3, "指标": 3, "业务量": 3, "经济": 2, "收入": 2, "效益": 2,
        "质效": 2,
    },
    "coin": {
        "资金": 3, "金融": 3, "财务": 3, "财政": 3, "成本": 3, "投资": 3, "预算": 3, "降本": 3,
        "资产": 3, "债务": 3,
    },
    "cart": {"消费": 3, "商贸": 3, "电商": 3, "零售": 3, "内需": 2},
    "factory": {"制造": 3, "工业": 3, "工厂": 3, "复工复产": 3, "产业": 2},
    "target": {"目标": 3, "攻坚": 3, "决战": 3, "冲刺": 3, "任务": 2, "重点工作": 2},
    "star": {"荣誉": 3, "先进": 3, "表彰": 3, "品牌": 3, "一流": 2, "示范": 2, "典型": 2},
    "clipboard": {"清单": 3, "规划": 3, "落实": 2, "责任": 2, "部署": 2, "计划": 2, "安排": 2, "执行": 2},
    # Terms whose parts would point at the wrong picture.
    None: {
        "服务业": 0, "发展环境": 0, "安全感": 0,
    },
}

_MAX_SEARCH = 12
"""Siblings chosen by exhaustive search; larger sets are chosen greedily."""


@record(frozen=True)
class Candidate:
    """An icon a text may show: the weight of its best cue and where that cue starts."""

    icon: str
    weight: int
    position: int

    @property
    def score(self) -> float:
        """Heavier cues first; between equals, the one nearer the start of the text."""
        return self.weight - self.position / 1000


@functools.cache
def _cue_table() -> tuple[tuple[str, str | None, int], ...]:
    """Every cue as (term, icon, weight), longest terms first."""
    table = [(term, icon, weight) for icon, terms in _CUES.items() for term, weight in terms.items()]
    return tuple(sorted(table, key=lambda cue: -len(cue[0])))


@functools.cache
def _cues_by_start() -> dict[str, tuple[int, ...]]:
    """The places in :func:`_cue_table` of the cues, by their first two characters."""
    found: dict[str, list[int]] = {}
    for index, (term, _, _) in enumerate(_cue_table()):
        found.setdefault(term[:2], []).append(index)
    return {start: tuple(indexes) for start, indexes in found.items()}


@functools.lru_cache(maxsize=4096)
def candidates(text: str) -> tuple[Candidate, ...]:
    """The icons ``text`` suggests, best first.

    Cues are matched longest first; a cue inside a span already taken by a longer
    one is skipped, so a term's parts do not speak for it (服务业 is not 服务).
    """
    owner: list[tuple[int, int] | None] = [None] * len(text)  # the cue span covering each character
    best: dict[str, Candidate] = {}
    # Only cues whose first two characters occur in the text can match: those, in the
    # table's order (longest first), instead of searching the text for every cue.
    by_start = _cues_by_start()
    present = sorted({index for pair in {text[i:i + 2] for i in range(len(text) - 1)} for index in by_start.get(pair, ())})
    table = _cue_table()
    for term, icon, weight in (table[index] for index in present):
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            # Free, or the very same span (one term may name two pictures).
            if all(span in (None, (start, end)) for span in owner[start:end]):
                owner[start:end] = [(start, end)] * len(term)
                if icon is not None:
                    found = Candidate(icon, weight, start)
                    if icon not in best or found.score > best[icon].score:
                        best[icon] = found
            start = text.find(term, end)
    return tuple(sorted(best.values(), key=lambda c: -c.score))


def choose_icon(text: str) -> str | None:
    """The icon for ``text`` alone: its strongest cue's, or None when it has none."""
    found = candidates(text)
    return found[0].icon if found else None


def choose_icons(texts: list[str], *, taken: frozenset[str] = frozenset()) -> list[str | None]:
    """Different icons for sibling texts, chosen together, or all None.

    Each text gets one of the icons its words suggest, none twice and none in
    ``taken``; among the assignments giving every text an icon the one with the
    strongest cues wins. When some text cannot have an icon of its own, every text
    gets None: the slide shows numbers rather than a mix.
    """
    options = [[c for c in candidates(text) if c.icon not in taken] for text in texts]
    if not texts or not all(options):
        return [None] * len(texts)
    chosen = _search(options) if len(texts) <= _MAX_SEARCH else _greedy(options)
    return chosen if all(chosen) else [None] * len(texts)


#: Assignments :func:`_search` tries before it settles for the best found so far: a
#: dozen parts whose titles borrow a dozen cues each from their slides once took it
#: 50 million steps (24 s) to prove the best; a few parts with their own cues take
#: a few hundred.
SEARCH_BUDGET = 20_000


def _search(options: list[list[Candidate]]) -> list[str | None]:
    """The distinct assignment with the highest total score (exhaustive, pruned; the
    best of the first :data:`SEARCH_BUDGET` steps, else the greedy one, when the
    choices are too many to try)."""
    best_rest = [0.0] * (len(options) + 1)
    for i in range(len(options) - 1, -1, -1):
        best_rest[i] = best_rest[i + 1] + options[i][0].score
    best: list = [float("-inf"), [None] * len(options)]
    current: list[str | None] = []
    steps = [SEARCH_BUDGET]

    def walk(i: int, used: set[str], total: float) -> None:
        steps[0] -= 1
        if steps[0] < 0 or total + best_rest[i] <= best[0]:
            return
        if i == len(options):
            best[0], best[1] = total, list(current)
            return
        for option in options[i]:
            if option.icon not in used:
                current.append(option.icon)
                used.add(option.icon)
                walk(i + 1, used, total + option.score)
                used.discard(option.icon)
                current.pop()

    walk(0, set(), 0.0)
    return best[1] if all(best[1]) else _greedy(options)


def _greedy(options: list[list[Candidate]]) -> list[str | None]:
    """Strongest cues first, each icon once (for long lists of siblings)."""
    pairs = sorted(((c.score, i, c.icon) for i, row in enumerate(options) for c in row), key=lambda p: (-p[0], p[1]))
    chosen: list[str | None] = [None] * len(options)
    used: set[str] = set()
    for _, i, icon in pairs:
        if chosen[i] is None and icon not in used:
            chosen[i] = icon
            used.add(icon)
    return chosen


def sibling_icons(texts: list[str], chosen: list[str | None], *, slide_icon: str | None = None) -> list[str | None]:
    """Icons for sibling entries (cards of a grid, items of a slide).

    ``chosen`` holds each entry's own ``icon:`` (a name, ``none`` or None); the
    entries without one get icons from their words (:func:`choose_icons`), avoiding
    the icons named by their siblings. ``slide_icon: none`` turns every icon of the
    slide off.
    """
    if slide_icon == "none":
        return [None] * len(texts)
    named = frozenset(name for name in chosen if name and name != "none")
    auto_texts = [text for text, own in zip(texts, chosen) if own is None]
    auto = iter(choose_icons(auto_texts, taken=named))
    return [None if own == "none" else own or next(auto) for own in chosen]


def part_icon(title: str, own: str | None) -> str | None:
    """The icon on a part's divider: its ``icon:``, else chosen from its title (or none)."""
    if own == "none":
        return None
    return own or choose_icon(title)


def _fallback(candidate: Candidate) -> Candidate:
    """A cue from a part's slides, ranked below every cue of a part title."""
    return Candidate(candidate.icon, 0, 1000 - candidate.weight * 100 + min(candidate.position, 99))


def part_icons(titles: list[str], owns: list[str | None], contents: list[str]) -> list[str | None]:
    """The icons on a deck's dividers, chosen together: each different, or none at all.

    A part's ``icon:`` is kept (``none`` turns that divider's icon off); the others
    are chosen from their titles, and a title without a cue of its own (2024年工作回顾)
    borrows one from ``contents``, its slides' titles, ranked below any title cue.
    Dividers are one series, so when some part cannot get an icon of its own none of
    the chosen ones is shown: a deck never has a divider with a picture beside one
    without, or the same picture on two dividers.
    """
    named = frozenset(own for own in owns if own and own != "none")
    options: list[list[Candidate]] = []
    for title, own, content in zip(titles, owns, contents):
        if own is not None:
            continue
        own_cues = list(candidates(title))
        seen = {c.icon for c in own_cues}
        borrowed = [_fallback(c) for c in candidates(content) if c.icon not in seen]
        options.append([c for c in own_cues + borrowed if c.icon not in named])
    if not all(options):
        chosen: list[str | None] = [None] * len(options)
    elif len(options) <= _MAX_SEARCH:
        chosen = _search(options) if options else []
    else:
        chosen = _greedy(options)
    if not all(chosen):
        chosen = [None] * len(options)
    auto = iter(chosen)
    return [None if own == "none" else own or next(auto) for own in owns]
