"""Icons on focus-area cards, part dividers and achievement badges: chosen from the
words, named with ``icon:``, or turned off with ``icon: none``."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.layout.elements import Icon, TextBox
from deckgen.kinds.icons import icon_names
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.outline.spec import ICON_CHOICES
from deckgen.theme.loader import load_theme

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _plan(path: Path):
    theme = load_theme("postal-green-noto")
    deck = load_outline(path).deck
    return plan_deck(deck, theme, Typesetter(theme))


def _outline(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text("title: 图标\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_outline_format_offers_exactly_our_icons():
    assert list(ICON_CHOICES) == ["none", *icon_names()]


def test_the_six_sample_cards_carry_six_different_vector_icons(tmp_path):
    out = tmp_path / "sample.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title is not None and s.shapes.title.text == "2024年六个方面重点工作")
    icons = [sh for sh in slide.shapes if sh.name.startswith("Icon ")]
    assert len(icons) == 6
    assert len({sh.name for sh in icons}) == 6  # siblings avoid repeating a picture
    for shape in icons:
        geometry = shape._element.find(f"{P}spPr/{A}custGeom")
        assert geometry is not None and geometry.findall(f"{A}pathLst/{A}path"), shape.name  # native vector paths
    # 坚持讲政治、强党建 -> flag; 保安全 -> shield; 重法治 -> scales
    names = [sh.name for sh in sorted(icons, key=lambda sh: (sh.top, sh.left))]
    assert names[0] == "Icon flag" and names[2] == "Icon shield" and names[4] == "Icon scales"


def test_icons_can_be_named_or_turned_off(tmp_path):
    path = _outline(tmp_path, """\
        parts:
          - title: 安全生产
            slides:
              - kind: focus-areas
                title: 卡片
                areas:
                  - {title: 党建引领, icon: truck}
                  - {title: 安全生产, icon: none}
                  - 绿色发展
              - kind: achievements
                title: 成效
                icon: none
                items: [党建引领, 安全生产]
              - kind: achievements
                title: 成效二
                items: [{headline: 党建引领, icon: book}, 安全生产]
          - title: 党的建设
            icon: none
            slides: []
        """)
    plan = _plan(path)
    by_title = {s.title: s for s in plan.slides}
    cards = [e.name for e in by_title["卡片"].elements if isinstance(e, Icon)]
    assert cards == ["truck", "leaf"]  # the second card has none
    assert not any(isinstance(e, Icon) for e in by_title["成效"].elements)
    badges = [e for e in by_title["成效"].elements if isinstance(e, TextBox) and e.name.startswith("Badge number")]
    assert [b.paras[0].text for b in badges] == ["1", "2"]
    assert [e.name for e in by_title["成效二"].elements if isinstance(e, Icon)] == ["book", "shield"]
    dividers = [s for s in plan.slides if s.kind == "divider"]
    assert [e.name for e in dividers[0].elements if isinstance(e, Icon)] == ["shield"]  # 安全 -> shield
    assert not any(isinstance(e, Icon) for e in dividers[1].elements)


def test_an_unknown_icon_is_refused_at_its_line_with_a_suggestion(tmp_path):
    path = _outline(tmp_path, """\
        parts:
          - title: 一
            icon: sheild
        """)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "deck.yaml:4:11: error: 'icon' must be one of none, flag, shield" in result.output
    assert "(did you mean 'shield'?)" in result.output


def test_card_grids_take_their_shape_from_the_count(tmp_path):
    path = _outline(tmp_path, """\
        parts:
          - title: 一
            slides:
              - kind: focus-areas
                title: 十个方面
                areas: [党建引领, 快递进村, 普遍服务, 两业融合, 绿色低碳, 安全监管, 权益保障, 放管服改革, 数字化, 人才队伍]
              - kind: focus-areas
                title: 九个方面
                areas: [党建引领, 快递进村, 普遍服务, 两业融合, 绿色低碳, 安全监管, 权益保障, 放管服改革, 数字化]
        """)
    plan = _plan(path)
    from deckgen.layout.elements import Fill

    for title, cols, rows in (("十个方面", 5, 2), ("九个方面", 3, 3)):
        slides = [s for s in plan.slides if s.title.startswith(title)]
        assert len(slides) == 1, title  # one slide: no pagination while the grid fits
        cards = [e.rect for e in slides[0].elements if isinstance(e, Fill) and e.name.startswith("Card ") and e.name[5:].isdigit()]
        assert len({round(r.x) for r in cards}) == cols and len({round(r.y) for r in cards}) == rows, title


def _divider_icons(plan) -> list[list[str]]:
    return [[e.name for e in s.elements if isinstance(e, Icon)] for s in plan.slides if s.kind == "divider"]


def test_every_divider_of_the_sample_has_its_own_icon():
    # Review 2: the first divider (2024年主要工作及“十三五”时期总体回顾) had none while the others had one.
    icons = _divider_icons(_plan(SAMPLE))
    assert all(len(names) == 1 for names in icons), icons
    assert len({names[0] for names in icons}) == len(icons), icons  # no picture twice


def test_dividers_do_not_repeat_an_icon_and_borrow_one_from_their_slides(tmp_path):
    # Review 2: P3 and P6 both showed a flag; G3 (工作回顾) had no icon beside dividers with one.
    path = _outline(tmp_path, """\
        parts:
          - title: 深刻认识新时代党的建设的重大意义
            slides: [{kind: bullets, title: 主要指标, bullets: [一]}]
          - title: 突出重点，全面提升党建工作质量
            slides: [{kind: bullets, title: 重点, bullets: [一]}]
          - title: 2024年工作回顾
            slides: [{kind: bullets, title: 保障和改善民生, bullets: [一]}]
        """)
    icons = _divider_icons(_plan(path))
    assert [len(names) for names in icons] == [1, 1, 1], icons
    assert len({names[0] for names in icons}) == 3, icons
    assert "flag" in {names[0] for names in icons}
    assert icons[2] == ["people"]  # from its slide's 民生


def test_when_one_divider_finds_no_icon_none_shows_one(tmp_path):
    path = _outline(tmp_path, """\
        parts:
          - title: 安全生产
            slides: [{kind: bullets, title: 平安, bullets: [一]}]
          - title: 几点希望
            slides: [{kind: bullets, title: 几点意见, bullets: [一]}]
        """)
    assert _divider_icons(_plan(path)) == [[], []]
