"""Property-based tests of the outline format (hypothesis).

* The loader and the published JSON Schema are two readers of one spec: for outlines
  generated from the spec, right and wrong in every way the spec allows, both give
  the same verdict.
* The loader never raises, whatever text or bytes it is handed.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import InputError
from deckgen.files import decode_text
from deckgen.outline import spec as S
from deckgen.outline.schema import json_schema
from deckgen.outline.validate import validate_text

VALIDATOR = jsonschema.Draft202012Validator(json_schema())
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text people write, and text that must be refused: blank, control characters.
GOOD_TEXT = st.sampled_from(["讲话", "X亿元", "增长X%", "2024", "要点: 冒号", "a'b\"c", "  前后空格  ", "\u3000全角空格"])
BAD_TEXT = st.sampled_from(["", "   ", "\u3000", "A\x00B", "\x1b[31m", "a\x7fb", "\x9b", "\ufffe"])
NUMBERS = st.one_of(st.integers(-3, 10**6), st.sampled_from([0, 1, 2.0, 2.5, 1e16, -0.0, 10**20]))
ODD = st.one_of(st.none(), st.booleans(), st.just([]), st.just({}), st.just(["讲话"]), st.just({"x": 1}))


def valid(t: object, depth: int = 0) -> st.SearchStrategy:
    """Well-formed values for a spec type (small: at most two entries per list)."""
    if isinstance(t, S.Mapping):
        required = {f.name: valid(f.type, depth + 1) for f in t.fields if f.required}
        optional = {f.name: st.one_of(st.none(), valid(f.type, depth + 1)) for f in t.fields if not f.required}
        mapping = st.fixed_dictionaries(required, optional=optional)
        return st.one_of(mapping, GOOD_TEXT) if t.shorthand else mapping
    if isinstance(t, S.Tagged):
        return st.one_of(*[valid(m, depth).map(lambda d, k=k: {**d, "kind": k}) for k, m in t.choices.items()])
    if isinstance(t, S.ListOf):
        low = max(t.min_items, 0)
        return st.lists(valid(t.item, depth + 1), min_size=low, max_size=t.max_items or low + (1 if depth > 1 else 2))
    if isinstance(t, S.Integer):
        return st.integers(t.minimum, t.maximum) | st.just(2.0)
    if isinstance(t, S.Value):
        return st.one_of(GOOD_TEXT, NUMBERS, st.just(""))
    return st.one_of(GOOD_TEXT, NUMBERS)


def wild(t: object) -> st.SearchStrategy:
    """Values that may be wrong for a spec type: blank, control characters, other types."""
    if isinstance(t, S.Integer):
        return st.sampled_from([0, -1, 10000, 10**15, 2.5, "3", True, None, [], "二"])
    if isinstance(t, S.ListOf):
        return st.one_of(st.just([]), st.lists(wild(t.item), min_size=1, max_size=5), ODD, GOOD_TEXT)
    if isinstance(t, S.Mapping | S.Tagged):
        return st.one_of(ODD, GOOD_TEXT, BAD_TEXT, st.just({"kind": "chart"}), st.just({"kind": 3}))
    return st.one_of(BAD_TEXT, GOOD_TEXT, NUMBERS, ODD, st.text(max_size=4))


def _places(data: object, t: object, out: list) -> None:
    """Every (container, key, spec type, mapping spec) in ``data``, for one mutation."""
    if isinstance(t, S.Tagged) and isinstance(data, dict) and data.get("kind") in t.choices:
        t = t.choices[data["kind"]]
    if isinstance(t, S.Mapping) and isinstance(data, dict):
        for f in t.fields:
            if f.name in data:
                out.append((data, f.name, f.type, t))
                _places(data[f.name], f.type, out)
        out.append((data, None, None, t))  # a key to add or drop
    elif isinstance(t, S.ListOf) and isinstance(data, list):
        for n, item in enumerate(data):
            out.append((data, n, t.item, None))
            _places(item, t.item, out)


@st.composite
def outlines(draw: st.DrawFn) -> object:
    """A valid outline, or one with a single mistake somewhere in it."""
    data = draw(valid(S.DECK))
    if draw(st.integers(0, 2)) == 0:
        return data
    places: list = []
    _places(data, S.DECK, places)
    container, key, t, mapping = draw(st.sampled_from(places))
    if key is None:
        if draw(st.booleans()) and container:
            container.pop(draw(st.sampled_from(sorted(container))))
        else:
            container[draw(st.sampled_from(["titel", "Title", "colour", "x"]))] = "多余"
    else:
        container[key] = draw(wild(t))
    return data


def loader_accepts(text: str) -> bool:
    return not any(i.is_error for i in validate_text(text, S.DECK, "outline.yaml").issues)


@SETTINGS
@given(outlines())
def test_loader_and_schema_agree(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    schema_errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
    loader_issues = [i.format() for i in validate_text(text, S.DECK, "outline.yaml").issues if i.is_error]
    assert (not schema_errors) == (not loader_issues), f"{text}\nschema: {schema_errors}\nloader: {loader_issues}"


@pytest.mark.parametrize("metric", [{"value": None}, {"values": None}, {"value": None, "values": None}, {"value": None, "values": [1]}])
def test_a_blank_figure_gets_the_same_verdict_from_loader_and_schema(metric: dict) -> None:
    """Found by the property above: the schema took ``value: null`` as a figure given."""
    data = {"title": "测试", "parts": [{"title": "一", "slides": [{"kind": "metrics", "title": "指标", "metrics": [{"indicator": "收入", **metric}]}]}]}
    test_loader_and_schema_agree.hypothesis.inner_test(data)  # type: ignore[attr-defined]


def test_the_generator_reaches_both_verdicts() -> None:
    """The property above is not vacuous: generated outlines are accepted and refused."""
    verdicts: set[bool] = set()

    @settings(max_examples=150, deadline=None, database=None)
    @given(outlines())
    def collect(data: object) -> None:
        verdicts.add(loader_accepts(yaml.safe_dump(data, allow_unicode=True)))

    collect()
    assert verdicts == {True, False}


YAML_PIECES = st.sampled_from([
    "title: ", "parts:", "\n", "  - ", "    slides:", "kind: bullets", "bullets: [", "]", "{", "}", "&a ", "*a", "!foo ",
    "!!python/name:os.system", "? ", ": ", "'", '"', "\\0", "\\x", "#", "\t", "- title: 一", "number: ", "9" * 30, "~", "|", ">",
    "\x00", "\ufeff", "2024-13-45", "<<: *a", "%YAML 1.1\n", "---\n", "...\n", "\u2028",
])


@SETTINGS
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
def test_the_loader_never_raises_on_text(text: str) -> None:
    result = validate_text(text, S.DECK, "fuzz.yaml")
    for issue in result.issues:
        assert issue.file == "fuzz.yaml" and issue.message


@SETTINGS
@given(st.binary(max_size=200))
def test_the_reader_never_raises_on_bytes(raw: bytes) -> None:
    try:
        text = decode_text(raw, name="fuzz.yaml", what="outline")
    except InputError as exc:
        assert exc.issues and exc.issues[0].file == "fuzz.yaml"
        return
    validate_text(text, S.DECK, "fuzz.yaml")
