"""The layout's line counts agree with LibreOffice's render on the sample deck.

Shares its code with ``bench/line_agreement.py`` (run that to see every mismatch).
"""

from __future__ import annotations

import pytest

from bench.line_agreement import SAMPLE, line_agreement
from rendercheck import soffice_or_skip

MIN_AGREEMENT = 0.95


@pytest.fixture(scope="module")
def agreement(tmp_path_factory):
    soffice_or_skip()
    return line_agreement(SAMPLE, tmp_path_factory.mktemp("line_agreement"))


def test_predicted_line_counts_match_libreoffice_for_95_percent_of_boxes(agreement):
    assert len(agreement.boxes) > 100, "too few text boxes compared: is the glyph assignment broken?"
    assert agreement.rate >= MIN_AGREEMENT, agreement.report()


def test_no_box_renders_more_lines_than_predicted(agreement):
    """A box LibreOffice draws with more lines than predicted would overflow its height."""
    over = [b for b in agreement.boxes if b.rendered > b.predicted]
    assert not over, "\n".join(b.format() for b in over)
