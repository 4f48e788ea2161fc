"""Real reports at 16:9 and 4:3, fourth round of issue 16: what the coordinator still saw.

Each corpus document is derived as ``deckgen outline`` writes it and laid out as
``deckgen build`` does (its own theme); positions are the plan's, in points.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout.elements import Table, TextBox
from deckgen.layout.frame import Frame
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import template_for_outline
from deckgen.theme.resolve import resolve_theme
from shared_material import require, shared

from .helpers import written_outline

CORPUS = shared("corpus")
NAMES = ("zhejiang-gov-report-2026", "shanghai-gov-report-2026", "gov-report-1998")


@pytest.fixture(scope="module")
def outlines(tmp_path_factory):
    """name -> outline as ``deckgen outline`` writes it."""
    folder = tmp_path_factory.mktemp("corpus-round-four")
    out = {}
    for name in NAMES:
        out[name] = written_outline(require(CORPUS / f"{name}.txt"), folder)[1]
    return out


def _plan(outline, size: str):
    return plan_deck(outline.deck, resolve_theme(outline, None, size))


def _body(plan, slide):
    return Frame.for_layout(plan.base, slide.layout).body


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_table_split_over_two_slides_fills_both_alike(outlines, size):
    """发展质效不断提高 (twelve indicators: 年均增长 5.9% … 死亡人数下降 31.3%) is two
    pages of six rows. They were 20 pt rows at the top of the body with a third of each
    slide empty below; now both pages are set larger than a long table's text, their
    rows spread over the body, the header at the same height on both."""
    outline = outlines["zhejiang-gov-report-2026"]
    theme = resolve_theme(outline, None, size)
    plan = _plan(outline, size)
    pages = [s for s in plan.slides if s.title.removesuffix("（续）") == "发展质效不断提高"]
    assert len(pages) == 2
    tables = [next(e for e in page.elements if isinstance(e, Table)) for page in pages]
    assert [len(t.rows) - 1 for t in tables] == [6, 6]
    for page, table in zip(pages, tables):
        body = _body(plan, page)
        sizes = {p.size_pt for row in table.rows for cell in row for p in cell.paras}
        assert min(sizes) > theme.size("table").max_pt
        assert body.bottom - table.rect.bottom < 0.1 * body.h  # no band of empty body below
        assert abs(table.rect.y + table.rect.h / 2 - (body.y + body.h / 2)) < 0.1 * body.h
    assert tables[0].rect.y == tables[1].rect.y
    assert tables[0].row_heights[:2] == tables[1].row_heights[:2]


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_table_that_fits_one_slide_only_in_small_type_is_continued_instead(outlines, size):
    """持续增进民生福祉 has eleven indicators (城镇新增就业 … 新增养老机构床位): one slide
    held them only at 14 pt, below the body text's smallest size, and 加快城乡区域一体融合发展
    ten at 16 pt. Continuation slides, not small type: two pages each, set as large
    as the body text."""
    outline = outlines["zhejiang-gov-report-2026"]
    theme = resolve_theme(outline, None, size)
    plan = _plan(outline, size)
    for title, rows in (("持续增进民生福祉：主要指标", 11), ("加快城乡区域一体融合发展：主要指标", 10)):
        pages = [s for s in plan.slides if s.title.removesuffix("（续）") == title]
        tables = [next(e for e in page.elements if isinstance(e, Table)) for page in pages]
        assert len(tables) == 2, title
        assert sum(len(t.rows) - 1 for t in tables) == rows
        sizes = {p.size_pt for t in tables for row in t.rows for cell in row for p in cell.paras}
        assert min(sizes) >= theme.size("body").min_pt, (title, sizes)


def _kpi_texts(slide) -> list[str]:
    return [
        "".join(run.text for para in e.paras for run in para.runs)
        for e in slide.elements
        if isinstance(e, TextBox) and e.name.startswith("KPI ") and e.name.endswith(" text")
    ]


def test_a_wide_figure_keeps_its_card_at_4_3(outlines):
    """“十四五”时期主要指标 holds five figures, one of them 超过1000 亿美元, too wide
    for a 4:3 card beside its unit even at the smallest card value size: the five
    figures were a table. Now they stay five cards, 超过1000 whole on the value line,
    亿美元 under it, every value larger than a table's figures."""
    outline = outlines["shanghai-gov-report-2026"]
    theme = resolve_theme(outline, None, "4:3")
    plan = _plan(outline, "4:3")
    [slide] = [s for s in plan.slides if s.title == "“十四五”时期主要指标"]
    assert not [e for e in slide.elements if isinstance(e, Table)]
    texts = _kpi_texts(slide)
    assert len(texts) == 6  # five, and 年均新增就业岗位61.4万个, once the income card's change
    [card] = [e for e in slide.elements if isinstance(e, TextBox) and "实际使用外资" in "".join(r.text for p in e.paras for r in p.runs)]
    lines = ["".join(r.text for r in p.runs).strip() for p in card.paras]
    assert lines[:3] == ["实际使用外资", "超过1000", "亿美元"]
    value = card.paras[1]
    assert max(r.size_pt or value.size_pt for r in value.runs) > theme.size("table").max_pt
    # Cards in two rows, within the body.
    body = _body(plan, slide)
    accents = [e for e in slide.elements if getattr(e, "name", "").endswith(" accent")]
    assert len({round(e.rect.y) for e in accents}) == 2
    assert all(body.x - 0.5 <= e.rect.x and e.rect.right <= body.right + 0.5 for e in accents)


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_the_1998_key_sentence_breaks_into_balanced_lines(outlines, size):
    """1998年是全面贯彻中国共产党第十五次全国代表大会精神的第一年 (the key sentence of the
    report's second part, set large on its own) read 1998年是 / 全面贯彻…第一年: a
    five-character first line over a long one; as the divider's lead it broke
    …第十五次全国 / 代表大会…. Its lines are now of like length, none breaking
    第十五次, 中国共产党 or 全国代表大会."""
    sentence = "1998年是全面贯彻中国共产党第十五次全国代表大会精神的第一年"
    plan = _plan(outlines["gov-report-1998"], size)
    shown = [
        para.text.split("\n")
        for slide in plan.slides
        for e in slide.elements
        if isinstance(e, TextBox)
        for para in e.paras
        if para.text.replace("\n", "") == sentence
    ]
    assert shown, "the sentence is on no slide"
    for lines in shown:
        assert len(lines) >= 2
        assert lines[0] != "1998年是"
        assert min(len(line) for line in lines) >= 0.5 * sum(len(line) for line in lines) / len(lines), lines
        for term in ("第十五次", "中国共产党", "全国代表大会"):
            assert any(term in line for line in lines), (term, lines)


def test_the_sample_deck_on_the_thu_template_at_4_3_has_no_run_of_look_alike_slides():
    """On the thu template at 4:3 the body holds two or three items a slide, so three
    achievement lists in a row took six slides and three focus areas five: ``check``
    found two runs. The sample now shows one list of each run as cards, and five
    cards go three and two over two slides (they went 2 + 2 + 1)."""
    from deckgen.lint import check_outline

    template = require(shared("templates") / "thu-v1-dark-4x3.pptx")
    sample = Path(__file__).resolve().parents[2] / "decks" / "postal-2024.yaml"
    issues = check_outline(sample, slide_size="4:3", template=template)
    assert [i.message for i in issues if i.kind == "repeated-layout"] == []
    outline = load_outline(sample)
    theme = template_for_outline(resolve_theme(outline, None, "4:3"), outline, template)
    plan = plan_deck(outline.deck, theme)
    pages = [s for s in plan.slides if s.title.removesuffix("（续）") == "强化市场监管，转型升级步伐逐步加快"]
    cards = [len([e for e in page.elements if getattr(e, "name", "").endswith(" accent") and e.name.startswith("Card ")]) for page in pages]
    assert cards == [3, 2]


def test_short_changes_stay_on_one_line_at_4_3(outlines):
    """Shanghai's 2025年主要成绩 at 4:3 broke 增长5.4% over two lines in a narrow 同比
    column beside a wide indicator column; a short change now keeps its line, as a
    figure does, and the indicator wraps instead."""
    plan = _plan(outlines["shanghai-gov-report-2026"], "4:3")
    pages = [s for s in plan.slides if s.title.removesuffix("（续）") == "2025年主要成绩"]
    changes = []
    for page in pages:
        [table] = [e for e in page.elements if isinstance(e, Table)]
        header = ["".join(p.text for p in cell.paras) for cell in table.rows[0]]
        column = header.index("同比")
        changes += ["\n".join(p.text for p in row[column].paras) for row in table.rows[1:]]
    filled = [c for c in changes if c.strip()]
    assert len(filled) >= 3
    assert all("\n" not in c for c in filled), filled
