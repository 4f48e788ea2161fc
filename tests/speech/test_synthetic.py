"""Speeches the library has not been tuned on, in the same conventions.

``data/gov_report.txt`` is a 政府工作报告 (一、 parts, （一） groups with a heading
sentence, 第一/第二 items, 各位代表 salutation); ``data/firstly.txt`` a speech with
首先/其次/最后 and a line broken mid-sentence; ``data/plain.txt`` has no structure.
"""

from __future__ import annotations

import pytest

from deckgen.speech import derive_outlines, read_speech

from .helpers import DATA, all_notes, headlines_of, slides_of


def derive(name: str):
    outlines = derive_outlines(read_speech(DATA / name), name)
    assert len(outlines) == 1
    return outlines[0]


@pytest.fixture(scope="module")
def report():
    return derive("gov_report.txt")


@pytest.fixture(scope="module")
def firstly():
    return derive("firstly.txt")


def test_report_title_salutation_and_parts(report):
    data = report.data
    assert data["title"] == "2024年政府工作报告"
    assert data["notes"].startswith("各位代表：\n现在，我代表市人民政府")
    assert [p["title"] for p in data["parts"]] == ["2023年工作回顾", "2024年工作安排"]


def test_report_groups_with_heading_sentence(report):
    review = report.data["parts"][0]["slides"]
    achievements = [s for s in review if s["kind"] == "achievements"]
    # （一）经济运行稳中向好。面对…: the heading is the first sentence, the rest is notes.
    assert [s["title"] for s in achievements] == ["经济运行稳中向好", "民生福祉持续改善"]
    assert "面对复杂严峻的外部环境" in achievements[0]["notes"]


def test_report_first_second_items(report):
    assert headlines_of(report.data) == [
        "工业生产持续回升", "消费市场加快复苏", "外贸外资稳中提质",
        "就业形势保持稳定", "社会保障更加有力",
        "扩大有效投资", "促进消费扩容提质",
        "做强先进制造业", "发展现代服务业", "壮大数字经济",
        "稳定和扩大就业", "办好人民满意的教育",
    ]  # fmt: skip


def test_report_line_broken_inside_an_item_is_joined(report):
    detail = [s for s in slides_of(report.data) if s["kind"] == "achievements"][0]["items"][1]["detail"]
    assert detail == "社会消费品零售总额完成98.6亿元，同比增长7.2%，文旅消费持续升温"


def test_report_metrics(report):
    tables = {s["title"]: s["metrics"] for s in slides_of(report.data) if s["kind"] == "metrics"}
    # The review part names its year (2023年工作回顾); the figures' sentence does not.
    results = tables["2023年主要成绩"]  # the year before the report's: its results (issue 16)
    assert results[:2] == [
        {"indicator": "地区生产总值", "value": 256, "unit": "亿元", "change": "同比增长3.2%"},
        {"indicator": "一般公共预算收入", "value": 24.5, "unit": "亿元", "change": "同比增长5.8%"},
    ]
    targets = tables["2024年主要预期目标"]
    # A rate alone is the value of an indicator that says 增长; never value and change both.
    assert targets[0] == {"indicator": "地区生产总值增长", "value": "6%左右"}
    # Qualifiers stay with their number.
    assert targets[2] == {"indicator": "城镇新增就业", "value": "1.1万人以上"}


def test_report_arrangement_part_is_a_focus_grid(report):
    slides = report.data["parts"][1]["slides"]
    grid = [s for s in slides if s["kind"] == "focus-areas"][0]
    assert grid["title"] == "2024年重点工作"
    assert [a["title"] for a in grid["areas"]] == ["着力扩大有效需求", "着力推进产业升级", "着力保障和改善民生"]
    assert [s["number"] for s in slides if s["kind"] == "focus-area"] == [1, 2, 3]


def test_report_closing_turns_to_the_delegates(report):
    closing = report.data["closing"]
    assert closing["title"] == "新征程催人奋进，新使命重任在肩"
    assert closing["text"].startswith("让我们更加紧密地团结")


def test_firstly_items(firstly):
    data = firstly.data
    assert data["parts"][0]["title"] == "三点意见"  # 我再强调三点意见
    assert headlines_of(data) == [
        "提高政治站位，切实增强做好安全生产工作的责任感",
        "突出重点领域，深入开展隐患排查整治",
        "压实各方责任，构建齐抓共管的工作格局",
    ]


def test_firstly_joins_the_broken_line(firstly):
    assert "各级各部门要把安全生产摆在更加突出的位置，坚决守住安全底线。" in all_notes(firstly.data)


def test_firstly_closing_keeps_the_farewell(firstly):
    closing = firstly.data["closing"]
    assert closing["title"] == "安全生产责任重于泰山"
    assert closing["notes"].rstrip().endswith("最后，预祝会议圆满成功！")


def test_text_without_structure_gives_bullets_and_a_warning():
    outline = derive("plain.txt")
    assert outline.title == "关于做好节日期间值班工作的几点想法"
    assert any("no structure" in w for w in outline.warnings)
    (part,) = outline.data["parts"]
    (slide,) = part["slides"]
    assert slide["kind"] == "bullets"
    assert slide["bullets"][0] == "节日期间，各单位要认真做好值班安排，确保信息畅通"
    assert len(slide["bullets"]) == 3


def test_numbering_must_make_sense():
    text = "在全市工作会议上的讲话\n同志们：\n三是这一段并非条目，只是以三是开头。\n一是抓落实。要真抓实干。\n二是抓队伍。要从严管理。\n"
    (outline,) = derive_outlines(text)
    assert headlines_of(outline.data) == ["抓落实", "抓队伍"]


def test_several_speeches_split_at_title_lines():
    text = (
        "在全市邮政工作会议上的讲话\n同志们：\n一是抓发展。多措并举。\n二是抓服务。提升质量。\n"
        "在全县邮政工作会议上的讲话\n同志们：\n一要抓党建。从严治党。\n二要抓安全。守住底线。\n"
    )
    outlines = derive_outlines(text)
    assert [o.title for o in outlines] == ["在全市邮政工作会议上的讲话", "在全县邮政工作会议上的讲话"]
    assert [o.slug for o in outlines] == ["01-在全市邮政工作会议上的讲话", "02-在全县邮政工作会议上的讲话"]
    assert headlines_of(outlines[1].data) == ["抓党建", "抓安全"]


@pytest.mark.parametrize("text", ["", "\n  \n", "第二篇：\n\n"])
def test_text_without_any_speech_is_an_error(text):
    from deckgen.errors import DeckgenError

    with pytest.raises(DeckgenError, match="no speech text"):
        derive_outlines(text, "empty.txt")
