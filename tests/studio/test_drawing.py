"""The studio's slide drawings are the build's layout plan: same lines, sizes and places."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from deckgen.layout.elements import Table, TextBox
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.studio.drawing import Canvas, Faces, escape, slide_svg
from deckgen.theme.loader import template_for_outline
from deckgen.theme.resolve import resolve_theme
from deckgen.typeset.paragraphs import Para

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def laid_out(path: Path, theme_ref: str | None = None, size: str | None = None):
    outline = load_outline(path)
    theme = template_for_outline(resolve_theme(outline, theme_ref, size), outline)
    plan = plan_deck(outline.deck, theme)
    canvas = Canvas(plan.width_pt, plan.height_pt, plan.base, theme.color("text"), theme.color("background"), Faces.for_theme(theme), lambda p: f"/img/{p.path.name}")
    return plan, canvas


def drawn_lines(svg: str) -> list[tuple[str, float]]:
    root = ET.fromstring(svg)  # also proves the drawing is well-formed XML
    out = []
    for text in root.iter(f"{SVG}text"):
        spans = list(text.iter(f"{SVG}tspan"))
        if not spans:
            continue  # a chart's axis label: PowerPoint draws those from the chart's data
        out.append(("".join(s.text or "" for s in spans), float(spans[0].get("font-size", 0)) if spans else 0.0))
    return out


def plan_lines(paras: list[Para], number: int) -> list[tuple[str, float]]:
    out = []
    for para in paras:
        text = "".join(str(number) if r.field == "slidenum" else r.text for r in para.runs)
        first = next((r for r in para.runs if r.text), None)
        size = (first.size_pt if first and first.size_pt else para.size_pt) if first else para.size_pt
        out.extend((line, size) for line in text.split("\n") if line)
    return out


@pytest.fixture(scope="module")
def sample():
    return laid_out(SAMPLE)


def test_every_slide_draws_the_lines_and_sizes_layout_measured(sample):
    plan, canvas = sample
    assert len(plan.slides) > 30
    for number, slide in enumerate(plan.slides, start=1):
        svg = slide_svg(slide, number=number, total=len(plan.slides), canvas=canvas)
        expected = []
        layout = plan.base.layouts[slide.layout]
        elements = (plan.base.master_elements if layout.show_master else []) + layout.elements + slide.elements
        for element in elements:
            if isinstance(element, TextBox):
                expected += plan_lines(element.paras, number)
            elif isinstance(element, Table):
                for row in element.rows:
                    for cell in row:
                        expected += plan_lines(cell.paras, number)
        drawn = drawn_lines(svg)
        assert drawn == expected, f"slide {number} ({slide.kind})"


def test_a_wrapped_paragraph_breaks_where_the_deck_does(sample):
    plan, canvas = sample
    wrapped = [(n, e) for n, s in enumerate(plan.slides, 1) for e in s.elements if isinstance(e, TextBox) and any("\n" in p.text for p in e.paras)]
    assert wrapped, "the sample deck has wrapped paragraphs"
    number, box = wrapped[0]
    lines = [line for p in box.paras for line in p.text.split("\n") if line]
    drawn = [text for text, _ in drawn_lines(slide_svg(plan.slides[number - 1], number=number, total=len(plan.slides), canvas=canvas))]
    start = drawn.index(lines[0])
    assert drawn[start : start + len(lines)] == lines


def test_the_slide_size_is_the_decks(sample):
    plan, canvas = sample
    root = ET.fromstring(slide_svg(plan.slides[0], number=1, total=len(plan.slides), canvas=canvas))
    assert root.get("viewBox") == f"0 0 {plan.width_pt:g} {plan.height_pt:g}" == "0 0 960 540"
    four_three, canvas43 = laid_out(SAMPLE, size="4:3")
    assert ET.fromstring(slide_svg(four_three.slides[0], number=1, total=1, canvas=canvas43)).get("viewBox") == "0 0 720 540"


def test_the_slide_number_field_shows_the_slides_number(sample):
    plan, canvas = sample
    svg = slide_svg(plan.slides[4], number=5, total=len(plan.slides), canvas=canvas)
    numbers = [t for t, _ in drawn_lines(svg) if t.isdigit()]
    assert numbers == ["5"]


def test_user_text_cannot_become_markup(tmp_path):
    hostile = '<script>alert(1)</script> & "引号" \'单引号\' \x07'
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "title: '" + hostile.replace("'", "''").replace("\x07", "") + "'\nparts:\n  - title: 部分\n    slides:\n"
        "      - kind: bullets\n        title: '<img src=x onerror=alert(1)>'\n        bullets: ['a < b && c > d']\n",
        encoding="utf-8",
    )
    plan, canvas = laid_out(outline)
    for number, slide in enumerate(plan.slides, start=1):
        svg = slide_svg(slide, number=number, total=len(plan.slides), canvas=canvas)
        root = ET.fromstring(svg)
        assert {el.tag.removeprefix(SVG) for el in root.iter()} <= {"svg", "rect", "text", "tspan", "ellipse", "g", "path", "image", "clipPath", "line", "polyline"}
        assert "<script" not in svg and "<img" not in svg
    texts = "".join(t for s in plan.slides for t, _ in drawn_lines(slide_svg(s, number=1, total=1, canvas=canvas)))
    assert "<script>alert(1)</script>" in texts.replace("\n", "") or "<script>" in texts
    assert "a < b && c > d" in texts


def test_escape_is_one_function_for_text_and_attributes():
    assert escape('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
    assert escape("行\x00\x1b尾\t") == "行尾\t"
