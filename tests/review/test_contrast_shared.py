"""The contrast review makes each layout's ground once and samples what lies behind a
box once per shape stack (:class:`deckgen.layout.backdrop.Grounds`): its findings are
exactly those of sampling every box of every slide afresh, on the sample deck, a pale
theme that gives findings, and real templates with pictures and gradients behind the
text; and it samples fewer points."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout import backdrop
from deckgen.layout.backdrop import low_contrast
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.review.run import review_plan
from deckgen.theme.loader import template_for_outline
from deckgen.theme.resolve import resolve_theme
from deckgen.typeset.typesetter import Typesetter
from shared_material import require, shared
from smalldecks import pale_theme

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"



def _laid_out(outline_path: Path, *, theme_ref: str | None = None, template: Path | None = None):
    outline = load_outline(outline_path)
    theme = template_for_outline(resolve_theme(outline, theme_ref, None), outline, template)
    return outline, plan_deck(outline.deck, theme, Typesetter(theme)), theme


def _counting_samples(monkeypatch) -> list[int]:
    """Count the points sampled behind text (calls of Ground._color_at)."""
    calls = [0]
    original = backdrop.Ground._color_at

    def counted(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(backdrop.Ground, "_color_at", counted)
    return calls


CASES = {
    "sample": {},
    "shtu-template": {"template": ("shared", "shtu-template.pptx")},  # background picture, emblem, two masters
    "thu-dark": {"template": ("shared", "thu-v1-dark-4x3.pptx")},  # a dark master background
    "dark-picture": {"template": ("tests", "dark-picture.pptx")},
}


def _options(key: str) -> dict:
    where = CASES[key].get("template")
    if where is None:
        return {}
    folder, name = where
    return {"template": require(shared("templates", name)) if folder == "shared" else ROOT / "tests" / "data" / "templates" / name}


@pytest.mark.parametrize("key", sorted(CASES))
def test_shared_grounds_give_the_findings_of_sampling_every_box_afresh(key, monkeypatch):
    _outline, plan, theme = _laid_out(SAMPLE, **_options(key))
    calls = _counting_samples(monkeypatch)
    fresh = low_contrast(plan, theme, shared=False)
    fresh_samples, calls[0] = calls[0], 0
    reused = low_contrast(plan, theme)
    assert reused == fresh
    assert calls[0] < fresh_samples  # the same answers for less sampling


def test_a_pale_theme_has_the_same_findings_either_way(tmp_path):
    outline, plan, theme = _laid_out(SAMPLE, theme_ref=str(pale_theme(tmp_path)))
    fresh = low_contrast(plan, theme, shared=False)
    assert len({found.slide for found in fresh}) > 5, "light grey text on white is found on many slides"
    assert low_contrast(plan, theme) == fresh
    # and the review reports them, one a slide
    reported = [issue for issue in review_plan(outline, plan, theme=theme) if issue.kind == "contrast"]
    assert sorted(issue.slide for issue in reported) == sorted({found.slide for found in fresh})


def test_a_box_off_the_slide_has_no_samples_and_its_answer_is_kept():
    """Answers are remembered by the samples' identity: the empty samples of a box off
    the slide are one kept object, never a passing one whose identity a later box's
    samples could take."""
    from collections import Counter

    from deckgen.layout.backdrop import Ground
    from deckgen.layout.elements import Rect
    from deckgen.theme.scenery import Paint

    ground = Ground(960, 540, Paint("solid", color="FFFFFF"))
    off = ground.counted_under(Rect(2000, 0, 100, 50))
    assert off == Counter()
    assert ground.counted_under(Rect(-500, -500, 100, 50)) is off
    assert ground.counted_under(Rect(100, 100, 100, 50)) == Counter({"FFFFFF": 16 * 8})
