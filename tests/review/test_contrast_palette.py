"""The contrast review does not sample behind a box whose text reads on every colour
that can lie there (:class:`deckgen.layout.backdrop._Palette`): a plain background,
the plain shapes reaching into the box, a placeholder's fill. That shortcut must never
hide a finding: whenever it says a box reads, the samples behind the box say so too,
on random grounds with gradients, pictures, translucent and round shapes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.layout import backdrop
from deckgen.layout.backdrop import Ground, Layer, _Palette, _placeholder_role, _run_color, _need, _runs, low_contrast, needed, ratio_over, text_extent
from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Cell, Fill, Rect, SlidePlan, Table, TextBox
from deckgen.theme.scenery import Paint
from deckgen.typeset.paragraphs import Insets, Para, Run

SAMPLE = Path(__file__).resolve().parents[2] / "decks" / "postal-2024.yaml"
W, H = 960.0, 540.0
# A few colours, so that text and shapes often share one (the cases that must be sampled).
COLORS = ["FFFFFF", "000000", "00703C", "EEF5F0", "1E2B24", "C8D8CE", "F5F5F5", "808080", "FFD200"]

colors = st.sampled_from(COLORS)
rects = st.builds(
    Rect,
    st.floats(-100, W, allow_nan=False), st.floats(-100, H, allow_nan=False),
    st.floats(1, 500, allow_nan=False), st.floats(1, 300, allow_nan=False),
)
plain = st.builds(lambda c: Paint("solid", color=c), colors)
paints = st.one_of(
    plain,
    st.builds(lambda c, a: Paint("solid", color=c, alpha=a), colors, st.floats(0.2, 1.0)),
    st.builds(lambda a, b, angle: Paint("gradient", stops=((0.0, a), (1.0, b)), angle=angle), colors, colors, st.sampled_from([0.0, 45.0, 90.0])),
)
# Mostly plain shapes (cards, bands), as on a built-in theme's slides: the cases the
# shortcut answers; some round, translucent, gradient or triangular ones it must not.
layers = st.one_of(
    st.builds(lambda r, c: Layer(r, color=c), rects, colors),
    st.builds(lambda r, c: Layer(r, color=c), rects, colors),
    st.builds(lambda r, c, e: Layer(r, color=c, ellipse=e), rects, colors, st.booleans()),
    st.builds(lambda r, p, g: Layer(r, paint=p, geometry=(g, 0.5, False, False)), rects, paints, st.sampled_from(["rect", "triangle", "ellipse"])),
)
texts = st.sampled_from(["数据", "Text 12", "全年完成"])
runs = st.lists(st.builds(lambda t, c, b: Run(t, bold=b, color=c), texts, st.one_of(st.none(), colors), st.booleans()), min_size=1, max_size=2)
paras = st.lists(st.builds(lambda rs, size: Para(rs, size, size * 1.3), runs, st.sampled_from([12.0, 16.0, 20.0, 28.0])), min_size=1, max_size=2)
boxes = st.builds(
    lambda r, ps, anchor, role: TextBox(r, ps, anchor=anchor, insets=Insets(), role=role),
    rects, paras, st.sampled_from(["top", "middle", "bottom"]), st.sampled_from(["body", "title", "footer", "label"]),
)
grounds = st.builds(
    lambda background, decorations, fills, text: Ground(W, H, background, decorations, fills, {"title": text, "body": text, "other": text, "footer": text}),
    st.integers(0, 5).flatmap(lambda k: st.none() if k == 0 else plain if k < 5 else paints), st.lists(layers, max_size=4),
    st.one_of(st.just({}), st.dictionaries(st.sampled_from(["title", "body", "footer"]), st.one_of(plain, paints), max_size=2)), colors,
)


@settings(max_examples=1000, deadline=None)
@given(ground=grounds, below=st.lists(layers, max_size=4), box=boxes)
def test_a_box_said_to_read_reads_on_its_samples(ground, below, box):
    palette = _Palette.of_ground(ground)
    if palette is None or not palette.box_reads(box, ground, below):
        return  # sampled as before
    extent = text_extent(box)
    samples = Counter(ground.colors_under(extent, below, _placeholder_role(box, ground)))
    coverage = ground.coverage(extent)
    for para, run in _runs(box):
        assert ratio_over(_run_color(run, box, ground), samples, coverage) >= _need(para, run)


@settings(max_examples=500, deadline=None)
@given(ground=grounds, below=st.lists(layers, max_size=4), rect=rects,
       cells=st.lists(st.tuples(st.one_of(st.none(), colors), paras), min_size=1, max_size=4))
def test_a_table_said_to_read_reads_on_its_samples(ground, below, rect, cells):
    width = rect.w / len(cells)
    table = Table(rect, [width] * len(cells), [rect.h], [[Cell(ps, fill=fill) for fill, ps in cells]])
    palette = _Palette.of_ground(ground)
    if palette is None or not palette.table_reads(table, ground, below):
        return
    for cell, cell_rect in backdrop.table_cells(table):
        samples = Counter(backdrop._cell_ground(cell, cell_rect, below, ground))
        for para in cell.paras:
            for run in para.runs:
                if run.text.strip():
                    color = run.color or ground.text_colors.get("other", "000000")
                    assert ratio_over(color, samples) >= _need(para, run)


def _plan(elements, background="FFFFFF"):
    """A one-slide plan on a generated base (a plain background, no decorations)."""
    from deckgen.layout.base import BasePlan, LayoutPlan

    layout = LayoutPlan("content", "Content", title=None, show_master=False, background=background)
    base = BasePlan(W, H, layouts={"content": layout})
    return DeckPlan([SlidePlan("content", "t", elements)], W, H, base=base)


@pytest.fixture(scope="module")
def sample_theme():
    from deckgen.outline.loader import load_outline
    from deckgen.theme.resolve import resolve_theme

    return resolve_theme(load_outline(SAMPLE), None, None)


def test_text_on_its_card_is_not_sampled_and_text_of_the_cards_colour_is(monkeypatch, sample_theme):
    sampled = []
    original = Ground.counted_under

    def counted(self, rect, *args, **kwargs):
        sampled.append(rect)
        return original(self, rect, *args, **kwargs)

    monkeypatch.setattr(Ground, "counted_under", counted)
    card = Fill(Rect(100, 100, 300, 200), "EEF5F0")
    dark = TextBox(Rect(110, 110, 280, 100), [Para([Run("全年完成", color="1E2B24")], 16.0, 20.0)])
    plan = _plan([card, dark])
    assert low_contrast(plan, sample_theme) == []
    assert sampled == []  # dark on a pale card on white: nothing to look at
    # the same text in the card's own colour, half over the card: sampled, and found
    pale = TextBox(Rect(300, 110, 280, 100), [Para([Run("全年完成", color="EEF5F0")], 16.0, 20.0)])
    found = low_contrast(_plan([card, pale]), sample_theme)
    assert sampled and [f.text for f in found] == ["全年完成"]
    assert found[0].needed == needed(16.0)


def test_a_placeholder_filled_in_the_texts_colour_is_sampled():
    """A template's title placeholder with its own fill: the title's text is on that
    fill, whatever the background, and is looked at when the fill may not read."""
    ground = Ground(W, H, Paint("solid", color="FFFFFF"), [], {"title": Paint("solid", color="00703C")},
                    {"title": "00703C", "other": "000000"})
    title = TextBox(Rect(40, 20, 600, 60), [Para([Run("二〇二五年工作回顾")], 28.0, 34.0)], role="title")
    palette = _Palette.of_ground(ground)
    assert palette is not None and not palette.box_reads(title, ground, [])
    samples = Counter(ground.colors_under(text_extent(title), [], _placeholder_role(title, ground)))
    assert samples.keys() == {"00703C"}  # green on green: the finding the review then gives
    # where the theme's title colour is white, it reads on the fill, and is not sampled
    # (the white slide around the placeholder is not behind its text)
    light = Ground(W, H, Paint("solid", color="FFFFFF"), [], {"title": Paint("solid", color="00703C")},
                   {"title": "FFFFFF", "other": "000000"})
    assert _Palette.of_ground(light).box_reads(title, light, [])
    # a translucent fill lets what is under it through: sampled
    veiled = Ground(W, H, Paint("solid", color="FFFFFF"), [], {"title": Paint("solid", color="00703C", alpha=0.5)},
                    {"title": "FFFFFF", "other": "000000"})
    assert not _Palette.of_ground(veiled).box_reads(title, veiled, [])
