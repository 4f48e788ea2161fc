"""Finding font files: theme path first, then fontconfig, never a silent fallback."""

from __future__ import annotations

import shutil

import pytest

from deckgen.layout.fonts import FontFile, _parse_fc_answer, find_font_file

from .conftest import CJK_FAMILY


@pytest.fixture
def noto_file() -> FontFile:
    if shutil.which("fc-match") is None or find_font_file(CJK_FAMILY) is None:
        pytest.skip(f"{CJK_FAMILY} not found by fontconfig")
    return find_font_file(CJK_FAMILY)


def test_noto_sans_cjk_sc_is_the_right_face_of_its_collection(noto_file):
    from PIL import ImageFont

    face = ImageFont.truetype(noto_file.path, 10, index=noto_file.index)
    assert face.getname()[0] == CJK_FAMILY


def test_bold_finds_a_bold_face(noto_file):
    from PIL import ImageFont

    bold = find_font_file(CJK_FAMILY, bold=True)
    name, style = ImageFont.truetype(bold.path, 10, index=bold.index).getname()
    assert name == CJK_FAMILY and style == "Bold"


def test_a_missing_family_is_none_not_a_fallback_font():
    assert find_font_file("No Such Family Deckgen") is None


def test_a_theme_path_wins_and_its_collection_face_is_found_by_name(noto_file):
    found = find_font_file(CJK_FAMILY, hint_path=noto_file.path)
    assert found == noto_file


def test_a_theme_path_may_name_the_face_index(noto_file):
    assert find_font_file("anything", hint_path=noto_file.path + "#3") == FontFile(
        noto_file.path, 3
    )


def test_a_missing_theme_path_falls_back_to_fontconfig(noto_file):
    assert find_font_file(CJK_FAMILY, hint_path="/nonexistent/font.ttc") == noto_file


def test_a_fontconfig_answer_of_another_family_is_rejected(tmp_path):
    font = tmp_path / "DejaVuSans.ttf"
    font.write_bytes(b"")
    assert _parse_fc_answer(f"{font}|0|DejaVu Sans", "Noto Sans") is None
    assert _parse_fc_answer(f"{font}|0|DejaVu Sans,DejaVu Sans Book", "DejaVu Sans") == (
        FontFile(str(font), 0)
    )
