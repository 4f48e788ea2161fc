"""No slide of a real report is titled …：概述 or …（二）, nor by its own text again
(issue 16 item 3: titles say what the slide holds).

They came from one cause: a statement whose sentence names no subject (a heading
sentence such as “十四五”发展成就来之不易, a call to act, a run of 稳… phrases) fell
through every way of naming it to the part's title with 概述 or a number.
"""

from __future__ import annotations

import re

import pytest

from deckgen.speech import derive_outlines
from deckgen.speech.sentences import bare, is_setting
from deckgen.speech.titles import _acted_on, _slogan_name
from shared_material import require, shared

CORPUS = shared("corpus")
SEED = shared("seed") / "000_2da22abb2e613673.txt"
NAMES = (
    "cpc-20th-congress-report-2022", "gov-report-1998", "gov-report-2019",
    "guangdong-gov-report-2026", "shanghai-gov-report-2026", "zhejiang-gov-report-2026",
)


@pytest.fixture(scope="module")
def decks() -> dict[str, list[dict]]:
    """name -> the derived outlines' data (the seed holds several speeches)."""
    out = {}
    for name in NAMES:
        source = require(CORPUS / f"{name}.txt")
        out[name] = [d.data for d in derive_outlines(source.read_text(encoding="utf-8"), source.name)]
    seed = require(SEED)
    out["seed"] = [d.data for d in derive_outlines(seed.read_text(encoding="utf-8"), seed.name)]
    return out


def _slides(data: dict) -> list[dict]:
    return [s for p in data["parts"] for s in p.get("slides", [])]


def _titled(decks, name: str) -> dict[str, dict]:
    [data] = decks[name]
    return {s.get("title", ""): s for s in _slides(data)}


def test_no_slide_is_titled_overview_or_by_a_number(decks):
    weak = [
        (name, s["title"])
        for name, outlines in decks.items()
        for data in outlines
        for s in _slides(data)
        if re.search(r"概述$|（[二三四五六七八九十]）$", s.get("title", ""))
    ]
    # Was 5: Zhejiang's …：概述 (twice) and …（二）, the 2019 report's two …：概述.
    assert weak == []


def test_no_statement_is_titled_by_its_own_words(decks):
    """过去一年，中国特色大国外交取得新成就 was titled 2018年工作回顾：中国特色大国外交取得新成就,
    香港顺利回归祖国，继续保持繁荣稳定 ……：香港顺利回归祖国."""
    echoes = []
    for outlines in decks.values():
        for data in outlines:
            for s in _slides(data):
                if s["kind"] != "statement" or "：" not in s.get("title", ""):
                    continue
                named = bare(s["title"].rpartition("：")[2])
                text = bare(s["text"])
                if text.startswith(named) or text.partition("，")[2].startswith(named):
                    echoes.append((s["title"], s["text"]))
    assert echoes == []


def test_a_heading_sentence_titles_the_points_that_follow_it(decks):
    """“十四五”发展成就来之不易。根本在于…，在于…，是…的结果。在此，我代表省人民政府向
    ……表示衷心的感谢！ was a statement titled 2025年主要工作和“十四五”发展成就（二）."""
    zhejiang = _titled(decks, "zhejiang-gov-report-2026")
    slide = zhejiang["“十四五”发展成就来之不易"]
    assert slide["bullets"] == [
        "根本在于以习近平同志为核心的党中央领航掌舵",
        "在于习近平新时代中国特色社会主义思想科学指引",
        "是省委团结带领全省人民攻坚克难、砥砺奋进、埋头苦干的结果",
    ]
    assert "表示衷心的感谢" in slide["notes"]  # the thanks are said, not shown
    # Its paragraph goes on 一是……四是……: a statement, named by what it says the year means.
    assert zhejiang["“十四五”胜利收官"]["text"] == "2025年各项目标任务的圆满完成，标志着“十四五”胜利收官"
    diplomacy = _titled(decks, "gov-report-2019")["中国特色大国外交取得新成就"]
    assert diplomacy["kind"] == "bullets" and "习近平主席等国家领导人出访多国" in diplomacy["bullets"]


def test_a_call_to_act_and_a_run_of_phrases_are_named_by_what_they_say(decks):
    zhejiang = _titled(decks, "zhejiang-gov-report-2026")
    assert zhejiang["为民办实事长效机制"]["text"].startswith("今年我们要坚持和完善为民办实事长效机制")
    # ……继续认真办好十方面民生实事。 then the ten: titled 2026年重点工作：医疗卫生方面 (its first).
    assert [i["headline"] for i in zhejiang["十方面民生实事"]["items"]][:2] == ["医疗卫生方面", "养老帮困方面"]
    assert _titled(decks, "gov-report-2019")["“六稳”"]["text"] == "着力稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"


def test_the_names_of_calls_and_slogans():
    assert _acted_on("今年我们要坚持和完善为民办实事长效机制，突出群众有感") == ["为民办实事长效机制"]
    assert _acted_on("马克思主义是我们立党立国的根本指导思想") == []  # no call to act
    assert _slogan_name("着力稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期") == ["“六稳”"]
    assert _slogan_name("准确识变、科学应变、主动求变") == []  # phrases not led by one character
    assert _slogan_name("推迟开学、灵活复工、错峰出行") == []
    assert is_setting("经过五年接续奋斗") and is_setting("经过全国上下共同努力")
    assert not is_setting("经济运行总体平稳")
