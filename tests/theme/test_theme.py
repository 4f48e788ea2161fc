"""Themes are data: built-ins load, broken theme files are reported line by line."""

from __future__ import annotations

import textwrap

import pytest

from deckgen.build import build
from deckgen.errors import InputError
from deckgen.theme.loader import builtin_themes, load_theme, load_theme_file

GOOD = """
name: mine
slide_size: "4:3"
colors:
  primary: "#123456"
  primary_dark: "#012345"
  accent: "#AA8800"
  text: "#111111"
  muted: "#666666"
  background: "#FFFFFF"
  surface: "#F4F4F4"
  on_primary: "#FFFFFF"
  placeholder: "#CC0000"
  rule: "#DDDDDD"
fonts:
  latin: Noto Sans CJK SC
  east_asian: Noto Sans CJK SC
"""


def test_builtin_themes_load_with_their_own_logos():
    names = builtin_themes()
    assert {"postal-green", "gov-red"} <= set(names)
    for name in names:
        theme = load_theme(name)
        assert theme.logo is not None and theme.logo.is_file()
        assert theme.size("title").min_pt >= 28 and theme.size("body").min_pt >= 18
        assert theme.size("table").min_pt >= 14 and theme.size("footer").min_pt >= 10
    assert load_theme().name == "postal-green"


def test_the_shipped_logos_are_sound_so_a_build_need_not_decode_them(tmp_path):
    """A build trusts deckgen's own logos (decoding one imports Pillow's PNG reader on
    every first build); this test decodes every one of them instead. A copy elsewhere
    is checked as any logo is."""
    from deckgen.theme.loader import _decoded_image_problem, assets_dir, image_problem

    logos = sorted((assets_dir() / "logos").glob("*.png"))
    assert logos and {theme.logo for theme in map(load_theme, builtin_themes())} <= set(logos)
    for logo in logos:
        assert _decoded_image_problem(logo) is None, logo
        assert image_problem(logo) is None
    copy = tmp_path / logos[0].name
    copy.write_bytes(logos[0].read_bytes()[:200])  # a truncated copy of our own logo
    assert "truncated" in (image_problem(copy) or "")


def test_theme_by_path_and_slide_size(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    theme = load_theme(str(path))
    assert theme.slide_size == "4:3" and theme.slide_width_pt == 720
    assert theme.color("primary") == "123456"
    assert theme.logo is None


def test_broken_theme_reports_every_problem_with_lines(tmp_path):
    text = GOOD.replace('"#123456"', '"green"').replace('"4:3"', '"21:9"') + "logo: nowhere.png\nsizes:\n  body: [12, 20]\n"
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    found = [i.format() for i in caught.value.issues]
    assert any(":3:" in m and "slide_size must be 16:9 or 4:3" in m for m in found)
    assert any(":5:" in m and "colour 'primary' must be #RRGGBB" in m for m in found)
    assert any("logo file not found" in m for m in found)
    assert any("min ≥ 18 pt" in m for m in found)


def test_unknown_theme_in_outline_is_reported_at_its_line(tmp_path):
    outline = tmp_path / "talk.yaml"
    outline.write_text(textwrap.dedent("""
        title: 测试
        theme: postal-gren
        parts:
          - title: 一
    """).lstrip(), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(outline, tmp_path / "out.pptx")
    (issue,) = caught.value.issues
    assert issue.format().startswith(f"{outline}:2:8: unknown theme 'postal-gren'")
    assert "postal-green" in issue.message
    assert not (tmp_path / "out.pptx").exists()


def test_theme_file_next_to_outline(tmp_path):
    (tmp_path / "mine.yaml").write_text(GOOD, encoding="utf-8")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: 测试\ntheme: mine.yaml\nparts:\n  - title: 一\n", encoding="utf-8")
    result = build(outline, tmp_path / "out.pptx")
    assert result.slides == 4  # title, agenda, divider, closing


def test_logo_must_be_an_image_and_templates_must_name_known_fields(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg/>", encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + 'logo: logo.svg\nfooter: "{organization}  {date}"\nslide_number: "{n} / {total"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    found = [i.format() for i in caught.value.issues]
    assert any("logo must be a PNG or JPEG image" in m for m in found)
    assert any("footer names unknown field {organization}" in m for m in found)
    assert any("slide_number is not a valid template" in m for m in found)


def test_a_theme_file_missing_keys_is_called_a_theme(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("name: mine\n", ""), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    (issue,) = caught.value.issues
    assert "the theme is missing the required key 'name'" in issue.message
    assert "outline" not in issue.message


def test_a_theme_without_a_template_must_give_colours_and_fonts(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text("name: bare\ncolors:\n  primary: '#123456'\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    found = [i.message for i in caught.value.issues]
    assert any("colors is missing the role 'muted'" in m and "template" in m for m in found)
    assert any("the theme is missing the required key 'fonts'" in m for m in found)


def test_a_theme_on_a_template_takes_colours_and_fonts_from_it(tmp_path):
    import shutil
    from pathlib import Path

    templates = Path(__file__).resolve().parents[1] / "data" / "templates"
    shutil.copy(templates / "bureau-4x3.pptx", tmp_path / "unit.pptx")
    path = tmp_path / "unit.yaml"
    path.write_text("name: unit\ntemplate: unit.pptx\n", encoding="utf-8")
    theme = load_theme_file(path)
    assert theme.color("primary") == "144696" and theme.color("text") == "000000"  # accent1, dk1
    assert theme.color("muted") == "595959" and theme.color("placeholder") == "D2400A"  # documented defaults
    assert theme.latin_font == "Arial" and theme.east_asian_font == "Noto Sans CJK SC"
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: 测试\ntheme: unit.yaml\nparts:\n  - title: 一\n", encoding="utf-8")
    assert build(outline, tmp_path / "out.pptx").slides == 4


@pytest.mark.parametrize("style", ["第{n}页，共{total}页", "{n} / {total}"])
def test_a_slide_number_with_a_total_is_refused_at_its_line(tmp_path, style):
    path = tmp_path / "total.yaml"
    path.write_text(GOOD + f'slide_number: "{style}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    (issue,) = caught.value.issues
    assert issue.line == GOOD.count("\n") + 1 and issue.path == "slide_number"
    assert "{total}" in issue.message and "第{n}页" in issue.message


def test_builtin_themes_and_the_documented_styles_load():
    for name in builtin_themes():
        assert "{total}" not in load_theme(name).slide_number


def test_slide_number_style_is_written_whole(tmp_path):
    from pptx import Presentation

    path = tmp_path / "mine.yaml"
    path.write_text(GOOD + 'slide_number: "第{n}页"\n', encoding="utf-8")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: 测试\ntheme: mine.yaml\nparts:\n  - title: 一\n", encoding="utf-8")
    build(outline, tmp_path / "out.pptx")
    divider = Presentation(str(tmp_path / "out.pptx")).slides[2]
    numbers = [s.text_frame.text for s in divider.placeholders if s.placeholder_format.type is not None and "SLIDE_NUMBER" in str(s.placeholder_format.type)]
    assert numbers == ["第3页"]


def test_layout_keys_name_one_kind_and_conflicts_are_refused_at_their_line(tmp_path):
    path = tmp_path / "mapped.yaml"
    path.write_text(GOOD + "layouts:\n  cover: 封面\n  title: 标题幻灯片\n  content: 正文\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    found = {i.path: i for i in caught.value.issues}
    assert "title slide twice" in found["layouts.cover"].message and found["layouts.cover"].line == GOOD.count("\n") + 2
    assert "unknown key 'content' in layouts" in found["layouts.content"].message
    assert "achievements" in found["layouts.content"].message  # the kinds it may name


def _run_faces(pptx_path):
    """(east-asian face, bold, size pt, text, colour) of every run on the slides."""
    import re
    import zipfile

    out = []
    with zipfile.ZipFile(pptx_path) as z:
        for name in z.namelist():
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                xml = z.read(name).decode()
                for m in re.finditer(
                    r'<a:rPr [^>]*sz="(\d+)" b="(\d)"[^>]*>(?:<a:solidFill><a:srgbClr val="(\w+)"/></a:solidFill>)?'
                    r'<a:latin[^>]*/><a:ea typeface="([^"]+)"/>.*?</a:rPr><a:t>([^<]*)</a:t>', xml):
                    out.append((m.group(4), m.group(2) == "1", int(m.group(1)) / 100, m.group(5), m.group(3)))
    return out


def test_gov_red_sets_bold_and_small_text_in_heiti_and_only_running_text_in_fangsong(tmp_path):
    # The review: bold headlines in 仿宋 (no bold, thin on a projector), serif numbers.
    from pathlib import Path

    theme = load_theme("gov-red")
    assert theme.body_from_pt == 20 and theme.heading_east_asian_font == "黑体"
    sample = Path(__file__).resolve().parents[2] / "decks" / "postal-2024.yaml"
    build(sample, tmp_path / "red.pptx", theme_ref="gov-red")
    runs = _run_faces(tmp_path / "red.pptx")
    bold = [r for r in runs if r[1]]
    assert bold and all(face == "+mj-ea" for face, *_ in bold)  # headlines, numbers, KPI values: 黑体
    assert all(face == "+mj-ea" for face, is_bold, size, *_ in runs if size < 20)
    body = [r for r in runs if not r[1] and r[2] >= 20 and r[4] != "FFFFFF"]
    assert body and all(face == "+mn-ea" for face, *_ in body)  # running text: 仿宋
    # Review 2 (R33, G22, P10): thin white 仿宋 on the red closing band read poorly.
    reversed_out = [r for r in runs if r[4] == "FFFFFF"]
    assert any("紧密团结" in r[3] for r in reversed_out)  # the closing text
    assert all(face == "+mj-ea" for face, *_ in reversed_out)  # white on red: 黑体
    # Themes without the setting keep headlines and small text in the body faces
    # (only titles take the heading faces there).
    build(sample, tmp_path / "green.pptx", theme_ref="postal-green")
    green = [r for r in _run_faces(tmp_path / "green.pptx") if r[2] < 28]
    assert any(r[1] for r in green) and all(face == "+mn-ea" for face, *_ in green)


def test_body_from_pt_must_be_a_size(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + "  body_from_pt: big\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_theme_file(path)
    assert any("body_from_pt must be a size in points" in i.format() for i in caught.value.issues)


def test_gov_red_sets_its_fangsong_details_darker_than_its_grey_labels():
    # Review 2 item 9: 仿宋 detail lines in the muted grey were lighter than the body and thin.
    red = load_theme("gov-red")
    assert red.detail_color(16) == red.color("muted")  # small text is 黑体: the muted grey stays
    darker = red.detail_color(21)
    channels = [int(darker[i:i + 2], 16) for i in (0, 2, 4)]
    muted = [int(red.color("muted")[i:i + 2], 16) for i in (0, 2, 4)]
    text = [int(red.color("text")[i:i + 2], 16) for i in (0, 2, 4)]
    assert all(t <= c < m for c, m, t in zip(channels, muted, text))  # between body text and the grey
    green = load_theme("postal-green")
    assert green.detail_color(21) == green.color("muted")  # no thin face: unchanged


@pytest.mark.parametrize("name", ["postal-green", "gov-red", "postal-green-noto", "gov-red-noto"])
def test_an_x_reversed_out_of_the_brand_colour_stays_readable(name):
    """An X placeholder in a divider's footer or on the closing slide sits on the brand
    colour: its highlight reaches WCAG AA for small text there (gold on green was 2.7:1)."""
    from deckgen.theme.colour import contrast
    from deckgen.theme.loader import load_theme

    theme = load_theme(name)
    highlight = theme.highlight_on_brand()
    for ground in ("primary", "primary_dark"):
        assert contrast(highlight, theme.color(ground)) >= 4.5, (name, ground, highlight)
    assert highlight != theme.color("on_primary")  # still tells the X from the text around it
