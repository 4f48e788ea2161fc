"""The linear-time line breaker gives exactly the lines of the simple one.

``Measurer.wrap`` measures candidate lines from prefix sums (a ``Ruler``); the
reference below is the straightforward greedy breaker it replaced, which measures
every candidate line as a string from its first character. On random mixes of
Chinese, Latin words, digits, punctuation, spaces and newlines, at any width, size
and weight, both must break every line at the same place.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.typeset.linebreak import _char_break_allowed, break_opportunities, wrap

from .conftest import char_count

ALPHABET = (
    "邮政快递业务总量增长年工作会议精神全面推进高质量发展党建"  # ideographs
    "。，、；：？！）》”’（《“‘——……·％"  # CJK and ambiguous punctuation
    "abcdefghijklmnopqrstuvwxyzGDPQX"  # Latin letters
    "0123456789.%-+/()$"  # digits and their symbols
    "   \u3000\n"  # spaces (several, so runs occur), ideographic space, newline
)

texts = st.text(alphabet=ALPHABET, max_size=160)


def reference_wrap(text: str, width: float, measure_fn: Callable[[str], float]) -> list[str]:
    """Greedy wrapping measuring every candidate line as a string (quadratic)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        ends = break_opportunities(paragraph) + [len(paragraph)]
        start = 0
        while start < len(paragraph):
            best = None
            for end in (e for e in ends if e > start):
                if measure_fn(paragraph[start:end].rstrip()) <= width:
                    best = end
                else:
                    break
            if best is None:
                best = _reference_character_break(paragraph, start, width, measure_fn)
            lines.append(paragraph[start:best])
            start = best
    return lines


def _reference_character_break(text: str, start: int, width: float, measure_fn: Callable[[str], float]) -> int:
    fitting = start + 1
    while fitting < len(text) and measure_fn(text[start : fitting + 1].rstrip()) <= width:
        fitting += 1
    for end in range(fitting, start + 1, -1):
        if end >= len(text) or _char_break_allowed(text[end - 1], text[end]):
            return end
    return fitting


@settings(max_examples=300, deadline=None)
@given(text=texts, width=st.floats(min_value=5, max_value=400), size=st.sampled_from([14, 18, 18.5, 24, 28, 40]), bold=st.booleans())
def test_the_fast_breaker_gives_the_reference_lines_with_the_real_font(noto_measurer, text, width, size, bold):
    expected = reference_wrap(text, width, lambda part: noto_measurer.width(part, size, bold))
    assert noto_measurer.wrap(text, width, size, bold) == expected


@settings(max_examples=300, deadline=None)
@given(text=texts, width=st.integers(min_value=1, max_value=30))
def test_the_fast_breaker_gives_the_reference_lines_with_any_measure(text, width):
    assert wrap(text, width, char_count) == reference_wrap(text, width, char_count)


@settings(max_examples=200, deadline=None)
@given(text=texts, size=st.sampled_from([14, 18, 28]), bold=st.booleans())
def test_a_ruler_measures_spans_as_width_does(noto_measurer, text, size, bold):
    ruler = noto_measurer.ruler(text, size, bold)
    for start in range(0, len(text) + 1, 7):
        for end in range(start, len(text) + 1, 5):
            assert ruler.width(start, end) == noto_measurer.width(text[start:end], size, bold)


def test_a_long_text_wraps_every_character_in_order(noto_measurer):
    text = ("在新的一年里，我们要坚持稳中求进工作总基调，GDP增长6.5%以上。" * 3000)[:100_000]
    lines = noto_measurer.wrap(text, 600, 18)
    assert "".join(lines) == text
    assert all(noto_measurer.width(line.rstrip(), 18) <= 600 for line in lines)


def test_a_line_measures_a_few_of_its_candidate_ends_not_each_one():
    """A CJK line has a break opportunity between every two characters; the breaker
    gallops to the line's last fitting end instead of measuring each in turn, so a
    paragraph of 60-character lines takes far fewer widths than characters, and twice
    the text about twice the widths."""
    from deckgen.typeset.linebreak import wrap_spans

    def widths_asked(text: str) -> int:
        asked = [0]

        def span_width(start: int, end: int) -> float:
            asked[0] += 1
            return float(end - start)

        lines = wrap_spans(text, 60, span_width)
        assert "".join(lines) == text and all(len(line) <= 60 for line in lines)
        return asked[0]

    text = "邮政快递业务总量增长，全面推进高质量发展" * 300  # 6,000 characters, 100 lines
    once = widths_asked(text)
    assert once < len(text) / 4  # one a break opportunity before: 5,799 for this text
    assert widths_asked(text * 2) <= 2.2 * once


@settings(max_examples=200, deadline=None)
@given(text=texts, size=st.sampled_from([18, 28, 40]), limit=st.floats(min_value=10, max_value=600), data=st.data())
def test_the_lines_ending_at_one_place_are_measured_as_width_measures_them(noto_measurer, text, size, limit, data):
    """Display breaking lists the lines that fit ending at each candidate place in one
    loop; each is the line's width (through the box's margins), nearest start first,
    until one is too wide."""
    text = text.replace("\n", "")
    positions = sorted({0, len(text), *data.draw(st.sets(st.integers(0, len(text)), max_size=30))})
    ruler = noto_measurer.ruler(text, size)

    def box_width(width: float) -> float:
        return width * 1.02 + 0.5

    for j in range(1, len(positions)):
        expected = []
        for i in range(j - 1, -1, -1):
            need = box_width(ruler.width(positions[i], positions[j]))
            if need > limit:
                break
            expected.append((positions[i], need, round(need, 1)))
        assert ruler.lines_back(positions, j, box_width, limit) == expected
