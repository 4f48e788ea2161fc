"""The text engine's narrow interface (deckgen.typeset): measure, break, fit, display
lines, used with a theme's fonts and no outline, slide or deck."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deckgen import typeset
from deckgen.theme.loader import load_theme

TEXT = "全市快递业务量年均增长36.9%，2024年达到21530万件，是“十二五”末的4.8倍，凸显了行业价值。"


@pytest.fixture(scope="module")
def ts():
    return typeset.engine(load_theme("postal-green"))


def test_measure_grows_with_the_text_and_the_size(ts):
    one = typeset.measure_text(ts, "高质量发展", size_pt=20)
    assert one > 0
    assert typeset.measure_text(ts, "高质量发展高质量发展", size_pt=20) == pytest.approx(2 * one, rel=0.02)
    assert typeset.measure_text(ts, "高质量发展", size_pt=40) == pytest.approx(2 * one, rel=0.02)


def test_break_lines_keeps_every_character_and_every_line_fits(ts):
    lines = typeset.break_lines(ts, TEXT, width_pt=200, size_pt=18)
    assert len(lines) > 1
    assert "".join(lines) == TEXT
    assert all(typeset.measure_text(ts, line, size_pt=18) <= 200 for line in lines)
    assert all(len(line) > 1 for line in lines)  # no lone last character
    assert not any(line.startswith(("，", "。", "%")) for line in lines)  # no mark opens a line


def test_fit_finds_the_largest_size_that_fits_and_refuses_what_cannot(ts):
    size = typeset.fit(ts, TEXT, width_pt=300, height_pt=80, max_pt=32, min_pt=12)
    assert size is not None and 12 <= size < 32
    lines = typeset.break_lines(ts, TEXT, width_pt=300, size_pt=size)
    larger = typeset.break_lines(ts, TEXT, width_pt=300, size_pt=size + 1)
    assert len(lines) * size * 1.3 <= 80 + 1e-6 < len(larger) * (size + 1) * 1.3
    assert typeset.fit(ts, TEXT, width_pt=60, height_pt=20, max_pt=32, min_pt=12) is None


def test_display_lines_break_at_phrases_and_keep_the_text(ts):
    title = "坚决筑牢寄递渠道首都“护城河”以优异成绩迎接建党100周年"
    lines = typeset.display_lines(ts, title, width_pt=420, size_pt=32, balance=True)
    assert "".join(lines) == title and len(lines) >= 2
    assert not any("100" in line and "周年" not in line for line in lines)  # 100周年 whole


def test_the_engine_needs_no_outline_slide_or_deck():
    code = (
        "import sys; from deckgen import typeset; from deckgen.theme.model import Theme\n"
        "ts = typeset.engine(Theme(name='t', colors={}, latin_font='Noto Sans CJK SC', east_asian_font='Noto Sans CJK SC'))\n"
        "typeset.break_lines(ts, '全市快递业务量年均增长36.9%', width_pt=80, size_pt=12)\n"
        "typeset.fit(ts, '高质量发展', width_pt=100, height_pt=40, max_pt=30, min_pt=10)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('deckgen.layout', 'deckgen.kinds', 'deckgen.outline', 'deckgen.render'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
