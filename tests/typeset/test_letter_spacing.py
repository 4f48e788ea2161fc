"""A template's letter spacing (``spc``) is measured: every character advances by its
width and the spacing, in widths, rulers and line breaks."""

from __future__ import annotations

from pathlib import Path

from deckgen.theme.template import read_template
from deckgen.typeset.measure import Measurer

SPACED = Path(__file__).resolve().parents[1] / "data" / "templates" / "spaced-title.pptx"
TEXT = "2024年主要工作及“十三五”时期总体回顾"


def test_width_and_ruler_add_the_spacing_after_every_character():
    plain = Measurer()
    spaced = plain.with_tracking(6.0)
    assert spaced.width(TEXT, 32) == plain.width(TEXT, 32) + 6.0 * len(TEXT)
    ruler = spaced.ruler(TEXT, 32)
    assert abs(ruler.width(0, len(TEXT)) - spaced.width(TEXT, 32)) < 0.01
    assert abs(ruler.width(4, 10) - spaced.width(TEXT[4:10], 32)) < 0.01
    assert plain.width(TEXT, 32) < spaced.width(TEXT, 32)  # the plain measurer is untouched


def test_widths_remembered_by_one_measurer_are_not_those_of_its_spaced_copy():
    plain = Measurer()
    before = plain.width(TEXT, 32)  # remembered, then a spaced copy made
    spaced = plain.with_tracking(6.0)
    assert spaced.width(TEXT, 32) == before + 6.0 * len(TEXT)
    assert plain.width(TEXT, 32) == before


def test_spaced_text_wraps_earlier():
    plain = Measurer()
    width = plain.width(TEXT, 32) + 4
    assert plain.wrap(TEXT, width, 32) == [TEXT]
    assert len(plain.with_tracking(6.0).wrap(TEXT, width, 32)) == 2


def test_the_template_s_title_and_body_spacing_are_read():
    info = read_template(SPACED)
    # The master's title style says 4 pt, the content layout's title placeholder 6 pt:
    # the widest is measured, so a title fits on every layout.
    assert info.title_spacing_pt == 6.0
    assert info.body_spacing_pt == 2.0
