"""Statements set as display text beside their bar, and the keywords kind."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.layout.elements import Fill, TextBox
from deckgen.layout.kinds import DISPLAY_LINES
from deckgen.layout.plan import plan_deck
from deckgen.layout.typeset import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _plan(path: Path, size: str = "16:9"):
    theme = with_slide_size(load_theme("postal-green-noto"), size)
    ts = Typesetter(theme)
    return plan_deck(load_outline(path).deck, theme, ts), ts


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_statement_text_lines_up_with_its_bar_and_the_block_is_centred(size):
    plan, _ = _plan(SAMPLE, size)
    statements = [s for s in plan.slides if any(isinstance(e, TextBox) and e.name == "Statement" for e in s.elements)]
    assert statements
    for slide in statements:
        bar = next(e for e in slide.elements if isinstance(e, Fill) and e.name == "Statement bar")
        box = next(e for e in slide.elements if isinstance(e, TextBox) and e.name == "Statement")
        assert all(p.align == "left" for p in box.paras[:1])  # never centred away from the bar
        assert box.rect.x - bar.rect.right == pytest.approx(16)  # the bar sits just left of the text
        assert box.rect.y == pytest.approx(bar.rect.y) and box.rect.h == pytest.approx(bar.rect.h)
        left_room = bar.rect.x
        right_room = plan.width_pt - box.rect.right
        assert abs((left_room - 22) - right_room) < 60 or box.rect.w > plan.width_pt * 0.75


def test_short_statements_are_display_text_in_at_most_three_lines():
    plan, ts = _plan(SAMPLE)
    for slide in plan.slides:
        for box in (e for e in slide.elements if isinstance(e, TextBox) and e.name == "Statement"):
            para = box.paras[0]
            if para.size_pt >= ts.theme.size("display").min_pt:
                inner = box.rect.w - box.insets.left - box.insets.right
                assert len(ts.lines(para.text, inner, para.size_pt, True)) <= DISPLAY_LINES, para.text


def test_an_untitled_statement_is_headed_by_its_part_and_keywords_lay_out_as_chips(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent("""\
        title: 讲话
        parts:
          - title: 准确识变、科学应变、主动求变
            short: 识变应变求变
            slides:
              - kind: statement
                text: 准确识变、科学应变、主动求变。
              - kind: keywords
                keywords:
                  - {word: 识变, text: 准确把握新发展阶段的新特征新要求}
                  - 应变
        """), encoding="utf-8")
    plan, _ = _plan(path)
    content = [s for s in plan.slides if s.kind in ("statement", "keywords")]
    assert [s.title for s in content] == ["识变应变求变", "识变应变求变"]
    chips = [e for e in content[1].elements if isinstance(e, TextBox) and e.name.startswith("Keyword ")]
    assert [c.paras[0].text for c in chips] == ["识变", "准确把握新发展阶段的新特征新要求", "应变"]
    assert chips[0].paras[0].size_pt >= 24 and chips[1].paras[0].size_pt >= 18
