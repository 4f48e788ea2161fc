"""Advances read from a CFF font's tables are exactly what Pillow measures."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from PIL import ImageFont

from deckgen.typeset.advances import cff_advances
from deckgen.typeset.measure import REFERENCE_SIZE_PX

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CJK_FILES = sorted(glob.glob("/usr/share/fonts/**/Noto*CJK*.tt[cf]", recursive=True))
LATIN_FILES = sorted(glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf"))


def _characters() -> list[str]:
    text = "".join(map(chr, range(32, 127))) + "，。、；：！？“”‘’（）《》【】—…·％＋－０１９ＡＺ"
    for path in [*sorted((SHARED / "corpus").glob("*.txt")), *sorted((SHARED / "seed").glob("*.txt"))[:3]]:
        text += path.read_text(encoding="utf-8")
    text += "\U00020000\U0002a6d6\ue000\uffff"  # beyond the BMP, private use, no glyph: .notdef
    return sorted(set(text) - {"\n", "\r"})


@pytest.mark.skipif(not CJK_FILES, reason="fonts-noto-cjk is not installed")
def test_every_character_of_real_reports_measures_as_pillow_measures_it():
    chars = _characters()
    assert len(chars) > 1000
    faces = 0
    for path in CJK_FILES:
        for index in range(16):
            ours = cff_advances(path, index)
            if ours is None:
                break
            pillow = ImageFont.truetype(path, REFERENCE_SIZE_PX, index=index, layout_engine=ImageFont.Layout.BASIC)
            assert [ours.getlength(c) for c in chars] == [pillow.getlength(c) for c in chars], (path, index)
            faces += 1
    assert faces >= 5  # every face of the collections, Sans regular and bold at least


@pytest.mark.skipif(not LATIN_FILES, reason="fonts-dejavu is not installed")
def test_truetype_fonts_are_left_to_pillow():
    # TrueType instructions may move advances when hinted: only FreeType knows them.
    assert all(cff_advances(path) is None for path in LATIN_FILES)


def test_a_missing_damaged_or_short_file_gives_none(tmp_path):
    assert cff_advances(str(tmp_path / "gone.otf")) is None
    (tmp_path / "empty.otf").write_bytes(b"")
    assert cff_advances(str(tmp_path / "empty.otf")) is None
    (tmp_path / "cut.otf").write_bytes(b"OTTO\x00\x05" + b"\x00" * 10)
    assert cff_advances(str(tmp_path / "cut.otf")) is None
    if CJK_FILES:
        head = Path(CJK_FILES[0]).read_bytes()[:4096]  # a collection cut short
        (tmp_path / "short.ttc").write_bytes(head)
        assert cff_advances(str(tmp_path / "short.ttc")) is None
        assert cff_advances(CJK_FILES[0], 99) is None  # no such face


def _cff_font(tmp_path: Path, *, units_per_em: int, full_map: bool) -> str:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    glyphs = [".notdef", "A", "han"]
    builder = FontBuilder(units_per_em, isTTF=False)
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap({0x41: "A", 0x6C49: "han", 0x20000: "han"} if full_map else {0x41: "A", 0x6C49: "han"})
    strings = {}
    for name in glyphs:
        pen = T2CharStringPen(500, None)
        pen.moveTo((0, 0))
        pen.lineTo((100, 100))
        pen.closePath()
        strings[name] = pen.getCharString()
    builder.setupCFF("Test", {"FullName": "Test"}, strings, {})
    builder.setupHorizontalMetrics({".notdef": (units_per_em // 2, 0), "A": (units_per_em * 3 // 5, 0), "han": (units_per_em, 0)})
    builder.setupHorizontalHeader(ascent=units_per_em * 4 // 5, descent=-units_per_em // 5)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = tmp_path / f"test-{units_per_em}-{full_map}.otf"
    builder.save(str(path))
    return str(path)


def test_a_cff_font_is_read_only_where_its_advances_are_pillows(tmp_path):
    font = _cff_font(tmp_path, units_per_em=1000, full_map=True)
    ours = cff_advances(font)
    pillow = ImageFont.truetype(font, REFERENCE_SIZE_PX, layout_engine=ImageFont.Layout.BASIC)
    assert ours is not None
    assert [ours.getlength(c) for c in "A汉\U00020000z"] == [pillow.getlength(c) for c in "A汉\U00020000z"] == [600.0, 1000.0, 1000.0, 500.0]
    # Other units per em: FreeType rounds scaled advances; a BMP-only map: FreeType's
    # choice of map is not ours to guess. Both are measured by Pillow.
    assert cff_advances(_cff_font(tmp_path, units_per_em=2048, full_map=True)) is None
    assert cff_advances(_cff_font(tmp_path, units_per_em=1000, full_map=False)) is None
