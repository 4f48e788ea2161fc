"""Fit by decision: one size for sibling boxes, titles wrap before they shrink."""

from __future__ import annotations

import pytest

from deckgen.layout.fit import candidate_sizes, fit_size, fit_title
from deckgen.layout.measure import TITLE_LINE_PITCH, Box, Para, line_pitch

CARD_TEXTS = ["推进寄递渠道安全", "强化行业监管", "加快推进快递进村工程建设，完善农村寄递物流体系"]


def make_cards(size_pt: float) -> list[list[Para]]:
    return [[Para(text, size_pt)] for text in CARD_TEXTS]


def test_candidate_sizes_run_from_max_to_min():
    assert candidate_sizes(24, 20) == [24, 23, 22, 21, 20]
    assert candidate_sizes(24, 21.5, 1) == [24, 23, 22, 21.5]
    with pytest.raises(ValueError):
        candidate_sizes(18, 20)


def test_sibling_boxes_share_the_largest_size_where_all_fit(noto_measurer):
    boxes = [Box(200, 80)] * 3
    result = fit_size(noto_measurer, make_cards, boxes, max_pt=28, min_pt=14)
    assert result.fits
    assert all(noto_measurer.fits(paras, box) for paras, box in zip(make_cards(result.size_pt), boxes))
    # one step larger, at least one card (the long one) overflows
    bigger = make_cards(result.size_pt + 1)
    assert not all(noto_measurer.fits(paras, box) for paras, box in zip(bigger, boxes))
    assert len(result.lines) == 3 and result.lines[0][0]


def test_a_group_that_cannot_fit_at_the_minimum_reports_it(noto_measurer):
    boxes = [Box(60, 30)] * 3
    result = fit_size(noto_measurer, make_cards, boxes, max_pt=28, min_pt=18)
    assert not result.fits and result.size_pt == 18
    assert "".join(result.lines[2][0]) == CARD_TEXTS[2]


def test_fit_size_rejects_a_mismatched_number_of_boxes(noto_measurer):
    with pytest.raises(ValueError):
        fit_size(noto_measurer, make_cards, [Box(200, 80)], 28, 18)


def test_a_short_title_stays_on_one_line_at_the_maximum(noto_measurer):
    title = fit_title(noto_measurer, "2024年主要工作", 600, 100, 40, 28)
    assert (title.size_pt, title.lines, title.fits) == (40, ["2024年主要工作"], True)


def test_a_long_title_wraps_to_two_lines_before_shrinking(noto_measurer):
    text = "强化党建引领，党风廉政建设不断加强"  # 17 characters
    height = 2 * line_pitch(40, TITLE_LINE_PITCH) + 7.2
    title = fit_title(noto_measurer, text, 400, height, 40, 28)
    assert title.fits and title.size_pt == 40 and len(title.lines) == 2


def test_a_title_too_long_for_two_lines_shrinks(noto_measurer):
    text = "强化党建引领，党风廉政建设不断加强，深化思想认识，做到两个维护"
    height = 2 * line_pitch(40, TITLE_LINE_PITCH) + 7.2
    title = fit_title(noto_measurer, text, 400, height, 40, 20)
    assert title.fits and title.size_pt < 40 and len(title.lines) <= 2


def test_a_title_that_cannot_fit_reports_it_at_the_minimum(noto_measurer):
    title = fit_title(noto_measurer, "很长的标题" * 20, 400, 100, 40, 28)
    assert not title.fits and title.size_pt == 28
    assert "".join(title.lines) == "很长的标题" * 20
