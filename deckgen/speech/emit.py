"""Write outline data as YAML a clerk can edit: block style, Chinese as is, notes as ``|``.

The output is deterministic (same data, same bytes) and reads back with
``yaml.safe_load`` to exactly the data written. Keys come in the documented order
whatever order the data was built in: title, subtitle, … at the top; in a slide
``kind`` and ``title`` first and ``notes`` last.
"""

from __future__ import annotations

import yaml

from deckgen.outline import MODELINE_FMT

TOP_ORDER = ("title", "subtitle", "organisation", "presenter", "date", "theme", "notes", "parts", "closing")
PART_ORDER = ("title", "lead", "notes", "slides")
SLIDE_ORDER = (
    "kind", "title", "style", "number", "headers", "metrics", "items", "bullets", "areas", "text", "source", "notes",
)
ITEM_ORDER = ("headline", "detail")
METRIC_ORDER = ("indicator", "value", "unit", "change")
AREA_ORDER = ("title", "summary")
CLOSING_ORDER = ("title", "text", "notes")

# Keys whose text is long prose: written as literal blocks so each paragraph is a line.
_PROSE_KEYS = {"notes"}


class _Literal(str):
    """A string to be written as a ``|`` block."""


class _Dumper(yaml.SafeDumper):
    """Block style, indented sequences (``  - item`` under a key), no aliases."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True


def _literal(dumper: yaml.SafeDumper, text: _Literal):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")


_Dumper.add_representer(_Literal, _literal)


def to_yaml(data: dict) -> str:
    """Return ``data`` (an outline) as YAML text, keys in the documented order."""
    return yaml.dump(
        _ordered_top(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,  # never fold a long Chinese line; editors wrap softly
        indent=2,
    )


def header_comment(source_name: str, title: str, warnings: list[str], schema_ref: str | None) -> str:
    """The comment block that opens an outline file."""
    lines = []
    if schema_ref:
        lines.append(MODELINE_FMT.format(schema=schema_ref))
        lines.append("#")
    lines += [
        f"# Outline derived by `deckgen outline` from {source_name}",
        f"# Speech: {title}",
        "# Edit freely: fill in the X figures, trim headlines and bullets, reorder slides.",
        "# Optional top-level keys: organisation, presenter, date, theme.",
        "#",
        "# Build:  deckgen build THIS.yaml   (THIS.yaml = this file)",
        "# Check:  deckgen check THIS.yaml",
    ]
    if warnings:
        lines.append("#")
        lines += [f"# Note: {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def _ordered(mapping: dict, order: tuple[str, ...]) -> dict:
    """``mapping`` with keys in ``order``; unknown keys keep their place at the end."""
    out = {key: mapping[key] for key in order if key in mapping}
    out.update({key: value for key, value in mapping.items() if key not in out})
    return {key: _Literal(value) if key in _PROSE_KEYS and isinstance(value, str) and _can_be_literal(value) else value for key, value in out.items()}


def _can_be_literal(text: str) -> bool:
    # YAML cannot hold trailing spaces on a line or tabs at a line start in a block
    # scalar the way we want; such text is written quoted instead (it still loads back).
    return bool(text.strip()) and not any(line != line.rstrip(" \t") or line.startswith(" ") for line in text.split("\n"))


def _ordered_top(data: dict) -> dict:
    top = _ordered(data, TOP_ORDER)
    if "parts" in top:
        top["parts"] = [_ordered_part(p) for p in top["parts"]]
    if isinstance(top.get("closing"), dict):
        top["closing"] = _ordered(top["closing"], CLOSING_ORDER)
    return top


def _ordered_part(part: dict) -> dict:
    part = _ordered(part, PART_ORDER)
    if "slides" in part:
        part["slides"] = [_ordered_slide(s) for s in part["slides"]]
    return part


def _ordered_slide(slide: dict) -> dict:
    slide = _ordered(slide, SLIDE_ORDER)
    for key, order in (("items", ITEM_ORDER), ("metrics", METRIC_ORDER), ("areas", AREA_ORDER)):
        if key in slide:
            slide[key] = [_ordered(x, order) if isinstance(x, dict) else x for x in slide[key]]
    return slide
