"""Display text: explicit breaks at phrase boundaries, never inside a figure and its
unit or a quoted term, no one-character last line, as many lines as greedy wrapping."""

from __future__ import annotations

import pytest

from deckgen.typeset.display import FIGURES, display_breaks, protected_cuts
from deckgen.typeset.typesetter import Typesetter
from deckgen.theme.loader import load_theme

TEXTS = [
    "着力稳态势、促改革、强基础、畅循环，坚决筑牢寄递渠道首都“护城河”，以优异成绩迎接建党100周年。",
    "党的十九届五中全会……为今后更长一段时期邮政快递业发展指明了前进方向、提供了根本遵循。",
    "“十三五”时期全市快递业务量年均增长36.9%，2024年达到21530万件，是“十二五”末的4.8倍。",
    "全市全行业有力保障群众寄递服务需求，以实际行动积极践行“以人民为中心”的发展理念，凸显了行业价值，赢得了社会赞誉。",
]


@pytest.fixture(scope="module", params=["postal-green", "gov-red"])
def ts(request):
    return Typesetter(load_theme(request.param))


def test_protected_spans_cover_figures_with_units_and_quoted_terms():
    text = "迎接建党100周年和“十三五”，增长36.9%"
    cuts = protected_cuts(text)
    assert {text.index("100") + k for k in range(1, 5)} <= cuts  # 100周年 stays whole
    assert {text.index("“") + k for k in range(1, 5)} <= cuts
    assert text.index("和") not in cuts


@pytest.mark.parametrize("width", [735.0, 560.0, 420.0])
@pytest.mark.parametrize("text", TEXTS)
def test_display_lines_are_whole_phrases_and_fit(ts, text, width):
    size = 36.0
    broken = display_breaks(ts, text, width, size)
    lines = broken.split("\n")
    greedy = ts.lines(text, width, size, True)
    assert "".join(lines) == text  # nothing lost or added
    if len(greedy) > 4:
        assert broken == text  # long text: left to greedy wrapping
        return
    if broken == text:
        # No set of breaks keeps every figure whole in as many lines: greedy stands
        # (only where the box is narrow for the text).
        assert width < 735 or len(greedy) == 1
        return
    assert len(lines) == len(greedy)  # the same height as measured
    for line in lines:
        assert len(ts.lines(line, width, size, True)) == 1, line  # each line fits alone
    if len(lines) > 1:
        assert len(lines[-1].rstrip("。，、；：！？”")) >= 2, lines
        cut_positions = {sum(len(x) for x in lines[: k + 1]) for k in range(len(lines) - 1)}
        assert not cut_positions & protected_cuts(text, FIGURES), lines  # figures always whole


def test_the_sample_statement_keeps_100_years_and_its_quoted_term_whole(ts):
    text = TEXTS[0]
    lines = display_breaks(ts, text, 735.0, 36.0).split("\n")
    assert lines == ["着力稳态势、促改革、强基础、畅循环，", "坚决筑牢寄递渠道首都“护城河”，", "以优异成绩迎接建党100周年。"]


@pytest.mark.parametrize("text", TEXTS)
def test_lines_measured_together_have_the_widths_of_lines_measured_alone(ts, text):
    # Display breaking measures all lines ending at one place in one pass (no call per
    # line); each width must be exactly the one a single measurement gives.
    from deckgen.typeset.display import _LineWidths
    from deckgen.typeset.linebreak import analysis

    size, limit = 36.0, 560.5
    positions = [0, *[c for c in analysis(text)[0] if 0 < c < len(text)], len(text)]

    def fresh() -> _LineWidths:
        return _LineWidths(ts.measurer.ruler(text, size, bold=True), ts.box_width_function(size, True, within=text), limit)

    together, alone = fresh(), fresh()
    for j in range(1, len(positions)):
        expected = []
        for i in range(j - 1, -1, -1):
            w = alone(positions[i], positions[j])
            if w is None:
                break
            expected.append((positions[i], w, round(w, 1)))
        assert together.fitting(positions, j) == expected
        assert expected  # the nearest cut always fits at this width


@pytest.mark.parametrize("text", TEXTS)
def test_the_box_width_function_gives_box_width_for_to_the_last_bit(ts, text):
    box_width = ts.box_width_function(36.0, True, within=text)
    for width in (0.0, 17.3, 100.0, 333.33, 559.9, 735.0, 1200.5):
        assert box_width(width) == ts.box_width_for(width, 36.0, True, within=text)


@pytest.mark.parametrize("width", [900.0, 640.0])
def test_display_lines_are_balanced_rather_than_cut_after_a_short_opening(ts, width):
    """The 1998 report's 1998年是全面贯彻中国共产党第十五次全国代表大会精神的第一年 was
    set 1998年是 / 全面贯彻…第一年: a break after the function word 是 ranked above any
    other, however short the first line. Lines are now of like width, the ordinal
    第十五次 and the compounds 中国共产党 and 全国代表大会 whole."""
    text = "1998年是全面贯彻中国共产党第十五次全国代表大会精神的第一年"
    size = 36.0
    broken = display_breaks(ts, text, width, size)
    lines = broken.split("\n")
    assert "".join(lines) == text
    assert len(lines) == len(ts.lines(text, width, size, True)) >= 2
    widths = [ts.one_line_width(line, size, True) for line in lines]
    assert min(widths) >= 0.5 * sum(widths) / len(widths)  # no lopsided line
    for term in ("第十五次", "中国共产党", "全国代表大会"):
        assert any(term in line for line in lines), (term, lines)


def test_a_compound_is_not_split_for_balance(ts):
    """弘扬和践行社会主义核心价值观 (a Guangdong card) stays 社会主义 whole: a break where
    a compound joins its words (社会/主义) reads worse than a line a little short."""
    text = "弘扬和践行社会主义核心价值观"
    size = 28.0
    width = ts.one_line_width(text, size, True) * 0.7
    lines = display_breaks(ts, text, width, size).split("\n")
    assert len(lines) == 2
    assert any("社会主义" in line for line in lines), lines
