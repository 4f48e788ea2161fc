"""The outline: the YAML file people edit, its model, loader and JSON Schema."""

# The modeline an outline carries so YAML-aware editors (VS Code's YAML extension and
# others built on yaml-language-server) complete keys and flag mistakes while typing.
# ``{schema}`` is a path relative to the outline file, or a URL.
MODELINE_FMT = "# yaml-language-server: $schema={schema}"

# The file name `deckgen schema` and `deckgen outline` write the schema under.
SCHEMA_FILENAME = "outline.schema.json"


def load_outline(path):
    """Load and validate an outline file; see :func:`deckgen.outline.loader.load_outline`."""
    from deckgen.outline.loader import load_outline as _load

    return _load(path)
