"""The review's ``contrast`` and ``covers-decoration`` kinds, held against the render.

* A pale theme (the user's own colours: deckgen does not override them) gives
  ``contrast`` findings, and on exactly the slides where LibreOffice's render of the
  same deck has glyphs under WCAG AA (measured on the pixels behind each glyph,
  :mod:`contrastcheck`); the default theme gives none, and neither does its render.
* A dark template is made readable by ``build``, so its review has no ``contrast``
  finding and neither has its render.
* A template with its emblem baked into the background picture gives
  ``covers-decoration`` on the slides whose text lies on the emblem, pointing at
  the outline line; a plain template gives none.

All decks of this module go through ONE LibreOffice run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contrastcheck import contrast_failures
from deckgen.build import build
from deckgen.cli import cli
from rendercheck import check_decks, soffice_or_skip
from shared_material import require, shared
from smalldecks import one_part_outline, pale_theme

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "tests" / "data" / "templates"
SLIDES = """\
- kind: bullets
  title: 主要成绩
  bullets:
    - 坚持以人民为中心的发展思想，持续提升寄递服务质量和水平
    - 深入推进快递进村工程，打通农村寄递物流最后一公里
- kind: statement
  title: 总体要求
  text: 坚持稳中求进工作总基调，推动行业高质量发展
- kind: metrics
  title: 主要指标
  metrics:
    - {indicator: 业务总量, value: "128", unit: 亿件}
    - {indicator: 业务收入, value: "96", unit: 亿元}
"""



def _review(outline: Path, *options: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["check", str(outline), "--json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    work = tmp_path_factory.mktemp("review-contrast")
    outline = one_part_outline(work, SLIDES, title="在全市邮政工作会议上的讲话")
    pale = pale_theme(work)
    options = {
        "pale": ["--theme", str(pale)],
        "default": [],
        "dark-template": ["--template", str(TEMPLATES / "dark-picture.pptx")],
        "baked-logo": ["--template", str(TEMPLATES / "baked-logo.pptx")],
        "bureau": ["--template", str(TEMPLATES / "bureau-4x3.pptx")],
    }
    out = {}
    for key, opts in options.items():
        theme = opts[1] if opts and opts[0] == "--theme" else None
        template = opts[1] if opts and opts[0] == "--template" else None
        deck = build(outline, work / f"{key}.pptx", theme_ref=theme, template=template).output
        out[key] = (deck, _review(outline, *opts))
    return out


@pytest.fixture(scope="module")
def rendered(cases, tmp_path_factory):
    soffice_or_skip()
    reports = check_decks([deck for deck, _ in cases.values()], tmp_path_factory.mktemp("pdf"))
    return {key: reports[deck] for key, (deck, _) in cases.items()}


def _slides(findings: list[dict], kind: str) -> set[int]:
    return {f["slide"] for f in findings if f["kind"] == kind}


def test_a_pale_theme_is_reported_where_the_render_is_under_aa(cases, rendered):
    _deck, findings = cases["pale"]
    found = _slides(findings, "contrast")
    measured = {f.slide for f in contrast_failures(rendered["pale"].pdf)}
    assert found, "light grey text on white must be reported"
    assert found == measured
    first = next(f for f in findings if f["kind"] == "contrast")
    assert "WCAG AA" in first["message"] and first["line"] > 0


@pytest.mark.parametrize("key", ["default", "dark-template", "bureau", "baked-logo"])
def test_review_and_render_agree_there_is_no_low_contrast(cases, rendered, key):
    _deck, findings = cases[key]
    assert _slides(findings, "contrast") == set()
    failures = contrast_failures(rendered[key].pdf)
    assert failures == [], "\n".join(f.format() for f in failures)


def test_text_on_an_emblem_baked_into_the_background_is_reported(cases):
    _deck, findings = cases["baked-logo"]
    covering = [f for f in findings if f["kind"] == "covers-decoration"]
    assert covering
    assert all("background picture" in f["message"] and f["line"] > 0 for f in covering)
    # the emblem sits right of centre: the statement slide's display text reaches it
    assert 3 in {f["slide"] for f in covering} or 4 in {f["slide"] for f in covering}


@pytest.mark.parametrize("key", ["default", "bureau", "dark-template"])
def test_templates_whose_text_stays_off_their_decorations_give_no_such_finding(cases, key):
    _deck, findings = cases[key]
    assert _slides(findings, "covers-decoration") == set()


def test_a_slide_number_on_a_band_of_art_moves_to_where_the_band_is_blank():
    """shtu's content layout puts its slide number on a picture as wide as the slide
    (a skyline at the left, calligraphy at the right): the number steps left to the
    band's blank middle instead of splitting 立志成才报|5|国裕民 with a white patch."""
    template = require(shared("templates", "shtu-template.pptx"))
    findings = _review(ROOT / "decks" / "postal-2024.yaml", "--template", str(template))
    numbers = [f for f in findings if f["kind"] == "covers-decoration" and "Slide number" in f["message"]]
    assert numbers == []


def test_a_slide_number_keeps_one_place_where_the_art_under_it_cannot_be_seen(tmp_path):
    """shtu's section layout draws its band's calligraphy in white (an EMF that
    LibreOffice draws on white, so deckgen cannot see it): the dividers' numbers took
    a red backdrop over 报国. They go where the content slides' numbers went, off the
    calligraphy: one place for the slide number on every slide of the deck."""
    from pptx import Presentation

    template = require(shared("templates", "shtu-template.pptx"))
    deck = tmp_path / "shtu.pptx"
    build(ROOT / "decks" / "postal-2024.yaml", deck, template=template)
    places = {}
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if shape.name == "Slide number":
                places.setdefault((shape.left, shape.width), []).append(number)
    assert len(places) == 1, places
    assert 3 in next(iter(places.values()))  # a divider's number is one of them


def test_the_background_picture_is_judged_once_per_layout_not_per_slide_and_box(tmp_path, monkeypatch):
    """Whether text lies on artwork baked into a background picture is judged cell by
    cell; a deck three times as long on the same layouts judges no more cells (chtsai's
    sample took 30 s of CPU when every slide and box judged the picture afresh)."""
    from deckgen.layout import backdrop

    judged: list[tuple[float, float]] = []
    original = backdrop.Ground._busy_cell

    def counting(self, x, y):
        judged.append((x, y))
        return original(self, x, y)

    monkeypatch.setattr(backdrop.Ground, "_busy_cell", counting)
    template = ["--template", str(TEMPLATES / "baked-logo.pptx")]
    counts, findings = [], []
    for copies in (1, 3):
        folder = tmp_path / f"x{copies}"
        folder.mkdir()
        outline = one_part_outline(folder, SLIDES * copies, title="在全市邮政工作会议上的讲话")
        judged.clear()
        found = _review(outline, *template)
        counts.append(len(judged))
        findings.append(found)
    assert counts[0] > 0
    assert counts[1] == counts[0]
    # the same findings on the slides the two decks share
    first = {(f["kind"], f["slide"]) for f in findings[0] if f["kind"] == "covers-decoration"}
    assert first and first <= {(f["kind"], f["slide"]) for f in findings[1]}


def test_no_backdrop_is_laid_over_the_decks_own_plain_shapes(tmp_path):
    """A text on one of the deck's own plain shapes (a numbered badge, a card) reads on
    that shape: a picture of the template that nobody can see under it (shtu's skyline,
    an EMF) is hidden by the shape, so no backdrop goes behind the text. The fourth
    badge of a list was drawn red inside its blue frame, the others blue."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    template = require(shared("templates", "shtu-template.pptx"))
    deck = tmp_path / "shtu.pptx"
    build(ROOT / "decks" / "postal-2024.yaml", deck, template=template)
    laid_over = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        shapes = list(slide.shapes)
        plain = [
            s for s in shapes
            if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and not s.name.endswith("backdrop") and s.fill.type == 1  # solid
        ]
        for backdrop in (s for s in shapes if s.name.endswith("backdrop")):
            for own in plain:
                if (own.left <= backdrop.left and own.top <= backdrop.top
                        and backdrop.left + backdrop.width <= own.left + own.width
                        and backdrop.top + backdrop.height <= own.top + own.height):
                    laid_over.append((number, backdrop.name, own.name))
    assert laid_over == []
