"""The base: layouts generated for a theme, or a template's layouts mapped to slide kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import records
from deckgen.errors import InputError
from deckgen.layout.base import KIND_ROLES, ROLE_NAMES, base_plan, generated_base
from deckgen.layout.frame import Frame
from deckgen.theme.loader import load_theme, with_slide_size
from deckgen.theme.template import Box, Placeholder, TemplateInfo, TemplateLayout


def _layout(name: str, *phs: tuple[str, Box | None], kind: str = "", position: int = 0) -> TemplateLayout:
    return TemplateLayout(name, tuple(Placeholder(t, i, t, box) for i, (t, box) in enumerate(phs)), kind, position)


def _theme_on(*layouts: TemplateLayout, mapping: dict | None = None):
    layouts = tuple(records.replace(lay, position=n) for n, lay in enumerate(layouts))
    info = TemplateInfo(Path("unit.potx"), 960.0, 540.0, list(layouts))
    return records.replace(load_theme("postal-green"), template=Path("unit.potx"), template_info=info, layouts=mapping or {})


TITLE = ("title", Box(40, 20, 880, 80))
BODY = ("body", Box(40, 120, 880, 360))
FOOTER = ("ftr", Box(300, 500, 360, 24))
NUMBER = ("sldNum", Box(800, 500, 120, 24))


def test_a_generated_base_has_the_seven_named_layouts_and_master_chrome():
    base = generated_base(load_theme("postal-green"))
    assert [lay.name for lay in base.layouts.values()] == list(ROLE_NAMES.values())
    assert {e.name for e in base.master_elements} >= {"Logo", "Title accent", "Title rule"}
    assert base.master.number.type == "sldNum" and base.master.footer.type == "ftr" and base.master.date.type == "dt"
    for role in ("cover", "divider", "closing"):
        assert base.layouts[role].show_master is False
    assert all(base.for_kind(kind) for kind in KIND_ROLES)


def test_generated_boxes_follow_the_slide_size():
    wide = Frame.for_theme(load_theme("postal-green"))
    narrow = Frame.for_theme(with_slide_size(load_theme("postal-green"), "4:3"))
    assert wide.width == 960 and narrow.width == 720
    assert narrow.body.right <= 720 - 36 and wide.body.right <= 960 - 48


def test_kinds_go_to_layouts_by_name_first():
    theme = _theme_on(
        _layout("空白", FOOTER),
        _layout("标题幻灯片", ("ctrTitle", Box(60, 150, 840, 120)), ("subTitle", Box(120, 300, 720, 100))),
        _layout("两栏内容", TITLE, ("obj", Box(40, 120, 420, 360)), ("obj", Box(500, 120, 420, 360))),
        _layout("标题和内容", TITLE, ("obj", Box(40, 120, 880, 360)), FOOTER, NUMBER),
        _layout("节标题", ("title", Box(60, 280, 840, 100)), ("body", Box(60, 180, 840, 90))),
        _layout("结束页", ("title", Box(60, 200, 840, 120))),
    )
    base = base_plan(theme)
    assert base.layouts["cover"].name == "标题幻灯片"
    assert base.layouts["content"].name == "标题和内容"  # not 两栏内容: one body, the largest
    assert base.layouts["divider"].name == "节标题"
    assert base.layouts["closing"].name == "结束页"
    assert base.layouts["data"].name == "标题和内容"  # no 数据 layout: content's
    assert base.layouts["content"].number.type == "sldNum"


def test_kinds_go_to_layouts_by_placeholders_when_names_say_nothing():
    theme = _theme_on(
        _layout("A", ("ctrTitle", Box(60, 150, 840, 120)), kind="title"),
        _layout("B", TITLE, BODY, kind="obj"),
        _layout("C", ("title", Box(60, 280, 840, 100)), kind="secHead"),
    )
    base = base_plan(theme)
    assert (base.layouts["cover"].name, base.layouts["content"].name, base.layouts["divider"].name) == ("A", "B", "C")
    assert base.layouts["closing"].name == "A"


def test_an_explicit_mapping_wins_for_the_kind_it_names_only():
    theme = _theme_on(_layout("正文", TITLE, BODY), _layout("仅标题", TITLE), mapping={"achievements": "仅标题"})
    base = base_plan(theme)
    assert base.for_kind("achievements").name == "仅标题"
    for kind in ("bullets", "statement", "focus-area", "metrics", "focus-areas"):
        assert base.for_kind(kind).name == "正文", kind


def test_kinds_of_one_role_map_to_different_layouts():
    theme = _theme_on(
        _layout("正文", TITLE, BODY), _layout("V3", TITLE, BODY), _layout("竖排", TITLE, BODY), _layout("标题幻灯片", ("ctrTitle", Box(60, 150, 840, 120))),
        mapping={"achievements": "V3", "bullets": "竖排", "cover": "标题幻灯片"},
    )
    base = base_plan(theme)
    names = {kind: base.for_kind(kind).name for kind in KIND_ROLES}
    assert names["achievements"] == "V3" and names["bullets"] == "竖排"
    assert names["statement"] == names["focus-area"] == names["metrics"] == "正文"
    assert names["title"] == "标题幻灯片"


def test_a_mapped_layout_without_a_title_is_refused_by_name():
    theme = _theme_on(_layout("正文", TITLE, BODY), _layout("图片", BODY), mapping={"bullets": "图片"})
    with pytest.raises(InputError) as caught:
        base_plan(theme)
    assert "layouts: bullets: layout '图片' has no title placeholder" in caught.value.format()


def test_a_body_over_the_title_is_cut_clear_of_it():
    theme = _theme_on(_layout("Title, Content", ("title", Box(54, 168, 612, 116)), ("obj", Box(36, 126, 648, 313))))
    body = base_plan(theme).layouts["content"].body.rect
    assert body.y >= 168 + 116  # below the title: the larger part
    assert body.bottom <= 126 + 313


def test_a_body_running_into_the_footer_stops_above_it():
    theme = _theme_on(_layout("正文", TITLE, ("body", Box(40, 120, 880, 400)), FOOTER))
    body = base_plan(theme).layouts["content"].body.rect
    assert body.bottom <= 500


def test_missing_and_unknown_layouts_are_refused_with_the_layouts_listed():
    with pytest.raises(InputError) as caught:
        base_plan(_theme_on(_layout("只有正文", BODY), mapping={"metrics": "表格"}))
    message = caught.value.format()
    assert "no layout named '表格'" in message
    assert "none of its layouts has a title placeholder" in message
    assert "只有正文 [body]" in message and "layouts: {" in message
    with pytest.raises(InputError) as caught:
        base_plan(_theme_on(_layout("正文", TITLE, BODY), mapping={"diagram": "正文"}))
    assert "unknown slide kind 'diagram'" in caught.value.format()


def test_latin_names_match_as_words():
    theme = _theme_on(
        _layout("Title Slide", ("ctrTitle", Box(60, 150, 840, 120)), kind="title"),
        _layout("Agenda", TITLE, BODY),
        _layout("Title and Content", TITLE, BODY, kind="obj"),
    )
    base = base_plan(theme)
    assert base.layouts["agenda"].name == "Agenda"
    assert base.layouts["closing"].name == "Title Slide"  # "end" is not in "Agenda"
