"""``fragment`` reads a text into words only when its first or last character could
begin or end a word its rules name: the answer is the one reading every text gives,
on the corpus's titles and on random phrases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.review import fragment
from deckgen.review.fragment import fragment_reason

# Characters of the rules' words and common ones that are in none of them.
ALPHABET = (
    "的和与及在并对为而且将中上下里时前后间内次均达到超过较约共计别比道起同步加断经也但却又从进以或先当"
    "发展经济社会建设推动改革创新提升质量服务人民城市乡村产业科技教育文化生态年来新"
)


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


TITLES = [
    "推动高质量发展的", "在全面深化改革中", "也要看到困难和挑战", "过去一年", "城镇化率首次",
    "愿同国际社会一道", "碳中和", "深化改革开放，", "坚持以人民为中心", "主要成绩", "并推动经济发展",
]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=14), st.booleans())
def test_the_shortcut_gives_the_answer_of_reading_every_text(text, label):
    expected = _read_every_text(text, label)
    assert fragment_reason(text, label=label) == expected


def test_the_shortcut_on_known_phrases():
    for title in TITLES:
        for label in (False, True):
            assert fragment_reason(title, label=label) == _read_every_text(title, label), title
    assert fragment_reason("推动高质量发展的") is not None  # the rules still find what they find
    assert fragment_reason("坚持以人民为中心") is None


def _read_every_text(text: str, label: bool) -> str | None:
    saved = fragment._LAST_CHARS, fragment._FIRST_CHARS
    fragment._LAST_CHARS = fragment._FIRST_CHARS = _Everything()  # type: ignore[assignment]
    try:
        return fragment_reason(text, label=label)
    finally:
        fragment._LAST_CHARS, fragment._FIRST_CHARS = saved
