"""The published JSON Schema and the loader agree on every outline in the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from deckgen.outline.loader import validate_outline
from deckgen.outline.schema import schema_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "schema" / "outline.schema.json"


def _repository_outlines() -> list[Path]:
    """decks/*.yaml and every outline under tests/, except folders named ``broken``."""
    found = sorted(ROOT.glob("decks/*.yaml"))
    for path in sorted(ROOT.glob("tests/**/*.yaml")):
        if "broken" not in path.relative_to(ROOT).parts:
            found.append(path)
    return found


def _schema_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(validator, text: str) -> list[str]:
    data = yaml.safe_load(text)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_file_is_the_generated_schema():
    assert SCHEMA_FILE.is_file(), "run: python -m deckgen schema -o schema/outline.schema.json"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/outline.schema.json is stale; run: python -m deckgen schema -o schema/outline.schema.json"
    )


def test_the_repository_has_outlines_to_validate():
    names = [p.name for p in _repository_outlines()]
    assert "postal-2024.yaml" in names
    assert len(names) >= 2


@pytest.mark.parametrize("path", _repository_outlines(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_outline_is_valid_for_loader_and_schema(path):
    validated, text = validate_outline(path)
    assert [i.format() for i in validated.issues if i.is_error] == []
    assert _schema_errors(_schema_validator(), text) == []


def test_derived_outlines_are_valid_for_loader_and_schema(tmp_path):
    from deckgen.speech import derive_outlines, dump_outline

    validator = _schema_validator()
    for speech in sorted((ROOT / "tests" / "speech" / "data").glob("*.txt")):
        for outline in derive_outlines(speech.read_text(encoding="utf-8"), speech.name):
            target = tmp_path / f"{outline.slug}.yaml"
            target.write_text(dump_outline(outline, speech.name), encoding="utf-8")
            validated, text = validate_outline(target)
            assert [i.format() for i in validated.issues if i.is_error] == [], speech.name
            assert _schema_errors(validator, text) == [], speech.name


BROKEN = {
    "unknown key": "title: 标题\nparts:\n  - title: 一\n    slides:\n      - kind: bullets\n        title: 要点\n        bulets: [甲]\n",
    "unknown kind": "title: 标题\nparts:\n  - title: 一\n    slides:\n      - kind: bulets\n        title: 要点\n        bullets: [甲]\n",
    "missing parts": "title: 标题\n",
    "no parts": "title: 标题\nparts: []\n",
    "number as text": "title: 标题\nparts:\n  - title: 一\n    slides:\n      - kind: focus-area\n        title: 甲\n        number: 第一\n        items: [乙]\n",
    "three headers": (
        "title: 标题\nparts:\n  - title: 一\n    slides:\n      - kind: metrics\n        title: 指标\n"
        "        headers: [指标, 数值, 单位]\n        metrics:\n          - {indicator: 总量, value: X}\n"
    ),
    "list as title": "title: [甲, 乙]\nparts:\n  - title: 一\n",
    "metric without value": (
        "title: 标题\nparts:\n  - title: 一\n    slides:\n      - kind: metrics\n        title: 指标\n"
        "        metrics:\n          - indicator: 总量\n"
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_outlines_are_rejected_by_loader_and_schema(name, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN[name], encoding="utf-8")
    validated, text = validate_outline(path)
    assert any(i.is_error for i in validated.issues), f"loader accepted: {name}"
    assert _schema_errors(_schema_validator(), text), f"schema accepted: {name}"


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "broken").glob("*.yaml")), ids=lambda p: p.name)
def test_broken_files_are_rejected_by_the_loader(path):
    validated, _ = validate_outline(path)
    assert any(i.is_error for i in validated.issues)
