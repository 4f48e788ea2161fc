"""Measuring with the real font, fallback metrics, and the paragraph/box model."""

from __future__ import annotations

import pytest

from deckgen.layout.measure import (
    LINE_PITCH,
    Box,
    Measurer,
    Para,
    count_script_changes,
    layout_em_pt,
    line_pitch,
)


def test_a_cjk_character_is_one_em_in_noto(noto_measurer):
    # within LibreOffice's rounding of the size to its 600 dpi grid (< 0.5 %)
    assert noto_measurer.width("邮", 20) == pytest.approx(20.0, rel=0.005)
    assert noto_measurer.width("邮政快递，", 10) == pytest.approx(50.0, rel=0.005)


def test_latin_is_narrower_than_cjk(noto_measurer):
    assert 0.3 * 20 < noto_measurer.width("a", 20) < 20


def test_width_grows_with_text_and_size(noto_measurer):
    text = "2024年全市邮政业务总量同比增长12.5%"
    widths = [noto_measurer.width(text[:n], 18) for n in range(len(text) + 1)]
    assert widths == sorted(widths) and widths[0] == 0
    assert noto_measurer.width(text, 24) > noto_measurer.width(text, 18)


def test_bold_is_measured_with_the_bold_face(noto_measurer):
    assert noto_measurer.width("Postal", 20, bold=True) > noto_measurer.width("Postal", 20)


def test_a_missing_font_uses_built_in_metrics_and_warns_once():
    measurer = Measurer("No Such Family Deckgen", "No Such Family Deckgen")
    with pytest.warns(RuntimeWarning, match="No Such Family Deckgen"):
        assert measurer.width("邮政", 10) == pytest.approx(20.0, rel=0.01)
    measurer.width("Latin text", 10, bold=True)
    measurer.wrap("更多的文字" * 10, 100, 12)
    assert len(measurer.warnings) == 1
    assert "install" in measurer.warnings[0].lower()
    assert 0 < measurer.width("abc", 10) < 30


def test_wrap_respects_the_width_in_points(noto_measurer):
    lines = noto_measurer.wrap("一二三四五六七八九十", 50, 10)
    assert lines == ["一二三四五", "六七八九十"]


def test_line_pitch_is_the_factor_times_the_size_in_hundredths():
    assert line_pitch(20) == pytest.approx(20 * LINE_PITCH)
    assert line_pitch(13.333) == round(13.333 * LINE_PITCH, 2)


def test_text_height_counts_lines_and_space_before_but_not_the_first(noto_measurer):
    paras = [Para("一二三四五六", 10, space_before_pt=20), Para("七", 10, space_before_pt=6)]
    # 100 pt wide holds all six characters: 1 line + 1 line + 6 pt.
    assert noto_measurer.text_height(paras, 100) == pytest.approx(2 * line_pitch(10) + 6)


def test_box_insets_reduce_the_text_area():
    box = Box(100, 50)
    assert box.text_width_pt == pytest.approx(100 - 14.4)
    assert box.text_height_pt == pytest.approx(50 - 7.2)


def test_the_safety_margin_wraps_a_line_that_fills_the_box_exactly(noto_measurer):
    paras = [Para("一二三四五", 10)]
    assert noto_measurer.layout(paras, 50) == [["一二三四", "五"]]
    exact = Measurer(noto_measurer.latin_family, noto_measurer.ea_family, width_safety=0)
    assert exact.layout(paras, 50) == [["一二三四五"]]


def test_fits_uses_insets_height_and_width(noto_measurer):
    text_width = 10 * 10 / 0.98 + 0.1  # ten characters at 10 pt, after the margin
    one_line = Box(text_width + 14.4, line_pitch(10) + 7.2)
    assert noto_measurer.fits([Para("一二三四五六七八九十", 10)], one_line)
    assert not noto_measurer.fits([Para("一二三四五六七八九十一", 10)], one_line)


def test_where_chinese_meets_latin_libreoffice_adds_a_quarter_em(noto_measurer):
    apart = noto_measurer.width("年", 20) + noto_measurer.width("X", 20)
    assert noto_measurer.width("年X", 20) == pytest.approx(apart + 0.24 * 20, abs=0.2)
    # weak characters (quotes, digits' neighbours) take the script before them
    assert count_script_changes("自2024年“X”工") == 4


def test_sizes_snap_to_libreoffice_600_dpi_grid():
    assert layout_em_pt(18) == pytest.approx(18.0)
    assert layout_em_pt(14) == pytest.approx(14.04)
    assert layout_em_pt(16) == pytest.approx(15.96)
