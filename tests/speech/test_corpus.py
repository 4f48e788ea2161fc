"""Derivation on documents deckgen was not tuned on: precision as well as recall (issue 10).

The corpus (tests/data/corpus/) reproduces real-world shapes: a government work report
with 各位代表！ between passages, rate-only and qualified figures and an unnumbered
tail; a party-building speech; a year-end summary (成效 / 问题 / 打算); a one-part
speech of a few points; and the seed's main speech as .docx and PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from deckgen.outlines import derive
from deckgen.speech import derive_outlines
from .helpers import SEED, slides_of
from .quality import closing_is_complete, foreign_figures, missed_headings, salutation_items, value_as_change

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
TEXTS = sorted(p.name for p in CORPUS.glob("*.txt"))


def outline_of(path: Path) -> dict:
    derived = derive(path)
    assert len(derived.texts) == 1
    return yaml.safe_load(next(iter(derived.texts.values())))


@pytest.fixture(scope="module", params=TEXTS)
def case(request):
    path = CORPUS / request.param
    return path, path.read_text(encoding="utf-8"), outline_of(path)


@pytest.fixture(scope="module")
def seed_cases(seed_speeches):
    text = SEED.read_text(encoding="utf-8")
    outlines = derive_outlines(text, SEED.name)
    assert len(outlines) == len(seed_speeches)
    return [(o.data, speech) for o, speech in zip(outlines, seed_speeches)]


def test_corpus_has_the_real_world_shapes():
    assert {"gov-work-report.txt", "party-building.txt", "year-end-summary.txt", "safety-one-part.txt"} <= set(TEXTS)


def test_every_heading_is_found(case):
    _, source, data = case
    assert missed_headings(data, source) == []


def test_no_salutation_is_content(case):
    _, source, data = case
    assert salutation_items(data) == []


def test_every_figure_is_in_the_source(case):
    _, source, data = case
    assert foreign_figures(data, source) == []


def test_no_value_repeated_as_its_change(case):
    _, _, data = case
    assert value_as_change(data) == []


def test_title_is_the_documents_not_the_file_name(case):
    path, source, data = case
    assert data["title"] != path.stem
    # A bare 政府工作报告 is shown with its year and the reporting government's place.
    assert re.sub(r"^2025年(?:\w{2,4}[省市县])?政府工作报告$", "政府工作报告", data["title"]) in source


def test_closing_is_a_complete_sentence(case):
    _, source, data = case
    assert closing_is_complete(data, source), data.get("closing")


def test_seed_speeches_hold_the_same_precision(seed_cases):
    for data, source in seed_cases:
        assert salutation_items(data) == []
        assert foreign_figures(data, source) == []
        assert value_as_change(data) == []
        assert closing_is_complete(data, source), data.get("closing")
        assert missed_headings(data, source) == []


# -- the government work report, shape by shape --------------------------------


@pytest.fixture(scope="module")
def report():
    return outline_of(CORPUS / "gov-work-report.txt")


def test_report_metadata_from_the_title_block(report):
    assert report["title"] == "2025年临江市政府工作报告"
    assert report["subtitle"] == "临江市第十七届人民代表大会第四次会议"
    assert report["organisation"] == "临江市人民政府"
    assert report["presenter"] == "市长 周明远"
    assert report["date"] == "2025年1月"
    assert report["theme"] == "gov-red"


def test_report_tail_is_its_own_part_not_the_last_task_group(report):
    titles = [p["title"] for p in report["parts"]]
    assert titles[:3] == ["2024年工作回顾", "2025年经济社会发展总体要求和主要目标", "2025年重点工作"]
    tail = report["parts"][3]
    # Titled by what it speaks of (issue 16), not by its first sentence.
    assert [s["title"] for s in tail["slides"]][0] == "政府自身建设"
    last_group = [s for s in report["parts"][2]["slides"] if s["kind"] == "focus-area"][-1]
    assert [i["headline"] for i in last_group["items"]] == ["稳定和扩大就业", "推进健康临江建设", "兜牢民生底线"]
    assert "政府自身建设" not in str(report["parts"][2])


def test_report_figures_keep_their_qualifiers_and_rates(report):
    rows = {r["indicator"]: r for s in slides_of(report) for r in s.get("metrics", [])}
    assert rows["地区生产总值"]["value"] == "突破3000"
    assert rows["社会消费品零售总额"]["value"] == "近1200"
    assert rows["外贸进出口总额"]["value"] == "超过650"
    assert rows["规模以上工业增加值增长"] == {"indicator": "规模以上工业增加值增长", "value": 7.1, "unit": "%"}
    assert rows["地区生产总值增长"]["value"] == "5.5%左右"
    assert rows["粮食产量"]["value"] == "保持在30亿斤以上"
    assert rows["城镇新增就业"]["value"] == "7万人以上"
    assert rows["居民收入增长"] == {"indicator": "居民收入增长", "value": "和经济增长同步"}  # a goal without a figure


def test_report_problems_get_their_own_slide(report):
    problems = [s for s in slides_of(report) if s.get("title") == "困难和问题"]
    assert len(problems) == 1
    assert problems[0]["bullets"][0] == "有效需求不足，部分企业生产经营困难"
    assert len(problems[0]["bullets"]) == 4


def test_report_closing_is_the_call_to_strive(report):
    assert report["closing"]["text"].startswith("让我们更加紧密地团结")
    assert report["closing"]["text"].endswith("而努力奋斗！")


def test_report_headed_paragraphs_become_items(report):
    review = report["parts"][0]["slides"]
    industry = [s for s in review if s.get("title") == "加快产业转型升级，发展动能持续增强"][0]
    assert industry["kind"] == "achievements"
    assert [i["headline"] for i in industry["items"]] == ["推进制造业高质量发展", "培育数字经济新优势", "做强现代服务业"]


# -- other genres ---------------------------------------------------------------


def test_party_speech_metadata_and_items():
    data = outline_of(CORPUS / "party-building.txt")
    assert data["presenter"] == "市委副书记 XXX"
    assert data["date"] == "2025年2月"
    assert data["organisation"] == "X"  # not in the text: a visible placeholder
    assert data["closing"]["title"] == "新时代党的建设任务艰巨、使命光荣"
    assert [p["title"] for p in data["parts"]][1] == "突出重点，全面提升党建工作质量"
    items = [i["headline"] for s in data["parts"][1]["slides"] for i in s.get("items", [])]
    assert items[0] == "坚持把政治建设摆在首位"
    # 我们也要清醒看到，A还不够强，B意识不足，C仍有发生: the shortcomings get their own slide.
    problems = [s for s in data["parts"][0]["slides"] if s.get("title") == "困难和问题"]
    assert problems and problems[0]["bullets"] == ["一些基层党组织政治功能和组织功能还不够强", "少数党员干部担当作为意识不足", "形式主义、官僚主义问题仍有发生"]


def test_year_end_summary_sections():
    data = outline_of(CORPUS / "year-end-summary.txt")
    assert [p["title"] for p in data["parts"]] == ["主要工作成效", "存在问题", "下一步打算"]
    assert data["organisation"] == "临江市交通运输局"
    assert data["date"] == "X年X月"
    problems = data["parts"][1]["slides"]
    assert len(problems) == 1 and len(problems[0]["items"]) == 3


def test_groups_of_one_paragraph_make_one_slide_not_one_each():
    """（一）交通基础设施建设提速增效。全年完成… x4 is one achievements slide, plus its table."""
    data = outline_of(CORPUS / "year-end-summary.txt")
    review = data["parts"][0]["slides"]
    assert [s["kind"] for s in review] == ["achievements", "metrics"]
    assert [i["headline"] for i in review[0]["items"]][0] == "交通基础设施建设提速增效"
    assert review[0]["items"][0]["detail"] == "全年完成交通固定资产投资86.3亿元，同比增长9.2%"
    rows = review[1]["metrics"]
    assert rows[1] == {"indicator": "货运量", "value": "突破1.2", "unit": "亿吨", "change": "同比增长4.6%"}
    plans = data["parts"][2]["slides"]
    assert [s["kind"] for s in plans] == ["achievements"] and len(plans[0]["items"]) == 4


def test_one_part_speech_gives_each_point_a_slide():
    data = outline_of(CORPUS / "safety-one-part.txt")
    assert len(data["parts"]) == 1
    assert data["parts"][0]["title"] == "做好当前安全生产工作"  # 就做好当前安全生产工作，我再强调几点
    slides = data["parts"][0]["slides"]
    assert [s["kind"] for s in slides] == ["achievements", "bullets", "bullets", "bullets", "bullets"]
    assert [s["title"] for s in slides[1:]] == [i["headline"] for i in slides[0]["items"]]
    assert slides[1]["bullets"][0] == "各乡镇、各部门要严格落实“党政同责、一岗双责、齐抓共管、失职追责”"
    assert data["closing"]["title"] == "安全生产责任重于泰山"


def test_theme_follows_the_content(seed_cases):
    assert all(data["theme"] == "postal-green" for data, _ in seed_cases)
    assert outline_of(CORPUS / "party-building.txt")["theme"] == "gov-red"


def test_derivation_is_deterministic():
    first = derive(CORPUS / "gov-work-report.txt").texts
    assert derive(CORPUS / "gov-work-report.txt").texts == first


def test_stage_directions_and_salutations_are_never_content():
    text = (
        "在全市科技创新大会上的讲话\n同志们：\n今天我们召开大会。（掌声）\n"
        "一、总结经验\n（一）创新成果丰硕\n一是研发投入加大。全年投入增加。\n（掌声）\n二是人才集聚。引进人才多。\n"
        "同志们！\n二、部署任务\n一是建平台。建设实验室。\n二是育主体。培育企业。\n"
        "让我们携手奋进，为建设科技强市而努力奋斗！\n（热烈鼓掌）\n"
    )
    [outline] = derive_outlines(text, "talk.txt")
    data = outline.data
    assert salutation_items(data) == []
    shown = " ".join(str(v) for s in slides_of(data) for v in s.values() if not isinstance(v, str) or s.get("notes") != v)
    assert "掌声" not in shown and "鼓掌" not in shown
    items = [i["headline"] for s in slides_of(data) for i in s.get("items", [])]
    assert items == ["研发投入加大", "人才集聚", "建平台", "育主体"]
    assert data["closing"]["text"] == "让我们携手奋进，为建设科技强市而努力奋斗！"


def test_provincial_report_shapes():
    """A second report, written after the first worked: a governor's title block,
    groups told in several paragraphs, problems after 困难和挑战：, a long tail."""
    data = outline_of(CORPUS / "provincial-report.txt")
    assert (data["organisation"], data["presenter"], data["date"]) == ("江岭省人民政府", "省长 林思远", "2025年1月")
    review = data["parts"][0]["slides"]
    assert "一年来，我们主要做了以下工作" not in str([s.get("text") for s in review])  # a transition, not a slide
    tables = [s for s in review if s["kind"] == "metrics"]
    # one table per group, named for it; the year before the report's is its results (issue 16)
    assert [t["title"] for t in tables] == ["2024年主要成绩", "加强宏观调控：主要指标"]
    assert len(tables[1]["metrics"]) == 4
    problems = [s for s in review if s.get("title") == "困难和挑战"]
    assert problems and problems[0]["bullets"][-1] == "一些地方财政收支矛盾突出"
    # The tail is titled by what its passages speak of (issue 16).
    assert [p["title"] for p in data["parts"]][-1] == "政府建设、民族宗教和国防工作"
    assert [s["title"] for s in data["parts"][-1]["slides"]] == ["政府自身建设", "民族宗教和侨务工作", "国防和军队建设"]


def test_point_slides_keep_each_thought_whole():
    """A point's clauses are bullets, but 无论是A，还是B，都是C is one thought, and a
    clause that only sets the scene (…在发展中) leads into the next."""
    from deckgen.speech.slides import point_detail

    text = (
        "推进改革，增强活力。改革是发展的根本动力，无论是地方经济发展，还是邮政企业发展，都是改革创新的必然结果。"
        "xx邮政在发展中，要始终保持与时俱进的精神状态，努力适应新形势，应对新变化，不断完善企业运营机制和治理体制。"
    )
    slide = point_detail("推进改革，增强活力", text, spoken_as="三要" + text)
    assert slide["bullets"] == [
        "改革是发展的根本动力",
        "无论是地方经济发展，还是邮政企业发展，都是改革创新的必然结果",
        "xx邮政在发展中，要始终保持与时俱进的精神状态",
        "努力适应新形势，应对新变化",
        "不断完善企业运营机制和治理体制",
    ]


@pytest.mark.parametrize("markers", [("（1）", "（2）", "（3）"), ("①", "②", "③"), ("1．", "2．", "3．")])
def test_numbered_task_paragraphs_become_items_with_their_heading(markers):
    first, second, third = markers
    text = (
        "在全市经济工作会议上的讲话\n同志们：\n一、今年重点工作\n（一）扩大有效需求\n"
        f"{first}扩大有效投资。全年实施重点项目350个以上。\n{second}促进消费扩容提质。培育新型消费。\n"
        f"{third}稳住外贸基本盘。支持企业开拓多元市场。\n（二）深化改革开放\n{first}深化国企改革。全面落实改革任务。\n"
        f"{second}优化营商环境。推行高效办成一件事。\n让我们携手奋进，为完成全年目标而努力奋斗！\n"
    )
    [outline] = derive_outlines(text, "talk.txt")
    items = [i["headline"] for s in slides_of(outline.data) for i in s.get("items", [])]
    assert items == ["扩大有效投资", "促进消费扩容提质", "稳住外贸基本盘", "深化国企改革", "优化营商环境"]
