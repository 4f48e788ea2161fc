"""Real reports at 16:9 and 4:3, second round of issue 16: what a reader still noticed.

Each corpus document is derived as ``deckgen outline`` writes it and laid out as
``deckgen build`` does; the review is ``deckgen check``'s.
"""

from __future__ import annotations

import pytest

from deckgen.layout.plan import plan_deck
from deckgen.lint import check_outline
from deckgen.outline.loader import load_outline
from deckgen.speech import derive_outlines, dump_outline
from deckgen.theme.resolve import resolve_theme
from shared_material import require, shared

CORPUS = shared("corpus")
NAMES = ("gov-report-2019", "guangdong-gov-report-2026", "shanghai-gov-report-2026", "cpc-20th-congress-report-2022")


@pytest.fixture(scope="module")
def outlines(tmp_path_factory):
    """name -> (outline path, outline) as ``deckgen outline`` writes them."""
    folder = tmp_path_factory.mktemp("corpus-round-two")
    out = {}
    for name in NAMES:
        source = require(CORPUS / f"{name}.txt")
        [derived] = derive_outlines(source.read_text(encoding="utf-8"), source.name)
        path = folder / f"{name}.yaml"
        path.write_text(dump_outline(derived, source.name, schema_ref=None), encoding="utf-8")
        out[name] = (path, load_outline(path))
    return out


def _plan(outline, size: str):
    return plan_deck(outline.deck, resolve_theme(outline, None, size))


def test_a_long_closing_text_is_set_under_its_own_title_at_4_3(outlines):
    """The 2019 report's closing call is too long for the closing slide at 4:3: it is set
    on a slide before it titled 结语, not a second slide titled 奋斗创造历史，实干成就未来."""
    path, outline = outlines["gov-report-2019"]
    plan = _plan(outline, "4:3")
    titles = [s.title for s in plan.slides if s.title]
    closing = outline.deck.closing.title
    assert titles.count(closing) == 1
    assert plan.slides[-1].kind == "closing"
    assert plan.slides[-2].title == "结语"
    assert [i for i in check_outline(path, slide_size="4:3") if i.kind == "duplicate-title"] == []
