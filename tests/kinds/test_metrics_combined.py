"""Figures a designer would sign: headline figures as cards over a table, figures and
worded targets as cards and a checklist, short tables narrow and centred."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.layout.elements import Table, TextBox
from deckgen.kinds.figure_split import leading_split
from deckgen.layout.frame import Frame
from deckgen.kinds.metrics import TableColumn, decimal_aligned, metrics_form, value_qualifier
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size
from smalldecks import one_part_outline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
VARIANTS = [(theme, size) for theme in ("postal-green", "gov-red") for size in ("16:9", "4:3")]

# The derived government work report's 2024 figures (review item G4) and its 2025
# targets (G12), as `deckgen outline` writes them.
HEADLINE = """\
    - kind: metrics
      title: 2024年主要指标
      metrics:
        - {indicator: 地区生产总值, value: 突破3000, unit: 亿元, change: 增长5.8%}
        - {indicator: 一般公共预算收入, value: 218.6, unit: 亿元, change: 增长4.2%}
        - {indicator: 城镇居民人均可支配收入增长, value: 4.9, unit: '%'}
        - {indicator: 农村居民人均可支配收入增长, value: 6.7, unit: '%'}
        - {indicator: 规模以上工业增加值增长, value: 7.1, unit: '%'}
        - {indicator: 社会消费品零售总额, value: 近1200, unit: 亿元}
        - {indicator: 外贸进出口总额, value: 超过650, unit: 亿元}
    - kind: metrics
      title: 2025年主要预期目标
      metrics:
        - {indicator: 地区生产总值增长, value: 5.5%左右}
        - {indicator: 一般公共预算收入增长, value: 4%}
        - {indicator: 城镇新增就业, value: 7万人以上}
        - {indicator: 城镇调查失业率, value: 5.5%左右}
        - {indicator: 居民消费价格涨幅, value: 3%左右}
        - {indicator: 居民收入增长, value: 和经济增长同步}
        - {indicator: 粮食产量, value: 保持在30亿斤以上}
        - {indicator: 单位地区生产总值能耗降低, value: 2.5%左右}
    """


def _plan(path: Path, theme: str = "postal-green", size: str = "16:9"):
    deck = load_outline(path).deck
    theme_obj = with_slide_size(load_theme(theme), size)
    return deck, theme_obj, plan_deck(deck, theme_obj, Typesetter(theme_obj))


def _group(plan, title: str) -> list:
    return [s for s in plan.slides if s.title in (title, title + "（续）")]


def _named(slides, prefix: str, suffix: str = " text") -> dict[int, TextBox]:
    return {
        int(e.name.split(" ")[1]): e
        for s in slides
        for e in s.elements
        if isinstance(e, TextBox) and e.name.startswith(prefix) and e.name.endswith(suffix)
    }


def _tables(slides) -> list[Table]:
    return [e for s in slides for e in s.elements if isinstance(e, Table)]


@pytest.fixture(scope="module")
def headline(tmp_path_factory) -> Path:
    return one_part_outline(tmp_path_factory.mktemp("headline"), HEADLINE, title="政府工作报告")


@pytest.mark.parametrize("theme,size", VARIANTS)
def test_seven_headline_figures_lead_as_cards_over_a_table_of_the_rest(headline, theme, size):
    deck, theme_obj, plan = _plan(headline, theme, size)
    slide = deck.parts[0].slides[0]
    assert metrics_form(slide) == "cards+table"
    group = _group(plan, "2024年主要指标")
    cards = _named(group, "KPI ")
    # The two figures with a change lead; more short figures fill the row (3 on
    # 16:9, where 突破3000 亿元 is too wide for four; at least 2 on 4:3).
    assert {1, 2} <= set(cards) and len(cards) >= 2
    assert sorted(cards) == list(range(1, len(cards) + 1))
    assert cards[1].paras[0].text == "地区生产总值" and cards[1].paras[-1].text.endswith("增长5.8%")
    rows = [[c.paras[0].text for c in row] for t in _tables(group) for row in t.rows[1:]]
    assert [r[0] for r in rows] == [m.indicator for m in slide.metrics[len(cards):]]
    if size == "16:9":
        # One slide: the cards in one row at the top, the table under them.
        assert len(group) == 1 and len(cards) == 3
        tops = {round(e.rect.y) for e in cards.values()}
        assert len(tops) == 1
        table = _tables(group)[0]
        assert table.rect.y > max(e.rect.bottom for e in cards.values())
        assert table.rect.bottom <= Frame.for_theme(theme_obj).body.bottom + 0.5


def test_a_card_value_sets_its_leading_words_small_before_the_figure(headline):
    _, _, plan = _plan(headline)
    card = _named(_group(plan, "2024年主要指标"), "KPI ")[1]
    value = next(p for p in card.paras if p.size_pt >= 44)
    qualifier, figure = value.runs[0], value.runs[1]
    assert (qualifier.text, figure.text) == ("突破", "3000")
    assert qualifier.size_pt is not None and qualifier.size_pt < value.size_pt and figure.size_pt is None
    assert value_qualifier("近X") == ("近", "X") and value_qualifier("41.6") == ("", "41.6")


def test_leading_figures_are_those_with_a_change_then_the_first_ones():
    deck = load_outline(SAMPLE).deck
    targets = next(s for p in deck.parts for s in p.slides if s.title == "2024年主要预期目标")
    # Figures with a change are 1–4; a worded target (持续提高) is never a card.
    assert leading_split(targets.metrics, limit=4) == ([0, 1, 2, 3], [4, 5, 6, 7, 8, 9])


@pytest.mark.parametrize("theme,size", VARIANTS)
def test_a_two_column_target_list_is_a_narrow_centred_table(headline, theme, size):
    _, theme_obj, plan = _plan(headline, theme, size)
    body = Frame.for_theme(theme_obj).body
    (table,) = _tables(_group(plan, "2025年主要预期目标"))
    assert [c.paras[0].text for c in table.rows[0]] == ["指标", "数值"]
    assert sum(table.col_widths) == pytest.approx(table.rect.w)
    # Centred in the body, never narrower than 60 % of it.
    assert table.rect.x - body.x == pytest.approx(body.right - table.rect.right, abs=0.5)
    assert table.rect.w >= 0.6 * body.w - 0.5
    if size == "16:9":
        # Each value near its label: not 900 px (about 650 pt) away as at full width.
        assert table.rect.w <= 0.7 * body.w


def test_figures_followed_by_words_stay_right_aligned_off_the_decimal_stop():
    assert not decimal_aligned(TableColumn("数值", ["5.5%左右", "4%", "7万人以上", "2.5%左右"], "right", "figure"))
    assert decimal_aligned(TableColumn("数值", ["3.5", "12.25", "100%"], "right", "figure"))


@pytest.mark.parametrize("theme,size", VARIANTS)
def test_figures_mixed_with_worded_targets_are_cards_and_a_checklist(theme, size):
    deck, theme_obj, plan = _plan(SAMPLE, theme, size)
    slide = next(s for p in deck.parts for s in p.slides if s.title == "2024年主要预期目标")
    assert metrics_form(slide) == "cards+checklist"
    group = _group(plan, "2024年主要预期目标")
    cards, entries = _named(group, "KPI "), _named(group, "Target ")
    assert sorted(cards) == [1, 2, 3, 4]
    assert sorted(entries) == [5, 6, 7, 8, 9, 10]
    assert not _tables(group), "no table with empty cells"
    # Each target reads as one line of text, its goal in bold.
    entry = entries[6]
    assert entry.paras[0].text == "快递包装绿色转型取得积极成效"
    assert entry.paras[0].runs[-1].bold and not entry.paras[0].runs[0].bold
    ticks = _named(group, "Target ", " mark")
    assert sorted(ticks) == sorted(entries) and all(t.paras[0].text == "✓" for t in ticks.values())
    if size == "16:9":
        # A strip of four cards with the checklist under it, on one slide.
        assert len(group) == 1
        assert len({round(e.rect.y) for e in cards.values()}) == 1
        assert min(e.rect.y for e in entries.values()) > max(e.rect.bottom for e in cards.values())
    else:
        assert len(group) <= 2


def test_a_combined_style_can_be_asked_for_and_table_brings_the_table_back(tmp_path):
    path = one_part_outline(tmp_path, """\
        - kind: metrics
          title: 目标
          style: table
          metrics:
            - {indicator: 快递业务量, value: X, unit: 亿件, change: 增长X%}
            - {indicator: 快递业务收入, value: X, unit: 亿元, change: 增长X%}
            - {indicator: 服务质量, value: 持续提高}
            - {indicator: 绿色转型, value: 取得积极成效}
        - kind: metrics
          title: 五项
          style: cards+table
          metrics:
            - {indicator: 快递业务量, value: "21530", unit: 万件, change: 增长8%}
            - {indicator: 快递业务收入, value: "12.35", unit: 亿元}
            - {indicator: 邮政业务总量, value: "41.6", unit: 亿元}
            - {indicator: 函件业务量, value: "356.8", unit: 万件}
            - {indicator: 包裹业务量, value: "88", unit: 万件}
        """)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    deck, _, plan = _plan(path)
    assert [metrics_form(s) for s in deck.parts[0].slides] == ["table", "cards+table"]
    assert _tables(_group(plan, "目标")) and not _named(_group(plan, "目标"), "KPI ")
    five = _group(plan, "五项")
    cards = sorted(_named(five, "KPI "))
    assert cards in ([1, 2, 3, 4], [1, 2, 3])  # four where 21530 万件 fits a quarter of the row
    names = ["快递业务量", "快递业务收入", "邮政业务总量", "函件业务量", "包裹业务量"]
    assert [row[0].paras[0].text for t in _tables(five) for row in t.rows[1:]] == names[len(cards):]


def test_check_says_why_cards_and_their_table_stand_on_two_slides():
    result = CliRunner().invoke(cli, ["check", str(ROOT / "tests" / "stress" / "figures.yaml")])
    assert "the KPI cards and the table do not fit one slide together: the table follows; continued on 2 slides" in result.output
    assert "the KPI cards and the checklist do not fit one slide together" in result.output
