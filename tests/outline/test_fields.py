"""The one walker over a deck's text fields, and what rests on it (lint, replace:)."""

from __future__ import annotations

from pathlib import Path

from deckgen import records
from deckgen.figures import apply_figures
from deckgen.lint import placeholder_issues
from deckgen.outline.fields import text_fields
from deckgen.outline.loader import load_outline
from deckgen.outline.model import Area, Closing, Deck, Item, Metric, Part, Photo, Series, Slide

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"

STATEMENT = """\
title: X市讲话
parts:
  - title: 一
    slides:
      - kind: statement
        text: 准确识变
        source: X市委书记
"""


def _text_attributes(cls: type) -> set[str]:
    """Every field of a model class that holds text shown or spoken."""
    # theme, template and file name files; icon, style and chart_type are choices, not text shown
    skip = {"path", "kind", "theme", "template", "outline_file", "number", "file", "icon", "style", "chart_type"}
    return {f.name for f in records.fields(cls) if f.name not in skip and "str" in str(f.type) and "Slide" not in str(f.type)}


def test_the_walker_reaches_every_text_field_of_the_model() -> None:
    """A new text field in the model must be added to the walker, or this fails."""
    deck = load_outline(SAMPLE).deck
    deck.subtitle = deck.presenter = deck.notes = deck.closing.text = deck.closing.notes = "t"
    first = deck.parts[0].slides[0]
    first.attribution, first.headers, first.notes = "t", ["a", "b", "c", "d"], "t"
    first.columns, first.unit, first.categories = ["2023年"], "亿元", ["2023年"]
    first.metrics[0].values = ["1"]
    deck.parts[0].short = deck.parts[0].lead = "t"
    reached: dict[type, set[str]] = {}
    for field in text_fields(deck, notes=True):
        reached.setdefault(type(field.owner), set()).add(field.name)
    for cls in (Deck, Part, Slide, Item, Metric, Area, Closing, Series, Photo):
        missing = _text_attributes(cls) - reached.get(cls, set())
        assert not missing, f"{cls.__name__}: {missing} not walked"


def test_paths_point_at_the_outline_keys(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(STATEMENT, encoding="utf-8")
    outline = load_outline(path)
    fields = {f.path: f for f in text_fields(outline.deck)}
    assert fields["parts[0].slides[0].source"].value == "X市委书记"  # the key users write, the model's attribution
    assert outline.issue("parts[0].slides[0].source", "").line == 7


def test_replace_reaches_a_statements_source_line_so_strict_can_build(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(STATEMENT, encoding="utf-8")
    figures = tmp_path / "figures.yaml"
    figures.write_text("replace:\n  X市: 示例市\n", encoding="utf-8")
    outline = load_outline(path)
    assert [i.path for i in placeholder_issues(outline)] == ["title", "parts[0].slides[0].source"]
    assert apply_figures(outline, figures) == []
    assert outline.deck.parts[0].slides[0].attribution == "示例市委书记"
    assert placeholder_issues(outline) == []


def test_placeholder_messages_name_what_holds_the_x() -> None:
    messages = [i.message for i in placeholder_issues(load_outline(SAMPLE))]
    assert any(m.startswith("metric “快递业务量”: value holds an X placeholder") for m in messages)
    assert all("holds" in m and "replace the X" in m for m in messages)
