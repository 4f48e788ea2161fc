"""Real reports at 16:9 and 4:3, second round of issue 16: what a reader still noticed.

Each corpus document is derived as ``deckgen outline`` writes it and laid out as
``deckgen build`` does; the review is ``deckgen check``'s.
"""

from __future__ import annotations

import re

import pytest

from deckgen.layout.plan import plan_deck
from deckgen.lint import check_outline
from deckgen.theme.resolve import resolve_theme
from shared_material import require, shared

from .helpers import written_outline

CORPUS = shared("corpus")
NAMES = ("gov-report-2019", "guangdong-gov-report-2026", "shanghai-gov-report-2026", "cpc-20th-congress-report-2022")


@pytest.fixture(scope="module")
def outlines(tmp_path_factory):
    """name -> (outline path, outline) as ``deckgen outline`` writes them."""
    folder = tmp_path_factory.mktemp("corpus-round-two")
    out = {}
    for name in NAMES:
        out[name] = written_outline(require(CORPUS / f"{name}.txt"), folder)
    return out


def _plan(outline, size: str):
    return plan_deck(outline.deck, resolve_theme(outline, None, size))


def test_a_long_closing_text_is_set_under_its_own_title_at_4_3(outlines):
    """The 2019 report's closing call is too long for the closing slide at 4:3: it is set
    on a slide before it titled 结语, not a second slide titled 奋斗创造历史，实干成就未来."""
    path, outline = outlines["gov-report-2019"]
    plan = _plan(outline, "4:3")
    titles = [s.title for s in plan.slides if s.title]
    closing = outline.deck.closing.title
    assert titles.count(closing) == 1
    assert plan.slides[-1].kind == "closing"
    assert plan.slides[-2].title == "结语"
    assert [i for i in check_outline(path, slide_size="4:3") if i.kind == "duplicate-title"] == []


def _slides(outline):
    return [slide for part in outline.deck.parts for slide in part.slides]


def test_statements_are_titled_by_what_they_say(outlines):
    """Statement slides were titled 过去五年的工作和新时代十年的伟大变革：概述 or …（二）;
    a reader now sees what the sentence is about."""
    titles = {name: {s.text: s.title for s in _slides(o) if s.kind == "statement"} for name, (_, o) in outlines.items()}
    # A part's opening key sentence stands under the part's title on its divider.
    leads = {name: {p.lead: p.title for p in o.deck.parts if p.lead} for name, (_, o) in outlines.items()}
    cpc = titles["cpc-20th-congress-report-2022"]
    assert cpc["新时代的伟大成就是党和人民一道拼出来、干出来、奋斗出来的"] == "新时代的伟大成就"
    assert leads["cpc-20th-congress-report-2022"]["马克思主义是我们立党立国、兴党兴国的根本指导思想"] == "开辟马克思主义中国化时代化新境界"
    guangdong = titles["guangdong-gov-report-2026"]
    assert leads["guangdong-gov-report-2026"]["2025年是中国式现代化进程中具有重要意义的一年，也是广东改革发展历程中很不平凡的一年"] == "2025年和“十四五”时期工作回顾"
    # The paragraph on the government's own conduct ends by naming its outcome.
    assert "政府自身建设取得新成效" in guangdong.values()
    # Whole, not 期我省经济社会发展的指导思想: the part's opening sentence, on its divider.
    assert leads["guangdong-gov-report-2026"]["“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期"] == "“十五五”时期的主要目标和重点任务"
    shanghai = titles["shanghai-gov-report-2026"]
    # The armed forces, not 持续加强政府自身建设：概述; and not set alone (issue 16, fifth
    # round): the sentence titles the points its paragraph goes on to make.
    assert "过去一年，坚如磐石的军政军民团结巩固发展" not in shanghai
    armed = [s for s in _slides(outlines["shanghai-gov-report-2026"][1]) if s.title == "坚如磐石的军政军民团结巩固发展"]
    assert [s.kind for s in armed] == ["bullets"]
    # The year's overall requirement keeps its own slide under that name.
    assert shanghai["着力稳就业、稳企业、稳市场、稳预期"] == "做好今年工作的总体要求"
    generic = [t for deck in titles.values() for t in deck.values() if re.search(r"概述$|（[二三四五]）$", t)]
    assert len(generic) <= 4, generic  # was 15 in these four decks


def test_a_statement_is_not_a_sentence_that_only_says_when(outlines):
    """十八大召开至今已经十年了 stood alone on the party congress report's first slide."""
    _, outline = outlines["cpc-20th-congress-report-2022"]
    texts = [s.text for s in _slides(outline) if s.kind == "statement"] + [p.lead for p in outline.deck.parts]
    assert "十八大召开至今已经十年了" not in texts
    # The point of the opening stands under the first part's title on its divider.
    assert outline.deck.parts[0].lead == "十九大以来的五年，是极不寻常、极不平凡的五年"


def _kpi_texts(slide) -> list[str]:
    """The text of each KPI card of a planned slide, in order."""
    return [
        "".join(r.text for p in e.paras for r in p.runs).replace("\n", "")
        for e in slide.elements
        if getattr(e, "name", "").startswith("KPI ") and getattr(e, "name", "").endswith(" text")
    ]


def test_five_kpi_cards_stay_cards_at_4_3(outlines):
    """Guangdong's five results of the counties (信用评级AA级以上县（市、区）国企 260家 …
    90%以上 …) were a table at 4:3 with a third of the slide empty: now three cards over
    two, every figure whole (90% large, 以上 small as a unit)."""
    _, outline = outlines["guangdong-gov-report-2026"]
    plan = _plan(outline, "4:3")
    [slide] = [s for s in plan.slides if s.kind == "metrics" and any("信用评级AA级以上县" in t for t in _kpi_texts(s))]
    texts = _kpi_texts(slide)
    assert len(texts) == 5
    assert any(t.endswith("90%以上") for t in texts)
    rows = sorted({round(e.rect.y) for e in slide.elements if getattr(e, "name", "").endswith(" accent")})
    assert len(rows) == 2


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_every_card_shows_its_whole_figure(outlines, size):
    """A card's value line reads as the outline's figure and unit: no digit lost (a
    figure cut at its end, 4.6 shown as 4., reads as a different number)."""
    for name in ("guangdong-gov-report-2026", "shanghai-gov-report-2026"):
        _, outline = outlines[name]
        metrics = {m.indicator: m for part in outline.deck.parts for s in part.slides for m in s.metrics}
        plan = _plan(outline, size)
        checked = 0
        for slide in plan.slides:
            for e in slide.elements:
                if not (getattr(e, "name", "").startswith("KPI ") and e.name.endswith(" text")):
                    continue
                head, value = "".join(r.text for r in e.paras[0].runs), e.paras[-2 if len(e.paras) > 2 else -1]
                metric = metrics.get(head.replace("\n", ""))
                if metric is None or len(e.paras) > 2:
                    continue
                shown = "".join(r.text for r in value.runs).replace(" ", "")
                assert shown == f"{metric.value}{metric.unit or ''}".replace(" ", ""), (name, slide.title, shown)
                checked += 1
        assert checked >= 10


def test_a_title_does_not_repeat_the_slides_first_point(outlines):
    """基本民生保障水平持续提升 over a list whose first item is 基本民生保障水平持续提升:
    the title now names both items, and no list slide in the corpus decks is titled as
    one of its own entries."""
    by_title = {}
    for name in NAMES:
        _, outline = outlines[name]
        for slide in _slides(outline):
            entries = [i.headline for i in slide.items] + [b if isinstance(b, str) else b.text for b in slide.bullets]
            if len(entries) >= 2:
                assert slide.title not in entries, (name, slide.title)
            by_title[slide.title] = entries
    assert by_title["基本民生保障水平和教育卫生服务"][:2] == ["基本民生保障水平持续提升", "教育卫生服务提质增效"]
    assert by_title["自贸试验区及临港新片区和长三角一体化发展"][0] == "自贸试验区及临港新片区深化建设"
    # 必须牢牢把握以下重大原则: the list says what it holds.
    assert by_title["新时代新征程中国共产党的使命任务：重大原则"][0] == "坚持和加强党的全面领导"
    # A metrics slide is named by the item its paragraph comes under (五是“百县千镇万村
    # 高质量发展工程”实现三年初见成效。), not 2025年主要成绩：概述.
    assert "“百县千镇万村高质量发展工程”实现三年初见成效" in by_title
    assert "2025年主要成绩：概述" not in by_title
    # The annex's list is named by the annex, not 附件：十个方面.
    assert len(by_title["2026年省十件民生实事：十个方面"]) == 10


def test_a_paragraph_that_only_says_on_what_grounds_is_no_statement(outlines):
    """根据《中共上海市委关于制定……的建议》 stood alone on a slide titled
    关于《……》的说明（二）; it is now said in the notes of the part's first slide."""
    _, outline = outlines["shanghai-gov-report-2026"]
    [part] = [p for p in outline.deck.parts if p.title.startswith("关于《上海市国民经济")]
    assert not any(s.kind == "statement" and s.text.startswith("根据《") for s in part.slides)
    assert part.slides[0].notes.startswith("根据《中共上海市委关于制定")
    assert not any("说明（" in s.title for s in part.slides)


def test_divider_titles_at_4_3_break_between_words(outlines):
    """At 4:3 a divider's title column is narrow: at the largest size that held them,
    新时代新征程中国共产党的使命任务 broke 中国 / 共产党 and 推进文化自信自强，铸就社会主义
    文化新辉煌 broke 社会 / 主义. A step or two smaller, each line ends between words."""
    from deckgen.typeset import words

    _, outline = outlines["cpc-20th-congress-report-2022"]
    theme = resolve_theme(outline, None, "4:3")
    titles = {}
    for slide in _plan(outline, "4:3").slides:
        if slide.kind == "divider":
            [box] = [e for e in slide.elements if getattr(e, "role", "") == "title"]
            titles[box.paras[0].text.replace("\n", "")] = (box.paras[0].text, box.paras[0].size_pt)
    for whole, word in (("新时代新征程中国共产党的使命任务", "中国共产党"), ("推进文化自信自强，铸就社会主义文化新辉煌", "社会主义")):
        broken, size = titles[whole]
        assert any(word in line for line in broken.split("\n")), broken
        assert size >= theme.size("title").min_pt
        ends, end = set(), 0
        for line in broken.split("\n")[:-1]:
            end += len(line)
            ends.add(end)
        assert not ends & (words.inner_positions(whole) | words.joints(whole)), broken
