"""Publish the outline spec as a JSON Schema (draft 2020-12) for editors and CI."""

from __future__ import annotations

import json

from deckgen.outline import spec as S

SCHEMA_ID = "https://deckgen.invalid/outline.schema.json"

# Text refused by the loader: control characters a slide cannot show (see validate.CONTROL_RE).
_CONTROL = {"type": "string", "pattern": "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\ufffe\\uffff]"}

#: Text: at least one visible character, no control characters. YAML turns unquoted
#: 2024 into a number; the loader keeps it as written, so the schema accepts numbers.
TEXT = {"type": ["string", "number"], "minLength": 1, "pattern": "\\S", "not": _CONTROL}


def json_schema() -> dict:
    """Return the JSON Schema of the outline format as a dict."""
    defs: dict = {}
    root = _mapping(S.DECK, defs, with_title=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "deckgen outline",
        **root,
        "$defs": defs,
    }


def schema_text() -> str:
    """Return the schema as stable, indented JSON text (Chinese unescaped)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _type(t, defs: dict) -> dict:
    if isinstance(t, S.Mapping):
        if t.name not in defs:
            defs[t.name] = {}  # reserve the name before recursing
            defs[t.name] = _mapping(t, defs)
        return {"$ref": f"#/$defs/{t.name}"}
    if isinstance(t, S.Tagged):
        return {"oneOf": [_type(m, defs) for m in t.choices.values()], "description": t.doc}
    if isinstance(t, S.ListOf):
        out: dict[str, object] = {"type": "array", "items": _type(t.item, defs)}
        if t.min_items:
            out["minItems"] = t.min_items
        if t.max_items is not None:
            out["maxItems"] = t.max_items
        return out
    if isinstance(t, S.Integer):
        return {"type": "integer", "minimum": t.minimum, "maximum": t.maximum}
    if isinstance(t, S.Choice):
        return {"type": "string", "enum": list(t.options)}
    if isinstance(t, S.Value):
        return {"type": ["string", "number"], "not": _CONTROL}
    return dict(TEXT)


def _mapping(m: S.Mapping, defs: dict, with_title: bool = False) -> dict:
    props = {}
    for f in m.fields:
        prop = dict(_type(f.type, defs))
        if not f.required:
            # The loader treats an optional key left blank (`subtitle:`) as absent.
            prop = {"anyOf": [prop, {"type": "null"}]}
        prop["description"] = f.doc
        props[f.name] = prop
    if m.name in S.SLIDE_KINDS:
        props["kind"] = {"const": m.name, "description": "The slide kind."}
    obj = {
        "type": "object",
        "description": m.doc,
        "properties": props,
        "required": [f.name for f in m.fields if f.required],
        "additionalProperties": False,
    }
    if m.one_of:
        # Given and not blank: the loader reads a blank optional key as absent.
        obj["anyOf"] = [{"required": [name], "properties": {name: {"not": {"type": "null"}}}} for name in m.one_of]
    if m.shorthand:
        short = {**TEXT, "description": f"Shorthand for {{{m.shorthand}: …}}"}
        return {"description": m.doc, "oneOf": [short, {k: v for k, v in obj.items() if k != "description"}]}
    return obj
