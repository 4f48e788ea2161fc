"""A part's ``lead``: its key sentence under the part's title on the section divider,
on the built-in themes at 16:9 and 4:3 and on real templates; checked and refused like
every other outline key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.errors import InputError
from deckgen.layout.elements import Rect, TextBox
from deckgen.layout.limits import MAX_LEAD_CHARS
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import template_for_outline
from deckgen.theme.resolve import resolve_theme
from deckgen.typeset.typesetter import Typesetter
from shared_material import require, shared

SHORT = "江山就是人民，人民就是江山"
LONG = "我国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家，国家一切权力属于人民"

OUTLINE = f"""
title: 关于分部导语的报告
organisation: 测试单位
date: 2026-01-15
parts:
  - title: 增进民生福祉，提高人民生活品质
    lead: {SHORT}
    slides:
      - {{kind: bullets, title: 民生四个方面, bullets: [完善分配制度, 实施就业优先战略, 健全社会保障体系]}}
  - title: 发展全过程人民民主，保障人民当家作主
    lead: {LONG}
    slides:
      - {{kind: bullets, title: 民主四个方面, bullets: [加强人民当家作主制度保障, 全面发展协商民主, 积极发展基层民主]}}
  - title: 推进国家安全体系和能力现代化
    slides:
      - {{kind: bullets, title: 安全四个方面, bullets: [健全国家安全体系, 增强维护国家安全能力, 完善社会治理体系]}}
"""


def _write(tmp_path: Path, text: str = OUTLINE) -> Path:
    path = tmp_path / "leads.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _plan(path: Path, *, size: str | None = None, template: Path | None = None):
    outline = load_outline(path)
    theme = template_for_outline(resolve_theme(outline, None, size), outline, template)
    return plan_deck(outline.deck, theme, Typesetter(theme))


def _box(slide, name: str) -> TextBox | None:
    found = [e for e in slide.elements if isinstance(e, TextBox) and e.name == name]
    return found[0] if found else None


def _text(box: TextBox) -> str:
    return "".join(p.text for p in box.paras).replace("\n", "")


def _overlap(one: Rect, other: Rect) -> bool:
    return one.x < other.right - 0.5 and other.x < one.right - 0.5 and one.y < other.bottom - 0.5 and other.y < one.bottom - 0.5


def _dividers(plan) -> list:
    return [s for s in plan.slides if s.kind == "divider"]


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_the_lead_stands_under_the_title_on_a_built_in_divider(tmp_path, size):
    plan = _plan(_write(tmp_path), size=size)
    first, second, third = _dividers(plan)
    for divider, lead in ((first, SHORT), (second, LONG)):
        box = _box(divider, "Part lead")
        assert box is not None, f"no lead on the divider of {divider.title}"
        assert _text(box) == lead  # whole, every character
        title = _box(divider, "Title")
        assert title is not None and box.rect.y >= title.rect.bottom  # under the title
        assert box.rect.bottom <= plan.height_pt - 52  # above the footer
        assert box.rect.right <= plan.width_pt and box.rect.x >= 0
        assert min(p.size_pt for p in box.paras) >= 18  # body size at least
        # The agenda progress follows under it, never over it.
        progress = [e for e in divider.elements if isinstance(e, TextBox) and e.name.startswith("Progress")]
        assert progress and all(e.rect.y >= box.rect.bottom for e in progress)
    assert _box(third, "Part lead") is None  # a part without a lead has none
    # One lead size on every divider, and the same title position and progress rows
    # on all of them, with a lead or without: the dividers read as one design.
    sizes = {p.size_pt for d in (first, second) for p in _box(d, "Part lead").paras}
    assert len(sizes) == 1
    assert len({_box(d, "Title").rect.y for d in (first, second, third)}) == 1
    for divider in (first, second, third):
        numbers = [e for e in divider.elements if isinstance(e, TextBox) and e.name.startswith("Progress number")]
        assert len(numbers) == 3  # this part and its neighbours
    assert not [f for f in plan.findings if f.path.endswith(".lead")]


TEMPLATES = ("chtsai-xuhai-lo.pptx", "nyush-template.potx", "shtu-template.pptx", "thu-v1-dark-4x3.pptx")


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_divider_shows_the_lead_or_says_why_not(tmp_path, name):
    """On an organisation's template the lead is set under the title (and its 第X部分
    label) clear of every other text; where the section layout leaves no room, check
    says so at the lead's line instead of covering the footer."""
    template = require(shared("templates", name))
    plan = _plan(_write(tmp_path), template=template)
    reported = {f.path for f in plan.findings if f.path.endswith(".lead")}
    shown = 0
    for index, divider in enumerate(_dividers(plan)[:2]):
        box = _box(divider, "Part lead")
        if box is None:
            assert f"parts[{index}].lead" in reported, f"{name}: the lead of part {index + 1} is neither shown nor reported"
            continue
        shown += 1
        assert _text(box) == (SHORT, LONG)[index]
        others = [e for e in divider.elements if isinstance(e, TextBox) and e is not box]
        assert not [e.name for e in others if _overlap(e.rect, box.rect)], f"{name}: the lead covers other text"
        assert box.rect.bottom <= plan.height_pt and box.rect.right <= plan.width_pt
    assert shown == 2, f"{name}: {sorted(reported)}"


@pytest.mark.parametrize("name", ["bureau-4x3.pptx", "filled-title.pptx"])
def test_a_section_layout_with_its_title_low_makes_room_for_the_lead(tmp_path, name):
    """PowerPoint's own section header sets the title just over the footer: the numeral,
    label and title move up so the two-line lead fits under them."""
    plan = _plan(_write(tmp_path), template=Path(__file__).resolve().parents[1] / "data" / "templates" / name)
    second = _dividers(plan)[1]
    box = _box(second, "Part lead")
    assert box is not None and _text(box) == LONG
    others = [e for e in second.elements if isinstance(e, TextBox) and e is not box]
    assert not [e.name for e in others if _overlap(e.rect, box.rect)]
    assert all(e.rect.y >= 0 for e in others)


def test_a_lead_of_the_wrong_type_is_reported_at_its_line(tmp_path):
    path = _write(tmp_path, OUTLINE.replace(f"lead: {SHORT}", "lead: [江山就是人民, 人民就是江山]").replace("    lead: " + LONG + "\n", "    leed: 导语\n"))
    with pytest.raises(InputError) as caught:
        load_outline(path)
    found = [i.format() for i in caught.value.issues]
    assert any(m.startswith(f"{path}:6:11: 'lead' must be text") for m in found), found
    assert any(m.startswith(f"{path}:10:5: unknown key 'leed' in part (did you mean 'lead'?)") for m in found), found


def test_a_lead_too_long_for_a_divider_is_refused_at_its_line(tmp_path):
    path = _write(tmp_path, OUTLINE.replace(SHORT, "人" * (MAX_LEAD_CHARS + 1)))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "leads.yaml:6:11:" in result.output
    assert f"part lead is too long: {MAX_LEAD_CHARS + 1} characters, at most {MAX_LEAD_CHARS}" in result.output
    assert "Traceback" not in result.output


def test_a_one_part_talk_says_its_lead_is_not_shown(tmp_path):
    """A one-part talk has no divider: check says where the lead would have gone."""
    one = "title: 短讲话\nparts:\n  - title: 一\n    lead: 江山就是人民\n    slides:\n      - {kind: bullets, title: 甲, bullets: [乙, 丙]}\n"
    path = tmp_path / "one.yaml"
    path.write_text(one, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "one.yaml:4:" in result.output and "lead is not shown" in result.output, result.output


@pytest.mark.parametrize("template", ["chtsai-xuhai-lo.pptx", "shtu-template.pptx", "nyush-template.potx", "thu-v1-dark-4x3.pptx", None])
def test_every_divider_lists_as_many_parts(tmp_path, template):
    """On chtsai a divider with a long lead had no room for the parts list while the
    others listed three parts, and those without a lead six: the dividers of one deck
    now list as many parts (as many as the one with least room), each its own part among
    them, the rows one under the other from where the list starts."""
    fourth = (
        "  - title: 加快构建新发展格局\n"
        "    slides:\n"
        "      - {kind: bullets, title: 格局三个方面, bullets: [扩大内需, 深化改革, 推进区域协调]}\n"
        "  - title: 推进国家安全体系和能力现代化"
    )
    path = _write(tmp_path, OUTLINE.replace("  - title: 推进国家安全体系和能力现代化", fourth))
    plan = _plan(path, template=require(shared("templates") / template) if template else None)
    listed = []
    for index, divider in enumerate(_dividers(plan)):
        markers = sorted((e for e in divider.elements if getattr(e, "name", "").startswith("Progress marker ")), key=lambda e: e.rect.y)
        rows = [int(e.name.rsplit(" ", 1)[1]) - 1 for e in markers]
        listed.append(len(rows))
        if rows:
            assert index in rows
            assert rows == list(range(rows[0], rows[0] + len(rows)))
            gaps = {round(b.rect.y - a.rect.y, 1) for a, b in zip(markers, markers[1:])}
            assert len(gaps) <= 1
    assert len(set(listed)) == 1, listed
