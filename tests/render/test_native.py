"""The sample deck as PowerPoint sees it: a real master, named layouts, fields, sections, links."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from deckgen.build import build
from deckgen.outline.loader import load_outline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
LAYOUT_NAMES = ["封面", "目录", "章节页", "标题和内容", "数据", "卡片", "结束页"]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("native") / "deck.pptx"
    build(SAMPLE, out)
    return Presentation(str(out)), out


def test_one_master_with_the_seven_chinese_layouts_and_nothing_else(deck):
    prs, out = deck
    assert len(prs.slide_masters) == 1
    assert [layout.name for layout in prs.slide_layouts] == LAYOUT_NAMES
    with zipfile.ZipFile(out) as z:
        layouts = [n for n in z.namelist() if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")]
    assert len(layouts) == len(LAYOUT_NAMES)  # the default's English layouts are gone


def test_each_kind_sits_on_its_layout(deck):
    prs, _ = deck
    names = [s.slide_layout.name for s in prs.slides]
    assert names[0] == "封面" and names[1] == "目录" and names[2] == "章节页" and names[-1] == "结束页"
    outline = load_outline(SAMPLE).deck
    assert names.count("章节页") == len(outline.parts)
    assert "数据" in names and "卡片" in names and "标题和内容" in names


def test_logo_accent_and_rule_are_on_the_master_not_on_slides(deck):
    prs, _ = deck
    master_names = [sh.name for sh in prs.slide_masters[0].shapes]
    assert {"Logo", "Title accent", "Title rule"} <= set(master_names)
    for n, slide in enumerate(prs.slides, start=1):
        # Photos of the outline are the slide's own; the logo never is.
        pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE and not sh.name.startswith("Photo")]
        assert not pictures, f"slide {n} carries its own picture"
        assert "Title rule" not in [sh.name for sh in slide.shapes]


def test_master_and_content_layouts_have_footer_date_and_number_placeholders(deck):
    prs, _ = deck
    wanted = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    master_types = {ph.placeholder_format.type for ph in prs.slide_masters[0].placeholders}
    assert wanted | {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY} <= master_types
    for layout in prs.slide_layouts:
        if layout.name in ("标题和内容", "数据", "卡片", "目录"):
            assert wanted <= {ph.placeholder_format.type for ph in layout.placeholders}, layout.name


def test_footers_are_placeholders_that_inherit_from_the_layout(deck):
    prs, _ = deck
    slide = prs.slides[4]
    layout_idx = {ph.placeholder_format.idx for ph in slide.slide_layout.placeholders}
    footers = [sh for sh in slide.placeholders if sh.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)]
    assert len(footers) == 2
    assert all(sh.placeholder_format.idx in layout_idx for sh in footers)
    # No footer drawn as a plain text box any more.
    assert not [sh for sh in slide.shapes if not sh.is_placeholder and sh.name in ("Footer", "Slide number")]


def test_a_new_slide_added_in_powerpoint_is_branded(deck):
    prs = Presentation(str(deck[1]))  # a copy: the shared one stays as built
    layout = next(lay for lay in prs.slide_layouts if lay.name == "标题和内容")
    slide = prs.slides.add_slide(layout)  # what Home > New Slide does
    assert slide.shapes.title is not None
    # It shows the master's logo and accent: the layout does not hide master shapes.
    assert layout._element.get("showMasterSp") in (None, "1")
    assert any(sh.name == "Logo" for sh in layout.slide_master.shapes)


def test_sections_are_cover_and_agenda_one_per_part_and_closing(deck):
    prs, _ = deck
    outline = load_outline(SAMPLE).deck
    root = etree.fromstring(etree.tostring(prs.part._element))
    sections = root.xpath("p:extLst/p:ext/p14:sectionLst/p14:section", namespaces=NS)
    names = [s.get("name") for s in sections]
    assert names[0] == "封面与目录" and names[-1] == "结束"
    assert len(names) == len(outline.parts) + 2
    for name, part in zip(names[1:-1], outline.parts):
        assert part.title in name
    slide_ids = [s.slide_id for s in prs.slides]
    listed = [int(i) for s in sections for i in s.xpath("p14:sldIdLst/p14:sldId/@id", namespaces=NS)]
    assert listed == slide_ids  # every slide once, in order
    first_of_part = [int(s.xpath("p14:sldIdLst/p14:sldId/@id", namespaces=NS)[0]) for s in sections[1:-1]]
    dividers = [s.slide_id for s in prs.slides if s.slide_layout.name == "章节页"]
    assert first_of_part == dividers


def _jump_target(slide, shape):
    click = etree.ElementBase.xpath(shape._element, "./*[1]/p:cNvPr/a:hlinkClick", namespaces=NS)
    if not click:
        return None
    assert click[0].get("action") == "ppaction://hlinksldjump"
    return slide.part.related_part(click[0].get(f"{{{NS['r']}}}id"))


def test_agenda_entries_jump_to_their_dividers_and_dividers_back(deck):
    prs, _ = deck
    outline = load_outline(SAMPLE).deck
    agenda = prs.slides[1]
    dividers = [s for s in prs.slides if s.slide_layout.name == "章节页"]
    for i, part in enumerate(outline.parts):
        entry = next(sh for sh in agenda.shapes if sh.name == f"Agenda entry {i + 1}")
        assert (part.short or part.title) in entry.text_frame.text  # the short label where the part has one
        assert _jump_target(agenda, entry) is dividers[i].part
    for divider in dividers:
        back = next(sh for sh in divider.shapes if sh.name == "Part number")
        assert _jump_target(divider, back) is agenda.part


def test_theme_font_scheme_and_colours_come_from_the_theme(deck):
    _, out = deck
    with zipfile.ZipFile(out) as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    major = theme.find(".//a:majorFont", NS)
    assert major.find("a:ea", NS).get("typeface")
    assert theme.find(".//a:clrScheme/a:accent1/a:srgbClr", NS).get("val") == "00703C"


def test_libreoffice_imports_the_agenda_links_as_slide_show_jumps(deck, tmp_path):
    """Slide-show navigation as LibreOffice reads it: each agenda entry's click shows its part."""
    import subprocess

    from rendercheck import soffice_or_skip

    soffice = soffice_or_skip()
    _, out = deck
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "odp", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    with zipfile.ZipFile(tmp_path / "deck.odp") as odp:
        content = etree.fromstring(odp.read("content.xml"))
    ns = {
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
        "xlink": "http://www.w3.org/1999/xlink",
    }
    pages = content.xpath("//draw:page", namespaces=ns)
    outline = load_outline(SAMPLE).deck
    jumps = pages[1].xpath(".//presentation:event-listener[@presentation:action='show']/@xlink:href", namespaces=ns)
    # A divider title set in balanced lines names its page with the line breaks in it;
    # the jump names the page the same way (checked below), so it still lands there.
    for part in outline.parts:
        assert f"#{part.title}" in {j.replace("\n", "") for j in jumps}
    page_names = {p.get(f"{{{ns['draw']}}}name") for p in pages}
    assert all(j[1:] in page_names for j in jumps)
    back = pages[2].xpath(".//presentation:event-listener[@presentation:action='show']/@xlink:href", namespaces=ns)
    assert "#目录" in back


def test_a_one_part_talk_without_agenda_still_has_sections(tmp_path):
    outline = tmp_path / "short.yaml"
    outline.write_text(
        "title: 简短讲话\nparts:\n  - title: 几点要求\n    slides:\n      - kind: bullets\n        title: 要求\n        bullets: [一是, 二是]\n",
        encoding="utf-8",
    )
    prs = Presentation(str(build(outline, tmp_path / "short.pptx").output))
    root = etree.fromstring(etree.tostring(prs.part._element))
    names = [s.get("name") for s in root.xpath("p:extLst/p:ext/p14:sectionLst/p14:section", namespaces=NS)]
    assert names == ["封面", "一、几点要求", "结束"]
    assert [s.slide_layout.name for s in prs.slides] == ["封面", "标题和内容", "结束页"]


def _declared_size(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return dict(etree.fromstring(z.read("ppt/presentation.xml")).find("p:sldSz", NS).attrib)


def test_the_slide_size_type_says_the_size_the_deck_has(deck, tmp_path):
    _, wide = deck
    assert _declared_size(wide) == {"cx": "12192000", "cy": "6858000"}  # widescreen: PowerPoint writes no type
    narrow = tmp_path / "narrow.pptx"
    build(SAMPLE, narrow, slide_size="4:3")
    assert _declared_size(narrow) == {"cx": "9144000", "cy": "6858000", "type": "screen4x3"}


def test_a_template_keeps_a_size_type_that_matches_and_loses_one_that_does_not(tmp_path):
    templates = ROOT / "tests" / "data" / "templates"
    own = tmp_path / "own.pptx"
    build(SAMPLE, own, template=templates / "bureau-4x3.pptx")
    assert _declared_size(own) == _declared_size(templates / "bureau-4x3.pptx")
    # A template whose declared type contradicts its size (our 16:10 test template was
    # saved by python-pptx, which declares screen4x3 whatever the size).
    assert _declared_size(templates / "unit-16x10.potx")["type"] == "screen4x3"
    fixed = tmp_path / "fixed.pptx"
    build(SAMPLE, fixed, template=templates / "unit-16x10.potx")
    assert _declared_size(fixed) == {"cx": "9144000", "cy": "5715000", "type": "screen16x10"}


def test_the_masters_text_styles_are_the_themes(deck):
    """What New Slide and hand-typed text inherit: theme fonts, zh-CN, our line breaking."""
    _, out = deck
    with zipfile.ZipFile(out) as z:
        styles = etree.fromstring(z.read("ppt/slideMasters/slideMaster1.xml")).find("p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    assert title.get("algn") == "l" and title.find("a:defRPr", NS).get("sz") == "3400"  # postal-green's title max
    assert title.find("a:defRPr/a:ea", NS).get("typeface") == "+mj-ea"
    body = styles.find("p:bodyStyle/a:lvl1pPr", NS)
    assert body.find("a:defRPr", NS).get("sz") == "2400" and body.find("a:defRPr/a:ea", NS).get("typeface") == "+mn-ea"
    assert body.find("a:buClr/a:srgbClr", NS).get("val") == "00703C" and body.find("a:buFont", NS).get("typeface") == "微软雅黑"
    assert int(body.get("marL")) == -int(body.get("indent")) > 0  # the marker hangs in the margin
    for level in styles.iter(*(f"{{{NS['a']}}}lvl{n}pPr" for n in range(1, 10))):
        assert level.get("hangingPunct") == "0" and level.get("eaLnBrk") == "1"
        assert level.find("a:defRPr", NS).get("lang") == "zh-CN"
    assert "Arial" not in etree.tostring(styles, encoding="unicode")


def test_a_title_typed_on_the_brand_colour_is_light(deck):
    prs, _ = deck
    for name in ("封面", "结束页"):
        layout = next(lay for lay in prs.slide_layouts if lay.name == name)
        title = next(ph for ph in layout.placeholders if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE))
        style = title._element.find(".//a:lstStyle/a:lvl1pPr/a:defRPr", NS)
        assert style.find("a:solidFill/a:srgbClr", NS).get("val") == "FFFFFF", name  # postal-green's on_primary
