"""WCAG colour maths: relative luminance and contrast of ``RRGGBB`` colours.

One place for it: layout measures what lies behind text with it, and a theme uses it
to pick a placeholder highlight that stays readable on its brand colour.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65536)
def luminance(color: str) -> float:
    """WCAG relative luminance of an ``RRGGBB`` colour, 0 (black) to 1 (white).

    Remembered per colour: a deck's contrast review asks it of the same few colours
    millions of times (every sample behind every run of text)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``RRGGBB`` colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def mix(a: str, b: str, share_of_b: float) -> str:
    """``a`` moved ``share_of_b`` (0..1) of the way to ``b``, as ``RRGGBB``."""
    channels = (round(int(a[i:i + 2], 16) * (1 - share_of_b) + int(b[i:i + 2], 16) * share_of_b) for i in (0, 2, 4))
    return "".join(f"{channel:02X}" for channel in channels)
