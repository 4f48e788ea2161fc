"""A template's own placeholder styles are read and kept (issue 15, point 3).

The insets and alignment each placeholder gets from its layout, its master
placeholder or the master's text styles are what deckgen measures text with and
writes; the real templates in ../shared/templates differ in both (LibreOffice
writes no insets at all, PowerPoint centres a title slide's title).
"""

from __future__ import annotations

from pathlib import Path

from deckgen.layout.base import base_plan
from deckgen.layout.frame import Frame, open_stage
from deckgen.theme.loader import load_theme, with_template
from deckgen.theme.template import read_template
from shared_material import require, shared

SHARED = shared("templates")
GENERATED = Path(__file__).resolve().parents[1] / "data" / "templates"


def _base(template: Path):
    return base_plan(with_template(load_theme("postal-green"), template))


def test_a_libreoffice_template_without_insets_keeps_them_at_zero():
    """chtsai's every placeholder states lIns=rIns=tIns=bIns=0: its text starts at the
    placeholder's edge. Measured and written with PowerPoint's 7.2 pt, every title
    would start 7.2 pt in and wrap 14.4 pt early."""
    path = SHARED / "chtsai-xuhai-lo.pptx"
    require(path)
    info = read_template(path)
    content = info.layout("Title, Content")
    assert content is not None
    assert {ph.insets for ph in content.placeholders} == {(0.0, 0.0, 0.0, 0.0)}
    frame = Frame.for_layout(_base(path), "content")
    assert (frame.title_insets.left, frame.title_insets.right, frame.title_insets.top) == (0.0, 0.0, 0.0)


def test_a_title_slides_own_alignment_is_kept():
    """nyush's title slide centres its title (algn="ctr" on the layout's placeholder),
    thu's sets it left (algn="l"): each cover keeps its own; content titles follow
    the master's title style (left on both)."""
    for name, cover in (("nyush-template.potx", "center"), ("thu-v1-dark-4x3.pptx", "left")):
        path = SHARED / name
        require(path)
        base = _base(path)
        assert Frame.for_layout(base, "cover").title_align == cover, name
        assert Frame.for_layout(base, "content").title_align == "left", name


def test_insets_not_stated_on_a_layout_come_from_its_master_placeholder():
    """A generated template (python-pptx's default master) states 7.2 / 3.6 pt on the
    master only; its layouts inherit them."""
    info = read_template(GENERATED / "filled-title.pptx")
    title = info.layouts[1].of_type("title")[0]
    assert title.insets == (7.2, 7.2, 3.6, 3.6)


def test_a_cover_on_a_title_bar_layout_gets_the_open_area_and_a_section_layout_is_preferred():
    """shtu has no title-slide layout with a title placeholder: its cover and closing
    go on its section layout (节标题, the red art with the emblem), not on a content
    layout's title bar. chtsai's title slide is a bar at the top over an empty page:
    the cover's title is set in the open area under it."""
    shtu = SHARED / "shtu-template.pptx"
    chtsai = SHARED / "chtsai-xuhai-lo.pptx"
    require(shtu)
    base = _base(shtu)
    assert base.layouts["cover"].name == "节标题"
    assert base.layouts["closing"].name == "节标题"
    assert base.layouts["content"].name == "标题和内容"
    frame = Frame.for_layout(_base(chtsai), "cover")
    stage = open_stage(frame)
    assert stage is not None and stage.y >= frame.title.bottom and stage.h > frame.height * 0.5
    assert open_stage(Frame.for_layout(base, "cover")) is None  # a section layout's title is a display title


def test_a_layout_whose_stamp_leaves_too_little_room_gives_way_to_a_roomier_one():
    """stamped-content's Title and Content layout carries a 230 pt stamp in the middle
    of its body: stepping around it would leave content a third of the page. Content,
    data and card slides go on the master's Title Only layout, whose page is free, and
    their body keeps clear of the master's emblem."""
    base = _base(GENERATED / "stamped-content.pptx")
    info = read_template(GENERATED / "stamped-content.pptx")
    stamp = next(d for d in info.layout("Title and Content").scenery.decorations if d.name == "Stamp")
    for role in ("content", "data", "cards", "agenda"):
        layout = base.layouts[role]
        assert layout.name == "Title Only", role
        body = Frame.for_layout(base, role).body
        assert body.h > info.height_pt * 0.5 and body.w > info.width_pt * 0.8, role
    # A template whose content layout has room keeps it.
    assert _base(GENERATED / "filled-title.pptx").layouts["content"].name == "Title and Content"
    assert stamp.w > 200


def test_a_shape_filled_by_its_style_takes_the_themes_fill_style():
    """shtu's agenda band (3_含内容) is filled by ``fillRef idx="2"`` in accent6
    (#A40006): the theme's second fill style is a gradient tinted 67-81 % towards
    white, which every viewer draws rose, not the dark red the reference names.
    Read as solid #A40006, white titles were chosen for it and drawn at 2.9:1."""
    from deckgen.theme.colour import luminance

    path = SHARED / "shtu-template.pptx"
    require(path)
    band = next(d for d in read_template(path).layout("3_含内容").scenery.decorations if d.name == "矩形 9")
    assert band.paint is not None and band.paint.kind == "gradient"
    assert all(luminance(color) > 2 * luminance("A40006") for _pos, color in band.paint.stops)


def test_a_section_titles_own_anchor_is_kept():
    """nyush's section title sits at the bottom of its grey panel (anchor="b" on the
    layout), its content titles in the middle of the bar (the master's anchor="ctr")."""
    path = SHARED / "nyush-template.potx"
    require(path)
    base = _base(path)
    assert Frame.for_layout(base, "divider").title_anchor == "bottom"
    assert Frame.for_layout(base, "content").title_anchor == "middle"


def test_the_body_styles_bullet_is_read_with_symbol_fonts_drawn_as_unicode():
    """thu's body bullet is a Wingdings 2 character (U+F0A1, drawn by no font we have)
    in bg1 at 85 % at 92 % of the text: read as a square in D9D9D9 at 0.92. shtu's
    branded master (its second) and nyush's set a plain • in the text's colour.
    chtsai's content master draws picture bullets: no character to take."""
    expected = {
        "thu-v1-dark-4x3.pptx": ("■", "D9D9D9", 0.92),
        "shtu-template.pptx": ("•", None, 1.0),
        "nyush-template.potx": ("•", None, 1.0),
    }
    for name, (char, color, size) in expected.items():
        path = SHARED / name
        require(path)
        bullet = read_template(path).bullet
        assert bullet is not None, name
        assert (bullet.char, bullet.color, bullet.size) == (char, color, size), name
    path = SHARED / "chtsai-xuhai-lo.pptx"
    require(path)
    assert read_template(path).bullet is None
