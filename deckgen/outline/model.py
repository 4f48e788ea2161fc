"""The outline model: what a deck says, independent of how it looks.

Every object keeps ``path`` (e.g. ``parts[0].slides[2]``) so later findings can be
reported at the right line of the user's file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# An X standing alone is a figure still to be filled in: X亿元, X%, X-X, 近X; also the
# full-width Ｘ a Chinese input method types. Not part of a Latin word or code
# (X-ray, X86, TEXT).
PLACEHOLDER_RE = re.compile(r"(?<![A-Za-z0-9])[XＸ](?![A-Za-z0-9]|-[A-Za-z])")


def has_placeholder(text: str | None) -> bool:
    """Return True when ``text`` holds an ``X`` placeholder."""
    return text is not None and PLACEHOLDER_RE.search(text) is not None


@dataclass
class Item:
    headline: str
    detail: str | None = None
    path: str = ""


@dataclass
class Metric:
    indicator: str
    value: str
    unit: str | None = None
    change: str | None = None
    path: str = ""


@dataclass
class Area:
    title: str
    summary: str | None = None
    path: str = ""


@dataclass
class Slide:
    """A content slide. ``kind`` picks the layout; only that kind's fields are used."""

    kind: str
    title: str | None = None
    notes: str | None = None
    items: list[Item] = field(default_factory=list)  # achievements, focus-area
    bullets: list[str] = field(default_factory=list)  # bullets
    metrics: list[Metric] = field(default_factory=list)  # metrics
    headers: list[str] | None = None  # metrics
    areas: list[Area] = field(default_factory=list)  # focus-areas
    number: int | None = None  # focus-area
    text: str | None = None  # statement
    attribution: str | None = None  # statement: who said it (the outline's `source:` key)
    path: str = ""


@dataclass
class Part:
    title: str
    notes: str | None = None
    slides: list[Slide] = field(default_factory=list)
    path: str = ""


@dataclass
class Closing:
    title: str = "谢谢！"
    text: str | None = None
    notes: str | None = None
    path: str = "closing"


@dataclass
class Deck:
    """One outline: metadata, parts in order, closing."""

    title: str
    parts: list[Part]
    subtitle: str | None = None
    organisation: str | None = None
    presenter: str | None = None
    date: str | None = None
    theme: str | None = None
    template: str | None = None  # an organisation's .pptx/.potx, relative to the outline
    notes: str | None = None
    closing: Closing = field(default_factory=Closing)
    outline_file: str = ""  # the outline file, for messages and relative paths


def deck_from_data(data: dict, outline_file: str = "") -> Deck:
    """Build a :class:`Deck` from validated plain data (see :mod:`.validate`)."""
    parts = [_part(p, f"parts[{i}]") for i, p in enumerate(data.get("parts") or [])]
    closing_data = data.get("closing") or {}
    closing = Closing(
        title=closing_data.get("title") or "谢谢！",
        text=closing_data.get("text"),
        notes=closing_data.get("notes"),
    )
    return Deck(
        title=data["title"],
        parts=parts,
        subtitle=data.get("subtitle"),
        organisation=data.get("organisation"),
        presenter=data.get("presenter"),
        date=data.get("date"),
        theme=data.get("theme"),
        template=data.get("template"),
        notes=data.get("notes"),
        closing=closing,
        outline_file=outline_file,
    )


def _part(data: dict, path: str) -> Part:
    slides = [_slide(s, f"{path}.slides[{i}]") for i, s in enumerate(data.get("slides") or [])]
    return Part(title=data["title"], notes=data.get("notes"), slides=slides, path=path)


def _slide(data: dict, path: str) -> Slide:
    items = [Item(i["headline"], i.get("detail"), f"{path}.items[{n}]") for n, i in enumerate(data.get("items") or [])]
    metrics = [
        Metric(m["indicator"], _figure(m["value"]), m.get("unit"), m.get("change"), f"{path}.metrics[{n}]")
        for n, m in enumerate(data.get("metrics") or [])
    ]
    areas = [Area(a["title"], a.get("summary"), f"{path}.areas[{n}]") for n, a in enumerate(data.get("areas") or [])]
    return Slide(
        kind=data["kind"],
        title=data.get("title"),
        notes=data.get("notes"),
        items=items,
        bullets=list(data.get("bullets") or []),
        metrics=metrics,
        headers=data.get("headers"),
        areas=areas,
        number=data.get("number"),
        text=data.get("text"),
        attribution=data.get("source"),
        path=path,
    )


def _figure(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
