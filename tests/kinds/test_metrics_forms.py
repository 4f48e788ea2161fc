"""Metrics slides: KPI cards for a few headline figures, tables for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

from deckgen.cli import cli
from deckgen.layout.elements import Table, TextBox
from deckgen.kinds.metrics import change_direction, metrics_form
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from smalldecks import one_part_outline
from deckgen.theme.loader import load_theme, with_slide_size

ROOT = Path(__file__).resolve().parents[2]
STRESS = ROOT / "tests" / "stress" / "figures.yaml"
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _outline(tmp_path: Path, slides: str) -> Path:
    return one_part_outline(tmp_path, slides, title="指标")


def _slides(path: Path, theme: str = "postal-green-noto", size: str = "16:9"):
    deck = load_outline(path).deck
    theme_obj = with_slide_size(load_theme(theme), size)
    return deck, plan_deck(deck, theme_obj, Typesetter(theme_obj))


def _by_title(plan, title: str) -> list:
    return [s for s in plan.slides if s.title.startswith(title)]


def test_a_few_short_figures_are_cards_many_or_long_ones_a_table():
    deck = load_outline(STRESS).deck
    forms = {s.title: metrics_form(s) for p in deck.parts for s in p.slides}
    assert forms["全年业务总量"] == "cards"
    assert forms["2024年六项主要指标"] == "cards"  # six short figures
    assert forms["“十三五”时期主要指标（2020—2024年）"] == "table"  # several figure columns
    assert forms["2024年目标与完成情况"] == "table"  # style: table
    sample = load_outline(SAMPLE).deck
    sample_forms = {s.title: metrics_form(s) for p in sample.parts for s in p.slides if s.kind == "metrics"}
    assert sample_forms["2024年主要指标"] == "cards"
    assert sample_forms["“十三五”末行业规模与服务水平"] == "table"  # eight rows
    assert sample_forms["2024年主要预期目标"] == "cards+checklist"  # four figures and phrases such as 持续提高


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_kpi_values_are_display_size_with_the_unit_smaller_on_the_same_line(size):
    deck, plan = _slides(STRESS, size=size)
    slide = _by_title(plan, "三项核心指标")[0]
    cards = [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("KPI ")]
    assert len(cards) == 3
    for card in cards:
        value = next(p for p in card.paras if p.size_pt >= 44)
        assert 44 <= value.size_pt <= 60 and value.runs[0].bold
        unit = value.runs[-1]
        assert unit.size_pt is not None and 18 <= unit.size_pt < value.size_pt
    # Every card on a slide shows its value at one size.
    assert len({next(p.size_pt for p in c.paras if p.size_pt >= 44) for c in cards}) == 1


def test_change_arrows_point_and_are_coloured_by_direction():
    assert change_direction("同比增长18.2%") == 1
    assert change_direction("较上年提高X个百分点") == 1
    assert change_direction("下降3.1%") == -1
    assert change_direction("减少12.4%") == -1
    assert change_direction("基本持平") == 0
    _, plan = _slides(STRESS)
    slide = _by_title(plan, "三项核心指标")[0]
    cards = {e.name: e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("KPI ")}
    rise, fall, flat = (cards[f"KPI {n} text"].paras[-1] for n in (1, 2, 3))
    assert rise.runs[0].text.startswith("↑") and fall.runs[0].text.startswith("↓")
    assert rise.runs[0].color != fall.runs[0].color
    assert "↑" not in flat.text and "↓" not in flat.text
    # 同比 leads a change that does not say what it compares with.
    assert fall.text.endswith("同比下降3.1%")


def test_a_five_year_table_right_aligns_its_figures_and_never_breaks_a_number():
    for theme in ("postal-green", "gov-red"):
        for size in ("16:9", "4:3"):
            deck, plan = _slides(STRESS, theme, size)
            ts = Typesetter(with_slide_size(load_theme(theme), size))
            table = next(e for s in _by_title(plan, "“十三五”时期主要指标") for e in s.elements if isinstance(e, Table))
            header = [c.paras[0].text for c in table.rows[0]]
            assert header == ["指标", "2020年", "2021年", "2022年", "2023年", "2024年", "单位", "同比"]
            assert len(header) >= 5
            for row in table.rows[1:]:
                for cell, width, title in zip(row, table.col_widths, header):
                    if title.endswith("年") and cell.paras[0].text:
                        assert cell.paras[0].align == "right"
                        inner = width - table.insets.left - table.insets.right
                        lines = ts.lines(cell.paras[0].text, inner, cell.paras[0].size_pt, cell.paras[0].runs[0].bold)
                        assert len(lines) == 1, f"{theme} {size}: {cell.paras[0].text} broken: {lines}"


def test_empty_columns_are_dropped(tmp_path):
    path = _outline(tmp_path, """\
        - kind: metrics
          title: 没有单位
          style: table
          headers: [项目, 数量, 单位, 说明]
          metrics:
            - {indicator: 出台政策文件, value: 近X, change: 已颁布}
            - {indicator: 开展专项检查, value: 36}
        """)
    _, plan = _slides(path)
    table = next(e for s in _by_title(plan, "没有单位") for e in s.elements if isinstance(e, Table))
    assert [c.paras[0].text for c in table.rows[0]] == ["项目", "数量", "说明"]


def test_cards_that_cannot_fit_become_a_table_and_check_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(STRESS)])
    assert "the figures do not fit as cards" in result.output
    _, plan = _slides(STRESS)
    assert any(isinstance(e, Table) for s in _by_title(plan, "长数值不宜做卡片") for e in s.elements)


def test_values_and_columns_that_disagree_are_reported_at_their_line(tmp_path):
    path = _outline(tmp_path, """\
        - kind: metrics
          title: 年度
          columns: [2023年, 2024年]
          metrics:
            - {indicator: 快递业务量, values: [1, 2, 3]}
            - {indicator: 快递业务收入, values: [X]}
        """)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert ":9:" in result.output and "3 values for 2 columns" in result.output
    assert ":10:" in result.output and "1 values for 2 columns" in result.output


def test_bad_style_and_a_metric_without_figures_are_refused_at_their_line(tmp_path):
    path = _outline(tmp_path, """\
        - kind: metrics
          title: 指标
          style: kards
          metrics:
            - indicator: 快递业务量
        """)
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out.pptx")])
    assert result.exit_code == 1
    assert "deck.yaml:7:16: 'style' must be one of auto, cards, table, chart, cards+table, cards+checklist, not 'kards' (did you mean 'cards'?)" in result.output
    assert "deck.yaml:9:13: this metric needs 'value' or 'values'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.pptx").exists()


def test_the_sample_deck_shows_the_2024_figures_as_cards(tmp_path):
    out = tmp_path / "sample.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title is not None and s.shapes.title.text == "2024年主要指标")
    cards = [sh for sh in slide.shapes if sh.name.startswith("KPI ") and sh.name.endswith(" text")]
    assert [c.text_frame.paragraphs[0].text for c in cards] == ["邮政业务总量", "邮政业务收入", "快递业务量", "快递业务收入"]
    for card in cards:
        value = next(p for p in card.text_frame.paragraphs if p.runs and p.runs[0].font.size and p.runs[0].font.size.pt >= 44)
        assert value.alignment == PP_ALIGN.CENTER
        assert value.runs[-1].font.size.pt < value.runs[0].font.size.pt  # the unit, smaller
    assert not any(sh.has_table for sh in slide.shapes)


ROW_OF_CARDS = """\
    - kind: metrics
      title: 党建工作主要数据
      metrics:
        - {indicator: 基层党组织, value: '128', unit: 个, change: 增长5%}
        - {indicator: 党员人数, value: '2350', unit: 人, change: 增长3%}
        - {indicator: 新发展党员中一线职工和青年骨干, value: '46', unit: 人}
    """


def _value_tops(ts: Typesetter, cards: list[TextBox]) -> list[float]:
    """Where each card's value line starts: the box top, its inset and the label
    lines above the value as the card is set."""
    tops = []
    for card in cards:
        y = card.rect.y + card.insets.top
        inner = card.rect.w - card.insets.left - card.insets.right
        for para in card.paras:
            y += para.space_before_pt
            if para.size_pt >= 44:
                break
            y += len(ts.lines(para.text, inner, para.size_pt, para.bold)) * para.line_pitch_pt
        tops.append(y)
    return tops


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_values_in_a_row_of_cards_share_one_line_whatever_their_labels_and_changes(tmp_path, size):
    # P4: the third label wraps and has no 同比 line; its 46 sat lower than 128 and 2350.
    theme = with_slide_size(load_theme("postal-green-noto"), size)
    ts = Typesetter(theme)
    _, plan = _slides(_outline(tmp_path, ROW_OF_CARDS), size=size)
    slide = _by_title(plan, "党建工作主要数据")[0]
    cards = [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("KPI ")]
    assert len(cards) == 3
    labels = [ts.lines(c.paras[0].text, c.rect.w - c.insets.left - c.insets.right, c.paras[0].size_pt, True) for c in cards]
    assert len(labels[2]) > len(labels[0])  # the case: one label wraps, the others do not
    rows: dict[float, list[TextBox]] = {}
    for card in cards:
        rows.setdefault(round(card.rect.y, 1), []).append(card)
    for row in rows.values():
        tops = _value_tops(ts, row)
        assert max(tops) - min(tops) < 0.5, tops
