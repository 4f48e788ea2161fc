"""Defects found on speeches deckgen had not seen (review of issue 10).

Each test names what a reader of the deck would notice: last year's results filed as
this year's targets, a numbered item torn from its group by 各位代表！, points of one
speech treated unevenly, details cut before a figure.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from deckgen.outlines import derive
from deckgen.speech import derive_outlines
from deckgen.speech.metrics import extract_metrics

from .helpers import slides_of

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def outline_of(path: Path) -> dict:
    derived = derive(path)
    return yaml.safe_load(next(iter(derived.texts.values())))


def one_outline(text: str) -> dict:
    [outline] = derive_outlines(text, "talk.txt")
    return outline.data


REVIEW_ABOUT = (
    "在全县经济工作会议上的讲话\n同志们：\n一、去年工作回顾\n"
    "去年，全县生产总值增长6.2%左右，财政收入完成30亿元。\n二、今年工作安排\n"
    "抓好项目建设，确保投资稳定增长。\n抓好民生保障，确保群众满意。\n"
    "同志们，让我们共同努力，为全县高质量发展而努力奋斗！\n"
)


def test_an_approximate_result_in_a_review_is_a_result_not_a_target():
    data = one_outline(REVIEW_ABOUT)
    review = data["parts"][0]["slides"]
    assert [s["title"] for s in review if s["kind"] == "metrics"] == ["主要指标"]
    rows = {r["indicator"]: r for r in review[0]["metrics"]}
    assert rows["生产总值增长"]["value"] == "6.2%左右"
    assert rows["财政收入"] == {"indicator": "财政收入", "value": 30, "unit": "亿元"}  # on a slide, not only in the notes
    assert not any("目标" in s.get("title", "") for s in slides_of(data))


def test_goals_are_what_the_text_calls_goals():
    assert [r.target for r in extract_metrics("去年，生产总值增长6.2%左右。", outlook=False)] == [False]
    assert [r.target for r in extract_metrics("今年主要预期目标是：生产总值增长6%左右。", outlook=False)] == [True]
    assert [r.target for r in extract_metrics("进出口总额力争突破600亿元。", outlook=False)] == [True]
    # In the new year's part a tentative figure is a goal, unless it speaks of last year.
    assert [r.target for r in extract_metrics("预计全年业务量增长8%左右。")] == [True]
    assert [r.target for r in extract_metrics("去年业务量增长8%左右。")] == [False]


def test_review_tables_of_real_reports_hold_results_only():
    city = outline_of(CORPUS / "city-report-review.txt")
    review, plan = city["parts"][0]["slides"], city["parts"][1]["slides"]
    assert [s["title"] for s in review if s["kind"] == "metrics"] == ["2024年主要成绩"]  # results, titled so
    assert review[0]["metrics"][0]["indicator"] == "地区生产总值"  # 突破3200亿元，增长5.8%左右: a 2024 result
    assert [s["title"] for s in plan if s["kind"] == "metrics"] == ["2025年主要预期目标"]
    county = outline_of(CORPUS / "county-report-salutations.txt")
    review = county["parts"][0]["slides"]
    assert [s["title"] for s in review if s["kind"] == "metrics"] == ["主要指标"]
    assert "社会消费品零售总额增长" in [r["indicator"] for r in review[0]["metrics"]]


def test_a_salutation_inside_a_group_does_not_tear_out_its_next_item():
    data = outline_of(CORPUS / "county-report-salutations.txt")
    industry = [s for s in slides_of(data) if s.get("title") == "坚定不移推进工业强县"][0]
    assert [i["headline"] for i in industry["items"]] == ["壮大主导产业", "强化项目建设", "优化企业服务"]
    assert "各位代表！\n3.优化企业服务。" in industry["notes"]  # said in the order spoken
    assert not any("3.优化企业服务" in str(s.get("text", "")) for s in slides_of(data))
    # A salutation still ends the group when what follows does not continue it.
    assert [p["title"] for p in data["parts"]][-1] == "政府自身建设"
    rural = [s for s in slides_of(data) if s.get("title") == "全力推进乡村振兴"][0]
    assert len(rural["items"]) == 2


def test_a_salutation_before_a_new_series_still_ends_the_group():
    text = (
        "在全市工作会议上的讲话\n同志们：\n一、今年重点工作\n（一）扩大投资\n1.抓项目。建设项目。\n2.抓招商。引进企业。\n"
        "同志们！\n1.另起一组。这是新的内容。\n2.继续新组。还是新的内容。\n让我们携手奋进，为完成全年目标而努力奋斗！\n"
    )
    data = one_outline(text)
    group = [s for s in slides_of(data) if s.get("title") == "扩大投资"][0]
    assert [i["headline"] for i in group["items"]] == ["抓项目", "抓招商"]


def test_an_item_detail_keeps_the_short_sentence_that_follows_with_its_figure():
    data = outline_of(CORPUS / "city-report-review.txt")
    items = {i["headline"]: i for s in slides_of(data) for i in s.get("items", [])}
    assert items["产业升级步伐加快"]["detail"] == "新培育规上工业企业126家，高新技术企业总数超过1100家。数字经济核心产业增加值增长11.3%"
    from deckgen.speech.sentences import DETAIL_MAX, detail_of

    # A following sentence that would make the line wrap twice stays in the notes.
    long_next = "推进项目建设。" + "这是一个很长的句子" * 5 + "。"
    assert detail_of(long_next) == "推进项目建设"
    assert len(detail_of("短句一。短句二！短句三。")) <= DETAIL_MAX
    assert detail_of("短句一。短句二！短句三。") == "短句一。短句二！短句三"


def test_parallel_points_get_parallel_slides():
    data = outline_of(CORPUS / "discipline-three-points.txt")
    slides = data["parts"][0]["slides"]
    assert [s["kind"] for s in slides] == ["achievements", "bullets", "bullets", "bullets"]
    assert [s["title"] for s in slides[1:]] == ["提高政治站位", "压实主体责任", "强化监督执纪"]
    assert slides[3]["bullets"] == ["紧盯重要节点", "坚决纠治“四风”", "对顶风违纪行为发现一起、查处一起"]
    assert "做到“两个维护”" in slides[1]["bullets"]


def test_a_point_with_nothing_more_to_say_leaves_all_points_on_the_overview():
    text = (
        "在全局安全工作会议上的讲话\n同志们：\n下面，我讲几点意见。\n"
        "一是压实责任。各单位要层层落实责任，逐级签订责任书，确保责任到人。\n"
        "二是排查隐患。要全面排查各类隐患，建立台账，限期整改到位。\n"
        "三是加强值守。严格值班。\n"
        "同志们，让我们共同努力，为全局安全稳定而努力奋斗！\n"
    )
    slides = one_outline(text)["parts"][0]["slides"]
    assert [s["kind"] for s in slides] == ["achievements"]
    assert [i["headline"] for i in slides[0]["items"]] == ["压实责任", "排查隐患", "加强值守"]


def test_focus_areas_of_one_paragraph_are_cards_with_their_lead_not_one_line_slides():
    data = outline_of(CORPUS / "city-report-review.txt")
    plan = data["parts"][1]["slides"]
    assert [s["kind"] for s in plan] == ["metrics", "focus-areas"]
    areas = plan[1]["areas"]
    assert areas[0] == {"title": "着力扩大有效需求", "summary": "实施重点项目320个，年度计划投资超过900亿元"}
    assert len(areas) == 4 and all(a.get("summary") for a in areas)
    # Every group said once in the notes, not its heading line and its text again.
    assert plan[1]["notes"].count("实施重点项目320个") == 1


def test_every_statement_has_a_title_from_its_part():
    for name in ("city-report-review.txt", "gov-work-report.txt", "provincial-report.txt"):
        data = outline_of(CORPUS / name)
        for part in data["parts"]:
            for slide in part.get("slides", []):
                if slide["kind"] == "statement":
                    assert slide.get("title"), (name, slide["text"])
    city = outline_of(CORPUS / "city-report-review.txt")
    statement = [s for s in city["parts"][0]["slides"] if s["kind"] == "statement"][0]
    # 成绩来之不易 heads its paragraph: the slide is titled by it and shows what it
    # goes on to say (it was 2024年工作回顾：概述 over 成绩来之不易, a title that says
    # nothing); the thanks to the hall are in the notes only.
    assert (statement["title"], statement["text"]) == ("成绩来之不易", "这是全市人民团结奋斗的结果")
    assert "致以崇高的敬意" in statement["notes"]


def test_every_figure_the_reviewed_speeches_state_reaches_a_slide():
    from .quality import unshown_figures

    for name in ("city-report-review.txt", "county-report-salutations.txt", "discipline-three-points.txt"):
        source = (CORPUS / name).read_text(encoding="utf-8")
        assert unshown_figures(outline_of(CORPUS / name), source) == [], name
    assert unshown_figures(one_outline(REVIEW_ABOUT), REVIEW_ABOUT) == []
    rows = {r["indicator"]: r for s in slides_of(outline_of(CORPUS / "city-report-review.txt")) for r in s.get("metrics", [])}
    # 城乡居民人均可支配收入分别增长4.9%和6.7%: one subject, two figures, urban then rural.
    assert rows["城镇居民人均可支配收入增长"] == {"indicator": "城镇居民人均可支配收入增长", "value": 4.9, "unit": "%"}
    assert rows["农村居民人均可支配收入增长"]["value"] == 6.7


def test_a_tail_passage_bullet_does_not_repeat_its_slide_title():
    for name in ("city-report-review.txt", "county-report-salutations.txt"):
        tail = outline_of(CORPUS / name)["parts"][-1]["slides"][0]
        assert not any(tail["title"] in bullet for bullet in tail["bullets"]), (name, tail["bullets"])
    county = outline_of(CORPUS / "county-report-salutations.txt")["parts"][-1]["slides"][0]
    assert county["bullets"][0] == "全面提升依法行政水平，自觉接受人大法律监督和政协民主监督"
