"""Pull figures out of speech paragraphs as metrics-table rows.

Work-conference speeches state their figures in a few fixed shapes, which this
module reads clause by clause (a clause ends at ，；：):

* ``邮政业务总量累计完成X亿元，同比增长X%`` — indicator, verb, value, unit; the next
  clause, when it is a comparison, is the change;
* ``预计全年实现地方生产总值51.34亿元`` — the verb before the indicator;
* ``社会消费品零售总额15.7亿元`` — no verb at all;
* ``业务总量和业务收入分别是“十二五”末的X倍和X倍，“十三五”期间年均分别增长X%和X%``;
* ``地区生产总值256亿元、财政收入24亿元，同比分别增长3.2%、5.8%``;
* ``规模以上工业增加值、固定资产投资同比分别增长3.2%、5.8%``.

``X`` (an anonymised figure) is kept as the text ``"X"``; whole and decimal numbers
become numbers. A figure is a target only when the text says it is a goal
(预期目标是…, 力争…, 确保…), or when it is tentative (…左右, 预计…) in a part that
speaks of the coming year (``outlook``); in a review, 增长6.2%左右 is a result.
"""

from __future__ import annotations

import re

from deckgen.records import record
from deckgen.speech.sentences import clauses, sentences

_NUM = r"(?:X|\d+(?:\.\d+)?)(?:\s*[-—~～]\s*(?:X|\d+(?:\.\d+)?))?"
_APPROX = r"(?:约|接近|将近|近|超过|突破|逾|超|不到|不足)"
# Longest first: 万亿元 before 亿元 before 元, 个百分点 before 个.
_UNITS = (
    "万亿元", "亿美元", "万美元", "亿元", "万元", "元", "亿件", "万件", "件", "亿人次", "万人次", "人次",
    "万人", "人", "亿斤", "万斤", "斤", "万户", "户", "亿吨", "万吨", "吨", "平方公里", "万平方米", "平方米", "公里", "千米", "万亩", "亩",
    "万辆", "辆", "个百分点", "%", "‰", "倍", "万家", "家", "万个", "个", "处", "所", "座", "组", "台", "套", "项", "起", "名",
)
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"

_SINGLE_RE = re.compile(rf"^(?P<pre>.*?)(?P<approx>{_APPROX})?(?P<num>{_NUM})(?P<unit>{_UNIT})(?P<tail>左右|以上|以内|以下)?$")
_VALUE_RE = re.compile(rf"(?P<approx>{_APPROX})?(?P<num>{_NUM})(?P<unit>{_UNIT})?(?P<tail>左右|以上)?")
_VALUES = rf"{_APPROX}?{_NUM}{_UNIT}?(?:左右|以上)?(?:[、和及]{_APPROX}?{_NUM}{_UNIT}?(?:左右|以上)?)+"
_RESPECTIVELY_RE = re.compile(
    rf"^(?P<subj>.*?)(?P<lead>同比|比上年|年均)?分别(?P<verb>是|为|达到|达|完成|实现|增长|下降|提高|增加|减少)?"
    rf"(?P<base>[^X\d、和]*?的)?(?P<vals>{_VALUES})$"
)
_CHANGE_RE = re.compile(
    rf"^(?:同比|比上年|较上年|比去年|比[^，；。\d]{{1,6}}?(?:年前|年末|年底|年初)|与上年相比|环比|年均(?=增长|下降|提高|降低|增速|实际增长)|增长|增加|下降|减少|提高|降低|上升|回落|“[^”]+”期间年均|完成[^，]{{0,12}}计划的)[^，；。]*?{_NUM}"
)

# Words in front of an indicator that say when or where, not what.
_LEADING_RE = re.compile(
    r"^(?:其中|预计|力争|目前|截至[^，]{0,8}(?:底|末)|\d{4}年(?:底|末|全年|度)?|全年|今年|去年|上年|当年|"
    r"“[^”]{2,6}”(?:末|期间|时期)|全市|全县|全省|全区|全州|全国|我市|我县|我省|我区|累计|共计|共|总计|实现了?|完成了?|达到了?|新增|的)"
)
# Verbs between an indicator and its figure.
_TRAILING_RE = re.compile(r"(?:累计完成|完成了?|实现了?|达到了?|达|增至|增长到|提高到|提升到|增加到|下降到|降低到|降至|为|共计|共|累计|总计|是|平均|的|都)$")
# Verbs that make a target qualitative: 粮食产量保持在30亿斤以上.
_HOLD_RE = re.compile(r"(?:保持在|稳定在|控制在|保持|稳定|控制)$")
_GROWTH_RE = re.compile(r"(?:同比|比上年)?(?:增长|下降|提高|降低|上涨|增加|减少)$")
_NOT_AN_INDICATOR_START = "为对在向把将以从并和与被使让由"
_QUALIFIED = ("业务总量", "业务收入", "业务量")


@record
class Metric:
    """One row of a metrics table, plus what the outline needs to place it."""

    indicator: str
    value: object  # str ("X", "近X", "X-X") or int or float
    unit: str = ""
    change: str = ""
    target: bool = False  # a goal for the coming year (…左右), not a result
    base: str = ""  # for 是“十二五”末的X倍: the year compared with
    sentence: str = ""  # the sentence it came from

    def as_data(self) -> dict:
        """The row as outline data, keys in the documented order, empty keys left out."""
        row: dict = {"indicator": self.indicator, "value": self.value}
        if self.unit:
            row["unit"] = self.unit
        if self.change:
            row["change"] = self.change
        return row

    @property
    def year(self) -> str:
        """The year the sentence speaks of (``2024``), or ''."""
        match = re.search(r"(\d{4})年", self.sentence)
        return match.group(1) if match else ""


def extract_metrics(paragraph: str, *, outlook: bool = True) -> list[Metric]:
    """Return the metrics stated in ``paragraph``, in order of appearance.

    ``outlook`` says the paragraph speaks of the coming year (a work-arrangement
    part): there a tentative figure (…左右, 预计…) is a target. Pass False in a
    review of past work, where only an explicit goal (目标, 力争, 确保) is one.
    """
    rows: list[Metric] = []
    qualifier = ""
    for sentence in sentences(paragraph):
        found = _sentence_metrics(sentence, outlook=outlook)
        for row in found:
            qualifier = _qualify(row, qualifier)
        _complete_heads(found)
        rows.extend(found)
    return rows


# Labels that name a measure of something said just before (国内生产总值增长6.6%，
# 总量突破90万亿元; …交易255亿美元、占全球10%左右).
_HEAD_RE = re.compile(r"^(?:总量|总额|总规模|总产量|规模(?!以上|以下)|占全球|占全国|占全省|占比)$|^占全[国球省]")
_GROWTH_ONLY_RE = re.compile(r"^(?:五年来|这五年)?(?:平均每年|年均|每年)(?:实际)?(?:增长|下降|提高)$")
_SUBJECT_END_RE = re.compile(r"(?:同比|比上年)?(?:增长|下降|提高|降低|上涨|增加|减少)$")


def _complete_heads(rows: list[Metric]) -> None:
    """Give a bare 总量 / 占全球 the subject of the row before it in the sentence
    (国内生产总值总量); with none before it, the label says X (X总量) for the
    editor to fill in, and check reports it."""
    for index, row in enumerate(rows):
        previous = rows[index - 1].indicator if index else ""
        if _GROWTH_ONLY_RE.match(row.indicator) and previous and not _GROWTH_ONLY_RE.match(previous):
            # 国内生产总值达到74772亿元，…，平均每年增长11%: the growth of the figure before.
            row.indicator = _SUBJECT_END_RE.sub("", previous) + row.indicator
            continue
        if row.indicator == "农村" and previous.startswith("城镇") and len(previous) > 2:
            # 城镇人均居住面积增加到8.7平方米，农村增加到22平方米.
            row.indicator = "农村" + previous.removeprefix("城镇")
            continue
        if not _HEAD_RE.match(row.indicator):
            continue
        subject = _SUBJECT_END_RE.sub("", rows[index - 1].indicator) if index else ""
        row.indicator = f"{subject or 'X'}{row.indicator}"


def _sentence_metrics(sentence: str, *, outlook: bool) -> list[Metric]:
    rows: list[Metric] = []
    pieces = clauses(sentence)
    goals = bool(_GOALS_RE.search(sentence))
    index = 0
    while index < len(pieces):
        clause = _PLANNED_AT_RE.sub(r"\g<value>", pieces[index])
        index += 1
        if _apply_respective_changes(clause, rows):
            continue
        new = _respective_rows(clause) or _single_rows(clause)
        if not new and goals:
            new = _qualitative_rows(clause)
        if not new:
            continue
        if len(new) == 1 and re.match(r"^(?:比|较)(?:去年|上年|上一年)", new[0].indicator) and index >= 2:
            # 今年赤字率拟按2.8%安排，比去年预算高0.2个百分点: the subject is the clause before.
            subject = _clean_indicator(re.split(r"[\dX]", pieces[index - 2])[0].removesuffix("拟按").removesuffix("按"))
            if subject:
                new[0].indicator = subject + new[0].indicator
        if index < len(pieces) and _CHANGE_RE.match(pieces[index]) and "分别" not in pieces[index]:
            if len(new) == 1:
                new[0].change = pieces[index]
                index += 1
        rows.extend(new)
    goal = bool(_GOAL_CUE_RE.search(sentence))
    tentative = outlook and not _PAST_RE.search(sentence)
    for row in rows:
        row.sentence = sentence
        approximate = "左右" in row.change or "左右" in str(row.value) or "预计" in sentence and "左右" in sentence
        row.target = goal or tentative and (row.target or approximate)
    return rows


# 今年赤字率拟按2.8%安排: the figure a plan is set at, read as 赤字率2.8%.
_PLANNED_AT_RE = re.compile(rf"(?:拟按|拟|按)(?P<value>{_NUM}(?:%|个百分点))(?:安排|左右安排)$")
# What says a figure is a goal, wherever it stands.
_GOAL_CUE_RE = re.compile(r"预期目标|主要目标|目标是|目标任务|力争|确保|奋斗目标")
# What says a sentence speaks of the past: its 左右 is an estimate, not a goal.
_PAST_RE = re.compile(r"去年|上年|过去一年|过去的一年|过去五年|五年来|一年来|回顾")


_GOALS_RE = re.compile(r"预期目标|主要目标|目标是|目标任务是")
# 居民收入增长和经济增长同步: a target stated without a figure.
_QUALITATIVE_RE = re.compile(
    r"^(?P<indicator>[^，；。、]{2,16}?)(?P<goal>(?:和|与|同)[^，；。]{2,10}同步|基本(?:稳定|平衡)|保持(?:稳定|平稳|基本稳定)|稳中有(?:升|降)|持续(?:改善|提升|下降))$"
)


def _qualitative_rows(clause: str) -> list[Metric]:
    """A goal row with no figure (居民收入增长 | 和经济增长同步), from a targets sentence."""
    match = _QUALITATIVE_RE.match(clause.split("：")[-1].split(":")[-1])
    if not match:
        return []
    indicator = _clean_indicator(match.group("indicator"))
    return [Metric(indicator, match.group("goal"), target=True)] if indicator else []


def _single_rows(clause: str) -> list[Metric]:
    """Rows from a clause holding one figure, or a 、-list of figures."""
    row = _single(clause)
    if row:
        return [row]
    pieces = [p for p in clause.split("、") if p]
    if len(pieces) < 2:
        return []
    if len(pieces) == 2 and _CHANGE_RE.match(pieces[1]) and (first := _single(pieces[0])):
        # 新设外资企业3.6万家、增长38.7%: a figure and its change.
        first.change = pieces[1]
        return [first]
    found = [_single(p) for p in pieces]
    # A list counts only when every piece is a figure; 口罩X万只、消毒液X升 is not a table.
    rows = [r for r in found if r]
    return rows if len(rows) == len(found) else []


# 增长4.5%—5%: a range written with the unit on both ends reads as 4.5—5%.
_UNIT_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)([%％])\s*([-—~～])\s*(?=\d)")


#: Characters that make a word with a following 约 (条约, 公约, 节约): no "about".
_YUE_WORD_HEADS = frozenset("条公合契协节制预签履违和")


def _single(clause: str) -> Metric | None:
    """One row from a clause holding one figure.

    Qualifiers stay with their number (突破3000 | 亿元; 7万人以上), a hold verb makes
    a qualitative row (粮食产量 | 保持在30亿斤以上), and a clause that gives only a
    rate keeps its verb in the indicator (规模以上工业增加值增长 | 7.1 | %), so the
    rate is never shown twice, as value and as change.
    """
    match = _SINGLE_RE.match(_UNIT_RANGE_RE.sub(r"\1\3", clause))
    if not match:
        return None
    pre = match.group("pre")
    hold = _HOLD_RE.search(pre.strip("，,；;：: "))
    indicator = _clean_indicator(pre)
    if not indicator:
        return None
    approx = match.group("approx") or ""
    if approx == "约" and pre and pre[-1] in _YUE_WORD_HEADS:
        # 参加国际条约187个: 约 ends the word 条约, it does not qualify the figure.
        indicator, approx = _clean_indicator(pre + approx), ""
        if not indicator:
            return None
    number = re.sub(r"\s+", "", match.group("num"))
    tail = match.group("tail") or ""
    unit = match.group("unit")
    target = tail == "左右"
    growth = _GROWTH_RE.search(indicator)
    if hold:
        indicator = _HOLD_RE.sub("", indicator)
        if not indicator:
            return None
        return Metric(indicator, f"{hold.group(0)}{approx}{number}{unit}{tail}", "", target=target)
    if growth and not indicator[: growth.start()]:
        return None  # 同比增长4.6% alone: a change without its indicator
    approx_in_name = re.search(rf"{_APPROX}$", indicator)
    if approx_in_name and approx_in_name.group(0) == "约" and indicator[approx_in_name.start() - 1] in _YUE_WORD_HEADS:
        approx_in_name = None  # 条约, 公约: a word, not "about"
    if approx_in_name and not approx and len(indicator) > len(approx_in_name.group(0)) + 1:
        # 城市公交分担率约为38%: 约 belongs to the figure, not to the indicator.
        approx = approx_in_name.group(0)
        indicator = indicator[: approx_in_name.start()]
        growth = _GROWTH_RE.search(indicator)
    if growth and not re.search(r"(?:增长|下降|提高|降低|上涨|增加|减少)$", indicator[: growth.start()]):
        # 地区生产总值增长5.5%左右: the figure is the growth; the indicator says so.
        indicator = indicator[: growth.start()] + growth.group(0).removeprefix("同比").removeprefix("比上年")
    if tail:
        return Metric(indicator, f"{approx}{number}{unit}{tail}", "", target=target)
    return Metric(indicator, _value(number, approx), unit, target=target)


def _respective_rows(clause: str) -> list[Metric]:
    """Rows from ``A和B分别是…的X倍和X倍`` or ``A、B同比分别增长3.2%、5.8%``."""
    match = _RESPECTIVELY_RE.match(clause)
    if not match:
        return []
    names = [_clean_indicator(n) for n in re.split(r"[、和及与]", match.group("subj"))]
    values = list(_VALUE_RE.finditer(match.group("vals")))
    if len(names) == 1 and len(values) == 2 and names[0].startswith("城乡"):
        # 城乡居民人均可支配收入分别增长4.9%和6.7%: urban, then rural.
        names = [f"{side}{names[0].removeprefix('城乡')}" for side in ("城镇", "农村")]
    if len(names) == 2 and len(values) == 2:
        names = _shared_measure(names)
    if not names or not all(names) or len(names) != len(values):
        return []
    verb = match.group("verb") or ""
    lead = match.group("lead") or ""
    base = (match.group("base") or "").removesuffix("的")
    rows = []
    for name, found in zip(names, values):
        unit = found.group("unit") or (values[-1].group("unit") or "")
        value = _value(found.group("num"), found.group("approx") or "")
        change = f"{lead}{verb}" if verb in ("增长", "下降", "提高", "增加", "减少") else ""
        if change and not base:
            # 分别增长4.9%和6.7%: the figure is the growth, as with one rate (_single).
            name, change = f"{name}{verb}", ""
        rows.append(Metric(name, value, unit, change=change, base=base, target=found.group("tail") == "左右"))
    return rows


def _shared_measure(names: list[str]) -> list[str]:
    """城镇 | 农村居民人均可支配收入 -> 城镇居民人均可支配收入 | 农村居民人均可支配收入:
    a bare modifier before 和 shares the measure the second name goes on to give."""
    first, second = names
    if 2 <= len(first) <= 3 and len(second) > len(first) + 2 and not second.startswith(first):
        return [first + second[len(first) :], second]
    return names


def _apply_respective_changes(clause: str, rows: list[Metric]) -> bool:
    """Give ``同比分别增长3.2%、5.8%`` to the rows before it that lack a change."""
    match = _RESPECTIVELY_RE.match(clause)
    if not match or not match.group("verb") or match.group("verb") not in ("增长", "下降", "提高", "增加", "减少"):
        return False
    subject = match.group("subj")
    if subject and not re.fullmatch(r"(?:同比|比上年|较上年|年均|“[^”]+”(?:期间|时期)?(?:年均)?|[^，]{0,4}期间(?:年均)?)", subject):
        return False
    values = list(_VALUE_RE.finditer(match.group("vals")))
    waiting = [row for row in rows if not row.change][-len(values):]
    if len(waiting) != len(values):
        return False
    lead = f"{subject}{match.group('lead') or ''}"
    for row, found in zip(waiting, values):
        row.change = f"{lead}{match.group('verb')}{found.group(0)}"
    return True


def _clean_indicator(text: str) -> str:
    """Strip when/where words and verbs around an indicator; '' when none is left."""
    text = text.strip("，,；;：: ")
    previous = None
    while text and text != previous:
        previous = text
        stripped = _LEADING_RE.sub("", text, count=1).lstrip("，, ")
        # 新增公园127座: 公园 alone says less than 新增公园; keep the word then.
        text = stripped if len(stripped) > 2 or len(text) > 8 else text
        text = _TRAILING_RE.sub("", text)
    if not (2 <= len(text) <= 24) or "X" in text or text[0] in _NOT_AN_INDICATOR_START:
        return ""
    if re.search(r"[。！？]|分别", text) or not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        return ""
    if re.search(rf"\d[万亿千百]?{_UNIT}", text) or re.search(r"\d[^、]*、", text):  # another figure inside: a 、-list read as one
        return ""
    return text


def _qualify(row: Metric, qualifier: str) -> str:
    """Complete a bare ``业务收入`` with the qualifier of the row before (邮政, 快递).

    Returns the qualifier the next row should use.
    """
    for term in _QUALIFIED:
        if row.indicator.startswith(term) and qualifier:
            row.indicator = qualifier + row.indicator
            return qualifier
        position = row.indicator.find(term)
        if position > 0:
            return row.indicator[:position]
    return qualifier


def _value(number: str, approx: str) -> object:
    """``X`` stays text; ``256`` and ``24.13`` become numbers; ``近X`` and ranges stay text."""
    number = re.sub(r"\s+", "", number)
    if approx or not re.fullmatch(r"\d+(?:\.\d+)?", number):
        return f"{approx}{number}"
    if "." not in number:
        return int(number) if not (len(number) > 1 and number.startswith("0")) else number
    as_float = float(number)
    # Keep the text when a float would not print back the same (12.20, 0.30).
    return as_float if repr(as_float) == number else number
