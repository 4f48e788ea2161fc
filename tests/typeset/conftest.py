"""Shared fixtures: a Measurer on the real Noto Sans CJK SC font, or a skip."""

from __future__ import annotations

import pytest

from deckgen.typeset.fonts import find_font_file
from deckgen.typeset.measure import Measurer

CJK_FAMILY = "Noto Sans CJK SC"


@pytest.fixture(scope="session")
def noto_measurer() -> Measurer:
    """A Measurer using Noto Sans CJK SC for Latin and CJK; skips if absent."""
    if find_font_file(CJK_FAMILY) is None:
        pytest.skip(f"{CJK_FAMILY} not installed (apt install fonts-noto-cjk)")
    return Measurer(CJK_FAMILY, CJK_FAMILY)


def char_count(text: str) -> float:
    """A measure function for font-free tests: every character is 1 wide."""
    return float(len(text))
