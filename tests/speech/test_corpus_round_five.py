"""Real reports, fifth round of issue 16: what the last review still saw.

Each corpus document is derived as ``deckgen outline`` writes it; layout checks use
the plan ``deckgen build`` lays out, positions in points.
"""

from __future__ import annotations

import pytest

from deckgen.layout.elements import Table, TextBox
from deckgen.layout.frame import Frame
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.speech.headline import topic_of
from deckgen.speech.metrics import extract_metrics
from deckgen.speech.structure import passage_title
from deckgen.theme.loader import template_for_outline
from deckgen.theme.resolve import resolve_theme
from shared_material import require, shared

from .helpers import written_outline

CORPUS = shared("corpus")
NAMES = ("shanghai-gov-report-2026", "zhejiang-gov-report-2026", "gov-report-1998")


@pytest.fixture(scope="module")
def outlines(tmp_path_factory):
    """name -> outline as ``deckgen outline`` writes it."""
    folder = tmp_path_factory.mktemp("corpus-round-five")
    return {name: written_outline(require(CORPUS / f"{name}.txt"), folder)[1] for name in NAMES}


def _slides(outline):
    return [slide for part in outline.deck.parts for slide in part.slides]


def _statements(outline) -> list[str]:
    return [s.text for s in _slides(outline) if s.kind == "statement"]


def test_a_sentence_that_heads_its_paragraph_is_not_set_alone(outlines):
    """Shanghai at 4:3 put up 过去一年，坚如磐石的军政军民团结巩固发展, “十五五”时期具有
    承前启后的重要地位 and 重点产业进一步提升能级、优化布局 each alone on a statement slide,
    while the paragraph each opens goes on to say what happened. Each now heads what its
    paragraph says: a points slide titled by it, or an item with its detail."""
    outline = outlines["shanghai-gov-report-2026"]
    statements = _statements(outline)
    for sentence in ("过去一年，坚如磐石的军政军民团结巩固发展", "“十五五”时期具有承前启后的重要地位", "重点产业进一步提升能级、优化布局"):
        assert sentence not in statements
    by_title = {s.title: s for s in _slides(outline)}
    armed = by_title["坚如磐石的军政军民团结巩固发展"]
    assert armed.kind == "bullets" and "跨军地改革持续深化" in armed.bullets
    period = by_title["“十五五”时期具有承前启后的重要地位"]
    assert period.kind == "bullets" and len(period.bullets) >= 4
    # 全力促进经济平稳健康发展 shows its two worded topics as items, each with its detail.
    group = by_title["全力促进经济平稳健康发展"]
    assert group.kind == "achievements"
    assert [i.headline for i in group.items] == ["稳增长政策措施加快落地见效", "重点产业进一步提升能级、优化布局"]
    assert all(i.detail for i in group.items)
    # The year's overall requirement and a closing call still stand alone.
    assert "着力稳就业、稳企业、稳市场、稳预期" in statements


def test_weighty_statements_of_other_reports_stay(outlines):
    """A call to act (积极促进乡镇企业……的发展) and a judgement that starts with the act
    (加强国防和军队建设，是……的重要保证) keep their statement in the 1998 report."""
    statements = _statements(outlines["gov-report-1998"])
    assert "积极促进乡镇企业、特别是中西部地区乡镇企业的发展" in statements
    assert "加强国防和军队建设，是国家安全和现代化建设的重要保证" in statements


def test_two_paired_aims_make_a_topic_but_a_list_of_phrases_does_not():
    rest = "促进重点产业创新升级，新能源、高端装备等战略性新兴产业实现较快增长，重点产业集聚度进一步提升。"
    assert topic_of(f"重点产业进一步提升能级、优化布局。{rest}") == "重点产业进一步提升能级、优化布局"
    assert topic_of(f"推迟开学、灵活复工、错峰出行。{rest}") == ""
    assert topic_of(f"扩大开放、深化改革。{rest}") == ""


def test_turning_to_the_hall_closes_the_group(outlines):
    """（四）用心用情推进人民城市建设 was a slide of two cards: its own first clause and
    蓝图已绘就，奋进正当时, the part's closing call said after 各位代表, read as the group's.
    The four groups of the plan are now one slide of four items, titled as the report
    announces them, and the closing call heads a slide of its own."""
    outline = outlines["shanghai-gov-report-2026"]
    slides = _slides(outline)
    tasks = next(s for s in slides if s.title == "主要任务：四个方面")
    assert [i.headline for i in tasks.items] == [
        "坚定不移加快“五个中心”建设",
        "坚持不懈实施高水平改革开放",
        "协同发力促进区域协调发展",
        "用心用情推进人民城市建设",
    ]
    assert all("蓝图已绘就" not in (i.detail or "") for i in tasks.items)
    called = [s for s in slides if s.title.startswith("蓝图已绘就") or (s.kind == "statement" and s.text.startswith("蓝图已绘就"))]
    assert len(called) == 1
    assert "蓝图已绘就，奋进正当时" not in [b for s in slides for b in (s.bullets if s.kind == "bullets" else [])]


def test_a_second_figure_is_its_own_card_not_the_first_ones_change(outlines):
    """居民人均可支配收入年均增长5%，年均新增就业岗位61.4万个: the KPI card of the income read
    “年均新增就业岗位61.4万个” as its change. Jobs are a figure of their own: a card."""
    outline = outlines["shanghai-gov-report-2026"]
    table = next(s for s in _slides(outline) if s.title == "“十四五”时期主要指标")
    rows = {m.indicator: m for m in table.metrics}
    assert not rows["居民人均可支配收入年均增长"].change
    assert (rows["年均新增就业岗位"].value, rows["年均新增就业岗位"].unit) == ("61.4", "万个")
    # A comparison stays the change of its figure.
    [gdp] = extract_metrics("全省生产总值达到9万亿元，年均增长5.9%。", outlook=False)
    assert (gdp.indicator, gdp.change) == ("生产总值", "年均增长5.9%")


def test_a_lone_target_joins_the_parts_other_targets(outlines):
    """海洋生产总值占GDP比重14%左右, said in a task group of the “十五五” part, stood as one
    KPI card on a slide of its own; it now is a card beside the 2030 targets."""
    outline = outlines["zhejiang-gov-report-2026"]
    slides = _slides(outline)
    assert [s.title for s in slides if s.kind == "metrics" and len(s.metrics) == 1] == []
    targets = next(s for s in slides if s.title == "2030年主要预期目标")
    assert [m.indicator for m in targets.metrics] == ["居民人均可支配收入", "常住人口城镇化率", "海洋生产总值占GDP比重"]


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_slide_of_one_figure_sets_it_large_in_the_middle(tmp_path, size):
    """Where a figure stays alone (the Guangdong report's 地区生产总值年均增长), its card was
    a banner across the whole body with the figure at the size six cards have."""
    source = tmp_path / "lone.yaml"
    source.write_text(
        "title: 测试\nparts:\n  - title: 目标\n    slides:\n      - kind: metrics\n        title: “十五五”时期主要目标\n"
        "        metrics:\n          - {indicator: 地区生产总值年均增长, value: 5, unit: '%'}\n"
        "      - kind: metrics\n        title: 两项\n        metrics:\n"
        "          - {indicator: 居民人均可支配收入, value: 9, unit: 万元}\n          - {indicator: 常住人口城镇化率, value: 78, unit: '%'}\n",
        encoding="utf-8",
    )
    outline = load_outline(source)
    plan = plan_deck(outline.deck, resolve_theme(outline, None, size))
    lone, pair = (s for s in plan.slides if s.title in ("“十五五”时期主要目标", "两项"))
    body = Frame.for_layout(plan.base, lone.layout).body
    card = next(e for e in lone.elements if getattr(e, "name", "") == "KPI 1")
    assert card.rect.w <= 0.6 * body.w
    assert abs(card.rect.x + card.rect.w / 2 - (body.x + body.w / 2)) < 1
    assert _figure_pt(lone) > _figure_pt(pair)


def _figure_pt(slide) -> float:
    """The largest text size of the slide's first KPI card: its figure."""
    text = next(e for e in slide.elements if getattr(e, "name", "") == "KPI 1 text")
    return max(run.size_pt or para.size_pt for para in text.paras for run in para.runs)


def test_looking_back_again_after_the_last_group_is_a_passage_of_its_own(outlines):
    """过去一年，民族宗教、外事侨务、港澳台……等工作有力推进 and 过去一年，我们坚决贯彻全面从严
    治党要求，加强政府自身建设… follow the tenth group (切实筑牢安全防线) of the Zhejiang
    review. They were two bullets of that group's slide, each starting 过去一年, under its
    title; the group's own run-in headings (防范化解经济金融风险, 持续深化法治建设) were not
    shown. Each passage is now a slide of its own, titled by what it speaks of."""
    outline = outlines["zhejiang-gov-report-2026"]
    slides = _slides(outline)
    shown = [t for s in slides for t in [s.title, *(s.bullets if s.kind == "bullets" else [])]]
    assert not [t for t in shown if t.startswith("过去一年")]
    group = next(s for s in slides if s.title == "切实筑牢安全防线，平安浙江法治浙江底座更加稳固")
    assert group.kind == "achievements"
    assert [i.headline for i in group.items] == ["加强安全生产和防灾减灾工作", "防范化解经济金融风险", "持续深化法治建设"]
    others = next(s for s in slides if s.title == "其他重要工作")
    assert others.bullets[0] == "民族宗教、外事侨务、港澳台、国防动员、人防海防等工作有力推进"
    assert len(others.bullets) == 3
    conduct = next(s for s in slides if "加强政府自身建设" in (s.bullets if s.kind == "bullets" else []))
    assert conduct.title == "坚决贯彻全面从严治党要求"
    # The milestone said after them keeps its statement.
    assert "2025年各项目标任务的圆满完成，标志着“十四五”胜利收官" in _statements(outline)


def test_a_passage_is_not_titled_by_the_time_it_looks_back_on():
    assert passage_title("过去一年，我们坚决贯彻全面从严治党要求，加强政府自身建设。严格落实过紧日子要求。") == "坚决贯彻全面从严治党要求"


def test_each_paragraph_said_to_the_hall_after_the_tasks_has_its_slide(outlines):
    """各位代表，支持国防和军队现代化建设是我们义不容辞的责任。… and 大道至简，实干为要。…
    close the Shanghai task part. The first was a card of the tenth task (城市高效能治理),
    then only in the notes of the second; each now heads a slide of its own, and the
    thanks after 成绩来之不易 stay said, not shown."""
    outline = outlines["shanghai-gov-report-2026"]
    slides = _slides(outline)
    defence = next(s for s in slides if s.title == "支持国防和军队现代化建设是我们义不容辞的责任")
    assert defence.kind == "bullets" and "强化军地协同联动" in defence.bullets
    tenth = next(s for s in slides if s.title == "着力推动城市高效能治理，提高超大城市安全韧性水平")
    assert not [i for i in tenth.items if "国防" in i.headline]
    assert next(s for s in slides if s.title.startswith("大道至简"))
    hard_won = next(s for s in slides if s.title.endswith("成绩来之不易"))
    assert hard_won.kind == "statement" and "衷心的感谢" not in hard_won.text


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_long_table_split_over_two_slides_is_set_as_large_as_its_neighbours(outlines, size):
    """千方百计扩大内需：主要指标 holds seventeen figures, nine and eight a page: they were
    set at 18 pt, the body's smallest size, where the report's other tables have 21–24
    pt. Its lines are set closer now, both pages larger, rows spread over the body."""
    outline = outlines["zhejiang-gov-report-2026"]
    theme = resolve_theme(outline, None, size)
    plan = plan_deck(outline.deck, theme)
    pages = [s for s in plan.slides if s.title.removesuffix("（续）") == "千方百计扩大内需：主要指标"]
    tables = [next(e for e in page.elements if isinstance(e, Table)) for page in pages]
    assert [len(t.rows) - 1 for t in tables] == [9, 8]
    sizes = {p.size_pt for t in tables for row in t.rows for cell in row for p in cell.paras}
    assert len(sizes) == 1 and min(sizes) >= theme.size("body").min_pt + 4
    for page, table in zip(pages, tables):
        body = Frame.for_layout(plan.base, page.layout).body
        assert body.bottom - table.rect.bottom < 0.05 * body.h
        # Every row holds its one line with room to spare.
        assert min(table.row_heights) > 1.3 * min(sizes)


def test_every_divider_of_the_party_congress_report_on_a_template_says_where_we_are(tmp_path):
    """On the chtsai template no divider of the party congress report listed the parts:
    the long lead of 新时代新征程中国共产党的使命任务 (two lines at 24 pt) left that divider
    no room, and the dividers of a deck list as many parts. A long lead is set smaller
    now, the list a little closer: every divider lists its part and the one beside it."""
    template = require(shared("templates") / "chtsai-xuhai-lo.pptx")
    path, outline = written_outline(require(CORPUS / "cpc-20th-congress-report-2022.txt"), tmp_path)
    theme = template_for_outline(resolve_theme(outline, None, None), outline, template)
    plan = plan_deck(outline.deck, theme)
    dividers = [s for s in plan.slides if s.kind == "divider"]
    assert len(dividers) == len(outline.deck.parts) == 15
    for index, (divider, part) in enumerate(zip(dividers, outline.deck.parts)):
        markers = [int(e.name.rsplit(" ", 1)[1]) - 1 for e in divider.elements if getattr(e, "name", "").startswith("Progress marker ")]
        assert len(markers) >= 2 and index in markers, (part.title, markers)
        boxes = [e for e in divider.elements if isinstance(e, TextBox)]
        lead = next((e for e in boxes if e.name == "Part lead"), None)
        assert (lead is not None) == bool(part.lead), part.title
        if lead is not None:
            assert min(p.size_pt for p in lead.paras) >= theme.size("body").min_pt
            listed = [e for e in boxes if e.name.startswith("Progress ")]
            assert all(e.rect.y >= lead.rect.bottom for e in listed), part.title


def test_a_clause_that_only_sets_the_scene_is_no_point_of_its_own(outlines):
    """面对深刻复杂变化的发展环境 and 围绕推动高质量发展首要任务和构建新发展格局战略任务 were
    bullets of their own on the “十五五” slide: they say what for or in what setting,
    and go with the clause that says what is done."""
    outline = outlines["shanghai-gov-report-2026"]
    period = next(s for s in _slides(outline) if s.title == "“十五五”时期具有承前启后的重要地位")
    assert "面对深刻复杂变化的发展环境，我们必须始终保持战略定力" in period.bullets
    assert not [b for b in period.bullets if b.startswith(("面对", "围绕")) and "，" not in b]


def test_a_paragraph_under_an_item_heading_alone_is_titled_by_its_item(tmp_path):
    """Guangdong lists its year as six items on lines of their own (四是持续优化提升营
    商环境。), each followed by its paragraph. The paragraphs' tables were titled by the
    year and their first figure (2025年主要成绩：工业企业用电成本下降, over the cost of
    logistics, loans and new firms); each now carries its item's heading. A paragraph
    with a topic of its own (十件民生实事全面完成) keeps it."""
    outline = written_outline(require(CORPUS / "guangdong-gov-report-2026.txt"), tmp_path)[1]
    titles = [s.title for s in _slides(outline) if s.kind == "metrics"]
    for item in ("推动全省经济运行稳中有进、稳中向好", "加快推进科技创新和产业创新深度融合", "持续优化提升营商环境", "“百县千镇万村高质量发展工程”实现三年初见成效"):
        assert item in titles, titles[:8]
    assert "十件民生实事全面完成" in titles
    assert not any(t.startswith("2025年主要成绩：") for t in titles), titles[:8]
