"""Pages of a slide: a continued slide's title breaks alike on every page, and a
short page of stacked items stands in the middle of the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout.elements import TextBox
from deckgen.layout.frame import Frame
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size
from smalldecks import one_part_outline

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "postal-2024.yaml"

CONTINUED = "（续）"


def _titles(path, size: str, theme: str = "postal-green-noto") -> list[str]:
    theme_ = with_slide_size(load_theme(theme), size)
    plan = plan_deck(load_outline(path).deck, theme_, Typesetter(theme_))
    return [next(e for e in s.elements if isinstance(e, TextBox) and e.name == "Title").paras[0].text for s in plan.slides if s.kind == "bullets"]


@pytest.mark.parametrize("theme", ["postal-green-noto", "gov-red-noto"])
@pytest.mark.parametrize(
    "title",
    [
        "以落实中央一号文件和市政府文件精神为重点",  # two lines either way: it broke 文件和/市政府 vs 文件和市/政府
        "强化市场监管，转型升级步伐逐步加快",  # one line alone, two with （续）
    ],
)
def test_a_continued_slide_breaks_its_title_as_the_first_slide_does(tmp_path, title, theme):
    bullets = "\n".join(f"    - 第{n}项工作要全面推进落实，确保各项任务按期保质完成，取得实效" for n in range(1, 15))
    path = one_part_outline(tmp_path, f"- kind: bullets\n  title: {title}\n  bullets:\n{bullets}\n")
    titles = _titles(path, "4:3", theme)
    assert len(titles) >= 2
    first, *rest = titles
    assert first.replace("\n", "") == title
    for continued in rest:
        assert continued == first + CONTINUED  # same lines, the mark after the last


def _body_block(slide):
    """Top and bottom of the body elements (items, badges, markers, panels) of a slide."""
    body = [e for e in slide.elements if e.name.startswith(("Item", "Badge", "Marker", "Area", "Icon")) or type(e).__name__ == "Icon"]
    return min(e.rect.y for e in body), max(e.rect.bottom for e in body)


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_short_lists_and_short_continued_pages_stand_in_the_middle_of_the_body(size):
    theme = with_slide_size(load_theme("postal-green-noto"), size)
    plan = plan_deck(load_outline(SAMPLE).deck, theme, Typesetter(theme))
    body = Frame.for_theme(theme).body
    checked = 0
    for slide in plan.slides:
        if slide.kind not in ("bullets", "achievements", "focus-area") or slide.form == "cards":
            continue  # a list shown as cards is a grid that fills the body (style: cards)
        top, bottom = _body_block(slide)
        above, below = top - body.y, body.bottom - bottom
        assert above >= -1.0 and below >= -1.0, slide.title  # inside the body
        assert abs(above - below) <= 1.0 or min(above, below) < 1.0, (slide.title, above, below)
        if above > 20:
            checked += 1
    assert checked >= 2  # the sample has short lists (荣誉与表彰, 五年来…) and short （续） pages
    honours = next(s for s in plan.slides if s.title == "荣誉与表彰")
    top, bottom = _body_block(honours)
    assert top - body.y == pytest.approx(body.bottom - bottom, abs=1.0)
    assert top - body.y > 30  # not hanging from the top over an empty half


def test_items_close_up_to_6_pt_before_a_half_empty_continued_slide():
    """坚持抓班子 at 4:3 made a （续） pair of 3 + 2 items; with 6 pt between items it is one slide."""
    theme = with_slide_size(load_theme("postal-green-noto"), "4:3")
    plan = plan_deck(load_outline(SAMPLE).deck, theme, Typesetter(theme))
    pages = [s for s in plan.slides if s.title and s.title.startswith("坚持抓班子")]
    assert len(pages) == 1
    items = sorted((e for e in pages[0].elements if e.name.startswith("Item")), key=lambda e: e.rect.y)
    gaps = [b.rect.y - a.rect.bottom for a, b in zip(items, items[1:])]
    assert len(items) == 5 and all(gap >= 6.0 - 0.01 for gap in gaps)
