"""The sample deck, read back with python-pptx: what a presenter would open."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from deckgen.build import build
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme
from pptx.enum.shapes import PP_PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "deck.pptx"
    result = build(SAMPLE, out)
    return result, Presentation(str(out)), out


def slide_texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text.replace("\v", ""))  # soft breaks set the lines, not the text
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def test_deck_has_title_agenda_dividers_content_and_closing(built):
    result, prs, _ = built
    deck = load_outline(SAMPLE).deck
    content = sum(len(p.slides) for p in deck.parts)
    assert result.slides == len(prs.slides)
    # title + agenda + one divider per part + content (some may continue) + closing
    assert len(prs.slides) >= 2 + len(deck.parts) + content + 1
    assert deck.title in slide_texts(prs.slides[0])
    assert "征途漫漫，惟有奋斗" in slide_texts(prs.slides[-1])


def test_agenda_lists_the_three_parts(built):
    _, prs, _ = built
    agenda = slide_texts(prs.slides[1])
    for part in load_outline(SAMPLE).deck.parts:
        assert (part.short or part.title) in agenda  # a part's short label where it has one


def test_a_slide_shows_all_six_focus_areas(built):
    _, prs, _ = built
    grid = next(s for s in load_outline(SAMPLE).deck.parts[2].slides if s.kind == "focus-areas")
    titles = [a.title for a in grid.areas]
    assert len(titles) == 6
    assert any(all(t in slide_texts(s) for t in titles) for s in prs.slides)


def test_metrics_are_native_tables_without_the_default_style(built):
    _, prs, out = built
    tables = [sh for s in prs.slides for sh in s.shapes if sh.has_table]
    # “十三五”末行业规模与服务水平; the 2024 targets are KPI cards and a checklist.
    assert len(tables) >= 1
    first = tables[0].table
    assert first.cell(0, 0).text == "指标"
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide"):
                assert b"tableStyleId" not in z.read(name), name


def test_content_slides_carry_the_speech_as_notes(built):
    _, prs, _ = built
    speech = (ROOT / "decks" / "postal-2024.speech.txt").read_text(encoding="utf-8")
    content = list(prs.slides)[2:-1]
    with_notes = [s for s in content if s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()]
    assert len(with_notes) >= len(content) - 1  # every slide but the agenda
    sample = with_notes[3].notes_slide.notes_text_frame.text.splitlines()[0]
    assert sample and sample in speech


def test_every_run_refers_to_the_theme_fonts_in_chinese(built):
    _, _, out = built
    with zipfile.ZipFile(out) as z:
        names = [n for n in z.namelist() if n.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and n.endswith(".xml")]
        runs = 0
        for name in names:
            root = etree.fromstring(z.read(name))
            for rpr in root.iter(f"{A}rPr", f"{A}endParaRPr"):
                runs += 1
                # Theme fonts, not faces: Design > Fonts restyles the whole deck.
                assert rpr.find(f"{A}latin").get("typeface") in ("+mj-lt", "+mn-lt"), name
                assert rpr.find(f"{A}ea").get("typeface") in ("+mj-ea", "+mn-ea"), name
                assert rpr.get("lang") == "zh-CN", name
        assert runs > 500
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
        theme_yaml = load_theme("postal-green")
        for font_set in theme.iter(f"{A}majorFont", f"{A}minorFont"):
            assert font_set.find(f"{A}ea").get("typeface") == theme_yaml.east_asian_font
            assert font_set.find(f"{A}latin").get("typeface") == theme_yaml.latin_font


def test_no_autofit_flags_anywhere(built):
    _, _, out = built
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                data = z.read(name)
                assert b"normAutofit" not in data and b"spAutoFit" not in data, name


def test_placeholders_are_highlighted(built):
    _, prs, _ = built
    table = next(sh for s in prs.slides for sh in s.shapes if sh.has_table).table
    value_run = table.cell(1, 1).text_frame.paragraphs[0].runs[0]
    assert value_run.text == "X"
    assert value_run.font.bold
    assert str(value_run.font.color.rgb) == "D2400A"  # postal-green's placeholder colour


def test_core_properties_come_from_the_outline(built):
    _, prs, out = built
    props = prs.core_properties
    assert props.title == "在2024年全市邮政工作会议上的讲话"
    assert props.author == "X市邮政管理局"
    assert props.last_modified_by == "X市邮政管理局"
    assert props.created.year == 2024
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert not any("thumbnail" in n for n in names)
        assert not any("printerSettings" in n for n in names)
        app = z.read("docProps/app.xml").decode()
        assert "<Application>deckgen</Application>" in app
        assert f"<Slides>{len(prs.slides)}</Slides>" in app


def test_slide_numbers_are_fields_in_the_layouts_placeholders(built):
    _, prs, _ = built
    for n, slide in enumerate(prs.slides, start=1):
        fields = slide._element.xpath(".//a:fld[@type='slidenum']")
        if n in (1, len(prs.slides)):  # cover and closing show no number
            assert not fields
            continue
        assert len(fields) == 1, n
        assert fields[0].xpath("string(a:t)") == str(n)
        number = next(sh for sh in slide.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        assert "/" not in number.text_frame.text  # no written total that would go stale
    footer = next(sh for sh in prs.slides[4].placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    assert "X市邮政管理局" in footer.text_frame.text


def test_same_input_gives_identical_bytes(built, tmp_path):
    _, _, out = built
    again = tmp_path / "again.pptx"
    build(SAMPLE, again)
    assert again.read_bytes() == out.read_bytes()


def test_titles_are_title_placeholders(built):
    _, prs, _ = built
    titled = [s for s in prs.slides if s.shapes.title is not None]
    assert len(titled) == len(prs.slides)
    assert prs.slides[4].shapes.title.text == load_outline(SAMPLE).deck.parts[0].slides[1].title


def test_four_by_three_is_laid_out_not_cropped(tmp_path):
    out = tmp_path / "43.pptx"
    build(SAMPLE, out, slide_size="4:3")
    prs = Presentation(str(out))
    width, height = prs.slide_width, prs.slide_height
    assert (width, height) == (Emu(9144000), Emu(6858000))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= width, (shape.name, slide.slide_id)
            assert shape.top + shape.height <= height, (shape.name, slide.slide_id)


def test_two_line_titles_break_after_the_comma(built):
    _, prs, _ = built
    titles = [s.shapes.title.text for s in prs.slides]
    assert "坚持控疫情、保安全、稳末端，\v扎实做好平安寄递建设工作" in titles


def test_placeholders_on_the_brand_colour_use_the_accent_lightened_to_read(built):
    """An X on the divider's green footer is set in postal-green's gold, lightened until
    it reaches WCAG AA on the green (the plain gold was 2.7:1), not the orange highlight."""
    from deckgen.theme.colour import contrast

    _, prs, _ = built
    divider = prs.slides[2]
    footer = next(sh for sh in divider.shapes if sh.name == "Footer")
    x_run = next(r for p in footer.text_frame.paragraphs for r in p.runs if r.text == "X")
    color = str(x_run.font.color.rgb)
    assert color not in ("D2400A", "FFFFFF")  # neither the orange highlight nor the text around it
    assert int(color[0:2], 16) > int(color[4:6], 16)  # still a warm gold, not a grey
    assert contrast(color, "00703C") >= 4.5
