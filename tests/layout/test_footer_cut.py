"""A footer too long for its box is cut by bisection exactly where cutting one
character at a time would cut it (a footer template thousands of characters long
took a minute; now a few measurements)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.layout.elements import Insets
from deckgen.layout.frame import _cut_to_fit
from deckgen.typeset.typesetter import Spec, Typesetter
from deckgen.theme.loader import load_theme

INSETS = Insets(0, 0, 2, 2)
TS = Typesetter(load_theme("postal-green"))


def cut_one_at_a_time(text: str, size: float, width: float) -> str:
    while len(text) > 4 and TS.count_lines(Spec(text + "…", size), width, INSETS) > 1:
        text = text[:-1]
    return text


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="X市邮政管理局快递分公司 Postal Bureau 2024年1月（一）、。\n", max_size=90),
    size=st.sampled_from([10.0, 11.5, 12.0]),
    width=st.floats(min_value=20, max_value=400),
)
def test_bisection_cuts_where_the_simple_loop_cuts(text, size, width):
    assert _cut_to_fit(TS, text, size, width, INSETS) == cut_one_at_a_time(text, size, width)


def test_a_footer_of_thousands_of_characters_is_cut_to_one_line():
    text = "很长的页脚文字" * 700
    cut = _cut_to_fit(TS, text, 10.0, 600.0, INSETS)
    assert text.startswith(cut) and 4 < len(cut) < 100
    assert TS.count_lines(Spec(cut + "…", 10.0), 600.0, INSETS) == 1
    assert TS.count_lines(Spec(text[: len(cut) + 1] + "…", 10.0), 600.0, INSETS) == 2
