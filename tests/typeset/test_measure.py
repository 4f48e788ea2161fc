"""Measuring with the real font and fallback metrics; constant-time span widths."""

from __future__ import annotations

import pytest

from deckgen.typeset.measure import (
    Measurer,
    ScriptChanges,
    count_script_changes,
    layout_em_pt,
    line_pitch,
)
from deckgen.typeset.typesetter import Typesetter
from deckgen.theme.loader import load_theme


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
    assert line_pitch(20, 1.3) == pytest.approx(26.0)
    assert line_pitch(13.333, 1.3) == round(13.333 * 1.3, 2)


def test_the_safety_margin_wraps_a_line_that_fills_the_box_exactly(noto_measurer):
    # the measurer wraps at the width it is given; layout keeps 2 % spare
    assert noto_measurer.wrap("一二三四五", noto_measurer.width("一二三四五", 10), 10) == ["一二三四五"]
    typesetter = Typesetter(load_theme("postal-green"))
    # greedy gives 一二三四 | 五; no last line of one character: the break moves back
    # (to 一二 | 三四五, as jieba's dictionary reads 三四 as a word)
    lines = typesetter.lines("一二三四五", typesetter.width("一二三四五", 10), 10)
    assert len(lines) == 2 and min(len(line) for line in lines) >= 2, lines


MIXED = "2024年全市邮政业务总量X亿元，同比增长12.5%；GDP “十三五”——e-commerce……\n第二段 Q1-Q3"


def test_a_ruler_measures_every_span_exactly_as_width_does(noto_measurer):
    for size, bold in ((18, False), (28, True), (13.5, False)):
        ruler = noto_measurer.ruler(MIXED, size, bold)
        for start in range(len(MIXED) + 1):
            for end in range(start, len(MIXED) + 1):
                assert ruler.width(start, end) == noto_measurer.width(MIXED[start:end], size, bold)


def test_script_changes_of_every_span_match_counting_the_span():
    changes = ScriptChanges(MIXED)
    for start in range(len(MIXED) + 1):
        for end in range(start, len(MIXED) + 1):
            assert changes.between(start, end) == count_script_changes(MIXED[start:end]), (start, end)


def test_where_chinese_meets_latin_libreoffice_adds_a_quarter_em(noto_measurer):
    apart = noto_measurer.width("年", 20) + noto_measurer.width("X", 20)
    assert noto_measurer.width("年X", 20) == pytest.approx(apart + 0.24 * 20, abs=0.2)
    # weak characters (quotes, digits' neighbours) take the script before them
    assert count_script_changes("自2024年“X”工") == 4


def test_sizes_snap_to_libreoffice_600_dpi_grid():
    assert layout_em_pt(18) == pytest.approx(18.0)
    assert layout_em_pt(14) == pytest.approx(14.04)
    assert layout_em_pt(16) == pytest.approx(15.96)


def _installed_faces():
    from deckgen.typeset.fonts import find_font_file

    found = []
    for family in ("Noto Sans CJK SC", "DejaVu Sans", "Liberation Sans"):
        for bold in (False, True):
            font_file = find_font_file(family, bold=bold)
            if font_file is not None:
                found.append(font_file)
    return found


def test_faces_measure_exactly_as_pillows_imagefont_does():
    # Measuring opens faces through Pillow's FreeType module without PIL.ImageFont
    # (which imports PIL.Image, ~9 ms of a first build): the advances must be the same.
    from PIL import ImageFont

    from deckgen.typeset.measure import REFERENCE_SIZE_PX, _open_face

    faces = _installed_faces()
    assert faces, "no test fonts installed (fonts-noto-cjk, fonts-dejavu)"
    text = "Aa Mm1%，。、“”—…（）高质量发展X-2024年·WiFi"
    for font_file in faces:
        ours = _open_face(font_file)
        pillow = ImageFont.truetype(font_file.path, REFERENCE_SIZE_PX, index=font_file.index, layout_engine=ImageFont.Layout.BASIC)
        assert ours is not None
        assert [ours.getlength(ch) for ch in text] == [pillow.getlength(ch) for ch in text], font_file


def test_faces_open_through_imagefont_when_pillows_module_changes(monkeypatch):
    from PIL import _imagingft

    from deckgen.typeset.measure import _open_face

    font_file = _installed_faces()[0]
    direct = _open_face(font_file)

    original = _imagingft.getfont

    def changed(*args, **kwargs):  # a release that takes other arguments than ours
        if len(args) > 4:
            raise TypeError("getfont() takes other arguments now")
        return original(*args, **kwargs)

    monkeypatch.setattr(_imagingft, "getfont", changed)
    fallback = _open_face(font_file)
    assert direct is not None and fallback is not None
    assert [fallback.getlength(ch) for ch in "Ab高，"] == [direct.getlength(ch) for ch in "Ab高，"]


def test_a_missing_font_file_opens_no_face(tmp_path):
    from deckgen.typeset.fonts import FontFile
    from deckgen.typeset.measure import _open_face

    assert _open_face(FontFile(str(tmp_path / "gone.ttf"), 0)) is None
