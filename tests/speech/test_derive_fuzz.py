"""Any speech text derives outlines that load, or a clear DeckgenError; never a traceback.

Speeches are made from the lines of the seed and corpus speeches in any order, cut
anywhere, with markers and salutations where they fall: the shapes a real document
can take that no hand-written case covers.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.outline.loader import load_outline
from deckgen.speech import derive_outlines, dump_outline

DATA = Path(__file__).resolve().parents[1] / "data"
LINES = [
    line
    for path in [DATA / "seed-speeches.txt", *sorted((DATA / "corpus").glob("*.txt"))]
    for line in path.read_text(encoding="utf-8").split("\n")
    if line.strip()
]
EXTRA = ["各位代表！", "同志们：", "（掌声）", "一、", "（一）", "一是", "——", "谢谢大家！", "2025年1月", "市长 张三"]

cut_line = st.builds(lambda line, end: line[: max(1, end)], st.sampled_from(LINES), st.integers(1, 200))
speech_lines = st.lists(st.one_of(st.sampled_from(LINES), cut_line, st.sampled_from(EXTRA)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=speech_lines)
def test_any_speech_gives_loadable_outlines_or_a_clear_error(lines, tmp_path):
    try:
        outlines = derive_outlines("\n".join(lines), "fuzz.txt")
    except DeckgenError:
        return
    for outline in outlines:
        path = tmp_path / f"{outline.slug}.yaml"
        path.write_text(dump_outline(outline, "fuzz.txt"), encoding="utf-8")
        load_outline(path)  # raises InputError with every problem if the outline is invalid
