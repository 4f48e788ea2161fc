"""The YAML we write: pleasant to edit, deterministic, and exactly the derived data."""

from __future__ import annotations

import importlib.util

import pytest
import yaml

from deckgen.outline import MODELINE_FMT
from deckgen.speech import derive_outlines, dump_outline

from .helpers import SEED


@pytest.fixture(scope="module")
def main_yaml(seed_outlines) -> str:
    return dump_outline(seed_outlines[0], SEED.name)


@pytest.mark.parametrize("index", range(5))
def test_round_trips_to_exactly_the_data(seed_outlines, index):
    text = dump_outline(seed_outlines[index], SEED.name)
    assert yaml.safe_load(text) == seed_outlines[index].data


def test_same_input_same_bytes(seed_text, seed_outlines):
    again = derive_outlines(seed_text, SEED.name)
    for first, second in zip(seed_outlines, again):
        assert dump_outline(first, SEED.name).encode() == dump_outline(second, SEED.name).encode()


def test_modeline_first_then_header(main_yaml):
    lines = main_yaml.split("\n")
    assert lines[0] == MODELINE_FMT.format(schema="outline.schema.json")
    header = "\n".join(line for line in lines if line.startswith("#"))
    assert SEED.name in header
    assert "在2024年全市邮政工作会议上的讲话" in header
    assert "deckgen build THIS.yaml" in header


def test_no_modeline_when_no_schema(seed_outlines):
    text = dump_outline(seed_outlines[0], SEED.name, schema_ref=None)
    assert "yaml-language-server" not in text
    assert text.startswith("# ")


def test_warnings_are_in_the_header(seed_outlines):
    text = dump_outline(seed_outlines[3], SEED.name)
    header = text.split("\ntitle:")[0]
    assert "repeats speech 3" in header


def test_chinese_unescaped_and_block_style(main_yaml):
    assert "\\u" not in main_yaml
    assert "title: 在2024年全市邮政工作会议上的讲话\n" in main_yaml
    assert "{" not in main_yaml.split("\ntitle:")[1]  # no flow mappings


def test_notes_are_literal_blocks(main_yaml):
    assert "\nnotes: |\n  同志们：\n  这次会议的主要任务是" in main_yaml
    assert "        notes: |\n" in main_yaml


def test_key_order(main_yaml, seed_outlines):
    data = seed_outlines[0].data
    top = [line.split(":")[0] for line in main_yaml.split("\n") if line and line[0].isalpha()]
    assert top == ["title", "subtitle", "organisation", "presenter", "date", "theme", "notes", "parts", "closing"]
    for slide in (s for p in data["parts"] for s in p.get("slides", [])):
        keys = list(slide)
        assert keys[:2] in (["kind", "title"], ["kind", "text"]) and keys[-1] == "notes"
    # In the file, too: a slide's kind comes first and its notes last.
    block = main_yaml.split("      - kind: focus-area\n", 1)[1].split("      - kind:")[0]
    assert [line.split(":")[0].strip() for line in block.split("\n") if line.startswith("        ") and not line.startswith("         ")] == [
        "title", "number", "items", "notes"
    ]


def test_slugs_are_file_safe_and_numbered():
    text = "在“十四五”开局之年：全市工作会议上的讲话\n同志们：\n一是抓发展。多措并举。\n"
    (outline,) = derive_outlines(text)
    assert outline.slug.startswith("01-")
    assert not set(outline.slug) & set('\\/:*?"<>| “”')


@pytest.mark.skipif(
    importlib.util.find_spec("deckgen.outline.loader") is None, reason="deckgen.outline.loader not written yet"
)
@pytest.mark.parametrize("index", range(5))
def test_every_seed_outline_loads_without_errors(seed_outlines, tmp_path, index):
    loader = pytest.importorskip("deckgen.outline.loader")
    if not hasattr(loader, "load_outline"):
        pytest.skip("deckgen.outline.loader has no load_outline yet")
    outline = seed_outlines[index]
    path = tmp_path / f"{outline.slug}.yaml"
    path.write_text(dump_outline(outline, SEED.name), encoding="utf-8")
    loaded = loader.load_outline(path)  # raises InputError on any error issue
    assert loaded.deck.title == outline.title
