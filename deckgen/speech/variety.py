"""No more than three slides in a row that look the same (issue 16).

A report's task part gives ten focus-area slides in a row, a review part six
achievements slides: each is right, together they read as one slide shown ten
times. After derivation, a slide that would be the fourth of a run of look-alike
slides (same kind and style, about as many entries) is shown in another form where
its content allows: a list of two to six items or points as cards (``style:
cards``), KPI cards as a table. The notes keep
every word; only the form changes.
"""

from __future__ import annotations

LOOK_ALIKE_MAX = 3
CARDS_MAX = 6  # a card grid of up to six reads at a glance


def vary_layouts(parts: list[dict]) -> None:
    """Re-form, in place, every slide that would make a run of more than
    :data:`LOOK_ALIKE_MAX` look-alike slides within a part."""
    for part in parts:
        slides = part.get("slides", [])
        run = 0
        for index, slide in enumerate(slides):
            run = run + 1 if index and look_alike(slides[index - 1], slide) else 1
            if run > LOOK_ALIKE_MAX:
                other = _other_form(slide)
                if other is not None:
                    slides[index] = other
                    run = 1


def look_alike(one: dict, other: dict) -> bool:
    """True when two slides look the same: one kind, about as many entries (three and
    four items alike, two and six not; lists of more than six alike)."""
    kind_one, count_one = _look(one)
    kind_other, count_other = _look(other)
    return kind_one == kind_other and abs(count_one - count_other) <= 1


def _look(slide: dict) -> tuple[str, int]:
    """What a slide looks like: its kind (a metrics slide: cards or a table) and how
    many entries it shows."""
    kind = slide.get("kind", "")
    if kind == "metrics" and slide.get("style") == "table" or slide.get("style") == "cards":
        kind = f"{kind}-{slide['style']}"
    count = len(slide.get("items", []) or slide.get("bullets", []) or slide.get("metrics", []) or slide.get("areas", []))
    return kind, min(count, CARDS_MAX + 1) if kind != "statement" else 0


def _other_form(slide: dict) -> dict | None:
    """The slide in another form its content allows, or None."""
    kind = slide.get("kind")
    items = slide.get("items", [])
    entries = items or slide.get("bullets", [])
    if kind in ("achievements", "focus-area", "bullets") and 2 <= len(entries) <= CARDS_MAX and "style" not in slide:
        return _styled(slide, "cards")
    if kind == "metrics" and "style" not in slide and "columns" not in slide:
        return _styled(slide, "table")
    return None


def _styled(slide: dict, style: str) -> dict:
    """``slide`` with ``style`` set, right after its title (where a reader looks)."""
    out: dict = {}
    for key, value in slide.items():
        out[key] = value
        if key == "title":
            out["style"] = style
    out.setdefault("style", style)
    return out


