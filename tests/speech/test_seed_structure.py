"""The five seed speeches: parts, groups, items and dash points match the speech one for one.

Each expectation is counted straight from the raw text with simple regexes, so the
tests do not lean on the library's own marker reading.
"""

from __future__ import annotations

import re

import pytest

from .helpers import all_notes, headlines_of, slides_of

CN = "[一二三四五六七八九十]+"


def raw_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def expected_parts(text: str) -> list[str]:
    return [m.group(1) for line in raw_lines(text) if (m := re.match(rf"^{CN}、(.+)$", line))]


def expected_groups(text: str) -> list[str]:
    return [m.group(1) for line in raw_lines(text) if (m := re.match(rf"^（{CN}）(.+)$", line))]


def expected_items(text: str) -> list[str]:
    """Item headlines: the text after 一是/一是要/一要, up to the first 。."""
    found = []
    for line in raw_lines(text):
        m = re.match(rf"^{CN}(?:是要|是|要)(.+?)。", line)
        if m:
            found.append(m.group(1))
    return found


def expected_dash_points(text: str) -> list[str]:
    return [m.group(1) for line in raw_lines(text) if (m := re.match(r"^——(.+?)。", line))]


def test_the_seed_gives_five_outlines_in_order(seed_outlines, seed_speeches):
    assert len(seed_speeches) == 5
    assert len(seed_outlines) == 5
    assert [o.slug[:3] for o in seed_outlines] == ["01-", "02-", "03-", "04-", "05-"]
    assert seed_outlines[0].title == "在2024年全市邮政工作会议上的讲话"
    assert seed_outlines[1].title == "在全县邮政工作会议上的讲话"


@pytest.mark.parametrize("index", range(5))
def test_items_match_the_speech_one_for_one(seed_outlines, seed_speeches, index):
    expected = expected_items(seed_speeches[index])
    assert expected, "every seed speech has items"
    assert headlines_of(seed_outlines[index].data) == expected


@pytest.mark.parametrize("index", range(5))
def test_headlines_have_no_markers(seed_outlines, index):
    for headline in headlines_of(seed_outlines[index].data):
        assert not re.match(rf"^(?:{CN}(?:是|要)|第{CN}|（{CN}）|——)", headline), headline


def test_main_speech_parts_match(seed_outlines, seed_speeches):
    data = seed_outlines[0].data
    assert [p["title"] for p in data["parts"]] == expected_parts(seed_speeches[0])
    assert len(data["parts"]) == 3


def test_main_speech_groups_become_achievements_and_focus_areas_in_order(seed_outlines, seed_speeches):
    titles = [s["title"] for s in slides_of(seed_outlines[0].data) if s["kind"] in ("achievements", "focus-area")]
    groups = expected_groups(seed_speeches[0])
    assert len(groups) == 11
    assert titles == groups


def test_main_speech_review_groups_are_achievements(seed_outlines):
    review = seed_outlines[0].data["parts"][0]["slides"]
    achievements = [s for s in review if s["kind"] == "achievements"]
    assert [len(s["items"]) for s in achievements] == [4, 5, 5, 5, 4]
    first = achievements[0]["items"][0]
    assert first["headline"] == "深化思想认识，做到“两个维护”"
    assert first["detail"].startswith("牢固树立抓好党建是最大政绩的思想")
    # Details stay one line-ish and end at a clause boundary, not mid-word.
    details = [item["detail"] for s in achievements for item in s["items"]]
    assert all(len(d) <= 48 for d in details)
    assert "坚持不懈抓好理论武装" in details[1] and not details[1].endswith("《")


def test_dash_points_become_one_bullets_slide(seed_outlines, seed_speeches):
    points = expected_dash_points(seed_speeches[0])
    assert len(points) == 4
    review = seed_outlines[0].data["parts"][0]["slides"]
    bullets = [s for s in review if s["kind"] == "bullets"]
    assert len(bullets) == 1
    assert bullets[0]["title"] == "五年来的成就"
    assert len(bullets[0]["bullets"]) == len(points)
    for bullet, point in zip(bullets[0]["bullets"], points):
        assert point.endswith(bullet) and not bullet.startswith("——")
    assert bullets[0]["bullets"][0] == "行业在经济社会发展中的地位和作用日益凸显"


def test_part_of_plain_paragraphs_keeps_its_substance(seed_outlines):
    """Part 二 (the situation, the requirements) is bullets of its paragraphs, its key
    line, and the problems it names on their own slide (issue 10)."""
    second = seed_outlines[0].data["parts"][1]
    assert [s["kind"] for s in second["slides"]] == ["bullets", "statement", "bullets"]
    bullets, statement, problems = second["slides"]
    assert len(bullets["bullets"]) == 4  # one per paragraph
    assert bullets["bullets"][2] == "新阶段开启新征程"
    assert statement["text"] == "准确识变、科学应变、主动求变"
    assert statement["text"] in statement["notes"]
    assert problems["title"] == "问题和挑战"
    assert problems["bullets"][:2] == ["全市邮政快递业发展不平衡不充分矛盾仍较突出", "快递小哥合法权益保障仍存在短板"]
    # Each paragraph is read once: on the bullets slide, or on the problems slide it feeds.
    notes = bullets["notes"] + problems["notes"]
    assert notes.count("\n") == 4 and problems["notes"] not in bullets["notes"]


def test_focus_areas_grid_of_six(seed_outlines, seed_speeches):
    slides = seed_outlines[0].data["parts"][2]["slides"]
    grid = [s for s in slides if s["kind"] == "focus-areas"]
    assert len(grid) == 1
    assert grid[0]["title"] == "2024年六个方面重点工作"
    areas = grid[0]["areas"]
    assert len(areas) == 6
    assert areas[0] == {"title": "坚持讲政治、强党建、严执纪", "summary": "压紧压实全面从严治党责任链条"}
    details = [s for s in slides if s["kind"] == "focus-area"]
    assert [s["number"] for s in details] == [1, 2, 3, 4, 5, 6]
    assert [s["title"] for s in details] == expected_groups(seed_speeches[0])[5:]
    # The grid comes right before its detail slides.
    kinds = [s["kind"] for s in slides]
    assert kinds[kinds.index("focus-areas") + 1 :] == ["focus-area"] * 6


def test_main_speech_closing_slogan(seed_outlines):
    closing = seed_outlines[0].data["closing"]
    assert closing["title"] == "征途漫漫，惟有奋斗"
    assert closing["text"].startswith("让我们")
    assert closing["notes"].startswith("同志们，“征途漫漫，惟有奋斗”")


def test_opening_is_title_slide_notes(seed_outlines):
    data = seed_outlines[0].data
    assert data["notes"].startswith("同志们：\n这次会议的主要任务是")
    assert data["subtitle"] == "2024年全市邮政工作会议"


@pytest.mark.parametrize("index", [1, 2, 3, 4])
def test_speeches_without_parts_still_give_a_deck(seed_outlines, index):
    data = seed_outlines[index].data
    assert len(data["parts"]) == 1
    kinds = [s["kind"] for s in data["parts"][0]["slides"]]
    assert "achievements" in kinds
    assert data["closing"]["title"]


def test_part_title_comes_from_the_announcement(seed_outlines):
    assert seed_outlines[1].data["parts"][0]["title"] == "几点希望"  # 我提几点希望
    assert seed_outlines[4].data["parts"][0]["title"] == "四点意见"  # 我讲四点意见


def test_farewell_is_closing_not_an_item(seed_outlines):
    data = seed_outlines[4].data
    assert "最后，预祝大会圆满成功" in data["closing"]["notes"]
    assert data["closing"]["notes"].rstrip().endswith("谢谢大家！")
    assert data["closing"]["title"] == "新春伊始，万象更新"
    assert not any(h.startswith("预祝") for h in headlines_of(data))


def test_header_and_title_line_make_one_speech(seed_outlines):
    # Speech 4 has both a 第四篇 header and a title line: one outline, with content.
    fourth = seed_outlines[3]
    assert len(headlines_of(fourth.data)) == 3
    assert any("repeats speech 3" in w for w in fourth.warnings)
    assert not any("repeats" in w for o in seed_outlines[:3] for w in o.warnings)


def test_lines_broken_mid_sentence_are_joined(seed_outlines):
    # 第四篇 breaks "…企业的劳" / "动生产率…" across lines; 第二篇 "…地方一般预算收" / "入达到…".
    assert "企业的劳动生产率和职工年收益" in all_notes(seed_outlines[3].data)
    assert "地方一般预算收入达到12.2亿元" in all_notes(seed_outlines[1].data)
    # 第五篇 breaks its first item: the joined paragraph is one item, with its figures.
    assert "xx市委坚持以科学发展观" in all_notes(seed_outlines[4].data)


@pytest.mark.parametrize("index", range(5))
def test_every_slide_carries_the_speech_as_notes(seed_outlines, index):
    data = seed_outlines[index].data
    for slide in slides_of(data):
        assert slide.get("notes", "").strip(), slide
    notes = all_notes(data)
    for headline in headlines_of(data):
        assert headline in notes


@pytest.mark.parametrize("index", range(5))
def test_every_paragraph_of_the_speech_is_somewhere_in_the_notes(seed_outlines, seed_speeches, index):
    notes = all_notes(seed_outlines[index].data).replace("\n", "")
    for line in raw_lines(seed_speeches[index]):
        if re.search(r"在.+上的讲话$", line):
            continue  # title lines are the title, not notes
        assert line.replace(" ", "") in notes.replace(" ", ""), line[:30]
