"""What lies behind a text is sampled at the cost of what varies there (the contrast
review samples every text box of a deck): same colours as asking point by point."""

from __future__ import annotations

import math
import random

import pytest

from deckgen.layout import backdrop
from deckgen.layout.backdrop import Ground, Layer, ratio_over
from deckgen.layout.elements import Rect
from deckgen.theme.colour import contrast
from deckgen.theme.scenery import Paint

BOX = Rect(100, 80, 400, 120)


def _point_by_point(ground: Ground, rect: Rect, below: list[Layer]) -> list[str]:
    nx = min(max(int(rect.w / backdrop.SAMPLE_PT), 2), 60)
    ny = min(max(int(rect.h / backdrop.SAMPLE_PT), 2), 30)
    out = []
    for j in range(ny):
        y = rect.y + rect.h * (j + 0.5) / ny
        for i in range(nx):
            x = rect.x + rect.w * (i + 0.5) / nx
            if 0 <= x <= ground.width and 0 <= y <= ground.height:
                out.append(ground.color_at(x, y, below))
    return out


def _grounds():
    solid = Paint("solid", color="F4F1EA")
    gradient = Paint("gradient", stops=((0.0, "FFFFFF"), (1.0, "1F3A5F")), angle=0.0)
    card = Layer(Rect(90, 70, 420, 140), color="FFFFFF")  # a card the box sits on
    veil = Layer(Rect(0, 0, 960, 540), paint=Paint("solid", color="000000", alpha=0.4))
    band = Layer(Rect(0, 150, 960, 20), paint=Paint("solid", color="C00000"))  # across part of the box
    disc = Layer(Rect(80, 60, 200, 200), color="2255AA", ellipse=True)
    far = Layer(Rect(700, 400, 100, 100), color="000000")  # nowhere near the box
    return {
        "plain slide": (Ground(960, 540, solid), []),
        "plain card": (Ground(960, 540, solid, [veil]), [card, far]),
        "band across": (Ground(960, 540, solid, [band]), []),
        "disc": (Ground(960, 540, None), [disc]),
        "gradient": (Ground(960, 540, gradient), [far]),
        "off the slide": (Ground(960, 540, solid), []),
    }


@pytest.mark.parametrize("name", list(_grounds()))
def test_samples_are_the_colours_point_by_point(name):
    ground, below = _grounds()[name]
    rect = Rect(900, 500, 200, 100) if name == "off the slide" else BOX
    assert ground.colors_under(rect, below) == _point_by_point(ground, rect, below)


def test_a_box_on_plain_ground_is_sampled_once(monkeypatch):
    """A text on a plain card on a plain slide: one colour worked out, not one per sample."""
    ground, below = _grounds()["plain card"]
    calls = []
    real = Ground._color_at
    monkeypatch.setattr(Ground, "_color_at", lambda self, *a: calls.append(a) or real(self, *a))
    samples = ground.colors_under(BOX, below)
    assert len(samples) > 100 and len(set(samples)) == 1
    assert len(calls) == 1
    calls.clear()
    ground, below = _grounds()["band across"]  # a band across the box: every sample asked
    assert len(set(ground.colors_under(BOX, below))) == 2
    assert len(calls) > 100


def test_ratio_over_is_the_share_of_samples_reached():
    rng = random.Random(7)
    palette = ["FFFFFF", "F4F1EA", "1F3A5F", "C00000", "777777", "000000"]
    for _ in range(200):
        samples = [rng.choice(palette) for _ in range(rng.randint(1, 300))]
        color, coverage = rng.choice(palette), rng.choice([0.85, 1.0, 0.5])
        ratios = sorted(contrast(color, g) for g in samples)
        expected = ratios[min(int(math.floor((1 - coverage) * len(ratios))), len(ratios) - 1)]
        assert ratio_over(color, samples, coverage) == expected
    assert ratio_over("000000", []) == 21.0
