"""Fit by decision: choose one explicit font size for a group of text boxes.

No auto-fit flag is ever written; instead the layout tries sizes from the
theme's maximum down to its minimum and keeps the largest at which the text
fits. Sibling boxes (all cards of a grid, all rows of a table) are decided
together so they share one size and the slide looks even. When nothing fits
at the minimum the caller continues the content on another slide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deckgen.layout.measure import (
    TITLE_LINE_PITCH,
    Box,
    Measurer,
    Para,
    height_of_lines,
)


@dataclass
class FitResult:
    """The decided size of a group of boxes and the lines at that size.

    ``lines[box][para]`` is the list of lines of one paragraph. ``fits`` is
    False when even ``min_pt`` overflows; ``size_pt`` is then ``min_pt``.
    """

    size_pt: float
    fits: bool
    lines: list[list[list[str]]]


@dataclass
class TitleFit:
    """The decided size of a title and its lines (at most ``max_lines``)."""

    size_pt: float
    fits: bool
    lines: list[str]


def candidate_sizes(max_pt: float, min_pt: float, step: float = 1.0) -> list[float]:
    """Return the sizes to try, from *max_pt* down to *min_pt* inclusive.

    Raises ValueError when *step* is not positive or *min_pt* > *max_pt*.
    """
    if step <= 0:
        raise ValueError(f"step must be positive, got {step}")
    if min_pt > max_pt:
        raise ValueError(f"min_pt {min_pt} is larger than max_pt {max_pt}")
    sizes = []
    size = max_pt
    while size > min_pt + 1e-9:
        sizes.append(round(size, 2))
        size -= step
    sizes.append(min_pt)
    return sizes


def fit_size(
    measurer: Measurer,
    make_paras: Callable[[float], list[list[Para]]],
    boxes: list[Box],
    max_pt: float,
    min_pt: float,
    step: float = 1.0,
) -> FitResult:
    """Return the largest size at which every box's paragraphs fit its box.

    *make_paras(size_pt)* returns one list of paragraphs per box (same order
    and length as *boxes*), built at that size, so headline/detail ratios and
    spacing scale as the caller wants. Returns a FitResult; when no size down
    to *min_pt* fits, ``fits`` is False and the lines are those at *min_pt*.
    Raises ValueError when *make_paras* returns a different number of boxes.
    """
    lines: list[list[list[str]]] = []
    for size_pt in candidate_sizes(max_pt, min_pt, step):
        paras_per_box = make_paras(size_pt)
        if len(paras_per_box) != len(boxes):
            raise ValueError(
                f"make_paras gave {len(paras_per_box)} boxes of text for {len(boxes)} boxes"
            )
        all_fit, lines = _fit_all(measurer, paras_per_box, boxes)
        if all_fit:
            return FitResult(size_pt, True, lines)
    return FitResult(min_pt, False, lines)


def _fit_all(
    measurer: Measurer, paras_per_box: list[list[Para]], boxes: list[Box]
) -> tuple[bool, list[list[list[str]]]]:
    """Lay out every box; report whether all fit, and the lines of each."""
    all_fit = True
    lines = []
    for paras, box in zip(paras_per_box, boxes):
        box_lines = measurer.layout(paras, box.text_width_pt)
        lines.append(box_lines)
        if height_of_lines(paras, box_lines) > box.text_height_pt + 1e-6:
            all_fit = False
    return all_fit, lines


def fit_title(
    measurer: Measurer,
    text: str,
    box_width: float,
    box_height: float,
    max_pt: float,
    min_pt: float,
    max_lines: int = 2,
    bold: bool = False,
    step: float = 1.0,
    pitch: float = TITLE_LINE_PITCH,
) -> TitleFit:
    """Decide a title's size: wrap to more lines before shrinking.

    *box_width* and *box_height* are the outer size of the title box in
    points (default insets). At each size from *max_pt* down, the title is
    wrapped; the first size where it needs at most *max_lines* lines and the
    lines fit the height wins, so a title that is too long for one line at
    *max_pt* first wraps to two lines at *max_pt*, then shrinks. If even
    *min_pt* fails, returns *min_pt* with ``fits`` False and all its lines.
    """
    box = Box(box_width, box_height)
    lines: list[str] = []
    for size_pt in candidate_sizes(max_pt, min_pt, step):
        para = Para(text, size_pt, bold=bold, pitch=pitch)
        lines = measurer.layout([para], box.text_width_pt)[0]
        height_pt = len(lines) * para.line_pitch_pt
        if len(lines) <= max_lines and height_pt <= box.text_height_pt + 1e-6:
            return TitleFit(size_pt, True, lines)
    return TitleFit(min_pt, False, lines)
