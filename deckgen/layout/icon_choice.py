"""Which icon each item, card and divider shows: the outline's ``icon:``, else one
chosen from the words (:func:`deckgen.layout.icons.choose_icons`), or none."""

from __future__ import annotations

from deckgen.layout.icons import choose_icon


def sibling_icons(texts: list[str], chosen: list[str | None], *, slide_icon: str | None = None) -> list[str | None]:
    """Icons for sibling entries (cards of a grid, items of a slide).

    ``chosen`` holds each entry's own ``icon:`` (a name, ``none`` or None); entries
    without one get an icon from their words, avoiding the icons their siblings
    already show. ``slide_icon: none`` turns every icon of the slide off.
    """
    if slide_icon == "none":
        return [None] * len(texts)
    taken = {name for name in chosen if name and name != "none"}
    auto = iter(choose_icons_avoiding(texts, chosen, taken))
    return [None if own == "none" else own or next(auto) for own in chosen]


def choose_icons_avoiding(texts: list[str], chosen: list[str | None], taken: set[str]) -> list[str]:
    """Icons from the words for the entries without their own, avoiding ``taken``."""
    out: list[str] = []
    for text, own in zip(texts, chosen):
        if own is None:
            name = choose_icon(text, avoid=taken | set(out))
            out.append(name)
    return out


def part_icon(title: str, own: str | None) -> str | None:
    """The icon on a part's divider: its ``icon:``, else chosen from its title."""
    if own == "none":
        return None
    return own or choose_icon(title)

