"""Issue 16, every slide meaningful: a group set as run-in headings shows what each says.

The Zhejiang report's review part is made of groups like （一）强化创新驱动发展，…。
提升科技创新质效。完善全口径科技创新投入机制，…。加快人工智能创新发展。人工智能…: one
paragraph holding several run-in headings, each followed by its sentences. The slide
before the group's table showed the headings alone (提升科技创新质效 / 加快人工智能创新
发展 / …), four short phrases that said nothing the table did not; each heading is now
an item whose detail is what the text says under it in words.
"""

from __future__ import annotations

import re

import pytest

from deckgen.speech.slides import run_in_items, run_in_sections
from shared_material import require, shared

from .helpers import slides_of, written_outline

CORPUS = shared("corpus")
ZHEJIANG = "zhejiang-gov-report-2026"


@pytest.fixture(scope="module")
def zhejiang(tmp_path_factory):
    """(source text, outline data) of the Zhejiang report as ``deckgen outline`` writes it."""
    source = require(CORPUS / f"{ZHEJIANG}.txt")
    path, outline = written_outline(source, tmp_path_factory.mktemp("run-in"))
    import yaml

    return source.read_text(encoding="utf-8"), yaml.safe_load(path.read_text(encoding="utf-8"))


def _group_line(text: str, title: str) -> str:
    [line] = [line for line in text.splitlines() if line.startswith("（") and title in line]
    return line


def _said_under(line: str, heading: str, headings: list[str]) -> str:
    """The text of ``line`` between ``heading`` and the heading after it."""
    start = line.index(f"{heading}。") + len(heading) + 1
    following = headings[headings.index(heading) + 1 :]
    end = line.index(f"{following[0]}。", start) if following else len(line)
    return line[start:end]


def test_the_innovation_group_is_items_of_its_run_in_headings(zhejiang):
    text, data = zhejiang
    title = "强化创新驱动发展，创新浙江建设成效明显"
    slides = slides_of(data)
    [slide] = [s for s in slides if s.get("title") == title]
    assert slide["kind"] == "achievements"
    headings = [item["headline"] for item in slide["items"]]
    assert headings == ["提升科技创新质效", "加快人工智能创新发展", "加快高等教育内涵式发展", "充分发挥人才关键作用"]
    line = _group_line(text, title)
    for item in slide["items"]:
        detail = item["detail"]
        said = _said_under(line, item["headline"], headings)
        # Words the text says under that heading, cut at clauses: every piece is in it.
        pieces = [p for p in re.split(r"[，。]", detail) if p]
        assert pieces and all(p in said for p in pieces), (item, said)
        # The figures are the table's; the detail is what the text says in words.
        assert not re.search(r"\d", detail), detail
        assert len(detail) <= 48
    assert slide["items"][0]["detail"].startswith("完善全口径科技创新投入机制")
    assert "阿里千问、DeepSeek等通用模型性能全球领先" in slide["items"][1]["detail"]
    # The figures stay: the group's table follows with them.
    table = slides[slides.index(slide) + 1]
    assert table["kind"] == "metrics" and table["title"] == "强化创新驱动发展：主要指标"
    assert {m["indicator"] for m in table["metrics"]} >= {"科技创新投入", "人工智能核心产业营收"}
    assert "提升科技创新质效。完善全口径科技创新投入机制" in slide["notes"]


def test_every_run_in_group_of_the_review_shows_items_or_keeps_its_points(zhejiang):
    """A group where every heading says something in words gets items; one where a
    heading is told only in figures (切实强化“一老一小”保障: 建成养老服务机构1596个…)
    keeps its points, and no group of the part shows bare headings as items."""
    _, data = zhejiang
    review = data["parts"][0]["slides"]
    items = [s for s in review if s["kind"] == "achievements"]
    assert len(items) >= 6
    for slide in items:
        assert len(slide["items"]) >= 2
        assert all(item.get("detail") for item in slide["items"]), slide["title"]
    [welfare] = [s for s in review if s.get("title") == "持续增进民生福祉，全体人民共同富裕取得新进展"]
    assert welfare["kind"] == "bullets"


def test_a_fact_sentence_or_the_last_sentence_is_no_heading():
    paragraph = (
        "推进制造业强筋壮骨。改造提升传统产业，17个重点传统制造业增加值增长5.3%。"
        "海康威视获我省首个制造业领域中国质量奖。促进服务业优质高效发展。"
        "服务业增加值增长5.8%。设立全国首个省级银发经济产业园。"
    )
    sections = run_in_sections(paragraph)
    assert [heading for heading, _ in sections] == ["推进制造业强筋壮骨", "促进服务业优质高效发展"]
    assert sections[1][1] == ["服务业增加值增长5.8%。", "设立全国首个省级银发经济产业园。"]
    slide = run_in_items("巩固实体经济根基", [paragraph], "notes\n")
    assert slide is not None
    assert [item["detail"] for item in slide["items"]] == [
        "改造提升传统产业。海康威视获我省首个制造业领域中国质量奖",
        "设立全国首个省级银发经济产业园",
    ]


def test_a_heading_told_only_in_figures_keeps_the_points():
    paragraph = "扩大有效投资。完成投资1.5万亿元，增长6.5%。加强要素保障。积极争取超长期特别国债资金支持。"
    assert run_in_items("扩大内需", [paragraph], "notes\n") is None
    # A paragraph that does not open with a heading is not a run of headings.
    assert run_in_sections("全省生产总值增长5.5%。加快人工智能创新发展。人工智能核心产业营收增长20%。") == []
