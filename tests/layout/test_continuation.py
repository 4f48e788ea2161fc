"""Slides that continue (（续）): their titles break alike on every page."""

from __future__ import annotations

import pytest

from deckgen.layout.elements import TextBox
from deckgen.layout.plan import plan_deck
from deckgen.layout.typeset import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size
from smalldecks import one_part_outline

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
