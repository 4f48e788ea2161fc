"""Real reports, third round of issue 16: the party congress report's rhythm.

Fifteen parts of divider, key sentence and list, each list down the page, read as one
part shown fifteen times although no run of slides looks alike. Each corpus document
is derived as ``deckgen outline`` writes it.
"""

from __future__ import annotations

import pytest

from deckgen.speech import derive_outlines
from deckgen.speech.titles import topic_clause
from deckgen.speech.variety import card_short_lists, card_worded_figures, look_alike, vary_parts
from shared_material import require, shared

CORPUS = shared("corpus")
NAMES = ("cpc-20th-congress-report-2022", "gov-report-1998", "guangdong-gov-report-2026", "shanghai-gov-report-2026")


@pytest.fixture(scope="module")
def derived():
    """name -> the outline data ``deckgen outline`` writes for that corpus document."""
    out = {}
    for name in NAMES:
        source = require(CORPUS / f"{name}.txt")
        [data] = derive_outlines(source.read_text(encoding="utf-8"), source.name)
        out[name] = data.data
    return out


def _same_shape(one: dict, other: dict) -> bool:
    a, b = one.get("slides", []), other.get("slides", [])
    return len(a) >= 2 and len(a) == len(b) and all(look_alike(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("name", NAMES)
def test_no_part_looks_like_the_part_before_it(derived, name):
    """Part after part of statement + numbered list (科教兴国, 人民民主, 依法治国, 文化,
    民生, 绿色发展, 国家安全: seven in a row in the party congress report) now
    alternates a numbered list with cards: no two parts in a row look alike, slide for
    slide (parts of two or more slides: a part of one list has no rhythm of its own)."""
    parts = derived[name]["parts"]
    repeats = [(a["title"], b["title"]) for a, b in zip(parts, parts[1:]) if _same_shape(a, b)]
    assert repeats == []


def test_the_congress_reports_lists_alternate_numbered_and_cards(derived):
    parts = derived["cpc-20th-congress-report-2022"]["parts"]
    lists = {p["title"][:6]: s for p in parts for s in p["slides"] if s["kind"] == "achievements"}
    assert lists["加快构建新发"].get("style") is None
    assert lists["实施科教兴国"]["style"] == "cards"
    assert lists["发展全过程人"].get("style") is None
    assert lists["坚持全面依法"]["style"] == "cards"


def test_short_principles_are_cards(derived):
    """必须坚持人民至上, 必须坚持自信自立, ... (six phrases of seven characters) were a
    list down a page three quarters empty; they are six cards."""
    parts = derived["cpc-20th-congress-report-2022"]["parts"]
    [principles] = [s for p in parts for s in p["slides"] if "必须坚持人民至上" in s.get("bullets", [])]
    assert principles["style"] == "cards"
    assert len(principles["bullets"]) == 6


def test_no_overview_title_in_the_congress_report(derived):
    """我们比历史上任何时期都更接近……伟大复兴的目标 was titled …使命任务：概述 — a title that says
    nothing; it is titled by the goal it is about."""
    slides = [s for p in derived["cpc-20th-congress-report-2022"]["parts"] for s in p["slides"]]
    assert [s["title"] for s in slides if s["title"].endswith("概述")] == []
    [goal] = [s for s in slides if s.get("text", "").startswith("我们比历史上任何时期都更接近")]
    assert goal["title"] == "中华民族伟大复兴的目标"


def _part(*slides: dict) -> dict:
    return {"title": "x", "slides": list(slides)}


def _statement() -> dict:
    return {"kind": "statement", "title": "s", "text": "t"}


def _items(count: int) -> dict:
    return {"kind": "achievements", "title": "a", "items": [{"headline": f"h{i}"} for i in range(count)]}


def test_vary_parts_alternates_a_repeated_shape():
    parts = [_part(_statement(), _items(4)) for _ in range(5)]
    vary_parts(parts)
    assert [p["slides"][1].get("style") for p in parts] == [None, "cards", None, "cards", None]


def test_vary_parts_keeps_a_list_too_long_for_cards():
    parts = [_part(_statement(), _items(12)) for _ in range(3)]
    vary_parts(parts)
    assert [p["slides"][1].get("style") for p in parts] == [None, None, None]


def test_long_bullets_stay_a_list():
    long = {"kind": "bullets", "title": "b", "bullets": ["必须坚持人民至上并且全面推进各项工作", "必须坚持自信自立", "必须坚持守正创新"]}
    short = {"kind": "bullets", "title": "c", "bullets": ["必须坚持人民至上", "必须坚持自信自立", "必须坚持守正创新"]}
    parts = [_part(long), _part(short)]
    card_short_lists(parts)
    assert "style" not in parts[0]["slides"][0]
    assert parts[1]["slides"][0]["style"] == "cards"


def _titles(data: dict) -> list[str]:
    return [s["title"] for p in data["parts"] for s in p["slides"]]


@pytest.mark.parametrize("name", NAMES)
def test_no_title_says_overview_or_main_indicators_alone(derived, name):
    """…：概述 and 主要指标 (with nothing or a first figure after it) say nothing of the
    slide: the 1998 report had 主要指标, 主要指标：授予专利权, 主要指标：国务院提出法律草案
    and two 概述."""
    titles = _titles(derived[name])
    assert [t for t in titles if t.endswith("：概述") or t.startswith("主要指标")] == []


def test_the_1998_tables_are_titled_by_what_their_paragraph_says(derived):
    """Each five-year table is titled by the clause its paragraph opens with."""
    titles = _titles(derived["gov-report-1998"])
    for topic in ("对外开放继续扩大", "科技教育文化事业在改革中前进", "社会主义民主和法制建设得到加强", "城乡居民收入显著增加"):
        assert topic in titles


def test_the_1998_opening_statement_says_what_the_five_years_achieved(derived):
    """The opening statement was the sentence cut before its point (……以来的五年，我国各族
    人民在中国共产党领导下，解放思想，开拓进取); it is the point."""
    part = derived["gov-report-1998"]["parts"][0]
    # It opens the part, so it stands under the part's title on its divider.
    assert part["lead"] == "社会主义现代化事业取得了举世瞩目的伟大成就"
    assert "取得了举世瞩目的伟大成就" in part["notes"]


def test_a_call_to_act_is_titled_by_what_it_names(derived):
    """积极促进乡镇企业、特别是中西部地区乡镇企业的发展 was titled 进一步稳定和加强农业：概述."""
    slides = [s for p in derived["gov-report-1998"]["parts"] for s in p["slides"]]
    [call] = [s for s in slides if s.get("text", "").startswith("积极促进乡镇企业")]
    assert call["title"] == "乡镇企业发展"


def test_action_paragraphs_keep_their_tables_title():
    """系统梳理全面优化涉企审批备案服务，…: an action, not what the figures show."""
    slide = {"kind": "metrics", "metrics": [{}], "notes": "系统梳理全面优化涉企审批备案服务，891项省级事项办理时间全部实现全国最优。"}
    assert topic_clause(slide) == ""
    slide["notes"] = "对外开放继续扩大，形成了全方位、多层次、宽领域的开放格局。"
    assert topic_clause(slide) == "对外开放继续扩大"


def test_the_1998_farm_targets_are_cards(derived):
    """粮食总产量稳定在49250万吨, 棉花总产量稳定在400万吨 were a two-row table in the
    middle of an empty slide (check: thin); they are two KPI cards."""
    slides = [s for p in derived["gov-report-1998"]["parts"] for s in p["slides"]]
    [farm] = [s for s in slides if s["kind"] == "metrics" and any(r.get("indicator") == "棉花总产量" for r in s["metrics"])]
    assert farm["style"] == "cards"
    assert [r["value"] for r in farm["metrics"]] == ["稳定在49250万吨", "稳定在400万吨"]


def test_a_long_table_of_worded_figures_stays_a_table():
    rows = [{"indicator": f"指标{i}", "value": "稳定在400万吨"} for i in range(6)]
    parts = [_part({"kind": "metrics", "title": "t", "metrics": rows})]
    card_worded_figures(parts)
    assert "style" not in parts[0]["slides"][0]


def test_the_1998_farm_points_say_what_not_how(derived):
    """今年要继续采取有效措施 and 以市场为导向 were bullets: how, without what."""
    slides = [s for p in derived["gov-report-1998"]["parts"] for s in p["slides"]]
    [farm] = [s for s in slides if s["kind"] == "bullets" and s["title"] == "进一步稳定和加强农业"]
    assert "确保农业再有一个好收成" in farm["bullets"]
    assert "以市场为导向，调整和优化农业结构" in farm["bullets"]
    assert [b for b in farm["bullets"] if b.endswith(("有效措施", "为导向"))] == []


def test_short_phrases_that_do_not_open_alike_stay_a_list():
    """Only principles (必须坚持…) become cards; 世界经济增速放缓, 保护主义加剧, … stay a list."""
    mixed = {"kind": "bullets", "title": "m", "bullets": ["世界经济增速放缓", "保护主义加剧", "外部输入性风险上升"]}
    parts = [_part(mixed)]
    card_short_lists(parts)
    assert "style" not in parts[0]["slides"][0]


def test_no_title_opens_with_a_dash_points_marker():
    """A slide titled by its paragraph's opening clause is titled by the point, not by
    its dash: the Zhejiang report's ——发展质效不断提高，… gave two slides titled
    "——发展质效不断提高"."""
    source = require(CORPUS / "zhejiang-gov-report-2026.txt")
    [data] = derive_outlines(source.read_text(encoding="utf-8"), source.name)
    titles = _titles(data.data)
    assert [t for t in titles if t.startswith(("—", "-"))] == []
    assert "发展质效不断提高" in titles
