"""The review's findings kept in the persistent cache: the same deck reviewed again
gives the same findings without judging it again; any change, a damaged entry or a
cache switched off means it is judged anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import records
from deckgen.layout.plan import plan_deck
from deckgen.outline.loader import load_outline
from deckgen.review import fragment
from deckgen.review.run import review_plan
from deckgen.theme.resolve import resolve_theme

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
LONG = ROOT / "tests" / "stress" / "long-text.yaml"


@pytest.fixture
def judged(monkeypatch):
    """How often the review judged a deck (its fragment kind ran)."""
    calls = [0]
    original = fragment.review

    def counting(deck):
        calls[0] += 1
        return original(deck)

    monkeypatch.setattr(fragment, "review", counting)
    return calls


def _laid_out(path: Path):
    outline = load_outline(path)
    theme = resolve_theme(outline, None, None)
    return outline, plan_deck(outline.deck, theme), theme


def test_a_deck_reviewed_again_gives_the_same_findings_without_judging_it(tmp_path, monkeypatch, judged):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    outline, plan, theme = _laid_out(LONG)
    first = review_plan(outline, plan, theme=theme)
    assert first, "the long-text outline has findings to keep"
    assert judged[0] == 1
    again = review_plan(outline, plan, theme=theme)
    assert judged[0] == 1
    assert [records.astuple(i) for i in again] == [records.astuple(i) for i in first]
    assert [(i.path, i.slide, i.kind) for i in again] == [(i.path, i.slide, i.kind) for i in first]
    # a plan laid out afresh from the same outline (as the next build does) is the same content
    outline2, plan2, theme2 = _laid_out(LONG)
    assert [records.astuple(i) for i in review_plan(outline2, plan2, theme=theme2)] == [records.astuple(i) for i in first]
    assert judged[0] == 1


def test_a_changed_slide_is_judged_anew(tmp_path, monkeypatch, judged):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    outline, plan, theme = _laid_out(SAMPLE)
    before = review_plan(outline, plan, theme=theme)
    # a part title that now ends in a hanging 的: a new outline, reviewed, the fragment found
    outline.deck.parts[0].title = outline.deck.parts[0].title + "的"
    after = review_plan(outline, plan, theme=theme)
    assert judged[0] == 2
    assert len([i for i in after if i.kind == "fragment"]) == len([i for i in before if i.kind == "fragment"]) + 1


def test_a_damaged_entry_is_judged_anew(tmp_path, monkeypatch, judged):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(cache))
    outline, plan, theme = _laid_out(LONG)
    first = review_plan(outline, plan, theme=theme)
    entries = [p for p in (cache / "review").rglob("*") if p.is_file()]
    assert len(entries) == 1
    raw = entries[0].read_bytes()
    entries[0].write_bytes(raw[:-7] + b"garbage")
    assert review_plan(outline, plan, theme=theme) == first
    assert judged[0] == 2


def test_without_a_cache_every_review_judges(monkeypatch, judged):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    outline, plan, theme = _laid_out(SAMPLE)
    assert review_plan(outline, plan, theme=theme) == review_plan(outline, plan, theme=theme)
    assert judged[0] == 2



def test_the_kinds_a_reader_sees_are_registered_kinds():
    """READER lives apart from the registry (a cached review imports no kind module)."""
    from deckgen.review.registry import nouns
    from deckgen.review.run import LAYOUT_KINDS, READER

    assert READER <= set(nouns())
    # a new kind is a reader's or one of what check always reported: decide which here
    assert set(nouns()) - READER == LAYOUT_KINDS | {"placeholder", "theme"}


def test_the_build_after_a_first_build_takes_its_findings_from_the_cache(tmp_path, monkeypatch, judged):
    """The first build measures every text; the next one takes the lines from the cache,
    so its plan's parts are shared differently (equal values, other objects). The key
    reads values only: the next build judged the whole deck again."""
    from deckgen.build import build

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DECKGEN_JOBS", "1")  # the review judged in this process, where it is counted
    first = build(SAMPLE, tmp_path / "first.pptx")
    assert judged[0] == 1
    again = build(SAMPLE, tmp_path / "again.pptx")
    assert judged[0] == 1
    assert again.review == first.review
