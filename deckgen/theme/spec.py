"""The theme format, declared as data (validated like outlines, line by line)."""

from __future__ import annotations

from deckgen.outline.spec import Choice, Field, ListOf, Mapping, Text, Value

COLOR_ROLES = {
    "primary": "Brand colour: title accents, section panels, table header.",
    "primary_dark": "Darker brand colour: numbers, emphasis on light backgrounds.",
    "accent": "Second colour: rules and small marks.",
    "text": "Body text.",
    "muted": "Secondary text: details, footer.",
    "background": "Slide background.",
    "surface": "Card and alternate table-row background.",
    "on_primary": "Text on the brand colour.",
    "placeholder": "Highlight for X placeholders still to be filled in.",
    "rule": "Hairlines and card borders.",
}

SIZE_ROLES = {
    "title": "Slide titles: [min, max] points (min ≥ 28).",
    "body": "Body text: [min, max] points (min ≥ 18).",
    "table": "Table text: [min, max] points (min ≥ 14).",
    "footer": "Footer and slide number: [min, max] points (min ≥ 10).",
    "display": "Title-slide, divider and closing lines: [min, max] points.",
}

#: Keys of ``layouts:``: each names one slide kind (``cover`` = ``title``).
LAYOUT_KEYS = (
    "title", "cover", "agenda", "divider", "achievements", "bullets", "metrics", "chart", "focus-areas", "focus-area",
    "statement", "keywords", "picture", "closing",
)

#: Decorations of the cover, section and closing layouts a generated theme can have.
MOTIFS = ("band", "ribbon")

# Floors from the typography rules; a theme cannot go below them.
SIZE_FLOORS = {"title": 28, "body": 18, "table": 14, "footer": 10, "display": 28}

THEME = Mapping(
    "theme",
    (
        Field("name", Text(), "Short name used with --theme.", required=True),
        Field("label", Text(), "Human name shown by `deckgen themes`."),
        Field("description", Text(), "One line about the theme."),
        Field("slide_size", Text(), "16:9 (13.33 × 7.5 in, default) or 4:3 (10 × 7.5 in)."),
        Field(
            "colors",
            Mapping("colors", tuple(Field(k, Text(), v) for k, v in COLOR_ROLES.items())),
            "The palette, as #RRGGBB: every role, unless a template gives the colours.",
        ),
        Field(
            "fonts",
            Mapping(
                "fonts",
                (
                    Field("latin", Text(), "Latin typeface name."),
                    Field("east_asian", Text(), "East-Asian (Chinese) typeface name."),
                    Field("latin_file", Text(), "Path to the Latin font file, for measuring (optional)."),
                    Field("east_asian_file", Text(), "Path to the East-Asian font file, for measuring (optional)."),
                    Field("heading_latin", Text(), "Latin typeface of titles (default: latin)."),
                    Field("heading_east_asian", Text(), "East-Asian typeface of titles, e.g. 黑体 (default: east_asian)."),
                    Field(
                        "body_from_pt",
                        Value(),
                        "Body faces only for running text of at least this size (pt); bold and smaller text take "
                        "the heading faces, e.g. 20 for 仿宋 under 黑体 (default: body faces throughout).",
                    ),
                ),
            ),
            "Typefaces; every run carries both. Required (latin and east_asian) unless a template gives its theme fonts.",
        ),
        Field(
            "sizes",
            Mapping("sizes", tuple(Field(k, ListOf(Value(), min_items=2, max_items=2), v) for k, v in SIZE_ROLES.items())),
            "Font size ranges in points.",
        ),
        Field("logo", Text(), "Path to the logo image, relative to the theme file."),
        Field("motif", Choice(MOTIFS), "Cover, section and closing decoration: band (a plain brand band, default) or ribbon (gold double rules, as on official documents)."),
        Field("footer", Text(), "Footer text; {organisation} and {date} are filled in."),
        Field("slide_number", Text(), "Slide number style: '{n}' (a slide-number field), '第{n}页' or 'none'; no {total}, which no field keeps right."),
        Field("template", Text(), "Your organisation's .pptx/.potx, relative to the theme file: its master, layouts, colours and fonts."),
        Field(
            "layouts",
            Mapping("layouts", tuple(Field(k, Text(), f"Template layout for {k} slides.") for k in LAYOUT_KEYS)),
            "Slide kind -> template layout name, where the automatic choice is wrong; each key maps one kind only.",
        ),
    ),
    doc="A deckgen theme.",
)
