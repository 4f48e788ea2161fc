"""Finding font files: theme path first, then fontconfig, never a silent fallback."""

from __future__ import annotations

import shutil

import pytest

from deckgen.typeset import fonts
from deckgen.typeset.fonts import FontFile, _parse_fc_answer, find_font_file

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


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("family", [CJK_FAMILY, "Noto Serif CJK SC", "DejaVu Sans", "微软雅黑", "Microsoft YaHei", "No Such Family Deckgen", "Odd\\Name-With:Signs,Here"])
def test_fontconfig_in_the_process_answers_as_fc_match_does(family, bold):
    """The library is asked as ``fc-match`` asks; both ways give the same file, face
    and verdict, for installed, missing and oddly spelled families."""
    if shutil.which("fc-match") is None or fonts._fontconfig_library() is None:
        pytest.skip("fontconfig is not here")
    in_process = fonts._font_from_fontconfig(family, bold)
    fonts._fontconfig_library.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fonts, "_fontconfig_library", lambda: None)
            by_process = fonts._font_from_fontconfig(family, bold)
    finally:
        fonts._fontconfig_library.cache_clear()
    assert in_process == by_process


def test_a_lookup_starts_no_process_where_the_fontconfig_library_loads(monkeypatch):
    if shutil.which("fc-match") is None or fonts._fontconfig_library() is None:
        pytest.skip("fontconfig is not here")
    import subprocess

    started = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: started.append(a) or pytest.fail("fc-match was run"))
    assert fonts._font_from_fontconfig(CJK_FAMILY, False) is not None
    assert fonts._font_from_fontconfig("No Such Family Deckgen", True) is None
    assert started == []


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture
def damaged_font(tmp_path):
    """DejaVu Sans with 20 KB of glyph data overwritten: it loads, its outlines do not."""
    if not shutil.os.path.exists(DEJAVU):
        pytest.skip("DejaVu Sans is not here")
    data = bytearray(open(DEJAVU, "rb").read())
    start = len(data) // 3
    data[start : start + 20_000] = b"A" * 20_000
    path = tmp_path / "damaged.ttf"
    path.write_bytes(bytes(data))
    return str(path)


def test_a_damaged_font_found_by_lookup_is_stood_in_for_with_a_note(damaged_font, noto_file):
    from deckgen.typeset.fonts import measuring_faces, measuring_problem

    assert measuring_problem(FontFile(damaged_font)) == "invalid outline"
    faces = measuring_faces("DejaVu Sans", CJK_FAMILY, latin_path=damaged_font)
    assert faces.latin == "Noto Sans CJK SC" and faces.latin_path is None
    assert [(family, path) for family, path, _ in faces.damaged] == [("DejaVu Sans", damaged_font)]


def test_a_damaged_glyph_gets_built_in_metrics_and_one_warning_never_an_oserror(damaged_font):
    from deckgen.typeset.measure import Measurer

    measurer = Measurer("DejaVu Sans", CJK_FAMILY, latin_path=damaged_font)
    with pytest.warns(RuntimeWarning, match="is damaged"):
        lines = measurer.wrap("Damaged glyphs ½ Ệ “引号” 中文 " * 20, 400, 18)
    measurer.width("more: ¼ ằ ”", 18)
    assert len(lines) > 1
    assert [w for w in measurer.warnings if "damaged" in w] == [
        f"font file {damaged_font} is damaged (invalid outline): some characters are measured with "
        "built-in metrics, so text may not fit exactly; reinstall or replace the font"
    ]


def test_fonts_looked_up_meanwhile_are_then_known_without_a_second_lookup(monkeypatch):
    # A build asks fontconfig on a thread while it imports the layout modules; when it
    # measures, every face is known: fontconfig is not asked again.
    import threading

    fonts._find_font_file_cached.cache_clear()
    table = fonts._LookupTable.__new__(fonts._LookupTable)  # nothing remembered from earlier builds
    table.key, table.found = "", {}
    monkeypatch.setattr(table, "save", lambda: None)
    monkeypatch.setattr(fonts, "_lookup_table", lambda: table)
    real, asked = fonts._font_from_fontconfig, []
    monkeypatch.setattr(fonts, "_font_from_fontconfig", lambda family, bold: (asked.append(threading.current_thread().name), real(family, bold))[1])
    wait = fonts.find_meanwhile([(CJK_FAMILY, None), ("DejaVu Sans", None)])
    wait()
    assert asked == ["deckgen-fonts"] * 4
    found = [find_font_file(family, bold=bold) for family in (CJK_FAMILY, "DejaVu Sans") for bold in (False, True)]
    assert len(asked) == 4 and all(f is not None for f in found)
    assert [t.name for t in threading.enumerate() if t.name == "deckgen-fonts"] == []  # ended: a fork may follow
    fonts._find_font_file_cached.cache_clear()


def test_a_lookup_failing_meanwhile_prints_nothing_and_is_asked_again(monkeypatch, capfd):
    fonts._find_font_file_cached.cache_clear()

    def broken(family, bold):
        raise RuntimeError("fontconfig broke")

    monkeypatch.setattr(fonts, "_font_from_fontconfig", broken)
    fonts.find_meanwhile([("Some Family", None)])()
    assert capfd.readouterr().err == ""  # no "Exception in thread" on the user's terminal
    with pytest.raises(RuntimeError):
        find_font_file("Some Family")  # asked again where the caller handles it
    fonts._find_font_file_cached.cache_clear()
