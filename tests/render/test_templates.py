"""Decks built on organisation templates we did not design for, and decks edited by hand.

The templates (tests/data/templates/, made by tools/make_test_templates.py): a
PowerPoint-authored 4:3 file with English layout names and an emblem on the master, a
16:10 .potx with Chinese layout names and odd placeholder sets, the same 4:3 file
re-saved by LibreOffice Impress, and one without any title placeholder. All decks of
this module go through ONE LibreOffice run (module fixture).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from deckgen.build import build
from deckgen.cli import cli
from deckgen.errors import InputError
from deckgen.theme.template import read_template
from rendercheck import audit_pptx, check_decks, east_asian_missing, soffice_or_skip

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
LONG = ROOT / "tests" / "stress" / "long-text.yaml"
TEMPLATES = ROOT / "tests" / "data" / "templates"
ON_TEMPLATES = {
    "bureau": (SAMPLE, "bureau-4x3.pptx"),
    "bureau-long": (LONG, "bureau-4x3.pptx"),
    "potx": (SAMPLE, "unit-16x10.potx"),
    "potx-long": (LONG, "unit-16x10.potx"),
    "impress": (SAMPLE, "impress.pptx"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("templates")
    decks = {}
    for key, (outline, template) in ON_TEMPLATES.items():
        decks[key] = build(outline, work / f"{key}.pptx", template=TEMPLATES / template).output
    return work, decks


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory):
    soffice_or_skip()
    work, decks = built
    edited = _reorder(decks["bureau"], work / "reordered.pptx")
    ours = _reorder(build(SAMPLE, work / "ours.pptx").output, work / "ours-reordered.pptx")
    added = _add_slide(work / "ours.pptx", work / "ours-added.pptx")
    paths = list(decks.values()) + [edited, ours, added]
    reports = check_decks(paths, tmp_path_factory.mktemp("pdf"))
    return {p.stem: r for p, r in reports.items()}


NEW_TITLE = "新增幻灯片：深化改革"
NEW_BULLETS = ["第一条要点，持续推进邮政业高质量发展", "第二条要点 with Latin 123", "第三条要点。"]


def _add_slide(deck: Path, out: Path) -> Path:
    """Add a slide on 标题和内容 and type a title and bullets into it, as New Slide in
    PowerPoint would; it becomes slide 1 so a render of few pages shows it."""
    prs = Presentation(str(deck))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "标题和内容")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = NEW_TITLE
    body = slide.placeholders[1].text_frame
    body.text = NEW_BULLETS[0]
    for line in NEW_BULLETS[1:]:
        body.add_paragraph().text = line
    ids = prs.slides._sldIdLst
    new = list(ids)[-1]
    ids.remove(new)
    ids.insert(0, new)
    prs.save(str(out))
    return out


def _reorder(deck: Path, out: Path) -> Path:
    """Delete slide 3 and move the last content slide to position 2, as a user would."""
    prs = Presentation(str(deck))
    ids = prs.slides._sldIdLst
    third = list(ids)[2]
    prs.part.drop_rel(third.rId)
    ids.remove(third)
    moved = list(ids)[-2]
    ids.remove(moved)
    ids.insert(1, moved)
    prs.save(str(out))
    return out


@pytest.mark.parametrize("key", list(ON_TEMPLATES))
def test_template_decks_render_with_nothing_outside_its_box(rendered, key):
    report = rendered[key]
    assert report.pages_match
    assert report.ok, report.summary()


@pytest.mark.parametrize("key", ["reordered", "ours-reordered"])
def test_slide_numbers_run_on_after_deleting_and_moving_slides(rendered, key):
    import pdfplumber

    report = rendered[key]
    assert report.ok, report.summary()
    prs = Presentation(str(report.pptx))
    shown = []
    with pdfplumber.open(report.pdf) as pdf:
        for n, (slide, page) in enumerate(zip(prs.slides, pdf.pages), start=1):
            number = next((sh for sh in slide.placeholders if sh.placeholder_format.type == 13), None)  # SLIDE_NUMBER
            if number is None:
                continue
            kx = float(page.width) / prs.slide_width
            box = (number.left * kx, number.top * kx, (number.left + number.width) * kx, (number.top + number.height) * kx)
            text = "".join(c["text"] for c in page.chars if box[0] - 1 <= c["x0"] and c["x1"] <= box[2] + 1 and box[1] - 1 <= c["top"] and c["bottom"] <= box[3] + 1)
            shown.append((n, text.strip()))
    assert len(shown) > 10
    assert all(text == str(n) for n, text in shown), shown


@pytest.mark.parametrize("key", list(ON_TEMPLATES))
def test_template_decks_keep_its_layouts_and_emblem_and_drop_its_examples(built, key):
    _, decks = built
    template = TEMPLATES / ON_TEMPLATES[key][1]
    prs = Presentation(str(decks[key]))
    info = read_template(template)
    assert [layout.name for layout in prs.slide_layouts] == info.layout_names
    assert (prs.slide_width, prs.slide_height) == (round(info.width_pt * 12700), round(info.height_pt * 12700))
    master_pictures = [sh for sh in prs.slide_masters[0].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert master_pictures, "the template's emblem is gone"
    for slide in prs.slides:
        text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert "示例" not in text  # the template's example slides are not carried over
        # The emblem stays on the master; only the outline's photos are on slides.
        assert not [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE and not sh.name.startswith("Photo")]
    with zipfile.ZipFile(decks[key]) as z:
        content_types = z.read("[Content_Types].xml").decode()
    assert "template.main+xml" not in content_types  # a .potx becomes a presentation


def test_template_decks_are_schema_clean_and_every_run_has_both_faces(built):
    _, decks = built
    for key in ("bureau", "potx", "impress"):
        assert east_asian_missing(decks[key]) == [], key
        assert audit_pptx(decks[key]) == [], key


def test_kinds_map_to_the_templates_layouts_by_name_and_placeholders(built):
    _, decks = built
    names = [s.slide_layout.name for s in Presentation(str(decks["potx"])).slides]
    assert names[0] == "单位封面" and names[2] == "章节过渡" and "正文" in names
    names = [s.slide_layout.name for s in Presentation(str(decks["bureau"])).slides]
    assert names[0] == "Title Slide" and names[2] == "Section Header" and "Title and Content" in names


def test_theme_fonts_and_colours_of_the_template_are_kept(built):
    _, decks = built
    with zipfile.ZipFile(decks["potx"]) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
    assert 'typeface="Noto Serif CJK SC"' in theme and "9C1A1C" in theme


def test_explicit_layout_mapping_in_a_theme(tmp_path):
    theme = tmp_path / "unit.yaml"
    source = (ROOT / "assets" / "themes" / "postal-green.yaml").read_text(encoding="utf-8")
    source = source.replace("logo: ../logos/postal-green.png", f"template: {TEMPLATES / 'bureau-4x3.pptx'}")
    theme.write_text(source + "layouts:\n  achievements: Title Only\n  bullets: Title Only\n", encoding="utf-8")
    out = build(SAMPLE, tmp_path / "deck.pptx", theme_ref=str(theme)).output
    names = {s.slide_layout.name for s in Presentation(str(out)).slides}
    assert "Title Only" in names


def test_a_template_without_title_placeholders_is_refused_with_its_layouts(tmp_path):
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out), "--template", str(TEMPLATES / "no-titles.pptx")])
    assert result.exit_code == 1
    assert "no-titles.pptx" in result.output and "Title and Content [obj" in result.output
    assert "layouts: {" in result.output  # how to map them
    assert "Traceback" not in result.output and not out.exists()


def test_an_unknown_layout_name_in_the_mapping_is_named(tmp_path):
    theme = tmp_path / "unit.yaml"
    source = (ROOT / "assets" / "themes" / "postal-green.yaml").read_text(encoding="utf-8")
    source = source.replace("logo: ../logos/postal-green.png", f"template: {TEMPLATES / 'bureau-4x3.pptx'}")
    theme.write_text(source + "layouts:\n  metrics: 数据表\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(SAMPLE, tmp_path / "deck.pptx", theme_ref=str(theme))
    assert "no layout named '数据表'" in caught.value.format()
    assert "Title Only" in caught.value.format()


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_template_gets_a_clear_message(tmp_path, content):
    bad = tmp_path / "unit.pptx"
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "d.pptx"), "--template", str(bad)])
    assert result.exit_code == 1
    assert "unit.pptx" in result.output and "PowerPoint" in result.output
    assert "Traceback" not in result.output


def test_a_missing_template_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "d.pptx"), "--template", str(tmp_path / "nope.potx")])
    assert result.exit_code == 1 and "nope.potx" in result.output and "not found" in result.output


def test_building_on_a_template_twice_gives_the_same_bytes(built, tmp_path):
    _, decks = built
    again = build(SAMPLE, tmp_path / "again.pptx", template=TEMPLATES / "unit-16x10.potx").output
    assert again.read_bytes() == decks["potx"].read_bytes()


def test_an_outline_names_its_template_relative_to_itself(tmp_path):
    import shutil

    shutil.copy(TEMPLATES / "unit-16x10.potx", tmp_path / "单位模板.potx")
    shutil.copytree(SAMPLE.parent / "images", tmp_path / "images")  # the sample's photos, relative to it
    outline = tmp_path / "talk.yaml"
    outline.write_text("template: 单位模板.potx\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(tmp_path / "talk.pptx")])
    assert result.exit_code == 0, result.output
    assert Presentation(str(tmp_path / "talk.pptx")).slides[0].slide_layout.name == "单位封面"
    outline.write_text("template: 没有这个.potx\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(outline)])
    assert result.exit_code == 1
    assert f"{outline}:1:11: error: template file not found" in result.stdout


def test_template_option_on_build_and_watch(tmp_path):
    from deckgen.watch import build_once

    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out), "--template", str(TEMPLATES / "bureau-4x3.pptx")])
    assert result.exit_code == 0, result.output
    assert Presentation(str(out)).slide_layouts[0].name == "Title Slide"
    lines: list[str] = []
    assert build_once(SAMPLE, tmp_path / "watched.pptx", echo=lines.append, template=TEMPLATES / "unit-16x10.potx")
    assert Presentation(str(tmp_path / "watched.pptx")).slide_layouts[0].name == "单位封面"
    help_text = CliRunner().invoke(cli, ["preview", "--help"]).output
    assert "--template" in help_text


def test_size_is_ignored_with_a_template_and_says_so(tmp_path):
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(out), "--size", "4:3", "--template", str(TEMPLATES / "unit-16x10.potx")])
    assert result.exit_code == 0, result.output
    assert "--size 4:3 is ignored: the template unit-16x10.potx sets the slide size" in result.output
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9144000, 5715000)  # 16:10 as the template


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    import deckgen.theme.package as package_module

    package_module._cleaned.cache_clear()  # the bureau template was checked at the full limit
    monkeypatch.setattr(package_module, "MAX_UNPACKED_BYTES", 10_000)  # the bureau template unpacks to more
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "d.pptx"), "--template", str(TEMPLATES / "bureau-4x3.pptx")])
    assert result.exit_code == 1 and "unpacks to more than" in result.output
    assert "Traceback" not in result.output


def test_a_deck_is_never_written_over_its_template(tmp_path):
    import shutil

    template = tmp_path / "unit.pptx"
    shutil.copy(TEMPLATES / "bureau-4x3.pptx", template)
    before = template.read_bytes()
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(template), "--template", str(template)])
    assert result.exit_code == 1 and "template" in result.output
    assert template.read_bytes() == before


def test_watch_rebuilds_when_the_outlines_template_is_saved(tmp_path):
    from deckgen.watch import watched_files

    outline = tmp_path / "talk.yaml"
    outline.write_text("template: 单位模板.potx\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert tmp_path / "单位模板.potx" in watched_files(outline, None, None)


def test_a_layouts_key_maps_only_the_kind_it_names(tmp_path):
    from deckgen.outline.loader import load_outline

    theme = tmp_path / "unit.yaml"
    theme.write_text(
        f"name: unit\ntemplate: {TEMPLATES / 'unit-16x10.potx'}\nlayouts: {{achievements: 仅标题, bullets: Content with Caption}}\n",
        encoding="utf-8",
    )
    out = build(SAMPLE, tmp_path / "mapped.pptx", theme_ref=str(theme)).output
    kinds = {s.title: s.kind for p in load_outline(SAMPLE).deck.parts for s in p.slides}
    on = {}
    for slide in Presentation(str(out)).slides:
        title = slide.shapes.title.text_frame.text.removesuffix("（续）") if slide.shapes.title is not None else ""
        if title in kinds:
            on.setdefault(kinds[title], set()).add(slide.slide_layout.name)
    assert on["achievements"] == {"仅标题"} and on["bullets"] == {"Content with Caption"}
    assert on["statement"] == {"正文"} and on["metrics"] == {"正文"}  # kinds left to the automatic choice


def test_a_slide_added_by_hand_looks_like_the_decks_own(rendered):
    """New Slide on 标题和内容: title and bullets take the master's text styles, which
    must be the deck's (left-aligned brand title, body sizes, a brand marker), not
    python-pptx's centred 44 pt title and 32 pt Arial bullets."""
    import pdfplumber

    from deckgen.theme.loader import load_theme

    theme = load_theme("postal-green")
    report = rendered["ours-added"]
    assert report.ok, report.summary()
    body = theme.size("body").max_pt
    assert report.sizes_by_slide[1] == sorted({theme.size("title").max_pt, body, round(body * 0.6, 1)})  # title, bullets, markers
    prs = Presentation(str(report.pptx))
    title = prs.slides[0].shapes.title
    with pdfplumber.open(report.pdf) as pdf:
        page = pdf.pages[0]
        kx = float(page.width) / prs.slide_width
        chars = page.chars
    title_chars = [c for c in chars if c["text"] == NEW_TITLE[0]]
    assert title_chars and title_chars[0]["x0"] < (title.left + Pt(20)) * kx  # left-aligned, not centred
    markers = [c for c in chars if c["text"] == "■"]
    assert len(markers) == len(NEW_BULLETS)
    primary = tuple(int(theme.color("primary")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    assert all(tuple(round(v, 2) for v in m["non_stroking_color"]) == tuple(round(v, 2) for v in primary) for m in markers)
