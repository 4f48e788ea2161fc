"""Fonts of the meeting-room PC: lookup without fontconfig, localized names, stand-ins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.typeset import fonts
from deckgen.typeset.fonts import fallback_family, find_font_file, fontconfig_stand_ins, measuring_faces
from deckgen.typeset.typesetter import Spec, Typesetter
from deckgen.theme.loader import load_theme

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _tiny_font(path: Path, names: dict[str, str]) -> Path:
    """A one-glyph TrueType font whose family is ``names`` (language tag -> name)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((500, 700)), pen.closePath()
    glyph = pen.glyph()
    builder.setupGlyf({".notdef": glyph, "A": glyph})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": names, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def no_fontconfig(monkeypatch, tmp_path):
    """A machine without fc-match (Windows, macOS), fonts in a folder of our own."""
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "fc-match" else real_which(name, *a, **k))
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(tmp_path))
    fonts.clear_cache()
    yield tmp_path
    fonts.clear_cache()


def test_without_fontconfig_a_face_is_found_by_its_localized_name(no_fontconfig):
    font = _tiny_font(no_fontconfig / "yahei-like.ttf", {"en": "Deckgen Test Hei", "zh-CN": "测试雅黑"})
    assert find_font_file("测试雅黑") == fonts.FontFile(str(font), 0)
    assert find_font_file("Deckgen Test Hei") == fonts.FontFile(str(font), 0)
    assert find_font_file("deckgen test hei") is not None  # case and spaces do not matter
    assert find_font_file("另一个字体") is None


def test_without_fontconfig_the_face_of_a_collection_is_found(no_fontconfig):
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.is_file():
        pytest.skip("Noto Sans CJK collection not installed")
    (no_fontconfig / noto.name).symlink_to(noto)
    found = find_font_file("Noto Sans CJK SC")
    assert found is not None and found.path.endswith(noto.name) and found.index == 2


def test_the_font_folders_of_each_system_are_known(monkeypatch):
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    assert any(str(p).endswith("Fonts") and "Windows" in str(p) for p in fonts.font_dirs())
    monkeypatch.setattr(fonts.sys, "platform", "darwin")
    assert Path("/Library/Fonts") in fonts.font_dirs()
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    assert Path("/usr/share/fonts") in fonts.font_dirs()


@pytest.mark.parametrize(
    "family, stand_in",
    [
        ("微软雅黑", "Noto Sans CJK SC"),
        ("黑体", "Noto Sans CJK SC"),
        ("仿宋", "Noto Serif CJK SC"),
        ("宋体", "Noto Serif CJK SC"),
        ("方正小标宋简体", "Noto Serif CJK SC"),
        ("Arial", "Noto Sans CJK SC"),
    ],
)
def test_each_office_face_has_a_declared_stand_in(family, stand_in):
    assert fallback_family(family) == stand_in


def test_built_in_themes_name_the_faces_of_a_chinese_windows_pc():
    green = load_theme("postal-green")
    assert green.east_asian_font == "微软雅黑"
    red = load_theme("gov-red")
    assert red.heading_east_asian_font == "黑体" and red.east_asian_font in ("仿宋", "宋体")
    assert load_theme("postal-green-noto").east_asian_font == "Noto Sans CJK SC"  # Noto stays by name


def test_a_missing_face_is_measured_with_its_stand_in_and_a_margin():
    if find_font_file("微软雅黑") is not None:
        pytest.skip("微软雅黑 is installed here: it is measured itself")
    faces = measuring_faces("Microsoft YaHei", "微软雅黑")
    assert faces.east_asian == "Noto Sans CJK SC" and faces.substituted
    windows = Typesetter(load_theme("postal-green"))
    noto = Typesetter(load_theme("postal-green-noto"))
    # Latin and digits may be wider in the named face: the stand-in keeps room for both.
    mixed = "2024年全市快递业务量达到X亿件，同比增长12.5%，其中EMS与SF Express占比过半"
    for width in range(200, 700, 20):
        assert windows.count_lines(Spec(mixed, 20), width) >= noto.count_lines(Spec(mixed, 20), width)
    assert any(windows.count_lines(Spec(mixed, 20), w) > noto.count_lines(Spec(mixed, 20), w) for w in range(200, 700, 20))
    # Pure Chinese text is one em a glyph in every face concerned: no margin needed.
    chinese = "坚持稳中求进工作总基调全面推进行业高质量发展"
    assert all(windows.count_lines(Spec(chinese, 24), w) == noto.count_lines(Spec(chinese, 24), w) for w in range(200, 700, 40))


def test_previews_render_missing_faces_in_their_stand_ins():
    if shutil.which("fc-match") is None:
        pytest.skip("no fontconfig")
    conf = fontconfig_stand_ins(["微软雅黑", "Noto Sans CJK SC", "+mn-ea"])
    if find_font_file("微软雅黑") is None:
        assert "<family>微软雅黑</family><accept><family>Noto Sans CJK SC</family>" in conf
    assert "<family>Noto Sans CJK SC</family><accept>" not in (conf or "")  # installed: left alone
    assert "+mn-ea" not in (conf or "")


def test_check_says_once_which_face_stood_in(tmp_path):
    if find_font_file("微软雅黑") is not None:
        pytest.skip("微软雅黑 is installed here")
    second = tmp_path / "second.yaml"
    second.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(SAMPLE), str(second)])
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: font ") and "'微软雅黑'" in line]
    assert len(notes) == 1 and "Noto Sans CJK SC" in notes[0]
    assert "warnings" in result.stdout.splitlines()[-1]  # notes are no warnings
